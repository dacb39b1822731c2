#!/bin/sh
# What the screen tells a new user, driven in tmux: where the help is, the
# list's filter prompt and names, the status line's fields, the panes
# beside (not over) the article, a colour for each type of name, a search
# that cannot be made, and a folder with link loops.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tmux.sh"
srcdir="${TESTS_SRCDIR:-$(dirname "$0")}/.."
g="$srcdir/tests/golden"
cp "$g/english.txt" "$scratch/english.txt"

# 1. A fresh start says where the help is, and that key shows it.
start 80 24 "$MAQAL --tour"
wait_for "tour  §"
status | grep -q "h: help"
ok $? "a fresh start shows 'h: help' on the status line"
screen | grep -q "Press h at any time to see every key"
ok $? "the tour teaches h, the key that shows the help"
tm send-keys -t t h
wait_for "keys in an article"
ok $? "h shows every key"
tm send-keys -t t q
wait_for "tour  §"
tm send-keys -t t j
settle
status | grep -q "h: help"
ok $((! $?)) "the hint goes with the first key"
grep -i "press ? \|^\.B ?$" "$srcdir/doc/maqal.1" "$srcdir/data/tour.txt" | grep -q .
ok $((! $?)) "neither the man page nor the tour says ? shows the keys"

# 2. The list: file names beside titles; the filter prompt is the prompt
# editor (Arabic joined, in visual order); Esc clears the filter.
mkdir "$scratch/arts"
printf 'مقالة عن القاهرة\n\nنص.\n' > "$scratch/arts/cairo.txt"
printf 'An article on Paris\n\nText.\n' > "$scratch/arts/paris.md"
start 80 24 "$MAQAL arts"
wait_for "2 of 2 articles"
screen | grep -q "cairo.txt.*$(visible 'مقالة عن القاهرة')" &&
	screen | grep -q "paris.md  *An article on Paris"
ok $? "the list shows each file's name and its title"
tm send-keys -t t / "القا"
i=0
while [ $i -lt 100 ] && screen | grep -q "paris.md"; do sleep 0.05; i=$((i + 1)); done
screen | grep -q "paris.md"
ok $((! $?)) "typing in the filter narrows the list as it goes"
status | grep -q "^/ *$(visible 'القا')"
ok $? "the filter prompt shows typed Arabic joined and in visual order"
tm send-keys -t t Enter
wait_for "1 of 2 articles"
tm send-keys -t t Escape
wait_for "2 of 2 articles"
ok $? "Esc in the list clears the filter"
status | grep -q "unknown key"
ok $((! $?)) "and is not an unknown key"
tm send-keys -t t / "PARIS.MD" Enter
wait_for "1 of 2 articles"
ok $? "the filter matches file names, folded for case"
tm send-keys -t t q

# 3. The status line: the section title is cut with … at a grapheme, and
# kept apart from the position on its right.
{
	printf '# T\n\n## A very long section heading about free software licences and more\n\n'
	seq 1 30 | sed 's/$/ body./; G'
	printf '## الفصل الأول من الكتاب الطويل جدا في التاريخ العربي\n\n'
	seq 1 30 | sed 's/$/ نص./; G'
} > "$scratch/long.md"
start 50 10 "$MAQAL long.md"
wait_for "long.md"
tm send-keys -t t ']' j
wait_status "§2/3"
status | grep -q "§2/3 A very long sect[a-z ]*…  *line [0-9]"
ok $? "a long Latin title ends in … and a space before 'line'"
tm send-keys -t t ']' j
wait_status "§3/3"
status | grep -q "§3/3 …[^ ].*$(visible 'الفصل') *line [0-9]"
ok $? "a long Arabic title keeps its start (on the right) and is cut at its end (…)"
[ "$(status | sed 's/ *$//' | tr -d '\n' | wc -m)" -le 50 ]
ok $? "the status line fits the terminal"

