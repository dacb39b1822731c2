/*
 * ui/view: an article's reading view.
 *
 * The position is (top_para, top_row): a paragraph index and a row inside
 * it, a row of core/rows (a paragraph's separator row, then its lines).
 * The rows keep CACHE_SLOTS paragraphs' layouts, so a screen (always fewer
 * paragraphs than slots) is laid out once and a keystroke re-lays out only
 * paragraphs that were not laid out at this width; memory stays bounded
 * however far the reader goes.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "core/rows.h"
#include "view.h"

#define CACHE_SLOTS 1024

struct MqView {
	MqDoc *doc;
	MqRows *rows;
	size_t top_para, top_row;
	bool at_end;
	const MqOutline *outline;
	int title_attr, heading_attr;
	MqViewMarks marks;
};

MqView *
mq_view_new(MqDoc *doc, MqLayout *layout)
{
	MqView *v = calloc(1, sizeof *v);

	if (v == NULL)
		return NULL;
	if ((v->rows = mq_rows_new(doc, layout, CACHE_SLOTS)) == NULL) {
		free(v);
		return NULL;
	}
	v->doc = doc;
	v->marks.marked = -1;
	return v;
}

void
mq_view_free(MqView *v)
{
	if (v == NULL)
		return;
	mq_rows_free(v->rows);
	free(v);
}

size_t
mq_view_top_offset(const MqView *v)
{
	return mq_rows_offset(v->rows, v->top_para, v->top_row);
}

unsigned
mq_view_top_line(const MqView *v)
{
	const MqPara *p = mq_doc_para(v->doc, v->top_para);

	return p ? p->line : 1;
}

void
mq_view_configure(MqView *v, const MqLayoutOptions *opt)
{
	size_t anchor, i, sep;
	const MqParaLayout *pl;

	if (mq_rows_configured_as(v->rows, opt))
		return;		/* (every paint asks: most often nothing changed) */
	anchor = mq_view_top_offset(v);
	mq_rows_configure(v->rows, opt);
	/* The same paragraph stays on top; find the line holding the anchor. */
	pl = mq_rows_layout(v->rows, v->top_para);
	if (pl == NULL) {
		v->top_para = v->top_row = 0;
		return;
	}
	sep = mq_rows_sep(v->rows, v->top_para);
	if (v->top_row < sep)
		return;
	v->top_row = sep;
	for (i = 1; i < pl->nlines; i++)
		if (mq_rows_line_start(pl, &pl->lines[i], 0) <= anchor)
			v->top_row = sep + i;
}

/* Counts rows from the top position onward, stopping at limit. */
static size_t
rows_below(MqView *v, size_t limit)
{
	size_t i = v->top_para, n = 0, r;

	r = mq_rows_count(v->rows, i);
	n = r > v->top_row ? r - v->top_row : 0;
	while (n < limit && (r = mq_rows_count(v->rows, ++i)) > 0)
		n += r;
	return n;
}

/* One row down; false at the last row. */
static bool
step_down(MqView *v)
{
	if (v->top_row + 1 < mq_rows_count(v->rows, v->top_para)) {
		v->top_row++;
		return true;
	}
	if (mq_rows_count(v->rows, v->top_para + 1) == 0)
		return false;
	v->top_para++;
	v->top_row = 0;
	return true;
}

/* One row up; false at the first row. */
static bool
step_up(MqView *v)
{
	size_t r;

	if (v->top_row > 0) {
		v->top_row--;
		return true;
	}
	if (v->top_para == 0)
		return false;
	r = mq_rows_count(v->rows, v->top_para - 1);
	if (r == 0)
		return false;
	v->top_para--;
	v->top_row = r - 1;
	return true;
}

long
mq_view_scroll(MqView *v, long n, int rows)
{
	long moved = 0;

	if (n > 0) {
		/* Never past the point where the last row is at the bottom. */
		while (moved < n && rows_below(v, (size_t)rows + 1) > (size_t)rows &&
		    step_down(v))
			moved++;
	} else {
		while (moved < -n && step_up(v))
			moved++;
		moved = -moved;
	}
	return moved;
}

void
mq_view_top(MqView *v)
{
	v->top_para = v->top_row = 0;
}

void
mq_view_bottom(MqView *v, int rows)
{
	size_t n = mq_doc_para_count(v->doc), need = rows > 0 ? (size_t)rows : 1;
	size_t r, have = 0;

	if (n == 0) {
		mq_view_top(v);
		return;
	}
	v->top_para = n - 1;
	v->top_row = 0;
	for (;;) {
		r = mq_rows_count(v->rows, v->top_para);
		if (have + r >= need) {
			v->top_row = have + r - need;
			return;
		}
		have += r;
		if (v->top_para == 0)
			return;
		v->top_para--;
	}
}

void
mq_view_set_outline(MqView *v, const MqOutline *o, int title_attr,
    int heading_attr)
{
	v->outline = o;
	v->title_attr = title_attr;
	v->heading_attr = heading_attr;
}

void
mq_view_set_marks(MqView *v, const MqViewMarks *m)
{
	v->marks = *m;
}

/* True if row of para is among the first rows rows from the top. */
static bool
row_visible(MqView *v, size_t para, size_t row, int rows)
{
	size_t i, n;

	if (rows <= 0 || para < v->top_para ||
	    (para == v->top_para && row < v->top_row))
		return false;
	if (para == v->top_para)
		return row - v->top_row < (size_t)rows;
	n = mq_rows_count(v->rows, v->top_para) - v->top_row;
	for (i = v->top_para + 1; i < para && n < (size_t)rows; i++)
		n += mq_rows_count(v->rows, i);
	return n + row < (size_t)rows;
}

