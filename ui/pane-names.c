/*
 * ui/pane-names: the names pane — the names found so far, grouped by type
 * (a heading for each), most mentioned first; Enter marks a name and goes
 * to its first mention, / searches for it.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-private.h"

/* Columns of the names pane (the whole screen when narrow). */
static int
names_width(void)
{
	return COLS < 60 ? COLS : (COLS / 2 > 30 ? COLS / 2 : 30);
}

/*
 * Makes the names pane's rows from the names found so far: each type with
 * names gets a heading, then its names, most mentioned first.  The
 * selection stays on the same name.
 */
void
ui_build_name_rows(Ui *ui)
{
	Article *e = ui_article(ui);
	long keep = ui->npane_sel < ui->nnrows ? ui->nrows[ui->npane_sel].entity : -1;
	size_t n = 0, k, r = 0;
	uint32_t *rank;
	const MqEntity *list;
	NameRow *rows;

	list = e->names ? mq_entities_list(e->names, &n) : NULL;
	ui->nrows_ents = n;
	rank = n ? mq_entities_ranked(e->names, &n) : NULL;
	rows = n ? calloc(n + MQ_ENT_NTYPES, sizeof *rows) : NULL;
	if (n > 0 && rows == NULL) {
		free(rank);
		ui_notify(ui, "out of memory: names not listed");
		return;
	}
	for (k = 0; k < n; k++) {
		MqEntityType t = list[rank[k]].type;

		if (k == 0 || list[rank[k - 1]].type != t)
			rows[r++] = (NameRow){ t, -1 };
		if ((long)rank[k] == keep)
			ui->npane_sel = r;
		rows[r++] = (NameRow){ t, (long)rank[k] };
	}
	free(rank);
	free(ui->nrows);
	ui->nrows_ms = ui_now_ms();
	ui->nrows = rows;
	ui->nnrows = r;
	if (keep < 0 && r > 1)
		ui->npane_sel = 1;	/* the first name, under its heading */
}

/* Draws the names pane over the left of the article. */
static void
paint_names(Ui *ui, int rows)
{
	Article *e = ui_article(ui);
	int w = names_width(), y;
	size_t n = 0;
	const MqEntity *list = e->names ? mq_entities_list(e->names, &n) : NULL;
	char count[32];
	int cw = 1;
	size_t most = 0, k;

	/* while names are being found, the rows are remade once a second */
	if (e->names && n != ui->nrows_ents &&
	    (mq_entities_done(e->names) || ui_now_ms() - ui->nrows_ms >= 1000))
		ui_build_name_rows(ui);
	ui_keep_in_view(&ui->npane_sel, &ui->npane_top, ui->nnrows, rows);
	/* the counts sit in one column on the left, as wide as the largest */
	for (k = 0; k < ui->nnrows; k++)
		if (ui->nrows[k].entity >= 0 && list[ui->nrows[k].entity].count > most)
			most = list[ui->nrows[k].entity].count;
	for (; most >= 10; most /= 10)
		cw++;
	for (y = 0; y < rows; y++) {
		const NameRow *row;
		int nx = 2 + cw + 2;	/* the mark, the count, two spaces */

		k = ui->npane_top + (size_t)y;
		row = k < ui->nnrows ? &ui->nrows[k] : NULL;

		move(y, 0);
		if (k == ui->npane_sel)
			attron(A_REVERSE);
		mvhline(y, 0, ' ', w);
		if (y == 0 && ui->nnrows == 0)
			mvaddnstr(0, 1, e->names == NULL ? "(names are not looked for)" :
			    mq_entities_done(e->names) ? "(no names found)" :
			    "(looking for names...)", w - 1);
		if (row != NULL && row->entity < 0) {
			attron(A_BOLD | ui_name_attr(ui, row->type));
			mvaddnstr(y, 1, mq_entity_type_name(row->type), w - 1);
			attroff(A_BOLD | ui_name_attr(ui, row->type));
		} else if (row != NULL) {
			const MqEntity *en = &list[row->entity];

			snprintf(count, sizeof count, "%*zu", cw, en->count);
			if (row->entity == e->marked)
				mvaddstr(y, 0, ">");
			if (nx < w)
				mvaddnstr(y, 2, count, w - 2);
			/* the name in its own direction, in the columns left */
			if (w - 1 - nx > 0)
				ui_paint_fitted(ui, en->name, y, nx, w - 1 - nx, false,
				    MQ_DIRMODE_AUTO);
		}
		if (k == ui->npane_sel)
			attroff(A_REVERSE);
		if (w < COLS)
			mvaddch(y, w, ACS_VLINE);
	}
}

/* Carries out one action in the names pane. */
static void
act_names(Ui *ui, MqAction a)
{
	Article *e = ui_article(ui);
	int page = ui_text_rows();
	const NameRow *row;
	size_t ne;

	switch (a) {
	case MQ_ACT_DOWN:	/* to the next name, over a type's heading */
		if (ui->npane_sel + 1 < ui->nnrows)
			ui->npane_sel++;
		if (ui->npane_sel + 1 < ui->nnrows && ui->nrows[ui->npane_sel].entity < 0)
			ui->npane_sel++;
		break;
	case MQ_ACT_UP:
		if (ui->npane_sel > 0)
			ui->npane_sel--;
		if (ui->npane_sel > 0 && ui->nrows[ui->npane_sel].entity < 0)
			ui->npane_sel--;
		break;
	case MQ_ACT_PAGE_DOWN:
		ui->npane_sel += (size_t)page;
		if (ui->npane_sel >= ui->nnrows)
			ui->npane_sel = ui->nnrows ? ui->nnrows - 1 : 0;
		break;
	case MQ_ACT_PAGE_UP:
		ui->npane_sel = ui->npane_sel > (size_t)page ? ui->npane_sel - (size_t)page : 0;
		break;
	case MQ_ACT_TOP:
		ui->npane_sel = ui->nnrows > 1 ? 1 : 0;	/* the first name */
		break;
	case MQ_ACT_BOTTOM:
		ui->npane_sel = ui->nnrows ? ui->nnrows - 1 : 0;
		break;
	case MQ_ACT_SEARCH_NAME:
		if (ui->npane_sel >= ui->nnrows || ui->nrows[ui->npane_sel].entity < 0)
			break;
		row = &ui->nrows[ui->npane_sel];
		ui->pane = NULL;
		ui->smode = MQ_SEARCH_FOLD;
		e->scope.start = 0;
		e->scope.end = mq_text_size(mq_doc_text(e->doc));
		mq_prompt_set(&ui->prompt, mq_entities_list(e->names, &ne)[row->entity].name);
		mq_prompt_remember(&ui->prompt);
		memcpy(ui->pattern, ui->prompt.text, ui->prompt.len + 1);
		ui_run_search(ui, ui->pattern, 1, 0, true);
		break;
	case MQ_ACT_OPEN:
		if (ui->npane_sel >= ui->nnrows)
			break;
		row = &ui->nrows[ui->npane_sel];
		if (row->entity < 0) {
			ui_notify(ui, "that is the heading of the %s: pick a name under it",
			    ui_name_style[row->type].what);
			break;
		}
		e->marked = row->entity;
		ui->pane = NULL;
		ui_go_mention(ui, mq_entities_list(e->names, &ne)[row->entity].first);
		break;
	default:
		break;
	}
}

const UiPane ui_names_pane = {
	.title = "maqal: keys in the names",
	.toggle = MQ_ACT_NAMES_PANE,
	.where = MQ_IN_NAMES,
	.width = names_width,
	.open = ui_build_name_rows,
	.paint = paint_names,
	.act = act_names,
};
