#!/bin/sh
# Names in the terminal UI, driven in tmux: colours by type, e, the names
# pane (E), marking a name, > and <, Tab and Shift-Tab, highlights that
# follow the bidi layout exactly, and a big article that opens at once while
# its names are still being found.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tmux.sh"

cat > "$scratch/names.txt" <<'EOF'
تقرير عن الشركات

أعلنت شركة OpenAI أن الرئيس المصري حسني مبارك سيزور القاهرة في 12 مارس 2025، وقال مبارك إن الشركة ستستثمر 500 مليون دولار في مصر. وأكد مبارك أن القاهرة مدينة مهمة، وقال إن Elon Musk سيحضر اللقاء أيضا مع ممثلين عن الحكومة.

Microsoft and Google said in Paris that Elon Musk would pay $3 billion by March 2026.
EOF
# what the extractor finds decides what the screen must show
"$MAQAL" --entities "$scratch/names.txt" > "$scratch/mentions"
grep -q "PERSON	حسني مبارك" "$scratch/mentions" &&
    [ "$(grep -c "PERSON	مبارك" "$scratch/mentions")" -eq 2 ] &&
    [ "$(grep -c "PERSON	Elon Musk" "$scratch/mentions")" -eq 2 ]
ok $? "the test article has the mentions the checks below rely on"


# 1. Mentions are coloured by their type; e turns the colours off and on.
start 80 24 "$MAQAL names.txt"
wait_for "Microsoft"
settle
row=$(screen -e | grep "Microsoft")
case "$row" in
*'[36mMicrosoft'*'[32mParis'*'[33mElon Musk'*'[35m$3 billion'*'[34mMarch'*) ok 0 "names are coloured by type (ORG, PLACE, PERSON, MONEY, DATE)" ;;
*) ok 1 "names are coloured by type (ORG, PLACE, PERSON, MONEY, DATE)"; echo "# $row" | cat -v ;;
esac
same "$(lit 36 | sort | tr '\n' ' ')" "Google Microsoft OpenAI " \
    "exactly the organisations are cyan, not the words around them"
tm send-keys -t t e
wait_for "names not coloured"
settle
screen -e | grep "Microsoft" | grep -q '\[3[2-6]m'
ok $((! $?)) "e turns the colours off"
tm send-keys -t t e
wait_for "names coloured"
settle
screen -e | grep "Microsoft" | grep -q '\[36mMicrosoft'
ok $? "and e turns them on again"

# 2. E lists the names by type, most mentioned first, with counts.
tm send-keys -t t E
wait_for "PERSON"
settle
pane=$(screen | sed 's/│.*//; s/ *$//')
first=$(printf '%s\n' "$pane" | sed -n '/PERSON/{n;p;}')
printf '%s\n' "$first" | grep -q "^ *3  .*$(visible 'حسني مبارك')$"
ok $? "the pane lists the most mentioned person first, its count (3) before it"
[ $? -eq 0 ] || echo "# $first"
# Counts sit in one column, for Arabic and Latin names alike, apart from
# the names (they used to follow an Arabic name and run into it).
cols=$(printf '%s\n' "$pane" | sed -n 's/^\( *[0-9][0-9]*\)  [^ ].*/\1/p; s/^\( *[0-9][0-9]*\)  *[^ 0-9].*/\1/p' |
	awk '{ print length($0) }' | sort -u)
[ -n "$cols" ] && [ "$(printf '%s\n' "$cols" | wc -l)" -eq 1 ]
ok $? "every count ends in the same column ($(printf '%s' "$cols" | tr '\n' ' '))"
printf '%s\n' "$pane" | grep -q "^ *[0-9][0-9]*  *Elon Musk$" && printf '%s\n' "$pane" | grep -q "^ *2  .*$(visible 'القاهرة')$"
ok $? "Latin and Arabic names both come after their counts"
printf '%s\n' "$pane" | grep -q "^ ORG" && printf '%s\n' "$pane" | grep -q "^ PLACE" &&
    printf '%s\n' "$pane" | grep -q "^ MONEY"
ok $? "with a heading for each type found"
printf '%s\n' "$pane" | awk '/^ PLACE/ {p=1; next} /^ [A-Z]/ {p=0} p' | grep -q "^ *2  .*$(visible 'القاهرة')$"
ok $? "two mentions of القاهرة make one place counted twice"

# 3. Enter marks the name: its mentions, and no other text, in reverse.
tm send-keys -t t Enter
wait_for "1/3"
settle
marked=$(reversed | sed '$d' | tr '|' '\n' | grep -v '^$' | sort)
want=$(printf '%s\n' "$(visible 'حسني مبارك')" "$(visible 'مبارك')" "$(visible 'مبارك')" | sort)
same "$marked" "$want" "Enter marks every mention of حسني مبارك and nothing else"
status | grep -q "PERSON"
ok $? "the status line says the type and 1/3"
tm send-keys -t t '>'
wait_for "2/3"
ok $? "> goes to the second mention"
tm send-keys -t t '>'
wait_for "3/3"
tm send-keys -t t '>'
wait_for "wrapped"
status | grep -q "1/3"
ok $? "> after the last wraps to the first, with a notice"
tm send-keys -t t '<'
wait_for "3/3"
ok $? "< goes back (wrapping to the last)"

