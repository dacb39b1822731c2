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

size_t
mq_search_sample(const MqSearch *s, MqSpan range, size_t hist[256])
{
	size_t len = range.end - range.start, step, i, k, o, n = 0;

	memset(hist, 0, 256 * sizeof *hist);
	if (len <= SAMPLE_PIECES * SAMPLE_PIECE) {
		for (o = range.start; o < range.end; o++)
			hist[s->p[o]]++;
		return len;
	}
	step = len / SAMPLE_PIECES;
	for (i = 0; i < SAMPLE_PIECES; i++) {
		o = range.start + i * step;
		for (k = 0; k < SAMPLE_PIECE; k++)
			hist[s->p[o + k]]++;
		n += SAMPLE_PIECE;
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

size_t
mq_search_rarest(const MqSearch *s, MqSpan range, const char *lit, size_t len)
{
	size_t hist[256], i, best = 0;

	(void)mq_search_sample(s, range, hist);
	for (i = 1; i < len; i++)
		if (hist[(unsigned char)lit[i]] < hist[(unsigned char)lit[best]])
			best = i;
	return best;
}

size_t
mq_search_next_exact(const MqSearch *s, const char *lit, size_t len, size_t r,
    size_t from, size_t to)
{
	const unsigned char *hit;
	size_t at;

	/* the literal at at has its rarest byte at at + r */
	while (from + len <= to &&
	    (hit = memchr(s->p + from + r, lit[r], to - from - len + 1)) != NULL) {
		at = (size_t)(hit - s->p) - r;
		if (memcmp(s->p + at, lit, len) == 0)
			return at;
		from = at + 1;
	}
	return (size_t)-1;
}

static void
find_exact(const MqSearch *s, const char *pattern, MqSpan range, MqMatches *m)
{
	size_t len = strlen(pattern), from = range.start, r, at;

	if (len == 0 || len > range.end - range.start)
		return;
	r = mq_search_rarest(s, range, pattern, len);
	while ((at = mq_search_next_exact(s, pattern, len, r, from, range.end)) != (size_t)-1 &&
	    mq_matches_add(m, at, at + len))
		from = at + len;
}

bool
mq_search_find(MqSearch *s, const char *pattern, MqSearchMode mode,
    MqSpan range, size_t max, MqSpan **out, size_t *n, bool *truncated,
    char **err)
{
	MqMatches m = { .out = out, .n = n, .cap = 0, .max = max };
	bool ok = true;

	*n = 0;
	if (range.start < s->start)
		range.start = s->start;
	if (range.end > s->size)
		range.end = s->size;
	if (range.start >= range.end)
		ok = true;
	else if (mode == MQ_SEARCH_EXACT)
		find_exact(s, pattern, range, &m);
	else if (mode == MQ_SEARCH_REGEX)
		ok = mq_search_regex(s, pattern, range, &m, err);
	else
		ok = mq_search_folded(s, pattern, range, &m, err);
	if (m.no_memory && ok) {
		mq_set_error(err, "out of memory");
		ok = false;
	}
	if (truncated)
		*truncated = m.more;
	return ok;
}
