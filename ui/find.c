/*
 * ui/find: search in the open article — the matches of the last search,
 * moving between them, and the search line (a mode of the reader's loop:
 * matches light up as the pattern is typed).
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-private.h"

/*
 * Shows match k (the status line counts it: match 3/17); wrapped, if not
 * NULL, is said in a notice.
 */
static void
go_match(Ui *ui, size_t k, const char *wrapped)
{
	Article *e = ui_article(ui);

	e->match = (long)k;
	mq_view_show_offset(e->view, e->matches[k].start, ui_text_rows());
	if (wrapped)
		ui_notify(ui, "search wrapped to the %s", wrapped);
}

/* Goes to the first match at or after from (dir > 0), or the last before it, wrapping. */
static void
go_match_from(Ui *ui, size_t from, int dir)
{
	Article *e = ui_article(ui);
	size_t n = e->nmatches, k;

	for (k = 0; k < n && e->matches[k].start < from; k++)
		;
	if (dir > 0)
		go_match(ui, k < n ? k : 0, k < n ? NULL : "start");
	else
		go_match(ui, k > 0 ? k - 1 : n - 1, k > 0 ? NULL : "end");
}

/* Makes the open article's searcher, the first time; false with a notice when memory runs out. */
static bool
open_search(Ui *ui)
{
	Article *e = ui_article(ui);

	if (e->search == NULL && (e->search = mq_search_new(mq_doc_text(e->doc))) == NULL) {
		ui_notify(ui, "out of memory: cannot search");
		return false;
	}
	return true;
}

void
ui_search_clear(Article *e)
{
	mq_search_stop(e->run);
	e->run = NULL;
	e->run_move = false;
	e->nmatches = 0;
	e->matches_cut = false;
	e->match = -1;
}

bool
ui_searching(const Ui *ui)
{
	return ui->current >= 0 && ui_article(ui)->run != NULL;
}

/*
 * Whether the match a move waits for is known before the search is over:
 * going forward, one at or after from; going back, the one before the
 * first at or after from.
 */
static bool
wanted_known(const Article *e)
{
	size_t n = e->nmatches;

	if (n == 0 || e->matches[n - 1].start < e->run_from)
		return false;
	return e->run_dir > 0 || e->matches[0].start < e->run_from;
}

/*
 * Reads on in the open article's search for about ms (less when a move
 * waits for a match and it is found), then moves, or says how it went
 * when the search is over.  false when it found nothing or failed (the
 * notice says why).
 */
static bool
search_for(Ui *ui, long long ms)
{
	Article *e = ui_article(ui);
	long long until = ui_now_ms() + ms;
	char *err = NULL;
	int st;

	do
		st = mq_search_step(e->run, SEARCH_STEP, MAX_MATCHES, &e->matches,
		    &e->nmatches, &err);
	while (st == 0 && ui_now_ms() < until && !(e->run_move && wanted_known(e)));
	if (st < 0) {
		ui_search_clear(e);
		ui_notify(ui, "%s", err ? err : "out of memory");
		free(err);
		return false;
	}
	if (st > 0) {
		e->matches_cut = mq_search_cut(e->run);
		mq_search_stop(e->run);
		e->run = NULL;
	}
	if (e->run_move && (e->run == NULL || wanted_known(e)) && e->nmatches > 0) {
		e->run_move = false;
		go_match_from(ui, e->run_from, e->run_dir);
	}
	if (e->run != NULL) {	/* the status line counts on */
		size_t done = mq_search_read(e->run) - e->scope.start;
		size_t all = e->scope.end - e->scope.start;

		if (e->match < 0)
			ui_notify(ui, "searching... %u%%", all ? (unsigned)(done * 100 / all) : 0);
		else if (strncmp(ui->notice, "searching", 9) == 0)
			ui->notice[0] = '\0';
		return true;
	}
	if (strncmp(ui->notice, "searching", 9) == 0)
		ui->notice[0] = '\0';
	if (e->nmatches == 0) {
		ui_notify(ui, "no match%s", e->scope.start > 0 ||
		    e->scope.end < mq_text_size(mq_doc_text(e->doc)) ? " in this section" : "");
		return false;
	}
	if (e->match < 0)
		ui_notify(ui, "%zu match%s%s", e->nmatches, e->nmatches == 1 ? "" : "es",
		    e->matches_cut ? " (the first ones)" : "");
	return true;
}

/*
 * Searches the open article for pattern (in ui->smode, within e->scope)
 * and, with move, goes to the first match at or after from (dir > 0) or
 * the last before it, wrapping around.  A long search reads for
 * SEARCH_FIRST_MS, moves as soon as the match is found, and goes on
 * between keys (ui_search_more), the status line counting.  false when
 * nothing matched or the pattern is bad (the notice says why).
 */
bool
ui_run_search(Ui *ui, const char *pattern, int dir, size_t from, bool move)
{
	Article *e = ui_article(ui);
	char *err = NULL;

	ui_search_clear(e);
	if (*pattern == '\0' || !open_search(ui))
		return false;
	if ((e->run = mq_search_start(e->search, pattern, ui->smode, e->scope, &err)) == NULL) {
		ui_notify(ui, "%s", err ? err : "out of memory");
		free(err);
		return false;
	}
	e->run_move = move;
	e->run_dir = dir;
	e->run_from = from;
	return search_for(ui, SEARCH_FIRST_MS);
}

bool
ui_search_more(Ui *ui)
{
	const Article *e = ui_article(ui);
	bool waiting = e->run_move;

	(void)search_for(ui, SEARCH_SLICE_MS);
	return e->run == NULL || (waiting && !e->run_move);
}

