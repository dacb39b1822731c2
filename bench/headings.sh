#!/bin/sh
# Heading detection accuracy on ../shared/corpus (see issue 4):
#   news/   precision, recall and F1 of detected heading lines (title
#           included) against news/gold.tsv;
#   books/  recall of the chapter headings marked "# | " (markers stripped
#           before maqal reads the text; precision cannot be measured there);
#   seed    the eight headings, key points and introduction exactly.
# Usage: bench/headings.sh [MAQAL] [CORPUS] [-v]   (-v lists the misses)
maqal=${1:-./maqal}
corpus=${2:-../shared/corpus}
verbose=${3:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/maqal-headings.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# news: one "file line" per detected and per gold heading
: > "$tmp/found"
: > "$tmp/gold"
while IFS="$(printf '\t')" read -r file lines note; do
	printf '%s\n' "$lines" | tr ',' '\n' | sed "s|^|$file |" >> "$tmp/gold"
	"$maqal" --outline "$corpus/news/$file" |
		awk -F '\t' -v f="$file" '$1 == "title" || $1 == "heading" { print f, $3 }' >> "$tmp/found"
done < "$corpus/news/gold.tsv"
sort -u "$tmp/found" -o "$tmp/found"
sort -u "$tmp/gold" -o "$tmp/gold"
tp=$(comm -12 "$tmp/found" "$tmp/gold" | wc -l)
nf=$(wc -l < "$tmp/found")
ng=$(wc -l < "$tmp/gold")
awk -v tp="$tp" -v nf="$nf" -v ng="$ng" 'BEGIN {
	p = nf ? tp / nf : 0; r = ng ? tp / ng : 0; f = p + r ? 2 * p * r / (p + r) : 0
	printf "news: %d gold, %d found, %d right: precision %.3f recall %.3f F1 %.3f\n", ng, nf, tp, p, r, f
}'
if [ "$verbose" = -v ]; then
	echo "false headings:"; comm -23 "$tmp/found" "$tmp/gold" | tr '\n' ' '; echo
	echo "missed headings:"; comm -13 "$tmp/found" "$tmp/gold" | tr '\n' ' '; echo
fi

# books: recall of the marked chapter headings
total=0 hit=0
for book in "$corpus"/books/*.md; do
	name=$(basename "$book")
	sed 's/^# | //' "$book" > "$tmp/book.txt"
	grep -n '^# | ' "$book" | cut -d: -f1 | sort -u > "$tmp/marked"
	"$maqal" --outline "$tmp/book.txt" | awk -F '\t' '$1 == "title" || $1 == "heading" { print $3 }' |
		sort -u > "$tmp/bookfound"
	n=$(wc -l < "$tmp/marked")
	h=$(comm -12 "$tmp/marked" "$tmp/bookfound" | wc -l)
	total=$((total + n)); hit=$((hit + h))
	if [ "$verbose" = -v ] && [ "$h" -lt "$n" ]; then
		echo "$name: missed lines $(comm -23 "$tmp/marked" "$tmp/bookfound" | tr '\n' ' ')"
	fi
done
awk -v h="$hit" -v t="$total" 'BEGIN { printf "books: %d of %d marked chapter headings found: recall %.3f\n", h, t, t ? h / t : 0 }'

# seed
seed="$corpus/seed/000_931d8a7ff9def04e.txt"
got=$("$maqal" --outline "$seed" | awk -F '\t' '{ printf "%s:%s ", $1, $3 }')
want="keypoints:1 intro:6 heading:10 heading:15 heading:21 heading:27 heading:33 heading:39 heading:47 heading:53 "
if [ "$got" = "$want" ]; then echo "seed: exact"; else echo "seed: differs: $got"; fi
