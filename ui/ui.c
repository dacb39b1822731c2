/*
 * ui/ui: the reader's one loop.  It paints, waits for a key (looking for
 * names between keys while there are more to find) and hands the key to
 * the mode the reader is in — reading (the article, the list or a pane),
 * the help, the list's filter line or the search line — or to the action
 * the key table binds it to.  See ui-private.h for how the reader's state
 * is shared by the ui/ files.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-private.h"

/* Carries out one action. */
void
ui_act(Ui *ui, MqAction a)
{
	int rows = ui_text_rows();
	MqView *v = ui->current >= 0 ? ui_article(ui)->view : NULL;
	MEVENT ev;

	switch (a) {
	case MQ_ACT_NONE:
		break;
	case MQ_ACT_DOWN:
	case MQ_ACT_UP:
		if (v)
			mq_view_scroll(v, a == MQ_ACT_DOWN ? 1 : -1, rows);
		else if (a == MQ_ACT_DOWN && ui->sel + 1 < ui->nshown)
			ui->sel++;
		else if (a == MQ_ACT_UP && ui->sel > 0)
			ui->sel--;
		break;
	case MQ_ACT_PAGE_DOWN:
	case MQ_ACT_PAGE_UP:
	case MQ_ACT_HALF_DOWN:
	case MQ_ACT_HALF_UP: {
		long n = (a == MQ_ACT_HALF_DOWN || a == MQ_ACT_HALF_UP) ?
		    (rows > 1 ? rows / 2 : 1) : (rows > 1 ? rows - 1 : 1);

		if (a == MQ_ACT_PAGE_UP || a == MQ_ACT_HALF_UP)
			n = -n;
		if (v)
			mq_view_scroll(v, n, rows);
		else if (n > 0)
			ui->sel = ui->sel + (size_t)n < ui->nshown ? ui->sel + (size_t)n :
			    (ui->nshown ? ui->nshown - 1 : 0);
		else
			ui->sel = ui->sel > (size_t)-n ? ui->sel - (size_t)-n : 0;
		break;
	}
	case MQ_ACT_TOP:
		if (v)
			mq_view_top(v);
		else
			ui->sel = 0;
		break;
	case MQ_ACT_BOTTOM:
		if (v)
			mq_view_bottom(v, rows);
		else
			ui->sel = ui->nshown ? ui->nshown - 1 : 0;
		break;
	case MQ_ACT_WHEEL:
		if (getmouse(&ev) != OK)
			break;
		if (ev.bstate & BUTTON4_PRESSED)
			ui_act(ui, MQ_ACT_UP), ui_act(ui, MQ_ACT_UP), ui_act(ui, MQ_ACT_UP);
#ifdef BUTTON5_PRESSED
		else if (ev.bstate & BUTTON5_PRESSED)
			ui_act(ui, MQ_ACT_DOWN), ui_act(ui, MQ_ACT_DOWN), ui_act(ui, MQ_ACT_DOWN);
#endif
		break;
	case MQ_ACT_OPEN:
		if (ui->nshown > 0)
			ui_open_article(ui, ui->shown[ui->sel]);
		break;
	case MQ_ACT_BACK:
		if (ui->list)
			ui->current = -1;
		else
			ui->quit = true;
		break;
	case MQ_ACT_NEXT_ARTICLE:
	case MQ_ACT_PREV_ARTICLE:
		ui_switch_article(ui, a == MQ_ACT_NEXT_ARTICLE ? 1 : -1);
		break;
	case MQ_ACT_FILTER:
		ui_filter_open(ui);
		break;
	case MQ_ACT_HELP:
		ui_help_open(ui);
		break;
	case MQ_ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case MQ_ACT_QUIT:
		ui->quit = true;
		break;
	case MQ_ACT_OUTLINE:
	case MQ_ACT_NAMES_PANE:
		ui_pane_toggle(ui, a);
		break;
	case MQ_ACT_NEXT_SECTION:
	case MQ_ACT_PREV_SECTION:
	case MQ_ACT_NEXT_PEER:
	case MQ_ACT_PREV_PEER:
	case MQ_ACT_SECTION_N:
		ui_go_section(ui, a);
		break;
	case MQ_ACT_NAMES:
		ui->names_shown = !ui->names_shown;
		ui_notify(ui, ui->names_shown ? "names coloured" : "names not coloured");
		break;
	case MQ_ACT_NEXT_MENTION:
	case MQ_ACT_PREV_MENTION:
		ui_step_mention(ui, a == MQ_ACT_NEXT_MENTION ? 1 : -1, false);
		break;
	case MQ_ACT_NEXT_MARKED:
	case MQ_ACT_PREV_MARKED:
		ui_step_mention(ui, a == MQ_ACT_NEXT_MARKED ? 1 : -1, true);
		break;
	case MQ_ACT_UNMARK:
		if (v == NULL && ui->filter[0] != '\0') {
			ui->filter[0] = '\0';
			ui_apply_filter(ui);
		} else if (v) {
			Article *e = ui_article(ui);

			e->marked = -1;
			e->at.start = e->at.end = 0;
			ui_search_clear(e);
		}
		break;
	case MQ_ACT_SEARCH:
	case MQ_ACT_SEARCH_BACK:
	case MQ_ACT_SEARCH_SECTION:
		ui_search_open(ui, a == MQ_ACT_SEARCH_BACK ? -1 : 1, a == MQ_ACT_SEARCH_SECTION);
		break;
	case MQ_ACT_NEXT_MATCH:
	case MQ_ACT_PREV_MATCH:
		ui_step_match(ui, a == MQ_ACT_NEXT_MATCH ? 1 : -1);
		break;
	case MQ_ACT_SEARCH_NAME:
		break;	/* the names pane's (act_names) */
	}
}

