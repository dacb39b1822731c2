/*
 * core/section: headings in plain text.
 *
 * Each paragraph gets a few facts from its text (Feat): length in letters
 * and words, how it ends (sentence punctuation, a colon), how it starts (a
 * bullet, a number, an ordinal such as أولاً, a chapter word such as الفصل or
 * Chapter), and whether it looks like a byline, a quotation or a dialogue
 * label.  Paragraphs are then read in order and a short single line becomes
 * a heading when:
 *   - it does not end like a sentence (. ! ? ؟ … , ، ; ؛), and is not a
 *     quotation, a list item, a byline or a dialogue turn;
 *   - it titles something: body text follows it (a long paragraph, or a
 *     complete sentence), or another numbered heading follows a numbered or
 *     chapter heading, or a list follows a line ending in ':', or the line
 *     is set apart by two or more blank lines on each side (books do this);
 *   - it is not the last of a run of short lines (verse, captions, cast
 *     lists): the paragraph before it is body text, a heading, a list item,
 *     the title, or nothing — or it is numbered.
 * A colon line that leads into a quotation (the next paragraph opens with a
 * quote mark, or it ends with قائلا / بالقول / ...) is not a heading.
 *
 * The first paragraph is the title when it is a short single line that is
 * not a bullet.  A leading run of two or more bullet lines is the key
 * points; body paragraphs before the first heading are the introduction.
 *
 * Levels: each heading has a style (ordinal word, chapter word, number with
 * N dots, '*', plain); the first style met in the article is level 1, the
 * next new one level 2, and so on — the way a reader infers nesting from
 * typography.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "section.h"
#include "util.h"

/* Paragraphs longer than this (bytes) are body text without a closer look. */
#define FEAT_MAX_BYTES 1600
#define MAX_LEVEL 6

enum {
	NUM_NONE,
	NUM_ORDINAL,		/* أولاً: ثانياً ... */
	NUM_CHAPTER,		/* الفصل الأول, Chapter 3 */
	NUM_DIGITS		/* 1- 2) 3. 1.2 */
};

enum {
	STYLE_ORDINAL,
	STYLE_CHAPTER,
	STYLE_DIGITS,		/* + dots, up to 3 */
	STYLE_STAR = STYLE_DIGITS + 4,
	STYLE_PLAIN,
	NSTYLES
};

typedef struct Feat {
	unsigned chars, words;
	unsigned dots;		/* in a number such as 1.2.3 */
	int number;
	bool big;		/* too long to be anything but body */
	bool end_sentence, end_colon;
	bool bullet, star;
	bool quote_start, quote;	/* opens with a quote mark; is one */
	bool byline, dialogue, lead_in;
	bool control;		/* starts with a control picture */
} Feat;

struct MqOutline {
	MqDoc *doc;
	size_t npara;
	uint8_t *role;		/* MqParaRole per paragraph */
	MqSection *sec;
	size_t nsec, cap;
	size_t *sec_of;		/* section index per paragraph */
	size_t body_start;	/* first paragraph after the title and key points */
};

/* True for characters that are not text for these rules: spaces, marks, format. */
static bool
skippable(uint32_t c)
{
	return u_isUWhiteSpace((UChar32)c) || u_charType((UChar32)c) == U_FORMAT_CHAR;
}

/* Folds Arabic for word matching: no harakat or tatweel, plain alef, ya, ha. */
static size_t
fold_word(const uint32_t *cp, size_t n, char *out, size_t outlen)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 4 < outlen; i++) {
		uint32_t c = cp[i];

		if ((c >= 0x064b && c <= 0x065f) || c == 0x0670 || c == 0x0640)
			continue;
		if (c == 0x0623 || c == 0x0625 || c == 0x0622 || c == 0x0671)
			c = 0x0627;
		else if (c == 0x0649)
			c = 0x064a;
		else if (c == 0x0629)
			c = 0x0647;
		else if (c < 0x80)
			c = (uint32_t)u_tolower((UChar32)c);
		k += mq_utf8_encode(c, out + k);
	}
	out[k] = '\0';
	return k;
}

