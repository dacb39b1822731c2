/*
 * core/doc: splitting an article into paragraphs.
 *
 * The file is scanned line by line from where the last scan stopped; each
 * paragraph found is appended to an array, so paragraph i is found once and
 * then looked up in constant time.  Invariant: paras[0..n) are complete and
 * `pos` is the offset of the first line not yet assigned to a paragraph.
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
#include <strings.h>

#include "doc.h"
#include "markdown.h"
#include "util.h"

#define SAMPLE_BYTES (256 * 1024)
#define MIN_WRAP 20
#define MAX_WRAP 200

/* One line of the file: [start, end) without its line end; next follows it. */
typedef struct Line {
	size_t start, end, next;
	size_t indent;		/* columns of leading space (tabs to 8) */
	size_t chars;		/* characters from the indent to the last non-space */
	size_t first_word;	/* characters in the first word */
	size_t marker;		/* a list marker's columns with its space, or 0 */
	bool blank;
	bool bullet;		/* starts with a list marker */
	bool rule;		/* a rule or underline: ===, ---, * * * */
} Line;

struct MqDoc {
	MqText *text;
	const unsigned char *p;
	size_t size;
	MqPara *paras;
	size_t n, cap;
	size_t pos;		/* first byte not yet scanned */
	unsigned line;		/* line number at pos */
	unsigned wrap;		/* detected wrap width, 0 if none */
	unsigned base_indent;	/* the usual indentation of a continuation line */
	bool blank_paras;	/* paragraphs are separated by blank lines */
	bool done, failed;
	bool markdown;
	bool in_fence;		/* inside a ``` or ~~~ code block */
	unsigned char fence;	/* its fence character */
	bool cut_pending;	/* set while scanning: the next one continues this */
	bool cut_next;		/* the next paragraph continues a cut one */
	bool was_cut;		/* a paragraph was cut (see mq_doc_was_cut) */
	bool ahead_ok;		/* ahead holds the line the last scan read ahead */
	Line ahead;
};


/* True for bytes starting a space we treat as blank (ASCII, LRM/RLM, NBSP). */
static size_t
space_len(const unsigned char *p, size_t len)
{
	if (p[0] == ' ' || p[0] == '\t' || p[0] == '\f' || p[0] == '\v')
		return 1;
	if (len >= 3 && p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] == 0x8e || p[2] == 0x8f))
		return 3;	/* LRM, RLM */
	if (len >= 2 && p[0] == 0xc2 && p[1] == 0xa0)
		return 2;	/* NBSP */
	return 0;
}

/*
 * If the line starts with a bullet or a list number ("1." "2)"), the
 * columns of that marker and the space after it; else 0.
 */
static size_t
starts_list(const unsigned char *p, size_t len)
{
	size_t i = 0;

	if (len >= 2 && (p[0] == '-' || p[0] == '*' || p[0] == '+') &&
	    p[1] == ' ')
		return 2;
	if (len >= 3 && ((p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xa2) ||
	    (p[0] == 0xe2 && p[1] == 0x96 && p[2] == 0xaa)))
		return len > 3 && p[3] == ' ' ? 2 : 1;	/* • ▪ */
	while (i < len && i < 3 && p[i] >= '0' && p[i] <= '9')
		i++;
	if (i > 0 && i + 1 < len && (p[i] == '.' || p[i] == ')') && p[i + 1] == ' ')
		return i + 2;
	return 0;
}

/*
 * True if p[0..len) is a rule: three or more of one of = - _ * ~ # + with
 * nothing else but spaces (an underline, a section break).
 */
static bool
is_rule(const unsigned char *p, size_t len)
{
	size_t i, n = 0;

	if (len == 0 || strchr("=-_*~#+", p[0]) == NULL)
		return false;
	for (i = 0; i < len; i++) {
		if (p[i] == p[0])
			n++;
		else if (p[i] != ' ' && p[i] != '\t')
			return false;
	}
	return n >= 3;
}

