#!/bin/sh
# Layout benchmark: builds a ~100 MB article from ../shared/corpus/books
# (metadata headers and "# | " heading markers stripped, the books
# concatenated and repeated) and reports wall time and peak memory for
#   - maqal --dump --lines=24 (the first screen),
#   - maqal --dump (the full layout),
#   - fribidi --width 80 (Debian's libfribidi-bin) on the same text,
# using /usr/bin/time (Debian's "time" package).
#
# Then, on 10 MB of one-word lines (the books' words, one a line: a
# paragraph every ~10 bytes), the peak memory of each batch mode over the
# file's size (target: at most 3x).
#
# Usage: bench/layout.sh [MAQAL] [CORPUS]
# Targets: first screen < 100 ms; full-dump peak memory < 1.5x the file;
# full layout no worse than 2x fribidi's time.
set -eu
maqal=${1:-./maqal}
corpus=${2:-../shared/corpus}
out=${BENCH_DIR:-bench/out}
mkdir -p "$out"
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)"; exit 2; }
command -v fribidi > /dev/null || { echo "bench: needs fribidi (apt-get install libfribidi-bin)"; exit 2; }

article="$out/books-100mb.txt"
if [ ! -s "$article" ]; then
	one="$out/books-once.txt"
	: > "$one"
	for f in "$corpus"/books/*.md; do
		sed '1,/#META#Header#End#/d; s/^# | //' "$f" >> "$one"
	done
	: > "$article"
	while [ "$(stat -c %s "$article")" -lt 100000000 ]; do
		cat "$one" >> "$article"
	done
fi
size=$(stat -c %s "$article")
echo "article: $article, $size bytes"

# measure NAME COMMAND...: prints wall seconds and peak RSS.
measure() {
	name=$1
	shift
	/usr/bin/time -f "%e %M" -o "$out/time" "$@" > /dev/null
	set -- $(cat "$out/time")
	printf '%-28s %8.3f s  %8d KiB peak\n' "$name" "$1" "$2"
	echo "$1 $2" > "$out/$name.result"
}
measure first-screen "$maqal" --dump --width=80 --lines=24 "$article"
measure full-dump "$maqal" --dump --width=80 "$article"
measure fribidi fribidi --width 80 "$article"

read -r t_full m_full < "$out/full-dump.result"
read -r t_frib m_frib < "$out/fribidi.result"
read -r t_first m_first < "$out/first-screen.result"
awk -v a="$t_full" -v b="$t_frib" -v m="$m_full" -v s="$size" -v f="$t_first" 'BEGIN {
	printf "first screen: %.0f ms (target < 100)\n", f * 1000
	printf "full dump / fribidi time: %.2fx (target <= 2)\n", a / b
	printf "full dump peak memory / file size: %.2fx (target < 1.5)\n", m * 1024 / s
}'

words="$out/words-10mb.txt"
if [ ! -s "$words" ]; then
	tr -s ' \t' '\n\n' < "$out/books-once.txt" | grep -v '^$' > "$out/words-once.txt"
	: > "$words"
	while [ "$(stat -c %s "$words")" -lt 10000000 ]; do
		cat "$out/words-once.txt" >> "$words"
	done
	truncate -s 10000000 "$words"
fi
wsize=$(stat -c %s "$words")
echo "one-word lines: $words, $wsize bytes, $(wc -l < "$words") lines"
for mode in --dump --outline --entities "--search the"; do
	/usr/bin/time -f "%e %M" -o "$out/time" "$maqal" $mode "$words" > /dev/null
	read -r t m < "$out/time"
	awk -v n="$mode" -v t="$t" -v m="$m" -v s="$wsize" 'BEGIN {
		printf "  %-14s %6.2f s  %7d KiB peak  %.1fx the file\n", n, t, m, m * 1024 / s }'
done
