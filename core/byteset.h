/*
 * core/byteset: finding the next byte of a small set in a buffer, many
 * bytes at a step: the prefilter of search, which looks for a rare byte of
 * the pattern (or of any character that folds to one of its letters) and
 * leaves the rest of the text unread.  A set is a few ranges of bytes (a
 * range can be one byte): each costs one test a step.
 */
#ifndef MQ_BYTESET_H
#define MQ_BYTESET_H

#include <stdbool.h>
#include <stddef.h>

#define MQ_BYTESET_MAX 16

/* Starts empty ({ 0 }); filled with mq_byteset_add and mq_byteset_add_range. */
typedef struct MqByteSet {
	unsigned char lo[MQ_BYTESET_MAX], hi[MQ_BYTESET_MAX];
	unsigned n;
	bool in[256];
} MqByteSet;

/* Adds bytes lo..hi (as one range); false when the set has no room left. */
bool mq_byteset_add_range(MqByteSet *set, unsigned char lo, unsigned char hi);

/* Adds byte c (a no-op if it is in already); false when the set has no room left. */
bool mq_byteset_add(MqByteSet *set, unsigned char c);

/* True if c is in the set. */
bool mq_byteset_has(const MqByteSet *set, unsigned char c);

/* The offset of the first byte of p[from, to) in the set, or to. */
size_t mq_byteset_find(const MqByteSet *set, const unsigned char *p, size_t from,
    size_t to);

/* Whether the pair found at h will do (a filter of mq_pair_find). */
typedef bool (*MqPairOk)(const void *arg, size_t h);

/*
 * The first h of [from, to) where p[h] is b0 and p[h + d] is b1 (d > 0,
 * h + d < size, p's length) and ok(arg, h) holds (ok NULL: always), or
 * p[h] is in set `also` (NULL: no set); to when there is none.
 */
size_t mq_pair_find(const unsigned char *p, size_t size, size_t from, size_t to,
    unsigned char b0, size_t d, unsigned char b1, MqPairOk ok, const void *arg,
    const MqByteSet *also);

/*
 * With on, the loops 16 bytes a step even where 32 would run (for the
 * tests, which try both; set before any search runs).
 */
void mq_byteset_narrow(bool on);

/* How many times c occurs in p[0, n). */
size_t mq_byte_count(const unsigned char *p, size_t n, unsigned char c);

/* How many bytes of p[0, n) are lo..hi (UTF-8 characters: n less 0x80..0xbf). */
size_t mq_byte_count_range(const unsigned char *p, size_t n, unsigned char lo,
    unsigned char hi);

#endif
