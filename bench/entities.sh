#!/bin/sh
# Entity extraction quality and speed:
#   seed    every gold entity of ../shared/corpus/seed found with an
#           acceptable type; other distinct names reported;
#   conll   precision, recall and F1 per type (PERSON, PLACE, ORG) of
#           `maqal --entities` on CoNLL gold data, tokens joined with spaces,
#           a sentence a paragraph (sentences end after '.'), exact token
#           spans (a mention inside a token that carries clitics counts as
#           that token);
#   speed   MB/s of --entities on a text (the 100 MB benchmark article when
#           bench/out/books-100mb.txt exists, see bench/layout.sh).
#   tagger  with maqal-train beside MAQAL and a model: the tagger alone on
#           the held-out tail, precision/recall/F1 and tokens per second.
# Usage: bench/entities.sh [MAQAL] [CORPUS] [CONLL-FILE] [MAX-TOKENS]
# CONLL_TAIL=F scores only the last fraction F of the CoNLL file's tokens
# (from the first sentence there), the part maqal-train --hold-out F keeps
# out of training; bench/tagger.sh sets it.
maqal=${1:-./maqal}
corpus=${2:-../shared/corpus}
conll=${3:-$corpus/ner/anercorp-train.conll}
max=${4:-0}
export LC_ALL=C
tmp=$(mktemp -d "${TMPDIR:-/tmp}/maqal-ent.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# --- seed ---------------------------------------------------------------
seed="$corpus/seed/000_931d8a7ff9def04e"
if [ -r "$seed.gold.json" ]; then
	# gold: TEXT<TAB>TYPE|ALSO... per entity
	awk '
		/"text":/ { sub(/^[^:]*: *"/, ""); sub(/",? *$/, ""); text = $0 }
		/"type":/ { sub(/^[^:]*: *"/, ""); sub(/",? *$/, ""); types = $0 }
		/"also":/ { also = 1 }
		also { line = $0; while (match(line, /"[A-Z]+"/)) {
			types = types "|" substr(line, RSTART + 1, RLENGTH - 2); line = substr(line, RSTART + RLENGTH) } }
		also && /\]/ { also = 0; print text "\t" types }
	' "$seed.gold.json" | grep -v '^	' > "$tmp/gold"
	"$maqal" --entities "$seed.txt" | cut -f3,4 | sort -u > "$tmp/found"
	awk -F '\t' 'NR == FNR { ok[$1] = "|" $2 "|"; next }
		{ if ($2 in ok) { if (index(ok[$2], "|" $1 "|")) hit[$2] = 1; else bad[$2] = $1 }
		  else other[$2] = $1 }
		END {
			n = 0; for (t in ok) { n++; if (t in hit) h++; else missing = missing " " t }
			o = 0; for (t in other) { o++; others = others " " t "(" other[t] ")" }
			printf "seed: %d of %d gold entities found with an acceptable type; %d other names\n", h, n, o
			if (missing != "") print "  missing:" missing
			if (o) print "  others:" others
		}' "$tmp/gold" "$tmp/found"
fi

