#!/bin/sh
# The command line as a script or a user meets it: help, version, inputs
# (files, pipes, '-', FIFOs, several files), errors with one clear line and
# status 2, and output that never carries a control character.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
srcdir="${TESTS_SRCDIR:-$(dirname "$0")}/.."

out=$("$MAQAL" --help); ok $? "--help exits 0"
case "$out" in *--dump*--width*) ok 0 "--help lists the options" ;; *) ok 1 "--help lists the options" ;; esac
same "$("$MAQAL" --version)" "maqal 0.1.0" "--version"

# Every long option in --help is documented in the man page.
missing=""
for opt in $(printf '%s\n' "$out" | grep -o -- '--[a-z-]*' | sort -u); do
	grep -q -- "$(printf '%s' "$opt" | sed 's/-/\\\\-/g')" "$srcdir/doc/maqal.1" ||
		missing="$missing $opt"
done
same "$missing" "" "the man page documents every option in --help"

# expect_error DESC WANT-IN-MESSAGE ARGS...: status 2 and one line naming it.
expect_error() {
	desc=$1 want=$2
	shift 2
	"$MAQAL" --dump "$@" > "$scratch/out" 2> "$scratch/err" < /dev/null
	status=$?
	lines=$(wc -l < "$scratch/err")
	if [ $status -eq 2 ] && [ "$lines" -eq 1 ] && grep -q -- "$want" "$scratch/err" &&
	    [ ! -s "$scratch/out" ]; then
		ok 0 "$desc"
	else
		ok 1 "$desc (status $status)"
		sed 's/^/# /' "$scratch/err"
	fi
}
expect_error "a missing file: one line naming it" \
	"maqal: $scratch/none.txt: No such file or directory" "$scratch/none.txt"
mkdir "$scratch/nothing"
expect_error "a directory without articles is refused" "maqal: $scratch/nothing: no .txt or .md files" "$scratch/nothing"
head -c 3000 /dev/urandom > "$scratch/blob"
printf '\000\001\002\003\000\000' >> "$scratch/blob"
expect_error "a binary file is refused" "maqal: $scratch/blob: binary file" "$scratch/blob"
printf '\377\376h\000i\000\n\000' > "$scratch/u16.txt"
expect_error "UTF-16 is detected and named" "UTF-16" "$scratch/u16.txt"
if [ "$(id -u)" -ne 0 ]; then
	echo secret > "$scratch/locked.txt"; chmod 000 "$scratch/locked.txt"
	expect_error "an unreadable file" "Permission denied" "$scratch/locked.txt"
fi
expect_error "--width=0 is refused" "--width: expected a number" --width=0 "$srcdir/tests/golden/english.txt"
expect_error "--dir=up is refused" "--dir: unknown value 'up'" --dir=up "$srcdir/tests/golden/english.txt"
expect_error "--lines=x is refused" "--lines: expected a number" --lines=x "$srcdir/tests/golden/english.txt"

# Inputs.
same "$(printf 'hello\n' | "$MAQAL" --dump)" "hello" "a pipe is read"
same "$(printf 'hello\n' | "$MAQAL" --dump -)" "hello" "'-' reads standard input"
same "$(printf 'hello\n' | "$MAQAL")" "hello" "output to a pipe is a dump"
mkfifo "$scratch/fifo"
(printf 'from a fifo\n' > "$scratch/fifo") &
same "$("$MAQAL" --dump "$scratch/fifo")" "from a fifo" "a FIFO is read"
wait
printf 'one\n' > "$scratch/a.txt"; printf 'two\n' > "$scratch/b.txt"
same "$("$MAQAL" --dump "$scratch/a.txt" "$scratch/b.txt" | tr '\n' '/')" \
	"==> $scratch/a.txt <==/one//==> $scratch/b.txt <==/two/" "several files are dumped in turn"
