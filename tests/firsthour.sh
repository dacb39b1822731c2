#!/bin/sh
# What a new user meets in a first hour at the command line, each the
# example of a class of defect found there: messages that say maqal and
# show names as visible text; format characters that could steer a
# terminal kept out of every output (and escaped in JSON); write errors
# noticed at once; one unreadable file among several not stopping the
# rest; files maqal opens on its own never blocking; directories with
# link loops walked once; TERM=dumb printing the article.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
srcdir="${TESTS_SRCDIR:-$(dirname "$0")}/.."
g="$srcdir/tests/golden"
cd "$scratch" || exit 2

# --- Options: messages say "maqal:", not the path the program was run by.
"$MAQAL" --bogus > out 2> err; st=$?
same "$st:$(cat err)" "2:maqal: unknown option '--bogus' (try --help)" "an unknown long option"
"$MAQAL" -x > out 2> err; st=$?
same "$st:$(cat err)" "2:maqal: unknown option '-x' (try --help)" "an unknown short option"
"$MAQAL" --width > out 2> err; st=$?
same "$st:$(cat err)" "2:maqal: option '--width' needs a value (try --help)" "an option without its value"
"$MAQAL" --help > out
grep -q "h shows every key" out && grep -q "man maqal" out
ok $? "--help names the reader's help key and the man page"

# --- Write errors: a full disk is an error, at once.
if [ -w /dev/full ]; then
	"$MAQAL" --help > /dev/full 2> err; st=$?
	same "$st:$(cat err)" "2:maqal: writing output: No space left on device" "--help to a full disk: status 2 and a message"
	"$MAQAL" --version > /dev/full 2> err; st=$?
	same "$st" 2 "--version to a full disk: status 2"
	# A write error must end the run at the first failed write, not after
	# the whole article was printed into the void: strace counts the
	# writes to standard output (thousands of 4 KiB buffers otherwise).
	# (before the fix: 959 writes for --dump, 743 for --outline, 1414 for
	# --search on these files)
	yes "a short line of text" | head -c 4000000 > big.txt
	seq 1 100000 | sed 's/.*/## Heading &\n\nSome text for section &.\n/' > heads.md
	for mode in --dump --outline "--search=text"; do
		in=big.txt
		[ "$mode" = --outline ] && in=heads.md	# (one outline line per section)
		if command -v strace > /dev/null; then
			# (LeakSanitizer cannot run under ptrace: off for this run)
			ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
				strace -o trace -e trace=write "$MAQAL" $mode $in > /dev/full 2> err; st=$?
			n=$(grep -c "^write(1," trace)
		else
			"$MAQAL" $mode $in > /dev/full 2> err; st=$?
			n="(no strace)"
		fi
		same "$st:$(head -n 1 err)" "2:maqal: writing output: No space left on device" \
			"$mode to a full disk: status 2 and a message"
		[ "$n" = "(no strace)" ] || [ "$n" -le 3 ]
		ok $? "$mode stops at the first failed write ($n writes)"
	done
	rm -f big.txt heads.md trace
	"$MAQAL" --entities --model none "$g/english.txt" > /dev/full 2> err; st=$?
	same "$st:$(cat err)" "2:maqal: writing output: No space left on device" "--entities to a full disk"
fi

# --- Several files: one that cannot be read is reported, the rest run.
printf 'one\n' > a.txt; printf 'two\n' > b.txt
"$MAQAL" --dump a.txt missing.txt b.txt > out 2> err; st=$?
same "$st" 2 "an unreadable file among several: status 2 at the end"
same "$(tr '\n' '/' < out)" "==> a.txt <==/one//==> b.txt <==/two/" "and the others are still printed"
same "$(cat err)" "maqal: missing.txt: No such file or directory" "with one line naming it"

