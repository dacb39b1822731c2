/*
 * core/fold: folding text for matching, one folding for entity gazetteers
 * and search.  Each code point folds on its own, to nothing or to a few
 * code points:
 *   - Arabic harakat (U+064B-U+065F, U+0670), Quranic marks (U+06D6-U+06ED)
 *     and tatweel are dropped; alef forms (أ إ آ ٱ) become ا, ى ي, ة ه;
 *     Arabic-Indic and Persian digits become 0-9;
 *   - otherwise NFKC with full case folding (presentation forms, ligatures,
 *     full-width letters, ß -> ss), then canonical decomposition with every
 *     nonspacing mark dropped (é -> e) and format characters dropped;
 *   - any white space becomes one space.
 * Because folding is per code point, a position in folded text maps back to
 * exactly one character of the original.
 */
#ifndef MQ_FOLD_H
#define MQ_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most code points one code point folds to (U+FDFA). */
#define MQ_FOLD_MAX 18

/* Folds cp into out; returns the number of code points (0: dropped). */
size_t mq_fold_one(uint32_t cp, uint32_t out[MQ_FOLD_MAX]);

/*
 * The characters of the Basic Multilingual Plane whose folding holds c (a
 * BMP code point), in order; sets *n to how many.  The first call folds
 * the whole plane (about 10 ms).  NULL with *n 0 when memory ran out.
 */
const uint16_t *mq_fold_preimage(uint32_t c, size_t *n);

/* True if folding drops cp because it is a mark on the letter before it. */
bool mq_fold_is_mark(uint32_t cp);

/*
 * Folds code points cp[0..n) into out as UTF-8 (NUL-terminated, at most
 * outlen bytes with the NUL); returns the bytes written.  Runs of white
 * space fold to one space.
 */
size_t mq_fold_chars(const uint32_t *cp, size_t n, char *out, size_t outlen);

/* Folds a UTF-8 string the same way. */
size_t mq_fold_utf8(const char *s, size_t len, char *out, size_t outlen);

#endif
