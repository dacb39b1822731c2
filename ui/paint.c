/*
 * ui/paint: drawing what core laid out — strings laid out and cut to a
 * width (at graphemes, with …), the colours of names, the status line and
 * the whole screen (the article or the list, an open pane, the status
 * line) with one refresh.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "ui-private.h"

/*
 * Every type has a colour of its own (headings are bold in the text's
 * colour, so they share none): with 8 colours percentages are bold white,
 * with 256 orange.
 */
_Static_assert(MQ_ENT_NTYPES == 7, "a new type of name needs its row below "
    "(a missing row would draw its names in black)");
const UiNameStyle ui_name_style[MQ_ENT_NTYPES] = {
	[MQ_ENT_PERSON] = { COLOR_YELLOW, COLOR_YELLOW, 0, "people" },
	[MQ_ENT_ORG] = { COLOR_CYAN, COLOR_CYAN, 0, "organisations" },
	[MQ_ENT_PLACE] = { COLOR_GREEN, COLOR_GREEN, 0, "places" },
	[MQ_ENT_MONEY] = { COLOR_MAGENTA, COLOR_MAGENTA, 0, "sums of money" },
	[MQ_ENT_DATE] = { COLOR_BLUE, COLOR_BLUE, 0, "dates and years" },
	[MQ_ENT_PERCENT] = { COLOR_WHITE, 208, A_BOLD, "percentages" },
	[MQ_ENT_MISC] = { COLOR_RED, COLOR_RED, 0, "other names: products, events, laws" },
};

/* Sets the one-line notice shown on the status line. */
void __attribute__((format(printf, 2, 3)))
ui_notify(Ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->notice, sizeof ui->notice, fmt, ap);
	va_end(ap);
}

/* Paints cells of line 0 of ui->pl at row y, columns [x0, x0 + w). */
void
ui_paint_cells(Ui *ui, int y, int x0, int w)
{
	const MqLine *line;
	int x;
	size_t c;

	if (ui->pl.nlines == 0)
		return;
	line = &ui->pl.lines[0];
	x = x0 + (int)line->indent;
	for (c = 0; c < line->count; c++) {
		const MqCell *cell = &ui->pl.cells[line->first + c];

		if (x + cell->width > x0 + w)
			break;
		mvaddnstr(y, x, ui->pl.text + cell->text, cell->len);
		x += cell->width;
	}
}

/* Lays out a UTF-8 string for one row, through the same engine as articles. */
static bool
lay_string_dir(Ui *ui, const char *s, int w, MqDirMode dir)
{
	MqLayoutOptions opt = ui->opt;

	opt.width = w > 0 ? (unsigned)w : 1;
	opt.dir = dir;
	return mq_chars_decode_utf8(s, strlen(s), 0, &ui->chars) &&
	    mq_layout_paragraph(ui->layout, &ui->chars, &opt, &ui->pl);
}

/* Lays out a row in its own direction (that of most of its words). */
bool
ui_lay_string(Ui *ui, const char *s, int w)
{
	return lay_string_dir(ui, s, w, MQ_DIRMODE_AUTO);
}

/*
 * Columns s takes laid out on one row in direction dir, with its leading
 * and trailing spaces (a layout drops the first as indentation and lets
 * the last hang).
 */
static int
str_width(Ui *ui, const char *s, MqDirMode dir)
{
	size_t k, len = strlen(s);
	int w = 0;

	for (; *s == ' '; s++, len--)
		w++;
	if (len == 0)
		return w;
	if (!lay_string_dir(ui, s, 100000, dir))
		return w + (int)len;
	for (k = 0; k < ui->pl.nlines; k++)
		w += (int)ui->pl.lines[k].width;
	while (len > 0 && s[len - 1] == ' ') {
		len--;
		w++;
	}
	return w;
}

/* s with "…" for what was cut: s[0..at) (or, keep_end, s[at..)); caller frees. */
static char *
cut_at(const char *s, size_t at, bool keep_end)
{
	return keep_end ? mq_format("\u2026%s", s + at) :
	    mq_format("%.*s\u2026", (int)at, s);
}

/* True if s cut at at (see cut_at) fits w columns. */
static bool
cut_fits(Ui *ui, const char *s, size_t at, bool keep_end, int w, MqDirMode dir)
{
	char *t = cut_at(s, at, keep_end);
	bool fits = t != NULL && str_width(ui, t, dir) <= w;

	free(t);
	return fits;
}

/*
 * s cut to fit w columns, at a grapheme boundary, with "…" where it was
 * cut: at its end, or (keep_end, for file paths) at its start.  A binary
 * search over byte offsets, each moved to a grapheme boundary, so a long
 * title costs a few layouts, not one per grapheme.  Returns a new string
 * (the caller frees), or NULL when memory runs out.
 */
