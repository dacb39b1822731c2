#!/bin/sh
# A clean build says nothing a user would take for an error: configure
# (which runs beside our core/ directory, where autoconf's `rm -f core'
# used to complain) and the build of the core library (where ar used to
# warn about automake's `u' flag) write nothing to standard error.  The
# library needs data/ too: its heading model is compiled in.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
srcdir="${TESTS_SRCDIR:-$(dirname "$0")}/.."

for f in configure configure.ac Makefile.am Makefile.in aclocal.m4 config.h.in build-aux core data; do
	[ -e "$srcdir/$f" ] || skip_all "$f is not in the source tree (run autoreconf first)"
done
tree="$scratch/tree"
mkdir "$tree"
(cd "$srcdir" && cp -pR configure configure.ac Makefile.am Makefile.in aclocal.m4 \
	config.h.in build-aux core data "$tree"/)
chmod -R u+w "$tree"	# (distcheck's source tree is read-only)
rm -f "$tree"/core/*.o "$tree"/core/*.a "$tree"/core/heading-model.c
rm -rf "$tree"/core/.deps "$tree"/core/.dirstamp

(cd "$tree" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL ./configure -q > "$scratch/configure.out" 2> "$scratch/configure.err")
ok $? "configure runs in a fresh tree"
same "$(cat "$scratch/configure.err")" "" "configure writes nothing to standard error"
[ ! -e "$tree/confdefs.h" ]
ok $? "configure leaves no confdefs.h behind"

(cd "$tree" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make core/libmaqalcore.a > "$scratch/make.out" 2> "$scratch/make.err")
ok $? "the core library builds"
same "$(cat "$scratch/make.err")" "" "building it writes nothing to standard error (no ar warning)"
done_testing
