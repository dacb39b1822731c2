/*
 * core/text: loading an article and decoding byte ranges of it.
 *
 * A regular file of MAP_MIN bytes or more is mapped read-only (private), so
 * opening it costs no copy and only the pages shown are ever read; smaller
 * files, pipes and FIFOs are read into a buffer.  The bytes are never
 * modified.  A mapped file truncated by another program while maqal reads
 * it raises SIGBUS when a lost page is touched: the handler (src/, ui/)
 * calls mq_text_fault, which maps zero pages over the rest of that text so
 * reading goes on (the lost part reads as NUL bytes, shown as ␀) and
 * mq_text_shrank() says it happened.
 * Decoding is on demand, one range at a time, into an MqChars the caller
 * keeps and reuses, so the cost of opening a file is one read and a look at
 * its first 64 KiB.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utext.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "text.h"
#include "util.h"

/* How much of the file's start is looked at to tell text from binary. */
#define SNIFF_BYTES 65536
/* Files at least this large are mapped rather than read. */
#define MAP_MIN (1024 * 1024)

struct MqText {
	char *name;
	char *bytes;
	size_t size;
	size_t content_start;
	unsigned content_line;	/* its line number */
	bool mapped;		/* bytes is an mmap of size bytes, not malloc'd */
	bool cut;		/* a stream longer than MQ_TEXT_STREAM_MAX */
	int dir;		/* -1 until computed, else an MqDir */
};