# --- CoNLL --------------------------------------------------------------
if [ -s "$conll" ]; then
	# text: a sentence a paragraph; tokens.tsv: START END GOLDTAG per token
	awk -v max="$max" -v tail="${CONLL_TAIL:-0}" -v text="$tmp/text.txt" -v toks="$tmp/tokens.tsv" '
		function clean() {
			sub(/\r$/, "")
			tok = $1; tag = $NF
			gsub(/\xe2\x80[\x8e\x8f]/, "", tok)	# LRM, RLM
			sub(/^\xef\xbb\xbf/, "", tok)
			return tok != "" && NF >= 2
		}
		BEGIN { off = 0; first = 1; skip = 0
			if (tail > 0) {	# the first token of the tail
				while ((getline < ARGV[1]) > 0) total += clean()
				close(ARGV[1])
				skip = total - int(total * tail)
			}
		}
		{
			if (!clean()) next
			if (skip > 0) {
				seen++
				if (seen < skip || (seen == skip && tok != ".")) next
				if (tok == ".") { skip = 0; next }
			}
			if (tag !~ /^[BI]-/) tag = "O"
			if (max > 0 && ++count > max) exit
			if (!first) { printf " " > text; off++ }
			first = 0
			printf "%s", tok > text
			print off "\t" off + length(tok) "\t" tag > toks
			off += length(tok)
			if (tok == ".") { printf "\n\n" > text; off += 2; first = 1 }
		}' "$conll"
	"$maqal" --entities "$tmp/text.txt" > "$tmp/mentions.tsv"
	awk -F '\t' -v toks="$tmp/tokens.tsv" '
		# ANERcorp and WNUT 2017 types, as maqal-train maps them
		function typ(t) {
			if (t == "PERS" || t == "person") return "PERSON"
			if (t == "LOC" || t == "location") return "PLACE"
			if (t == "corporation" || t == "group") return "ORG"
			if (t == "product" || t == "creative-work") return "MISC"
			return t
		}
		BEGIN {
			while ((getline line < toks) > 0) {
				split(line, f, "\t"); n++; s[n] = f[1]; e[n] = f[2]; tag[n] = f[3]
				at[f[1]] = n
			}
			# gold spans "first last TYPE"
			for (i = 1; i <= n; i++) {
				if (tag[i] ~ /^B-/ || (tag[i] ~ /^I-/ && (i == 1 || substr(tag[i-1], 3) != substr(tag[i], 3)))) {
					t = typ(substr(tag[i], 3)); j = i
					while (j < n && tag[j+1] == "I-" substr(tag[i], 3)) j++
					gold[i " " j " " t] = 1
				}
			}
		}
		{
			# the tokens holding the mention start and its last byte
			a = $1; b = $2 - 1; ti = 0; tj = 0
			lo = 1; hi = n
			while (lo < hi) { mid = int((lo + hi + 1) / 2); if (s[mid] <= a) lo = mid; else hi = mid - 1 }
			ti = lo
			lo = 1; hi = n
			while (lo < hi) { mid = int((lo + hi + 1) / 2); if (s[mid] <= b) lo = mid; else hi = mid - 1 }
			tj = lo
			found[ti " " tj " " $3] = 1
		}
		END {
			split("PERSON PLACE ORG", T, " ")
			for (k in found) { split(k, f, " "); if (k in gold) tp[f[3]]++; else fp[f[3]]++ }
			for (k in gold) { split(k, f, " "); if (!(k in found)) fn[f[3]]++ }
			for (x = 1; x <= 3; x++) {
				t = T[x]; p = tp[t] + fp[t] ? tp[t] / (tp[t] + fp[t]) : 0
				r = tp[t] + fn[t] ? tp[t] / (tp[t] + fn[t]) : 0
				f1 = p + r ? 2 * p * r / (p + r) : 0
				printf "conll %-6s precision %.3f recall %.3f F1 %.3f (gold %d)\n", t, p, r, f1, tp[t] + fn[t]
				TP += tp[t]; FP += fp[t]; FN += fn[t]
			}
			p = TP / (TP + FP); r = TP / (TP + FN)
			printf "conll micro  precision %.3f recall %.3f F1 %.3f\n", p, r, 2 * p * r / (p + r)
		}' "$tmp/mentions.tsv"
fi

# --- speed --------------------------------------------------------------
big=bench/out/books-100mb.txt
if [ "${BENCH_SPEED:-1}" = 1 ] && [ -r "$big" ] && [ -x /usr/bin/time ]; then
	/usr/bin/time -f "%e %M" -o "$tmp/time" "$maqal" --entities "$big" > "$tmp/big.tsv"
	read -r secs kib < "$tmp/time"
	awk -v s="$secs" -v k="$kib" -v b="$(stat -c %s "$big")" -v n="$(wc -l < "$tmp/big.tsv")" \
	    'BEGIN { printf "speed: %.1f MB in %.2f s = %.1f MB/s, %d mentions, %d KiB peak\n", b / 1e6, s, b / 1e6 / s, n, k }'
fi
