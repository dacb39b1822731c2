/*
 * Fuzzing core/fold and core/search.  The input is PATTERN NUL TEXT (or,
 * with no NUL, the text's first word as the pattern); the pattern's length
 * picks the mode and whether folded search skips to rare bytes.  Every
 * match must lie inside the text, in order.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/fold.h"
#include "core/search-private.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size < 64 ? size : 64);
	char pattern[72], folded[256];
	size_t plen, i;
	const uint8_t *text;
	MqSpan range, *m = NULL;
	size_t n = 0;
	bool more = false;
	char *err = NULL;
	MqSearch *s;
	MqText *t;

	if (nul != NULL) {
		plen = (size_t)(nul - data);
		text = nul + 1;
	} else {
		for (plen = 0; plen < size && plen < 16 && data[plen] != ' '; plen++)
			;
		text = data;
	}
	memcpy(pattern, data, plen);
	pattern[plen] = '\0';
	(void)mq_fold_utf8(pattern, plen, folded, sizeof folded);
	if ((t = fuzz_text(text, size - (size_t)(text - data))) == NULL)
		return 0;
	if ((s = mq_search_new(t)) == NULL)
		abort();
	mq_search_set_prefilter(s, (MqPrefilterUse)(plen / 3 % 3));
	range.start = 0;
	range.end = mq_text_size(t);
	if (mq_search_find(s, pattern, (MqSearchMode)(plen % 3), range, 1000, &m,
	    &n, &more, &err)) {
		for (i = 0; i < n; i++)
			if (m[i].start > m[i].end || m[i].end > mq_text_size(t) ||
			    (i > 0 && m[i].start < m[i - 1].start))
				abort();
	}
	free(m);
	free(err);
	mq_search_free(s);
	mq_text_free(t);
	return 0;
}
