/*
 * core/search: folded, exact and regular-expression search over an
 * article's bytes.  See search.h for what each finds.
 *
 * The folded text is one UTF-8 buffer: each character of the file folded
 * on its own (core/fold), white space runs folded to one space.  Anchors
 * (folded offset, file offset) are taken at least every ANCHOR_EVERY folded
 * bytes, always at a character whose folding starts with no space, so
 * refolding can start from any anchor with no state.  A folded offset maps
 * to the file by refolding forward from the anchor before it; matches come
 * in order, so mapping them all walks the text once.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "fold.h"
#include "search.h"
#include "util.h"

#define ANCHOR_EVERY 64
#define REGEX_TIME_LIMIT 2000	/* ICU match steps: about half a second */

typedef struct Anchor {
	size_t f, o;		/* folded offset, file offset */
} Anchor;

struct MqSearch {
	const MqText *t;
	const unsigned char *p;
	size_t start, size;	/* the text: after a BOM, to the end */
	char *folded;
	size_t flen, fcap;
	Anchor *anch;
	size_t nanch, acap;
	bool ready;
};

/* Where a walk through the text stands: the character at o. */
typedef struct Walk {
	size_t a;		/* the anchor last started from */
	size_t o, f;		/* the character's file and folded offsets */
	bool space;		/* the folded text before it ends with a space */
} Walk;

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
	if (s == NULL)
		return;
	free(s->folded);
	free(s->anch);
	free(s);
}

/*
 * Folds the character at file offset o into buf (MQ_FOLD_MAX * 4 bytes),
 * given whether the folded text so far ends with a space (updated).  Sets
 * *clen to the character's length in the file; returns the folded bytes.
 */
static size_t
fold_at(const MqSearch *s, size_t o, char *buf, bool *space, size_t *clen)
{
	uint32_t cp, f[MQ_FOLD_MAX];
	size_t n, i, k = 0;

	*clen = mq_utf8_decode(s->p + o, s->size - o, &cp);
	n = mq_fold_one(cp, f);
	for (i = 0; i < n; i++) {
		if (f[i] == ' ' && *space)
			continue;
		*space = f[i] == ' ';
		k += mq_utf8_encode(f[i], buf + k);
	}
	return k;
}

bool
mq_search_prepare(MqSearch *s)
{
	char buf[MQ_FOLD_MAX * 4];
	size_t o, k, clen, next = 0;
	bool space = false;

	if (s->ready)
		return true;
	s->flen = s->nanch = 0;
	for (o = s->start; o < s->size; o += clen) {
		k = fold_at(s, o, buf, &space, &clen);
		if (k == 0)
			continue;
		/*
		 * Anchors sit where a walk can start afresh: the first
		 * character, and characters that are not folded white space
		 * (the walk does not know it is inside a run of it).
		 */
		if (s->nanch == 0 || (s->flen >= next && buf[0] != ' ')) {
			if (!mq_grow((void **)&s->anch, &s->acap, s->nanch + 1, sizeof *s->anch))
				return false;
			s->anch[s->nanch].f = s->flen;
			s->anch[s->nanch++].o = o;
			next = s->flen + ANCHOR_EVERY;
		}
		if (s->flen + k > s->fcap) {
			size_t cap = s->fcap ? s->fcap : s->size - s->start + 64;

			while (cap < s->flen + k)
				cap *= 2;
			if (!mq_grow((void **)&s->folded, &s->fcap, cap, 1))
				return false;
		}
		memcpy(s->folded + s->flen, buf, k);
		s->flen += k;
	}
	s->ready = true;
	return true;
}

/* Starts w at the last anchor whose key (folded or file offset) is <= v. */
static void
walk_from_anchor(const MqSearch *s, Walk *w, size_t v, bool by_file)
{
	size_t lo = 0, hi = s->nanch;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if ((by_file ? s->anch[mid].o : s->anch[mid].f) <= v)
			lo = mid;
		else
			hi = mid;
	}
	w->a = lo;
	w->o = s->anch[lo].o;
	w->f = s->anch[lo].f;
	w->space = false;
}

/*
 * Moves w to the character whose folding holds folded byte p (p at or
 * after w's character, or anywhere when w is fresh); sets *clen.
 */
static void
walk_to(const MqSearch *s, Walk *w, size_t p, size_t *clen)
{
	char buf[MQ_FOLD_MAX * 4];
	bool space;
	size_t k;

	if (p < w->f || (w->a + 1 < s->nanch && s->anch[w->a + 1].f <= p))
		walk_from_anchor(s, w, p, false);
	for (;;) {
		space = w->space;
		k = fold_at(s, w->o, buf, &space, clen);
		if (p < w->f + k || w->o + *clen >= s->size)
			return;
		w->o += *clen;
		w->f += k;
		w->space = space;
	}
}

