#!/bin/sh
# Heading detection and reflowing, measured:
#   cross-validated  maqal-train --headings -k 10 -R 3 over every gold set
#                    of ../shared/corpus (bench/heading-sets.sh) and our
#                    licence gold: each document is scored by a model
#                    trained on the other nine folds, never on itself; three
#                    different deals of the documents into folds, pooled;
#   GPL-3            the shipped model on /usr/share/common-licenses/GPL-3,
#                    which no model is trained on: its 23 headings found,
#                    and the other lines in its outline;
#   wrapped          GUM documents whose NAME.wrapped.txt dumps exactly like
#                    NAME.txt (maqal --dump -w 100);
#   seed             the seed article's outline exactly;
#   speed            --outline of a 100 MB article made of the books.
# Usage: bench/headings.sh [MAQAL] [CORPUS] [-v]   (-v lists the misses)
# MAQAL_TRAIN names maqal-train (default: beside MAQAL).
maqal=${1:-./maqal}
corpus=${2:-../shared/corpus}
verbose=${3:-}
train=${MAQAL_TRAIN:-$(dirname "$maqal")/maqal-train}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/maqal-headings.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

sets=$(sh "$(dirname "$0")/heading-sets.sh" "$corpus" "$tmp") || exit 1
# shellcheck disable=SC2086
"$train" --headings -k 10 -R 3 $sets $( [ "$verbose" = -v ] && echo -v ) | sed '1d'

gpl=/usr/share/common-licenses/GPL-3
if [ -r "$gpl" ]; then
	gold="1 8 71 73 112 154 179 195 208 245 343 407 435 446 471 540 552 563 589 600 612 621 623"
	printf '%s\n' $gold | sort > "$tmp/gplgold"
	"$maqal" --outline "$gpl" | awk -F '\t' '$1 == "title" || $1 == "heading" { print $3 }' |
		sort > "$tmp/gplfound"
	hit=$(comm -12 "$tmp/gplgold" "$tmp/gplfound" | wc -l)
	other=$(comm -13 "$tmp/gplgold" "$tmp/gplfound" | wc -l)
	echo "GPL-3 (held out, shipped model): $hit of 23 headings found, $other other lines in the outline"
	if [ "$verbose" = -v ]; then
		echo "  missed: $(comm -23 "$tmp/gplgold" "$tmp/gplfound" | tr '\n' ' ')"
		echo "  other: $(comm -13 "$tmp/gplgold" "$tmp/gplfound" | tr '\n' ' ')"
	fi
fi

same=0 total=0 differ=
for f in "$corpus"/english/*.wrapped.txt; do
	total=$((total + 1))
	"$maqal" --dump -w 100 "${f%.wrapped.txt}.txt" > "$tmp/plain.dump"
	"$maqal" --dump -w 100 "$f" > "$tmp/wrapped.dump"
	if cmp -s "$tmp/plain.dump" "$tmp/wrapped.dump"; then
		same=$((same + 1))
	else
		differ="$differ $(basename "$f")"
	fi
done
awk -v s="$same" -v t="$total" 'BEGIN { printf "wrapped: %d of %d GUM documents dump exactly like their unwrapped text (%.1f%%)\n", s, t, t ? 100 * s / t : 0 }'
[ "$verbose" = -v ] && [ -n "$differ" ] && echo "  differ:$differ"

seed="$corpus/seed/000_931d8a7ff9def04e.txt"
got=$("$maqal" --outline "$seed" | awk -F '\t' '{ printf "%s:%s ", $1, $3 }')
want="keypoints:1 intro:6 heading:10 heading:15 heading:21 heading:27 heading:33 heading:39 heading:47 heading:53 "
if [ "$got" = "$want" ]; then echo "seed: exact"; else echo "seed: differs: $got"; fi

# speed: the books, stripped and repeated to 100 MB
for b in "$tmp"/books/*.txt; do cat "$b"; done > "$tmp/once.txt"
: > "$tmp/big.txt"
while [ "$(wc -c < "$tmp/big.txt")" -lt 100000000 ]; do cat "$tmp/once.txt" >> "$tmp/big.txt"; done
head -c 100000000 "$tmp/big.txt" > "$tmp/100mb.txt"
start=$(date +%s.%N)
"$maqal" --outline "$tmp/100mb.txt" > /dev/null
end=$(date +%s.%N)
awk -v a="$start" -v b="$end" 'BEGIN { printf "speed: --outline of a 100 MB article in %.2f s\n", b - a }'
