/*
 * core/search-private: what search.c (the calls, exact and regex search)
 * and search-fold.c (folded search) share.  Not for use outside core/
 * (the unit tests aside).
 */
#ifndef MQ_SEARCH_PRIVATE_H
#define MQ_SEARCH_PRIVATE_H

#include "search.h"

/* Ranges this long or longer look for rare bytes first (the prefilter). */
#define MQ_SEARCH_PREFILTER_MIN ((size_t)1 << 20)

/* When folded search skips to rare bytes: tests try each way. */
typedef enum MqPrefilterUse {
	MQ_PREFILTER_AUTO,	/* on a long range, when its bytes are rare enough */
	MQ_PREFILTER_NEVER,
	MQ_PREFILTER_ALWAYS,	/* when the pattern has a letter for it */
	MQ_PREFILTER_PAIRS	/* the same, by a pair when a letter makes one (tests) */
} MqPrefilterUse;

struct MqSearch {
	const MqText *t;
	const unsigned char *p;
	size_t start, size;	/* the text: after a BOM, to the end */
	MqPrefilterUse prefilter;
};

/* The matches found so far: where they go, and the limit. */
typedef struct MqMatches {
	MqSpan **out;
	size_t *n, cap, max;
	bool more;		/* a match was left out: max reached */
	bool no_memory;
} MqMatches;

/* Appends [a, b); false when the search must stop (max reached, or no memory). */
bool mq_matches_add(MqMatches *m, size_t a, size_t b);

/* After file offset o: the end of the marks that follow (they belong to it). */
size_t mq_search_past_marks(const MqSearch *s, size_t o);

/*
 * Counts the bytes of about 64 KiB of range (the whole of a short one),
 * taken in pieces across it, into hist; returns how many were counted.
 */
size_t mq_search_sample(const MqSearch *s, MqSpan range, size_t hist[256]);

/* Piece k of that sample (0, 1, ...), into *piece; false past the last. */
bool mq_search_sample_piece(MqSpan range, size_t k, MqSpan *piece);

/*
 * What exact search looks for first: the literal's bytes a and b (by
 * index, a < b; b == a for a literal of one byte), each where the other
 * puts it.
 */
typedef struct MqRare {
	size_t a, b;
} MqRare;

/*
 * The two bytes of lit[0..len) rarest in a sample of range, in different
 * characters when it has two (the bytes of one character come together).
 */
MqRare mq_search_rarest(const MqSearch *s, MqSpan range, const char *lit, size_t len);

/*
 * The offset of the first lit[0..len) in the text's bytes [from, to),
 * looking for its bytes r first, or (size_t)-1.
 */
size_t mq_search_next_exact(const MqSearch *s, const char *lit, size_t len, MqRare r,
    size_t from, size_t to);

/*
 * A search under way, in search-regex.c and search-fold.c: start (NULL,
 * with *err for a bad regular expression, or no memory), then steps, each
 * reading the text up to about limit (a file offset) and adding what it
 * finds to m; a step returns how far it has read (the range's end: done),
 * or (size_t)-1 with *err set.
 */
typedef struct MqRegexRun MqRegexRun;
MqRegexRun *mq_regex_run_start(const MqSearch *s, const char *pattern, MqSpan range,
    char **err);
size_t mq_regex_run_step(MqRegexRun *r, size_t limit, MqMatches *m, char **err);
void mq_regex_run_free(MqRegexRun *r);

typedef struct MqFoldRun MqFoldRun;
MqFoldRun *mq_fold_run_start(const MqSearch *s, const char *pattern, MqSpan range);
size_t mq_fold_run_step(MqFoldRun *r, size_t limit, MqMatches *m);
void mq_fold_run_free(MqFoldRun *r);

/* Sets when folded search uses the prefilter (MQ_PREFILTER_AUTO to start). */
void mq_search_set_prefilter(MqSearch *s, MqPrefilterUse use);

#endif
