/*
 * core/search-fold: folded search without a folded copy of the text.
 *
 * The text is folded as it is read (core/fold, white space runs to one
 * space) and the folded bytes go through a matcher of the folded pattern
 * (Knuth-Morris-Pratt: leftmost matches, not overlapping); a ring of the
 * last pattern-length folded bytes' file offsets maps a match back to the
 * characters it came from.
 *
 * A long range is not folded whole.  One letter c of the pattern is
 * chosen, and the characters whose folding holds c (its preimage: c, its
 * other cases, accented forms, presentation forms, ligatures...) are
 * looked for as bytes: each gets one of its bytes, chosen to be rare in a
 * sample of the text, and every 4-byte character is a candidate too.
 * Every match holds a character of the preimage, and its other folded
 * bytes lie within the pattern's length of it, so only the text around
 * each such character is folded: from pattern-length non-space folded
 * bytes before it to as many after the last one.  The rest is skipped at
 * the speed of the byte scan (core/byteset).  The matches are those of
 * folding the whole range: skipping only leaves out text no match reaches.
 *
 * A common Arabic letter makes a poor trigger on its own (every ل of a
 * text would be folded around).  Such a letter is found instead by its
 * own two bytes as a pair at one place of the pattern, and kept only
 * where the characters on either side may be its neighbours there: one
 * folding to what starts with the next letter (ends with the one before),
 * or to nothing, as marks and tatweel do; anything longer than two bytes
 * is let through for the matcher to judge.  Every match holds the letter
 * at that place, so none is lost; the rest of its preimage (presentation
 * forms, ligatures) is looked for by bytes in the same pass.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "byteset.h"
#include "fold.h"
#include "search-private.h"
#include "util.h"

#define NONE ((size_t)-1)
#define PAUSED ((size_t)-2)
#define DENSE 8		/* no prefilter when 1 byte in DENSE is a candidate */
#define CANDIDATES 16	/* the most letters of a pattern tried as the trigger */
#define PLACES 4	/* the most places of one letter tried for its pair */

/*
 * The preimage of the chosen letter, and the bytes that find it.  With a
 * pair, c's own two bytes are looked for as a pair, and only where the
 * character after them may be the next of a match (one that folds to the
 * letter after c in the pattern, or to nothing); set finds the rest of
 * the preimage.
 */
typedef struct Prefilter {
	uint32_t c;
	uint8_t bits[0x10000 / 8];	/* bit x: BMP character x is in the preimage */
	MqByteSet set;
	struct Pair {
		bool pair;
		bool after, before;		/* whether the character after, before, is asked */
		unsigned char pb[2];		/* c in UTF-8 */
		const unsigned char *p;		/* the text, */
		size_t size;			/* its length */
		/* [0]: after c, [1]: before it */
		uint8_t one[2][0x80 / 8];	/* bit x: ASCII x may be there */
		uint64_t two[2][0x20];		/* [lead - 0xc0] bit (second - 0x80): so may it */
	} pr;
} Prefilter;

/* A search under way. */
typedef struct Scan {
	const MqSearch *s;
	MqSpan range;
	MqMatches *m;
	const unsigned char *key;
	size_t klen, *fail;	/* the folded pattern; KMP's failure function */
	uint32_t *kcp;		/* the folded pattern's code points */
	size_t kn;
	const Prefilter *pf;	/* NULL: fold the whole range */
	/* the matcher: */
	size_t j;		/* pattern bytes matched */
	size_t q;		/* folded bytes fed so far */
	size_t *ring;		/* ring[q % klen]: the file offset of folded byte q's character */
	bool space;		/* the folded text fed so far ends with a space */
	size_t nonspace;	/* non-space folded bytes fed so far */
	/* where it stands, between steps: */
	bool in_run;		/* folding, from pos */
	size_t pos, last;	/* (last: nonspace after the last trigger, or NONE) */
	size_t scan, fed, floor;	/* the prefilter's byte scan */
	bool done;
} Scan;

/* A folded search under way. */
struct MqFoldRun {
	Scan sc;
	Prefilter *pf;
	unsigned char *key;
};

