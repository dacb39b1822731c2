/*
 * core/util: small helpers shared by the core modules: formatted error
 * messages, growable arrays and the one string hash (FNV-1a).  No terminal, no exits: failures are
 * returned to the caller.
 */
#ifndef MQ_UTIL_H
#define MQ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Returns a newly allocated formatted string (the caller frees), or NULL. */
char *mq_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Stores a formatted message in *err when err is not NULL. */
void mq_set_error(char **err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Makes room for need elements of size elem in *buf, whose capacity is *cap
 * elements, growing geometrically.  Returns false when memory runs out
 * (*buf and *cap are then unchanged).
 */
bool mq_grow_slow(void **buf, size_t *cap, size_t need, size_t elem)
    __attribute__((warn_unused_result));

static inline __attribute__((warn_unused_result)) bool
mq_grow(void **buf, size_t *cap, size_t need, size_t elem)
{
	return need <= *cap || mq_grow_slow(buf, cap, need, elem);	/* (the room is there) */
}

/*
 * FNV-1a, the hash of core's string tables and of the tagger's features
 * (models depend on its values: never change them).  mq_fnv1a continues
 * hash h (MQ_FNV_BASIS to start) over the bytes s[0..n).
 */
#define MQ_FNV_BASIS 1469598103934665603ULL
#define MQ_FNV_PRIME 1099511628211ULL
uint64_t mq_fnv1a(uint64_t h, const void *s, size_t n);

/* mq_fnv1a of the NUL-terminated string s. */
uint64_t mq_hash_str(const char *s);

#endif
