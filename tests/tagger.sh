#!/bin/sh
# The name tagger end to end: maqal-train (deterministic, errors), the
# shipped model's F1 floor on a fixed slice of the held-out news, clitics
# kept out of tagged names, and damaged models (--model must load; a
# damaged default model means rules only, with a notice).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
corpus="${MAQAL_CORPUS:-../shared/corpus}"
: "${MAQAL_TRAIN:=./maqal-train}"
: "${MAQAL_MODEL:=$TESTS_SRCDIR/../data/names-ar.model}"
model=$MAQAL_MODEL
classes_file="$TESTS_SRCDIR/../data/names-ar.classes"

# --- the trainer, on a small hand-made corpus ---------------------------
cat > "$scratch/gold.conll" <<'EOF'
قال O
الرئيس O
زيد B-PERS
الخطيب I-PERS
في O
عمان B-LOC
إن O
شركة O
نجمة B-ORG
الصباح I-ORG
تنمو O
. O
وزار O
زيد B-PERS
مدينة O
عمان B-LOC
أمس O
. O
EOF
for i in 1 2 3 4 5; do cat "$scratch/gold.conll"; done > "$scratch/train.conll"
"$MAQAL_TRAIN" -e 5 -o "$scratch/a.model" "$scratch/train.conll" > "$scratch/log" 2>&1
ok $? "maqal-train trains a model"
"$MAQAL_TRAIN" -e 5 -o "$scratch/b.model" "$scratch/train.conll" > /dev/null 2>&1
cmp -s "$scratch/a.model" "$scratch/b.model"
ok $? "training twice gives the same bytes"
"$MAQAL_TRAIN" --eval "$scratch/a.model" "$scratch/gold.conll" > "$scratch/eval"
grep -q "^micro .*F1 1.000" "$scratch/eval"
ok $? "the model gets its own training sentences right"
grep -q "^speed: [0-9]* tokens in" "$scratch/eval"
ok $? "--eval reports tokens per second"
"$MAQAL_TRAIN" -o "$scratch/c.model" "$scratch/nonexistent.conll" 2> "$scratch/err"
[ $? -eq 2 ] && grep -q "nonexistent.conll: No such file" "$scratch/err"
ok $? "a missing training file: exit 2, naming it"
"$MAQAL_TRAIN" -e 0 -o "$scratch/c.model" "$scratch/train.conll" 2> "$scratch/err"
[ $? -eq 2 ] && grep -q "epochs" "$scratch/err" && [ ! -e "$scratch/c.model" ]
ok $? "a bad option value: exit 2, no model written"

# a list of names: its people's words and one-word places join the
# lexicon (multi-word places and other types do not); a bad line is refused
printf 'زيد\tPERSON\nعمرو\tPERSON\nالبحر الميت\tPLACE\nطرابلس\tPLACE\nصحيفة\tORG\n' > "$scratch/names.tsv"
"$MAQAL_TRAIN" -e 5 --name-list "$scratch/names.tsv" -o "$scratch/n.model" \
    "$scratch/train.conll" > "$scratch/nlog" 2>&1
ok $? "maqal-train --name-list trains a model"
same "$(sed -n 's/^lexicon: \([0-9]*\) words$/\1/p' "$scratch/nlog")" \
	"$(($(sed -n 's/^lexicon: \([0-9]*\) words$/\1/p' "$scratch/log") + 2))" \
	"the list adds its new person and one-word place words to the lexicon (عمرو, طرابلس)"
! cmp -s "$scratch/a.model" "$scratch/n.model"
ok $? "and the model learns from them"
printf 'زيد\tPERSON\nno type here\n' > "$scratch/badnames.tsv"
"$MAQAL_TRAIN" -e 5 --name-list "$scratch/badnames.tsv" -o "$scratch/c.model" \
    "$scratch/train.conll" 2> "$scratch/err"
[ $? -ne 0 ] && grep -q "badnames.tsv: line 2: expected NAME<TAB>TYPE" "$scratch/err" && [ ! -e "$scratch/c.model" ]
ok $? "a list with a bad line is refused, naming the line"

