/*
 * core/fold: one folding for matching names and searching.
 *
 * The Basic Multilingual Plane is folded into a table a page of 256 code
 * points at a time (at the first fold of one of them, under a lock), so
 * folding a 100 MB text costs a lookup per character and a short text
 * pays only for the pages of its scripts.  A BMP character that folds to
 * several code points (a ligature, a Hangul syllable) has its folding kept
 * in its page's pool; characters beyond the BMP go through ICU each time.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "fold.h"
#include "text.h"

/*
 * A table value is the code point a character folds to (0: dropped), or
 * POOLED plus where its folding (a count, then the code points) sits in
 * its page's pool, or MULTI: fold it through ICU (its page's pool could
 * not be allocated).
 */
#define MULTI 0xffffffffu
#define POOLED 0x80000000u

static uint32_t table[0x10000];
static const uint32_t *pool[256];	/* page p's foldings to several code points */
static bool page_ready[256];	/* table[p * 256 ..] filled */
static pthread_mutex_t page_lock = PTHREAD_MUTEX_INITIALIZER;

/* Arabic rules on one code point: 0 dropped, else what it becomes. */
static uint32_t
arabic_rule(uint32_t c)
{
	if ((c >= 0x064b && c <= 0x065f) || c == 0x0670 || c == 0x0640 ||
	    (c >= 0x06d6 && c <= 0x06ed))
		return 0;	/* harakat, Quranic marks, tatweel */
	switch (c) {
	case 0x0623: case 0x0625: case 0x0622: case 0x0671:
		return 0x0627;
	case 0x0649:
		return 0x064a;
	case 0x0629:
		return 0x0647;
	default:
		break;
	}
	if (c >= 0x0660 && c <= 0x0669)
		return '0' + (c - 0x0660);
	if (c >= 0x06f0 && c <= 0x06f9)
		return '0' + (c - 0x06f0);
	return c;
}

bool
mq_fold_is_mark(uint32_t c)
{
	if (c == 0 || c == 0x0640)
		return false;	/* NUL, and tatweel: a stretch, not a mark */
	return arabic_rule(c) == 0 || u_charType((UChar32)c) == U_NON_SPACING_MARK;
}

/* Appends c, after the Arabic rules, unless it is dropped. */
static size_t
put(uint32_t c, uint32_t *out, size_t n)
{
	int8_t type;

	if ((c = arabic_rule(c)) == 0 || n >= MQ_FOLD_MAX)
		return n;
	type = (int8_t)u_charType((UChar32)c);
	if (type == U_NON_SPACING_MARK || type == U_FORMAT_CHAR)
		return n;
	if (u_isUWhiteSpace((UChar32)c))
		c = ' ';
	out[n] = c;
	return n + 1;
}

/* Folds c through ICU: NFKC with case folding, then NFD. */
static size_t
fold_icu(uint32_t c, uint32_t *out)
{
	UErrorCode ec = U_ZERO_ERROR;
	const UNormalizer2 *kcf = unorm2_getNFKCCasefoldInstance(&ec);
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&ec);
	UChar src[2], mid[64], dst[64];
	int32_t ns = 0, nm, nd, i;
	size_t n = 0;
	UChar32 d;

	if (arabic_rule(c) != c)	/* the Arabic rules come first */
		return put(c, out, 0);
	if (U_FAILURE(ec))
		return put(c, out, 0);
	/* most characters neither change under NFKC_Casefold nor decompose */
	U16_APPEND_UNSAFE(src, ns, (UChar32)c);
	if (unorm2_isNormalized(kcf, src, ns, &ec) && unorm2_isNormalized(nfd, src, ns, &ec) &&
	    U_SUCCESS(ec))
		return put(c, out, 0);
	ec = U_ZERO_ERROR;
	nm = unorm2_normalize(kcf, src, ns, mid, 64, &ec);
	nd = unorm2_normalize(nfd, mid, nm, dst, 64, &ec);
	if (U_FAILURE(ec))
		return put(c, out, 0);
	for (i = 0; i < nd; ) {
		U16_NEXT(dst, i, nd, d);
		n = put((uint32_t)d, out, n);
	}
	return n;
}

/*
 * Fills page p of the table (code points p * 256 .. p * 256 + 255) once,
 * at the first fold of one of them: a text folds only the pages of its
 * scripts, so start-up does not pay for the whole plane through ICU.
 */
static void
fill_page(unsigned p)
{
	static uint32_t multi[256 * (MQ_FOLD_MAX + 1)];	/* (under the lock) */
	uint32_t c, out[MQ_FOLD_MAX], *block;
	size_t n, used = 0;

	if (__atomic_load_n(&page_ready[p], __ATOMIC_ACQUIRE))
		return;
	pthread_mutex_lock(&page_lock);
	for (c = p * 256; c < (p + 1) * 256 && !page_ready[p]; c++) {
		if (c >= 0xd800 && c <= 0xdfff) {
			table[c] = 0xfffd;
			continue;
		}
		n = fold_icu(c, out);
		if (n >= 2) {
			table[c] = POOLED | (uint32_t)used;
			multi[used++] = (uint32_t)n;
			memcpy(multi + used, out, n * sizeof *out);
			used += n;
		} else {
			table[c] = n == 0 ? 0 : out[0];
		}
	}
	if (!page_ready[p] && used > 0) {
		/* kept for the life of the process, like the table */
		if ((block = malloc(used * sizeof *block)) != NULL)
			memcpy(block, multi, used * sizeof *block);
		pool[p] = block;
		for (c = p * 256; block == NULL && c < (p + 1) * 256; c++)
			if (table[c] & POOLED)
				table[c] = MULTI;
	}
	__atomic_store_n(&page_ready[p], true, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&page_lock);
}

