/*
 * core/outline: headings in plain text and Markdown.
 *
 * Markdown says what a heading is (# and Setext lines).  In plain text a
 * heading is whatever the heading model (core/heading) scores above zero:
 * every paragraph that is short enough gets its features measured against
 * the document, and the model, trained on our gold data, weighs them.  The
 * few things that are certain stay rules: the title is the first paragraph
 * when the model takes it for a heading; a leading run of two or more
 * bullet lines is the key points; a bullet or numbered line that is not a
 * heading is a list item; body paragraphs before the first heading are the
 * introduction.
 *
 * Levels: each heading has a style (ordinal word, chapter word, number with
 * N dots, letter, Roman numeral, '*', plain); the first style met in the
 * article is level 1, the next new one level 2, and so on — the way a
 * reader infers nesting from typography.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heading.h"
#include "outline.h"
#include "util.h"

#define MAX_LEVEL 6

enum {
	STYLE_ORDINAL,
	STYLE_CHAPTER,
	STYLE_LETTER,
	STYLE_ROMAN,
	STYLE_DIGITS,		/* + dots, up to 3 */
	STYLE_STAR = STYLE_DIGITS + 4,
	STYLE_PLAIN,
	NSTYLES
};

/* How far finding the sections has come (mq_outline_scan). */
typedef enum Stage {
	STAGE_READ,		/* reading paragraphs (and their facts, in plain text) */
	STAGE_CLASSIFY,		/* deciding what each is, from `next` on */
	STAGE_DONE,
	STAGE_FAILED
} Stage;

/* Where the paragraph being classified stands. */
typedef enum Phase {
	PHASE_TITLE,		/* the first: the title? */
	PHASE_KEYS_START,	/* the first after the title: key points begin? */
	PHASE_KEYS,		/* in the key points */
	PHASE_BODY
} Phase;

struct MqOutline {
	MqDoc *doc;
	Stage stage;
	bool lean;		/* one look (mq_outline_new_batch): no roles, a window */
	const MqHeadModel *m;	/* (plain text) */
	MqHeadDoc *h;		/* (plain text, until done) */
	size_t next;		/* the next paragraph to read or classify */
	size_t npara;		/* (from STAGE_CLASSIFY on) */
	size_t end;		/* (once done) the end of the last paragraph */
	uint8_t *role;		/* MqParaRole per paragraph (not lean) */
	MqSection *sec;
	size_t nsec, cap;
	Phase phase;
	bool heading_met;	/* a heading is among the sections */
	bool intro_met;		/* intro holds the introduction, for before it */
	MqSection intro;
	int level_of[NSTYLES];	/* the level of each heading style met, or 0 */
	unsigned next_level;	/* the level of the next new style */
};

/* The heading's style, for levels. */
static int
style_of(const MqHeadFacts *f)
{
	switch (f->number) {
	case MQ_NUM_ORDINAL:
		return STYLE_ORDINAL;
	case MQ_NUM_CHAPTER:
		return STYLE_CHAPTER;
	case MQ_NUM_LETTER:
		return STYLE_LETTER;
	case MQ_NUM_ROMAN:
		return STYLE_ROMAN;
	case MQ_NUM_DIGITS:
		return STYLE_DIGITS + (f->dots > 3 ? 3 : (int)f->dots);
	default:
		return f->star ? STYLE_STAR : STYLE_PLAIN;
	}
}

/* True if the model takes paragraph i for a heading. */
static bool
model_heading(const MqHeadDoc *h, const MqHeadModel *m, size_t i)
{
	uint8_t feat[MQ_HEAD_MAXACTIVE];
	size_t n = mq_head_features(h, i, feat);

	return n > 0 && mq_head_score(m, feat, n) > 0;
}

/* Section of kind and level starting at paragraph para. */
static MqSection
section(MqOutline *o, MqSectionKind kind, unsigned level, size_t para)
{
	MqSection s = { .kind = kind, .level = level, .para = para, .end_para = o->npara };
	const MqPara *p;

	if (para > 0)
		s.from = mq_para_end(mq_doc_para(o->doc, para - 1));
	p = mq_doc_para(o->doc, para);
	s.line = p->line;
	s.span = mq_para_span(p);
	return s;
}