/*
 * A printable name for a key, for "unknown key" notices: curses' name of a
 * function or control key, a character as itself (in buf).
 */
static const char *
key_label(int got, wint_t ch, char buf[8])
{
	const char *k;

	if (got == OK && ch >= 0xa0 && ch <= 0x10ffff &&
	    mq_out_class((uint32_t)ch) == MQ_OUT_KEEP) {
		buf[mq_utf8_encode((uint32_t)ch, buf)] = '\0';
		return buf;
	}
	k = got == OK && ch >= 0x80 ? NULL : keyname((int)ch);
	return k ? k : "?";
}

/*
 * What the reader owes before the next key: the taggers, loaded after the
 * first paint; notices of names that stopped at the most kept, the stream
 * or lines that were cut, the file that shrank, invalid bytes.  The count of invalid bytes comes right
 * after the first paint (it reads the first 8 MiB; the first screen does
 * not).  True when a notice was given (the screen is painted again).
 */
static bool
tell_pending(Ui *ui)
{
	Article *e = ui_article(ui);
	const char *said = NULL;
	size_t i;

	/* The taggers, loaded once the first screen is up; no names looked for yet. */
	if (ui->load_taggers != NULL) {
		ui->load_taggers(ui->taggers_ctx, &ui->tagger, &ui->tagger_en, &said);
		ui->load_taggers = NULL;
		for (i = 0; i < ui->n; i++)
			if (ui->articles[i].names != NULL)
				mq_entities_set_tagger(ui->articles[i].names, ui->tagger,
				    ui->tagger_en);
		if (said != NULL) {
			ui_notify(ui, "%s", said);
			return true;
		}
	}

	/* (one notice says both, or the second would hide the first) */
	if (e != NULL && !e->told_stream && mq_text_was_cut(mq_doc_text(e->doc))) {
		e->told_stream = true;
		if (!e->told_cut && mq_doc_was_cut(e->doc)) {
			e->told_cut = true;
			ui_notify(ui, "first %zu MiB read; lines over %d KiB in "
			    "pieces", MQ_TEXT_STREAM_MAX >> 20, MQ_PARA_MAX_BYTES / 1024);
		} else
			ui_notify(ui, "only the first %zu MiB were read", MQ_TEXT_STREAM_MAX >> 20);
		return true;
	}
	/* (once nothing else is said: it must not hide what a key just said) */
	if (e != NULL && e->names != NULL && !e->told_full && mq_entities_full(e->names) &&
	    ui->notice[0] == '\0') {
		e->told_full = true;
		ui_notify(ui, "names: only the first %d mentions are kept", MQ_ENT_MAX_MENTIONS);
		return true;
	}
	if (e != NULL && !e->told_cut && mq_doc_was_cut(e->doc)) {
		e->told_cut = true;
		ui_notify(ui, "lines over %d KiB are laid out in pieces", MQ_PARA_MAX_BYTES / 1024);
		return true;
	}
	if (mq_text_shrank() && !ui->told_shrank) {
		/* a lost page was touched, maybe by that very paint */
		ui->told_shrank = true;
		ui_notify(ui, "the file shrank while open: its lost part shows as \xe2\x90\x80");
		return true;
	}
	/* Tell once how many bytes were replaced (in the first 8 MiB). */
	if (e != NULL && e->invalid_pending) {
		MqText *t = mq_doc_text(e->doc);
		size_t scan = mq_text_size(t) < 8u << 20 ? mq_text_size(t) : 8u << 20;
		size_t bad = mq_text_count_invalid(t, 0, scan);

		e->invalid_pending = false;
		if (bad > 0) {
			ui_notify(ui, "%zu invalid UTF-8 sequence%s shown as U+FFFD%s", bad,
			    bad == 1 ? "" : "s", scan < mq_text_size(t) ? " (first 8 MB)" : "");
			return true;
		}
	}
	return false;
}