/* The folding of the character at o into f; sets *clen to its length. */
static size_t
fold_char(const MqSearch *s, size_t o, uint32_t f[MQ_FOLD_MAX], size_t *clen)
{
	uint32_t cp;

	*clen = mq_utf8_decode(s->p + o, s->size - o, &cp);
	return mq_fold_one(cp, f);
}

/* Non-space folded bytes in f[0..n). */
static size_t
nonspace_bytes(const uint32_t *f, size_t n)
{
	char buf[4];
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (f[i] != ' ')
			k += mq_utf8_encode(f[i], buf);
	return k;
}

/*
 * The start of the character that ends at pos (a character boundary, >
 * lo, a boundary too).  Decoding from a lead byte gives the characters a
 * decoder from the start of the text gives: a character never runs over
 * a lead byte, and a stray continuation byte is a character of its own.
 */
static size_t
prev_char(const MqSearch *s, size_t lo, size_t pos)
{
	uint32_t cp;
	size_t t = pos - 1;

	while (t > lo && pos - t < 4 && (s->p[t] & 0xc0) == 0x80)
		t--;
	if ((s->p[t] & 0xc0) == 0x80)
		return pos - 1;
	return t + mq_utf8_decode(s->p + t, s->size - t, &cp) == pos ? t : pos - 1;
}

/*
 * The character that holds byte h (lo <= h, lo a boundary): its start,
 * with *clen and *cp set.
 */
static size_t
char_holding(const MqSearch *s, size_t lo, size_t h, size_t *clen, uint32_t *cp)
{
	size_t t = h;

	while (t > lo && h - t < 3 && (s->p[t] & 0xc0) == 0x80)
		t--;
	if ((s->p[t] & 0xc0) != 0x80) {
		*clen = mq_utf8_decode(s->p + t, s->size - t, cp);
		if (t + *clen > h)
			return t;
	}
	*clen = mq_utf8_decode(s->p + h, s->size - h, cp);
	return h;
}

/* True if the folding of cp holds the prefilter's letter. */
static bool
is_trigger(const Prefilter *pf, uint32_t cp)
{
	uint32_t f[MQ_FOLD_MAX];
	size_t n, i;

	if (cp < 0x10000)
		return (pf->bits[cp >> 3] >> (cp & 7)) & 1;
	n = mq_fold_one(cp, f);
	for (i = 0; i < n && f[i] != pf->c; i++)
		;
	return i < n;
}

/* Whether the folded text before the character at o ends with a space. */
static bool
space_before(const MqSearch *s, size_t o)
{
	uint32_t f[MQ_FOLD_MAX];
	size_t n, clen, x;

	while (o > s->start) {
		x = prev_char(s, s->start, o);
		if ((n = fold_char(s, x, f, &clen)) > 0)
			return f[n - 1] == ' ';
		o = x;
	}
	return false;
}

/* Feeds folded byte b of the character [o, o + clen); false to stop. */
static bool
feed(Scan *sc, unsigned char b, size_t o, size_t clen)
{
	while (sc->j > 0 && sc->key[sc->j] != b)
		sc->j = sc->fail[sc->j - 1];
	if (sc->key[sc->j] == b)
		sc->j++;
	sc->ring[sc->q % sc->klen] = o;
	sc->q++;
	if (sc->j < sc->klen)
		return true;
	sc->j = 0;		/* matches do not overlap */
	if (o + clen > sc->range.end)
		return true;	/* it ends past the range */
	return mq_matches_add(sc->m, sc->ring[(sc->q - sc->klen) % sc->klen],
	    mq_search_past_marks(sc->s, o + clen));
}

/*
 * Folds the characters from o into the matcher, to the end of the range
 * or, with the prefilter, to the point no match can reach from the last
 * character of its preimage.  Returns where it stopped; PAUSED when it
 * reached limit first (it goes on from sc->pos); NONE when the search is
 * over (max reached or no memory).
 */
