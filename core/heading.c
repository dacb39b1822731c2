/*
 * core/heading: the facts and features of paragraphs, and the heading model.
 *
 * Facts come from a paragraph's own text (see facts()).  Features put them
 * against the document: the document's wrap width (core/doc) and median
 * paragraph length, the paragraphs around, and the style signature — how
 * a line is numbered, bulleted, ended, cased and indented — that sibling
 * headings share (a style used by several short lines is a heading style,
 * or a verse or dialogue style; the model learns which from the company it
 * keeps).  Features are binary; the model weighs each one and each pair,
 * which lets a linear model learn that a colon line is a heading above a
 * list but not above a quotation.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "fold.h"
#include "heading.h"
#include "util.h"

/*
 * Paragraphs longer than this (characters, counted before decoding), or of
 * more lines, are body text: no heading is that long.
 */
#define FACT_MAX_CHARS 300
#define FACT_MAX_LINES 3
/* Short lines (for neighbours and siblings): at most this many characters. */
#define SHORT_CHARS 100
#define NSIG 4096

/* The features, in a fixed order: their names are the model's vocabulary. */
#define FEATURES(X) \
	X(LEN_1_3) X(LEN_4_10) X(LEN_11_20) X(LEN_21_40) X(LEN_41_60) \
	X(LEN_61_80) X(LEN_81_120) X(LEN_121) \
	X(W_1) X(W_2_3) X(W_4_6) X(W_7_10) X(W_11_15) X(W_16) \
	X(NL_1) X(NL_2) X(NL_3) \
	X(MED_Q1) X(MED_Q2) X(MED_Q3) X(MED_Q4) \
	X(NOWRAP) X(WRAP_FULL) X(WRAP_HALF) X(WRAP_SHORT) \
	X(END_LETTER) X(END_DIGIT) X(END_PERIOD) X(END_EXCL) X(END_QUEST) \
	X(END_ELLIPSIS) X(END_COLON) X(END_COMMA) X(END_SEMI) X(END_DASH) \
	X(END_CLOSE) X(END_OTHER) \
	X(ST_BULLET) X(ST_STAR) X(ST_DSTAR) X(ST_DIGITS) X(ST_DOTTED) \
	X(ST_ORDINAL) X(ST_CHAPTER) X(ST_LETTER) X(ST_ROMAN) X(ST_QUOTE) \
	X(ST_PAREN) X(ST_LOWER) X(ST_QWORD) X(ST_CONTROL) \
	X(QUOTE) X(BYLINE) X(DIALOGUE) X(LEAD_IN) X(MID_COLON) X(HAS_DIGIT) \
	X(ALL_CAPS) X(TITLE_CASE) X(FIRST_CAP) X(ARABIC) X(LATIN) \
	X(IND_0) X(IND_SMALL) X(IND_BIG) X(CENTRED) \
	X(BB_0) X(BB_1) X(BB_2) X(BA_0) X(BA_1) X(BA_2) X(BB_MORE) X(BA_MORE) \
	X(FIRST) X(SECOND) X(LAST) X(EARLY) \
	X(NX_NONE) X(NX_BODY) X(NX_SHORT) X(NX_LIST) X(NX_QUOTE) X(NX_LOWER) \
	X(NX_SAME) X(NX_SENTENCE) X(NX_NUM_SAME) X(NX_RUN) X(NX_RULE) \
	X(PV_NONE) X(PV_BODY) X(PV_SHORT) X(PV_COLON) X(PV_LIST) X(PV_SAME) \
	X(PV_NUM_SAME) \
	X(RUN_SHORT) \
	X(SIB_0) X(SIB_1) X(SIB_2_4) X(SIB_5_19) X(SIB_20) X(SIB_MAJOR) \
	X(DUP_EARLIER) X(DUP_LATER) \
	X(DOC_RTL)

#define AS_ENUM(name) F_##name,
#define AS_NAME(name) #name,
enum { FEATURES(AS_ENUM) NFEAT };
static const char *const feature_names[] = { FEATURES(AS_NAME) };

_Static_assert(NFEAT <= MQ_HEAD_MAXFEAT, "MQ_HEAD_MAXFEAT is too small");
_Static_assert(NFEAT <= 256, "features must fit in a byte");

/* How a paragraph ends (MqHeadFacts.end), after closing quotes and brackets. */
enum {
	END_LETTER, END_DIGIT, END_PERIOD, END_EXCL, END_QUEST, END_ELLIPSIS,
	END_COLON, END_COMMA, END_SEMI, END_DASH, END_CLOSE, END_OTHER, NEND
};

/* Facts kept in a window (mq_head_doc_start_window): paragraphs i - 2 to i + 2. */
#define RING 8

/* A short paragraph's text, by its hash: where it first and last stands. */
typedef struct Seen {
	uint32_t hash;		/* 0: an empty slot */
	uint32_t first, last;
} Seen;

