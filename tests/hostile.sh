#!/bin/sh
# Hostile input: every case goes through --dump, --outline,
# --entities and a short session in the reader.  Each must end in a clear
# one-line message (exit 2) or readable output (exit 0) within a time
# limit, with no escape, control or bidi control character reaching the
# terminal, and the reader must survive keys and leave the terminal as it
# was (title, screen, a working shell).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tmux.sh"
command -v timeout > /dev/null || skip_all "timeout (coreutils) is missing"

c="$scratch/cases"
mkdir -p "$c"
# Invalid and overlong UTF-8, lone surrogates, out-of-range sequences.
# As a line among text (shown with U+FFFD), and as most of a file (refused).
bad='ok \300\257 \340\200\257 \360\200\200\257 \355\240\200 \355\277\277 \370\210\200\200\200 \364\220\200\200 \377 end\nعربي \355\240\200\355\260\200 text\n'
{ yes 'A line of plain text, سطر من نص عادي.' | head -n 40; printf "$bad"; } > "$c/invalid.txt"
printf "$bad" > "$c/garbage.txt"
# NUL bytes inside text.
printf 'before\000after عربي\000\000 end\n\000\n' > "$c/nul.txt"
# A 50 MB single line.
yes 'word عربي 123 ' | head -c 50000000 | tr -d '\n' > "$c/longline.txt"
printf '\n' >> "$c/longline.txt"
# 200,000 combining marks on one letter (Latin and Arabic).
{ printf 'a'; yes "$(printf '\314\201')" | head -n 200000 | tr -d '\n'; printf ' b\nب'
  yes "$(printf '\331\216')" | head -n 1000 | tr -d '\n'; printf '\n'; } > "$c/marks.txt"
# More than 125 nested embeddings, unbalanced pops and isolates.
{ yes "$(printf '\342\200\253')" | head -n 130 | tr -d '\n'; printf 'abc عربي'
  yes "$(printf '\342\200\254')" | head -n 200 | tr -d '\n'
  yes "$(printf '\342\201\247')" | head -n 130 | tr -d '\n'; printf 'x\342\201\251\342\201\251\342\200\256y\342\201\246z\n'
  printf '\342\201\251\342\200\254\342\200\254 closing first, then عربي \342\200\255left\n'; } > "$c/bidi.txt"
# Every C0 and C1 control among words (C1 as UTF-8 and as raw bytes).
{ i=1; while [ $i -lt 32 ]; do [ $i -ne 10 ] && printf "w$(printf '\\%03o' $i)w "; i=$((i + 1)); done
  printf 'del\177x\n'
  for b in 200 201 202 203 204 205 206 207 210 211 212 213 214 215 216 217 \
      220 221 222 223 224 225 226 227 230 231 232 233 234 235 236 237; do
	printf "u\302\\${b}u "; done
  printf '\nraw \233 \235 \220 end عربي\n'; } > "$c/controls.txt"
# Escape sequences: set the title (OSC), clear the screen, move the cursor,
# DCS, 8-bit CSI, a hyperlink, a bracketed-paste end.
printf 'title \033]0;PWNED\007 \033]2;PWNED\033\\ clear \033[2J\033[H move \033[10;10H\033[5A dcs \033P1$r0m\033\\ csi8 \302\233\061m link \033]8;;http://x\033\\here\033]8;;\033\\ paste \033[201~ عربي\n' > "$c/escapes.txt"
: > "$c/empty.txt"
printf '   \n\t\t\n \n\n    \n' > "$c/spaces.txt"
printf '\377\376h\000i\000 \000' > "$c/utf16le.txt"
printf '\376\377\000h\000i' > "$c/utf16be.txt"
mkdir "$c/adir"

printf '%s' "$(printf '\033')" > "$scratch/esc"
# clean FILE: no ESC, C0 other than tab and newline, C1, or bidi control.
clean() {
	LC_ALL=C tr -d '\t\n' < "$1" | LC_ALL=C grep -q "$(printf '[\001-\037\177]')" && return 1
	LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" && return 1
	LC_ALL=C grep -E -q "$(printf '\342\200[\216\217\252-\256]|\342\201[\246-\251]|\330\234')" "$1" && return 1
	return 0
}

