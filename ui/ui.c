/*
 * ui/ui: a scrolling view over one article.
 *
 * The view is a position (paragraph, line within it) at the top of the
 * screen.  Paragraphs are laid out on demand at the current width and kept
 * in `cache`, indexed by paragraph; a resize empties the cache and keeps the
 * byte offset of the top line, so the same text stays at the top.
 */
#include "config.h"

#include <curses.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "ui.h"

typedef struct View {
	MqDoc *doc;
	MqLayout *layout;
	MqLayoutOptions opt;
	MqChars chars;
	MqParaLayout *cache;	/* laid-out paragraphs, by index */
	bool *have;
	size_t cache_cap;
	size_t top_para, top_line;	/* what is at the top of the screen */
	bool at_end;
} View;

/* Returns paragraph i laid out at the current width, or NULL past the end. */
static const MqParaLayout *
para_at(View *v, size_t i)
{
	const MqPara *p = mq_doc_para(v->doc, i);
	size_t old = v->cache_cap;

	if (p == NULL)
		return NULL;
	if (i >= v->cache_cap) {
		size_t cap = old;

		if (!mq_grow((void **)&v->cache, &cap, i + 1, sizeof *v->cache))
			return NULL;
		cap = old;
		if (!mq_grow((void **)&v->have, &cap, i + 1, sizeof *v->have))
			return NULL;
		memset(v->cache + old, 0, (cap - old) * sizeof *v->cache);
		memset(v->have + old, 0, (cap - old) * sizeof *v->have);
		v->cache_cap = cap;
	}
	if (!v->have[i]) {
		if (!mq_text_decode(mq_doc_text(v->doc), p->span.start, p->span.end,
		    &v->chars) ||
		    !mq_layout_paragraph(v->layout, &v->chars, &v->opt, &v->cache[i]))
			return NULL;
		v->have[i] = true;
	}
	return &v->cache[i];
}

/* Screen rows paragraph i takes: a blank separator row plus its lines. */
static size_t
para_rows(View *v, size_t i, const MqParaLayout *pl)
{
	const MqPara *p = mq_doc_para(v->doc, i);

	return pl->nlines + (p->blank_before ? 1 : 0);
}

/* Moves the top down by one row; false at the end of the article. */
static bool
step_down(View *v)
{
	const MqParaLayout *pl = para_at(v, v->top_para);

	if (pl == NULL)
		return false;
	if (v->top_line + 1 < para_rows(v, v->top_para, pl)) {
		v->top_line++;
		return true;
	}
	if (para_at(v, v->top_para + 1) == NULL)
		return false;
	v->top_para++;
	v->top_line = 0;
	return true;
}

/* Moves the top up by one row; false at the start. */
static bool
step_up(View *v)
{
	const MqParaLayout *pl;

	if (v->top_line > 0) {
		v->top_line--;
		return true;
	}
	if (v->top_para == 0)
		return false;
	v->top_para--;
	pl = para_at(v, v->top_para);
	v->top_line = pl ? para_rows(v, v->top_para, pl) - 1 : 0;
	return true;
}

/* Paints one laid-out line at row y. */
static void
paint_line(const MqParaLayout *pl, size_t k, int y, int cols)
{
	const MqLine *line = &pl->lines[k];
	int x = (int)line->indent;
	size_t c;

	for (c = 0; c < line->count; c++) {
		const MqCell *cell = &pl->cells[line->first + c];

		if (x + cell->width > cols)
			break;
		mvaddnstr(y, x, pl->text + cell->text, cell->len);
		x += cell->width;
	}
}

/* Draws the article from the top position, and the status line. */
static void
paint(View *v)
{
	int rows = LINES - 1, y = 0;
	size_t i = v->top_para, k = v->top_line;
	const MqParaLayout *pl;
	char status[256];

	erase();
	while (y < rows && (pl = para_at(v, i)) != NULL) {
		const MqPara *p = mq_doc_para(v->doc, i);
		size_t skip = p->blank_before ? 1 : 0;

		for (; k < pl->nlines + skip && y < rows; k++, y++)
			if (k >= skip)
				paint_line(pl, k - skip, y, COLS);
		i++;
		k = 0;
	}
	v->at_end = y < rows || para_at(v, i) == NULL;
	snprintf(status, sizeof status, " %s  %s",
	    mq_text_name(mq_doc_text(v->doc)),
	    v->at_end ? "(END)" : "");
	attron(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	mvaddnstr(LINES - 1, 0, status, COLS);
	attroff(A_REVERSE);
	refresh();
}

/* Drops every laid-out paragraph (after a resize). */
static void
forget_layout(View *v)
{
	size_t i;

	for (i = 0; i < v->cache_cap; i++)
		if (v->have[i]) {
			mq_para_layout_free(&v->cache[i]);
			v->have[i] = false;
		}
}

int
mq_ui_run(MqDoc *doc, const MqLayoutOptions *opt)
{
	View v = { .doc = doc, .opt = *opt };
	char *err = NULL;
	bool running = true;
	int key, i;

	if ((v.layout = mq_layout_new(&err)) == NULL) {
		fprintf(stderr, "maqal: %s\n", err);
		free(err);
		return 2;
	}
	/* maqal reorders: the terminal's own bidi goes to explicit mode (BDSM). */
	if (v.opt.bidi == MQ_BIDI_APP) {
		fputs("\033[8l", stdout);
		fflush(stdout);
	}
	if (initscr() == NULL) {
		fprintf(stderr, "maqal: cannot use the terminal\n");
		return 2;
	}
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	v.opt.width = COLS > 0 ? (unsigned)COLS : 1;
	while (running) {
		paint(&v);
		key = getch();
		switch (key) {
		case 'q':
			running = false;
			break;
		case 'j': case KEY_DOWN: case '\n':
			step_down(&v);
			break;
		case 'k': case KEY_UP:
			step_up(&v);
			break;
		case ' ': case 'f': case KEY_NPAGE:
			for (i = 0; i < LINES - 2 && !v.at_end; i++)
				step_down(&v);
			break;
		case 'b': case KEY_PPAGE:
			for (i = 0; i < LINES - 2; i++)
				step_up(&v);
			break;
		case 'g': case KEY_HOME:
			v.top_para = v.top_line = 0;
			break;
		case KEY_RESIZE:
			forget_layout(&v);
			v.opt.width = COLS > 0 ? (unsigned)COLS : 1;
			v.top_line = 0;
			break;
		default:
			break;
		}
	}
	endwin();
	if (v.opt.bidi == MQ_BIDI_APP) {
		fputs("\033[8h", stdout);
		fflush(stdout);
	}
	forget_layout(&v);
	free(v.cache);
	free(v.have);
	mq_chars_free(&v.chars);
	mq_layout_free(v.layout);
	return 0;
}
