/*
 * ui/list: the list of articles, when there are several.  Titles are read
 * lazily, from the first 16 KiB of a file, when a row comes into view (or
 * when the list is filtered); the filter matches titles and file names
 * folded as search folds.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fold.h"
#include "core/util.h"
#include "ui-private.h"

/* Human size: 512B, 12.3K, 4.5M. */
static void
human_size(off_t size, char *buf, size_t len)
{
	if (size < 1024)
		snprintf(buf, len, "%ldB", (long)size);
	else if (size < 1024 * 1024)
		snprintf(buf, len, "%.1fK", (double)size / 1024);
	else
		snprintf(buf, len, "%.1fM", (double)size / (1024 * 1024));
}

/* Reads the start of a file for its title; NULL with *err on failure. */
static MqText *
open_head(const MqUiItem *item, char **err)
{
	char buf[TITLE_BYTES];
	ssize_t got;
	int fd;

	fd = open(item->path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		mq_set_error(err, "%s", strerror(errno));
		return NULL;
	}
	got = read(fd, buf, sizeof buf);
	close(fd);
	if (got < 0) {
		mq_set_error(err, "%s", strerror(errno));
		return NULL;
	}
	return mq_text_new_from_memory(item->name, buf, (size_t)got, err);
}

/* Fills in article i's title and direction, once. */
static void
read_title(Ui *ui, size_t i)
{
	Article *e = &ui->articles[i];
	MqText *head = ui->items[i].text ? ui->items[i].text : e->text;
	MqText *mine = NULL;
	const MqPara *p;
	MqDoc *doc;
	char *err = NULL, *colon;

	if (e->title_read)
		return;
	e->title_read = true;
	if (head == NULL && (head = mine = open_head(&ui->items[i], &err)) == NULL) {
		/* "name: why" -> "why" */
		colon = err ? strstr(err, ": ") : NULL;
		e->error = colon ? strdup(colon + 2) : err;
		if (colon)
			free(err);
		return;
	}
	e->dir = mq_text_direction(head);
	doc = mq_doc_new(head);
	if (doc != NULL && (p = mq_doc_para(doc, 0)) != NULL &&
	    mq_doc_decode(doc, p, &ui->chars))
		e->title = mq_chars_utf8(&ui->chars, 0, 400);
	mq_doc_free(doc);
	mq_text_free(mine);
}

/*
 * Article i's title and file name folded for the filter (as search folds:
 * case, harakat, hamza forms, digits), made once; NULL when memory ran out.
 */
static const char *
folded_label(Ui *ui, size_t i)
{
	Article *e = &ui->articles[i];
	char *both;
	size_t len;

	if (e->folded != NULL)
		return e->folded;
	read_title(ui, i);
	if ((both = mq_format("%s\n%s", e->title ? e->title : "",
	    ui->items[i].name)) == NULL)
		return NULL;
	len = strlen(both);
	if ((e->folded = malloc(len * MQ_FOLD_MAX * 4 + 1)) != NULL)
		mq_fold_utf8(both, len, e->folded, len * MQ_FOLD_MAX * 4 + 1);
	free(both);
	return e->folded;
}

/* Recomputes the rows the filter lets through (titles or file names). */
void
ui_apply_filter(Ui *ui)
{
	char want[sizeof ui->filter * MQ_FOLD_MAX * 4];
	const char *label;
	size_t i;

	mq_fold_utf8(ui->filter, strlen(ui->filter), want, sizeof want);
	ui->nshown = 0;
	for (i = 0; i < ui->n; i++) {
		if (want[0] != '\0' && ((label = folded_label(ui, i)) == NULL ||
		    strstr(label, want) == NULL))
			continue;
		ui->shown[ui->nshown++] = i;
	}
	if (ui->sel >= ui->nshown)
		ui->sel = ui->nshown ? ui->nshown - 1 : 0;
}