# batch FILE MODE: exit 0 with clean output, or 2 with one line "maqal: ...".
batch() {
	timeout 120 "$MAQAL" "$2" "$1" > "$scratch/out" 2> "$scratch/err"
	st=$?
	case $st in
	0) clean "$scratch/out" ;;
	2) [ ! -s "$scratch/out" ] && [ "$(wc -l < "$scratch/err")" -eq 1 ] &&
		grep -q "^maqal: " "$scratch/err" ;;
	*) echo "# exit status $st"; false ;;
	esac
}

for f in invalid garbage nul longline marks bidi controls escapes empty spaces utf16le utf16be adir; do
	path="$c/$f.txt"
	[ "$f" = adir ] && path="$c/adir"
	for m in --dump --outline --entities; do
		batch "$path" "$m"
		ok $? "$f: $m ends cleanly (status $st$( [ $st -eq 2 ] && printf ': %s' "$(cat "$scratch/err")"))"
	done
done
"$MAQAL" --dump "$c/utf16le.txt" 2>&1 | grep -q "UTF-16 text is not supported; convert it with iconv"
ok $? "UTF-16 (a byte order mark) is detected and named"
same "$("$MAQAL" --dump "$c/escapes.txt" | grep -o "␛" | wc -l)" "$(tr -cd '\033' < "$c/escapes.txt" | wc -c)" \
	"every ESC is shown as ␛"
"$MAQAL" --dump --width=40 "$c/controls.txt" 2> /dev/null | grep -q "w␁w"
ok $? "C0 controls are shown as their pictures"
"$MAQAL" --dump "$c/invalid.txt" 2> "$scratch/err" > "$scratch/out"
grep -q "ok ��" "$scratch/out" && iconv -f UTF-8 -t UTF-8 "$scratch/out" > /dev/null
ok $? "invalid, overlong and surrogate sequences are shown as U+FFFD (the output is valid UTF-8)"
grep -q "invalid UTF-8 sequences shown as U+FFFD" "$scratch/err"
ok $? "and counted in a message"
"$MAQAL" --dump "$c/garbage.txt" 2>&1 | grep -q "binary file, not text"
ok $? "a file that is mostly invalid is refused as binary"

# Limits: a line over 256 KiB is laid out in pieces, with a note; at most
# 1,000,000 mentions are kept, with a note.
"$MAQAL" --dump --lines=3 "$c/longline.txt" 2>&1 > /dev/null | grep -q "lines over 256 KiB were laid out in pieces"
ok $? "--dump notes that a line over 256 KiB was laid out in pieces"
yes 'Paris and Rome' | head -n 600000 > "$c/many.txt"
"$MAQAL" --entities "$c/many.txt" > "$scratch/out" 2> "$scratch/err"
st=$?
[ $st -eq 0 ] && [ "$(wc -l < "$scratch/out")" -eq 1000000 ] &&
	grep -q "many.txt: only the first 1000000 mentions are listed" "$scratch/err"
ok $? "1,200,000 names: the first 1,000,000 are listed, with a note (status $st)"

# A FIFO: read to its end.
mkfifo "$c/fifo"
(printf 'from a fifo \033[2J عربي\n' > "$c/fifo") &
out=$(timeout 20 "$MAQAL" --dump "$c/fifo")
same "$out" "$(printf 'from a fifo ␛[2J عربي' | "$MAQAL" --dump)" "a FIFO is read like a file"
wait

# Endless input: a device or a pipe that never ends is not read forever.
# Binary (NUL, random bytes) is refused after its first 64 KiB; text is
# read to 128 MiB, with a note, and the rest left unread.
for dev in /dev/zero /dev/urandom; do
	timeout 20 "$MAQAL" --outline "$dev" > "$scratch/out" 2> "$scratch/err"
	st=$?
	[ $st -eq 2 ] && [ ! -s "$scratch/out" ] && grep -qx "maqal: $dev: binary file, not text" "$scratch/err"
	ok $? "$dev is refused as binary at once (status $st)"
done
timeout 20 "$MAQAL" --dump < /dev/zero > "$scratch/out" 2> "$scratch/err"
st=$?
[ $st -eq 2 ] && grep -qx "maqal: (standard input): binary file, not text" "$scratch/err"
ok $? "endless NULs on standard input are refused at once (status $st)"
long=$(head -c 9999 /dev/zero | tr '\0' a)
{ yes "$long" | timeout 120 "$MAQAL" --outline > "$scratch/out" 2> "$scratch/err"; echo $? > "$scratch/st"; } 2> /dev/null
st=$(cat "$scratch/st")
[ "$st" = 0 ] && [ "$(cat "$scratch/err")" = "maqal: (standard input): only the first 128 MiB were read" ] &&
	[ "$(cat "$scratch/out")" = "$(printf 'intro\t1\t1\tIntroduction')" ]
