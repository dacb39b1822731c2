#!/bin/sh
# The place names the English tagger learns with (its --places features),
# one a line, from what Debian has: the English names of countries and
# their subdivisions in iso-codes (ISO 3166-1 and 3166-2; LGPL-2.1+) and
# the city names of tzdata's zones (public domain).
# Usage: bench/places-en.sh > places.txt
iso=/usr/share/iso-codes/json
zones=/usr/share/zoneinfo
[ -r "$iso/iso_3166-1.json" ] || { echo "places-en: no $iso (Debian's iso-codes)" >&2; exit 1; }
{
	sed -n 's/.*"\(name\|common_name\|official_name\)": "\([^"]*\)".*/\2/p' \
	    "$iso/iso_3166-1.json" "$iso/iso_3166-2.json"
	[ -d "$zones" ] && find "$zones" -type f | sed 's|.*/||' | grep -v '[0-9+-]' | tr _ ' '
} | LC_ALL=C sort -u
