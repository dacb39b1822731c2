#!/bin/sh
# Golden tests: `maqal --dump` (or --outline) of each case in golden/cases must match the
# reviewed reference golden/NAME.dump byte for byte.  After a reviewed
# change, `make references` (this script with --update) rewrites them.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
dir="${TESTS_SRCDIR:-$(dirname "$0")}/golden"
update=false
[ "${1:-}" = --update ] && update=true

while IFS='|' read -r name input opts; do
	case "$name" in ''|'#'*) continue ;; esac
	if [ "$input" = - ]; then
		set -- $opts
	else
		set -- $opts "$dir/$input"
	fi
	"$MAQAL" "$@" > "$scratch/$name.dump" 2> "$scratch/$name.err"
	status=$?
	if $update; then
		cp "$scratch/$name.dump" "$dir/$name.dump"
		echo "# updated $name.dump"
	fi
	if [ $status -eq 0 ] && cmp -s "$scratch/$name.dump" "$dir/$name.dump"; then
		ok 0 "$name: maqal $opts $input"
	else
		ok 1 "$name: maqal $opts $input (status $status)"
		diff "$dir/$name.dump" "$scratch/$name.dump" | sed 's/^/# /' | head -20
	fi
done < "$dir/cases"
done_testing