/* True if word (folded) is one of list (NULL-terminated). */
static bool
word_in(const char *word, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(word, *list) == 0)
			return true;
	return false;
}

/* Folded ordinals: أولاً ثانياً ... عاشراً, and "first".. for English. */
static const char *const ordinals[] = {
	"اولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا",
	"ثامنا", "تاسعا", "عاشرا", "اخيرا", NULL
};
static const char *const chapter_words[] = {
	"الفصل", "الباب", "الجزء", "المبحث", "القسم", "الكتاب", "المقاله",
	"chapter", "part", "section", "book", NULL
};
static const char *const byline_words[] = {
	"بقلم", "كتب", "كتبه", "كتبت", "اعداد", "حوار", "تصوير", "متابعات", "by", NULL
};
static const char *const dialogue_words[] = {
	"س", "ج", "سؤال", "جواب", "q", "a", NULL
};
static const char *const lead_in_words[] = {
	"قائلا", "بالقول", "يلي", "التالي", "الاتي", "كالتالي", "كالاتي",
	"فيه", "follows", NULL
};

/* The folded word of cp[i..] up to a space or punctuation; returns its end. */
static size_t
next_word(const uint32_t *cp, size_t n, size_t i, char *out, size_t outlen)
{
	size_t s = i;

	while (i < n && (u_isalnum((UChar32)cp[i]) || u_charType((UChar32)cp[i]) ==
	    U_NON_SPACING_MARK || cp[i] == 0x0640))
		i++;
	fold_word(cp + s, i - s, out, outlen);
	return i;
}

/* True for digits in any of the scripts articles use. */
static bool
is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669) ||
	    (c >= 0x06f0 && c <= 0x06f9);
}

/* Works out the facts of one paragraph. */
static void
features(const MqChars *c, const MqPara *p, Feat *f)
{
	const uint32_t *cp = c->cp;
	size_t n = c->len, s = 0, e = n, i, w;
	char word[64];
	uint32_t first, last;

	memset(f, 0, sizeof *f);
	while (s < n && skippable(cp[s]))
		s++;
	while (e > s && skippable(cp[e - 1]))
		e--;
	if (s == e)
		return;
	f->chars = (unsigned)(e - s);
	for (i = s; i < e; i++)
		if (!skippable(cp[i]) && (i == s || skippable(cp[i - 1])))
			f->words++;
	first = cp[s];
	last = cp[e - 1];
	(void)p;
	/* A sentence may end inside closing quotes or brackets: «...».  "..." */
	for (i = e; i > s + 1 && (cp[i - 1] == 0x00bb || cp[i - 1] == '"' ||
	    cp[i - 1] == 0x201d || cp[i - 1] == 0x2019 || cp[i - 1] == ')' ||
	    cp[i - 1] == '\''); i--)
		;
	if (i < e && strchr(".!?", (int)(cp[i - 1] < 0x80 ? cp[i - 1] : 1)) != NULL)
		last = cp[i - 1];

	f->control = first >= 0x2400 && first <= 0x2421;
	f->end_sentence = strchr(".!?,;", (int)(last < 0x80 ? last : 1)) != NULL ||
	    last == 0x061f || last == 0x060c || last == 0x061b || last == 0x2026 ||
	    last == 0x06d4;
	f->end_colon = last == ':' || last == 0xff1a;
	f->quote_start = first == 0x00ab || first == '"' || first == 0x201c ||
	    first == '\'' || first == 0x2018;
	f->quote = f->quote_start && (last == 0x00bb || last == '"' ||
	    last == 0x201d || last == '\'' || last == 0x2019);
	f->star = first == '*';
	f->bullet = first == 0x2022 || first == 0x25aa || first == 0x25cf ||
	    first == 0x00b7 || first == 0x2013 || first == 0x2014 ||
	    first == '>' || first == '+' || first == 0x25a0 ||
	    (first == '-' && s + 1 < e && !is_digit(cp[s + 1]));

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
			f->number = NUM_DIGITS;
	}
	w = next_word(cp, e, f->star || f->bullet ? s + 1 : s, word, sizeof word);
	while (w < e && skippable(cp[w]))
		w++;
	if (word_in(word, ordinals))
		f->number = NUM_ORDINAL;
	else if (word_in(word, chapter_words) && f->words >= 2 && f->words <= 8)
		f->number = NUM_CHAPTER;
	if (word_in(word, byline_words))
		f->byline = true;
	if (word_in(word, dialogue_words) && w < e && (cp[w] == ':' || cp[w] == '/'))
		f->dialogue = true;
	/* "PLACE – SOURCE" datelines and "(واس)"-style agency tags. */
	for (i = s; i + 2 < e; i++)
		if (skippable(cp[i]) && (cp[i + 1] == 0x2013 || cp[i + 1] == '-') &&
		    skippable(cp[i + 2]) && f->words <= 5 && !f->number)
			f->byline = true;
	if (f->end_colon) {
		/* the last word before the colon */
		for (i = e - 1; i > s && !skippable(cp[i - 1]); i--)
			;
		next_word(cp, e - 1, i, word, sizeof word);
		f->lead_in = word_in(word, lead_in_words);
	}
}

