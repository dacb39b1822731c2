/*
 * ui/ui: the terminal, the article list, and the key loop.
 *
 * Two screens share the loop: the list of articles (when there are several)
 * and an article's view (ui/view.c).  Each list entry keeps its document
 * and view once opened, so returning to an article finds the reader's place.
 * List titles are read lazily, from the first 16 KiB of a file, when a row
 * comes into view (or when the list is filtered).
 *
 * The terminal is restored on every way out: q, Ctrl-C, SIGTERM and SIGHUP
 * set a flag the loop sees within a tick (getch times out) and leave through
 * endwin(); crash signals restore the terminal with raw writes (rmcup,
 * cursor, attributes, mouse and bidi modes, termios) and re-raise.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "core/util.h"
#include "keys.h"
#include "ui.h"
#include "view.h"

#define TITLE_BYTES 16384
#define TICK_MS 200
#define PAIR_NOTICE 1
#define PAIR_ACCENT 2

typedef struct Entry {
	bool title_read;
	char *title;		/* UTF-8, or NULL */
	char *error;		/* why it cannot be opened */
	MqDir dir;
	MqText *text;		/* opened by the UI (freed by it) */
	MqDoc *doc;
	MqOutline *outline;
	bool outline_pending;	/* not looked for yet */
	MqView *view;
} Entry;

typedef struct Ui {
	MqUiItem *items;
	Entry *entries;
	size_t n;
	size_t *shown;		/* indices of the rows the filter lets through */
	size_t nshown;
	size_t sel, list_top;	/* selected row and first row on screen */
	char filter[256];
	MqLayout *layout;
	MqLayoutOptions opt;
	MqChars chars;
	MqParaLayout pl;
	long current;		/* open entry, or -1 for the list */
	char notice[512];
	bool colors;
	bool list;		/* there is a list to go back to */
	bool pane;		/* the outline pane is open */
	size_t pane_sel, pane_top;
	int last_key;
	bool quit;
} Ui;

/* What the signal handlers need, set before the terminal changes. */
static volatile sig_atomic_t quit_signal;
static struct termios saved_tio;
static bool have_tio, bidi_explicit;
static const char *seq_rmcup, *seq_cnorm, *seq_sgr0;

/* Writes a string with write(2): safe in a signal handler. */
static void
raw_write(const char *s)
{
	size_t len;

	if (s == NULL || s == (const char *)-1)
		return;
	len = strlen(s);
	while (len > 0) {
		ssize_t w = write(STDOUT_FILENO, s, len);

		if (w <= 0)
			return;
		s += w;
		len -= (size_t)w;
	}
}

/* Puts the terminal back without curses (async-signal-safe). */
static void
restore_terminal_raw(void)
{
	raw_write("\033[?1000l\033[?1002l\033[?1006l");	/* mouse off */
	raw_write(seq_sgr0);
	raw_write(seq_cnorm);
	raw_write(seq_rmcup);
	if (bidi_explicit)
		raw_write("\033[8h");
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &saved_tio);
}

static void
on_quit_signal(int sig)
{
	quit_signal = sig;
}

static void
on_fatal_signal(int sig)
{
	static const char bus[] = "maqal: the file shrank while it was being read\n";

	restore_terminal_raw();
	if (sig == SIGBUS)
		(void)!write(STDERR_FILENO, bus, sizeof bus - 1);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Installs the handlers; quit signals do not restart reads. */
static void
install_signals(void)
{
	static const int quits[] = { SIGINT, SIGTERM, SIGHUP };
	static const int fatals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit_signal;
	for (i = 0; i < sizeof quits / sizeof quits[0]; i++)
		sigaction(quits[i], &sa, NULL);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof fatals / sizeof fatals[0]; i++)
		sigaction(fatals[i], &sa, NULL);
}

/* Sets the one-line notice shown on the status line. */
static void __attribute__((format(printf, 2, 3)))
notify(Ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->notice, sizeof ui->notice, fmt, ap);
	va_end(ap);
}

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