/* Paints the screen of the mode the reader is in. */
static void
paint_mode(Ui *ui)
{
	if (ui->mode == UI_HELP) {
		ui_help_paint(ui);
		return;
	}
	ui_paint(ui);
	if (ui->mode == UI_FILTER)
		ui_filter_paint(ui);
	else if (ui->mode == UI_SEARCH)
		ui_search_paint(ui);
	else
		return;
	curs_set(1);		/* on the line being edited */
	refresh();
}

/*
 * A key while reading: the prefix (:) waits for the key after it, an open
 * pane takes its keys, the rest are the key table's actions.
 */
static void
read_key(Ui *ui, int got, wint_t ch)
{
	int key = (int)ch;
	char buf[8];
	MqAction a;

	ui->notice[0] = '\0';
	if (got == OK && ch >= 0x80) {
		ui_notify(ui, "unknown key %s%s (press h for help)", ui->prefix ? ":" : "",
		    key_label(got, ch, buf));
		ui->prefix = 0;
		return;		/* (no key of the table is past ASCII) */
	}
	if (ui->current >= 0 && ui->pane == NULL && ui->prefix == 0 &&
	    key == MQ_KEY_PREFIX) {
		ui->prefix = key;
		ui_notify(ui, ":");
		return;
	}
	ui->last_key = key;
	if (ui->prefix == 0 && ui_pane_key(ui, key))
		return;		/* others fall through to the article */
	a = mq_key_action(ui->prefix, key, ui->current < 0 ? MQ_IN_LIST :
	    MQ_IN_ARTICLE);
	if (a == MQ_ACT_NONE)
		ui_notify(ui, "unknown key %s%s (press %s for help)",
		    ui->prefix ? ":" : "", key_label(got, ch, buf), "h");
	ui->prefix = 0;
	ui_act(ui, a);
}