same "$("$MAQAL" --dump --lines=3 --width=40 "$srcdir/tests/golden/english.txt" | wc -l)" 3 \
	"--lines=3 prints three lines"
: > "$scratch/empty.txt"
same "$("$MAQAL" --dump "$scratch/empty.txt"; echo "status $?")" "status 0" "an empty file shows nothing"

# Invalid UTF-8 is counted once, on stderr.
printf 'a\377b\376c\n' | "$MAQAL" --dump > "$scratch/out" 2> "$scratch/err"
same "$(cat "$scratch/out")" "a�b�c" "invalid bytes are shown as U+FFFD"
same "$(cat "$scratch/err")" "maqal: (standard input): 2 invalid UTF-8 sequences shown as U+FFFD" \
	"the user is told once how many were replaced"

# Nothing from the file reaches the terminal as a control: no C0 but the
# newline, no DEL, no C1, no bidi controls.
"$MAQAL" --dump --width=40 "$srcdir/tests/golden/hostile.txt" > "$scratch/out" 2>/dev/null
# no_match DESC PATTERN FILE: passes only when grep ran and found nothing.
no_match() {
	LC_ALL=C grep -E -q "$2" "$3"
	same "$?" 1 "$1"
}
no_match "no control byte in the dump of a hostile file" \
	"$(printf '[\001-\011\013-\037\177]')" "$scratch/out"
no_match "no C1 or bidi control character in it" \
	"$(printf '\302[\200-\237]|\342\200[\216\217\252-\256]|\342\201[\246-\251]|\330\234')" "$scratch/out"
printf 'x\342\200\256y\n' > "$scratch/probe"
LC_ALL=C grep -E -q "$(printf '\342\200[\216\217\252-\256]')" "$scratch/probe"
same "$?" 0 "(the bidi-control pattern does find one when it is there)"
grep -q "␛\[2J" "$scratch/out"
ok $? "ESC is shown as a visible ␛"

# A space as the pattern matches the end of a line too: that line is
# printed once (the next match used to be counted from past its start).
printf '  a  b\nc\n' > "$scratch/sp.txt"
same "$("$MAQAL" --search ' ' "$scratch/sp.txt" | tr '\n' '/')" "1:1:  a  b/2:2:c/" \
	"--search ' ': each line with white space once, its line end included"

# maqal never writes to what it reads.
cp "$srcdir/tests/golden/arabic.txt" "$scratch/ro.txt"
touch -d '2020-01-01 00:00:00' "$scratch/ro.txt"
before=$(cksum < "$scratch/ro.txt")$(stat -c %Y "$scratch/ro.txt")
"$MAQAL" --dump "$scratch/ro.txt" > /dev/null
after=$(cksum < "$scratch/ro.txt")$(stat -c %Y "$scratch/ro.txt")
same "$after" "$before" "the file's bytes and mtime are unchanged"

# The built-in tour is there, bilingual, without the source tree.
"$MAQAL" --tour --dump --width=80 > "$scratch/tour"
grep -q "A tour of maqal" "$scratch/tour" && grep -q "ﻝﺎﻘﻣ" "$scratch/tour"
ok $? "--tour shows the built-in tour in English and (shaped) Arabic"
# The terminal UI switches the terminal's own bidi to explicit mode (BDSM,
# CSI 8 l) while it runs and back (CSI 8 h) when it ends; with
# --bidi=terminal it leaves the terminal's bidi alone.  script(1) gives it a
# terminal; "q" is typed ahead.
if command -v script > /dev/null; then
	printf 'q' | TERM=xterm script -qec "$MAQAL $srcdir/tests/golden/english.txt" /dev/null > "$scratch/raw" 2>&1
	LC_ALL=C grep -q "$(printf '\033\\[8l')" "$scratch/raw" &&
		LC_ALL=C grep -q "$(printf '\033\\[8h')" "$scratch/raw"
	ok $? "the UI sets explicit bidi mode on start and implicit on exit"
	printf 'q' | TERM=xterm script -qec "$MAQAL --bidi=terminal $srcdir/tests/golden/english.txt" /dev/null > "$scratch/raw" 2>&1
	LC_ALL=C grep -q "$(printf '\033\\[8l')" "$scratch/raw"
	ok $((! $?)) "with --bidi=terminal the terminal's bidi is left alone"