# --- word classes ---------------------------------------------------------
# Cities and verbs in contexts of their own: the cities share a class, the
# verbs another; the table is the same bytes twice; the shipped one too
# groups like words (two Saudi cities, two clubs, two verbs of saying).
for i in 1 2 3 4 5 6 7 8 9 10; do
	for city in باريس لندن روما مدريد; do
		for v in قال أكد أعلن; do
			printf 'وصل الوفد إلى %s أمس ثم %s الوزير إن الزيارة ناجحة .\n' "$city" "$v"
		done
	done
done > "$scratch/plain.txt"
"$MAQAL_TRAIN" --classes -c 4 -m 2 -o "$scratch/a.classes" "$scratch/plain.txt" > "$scratch/log"
ok $? "maqal-train --classes learns a table"
"$MAQAL_TRAIN" --classes -c 4 -m 2 -o "$scratch/b.classes" - < "$scratch/plain.txt" > /dev/null
cmp -s "$scratch/a.classes" "$scratch/b.classes"
ok $? "the same text gives the same table, from a file or standard input"
got=$("$MAQAL_TRAIN" --classes --show "$scratch/a.classes" باريس لندن روما قال أكد | cut -f2 | tr '\n' ' ')
set -- $got
[ "$1" = "$2" ] && [ "$2" = "$3" ] && [ "$4" = "$5" ] && [ "$1" != "$4" ] && [ "$1" != 0 ] && [ "$4" != 0 ]
ok $? "words used alike share a class, others do not ($got)"
got=$("$MAQAL_TRAIN" --classes --show "$classes_file" الرياض جدة الهلال النصر قال أكد | cut -f2 | tr '\n' ' ')
set -- $got
[ "$1" = "$2" ] && [ "$3" = "$4" ] && [ "$5" = "$6" ] && [ "$1" != "$3" ] && [ "$3" != "$5" ]
ok $? "the shipped classes: two cities, two clubs, two verbs of saying ($got)"
head -c 100 "$scratch/a.classes" > "$scratch/cut.classes"
"$MAQAL" --entities --word-classes "$scratch/cut.classes" "$scratch/plain.txt" > /dev/null 2> "$scratch/err"
[ $? -eq 2 ] && grep -q "cut.classes: damaged word classes (truncated or padded)" "$scratch/err"
ok $? "a cut word-class table named with --word-classes: exit 2, saying why"
"$MAQAL" --entities --word-classes "$scratch/a.classes" "$scratch/plain.txt" > /dev/null 2> "$scratch/err"
[ $? -eq 0 ] && grep -q "not the ones the Arabic model learnt with" "$scratch/err"
ok $? "other word classes than the model's: it runs without them, with a notice"

# --- models maqal is given -----------------------------------------------
printf 'قال زيد الخطيب في عمان إن شركة نجمة الصباح تنمو.\n' > "$scratch/a.txt"
got=$("$MAQAL" --entities --model "$scratch/a.model" "$scratch/a.txt" | cut -f3,4 | tr '\t\n' ':,')
same "$got" "PERSON:زيد الخطيب,PLACE:عمان,ORG:نجمة الصباح," "--model uses the model given"
got=$("$MAQAL" --entities --model none "$scratch/a.txt" | cut -f3,4 | tr '\t\n' ':,')
same "$got" "$(MAQAL_MODEL=none "$MAQAL" --entities "$scratch/a.txt" | cut -f3,4 | tr '\t\n' ':,')" \
	"--model none and MAQAL_MODEL=none both mean rules only"
# a model that takes stop words and common nouns for names: they are never
# shown alone (أنا, وأنا, جبل), the names beside them and names they begin
# (جبل طارق) are
for i in 1 2 3 4 5 6; do
	printf 'قال O\nأنا B-PERS\nزيد B-PERS\nأمس O\n. O\nوأنا B-PERS\nعمرو B-PERS\nهنا O\n. O\n'
	printf 'صعد O\nجبل B-LOC\nأمس O\n. O\nعبر O\nجبل B-LOC\nطارق I-LOC\nأمس O\n. O\n'