int
mq_ui_run(MqUiItem *items, size_t n, const MqUiOptions *o)
{
	Ui ui;
	char *err = NULL;
	int got, sig;
	wint_t ch;
	bool dirty, searching, busy;
	long long painted = 0;
	size_t i;

	memset(&ui, 0, sizeof ui);
	ui.items = items;
	ui.n = n;
	ui.opt = o->layout;
	ui.gazetteer = o->names;
	ui.tagger = o->tagger;
	ui.tagger_en = o->tagger_en;
	ui.load_taggers = o->load_taggers;
	ui.taggers_ctx = o->taggers_ctx;
	ui.names_shown = true;
	ui.current = -1;
	ui.articles = calloc(n, sizeof *ui.articles);
	ui.shown = calloc(n, sizeof *ui.shown);
	if (ui.articles == NULL || ui.shown == NULL ||
	    (ui.layout = mq_layout_new(&err)) == NULL) {
		fprintf(stderr, "maqal: %s\n", err ? err : "out of memory");
		free(err);
		free(ui.articles);
		free(ui.shown);
		return 2;
	}
	ui_apply_filter(&ui);
	/* a fresh start says where the help is, unless there is news */
	if (o->notice)
		ui_notify(&ui, "%s", o->notice);
	else
		ui_notify(&ui, "h: help  q: quit");
	ui.list = o->list || n > 1;
	if (!ui.list && !ui_open_article(&ui, 0)) {
		fprintf(stderr, "maqal: %s\n", ui.notice);
		mq_layout_free(ui.layout);
		free(ui.articles);
		free(ui.shown);
		return 2;
	}
	if (!ui_start_terminal(&ui)) {
		fprintf(stderr, "maqal: cannot use this terminal (TERM=%s)\n",
		    getenv("TERM") ? getenv("TERM") : "");
		return 2;
	}

	/*
	 * The one loop: paint, wait for a key (between keys, a search still
	 * reading reads on, and names are looked for: the paint after shows
	 * them), give it to the mode.  Keys are read here and nowhere else.
	 */
	for (dirty = true; !ui.quit && !ui_quit_signal; ) {
		if (dirty) {
			paint_mode(&ui);
			painted = ui_now_ms();
		}
		dirty = true;
		if (ui.mode == UI_READ && tell_pending(&ui))
			continue;
		searching = (ui.mode == UI_READ || ui.mode == UI_SEARCH) && ui_searching(&ui);
		timeout(searching || (ui.mode == UI_READ && ui_looking(&ui)) ? 0 : TICK_MS);
		got = get_wch(&ch);
		curs_set(0);
		if (got == ERR) {
			/*
			 * A search reading on comes first, then names; the
			 * screen shows how they go now and then, and when
			 * something moved or they are over.
			 */
			busy = searching || (ui.mode == UI_READ && ui_looking(&ui));
			dirty = false;	/* (not busy: a tick, only signals are checked) */
			if (searching)
				dirty = ui_search_more(&ui);
			else if (busy)
				ui_look_on(&ui);
			if (busy && !dirty)
				dirty = ui_now_ms() - painted >= BUSY_PAINT_MS ||
				    !(ui_searching(&ui) || ui_looking(&ui));
			continue;
		}
		if (got == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;	/* the next paint lays out at the new size */
		switch (ui.mode) {
		case UI_HELP:
			/* (a character past ASCII is no key of the help's: -1) */
			ui_help_key(&ui, got == OK && ch >= 0x80 ? -1 : (int)ch);
			break;
		case UI_FILTER:
			ui_filter_key(&ui, got, ch);
			break;
		case UI_SEARCH:
			ui_search_key(&ui, got, ch);
			break;
		case UI_READ:
			read_key(&ui, got, ch);
			break;
		}
	}
	ui_stop_terminal();

	for (i = 0; i < n; i++) {
		mq_view_free(ui.articles[i].view);
		mq_outline_free(ui.articles[i].outline);
		mq_entities_free(ui.articles[i].names);
		mq_search_stop(ui.articles[i].run);
		mq_search_free(ui.articles[i].search);
		free(ui.articles[i].matches);
		mq_doc_free(ui.articles[i].doc);
		mq_text_free(ui.articles[i].text);
		free(ui.articles[i].title);
		free(ui.articles[i].folded);
		free(ui.articles[i].error);
	}
	free(ui.articles);
	free(ui.shown);
	free(ui.nrows);
	free(ui.help.rows);
	mq_prompt_free(&ui.prompt);
	mq_prompt_free(&ui.fprompt);
	mq_chars_free(&ui.chars);
	mq_para_layout_free(&ui.pl);
	mq_layout_free(ui.layout);
	if ((sig = ui_quit_signal) != 0) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return 0;
}
