#!/bin/sh
# The seed article from ../shared/corpus (skipped when the corpus is absent):
# the key-point bullets are right-aligned with the bullet at the right end
# (the third, which starts with "OpenAI", included), no U+FEFF filler
# reaches the output, and every line fits the width.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
seed="${MAQAL_CORPUS:-../shared/corpus}/seed/000_931d8a7ff9def04e.txt"
[ -r "$seed" ] || skip_all "corpus not found at $seed (it is in ../shared beside the clone)"

for w in 80 60 100; do
	"$MAQAL" --dump --width=$w "$seed" > "$scratch/dump" 2> "$scratch/err"
	ok $? "seed laid out at width $w"
	head -n 4 "$scratch/dump" > "$scratch/bullets"
	n=$(grep -c '•$' "$scratch/bullets")
	same "$n" 4 "width $w: the four bullets end at the right with the bullet"
	widths=$(while IFS= read -r l; do printf '%s\n' "$l" | wc -L; done < "$scratch/bullets" | sort -u)
	same "$widths" "$w" "width $w: each bullet line is right-aligned to the full width"
	if grep -q "$(printf '\357\273\277')" "$scratch/dump"; then
		ok 1 "width $w: no U+FEFF in the dump"
	else
		ok 0 "width $w: no U+FEFF in the dump"
	fi
	max=$(wc -L < "$scratch/dump")
	[ "$max" -le "$w" ]
	ok $? "width $w: every line fits (widest $max)"
	[ ! -s "$scratch/err" ]
	ok $? "width $w: nothing on stderr"
done

# The third bullet starts with a Latin name yet is Arabic: right-to-left.
third=$(sed -n 3p "$scratch/dump")
case "$third" in
*"OpenAI •") ok 0 "the third bullet reads right-to-left, OpenAI by the bullet" ;;
*) ok 1 "the third bullet reads right-to-left, OpenAI by the bullet"; echo "# $third" ;;
esac
# جدلًا keeps its tanween: the mark is in the output.
grep -q "$(printf '\331\213')" "$scratch/dump"
ok $? "the tanween of جدلًا is kept"

# A hard-wrapped book (lines of about 88 characters) reflows to a wider
# screen: its paragraphs are joined, so lines grow past the original wrap.
book=$(ls "${MAQAL_CORPUS:-../shared/corpus}"/books/1342*.md 2>/dev/null | head -n 1)
if [ -n "$book" ]; then
	"$MAQAL" --dump --width=160 "$book" > "$scratch/book"
	ok $? "a hard-wrapped book is laid out"
	max=$(wc -L < "$scratch/book")
	[ "$max" -gt 120 ] && [ "$max" -le 160 ]
	ok $? "its paragraphs reflow to 160 columns (widest line $max)"
	"$MAQAL" --dump --width=40 "$book" > "$scratch/book40"
	max=$(wc -L < "$scratch/book40")
	[ "$max" -le 40 ]
	ok $? "and to 40 columns (widest line $max)"
fi
done_testing
