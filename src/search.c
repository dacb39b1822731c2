/*
 * src/search: the --search mode.  Prints each line of the file holding a
 * match like grep: LINE:COL: and the line (COL counts characters, from 1,
 * to the first match on the line).  The line is printed in logical order,
 * decoded like the screen decodes it (controls as visible pictures) and
 * with bidi controls and other format characters that could steer the
 * terminal left out (mq_out_class).  Matches are marked in bold red when
 * color is set.  A line longer than LONG_LINE bytes is printed around its matches, cut ends
 * shown with an ellipsis.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "article.h"
#include "core/byteset.h"
#include "core/util.h"

#define LONG_LINE 65536
#define CONTEXT 160		/* bytes kept before the first match of a long line */
#define OUT_BUF 4096		/* a line is written in pieces of this size */

/* Moves o forward to the start of a UTF-8 character. */
static size_t
char_start(const unsigned char *p, size_t o, size_t end)
{
	while (o < end && (p[o] & 0xc0) == 0x80)
		o++;
	return o;
}

/* Characters in p[a, b). */
static size_t
count_chars(const unsigned char *p, size_t a, size_t b)
{
	uint32_t cp;
	size_t n = 0;

	while (a < b) {
		a += mq_utf8_decode(p + a, b - a, &cp);
		n++;
	}
	return n;
}

/* Appends bytes s[0..n) to out (through a buffer of OUT_BUF bytes at buf, *k used). */
static void
put_bytes(const char *s, size_t n, char *buf, size_t *k, FILE *fp)
{
	if (*k + n > OUT_BUF) {
		fwrite(buf, 1, *k, fp);
		*k = 0;
	}
	memcpy(buf + *k, s, n);
	*k += n;
}

/*
 * Two-byte characters (U+00A0-U+07FF) that print as they are: NFC as they
 * stand, never combining with a neighbour, no format character (so
 * decoding and mq_out_class leave them alone); bit cp - 0xa0.
 */
static uint8_t as_is[(0x800 - 0xa0 + 7) / 8];
static bool as_is_known;

