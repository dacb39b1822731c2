/*
 * ui/pane-outline: the outline pane — the article's sections, the one at
 * the top of the text selected; Enter goes to the selected one.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "ui-private.h"

/* Columns of the outline pane (the whole screen when narrow). */
static int
outline_width(void)
{
	return COLS < 60 ? COLS : (COLS / 3 > 24 ? COLS / 3 : 24);
}

/* Opens the outline on the section at the top. */
static void
open_outline(Ui *ui)
{
	long cur;

	ui_need_outline(ui);
	cur = ui_current_index(ui);

	ui->pane_sel = cur < 0 ? 0 : (size_t)cur;
}

/* Draws the outline pane over the left of the article. */
static void
paint_outline(Ui *ui, int rows)
{
	Article *e = ui_article(ui);
	size_t n = e->outline ? mq_outline_count(e->outline) : 0;
	long cur = ui_current_index(ui);
	int w = outline_width(), y;

	ui_keep_in_view(&ui->pane_sel, &ui->pane_top, n, rows);
	for (y = 0; y < rows; y++) {
		size_t k = ui->pane_top + (size_t)y;
		const MqSection *s;
		char *title;
		int indent;

		move(y, 0);
		if (k == ui->pane_sel)
			attron(A_REVERSE);
		mvhline(y, 0, ' ', w);
		if (y == 0 && n == 0)
			mvaddnstr(0, 1, "(no sections)", w - 1);
		if (k < n && (s = mq_outline_section(e->outline, k)) != NULL) {
			indent = 2 + 2 * (int)(s->level > 0 ? s->level - 1 : 0);
			if ((long)k == cur)
				mvaddstr(y, 0, ">");
			if ((title = ui_section_title(ui, s)) != NULL &&
			    indent < w - 1 && ui_lay_string(ui, title, w - 1 - indent))
				ui_paint_cells(ui, y, indent, w - 1 - indent);
			free(title);
		}
		if (k == ui->pane_sel)
			attroff(A_REVERSE);
		if (w < COLS)
			mvaddch(y, w, ACS_VLINE);
	}
}

/* Carries out one action in the outline pane. */
static void
act_outline(Ui *ui, MqAction a)
{
	Article *e = ui_article(ui);
	size_t n = e->outline ? mq_outline_count(e->outline) : 0;

	switch (a) {
	case MQ_ACT_DOWN:
		if (ui->pane_sel + 1 < n)
			ui->pane_sel++;
		break;
	case MQ_ACT_UP:
		if (ui->pane_sel > 0)
			ui->pane_sel--;
		break;
	case MQ_ACT_TOP:
		ui->pane_sel = 0;
		break;
	case MQ_ACT_BOTTOM:
		ui->pane_sel = n ? n - 1 : 0;
		break;
	case MQ_ACT_OPEN:
		ui_show_section(ui, ui->pane_sel);
		ui->pane = NULL;
		break;
	default:
		break;
	}
}

const UiPane ui_outline_pane = {
	.title = "maqal: keys in the outline",
	.toggle = MQ_ACT_OUTLINE,
	.where = MQ_IN_PANE,
	.width = outline_width,
	.open = open_outline,
	.paint = paint_outline,
	.act = act_outline,
};