/* n and N: the next or previous match, from the one the reader is at. */
void
ui_step_match(Ui *ui, int dir)
{
	Article *e = ui_article(ui);
	size_t n = e->nmatches, from;

	if (n == 0) {
		ui_notify(ui, ui->pattern[0] ? "no matches (Esc cleared them, or none)" :
		    "no search yet: press / to search");
		return;
	}
	/* from the match the reader is at when it is on screen, else the top */
	if (e->match >= 0 && mq_view_offset_visible(e->view,
	    e->matches[e->match].start, ui_text_rows()))
		from = e->matches[e->match].start + (dir > 0 ? 1 : 0);
	else
		from = mq_view_top_offset(e->view);
	go_match_from(ui, from, dir);
}

/* The bytes of the section at the top of the open article (all: none). */
static MqSpan
section_span(Ui *ui)
{
	const Article *e = ui_article(ui);
	long k;
	MqSpan all = { 0, mq_text_size(mq_doc_text(e->doc)) };

	ui_need_outline(ui);
	k = ui_current_index(ui);

	return k < 0 || e->outline == NULL ? all : mq_outline_span(e->outline, (size_t)k);
}

/*
 * / ? and S: opens the search line (forwards, backwards, or within the
 * section at the top), which searches as the pattern is typed (matches
 * light up, the first one after the top of the screen comes into view).
 */
void
ui_search_open(Ui *ui, int dir, bool in_section)
{
	Article *e = ui_article(ui);
	UiSearchLine *sl = &ui->sline;

	sl->dir = dir;
	sl->in_section = in_section;
	sl->pos = mq_view_pos(e->view);
	sl->from = mq_view_top_offset(e->view);
	sl->old_scope = e->scope;
	sl->old_mode = ui->smode;
	e->scope.start = 0;
	e->scope.end = mq_text_size(mq_doc_text(e->doc));
	if (in_section)
		e->scope = section_span(ui);
	/*
	 * When the search cannot be made (memory ran out), the line still
	 * opens and takes what is typed, saying so, so that the pattern is
	 * never carried out as keys.
	 */
	sl->can = open_search(ui);
	if (sl->can)
		ui->notice[0] = '\0';
	mq_prompt_start(&ui->prompt);
	ui->mode = UI_SEARCH;
}

/* Draws the search line: its label, the pattern, and the match or notice at the right. */
void
ui_search_paint(Ui *ui)
{
	const Article *e = ui_article(ui);
	const UiSearchLine *sl = &ui->sline;
	char label[64], right[sizeof ui->notice + 4];
	int rw;

	snprintf(label, sizeof label, "%s%s%s", sl->dir > 0 ? "/" : "?",
	    ui->smode == MQ_SEARCH_FOLD ? "" : ui->smode == MQ_SEARCH_EXACT ?
	    "(exact) " : "(regex) ", sl->in_section ? "(section) " : "");
	if (ui->notice[0])
		snprintf(right, sizeof right, " %s ", ui->notice);
	else if (e->match >= 0)
		snprintf(right, sizeof right, " match %ld/%zu%s ", e->match + 1,
		    e->nmatches, e->run ? "\u2026" : e->matches_cut ? "+" : "");
	else
		right[0] = '\0';
	rw = (int)strlen(right);
	if (rw > COLS / 2)
		rw = COLS / 2;
	attron(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	if (rw > 0)
		mvaddnstr(LINES - 1, COLS - rw, right, rw);
	attroff(A_REVERSE);
	mq_prompt_paint(&ui->prompt, label, LINES - 1, COLS - rw, ui->layout,
	    &ui->opt, &ui->chars, &ui->pl);
}

/*
 * A key on the search line.  Enter keeps the search (an empty pattern
 * repeats the last one); Esc puts the view and the last search back;
 * Ctrl-R switches between folded, exact and regex matching.
 */
void
ui_search_key(Ui *ui, int got, wint_t ch)
{
	Article *e = ui_article(ui);
	UiSearchLine *sl = &ui->sline;

	if (got == OK && ch == CTRL_KEY('r')) {
		ui->smode = (MqSearchMode)((ui->smode + 1) % 3);
	} else {
		switch (mq_prompt_key(&ui->prompt, got, ch)) {
		case MQ_PROMPT_ENTER:
			if (ui->prompt.len == 0 && ui->pattern[0] && sl->can) {
				mq_prompt_set(&ui->prompt, ui->pattern);
				mq_view_set_pos(e->view, sl->pos);
				ui_run_search(ui, ui->pattern, sl->dir, sl->from, true);
			}
			mq_prompt_remember(&ui->prompt);
			if (ui->prompt.len > 0)
				memcpy(ui->pattern, ui->prompt.text, ui->prompt.len + 1);
			ui->mode = UI_READ;
			return;
		case MQ_PROMPT_CANCEL:
			mq_view_set_pos(e->view, sl->pos);
			e->scope = sl->old_scope;
			ui->smode = sl->old_mode;
			ui->notice[0] = '\0';
			if (sl->can && !ui_run_search(ui, ui->pattern, sl->dir, sl->from, false))
				ui->notice[0] = '\0';
			ui->mode = UI_READ;
			return;
		case MQ_PROMPT_CHANGED:
			break;
		default:
			return;
		}
	}
	if (!sl->can)
		return;		/* the notice that says why stays */
	ui->notice[0] = '\0';
	mq_view_set_pos(e->view, sl->pos);
	ui_run_search(ui, ui->prompt.text, sl->dir, sl->from, true);
}
