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
#define NO_SECTION UINT32_MAX	/* (line numbers are 32 bits too: so are paragraphs) */

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
	STAGE_HEAD,		/* the title and the key points */
	STAGE_BODY,		/* the paragraphs after them, from `next` on */
	STAGE_DONE,
	STAGE_FAILED
} Stage;

struct MqOutline {
	MqDoc *doc;
	Stage stage;
	const MqHeadModel *m;	/* (plain text) */
	MqHeadDoc *h;		/* (plain text, until done) */
	size_t next;		/* the next paragraph to read or classify */
	size_t npara;		/* (from STAGE_HEAD on) */
	uint8_t *role;		/* MqParaRole per paragraph */
	MqSection *sec;
	size_t nsec, cap;
	uint32_t *sec_of;	/* section index per paragraph, NO_SECTION before the first */
	size_t body_start;	/* first paragraph after the title and key points */
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
	s->span = mq_para_span(p);
	if (o->nsec > 1)
		o->sec[o->nsec - 2].end_para = para;
	return true;
}

/*
 * True if the first paragraph of plain text is its title: not a bullet,
 * and a heading to the model (which never takes a table of contents'
 * entry for one).
 */
static bool
plain_title(const MqHeadDoc *h, const MqHeadModel *m)
{
	const MqHeadFacts *f = mq_head_doc_facts(h, 0);

	return !f->bullet && !f->star && !f->control && model_heading(h, m, 0);
}

/* The title and the key points: decides the roles of the first paragraphs. */
static bool
classify_head(MqOutline *o)
{
	const MqHeadDoc *h = o->h;
	size_t n = o->npara, i = 0, k;
	bool md = mq_doc_marked_up(o->doc);
	const MqPara *p = mq_doc_para(o->doc, 0);

	if (md ? n > 0 && p->kind == MQ_BLOCK_HEADING && p->level == 1 :
	    n > 1 && plain_title(h, o->m)) {
		o->role[0] = MQ_ROLE_TITLE;
		if (!add_section(o, MQ_SECTION_TITLE, 0, 0))
			return false;
		i = 1;
	}
	/* Key points: a leading run of two or more bullet lines. */
	for (k = i; k < n && (md ? mq_doc_para(o->doc, k)->kind == MQ_BLOCK_ITEM :
	    (mq_head_doc_facts(h, k)->bullet || mq_head_doc_facts(h, k)->star) &&
	    !mq_head_doc_facts(h, k)->big); k++)
		;
	if (k - i >= 2) {
		if (!add_section(o, MQ_SECTION_KEYPOINTS, 1, i))
			return false;
		for (; i < k; i++)
			o->role[i] = MQ_ROLE_KEYPOINT;
	}
	o->body_start = o->next = i;
	o->next_level = 1;
	return true;
}

/* Decides the roles of up to n more paragraphs of the body. */
static bool
classify_body(MqOutline *o, size_t n)
{
	const MqHeadDoc *h = o->h;
	bool md = mq_doc_marked_up(o->doc);
	size_t i, k;

	for (i = o->next; i < o->npara && n > 0; i++, n--) {
		const MqPara *p = mq_doc_para(o->doc, i);
		const MqHeadFacts *f;

		if (md) {
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
		f = mq_head_doc_facts(h, i);
		if (!model_heading(h, o->m, i)) {
			if (!f->big && (f->bullet || f->number == MQ_NUM_DIGITS ||
			    f->number == MQ_NUM_LETTER))
				o->role[i] = MQ_ROLE_ITEM;
			continue;
		}
		o->role[i] = MQ_ROLE_HEADING;
		k = (size_t)style_of(f);
		if (o->level_of[k] == 0)
			o->level_of[k] = (int)(o->next_level < MAX_LEVEL ?
			    o->next_level++ : MAX_LEVEL);
		if (!add_section(o, MQ_SECTION_HEADING, (unsigned)o->level_of[k], i))
			return false;
	}
	o->next = i;
	return true;
}

/* Adds the introduction: body paragraphs after the head, before the first heading. */
static bool
add_intro(MqOutline *o, const MqHeadDoc *h)
{
	size_t k, i, end = o->npara;
	MqSection *intro;

	for (k = 0; k < o->nsec && o->sec[k].kind != MQ_SECTION_HEADING; k++)
		;
	if (k < o->nsec)
		end = o->sec[k].para;
	/* (a rule under the title is not where the introduction starts) */
	for (i = o->body_start; i < end && (o->role[i] != MQ_ROLE_BODY ||
	    (h != NULL && mq_head_doc_facts(h, i)->rule)); i++)
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
	intro->span.start = mq_para_start(mq_doc_para(o->doc, i));
	intro->span.end = mq_para_end(mq_doc_para(o->doc, end - 1));
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
		o->sec_of[i] = k == 0 ? NO_SECTION : (uint32_t)(k - 1);
	}
	for (k = 0; k < o->nsec; k++)
		if (o->sec[k].kind == MQ_SECTION_KEYPOINTS && o->sec[k].end_para > 0)
			o->sec[k].span.end = mq_para_end(mq_doc_para(o->doc,
			    o->sec[k].end_para - 1));
}

