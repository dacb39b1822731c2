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

#include "doc.h"
#include "util.h"

#define SAMPLE_BYTES (256 * 1024)
#define MIN_WRAP 20
#define MAX_WRAP 200

struct MqDoc {
	MqText *text;
	const unsigned char *p;
	size_t size;
	MqPara *paras;
	size_t n, cap;
	size_t pos;		/* first byte not yet scanned */
	unsigned line;		/* line number at pos */
	unsigned wrap;		/* detected wrap width, 0 if none */
	bool done, failed;
	bool cut_pending;	/* set while scanning: the next one continues this */
	bool cut_next;		/* the next paragraph continues a cut one */
};

/* One line of the file: [start, end) without its line end; next follows it. */
typedef struct Line {
	size_t start, end, next;
	size_t chars;		/* characters up to the last non-space */
	size_t first_word;	/* characters in the first word */
	bool blank;
	bool bullet;		/* starts with a list marker */
} Line;

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

/* True if the line starts with a bullet or a list number ("1." "2)"). */
static bool
starts_list(const unsigned char *p, size_t len)
{
	size_t i = 0;

	if (len >= 2 && (p[0] == '-' || p[0] == '*' || p[0] == '+') &&
	    p[1] == ' ')
		return true;
	if (len >= 3 && ((p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xa2) ||
	    (p[0] == 0xe2 && p[1] == 0x96 && p[2] == 0xaa)))
		return true;	/* • ▪ */
	while (i < len && i < 4 && p[i] >= '0' && p[i] <= '9')
		i++;
	return i > 0 && i + 1 < len && (p[i] == '.' || p[i] == ')') &&
	    p[i + 1] == ' ';
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

	for (s = pos; s < l->end && (n = space_len(p + s, l->end - s)) > 0; s += n)
		;
	l->blank = s == l->end;
	l->bullet = !l->blank && starts_list(p + s, l->end - s);
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

/* Learns the wrap width from the first SAMPLE_BYTES of the file. */
static unsigned
detect_wrap(const MqDoc *d)
{
	size_t limit = d->size < SAMPLE_BYTES ? d->size : SAMPLE_BYTES;
	size_t *len = NULL, n = 0, cap = 0, near = 0, i;
	size_t pos = mq_text_content_start(d->text);
	unsigned w;
	Line a, b;

	read_line(d, pos, &a);
	while (a.next < limit && a.next < d->size) {
		read_line(d, a.next, &b);
		if (!a.blank && !b.blank) {
			if (!mq_grow((void **)&len, &cap, n + 1, sizeof *len))
				break;
			len[n++] = a.chars;
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
	return w;
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
	d->line = 1;
	d->wrap = detect_wrap(d);
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

/* True if the break after line a is soft: b continues a's paragraph. */
static bool
soft_break(const MqDoc *d, const Line *a, const Line *b)
{
	if (d->wrap == 0 || b->blank || b->bullet)
		return false;
	return a->chars * 2 >= d->wrap &&
	    a->chars + 1 + b->first_word > d->wrap;
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
}

/* Finds the next paragraph; false at the end of the file. */
static bool
scan_one(MqDoc *d)
{
	unsigned blanks = 0;
	Line a, b;
	MqPara *para;

	for (;;) {
		if (d->pos >= d->size) {
			d->done = true;
			return false;
		}
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
	para->span.start = a.start;
	para->line = d->line;
	para->blank_before = blanks > 0 && d->n > 0;
	para->blanks_before = d->n > 0 ? blanks : 0;
	para->nlines = 1;
	d->line++;
	while (a.next < d->size && a.end - a.start <= MQ_PARA_MAX_BYTES) {
		read_line(d, a.next, &b);
		if (!soft_break(d, &a, &b))
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
mq_doc_para_count(MqDoc *d)
{
	while (!d->done)
		scan_one(d);
	return d->n;
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

MqText *
mq_doc_text(const MqDoc *d)
{
	return d->text;
}
