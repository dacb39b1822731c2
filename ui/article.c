/*
 * ui/article: the open article — opening it (its document, view and names
 * index, kept when the reader goes back to the list, so returning finds
 * the reader's place), moving between articles, between its sections and
 * between the mentions of names, and finding its sections and names between
 * keys.
 */
#include "config.h"

#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui-private.h"

/* The index of the section at the top of the open article, or -1. */
long
ui_current_index(const Ui *ui)
{
	const Article *e = ui_article(ui);
	size_t k;

	if (e->outline == NULL)
		return -1;
	k = mq_outline_section_of(e->outline, mq_view_top_para(e->view));
	return k == (size_t)-1 ? -1 : (long)k;
}

/* The section at the top of the open article, or NULL. */
const MqSection *
ui_current_section(const Ui *ui)
{
	long k = ui_current_index(ui);

	return k < 0 ? NULL : mq_outline_section(ui_article(ui)->outline,
	    (size_t)k);
}

/* A section's title (see mq_outline_title); caller frees. */
char *
ui_section_title(Ui *ui, const MqSection *s)
{
	return mq_outline_title(ui_article(ui)->doc, s, &ui->chars);
}

/* Tells the open article's view what to highlight. */
void
ui_set_marks(Ui *ui)
{
	Article *e = ui_article(ui);
	MqViewMarks mk;
	unsigned t;

	memset(&mk, 0, sizeof mk);
	mk.ents = e->names;
	mk.by_type = ui->names_shown;
	for (t = 0; t < MQ_ENT_NTYPES; t++)
		mk.type_attr[t] = ui_name_attr(ui, t);
	mk.marked = e->marked;
	mk.marked_attr = A_REVERSE;
	mk.current = e->at;
	mk.current_attr = A_REVERSE | A_BOLD | A_UNDERLINE;
	mk.matches = e->matches;
	mk.nmatches = e->nmatches;
	mk.match = e->match;
	mk.match_attr = ui->colors ? COLOR_PAIR(PAIR_MATCH) : A_REVERSE;
	mk.match_current_attr = A_BOLD | (ui->colors ? COLOR_PAIR(PAIR_MATCH_AT) :
	    A_REVERSE | A_UNDERLINE);
	mq_view_set_marks(e->view, &mk);
}

/* Opens article i (its text, document and view) and shows it. */
bool
ui_open_article(Ui *ui, size_t i)
{
	Article *e = &ui->articles[i];
	MqText *t = ui->items[i].text ? ui->items[i].text : e->text;
	char *err = NULL;

	if (e->view == NULL) {
		if (t == NULL) {
			t = e->text = mq_text_open_file(ui->items[i].path, &err);
			if (t == NULL) {
				ui_notify(ui, "%s", err ? err : "out of memory");
				free(err);
				return false;
			}
		}
		e->doc = mq_doc_new(t);
		e->view = e->doc ? mq_view_new(e->doc, ui->layout) : NULL;
		if (e->view == NULL) {
			ui_notify(ui, "out of memory");
			return false;
		}
		/* sections and names are found between keys, from the first paint on */
		if ((e->outline = mq_outline_start(e->doc, NULL)) == NULL)
			ui_notify(ui, "out of memory: no outline");
		e->marked = -1;
		e->match = -1;
		if (ui->gazetteer != NULL &&
		    (e->names = mq_entities_new(e->doc, ui->gazetteer)) == NULL)
			ui_notify(ui, "out of memory: names are not looked for");
		else if (e->names != NULL)
			mq_entities_set_tagger(e->names, ui->tagger, ui->tagger_en);
		e->invalid_pending = true;	/* counted after the first paint */
	}
	ui->opt.fallback = mq_text_direction(t);
	ui->current = (long)i;
	ui->pane = NULL;	/* panes belong to the article left */
	return true;
}

/* Moves to the next (+1) or previous (-1) article from inside one. */
void
ui_switch_article(Ui *ui, int step)
{
	long next = ui->current + step;

	if (next < 0 || (size_t)next >= ui->n) {
		ui_notify(ui, step > 0 ? "this is the last article" :
		    "this is the first article");
		return;
	}
	if (ui_open_article(ui, (size_t)next)) {
		size_t k;

		for (k = 0; k < ui->nshown; k++)
			if (ui->shown[k] == (size_t)next)
				ui->sel = k;
	}
}

/* Shows section k of the open article at the top, and says which. */
void
ui_show_section(Ui *ui, size_t k)
{
	Article *e = ui_article(ui);
	const MqSection *s = mq_outline_section(e->outline, k);

	if (s == NULL)
		return;
	mq_view_goto(e->view, s->para);
}

/* The level used to compare sections: blocks count as top level. */
static unsigned
peer_level(const MqSection *s)
{
	return s->kind == MQ_SECTION_HEADING ? s->level : 1;
}

/* ] [ } { and 1-9: moves between sections. */
void
ui_go_section(Ui *ui, MqAction a)
{
	Article *e = ui_article(ui);
	size_t n;
	long cur, k;
	const MqSection *s;

	ui_need_outline(ui);
	n = e->outline ? mq_outline_count(e->outline) : 0;
	cur = ui_current_index(ui);

	if (n == 0) {
		ui_notify(ui, "this article has no sections");
		return;
	}
	switch (a) {
	case MQ_ACT_NEXT_SECTION:
		k = cur + 1;
		break;
	case MQ_ACT_PREV_SECTION:
		/* inside a section, [ goes to its start first */
		s = cur >= 0 ? mq_outline_section(e->outline, (size_t)cur) : NULL;
		k = s && !mq_view_para_visible_from_top(e->view, s->para) ? cur : cur - 1;
		break;
	case MQ_ACT_NEXT_PEER:
	case MQ_ACT_PREV_PEER: {
		unsigned lv = cur >= 0 ? peer_level(mq_outline_section(e->outline,
		    (size_t)cur)) : 1;
		long step = a == MQ_ACT_NEXT_PEER ? 1 : -1;

		for (k = cur + step; k >= 0 && (size_t)k < n &&
		    peer_level(mq_outline_section(e->outline, (size_t)k)) > lv; k += step)
			;
		break;
	}
	default:
		k = ui->last_key - '1';
		break;
	}
	if (k < 0 || (size_t)k >= n) {
		ui_notify(ui, k < 0 ? "no section before this one" :
		    a == MQ_ACT_SECTION_N ? "there are only %zu sections" :
		    "no section after this one", n);
		return;
	}
	ui_show_section(ui, (size_t)k);
}