/* Reads the line at pos. */
static void
read_line(const MqDoc *d, size_t pos, Line *l)
{
	const unsigned char *p = d->p;
	size_t i = pos, s, chars = 0, word = 0, n;
	bool in_first = true, seen = false;

	/* A line longer than a paragraph may be is read only that far. */
	while (i < d->size && i - pos <= MQ_PARA_MAX_BYTES && p[i] != '\n' &&
	    p[i] != '\r')
		i++;
	l->start = pos;
	l->end = i;
	if (i < d->size && (p[i] == '\n' || p[i] == '\r'))
		i += (p[i] == '\r' && i + 1 < d->size && p[i + 1] == '\n') ? 2 : 1;
	l->next = i;

	l->indent = 0;
	for (s = pos; s < l->end && (n = space_len(p + s, l->end - s)) > 0; s += n)
		l->indent = p[s] == '\t' ? (l->indent / 8 + 1) * 8 : l->indent + 1;
	l->blank = s == l->end;
	l->marker = l->blank ? 0 : starts_list(p + s, l->end - s);
	l->bullet = l->marker > 0;
	l->rule = !l->blank && is_rule(p + s, l->end - s);
	for (i = s; i < l->end; i++) {
		if ((p[i] & 0xc0) == 0x80)
			continue;	/* count characters, not bytes */
		chars++;
		if (p[i] == ' ' || p[i] == '\t') {
			if (seen)
				in_first = false;
			continue;
		}
		seen = true;
		if (in_first)
			word++;
		l->chars = chars;	/* last non-space so far */
	}
	if (l->blank)
		l->chars = 0;
	l->first_word = word;
}

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
learn_wrap(MqDoc *d)
{
	size_t limit = d->size < SAMPLE_BYTES ? d->size : SAMPLE_BYTES;
	size_t *len = NULL, n = 0, cap = 0, near = 0, i, lines = 0, ends = 0;
	size_t pos = mq_text_content_start(d->text), indents[9] = {0};
	unsigned w;
	Line a, b;

	read_line(d, pos, &a);
	while (a.next < limit && a.next < d->size) {
		read_line(d, a.next, &b);
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
detect_markdown(const MqDoc *d)
{
	const char *name = mq_text_name(d->text), *dot = strrchr(name, '.');
	size_t limit = d->size < 65536 ? d->size : 65536, pos;
	unsigned atx = 0, fences = 0;
	Line l;

	if (dot && (strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".markdown") == 0))
		return true;
	for (pos = mq_text_content_start(d->text); pos < limit; pos = l.next) {
		read_line(d, pos, &l);
		atx += md_atx(d, &l) != 0;
		fences += md_fence(d, &l) != 0;
		if (l.next == pos)
			break;
	}
	return atx >= 2 || fences >= 2;
}

MqDoc *
mq_doc_new(MqText *t)
{
	MqDoc *d = calloc(1, sizeof *d);

	if (d == NULL)
		return NULL;
	d->text = t;
	d->p = (const unsigned char *)mq_text_bytes(t);
	d->size = mq_text_size(t);
	d->pos = mq_text_content_start(t);
	d->line = mq_text_content_line(t);
	d->markdown = detect_markdown(d);
	if (!d->markdown)
		learn_wrap(d);
	return d;
}

void
mq_doc_free(MqDoc *d)
{
	if (d == NULL)
		return;
	free(d->paras);
	free(d);
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

/*
 * Shortens an over-long paragraph to about MQ_PARA_MAX_BYTES, ending at a
 * space in its last tenth when there is one, else at a character boundary;
 * scanning resumes at the cut.
 */
static void
cut_paragraph(MqDoc *d, MqPara *para)
{
	size_t limit = para->span.start + MQ_PARA_MAX_BYTES;
	size_t cut = limit, i;
	unsigned line;

	for (i = limit; i > limit - MQ_PARA_MAX_BYTES / 10; i--)
		if (d->p[i - 1] == ' ' || d->p[i - 1] == '\n') {
			cut = i;
			break;
		}
	while (cut > para->span.start + 1 && (d->p[cut] & 0xc0) == 0x80)
		cut--;		/* not inside a UTF-8 sequence */
	line = para->line;
	for (i = para->span.start; i < cut; i++)
		if (d->p[i] == '\n' || (d->p[i] == '\r' &&
		    (i + 1 >= d->size || d->p[i + 1] != '\n')))
			line++;
	d->line = line;
	para->span.end = cut;
	d->pos = cut;
	d->cut_next = true;
	d->was_cut = true;
}

/* Starts a paragraph at line a. */
static MqPara *
new_para(MqDoc *d, const Line *a, unsigned blanks)
{
	MqPara *para;

	if (!mq_grow((void **)&d->paras, &d->cap, d->n + 1, sizeof *d->paras)) {
		d->failed = d->done = true;
		return NULL;
	}
	para = &d->paras[d->n];
	memset(para, 0, sizeof *para);
	para->span.start = a->start;
	para->span.end = a->end;
	para->line = d->line;
	para->blank_before = blanks > 0 && d->n > 0;
	para->blanks_before = d->n > 0 ? blanks : 0;
	para->nlines = 1;
	return para;
}

/* Finds the next Markdown block; false at the end of the file. */
static bool
md_scan_one(MqDoc *d)
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
		read_line(d, d->pos, &a);
		if (d->in_fence) {
			if (md_fence(d, &a) == d->fence) {
				d->in_fence = false;
				d->pos = a.next;
				d->line++;
				continue;
			}
			if ((para = new_para(d, &a, blanks)) == NULL)
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
	if ((para = new_para(d, &a, blanks)) == NULL)
		return false;
	i = md_indent(d, &a);
	if ((level = md_atx(d, &a)) != 0) {
		para->kind = MQ_BLOCK_HEADING;
		para->level = (uint8_t)level;
		i += level;
		while (i < a.end && (d->p[i] == ' ' || d->p[i] == '\t'))
			i++;
		e = a.end;
		while (e > i && (d->p[e - 1] == ' ' || d->p[e - 1] == '#'))
			e--;	/* closing #s */
		if (e < a.end && e > i && d->p[e] != ' ' && d->p[e - 1] != ' ')
			e = a.end;	/* "C#" is not a closing sequence */
		para->span.start = i;
		para->span.end = e;
	} else if (i < a.end && d->p[i] == '>') {
		para->kind = MQ_BLOCK_QUOTE;
		i++;
		if (i < a.end && d->p[i] == ' ')
			i++;
		para->span.start = i;
	} else {
		para->kind = a.bullet ? MQ_BLOCK_ITEM : MQ_BLOCK_TEXT;
		while (a.next < d->size) {
			read_line(d, a.next, &b);
			if (para->kind == MQ_BLOCK_TEXT && para->nlines == 1 &&
			    md_setext(d, &b, &level)) {
				para->kind = MQ_BLOCK_HEADING;
				para->level = (uint8_t)level;
				d->line++;	/* the underline is consumed */
				a.next = b.next;
				break;
			}
			if (md_block_start(d, &b) || b.end - para->span.start >
			    MQ_PARA_MAX_BYTES)
				break;
			para->span.end = b.end;
			para->nlines++;
			a = b;
			d->line++;
		}
	}
	d->pos = a.next;
	d->line++;
	d->n++;
	if (para->span.end - para->span.start > MQ_PARA_MAX_BYTES)
		cut_paragraph(d, para);
	return true;
}

/* Finds the next paragraph; false at the end of the file. */
static bool
scan_one(MqDoc *d)
{
	unsigned blanks = 0;
	Line a, b, first;
	MqPara *para;

	if (d->markdown)
		return md_scan_one(d);
	for (;;) {
		if (d->pos >= d->size) {
			d->done = true;
			return false;
		}
		if (d->ahead_ok && d->ahead.start == d->pos)
			a = d->ahead;	/* read ahead by the last scan */
		else
			read_line(d, d->pos, &a);
		if (!a.blank)
			break;
		blanks += blanks < 255;
		d->pos = a.next;
		d->line++;
	}
	if (!mq_grow((void **)&d->paras, &d->cap, d->n + 1, sizeof *d->paras)) {
		d->failed = d->done = true;
		return false;
	}
	para = &d->paras[d->n];
	memset(para, 0, sizeof *para);
	para->span.start = a.start;
	para->line = d->line;
	para->blank_before = blanks > 0 && d->n > 0;
	para->blanks_before = d->n > 0 ? blanks : 0;
	para->nlines = 1;
	d->line++;
	first = a;
	while (d->wrap > 0 && a.next < d->size && a.end - a.start <= MQ_PARA_MAX_BYTES) {
		read_line(d, a.next, &b);
		d->ahead = b;
		d->ahead_ok = true;
		if (!soft_break(d, para->nlines == 1 ? &a : &first, &a, &b))
			break;
		if (b.end - para->span.start > MQ_PARA_MAX_BYTES) {
			d->cut_pending = true;	/* the next paragraph goes on */
			break;
		}
		a = b;
		d->line++;
		para->nlines++;
	}
	para->span.end = a.end;
	para->cut = d->cut_next;
	d->cut_next = d->cut_pending;
	d->cut_pending = false;
	d->pos = a.next;
	if (para->span.end - para->span.start > MQ_PARA_MAX_BYTES)
		cut_paragraph(d, para);
	d->n++;
	return true;
}

const MqPara *
mq_doc_para(MqDoc *d, size_t i)
{
	while (i >= d->n && !d->done)
		scan_one(d);
	return i < d->n ? &d->paras[i] : NULL;
}

size_t
mq_doc_para_at(MqDoc *d, size_t offset)
{
	size_t lo = 0, hi;

	while (!d->done && (d->n == 0 || d->paras[d->n - 1].span.end <= offset))
		scan_one(d);
	hi = d->n;
	while (lo < hi) {	/* the first paragraph ending after offset */
		size_t mid = lo + (hi - lo) / 2;

		if (d->paras[mid].span.end <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
mq_doc_para_count(MqDoc *d)
{
	while (!d->done)
		scan_one(d);
	return d->n;
}

bool
mq_doc_was_cut(const MqDoc *d)
{
	return d->was_cut;
}

bool
mq_doc_failed(const MqDoc *d)
{
	return d->failed;
}

unsigned
mq_doc_wrap_width(const MqDoc *d)
{
	return d->wrap;
}

bool
mq_doc_decode(const MqDoc *d, const MqPara *p, MqChars *out)
{
	if (p->kind == MQ_BLOCK_CODE)
		return mq_text_decode_verbatim(d->text, p->span.start, p->span.end, out);
	if (!mq_text_decode(d->text, p->span.start, p->span.end, out))
		return false;
	if (d->markdown)
		mq_markdown_inline(out);
	return true;
}

bool
mq_doc_is_markdown(const MqDoc *d)
{
	return d->markdown;
}

MqText *
mq_doc_text(const MqDoc *d)
{
	return d->text;
}
