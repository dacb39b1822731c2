#!/bin/sh
# The terminal UI, driven for real in tmux: start maqal in a detached
# session of fixed size, type with send-keys, read with capture-pane, and
# assert on what a user sees.  Waits poll the screen; nothing sleeps blind.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
srcdir="${TESTS_SRCDIR:-$(dirname "$0")}/.."
. "${TESTS_SRCDIR:-$(dirname "$0")}/tmux.sh"

english="$srcdir/tests/golden/english.txt"
cp "$english" "$scratch/english.txt"

# 1. The first screen matches --dump for those rows (the tour: 60+ rows).
# dump_rows N ARGS...: the first N rows --dump gives, padded to N.
dump_rows() {
	n=$1
	shift
	{ "$MAQAL" --dump "$@" | head -n "$n"; yes '' | head -n "$n"; } | head -n "$n" | sed 's/ *$//'
}
start 80 24 "$MAQAL --tour"
wait_for "tour"
settle
dump_rows 23 --width=80 --tour > "$scratch/want"
rows 23 > "$scratch/got"
cmp -s "$scratch/got" "$scratch/want"
ok $? "the tour's first screen is what --dump --width=80 shows"
seed="${MAQAL_CORPUS:-../shared/corpus}/seed/000_931d8a7ff9def04e.txt"
if [ -r "$seed" ]; then
	cp "$seed" "$scratch/seed.txt"
	start 80 24 "$MAQAL seed.txt"
	wait_for "seed.txt"
	settle
	dump_rows 23 --width=80 "$seed" > "$scratch/want"
	rows 23 > "$scratch/got"
	cmp -s "$scratch/got" "$scratch/want"
	ok $? "the seed article's first screen matches its dump (Arabic, bullets right)"
	diff "$scratch/want" "$scratch/got" | head -5 | sed 's/^/# /'

	# 2. Paging down and back returns to the same screen.
	first=$(rows 23)	# (the status line's first hint goes with the first key)
	tm send-keys -t t Space
	settle
	paged=$(rows 23)
	tm send-keys -t t b
	settle
	[ "$paged" != "$first" ] && [ "$(rows 23)" = "$first" ]
	ok $? "Space then b returns to the same screen"
	tm send-keys -t t G
	wait_for "(END)"
	last=$("$MAQAL" --dump --width=80 "$seed" | tail -n 1 | sed 's/^ *//')
	screen | grep -qF -- "$last"
	ok $? "G shows the last paragraph"
	tm send-keys -t t g
	settle
	same "$(rows 23)" "$first" "g goes back to the start"
	tm send-keys -t t d
	settle
	same "$(rows 1)" "$("$MAQAL" --dump --width=80 "$seed" | sed -n 12p | sed 's/ *$//')" \
		"d scrolls half a page (11 of 23 rows)"
	tm send-keys -t t u
	settle
	same "$(rows 23)" "$first" "u scrolls back up half a page"
else
	echo "# seed article not found: its screens are not checked"
fi

# Resize keeps the paragraph at the top at the top.
start 80 24 "$MAQAL --tour"
wait_for "tour"
tm send-keys -t t j j j j j j j j
settle
top80=$(rows 1)
same "$top80" "$("$MAQAL" --dump --width=80 --tour | sed -n 9p | sed 's/ *$//')" \
	"j moves one row at a time (8 rows down)"
tm resize-window -t t -x 50 -y 20
i=0; while [ $i -lt 100 ] && [ "$(screen | head -n 1 | wc -L)" -gt 50 ]; do sleep 0.05; i=$((i+1)); done
settle
# The line's first word in reading order: at the right of a right-aligned
# (right-to-left) line, else at the left.
case "$top80" in
' '*) word=$(printf '%s\n' "$top80" | awk '{ print $NF }') ;;
*) word=$(printf '%s\n' "$top80" | awk '{ print $1 }') ;;
esac
rows 1 | grep -qF -- "$word"
ok $? "after a resize to 50x20 the text that was at the top is still at the top"
widest=$(rows 19 | wc -L)
[ "$widest" -le 50 ]
ok $? "and every row fits 50 columns (widest $widest)"