/* Copies the pooled folding of c (table value f) into out; returns its length. */
static size_t
from_pool(uint32_t c, uint32_t f, uint32_t *out)
{
	const uint32_t *q = pool[c >> 8] + (f & ~POOLED);

	memcpy(out, q + 1, q[0] * sizeof *out);
	return q[0];
}

size_t
mq_fold_one(uint32_t c, uint32_t out[MQ_FOLD_MAX])
{
	uint32_t f;

	if (c < 0x80 && c > 0x20) {
		out[0] = c >= 'A' && c <= 'Z' ? c + 32 : c;
		return 1;
	}
	if (c >= 0x10000)
		return fold_icu(c, out);
	fill_page(c >> 8);
	f = table[c];
	if (f == MULTI)
		return fold_icu(c, out);
	if (f & POOLED)
		return from_pool(c, f, out);
	if (f == 0)
		return 0;
	out[0] = f;
	return 1;
}

/*
 * The preimages of every BMP code point, built once: the characters whose
 * folding holds c are by_cp[first[c] .. first[c + 1]), in order.
 */
static uint32_t *first;
static uint16_t *by_cp;
static pthread_once_t preimage_once = PTHREAD_ONCE_INIT;

/* Calls f(x, c, arg) for each BMP character x and each code point c of its folding. */
static void
each_folding(void (*f)(uint32_t x, uint32_t c, void *arg), void *arg)
{
	uint32_t x, out[MQ_FOLD_MAX];
	size_t n, i, k;

	for (x = 0; x < 0x10000; x++) {
		if (x >= 0xd800 && x <= 0xdfff)
			continue;
		n = mq_fold_one(x, out);
		for (i = 0; i < n; i++) {
			for (k = 0; k < i && out[k] != out[i]; k++)
				;
			if (k == i && out[i] < 0x10000)
				f(x, out[i], arg);	/* (each code point once) */
		}
	}
}

static void
count_one(uint32_t x, uint32_t c, void *arg)
{
	(void)x;
	(void)arg;
	first[c + 1]++;
}

static void
place_one(uint32_t x, uint32_t c, void *arg)
{
	uint32_t *fill = arg;

	by_cp[first[c] + fill[c]++] = (uint16_t)x;
}

static void
build_preimages(void)
{
	uint32_t c, *fill;

	if ((first = calloc(0x10001, sizeof *first)) == NULL)
		return;
	each_folding(count_one, NULL);
	for (c = 0; c < 0x10000; c++)
		first[c + 1] += first[c];
	by_cp = malloc(((size_t)first[0x10000] + 1) * sizeof *by_cp);
	fill = calloc(0x10000, sizeof *fill);
	if (by_cp == NULL || fill == NULL) {
		free(first);
		free(by_cp);
		first = NULL;
		by_cp = NULL;
	} else {
		each_folding(place_one, fill);
	}
	free(fill);
}

const uint16_t *
mq_fold_preimage(uint32_t c, size_t *n)
{
	pthread_once(&preimage_once, build_preimages);
	*n = 0;
	if (first == NULL || c >= 0x10000)
		return NULL;
	*n = first[c + 1] - first[c];
	return by_cp + first[c];
}

/* Appends the folding of cp to out[k..] (one space for a run); returns k. */
static size_t
fold_into(uint32_t cp, char *out, size_t outlen, size_t k)
{
	uint32_t f[MQ_FOLD_MAX];
	size_t n = mq_fold_one(cp, f), i;

	for (i = 0; i < n && k + 5 <= outlen; i++) {
		if (f[i] == ' ' && k > 0 && out[k - 1] == ' ')
			continue;
		k += mq_utf8_encode(f[i], out + k);
	}
	return k;
}

size_t
mq_fold_chars(const uint32_t *cp, size_t n, char *out, size_t outlen)
{
	size_t i, k = 0;

	if (outlen == 0)
		return 0;
	for (i = 0; i < n && k + 5 <= outlen; i++)
		k = fold_into(cp[i], out, outlen, k);
	out[k] = '\0';
	return k;
}

size_t
mq_fold_utf8(const char *s, size_t len, char *out, size_t outlen)
{
	size_t i = 0, k = 0;
	uint32_t cp;

	if (outlen == 0)
		return 0;
	while (i < len && k + 5 <= outlen) {
		i += mq_utf8_decode((const unsigned char *)s + i, len - i, &cp);
		k = fold_into(cp, out, outlen, k);
	}
	out[k] = '\0';
	return k;
}