/* True if paragraph j is body text: long, joined, or a full sentence. */
static bool
is_body(const Feat *f, const MqPara *p)
{
	if (f->big || p->nlines > 1)
		return true;
	if (f->number || f->bullet)
		return false;
	return f->chars >= 100 || (f->end_sentence && f->chars >= 40 && f->words >= 6);
}

/* True if the line is short enough, and shaped, to be a heading at all. */
static bool
heading_form(const Feat *f, const MqPara *p)
{
	unsigned maxc = f->number ? 120 : 80, maxw = f->number ? 18 : 12;

	return !f->big && p->nlines == 1 && f->chars > 0 && f->chars <= maxc &&
	    f->words <= maxw && !f->end_sentence && !f->quote && !f->bullet &&
	    !f->byline && !f->dialogue && !f->control && !f->lead_in;
}

/* The heading's style, for levels. */
static int
style_of(const Feat *f)
{
	switch (f->number) {
	case NUM_ORDINAL:
		return STYLE_ORDINAL;
	case NUM_CHAPTER:
		return STYLE_CHAPTER;
	case NUM_DIGITS:
		return STYLE_DIGITS + (f->dots > 3 ? 3 : (int)f->dots);
	default:
		return f->star ? STYLE_STAR : STYLE_PLAIN;
	}
}

/* Appends a section; false when memory runs out. */
static bool
add_section(MqOutline *o, MqSectionKind kind, unsigned level, size_t para)
{
	const MqPara *p = mq_doc_para(o->doc, para);
	MqSection *s;

	if (!mq_grow((void **)&o->sec, &o->cap, o->nsec + 1, sizeof *o->sec))
		return false;
	s = &o->sec[o->nsec++];
	s->kind = kind;
	s->level = level;
	s->para = para;
	s->end_para = o->npara;
	s->line = p->line;
	s->span = p->span;
	if (o->nsec > 1)
		o->sec[o->nsec - 2].end_para = para;
	return true;
}