/* Fills in entry i's title and direction, once. */
static void
read_title(Ui *ui, size_t i)
{
	Entry *e = &ui->entries[i];
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

/* Recomputes the rows the filter lets through (titles or names). */
static void
apply_filter(Ui *ui)
{
	size_t i;

	ui->nshown = 0;
	for (i = 0; i < ui->n; i++) {
		if (ui->filter[0] != '\0') {
			read_title(ui, i);
			if (!((ui->entries[i].title &&
			    strcasestr(ui->entries[i].title, ui->filter)) ||
			    strcasestr(ui->items[i].name, ui->filter)))
				continue;
		}
		ui->shown[ui->nshown++] = i;
	}
	if (ui->sel >= ui->nshown)
		ui->sel = ui->nshown ? ui->nshown - 1 : 0;
}

/* Paints cells of line 0 of ui->pl at row y, columns [x0, x0 + w). */
static void
paint_cells(Ui *ui, int y, int x0, int w)
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
static bool
lay_string(Ui *ui, const char *s, int w)
{
	return lay_string_dir(ui, s, w, MQ_DIRMODE_AUTO);
}

/* Draws the article list. */
static void
paint_list(Ui *ui, int rows)
{
	int y, title_x = 14, title_w = COLS - 14;
	char size[32];

	if (ui->sel < ui->list_top)
		ui->list_top = ui->sel;
	if (rows > 0 && ui->sel >= ui->list_top + (size_t)rows)
		ui->list_top = ui->sel - (size_t)rows + 1;
	for (y = 0; y < rows; y++) {
		size_t row = ui->list_top + (size_t)y, i;
		Entry *e;

		move(y, 0);
		clrtoeol();
		if (row >= ui->nshown)
			continue;
		i = ui->shown[row];
		e = &ui->entries[i];
		read_title(ui, i);
		if (row == ui->sel)
			attron(A_REVERSE);
		mvhline(y, 0, ' ', COLS);
		human_size(ui->items[i].size, size, sizeof size);
		mvprintw(y, 0, " %s %7s", e->error ? "!!!" :
		    e->dir == MQ_DIR_RTL ? "RTL" : "LTR", size);
		if (title_w < 1)
			title_w = 0;
		if (e->error) {
			char line[600];

			snprintf(line, sizeof line, "%s: %s", ui->items[i].name, e->error);
			if (lay_string(ui, line, title_w))
				paint_cells(ui, y, title_x, title_w);
		} else if (lay_string(ui, e->title && e->title[0] ? e->title :
		    ui->items[i].name, title_w))
			paint_cells(ui, y, title_x, title_w);
		if (row == ui->sel)
			attroff(A_REVERSE);
	}
}

/* The attribute headings are drawn with. */
static int
heading_attr(const Ui *ui)
{
	return A_BOLD | (ui->colors ? COLOR_PAIR(PAIR_ACCENT) : 0);
}

/* The index of the section at the top of the open article, or -1. */
static long
current_index(const Ui *ui)
{
	const Entry *e = &ui->entries[ui->current];
	size_t k;

	if (e->outline == NULL)
		return -1;
	k = mq_outline_section_of(e->outline, mq_view_top_para(e->view));
	return k == (size_t)-1 ? -1 : (long)k;
}

/* The section at the top of the open article, or NULL. */
static const MqSection *
current_section(const Ui *ui)
{
	long k = current_index(ui);

	return k < 0 ? NULL : mq_outline_section(ui->entries[ui->current].outline,
	    (size_t)k);
}

/* A section's title (see mq_outline_title); caller frees. */
static char *
section_title(Ui *ui, const MqSection *s)
{
	return mq_outline_title(ui->entries[ui->current].doc, s, &ui->chars);
}

/* Draws the outline pane over the left of the article. */
static void
paint_pane(Ui *ui, int rows)
{
	Entry *e = &ui->entries[ui->current];
	size_t n = e->outline ? mq_outline_count(e->outline) : 0;
	long cur = current_index(ui);
	int w = COLS < 60 ? COLS : (COLS / 3 > 24 ? COLS / 3 : 24), y;

	if (ui->pane_sel >= n)
		ui->pane_sel = n ? n - 1 : 0;
	if (ui->pane_sel < ui->pane_top)
		ui->pane_top = ui->pane_sel;
	if (ui->pane_sel >= ui->pane_top + (size_t)rows)
		ui->pane_top = ui->pane_sel - (size_t)rows + 1;
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
			if ((title = section_title(ui, s)) != NULL &&
			    indent < w - 1 && lay_string(ui, title, w - 1 - indent))
				paint_cells(ui, y, indent, w - 1 - indent);
			free(title);
		}
		if (k == ui->pane_sel)
			attroff(A_REVERSE);
		if (w < COLS)
			mvaddch(y, w, ACS_VLINE);
	}
}

