/*
 * core/search: the calls and exact search over an article's bytes;
 * folded search is in search-fold.c, regular expressions in
 * search-regex.c.  See search.h for what each finds.
 *
 * Exact search looks for the pattern's rarest byte (in a sample of the
 * text) with memchr and compares the pattern around each one.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "byteset.h"
#include "search-private.h"
#include "util.h"

#define SAMPLE_PIECES 64
#define SAMPLE_PIECE 1024

const char *
mq_search_mode_name(MqSearchMode m)
{
	return m == MQ_SEARCH_EXACT ? "exact" : m == MQ_SEARCH_REGEX ? "regex" :
	    "folded";
}

MqSearch *
mq_search_new(const MqText *t)
{
	MqSearch *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->t = t;
	s->p = (const unsigned char *)mq_text_bytes(t);
	s->start = mq_text_content_start(t);
	s->size = mq_text_size(t);
	return s;
}

void
mq_search_free(MqSearch *s)
{
	free(s);
}

void
mq_search_set_prefilter(MqSearch *s, MqPrefilterUse use)
{
	s->prefilter = use;
}

size_t
mq_search_past_marks(const MqSearch *s, size_t o)
{
	uint32_t cp;
	size_t clen;

	while (o < s->size) {
		clen = mq_utf8_decode(s->p + o, s->size - o, &cp);
		if (!mq_fold_is_mark(cp))
			break;
		o += clen;
	}
	return o;
}

bool
mq_search_sample_piece(MqSpan range, size_t k, MqSpan *piece)
{
	size_t len = range.end - range.start;

	if (len <= SAMPLE_PIECES * SAMPLE_PIECE) {
		*piece = range;	/* a short range is sampled whole */
		return k == 0;
	}
	if (k >= SAMPLE_PIECES)
		return false;
	piece->start = range.start + k * (len / SAMPLE_PIECES);
	piece->end = piece->start + SAMPLE_PIECE;
	return true;
}

size_t
mq_search_sample(const MqSearch *s, MqSpan range, size_t hist[256])
{
	MqSpan piece;
	size_t k, o, n = 0;

	memset(hist, 0, 256 * sizeof *hist);
	for (k = 0; mq_search_sample_piece(range, k, &piece); k++) {
		for (o = piece.start; o < piece.end; o++)
			hist[s->p[o]]++;
		n += piece.end - piece.start;
	}
	return n;
}

bool
mq_matches_add(MqMatches *m, size_t a, size_t b)
{
	if (m->max > 0 && *m->n >= m->max) {
		m->more = true;
		return false;
	}
	if (!mq_grow((void **)m->out, &m->cap, *m->n + 1, sizeof **m->out)) {
		m->no_memory = true;
		return false;
	}
	(*m->out)[*m->n].start = a;
	(*m->out)[*m->n].end = b;
	(*m->n)++;
	return true;
}

/* The start of the UTF-8 character holding lit[i]. */
static size_t
char_of(const char *lit, size_t i)
{
	while (i > 0 && ((unsigned char)lit[i] & 0xc0) == 0x80)
		i--;
	return i;
}

MqRare
mq_search_rarest(const MqSearch *s, MqSpan range, const char *lit, size_t len)
{
	size_t hist[256], i, best = 0, second = (size_t)-1;
	MqRare r;

	(void)mq_search_sample(s, range, hist);
	for (i = 1; i < len; i++)
		if (hist[(unsigned char)lit[i]] < hist[(unsigned char)lit[best]])
			best = i;
	for (i = 0; i < len; i++)
		if (char_of(lit, i) != char_of(lit, best) && (second == (size_t)-1 ||
		    hist[(unsigned char)lit[i]] < hist[(unsigned char)lit[second]]))
			second = i;
	if (second == (size_t)-1)	/* one character: another byte of it */
		second = len > 1 ? (best > 0 ? 0 : 1) : best;
	r.a = best < second ? best : second;
	r.b = best < second ? second : best;
	return r;
}

size_t
mq_search_next_exact(const MqSearch *s, const char *lit, size_t len, MqRare r,
    size_t from, size_t to)
{
	const unsigned char *hit;
	size_t at;

	if (from + len > to)
		return (size_t)-1;
	if (r.a == r.b) {
		/* the literal at at has its rare byte at at + r.a */
		while (from + len <= to &&
		    (hit = memchr(s->p + from + r.a, lit[r.a], to - from - len + 1)) != NULL) {
			at = (size_t)(hit - s->p) - r.a;
			if (memcmp(s->p + at, lit, len) == 0)
				return at;
			from = at + 1;
		}
		return (size_t)-1;
	}
	/* both rare bytes where the literal puts them, then the rest */
	while (from + len <= to && (at = mq_pair_find(s->p, s->size, from + r.a,
	    to - len + r.a + 1, (unsigned char)lit[r.a], r.b - r.a, (unsigned char)lit[r.b],
	    NULL, NULL, NULL)) <= to - len + r.a) {
		at -= r.a;
		if (memcmp(s->p + at, lit, len) == 0)
			return at;
		from = at + 1;
	}
	return (size_t)-1;
}