bool
mq_view_offset_visible(MqView *v, size_t offset, int rows)
{
	size_t para, row;

	return mq_rows_locate(v->rows, offset, &para, &row) && row_visible(v, para, row, rows);
}

void
mq_view_show_offset(MqView *v, size_t offset, int rows)
{
	size_t para, row;
	long want = rows > 2 ? rows / 3 : 0;

	if (!mq_rows_locate(v->rows, offset, &para, &row) || row_visible(v, para, row, rows))
		return;
	v->top_para = para;
	v->top_row = row;
	while (want-- > 0 && step_up(v))
		;
}

MqViewPos
mq_view_pos(const MqView *v)
{
	MqViewPos pos = { v->top_para, v->top_row };

	return pos;
}

void
mq_view_set_pos(MqView *v, MqViewPos pos)
{
	v->top_para = pos.para;
	v->top_row = pos.row;
}

void
mq_view_goto(MqView *v, size_t para)
{
	if (mq_doc_para(v->doc, para) == NULL)
		return;
	v->top_para = para;
	v->top_row = mq_rows_sep(v->rows, para);
}

size_t
mq_view_top_para(const MqView *v)
{
	return v->top_para;
}

bool
mq_view_para_visible_from_top(const MqView *v, size_t para)
{
	if (para != v->top_para)
		return para > v->top_para;
	return v->top_row <= mq_rows_sep(v->rows, para);
}

/* The attribute a paragraph is drawn with. */
static int
para_attr(const MqView *v, size_t i)
{
	if (v->outline == NULL)
		return 0;
	switch (mq_outline_role(v->outline, i)) {
	case MQ_ROLE_TITLE:
		return v->title_attr;
	case MQ_ROLE_HEADING:
		return v->heading_attr;
	default:
		return 0;
	}
}

/* The curses attributes for a cell's style bits. */
static int
style_attr(uint8_t style)
{
	int a = 0;

	if (style & MQ_STYLE_BOLD)
		a |= A_BOLD;
	if (style & MQ_STYLE_ITALIC)
		a |= A_ITALIC;
	if (style & MQ_STYLE_CODE)
		a |= A_DIM;
	if (style & MQ_STYLE_LINK)
		a |= A_UNDERLINE;
	return a;
}

/* The highlight for a cell showing file bytes [start, end), or 0. */
static int
mark_attr(const MqViewMarks *mk, size_t start, size_t end)
{
	const MqMention *m;
	size_t n, k, lo, hi;

	if (end <= start)
		end = start + 1;	/* a cell that stands for no bytes of its own */
	if (mk->nmatches > 0) {
		/* the first match ending after start */
		for (lo = 0, hi = mk->nmatches; lo < hi; ) {
			size_t mid = lo + (hi - lo) / 2;

			if (mk->matches[mid].end <= start)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < mk->nmatches && mk->matches[lo].start < end)
			return (long)lo == mk->match ? mk->match_current_attr : mk->match_attr;
	}
	if (mk->ents == NULL)
		return 0;
	if (mk->current.end > mk->current.start && start < mk->current.end &&
	    mk->current.start < end)
		return mk->current_attr;
	m = mq_entities_mentions(mk->ents, &n);
	k = mq_entities_find(mk->ents, start);
	if (k >= n || m[k].start >= end)
		return 0;
	if (mk->marked >= 0 && m[k].entity == (uint32_t)mk->marked)
		return mk->marked_attr;
	return mk->by_type && m[k].type < MQ_ENT_NTYPES ? mk->type_attr[m[k].type] : 0;
}

/* Paints one line of cells at row y, in columns [x0, x0 + cols). */
static void
paint_line(const MqView *v, const MqParaLayout *pl, const MqLine *line, int y,
    int x0, int cols)
{
	int x = (int)line->indent;
	size_t c;

	for (c = 0; c < line->count; c++) {
		const MqCell *cell = &pl->cells[line->first + c];
		int a = style_attr(cell->style) | mark_attr(&v->marks, cell->start,
		    cell->end);

		if (x + cell->width > cols)
			break;
		if (a)
			attron(a);
		mvaddnstr(y, x0 + x, pl->text + cell->text, cell->len);
		if (a)
			attroff(a);
		x += cell->width;
	}
}

void
mq_view_paint_para_line(MqView *v, size_t para, int y, int x0, int cols,
    int attr)
{
	const MqParaLayout *pl = mq_rows_layout(v->rows, para);

	move(y, x0);
	clrtoeol();
	if (pl == NULL || pl->nlines == 0)
		return;
	attron(attr);
	mvhline(y, x0, ' ', cols);
	paint_line(v, pl, &pl->lines[0], y, x0, cols);
	attroff(attr);
}

bool
mq_view_paint(MqView *v, int y0, int rows, int x0, int cols)
{
	size_t i = v->top_para, k = v->top_row, sep;
	const MqParaLayout *pl;
	int y = y0, attr;

	rows += y0;
	while (y < rows && (pl = mq_rows_layout(v->rows, i)) != NULL) {
		sep = mq_rows_sep(v->rows, i);
		attr = para_attr(v, i);
		for (; k < pl->nlines + sep && y < rows; k++, y++) {
			move(y, x0);
			clrtoeol();
			if (k >= sep) {
				attron(attr);
				paint_line(v, pl, &pl->lines[k - sep], y, x0, cols);
				attroff(attr);
			}
		}
		i++;
		k = 0;
	}
	for (; y < rows; y++) {
		move(y, x0);
		clrtoeol();
	}
	v->at_end = mq_rows_layout(v->rows, i) == NULL;
	return !mq_doc_failed(v->doc);
}

bool
mq_view_at_end(const MqView *v)
{
	return v->at_end;
}
