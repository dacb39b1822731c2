/*
 * bench/search-speed: how long core/search takes on a big article: the
 * folding done once, then each pattern's search (all matches, mapped back
 * to file bytes).  Usage: search-speed FILE PATTERN...  Prints one line per
 * step; figures are wall-clock milliseconds.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/search.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	MqText *t;
	MqSearch *s;
	MqSpan *m = NULL, all = { 0, (size_t)-1 };
	char *err = NULL;
	double t0;
	size_t n;
	int i, k;

	if (argc < 3) {
		fputs("usage: search-speed FILE PATTERN...\n", stderr);
		return 2;
	}
	if ((t = mq_text_open_file(argv[1], &err)) == NULL ||
	    (s = mq_search_new(t)) == NULL) {
		fprintf(stderr, "search-speed: %s\n", err ? err : "out of memory");
		return 2;
	}
	for (i = 2; i < argc; i++) {
		static const MqSearchMode modes[] = { MQ_SEARCH_FOLD, MQ_SEARCH_EXACT,
			MQ_SEARCH_REGEX };

		for (k = 0; k < 3; k++) {
			t0 = now();
			if (!mq_search_find(s, argv[i], modes[k], all, 0, &m, &n, NULL, &err)) {
				printf("search %s (%s): %s\n", argv[i], mq_search_mode_name(modes[k]), err);
				continue;
			}
			printf("search %s (%s): %zu matches in %.0f ms\n", argv[i],
			    mq_search_mode_name(modes[k]), n, now() - t0);
		}
	}
	free(m);
	mq_search_free(s);
	mq_text_free(t);
	return 0;
}
