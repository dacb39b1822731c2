#!/bin/sh
# The fuzz harnesses (tests/fuzz/) replayed in the normal build over their
# seeds (tests/golden, the tour) and every input a fuzzer ever crashed on
# (tests/fuzz/regress/HARNESS/): each must run them all to the end.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
srcdir="${TESTS_SRCDIR:-$(dirname "$0")}/.."
bin=$(dirname "$MAQAL")/tests/fuzz
for h in text doc layout search entities; do
	"$bin/replay-$h" "$srcdir/tests/golden" "$srcdir/data/tour.txt" \
	    "$srcdir/tests/fuzz/regress/fuzz-$h" > "$scratch/out" 2> "$scratch/err"
	st=$?
	n=$(grep -c "^ok " "$scratch/out")
	bad=$(grep -c "^not ok " "$scratch/out")
	[ $st -eq 0 ] && [ "$n" -gt 5 ] && [ "$bad" -eq 0 ]
	ok $? "fuzz-$h: $n inputs replayed, none failed (status $st)"
	[ $st -eq 0 ] || { tail -n 20 "$scratch/err" | sed 's/^/# /'; tail -n 1 "$scratch/out" | sed 's/^/# last: /'; }
done
done_testing