# Any size works, down to 1x1, and the view comes back whole.
for size in "1 1" "2 1" "1 3" "5 2" "13 4"; do
	set -- $size
	tm resize-window -t t -x "$1" -y "$2"
	settle
done
tm resize-window -t t -x 80 -y 24
wait_for "tour"
settle
tm list-panes -t t -F '#{pane_dead}' | grep -q 0
ok $? "tiny sizes (1x1, 2x1, 1x3, 5x2) do not kill it"
wait_status "tour"
ok $? "and the status line is back at 80x24"

# 3. Help lists every key, and every key listed is handled.
start 80 30 "$MAQAL english.txt english.txt"
wait_for "articles"
tm send-keys -t t Enter
wait_for "english.txt  §"; settle
tm send-keys -t t h
wait_for "keys in an article"
# the help pages on with Space while its status says there is more
: > "$scratch/keys"
pages=0
while :; do
	settle
	screen | sed -n '3,29p' | cut -c3-21 | sed 's/ *$//' | grep -v '^$' >> "$scratch/keys"
	pages=$((pages + 1))
	status | grep -q "Space: more" && [ $pages -lt 10 ] || break
	tm send-keys -t t Space
done
status | grep -q "press any key to go back"
ok $? "the help pages to its end ($pages pages)"
n=$(sort -u "$scratch/keys" | wc -l)
[ "$n" -ge 30 ]
ok $? "the help lists the article keys ($n lines)"
grep -qx "PERSON" "$scratch/keys" && grep -qx "PLACE" "$scratch/keys"
ok $? "the help has the legend of name colours"
tm send-keys -t t Escape
settle
unknown=""
for label in $(sort -u "$scratch/keys" | grep -v '^\(Names:\|PERSON\|ORG\|PLACE\|MONEY\|DATE\|PERCENT\|MISC\)$' | tr -s ' ' '\n' |
    grep -v '^mouse$\|^wheel$\|^Q$'); do
	case "$label" in
	Down|Up|Home|End|Enter|Space|F1|Tab) keys=$label ;;
	Shift-Tab) keys=BTab ;; Esc) keys=Escape ;;
	PgDn) keys=NPage ;; PgUp) keys=PPage ;; Backspace) keys=BSpace ;;
	Ctrl-L) keys=C-l ;; :n) keys=": n" ;; :p) keys=": p" ;; 1-9) keys=5 ;;
	*) keys=$label ;;
	esac
	if [ ${#keys} -eq 1 ]; then
		tm send-keys -t t -l "$keys"	# literally: tmux reads { } ; itself
	else
		tm send-keys -t t $keys
	fi
	settle
	status | grep -q "unknown key" && unknown="$unknown $label"
	# help, panes and the list are left so the next key meets the article again
	screen | grep -q "to go back" && { tm send-keys -t t Escape; settle; }
	status | grep -q '^[/?]' && { tm send-keys -t t Escape; settle; }	# a search prompt
	screen | grep -q "│" && { tm send-keys -t t Escape; settle; }
	status | grep -q "articles" && { tm send-keys -t t Enter; settle; }
done
same "$unknown" "" "every key in the help is handled"
tm send-keys -t t z
wait_for "unknown key"
ok $? "(an unbound key is reported, so the check above can fail)"
# A letter past ASCII (an Arabic keyboard left on) is one key, named as
# itself; before the loop read wide characters it came as bytes (M-X).
tm send-keys -t t -l "ب"
wait_status "unknown key [بﺏ] (press"	# (ﺏ: shaped, as maqal draws it)
ok $? "an Arabic letter typed in the reader is one unknown key, shown as itself"
# The help is a mode of the loop: a resize redraws it, it stays open.
tm send-keys -t t h
wait_for "to go back"
tm resize-window -t t -x 70 -y 20
settle
screen | grep -q "to go back"
ok $? "the help stays open through a resize"
tm send-keys -t t q
settle
screen | grep -q "to go back"
ok $((! $?)) "and any other key closes it"

# 4. A directory of three articles opens the list; Enter opens the second;
# q returns to the list with the second still selected.
mkdir -p "$scratch/dir/sub"
printf 'First article\n\nalpha\n' > "$scratch/dir/a.txt"
printf 'مقال ثان\n\nbeta\n' > "$scratch/dir/b.md"
printf 'Third one\n\ngamma\n' > "$scratch/dir/sub/c.txt"
printf 'not an article\n' > "$scratch/dir/notes.log"
start 80 24 "$MAQAL dir/"
wait_for "3 of 3 articles"
ok $? "a directory opens a list of its three articles"
screen | grep -q "First article" && screen | grep -q "Third one" && screen | grep -q "ﻥﺎﺛ ﻝﺎﻘﻣ"
ok $? "rows show titles, the Arabic one laid out right-to-left and shaped"
tm send-keys -t t j Enter
wait_for "dir/b.md"
screen | grep -q "beta"
ok $? "Enter on the second row opens the second article"
tm send-keys -t t q
wait_for "3 of 3 articles"
screen -e | grep "ﻥﺎﺛ ﻝﺎﻘﻣ" | grep -q "$(printf '\033')\[7m"
ok $? "q returns to the list with the second row still selected"
tm send-keys -t t Enter ':' 'n'
wait_for "sub/c.txt"
ok $? ":n goes to the next article"
tm send-keys -t t q
wait_for "3 of 3 articles"
tm send-keys -t t '/' T h i r Enter
wait_for "1 of 3 articles"
ok $? "/ filters the list by title"

# 5. Hostile text: the pane title is unchanged, the screen intact, the
# controls shown as placeholders.
printf 'safe line one\n\n\033]0;PWNED\007 title \033[2J clear \342\200\256RLO here\n\nsafe line three\n' > "$scratch/hostile.txt"
start 80 24 "$MAQAL hostile.txt"
wait_for "hostile.txt"
settle
title_kept "the pane title is unchanged"
screen | grep -q "^safe line one" && screen | grep -q "^safe line three"
ok $? "the screen is intact around the hostile line"
screen | grep -q "␛]0;PWNED␇ title ␛\[2J clear ereh OLR"
ok $? "ESC and BEL are shown as ␛ and ␇; the RLO acts but is not written"

# 6. q, Ctrl-C, Ctrl-\\ and every signal that ends maqal leave the shell usable.  (An interactive shell
# drops the rest of a command line whose command died of SIGINT, so the
# prompt, not an echo, tells that maqal is gone.)
for how in q C-c ctrl-backslash TERM HUP SEGV QUIT USR1 USR2 ALRM XCPU XFSZ PIPE VTALRM PROF SYS RTMIN; do
	start 80 24 "$MAQAL english.txt"
	wait_for "english.txt  §"; settle
	case "$how" in
	q|C-c) tm send-keys -t t "$how" ;;
	ctrl-backslash) tm send-keys -t t -H 1c ;;
	*) pkill -"$how" -f "$MAQAL english.txt" ;;
	esac
	i=0
	while [ $i -lt 100 ] && pgrep -f "$MAQAL english.txt" > /dev/null; do
		sleep 0.05
		i=$((i + 1))
	done
	pgrep -f "$MAQAL english.txt" > /dev/null
	ok $((! $?)) "$how ends maqal"
	settle
	screen | grep -q "The Reading Room"
	ok $((! $?)) "after $how the article is gone from the screen"
	tm send-keys -t t "stty -a | grep -o ' icanon\| echo ' | tr -d ' \\n'; echo" Enter
	wait_for "^icanonecho$"
	ok $? "after $how the terminal is back in cooked mode with echo"
