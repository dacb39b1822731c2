#!/bin/sh
# Heading detection on the corpus (skipped without ../shared/corpus): the
# floors issue 4 sets, checked through bench/headings.sh — news F1 at least
# 0.90, books recall at least 0.95, the seed article exactly.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
corpus="${MAQAL_CORPUS:-../shared/corpus}"
[ -r "$corpus/news/gold.tsv" ] || skip_all "corpus not found at $corpus"
out=$(sh "$TESTS_SRCDIR/../bench/headings.sh" "$MAQAL" "$corpus")
printf '%s\n' "$out" | sed 's/^/# /'
f1=$(printf '%s\n' "$out" | sed -n 's/^news:.*F1 \([0-9.]*\)$/\1/p')
recall=$(printf '%s\n' "$out" | sed -n 's/^books:.*recall \([0-9.]*\)$/\1/p')
awk -v x="$f1" 'BEGIN { exit !(x >= 0.90) }'
ok $? "news headings: F1 $f1 >= 0.90"
awk -v x="$recall" 'BEGIN { exit !(x >= 0.95) }'
ok $? "book chapter headings: recall $recall >= 0.95"
printf '%s\n' "$out" | grep -q '^seed: exact$'
ok $? "seed: key points, introduction and exactly its eight headings"
done_testing
