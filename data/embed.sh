#!/bin/sh
# Prints a file as a C byte array NAME[] (NUL-terminated) and NAME_len.
name=$1
file=$2
echo "extern const unsigned char $name[];"
echo "extern const size_t ${name}_len;"
echo "const unsigned char $name[] = {"
od -An -v -tx1 "$file" | sed -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'
echo "0x00 };"
echo "const size_t ${name}_len = sizeof $name - 1;"
