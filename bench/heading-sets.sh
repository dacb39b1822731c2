#!/bin/sh
# Prepares the heading gold of ../shared/corpus for maqal-train --headings
# in folder TMP and prints the SET=GOLD arguments, one per line:
#   news             news/gold.tsv as it is;
#   books            each book with its "# | " chapter markers stripped
#                    (kept in TMP), gold = the marked lines;
#   english          GUM's NAME.txt rows of english/gold-headings.tsv;
#   english-wrapped  its NAME.wrapped.txt rows;
#   licences         our own gold for Debian's licence texts
#                    (data/headings-licences.tsv), when they are there.
# Usage: bench/heading-sets.sh CORPUS TMP
corpus=$1
tmp=$2
tab=$(printf '\t')
[ -r "$corpus/news/gold.tsv" ] || { echo "heading-sets: no corpus at $corpus" >&2; exit 1; }
case $corpus in /*) ;; *) corpus=$(cd "$corpus" && pwd) ;; esac
mkdir -p "$tmp/books"
: > "$tmp/books.tsv"
for book in "$corpus"/books/*.md; do
	name=$(basename "$book" .md).txt
	sed 's/^# | //' "$book" > "$tmp/books/$name"
	lines=$(grep -n '^# | ' "$book" | cut -d: -f1 | tr '\n' ',' | sed 's/,$//')
	printf '%s\t%s\n' "books/$name" "$lines" >> "$tmp/books.tsv"
done
grep -v "\.wrapped\.txt$tab" "$corpus/english/gold-headings.tsv" |
	sed "s|^|$corpus/english/|" > "$tmp/english.tsv"
grep "\.wrapped\.txt$tab" "$corpus/english/gold-headings.tsv" |
	sed "s|^|$corpus/english/|" > "$tmp/english-wrapped.tsv"
echo "news=$corpus/news/gold.tsv"
echo "books=$tmp/books.tsv"
echo "english=$tmp/english.tsv"
echo "english-wrapped=$tmp/english-wrapped.tsv"
srcdir=$(dirname "$0")/..
if [ -r /usr/share/common-licenses/GPL-2 ]; then
	echo "licences=$srcdir/data/headings-licences.tsv"
fi
