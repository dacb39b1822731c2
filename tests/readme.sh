#!/bin/sh
# README.md is the front door: every command in its ```sh examples works
# from the checkout as written, right after the Quick start.  Each example
# names ./maqal (not a maqal that is not on PATH yet) and files that come
# with the checkout; the ones that read articles run (standard output is
# not a terminal here, so they print, as they would into a pipe).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
srcdir="$(cd "${TESTS_SRCDIR:-$(dirname "$0")}/.." && pwd)"
readme="$srcdir/README.md"
[ -f "$readme" ] || skip_all "README.md is not in the source tree"

# The commands: lines inside ```sh blocks, comments dropped.
awk '/^```sh$/ { on = 1; next } /^```$/ { on = 0 } on' "$readme" |
	sed 's/  *#.*$//; s/ *$//' | grep -v '^$' > "$scratch/commands"
[ -s "$scratch/commands" ]
ok $? "the README has examples ($(wc -l < "$scratch/commands") commands)"

while IFS= read -r cmd; do
	case "$cmd" in
	"./bootstrap && ./maqal" | "tests/run")
		continue ;;	# the Quick start itself: CI runs these
	esac
	# no bare maqal: it is not on PATH after the Quick start
	printf '%s\n' "$cmd" | grep -q '\(^\|[ |]\)maqal\b'
	same $? 1 "'$cmd' names ./maqal, not a maqal on PATH"
	missing=""
	for word in $cmd; do
		case "$word" in
		-* | ./maqal | man | cat | "|") ;;
		*/* | *.txt | *.md) [ -e "$srcdir/$word" ] || missing="$missing $word" ;;
		esac
	done
	same "$missing" "" "the files '$cmd' reads come with the checkout"
	run=$(printf '%s\n' "$cmd" | sed "s|\./maqal|\"\$MAQAL\"|g")
	case "$cmd" in
	man\ *)
		if command -v man > /dev/null; then
			(cd "$srcdir" && eval "MANPAGER=cat MANWIDTH=80 $run") > "$scratch/out" 2> "$scratch/err"
			[ $? -eq 0 ] && grep -q "maqal" "$scratch/out"
			ok $? "'$cmd' shows the manual"
		else
			ok 1 "'$cmd': man is not installed (./bootstrap installs man-db)"
		fi ;;
	*)
		(cd "$srcdir" && eval "$run") > "$scratch/out" 2> "$scratch/err" < /dev/null
		# (notices on stderr are fine: tests/golden/ holds a hostile file)
		[ $? -eq 0 ] && [ -s "$scratch/out" ]
		ok $? "'$cmd' runs and prints"
		[ $? -eq 0 ] || sed 's/^/# /' "$scratch/err" ;;
	esac
done < "$scratch/commands"

# The map of the source ("How it is built") names every file of core/, ui/
# and src/ (by its name without .c; generated ones aside), and no file that
# is gone.
awk '/^## How it is built/ { on = 1; next } on && /^```$/ { n++; if (n == 2) exit; next } on && n == 1' \
	"$readme" > "$scratch/map"
unnamed=""
for f in "$srcdir"/core/*.c "$srcdir"/ui/*.c "$srcdir"/src/*.c; do
	name=$(basename "$f" .c)
	case "$name" in heading-model | data) continue ;; esac	# made by make
	# named: a line's first or last word, or a word of a list ("name (what",
	# "name,", "name:")
	awk -v n="$name" '$1 == n { f = 1 } { l = " " $0 " "; if (index(l, " " n " (") ||
		index(l, " " n ",") || index(l, " " n ":") || index(l, "(" n ",") ||
		$NF == n) f = 1 }
		END { exit !f }' "$scratch/map" || unnamed="$unnamed $name"
done
same "$unnamed" "" "README's map names every source file"
gone=""
for dir in core ui src; do
	# the module names at the start of a line of the dir's part of the map
	for name in $(awk -v d="$dir/" '$1 == d { on = 1; next } /^[a-z]+\// { on = 0 } on && /^  [a-z]/ { print $1 }' "$scratch/map"); do
		[ -f "$srcdir/$dir/$name.c" ] || gone="$gone $dir/$name"
	done
done
same "$gone" "" "and no module that is not in the tree"
done_testing
