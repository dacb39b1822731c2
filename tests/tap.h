/*
 * tests/tap.h: a minimal TAP producer for the unit tests.  Each check
 * prints "ok N - name" or "not ok N - name" with a diagnostic; tap_done
 * prints the plan and returns the exit status.
 */
#ifndef MQ_TAP_H
#define MQ_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

/* Records one check; returns cond. */
static inline int __attribute__((format(printf, 2, 3)))
tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d - ", cond ? "ok" : "not ok", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

/* Compares two strings, printing both on a mismatch. */
#define tap_str(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	if (!tap_ok(g_ != NULL && strcmp(g_, w_) == 0, __VA_ARGS__)) \
		printf("# got:  '%s'\n# want: '%s'\n", g_ ? g_ : "(null)", w_); \
} while (0)

/* Prints the plan; the exit status is 0 when every check passed. */
static inline int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