done > "$scratch/stop.conll"
"$MAQAL_TRAIN" -e 5 -o "$scratch/stop.model" "$scratch/stop.conll" > /dev/null 2>&1
printf 'قال أنا زيد أمس.\n\nوأنا عمرو هنا.\n\nصعد جبل أمس.\n\nعبر جبل طارق أمس.\n' > "$scratch/stop.txt"
got=$("$MAQAL" --entities --model "$scratch/stop.model" "$scratch/stop.txt" | cut -f3,4 | tr '\t\n' ':,')
same "$got" "PERSON:زيد,PERSON:عمرو,PLACE:جبل طارق," \
	"stop words, and common nouns alone, are never names, whatever the model says"
# --also: more gold, trained on in every fold of -k and never scored
for i in 1 2 3 4 5 6; do printf 'قال O\nزيد B-PERS\nأمس O\n. O\n'; done > "$scratch/main.conll"
for i in 1 2 3 4 5 6; do printf 'في O\nعمان B-LOC\nأمس O\n. O\n'; done > "$scratch/also.conll"
"$MAQAL_TRAIN" -k 2 -e 5 -o "$scratch/also.model" "$scratch/main.conll" --also "$scratch/also.conll" > "$scratch/out" 2>&1
grep -q "^cross-validated: 2 folds by contiguous blocks of sentences (1 documents, 6 sentences, 24 tokens)" "$scratch/out" &&
	grep -q "^trained on in every fold, never scored: 6 sentences, 24 tokens (--also)" "$scratch/out"
ok $? "--also: its sentences are trained on, not scored"
printf 'في عمان أمس.\n' > "$scratch/also.txt"
got=$("$MAQAL" --entities --model "$scratch/also.model" "$scratch/also.txt" | cut -f3,4)
same "$got" "$(printf 'PLACE\tعمان')" "--also: and the model learnt from them"
# a model that reads زيد as a person after قال and as a place after في: the
# name takes the type most of its mentions are read as, on every mention
# (the first one's alone would type all three PERSON)
for i in 1 2 3 4 5 6; do
	printf 'قال O\nزيد B-PERS\nأمس O\n. O\nفي O\nزيد B-LOC\nأمس O\n. O\n'
done > "$scratch/vote.conll"
"$MAQAL_TRAIN" -e 5 -o "$scratch/vote.model" "$scratch/vote.conll" > /dev/null 2>&1
printf 'قال زيد أمس.\n\nفي زيد أمس.\n\nفي زيد أمس.\n' > "$scratch/vote.txt"
got=$("$MAQAL" --entities --model "$scratch/vote.model" "$scratch/vote.txt" | cut -f3,4 | tr '\t\n' ':,')
same "$got" "PLACE:زيد,PLACE:زيد,PLACE:زيد," "a name has the type most of its mentions are read as"
# a full name's last word alone, where the model leaves it, is the same
# person (محفوظ), unless the model saw the word mostly outside names (أسد)
for i in 1 2 3 4 5 6; do
	printf 'قال O\nنجيب B-PERS\nمحفوظ I-PERS\nأمس O\n. O\nكتب O\nمحفوظ O\nرواية O\n. O\n'
	printf 'قال O\nعمرو B-PERS\nأسد I-PERS\nأمس O\n. O\n'
	printf 'رأى O\nأسد O\nغزالا O\n. O\nرأى O\nأسد O\nغزالا O\n. O\nرأى O\nأسد O\nغزالا O\n. O\n'