static size_t
fold_run(Scan *sc, size_t o, size_t limit)
{
	const MqSearch *s = sc->s;
	uint32_t f[MQ_FOLD_MAX];
	size_t n, i, b, k, clen;
	char buf[4];
	bool trig;

	while (o < sc->range.end) {
		if (o >= limit) {
			sc->in_run = true;
			sc->pos = o;
			return PAUSED;
		}
		n = fold_char(s, o, f, &clen);
		trig = false;
		for (i = 0; i < n; i++) {
			if (f[i] == ' ' && sc->space)
				continue;
			sc->space = f[i] == ' ';
			trig |= sc->pf != NULL && f[i] == sc->pf->c;
			k = mq_utf8_encode(f[i], buf);
			if (!sc->space)
				sc->nonspace += k;
			for (b = 0; b < k; b++)
				if (!feed(sc, (unsigned char)buf[b], o, clen))
					return NONE;
		}
		o += clen;
		if (trig)
			sc->last = sc->nonspace;
		if (sc->last != NONE && sc->nonspace - sc->last >= sc->klen - 1)
			break;
	}
	sc->in_run = false;
	return o;
}

/*
 * Where folding must start for the matches that hold the trigger at t:
 * klen - 1 non-space folded bytes before it, or floor.
 */
static size_t
back_walk(const Scan *sc, size_t t, size_t floor)
{
	uint32_t f[MQ_FOLD_MAX];
	size_t acc = 0, clen;

	while (acc < sc->klen - 1 && t > floor) {
		t = prev_char(sc->s, floor, t);
		acc += nonspace_bytes(f, fold_char(sc->s, t, f, &clen));
	}
	return t;
}

/*
 * Compares folded code point cp with the pattern's code point at *k,
 * moving *k by step (+1 forward, -1 backward) on a match.  A space after
 * a space (white space runs fold to one, either way round) is passed
 * over.  Returns false on a mismatch.
 */
static bool
step_cp(const Scan *sc, uint32_t cp, size_t *k, int step, bool *space)
{
	if (cp == ' ' && *space)
		return true;
	*space = cp == ' ';
	if (cp != sc->kcp[step > 0 ? *k : *k - 1])
		return false;
	*k = step > 0 ? *k + 1 : *k - 1;
	return true;
}

/*
 * Whether the pattern, its code point j on the trigger's folded code
 * point i (f[0..n), the character [t, t + tlen)), reads on in both
 * directions: the text is folded one character at a time, and the first
 * letter that differs ends it.  A quick filter, so most triggers cost a
 * few characters: a yes is checked by the matcher, a no is final.
 */
static bool
aligned(const Scan *sc, const uint32_t *f, size_t n, size_t i, size_t j, size_t t,
    size_t tlen)
{
	const MqSearch *s = sc->s;
	uint32_t g[MQ_FOLD_MAX];
	size_t k = j + 1, x, gn, clen, o = t + tlen;
	bool space = false;

	for (x = i + 1; x < n && k < sc->kn; x++)
		if (!step_cp(sc, f[x], &k, 1, &space))
			return false;
	while (k < sc->kn) {
		if (o >= sc->range.end)
			return false;
		gn = fold_char(s, o, g, &clen);
		for (x = 0; x < gn && k < sc->kn; x++)
			if (!step_cp(sc, g[x], &k, 1, &space))
				return false;
		o += clen;
	}
	k = j;
	space = false;
	for (x = i; x-- > 0 && k > 0; )
		if (!step_cp(sc, f[x], &k, -1, &space))
			return false;
	for (o = t; k > 0; ) {
		if (o <= sc->range.start)
			return false;
		o = prev_char(s, sc->range.start, o);
		gn = fold_char(s, o, g, &clen);
		for (x = gn; x-- > 0 && k > 0; )
			if (!step_cp(sc, g[x], &k, -1, &space))
				return false;
	}
	return true;
}

/* Whether some match can hold the trigger character [t, t + tlen). */
static bool
could_match(const Scan *sc, size_t t, size_t tlen)
{
	uint32_t f[MQ_FOLD_MAX];
	size_t clen, n = fold_char(sc->s, t, f, &clen), i, j;

	for (i = 0; i < n; i++)
		for (j = 0; f[i] == sc->pf->c && j < sc->kn; j++)
			if (sc->kcp[j] == sc->pf->c && aligned(sc, f, n, i, j, t, tlen))
				return true;
	return false;
}

