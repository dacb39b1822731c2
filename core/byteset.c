/*
 * core/byteset: the next byte of a set, or of a pair of bytes, many bytes
 * a step: 16 at a time (SSE2 on x86-64, NEON on ARM, plain words
 * elsewhere), 32 on a processor with AVX2 (asked at run time).  The loops
 * are in byteset-scan.h, built once for each width; the first byte found
 * is among the lanes that match, and the last few are read one by one.
 * A set of one byte is memchr's.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "byteset.h"


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

/* Bit k set for each lane k of 16-byte mask m that is set. */
typedef signed char Mask16 __attribute__((vector_size(16)));

static inline unsigned
bits16(Mask16 m)
{
#ifdef __SSE2__
	return (unsigned)_mm_movemask_epi8((__m128i)m);
#else
	unsigned k, b = 0;

	for (k = 0; k < 16; k++)
		b |= (unsigned)(m[k] != 0) << k;
	return b;
#endif
}

#define SCAN_VLEN 16
#define SCAN(x) x##16
#define SCAN_ATTR
#define SCAN_BITS(m) bits16(m)
#include "byteset-scan.h"
#undef SCAN_VLEN
#undef SCAN
#undef SCAN_ATTR
#undef SCAN_BITS

#if defined(__x86_64__) && defined(__GNUC__)
#define WIDE 1
#define SCAN_VLEN 32
#define SCAN(x) x##32
#define SCAN_ATTR __attribute__((target("avx2")))
#define SCAN_BITS(m) ((unsigned)_mm256_movemask_epi8((__m256i)(m)))
#include "byteset-scan.h"
#undef SCAN_VLEN
#undef SCAN
#undef SCAN_ATTR
#undef SCAN_BITS
#endif

static bool narrow;	/* (mq_byteset_narrow) */

void
mq_byteset_narrow(bool on)
{
	narrow = on;
}

/* True if the 32-byte loops may run here. */
static inline bool
wide(void)
{
#ifdef WIDE
	return !narrow && __builtin_cpu_supports("avx2");
#else
	return false;
#endif
}

size_t
mq_byteset_find(const MqByteSet *set, const unsigned char *p, size_t from, size_t to)
{
	if (from >= to)
		return to;
	if (set->n == 1 && set->lo[0] == set->hi[0]) {
		const unsigned char *hit = memchr(p + from, set->lo[0], to - from);

		return hit ? (size_t)(hit - p) : to;
	}
#ifdef WIDE
	if (wide())
		return find32(set, p, from, to);
#endif
	return find16(set, p, from, to);
}

size_t
mq_pair_find(const unsigned char *p, size_t size, size_t from, size_t to,
    unsigned char b0, size_t d, unsigned char b1, MqPairOk ok, const void *arg,
    const MqByteSet *also)
{
	if (size == 0 || from >= to || d == 0)
		return to;
#ifdef WIDE
	if (wide())
		return pair32(p, size, from, to, b0, d, b1, ok, arg, also);
#endif
	return pair16(p, size, from, to, b0, d, b1, ok, arg, also);
}

size_t
mq_byte_count_range(const unsigned char *p, size_t n, unsigned char lo, unsigned char hi)
{
#ifdef WIDE
	if (wide())
		return count32(p, n, lo, hi);
#endif
	return count16(p, n, lo, hi);
}

size_t
mq_byte_count(const unsigned char *p, size_t n, unsigned char c)
{
	return mq_byte_count_range(p, n, c, c);
}