done

# Ctrl-Z hands the terminal back to the shell; fg brings the view back, at
# the size the terminal has by then.
start 80 24 "$MAQAL english.txt"
wait_for "english.txt  §"; settle
tm send-keys -t t C-z
wait_for "Stopped"
ok $? "Ctrl-Z suspends maqal"
screen | grep -q "The Reading Room"
ok $((! $?)) "and the article is gone from the screen"
tm send-keys -t t "stty -a | grep -o ' icanon\| echo ' | tr -d ' \\n'; echo" Enter
wait_for "^icanonecho$"
ok $? "the suspended reader left the terminal in cooked mode with echo"
tm send-keys -t t "clear" Enter
tm resize-window -t t -x 50 -y 15
tm send-keys -t t "fg" Enter
wait_for "english.txt  §"; settle
[ "$(rows 1)" = "The Reading Room" ] && rows 3 | tail -n 1 | grep -q "^Libraries have always been more than rooms full of$"
ok $? "fg redraws the view, wrapped to the width the terminal has now"
tm send-keys -t t q
wait_for "^\\$ *$\|^# *$"
pgrep -f "$MAQAL english.txt" > /dev/null
ok $((! $?)) "and q still quits"

# Reading from a pipe: keys come from the terminal.
start 80 24 "cat english.txt | $MAQAL; echo exited-\$?"
wait_for "(standard input)"
screen | grep -q "^The Reading Room"
ok $? "a pipe into maqal opens the view"
tm send-keys -t t q
wait_for "exited-0"
ok $? "and q quits it"

