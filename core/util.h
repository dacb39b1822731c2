/*
 * core/util: small helpers shared by the core modules: formatted error
 * messages and growable arrays.  No terminal, no exits: failures are
 * returned to the caller.
 */
#ifndef MQ_UTIL_H
#define MQ_UTIL_H

#include <stdbool.h>
#include <stddef.h>

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
bool mq_grow(void **buf, size_t *cap, size_t need, size_t elem)
    __attribute__((warn_unused_result));

#endif