static char *
fit_string(Ui *ui, const char *s, int w, bool keep_end, MqDirMode dir)
{
	size_t len = strlen(s), lo, hi, mid;

	if (str_width(ui, s, dir) <= w)
		return strdup(s);
	if (w < 1)
		return strdup("");
	if (!keep_end) {
		/* the longest start s[0..b) that fits, b a boundary at or before mid */
		for (lo = 0, hi = len - 1; lo < hi; ) {
			mid = lo + (hi - lo + 1) / 2;
			if (cut_fits(ui, s, mq_utf8_prev_grapheme(s, len, mid + 1), false, w, dir))
				lo = mid;
			else
				hi = mid - 1;
		}
		return cut_at(s, lo ? mq_utf8_prev_grapheme(s, len, lo + 1) : 0, false);
	}
	/* the longest end s[b..) that fits, b a boundary at or after mid */
	for (lo = 1, hi = len; lo < hi; ) {
		mid = lo + (hi - lo) / 2;
		if (cut_fits(ui, s, mq_utf8_next_grapheme(s, len, mid - 1), true, w, dir))
			hi = mid;
		else
			lo = mid + 1;
	}
	return cut_at(s, mq_utf8_next_grapheme(s, len, lo - 1), true);
}

/* Keeps the selected row sel of n on a screen of rows starting at *top. */
void
ui_keep_in_view(size_t *sel, size_t *top, size_t n, int rows)
{
	if (*sel >= n)
		*sel = n ? n - 1 : 0;
	if (*sel < *top)
		*top = *sel;
	if (rows > 0 && *sel >= *top + (size_t)rows)
		*top = *sel - (size_t)rows + 1;
}

/* Rows an article shows under a possible sticky heading. */
int
ui_text_rows(void)
{
	return LINES - 2 > 0 ? LINES - 2 : 1;
}

/* Paints s cut to fit columns [x, x + w) of row y (see fit_string). */
void
ui_paint_fitted(Ui *ui, const char *s, int y, int x, int w, bool keep_end,
    MqDirMode dir)
{
	char *cut;

	if (w < 1)
		return;
	if (lay_string_dir(ui, s, w, dir) && ui->pl.nlines == 1) {
		ui_paint_cells(ui, y, x, w);	/* it fits as it is (most rows) */
		return;
	}
	if ((cut = fit_string(ui, s, w, keep_end, dir)) == NULL)
		return;
	if (lay_string_dir(ui, cut, w, dir))
		ui_paint_cells(ui, y, x, w);
	free(cut);
}

/* The attribute headings are drawn with. */
static int
heading_attr(void)
{
	return A_BOLD;	/* no colour: each colour belongs to a type of name */
}

/* The attribute mentions of a type are drawn with. */
int
ui_name_attr(const Ui *ui, unsigned type)
{
	if (!ui->colors || type >= MQ_ENT_NTYPES)
		return A_UNDERLINE;
	return COLOR_PAIR(PAIR_NAME + (int)type) | (COLORS >= 256 ? 0 :
	    ui_name_style[type].attr);
}