/* The first character boundary at or after o (over at most 3 continuation bytes). */
static size_t
boundary_from(const MqSearch *s, size_t o, size_t end)
{
	size_t e = o;

	while (e < end && e - o < 3 && (s->p[e] & 0xc0) == 0x80)
		e++;
	return e;
}

/*
 * True if the character at o (side 0), or the one ending at o (side 1),
 * may stand after, or before, c in a match: one or two bytes looked up;
 * any longer or broken one may (the matcher tells).
 */
static bool
may_stand(const struct Pair *pr, size_t o, int side)
{
	const unsigned char *p = pr->p;
	unsigned char a, b;

	if (side == 0 ? o >= pr->size : o == 0)
		return true;
	a = side == 0 ? p[o] : p[o - 1];
	if (a < 0x80)
		return (pr->one[side][a >> 3] >> (a & 7)) & 1;
	if (side == 0) {
		if (a > 0xdf || a < 0xc2 || o + 1 >= pr->size || (p[o + 1] & 0xc0) != 0x80)
			return true;
		b = p[o + 1];
	} else {
		if (a > 0xbf || o < 2 || p[o - 2] < 0xc2 || p[o - 2] > 0xdf)
			return true;
		b = a;
		a = p[o - 2];
	}
	return (pr->two[side][a - 0xc0] >> (b - 0x80)) & 1;
}

/* True if the pair at h may be c in a match, by what stands around it. */
static bool
pair_ok(const void *arg, size_t h)
{
	const struct Pair *pr = arg;

	return (!pr->after || may_stand(pr, h + 2, 0)) && (!pr->before || may_stand(pr, h, 1));
}

/* The first pair of [from, to) that may be c in a match, or to. */
static size_t
find_pair(const struct Pair *pr, size_t from, size_t to)
{
	return mq_pair_find(pr->p, pr->size, from, to, pr->pb[0], 1, pr->pb[1], pair_ok, pr,
	    NULL);
}

/*
 * The next byte from `from` on, before end, that may start (or be in) a
 * character of the preimage, or end.
 */
static size_t
next_candidate(const Scan *sc, size_t from, size_t end)
{
	const Prefilter *pf = sc->pf;

	if (!pf->pr.pair)
		return mq_byteset_find(&pf->set, sc->s->p, from, end);
	return mq_pair_find(pf->pr.p, pf->pr.size, from, end, pf->pr.pb[0], 1,
	    pf->pr.pb[1], pair_ok, &pf->pr, &pf->set);
}

/*
 * Skips to the characters of the preimage and folds around each, reading
 * up to about limit; returns how far it has read, or NONE when the search
 * is over early (max reached or no memory).
 */
static size_t
prefiltered(Scan *sc, size_t limit)
{
	const MqSearch *s = sc->s;
	size_t h, t, x, clen, end;
	uint32_t cp;

	if (sc->in_run) {
		if ((x = fold_run(sc, sc->pos, limit)) == NONE || x == PAUSED)
			return x == NONE ? NONE : sc->pos;
		sc->scan = sc->floor = sc->fed = x;
	}
	while (sc->scan < sc->range.end) {
		end = limit < sc->range.end ? boundary_from(s, limit, sc->range.end) :
		    sc->range.end;
		if (sc->scan >= end)
			return sc->scan;
		if ((h = next_candidate(sc, sc->scan, end)) >= end) {
			sc->scan = end;
			continue;
		}
		t = char_holding(s, sc->scan, h, &clen, &cp);
		if (!is_trigger(sc->pf, cp) || !could_match(sc, t, clen)) {
			sc->scan = t + clen;
			continue;
		}
		x = back_walk(sc, t, sc->floor);
		if (x != sc->fed) {	/* text was skipped: start afresh */
			sc->j = 0;
			sc->space = space_before(s, x);
		}
		sc->last = NONE;
		if ((x = fold_run(sc, x, limit)) == NONE || x == PAUSED)
			return x == NONE ? NONE : sc->pos;
		sc->scan = sc->floor = sc->fed = x;
	}
	sc->done = true;
	return sc->range.end;
}

