#!/bin/sh
# --entities: the TSV interface, clitics kept out of mentions, money, dates,
# percentages, the user's names, and the seed article's gold (with corpus).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
corpus="${MAQAL_CORPUS:-../shared/corpus}"

printf 'أعلنت OpenAI وMicrosoft عن صفقة بـ500 مليار دولار في 12 مارس 2024، ونمت 13%% في ديلاوير وللولايات المتحدة.\n' > "$scratch/a.txt"
"$MAQAL" --entities "$scratch/a.txt" > "$scratch/out"
ok $? "--entities runs"
got=$(cut -f3,4 "$scratch/out" | tr '\t' ':' | tr '\n' ',')
same "$got" "ORG:OpenAI,ORG:Microsoft,MONEY:500 مليار دولار,DATE:12 مارس 2024,PERCENT:13%,PLACE:ديلاوير,PLACE:لولايات المتحدة," \
	"types and spans, proclitics left out (و, بـ, و, لل)"
# START/END are byte offsets of exactly TEXT.
bad=0
while IFS="$(printf '\t')" read -r s e t text; do
	[ "$(dd if="$scratch/a.txt" bs=1 skip="$s" count=$((e - s)) 2>/dev/null)" = "$text" ] || bad=1
done < "$scratch/out"
ok $bad "each mention's START and END hold exactly its TEXT"

printf 'Angela Merkel met Emmanuel Macron in Paris on 3 May 2019. The European Central Bank raised rates.\n' > "$scratch/en.txt"
same "$("$MAQAL" --entities "$scratch/en.txt" | cut -f3,4 | tr '\t' ':' | tr '\n' ',')" \
	"PERSON:Angela Merkel,PERSON:Emmanuel Macron,PLACE:Paris,DATE:3 May 2019,ORG:European Central Bank," \
	"English names, a date and an organisation; 'The' is not part of it"

printf 'Elon Musk spoke first. Musk then left, and Altman stayed.\n' > "$scratch/back.txt"
same "$("$MAQAL" --entities "$scratch/back.txt" | cut -f3,4 | tr '\t' ':' | tr '\n' ',')" \
	"PERSON:Elon Musk,PERSON:Musk,PERSON:Altman," \
	"a surname alone, even opening a sentence, refers back to the full name; Altman is a person"
"$MAQAL" --entities --json "$scratch/back.txt" | grep -q '"name": "Elon Musk", "type": "PERSON", "count": 2'
ok $? "and counts as a mention of it"

printf 'قال زيد الخطيب إن مشروع نجمة الصباح بدأ.\n' > "$scratch/u.txt"
printf 'نجمة الصباح\tMISC\nزيد الخطيب\tPERSON\n' > "$scratch/names"
same "$("$MAQAL" --entities --names "$scratch/names" "$scratch/u.txt" | cut -f3,4 | tr '\t' ':' | tr '\n' ',')" \
	"PERSON:زيد الخطيب,MISC:نجمة الصباح," "--names adds the user's names with their types"
printf 'ok\tNOTATYPE\n' > "$scratch/badnames"
"$MAQAL" --entities --names "$scratch/badnames" "$scratch/u.txt" > /dev/null 2> "$scratch/err"
[ $? -eq 2 ] && grep -q "badnames: line 1" "$scratch/err"
ok $? "a bad names file is refused, naming the line"

"$MAQAL" --entities --json "$scratch/a.txt" | grep -q '"name": "Microsoft", "type": "ORG", "count": 1'
ok $? "--json lists entities with type and count"

seed="$corpus/seed/000_931d8a7ff9def04e"
if [ -r "$seed.gold.json" ]; then
	out=$(BENCH_SPEED=0 sh "$TESTS_SRCDIR/../bench/entities.sh" "$MAQAL" "$corpus" /dev/null)
	printf '%s\n' "$out" | sed 's/^/# /'
	# (a name the tagger is unsure of is not shown: precision first)
	printf '%s\n' "$out" | grep -Eq "^seed: (18|19) of 19 gold entities found"
	ok $? "seed: at least 18 of the 19 gold entities found with an acceptable type"
	others=$(printf '%s\n' "$out" | sed -n 's/.*type; \([0-9]*\) other names/\1/p')
	[ "${others:-99}" -le 3 ]
	ok $? "seed: at most three other names ($others)"
	# Merged mentions: every OpenAI (14 lines in the gold) is one entity.
	"$MAQAL" --entities --json "$seed.txt" | grep -q '"name": "OpenAI", "type": "ORG", "count": 14'
	ok $? "seed: the 14 mentions of OpenAI are one entity"
fi

# Regression floors on ANERcorp (news).  The rules alone (no model), on
# the whole file: the figures measured when the rules were written, less a
# margin; a rule that starts taking common words fails here.  With the
# tagger, cross-validated end to end (bench/names-arabic.sh: each block
# read by a model that never saw it): micro F1 0.800 (P 0.842), PERSON
# 0.768, PLACE 0.880 when these floors were set (0.791, P 0.842 without
# the type vote and Arabic surnames; 0.775, P 0.829 without the lists of
# names).  The last tenth alone, the floor before, swings by
# two points with one football article (a club's 11 mentions typed
# together, right or wrong).
aner="$corpus/ner/anercorp-train.conll"
if [ -r "$aner" ]; then
	out=$(MAQAL_MODEL=none BENCH_SPEED=0 sh "$TESTS_SRCDIR/../bench/entities.sh" "$MAQAL" /dev/null "$aner")
	printf '%s\n' "$out" | sed 's/^/# rules: /'
	printf '%s\n' "$out" | awk '
		/^conll PERSON/ { pp = $4 }
		/^conll PLACE/ { lf = $8 }
		/^conll micro/ { mf = $7 }
		END { exit !(pp >= 0.38 && lf >= 0.74 && mf >= 0.53) }'
	ok $? "ANERcorp, rules only: PERSON precision >= 0.38, PLACE F1 >= 0.74, micro F1 >= 0.53"
	if [ -n "${MAQAL_SANITIZED:-}" ]; then
		echo "# sanitizer build: the cross-validated floors are the plain run's (training is slow here)"
	else
		# end to end, cross-validated by 5 contiguous blocks (a model
		# trained without each block reads it, as make model trains)
		out=$(MAQAL_TRAIN="$MAQAL_TRAIN" sh "$TESTS_SRCDIR/../bench/names-arabic.sh" "$MAQAL" "$corpus")
		printf '%s\n' "$out" | sed 's/^/# tagger: /'
		printf '%s\n' "$out" | awk '
			/^  PERSON/ { pf = $7 }
			/^  PLACE/ { lf = $7 }
			/^  micro/ { mp = $3; mf = $7 }
			END { exit !(pf >= 0.75 && lf >= 0.86 && mf >= 0.79 && mp >= 0.83) }'
		ok $? "ANERcorp end to end, cross-validated: PERSON F1 >= 0.75, PLACE F1 >= 0.86, micro F1 >= 0.79, precision >= 0.83"
	fi
else
	echo "# $aner not found: ANERcorp floors not checked"
fi
done_testing