# A locale that is not UTF-8: maqal switches to C.UTF-8 and says so.
start 80 24 "LC_ALL=C LANG=C $MAQAL english.txt"
wait_for "not UTF-8: using C.UTF-8"	# (the command line holds "english.txt")
settle
status | grep -q "not UTF-8: using C.UTF-8"
ok $? "a non-UTF-8 locale is replaced by C.UTF-8, with a notice"
screen | grep -q "^The Reading Room"
ok $? "and the article shows"

# A list of thousands of files opens at once: titles are read only for
# the rows on screen (the others are not even opened).
mkdir "$scratch/many"
i=0
while [ $i -lt 3000 ]; do
	printf 'Article number %d\n\nbody\n' $i > "$scratch/many/$(printf %05d $i).txt"
	i=$((i + 1))
done
chmod 000 "$scratch/many/02999.txt"
start 80 24 "$MAQAL many"
wait_for "3000 of 3000 articles"
ok $? "a directory of 3000 articles opens its list"
screen | grep -q "Article number 0$" && ! screen | grep -q "Permission denied"
ok $? "rows on screen have titles; unreadable ones off screen are not touched"
tm send-keys -t t G
wait_for "02999.txt"
if [ "$(id -u)" -ne 0 ]; then
	screen | grep -q "02999.txt: Permission denied"
	ok $? "an unreadable file shows why in its row"
fi
tm send-keys -t t g
wait_for "Article number 0$"
ok $? "G and g move through the list"