fi

# --search: exit status like grep, errors on one line, marking on a terminal.
g="$srcdir/tests/golden"
"$MAQAL" --search=zzzz "$g/english.txt" > "$scratch/out"
[ $? -eq 1 ] && [ ! -s "$scratch/out" ]
ok $? "--search with no match prints nothing and exits 1"
"$MAQAL" --regex --search='(' "$g/english.txt" > "$scratch/out" 2> "$scratch/err"
[ $? -eq 2 ] && [ "$(wc -l < "$scratch/err")" -eq 1 ] && grep -q "bad regular expression" "$scratch/err"
ok $? "a bad regular expression is one line on stderr and exit 2"
"$MAQAL" --regex "$g/english.txt" > /dev/null 2> "$scratch/err"
[ $? -eq 2 ] && grep -q "go with --search" "$scratch/err"
ok $? "--regex without --search is refused"
"$MAQAL" --search=books "$g/english.txt" "$g/arabic.txt" > "$scratch/out"
[ $? -eq 0 ] && grep -q "^$g/english.txt:[0-9]*:[0-9]*:" "$scratch/out" && ! grep -q "arabic.txt" "$scratch/out"
ok $? "with several files each line is named by its file"
"$MAQAL" --search=OPENAI "$g/mixed.txt" | grep -q "^1:1:OpenAI"
ok $? "folded search ignores case"
"$MAQAL" --exact --search=OPENAI "$g/mixed.txt" > /dev/null
ok $((! $? == 1)) "--exact does not"
if command -v script > /dev/null; then
	TERM=xterm script -qec "$MAQAL --search=openai $g/mixed.txt" /dev/null > "$scratch/raw" 2>&1
	LC_ALL=C grep -q "$(printf '\\[1;31mOpenAI\033\\[m')" "$scratch/raw"
	ok $? "on a terminal the match is marked"
	NO_COLOR=1 TERM=xterm script -qec "$MAQAL --search=openai $g/mixed.txt" /dev/null > "$scratch/raw" 2>&1
	LC_ALL=C grep -q "$(printf '\033')" "$scratch/raw"
	ok $((! $? == 1)) "but not with NO_COLOR"
fi
# A line of letters is printed as its bytes; one with a tab, a mark or a
# control goes through decoding (the tab to spaces, the control shown).
printf 'قال الرئيس في القاهرة أمس\nفي\tالقاهرة\nالقاهرةُ \001القاهرة\nعاد إلى القاهرة\n' > \
    "$scratch/plain.txt"
same "$("$MAQAL" --search القاهرة "$scratch/plain.txt")" "1:15:قال الرئيس في القاهرة أمس
2:4:في      القاهرة
3:1:القاهرةُ ␁القاهرة
4:9:عاد إلى القاهرة" "--search prints a plain line as it is, the others decoded"
if command -v script > /dev/null; then
	TERM=xterm script -qec "$MAQAL --search=القاهرة $scratch/plain.txt" /dev/null > "$scratch/raw" 2>&1
	LC_ALL=C grep -q "$(printf 'في \033\\[1;31mالقاهرة\033\\[m أمس')" "$scratch/raw" &&
	    LC_ALL=C grep -q "$(printf '\033\\[1;31mالقاهرةُ\033\\[m ␁\033\\[1;31mالقاهرة')" "$scratch/raw" &&
	    LC_ALL=C grep -q "$(printf 'إلى \033\\[1;31mالقاهرة\033\\[m.\\?$')" "$scratch/raw"
	ok $? "on a terminal each match of a line is marked (its marks too), printed as it is or decoded"
fi
done_testing
