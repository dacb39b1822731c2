#!/bin/sh
# Search in the terminal UI, driven in tmux: incremental / and ?, every
# match lit and the current one distinct, n/N with wrapping and the count,
# Esc putting the view back, Arabic folding, the prompt's editing (by
# grapheme, in visual order, history), exact and regex modes, the section
# scope, and searching for a name from the names pane.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tmux.sh"

cat > "$scratch/s.md" <<'EOF2'
Search test

## One

First line about OpenAI and the market.

قال جدلًا إن أمريكا ستتغير، وقال openai كذلك.

## Two

Another OPENAI line with 2030 و٢٠٣٠.
EOF2

# 1. Incremental search: every match lights up while typing.
start 80 24 "$MAQAL s.md"
wait_for "Search test"
settle
tm send-keys -t t /
wait_for "^/"
tm send-keys -t t -l "open"
wait_for "match 1/3"
ok $? "typing /open counts 3 matches while typing"
same "$(lit 42)" "Open" "the current match is lit distinctly (green)"
same "$(lit 43 | sort | tr '\n' ' ')" "OPEN open " "the other matches are lit (yellow), case folded"
tm send-keys -t t Enter
wait_for "s.md.*match 1/3"
ok $? "Enter keeps the search; the status line shows match 1/3"

# 2. n and N, wrapping with a notice.
tm send-keys -t t n
wait_for "match 2/3"
ok $? "n goes to the next match"
same "$(lit 42)" "open" "and it is the one lit as current"
tm send-keys -t t n n
wait_for "wrapped to the start"
status | grep -q "match 1/3"
ok $? "n after the last wraps to the first, with a notice"
tm send-keys -t t N
wait_for "wrapped to the end"
status | grep -q "match 3/3"
ok $? "N before the first wraps to the last"

# 3. Arabic folding: hamza, harakat, digits.
tm send-keys -t t /
wait_for "^/"
tm send-keys -t t -l "امريكا"
wait_for "match 1/1"
same "$(lit 42)" "$(visible 'أمريكا')" "امريكا finds and lights exactly أمريكا"
tm send-keys -t t Escape
settle
tm send-keys -t t /
wait_for "^/"
tm send-keys -t t -l "جدلا"
wait_for "match 1/1"
same "$(lit 42)" "$(visible 'جدلًا')" "جدلا lights جدلًا with its tanween"
tm send-keys -t t C-u
tm send-keys -t t -l "٢٠٣٠"
wait_for "match 1/2"
ok $? "٢٠٣٠ finds 2030 and ٢٠٣٠"
tm send-keys -t t Enter

# 4. The prompt: history, editing by grapheme, mixed text in visual order.
tm send-keys -t t /
wait_for "^/"
tm send-keys -t t Up
wait_for "^/٢٠٣٠"
ok $? "Up brings back the last search"
tm send-keys -t t Up
wait_for "^/open"
ok $? "and the one before (a search left with Esc is not kept)"
tm send-keys -t t C-u
tm send-keys -t t -l "abc"
tm send-keys -t t Left Left
tm send-keys -t t -l "X"
wait_for "^/aXbc"
ok $? "Left moves the cursor; typing inserts there"
tm send-keys -t t C-u
tm send-keys -t t -l "جَ"
tm send-keys -t t BSpace
settle
same "$(status | sed 's/ *$//')" "/" "Backspace deletes a letter with its haraka (one grapheme)"
tm send-keys -t t -l "قال Open"
wait_for "match"
same "$(status | sed 's/^\///; s/  *match.*//; s/^ *//')" "$(visible 'قال Open')" \
    "a mixed pattern shows in visual order"
tm send-keys -t t Escape

# 5. Esc puts the view back where it was.
{ echo "Long article"; echo; i=0; while [ $i -lt 80 ]; do echo "filler line $i"; echo; i=$((i + 1)); done; echo "the needle is here"; } > "$scratch/long.txt"
start 80 24 "$MAQAL long.txt"
wait_for "Long article"
top=$(rows 1)
tm send-keys -t t /
tm send-keys -t t -l "needle"
wait_for "needle is here"
[ "$(rows 1)" != "$top" ]
ok $? "the view follows the match while typing"
tm send-keys -t t Escape
settle
same "$(rows 1)" "$top" "Esc puts the view back"
tm send-keys -t t G
settle
tm send-keys -t t '?'
tm send-keys -t t -l "filler line 6"
wait_for "match [0-9]*/11"
status | grep -q "match 11/11"
ok $? "? searches backward: the last match above the view (filler line 69 of 6, 60-69)"
tm send-keys -t t Escape