size_t
mq_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xbf;
	size_t need, i;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		v = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;	/* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		v = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= len || s[i] < lo || s[i] > hi) {
			*cp = 0xfffd;
			return i;	/* the maximal invalid subpart */
		}
		v = (v << 6) | (s[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*cp = v;
	return need + 1;
}

size_t
mq_utf8_encode(uint32_t cp, char *buf)
{
	unsigned char *b = (unsigned char *)buf;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	b[0] = (unsigned char)(0xf0 | (cp >> 18));
	b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	b[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Makes room for need entries in both arrays of c. */
static bool
chars_reserve(MqChars *c, size_t need)
{
	size_t cap_cp = c->cap, cap_off = c->cap, cap_style = c->cap, cap;

	if (need <= c->cap)
		return true;
	if (!mq_grow((void **)&c->cp, &cap_cp, need, sizeof *c->cp) ||
	    !mq_grow((void **)&c->off, &cap_off, need, sizeof *c->off) ||
	    !mq_grow((void **)&c->style, &cap_style, need, sizeof *c->style))
		return false;
	cap = cap_cp < cap_off ? cap_cp : cap_off;
	c->cap = cap < cap_style ? cap : cap_style;
	return true;
}

bool
mq_chars_push(MqChars *c, uint32_t cp, size_t off)
{
	/* One more than the push needs: off[len] is always writable. */
	if (!chars_reserve(c, c->len + 2))
		return false;
	c->cp[c->len] = cp;
	c->off[c->len] = off;
	c->style[c->len] = 0;
	c->len++;
	return true;
}

char *
mq_chars_utf8(const MqChars *c, size_t from, size_t to)
{
	size_t i, n = 0;
	char *out;

	if (to > c->len)
		to = c->len;
	if (from > to)
		from = to;
	if ((out = malloc((to - from) * 4 + 1)) == NULL)
		return NULL;
	for (i = from; i < to; i++)
		n += mq_utf8_encode(c->cp[i], out + n);
	out[n] = '\0';
	return out;
}

void
mq_chars_clear(MqChars *c)
{
	c->len = 0;
}

int32_t
mq_chars_utf16(const MqChars *c, UChar *u16, int32_t *to_char)
{
	int32_t n16 = 0;
	size_t i;

	for (i = 0; i < c->len; i++) {
		int32_t before = n16;

		U16_APPEND_UNSAFE(u16, n16, (UChar32)(c->cp[i] > 0x10ffff ?
		    0xfffd : c->cp[i]));
		while (before < n16)
			to_char[before++] = (int32_t)i;
	}
	to_char[n16] = (int32_t)c->len;
	return n16;
}

void
mq_chars_free(MqChars *c)
{
	if (c == NULL)
		return;
	free(c->cp);
	free(c->off);
	free(c->style);
	c->cp = NULL;
	c->off = NULL;
	c->style = NULL;
	c->len = c->cap = 0;
}

uint32_t
mq_control_picture(uint32_t cp)
{
	if (cp < 0x20)
		return 0x2400 + cp;	/* ␀ ... ␟ */
	if (cp == 0x7f)
		return 0x2421;		/* ␡ */
	if (cp >= 0x80 && cp < 0xa0)
		return 0xfffd;
	return 0;
}

MqOutClass
mq_out_class(uint32_t cp)
{
	if (cp < 0xad)
		return MQ_OUT_KEEP;
	if (cp == 0x2028 || cp == 0x2029)
		return MQ_OUT_SPACE;
	if (u_charType((UChar32)cp) != U_FORMAT_CHAR)
		return MQ_OUT_KEEP;
	if (cp == 0xad || cp == 0x200c || cp == 0x200d ||
	    u_hasBinaryProperty((UChar32)cp, UCHAR_PREPENDED_CONCATENATION_MARK))
		return MQ_OUT_KEEP;
	return MQ_OUT_DROP;
}

size_t
mq_utf8_clean(char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0, n;
	uint32_t cp;

	while (i < len) {
		n = mq_utf8_decode(p + i, len - i, &cp);
		switch (cp < 0x80 ? MQ_OUT_KEEP : mq_out_class(cp)) {
		case MQ_OUT_KEEP:
			memmove(s + o, s + i, n);
			o += n;
			break;
		case MQ_OUT_SPACE:
			s[o++] = ' ';
			break;
		case MQ_OUT_DROP:
			break;
		}
		i += n;
	}
	s[o] = '\0';
	return o;
}

char *
mq_visible_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i, n, o = 0;
	uint32_t cp, pic;
	char *out;

	if ((out = malloc(len * 3 + 1)) == NULL)	/* a byte gives at most 3 */
		return NULL;
	for (i = 0; i < len; i += n) {
		n = mq_utf8_decode(p + i, len - i, &cp);
		if ((pic = mq_control_picture(cp)) != 0)
			cp = pic;
		o += mq_utf8_encode(cp, out + o);
	}
	out[o] = '\0';
	mq_utf8_clean(out, o);
	return out;
}

/*
 * Returns the normalizer, or NULL if ICU cannot give one (then text is
 * shown unnormalized rather than not at all).
 */
static const UNormalizer2 *
nfc(void)
{
	static const UNormalizer2 *n;
	UErrorCode ec = U_ZERO_ERROR;

	if (n == NULL) {
		n = unorm2_getNFCInstance(&ec);
		if (U_FAILURE(ec))
			n = NULL;
	}
	return n;
}

/*
 * NFC facts of BMP characters, looked up in ICU once each and kept:
 * bit 15 known, bit 8 quick-check Yes, bits 0-7 the combining class.
 */
static uint16_t nfc_facts[0x10000];

/* Returns the combining class of cp and whether its NFC quick check is Yes. */
static uint8_t
nfc_info(uint32_t cp, bool *qc_yes)
{
	uint16_t f;

	if (cp < 0x10000 && (f = nfc_facts[cp]) & 0x8000) {
		*qc_yes = (f & 0x100) != 0;
		return (uint8_t)f;
	}
	*qc_yes = u_getIntPropertyValue((UChar32)cp, UCHAR_NFC_QUICK_CHECK) ==
	    UNORM_YES;
	f = (uint16_t)(u_getCombiningClass((UChar32)cp) | (*qc_yes ? 0x100 : 0) |
	    0x8000);
	if (cp < 0x10000)
		nfc_facts[cp] = f;
	return (uint8_t)f;
}

/* True if cp may need NFC work: not quick-check Yes, or a combining mark. */
static bool
nfc_suspect(uint32_t cp)
{
	bool yes;

	if (cp < 0x300)
		return false;
	return nfc_info(cp, &yes) != 0 || !yes;
}

/*
 * Normalizes c[s, e) (one normalization segment) and appends the result to
 * out.  When the length is unchanged each character keeps its offset;
 * otherwise every result character takes the segment's first offset, so a
 * span over any of them covers the whole segment in the file.
 */
static bool
normalize_segment(const UNormalizer2 *n, const MqChars *c, size_t s, size_t e,
    MqChars *out)
{
	UChar in16[64], out16[128];
	int32_t n16 = 0, nout, i;
	UErrorCode ec = U_ZERO_ERROR;
	size_t k, cnt;
	UChar32 u;

	for (k = s; k < e; k++) {
		if (n16 + 2 > (int32_t)(sizeof in16 / sizeof in16[0]))
			goto copy;	/* absurdly long segment: keep as is */
		U16_APPEND_UNSAFE(in16, n16, (UChar32)c->cp[k]);
	}
	nout = unorm2_normalize(n, in16, n16, out16,
	    (int32_t)(sizeof out16 / sizeof out16[0]), &ec);
	if (U_FAILURE(ec))
		goto copy;
	cnt = 0;
	for (i = 0; i < nout; cnt++)
		U16_NEXT(out16, i, nout, u);
	for (i = 0, k = 0; i < nout; k++) {
		U16_NEXT(out16, i, nout, u);
		if (!mq_chars_push(out, (uint32_t)u,
		    cnt == e - s ? c->off[s + k] : c->off[s]))
			return false;
	}
	return true;
copy:
	for (k = s; k < e; k++)
		if (!mq_chars_push(out, c->cp[k], c->off[k]))
			return false;
	return true;
}

/* Puts c in NFC, touching only the segments that need it. */
static bool
normalize(MqChars *c)
{
	const UNormalizer2 *n = nfc();
	MqChars out = {0};
	size_t i, s, e;
	uint8_t last = 0, ccc;
	bool need = false, yes;

	if (n == NULL)
		return true;
	for (i = 0; i < c->len && !need; i++) {
		if (!nfc_suspect(c->cp[i])) {
			last = 0;
			continue;
		}
		ccc = nfc_info(c->cp[i], &yes);
		if (!yes || (ccc != 0 && ccc < last))
			need = true;
		last = ccc;
	}
	if (!need)
		return true;

	for (s = 0; s < c->len; s = e) {
		bool suspect = nfc_suspect(c->cp[s]);

		for (e = s + 1; e < c->len &&
		    !unorm2_hasBoundaryBefore(n, (UChar32)c->cp[e]); e++)
			suspect = suspect || nfc_suspect(c->cp[e]);
		if (suspect) {
			if (!normalize_segment(n, c, s, e, &out))
				goto fail;
			continue;
		}
		for (i = s; i < e; i++)
			if (!mq_chars_push(&out, c->cp[i], c->off[i]))
				goto fail;
	}
	if (!chars_reserve(&out, out.len + 1))
		goto fail;
	out.off[out.len] = c->off[c->len];
	mq_chars_free(c);
	*c = out;
	return true;
fail:
	mq_chars_free(&out);
	return false;
}

/* Decodes s; keep_indent keeps the spaces that start each line. */
static bool
decode(const char *s, size_t len, size_t base, bool keep_indent, MqChars *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n, col = 0;
	bool line_start = true;
	uint32_t cp, pic;

	mq_chars_clear(out);
	while (i < len) {
		if (p[i] == '\r' || p[i] == '\n') {
			size_t nl = i;

			i += (p[i] == '\r' && i + 1 < len && p[i + 1] == '\n') ? 2 : 1;
			while (!keep_indent && i < len && (p[i] == ' ' || p[i] == '\t'))
				i++;
			if (i < len && p[i] != '\r' && p[i] != '\n' &&
			    out->len > 0 && !mq_chars_push(out, ' ', base + nl))
				return false;
			col = 0;
			line_start = true;
			continue;
		}
		if (line_start && !keep_indent && (p[i] == ' ' || p[i] == '\t')) {
			i++;
			continue;	/* indentation is not text */
		}
		line_start = false;
		if (p[i] == '\t') {
			do {
				if (!mq_chars_push(out, ' ', base + i))
					return false;
			} while (++col % MQ_TAB_WIDTH != 0);
			i++;
			continue;
		}
		n = mq_utf8_decode(p + i, len - i, &cp);
		if ((pic = mq_control_picture(cp)) != 0)
			cp = pic;
		if (!mq_chars_push(out, cp, base + i))
			return false;
		i += n;
		col++;
	}
	if (!chars_reserve(out, out->len + 1))
		return false;
	out->off[out->len] = base + len;
	return normalize(out);
}

bool
mq_chars_decode_utf8(const char *s, size_t len, size_t base, MqChars *out)
{
	return decode(s, len, base, false, out);
}

/* Clamps [start, end) to the content and decodes it. */
static bool
decode_range(const MqText *t, size_t start, size_t end, bool keep_indent,
    MqChars *out)
{
	if (start < t->content_start)
		start = t->content_start;
	if (end > t->size)
		end = t->size;
	if (end < start)
		end = start;
	return decode(t->bytes + start, end - start, start, keep_indent, out);
}

bool
mq_text_decode(const MqText *t, size_t start, size_t end, MqChars *out)
{
	return decode_range(t, start, end, false, out);
}

bool
mq_text_decode_verbatim(const MqText *t, size_t start, size_t end,
    MqChars *out)
{
	return decode_range(t, start, end, true, out);
}

/* True if the n bytes at p, decoded as cp, are not UTF-8 (U+FFFD itself is). */
static bool
invalid(const unsigned char *p, size_t n, uint32_t cp)
{
	return cp == 0xfffd && !(n == 3 && p[0] == 0xef && p[1] == 0xbf && p[2] == 0xbd);
}

size_t
mq_text_count_invalid(const MqText *t, size_t start, size_t end)
{
	const unsigned char *p = (const unsigned char *)t->bytes;
	size_t count = 0;
	uint32_t cp;
	size_t n;

	if (end > t->size)
		end = t->size;
	while (start < end) {
		if (p[start] < 0x80) {
			start++;
			continue;
		}
		if (p[start] >= 0xc2 && p[start] <= 0xdf && start + 1 < end &&
		    (p[start + 1] & 0xc0) == 0x80) {
			start += 2;	/* (most of Arabic, Greek, Cyrillic: valid) */
			continue;
		}
		n = mq_utf8_decode(p + start, end - start, &cp);
		count += invalid(p + start, n, cp);
		start += n;
	}
	return count;
}

MqDir
mq_text_direction(MqText *t)
{
	const unsigned char *p = (const unsigned char *)t->bytes;
	size_t i, end = t->size < SNIFF_BYTES ? t->size : SNIFF_BYTES;
	size_t ltr = 0, rtl = 0;
	uint32_t cp;

	if (t->dir >= 0)
		return (MqDir)t->dir;
	for (i = t->content_start; i < end; ) {
		i += mq_utf8_decode(p + i, end - i, &cp);
		switch (u_charDirection((UChar32)cp)) {
		case U_LEFT_TO_RIGHT:
			ltr++;
			break;
		case U_RIGHT_TO_LEFT:
		case U_RIGHT_TO_LEFT_ARABIC:
			rtl++;
			break;
		default:
			break;
		}
	}
	t->dir = rtl > ltr ? MQ_DIR_RTL : MQ_DIR_LTR;
	return (MqDir)t->dir;
}

/*
 * Looks at the start of the file and explains why it is not UTF-8 text, or
 * returns NULL when it is text.  The message is static.
 */
static const char *
sniff(const unsigned char *p, size_t len)
{
	size_t i, n, nul = 0, nul_even = 0, bad = 0, chars = 0;
	uint32_t cp;

	if (len >= 2 && ((p[0] == 0xff && p[1] == 0xfe) ||
	    (p[0] == 0xfe && p[1] == 0xff)))
		return "UTF-16 text is not supported; convert it with "
		    "iconv -f UTF-16 -t UTF-8";
	if (len > SNIFF_BYTES)
		len = SNIFF_BYTES;
	for (i = 0; i < len; i += n, chars++) {
		n = mq_utf8_decode(p + i, len - i, &cp);
		if (invalid(p + i, n, cp) && i + n < len)	/* a cut at the end is fine */
			bad++;
		else if (cp == 0) {
			nul++;
			nul_even += i % 2 == 0;
		} else if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' &&
		    cp != '\f' && cp != 0x1b)
			bad++;
	}
	if (chars >= 16 && nul * 3 >= chars && (nul_even * 10 >= nul * 9 ||
	    nul_even * 10 <= nul))
		return "looks like UTF-16 text without a byte order mark; "
		    "convert it with iconv -f UTF-16 -t UTF-8";
	/* A few bad bytes in a tiny file are shown, not refused. */
	if ((nul + bad) >= 8 && (nul + bad) * 10 > chars * 3)
		return "binary file, not text";
	return NULL;
}

/*
 * The mapped texts, for mq_text_fault (read in a signal handler: plain
 * arrays, changed only outside it, on the thread that opens texts).
 */
#define MAX_MAPS 64
static struct {
	uintptr_t start, end;
} maps[MAX_MAPS];
static volatile sig_atomic_t nmaps, shrank;
static uintptr_t page_size;

/* Remembers a mapping (when the registry is full it is just not recovered). */
static void
map_add(const char *bytes, size_t size)
{
	int i;

	if (page_size == 0)
		page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
	for (i = 0; i < nmaps && maps[i].start != 0; i++)
		;
	if (i == MAX_MAPS)
		return;
	maps[i].end = (uintptr_t)bytes + size;
	maps[i].start = (uintptr_t)bytes;
	if (i == nmaps)
		nmaps = i + 1;
}

static void
map_remove(const char *bytes)
{
	int i;

	for (i = 0; i < nmaps; i++)
		if (maps[i].start == (uintptr_t)bytes)
			maps[i].start = maps[i].end = 0;
}

bool
mq_text_fault(const void *addr)
{
	uintptr_t a = (uintptr_t)addr, page;
	int i;

	for (i = 0; i < nmaps; i++) {
		if (a < maps[i].start || a >= maps[i].end)
			continue;
		page = a & ~(page_size - 1);
		if (mmap((void *)page, maps[i].end - page, PROT_READ,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
			return false;
		shrank = 1;
		return true;
	}
	return false;
}

bool
mq_text_shrank(void)
{
	return shrank != 0;
}

bool
mq_text_was_cut(const MqText *t)
{
	return t->cut;
}

/* Releases bytes obtained by malloc or mmap. */
static void
release_bytes(char *bytes, size_t size, bool mapped)
{
	if (mapped) {
		map_remove(bytes);
		munmap(bytes, size);
	} else
		free(bytes);
}

/*
 * Moves the content start past an OpenITI metadata header (its magic first
 * line, then "#META#Header#End#" on a line of its own within 64 KiB).
 */
static void
skip_header(MqText *t)
{
	static const char magic[] = "######OpenITI#", end[] = "\n#META#Header#End#";
	const char *p = t->bytes + t->content_start, *e;
	size_t len = t->size - t->content_start, i;

	t->content_line = 1;
	if (len < sizeof magic - 1 || memcmp(p, magic, sizeof magic - 1) != 0)
		return;
	if (len > 65536)
		len = 65536;
	e = memmem(p, len, end, sizeof end - 1);
	if (e == NULL)
		return;
	e += sizeof end - 1;
	while (e < p + len && (*e == ' ' || *e == '\r'))
		e++;
	if (e < p + len && *e != '\n')
		return;		/* more on the line: not the header's end */
	if (e < p + len)
		e++;
	for (i = 0; p + i < e; i++)
		t->content_line += p[i] == '\n';
	t->content_start = (size_t)(e - t->bytes);
}

/* Takes ownership of bytes and checks that they are text. */
static MqText *
text_new(const char *name, char *bytes, size_t size, bool mapped, char **err)
{
	const char *why;
	MqText *t;

	if ((why = sniff((const unsigned char *)bytes, size)) != NULL) {
		mq_set_error(err, "%s: %s", name, why);
		release_bytes(bytes, size, mapped);
		return NULL;
	}
	t = calloc(1, sizeof *t);
	/* the name is kept as it may be shown: no byte of it can steer a terminal */
	if (t == NULL || (t->name = mq_visible_string(name)) == NULL) {
		free(t);
		release_bytes(bytes, size, mapped);
		mq_set_error(err, "%s: out of memory", name);
		return NULL;
	}
	t->mapped = mapped;
	if (mapped)
		map_add(bytes, size);
	t->bytes = bytes;
	t->size = size;
	t->dir = -1;
	if (size >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0)
		t->content_start = 3;
	skip_header(t);
	return t;
}

/*
 * Reads fd into a new buffer: to its end, to MQ_TEXT_STREAM_MAX bytes (*cut
 * says whether more was left), or only as far as the first SNIFF_BYTES when
 * those are not text (so /dev/zero is refused, not read forever).  False
 * with errno set on failure.
 */
static bool
read_all(int fd, size_t hint, char **out, size_t *outlen, bool *cut)
{
	size_t cap, len = 0;
	bool sniffed = false;
	char *buf;
	ssize_t r;

	*cut = false;
	cap = hint < MQ_TEXT_STREAM_MAX ? hint + 1 : MQ_TEXT_STREAM_MAX;
	if ((buf = malloc(cap)) == NULL)
		return false;
	for (;;) {
		if (!sniffed && len >= SNIFF_BYTES) {
			sniffed = true;
			if (sniff((const unsigned char *)buf, len) != NULL)
				break;	/* text_new says why */
		}
		if (len == MQ_TEXT_STREAM_MAX) {
			char extra;

			while ((r = read(fd, &extra, 1)) < 0 && errno == EINTR)
				;
			*cut = r > 0;
			break;
		}
		if (len == cap) {
			void *p = buf;

			if (!mq_grow(&p, &cap, cap + 1, 1)) {
				free(buf);
				errno = ENOMEM;
				return false;
			}
			buf = p;
			if (cap > MQ_TEXT_STREAM_MAX)	/* reads stop there */
				cap = MQ_TEXT_STREAM_MAX;
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return false;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	*out = buf;
	*outlen = len;
	return true;
}

MqText *
mq_text_read_fd(int fd, const char *name, char **err)
{
	struct stat st;
	size_t hint = 0, len;
	char *buf;
	bool cut;
	MqText *t;

	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			mq_set_error(err, "%s: is a directory", name);
			return NULL;
		}
		if (S_ISREG(st.st_mode) && st.st_size > 0)
			hint = (size_t)st.st_size;
		if (S_ISREG(st.st_mode) && st.st_size >= MAP_MIN &&
		    (uintmax_t)st.st_size <= SIZE_MAX) {
			buf = mmap(NULL, hint, PROT_READ, MAP_PRIVATE, fd, 0);
			if (buf != MAP_FAILED)
				return text_new(name, buf, hint, true, err);
		}
	}
	if (!read_all(fd, hint, &buf, &len, &cut)) {
		mq_set_error(err, "%s: %s", name, strerror(errno));
		return NULL;
	}
	if ((t = text_new(name, buf, len, false, err)) != NULL)
		t->cut = cut;
	return t;
}

/* Opens path without waiting on a FIFO; regular_only refuses all but files. */
static MqText *
open_path(const char *path, bool regular_only, char **err)
{
	struct stat st;
	MqText *t;
	int fd;

	/* O_NONBLOCK keeps open() from waiting on a FIFO with no writer. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		mq_set_error(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (regular_only && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
		mq_set_error(err, "%s: %s", path, S_ISDIR(st.st_mode) ?
		    "is a directory" : "not a regular file");
		close(fd);
		return NULL;
	}
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	t = mq_text_read_fd(fd, path, err);
	close(fd);
	return t;
}

MqText *
mq_text_open_file(const char *path, char **err)
{
	return open_path(path, false, err);
}

MqText *
mq_text_open_regular(const char *path, char **err)
{
	return open_path(path, true, err);
}

MqText *
mq_text_new_from_memory(const char *name, const char *bytes, size_t len,
    char **err)
{
	char *copy = malloc(len + 1);

	if (copy == NULL) {
		mq_set_error(err, "%s: out of memory", name);
		return NULL;
	}
	memcpy(copy, bytes, len);
	return text_new(name, copy, len, false, err);
}

void
mq_text_free(MqText *t)
{
	if (t == NULL)
		return;
	free(t->name);
	release_bytes(t->bytes, t->size, t->mapped);
	free(t);
}

const char *
mq_text_name(const MqText *t)
{
	return t->name;
}

const char *
mq_text_bytes(const MqText *t)
{
	return t->bytes;
}

size_t
mq_text_size(const MqText *t)
{
	return t->size;
}

unsigned
mq_text_content_line(const MqText *t)
{
	return t->content_line;
}

size_t
mq_text_content_start(const MqText *t)
{
	return t->content_start;
}

/* The grapheme boundary after (dir > 0) or before pos; fallback on failure. */
static size_t
grapheme_step(const char *s, size_t len, size_t pos, int dir, size_t fallback)
{
	UErrorCode ec = U_ZERO_ERROR;
	UText *ut = utext_openUTF8(NULL, s, (int64_t)len, &ec);
	UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &ec);
	int32_t b;

	if (U_SUCCESS(ec))
		ubrk_setUText(bi, ut, &ec);
	b = U_SUCCESS(ec) ? (dir > 0 ? ubrk_following(bi, (int32_t)pos) :
	    ubrk_preceding(bi, (int32_t)pos)) : UBRK_DONE;
	ubrk_close(bi);
	utext_close(ut);
	return b == UBRK_DONE ? fallback : (size_t)b;
}

size_t
mq_utf8_next_grapheme(const char *s, size_t len, size_t pos)
{
	return pos >= len ? len : grapheme_step(s, len, pos, 1, len);
}

size_t
mq_utf8_prev_grapheme(const char *s, size_t len, size_t pos)
{
	return pos == 0 ? 0 : grapheme_step(s, len, pos, -1, 0);
}
