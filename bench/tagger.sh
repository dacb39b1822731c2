#!/bin/sh
# The Arabic name tagger: training time and model size (as
# make model trains it: -k 5 picks the least margin, then everything),
# precision, recall and F1 per type on the last tenth of ANERcorp by a
# model trained without it (the tagger alone, then end to end through
# maqal --entities), tokens per second of the tagger on one core, the time
# to load the model, and --entities on the 100 MB benchmark article with
# and without the model.  Cross-validated figures: bench/names-arabic.sh.
# Usage: bench/tagger.sh [BUILD-DIR] [CORPUS]
build=${1:-.}
corpus=${2:-../shared/corpus}
ner=$corpus/ner
maqal=$build/maqal
train=$build/maqal-train
export LC_ALL=C
tmp=$(mktemp -d "${TMPDIR:-/tmp}/maqal-tagger.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
[ -r "$ner/anercorp-train.conll" ] || { echo "no $ner: nothing to measure"; exit 0; }

now() { date +%s.%N; }

# --- training -------------------------------------------------------------
classes=data/names-ar.classes
t0=$(now)
"$train" -k 5 --lexicon "$ner/wikifane-gold.tsv" --word-classes "$classes" \
	--name-list "$corpus/gazetteers/gazetteer.tsv" \
	-o "$tmp/full.model" "$ner/anercorp-train.conll" > "$tmp/train.log" || exit 1
t1=$(now)
awk -v a="$t0" -v b="$t1" 'BEGIN { printf "training (5 folds, then all): %.1f s\n", b - a }'
grep -E "^(data|lexicon|features|model|least)" "$tmp/train.log"
if cmp -s "$tmp/full.model" data/names-ar.model; then
	echo "the shipped model is byte for byte what training gives"
else
	echo "NOTE: data/names-ar.model differs from a fresh training (make model)"
fi
# the model measured below: trained without the last tenth
"$train" --hold-out 0.1 -k 5 --lexicon "$ner/wikifane-gold.tsv" --word-classes "$classes" \
	--name-list "$corpus/gazetteers/gazetteer.tsv" \
	-o "$tmp/m.model" "$ner/anercorp-train.conll" > /dev/null || exit 1

# --- quality and speed of the tagger alone ----------------------------------
echo "held out (last tenth of anercorp-train.conll), the tagger alone:"
"$train" --eval "$tmp/m.model" --word-classes "$classes" --tail 0.1 "$ner/anercorp-train.conll" | sed 's/^/  /'
# speed over more tokens: the whole file (its F1 is on training data: not shown)
best=0
for i in 1 2 3; do
	tps=$("$train" --eval "$tmp/m.model" --word-classes "$classes" "$ner/anercorp-train.conll" |
	    sed -n 's/.* = \([0-9]*\) tokens\/s.*/\1/p')
	[ "$tps" -gt "$best" ] && best=$tps
done
echo "speed: $best tokens/s (features and Viterbi, one core; best of 3 over 125k tokens)"

# --- loading the model ------------------------------------------------------
: > "$tmp/empty.txt"
t0=$(now)
for i in 1 2 3 4 5 6 7 8 9 10; do "$maqal" --entities --model none "$tmp/empty.txt"; done
t1=$(now)
for i in 1 2 3 4 5 6 7 8 9 10; do "$maqal" --entities --model "$tmp/m.model" "$tmp/empty.txt"; done
t2=$(now)
awk -v a="$t0" -v b="$t1" -v c="$t2" -v s="$(stat -c %s "$tmp/m.model")" 'BEGIN {
	printf "model: %.1f MB, loading and checking it adds %.1f ms to a run\n",
	    s / 1e6, ((c - b) - (b - a)) * 100 }'

# --- end to end ---------------------------------------------------------------
echo "held out, end to end (maqal --entities, rules for money, dates, Latin names):"
MAQAL_MODEL="$tmp/m.model" CONLL_TAIL=0.1 BENCH_SPEED=0 sh bench/entities.sh "$maqal" /dev/null "$ner/anercorp-train.conll" |
    sed 's/^/  /'
big=bench/out/books-100mb.txt
if [ -r "$big" ] && [ -x /usr/bin/time ]; then
	for m in "$tmp/m.model" none; do
		/usr/bin/time -f "%e %M" -o "$tmp/time" "$maqal" --entities --model "$m" "$big" > "$tmp/big.tsv"
		read -r secs kib < "$tmp/time"
		awk -v s="$secs" -v k="$kib" -v b="$(stat -c %s "$big")" -v n="$(wc -l < "$tmp/big.tsv")" \
		    -v w="$(tr -s ' \n' '\n\n' < "$big" | grep -c .)" -v m="$([ "$m" = none ] && echo rules || echo tagger)" \
		    'BEGIN { printf "--entities (%s): %.1f MB, %d words, in %.1f s = %.1f MB/s, %.0f words/s, %d mentions, %d KiB peak\n",
			m, b / 1e6, w, s, b / 1e6 / s, w / s, n, k }'
	done
else
	echo "(bench/out/books-100mb.txt not made: run bench/layout.sh for the 100 MB figures)"
fi
