/*
 * Unit tests for core/fold and core/search: each folding rule, and that
 * every match maps back to exactly the bytes of the original letters with
 * their marks (first and last letter, end of the file, ranges, modes).
 * Folded search, with its prefilter and without, is checked against a
 * plain reference (the whole text folded, then memmem) on random texts
 * built from the characters folding treats specially.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/byteset.h"
#include "core/fold.h"
#include "core/search-private.h"
#include "tap.h"

#define NONE_YET ((size_t)-1)

/* How found_in uses the prefilter (tests of the regex prefilter set it). */
static MqPrefilterUse found_use = MQ_PREFILTER_AUTO;

/* The matches of pattern in text as "start-end:TEXT ..." (or "error: ..."). */
static const char *
found_in(const char *text, const char *pattern, MqSearchMode mode, size_t from,
    size_t to, size_t max)
{
	static char buf[4096];
	char *err = NULL;
	MqText *t = mq_text_new_from_memory("t", text, strlen(text), &err);
	MqSearch *s = t ? mq_search_new(t) : NULL;
	MqSpan *m = NULL, range = { from, to };
	size_t n = 0, i, k = 0;
	bool more = false;

	buf[0] = '\0';
	if (s != NULL)
		mq_search_set_prefilter(s, found_use);
	if (s == NULL)
		snprintf(buf, sizeof buf, "error: no searcher");
	else if (!mq_search_find(s, pattern, mode, range, max, &m, &n, &more, &err))
		snprintf(buf, sizeof buf, "error: %s", err ? err : "?");
	for (i = 0; i < n && k < sizeof buf - 64; i++)
		k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%zu-%zu:%.*s",
		    i ? " " : "", m[i].start, m[i].end, (int)(m[i].end - m[i].start),
		    text + m[i].start);
	if (more)
		snprintf(buf + k, sizeof buf - k, " +");
	free(m);
	free(err);
	mq_search_free(s);
	mq_text_free(t);
	return buf;
}

static const char *
found(const char *text, const char *pattern)
{
	return found_in(text, pattern, MQ_SEARCH_FOLD, 0, (size_t)-1, 0);
}

/*
 * The reference folded search: the range's text folded whole, each
 * character on its own and white space runs to one space (as the text
 * before the range left it), searched with memmem from left to right;
 * each match mapped back to its first and last characters, with the
 * marks after.  Writes at most max spans to out; returns how many.
 */
static size_t
reference(const char *text, size_t len, const char *pattern, MqSpan range,
    MqSpan *out, size_t max)
{
	static char f[1 << 16], key[1024];
	static size_t from_char[1 << 16], char_end[1 << 16];
	const unsigned char *p = (const unsigned char *)text;
	size_t o = 0, n = 0, fl = 0, klen, clen, i, k, e, from = NONE_YET, to = NONE_YET;
	uint32_t cp, g[MQ_FOLD_MAX];
	char enc[4];
	bool space = false;
	const char *hit;

	klen = mq_fold_utf8(pattern, strlen(pattern), key, sizeof key);
	for (o = 0; o < len; o += clen) {
		clen = mq_utf8_decode(p + o, len - o, &cp);
		if (o >= range.start && from == NONE_YET)
			from = fl;
		if (o >= range.end && to == NONE_YET)
			to = fl;
		k = mq_fold_one(cp, g);
		for (i = 0; i < k; i++) {
			if (g[i] == ' ' && space)
				continue;
			space = g[i] == ' ';
			for (e = 0; e < mq_utf8_encode(g[i], enc); e++) {
				f[fl] = enc[e];
				from_char[fl] = o;
				char_end[fl++] = o + clen;
			}
		}
	}
	if (from == NONE_YET)
		from = fl;
	if (to == NONE_YET)
		to = fl;
	while (klen > 0 && from < to && n < max &&
	    (hit = memmem(f + from, to - from, key, klen)) != NULL) {
		size_t at = (size_t)(hit - f);

		from = at + klen;
		if (char_end[at + klen - 1] > range.end)
			continue;
		out[n].start = from_char[at];
		e = char_end[at + klen - 1];
		while (e < len && (clen = mq_utf8_decode(p + e, len - e, &cp)) > 0 &&
		    mq_fold_is_mark(cp))
			e += clen;
		out[n++].end = e;
	}
	return n;
}