done > "$scratch/sur.conll"
"$MAQAL_TRAIN" -e 5 -o "$scratch/sur.model" "$scratch/sur.conll" > /dev/null 2>&1
printf 'قال نجيب محفوظ أمس.\n\nكتب محفوظ رواية.\n\nقال عمرو أسد أمس.\n\nرأى أسد غزالا.\n' > "$scratch/sur.txt"
got=$("$MAQAL" --entities --model "$scratch/sur.model" "$scratch/sur.txt" | cut -f3,4 | tr '\t\n' ':,')
same "$got" "PERSON:نجيب محفوظ,PERSON:محفوظ,PERSON:عمرو أسد," \
	"a surname alone refers back to the full name, a common word does not"
got=$("$MAQAL" --entities --json --model "$scratch/sur.model" "$scratch/sur.txt" | grep -c '"count": 2')
same "$got" 1 "and the surname's mention counts for the full name"
head -c 1000 "$scratch/a.model" > "$scratch/cut.model"
"$MAQAL" --entities --model "$scratch/cut.model" "$scratch/a.txt" > "$scratch/out" 2> "$scratch/err"
[ $? -eq 2 ] && [ ! -s "$scratch/out" ] && [ "$(wc -l < "$scratch/err")" -eq 1 ] &&
	grep -q "cut.model: damaged model (truncated or padded)" "$scratch/err"
ok $? "a cut model named with --model: exit 2, one line saying why"
"$MAQAL" --entities --model "$scratch" "$scratch/a.txt" 2> "$scratch/err" > /dev/null
[ $? -eq 2 ] && grep -q "is a directory" "$scratch/err"
ok $? "a directory as the model: exit 2"

# A damaged default model (beside the program): rules only, with a notice.
mkdir -p "$scratch/bin/data"
cp "$MAQAL" "$scratch/bin/maqal"
cp "$model" "$scratch/bin/data/names-ar.model"
printf '\377' | dd of="$scratch/bin/data/names-ar.model" bs=1 seek=5000 conv=notrunc 2> /dev/null
(unset MAQAL_MODEL; "$scratch/bin/maqal" --entities "$scratch/a.txt") > "$scratch/out" 2> "$scratch/err"
st=$?
[ $st -eq 0 ] && grep -q "names-ar.model: damaged model (checksum); names found by rules only" "$scratch/err"
ok $? "a damaged default model: a notice, and names by the rules (exit $st)"
MAQAL_MODEL=none "$MAQAL" --entities "$scratch/a.txt" > "$scratch/rules"
cmp -s "$scratch/out" "$scratch/rules"
ok $? "the names are the rules' names"
cp "$model" "$scratch/bin/data/names-ar.model"
(unset MAQAL_MODEL MAQAL_CLASSES; "$scratch/bin/maqal" --entities "$scratch/a.txt") > "$scratch/out" 2> "$scratch/err"
[ $? -eq 0 ] && grep -q "names-ar.classes: No such file or directory; Arabic names found less well" "$scratch/err" &&
	! cmp -s "$scratch/out" "$scratch/rules"
ok $? "without its word classes the model still finds names, with a notice"
cp "$classes_file" "$scratch/bin/data/names-ar.classes"
(unset MAQAL_MODEL MAQAL_CLASSES; "$scratch/bin/maqal" --entities "$scratch/a.txt") > "$scratch/out" 2> "$scratch/err"
st=$?
"$MAQAL" --entities --model "$model" "$scratch/a.txt" > "$scratch/want"
[ $st -eq 0 ] && [ ! -s "$scratch/err" ] && cmp -s "$scratch/out" "$scratch/want" &&
	! cmp -s "$scratch/out" "$scratch/rules"
ok $? "the model beside the program is found without being named"

# --- the shipped model ---------------------------------------------------
# Clitics stay out of names: cut off before a known name or the article,
# kept where names begin with the same letters.
printf 'زار الرئيس كندا وبريطانيا ولبنان وفلسطين ووارسو ثم عاد إلى بالقاهرة، وقال وليد جنبلاط إن الحزب يرفض القرار.\n' > "$scratch/c.txt"
got=$("$MAQAL" --entities --model "$model" "$scratch/c.txt" | cut -f3,4 | tr '\t\n' ':,')
same "$got" "PLACE:كندا,PLACE:بريطانيا,PLACE:لبنان,PLACE:فلسطين,PLACE:وارسو,PLACE:القاهرة,PERSON:وليد جنبلاط," \
	"proclitics cut off places (و, بال), not off كندا, وارسو or وليد"
