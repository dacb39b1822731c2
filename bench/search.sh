#!/bin/sh
# Search beside ripgrep on the ~100 MB benchmark article (bench/layout.sh
# builds it), in one interleaved run: folded --search against rg -i -n,
# --exact against rg -n -F, --regex against rg -n, each pattern's figures
# the best of 3 wall-clock times with maqal's over rg's beside them, and
# `wc -l` as one plain pass over the bytes.  Then core/search alone
# (bench/search-speed: no printing).
# Targets: folded within 2x of rg -i, regex within 3x of rg.
# Usage: bench/search.sh [MAQAL] [ARTICLE]
maqal=${1:-./maqal}
article=${2:-bench/out/books-100mb.txt}
speed=$(dirname "$maqal")/bench/search-speed
[ -r "$article" ] || { echo "no $article: run bench/layout.sh first"; exit 1; }
command -v rg > /dev/null || { echo "bench: needs rg (apt-get install ripgrep)"; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)"; exit 2; }
[ -x "$speed" ] || make bench/search-speed > /dev/null || exit 1

# ms COMMAND...: the best of 3 wall-clock milliseconds of COMMAND.
ms() {
	best=""
	for _ in 1 2 3; do
		t0=$(date +%s%N)
		"$@" > /dev/null 2>&1
		t1=$(date +%s%N)
		t=$(((t1 - t0) / 1000000))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	echo "$best"
}

# row LABEL PATTERN MAQAL-OPTION RG-OPTIONS: one line of figures.
row() {
	m=$(ms "$maqal" $3 --search "$2" "$article")
	r=$(ms rg $4 -- "$2" "$article")
	lines=$("$maqal" $3 --search "$2" "$article" 2> /dev/null | wc -l)
	rlines=$(rg $4 -- "$2" "$article" | wc -l)
	awk -v l="$1" -v p="$2" -v m="$m" -v r="$r" -v a="$lines" -v b="$rlines" 'BEGIN {
		printf "%-7s %-14s maqal %5d ms  rg %5d ms  %5.1fx  (lines: %d, rg %d)\n",
		    l, p, m, r, (r > 0 ? m / r : 0), a, b }'
}

cat "$article" > /dev/null	# (in the page cache for everyone)
echo "article: $article, $(wc -c < "$article") bytes; one pass (wc -l): $(ms wc -l "$article") ms"
for p in "القاهرة" "الله" "محمد بن" "Bank" "the"; do
	row folded "$p" "" "-i -n"
done
for p in "القاهرة" "الله" "Bank"; do
	row exact "$p" "--exact" "-n -F"
done
for p in "[0-9]{4}" "قال \\p{L}+" "محمد|علي" "\\p{L}{12}"; do
	row regex "$p" "--regex" "-n"
done
/usr/bin/time -f "%M" -o /tmp/maqal-search-mem "$maqal" --search "الله" "$article" > /dev/null
echo "folded --search الله peak memory: $(($(cat /tmp/maqal-search-mem) / 1024)) MB, the article $(($(wc -c < "$article") / 1048576)) MB"
rm -f /tmp/maqal-search-mem
"$speed" "$article" "القاهرة" "الله" "زمن" "Bank"