/* The pieces random texts are made of: what folding treats specially. */
static const char *const pieces[] = {
	"a", "A", "b", "s", "S", "x", "\xc3\xa1", "a\xcc\x81", "\xcc\x81", "\xc3\x9f",
	"\xef\xac\x80", "f", "ss", " ", "  ", "\t", "\n", "\xc2\xa0", "\xc2\xa8",
	"\xd8\xa7", "\xd8\xa3", "\xd8\xa5", "\xd9\x84", "\xd9\x87", "\xd8\xa9",
	"\xd9\x89", "\xd9\x8a", "\xd9\x8e", "\xd9\x91", "\xd9\x80", "\xef\xbb\xbb",
	"\xd9\x82", "\xd9\xa3", "3", "\x80", "\xe2\x80", "\xf0\x9f\x98\x80",
	"\xf0\x9d\x90\x9a", "\xed\x95\x9c", "\xe2\x80\x8d", "\xef\xb7\xba",
	"\xef\xbc\xa1", "\xe1\xba\xa1", "\xc5\xbf",
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

static unsigned long rng = 12345;

static size_t
rnd(size_t n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (size_t)(rng >> 33) % n;
}

/* A random text of n pieces into buf; the piece boundaries into cuts. */
static size_t
random_text(char *buf, size_t n, size_t *cuts)
{
	size_t len = 0, i;

	for (i = 0; i < n; i++) {
		const char *piece = pieces[rnd(NPIECES)];

		cuts[i] = len;
		memcpy(buf + len, piece, strlen(piece));
		len += strlen(piece);
	}
	cuts[n] = len;
	buf[len] = '\0';
	return len;
}

/*
 * A searcher over a new random text of 1-256 pieces in text (its length
 * in *len, the piece boundaries in cuts[0..*npieces]); NULL on no memory.
 * The caller frees the searcher and *t.
 */
static MqSearch *
random_searcher(char *text, size_t *cuts, size_t *npieces, size_t *len, MqText **t)
{
	MqSearch *s;

	*npieces = 1 + rnd(256);
	*len = random_text(text, *npieces, cuts);
	if ((*t = mq_text_new_from_memory("t", text, *len, NULL)) == NULL)
		return NULL;
	if ((s = mq_search_new(*t)) == NULL)
		mq_text_free(*t);
	return s;
}

/*
 * mq_search_find made of steps of a few random bytes each: *got and *n as
 * one call gives them, or false (with *err).
 */
static bool
find_stepped(MqSearch *s, const char *pattern, MqSearchMode mode, MqSpan range,
    MqSpan **got, size_t *n, char **err)
{
	MqSearchRun *r = mq_search_start(s, pattern, mode, range, err);
	int st = 0;

	*n = 0;
	if (r == NULL)
		return false;
	while (st == 0)
		st = mq_search_step(r, 1 + rnd(40), 0, got, n, err);
	mq_search_stop(r);
	return st > 0;
}

/*
 * Compares folded search (with the prefilter as use says) with the
 * reference on trials random texts, each with patterns taken from it and
 * made up, over the whole text and over random ranges; describes the
 * first difference in why.
 */
static bool
same_as_reference(MqPrefilterUse use, int trials, char *why, size_t whylen)
{
	static char text[4096], pattern[256];
	static MqSpan want[2048];
	size_t cuts[257], len, npieces, i, k, n, nwant, a, b;
	int trial, q;

	for (trial = 0; trial < trials; trial++) {
		char *err = NULL;
		MqText *t;
		MqSearch *s = random_searcher(text, cuts, &npieces, &len, &t);

		if (s == NULL) {
			snprintf(why, whylen, "no searcher: out of memory");
			return false;
		}
		mq_search_set_prefilter(s, use);
		for (q = 0; q < 6; q++) {
			MqSpan range = { 0, len }, *got = NULL;

			if (q % 2 == 0) {	/* a piece of the text */
				a = rnd(npieces);
				b = a + 1 + rnd(6);
				b = b > npieces ? npieces : b;
				snprintf(pattern, sizeof pattern, "%.*s", (int)(cuts[b] - cuts[a]),
				    text + cuts[a]);
			} else {		/* made up */
				pattern[0] = '\0';
				for (k = 1 + rnd(4); k > 0; k--)
					strcat(pattern, pieces[rnd(NPIECES)]);
			}
			if (q >= 4) {		/* a range of pieces */
				a = rnd(npieces + 1);
				b = a + rnd(npieces + 1 - a);
				range.start = cuts[a];
				range.end = cuts[b];
			}
			nwant = reference(text, len, pattern, range, want, 2048);
			if (!(q % 3 == 2 ? find_stepped(s, pattern, MQ_SEARCH_FOLD, range, &got, &n,
			    &err) : mq_search_find(s, pattern, MQ_SEARCH_FOLD, range, 0, &got, &n,
			    NULL, &err))) {
				snprintf(why, whylen, "error %s", err ? err : "?");
				return false;
			}
			for (i = 0; i < n && i < nwant && got[i].start == want[i].start &&
			    got[i].end == want[i].end; i++)
				;
			if (i < n || i < nwant) {
				snprintf(why, whylen, "trial %d: \"%s\" in [%zu, %zu) of \"%s\": "
				    "%zu matches, the reference %zu; first difference at %zu",
				    trial, pattern, range.start, range.end, text, n, nwant, i);
				free(got);
				return false;
			}
			free(got);
		}
		mq_search_free(s);
		mq_text_free(t);
	}
	return true;
}

/*
 * mq_byteset_find and mq_byte_count against a byte-by-byte loop, on random
 * buffers of each length up to 300 (every lane and the tail), from every
 * start, with sets of one byte, of several, and of ranges.
 */
/* A filter of mq_pair_find: odd places only. */
static bool
odd_place(const void *arg, size_t h)
{
	(void)arg;
	return h % 2 == 1;
}

static bool
bytes_as_naive(void)
{
	unsigned char buf[300];
	size_t len, from, i, naive, count;
	int trial;

	for (trial = 0; trial < 200; trial++) {
		MqByteSet set = { 0 };
		unsigned k, nsets = 1 + (unsigned)rnd(4);

		for (k = 0; k < nsets; k++) {
			unsigned char lo = (unsigned char)rnd(256), w = (unsigned char)(trial % 3 ? 0 : rnd(40));

			if (!mq_byteset_add_range(&set, lo, lo + w > 255 ? 255 : (unsigned char)(lo + w)))
				return false;
		}
		len = rnd(sizeof buf + 1);
		for (i = 0; i < len; i++)	/* bytes of the set now and then */
			buf[i] = (unsigned char)(rnd(8) ? rnd(256) : rnd(2) ? set.lo[rnd(set.n)] :
			    set.hi[0]);
		for (from = 0; from <= len; from++) {
			for (naive = from; naive < len && !mq_byteset_has(&set, buf[naive]); naive++)
				;
			if (mq_byteset_find(&set, buf, from, len) != naive)
				return false;
		}
		for (count = 0, i = 0; i < len; i++)
			count += buf[i] == set.lo[0];
		if (mq_byte_count(buf, len, set.lo[0]) != count)
			return false;
		for (count = 0, i = 0; i < len; i++)
			count += buf[i] >= set.lo[0] && buf[i] <= set.hi[0];
		if (mq_byte_count_range(buf, len, set.lo[0], set.hi[0]) != count)
			return false;
		/*
		 * a pair: the first place of lo[0] then hi[0] d bytes on, to any end (every
		 * third: odd places; every second: or a byte of the set)
		 */
		for (from = 0; from <= len; from++) {
			size_t to = from + rnd(len + 1 - from);
			bool odd = from % 3 == 0;

			bool with_set = from % 2 == 0;

			size_t d = 1 + from % 4;

			for (naive = from; naive < to && !(with_set && mq_byteset_has(&set, buf[naive])) &&
			    !(naive + d < len && buf[naive] == set.lo[0] && buf[naive + d] == set.hi[0] &&
			    (!odd || naive % 2 == 1)); naive++)
				;
			if (mq_pair_find(buf, len, from, to, set.lo[0], d, set.hi[0],
			    odd ? odd_place : NULL, NULL, with_set ? &set : NULL) != naive)
				return false;
		}
	}
	return true;
}

/*
 * Counting over more than a lane holds (255 rounds of 16 bytes): 70,000
 * continuation bytes, then random ones, as the paragraph scan counts
 * characters.
 */
static bool
count_long_as_naive(void)
{
	static unsigned char big[70000];
	size_t i, count = 0;

	memset(big, 0x80, sizeof big);
	if (mq_byte_count_range(big, sizeof big, 0x80, 0xbf) != sizeof big)
		return false;
	for (i = 0; i < sizeof big; i++) {
		big[i] = (unsigned char)rnd(256);
		count += big[i] >= 0x80 && big[i] <= 0xbf;
	}
	return mq_byte_count_range(big, sizeof big, 0x80, 0xbf) == count;
}

/* A random regular expression from atoms and quantifiers, into buf. */
static void
random_regex(char *buf, size_t len)
{
	static const char *const atoms[] = {
		"a", "b", "s", "\xd8\xa7", "\xd9\x84", ".", "\\d", "\\w", "\\p{L}",
		"\\p{Arabic}", "\\P{L}", "[ab]", "[^a]", "[\\t-z]", "\\s", "\\S", "(a|b)",
		"(?:ab)", "^", "$", "\\b", " ", "\\.", "x", "\\A", "\\z", "(?=a)", "(?<=a)",
		"(?<!b)", "\\n", "(?i)", "3", "ab", "\\Qa.\\E", "[0-9]", "[3a]", "[]a]",
		"[\xd8\xa7-\xd9\x8a]", "[\xd9\x84x]", "[a\\-]", "[\\d]", "[a-c]",
	};
	static const char *const quant[] = {
		"", "", "", "*", "+", "?", "{1,2}", "+?", "{0,2}", "{2}", "{00}",
	};
	size_t k;

	buf[0] = '\0';
	for (k = 1 + rnd(5); k > 0; k--) {
		strncat(buf, atoms[rnd(sizeof atoms / sizeof atoms[0])], len - strlen(buf) - 1);
		strncat(buf, quant[rnd(sizeof quant / sizeof quant[0])], len - strlen(buf) - 1);
		if (rnd(5) == 0)
			strncat(buf, "|", len - strlen(buf) - 1);
	}
}

/*
 * Regex search with the literal prefilter against ICU over the whole
 * range, on random texts of lines and random patterns (bad ones must fail
 * alike); describes the first difference in why.
 */
static bool
regex_same_both_ways(int trials, char *why, size_t whylen)
{
	static char text[4096], pattern[256];
	size_t cuts[257], len, npieces, i, n[2], a, b;
	int trial, way;

	for (trial = 0; trial < trials; trial++) {
		MqSpan range, *got[2] = { NULL, NULL };
		char *errs[2] = { NULL, NULL };
		bool ok[2];
		MqText *t;
		MqSearch *s = random_searcher(text, cuts, &npieces, &len, &t);

		if (s == NULL) {
			snprintf(why, whylen, "no searcher: out of memory");
			return false;
		}
		random_regex(pattern, sizeof pattern);
		a = rnd(4) ? 0 : rnd(npieces + 1);
		b = a + rnd(npieces + 1 - a);
		range.start = cuts[a];
		range.end = rnd(2) ? len : cuts[b];
		for (way = 0; way < 2; way++) {
			mq_search_set_prefilter(s, way ? MQ_PREFILTER_ALWAYS : MQ_PREFILTER_NEVER);
			ok[way] = trial % 2 ? find_stepped(s, pattern, MQ_SEARCH_REGEX, range,
			    &got[way], &n[way], &errs[way]) : mq_search_find(s, pattern,
			    MQ_SEARCH_REGEX, range, 0, &got[way], &n[way], NULL, &errs[way]);
		}
		for (i = 0; ok[0] && ok[1] && i < n[0] && i < n[1] &&
		    got[0][i].start == got[1][i].start && got[0][i].end == got[1][i].end; i++)
			;
		/* (a line at a time, ICU's step limit can be enough where the whole was not) */
		if (!ok[0] && ok[1] && strstr(errs[0], "too long") != NULL)
			ok[0] = true, n[0] = n[1], i = n[1];
		if (ok[0] != ok[1] || (ok[0] && (i < n[0] || i < n[1]))) {
			snprintf(why, whylen, "trial %d: /%s/ in [%zu, %zu) of \"%s\": %zu matches "
			    "with the prefilter (%s), %zu without (%s); first difference at %zu",
			    trial, pattern, range.start, range.end, text, n[1],
			    errs[1] ? errs[1] : "ok", n[0], errs[0] ? errs[0] : "ok", i);
			return false;
		}
		free(got[0]);
		free(got[1]);
		free(errs[0]);
		free(errs[1]);
		mq_search_free(s);
		mq_text_free(t);
	}
	return true;
}

/* Exact search in steps against one call, on random texts: the same matches. */
static bool
exact_stepped_alike(int trials)
{
	static char text[4096], pattern[64];
	size_t cuts[257], len, npieces, a, b, n[2], i;
	int trial;

	for (trial = 0; trial < trials; trial++) {
		MqSpan range, *got[2] = { NULL, NULL };
		char *err = NULL;
		MqText *t;
		MqSearch *s = random_searcher(text, cuts, &npieces, &len, &t);
		bool same;

		if (s == NULL)
			return false;
		a = rnd(npieces);
		b = a + 1 + rnd(3);
		b = b > npieces ? npieces : b;
		snprintf(pattern, sizeof pattern, "%.*s", (int)(cuts[b] - cuts[a]), text + cuts[a]);
		range.start = 0;
		range.end = len;
		same = mq_search_find(s, pattern, MQ_SEARCH_EXACT, range, 0, &got[0], &n[0], NULL,
		    &err) && find_stepped(s, pattern, MQ_SEARCH_EXACT, range, &got[1], &n[1], &err) &&
		    n[0] == n[1] && n[0] > 0;
		for (i = 0; same && i < n[0]; i++)
			same = got[0][i].start == got[1][i].start && got[0][i].end == got[1][i].end;
		free(got[0]);
		free(got[1]);
		mq_search_free(s);
		mq_text_free(t);
		if (!same)
			return false;
	}
	return true;
}

/* The folded form of s. */
static const char *
folded(const char *s)
{
	static char buf[256];

	mq_fold_utf8(s, strlen(s), buf, sizeof buf);
	return buf;
}

/* Regex patterns whose prefilter is a class (text, pattern, matches, what). */
static const struct {
	const char *text, *pattern, *want, *what;
} classes[] = {
	{ "in 2024 or\nnone\n1999, 12", "[0-9]{4}", "3-7:2024 16-20:1999",
	    "the lines holding a digit" },
	{ "xb\n3b", "[0-9]{0,2}\\p{L}", "0-1:x 1-2:b 3-5:3b",
	    "{0,2} does not skip a line without one" },
	{ "xb\n3b", "[0-9]?\\p{L}", "0-1:x 1-2:b 3-5:3b", "? does not skip a line" },
	{ "xb\n3b", "[0-9]*\\p{L}", "0-1:x 1-2:b 3-5:3b", "* does not skip a line" },
	{ "b\n3b", "[0-9]{00}\\w", "0-1:b 2-3:3 3-4:b", "{00} is no times" },
	{ "abc\nسلام", "[ا-ي]+", "4-12:سلام", "a range of Arabic letters" },
	{ "y\n]y\nxy", "[]x].", "2-4:]y 5-7:xy", "] first is a member" },
	{ "by\n-y\nay", "[a\\-].", "3-5:-y 6-8:ay", "an escaped member" },
	{ "by\n\xd9\xa3y", "[\\d].", "3-6:\xd9\xa3y",
	    "\\d in a class is every digit (not worked out)" },
};

int
main(void)
{
	static char why16[8192];
	size_t k;
	bool same;

	/* folding rules, one by one */
	tap_str(folded("OpenAI"), "openai", "case folds");
	tap_str(folded("Straße"), "strasse", "full case folding: ß is ss");
	tap_str(folded("ﬁne"), "fine", "NFKC: the fi ligature is f i");
	tap_str(folded("ＡＢＣ"), "abc", "NFKC: full-width letters");
	tap_str(folded("ﻣﺮﺣﺒﺎ"), "مرحبا", "NFKC: Arabic presentation forms are letters");
	tap_str(folded("جَدَلًا"), "جدلا", "harakat are dropped");
	tap_str(folded("الرَّحْمٰنِ"), "الرحمن", "shadda, sukun and the superscript alef are dropped");
	tap_str(folded("قـــال"), "قال", "tatweel is dropped");
	tap_str(folded("أإآٱا"), "ااااا", "alef forms are alef");
	tap_str(folded("على"), "علي", "alef maqsura is ya");
	tap_str(folded("مدرسة"), "مدرسه", "ta marbuta is ha");
	tap_str(folded("٢٠٣٠ ۱۲"), "2030 12", "Arabic-Indic and Persian digits are 0-9");
	tap_str(folded("café"), "cafe", "Latin accents are marks too");
	tap_str(folded("a \t\n b\u00a0c"), "a b c", "white space runs are one space");
	tap_str(folded("x\u200dy\u200fz"), "xyz", "format characters are dropped");

	/* the examples, and the bytes a match covers */
	tap_str(found("قال جدلًا إن", "جدلا"), "7-17:جدلًا",
	    "جدلا finds جدلًا, the tanween on its last letter included");
	tap_str(found("زار أمريكا", "امريكا"), "7-19:أمريكا", "امريكا finds أمريكا");
	tap_str(found("by OpenAI.", "openai"), "3-9:OpenAI", "openai finds OpenAI");
	tap_str(found("عام 2030 و٢٠٣٠", "٢٠٣٠"), "7-11:2030 14-22:٢٠٣٠",
	    "٢٠٣٠ finds 2030 and itself");
	tap_str(found("مَدْرَسَةٌ", "مدرسه"), "0-20:مَدْرَسَةٌ",
	    "marks on the first and last letter: the whole word, nothing more");
	tap_str(found("xمدرسةy", "مدرسه"), "1-11:مدرسة", "nothing before or after");
	tap_str(found("United\nStates", "united states"), "0-13:United\nStates",
	    "a line break inside the text matches a space");
	tap_str(found("ab ab", "AB"), "0-2:ab 3-5:ab", "several matches in order");
	tap_str(found("end of text: علي", "على"), "13-19:علي", "a match at the end of the file");
	tap_str(found("\xef\xbb\xbfOpenAI", "openai"), "3-9:OpenAI", "offsets count the BOM");
	tap_str(found("nothing here", "zzz"), "", "no match, no spans");
	tap_str(found("text", "\xd9\x8e"), "", "a pattern that folds to nothing matches nothing");
	tap_str(found("aaaa", "aa"), "0-2:aa 2-4:aa", "matches do not overlap");
	tap_str(found("ﻣﺮﺣﺒﺎ", "مرحبا"), "0-15:ﻣﺮﺣﺒﺎ", "presentation forms are found by letters");
	tap_str(found("Straße", "strasse"), "0-7:Straße", "ss finds ß");
	tap_str(found("a\xff" "bc", "bc"), "2-4:bc", "invalid bytes do not shift offsets");

	/* ranges and limits */
	/* Found by fuzz-search: a text of white space only had no anchor to
	 * map a match back from (a NULL dereference). */
	tap_str(found_in("   ", " ", MQ_SEARCH_FOLD, 0, 3, 0), "0-1: ",
	    "a space in a text of spaces: one match, on the run's first space");
	tap_str(found_in(" \t\n x", "  ", MQ_SEARCH_FOLD, 0, 6, 0), "0-1: ",
	    "white space in the pattern and the text, any kind, folds alike");
	tap_str(found_in("ab ab ab", "ab", MQ_SEARCH_FOLD, 2, 8, 0), "3-5:ab 6-8:ab",
	    "only the matches inside the range");
	tap_str(found_in("ab ab ab", "ab", MQ_SEARCH_FOLD, 0, 4, 0), "0-2:ab",
	    "a match crossing the range's end is left out");
	tap_str(found_in("ab ab ab", "ab", MQ_SEARCH_FOLD, 0, (size_t)-1, 2),
	    "0-2:ab 3-5:ab +", "at most max matches, and it says more were left");

	tap_ok(bytes_as_naive(), "the byte scan finds the first byte of a set, or of a pair, "
	    "and counts, as a loop does");
	mq_byteset_narrow(true);
	tap_ok(bytes_as_naive() && count_long_as_naive(), "so does it 16 bytes a step "
	    "(where it would take 32)");
	same = same_as_reference(MQ_PREFILTER_PAIRS, 500, why16, sizeof why16);
	mq_byteset_narrow(false);
	tap_ok(same, "and folded search with pairs, 16 bytes a step, on 500 random texts %s", why16);
	tap_ok(count_long_as_naive(), "counts over 70,000 bytes, past what a lane holds, as a loop does");

	/* the prefilter skips only text no match reaches */
	{
		char why[8192] = "";

		tap_ok(same_as_reference(MQ_PREFILTER_NEVER, 3000, why, sizeof why),
		    "folding the whole range: the reference's matches, on 3000 random texts (a third in steps)");
		if (why[0])
			printf("# %s\n", why);
		why[0] = '\0';
		tap_ok(same_as_reference(MQ_PREFILTER_ALWAYS, 3000, why, sizeof why),
		    "skipping to the rare bytes: the same matches, on 3000 random texts");
		if (why[0])
			printf("# %s\n", why);
		why[0] = '\0';
		tap_ok(same_as_reference(MQ_PREFILTER_PAIRS, 3000, why, sizeof why),
		    "skipping to a letter's pair of bytes, where what follows may go on "
		    "with the match: the same matches, on 3000 random texts");
		if (why[0])
			printf("# %s\n", why);
	}

	tap_ok(exact_stepped_alike(2000),
	    "exact: a search in steps of a few bytes finds what one call finds (2000 texts)");
	{
		char why[8192] = "";

		tap_ok(regex_same_both_ways(3000, why, sizeof why),
		    "regex: the lines holding the literal give ICU's matches over the whole range, "
		    "on 3000 random texts and patterns");
		if (why[0])
			printf("# %s\n", why);
	}

	/* exact and regex */
	tap_str(found_in("OpenAI openai", "openai", MQ_SEARCH_EXACT, 0, (size_t)-1, 0),
	    "7-13:openai", "exact: case matters");
	tap_str(found_in("جدلًا جدلا", "جدلا", MQ_SEARCH_EXACT, 0, (size_t)-1, 0),
	    "11-19:جدلا", "exact: harakat matter");
	tap_str(found_in("cat 12 dog 345", "[0-9]+", MQ_SEARCH_REGEX, 0, (size_t)-1, 0),
	    "4-6:12 11-14:345", "regex: byte offsets of each match");
	tap_str(found_in("قال محمد وقال علي", "قال \\p{Arabic}+", MQ_SEARCH_REGEX, 0,
	    (size_t)-1, 0), "0-15:قال محمد 18-31:قال علي", "regex: Unicode properties on Arabic");
	tap_str(found_in("x", "(", MQ_SEARCH_REGEX, 0, (size_t)-1, 0),
	    "error: bad regular expression (U_REGEX_MISMATCHED_PAREN at character 2)",
	    "regex: a bad pattern is an error naming where");
	tap_str(found_in("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac", "(a+)+b",
	    MQ_SEARCH_REGEX, 0, (size_t)-1, 0),
	    "error: the regular expression takes too long on this text",
	    "regex: catastrophic backtracking stops with an error");
	tap_str(found_in("a\nb", "^b$", MQ_SEARCH_REGEX, 0, (size_t)-1, 0), "2-3:b",
	    "regex: ^ and $ match at line ends");

	/*
	 * A pattern with no literal but a class every match holds a character
	 * of: only the lines holding one of its bytes are searched.  Classes
	 * that may occur no times ({0,2}, ?, *) must not skip a line.
	 */
	found_use = MQ_PREFILTER_ALWAYS;
	for (k = 0; k < sizeof classes / sizeof classes[0]; k++)
		tap_str(found_in(classes[k].text, classes[k].pattern, MQ_SEARCH_REGEX, 0,
		    (size_t)-1, 0), classes[k].want, "regex class: %s", classes[k].what);
	found_use = MQ_PREFILTER_AUTO;
	return tap_done();
}
