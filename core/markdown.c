/*
 * core/markdown: the Markdown format — blocks (ATX and Setext headings,
 * list items, quotes, fenced code, paragraphs) and inline markup.
 *
 * Inline markup: one pass marks characters to drop (markers) and ORs style bits onto the
 * characters between matching markers; a second pass compacts the arrays.
 * A closer is looked for at most SEARCH characters ahead, so a paragraph of
 * stray asterisks costs linear time.  Rules, simplified from CommonMark:
 * an opener is followed by a non-space, a closer preceded by one; '_' does
 * not open or close inside a word (snake_case stays as it is); code spans
 * take nothing inside them as markup.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>

#include "doc-private.h"

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

/* Applies inline markup to c in place. */
static void
md_inline(MqChars *c)
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

/* Blocks */

/* Skips up to three spaces of indentation; returns the offset after them. */
static size_t
md_indent(const MqDoc *d, const Line *l)
{
	size_t i = l->start;

	while (i < l->end && i - l->start < 3 && d->p[i] == ' ')
		i++;
	return i;
}

/* If l is a code fence (``` or ~~~), its character, else 0. */
static unsigned char
md_fence(const MqDoc *d, const Line *l)
{
	size_t i = md_indent(d, l);

	if (i + 3 <= l->end && (d->p[i] == '`' || d->p[i] == '~') &&
	    d->p[i + 1] == d->p[i] && d->p[i + 2] == d->p[i])
		return d->p[i];
	return 0;
}

/* The level of an ATX heading line ("## Title"), or 0. */
static unsigned
md_atx(const MqDoc *d, const Line *l)
{
	size_t i = md_indent(d, l), n = 0;

	while (i + n < l->end && d->p[i + n] == '#')
		n++;
	if (n < 1 || n > 6 || (i + n < l->end && d->p[i + n] != ' ' &&
	    d->p[i + n] != '\t'))
		return 0;
	return (unsigned)n;
}

/* True if l is a Setext underline of = (level 1) or - (level 2); sets *level. */
static bool
md_setext(const MqDoc *d, const Line *l, unsigned *level)
{
	size_t i = md_indent(d, l), n = 0;
	unsigned char c;

	if (i >= l->end || (d->p[i] != '=' && d->p[i] != '-'))
		return false;
	c = d->p[i];
	while (i < l->end && d->p[i] == c) {
		i++;
		n++;
	}
	while (i < l->end && (d->p[i] == ' ' || d->p[i] == '\t'))
		i++;
	*level = c == '=' ? 1 : 2;
	return i == l->end && n >= 2;
}

/* True if l starts a block of its own (so it is not joined to text above). */
static bool
md_block_start(const MqDoc *d, const Line *l)
{
	size_t i = md_indent(d, l);

	return l->blank || l->bullet || md_fence(d, l) || md_atx(d, l) ||
	    (i < l->end && d->p[i] == '>');
}

/*
 * Markdown when the name says so (.md, .markdown), or when the first 64 KiB
 * hold two or more ATX headings or a code fence pair.
 */
static bool
md_detect(const MqDoc *d)
{
	const char *name = mq_text_name(d->text), *dot = strrchr(name, '.');
	size_t limit = d->size < 65536 ? d->size : 65536, pos;
	unsigned atx = 0, fences = 0;
	Line l;

	if (dot && (strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".markdown") == 0))
		return true;
	for (pos = mq_text_content_start(d->text); pos < limit; pos = l.next) {
		mq_doc_read_line(d, pos, &l);
		atx += md_atx(d, &l) != 0;
		fences += md_fence(d, &l) != 0;
		if (l.next == pos)
			break;
	}
	return atx >= 2 || fences >= 2;
}

/* Finds the next Markdown block; false at the end of the file. */
static bool
md_next(MqDoc *d)
{
	unsigned blanks = 0, level;
	MqPara *para;
	Line a, b;
	size_t i, e;

	for (;;) {
		if (d->pos >= d->size) {
			d->done = true;
			return false;
		}
		mq_doc_read_line(d, d->pos, &a);
		if (d->in_fence) {
			if (md_fence(d, &a) == d->fence) {
				d->in_fence = false;
				d->pos = a.next;
				d->line++;
				continue;
			}
			if ((para = mq_doc_new_para(d, &a, blanks)) == NULL)
				return false;
			para->kind = MQ_BLOCK_CODE;
			d->pos = a.next;
			d->line++;
			d->n++;
			return true;
		}
		if (a.blank) {
			blanks += blanks < 255;
		} else if ((d->fence = md_fence(d, &a)) != 0) {
			d->in_fence = true;
		} else
			break;
		d->pos = a.next;
		d->line++;
	}
	if ((para = mq_doc_new_para(d, &a, blanks)) == NULL)
		return false;
	i = md_indent(d, &a);
	if ((level = md_atx(d, &a)) != 0) {
		para->kind = MQ_BLOCK_HEADING;
		para->level = level;
		i += level;
		while (i < a.end && (d->p[i] == ' ' || d->p[i] == '\t'))
			i++;
		e = a.end;
		while (e > i && (d->p[e - 1] == ' ' || d->p[e - 1] == '#'))
			e--;	/* closing #s */
		if (e < a.end && e > i && d->p[e] != ' ' && d->p[e - 1] != ' ')
			e = a.end;	/* "C#" is not a closing sequence */
		mq_para_set_span(para, i, e);
	} else if (i < a.end && d->p[i] == '>') {
		para->kind = MQ_BLOCK_QUOTE;
		i++;
		if (i < a.end && d->p[i] == ' ')
			i++;
		mq_para_set_span(para, i, mq_para_end(para));
	} else {
		para->kind = a.bullet ? MQ_BLOCK_ITEM : MQ_BLOCK_TEXT;
		while (a.next < d->size) {
			mq_doc_read_line(d, a.next, &b);
			if (para->kind == MQ_BLOCK_TEXT && para->nlines == 1 &&
			    md_setext(d, &b, &level)) {
				para->kind = MQ_BLOCK_HEADING;
				para->level = level;
				d->line++;	/* the underline is consumed */
				a.next = b.next;
				break;
			}
			if (md_block_start(d, &b) || b.end - mq_para_start(para) >
			    MQ_PARA_MAX_BYTES)
				break;
			mq_para_set_span(para, mq_para_start(para), b.end);
			para->nlines++;
			a = b;
			d->line++;
		}
	}
	d->pos = a.next;
	d->line++;
	d->n++;
	if (para->len > MQ_PARA_MAX_BYTES)
		mq_doc_cut_paragraph(d, para);
	return true;
}

const MqFormat mq_format_markdown = {
	.name = "markdown",
	.marked_up = true,
	.detect = md_detect,
	.next = md_next,
	.inline_markup = md_inline,
};
