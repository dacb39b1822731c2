#!/bin/sh
# English names, end to end: `maqal --entities` on each GUM
# document of ../shared/corpus/english against gold-entities.tsv (exact
# byte spans and type), per type and micro over PERSON, PLACE and ORG.
# Line 1 (the title, which has no gold when it comes from GUM's metadata)
# is left out on both sides.
#   cross-validated  5 folds by document: each document is read with an
#                    English model trained (maqal-train) on the other four
#                    folds of english/gum-ner.conll (bench/gum-conll.sh)
#                    and on WNUT 2017 (ner/wnut17-*.conll, as make
#                    names-en-model trains);
#   rules            --model-en none, the rules alone.
# Usage: bench/names-english.sh [MAQAL] [CORPUS] [-v]  (-v: the misses)
maqal=${1:-./maqal}
corpus=${2:-../shared/corpus}
verbose=${3:-}
train=${MAQAL_TRAIN:-$(dirname "$maqal")/maqal-train}
here=$(dirname "$0")
dir=$corpus/english
export LC_ALL=C
[ -r "$dir/gold-entities.tsv" ] || { echo "no $dir: nothing to measure"; exit 0; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/maqal-names-en.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
folds=5

ls "$dir"/GUM_*.txt | grep -v '\.wrapped\.txt$' | sort > "$tmp/docs"
sh "$here/gum-conll.sh" "$corpus" > "$tmp/all.conll" || exit 1
# the dictionary's words, as make names-en-model gives them to the trainer
words=
dic=/usr/share/hunspell/en_US
if command -v unmunch > /dev/null && [ -r "$dic.dic" ]; then
	unmunch "$dic.dic" "$dic.aff" 2> /dev/null > "$tmp/words"
	words="--words $tmp/words"
else
	echo "NOTE: no unmunch or $dic.dic (hunspell-tools, hunspell-en-us): models without the dictionary"
fi
if sh "$here/places-en.sh" > "$tmp/places" 2> /dev/null; then
	words="$words --places $tmp/places"
else
	echo "NOTE: no iso-codes: models without the place names"
fi
# WNUT 2017's English names (social media), trained on in every fold
for w in "$corpus/ner/wnut17-train.conll" "$corpus/ner/wnut17-dev.conll"; do
	if [ -r "$w" ]; then
		words="$words --also $w"
	else
		echo "NOTE: no $w: models without it"
	fi
done
# fold k's training data: every document whose index mod 5 is not k
f=0
while [ $f -lt $folds ]; do
	awk -v k=$f -v n=$folds '/^-DOCSTART-/ { d++ } (d - 1) % n != k' \
	    "$tmp/all.conll" > "$tmp/train$f.conll"
	"$train" -k 5 $words -o "$tmp/m$f.model" "$tmp/train$f.conll" > /dev/null || exit 1
	f=$((f + 1))
done

# predictions: FILE START END TYPE per line, line 1 left out
predict() {	# $1: label; then how to pick the model for document i
	: > "$tmp/$1.pred"
	i=0
	while read -r doc; do
		case $1 in
		cv) opt="--model-en=$tmp/m$((i % folds)).model" ;;
		rules) opt="--model-en=none" ;;
		esac
		cut=$(head -n 1 "$doc" | wc -c)
		"$maqal" --entities "$opt" "$doc" |
		    awk -F '\t' -v f="$(basename "$doc")" -v cut="$cut" \
		    '$1 >= cut && ($3 == "PERSON" || $3 == "PLACE" || $3 == "ORG" || $3 == "MISC") {
			print f "\t" $1 "\t" $2 "\t" $3 "\t" $4 }' >> "$tmp/$1.pred"
		i=$((i + 1))
	done < "$tmp/docs"
}
while read -r doc; do
	printf '%s\t%s\n' "$(basename "$doc")" "$(head -n 1 "$doc" | wc -c)"
done < "$tmp/docs" > "$tmp/cuts"
awk -F '\t' 'NR == FNR { cut[$1] = $2; next } $2 >= cut[$1]' "$tmp/cuts" \
    "$dir/gold-entities.tsv" > "$tmp/gold"

score() {	# $1: label, $2: title
	awk -F '\t' -v title="$2" -v verbose="$verbose" '
	NR == FNR { g[$1 SUBSEP $2 SUBSEP $3 SUBSEP $4] = $5; gt[$4]++; next }
	{ k = $1 SUBSEP $2 SUBSEP $3 SUBSEP $4; pt[$4]++
	  if (k in g) { tp[$4]++; hit[k] = 1 } else if (verbose) print "  false\t" $1 "\t" $4 "\t" $5 }
	END {
		if (verbose) for (k in g) if (!(k in hit)) { split(k, a, SUBSEP); print "  missed\t" a[1] "\t" a[4] "\t" g[k] }
		print title
		split("PERSON PLACE ORG MISC", ty, " ")
		for (i = 1; i <= 4; i++) {
			t = ty[i]; p = pt[t] ? tp[t] / pt[t] : 0; r = gt[t] ? tp[t] / gt[t] : 0
			printf "  %-7s precision %.3f recall %.3f F1 %.3f (gold %d)\n", t, p, r, p + r ? 2 * p * r / (p + r) : 0, gt[t]
			if (i < 4) { TP += tp[t]; PT += pt[t]; GT += gt[t] }
		}
		p = PT ? TP / PT : 0; r = GT ? TP / GT : 0
		printf "  micro   precision %.3f recall %.3f F1 %.3f (PERSON, PLACE, ORG)\n", p, r, p + r ? 2 * p * r / (p + r) : 0
	}' "$tmp/gold" "$tmp/$1.pred"
}
predict cv
score cv "English names, cross-validated (5 folds by document, 149 GUM documents):"
predict rules
score rules "English names, rules only (--model-en none):"