/* KMP's failure function of key[0..n): fail[i], the longest border of key[0..i]. */
static void
make_fail(const unsigned char *key, size_t n, size_t *fail)
{
	size_t i, k = 0;

	fail[0] = 0;
	for (i = 1; i < n; i++) {
		while (k > 0 && key[i] != key[k])
			k = fail[k - 1];
		if (key[i] == key[k])
			k++;
		fail[i] = k;
	}
}

/*
 * Lead bytes of characters that a set can take as one range, covering
 * every character of the preimage they start: the 2-byte leads of Latin,
 * Greek and Cyrillic; those of Hebrew and Arabic; and the 3- and 4-byte
 * leads with the bytes no character starts with.
 */
static const unsigned char lead_lo[] = { 0xc2, 0xd0, 0xe0 };
static const unsigned char lead_hi[] = { 0xcf, 0xdf, 0xff };
#define LEAD_GROUPS 3

/*
 * Builds a byte set for the preimage members[0..nmembers), covering the lead
 * groups in mask by their ranges and every other character by its rarest
 * byte in the sample (a byte already taken costs nothing, a new one a
 * little); returns the estimated cost, or NONE when the set is too big.
 */
static size_t
make_set_as(MqByteSet *set, const uint16_t *members, size_t nmembers,
    const size_t hist[256], size_t lambda, unsigned mask)
{
	size_t cost = 0, best, w, m;
	unsigned char e[4];
	int len, i, pick, g;

	memset(set, 0, sizeof *set);
	for (g = 0; g < LEAD_GROUPS; g++) {
		if (!((mask >> g) & 1) && lead_lo[g] != 0xe0)
			continue;	/* (4-byte characters are always candidates) */
		if (!mq_byteset_add_range(set, (mask >> g) & 1 ? lead_lo[g] : 0xf0,
		    lead_hi[g]))
			return NONE;
		cost += lambda;
		for (i = (mask >> g) & 1 ? lead_lo[g] : 0xf0; i <= lead_hi[g]; i++)
			cost += hist[i];
	}
	for (m = 0; m < nmembers; m++) {
		len = (int)mq_utf8_encode(members[m], (char *)e);
		if (mq_byteset_has(set, e[0]))
			continue;	/* its lead is in */
		pick = 0;
		best = NONE;
		for (i = 0; i < len; i++) {
			w = mq_byteset_has(set, e[i]) ? 0 : hist[e[i]] + lambda;
			if (w < best) {
				best = w;
				pick = i;
			}
		}
		if (!mq_byteset_has(set, e[pick])) {
			if (!mq_byteset_add(set, e[pick]))
				return NONE;
			cost += hist[e[pick]] + lambda;
		}
	}
	return cost;
}

/*
 * Builds the cheapest byte set for the preimage members[0..n), each lead
 * group taken as a range or character by character; returns its
 * estimated cost (candidates in the sample, and a little a range), or
 * NONE when every set is too big.
 */
static size_t
make_set(MqByteSet *set, const uint16_t *members, size_t n, const size_t hist[256],
    size_t sampled)
{
	size_t lambda = sampled / 512 + 1, cost, best = NONE;
	MqByteSet keep;
	unsigned mask;

	for (mask = 0; mask < 1u << LEAD_GROUPS; mask++) {
		if ((cost = make_set_as(set, members, n, hist, lambda, mask)) < best) {
			best = cost;
			keep = *set;
		}
	}
	if (best != NONE)
		*set = keep;
	return best;
}

/* Notes in pr that character x may stand on side (0: after c, 1: before). */
static void
may_stand_there(struct Pair *pr, int side, uint32_t x)
{
	if (x < 0x80)
		pr->one[side][x >> 3] |= (uint8_t)(1u << (x & 7));
	else
		pr->two[side][(x >> 6) & 0x1f] |= 1ull << (x & 0x3f);
}

/*
 * The folding of each one- or two-byte character (below U+0800): how many
 * code points, the first and the last (0xffffffff when none), what
 * make_pair asks of every character, worked out once a search.
 */
typedef struct Ends {
	uint32_t first[0x800], last[0x800];
	uint8_t n[0x800];
} Ends;

static void
fold_ends(Ends *e)
{
	uint32_t f[MQ_FOLD_MAX], x;
	size_t n;

	for (x = 0; x < 0x800; x++) {
		n = mq_fold_one(x, f);
		e->n[x] = (uint8_t)n;
		e->first[x] = n == 0 ? 0xffffffffu : f[0];
		e->last[x] = n == 0 ? 0xffffffffu : f[n - 1];
	}
}