struct MqHeadDoc {
	MqDoc *doc;
	size_t n;		/* paragraphs read so far (all, once done) */
	bool done;		/* every paragraph read and the totals worked out */
	size_t budget;		/* bytes the facts of every paragraph may take */
	bool window;		/* past it: facts only around the paragraph asked about */
	MqHeadFacts *f;		/* (not window) per paragraph */
	uint8_t *caps;		/* (not window) CAPS_* per paragraph */
	uint32_t *text_hash;	/* (not window, until done) see text_hash() */
	size_t f_cap, caps_cap, hash_cap;
	struct {
		MqHeadFacts f;
		uint8_t caps;
	} ring[RING];		/* (window) paragraph i at i % RING */
	size_t nring;		/* (window) paragraphs in the second pass so far */
	Seen *seen;		/* open addressing, a power of two of slots */
	size_t nseen, seen_slots;
	uint32_t sigcount[NSIG];	/* short paragraphs per signature */
	unsigned hist[1001];	/* paragraphs by length in characters (1000: longer) */
	unsigned gaps[9];	/* paragraphs by blank lines before them */
	unsigned gap;		/* the usual number of blank lines between paragraphs */
	unsigned nshort;	/* short paragraphs in all */
	unsigned median;	/* median paragraph length, weighted by length */
	unsigned wrap;
	bool rtl;
};

enum { CAPS_OTHER, CAPS_ALL, CAPS_TITLE, CAPS_FIRST_CAP, CAPS_LOWER };

/*
 * Folded word lists (mq_fold_chars: plain alef, ya, ha, hamza seats ئ ؤ as
 * ي و; lower case).
 */
static const char *const ordinals[] = {
	"اولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا",
	"ثامنا", "تاسعا", "عاشرا", "اخيرا", NULL
};
static const char *const chapter_words[] = {
	"الفصل", "الباب", "الجزء", "المبحث", "القسم", "الكتاب", "المقاله",
	"chapter", "part", "section", "book", "appendix", "method", "step",
	"lesson", "unit", "example", "exercise", "article", "lecture", NULL
};
static const char *const byline_words[] = {
	"بقلم", "كتب", "كتبه", "كتبت", "اعداد", "حوار", "تصوير", "متابعات",
	"ترجمه", "by", NULL
};
static const char *const dialogue_words[] = {
	"س", "ج", "سوال", "جواب", "q", "a", NULL
};
static const char *const lead_in_words[] = {
	"قايلا", "بالقول", "يلي", "التالي", "الاتي", "كالتالي", "كالاتي",
	"فيه", "follows", NULL
};
static const char *const question_words[] = {
	"لماذا", "كيف", "ما", "ماذا", "هل", "متي", "اين", "من", "لم",
	"why", "how", "what", "when", "where", "who", "which", NULL
};

bool
mq_head_skippable(uint32_t c)
{
	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r');
	if (c >= 0x0600 && c <= 0x06ff)
		return c == 0x061c || (c >= 0x0600 && c <= 0x0605) || c == 0x06dd;
	return u_isUWhiteSpace((UChar32)c) || u_charType((UChar32)c) == U_FORMAT_CHAR;
}

/* u_isalnum, with the common cases (ASCII, Arabic letters) first. */
static bool
is_alnum(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	if (c >= 0x0621 && c <= 0x064a)
		return true;
	return u_isalnum((UChar32)c);
}

static bool
word_in(const char *word, const char *const *list)
{
	if (word[0] == '\0')
		return false;
	for (; *list != NULL; list++)	/* (the first two bytes weed out most) */
		if ((*list)[0] == word[0] && (*list)[1] == word[1] &&
		    strcmp(word, *list) == 0)
			return true;
	return false;
}

static bool
is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669) ||
	    (c >= 0x06f0 && c <= 0x06f9);
}

static bool
is_closer(uint32_t c)
{
	return c == 0x00bb || c == '"' || c == 0x201d || c == 0x2019 ||
	    c == ')' || c == '\'' || c == ']' || c == 0x00ab;
}

/* The folded word of cp[i..e) up to a space or punctuation; returns its end. */
static size_t
next_word(const uint32_t *cp, size_t e, size_t i, char *out, size_t outlen)
{
	size_t s = i;

	while (i < e && (is_alnum(cp[i]) || (cp[i] >= 0x064b && cp[i] <= 0x065f) ||
	    cp[i] == 0x0640 || (cp[i] >= 0x80 &&
	    u_charType((UChar32)cp[i]) == U_NON_SPACING_MARK)))
		i++;
	mq_fold_chars(cp + s, i - s, out, outlen);
	return i;
}

/* The end class of cp[s..e). */
static uint8_t
end_class(const uint32_t *cp, size_t s, size_t e)
{
	size_t i = e;
	uint32_t c;

	while (i > s + 1 && is_closer(cp[i - 1]))
		i--;
	c = cp[i - 1];
	if (c == '.')
		return i > s + 1 && cp[i - 2] == '.' ? END_ELLIPSIS : END_PERIOD;
	if (c == 0x06d4)
		return END_PERIOD;
	if (c == '!')
		return END_EXCL;
	if (c == '?' || c == 0x061f)
		return END_QUEST;
	if (c == 0x2026)
		return END_ELLIPSIS;
	if (c == ':' || c == 0xff1a)
		return END_COLON;
	if (c == ',' || c == 0x060c)
		return END_COMMA;
	if (c == ';' || c == 0x061b)
		return END_SEMI;
	if (c == '-' || c == 0x2013 || c == 0x2014)
		return END_DASH;
	if (is_digit(c))
		return i < e ? END_CLOSE : END_DIGIT;
	if (u_isalpha((UChar32)c) || u_charType((UChar32)c) == U_NON_SPACING_MARK)
		return i < e ? END_CLOSE : END_LETTER;
	return END_OTHER;
}

