/*
 * core/search: the calls, exact search and regular-expression search
 * over an article's bytes; folded search is in search-fold.c.  See
 * search.h for what each finds.
 *
 * Exact search looks for the pattern's rarest byte (in a sample of the
 * text) with memchr and compares the pattern around each one.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "fold.h"
#include "search-private.h"
#include "util.h"

#define REGEX_TIME_LIMIT 2000	/* ICU match steps: about half a second */
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

/* The index of pattern[0..plen)'s byte that is rarest in the range's sample. */
static size_t
rarest_byte(const MqSearch *s, MqSpan range, const char *pattern, size_t plen)
{
	size_t hist[256], i, best = 0;

	(void)mq_search_sample(s, range, hist);
	for (i = 1; i < plen; i++)
		if (hist[(unsigned char)pattern[i]] < hist[(unsigned char)pattern[best]])
			best = i;
	return best;
}

static void
find_exact(const MqSearch *s, const char *pattern, MqSpan range, MqMatches *m)
{
	size_t plen = strlen(pattern), from = range.start, r, at;
	const unsigned char *hit;

	if (plen == 0 || plen > range.end - range.start)
		return;
	r = rarest_byte(s, range, pattern, plen);
	/* the pattern at at has its rarest byte at at + r */
	while (from + plen <= range.end &&
	    (hit = memchr(s->p + from + r, pattern[r], range.end - from - plen + 1)) != NULL) {
		at = (size_t)(hit - s->p) - r;
		if (memcmp(s->p + at, pattern, plen) != 0) {
			from = at + 1;
			continue;
		}
		if (!mq_matches_add(m, at, at + plen))
			return;
		from = at + plen;
	}
}

static bool
find_regex(const MqSearch *s, const char *pattern, MqSpan range, MqMatches *m,
    char **err)
{
	UErrorCode ec = U_ZERO_ERROR;
	UParseError pe;
	UText *pat = NULL, *text = NULL;
	URegularExpression *re = NULL;
	bool ok = false;

	if (*pattern == '\0')
		return true;
	pat = utext_openUTF8(NULL, pattern, -1, &ec);
	re = uregex_openUText(pat, UREGEX_MULTILINE, &pe, &ec);
	if (U_FAILURE(ec)) {
		mq_set_error(err, "bad regular expression (%s at character %d)",
		    u_errorName(ec), (int)pe.offset + 1);
		goto out;
	}
	text = utext_openUTF8(NULL, (const char *)s->p, (int64_t)s->size, &ec);
	uregex_setUText(re, text, &ec);
	uregex_setRegion64(re, (int64_t)range.start, (int64_t)range.end, &ec);
	uregex_setTimeLimit(re, REGEX_TIME_LIMIT, &ec);
	if (U_FAILURE(ec)) {
		mq_set_error(err, "cannot search (%s)", u_errorName(ec));
		goto out;
	}
	while (uregex_findNext(re, &ec)) {
		int64_t a = uregex_start64(re, 0, &ec), b = uregex_end64(re, 0, &ec);

		if (U_FAILURE(ec))
			break;
		if (b <= a)
			continue;	/* empty matches highlight nothing */
		if (!mq_matches_add(m, (size_t)a, (size_t)b))
			break;
	}
	if (m->no_memory)
		mq_set_error(err, "out of memory");
	else if (ec == U_REGEX_TIME_OUT || ec == U_REGEX_STACK_OVERFLOW)
		mq_set_error(err, "the regular expression takes too long on this text");
	else if (U_FAILURE(ec))
		mq_set_error(err, "cannot search (%s)", u_errorName(ec));
	else
		ok = true;
out:
	uregex_close(re);
	utext_close(text);
	utext_close(pat);
	return ok;
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
		ok = find_regex(s, pattern, range, &m, err);
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
