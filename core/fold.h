/*
 * core/fold: folding text for matching, the same for entity gazetteers and
 * (later) search: case folded; Arabic harakat, Quranic marks, tatweel and
 * format characters dropped; alef forms (أ إ آ ٱ) to ا, ى to ي, ة to ه;
 * Arabic-Indic and Persian digits to 0-9.
 */
#ifndef MQ_FOLD_H
#define MQ_FOLD_H

#include <stddef.h>
#include <stdint.h>

/* The folded form of cp, or 0 when folding drops it. */
uint32_t mq_fold_cp(uint32_t cp);

/*
 * Folds code points cp[0..n) into out as UTF-8 (NUL-terminated, at most
 * outlen bytes with the NUL); returns the bytes written.
 */
size_t mq_fold_chars(const uint32_t *cp, size_t n, char *out, size_t outlen);

/* Folds a UTF-8 string the same way. */
size_t mq_fold_utf8(const char *s, size_t len, char *out, size_t outlen);

#endif