/* True if cp[s..] starts with a Roman numeral and punctuation: "IV." "XII -". */
static bool
roman_start(const uint32_t *cp, size_t s, size_t e)
{
	size_t i = s;

	while (i < e && i - s < 6 && strchr("IVXLC", (int)(cp[i] < 0x80 ? cp[i] : 1)) &&
	    cp[i] != 0)
		i++;
	if (i == s || i >= e)
		return false;
	while (i < e && cp[i] == ' ')
		i++;
	return i < e && (cp[i] == '.' || cp[i] == ')' || cp[i] == '-' ||
	    cp[i] == 0x2013 || cp[i] == ':');
}

/* True if cp[s..] starts with one letter and ")" "-" "." or "(a)". */
static bool
letter_start(const uint32_t *cp, size_t s, size_t e)
{
	if (s + 2 < e && cp[s] == '(' && u_isalpha((UChar32)cp[s + 1]) &&
	    cp[s + 2] == ')')
		return true;
	return s + 2 < e && u_isalpha((UChar32)cp[s]) &&
	    (cp[s + 1] == ')' || cp[s + 1] == '-' || cp[s + 1] == '.') &&
	    (cp[s + 2] == ' ' || cp[s + 1] == ')');
}

/*
 * How the words of cp[s..e) are cased (CAPS_*), going by the first letter:
 * a line that starts with an uncased letter (Arabic) is CAPS_OTHER, even
 * with a Latin name in it.
 */
static uint8_t
casing(const uint32_t *cp, size_t s, size_t e)
{
	unsigned upper = 0, lower = 0, long_words = 0, long_caps = 0, len = 0;
	bool word_upper = false;
	int first = -1;		/* the first letter: 0 uncased, 1 upper, 2 lower */
	size_t i;

	for (i = s; i <= e; i++) {
		uint32_t c = i < e ? cp[i] : ' ';

		if (c >= 0x0600 && c <= 0x06ff) {
			if (first < 0 && c >= 0x0620 && c <= 0x064a)
				first = 0;	/* an Arabic letter: uncased */
			len = 0;
			continue;
		}
		if (c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') :
		    u_isalpha((UChar32)c)) {
			bool up = c < 0x80 ? c <= 'Z' : u_isupper((UChar32)c);
			bool low = c < 0x80 ? c >= 'a' : u_islower((UChar32)c);

			if (first < 0)
				first = up ? 1 : low ? 2 : 0;
			if (len == 0)
				word_upper = up;
			len++;
			upper += up;
			lower += low;
			continue;
		}
		if (c == '\'' || c == 0x2019 || c == '-')
			continue;	/* inside a word */
		if (len >= 4) {
			long_words++;
			long_caps += word_upper;
		}
		len = 0;
	}
	if (first == 2)
		return CAPS_LOWER;
	if (first != 1)
		return CAPS_OTHER;
	if (upper >= 3 && lower == 0)
		return CAPS_ALL;
	if (long_words >= 2 && long_caps * 5 >= long_words * 4)
		return CAPS_TITLE;
	return CAPS_FIRST_CAP;
}

/* MqHeadFacts.marks: what else is in a paragraph, for features. */
#define MARK_QWORD 1		/* starts with a question word */
#define MARK_MIDCOLON 2		/* a colon before its end */
#define MARK_DIGIT 4
#define MARK_ARABIC 8

