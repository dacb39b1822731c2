#!/bin/sh
# The reader beside less, in one tmux harness (80x24), on the ~100 MB
# benchmark article (bench/layout.sh builds it), a small article (the
# README) and one 10 MB line (the article's first 10 MB, lines joined):
#   - first screen: from sending the command to the shell until the
#     status line (less: its prompt) names the file;
#   - first key: from sending j right after the first screen until the
#     status line changes (maqal is then still finding sections and names);
#   - G on the big article: from sending G right after the first screen
#     until the status line says (END);
#   - peak memory once the article is read to its end (G, then idle).
# Each time is the best of 3, in milliseconds.  The harness polls tmux as
# fast as it can (a few ms a capture), so small figures are upper bounds.
# Usage: bench/reader.sh [MAQAL] [ARTICLE]
set -u
maqal=${1:-./maqal}
article=${2:-bench/out/books-100mb.txt}
out=${BENCH_DIR:-bench/out}
command -v tmux > /dev/null || { echo "bench: needs tmux"; exit 2; }
command -v less > /dev/null || { echo "bench: needs less (apt-get install less)"; exit 2; }
[ -r "$article" ] || { echo "no $article: run bench/layout.sh first"; exit 1; }
maqal=$(cd "$(dirname "$maqal")" && pwd)/$(basename "$maqal")
sock=maqal-bench-$$
tm() { tmux -L "$sock" "$@" 2> /dev/null; }
trap 'tm kill-server' EXIT
now() { date +%s%N; }
last() { tm capture-pane -p -S 23 -E 23; }

# until_last PATTERN: polls the last line until it holds PATTERN (10 s at most).
until_last() {
	timeout 10 sh -c 'while ! tmux -L "$0" capture-pane -p -S 23 -E 23 2>/dev/null |
	    grep -q -- "$1"; do :; done' "$sock" "$1"
}
# until_changed TEXT: polls the last line until it is no longer TEXT.
until_changed() {
	timeout 10 sh -c 'while [ "$(tmux -L "$0" capture-pane -p -S 23 -E 23 2>/dev/null)" = "$1" ]; do :; done' \
	    "$sock" "$1"
}
# open COMMAND...: a fresh shell in tmux, COMMAND sent to it; prints the
# milliseconds until the file's name shows on the last line.
open() {
	tm kill-server
	sleep 0.3	# (the last program gone, its memory given back)
	tm -f /dev/null new-session -d -s b -x 80 -y 24 sh
	tm set-option -t b status off
	sleep 0.2
	t0=$(now)
	tm send-keys -t b "exec $*" Enter
	until_last "$name"
	echo $((($(now) - t0) / 1000000))
}
# first_key COMMAND...: opens, then prints the milliseconds until j shows.
first_key() {
	open "$@" > /dev/null
	sleep 0.05
	before=$(last)
	t0=$(now)
	tm send-keys -t b j
	until_changed "$before"
	echo $((($(now) - t0) / 1000000))
}
# end_key COMMAND...: opens, then prints the milliseconds from G until the
# last line says (END) (both maqal and less say so at the end).
end_key() {
	open "$@" > /dev/null
	sleep 0.05
	t0=$(now)
	tm send-keys -t b G
	until_last "(END)"
	echo $((($(now) - t0) / 1000000))
}
# best COMMAND...: the smallest figure of 3 runs of the function COMMAND.
best() {
	b=""
	for _ in 1 2 3; do
		t=$("$@")
		if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
	done
	echo "$b"
}
# peak COMMAND...: KiB of peak memory of the program after G and a rest.
peak() {
	open "$@" > /dev/null
	pid=$(tm list-panes -t b -F '#{pane_pid}')
	tm send-keys -t b G
	sleep "${REST:-3}"
	awk '/VmHWM/ { print $2 }' "/proc/${pid:-none}/status" 2> /dev/null || echo 0
}

oneline=$out/one-10mb-line.txt
[ -s "$oneline" ] || head -c 10000000 "$article" | tr '\n' ' ' > "$oneline"
small=$out/small.txt
cp README.md "$small"
for f in "$small" "$article" "$oneline"; do
	name=$(basename "$f")
	cd "$(dirname "$f")" || exit 1
	l=$(best open less "$name")
	m=$(best open "$maqal" "$name")
	lk=$(best first_key less "$name")
	mk=$(best first_key "$maqal" "$name")
	cd - > /dev/null || exit 1
	awk -v f="$name" -v s="$(wc -c < "$f")" -v l="$l" -v m="$m" -v lk="$lk" -v mk="$mk" 'BEGIN {
		printf "%-22s %10d bytes  first screen: maqal %4d ms, less %4d ms (%.1fx)  " \
		    "first key: maqal %4d ms, less %4d ms (%.1fx)\n", f, s, m, l, (l ? m / l : 0),
		    mk, lk, (lk ? mk / lk : 0) }'
done
name=$(basename "$article")
cd "$(dirname "$article")" || exit 1
echo "G right after the first screen on $name: maqal $(best end_key "$maqal" "$name") ms," \
    "less $(best end_key less "$name") ms"
pm=$(peak "$maqal" --model none "$name")
pl=$(peak less "$name")
echo "peak memory after G on $name ($(($(wc -c < "$name") / 1048576)) MB; names by rules):" \
    "maqal $((pm / 1024)) MB, less $((pl / 1024)) MB"