/* Draws the status line: name, position, notice. */
static void
paint_status(Ui *ui)
{
	char left[512], right[128];
	int y = LINES - 1, room, end;

	if (ui->current >= 0) {
		Article *e = ui_article(ui);
		size_t off = mq_view_top_offset(e->view);
		size_t size = mq_text_size(mq_doc_text(e->doc));
		unsigned pct = size ? (unsigned)(off * 100 / size) : 100;

		const MqSection *sec = ui_current_section(ui);
		char looking[64] = "", *name, *title, *cut, *full;
		int k = 0, lw;
		double found = e->outline != NULL && !mq_outline_done(e->outline) ?
		    mq_outline_progress(e->outline) : 0;	/* (sections) */

		if (e->match >= 0)
			k = snprintf(looking, sizeof looking, "match %ld/%zu%s  ",
			    e->match + 1, e->nmatches, e->run ? "\u2026" : e->matches_cut ? "+" : "");
		/* (not before the first look: a short article's comes at once) */
		if (found > 0 && k >= 0 && (size_t)k < sizeof looking)
			k += snprintf(looking + k, sizeof looking - (size_t)k, "sections %u%%  ",
			    (unsigned)(found * 100));
		else if (e->names != NULL && !mq_entities_done(e->names) && k >= 0 &&
		    (size_t)k < sizeof looking)
			snprintf(looking + k, sizeof looking - (size_t)k, "names %u%%  ", size ?
			    (unsigned)(mq_entities_scanned(e->names) * 100 / size) : 0);
		if (mq_view_at_end(e->view))
			snprintf(right, sizeof right, "%sline %u  (END) ", looking,
			    mq_view_top_line(e->view));
		else
			snprintf(right, sizeof right, "%sline %u  %u%% ", looking,
			    mq_view_top_line(e->view), pct);
		/*
		 * Left: the file name, then the section and its title, each cut
		 * (with …, at a grapheme) to what the right part leaves, so no
		 * field runs into the next.
		 */
		lw = COLS - (int)strlen(right) - 2;
		name = fit_string(ui, ui->items[ui->current].name,
		    sec != NULL && lw / 2 > 12 ? lw / 2 : lw - 1, true, MQ_DIRMODE_LTR);
		snprintf(left, sizeof left, " %s", name ? name : "");
		free(name);
		if (sec != NULL && (title = ui_section_title(ui, sec)) != NULL) {
			char sect[64];

			snprintf(sect, sizeof sect, "  \u00a7%ld/%zu ", ui_current_index(ui) + 1,
			    mq_outline_count(e->outline));
			cut = fit_string(ui, title, lw - str_width(ui, left, MQ_DIRMODE_LTR) -
			    str_width(ui, sect, MQ_DIRMODE_LTR), false, MQ_DIRMODE_AUTO);
			/* the title is isolated (FSI..PDI): it keeps its own direction */
			if (cut != NULL && cut[0] != '\0' &&
			    (full = mq_format("%s%s\u2068%s\u2069", left, sect, cut)) != NULL) {
				if (strlen(full) < sizeof left)
					memcpy(left, full, strlen(full) + 1);
				free(full);
			}
			free(cut);
			free(title);
		}
	} else {
		snprintf(left, sizeof left, " %zu of %zu articles%s%s  %s", ui->nshown,
		    ui->n, ui->filter[0] ? "  filter: " : "", ui->filter,
		    ui->nshown ? ui->items[ui->shown[ui->sel]].name : "");
		snprintf(right, sizeof right, "h help ");
	}
	attron(A_REVERSE);
	mvhline(y, 0, ' ', COLS);
	/* the status line reads left to right; a title in it is isolated */
	if (lay_string_dir(ui, left, COLS, MQ_DIRMODE_LTR))
		ui_paint_cells(ui, y, 0, COLS - (int)strlen(right) - 1);
	if (ui->notice[0]) {
		attroff(A_REVERSE);
		if (ui->colors)
			attron(COLOR_PAIR(PAIR_NOTICE));
		attron(A_BOLD);
		/* as much room as it needs, right of a little of the name */
		end = COLS - (int)strlen(right);
		room = end - 2 - (COLS > 40 ? 12 : 0);
		if (room > 0 && ui_lay_string(ui, ui->notice, room) && ui->pl.nlines > 0) {
			const MqLine *l = &ui->pl.lines[0];
			int x = end - 1 - (int)l->width - (int)l->indent;

			mvhline(y, x + (int)l->indent - 1, ' ', (int)l->width + 2);
			ui_paint_cells(ui, y, x, room);
		}
		attroff(A_BOLD);
		if (ui->colors)
			attroff(COLOR_PAIR(PAIR_NOTICE));
		attron(A_REVERSE);
	}
	if ((int)strlen(right) < COLS)
		mvaddstr(y, COLS - (int)strlen(right), right);
	attroff(A_REVERSE);
}

/* Draws the whole screen with one refresh. */
void
ui_paint(Ui *ui)
{
	int rows = LINES - 1;

	if (rows < 1) {		/* a one-row terminal: status only */
		erase();
		paint_status(ui);
		refresh();
		return;
	}
	if (ui->current >= 0) {
		Article *e = ui_article(ui);
		const MqSection *sec = ui_current_section(ui);
		bool sticky;

		/* an open pane narrows the article, laid out again at the width left */
		int px = ui->pane ? ui->pane->width() + 1 : 0;
		int cols = COLS - px > 0 ? COLS - px : 0;

		ui->opt.width = cols > 0 ? (unsigned)cols : 1;
		mq_view_configure(e->view, &ui->opt);
		mq_view_set_outline(e->view, e->outline, A_BOLD | A_UNDERLINE,
		    heading_attr());
		ui_set_marks(ui);
		/* Inside a section whose heading has scrolled away: keep it on top. */
		sticky = sec != NULL && sec->kind == MQ_SECTION_HEADING && rows >= 3 &&
		    !mq_view_para_visible_from_top(e->view, sec->para);
		if (sticky && cols > 0)
			mq_view_paint_para_line(e->view, sec->para, 0, px, cols,
			    heading_attr() | A_UNDERLINE);
		if (cols > 0 && !mq_view_paint(e->view, sticky ? 1 : 0,
		    sticky ? rows - 1 : rows, px, cols))
			ui_notify(ui, "out of memory");
		if (ui->pane)
			ui->pane->paint(ui, rows);
	} else
		ui_paint_list(ui, rows);
	paint_status(ui);
	refresh();
}