/* Draws the status line: name, position, notice. */
static void
paint_status(Ui *ui)
{
	char left[512], right[128];
	int y = LINES - 1;

	if (ui->current >= 0) {
		Entry *e = &ui->entries[ui->current];
		size_t off = mq_view_top_offset(e->view);
		size_t size = mq_text_size(mq_doc_text(e->doc));
		unsigned pct = size ? (unsigned)(off * 100 / size) : 100;

		const MqSection *sec = current_section(ui);

		if (sec != NULL) {
			char *title = section_title(ui, sec);

			/* the title is isolated (FSI..PDI): it keeps its own direction */
			snprintf(left, sizeof left, " %s  \u00a7%ld/%zu \u2068%s\u2069",
			    ui->items[ui->current].name, current_index(ui) + 1,
			    mq_outline_count(e->outline), title ? title : "");
			free(title);
		} else
			snprintf(left, sizeof left, " %s", ui->items[ui->current].name);
		if (mq_view_at_end(e->view))
			snprintf(right, sizeof right, "line %u  (END) ",
			    mq_view_top_line(e->view));
		else
			snprintf(right, sizeof right, "line %u  %u%% ",
			    mq_view_top_line(e->view), pct);
	} else {
		snprintf(left, sizeof left, " %zu of %zu articles%s%s  %s", ui->nshown,
		    ui->n, ui->filter[0] ? "  filter: " : "", ui->filter,
		    ui->nshown ? ui->items[ui->shown[ui->sel]].name : "");
		snprintf(right, sizeof right, "? help ");
	}
	attron(A_REVERSE);
	mvhline(y, 0, ' ', COLS);
	/* the status line reads left to right; a title in it is isolated */
	if (lay_string_dir(ui, left, COLS, MQ_DIRMODE_LTR))
		paint_cells(ui, y, 0, COLS);
	if (ui->notice[0]) {
		attroff(A_REVERSE);
		if (ui->colors)
			attron(COLOR_PAIR(PAIR_NOTICE));
		attron(A_BOLD);
		if (lay_string(ui, ui->notice, COLS / 2))
			paint_cells(ui, y, COLS - COLS / 2 - (int)strlen(right), COLS / 2);
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
static void
paint(Ui *ui)
{
	int rows = LINES - 1;

	if (rows < 1) {		/* a one-row terminal: status only */
		erase();
		paint_status(ui);
		refresh();
		return;
	}
	if (ui->current >= 0) {
		Entry *e = &ui->entries[ui->current];
		const MqSection *sec = current_section(ui);
		bool sticky;

		ui->opt.width = COLS > 0 ? (unsigned)COLS : 1;
		mq_view_configure(e->view, &ui->opt);
		mq_view_set_outline(e->view, e->outline, A_BOLD | A_UNDERLINE,
		    heading_attr(ui));
		/* Inside a section whose heading has scrolled away: keep it on top. */
		sticky = sec != NULL && sec->kind == MQ_SECTION_HEADING && rows >= 3 &&
		    !mq_view_para_visible_from_top(e->view, sec->para);
		if (sticky)
			mq_view_paint_para_line(e->view, sec->para, 0, COLS,
			    heading_attr(ui) | A_UNDERLINE);
		if (!mq_view_paint(e->view, sticky ? 1 : 0, sticky ? rows - 1 : rows,
		    COLS))
			notify(ui, "out of memory");
		if (ui->pane)
			paint_pane(ui, rows);
	} else
		paint_list(ui, rows);
	paint_status(ui);
	refresh();
}

/* Shows every key of the current screen, from the key table. */
static void
show_help(Ui *ui)
{
	unsigned where = ui->current < 0 ? MQ_IN_LIST : ui->pane ? MQ_IN_PANE :
	    MQ_IN_ARTICLE;
	const MqKeyBinding *b;
	int y = 2, key;

	erase();
	attron(A_BOLD);
	mvaddnstr(0, 1, where == MQ_IN_ARTICLE ? "maqal: keys in an article" :
	    where == MQ_IN_PANE ? "maqal: keys in the outline" :
	    "maqal: keys in the article list", COLS - 1);
	attroff(A_BOLD);
	for (b = mq_keys; b->action != MQ_ACT_NONE && y < LINES - 1; b++) {
		if (!(b->where & where))
			continue;
		if (ui->colors)
			attron(COLOR_PAIR(PAIR_ACCENT));
		mvaddnstr(y, 2, b->label, COLS - 2);
		if (ui->colors)
			attroff(COLOR_PAIR(PAIR_ACCENT));
		if (COLS > 24)
			mvaddnstr(y, 22, b->help, COLS - 22);
		y++;
	}
	attron(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	mvaddnstr(LINES - 1, 0, " press any key to go back", COLS);
	attroff(A_REVERSE);
	refresh();
	while ((key = getch()) == ERR && !quit_signal)
		;
	if (key == KEY_RESIZE)
		ungetch(KEY_RESIZE);
}

/* Opens entry i (its text, document and view) and shows it. */
static bool
open_entry(Ui *ui, size_t i)
{
	Entry *e = &ui->entries[i];
	MqText *t = ui->items[i].text ? ui->items[i].text : e->text;
	char *err = NULL;
	size_t bad, scan;

	if (e->view == NULL) {
		if (t == NULL) {
			t = e->text = mq_text_open_file(ui->items[i].path, &err);
			if (t == NULL) {
				notify(ui, "%s", err ? err : "out of memory");
				free(err);
				return false;
			}
		}
		e->doc = mq_doc_new(t);
		e->view = e->doc ? mq_view_new(e->doc, ui->layout) : NULL;
		if (e->view == NULL) {
			notify(ui, "out of memory");
			return false;
		}
		e->outline_pending = true;	/* found after the first paint */
		/* Tell once how many bytes were replaced (in the first 8 MiB). */
		scan = mq_text_size(t) < 8u << 20 ? mq_text_size(t) : 8u << 20;
		bad = mq_text_count_invalid(t, 0, scan);
		if (bad > 0)
			notify(ui, "%zu invalid UTF-8 sequence%s shown as U+FFFD%s", bad,
			    bad == 1 ? "" : "s", scan < mq_text_size(t) ?
			    " (first 8 MB)" : "");
	}
	ui->opt.fallback = mq_text_direction(t);
	ui->current = (long)i;
	return true;
}

/* Reads a filter string on the status line, filtering as the user types. */
static void
read_filter(Ui *ui)
{
	size_t len = strlen(ui->filter);
	wint_t ch;
	int r;
	char enc[8];

	for (;;) {
		paint(ui);
		attron(A_REVERSE);
		mvhline(LINES - 1, 0, ' ', COLS);
		mvaddstr(LINES - 1, 0, "/");
		addnstr(ui->filter, COLS - 2);
		attroff(A_REVERSE);
		curs_set(1);
		refresh();
		r = get_wch(&ch);
		curs_set(0);
		if (quit_signal)
			return;
		if (r == ERR)
			continue;
		if (r == OK && (ch == '\n' || ch == '\r'))
			return;
		if (r == OK && ch == 27) {
			ui->filter[0] = '\0';
			apply_filter(ui);
			return;
		}
		if ((r == KEY_CODE_YES && ch == KEY_BACKSPACE) ||
		    (r == OK && (ch == 127 || ch == 8))) {
			while (len > 0 && ((unsigned char)ui->filter[len - 1] & 0xc0) == 0x80)
				len--;	/* back over a whole character */
			if (len > 0)
				len--;
			ui->filter[len] = '\0';
		} else if (r == OK && ch >= 0x20) {
			size_t n = mq_utf8_encode((uint32_t)ch, enc);

			if (len + n < sizeof ui->filter) {
				memcpy(ui->filter + len, enc, n);
				len += n;
				ui->filter[len] = '\0';
			}
		} else
			continue;
		ui->sel = 0;
		apply_filter(ui);
	}
}

/* Moves to the next (+1) or previous (-1) article from inside one. */
static void
switch_article(Ui *ui, int step)
{
	long next = ui->current + step;

	if (next < 0 || (size_t)next >= ui->n) {
		notify(ui, step > 0 ? "this is the last article" :
		    "this is the first article");
		return;
	}
	if (open_entry(ui, (size_t)next)) {
		size_t k;

		for (k = 0; k < ui->nshown; k++)
			if (ui->shown[k] == (size_t)next)
				ui->sel = k;
	}
}

/* Shows section k of the open article at the top, and says which. */
static void
show_section(Ui *ui, size_t k)
{
	Entry *e = &ui->entries[ui->current];
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
static void
go_section(Ui *ui, MqAction a)
{
	Entry *e = &ui->entries[ui->current];
	size_t n = e->outline ? mq_outline_count(e->outline) : 0;
	long cur = current_index(ui), k;
	const MqSection *s;

	if (n == 0) {
		notify(ui, "this article has no sections");
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
		notify(ui, k < 0 ? "no section before this one" :
		    a == MQ_ACT_SECTION_N ? "there are only %zu sections" :
		    "no section after this one", n);
		return;
	}
	show_section(ui, (size_t)k);
}

/* Carries out one action in the outline pane. */
static void
act_pane(Ui *ui, MqAction a)
{
	Entry *e = &ui->entries[ui->current];
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
		show_section(ui, ui->pane_sel);
		ui->pane = false;
		break;
	default:
		break;
	}
}

/* Carries out one action. */
static void
act(Ui *ui, MqAction a)
{
	/* one row may go to a sticky heading: keep the end reachable under it */
	int rows = LINES - 2 > 0 ? LINES - 2 : 1;
	MqView *v = ui->current >= 0 ? ui->entries[ui->current].view : NULL;
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
			act(ui, MQ_ACT_UP), act(ui, MQ_ACT_UP), act(ui, MQ_ACT_UP);
#ifdef BUTTON5_PRESSED
		else if (ev.bstate & BUTTON5_PRESSED)
			act(ui, MQ_ACT_DOWN), act(ui, MQ_ACT_DOWN), act(ui, MQ_ACT_DOWN);
#endif
		break;
	case MQ_ACT_OPEN:
		if (ui->nshown > 0)
			open_entry(ui, ui->shown[ui->sel]);
		break;
	case MQ_ACT_BACK:
		if (ui->list)
			ui->current = -1;
		else
			ui->quit = true;
		break;
	case MQ_ACT_NEXT_ARTICLE:
	case MQ_ACT_PREV_ARTICLE:
		switch_article(ui, a == MQ_ACT_NEXT_ARTICLE ? 1 : -1);
		break;
	case MQ_ACT_FILTER:
		read_filter(ui);
		break;
	case MQ_ACT_HELP:
		show_help(ui);
		break;
	case MQ_ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case MQ_ACT_QUIT:
		ui->quit = true;
		break;
	case MQ_ACT_OUTLINE:
		ui->pane = !ui->pane;
		if (ui->pane) {
			long cur = current_index(ui);

			ui->pane_sel = cur < 0 ? 0 : (size_t)cur;
		}
		break;
	case MQ_ACT_NEXT_SECTION:
	case MQ_ACT_PREV_SECTION:
	case MQ_ACT_NEXT_PEER:
	case MQ_ACT_PREV_PEER:
	case MQ_ACT_SECTION_N:
		go_section(ui, a);
		break;
	}
}

/* A printable name for a key, for "unknown key" notices. */
static const char *
key_label(int key)
{
	const char *k = keyname(key);

	return k ? k : "?";
}

/* Sets up curses, colours and the terminal's modes. */
static bool
start_terminal(Ui *ui)
{
	struct termios tio;

	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		saved_tio = tio;
		have_tio = true;
	}
	install_signals();
	if (newterm(NULL, stdout, stdin) == NULL)
		return false;
	seq_rmcup = tigetstr("rmcup");
	seq_cnorm = tigetstr("cnorm");
	seq_sgr0 = tigetstr("sgr0");
	/* maqal reorders: the terminal's own bidi goes to explicit mode (BDSM). */
	if (ui->opt.bidi == MQ_BIDI_APP) {
		bidi_explicit = true;
		raw_write("\033[8l");
	}
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	timeout(TICK_MS);
	set_escdelay(50);
	mousemask(BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    , NULL);
	mouseinterval(0);
	if (has_colors() && getenv("NO_COLOR") == NULL) {
		start_color();
		use_default_colors();
		init_pair(PAIR_NOTICE, COLOR_YELLOW, -1);
		init_pair(PAIR_ACCENT, COLOR_CYAN, -1);
		ui->colors = true;
	}
	return true;
}

/* Leaves curses and puts the terminal's modes back. */
static void
stop_terminal(void)
{
	mousemask(0, NULL);
	endwin();
	if (bidi_explicit) {
		raw_write("\033[8h");
		bidi_explicit = false;
	}
}

int
mq_ui_run(MqUiItem *items, size_t n, const MqLayoutOptions *opt,
    const char *notice, bool list)
{
	Ui ui;
	char *err = NULL;
	int key, prefix = 0, sig;
	bool dirty;
	size_t i;

	memset(&ui, 0, sizeof ui);
	ui.items = items;
	ui.n = n;
	ui.opt = *opt;
	ui.current = -1;
	ui.entries = calloc(n, sizeof *ui.entries);
	ui.shown = calloc(n, sizeof *ui.shown);
	if (ui.entries == NULL || ui.shown == NULL ||
	    (ui.layout = mq_layout_new(&err)) == NULL) {
		fprintf(stderr, "maqal: %s\n", err ? err : "out of memory");
		free(err);
		free(ui.entries);
		free(ui.shown);
		return 2;
	}
	apply_filter(&ui);
	if (notice)
		notify(&ui, "%s", notice);
	ui.list = list || n > 1;
	if (!ui.list && !open_entry(&ui, 0)) {
		fprintf(stderr, "maqal: %s\n", ui.notice);
		mq_layout_free(ui.layout);
		free(ui.entries);
		free(ui.shown);
		return 2;
	}
	if (!start_terminal(&ui)) {
		fprintf(stderr, "maqal: cannot use this terminal (TERM=%s)\n",
		    getenv("TERM") ? getenv("TERM") : "");
		return 2;
	}

	for (dirty = true; !ui.quit && !quit_signal; ) {
		MqAction a;

		if (dirty)
			paint(&ui);
		dirty = true;
		/*
		 * Sections need the whole article read; the first screen does not,
		 * so it is shown first and the outline found right after.
		 */
		if (ui.current >= 0 && ui.entries[ui.current].outline_pending) {
			Entry *e = &ui.entries[ui.current];

			e->outline_pending = false;
			if ((e->outline = mq_outline_new(e->doc)) == NULL)
				notify(&ui, "out of memory: no outline");
			continue;
		}
		key = getch();
		if (key == ERR) {
			dirty = false;	/* a tick: only signals are checked */
			continue;
		}
		if (key == KEY_RESIZE)
			continue;	/* the next paint lays out at the new size */
		ui.notice[0] = '\0';
		if (ui.current >= 0 && !ui.pane && prefix == 0 && key == MQ_KEY_PREFIX) {
			prefix = key;
			notify(&ui, ":");
			continue;
		}
		ui.last_key = key;
		if (ui.current >= 0 && ui.pane && prefix == 0 &&
		    (a = mq_key_action(0, key, MQ_IN_PANE)) != MQ_ACT_NONE) {
			/* the pane's own keys; others fall through to the article */
			if (a == MQ_ACT_OUTLINE || a == MQ_ACT_HELP)
				act(&ui, a);
			else
				act_pane(&ui, a);
			continue;
		}
		a = mq_key_action(prefix, key, ui.current < 0 ? MQ_IN_LIST :
		    MQ_IN_ARTICLE);
		if (a == MQ_ACT_NONE)
			notify(&ui, "unknown key %s%s (press ? for help)",
			    prefix ? ":" : "", key_label(key));
		prefix = 0;
		act(&ui, a);
	}
	stop_terminal();

	for (i = 0; i < n; i++) {
		mq_view_free(ui.entries[i].view);
		mq_outline_free(ui.entries[i].outline);
		mq_doc_free(ui.entries[i].doc);
		mq_text_free(ui.entries[i].text);
		free(ui.entries[i].title);
		free(ui.entries[i].error);
	}
	free(ui.entries);
	free(ui.shown);
	mq_chars_free(&ui.chars);
	mq_para_layout_free(&ui.pl);
	mq_layout_free(ui.layout);
	if ((sig = quit_signal) != 0) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return 0;
}
