#!/bin/sh
# GUM's English name gold (english/gum-ner.conll) with a -DOCSTART- line
# before each document, so that maqal-train can fold by document.  The
# CoNLL file has no document marks of its own: its tokens are matched, in
# order, against the texts of english/GUM_*.txt (spaces left out; the list
# markers and titles those files add are skipped).
# Usage: bench/gum-conll.sh CORPUS > gum-docs.conll
dir=${1:-../shared/corpus}/english
[ -r "$dir/gum-ner.conll" ] || { echo "gum-conll: no $dir/gum-ner.conll" >&2; exit 1; }
ls "$dir"/GUM_*.txt | grep -v '\.wrapped\.txt$' | LC_ALL=C sort > "${TMPDIR:-/tmp}/gum-docs.$$"
LC_ALL=C awk -v list="${TMPDIR:-/tmp}/gum-docs.$$" '
function load(i,   f, line, n) {
	f = doc[i]; full = ""; rest = ""; n = 0
	while ((getline line < f) > 0) {
		gsub(/[ \t\r]/, "", line)
		full = full line
		if (n++ > 0) rest = rest line
	}
	close(f)
	S = full; p = 1; buf = ""; notitle = 0
}
function fits(tok) { return substr(S, p, length(tok)) == tok }
BEGIN {
	while ((getline f < list) > 0) doc[++ndoc] = f
	d = 1; load(d); print "-DOCSTART-\tO"
}
NF == 0 { print; next }
{
	tok = $1
	for (;;) {
		if (match(substr(S, p), /^[0-9]+\./) && substr(S, p + RLENGTH, length(tok)) == tok) { p += RLENGTH; continue }
		if (fits(tok)) { p += length(tok); buf = buf tok; break }
		if (!notitle && substr(rest, 1, length(buf tok)) == buf tok) {
			S = rest; notitle = 1; p = length(buf tok) + 1; buf = buf tok; break
		}
		if (substr(S, p, 1) == "-") { p++; continue }
		if (match(substr(S, p), /^[0-9]+\./)) { p += RLENGTH; continue }
		if (p > length(S) && d < ndoc) {
			d++; load(d); print "-DOCSTART-\tO"; continue
		}
		printf "gum-conll: token %d (%s) does not follow in %s at %d\n", NR, tok, doc[d], p > "/dev/stderr"
		exit 1
	}
	print
}
END { if (d != ndoc) { printf "gum-conll: %d of %d documents matched\n", d, ndoc > "/dev/stderr"; exit 1 } }
' "$dir/gum-ner.conll"
rc=$?
rm -f "${TMPDIR:-/tmp}/gum-docs.$$"
exit $rc
