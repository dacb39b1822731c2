# tests/lib.sh: TAP helpers for the shell tests.  Source it, call ok/check,
# end with done_testing.  $MAQAL is the binary under test.
: "${MAQAL:=./maqal}"
export LC_ALL=C.UTF-8
tap_n=0
tap_failed=0

# ok COND-STATUS DESCRIPTION: records a result from the last command's status.
ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# check DESCRIPTION COMMAND...: runs the command, records whether it succeeded.
check() {
	desc=$1
	shift
	"$@"
	ok $? "$desc"
}

# same GOT WANT DESCRIPTION: compares two strings, showing both on failure.
same() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '# got:  %s\n# want: %s\n' "$1" "$2"
	fi
}

# skip_all REASON: the whole script is skipped.
skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# A scratch folder removed at exit.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/maqal-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