/* Works out the facts of one paragraph from its characters. */
static void
facts(const MqChars *c, MqHeadFacts *f, uint8_t *caps)
{
	const uint32_t *cp = c->cp;
	size_t n = c->len, s = 0, e = n, i, w;
	char word[64];
	uint32_t first;

	while (s < n && mq_head_skippable(cp[s]))
		s++;
	while (e > s && mq_head_skippable(cp[e - 1]))
		e--;
	*caps = CAPS_OTHER;
	f->end = END_OTHER;
	if (s == e)
		return;
	f->chars = (uint16_t)(e - s);
	for (i = s; i < e; i++)
		if (!mq_head_skippable(cp[i]) && (i == s || mq_head_skippable(cp[i - 1])))
			f->words++;
	first = cp[s];
	f->end = end_class(cp, s, e);
	f->end_sentence = f->end == END_PERIOD || f->end == END_EXCL ||
	    f->end == END_QUEST || f->end == END_ELLIPSIS ||
	    f->end == END_COMMA || f->end == END_SEMI;
	f->end_colon = f->end == END_COLON;
	f->control = first >= 0x2400 && first <= 0x2421;
	f->quote_start = first == 0x00ab || first == '"' || first == 0x201c ||
	    first == '\'' || first == 0x2018;
	f->quote = f->quote_start && e - s > 1 && is_closer(cp[e - 1]) && cp[e - 1] != ')';
	f->star = first == '*';
	f->paren = first == '(' || first == '[';
	f->dstar = f->star && s + 1 < e && cp[s + 1] == '*';
	f->bullet = first == 0x2022 || first == 0x25aa || first == 0x25cf ||
	    first == 0x00b7 || first == 0x2013 || first == 0x2014 ||
	    first == '>' || first == '+' || first == 0x25a0 || first == 0x25ba ||
	    first == 0x2666 || (first == '-' && s + 1 < e && !is_digit(cp[s + 1]));

	/* Numbers: 1- 2) 3. 1.2 4: (digits of any script). */
	for (i = s; i < e && (is_digit(cp[i]) || (cp[i] == '.' && i > s &&
	    i + 1 < e && is_digit(cp[i + 1]))); i++)
		f->dots += cp[i] == '.';
	if (i > s && i < e && i - s <= 6) {
		size_t j = i;

		while (j < e && cp[j] == ' ')
			j++;
		if (j < e && (cp[j] == '-' || cp[j] == '.' || cp[j] == ')' ||
		    cp[j] == ':' || cp[j] == 0x2013 || cp[j] == '/'))
			f->number = MQ_NUM_DIGITS;
	}
	if (f->number == MQ_NUM_NONE && roman_start(cp, s, e))
		f->number = MQ_NUM_ROMAN;
	else if (f->number == MQ_NUM_NONE && letter_start(cp, s, e))
		f->number = MQ_NUM_LETTER;
	i = s;
	while (i < e && (cp[i] == '*' || f->bullet) && i < s + 2)
		i++;		/* past "*" "**" or a bullet */
	while (i < e && mq_head_skippable(cp[i]))
		i++;
	w = next_word(cp, e, i, word, sizeof word);
	while (w < e && mq_head_skippable(cp[w]))
		w++;
	if (word_in(word, ordinals))
		f->number = MQ_NUM_ORDINAL;
	else if (word_in(word, chapter_words) && f->words >= 2 && f->words <= 8)
		f->number = MQ_NUM_CHAPTER;
	f->byline = f->words <= 8 && word_in(word, byline_words);
	f->dialogue = word_in(word, dialogue_words) && w < e &&
	    (cp[w] == ':' || cp[w] == '/');
	if (word_in(word, question_words))
		f->marks |= MARK_QWORD;
	/* "PLACE – SOURCE" datelines and "(واس)"-style agency tags. */
	for (i = s; f->words <= 5 && !f->number && i + 2 < e; i++)
		if ((cp[i + 1] == 0x2013 || cp[i + 1] == '-') && mq_head_skippable(cp[i]) &&
		    mq_head_skippable(cp[i + 2]))
			f->byline = true;
	if (f->end_colon) {
		for (i = e - 1; i > s && !mq_head_skippable(cp[i - 1]); i--)
			;
		next_word(cp, e - 1, i, word, sizeof word);
		f->lead_in = word_in(word, lead_in_words);
	}
	*caps = casing(cp, s, e);
	/* a rule: three or more of one of = - _ * ~ # + and spaces */
	if (first < 0x80 && first != 0 && strchr("=-_*~#+", (int)first) != NULL) {
		size_t count = 0;

		for (i = s; i < e && (cp[i] == first || mq_head_skippable(cp[i])); i++)
			count += cp[i] == first;
		f->rule = i == e && count >= 3;
		if (f->rule)
			f->bullet = f->star = f->dstar = false;
	}
}

/* Extra facts that only features use: a colon inside, digits, scripts. */
static void
extras(const MqChars *c, MqHeadFacts *f, bool *latin)
{
	size_t i, e = c->len;

	while (e > 0 && mq_head_skippable(c->cp[e - 1]))
		e--;
	*latin = false;
	for (i = 0; i < e; i++) {
		uint32_t ch = c->cp[i];

		if (ch == ':' && i + 1 < e)
			f->marks |= MARK_MIDCOLON;
		else if (is_digit(ch))
			f->marks |= MARK_DIGIT;
		else if (ch >= 0x0621 && ch <= 0x064a)
			f->marks |= MARK_ARABIC;
		else if (ch < 0x80 ? ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') :
		    ch < 0x250 && u_isalpha((UChar32)ch))
			*latin = true;
	}
}

/* The indentation class: 0, 1-4, 5 or more columns. */
static unsigned
indent_class(unsigned indent)
{
	return indent == 0 ? 0 : indent <= 4 ? 1 : 2;
}

/* The style signature: numbering, bullet, end, case, indentation. */
static uint16_t
signature(const MqHeadFacts *f, uint8_t caps)
{
	unsigned start = f->bullet ? 1 : f->star ? 2 : 0;
	unsigned v = f->number;

	v = v * 3 + start;
	v = v * NEND + f->end;
	v = v * 5 + caps;
	v = v * 3 + indent_class(f->indent);
	return (uint16_t)(v % NSIG);
}

/*
 * Code points in p[0..len) (UTF-8 lead bytes; invalid bytes count too),
 * counted no further than limit + 1.
 */
static size_t
count_chars(const unsigned char *p, size_t len, size_t limit)
{
	size_t i, n = 0;

	for (i = 0; i < len && n <= limit; i++)
		n += (p[i] & 0xc0) != 0x80;
	return n;
}

/*
 * Decodes a short paragraph p[0..len) (at most FACT_MAX_CHARS code points)
 * into out for the facts: line ends become spaces and C0 controls their
 * control pictures, as mq_text_decode shows them; nothing is normalised.
 */
