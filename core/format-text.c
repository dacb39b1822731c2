/*
 * core/format-text: plain text, the format of any file no other format
 * takes.  Paragraphs are runs of lines between blank lines, and lines of
 * a hard-wrapped text are joined.
 *
 * Hard-wrap detection: in the first SAMPLE_BYTES, the lengths of lines that
 * are followed by another non-blank line are collected.  If many of them
 * cluster just under one width W (at most MAX_WRAP characters), the text was
 * wrapped at W, and a line break is soft exactly when the next line's first
 * word would not have fitted on the line.  A shorter line ends its paragraph.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc-private.h"
#include "util.h"

#define SAMPLE_BYTES (256 * 1024)
#define MIN_WRAP 20
#define MAX_WRAP 200

/* qsort order for size_t. */
static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

/*
 * Learns how the text is wrapped from its first SAMPLE_BYTES: the width
 * (d->wrap, 0 when lines are not hard-wrapped), the indentation of
 * continuation lines (the most common one of a line that follows another)
 * and whether paragraphs are set apart by blank lines.
 */
static void
text_start(MqDoc *d)
{
	size_t limit = d->size < SAMPLE_BYTES ? d->size : SAMPLE_BYTES;
	size_t *len = NULL, n = 0, cap = 0, near = 0, i, lines = 0, ends = 0;
	size_t pos = mq_text_content_start(d->text), indents[9] = {0};
	unsigned w;
	Line a, b;

	mq_doc_read_line(d, pos, &a);
	while (a.next < limit && a.next < d->size) {
		mq_doc_read_line(d, a.next, &b);
		lines += !a.blank;
		ends += !a.blank && b.blank;
		if (!a.blank && !b.blank) {
			if (!mq_grow((void **)&len, &cap, n + 1, sizeof *len))
				break;
			len[n++] = a.indent + a.chars;
			if (!b.bullet)
				indents[b.indent < 8 ? b.indent : 8]++;
		}
		a = b;
	}
	w = 0;
	if (n >= 8) {
		qsort(len, n, sizeof *len, cmp_size);
		w = (unsigned)len[n * 95 / 100];
		for (i = 0; i < n; i++)
			near += len[i] * 4 >= (size_t)w * 3;
		if (w < MIN_WRAP || w > MAX_WRAP || near < 5 || near * 10 < n)
			w = 0;
	}
	free(len);
	d->wrap = w;
	for (i = 1; i < 8; i++)
		if (indents[i] > indents[d->base_indent])
			d->base_indent = (unsigned)i;
	d->blank_paras = ends * 8 >= lines && ends >= 2;
}

/*
 * True if the break after line a is soft: b continues the paragraph that
 * first (maybe a itself) began.  It is when the text is hard-wrapped and
 * b's first word would not have fitted on a — or, where blank lines set
 * paragraphs apart, when a is nearly full (ragged right edges) — and the
 * indentation says b goes on: a list item's continuation lines hang under
 * its text, a paragraph's indented first line is followed by lines at the
 * usual indentation, and lines indented more than usual (a block quote, an
 * address, a table) are kept as they are.
 */
static bool
soft_break(const MqDoc *d, const Line *first, const Line *a, const Line *b)
{
	size_t end = a->indent + a->chars, hang = first->indent + first->marker;
	bool fits, item = first->marker > 0;

	if (d->wrap == 0 || b->blank || a->rule || b->rule)
		return false;	/* (an underline stays under its line) */
	fits = end + 1 + b->first_word <= d->wrap;
	if (fits && !(d->blank_paras && end * 4 >= (size_t)d->wrap * 3))
		return false;
	if (end * 2 < d->wrap && b->first_word * 2 < d->wrap)
		return false;	/* short, unless a long word (a URL) came next */
	if (b->bullet && (item || d->p[a->end - 1] == ':'))
		return false;	/* the next item of a list */
	if (item)
		return (b->indent > first->indent && b->indent <= hang) ||
		    (b->indent == d->base_indent && b->indent <= first->indent &&
		    !b->bullet);
	if (b->indent == a->indent)
		return a->indent <= d->base_indent;
	/* an indented first line, then the usual indentation */
	return a == first && b->indent == d->base_indent && a->indent < 12;
}

/* Finds the next paragraph; false at the end of the file. */
static bool
text_next(MqDoc *d)
{
	unsigned blanks = 0;
	Line a, b, first;
	MqPara *para;

	for (;;) {
		if (d->pos >= d->size) {
			d->done = true;
			return false;
		}
		if (d->ahead_ok && d->ahead.start == d->pos)
			a = d->ahead;	/* read ahead by the last scan */
		else
			mq_doc_read_line(d, d->pos, &a);
		if (!a.blank)
			break;
		blanks += blanks < 255;
		d->pos = a.next;
		d->line++;
	}
	if ((para = mq_doc_new_para(d, &a, blanks)) == NULL)
		return false;
	d->line++;
	first = a;
	while (d->wrap > 0 && a.next < d->size && a.end - a.start <= MQ_PARA_MAX_BYTES) {
		mq_doc_read_line(d, a.next, &b);
		d->ahead = b;
		d->ahead_ok = true;
		if (!soft_break(d, para->nlines == 1 ? &a : &first, &a, &b))
			break;
		if (b.end - mq_para_start(para) > MQ_PARA_MAX_BYTES) {
			d->cut_pending = true;	/* the next paragraph goes on */
			break;
		}
		a = b;
		d->line++;
		para->nlines++;
	}
	mq_para_set_span(para, mq_para_start(para), a.end);
	para->cut = d->cut_next;
	d->cut_next = d->cut_pending;
	d->cut_pending = false;
	d->pos = a.next;
	if (para->len > MQ_PARA_MAX_BYTES)
		mq_doc_cut_paragraph(d, para);
	d->n++;
	return true;
}

/* Any file (the last format tried). */
static bool
text_detect(const MqDoc *d)
{
	(void)d;
	return true;
}

const MqFormat mq_format_text = {
	.name = "text",
	.marked_up = false,
	.detect = text_detect,
	.start = text_start,
	.next = text_next,
};