/* True for a section whose span is a block of paragraphs, not one heading. */
static bool
is_block(const MqSection *s)
{
	return s->kind == MQ_SECTION_KEYPOINTS || s->kind == MQ_SECTION_INTRO;
}

/* Appends section s, which ends the one before it; false when memory runs out. */
static bool
add_section(MqOutline *o, const MqSection *s)
{
	MqSection *before = o->nsec > 0 ? &o->sec[o->nsec - 1] : NULL;

	if (before != NULL) {
		before->end_para = s->para;
		if (is_block(before))
			before->span.end = s->from;
	}
	if (!mq_grow((void **)&o->sec, &o->cap, o->nsec + 1, sizeof *o->sec))
		return false;
	o->sec[o->nsec++] = *s;
	return true;
}

/* Adds a section of kind and level at paragraph para; false when memory runs out. */
static bool
add_at(MqOutline *o, MqSectionKind kind, unsigned level, size_t para)
{
	MqSection s = section(o, kind, level, para);

	return add_section(o, &s);
}

static void
set_role(MqOutline *o, size_t i, MqParaRole r)
{
	if (o->role != NULL)
		o->role[i] = (uint8_t)r;
}

/*
 * True if the first paragraph is the title: a level-1 Markdown heading;
 * in plain text not a bullet, and a heading to the model (which never
 * takes a table of contents' entry for one).
 */
static bool
is_title(MqOutline *o)
{
	const MqHeadFacts *f;
	const MqPara *p;

	if (o->h == NULL) {
		p = mq_doc_para(o->doc, 0);
		return p->kind == MQ_BLOCK_HEADING && p->level == 1;
	}
	f = mq_head_doc_facts(o->h, 0);
	return o->npara > 1 && !f->bullet && !f->star && !f->control &&
	    model_heading(o->h, o->m, 0);
}

/* True if paragraph i can be a key point: a bullet line. */
static bool
key_point(MqOutline *o, size_t i)
{
	const MqHeadFacts *f;

	if (o->h == NULL)
		return mq_doc_para(o->doc, i)->kind == MQ_BLOCK_ITEM;
	f = mq_head_doc_facts(o->h, i);
	return (f->bullet || f->star) && !f->big;
}

/* Decides the role of paragraph i of the body; false when memory runs out. */
static bool
classify_body(MqOutline *o, size_t i)
{
	const MqPara *p = mq_doc_para(o->doc, i);
	const MqHeadFacts *f = o->h != NULL ? mq_head_doc_facts(o->h, i) : NULL;
	unsigned level;
	size_t k;

	if (f == NULL ? p->kind != MQ_BLOCK_HEADING : !model_heading(o->h, o->m, i)) {
		if (f == NULL ? p->kind == MQ_BLOCK_ITEM : !f->big && (f->bullet ||
		    f->number == MQ_NUM_DIGITS || f->number == MQ_NUM_LETTER)) {
			set_role(o, i, MQ_ROLE_ITEM);
			return true;
		}
		/* The introduction: from the first body paragraph before any
		 * heading (a rule under the title is not where it starts). */
		if (!o->heading_met && !o->intro_met && (f == NULL || !f->rule)) {
			o->intro = section(o, MQ_SECTION_INTRO, 1, i);
			o->intro_met = true;
		}
		return true;
	}
	set_role(o, i, MQ_ROLE_HEADING);
	if (!o->heading_met && o->intro_met && !add_section(o, &o->intro))
		return false;
	o->heading_met = true;
	if (f == NULL)
		/* Markdown says what is what: headings carry their level. */
		level = p->level;
	else {
		k = (size_t)style_of(f);
		if (o->level_of[k] == 0)
			o->level_of[k] = (int)(o->next_level < MAX_LEVEL ?
			    o->next_level++ : MAX_LEVEL);
		level = (unsigned)o->level_of[k];
	}
	return add_at(o, MQ_SECTION_HEADING, level, i);
}

/*
 * Decides the role of paragraph i, the next: the title, the key points
 * (a leading run of two or more bullet lines), then the body.  false when
 * memory runs out.
 */
