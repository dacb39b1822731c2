/*
 * core/byteset: the next byte of a set, 64 bytes a step.  The comparisons
 * are GCC vector extensions (SSE2 on x86-64, NEON on ARM, plain words
 * elsewhere), the first byte found among the lanes that match; the last
 * few bytes are read one by one.  A set of one byte is memchr's.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "byteset.h"

#define VLEN 16
#define STEP (4 * VLEN)

typedef unsigned char Vec __attribute__((vector_size(VLEN)));
typedef signed char Mask __attribute__((vector_size(VLEN)));

bool
mq_byteset_add_range(MqByteSet *set, unsigned char lo, unsigned char hi)
{
	if (set->n >= MQ_BYTESET_MAX)
		return false;
	set->lo[set->n] = lo;
	set->hi[set->n++] = hi;
	memset(set->in + lo, true, (size_t)(hi - lo) + 1);
	return true;
}

bool
mq_byteset_add(MqByteSet *set, unsigned char c)
{
	return set->in[c] || mq_byteset_add_range(set, c, c);
}

bool
mq_byteset_has(const MqByteSet *set, unsigned char c)
{
	return set->in[c];
}

/*
 * The bytes of a set among VLEN bytes at p, a nonzero lane for each: a
 * byte c is in range k when c - lo[k] (wrapping) is at most hi[k] - lo[k].
 */
static inline Mask
match(const unsigned char *p, const Vec *lo, const Vec *width, unsigned n)
{
	Vec v;
	Mask m = { 0 };
	unsigned k;

	memcpy(&v, p, VLEN);
	for (k = 0; k < n; k++)
		m |= (Mask)((Vec)(v - lo[k]) <= width[k]);
	return m;
}

/* True if some lane of m is set. */
/* Bit k set for each lane k of m that is set. */
static inline unsigned
bits_of(Mask m)
{
#ifdef __SSE2__
	return (unsigned)_mm_movemask_epi8((__m128i)m);
#else
	unsigned k, b = 0;

	for (k = 0; k < VLEN; k++)
		b |= (m[k] != 0) << k;
	return b;
#endif
}

static inline bool
any(Mask m)
{
	uint64_t a, b;

	memcpy(&a, &m, 8);
	memcpy(&b, (const char *)&m + 8, 8);
	return (a | b) != 0;
}

/* The first lane of m that is set (m has one). */
static inline size_t
first_lane(Mask m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t a, b;

	memcpy(&a, &m, 8);
	memcpy(&b, (const char *)&m + 8, 8);
	return a ? (size_t)__builtin_ctzll(a) / 8 : 8 + (size_t)__builtin_ctzll(b) / 8;
#else
	size_t i = 0;

	while (m[i] == 0)
		i++;
	return i;
#endif
}

size_t
mq_byteset_find(const MqByteSet *set, const unsigned char *p, size_t from, size_t to)
{
	Vec lo[MQ_BYTESET_MAX], width[MQ_BYTESET_MAX];
	unsigned k, n = set->n;
	size_t i = from;

	if (from >= to)
		return to;
	if (n == 1 && set->lo[0] == set->hi[0]) {
		const unsigned char *hit = memchr(p + from, set->lo[0], to - from);

		return hit ? (size_t)(hit - p) : to;
	}
	for (k = 0; k < n; k++) {
		lo[k] = (Vec){ 0 } + set->lo[k];
		width[k] = (Vec){ 0 } + (unsigned char)(set->hi[k] - set->lo[k]);
	}
	for (; i + STEP <= to; i += STEP) {
		Mask m0 = match(p + i, lo, width, n);
		Mask m1 = match(p + i + VLEN, lo, width, n);
		Mask m2 = match(p + i + 2 * VLEN, lo, width, n);
		Mask m3 = match(p + i + 3 * VLEN, lo, width, n);

		if (!any(m0 | m1 | m2 | m3))
			continue;
		if (any(m0))
			return i + first_lane(m0);
		if (any(m1))
			return i + VLEN + first_lane(m1);
		if (any(m2))
			return i + 2 * VLEN + first_lane(m2);
		return i + 3 * VLEN + first_lane(m3);
	}
	for (; i < to; i++)
		if (set->in[p[i]])
			return i;
	return to;
}

size_t
mq_pair_find(const unsigned char *p, size_t size, size_t from, size_t to,
    unsigned char b0, unsigned char b1, MqPairOk ok, const void *arg,
    const MqByteSet *also)
{
	Vec first = (Vec){ 0 } + b0, second = (Vec){ 0 } + b1, v0, v1, w0, w1;
	Vec lo[MQ_BYTESET_MAX], width[MQ_BYTESET_MAX];
	unsigned k, n = also != NULL ? also->n : 0;
	size_t end = size > 0 && to > size - 1 ? size - 1 : to, i = from, lane;

	for (k = 0; k < n; k++) {
		lo[k] = (Vec){ 0 } + also->lo[k];
		width[k] = (Vec){ 0 } + (unsigned char)(also->hi[k] - also->lo[k]);
	}
	/* (p[i + 2 * VLEN], the last byte read, is at most p[end], before p[size]) */
	for (; i + 2 * VLEN <= end; i += 2 * VLEN) {
		unsigned hits, set, h1, s1;

		memcpy(&v0, p + i, VLEN);
		memcpy(&v1, p + i + 1, VLEN);
		memcpy(&w0, p + i + VLEN, VLEN);
		memcpy(&w1, p + i + VLEN + 1, VLEN);
		set = bits_of(match(p + i, lo, width, n));
		s1 = bits_of(match(p + i + VLEN, lo, width, n));
		hits = bits_of((Mask)(v0 == first) & (Mask)(v1 == second)) | set;
		h1 = bits_of((Mask)(w0 == first) & (Mask)(w1 == second)) | s1;
		if ((hits | h1) == 0)
			continue;
		hits |= h1 << VLEN;
		set |= s1 << VLEN;
		/* the places in order, a pair asked about until one will do */
		for (; hits != 0; hits &= hits - 1) {
			lane = (size_t)__builtin_ctz(hits);
			if (((set >> lane) & 1) || ok == NULL || ok(arg, i + lane))
				return i + lane;
		}
	}
	for (; i < to; i++)
		if ((also != NULL && also->in[p[i]]) || (i + 1 < size && p[i] == b0 &&
		    p[i + 1] == b1 && (ok == NULL || ok(arg, i))))
			return i;
	return to;
}

size_t
mq_byte_count_range(const unsigned char *p, size_t n, unsigned char lo, unsigned char hi)
{
	Vec base = (Vec){ 0 } + lo, width = (Vec){ 0 } + (unsigned char)(hi - lo), v, acc;
	size_t i = 0, total = 0, k, round;

	while (i + VLEN <= n) {
		/* a lane counts to 255 at most before it is added up */
		acc = (Vec){ 0 };
		for (round = 0; round < 255 && i + VLEN <= n; round++, i += VLEN) {
			memcpy(&v, p + i, VLEN);
			acc -= (Vec)((Vec)(v - base) <= width);	/* a match is -1 */
		}
		for (k = 0; k < VLEN; k++)
			total += acc[k];
	}
	for (; i < n; i++)
		total += p[i] >= lo && p[i] <= hi;
	return total;
}

size_t
mq_byte_count(const unsigned char *p, size_t n, unsigned char c)
{
	return mq_byte_count_range(p, n, c, c);
}