static size_t
light_decode(const unsigned char *p, size_t len, uint32_t *out)
{
	size_t i = 0, n = 0;

	while (i < len && n < FACT_MAX_CHARS) {
		uint32_t c;

		if (p[i] < 0x80) {
			c = p[i++];
			if (c == '\r' || c == '\n')
				c = ' ';
			else if (c < 0x20 && c != '\t')
				c += 0x2400;
			else if (c == 0x7f)
				c = 0x2421;
		} else
			i += mq_utf8_decode(p + i, len - i, &c);
		out[n++] = c;
	}
	return n;
}

/* Columns of space that start bytes [p, e), at most UINT16_MAX. */
static uint16_t
leading_columns(const unsigned char *p, size_t len)
{
	unsigned col = 0;
	size_t i;

	for (i = 0; i < len && (p[i] == ' ' || p[i] == '\t') && col < UINT16_MAX; i++)
		col = p[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
	return col < UINT16_MAX ? (uint16_t)col : UINT16_MAX;
}

/* A short line: not body-sized, and in wrapped text not nearly full. */
static bool
is_short(const MqHeadDoc *h, const MqHeadFacts *f)
{
	return !f->big && f->chars > 0 && f->chars <= SHORT_CHARS &&
	    (h->wrap == 0 || (f->indent + f->chars) * 4 < h->wrap * 3);
}

/* A short line that is not body text, a list item or numbered. */
static bool
plain_short(const MqHeadDoc *h, const MqHeadFacts *f)
{
	return is_short(h, f) && !f->bullet && f->number == MQ_NUM_NONE &&
	    !(f->end_sentence && f->chars >= 40 && f->words >= 6);
}

/* Body text: long, or a complete sentence of some length. */
static bool
is_body(const MqHeadFacts *f)
{
	if (f->big)
		return true;
	if (f->number == MQ_NUM_DIGITS || f->bullet)
		return false;
	return f->chars >= 100 || (f->end_sentence && f->chars >= 40 && f->words >= 6);
}

/* A hash of a paragraph's folded letters and digits (never 0). */
static uint32_t
text_hash(const MqChars *c)
{
	uint32_t hash = 2166136261u, out[MQ_FOLD_MAX];
	size_t i, k, n;

	for (i = 0; i < c->len; i++) {
		if (!is_alnum(c->cp[i]))
			continue;
		n = mq_fold_one(c->cp[i], out);
		for (k = 0; k < n; k++)
			hash = (hash ^ out[k]) * 16777619u;
	}
	return hash ? hash : 1;
}

/* The slot of hash in h->seen: its own, or the empty one it would take. */
static size_t
seen_slot(const Seen *seen, size_t slots, uint32_t hash)
{
	uint32_t mix = (hash ^ (hash >> 16)) * 0x7feb352du;
	size_t i = (mix ^ (mix >> 15)) & (slots - 1);

	while (seen[i].hash != 0 && seen[i].hash != hash)
		i = (i + 1) & (slots - 1);
	return i;
}

/* Notes that short paragraph i has text hash (not 0); false when memory runs out. */
static bool
seen_add(MqHeadDoc *h, uint32_t hash, size_t i)
{
	Seen *s;
	size_t k;

	if ((h->nseen + 1) * 4 > h->seen_slots * 3) {
		size_t slots = h->seen_slots ? h->seen_slots * 2 : 1024;
		Seen *grown = calloc(slots, sizeof *grown);

		if (grown == NULL)
			return false;
		for (k = 0; k < h->seen_slots; k++)
			if (h->seen[k].hash != 0)
				grown[seen_slot(grown, slots, h->seen[k].hash)] = h->seen[k];
		free(h->seen);
		h->seen = grown;
		h->seen_slots = slots;
	}
	s = &h->seen[seen_slot(h->seen, h->seen_slots, hash)];
	if (s->hash == 0) {
		s->hash = hash;
		s->first = (uint32_t)i;
		h->nseen++;
	}
	s->last = (uint32_t)i;
	return true;
}

/*
 * MQ_REPEATS_* of paragraph i, of text hash (0: not a short paragraph):
 * whether the same text comes before it, after it (a table of contents
 * repeats the headings it lists).
 */
static uint8_t
repeats_of(const MqHeadDoc *h, uint32_t hash, size_t i)
{
	const Seen *s;

	if (hash == 0)
		return 0;
	s = &h->seen[seen_slot(h->seen, h->seen_slots, hash)];
	return (uint8_t)((s->first < i ? MQ_REPEATS_BEFORE : 0) |
	    (s->last > i ? MQ_REPEATS_AFTER : 0));
}

/* What keeping a paragraph's facts costs, with its record in the doc. */
#define KEPT_BYTES (sizeof(MqHeadFacts) + 1 + sizeof(uint32_t) + sizeof(MqPara))

MqHeadDoc *
mq_head_doc_start(MqDoc *doc)
{
	return mq_head_doc_start_window(doc, SIZE_MAX);
}

MqHeadDoc *
mq_head_doc_start_window(MqDoc *doc, size_t budget)
{
	MqHeadDoc *h = calloc(1, sizeof *h);

	if (h == NULL)
		return NULL;
	h->doc = doc;
	h->budget = budget;
	h->wrap = mq_doc_wrap_width(doc);
	h->rtl = mq_text_direction(mq_doc_text(doc)) == MQ_DIR_RTL;
	return h;
}

/*
 * Works out the facts of paragraph p into f and *caps, and returns the
 * hash of its text if it is short, else 0.
 */
static uint32_t
para_facts(const MqHeadDoc *h, const MqPara *p, MqHeadFacts *f, uint8_t *caps)
{
	const unsigned char *text =
	    (const unsigned char *)mq_text_bytes(mq_doc_text(h->doc)) + mq_para_start(p);
	uint32_t cps[FACT_MAX_CHARS + 1];
	MqChars c = { .cp = cps };
	bool latin;

	memset(f, 0, sizeof *f);
	*caps = 0;
	f->indent = leading_columns(text, p->len);
	if (p->nlines > FACT_MAX_LINES || p->len > 4 * FACT_MAX_CHARS ||
	    count_chars(text, p->len, FACT_MAX_CHARS) > FACT_MAX_CHARS) {
		f->big = true;
		f->chars = f->words = 1000;
		f->end = END_OTHER;
	} else {
		c.len = light_decode(text, p->len, cps);
		facts(&c, f, caps);
		extras(&c, f, &latin);
		if (latin)
			*caps |= 0x80;
	}
	f->sig = signature(f, *caps & 0x7f);
	return is_short(h, f) ? text_hash(&c) : 0;
}

/* Reads paragraph p, the next one, into the totals; false when memory runs out. */
static bool
read_para(MqHeadDoc *h, const MqPara *p)
{
	size_t i = h->n;
	MqHeadFacts one, *f = &one;
	uint8_t caps;
	uint32_t hash;

	if (!h->window && (i + 1) > h->budget / KEPT_BYTES) {
		/* over budget: from now on a window, and a second pass */
		free(h->f);
		free(h->caps);
		free(h->text_hash);
		h->f = NULL;
		h->caps = NULL;
		h->text_hash = NULL;
		h->window = true;
	}
	if (!h->window) {
		if (!mq_grow((void **)&h->f, &h->f_cap, i + 1, sizeof *h->f) ||
		    !mq_grow((void **)&h->caps, &h->caps_cap, i + 1, sizeof *h->caps) ||
		    !mq_grow((void **)&h->text_hash, &h->hash_cap, i + 1,
		    sizeof *h->text_hash))
			return false;
		f = &h->f[i];
	}
	hash = para_facts(h, p, f, &caps);
	if (!h->window) {
		h->caps[i] = caps;
		h->text_hash[i] = hash;
	}
	h->hist[f->chars < 1000 ? f->chars : 1000]++;
	h->gaps[p->blanks_before < 8 ? p->blanks_before : 8] += i > 0;
	if (hash != 0) {
		h->sigcount[f->sig]++;
		h->nshort++;
		if (!seen_add(h, hash, i))
			return false;
	}
	h->n++;
	if (h->window)
		mq_doc_forget(h->doc, h->n);	/* (read again in the second pass) */
	return true;
}

/* Works out what needs every paragraph: the usual gap, repeats, the median. */
static void
finish(MqHeadDoc *h)
{
	size_t i, sum, total;

	for (i = 1; i < 8; i++)
		if (h->gaps[i] > h->gaps[h->gap])
			h->gap = (unsigned)i;
	if (h->window)
		mq_doc_rewind(h->doc);	/* for the second pass */
	else {
		for (i = 0; i < h->n; i++)
			h->f[i].repeats = repeats_of(h, h->text_hash[i], i);
		free(h->text_hash);
		h->text_hash = NULL;
		free(h->seen);
		h->seen = NULL;
	}
	/* the median weighted by length: the paragraph a letter is typically in */
	for (i = 0, total = 0; i <= 1000; i++)
		total += h->hist[i] * i;
	for (i = 0, sum = 0; i <= 1000; i++) {
		sum += h->hist[i] * i;
		if (sum * 2 >= total) {
			h->median = (unsigned)i;
			break;
		}
	}
	h->done = true;
}

int
mq_head_doc_read(MqHeadDoc *h, size_t n)
{
	const MqPara *p;

	for (; !h->done && n > 0; n--) {
		if ((p = mq_doc_para(h->doc, h->n)) == NULL) {
			if (mq_doc_failed(h->doc))
				return -1;
			finish(h);
			return 1;
		}
		if (!read_para(h, p))
			return -1;
	}
	return h->done;
}

bool
mq_head_doc_window(MqHeadDoc *h, size_t i)
{
	if (!h->window)
		return true;
	if (i >= 2)
		mq_doc_forget(h->doc, i - 2);
	for (; h->nring < h->n && h->nring <= i + 2; h->nring++) {
		const MqPara *p = mq_doc_para(h->doc, h->nring);
		size_t k = h->nring % RING;
		uint32_t hash;

		if (p == NULL)
			return false;	/* (memory ran out) */
		hash = para_facts(h, p, &h->ring[k].f, &h->ring[k].caps);
		h->ring[k].f.repeats = repeats_of(h, hash, h->nring);
	}
	return true;
}

MqHeadDoc *
mq_head_doc_new(MqDoc *doc)
{
	MqHeadDoc *h = mq_head_doc_start(doc);
	int r = 0;

	while (h != NULL && (r = mq_head_doc_read(h, SIZE_MAX)) == 0)
		;
	if (r < 0) {
		mq_head_doc_free(h);
		return NULL;
	}
	return h;
}

void
mq_head_doc_free(MqHeadDoc *h)
{
	if (h == NULL)
		return;
	free(h->f);
	free(h->caps);
	free(h->text_hash);
	free(h->seen);
	free(h);
}

size_t
mq_head_doc_count(const MqHeadDoc *h)
{
	return h->n;
}

/* The facts of paragraph i, and its CAPS_* (| 0x80: Latin letters). */
static inline const MqHeadFacts *
fact(const MqHeadDoc *h, size_t i)
{
	return h->window ? &h->ring[i % RING].f : &h->f[i];
}

static inline unsigned
caps_of(const MqHeadDoc *h, size_t i)
{
	return h->window ? h->ring[i % RING].caps : h->caps[i];
}

const MqHeadFacts *
mq_head_doc_facts(const MqHeadDoc *h, size_t i)
{
	return fact(h, i);
}

/* True if paragraph i's text comes again later, and not before. */
static bool
listed(const MqHeadDoc *h, size_t i)
{
	return (fact(h, i)->repeats & (MQ_REPEATS_BEFORE | MQ_REPEATS_AFTER)) ==
	    MQ_REPEATS_AFTER;
}

/*
 * True if paragraph i is an entry of a table of contents: in a run of
 * three or more lines, each the first of a text that comes again later
 * (as the headings it lists).  (Two paragraphs either side are enough to
 * tell.)
 */
static bool
toc_entry(const MqHeadDoc *h, size_t i)
{
	size_t a = i, b = i;

	if (!listed(h, i))
		return false;
	while (a > 0 && i - a < 2 && listed(h, a - 1))
		a--;
	while (b + 1 < h->n && b - i < 2 && listed(h, b + 1))
		b++;
	return b - a >= 2;
}

/* Appends feature x (features are added in increasing order). */
#define ADD(x) add(feat, &n, F_##x)

/* Appends f to feat[0..*n), which has room for MQ_HEAD_MAXACTIVE. */
static inline void
add(uint8_t *feat, size_t *n, unsigned f)
{
	if (*n < MQ_HEAD_MAXACTIVE)
		feat[(*n)++] = (uint8_t)f;
}

size_t
mq_head_features(const MqHeadDoc *h, size_t i, uint8_t *feat)
{
	const MqHeadFacts *f = fact(h, i), *nx = i + 1 < h->n ? fact(h, i + 1) : NULL;
	const MqHeadFacts *pv = i > 0 ? fact(h, i - 1) : NULL;
	const MqPara *p = mq_doc_para(h->doc, i);
	const MqPara *q = nx ? mq_doc_para(h->doc, i + 1) : NULL;
	unsigned chars = f->chars, words = f->words, caps = caps_of(h, i) & 0x7f;
	unsigned sib, bb, ba, end_col;
	size_t n = 0;

	if (f->big || chars == 0 || f->lead_in || f->dialogue || f->control ||
	    f->rule || toc_entry(h, i))
		return 0;	/* body text; a lead-in to a quotation; a Q&A turn */
	if (pv != NULL && f->indent > 0 && p->blanks_before == 0 &&
	    pv->indent == f->indent)
		return 0;	/* inside an indented block kept as it is: an address */
	if (chars <= 3) ADD(LEN_1_3);
	else if (chars <= 10) ADD(LEN_4_10);
	else if (chars <= 20) ADD(LEN_11_20);
	else if (chars <= 40) ADD(LEN_21_40);
	else if (chars <= 60) ADD(LEN_41_60);
	else if (chars <= 80) ADD(LEN_61_80);
	else if (chars <= 120) ADD(LEN_81_120);
	else ADD(LEN_121);
	if (words <= 1) ADD(W_1);
	else if (words <= 3) ADD(W_2_3);
	else if (words <= 6) ADD(W_4_6);
	else if (words <= 10) ADD(W_7_10);
	else if (words <= 15) ADD(W_11_15);
	else ADD(W_16);
	if (p->nlines <= 1) ADD(NL_1);
	else if (p->nlines == 2) ADD(NL_2);
	else ADD(NL_3);
	if (chars * 4 < h->median) ADD(MED_Q1);
	else if (chars * 2 < h->median) ADD(MED_Q2);
	else if (chars < h->median) ADD(MED_Q3);
	else ADD(MED_Q4);
	end_col = f->indent + chars;
	if (h->wrap == 0) ADD(NOWRAP);
	else if (p->nlines > 1 || end_col * 4 >= h->wrap * 3) ADD(WRAP_FULL);
	else if (end_col * 2 >= h->wrap) ADD(WRAP_HALF);
	else ADD(WRAP_SHORT);
	add(feat, &n, F_END_LETTER + f->end);
	if (f->bullet) ADD(ST_BULLET);
	if (f->star) ADD(ST_STAR);
	if (f->dstar) ADD(ST_DSTAR);
	if (f->number == MQ_NUM_DIGITS) ADD(ST_DIGITS);
	if (f->dots) ADD(ST_DOTTED);
	if (f->number == MQ_NUM_ORDINAL) ADD(ST_ORDINAL);
	if (f->number == MQ_NUM_CHAPTER) ADD(ST_CHAPTER);
	if (f->number == MQ_NUM_LETTER) ADD(ST_LETTER);
	if (f->number == MQ_NUM_ROMAN) ADD(ST_ROMAN);
	if (f->quote_start) ADD(ST_QUOTE);
	if (f->paren) ADD(ST_PAREN);
	if (caps == CAPS_LOWER) ADD(ST_LOWER);
	if (f->marks & MARK_QWORD) ADD(ST_QWORD);
	if (f->control) ADD(ST_CONTROL);
	if (f->quote) ADD(QUOTE);
	if (f->byline) ADD(BYLINE);
	if (f->dialogue) ADD(DIALOGUE);
	if (f->lead_in) ADD(LEAD_IN);
	if (f->marks & MARK_MIDCOLON) ADD(MID_COLON);
	if (f->marks & MARK_DIGIT) ADD(HAS_DIGIT);
	if (caps == CAPS_ALL) ADD(ALL_CAPS);
	if (caps == CAPS_TITLE) ADD(TITLE_CASE);
	if (caps == CAPS_FIRST_CAP || caps == CAPS_TITLE) ADD(FIRST_CAP);
	if (f->marks & MARK_ARABIC) ADD(ARABIC);
	if (caps_of(h, i) & 0x80) ADD(LATIN);
	if (f->indent == 0) ADD(IND_0);
	else if (f->indent <= 4) ADD(IND_SMALL);
	else ADD(IND_BIG);
	if (h->wrap > 0 && f->indent >= 3 && end_col <= h->wrap + 2) {
		unsigned right = h->wrap > end_col ? h->wrap - end_col : 0;
		unsigned d = right > f->indent ? right - f->indent : f->indent - right;

		if (d <= h->wrap / 8 + 2)
			ADD(CENTRED);
	}
	bb = i == 0 ? 2 : p->blanks_before;
	ba = q == NULL ? 2 : q->blanks_before;
	if (bb == 0) ADD(BB_0);
	else if (bb == 1) ADD(BB_1);
	else ADD(BB_2);
	if (ba == 0) ADD(BA_0);
	else if (ba == 1) ADD(BA_1);
	else ADD(BA_2);
	if (i > 0 && bb > h->gap) ADD(BB_MORE);
	if (q != NULL && ba > h->gap) ADD(BA_MORE);
	if (i == 0) ADD(FIRST);
	if (i == 1) ADD(SECOND);
	if (i + 1 == h->n) ADD(LAST);
	if (i < 5) ADD(EARLY);
	if (nx == NULL) ADD(NX_NONE);
	else {
		if (is_body(nx)) ADD(NX_BODY);
		if (is_short(h, nx)) ADD(NX_SHORT);
		if (nx->bullet || nx->number == MQ_NUM_DIGITS ||
		    nx->number == MQ_NUM_LETTER) ADD(NX_LIST);
		if (nx->quote_start) ADD(NX_QUOTE);
		if ((caps_of(h, i + 1) & 0x7f) == CAPS_LOWER) ADD(NX_LOWER);
		if (nx->sig == f->sig) ADD(NX_SAME);
		if (is_short(h, nx) && nx->end_sentence) ADD(NX_SENTENCE);
		if (f->number != MQ_NUM_NONE && nx->number == f->number)
			ADD(NX_NUM_SAME);
		if (i + 2 < h->n && plain_short(h, nx) && plain_short(h, fact(h, i + 2)))
			ADD(NX_RUN);	/* a run of short plain lines: verse, a cast */
		if (nx->rule && q->blanks_before == 0)
			ADD(NX_RULE);	/* underlined */
	}
	if (pv == NULL) ADD(PV_NONE);
	else {
		if (is_body(pv)) ADD(PV_BODY);
		if (is_short(h, pv)) ADD(PV_SHORT);
		if (pv->end_colon) ADD(PV_COLON);
		if (pv->bullet || pv->number == MQ_NUM_DIGITS) ADD(PV_LIST);
		if (pv->sig == f->sig) ADD(PV_SAME);
		if (f->number != MQ_NUM_NONE && pv->number == f->number)
			ADD(PV_NUM_SAME);
	}
	if (pv && nx && is_short(h, pv) && is_short(h, nx) && bb <= 1 && ba <= 1)
		ADD(RUN_SHORT);
	sib = h->sigcount[f->sig];
	sib -= sib > 0 && is_short(h, f);		/* not counting itself */
	if (sib == 0) ADD(SIB_0);
	else if (sib == 1) ADD(SIB_1);
	else if (sib <= 4) ADD(SIB_2_4);
	else if (sib <= 19) ADD(SIB_5_19);
	else ADD(SIB_20);
	if (sib >= 4 && sib * 2 >= h->nshort) ADD(SIB_MAJOR);
	if (f->repeats & MQ_REPEATS_BEFORE) ADD(DUP_EARLIER);
	if (f->repeats & MQ_REPEATS_AFTER) ADD(DUP_LATER);
	if (h->rtl) ADD(DOC_RTL);
	return n;
}

float
mq_head_score(const MqHeadModel *m, const uint8_t *feat, size_t n)
{
	float s = m->bias;
	size_t a, b;

	for (a = 0; a < n; a++) {
		s += m->w[feat[a]];
		for (b = a + 1; b < n; b++)
			s += m->pair[feat[a]][feat[b]];
	}
	return s;
}

unsigned
mq_head_feature_count(void)
{
	return NFEAT;
}

const char *
mq_head_feature_name(unsigned f)
{
	return f < NFEAT ? feature_names[f] : "?";
}
