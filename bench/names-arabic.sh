#!/bin/sh
# Arabic names, end to end: `maqal --entities` on ANERcorp
# (../shared/corpus/ner/anercorp-train.conll), cross-validated: the
# sentences are cut into 5 contiguous blocks (the file runs article after
# article, so a block holds whole articles but at its edges); each block's
# text (tokens joined by spaces, a sentence a paragraph) is read with a
# model trained (maqal-train -k 5 --lexicon wikifane, with the word
# classes of data/names-ar.classes and the name lists of
# ../shared/corpus/gazetteers, as make model trains it) on the other four,
# and the mentions are scored against its gold, exact token spans, pooled.
# Usage: bench/names-arabic.sh [MAQAL] [CORPUS] [-v]  (-v: per fold)
maqal=${1:-./maqal}
corpus=${2:-../shared/corpus}
verbose=${3:-}
train=${MAQAL_TRAIN:-$(dirname "$maqal")/maqal-train}
ner=$corpus/ner
export LC_ALL=C
[ -r "$ner/anercorp-train.conll" ] || { echo "no $ner: nothing to measure"; exit 0; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/maqal-names-ar.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
folds=5
# the word classes the shipped model learns with (learnt from unlabelled
# text, not from ANERcorp: fair to use in every fold)
classes=$(dirname "$0")/../data/names-ar.classes
if [ -r "$classes" ]; then
	copt="--word-classes=$classes"
else
	copt="--word-classes=none"
	echo "NOTE: no $classes (make word-classes): models without word classes"
fi
# the lists of names (Wikidata's people, GeoNames' places: not ANERcorp)
names=$corpus/gazetteers/gazetteer.tsv
nopt=
if [ -r "$names" ]; then
	nopt="--name-list=$names"
else
	echo "NOTE: no $names: models without the lists of names"
fi

f=0
: > "$tmp/counts"
while [ $f -lt $folds ]; do
	# block f: its text and token offsets; the rest: training data
	awk -v k=$f -v n=$folds -v text="$tmp/text.txt" -v toks="$tmp/tokens.tsv" \
	    -v rest="$tmp/train.conll" '
		function clean() {
			sub(/\r$/, "")
			tok = $1; tag = $NF
			gsub(/\xe2\x80[\x8e\x8f]/, "", tok)
			sub(/^\xef\xbb\xbf/, "", tok)
			return tok != "" && NF >= 2
		}
		BEGIN {
			while ((getline < ARGV[1]) > 0) if (clean() && tok == ".") total++
			close(ARGV[1])
			lo = int(k * total / n); hi = int((k + 1) * total / n)
			printf "" > text; printf "" > toks; printf "" > rest
			off = 0; first = 1
		}
		{
			if (!clean()) next
			if (sent < lo || sent >= hi) { print > rest; if (tok == ".") sent++; next }
			if (tag !~ /^[BI]-/) tag = "O"
			if (!first) { printf " " > text; off++ }
			first = 0
			printf "%s", tok > text
			print off "\t" off + length(tok) "\t" tag > toks
			off += length(tok)
			if (tok == ".") { printf "\n\n" > text; off += 2; first = 1; sent++ }
		}' "$ner/anercorp-train.conll"
	# shellcheck disable=SC2046
	"$train" -k 5 --lexicon "$ner/wikifane-gold.tsv" $( [ -r "$classes" ] && echo "$copt" ) $nopt \
	    -o "$tmp/m.model" "$tmp/train.conll" > /dev/null || exit 1
	"$maqal" --entities --model "$tmp/m.model" "$copt" "$tmp/text.txt" > "$tmp/mentions.tsv"
	awk -F '\t' -v toks="$tmp/tokens.tsv" -v fold=$f '
		function typ(t) {
			if (t == "PERS") return "PERSON"
			if (t == "LOC") return "PLACE"
			return t
		}
		BEGIN {
			while ((getline line < toks) > 0) {
				split(line, x, "\t"); n++; s[n] = x[1]; tag[n] = x[3]
			}
			for (i = 1; i <= n; i++)
				if (tag[i] ~ /^B-/ || (tag[i] ~ /^I-/ && (i == 1 || substr(tag[i-1], 3) != substr(tag[i], 3)))) {
					t = typ(substr(tag[i], 3)); j = i
					while (j < n && tag[j+1] == "I-" substr(tag[i], 3)) j++
					gold[i " " j " " t] = 1
				}
		}
		function at(o,   lo, hi, mid) {
			lo = 1; hi = n
			while (lo < hi) { mid = int((lo + hi + 1) / 2); if (s[mid] <= o) lo = mid; else hi = mid - 1 }
			return lo
		}
		{ found[at($1) " " at($2 - 1) " " $3] = 1 }
		END {
			for (k in found) { split(k, x, " "); if (k in gold) tp[x[3]]++; else fp[x[3]]++ }
			for (k in gold) { split(k, x, " "); if (!(k in found)) fn[x[3]]++ }
			split("PERSON PLACE ORG MISC", T, " ")
			for (i = 1; i <= 4; i++) print fold, T[i], tp[T[i]] + 0, fp[T[i]] + 0, fn[T[i]] + 0
		}' "$tmp/mentions.tsv" >> "$tmp/counts"
	f=$((f + 1))
done
[ "$verbose" = -v ] && sed 's/^/  fold /' "$tmp/counts"
awk '{ tp[$2] += $3; fp[$2] += $4; fn[$2] += $5 }
	END {
		print "Arabic names, cross-validated (5 contiguous blocks of ANERcorp, end to end):"
		split("PERSON PLACE ORG MISC", T, " ")
		for (i = 1; i <= 4; i++) {
			t = T[i]; p = tp[t] + fp[t] ? tp[t] / (tp[t] + fp[t]) : 0
			r = tp[t] + fn[t] ? tp[t] / (tp[t] + fn[t]) : 0
			printf "  %-7s precision %.3f recall %.3f F1 %.3f (gold %d)\n", t, p, r, p + r ? 2 * p * r / (p + r) : 0, tp[t] + fn[t]
			if (i < 4) { TP += tp[t]; FP += fp[t]; FN += fn[t] }
		}
		p = TP / (TP + FP); r = TP / (TP + FN)
		printf "  micro   precision %.3f recall %.3f F1 %.3f (PERSON, PLACE, ORG)\n", p, r, 2 * p * r / (p + r)
	}' "$tmp/counts"
