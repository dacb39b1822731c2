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

/* "folded", "exact" or "regex". */
const char *mq_search_mode_name(MqSearchMode m);

#endif