static void
know_as_is(void)
{
	uint32_t cp;

	for (cp = 0xa0; cp < 0x800; cp++)
		if (u_getCombiningClass((UChar32)cp) == 0 &&
		    u_getIntPropertyValue((UChar32)cp, UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
		    u_charType((UChar32)cp) != U_FORMAT_CHAR && mq_out_class(cp) == MQ_OUT_KEEP)
			as_is[(cp - 0xa0) >> 3] |= (uint8_t)(1u << ((cp - 0xa0) & 7));
	as_is_known = true;
}

/*
 * True if bytes [a, b) of p are printable ASCII and such two-byte
 * characters only: what printing them decoded would give back as is.
 */
static bool
prints_as_is(const unsigned char *p, size_t a, size_t b)
{
	uint32_t cp;

	if (!as_is_known)
		know_as_is();
	while (a < b) {
		if (p[a] >= 0x20 && p[a] < 0x7f) {
			a++;
			continue;
		}
		if (p[a] < 0xc2 || p[a] > 0xdf || a + 1 >= b || (p[a + 1] & 0xc0) != 0x80)
			return false;
		cp = (uint32_t)(p[a] & 0x1f) << 6 | (p[a + 1] & 0x3f);
		if (cp < 0xa0 || !((as_is[(cp - 0xa0) >> 3] >> ((cp - 0xa0) & 7)) & 1))
			return false;
		a += 2;
	}
	return true;
}

/*
 * Prints bytes [a, b) of line ls..le with the matches m[0..n) marked;
 * false when memory runs out.
 */
static bool
print_line(const MqText *t, size_t a, size_t b, const MqSpan *m, size_t n,
    bool color, MqChars *chars, FILE *fp)
{
	static const char on_seq[] = "\033[1;31m", off_seq[] = "\033[m";
	const unsigned char *p = (const unsigned char *)mq_text_bytes(t);
	char buf[OUT_BUF], enc[4];
	size_t i, k = 0, used = 0, x;
	bool on = false, in;

	if (a >= mq_text_content_start(t) && prints_as_is(p, a, b)) {
		/* the bytes themselves, the marks around the matches */
		for (x = a; x < b; x = i) {
			while (k < n && m[k].end <= x)
				k++;
			in = color && k < n && m[k].start <= x;
			i = !color || k >= n ? b : in ? (m[k].end < b ? m[k].end : b) :
			    (m[k].start < b ? m[k].start : b);
			if (in != on) {
				put_bytes(in ? on_seq : off_seq, in ? sizeof on_seq - 1 :
				    sizeof off_seq - 1, buf, &used, fp);
				on = in;
			}
			for (; x < i; x += OUT_BUF / 2)
				put_bytes((const char *)p + x, i - x < OUT_BUF / 2 ? i - x :
				    OUT_BUF / 2, buf, &used, fp);
		}
		if (on)
			put_bytes(off_seq, sizeof off_seq - 1, buf, &used, fp);
		fwrite(buf, 1, used, fp);
		return true;
	}
	if (!mq_text_decode_verbatim(t, a, b, chars))
		return false;
	for (i = 0; i < chars->len; i++) {
		uint32_t c = chars->cp[i];
		size_t off = chars->off[i];

		switch (mq_out_class(c)) {	/* nothing that steers a terminal */
		case MQ_OUT_DROP:
			continue;
		case MQ_OUT_SPACE:
			c = ' ';
			break;
		case MQ_OUT_KEEP:
			break;
		}
		while (k < n && m[k].end <= off)
			k++;
		in = color && k < n && m[k].start <= off;
		if (in != on) {
			put_bytes(in ? on_seq : off_seq, in ? sizeof on_seq - 1 : sizeof off_seq - 1,
			    buf, &used, fp);
			on = in;
		}
		put_bytes(enc, mq_utf8_encode(c, enc), buf, &used, fp);
	}
	if (on)
		put_bytes(off_seq, sizeof off_seq - 1, buf, &used, fp);
	fwrite(buf, 1, used, fp);
	return true;
}

long
mq_print_search(const MqText *t, MqSearch *s, const char *pattern,
    MqSearchMode mode, const char *prefix, bool color, FILE *fp, char **err)
{
	const unsigned char *p = (const unsigned char *)mq_text_bytes(t);
	size_t size = mq_text_size(t), n = 0, i, j, pos, line = 1;
	MqSpan *m = NULL, all = { 0, size };
	MqChars chars = { 0 };
	long lines = 0;

	if (!mq_search_find(s, pattern, mode, all, 0, &m, &n, NULL, err))
		return -1;
	pos = mq_text_content_start(t);
	line = mq_text_content_line(t);
	for (i = 0; i < n && !mq_output_failed(fp); i = j) {
		size_t ls, le, a, b;
		const unsigned char *nl;

		if (m[i].start < pos) {
			j = i + 1;	/* (inside a line already printed) */
			continue;
		}
		/* the line holding match i: count the line ends up to it */
		if ((nl = memrchr(p + pos, '\n', m[i].start - pos)) != NULL) {
			line += mq_byte_count(p + pos, (size_t)(nl - p) - pos, '\n') + 1;
			pos = (size_t)(nl - p) + 1;
		}
		ls = pos;
		nl = memchr(p + m[i].start, '\n', size - m[i].start);
		le = nl ? (size_t)(nl - p) : size;
		/* the matches on this line, and one of its line end (a space
		 * in the pattern matches it) */
		for (j = i + 1; j < n && m[j].start < le + (nl != NULL); j++)
			;
		a = ls;
		b = le > ls && p[le - 1] == '\r' ? le - 1 : le;
		if (b - a > LONG_LINE) {
			a = m[i].start - a > CONTEXT ? char_start(p, m[i].start - CONTEXT, b) : a;
			b = m[j - 1].end + CONTEXT < b ? char_start(p, m[j - 1].end + CONTEXT, b) : b;
			if (b - a > LONG_LINE)
				b = char_start(p, a + LONG_LINE, le);
		}
		fprintf(fp, "%s%s%zu:%zu:%s", prefix ? prefix : "", prefix ? ":" : "",
		    line, count_chars(p, ls, m[i].start) + 1, a > ls ? "\u2026" : "");
		if (!print_line(t, a, b, m + i, j - i, color, &chars, fp)) {
			mq_set_error(err, "out of memory");
			lines = -1;
			break;
		}
		fprintf(fp, "%s\n", b < le && p[b] != '\r' ? "\u2026" : "");
		lines++;
		(void)mq_output_failed(fp);	/* errno is the write's now */
		/* the next match starts on a later line */
		if (nl != NULL) {
			line++;
			pos = le + 1;
		}
	}
	mq_chars_free(&chars);
	free(m);
	return lines;
}