# 6. Exact and regex modes (Ctrl-R), and the section scope (S).
start 80 24 "$MAQAL s.md"
wait_for "Search test"
tm send-keys -t t /
tm send-keys -t t C-r
wait_for "^/(exact)"
tm send-keys -t t -l "OPENAI"
wait_for "match 1/1"
ok $? "Ctrl-R: exact search is case-sensitive (1 match)"
tm send-keys -t t C-r
wait_for "^/(regex)"
tm send-keys -t t C-u
tm send-keys -t t -l "[0-9]{4}"
wait_for "match 1/1"
ok $? "Ctrl-R again: regex (2030; ٢٠٣٠ is not [0-9])"
tm send-keys -t t C-u
tm send-keys -t t -l "("
wait_for "bad regular expression"
ok $? "a bad regex is reported while typing, not fatal"
tm send-keys -t t C-r Escape
settle
tm send-keys -t t 2
settle
tm send-keys -t t S
wait_for "(section)"
tm send-keys -t t -l "openai"
wait_for "match 1/2"
ok $? "S searches the current section only (2 of 3 matches)"
tm send-keys -t t Enter

# 7. A match that crosses a bidi run and a line break is lit on exactly
# its cells: a Latin name inside Arabic text, and an Arabic phrase, each
# split over two lines at some width.
printf '%s\n' "قال رئيس الشركة إن Elon Musk سيزور أمريكا ستتغير فيها الأمور كثيرا بعد الزيارة المقبلة للوفد." > "$scratch/split.txt"
a1=$(visible 'أمريكا'); a2=$(visible 'ستتغير')
find_width() {	# find_width LEFT RIGHT: a width putting LEFT and RIGHT on consecutive lines
	for w in $(seq 16 70); do
		"$MAQAL" --dump -w $w "$scratch/split.txt" | awk -v w=$w -v l="$1" -v r="$2" '
			index($0, l) && !index($0, r) { a = NR }
			index($0, r) && !index($0, l) && a == NR - 1 { print w; exit }'
	done | head -n 1
}
w=$(find_width Elon Musk)
start "${w:-30}" 12 "$MAQAL split.txt"
wait_for "Musk"
tm send-keys -t t /
tm send-keys -t t -l "elon musk"
wait_for "match 1"	# (a narrow status line cuts "match 1/1")
same "$(lit 42 | tr '\n' ' ')" "Elon Musk " "elon musk split at width $w: lit on Elon and Musk, nothing else"
tm send-keys -t t Escape
w=$(find_width "$a1" "$a2")
start "${w:-30}" 12 "$MAQAL split.txt"
wait_for "Musk"
tm send-keys -t t /
tm send-keys -t t -l "امريكا ستتغير"
wait_for "match 1"
same "$(lit 42 | sed 's/^ *//; s/ *$//' | sort | tr '\n' ' ')" "$(printf '%s\n' "$a1" "$a2" | sort | tr '\n' ' ')" \
    "an Arabic phrase split at width $w: lit on its two words, nothing else"

tm send-keys -t t Escape

# 8. A name picked in the names pane is searched for.
start 80 24 "$MAQAL s.md"
wait_for "Search test"
tm send-keys -t t E
wait_for "ORG"
settle
# select the OpenAI row: move down until the reverse-video row holds it
i=0
while [ $i -lt 20 ] && ! reversed | grep -q "OpenAI"; do tm send-keys -t t j; settle; i=$((i + 1)); done
tm send-keys -t t /
wait_for "match 1/3"
ok $? "/ on a name in the pane searches for it (3 matches of OpenAI, folded)"

# 9. A long search shows its first match at once and counts on between
# keys: the status line says "match 1/1..." until the count is done.
{
	echo "A needle at the top."
	yes "Searching for words in a long article, with Paris and London." | head -c 40000000
	echo "A needle at the end."
} > "$scratch/big.txt"
start 80 24 "$MAQAL --model none big.txt"
wait_for "needle at the top"
tm send-keys -t t "/needle" Enter
poll_screen 30 "match 1/2 "
ok $? "a search of 40 MB counts both matches, the first one shown"
tm send-keys -t t n
wait_for "match 2/2"
ok $? "n goes to the match at the end"
screen | grep -q "needle at the end"
ok $? "which is on screen"
rm -f "$scratch/big.txt"

done_testing
