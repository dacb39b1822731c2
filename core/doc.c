/*
 * core/doc: splitting an article into paragraphs (blocks).
 *
 * The file is scanned from where the last scan stopped, by the format the
 * file is in (doc-private.h: plain text in format-text.c, Markdown in
 * markdown.c); each paragraph found is appended to an array, so paragraph
 * i is found once and then looked up in constant time (a single pass can
 * have those behind it dropped: mq_doc_forget).  Invariant: paras[0..n -
 * base) are paragraphs [base, n), complete, and `pos` is the offset of the
 * first line not yet assigned to a paragraph.  Here: the lines both
 * formats read, the cut of an over-long paragraph, and the lookups.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "byteset.h"
#include "doc-private.h"
#include "util.h"

/* The formats, tried in order; plain text, last, takes any file. */
static const MqFormat *const formats[] = { &mq_format_markdown, &mq_format_text };

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

/* How many characters (not UTF-8 continuation bytes) p[a, b) holds. */
static size_t
count_chars(const unsigned char *p, size_t a, size_t b)
{
	return b - a - mq_byte_count_range(p + a, b - a, 0x80, 0xbf);
}

/* Reads the line at pos. */
void
mq_doc_read_line(const MqDoc *d, size_t pos, Line *l)
{
	const unsigned char *p = d->p, *nl, *cr;
	size_t i, s, n, last, w;
	/* A line longer than a paragraph may be is read only that far. */
	size_t lim = d->size - pos > MQ_PARA_MAX_BYTES + 1 ?
	    pos + MQ_PARA_MAX_BYTES + 1 : d->size;

	nl = memchr(p + pos, '\n', lim - pos);
	i = nl ? (size_t)(nl - p) : lim;
	if ((cr = memchr(p + pos, '\r', i - pos)) != NULL)
		i = (size_t)(cr - p);
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
	if (l->blank) {
		l->chars = l->first_word = 0;
		return;
	}
	/* characters up to the last that is not a space; those of the first word */
	for (last = l->end; p[last - 1] == ' ' || p[last - 1] == '\t'; last--)
		;
	for (w = s; w < last && p[w] != ' ' && p[w] != '\t'; w++)
		;
	l->first_word = count_chars(p, s, w);
	l->chars = l->first_word + count_chars(p, w, last);
}

/* Puts d at the start of its text, nothing scanned, format f started. */
static void
begin(MqDoc *d, const MqFormat *f)
{
	d->pos = mq_text_content_start(d->text);
	d->line = mq_text_content_line(d->text);
	d->format = f;
	if (f->start != NULL)
		f->start(d);
}

MqDoc *
mq_doc_new(MqText *t)
{
	MqDoc *d = calloc(1, sizeof *d);
	const MqFormat *const *f;

	if (d == NULL)
		return NULL;
	d->text = t;
	d->p = (const unsigned char *)mq_text_bytes(t);
	d->size = mq_text_size(t);
	if ((uint64_t)d->size > MQ_DOC_MAX_BYTES)
		d->size = (size_t)MQ_DOC_MAX_BYTES;	/* the rest is not read */
	d->pos = mq_text_content_start(t);
	for (f = formats; !(*f)->detect(d); f++)
		;		/* (plain text detects every file) */
	begin(d, *f);
	return d;
}

void
mq_doc_rewind(MqDoc *d)
{
	MqDoc keep = *d;

	if (d->format->finish != NULL)
		d->format->finish(d);
	memset(d, 0, sizeof *d);
	d->text = keep.text;
	d->p = keep.p;
	d->size = keep.size;
	d->paras = keep.paras;	/* (its room is used again) */
	d->cap = keep.cap;
	begin(d, keep.format);
}

void
mq_doc_free(MqDoc *d)
{
	if (d == NULL)
		return;
	if (d->format != NULL && d->format->finish != NULL)
		d->format->finish(d);
	free(d->paras);
	free(d);
}