static bool
classify(MqOutline *o, size_t i)
{
	if (o->phase == PHASE_TITLE) {
		o->phase = PHASE_KEYS_START;
		if (is_title(o)) {
			set_role(o, i, MQ_ROLE_TITLE);
			return add_at(o, MQ_SECTION_TITLE, 0, i);
		}
	}
	if (o->phase == PHASE_KEYS_START) {
		o->phase = PHASE_BODY;
		if (key_point(o, i) && i + 1 < o->npara && key_point(o, i + 1)) {
			o->phase = PHASE_KEYS;
			if (!add_at(o, MQ_SECTION_KEYPOINTS, 1, i))
				return false;
		}
	}
	if (o->phase == PHASE_KEYS) {
		if (key_point(o, i)) {
			set_role(o, i, MQ_ROLE_KEYPOINT);
			return true;
		}
		o->phase = PHASE_BODY;
	}
	return classify_body(o, i);
}

/*
 * Makes paragraphs i - 2 to i + 2 readable, forgetting those before them
 * when lean; false when memory runs out.
 */
static bool
window(MqOutline *o, size_t i)
{
	if (o->h != NULL)
		return mq_head_doc_window(o->h, i);
	if (!o->lean)
		return true;
	if (i >= 2)
		mq_doc_forget(o->doc, i - 2);
	return mq_doc_para(o->doc, i + 2 < o->npara ? i + 2 : o->npara - 1) != NULL;
}

/* Classifies up to n more paragraphs; false when memory runs out. */
static bool
classify_some(MqOutline *o, size_t n)
{
	for (; o->next < o->npara && n > 0; o->next++, n--)
		if (!window(o, o->next) || !classify(o, o->next))
			return false;
	return true;
}

/* After the last paragraph: the introduction if no heading followed it, the ends. */
static bool
finish(MqOutline *o)
{
	MqSection *last;

	o->end = o->npara > 0 ? mq_para_end(mq_doc_para(o->doc, o->npara - 1)) : 0;
	if (!o->heading_met && o->intro_met && !add_section(o, &o->intro))
		return false;
	last = o->nsec > 0 ? &o->sec[o->nsec - 1] : NULL;
	if (last != NULL && is_block(last))
		last->span.end = o->end;
	return true;
}

MqOutline *
mq_outline_new(MqDoc *doc)
{
	return mq_outline_new_with(doc, NULL);
}

/* Reads and classifies every paragraph; NULL (o freed) when memory runs out. */
static MqOutline *
run(MqOutline *o)
{
	while (o != NULL && !mq_outline_done(o))
		if (!mq_outline_scan(o, SIZE_MAX)) {
			mq_outline_free(o);
			return NULL;
		}
	return o;
}

MqOutline *
mq_outline_new_with(MqDoc *doc, const MqHeadModel *m)
{
	return run(mq_outline_start(doc, m));
}

/* A new outline of doc, with model m, lean or not. */
static MqOutline *
start(MqDoc *doc, const MqHeadModel *m, bool lean)
{
	MqOutline *o = calloc(1, sizeof *o);

	if (o == NULL)
		return NULL;
	o->doc = doc;
	o->lean = lean;
	o->next_level = 1;
	if (!mq_doc_marked_up(doc)) {
		o->m = m != NULL ? m : mq_head_model_builtin(NULL);
		/* lean: facts kept while they take at most half the file's size */
		if (o->m == NULL || (o->h = mq_head_doc_start_window(doc, lean ?
		    mq_text_size(mq_doc_text(doc)) / 2 : SIZE_MAX)) == NULL) {
			free(o);
			return NULL;
		}
	}
	return o;
}

MqOutline *
mq_outline_start(MqDoc *doc, const MqHeadModel *m)
{
	return start(doc, m, false);
}

MqOutline *
mq_outline_new_batch(MqDoc *doc)
{
	mq_doc_rewind(doc);	/* (whatever was read or forgotten before) */
	return run(start(doc, NULL, true));
}

/* Reads up to n more paragraphs; true when all are read. */
static bool
read_paras(MqOutline *o, size_t n, bool *failed)
{
	int r;

	if (o->h != NULL) {
		if ((r = mq_head_doc_read(o->h, n)) < 0)
			*failed = true;
		else if (r > 0)
			o->next = mq_head_doc_count(o->h);
		return r != 0;
	}
	for (; n > 0; n--, o->next++) {
		if (mq_doc_para(o->doc, o->next) == NULL) {
			*failed = mq_doc_failed(o->doc);
			if (o->lean)
				mq_doc_rewind(o->doc);
			return true;
		}
		if (o->lean)
			mq_doc_forget(o->doc, o->next);
	}
	return false;
}

