/*
 * ui/help: the help screen, made from the one key table (ui/keys.c) for
 * the screen the reader is on, with the colours of names in an article.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "ui-private.h"

/*
 * Opens the help of the current screen: every key the key table binds
 * there, and in an article the colours of names.
 */
void
ui_help_open(Ui *ui)
{
	unsigned where = ui->current < 0 ? MQ_IN_LIST : ui->pane ? ui->pane->where :
	    MQ_IN_ARTICLE;
	UiHelpRow *rows;
	const MqKeyBinding *b;
	size_t n = 0;
	int accent = ui->colors ? COLOR_PAIR(PAIR_ACCENT) : 0;
	unsigned t;

	for (b = mq_keys; b->action != MQ_ACT_NONE; b++)
		n++;
	if ((rows = calloc(n + MQ_ENT_NTYPES + 2, sizeof *rows)) == NULL) {
		ui_notify(ui, "out of memory: no help");
		return;
	}
	n = 0;
	for (b = mq_keys; b->action != MQ_ACT_NONE; b++)
		if (b->where & where)
			rows[n++] = (UiHelpRow){ b->label, b->help, accent };
	if (where == MQ_IN_ARTICLE || where == MQ_IN_NAMES) {
		rows[n++] = (UiHelpRow){ "", "", 0 };
		rows[n++] = (UiHelpRow){ "Names:", ui->colors ?
		    "coloured by type (e turns the colours off)" :
		    "underlined (e turns this off)", A_BOLD };
		for (t = 0; t < MQ_ENT_NTYPES; t++)
			rows[n++] = (UiHelpRow){ mq_entity_type_name(t),
			    ui_name_style[t].what, ui_name_attr(ui, t) };
	}
	free(ui->help.rows);
	ui->help.rows = rows;
	ui->help.n = n;
	ui->help.top = 0;
	ui->help.title = ui->current < 0 ? "maqal: keys in the article list" :
	    ui->pane ? ui->pane->title : "maqal: keys in an article";
	ui->mode = UI_HELP;
}

/* Rows of the help a screen shows. */
static size_t
help_page(void)
{
	return LINES - 3 > 1 ? (size_t)(LINES - 3) : 1;
}

/* Draws the help from its top row, with a line that says how to go on. */
void
ui_help_paint(Ui *ui)
{
	size_t k;
	int y;

	erase();
	attron(A_BOLD);
	mvaddnstr(0, 1, ui->help.title, COLS - 1);
	attroff(A_BOLD);
	for (y = 2, k = ui->help.top; k < ui->help.n && y < LINES - 1; k++, y++) {
		const UiHelpRow *r = &ui->help.rows[k];

		attron(r->attr);
		mvaddnstr(y, 2, r->label, COLS - 2);
		attroff(r->attr);
		if (COLS > 24)
			mvaddnstr(y, 22, r->text, COLS - 22);
	}
	attron(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	mvaddnstr(LINES - 1, 0, k < ui->help.n ? " Space: more; any other key to go back" :
	    " press any key to go back", COLS);
	attroff(A_REVERSE);
	refresh();
}

/*
 * A key in the help: Space, j, f, Down and PageDown page on while there is
 * more, b, k, Up and PageUp back; any other key closes it.
 */
void
ui_help_key(Ui *ui, int key)
{
	size_t page = help_page(), top = ui->help.top, n = ui->help.n;
	bool more = top + page < n;

	if ((key == ' ' || key == 'j' || key == 'f' || key == KEY_DOWN ||
	    key == KEY_NPAGE) && more)
		ui->help.top += page;
	else if ((key == 'b' || key == 'k' || key == KEY_UP || key == KEY_PPAGE) &&
	    top > 0)
		ui->help.top = top > page ? top - page : 0;
	else
		ui_help_close(ui);
}

/* Leaves the help for the screen it was opened from. */
void
ui_help_close(Ui *ui)
{
	free(ui->help.rows);
	ui->help.rows = NULL;
	ui->help.n = 0;
	ui->mode = UI_READ;
}