/*
 * Whether the letter at place j of the folded pattern kcp[0..kn) can be
 * looked for as a pair in s (see Prefilter), and if so the pair in *pr:
 * the letter is two bytes and folds to itself.  Every match holds it at
 * place j, so the character after it there folds to what starts with the
 * letter after (or to nothing: a mark, a tatweel), and the one before to
 * what ends with the letter before (or to nothing).
 */
static bool
make_pair(const MqSearch *s, const uint32_t *kcp, size_t kn, size_t j, const Ends *e,
    struct Pair *pr)
{
	uint32_t x, c = kcp[j];
	char enc[4];

	if (c < 0x80 || c >= 0x800 || kn < 2 || e->n[c] != 1 || e->first[c] != c)
		return false;
	memset(pr, 0, sizeof *pr);
	pr->after = j + 1 < kn;
	pr->before = j > 0;
	mq_utf8_encode(c, enc);
	pr->pb[0] = (unsigned char)enc[0];
	pr->pb[1] = (unsigned char)enc[1];
	pr->p = s->p;
	pr->size = s->size;
	for (x = 0; x < 0x800; x++) {
		bool nothing = e->n[x] == 0;

		if (nothing || (pr->after && e->first[x] == kcp[j + 1]))
			may_stand_there(pr, 0, x);
		if (nothing || (pr->before && e->last[x] == kcp[j - 1]))
			may_stand_there(pr, 1, x);
	}
	pr->pair = true;
	return true;
}

/*
 * Stops the pair pr makes in the sample of range: those that may be c in
 * a match, and an eighth for each turned down at a glance.
 */
static size_t
pair_cost(const MqSearch *s, MqSpan range, const struct Pair *pr)
{
	MqSpan piece;
	size_t k, h, from, hits = 0, all = 0;

	for (k = 0; mq_search_sample_piece(range, k, &piece); k++) {
		for (from = piece.start; (h = find_pair(pr, from, piece.end)) < piece.end;
		    from = h + 1)
			hits++;
		for (from = piece.start; (h = mq_pair_find(s->p, s->size, from, piece.end,
		    pr->pb[0], 1, pr->pb[1], NULL, NULL, NULL)) < piece.end; from = h + 1)
			all++;
	}
	return hits + (all - hits) / 8;
}

/*
 * Chooses the pattern's letter whose preimage is rarest in a sample of
 * the range, found by its bytes or as a pair; false when none is rare
 * enough to pay (the whole range is then folded).
 */
static bool
choose_prefilter(const MqSearch *s, MqSpan range, const Scan *sc, Prefilter *pf)
{
	size_t hist[256], sampled = mq_search_sample(s, range, hist), cost, rest;
	size_t best = NONE, i, j, k, m, n, tried = 0, places;
	uint32_t cp, seen[CANDIDATES];
	const uint16_t *members, *chosen = NULL;
	uint16_t *others = NULL;
	size_t nchosen = 0;
	MqByteSet trial, trial_rest;
	struct Pair pr, place;
	Ends *ends = NULL;
	size_t pc;

	for (i = 0; i < sc->kn && tried < CANDIDATES; i++) {
		cp = sc->kcp[i];
		for (k = 0; k < tried && seen[k] != cp; k++)
			;
		if (k < tried || cp == ' ' || cp == 0xfffd || cp >= 0x10000)
			continue;
		seen[tried++] = cp;
		if ((members = mq_fold_preimage(cp, &n)) == NULL)
			break;
		cost = make_set(&trial, members, n, hist, sampled);
		if (s->prefilter == MQ_PREFILTER_PAIRS && cost != NONE)
			cost = NONE - 1;	/* (a pair wherever a letter makes one) */
		pr.pair = false;
		if (cp >= 0x80 && cp < 0x800 &&
		    (others = malloc((n + 1) * sizeof *others)) != NULL) {
			for (k = m = 0; k < n; k++)
				if (members[k] != cp)
					others[m++] = members[k];
			rest = make_set(&trial_rest, others, m, hist, sampled);
			free(others);
			/* the letter's best place, of its first few */
			if (rest != NONE && ends == NULL && (ends = malloc(sizeof *ends)) != NULL)
				fold_ends(ends);
			for (j = i, places = 0; ends != NULL && rest != NONE && j < sc->kn &&
			    places < PLACES; j++) {
				if (sc->kcp[j] != cp || !make_pair(s, sc->kcp, sc->kn, j, ends, &place))
					continue;
				places++;
				if ((pc = rest + pair_cost(s, range, &place)) < cost) {
					cost = pc;
					trial = trial_rest;
					pr = place;
				}
			}
		}
		if (cost < best) {
			best = cost;
			pf->c = cp;
			pf->set = trial;
			pf->pr = pr;
			chosen = members;
			nchosen = n;
		}
	}
	free(ends);
	if (best == NONE || (s->prefilter == MQ_PREFILTER_AUTO && best * DENSE >= sampled))
		return false;
	memset(pf->bits, 0, sizeof pf->bits);
	for (k = 0; k < nchosen; k++)
		pf->bits[chosen[k] >> 3] |= (uint8_t)(1u << (chosen[k] & 7));
	return true;
}

