#!/bin/sh
# maqal-train --headings on a tiny gold set of our own (the two hard-wrapped
# samples in tests/golden): the same data gives the same model byte for
# byte, the model is one maqal-train can read back, cross-validation says
# what it is, and bad gold is refused with a message.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
golden="$TESTS_SRCDIR/golden"
printf '%s\t%s\n' "$golden/wrapped-english.txt" "1,9,16,23,38,43" \
	"$golden/wrapped-arabic.txt" "1,7,13,19" > "$scratch/gold.tsv"

"$MAQAL_TRAIN" --headings -b 1 -e 2 -o "$scratch/a.model" "samples=$scratch/gold.tsv" \
	> "$scratch/a.out" 2>&1
ok $? "a model is trained and written"
"$MAQAL_TRAIN" --headings -b 1 -e 2 -o "$scratch/b.model" "samples=$scratch/gold.tsv" \
	> /dev/null 2>&1
cmp -s "$scratch/a.model" "$scratch/b.model"
ok $? "the same data gives the same model, byte for byte"
same "$(head -n 1 "$scratch/a.model")" "maqal-headings 1" "the model file says what it is"
[ ! -e "$scratch/a.model.tmp" ]
ok $? "no temporary file is left behind"
grep -q '^samples (training data, not a measure): 2 documents, 10 gold lines' "$scratch/a.out"
ok $? "it reports the figures on its own training data as such"

"$MAQAL_TRAIN" --headings --explain "$scratch/a.model" "$golden/wrapped-english.txt" \
	> "$scratch/explain.out" 2>&1
ok $? "--explain reads the model back"
grep -q '^16	[-+][0-9.]*	.*ST_DIGITS' "$scratch/explain.out"
ok $? "--explain shows a paragraph's score and features"

"$MAQAL_TRAIN" --headings -b 1 -e 2 -k 2 "samples=$scratch/gold.tsv" > "$scratch/cv.out" 2>&1
grep -q '^samples (cross-validated, 2 folds by document): 2 documents' "$scratch/cv.out"
ok $? "-k cross-validates by document"

printf '%s\tone,two\n' "$golden/wrapped-english.txt" > "$scratch/bad.tsv"
"$MAQAL_TRAIN" --headings -o "$scratch/c.model" "x=$scratch/bad.tsv" > /dev/null 2> "$scratch/bad.err"
st=$?
[ $st -eq 2 ] && grep -q 'bad line list' "$scratch/bad.err" && [ ! -e "$scratch/c.model" ]
ok $? "bad gold is refused with a message, and no model is written"
printf 'maqal-headings 999\n' > "$scratch/old.model"
"$MAQAL_TRAIN" --headings --explain "$scratch/old.model" "$golden/wrapped-english.txt" \
	> /dev/null 2> "$scratch/old.err"
[ $? -eq 2 ] && grep -q 'another version' "$scratch/old.err"
ok $? "a model of another version is refused"
done_testing