# Sections: jumps, the sticky heading, the outline pane (the tour has a
# title, key points, an introduction and seven headings).
h5="ﺔﻟﻮﺻﻮﻤﻟﺍ ﺔﻴﺑﺮﻌﻟﺍ ﻑﻭﺮﺤﻟﺍ"
start 80 24 "$MAQAL --tour"
wait_for "§1/10"
ok $? "the status line shows the section: §1/10"
tm send-keys -t t -l ']'
wait_for "§2/10 Key points"
ok $? "] goes to the next section (the key points)"
tm send-keys -t t 5
wait_for "§5/10"
rows 1 | grep -qF "$h5"
ok $? "5 puts section 5's heading at the top"
screen -e | grep -F "$h5" | grep -q "$(printf '')\[1m"
ok $? "the heading is drawn bold"
tm send-keys -t t j j j
settle
rows 1 | grep -qF "$h5" && status | grep -q "§5/10"
ok $? "inside the section its heading stays at the top (sticky)"
tm send-keys -t t -l '['
settle
rows 1 | grep -qF "$h5" && [ "$(rows 2 | tail -n 1)" = "" ]
ok $? "[ goes back to the start of the section"
tm send-keys -t t -l '}'
wait_for "§6/10 Sections and structure"
ok $? "} goes to the next section of the same level"
tm send-keys -t t -l '{'
wait_for "§5/10"
ok $? "{ goes back to the previous one"
tm send-keys -t t -l 'o'
wait_for "Key points"
screen | grep -q "^>.*$h5"
ok $? "o opens the outline with the current section marked"
screen | grep -qF "Safe by design"
ok $? "the outline lists every section"
tm send-keys -t t j j Enter
wait_for "§7/10"
rows 1 | grep -qF "ﻝﺎﻘﻤﻟﺍ ﻲﻓ ءﺎﻤﺳﻷﺍ"
ok $? "j j Enter in the outline goes to section 7 and closes it"
screen | grep -q "Key points"
ok $((! $?)) "the outline is closed"

# Markdown: emphasis is drawn as attributes, the asterisks are not shown.
printf '# Title\n\nSome **strong** words and *slanted* ones.\n' > "$scratch/m.md"
start 80 24 "$MAQAL m.md"
wait_for "m.md"
wait_for "^Some strong"
settle
screen | grep -q "^Some strong words and slanted ones.$"
ok $? "Markdown markers are not shown"
screen -e | grep "Some" | grep -q "$(printf '\033')\[1mstrong"
ok $? "**strong** is bold"
screen -e | grep "Some" | grep -q "$(printf '\033')\[3mslanted"
ok $? "*slanted* is italic"

# NO_COLOR: attributes stay, colours go.
for nc in "" "NO_COLOR=1"; do
	start 80 24 "$nc $MAQAL english.txt"
	wait_for "english.txt  §"; settle
	tm send-keys -t t h
	wait_for "keys in an article"
	if screen -e | grep -q "$(printf '\033')\[3[0-7]m"; then c=colour; else c=none; fi
	want=colour; [ -n "$nc" ] && want=none
	same "$c" "$want" "help colours with '${nc:-colours allowed}'"
	screen -e | grep -q "$(printf '\033')\[1m"
	ok $? "bold stays with '${nc:-colours allowed}'"
done

# 7. A long article: keys are answered while its sections are still being
# found (the status line says how far that has come), and a section key
# waits for them.
awk 'BEGIN {
	for (i = 1; i <= 400000; i++)
		printf "Chapter %d\n\nThe chapter tells of day %d, as the ones before it did, and ends.\n\n", i, i
}' > "$scratch/long.txt"
start 80 24 "$MAQAL --model none long.txt"
wait_for "Chapter 1"
tm send-keys -t t j
# (the status is painted again as the sections come: j may be answered
# before the first look for them)
poll_screen 10 "sections [0-9]*%  line \([2-9]\|[1-9][0-9][0-9]*\)  0%"
s=$(status)
case $s in
*"sections "*"%  line 1 "*) ok 1 "j is answered while the sections are found (status: $s)" ;;
*"sections "*"%  line "[1-9]*) ok 0 "j is answered while the sections are found" ;;
*) ok 1 "j is answered while the sections are found (status: $s)" ;;
esac
tm send-keys -t t "]"
poll_screen 30 "§3/400001 Chapter 2 "
ok $? "] waits for the sections and goes to the next"
status | grep -q "sections"
ok $(( ! $? )) "the status line no longer says sections are being found"
rm -f "$scratch/long.txt"

done_testing