/* Columns of the widest file name in the list (code point widths), once. */
static int
names_width(Ui *ui)
{
	size_t i, k, len;
	uint32_t cp;
	int w;

	if (ui->name_w > 0)
		return ui->name_w;
	for (i = 0; i < ui->n; i++) {
		const unsigned char *p = (const unsigned char *)ui->items[i].name;

		len = strlen(ui->items[i].name);
		for (k = 0, w = 0; k < len; w += (int)mq_cp_width(cp))
			k += mq_utf8_decode(p + k, len - k, &cp);
		if (w > ui->name_w)
			ui->name_w = w;
	}
	if (ui->name_w < 1)
		ui->name_w = 1;
	return ui->name_w;
}

/*
 * Draws the article list: direction, size, the file name (cut at its
 * start when long, so the name of the file itself shows) and the title.
 */
void
ui_paint_list(Ui *ui, int rows)
{
	int y, name_x = 14, name_w = names_width(ui), title_x, title_w;
	char size[32];

	if (name_w > (COLS - name_x) / 3)
		name_w = (COLS - name_x) / 3;
	title_x = name_x + name_w + 2;
	title_w = COLS - title_x;
	ui_keep_in_view(&ui->sel, &ui->list_top, ui->nshown, rows);
	for (y = 0; y < rows; y++) {
		size_t row = ui->list_top + (size_t)y, i;
		Article *e;

		move(y, 0);
		clrtoeol();
		if (row >= ui->nshown)
			continue;
		i = ui->shown[row];
		e = &ui->articles[i];
		read_title(ui, i);
		if (row == ui->sel)
			attron(A_REVERSE);
		mvhline(y, 0, ' ', COLS);
		human_size(ui->items[i].size, size, sizeof size);
		mvprintw(y, 0, " %s %7s", e->error ? "!!!" :
		    e->dir == MQ_DIR_RTL ? "RTL" : "LTR", size);
		ui_paint_fitted(ui, ui->items[i].name, y, name_x, name_w, true,
		    MQ_DIRMODE_LTR);
		if (e->error)
			ui_paint_fitted(ui, e->error, y, title_x, title_w, false,
			    MQ_DIRMODE_AUTO);
		else if (e->title && e->title[0])
			ui_paint_fitted(ui, e->title, y, title_x, title_w, false,
			    MQ_DIRMODE_AUTO);
		if (row == ui->sel)
			attroff(A_REVERSE);
	}
}

/*
 * Opens the list's filter line, an editor of the prompt (so typed Arabic
 * shows joined, in visual order), with the filter so far.
 */
void
ui_filter_open(Ui *ui)
{
	mq_prompt_start(&ui->fprompt);
	mq_prompt_set(&ui->fprompt, ui->filter);
	ui->mode = UI_FILTER;
}

/* Draws the filter line over the status line. */
void
ui_filter_paint(Ui *ui)
{
	attron(A_REVERSE);
	mq_prompt_paint(&ui->fprompt, "/", LINES - 1, COLS, ui->layout,
	    &ui->opt, &ui->chars, &ui->pl);
	attroff(A_REVERSE);
}

/*
 * A key on the filter line: the list is filtered as the user types; Enter
 * keeps the filter, Esc clears it.
 */
void
ui_filter_key(Ui *ui, int got, wint_t ch)
{
	MqPromptResult r = mq_prompt_key(&ui->fprompt, got, ch);

	if (r == MQ_PROMPT_CANCEL)
		mq_prompt_start(&ui->fprompt);
	if (r == MQ_PROMPT_CHANGED || r == MQ_PROMPT_CANCEL) {
		snprintf(ui->filter, sizeof ui->filter, "%s", ui->fprompt.text);
		ui->sel = 0;
		ui_apply_filter(ui);
	}
	if (r == MQ_PROMPT_ENTER || r == MQ_PROMPT_CANCEL)
		ui->mode = UI_READ;
}