MqFoldRun *
mq_fold_run_start(const MqSearch *s, const char *pattern, MqSpan range)
{
	size_t plen = strlen(pattern), cap = plen * MQ_FOLD_MAX * 4 + 8, i;
	MqFoldRun *r = calloc(1, sizeof *r);
	Scan *sc;

	if (r == NULL || (r->key = malloc(cap)) == NULL)
		goto fail;
	sc = &r->sc;
	sc->s = s;
	sc->range = range;
	sc->key = r->key;
	sc->scan = sc->floor = range.start;
	sc->fed = sc->last = NONE;
	sc->klen = mq_fold_utf8(pattern, plen, (char *)r->key, cap);
	if (sc->klen == 0) {
		sc->done = true;	/* it folds to nothing: no match */
		return r;
	}
	sc->fail = malloc(sc->klen * sizeof *sc->fail);
	sc->ring = malloc(sc->klen * sizeof *sc->ring);
	sc->kcp = malloc(sc->klen * sizeof *sc->kcp);
	if (sc->fail == NULL || sc->ring == NULL || sc->kcp == NULL)
		goto fail;
	make_fail(r->key, sc->klen, sc->fail);
	for (i = 0; i < sc->klen; sc->kn++)
		i += mq_utf8_decode(r->key + i, sc->klen - i, &sc->kcp[sc->kn]);
	if ((s->prefilter == MQ_PREFILTER_ALWAYS || s->prefilter == MQ_PREFILTER_PAIRS ||
	    (s->prefilter == MQ_PREFILTER_AUTO &&
	    range.end - range.start >= MQ_SEARCH_PREFILTER_MIN))) {
		if ((r->pf = malloc(sizeof *r->pf)) == NULL)
			goto fail;
		if (choose_prefilter(s, range, sc, r->pf))
			sc->pf = r->pf;
	}
	if (sc->pf == NULL) {		/* fold it all */
		sc->space = space_before(s, range.start);
		sc->in_run = true;
		sc->pos = range.start;
	}
	return r;
fail:
	mq_fold_run_free(r);
	return NULL;
}

size_t
mq_fold_run_step(MqFoldRun *r, size_t limit, MqMatches *m)
{
	Scan *sc = &r->sc;
	size_t x;

	if (sc->done)
		return sc->range.end;
	sc->m = m;
	if (sc->pf != NULL)
		x = prefiltered(sc, limit);
	else if ((x = fold_run(sc, sc->pos, limit)) == PAUSED)
		x = sc->pos;
	else if (x != NONE)
		x = sc->range.end;	/* (no prefilter: the run is the whole range) */
	if (x == NONE || x >= sc->range.end) {
		sc->done = true;
		return sc->range.end;
	}
	return x;
}

void
mq_fold_run_free(MqFoldRun *r)
{
	if (r == NULL)
		return;
	free(r->sc.fail);
	free(r->sc.ring);
	free(r->sc.kcp);
	free(r->pf);
	free(r->key);
	free(r);
}