MqOutline *
mq_outline_new(MqDoc *doc)
{
	return mq_outline_new_with(doc, NULL);
}

MqOutline *
mq_outline_new_with(MqDoc *doc, const MqHeadModel *m)
{
	MqOutline *o = mq_outline_start(doc, m);

	while (o != NULL && !mq_outline_done(o))
		if (!mq_outline_scan(o, SIZE_MAX)) {
			mq_outline_free(o);
			return NULL;
		}
	return o;
}

MqOutline *
mq_outline_start(MqDoc *doc, const MqHeadModel *m)
{
	MqOutline *o = calloc(1, sizeof *o);

	if (o == NULL)
		return NULL;
	o->doc = doc;
	if (!mq_doc_marked_up(doc)) {
		o->m = m != NULL ? m : mq_head_model_builtin(NULL);
		if (o->m == NULL || (o->h = mq_head_doc_start(doc)) == NULL) {
			free(o);
			return NULL;
		}
	}
	return o;
}

/* Reads up to n more paragraphs; true when all are read. */
static bool
read_paras(MqOutline *o, size_t n, bool *failed)
{
	int r;

	if (o->h != NULL) {
		if ((r = mq_head_doc_read(o->h, n)) < 0)
			*failed = true;
		return r != 0;
	}
	for (; n > 0; n--, o->next++)
		if (mq_doc_para(o->doc, o->next) == NULL) {
			*failed = mq_doc_failed(o->doc);
			return true;
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
		o->npara = mq_doc_para_count(o->doc);
		o->role = calloc(o->npara + 1, sizeof *o->role);
		o->sec_of = calloc(o->npara + 1, sizeof *o->sec_of);
		if (o->role == NULL || o->sec_of == NULL)
			goto fail;
		o->stage = STAGE_HEAD;
		o->next = 0;
		return true;	/* (a step of its own: it read the last paragraphs) */
	}
	if (o->stage == STAGE_HEAD) {
		if (!classify_head(o))
			goto fail;
		o->stage = STAGE_BODY;
	}
	if (o->stage == STAGE_BODY) {
		if (!classify_body(o, n))
			goto fail;
		if (o->next < o->npara)
			return true;
		if (!add_intro(o, o->h))
			goto fail;
		index_sections(o);
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
	case STAGE_HEAD:
	case STAGE_BODY:
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
	free(o->sec_of);
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
	return mq_outline_done(o) && para < o->npara ? (MqParaRole)o->role[para] :
	    MQ_ROLE_BODY;
}

size_t
mq_outline_section_of(const MqOutline *o, size_t para)
{
	return mq_outline_done(o) && para < o->npara && o->sec_of[para] != NO_SECTION ?
	    o->sec_of[para] : (size_t)-1;
}

size_t
mq_outline_section_at(const MqOutline *o, size_t offset)
{
	return mq_outline_section_of(o, mq_doc_para_at(o->doc, offset));
}

MqSpan
mq_outline_span(const MqOutline *o, size_t k)
{
	MqSpan all = { 0, mq_text_size(mq_doc_text(o->doc)) }, span = all;
	const MqPara *p;

	if (k >= mq_outline_count(o) || (p = mq_doc_para(o->doc, o->sec[k].para)) == NULL)
		return all;
	span.start = mq_para_start(p);
	if (k + 1 < o->nsec && (p = mq_doc_para(o->doc, o->sec[k + 1].para)) != NULL)
		span.end = mq_para_start(p);
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
	if (!mq_doc_decode(doc, mq_doc_para(doc, s->para), c))
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
