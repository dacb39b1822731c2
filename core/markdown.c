/*
 * core/markdown: inline markup.
 *
 * One pass marks characters to drop (markers) and ORs style bits onto the
 * characters between matching markers; a second pass compacts the arrays.
 * A closer is looked for at most SEARCH characters ahead, so a paragraph of
 * stray asterisks costs linear time.  Rules, simplified from CommonMark:
 * an opener is followed by a non-space, a closer preceded by one; '_' does
 * not open or close inside a word (snake_case stays as it is); code spans
 * take nothing inside them as markup.
 */
#include "config.h"

#include <stdlib.h>

#include <unicode/uchar.h>

#include "markdown.h"

#define SEARCH 4000
#define DROP 0x80		/* internal: the character is a marker */

/* True for a character that is part of a word (for '_' rules). */
static bool
wordy(const MqChars *c, size_t i)
{
	return i < c->len && u_isalnum((UChar32)c->cp[i]);
}

static bool
space_at(const MqChars *c, size_t i)
{
	return i >= c->len || u_isUWhiteSpace((UChar32)c->cp[i]);
}

/* Marks [a, b) with style bits. */
static void
mark(MqChars *c, size_t a, size_t b, uint8_t bits)
{
	for (; a < b; a++)
		c->style[a] |= bits;
}

/* Tries a code span opening at i; returns the index after it, or i. */
static size_t
code_span(MqChars *c, size_t i)
{
	size_t j;

	for (j = i + 1; j < c->len && j < i + SEARCH; j++)
		if (c->cp[j] == '`') {
			if (j == i + 1)
				return i;
			c->style[i] |= DROP;
			c->style[j] |= DROP;
			mark(c, i + 1, j, MQ_STYLE_CODE);
			return j + 1;
		}
	return i;
}

/* Tries emphasis opening at i with n (1 or 2) copies of ch; returns where to go on. */
static size_t
emphasis(MqChars *c, size_t i, uint32_t ch, size_t n)
{
	size_t j, k;

	if (space_at(c, i + n) || (ch == '_' && i > 0 && wordy(c, i - 1)))
		return i + n;
	for (j = i + n; j + n <= c->len && j < i + SEARCH; j++) {
		if (c->cp[j] == '`' || c->cp[j] != ch)
			continue;
		for (k = 0; k < n && c->cp[j + k] == ch; k++)
			;
		if (k < n || (j + n < c->len && c->cp[j + n] == ch && n == 1) ||
		    space_at(c, j - 1) || j == i + n ||
		    (ch == '_' && wordy(c, j + n)))
			continue;
		for (k = 0; k < n; k++) {
			c->style[i + k] |= DROP;
			c->style[j + k] |= DROP;
		}
		mark(c, i + n, j, n == 2 ? MQ_STYLE_BOLD : MQ_STYLE_ITALIC);
		return i + n;
	}
	return i + n;
}

/* Tries a link [text](target) at i; returns where to go on. */
static size_t
link(MqChars *c, size_t i)
{
	size_t j, k;

	for (j = i + 1; j < c->len && j < i + SEARCH && c->cp[j] != ']'; j++)
		if (c->cp[j] == '[')
			return i + 1;
	if (j + 1 >= c->len || c->cp[j] != ']' || c->cp[j + 1] != '(' || j == i + 1)
		return i + 1;
	for (k = j + 2; k < c->len && k < j + SEARCH && c->cp[k] != ')'; k++)
		if (u_isUWhiteSpace((UChar32)c->cp[k]))
			return i + 1;
	if (k >= c->len || c->cp[k] != ')')
		return i + 1;
	c->style[i] |= DROP;
	mark(c, i + 1, j, MQ_STYLE_LINK);
	for (; j <= k; j++)
		c->style[j] |= DROP;	/* "](target)" */
	return i + 1;
}

void
mq_markdown_inline(MqChars *c)
{
	size_t i = 0, k, n;

	while (i < c->len) {
		uint32_t ch = c->cp[i];

		if (c->style[i] & (DROP | MQ_STYLE_CODE)) {
			i++;
			continue;
		}
		if (ch == '\\' && i + 1 < c->len && u_ispunct((UChar32)c->cp[i + 1])) {
			c->style[i] |= DROP;	/* \\* is a literal * */
			i += 2;
			continue;
		}
		if (ch == '`') {
			k = code_span(c, i);
			i = k > i ? k : i + 1;
		} else if (ch == '*' || ch == '_') {
			n = i + 1 < c->len && c->cp[i + 1] == ch ? 2 : 1;
			i = emphasis(c, i, ch, n);
		} else if (ch == '[')
			i = link(c, i);
		else
			i++;
	}
	/* compact: the markers go; offsets of the rest are untouched */
	for (i = k = 0; i < c->len; i++) {
		if (c->style[i] & DROP)
			continue;
		c->cp[k] = c->cp[i];
		c->off[k] = c->off[i];
		c->style[k] = c->style[i];
		k++;
	}
	c->off[k] = c->off[c->len];
	c->len = k;
}