/*
 * Shortens an over-long paragraph to about MQ_PARA_MAX_BYTES, ending at a
 * space in its last tenth when there is one, else at a character boundary;
 * scanning resumes at the cut.
 */
void
mq_doc_cut_paragraph(MqDoc *d, MqPara *para)
{
	size_t start = mq_para_start(para);
	size_t limit = start + MQ_PARA_MAX_BYTES;
	size_t cut = limit, i;
	unsigned line;

	for (i = limit; i > limit - MQ_PARA_MAX_BYTES / 10; i--)
		if (d->p[i - 1] == ' ' || d->p[i - 1] == '\n') {
			cut = i;
			break;
		}
	while (cut > start + 1 && (d->p[cut] & 0xc0) == 0x80)
		cut--;		/* not inside a UTF-8 sequence */
	line = para->line;
	for (i = start; i < cut; i++)
		if (d->p[i] == '\n' || (d->p[i] == '\r' &&
		    (i + 1 >= d->size || d->p[i + 1] != '\n')))
			line++;
	d->line = line;
	mq_para_set_span(para, start, cut);
	d->pos = cut;
	d->cut_next = true;
	d->was_cut = true;
}

/* Starts a paragraph at line a. */
MqPara *
mq_doc_new_para(MqDoc *d, const Line *a, unsigned blanks)
{
	MqPara *para;

	if (!mq_grow((void **)&d->paras, &d->cap, d->n - d->base + 1, sizeof *d->paras)) {
		d->failed = d->done = true;
		return NULL;
	}
	para = &d->paras[d->n - d->base];
	memset(para, 0, sizeof *para);
	mq_para_set_span(para, a->start, a->end);
	para->line = d->line;
	para->blanks_before = d->n == 0 ? 0 : blanks < MQ_PARA_BLANKS_MAX ? blanks :
	    MQ_PARA_BLANKS_MAX;
	para->nlines = 1;
	return para;
}

/* Finds the next paragraph; false at the end of the file. */
static bool
scan_one(MqDoc *d)
{
	return d->format->next(d);
}

const MqPara *
mq_doc_para(MqDoc *d, size_t i)
{
	while (i >= d->n && !d->done)
		scan_one(d);
	return i < d->n && i >= d->base ? &d->paras[i - d->base] : NULL;
}

/* Records dropped at once by mq_doc_forget (64 KiB of them). */
#define FORGET_STEP 4096

void
mq_doc_forget(MqDoc *d, size_t i)
{
	size_t keep = i < d->n ? i : d->n > 0 ? d->n - 1 : 0;

	if (keep < d->base + FORGET_STEP)
		return;
	memmove(d->paras, d->paras + (keep - d->base), (d->n - keep) * sizeof *d->paras);
	d->base = keep;
}

size_t
mq_doc_para_at(MqDoc *d, size_t offset)
{
	size_t lo = d->base, hi;

	while (!d->done && (d->n == 0 || mq_para_end(&d->paras[d->n - 1 - d->base]) <= offset))
		scan_one(d);
	hi = d->n;
	while (lo < hi) {	/* the first paragraph ending after offset */
		size_t mid = lo + (hi - lo) / 2;

		if (mq_para_end(&d->paras[mid - d->base]) <= offset)
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
		return mq_text_decode_verbatim(d->text, mq_para_start(p),
		    mq_para_end(p), out);
	return mq_doc_decode_span(d, mq_para_span(p), out);
}

bool
mq_doc_decode_span(const MqDoc *d, MqSpan span, MqChars *out)
{
	if (!mq_text_decode(d->text, span.start, span.end, out))
		return false;
	if (d->format->inline_markup != NULL)
		d->format->inline_markup(out);
	return true;
}

const char *
mq_doc_format(const MqDoc *d)
{
	return d->format->name;
}

bool
mq_doc_marked_up(const MqDoc *d)
{
	return d->format->marked_up;
}

MqText *
mq_doc_text(const MqDoc *d)
{
	return d->text;
}
