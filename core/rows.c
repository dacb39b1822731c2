/*
 * core/rows: paragraphs to rows (see rows.h).  A slot holds one
 * paragraph's layout; paragraph i lives in slot i % nslots.
 */
#include "config.h"

#include <stdlib.h>

#include "rows.h"

typedef struct Slot {
	size_t para;
	bool used;
	MqParaLayout pl;
} Slot;

struct MqRows {
	MqDoc *doc;
	MqLayout *layout;
	MqLayoutOptions opt;
	bool configured;
	MqChars chars;		/* scratch: the paragraph decoded */
	Slot *slots;
	size_t nslots;
};

MqRows *
mq_rows_new(MqDoc *doc, MqLayout *layout, size_t slots)
{
	MqRows *r = calloc(1, sizeof *r);

	if (r == NULL)
		return NULL;
	r->nslots = slots > 0 ? slots : 1;
	if ((r->slots = calloc(r->nslots, sizeof *r->slots)) == NULL) {
		free(r);
		return NULL;
	}
	r->doc = doc;
	r->layout = layout;
	return r;
}

void
mq_rows_free(MqRows *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nslots; i++)
		mq_para_layout_free(&r->slots[i].pl);
	free(r->slots);
	mq_chars_free(&r->chars);
	free(r);
}

bool
mq_rows_configured_as(const MqRows *r, const MqLayoutOptions *opt)
{
	const MqLayoutOptions *o = &r->opt;

	return r->configured && opt->width == o->width && opt->dir == o->dir &&
	    opt->fallback == o->fallback && opt->shape == o->shape &&
	    opt->bidi == o->bidi;
}

bool
mq_rows_configure(MqRows *r, const MqLayoutOptions *opt)
{
	size_t i;

	if (mq_rows_configured_as(r, opt))
		return false;
	r->opt = *opt;
	r->configured = true;
	for (i = 0; i < r->nslots; i++)
		r->slots[i].used = false;
	return true;
}

const MqParaLayout *
mq_rows_layout(MqRows *r, size_t i)
{
	const MqPara *p = mq_doc_para(r->doc, i);
	Slot *s = &r->slots[i % r->nslots];
	MqLayoutOptions opt;

	if (p == NULL)
		return NULL;
	if (s->used && s->para == i)
		return &s->pl;
	s->used = false;
	opt = r->opt;
	if (p->kind == MQ_BLOCK_CODE)
		opt.dir = MQ_DIRMODE_LTR;	/* code reads left to right */
	if (!mq_doc_decode(r->doc, p, &r->chars) ||
	    !mq_layout_paragraph(r->layout, &r->chars, &opt, &s->pl))
		return NULL;
	s->para = i;
	s->used = true;
	return &s->pl;
}

const MqParaLayout *
mq_rows_kept(const MqRows *r, size_t i)
{
	const Slot *s = &r->slots[i % r->nslots];

	return s->used && s->para == i ? &s->pl : NULL;
}

size_t
mq_rows_sep(MqRows *r, size_t i)
{
	const MqPara *p = mq_doc_para(r->doc, i);

	return p != NULL && p->blanks_before > 0 ? 1 : 0;
}

size_t
mq_rows_count(MqRows *r, size_t i)
{
	const MqParaLayout *pl = mq_rows_layout(r, i);

	return pl == NULL ? 0 : pl->nlines + mq_rows_sep(r, i);
}

size_t
mq_rows_line_start(const MqParaLayout *pl, const MqLine *line, size_t fallback)
{
	size_t k, best = (size_t)-1;

	for (k = 0; k < line->count; k++)
		if (pl->cells[line->first + k].start < best)
			best = pl->cells[line->first + k].start;
	return best == (size_t)-1 ? fallback : best;
}

size_t
mq_rows_offset(MqRows *r, size_t i, size_t row)
{
	const MqPara *p = mq_doc_para(r->doc, i);
	const MqParaLayout *pl = mq_rows_kept(r, i);
	size_t sep;

	if (p == NULL)
		return 0;
	sep = p->blanks_before > 0 ? 1 : 0;
	if (pl == NULL || row < sep || row - sep >= pl->nlines)
		return mq_para_start(p);
	return mq_rows_line_start(pl, &pl->lines[row - sep], mq_para_start(p));
}

bool
mq_rows_locate(MqRows *r, size_t offset, size_t *para, size_t *row)
{
	const MqParaLayout *pl;
	size_t i, k, line = 0, sep;

	*para = mq_doc_para_at(r->doc, offset);
	if ((pl = mq_rows_layout(r, *para)) == NULL)
		return false;
	sep = mq_rows_sep(r, *para);
	for (i = 0; i < pl->nlines; i++) {
		const MqLine *l = &pl->lines[i];

		for (k = 0; k < l->count; k++) {
			const MqCell *c = &pl->cells[l->first + k];

			if (c->start <= offset && offset < c->end) {
				*row = sep + i;
				return true;
			}
		}
		if (mq_rows_line_start(pl, l, (size_t)-1) <= offset)
			line = i;	/* a space dropped at a break: the line before */
	}
	*row = sep + line;
	return true;
}