ok $? "endless text on standard input: the first 128 MiB are read, with a note (status $st)"
yes "$long" | head -c 134217728 | "$MAQAL" --outline > /dev/null 2> "$scratch/err"
[ ! -s "$scratch/err" ]
ok $? "exactly 128 MiB is read whole, without the note"

# A file that shrinks while it is read (mapped: over 1 MiB).
yes 'سطر عربي مع English words وأرقام 123' | head -n 30000 > "$c/shrink.txt"
(while [ ! -s "$scratch/started" ]; do sleep 0.01; done; truncate -s 1000 "$c/shrink.txt") &
{ echo started > "$scratch/started"; timeout 120 "$MAQAL" --dump "$c/shrink.txt"; echo "status $?" > "$scratch/shrink.status"; } > /dev/null 2> "$scratch/err"
wait
# Whether the cut came before the file was mapped (a short file) or after
# (its lost part read as NUL), the run ends with status 0 or 2 and a message.
grep -q "status [02]" "$scratch/shrink.status" && ! grep -qi "bus error" "$scratch/err"
ok $? "a file truncated while --dump reads it: no crash ($(cat "$scratch/shrink.status"))"

# --- the reader ---------------------------------------------------------
# session FILE: opens FILE, pages, searches, opens the panes, quits; the
# process must live through it and the shell must be usable after.
session() {
	start 80 24 "$MAQAL '$1'; echo EXIT=\$?"
	# maqal's status line names the file (or it has exited with a message)
	poll_screen 30 "$(basename "$1") .*%\|EXIT=[0-9]"
	for k in j j Space G g o Escape E Escape / x Enter n e e; do
		tm send-keys -t t "$k"
	done
	tm send-keys -t t q
	poll_screen 60 "EXIT=[0-9]"
}
for f in invalid garbage nul longline marks bidi controls escapes empty spaces; do
	# the reader opens what --dump opens, and refuses what it refuses
	"$MAQAL" --dump --lines=1 "$c/$f.txt" > /dev/null 2>&1
	want=$?
	session "$c/$f.txt"
	title=$(pane_title)
	scr=$(screen)
	st=$(printf '%s\n' "$scr" | sed -n 's/.*EXIT=\([0-9]*\).*/\1/p' | tail -n 1)
	[ "$st" = "$want" ] && [ "$title" != PWNED ] && ! printf '%s' "$scr" | grep -q PWNED &&
		{ [ "$want" = 0 ] || printf '%s' "$scr" | grep -q "^maqal: "; }
	r=$?
	[ $r -eq 0 ] || printf '%s\n' "$scr" | sed 's/^/# | /'
	ok $r "$f: the reader survives the keys and quits cleanly (exit ${st:-none}, title '$title')"
done

# The reader says when a line was laid out in pieces.
start 80 24 "$MAQAL '$c/longline.txt'; echo EXIT=\$?"
poll_screen 30 "laid out in pieces"
ok $? "the reader notes that a line over 256 KiB is laid out in pieces"
tm send-keys -t t q

# ... and when endless text on a pipe was read only to 128 MiB; with lines
# over 256 KiB too, one notice says both.
head -c 299999 /dev/zero | tr '\0' b > "$c/long300.txt"
printf '\n' >> "$c/long300.txt"
printf 'while cat "%s"; do :; done 2> /dev/null\n' "$c/long300.txt" > "$c/endless.sh"
start 80 24 "sh '$c/endless.sh' | $MAQAL; echo EXIT=\$?"
poll_screen 60 "first 128 MiB read; lines over 256 KiB in pieces"
ok $? "the reader notes that a pipe was read only to 128 MiB, and that its lines were cut"
tm send-keys -t t G
tm send-keys -t t q
poll_screen 30 "EXIT=0"
ok $? "and goes to its end and quits normally"

