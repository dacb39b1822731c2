/*
 * core/search: finding text in an article, three ways:
 *   - folded (the default): the pattern and the text are folded alike
 *     (core/fold: case, NFKC, marks, alef and ya and ta marbuta forms,
 *     digits, white space runs), so جدلا finds جدلًا and openai OpenAI;
 *   - exact: the pattern's bytes as they are in the file;
 *   - regex: an ICU regular expression over the original text.
 * Every match is a span of the file's bytes: a folded match covers the
 * original letters it came from with their marks, nothing more.
 *
 * Nothing is prepared or kept between searches: folded search folds the
 * text as it reads it, and on a long text reads only the parts around the
 * rare bytes that can begin the pattern's letters (search-fold.c).
 */
#ifndef MQ_SEARCH_H
#define MQ_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "text.h"

typedef enum MqSearchMode {
	MQ_SEARCH_FOLD,
	MQ_SEARCH_EXACT,
	MQ_SEARCH_REGEX
} MqSearchMode;

typedef struct MqSearch MqSearch;

/* A searcher over t (borrowed: it must outlive the searcher), or NULL. */
MqSearch *mq_search_new(const MqText *t) MQ_WARN_UNUSED;
void mq_search_free(MqSearch *s);

/*
 * Finds the matches of pattern that lie inside range (file bytes), in file
 * order, not overlapping, at most max of them (0: no limit).  *out is
 * grown as needed (the caller frees it) and *n set.  *truncated, if not
 * NULL, tells whether more were left out.  Returns false with *err set on
 * a bad regular expression, one that runs too long, or no memory; an empty
 * pattern (or one that folds to nothing) matches nothing.
 */
bool mq_search_find(MqSearch *s, const char *pattern, MqSearchMode mode,
    MqSpan range, size_t max, MqSpan **out, size_t *n, bool *truncated,
    char **err) MQ_WARN_UNUSED;

/*
 * A search made a piece at a time, so that a reader can go on taking keys:
 * mq_search_start checks the pattern (NULL with *err set for a bad regular
 * expression, or no memory); each mq_search_step reads about budget more
 * bytes of the text and appends the matches it finds to *out and *n (the
 * same array every step; *n 0 to start), at most max in all (0: no
 * limit), returning 1 when the search is over, 0 when there is more to
 * read, -1 with *err set on an error.  Matches are those mq_search_find
 * finds, in the same order, whatever the steps.  (A regular expression
 * with no literal every match holds runs to its next match in one step.)
 */
typedef struct MqSearchRun MqSearchRun;
MqSearchRun *mq_search_start(MqSearch *s, const char *pattern, MqSearchMode mode,
    MqSpan range, char **err) MQ_WARN_UNUSED;
int mq_search_step(MqSearchRun *r, size_t budget, size_t max, MqSpan **out, size_t *n,
    char **err) MQ_WARN_UNUSED;
/* The file offset the search has read to (the range's end when it is over). */
size_t mq_search_read(const MqSearchRun *r);
/* Whether matches were left out (max reached). */
bool mq_search_cut(const MqSearchRun *r);
void mq_search_stop(MqSearchRun *r);

/* "folded", "exact" or "regex". */
const char *mq_search_mode_name(MqSearchMode m);

#endif
