#!/bin/sh
# Search speed on the ~100 MB benchmark article (bench/layout.sh
# builds it): folding the text once, then each pattern in the three modes,
# all matches mapped back to file bytes; and --search end to end.
# Target: each search well under a second.
# Usage: bench/search.sh [MAQAL] [ARTICLE]
maqal=${1:-./maqal}
article=${2:-bench/out/books-100mb.txt}
speed=$(dirname "$maqal")/bench/search-speed
[ -r "$article" ] || { echo "no $article: run bench/layout.sh first"; exit 1; }
[ -x "$speed" ] || make bench/search-speed > /dev/null || exit 1
"$speed" "$article" "القاهرة" "الله" "زمن" "Bank"
for p in "القاهرة" "الله"; do
	/usr/bin/time -f "%e %M" -o /tmp/maqal-search-time "$maqal" --search "$p" "$article" > /dev/null
	read -r secs kib < /tmp/maqal-search-time
	echo "--search $p end to end: $secs s, $((kib / 1024)) MB peak"
done
rm -f /tmp/maqal-search-time