# The reader on a file that shrinks under it: a notice, and it goes on.
yes 'سطر عربي مع English words وأرقام 123' | head -n 30000 > "$c/shrink2.txt"
start 80 24 "$MAQAL '$c/shrink2.txt'; echo EXIT=\$?"
wait_for "سطر" > /dev/null || wait_for "English" > /dev/null
truncate -s 1000 "$c/shrink2.txt"
tm send-keys -t t G
wait_status "shrank" > /dev/null
status | grep -q "the file shrank while open"
ok $? "a file truncated under the reader: a notice on the status line"
tm send-keys -t t g
tm send-keys -t t q
wait_for "EXIT=0" > /dev/null
ok $? "and the reader goes on and quits normally"
# A resize storm with keys in between: hundreds of sizes in a few seconds,
# from 1x1 to 200x60; the reader lives, and at 80x24 at the top it shows
# what --dump shows.  Then: the file it read is as it was.
srcdir="${TESTS_SRCDIR:-$(dirname "$0")}/.."
cp "$srcdir/tests/golden/mixed.txt" "$c/storm.txt" 2> /dev/null ||
	cp "$srcdir/tests/golden/arabic.txt" "$c/storm.txt"
touch -d '2020-01-01 00:00:00' "$c/storm.txt"
before=$(cksum < "$c/storm.txt")$(stat -c %Y "$c/storm.txt")
ls -a "$c" > "$scratch/files.before"
start 80 24 "$MAQAL '$c/storm.txt'; echo EXIT=\$?"
poll_screen 30 "storm.txt .*%"
n=0 w=7 h=3
while [ $n -lt 300 ]; do
	w=$(( (w * 37 + 11) % 200 + 1 )); h=$(( (h * 17 + 5) % 60 + 1 ))
	tm resize-window -t t -x "$w" -y "$h"
	case $((n % 7)) in
	0) tm send-keys -t t Space ;; 1) tm send-keys -t t j ;; 2) tm send-keys -t t G ;;
	3) tm send-keys -t t o ;; 4) tm send-keys -t t Escape ;; 5) tm send-keys -t t k ;;
	6) tm send-keys -t t g ;;
	esac
	n=$((n + 1))
done
tm resize-window -t t -x 80 -y 24
tm send-keys -t t Escape Escape g
poll_screen 10 "storm.txt .*line 1 "
settle
tm list-panes -t t -F '#{pane_dead}' | grep -qx 0
ok $? "300 resizes with keys between: the reader is alive"
{ "$MAQAL" --dump --width=80 "$c/storm.txt" | head -n 23; yes '' | head -n 23; } | head -n 23 | sed 's/ *$//' > "$scratch/want"
# shows_want: the first 23 rows come to be what --dump shows (a loaded
# machine may still be drawing: 5 s at most).
shows_want() {
	i=0
	while rows 23 > "$scratch/got" && ! cmp -s "$scratch/got" "$scratch/want" && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	cmp -s "$scratch/got" "$scratch/want"
}
shows_want
ok $? "and at 80x24 at the top it shows what --dump shows"
diff "$scratch/want" "$scratch/got" | head -5 | sed 's/^/# /'
# A burst of 5,000 keys in one write (moves, panes, prompts with Arabic
# typed into them, Enter, Esc; not q or Backspace, which quit): afterwards
# Esc closes whatever is open and the view is as before.
awk 'BEGIN { srand(8); n = split("j k J K g G n N e E o O [ ] { } / ? x y z ع ر ب 0 7 - + \r \033", k, " ")
	k[n + 1] = " "; for (i = 0; i < 5000; i++) printf "%s", k[int(rand() * (n + 1)) + 1] }' > "$scratch/keys"
tm send-keys -t t -l "$(cat "$scratch/keys")"
tm send-keys -t t Escape Escape Escape h
# (the help, on h, not in the burst, says the burst has been read)
poll_screen 60 "this help"
helped=$?
tm send-keys -t t Escape g
poll_screen 10 "storm.txt .*line 1 "
settle
[ $helped -eq 0 ] && tm list-panes -t t -F '#{pane_dead}' | grep -qx 0 && shows_want
ok $? "5,000 keys in one burst: the reader is alive, and Esc g brings back the top as --dump shows it"
tm send-keys -t t q
poll_screen 10 "EXIT=0"
ok $? "and it quits normally"
after=$(cksum < "$c/storm.txt")$(stat -c %Y "$c/storm.txt")
same "$after" "$before" "the file read is unchanged: bytes and mtime"
ls -a "$c" > "$scratch/files.after"
cmp -s "$scratch/files.before" "$scratch/files.after"
ok $? "and nothing was written beside it"
done_testing