/* Decides every paragraph's role. */
static bool
classify(MqOutline *o, Feat *f)
{
	size_t n = o->npara, i, k;
	int level_of[NSTYLES];
	unsigned next_level = 1;
	const MqPara *p, *q;

	for (k = 0; k < NSTYLES; k++)
		level_of[k] = 0;
	i = 0;
	/* The title: a short first line that is not a bullet. */
	p = mq_doc_para(o->doc, 0);
	if (mq_doc_is_markdown(o->doc) ? n > 0 && p->kind == MQ_BLOCK_HEADING &&
	    p->level == 1 : n > 1 && !f[0].big && p->nlines == 1 &&
	    f[0].chars <= 200 && !f[0].bullet && !f[0].star && !f[0].control) {
		o->role[0] = MQ_ROLE_TITLE;
		if (!add_section(o, MQ_SECTION_TITLE, 0, 0))
			return false;
		i = 1;
	}
	/* Key points: a leading run of two or more bullet lines. */
	for (k = i; k < n && (mq_doc_is_markdown(o->doc) ?
	    mq_doc_para(o->doc, k)->kind == MQ_BLOCK_ITEM :
	    (f[k].bullet || f[k].star) && !f[k].big); k++)
		;
	if (k - i >= 2) {
		if (!add_section(o, MQ_SECTION_KEYPOINTS, 1, i))
			return false;
		for (; i < k; i++)
			o->role[i] = MQ_ROLE_KEYPOINT;
	}
	o->body_start = i;
	for (; i < n; i++) {
		bool heading = false, numbered = f[i].number != NUM_NONE;

		p = mq_doc_para(o->doc, i);
		if (mq_doc_is_markdown(o->doc)) {
			/* Markdown says what is what: headings carry their level. */
			if (p->kind == MQ_BLOCK_ITEM)
				o->role[i] = MQ_ROLE_ITEM;
			if (p->kind != MQ_BLOCK_HEADING)
				continue;
			o->role[i] = MQ_ROLE_HEADING;
			if (!add_section(o, MQ_SECTION_HEADING, p->level, i))
				return false;
			continue;
		}
		if (f[i].bullet || (f[i].number == NUM_DIGITS && !heading_form(&f[i], p))) {
			o->role[i] = MQ_ROLE_ITEM;
			continue;
		}
		if (heading_form(&f[i], p) && i + 1 < n) {
			bool titles, after_ok, apart;

			q = mq_doc_para(o->doc, i + 1);
			apart = p->blanks_before >= 2 && q->blanks_before >= 2;
			titles = is_body(&f[i + 1], q) || apart ||
			    (numbered && heading_form(&f[i + 1], q) &&
			    f[i + 1].number != NUM_NONE) ||
			    (f[i].number == NUM_CHAPTER && heading_form(&f[i + 1], q)) ||
			    ((f[i].end_colon || (i + 2 < n && f[i + 2].bullet)) &&
			    (f[i + 1].bullet || f[i + 1].number == NUM_DIGITS));
			if (f[i].end_colon && f[i + 1].quote_start)
				titles = false;
			after_ok = i == 0 || numbered || apart ||
			    o->role[i - 1] != MQ_ROLE_BODY ||
			    is_body(&f[i - 1], mq_doc_para(o->doc, i - 1));
			heading = titles && after_ok;
		}
		if (!heading)
			continue;
		o->role[i] = MQ_ROLE_HEADING;
		k = (size_t)style_of(&f[i]);
		if (level_of[k] == 0)
			level_of[k] = (int)(next_level < MAX_LEVEL ? next_level++ : MAX_LEVEL);
		if (!add_section(o, MQ_SECTION_HEADING, (unsigned)level_of[k], i))
			return false;
	}
	return true;
}

/* Adds the introduction: body paragraphs after the head, before the first heading. */
static bool
add_intro(MqOutline *o)
{
	size_t k, i, end = o->npara;
	MqSection *intro;

	for (k = 0; k < o->nsec && o->sec[k].kind != MQ_SECTION_HEADING; k++)
		;
	if (k < o->nsec)
		end = o->sec[k].para;
	for (i = o->body_start; i < end && o->role[i] != MQ_ROLE_BODY; i++)
		;
	if (i >= end)
		return true;
	if (!mq_grow((void **)&o->sec, &o->cap, o->nsec + 1, sizeof *o->sec))
		return false;
	memmove(o->sec + k + 1, o->sec + k, (o->nsec - k) * sizeof *o->sec);
	o->nsec++;
	intro = &o->sec[k];
	intro->kind = MQ_SECTION_INTRO;
	intro->level = 1;
	intro->para = i;
	intro->end_para = end;
	intro->line = mq_doc_para(o->doc, i)->line;
	intro->span.start = mq_doc_para(o->doc, i)->span.start;
	intro->span.end = mq_doc_para(o->doc, end - 1)->span.end;
	if (k > 0)
		o->sec[k - 1].end_para = i;
	return true;
}