# 4. Tab and Shift-Tab visit every mention in file order.
tm send-keys -t t Escape g
settle
reversed | sed '$d' | grep -q .
ok $((! $?)) "Esc unmarks"
tm send-keys -t t Tab
wait_for "ORG.*OpenAI"
ok $? "Tab goes to the first mention (OpenAI)"
tm send-keys -t t Tab
wait_for "PERSON.*1/3"
ok $? "Tab again goes to the next one (حسني مبارك)"
same "$(reversed | sed '$d' | grep -v '^$')" "$(visible 'حسني مبارك')" "only the mention Tab is at is in reverse"
tm send-keys -t t BTab
wait_for "ORG.*OpenAI"
ok $? "Shift-Tab goes back"
n=$(grep -c . "$scratch/mentions")
i=1
while [ $i -lt "$n" ]; do
	tm send-keys -t t Tab
	i=$((i + 1))
done
wait_for "DATE.*March 2026"
ok $? "Tab $n times in all reaches the last mention (March 2026)"

# 5. A name split by a line break (a Latin name inside Arabic text) is
# highlighted on exactly the cells of each part.
sed -n 3p "$scratch/names.txt" > "$scratch/arabic.txt"
w=$(for w in $(seq 20 60); do "$MAQAL" --dump -w $w "$scratch/arabic.txt" |
    awk -v w=$w '/Elon/ && !/Musk/ {a = NR} /Musk/ && !/Elon/ && a == NR - 1 {print w; exit}'
    done | head -n 1)
[ -n "$w" ]
ok $? "a width splitting Elon Musk in the Arabic paragraph exists ($w)"
start "${w:-24}" 40 "$MAQAL names.txt"
wait_for "Musk"
tm send-keys -t t E
wait_for "PERSON"
settle
tm send-keys -t t j Enter
settle
split=$(reversed | sed '$d' | grep -v '^$' | tr '\n' '/')
case "$split" in
Elon/Musk/*) ok 0 "the split mention is reversed on both lines, one part each" ;;
*) ok 1 "the split mention is reversed on both lines, one part each"; echo "# $split" ;;
esac
same "$(reversed | sed '$d' | tr '| ' '\n\n' | grep -v '^$' | sort | tr '\n' ' ')" \
    "Elon Elon Musk Musk " "and no other cell is (both mentions of Elon Musk)"

# 6. A big article opens at once; names appear while the reader reads.
cp "$scratch/names.txt" "$scratch/big.txt"
while [ "$(wc -c < "$scratch/big.txt")" -lt 20000000 ]; do
	cat "$scratch/big.txt" "$scratch/big.txt" > "$scratch/big2.txt"
	mv "$scratch/big2.txt" "$scratch/big.txt"
done
start 80 24 "$MAQAL big.txt"
wait_for "names [0-9]*%"
ok $? "a $(($(wc -c < "$scratch/big.txt") / 1000000)) MB article shows its first screen while names are still being found"
top=$(rows 1)
tm send-keys -t t j j
i=0
while [ "$(rows 1)" = "$top" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ "$(rows 1)" != "$top" ] && status | grep -q "sections [0-9]*%\|names [0-9]*%"
ok $? "keys work while sections and names are being found"
tm send-keys -t t Tab
wait_for "ORG.*OpenAI"
ok $? "and Tab finds the names already found"
tm send-keys -t t Q

# 7. The default models (those beside the program: here a copy of it, with
# the models under test beside it, none named in the environment) load
# after the first screen, and are used: the tour's "عبد الفتاح السيسي" is
# one name to the model (rules alone split it).
"$MAQAL" --entities --tour | grep -q "PERSON	عبد الفتاح السيسي$" &&
    "$MAQAL" --entities --model none --tour | grep -q "PERSON	السيسي$"
ok $? "(the model, not the rules, joins the tour's عبد الفتاح السيسي)"
mkdir -p "$scratch/bin/data"
cp "$MAQAL" "$scratch/bin/maqal"
cp "$MAQAL_MODEL" "$MAQAL_MODEL_EN" "$MAQAL_CLASSES" "$scratch/bin/data/"
by_default="env -u MAQAL_MODEL -u MAQAL_MODEL_EN -u MAQAL_CLASSES $scratch/bin/maqal"
start 100 40 "$by_default --tour"
wait_for "A tour of maqal"
tm send-keys -t t E
wait_for "$(visible "عبد الفتاح السيسي")"
ok $? "the names pane lists the name the default model found"
# A damaged default model: said once the first screen is up; names by rules.
head -c 100000 "$MAQAL_MODEL" > "$scratch/bin/data/names-ar.model"
start 200 40 "$by_default --tour"
wait_for "names-ar.model: damaged model"
ok $? "a damaged default model is reported on the status line"
tm send-keys -t t E
wait_for "$(visible "عبد الفتاح")"
ok $? "and names are found by rules"
tm send-keys -t t Q

done_testing