bool
mq_outline_scan(MqOutline *o, size_t n)
{
	bool failed = false;

	if (o->stage == STAGE_READ) {
		if (!read_paras(o, n, &failed))
			return true;
		if (failed)
			goto fail;
		o->npara = o->next;
		if (!o->lean && (o->role = calloc(o->npara + 1, sizeof *o->role)) == NULL)
			goto fail;
		o->stage = STAGE_CLASSIFY;
		o->next = 0;
		return true;	/* (a step of its own: it read the last paragraphs) */
	}
	if (o->stage == STAGE_CLASSIFY) {
		if (!classify_some(o, n))
			goto fail;
		if (o->next < o->npara)
			return true;
		if (!finish(o))
			goto fail;
		mq_head_doc_free(o->h);
		o->h = NULL;
		o->stage = STAGE_DONE;
	}
	return o->stage != STAGE_FAILED;
fail:
	o->stage = STAGE_FAILED;
	mq_head_doc_free(o->h);
	o->h = NULL;
	return false;
}

bool
mq_outline_done(const MqOutline *o)
{
	return o->stage == STAGE_DONE;
}

double
mq_outline_progress(const MqOutline *o)
{
	size_t size = mq_text_size(mq_doc_text(o->doc)), read;

	switch (o->stage) {
	case STAGE_READ:
		/* reading is most of the work: as far as the paragraphs read so far */
		read = o->h != NULL ? mq_head_doc_count(o->h) : o->next;
		return read > 0 && size > 0 ? 0.7 * (double)mq_para_end(mq_doc_para(o->doc,
		    read - 1)) / (double)size : 0;
	case STAGE_CLASSIFY:
		return 0.7 + 0.3 * (o->npara ? (double)o->next / (double)o->npara : 1);
	default:
		return 1;
	}
}

void
mq_outline_free(MqOutline *o)
{
	if (o == NULL)
		return;
	mq_head_doc_free(o->h);
	free(o->role);
	free(o->sec);
	free(o);
}

size_t
mq_outline_count(const MqOutline *o)
{
	return mq_outline_done(o) ? o->nsec : 0;
}

const MqSection *
mq_outline_section(const MqOutline *o, size_t i)
{
	return i < mq_outline_count(o) ? &o->sec[i] : NULL;
}

MqParaRole
mq_outline_role(const MqOutline *o, size_t para)
{
	return mq_outline_done(o) && o->role != NULL && para < o->npara ?
	    (MqParaRole)o->role[para] : MQ_ROLE_BODY;
}

/*
 * The last section k whose key (para, or from, as by_para says) is at
 * most x, or (size_t)-1.
 */
static size_t
last_at_most(const MqOutline *o, size_t x, bool by_para)
{
	size_t lo = 0, hi = mq_outline_count(o);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((by_para ? o->sec[mid].para : o->sec[mid].from) <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? lo - 1 : (size_t)-1;
}

size_t
mq_outline_section_of(const MqOutline *o, size_t para)
{
	return para < o->npara ? last_at_most(o, para, true) : (size_t)-1;
}

size_t
mq_outline_section_at(const MqOutline *o, size_t offset)
{
	return offset < o->end ? last_at_most(o, offset, false) : (size_t)-1;
}

MqSpan
mq_outline_span(const MqOutline *o, size_t k)
{
	MqSpan span = { 0, mq_text_size(mq_doc_text(o->doc)) };

	if (k >= mq_outline_count(o))
		return span;
	span.start = o->sec[k].span.start;	/* (its first paragraph's start) */
	if (k + 1 < o->nsec)
		span.end = o->sec[k + 1].span.start;
	return span;
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
	if (!mq_doc_decode_span(doc, s->span, c))
		return NULL;
	b = c->len;
	while (a < b && mq_head_skippable(c->cp[a]))
		a++;
	while (b > a && mq_head_skippable(c->cp[b - 1]))
		b--;
	return mq_chars_utf8(c, a, b);
}

const char *
mq_outline_kind_name(MqSectionKind kind)
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
