/* core/util: error strings and array growth for the core modules. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Formats into a new string; NULL if memory runs out. */
static char *
format_va(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		return NULL;
	return s;
}

char *
mq_format(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = format_va(fmt, ap);
	va_end(ap);
	return s;
}

void
mq_set_error(char **err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	*err = format_va(fmt, ap);
	va_end(ap);
}

bool
mq_grow_slow(void **buf, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return true;
	ncap = *cap ? *cap : 16;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return false;
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / elem)
		return false;
	p = realloc(*buf, ncap * elem);
	if (p == NULL)
		return false;
	*buf = p;
	*cap = ncap;
	return true;
}

uint64_t
mq_fnv1a(uint64_t h, const void *s, size_t n)
{
	const unsigned char *b = s;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ b[i]) * MQ_FNV_PRIME;
	return h;
}

uint64_t
mq_hash_str(const char *s)
{
	return mq_fnv1a(MQ_FNV_BASIS, s, strlen(s));
}