/* Says which mention the reader is at: type, name, k of n. */
static void
tell_mention(Ui *ui, size_t k)
{
	Article *e = ui_article(ui);
	size_t nm, ne, i, nth = 0;
	const MqMention *m = mq_entities_mentions(e->names, &nm);
	const MqEntity *en = &mq_entities_list(e->names, &ne)[m[k].entity];

	for (i = en->first; i <= k; i++)
		nth += m[i].entity == m[k].entity;
	/* the name is isolated (FSI..PDI): it keeps its own direction */
	ui_notify(ui, "%s \u2068%s\u2069  %zu/%zu%s", mq_entity_type_name(en->type),
	    en->name, nth, en->count, mq_entities_done(e->names) ? "" : "+");
}

/* Moves the reader to mention k and says so. */
void
ui_go_mention(Ui *ui, size_t k)
{
	Article *e = ui_article(ui);
	size_t nm;
	const MqMention *m = mq_entities_mentions(e->names, &nm);

	e->at.start = m[k].start;
	e->at.end = m[k].end;
	mq_view_show_offset(e->view, m[k].start, ui_text_rows());
	tell_mention(ui, k);
}

/*
 * Tab, Shift-Tab, > and <: the next or previous mention (of the marked
 * entity only, with only_marked), from the one the reader is at when it is
 * on screen, else from the top of the screen; wraps around with a notice.
 */
void
ui_step_mention(Ui *ui, int dir, bool only_marked)
{
	Article *e = ui_article(ui);
	int rows = ui_text_rows();
	size_t nm, tries;
	const MqMention *m;
	bool wrapped = false;
	long k;

	if (e->names == NULL) {
		ui_notify(ui, "names are not looked for");
		return;
	}
	if (only_marked && e->marked < 0) {
		ui_notify(ui, "no name is marked: pick one with E");
		return;
	}
	m = mq_entities_mentions(e->names, &nm);
	if (nm == 0) {
		ui_notify(ui, mq_entities_done(e->names) ? "no names in this article" :
		    "no names found yet");
		return;
	}
	if (e->at.end > e->at.start && mq_view_offset_visible(e->view, e->at.start, rows))
		k = (long)mq_entities_find(e->names, e->at.start) + dir;
	else	/* from the top of the screen */
		k = (long)mq_entities_find(e->names, mq_view_top_offset(e->view)) -
		    (dir < 0);
	for (tries = 0; tries < nm; tries++, k += dir) {
		if (k >= (long)nm || k < 0) {
			k = k < 0 ? (long)nm - 1 : 0;
			wrapped = true;
		}
		if (!only_marked || m[k].entity == (uint32_t)e->marked)
			break;
	}
	if (tries == nm) {
		ui_notify(ui, "no other mention");
		return;
	}
	if (wrapped && !mq_entities_done(e->names) && dir > 0) {
		ui_notify(ui, "no more names found yet (still looking)");
		return;
	}
	ui_go_mention(ui, (size_t)k);
	if (wrapped) {
		char said[sizeof ui->notice];

		memcpy(said, ui->notice, sizeof said);
		ui_notify(ui, "%s  (wrapped to the %s)", said, dir > 0 ? "start" : "end");
	}
}

/* True while article e's sections are still being found. */
static bool
finding_sections(const Article *e)
{
	return e->outline != NULL && !mq_outline_done(e->outline);
}

/* True while article e's names are still being looked for. */
static bool
finding_names(const Article *e)
{
	return e->names != NULL && !e->names_failed && !mq_entities_done(e->names);
}

bool
ui_looking(const Ui *ui)
{
	const Article *e = ui->current >= 0 ? ui_article(ui) : NULL;

	return e != NULL && (finding_sections(e) || finding_names(e));
}

/* Finds n more paragraphs' worth of sections; false (told) when memory ran out. */
static bool
find_sections(Ui *ui, size_t n)
{
	Article *e = ui_article(ui);

	if (mq_outline_scan(e->outline, n))
		return true;
	mq_outline_free(e->outline);
	e->outline = NULL;
	ui_notify(ui, "out of memory: no outline");
	return false;
}

void
ui_look_on(Ui *ui)
{
	Article *e = ui_article(ui);
	long long now = ui_now_ms(), until = now + SCAN_MS;
	/* side by side, half the time each: the names on the first screen come at once */
	long long sections_until = finding_names(e) ? now + SCAN_MS / 2 : until;

	while (finding_sections(e) && ui_now_ms() < sections_until)
		if (!find_sections(ui, OUTLINE_STEP))
			return;
	while (finding_names(e) && ui_now_ms() < until)
		if (!mq_entities_scan(e->names, 1)) {
			e->names_failed = true;
			ui_notify(ui, "out of memory: names found so far are shown");
			return;
		}
}

void
ui_need_outline(Ui *ui)
{
	Article *e = ui_article(ui);

	while (finding_sections(e) && find_sections(ui, SIZE_MAX))
		;
}