struct MqSearchRun {
	const MqSearch *s;
	MqSearchMode mode;
	MqSpan range;
	char *lit;		/* exact: the pattern */
	size_t len;		/* its length */
	MqRare r;		/* its bytes looked for first */
	MqFoldRun *fold;
	MqRegexRun *regex;
	size_t read;		/* how far the text has been read */
	size_t cap;		/* of the caller's array */
	bool more;		/* max reached */
};

MqSearchRun *
mq_search_start(MqSearch *s, const char *pattern, MqSearchMode mode, MqSpan range,
    char **err)
{
	MqSearchRun *r = calloc(1, sizeof *r);

	if (r == NULL)
		goto no_memory;
	if (range.start < s->start)
		range.start = s->start;
	if (range.end > s->size)
		range.end = s->size;
	if (range.end < range.start)
		range.end = range.start;
	r->s = s;
	r->mode = mode;
	r->range = range;
	r->read = range.start;
	if (range.start == range.end) {
		r->read = range.end;	/* nothing to read */
	} else if (mode == MQ_SEARCH_EXACT) {
		if ((r->lit = strdup(pattern)) == NULL)
			goto no_memory;
		r->len = strlen(pattern);
		if (r->len == 0 || r->len > range.end - range.start)
			r->read = range.end;
		else
			r->r = mq_search_rarest(s, range, pattern, r->len);
	} else if (mode == MQ_SEARCH_REGEX) {
		if ((r->regex = mq_regex_run_start(s, pattern, range, err)) == NULL) {
			free(r);
			return NULL;
		}
	} else if ((r->fold = mq_fold_run_start(s, pattern, range)) == NULL) {
		goto no_memory;
	}
	return r;
no_memory:
	free(r);
	mq_set_error(err, "out of memory");
	return NULL;
}

/* Exact search up to about limit; returns how far it has read. */
static size_t
exact_step(MqSearchRun *r, size_t limit, MqMatches *m)
{
	size_t to = r->range.end, at, from = r->read;

	if (limit < to && to - limit > r->len)
		to = limit + r->len;	/* (a match from before limit) */
	while ((at = mq_search_next_exact(r->s, r->lit, r->len, r->r, from, to)) != (size_t)-1) {
		if (!mq_matches_add(m, at, at + r->len))
			return r->range.end;
		from = at + r->len;
	}
	if (to == r->range.end)
		return r->range.end;
	return to - r->len + 1 > from ? to - r->len + 1 : from;
}

int
mq_search_step(MqSearchRun *r, size_t budget, size_t max, MqSpan **out, size_t *n,
    char **err)
{
	MqMatches m = { .out = out, .n = n, .cap = r->cap, .max = max };
	size_t limit = budget > r->range.end - r->read ? r->range.end : r->read + budget;
	size_t got;

	if (r->read >= r->range.end)
		return 1;
	if (r->mode == MQ_SEARCH_EXACT)
		got = exact_step(r, limit, &m);
	else if (r->mode == MQ_SEARCH_REGEX)
		got = mq_regex_run_step(r->regex, limit, &m, err);
	else
		got = mq_fold_run_step(r->fold, limit, &m);
	r->cap = m.cap;
	r->more |= m.more;
	if (m.no_memory) {
		mq_set_error(err, "out of memory");
		got = (size_t)-1;
	}
	if (got == (size_t)-1) {
		r->read = r->range.end;
		return -1;
	}
	r->read = got;
	return got >= r->range.end ? 1 : 0;
}

size_t
mq_search_read(const MqSearchRun *r)
{
	return r->read;
}

bool
mq_search_cut(const MqSearchRun *r)
{
	return r->more;
}

void
mq_search_stop(MqSearchRun *r)
{
	if (r == NULL)
		return;
	mq_fold_run_free(r->fold);
	mq_regex_run_free(r->regex);
	free(r->lit);
	free(r);
}

bool
mq_search_find(MqSearch *s, const char *pattern, MqSearchMode mode,
    MqSpan range, size_t max, MqSpan **out, size_t *n, bool *truncated,
    char **err)
{
	MqSearchRun *r = mq_search_start(s, pattern, mode, range, err);
	int st;

	*n = 0;
	if (truncated)
		*truncated = false;
	if (r == NULL)
		return false;
	st = mq_search_step(r, (size_t)-1, max, out, n, err);
	if (truncated)
		*truncated = r->more;
	mq_search_stop(r);
	return st >= 0;
}