# --- File names are shown as visible text everywhere.
mkdir names && cd names || exit 2
printf 'hello there\n' > "$(printf 'e\033]0;PWNED\007.txt')"
printf 'hello again\n' > "$(printf 'r\342\200\256lo.txt')"
cd ..
"$MAQAL" --outline -- names/* > out 2>&1
"$MAQAL" --search hello -- names/* >> out 2>&1
"$MAQAL" --dump -- "$(printf 'names/no\033[2Jpe')" >> out 2>&1
LC_ALL=C grep -q "$(printf '\033')" out
same $? 1 "no ESC from a file name reaches the output (headers, --search, errors)"
LC_ALL=C grep -q "$(printf '\342\200\256')" out
same $? 1 "no RLO from a file name reaches the output"
grep -q "^==> names/e␛\]0;PWNED␇.txt <==" out && grep -q "^names/e␛\]0;PWNED␇.txt:1:1:" out &&
	grep -q "^maqal: names/no␛\[2Jpe: No such file" out
ok $? "the name is shown with the control pictures the text gets"

# --- Format characters of an article stay out of every output.
# RLO, PDF, LRI, PDI, LRM, RLM, ALM, LINE SEPARATOR, a tag character, an
# inhibit-swapping control, an interlinear annotation anchor.
fmt='\342\200\256 \342\200\254 \342\201\246 \342\201\251 \342\200\216 \342\200\217 \330\234 \342\200\250 \363\240\200\241 \342\201\252 \357\277\271'
printf "Title Alpha $fmt end\n\nParis and London are named here, with words, and more words $fmt.\n" > fmt.txt
bad=$(printf '\342\200[\216\217\250\251\252-\256]|\342\201[\246-\252]|\330\234|\363\240|\357\277\271')
for mode in "--outline" "--outline --json" "--entities" "--entities --json" "--search=words" "--search=Alpha"; do
	"$MAQAL" $mode fmt.txt > out 2>&1
	LC_ALL=C grep -E -q "$bad" out
	same $? 1 "$mode writes no bidi control, separator, tag or other steering format character"
done
"$MAQAL" --outline --json fmt.txt > out
grep -q 'Alpha \\u202e \\u202c \\u2066 \\u2069 \\u200e \\u200f \\u061c \\u2028 \\udb40\\udc21 \\u206a \\ufff9 end' out
ok $? "JSON keeps them as escapes, so no data is lost"
"$MAQAL" --outline fmt.txt | grep -q "^title	0	1	Title Alpha  *end$"
ok $? "TSV drops them (a line separator becomes a space)"
# What carries meaning stays: ZWNJ (Persian), ZWJ, the Arabic number sign.
printf 'می\342\200\214خواهم \330\200\331\241\331\242\n\nBody.\n' > keep.txt
"$MAQAL" --outline keep.txt | head -n 1 | grep -q "$(printf 'می\342\200\214خواهم \330\200')"
ok $? "--outline keeps ZWNJ and the Arabic number sign"

# --- Files maqal opens by itself cannot block it.
mkfifo model.fifo names.fifo
timeout 5 "$MAQAL" --model model.fifo --entities a.txt > out 2> err; st=$?
same "$st:$(cat err)" "2:maqal: model.fifo: not a regular file" "--model FIFO is refused at once"
MAQAL_MODEL="$scratch/model.fifo" timeout 5 "$MAQAL" --entities a.txt > out 2> err; st=$?
same "$st" 2 "and so is MAQAL_MODEL=FIFO"
timeout 5 "$MAQAL" --names names.fifo --entities a.txt > out 2> err; st=$?
same "$st:$(cat err)" "2:maqal: names.fifo: not a regular file" "--names FIFO is refused at once"
mkdir -p cfg/maqal
mkfifo cfg/maqal/names
XDG_CONFIG_HOME="$scratch/cfg" timeout 5 "$MAQAL" --model none --entities fmt.txt > out 2> err; st=$?
same "$st:$(cat err)" "0:maqal: $scratch/cfg/maqal/names: not a regular file (names file ignored)" \
	"a FIFO as the config names file: said once, ignored, the run goes on"
rm cfg/maqal/names
head -c 3000 /dev/urandom > cfg/maqal/names
printf '\000\001\002\000\000\000\000\000\000\000' >> cfg/maqal/names
XDG_CONFIG_HOME="$scratch/cfg" "$MAQAL" --model none --entities fmt.txt > out 2> err; st=$?
same "$st:$(grep -c "binary file, not text (names file ignored)" err)" "0:1" \
	"a binary config names file: said once, ignored"
grep -q "PLACE	Paris" out
ok $? "and names are still found"
printf 'Good Name\tPERSON\nbad\tNOTATYPE\n' > cfg/maqal/names
XDG_CONFIG_HOME="$scratch/cfg" "$MAQAL" --model none --entities fmt.txt > out 2> err; st=$?
same "$st:$(wc -l < err)" "0:1" "a config names file with a bad line: one notice, maqal goes on"
if [ "$(id -u)" -ne 0 ]; then
	printf 'Paris\tPERSON\n' > cfg/maqal/names; chmod 000 cfg/maqal/names
	XDG_CONFIG_HOME="$scratch/cfg" "$MAQAL" --entities fmt.txt > out 2> err
	grep -q "Permission denied (names file ignored)" err
	ok $? "an unreadable config names file: said once"
fi
rm -rf cfg

# --- Directories: each article once, link loops and links out not followed.
mkdir -p d/sub
printf 'First\n\nText.\n' > d/one.txt; printf 'Second\n\nText.\n' > d/sub/two.md
ln -s . d/s1; ln -s . d/s2; ln -s .. d/sub/up; ln -s / d/root; ln -s one.txt d/same.txt
timeout 10 "$MAQAL" --outline d > out 2> err; st=$?
same "$st" 0 "--outline of a folder with link loops and a link to / ends"
same "$(grep '^==>' out | tr '\n' '/')" "==> d/one.txt <==/==> d/sub/two.md <==/" \
	"each article is listed once (loops, a link to / and a second link to a file)"
mkdir empty
"$MAQAL" --dump empty a.txt > out 2> err; st=$?
same "$st:$(cat err)" "2:maqal: empty: no .txt or .md files in this directory" "an empty folder is reported"
grep -q "^one$" out
ok $? "and the other input is still printed"

# --- TERM=dumb: no empty screen, the article and one line saying why.
if command -v script > /dev/null; then
	TERM=dumb script -qec "$MAQAL $g/english.txt" /dev/null < /dev/null > raw 2>&1
	grep -q "maqal: TERM=dumb cannot move the cursor: printing the article instead" raw &&
		grep -q "The Reading Room" raw
	ok $? "TERM=dumb prints the article, after one line saying why"
	env -u TERM script -qec "$MAQAL $g/english.txt" /dev/null < /dev/null > raw 2>&1
	grep -q "maqal: TERM is not set: printing the article" raw && grep -q "The Reading Room" raw
	ok $? "so does a missing TERM"
fi
done_testing