/* Records which section each paragraph is in, and the blocks' spans. */
static void
index_sections(MqOutline *o)
{
	size_t i, k = 0;

	for (i = 0; i < o->npara; i++) {
		while (k < o->nsec && o->sec[k].para <= i)
			k++;
		o->sec_of[i] = k == 0 ? (size_t)-1 : k - 1;
	}
	for (k = 0; k < o->nsec; k++)
		if (o->sec[k].kind == MQ_SECTION_KEYPOINTS && o->sec[k].end_para > 0)
			o->sec[k].span.end = mq_doc_para(o->doc,
			    o->sec[k].end_para - 1)->span.end;
}

MqOutline *
mq_outline_new(MqDoc *doc)
{
	MqOutline *o = calloc(1, sizeof *o);
	MqText *t = mq_doc_text(doc);
	MqChars c = {0};
	Feat *f = NULL;
	size_t i;

	if (o == NULL)
		return NULL;
	o->doc = doc;
	o->npara = mq_doc_para_count(doc);
	if (mq_doc_failed(doc))
		goto fail;
	o->role = calloc(o->npara + 1, sizeof *o->role);
	o->sec_of = calloc(o->npara + 1, sizeof *o->sec_of);
	f = calloc(o->npara + 1, sizeof *f);
	if (o->role == NULL || o->sec_of == NULL || f == NULL)
		goto fail;
	for (i = 0; i < o->npara; i++) {
		const MqPara *p = mq_doc_para(doc, i);

		if (p->span.end - p->span.start > FEAT_MAX_BYTES || p->nlines > 1) {
			f[i].big = true;
			f[i].chars = f[i].words = 1000;
			continue;
		}
		if (!mq_text_decode(t, p->span.start, p->span.end, &c))
			goto fail;
		features(&c, p, &f[i]);
	}
	if (!classify(o, f) || !add_intro(o))
		goto fail;
	index_sections(o);
	free(f);
	mq_chars_free(&c);
	return o;
fail:
	free(f);
	mq_chars_free(&c);
	mq_outline_free(o);
	return NULL;
}

void
mq_outline_free(MqOutline *o)
{
	if (o == NULL)
		return;
	free(o->role);
	free(o->sec);
	free(o->sec_of);
	free(o);
}

size_t
mq_outline_count(const MqOutline *o)
{
	return o->nsec;
}

const MqSection *
mq_outline_section(const MqOutline *o, size_t i)
{
	return i < o->nsec ? &o->sec[i] : NULL;
}

MqParaRole
mq_outline_role(const MqOutline *o, size_t para)
{
	return para < o->npara ? (MqParaRole)o->role[para] : MQ_ROLE_BODY;
}

size_t
mq_outline_section_of(const MqOutline *o, size_t para)
{
	return para < o->npara ? o->sec_of[para] : (size_t)-1;
}

char *
mq_outline_title(MqDoc *doc, const MqSection *s, MqChars *c)
{
	bool rtl = mq_text_direction(mq_doc_text(doc)) == MQ_DIR_RTL;
	size_t a = 0, b;

	if (s->kind == MQ_SECTION_KEYPOINTS)
		return strdup(rtl ? "النقاط الرئيسية" : "Key points");
	if (s->kind == MQ_SECTION_INTRO)
		return strdup(rtl ? "المقدمة" : "Introduction");
	if (!mq_doc_decode(doc, mq_doc_para(doc, s->para), c))
		return NULL;
	b = c->len;
	while (a < b && skippable(c->cp[a]))
		a++;
	while (b > a && skippable(c->cp[b - 1]))
		b--;
	return mq_chars_utf8(c, a, b);
}

const char *
mq_section_kind_name(MqSectionKind kind)
{
	switch (kind) {
	case MQ_SECTION_TITLE:
		return "title";
	case MQ_SECTION_KEYPOINTS:
		return "keypoints";
	case MQ_SECTION_INTRO:
		return "intro";
	case MQ_SECTION_HEADING:
		return "heading";
	}
	return "?";
}