# 4. Panes narrow the article: the text beside the pane is laid out again
# at the width left, not hidden behind the pane.
start 80 24 "$MAQAL english.txt"
wait_for "english.txt  §"
tm send-keys -t t o
wait_for "│"
settle
got=$(screen | head -n 22 | sed 's/^[^│]*│//; s/ *$//' | grep -v '^$' | head -n 5)
w=$(screen | head -n 1 | sed 's/│.*//' | awk '{ print 80 - length($0) - 1 }')
want=$("$MAQAL" --dump -w "$w" "$scratch/english.txt" | grep -v '^$' | head -n 5 | sed 's/ *$//')
same "$got" "$want" "with the outline open the article is laid out at the $w columns left"
tm send-keys -t t o E
wait_for "MISC\|PLACE\|PERSON\|ORG\|no names"
settle
w=$(screen | head -n 1 | sed 's/│.*//' | awk '{ print 80 - length($0) - 1 }')
got=$(screen | head -n 22 | sed 's/^[^│]*│//; s/ *$//' | grep -v '^$' | head -n 3)
want=$("$MAQAL" --dump -w "$w" "$scratch/english.txt" | grep -v '^$' | head -n 3 | sed 's/ *$//')
same "$got" "$want" "and so with the names pane ($w columns)"
# Right-to-left text beside a pane ends at the screen's right edge.
start 80 24 "$MAQAL $g/arabic.txt"
wait_for "arabic.txt"
tm send-keys -t t o
wait_for "│"
settle
screen | head -n 5 | grep -q "[^ ]$"
ok $? "right-to-left lines beside the pane still end at the right edge"

# 5. Every type of name has its own colour, and headings none of them.
start 80 70 "$MAQAL english.txt"
wait_for "english.txt  §"
tm send-keys -t t h
wait_for "keys in an article"
settle
styles=$(screen -e | grep -E "(PERSON|ORG|PLACE|MONEY|DATE|PERCENT|MISC)" |
	sed 's/\(PERSON\|ORG\|PLACE\|MONEY\|DATE\|PERCENT\|MISC\).*//; s/^.*\(\x1b\[[0-9;]*m\)/\1/')
same "$(printf '%s\n' "$styles" | grep -c .):$(printf '%s\n' "$styles" | sort -u | grep -c .)" "7:7" \
	"the legend shows seven types in seven different colours"
tm send-keys -t t q
printf '# Title\n\nText.\n\n## A heading\n\nMore text.\n' > "$scratch/h.md"
start 80 24 "$MAQAL h.md"
wait_for "A heading"
settle
screen -e | grep "A heading" | grep -q '\[3[0-7]m'
ok $((! $?)) "a heading is drawn in no name's colour"

# 6. A search needs no copy of the text: under a memory limit a 60 MB
# article opens and / searches it, counting its matches between keys; what
# is typed at the prompt stays there (/Gquote must not run G, q).
yes "Searching for words in a long article, with Paris and London." | head -c 60000000 > "$scratch/mem.txt"
if (ulimit -v 230000 && "$MAQAL" --version) > /dev/null 2>&1; then
	start 80 24 "ulimit -v 230000; $MAQAL --model none mem.txt"
	if poll_screen 10 "mem.txt  §"; then
		tm send-keys -t t "/Gquote"
		poll_screen 20 "^/Gquote .*no match"
		ok $? "under a memory limit / searches a 60 MB article (no match for Gquote), what was typed staying in the prompt"
		tm send-keys -t t Escape
		wait_status "line 1 "
		ok $? "Esc leaves the prompt where the reader was (G did not run)"
		tm has-session -t t && screen | grep -q "Searching for words"
		ok $? "and the reader is still there (q did not run)"
		tm send-keys -t t "/london" Enter
		poll_screen 20 "match 1/100000+"
		ok $? "its matches are counted to the cap, the first one shown"
	else
		ok 0 "# SKIP the reader does not open under the limit"
	fi
else
	ok 0 "# SKIP a memory limit cannot be set here (a sanitizer build)"
fi
rm -f "$scratch/mem.txt"

# 7. A file name with escapes in it is shown with placeholders in the
# reader too: the terminal's title does not change.
printf 'hello\n' > "$scratch/$(printf 'e\033]0;PWNED\007.txt')"
start 80 24 "$MAQAL e*.txt"
wait_for "hello"
settle
title_kept "a file name cannot retitle the terminal"
status | grep -q "e␛\]0;PWNED␇.txt"
ok $? "the status line shows the name with ␛ and ␇"

# 8. A folder with link loops and a link to /: the list at once, each once.
mkdir -p "$scratch/loops/sub"
printf 'First\n\nText.\n' > "$scratch/loops/one.txt"
printf 'Second\n\nText.\n' > "$scratch/loops/sub/two.md"
ln -s . "$scratch/loops/s1"; ln -s . "$scratch/loops/s2"; ln -s / "$scratch/loops/root"
start 80 24 "$MAQAL loops"
poll_screen 10 "2 of 2 articles"
ok $? "a folder with link loops and a link to / lists its two articles"
tm send-keys -t t q
done_testing