/* The folded offset of the first character at or after file offset o. */
static size_t
folded_at(const MqSearch *s, size_t o)
{
	char buf[MQ_FOLD_MAX * 4];
	size_t k, clen;
	Walk w;

	if (s->nanch == 0 || o <= s->anch[0].o)
		return 0;
	walk_from_anchor(s, &w, o, true);
	while (w.o < o && w.o < s->size) {
		k = fold_at(s, w.o, buf, &w.space, &clen);
		w.o += clen;
		w.f += k;
	}
	return w.f < s->flen ? w.f : s->flen;
}

/* After file offset o: the end of the marks that follow (they belong to it). */
static size_t
past_marks(const MqSearch *s, size_t o)
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

/* Appends span [a, b) to *out. */
static bool
add_match(MqSpan **out, size_t *n, size_t *cap, size_t a, size_t b)
{
	if (!mq_grow((void **)out, cap, *n + 1, sizeof **out))
		return false;
	(*out)[*n].start = a;
	(*out)[*n].end = b;
	(*n)++;
	return true;
}

static bool
find_folded(MqSearch *s, const char *pattern, MqSpan range, size_t max,
    MqSpan **out, size_t *n, bool *more, char **err)
{
	size_t plen = strlen(pattern), cap = *n, from, to, clen, a;
	char *key = malloc(plen * MQ_FOLD_MAX * 4 + 8);
	const char *hit;
	size_t klen;
	Walk w = { 0, 0, 0, false };
	bool fresh = true;

	if (key == NULL || !mq_search_prepare(s)) {
		free(key);
		mq_set_error(err, "out of memory");
		return false;
	}
	klen = mq_fold_utf8(pattern, plen, key, plen * MQ_FOLD_MAX * 4 + 8);
	if (klen == 0 || s->flen == 0) {
		free(key);
		return true;
	}
	from = folded_at(s, range.start);
	to = range.end >= s->size ? s->flen : folded_at(s, range.end);
	while (from < to && (hit = memmem(s->folded + from, to - from, key, klen)) != NULL) {
		size_t p = (size_t)(hit - s->folded);

		if (fresh) {
			walk_from_anchor(s, &w, p, false);
			fresh = false;
		}
		walk_to(s, &w, p, &clen);
		a = w.o;
		walk_to(s, &w, p + klen - 1, &clen);
		from = p + klen;
		if (a < range.start || w.o + clen > range.end)
			continue;
		if (max > 0 && *n >= max) {
			*more = true;
			break;
		}
		if (!add_match(out, n, &cap, a, past_marks(s, w.o + clen))) {
			free(key);
			mq_set_error(err, "out of memory");
			return false;
		}
	}
	free(key);
	return true;
}

static bool
find_exact(MqSearch *s, const char *pattern, MqSpan range, size_t max,
    MqSpan **out, size_t *n, bool *more, char **err)
{
	size_t plen = strlen(pattern), from = range.start, cap = *n;
	const unsigned char *hit;

	if (plen == 0)
		return true;
	while (from < range.end &&
	    (hit = memmem(s->p + from, range.end - from, pattern, plen)) != NULL) {
		size_t p = (size_t)(hit - s->p);

		if (max > 0 && *n >= max) {
			*more = true;
			break;
		}
		if (!add_match(out, n, &cap, p, p + plen)) {
			mq_set_error(err, "out of memory");
			return false;
		}
		from = p + plen;
	}
	return true;
}

static bool
find_regex(MqSearch *s, const char *pattern, MqSpan range, size_t max,
    MqSpan **out, size_t *n, bool *more, char **err)
{
	UErrorCode ec = U_ZERO_ERROR;
	UParseError pe;
	UText *pat = NULL, *text = NULL;
	URegularExpression *re = NULL;
	size_t cap = *n;
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
		if (max > 0 && *n >= max) {
			*more = true;
			break;
		}
		if (!add_match(out, n, &cap, (size_t)a, (size_t)b)) {
			mq_set_error(err, "out of memory");
			goto out;
		}
	}
	if (ec == U_REGEX_TIME_OUT || ec == U_REGEX_STACK_OVERFLOW)
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
	bool more = false, ok;

	*n = 0;
	if (range.start < s->start)
		range.start = s->start;
	if (range.end > s->size)
		range.end = s->size;
	if (range.start >= range.end)
		ok = true;
	else if (mode == MQ_SEARCH_EXACT)
		ok = find_exact(s, pattern, range, max, out, n, &more, err);
	else if (mode == MQ_SEARCH_REGEX)
		ok = find_regex(s, pattern, range, max, out, n, &more, err);
	else
		ok = find_folded(s, pattern, range, max, out, n, &more, err);
	if (truncated)
		*truncated = more;
	return ok;
}