printf 'وقال الرئيس المصري حسني مبارك إن مصر تدعم السلام، وأكد مبارك أمس ذلك.\n' > "$scratch/m.txt"
"$MAQAL" --entities --json --model "$model" "$scratch/m.txt" | grep -q '"name": "حسني مبارك", "type": "PERSON", "count": 2'
ok $? "a surname alone after the full name is the same person"

aner="$corpus/ner/anercorp-train.conll"
classes="$TESTS_SRCDIR/../data/names-ar.classes"
# (a sanitizer build trains a hundred times slower: the plain run checks
# these floors, .ci/run says which is which)
if [ -n "${MAQAL_SANITIZED:-}" ]; then
	echo "# sanitizer build: the cross-validated floors are the plain run's"
elif [ -r "$aner" ]; then
	# Cross-validated by contiguous fifths of ANERcorp, the tagger alone,
	# with the shipped word classes and the lists of names: measured micro
	# F1 0.781 (P 0.82; 0.767 without the lists) when the model was
	# trained; regression guards, not tuning targets.
	"$MAQAL_TRAIN" -k 5 --lexicon "$corpus/ner/wikifane-gold.tsv" \
	    --word-classes "$classes" --name-list "$corpus/gazetteers/gazetteer.tsv" \
	    "$aner" > "$scratch/cv"
	sed 's/^/# /' "$scratch/cv"
	awk '/^  micro/ { f = $7 } /^  PLACE/ { p = $7 } END { exit !(f >= 0.77 && p >= 0.85) }' "$scratch/cv"
	ok $? "Arabic, cross-validated: micro F1 >= 0.77, PLACE F1 >= 0.85"
	grep -q "names with a margin under 16 dropped: micro precision 0.8[5-9]" "$scratch/cv"
	ok $? "Arabic: dropping names of a margin under 16 gives precision >= 0.85"
else
	echo "# $aner not found: the Arabic floors are not checked"
fi

gum="$corpus/english/gum-ner.conll"
dic=/usr/share/hunspell/en_US
if [ -n "${MAQAL_SANITIZED:-}" ]; then
	:
elif [ -r "$gum" ] && [ -r "$dic.dic" ] && command -v unmunch > /dev/null; then
	sh "$TESTS_SRCDIR/../bench/gum-conll.sh" "$corpus" > "$scratch/gum.conll"
	ok $? "GUM's CoNLL is cut into its 149 documents"
	unmunch "$dic.dic" "$dic.aff" 2> /dev/null > "$scratch/words"
	sh "$TESTS_SRCDIR/../bench/places-en.sh" > "$scratch/places"
	ok $? "the place names are gathered from iso-codes and tzdata"
	# (WNUT 2017 is trained on in every fold, as make names-en-model does)
	also=
	for w in "$corpus/ner/wnut17-train.conll" "$corpus/ner/wnut17-dev.conll"; do
		[ -r "$w" ] && also="$also --also $w"
	done
	# shellcheck disable=SC2086
	"$MAQAL_TRAIN" -k 5 --words "$scratch/words" --places "$scratch/places" $also \
	    "$scratch/gum.conll" > "$scratch/cv"
	sed 's/^/# /' "$scratch/cv"
	grep -q "^cross-validated: 5 folds by document (149 documents" "$scratch/cv"
	ok $? "English folds are by document"
	awk '/^  micro/ { f = $7 } /^  PERSON/ { p = $7 } END { exit !(f >= 0.64 && p >= 0.68) }' "$scratch/cv"
	ok $? "English, cross-validated by document: micro F1 >= 0.64, PERSON F1 >= 0.68"
else
	echo "# $gum, $dic.dic or unmunch missing: the English floors are not checked"
fi
done_testing
