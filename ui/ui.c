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
 * endwin(); crash signals and every other signal that would end maqal
 * restore the terminal with raw writes (rmcup, cursor, attributes, mouse
 * and bidi modes, termios) and re-raise.
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
#include <time.h>
#include <unistd.h>

#include "core/fold.h"
#include "core/search.h"
#include "core/util.h"
#include "keys.h"
#include "prompt.h"
#include "ui.h"
#include "view.h"

#define TITLE_BYTES 16384
#define CTRL_KEY(c) ((c) & 0x1f)
#define TICK_MS 200
#define SCAN_MS 40		/* names are looked for this long between keys */
#define PAIR_NOTICE 1
#define PAIR_ACCENT 2
#define PAIR_MATCH 3
#define PAIR_MATCH_AT 4
#define PAIR_NAME 5		/* and on: one pair per MqEntityType */
#define MAX_MATCHES 100000	/* matches kept per search (a notice says so) */

/*
 * How each type of name is coloured, and what the help says of it.  Every
 * type has a colour of its own (headings are bold in the text's colour,
 * so they share none): with 8 colours percentages are bold white, with
 * 256 orange.
 */
static const struct {
	short color, color256;
	int attr;		/* added with 8 or 16 colours */
	const char *what;
} name_style[MQ_ENT_NTYPES] = {
	[MQ_ENT_PERSON] = { COLOR_YELLOW, COLOR_YELLOW, 0, "people" },
	[MQ_ENT_ORG] = { COLOR_CYAN, COLOR_CYAN, 0, "organisations" },
	[MQ_ENT_PLACE] = { COLOR_GREEN, COLOR_GREEN, 0, "places" },
	[MQ_ENT_MONEY] = { COLOR_MAGENTA, COLOR_MAGENTA, 0, "sums of money" },
	[MQ_ENT_DATE] = { COLOR_BLUE, COLOR_BLUE, 0, "dates and years" },
	[MQ_ENT_PERCENT] = { COLOR_WHITE, 208, A_BOLD, "percentages" },
	[MQ_ENT_MISC] = { COLOR_RED, COLOR_RED, 0, "other names: products, events, laws" },
};

/* A row of the names pane: a type's heading, or one of its names. */
typedef struct NameRow {
	uint8_t type;
	long entity;		/* -1 for the heading */
} NameRow;

typedef struct Entry {
	bool title_read;
	char *title;		/* UTF-8, or NULL */
	char *folded;		/* title and file name folded, for the filter */
	char *error;		/* why it cannot be opened */
	MqDir dir;
	MqText *text;		/* opened by the UI (freed by it) */
	MqDoc *doc;
	MqOutline *outline;
	bool outline_pending;	/* not looked for yet */
	MqView *view;
	MqEntities *names;	/* found so far (NULL: none looked for) */
	bool told_cut;		/* the notice about long lines was shown */
	bool told_stream;	/* the notice about a stream cut short was shown */
	bool names_failed;	/* memory ran out looking */
	long marked;		/* the marked entity, or -1 */
	MqSpan at;		/* the mention the reader moved to (empty: none) */
	MqSearch *search;	/* made at the first search */
	MqSpan *matches;	/* of the last search, in file order */
	size_t nmatches;
	bool matches_cut;	/* more than MAX_MATCHES */
	long match;		/* the match the reader is at, or -1 */
	MqSpan scope;		/* where the last search looked */
} Entry;

typedef struct Ui {
	MqUiItem *items;
	Entry *entries;
	size_t n;
	size_t *shown;		/* indices of the rows the filter lets through */
	size_t nshown;
	size_t sel, list_top;	/* selected row and first row on screen */
	char filter[256];
	int name_w;		/* columns of the widest file name, once known */
	MqLayout *layout;
	MqLayoutOptions opt;
	MqChars chars;
	MqParaLayout pl;
	long current;		/* open entry, or -1 for the list */
	char notice[512];
	bool told_shrank;	/* the notice that the file shrank was shown */
	bool colors;
	bool list;		/* there is a list to go back to */
	bool pane;		/* the outline pane is open */
	size_t pane_sel, pane_top;
	const MqGazetteer *gazetteer;
	const struct MqTagger *tagger, *tagger_en;
	bool names_shown;	/* colour names (e) */
	bool npane;		/* the names pane is open */
	NameRow *nrows;		/* its rows, for names found so far */
	size_t nnrows, nrows_ents;	/* rows, and entities they were made from */
	long long nrows_ms;	/* when they were made */
	size_t npane_sel, npane_top;
	MqPrompt prompt;	/* the search line, with its history */
	MqPrompt fprompt;	/* the list's filter line */
	MqSearchMode smode;
	char pattern[MQ_PROMPT_MAX];	/* the last search */
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
	restore_terminal_raw();
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * SIGBUS: when the file of a mapped text was truncated under us, the rest
 * of the text becomes zero pages and reading goes on (the status line says
 * so, see notice_shrunk); any other bus error is fatal.
 */
static void
on_sigbus(int sig, siginfo_t *info, void *ctx)
{
	(void)ctx;
	if (mq_text_fault(info->si_addr))
		return;
	on_fatal_signal(sig);
}

/*
 * Installs the handlers; quit signals do not restart reads.  Every other
 * signal whose default would end maqal (Ctrl-\\, SIGUSR1, SIGALRM, SIGPIPE,
 * the real-time signals, ...) restores the terminal and then ends it the
 * way it would have (core dump included).  SIGKILL cannot be caught.
 */
static void
install_signals(void)
{
	static const int quits[] = { SIGINT, SIGTERM, SIGHUP };
	static const int fatals[] = { SIGSEGV, SIGFPE, SIGILL, SIGABRT, SIGQUIT,
	    SIGTRAP, SIGSYS, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
	    SIGPIPE, SIGXCPU, SIGXFSZ, SIGIO,
#ifdef SIGSTKFLT
	    SIGSTKFLT,
#endif
#ifdef SIGPWR
	    SIGPWR,
#endif
	};
	struct sigaction sa;
	size_t i;
	int rt;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit_signal;
	for (i = 0; i < sizeof quits / sizeof quits[0]; i++)
		sigaction(quits[i], &sa, NULL);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof fatals / sizeof fatals[0]; i++)
		sigaction(fatals[i], &sa, NULL);
#ifdef SIGRTMIN
	for (rt = SIGRTMIN; rt <= SIGRTMAX; rt++)
		sigaction(rt, &sa, NULL);
#else
	(void)rt;
#endif
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGBUS, &sa, NULL);
}

/* Milliseconds on a monotonic clock. */
static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
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

/*
 * Entry i's title and file name folded for the filter (as search folds:
 * case, harakat, hamza forms, digits), made once; NULL when memory ran out.
 */
static const char *
folded_label(Ui *ui, size_t i)
{
	Entry *e = &ui->entries[i];
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
static void
apply_filter(Ui *ui)
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
static void
keep_in_view(size_t *sel, size_t *top, size_t n, int rows)
{
	if (*sel >= n)
		*sel = n ? n - 1 : 0;
	if (*sel < *top)
		*top = *sel;
	if (rows > 0 && *sel >= *top + (size_t)rows)
		*top = *sel - (size_t)rows + 1;
}

/* Rows an article shows under a possible sticky heading. */
static int
text_rows(void)
{
	return LINES - 2 > 0 ? LINES - 2 : 1;
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

/* Paints s cut to fit columns [x, x + w) of row y (see fit_string). */
static void
paint_fitted(Ui *ui, const char *s, int y, int x, int w, bool keep_end,
    MqDirMode dir)
{
	char *cut;

	if (w < 1)
		return;
	if (lay_string_dir(ui, s, w, dir) && ui->pl.nlines == 1) {
		paint_cells(ui, y, x, w);	/* it fits as it is (most rows) */
		return;
	}
	if ((cut = fit_string(ui, s, w, keep_end, dir)) == NULL)
		return;
	if (lay_string_dir(ui, cut, w, dir))
		paint_cells(ui, y, x, w);
	free(cut);
}

/*
 * Draws the article list: direction, size, the file name (cut at its
 * start when long, so the name of the file itself shows) and the title.
 */
static void
paint_list(Ui *ui, int rows)
{
	int y, name_x = 14, name_w = names_width(ui), title_x, title_w;
	char size[32];

	if (name_w > (COLS - name_x) / 3)
		name_w = (COLS - name_x) / 3;
	title_x = name_x + name_w + 2;
	title_w = COLS - title_x;
	keep_in_view(&ui->sel, &ui->list_top, ui->nshown, rows);
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
		paint_fitted(ui, ui->items[i].name, y, name_x, name_w, true,
		    MQ_DIRMODE_LTR);
		if (e->error)
			paint_fitted(ui, e->error, y, title_x, title_w, false,
			    MQ_DIRMODE_AUTO);
		else if (e->title && e->title[0])
			paint_fitted(ui, e->title, y, title_x, title_w, false,
			    MQ_DIRMODE_AUTO);
		if (row == ui->sel)
			attroff(A_REVERSE);
	}
}

/* The attribute headings are drawn with. */
static int
heading_attr(void)
{
	return A_BOLD;	/* no colour: each colour belongs to a type of name */
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

/* The attribute mentions of a type are drawn with. */
static int
name_attr(const Ui *ui, unsigned type)
{
	if (!ui->colors)
		return A_UNDERLINE;
	return COLOR_PAIR(PAIR_NAME + (int)type) | (COLORS >= 256 ? 0 :
	    name_style[type].attr);
}

/* Tells the open article's view what to highlight. */
static void
set_marks(Ui *ui)
{
	Entry *e = &ui->entries[ui->current];
	MqViewMarks mk;
	unsigned t;

	memset(&mk, 0, sizeof mk);
	mk.ents = e->names;
	mk.by_type = ui->names_shown;
	for (t = 0; t < MQ_ENT_NTYPES; t++)
		mk.type_attr[t] = name_attr(ui, t);
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

/* Columns of the outline and the names pane (the whole screen when narrow). */
static int
outline_width(void)
{
	return COLS < 60 ? COLS : (COLS / 3 > 24 ? COLS / 3 : 24);
}

static int
names_pane_width(void)
{
	return COLS < 60 ? COLS : (COLS / 2 > 30 ? COLS / 2 : 30);
}

/*
 * Makes the names pane's rows from the names found so far: each type with
 * names gets a heading, then its names, most mentioned first.  The
 * selection stays on the same name.
 */
static void
build_name_rows(Ui *ui)
{
	Entry *e = &ui->entries[ui->current];
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
		notify(ui, "out of memory: names not listed");
		return;
	}
	for (k = 0; k < n; k++) {
		uint8_t t = list[rank[k]].type;

		if (k == 0 || list[rank[k - 1]].type != t)
			rows[r++] = (NameRow){ t, -1 };
		if ((long)rank[k] == keep)
			ui->npane_sel = r;
		rows[r++] = (NameRow){ t, (long)rank[k] };
	}
	free(rank);
	free(ui->nrows);
	ui->nrows_ms = now_ms();
	ui->nrows = rows;
	ui->nnrows = r;
	if (keep < 0 && r > 1)
		ui->npane_sel = 1;	/* the first name, under its heading */
}

/* Draws the names pane over the left of the article. */
static void
paint_names(Ui *ui, int rows)
{
	Entry *e = &ui->entries[ui->current];
	int w = names_pane_width(), y;
	size_t n = 0;
	const MqEntity *list = e->names ? mq_entities_list(e->names, &n) : NULL;
	char count[32];
	int cw = 1;
	size_t most = 0, k;

	/* while names are being found, the rows are remade once a second */
	if (e->names && n != ui->nrows_ents &&
	    (mq_entities_done(e->names) || now_ms() - ui->nrows_ms >= 1000))
		build_name_rows(ui);
	keep_in_view(&ui->npane_sel, &ui->npane_top, ui->nnrows, rows);
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
			attron(A_BOLD | name_attr(ui, row->type));
			mvaddnstr(y, 1, mq_entity_type_name(row->type), w - 1);
			attroff(A_BOLD | name_attr(ui, row->type));
		} else if (row != NULL) {
			const MqEntity *en = &list[row->entity];

			snprintf(count, sizeof count, "%*zu", cw, en->count);
			if (row->entity == e->marked)
				mvaddstr(y, 0, ">");
			if (nx < w)
				mvaddnstr(y, 2, count, w - 2);
			/* the name in its own direction, in the columns left */
			if (w - 1 - nx > 0)
				paint_fitted(ui, en->name, y, nx, w - 1 - nx, false,
				    MQ_DIRMODE_AUTO);
		}
		if (k == ui->npane_sel)
			attroff(A_REVERSE);
		if (w < COLS)
			mvaddch(y, w, ACS_VLINE);
	}
}

/* Draws the outline pane over the left of the article. */
static void
paint_pane(Ui *ui, int rows)
{
	Entry *e = &ui->entries[ui->current];
	size_t n = e->outline ? mq_outline_count(e->outline) : 0;
	long cur = current_index(ui);
	int w = outline_width(), y;

	keep_in_view(&ui->pane_sel, &ui->pane_top, n, rows);
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
	int y = LINES - 1, room, end;

	if (ui->current >= 0) {
		Entry *e = &ui->entries[ui->current];
		size_t off = mq_view_top_offset(e->view);
		size_t size = mq_text_size(mq_doc_text(e->doc));
		unsigned pct = size ? (unsigned)(off * 100 / size) : 100;

		const MqSection *sec = current_section(ui);
		char looking[64] = "", *name, *title, *cut, *full;
		int k = 0, lw;

		if (e->match >= 0)
			k = snprintf(looking, sizeof looking, "match %ld/%zu%s  ",
			    e->match + 1, e->nmatches, e->matches_cut ? "+" : "");
		if (e->names != NULL && !mq_entities_done(e->names) && k >= 0 &&
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
		if (sec != NULL && (title = section_title(ui, sec)) != NULL) {
			char sect[64];

			snprintf(sect, sizeof sect, "  \u00a7%ld/%zu ", current_index(ui) + 1,
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
		paint_cells(ui, y, 0, COLS - (int)strlen(right) - 1);
	if (ui->notice[0]) {
		attroff(A_REVERSE);
		if (ui->colors)
			attron(COLOR_PAIR(PAIR_NOTICE));
		attron(A_BOLD);
		/* as much room as it needs, right of a little of the name */
		end = COLS - (int)strlen(right);
		room = end - 2 - (COLS > 40 ? 12 : 0);
		if (room > 0 && lay_string(ui, ui->notice, room) && ui->pl.nlines > 0) {
			const MqLine *l = &ui->pl.lines[0];
			int x = end - 1 - (int)l->width - (int)l->indent;

			mvhline(y, x + (int)l->indent - 1, ' ', (int)l->width + 2);
			paint_cells(ui, y, x, room);
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

		/* an open pane narrows the article, laid out again at the width left */
		int px = ui->pane ? outline_width() + 1 : ui->npane ? names_pane_width() + 1 : 0;
		int cols = COLS - px > 0 ? COLS - px : 0;

		ui->opt.width = cols > 0 ? (unsigned)cols : 1;
		mq_view_configure(e->view, &ui->opt);
		mq_view_set_outline(e->view, e->outline, A_BOLD | A_UNDERLINE,
		    heading_attr());
		set_marks(ui);
		/* Inside a section whose heading has scrolled away: keep it on top. */
		sticky = sec != NULL && sec->kind == MQ_SECTION_HEADING && rows >= 3 &&
		    !mq_view_para_visible_from_top(e->view, sec->para);
		if (sticky && cols > 0)
			mq_view_paint_para_line(e->view, sec->para, 0, px, cols,
			    heading_attr() | A_UNDERLINE);
		if (cols > 0 && !mq_view_paint(e->view, sticky ? 1 : 0,
		    sticky ? rows - 1 : rows, px, cols))
			notify(ui, "out of memory");
		if (ui->pane)
			paint_pane(ui, rows);
		else if (ui->npane)
			paint_names(ui, rows);
	} else
		paint_list(ui, rows);
	paint_status(ui);
	refresh();
}

/* One row of the help: a key and what it does, or a name type's legend. */
typedef struct HelpRow {
	const char *label, *text;
	int attr;		/* of the label */
} HelpRow;

/*
 * Shows every key of the current screen, from the key table, and in an
 * article the colours of names.  Space, j and Down page on when it does
 * not fit; any other key goes back.
 */
static void
show_help(Ui *ui)
{
	unsigned where = ui->current < 0 ? MQ_IN_LIST : ui->pane ? MQ_IN_PANE :
	    ui->npane ? MQ_IN_NAMES : MQ_IN_ARTICLE;
	HelpRow *rows;
	const MqKeyBinding *b;
	size_t n = 0, top = 0, k;
	int y, key, page, accent = ui->colors ? COLOR_PAIR(PAIR_ACCENT) : 0;
	unsigned t;

	for (b = mq_keys; b->action != MQ_ACT_NONE; b++)
		n++;
	if ((rows = calloc(n + MQ_ENT_NTYPES + 2, sizeof *rows)) == NULL) {
		notify(ui, "out of memory: no help");
		return;
	}
	n = 0;
	for (b = mq_keys; b->action != MQ_ACT_NONE; b++)
		if (b->where & where)
			rows[n++] = (HelpRow){ b->label, b->help, accent };
	if (where == MQ_IN_ARTICLE || where == MQ_IN_NAMES) {
		rows[n++] = (HelpRow){ "", "", 0 };
		rows[n++] = (HelpRow){ "Names:", ui->colors ?
		    "coloured by type (e turns the colours off)" :
		    "underlined (e turns this off)", A_BOLD };
		for (t = 0; t < MQ_ENT_NTYPES; t++)
			rows[n++] = (HelpRow){ mq_entity_type_name(t),
			    name_style[t].what, name_attr(ui, t) };
	}
	timeout(TICK_MS);	/* wait for a key (names are not looked for meanwhile) */
	for (;;) {
		page = LINES - 3 > 1 ? LINES - 3 : 1;
		erase();
		attron(A_BOLD);
		mvaddnstr(0, 1, where == MQ_IN_ARTICLE ? "maqal: keys in an article" :
		    where == MQ_IN_PANE ? "maqal: keys in the outline" :
		    where == MQ_IN_NAMES ? "maqal: keys in the names" :
		    "maqal: keys in the article list", COLS - 1);
		attroff(A_BOLD);
		for (y = 2, k = top; k < n && y < LINES - 1; k++, y++) {
			attron(rows[k].attr);
			mvaddnstr(y, 2, rows[k].label, COLS - 2);
			attroff(rows[k].attr);
			if (COLS > 24)
				mvaddnstr(y, 22, rows[k].text, COLS - 22);
		}
		attron(A_REVERSE);
		mvhline(LINES - 1, 0, ' ', COLS);
		mvaddnstr(LINES - 1, 0, k < n ? " Space: more; any other key to go back" :
		    " press any key to go back", COLS);
		attroff(A_REVERSE);
		refresh();
		while ((key = getch()) == ERR && !quit_signal)
			;
		if ((key == ' ' || key == 'j' || key == 'f' || key == KEY_DOWN ||
		    key == KEY_NPAGE) && k < n)
			top += (size_t)page < n - top ? (size_t)page : 0;
		else if ((key == 'b' || key == 'k' || key == KEY_UP || key == KEY_PPAGE) &&
		    top > 0)
			top = top > (size_t)page ? top - (size_t)page : 0;
		else
			break;
	}
	free(rows);
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
		e->marked = -1;
		e->match = -1;
		/* names are looked for between keys, from the first paint on */
		if (ui->gazetteer != NULL &&
		    (e->names = mq_entities_new(e->doc, ui->gazetteer)) == NULL)
			notify(ui, "out of memory: names are not looked for");
		else if (e->names != NULL)
			mq_entities_set_tagger(e->names, ui->tagger, ui->tagger_en);
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
	ui->pane = ui->npane = false;	/* panes belong to the article left */
	return true;
}

/*
 * Reads a filter on the status line with the prompt editor (so typed Arabic
 * shows joined, in visual order), filtering the list as the user types.
 * Enter keeps it, Esc clears it.
 */
static void
read_filter(Ui *ui)
{
	MqPromptResult r;
	wint_t ch;
	int got;

	mq_prompt_start(&ui->fprompt);
	mq_prompt_set(&ui->fprompt, ui->filter);
	for (;;) {
		paint(ui);
		attron(A_REVERSE);
		mq_prompt_paint(&ui->fprompt, "/", LINES - 1, COLS, ui->layout,
		    &ui->opt, &ui->chars, &ui->pl);
		attroff(A_REVERSE);
		curs_set(1);
		refresh();
		got = get_wch(&ch);
		curs_set(0);
		if (quit_signal)
			return;
		if (got == ERR || (got == KEY_CODE_YES && ch == KEY_RESIZE))
			continue;
		r = mq_prompt_key(&ui->fprompt, got, ch);
		if (r == MQ_PROMPT_ENTER)
			return;
		if (r == MQ_PROMPT_CANCEL)
			mq_prompt_start(&ui->fprompt);
		if (r == MQ_PROMPT_CHANGED || r == MQ_PROMPT_CANCEL) {
			snprintf(ui->filter, sizeof ui->filter, "%s", ui->fprompt.text);
			ui->sel = 0;
			apply_filter(ui);
		}
		if (r == MQ_PROMPT_CANCEL)
			return;
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

/* Says which mention the reader is at: type, name, k of n. */
static void
tell_mention(Ui *ui, size_t k)
{
	Entry *e = &ui->entries[ui->current];
	size_t nm, ne, i, nth = 0;
	const MqMention *m = mq_entities_mentions(e->names, &nm);
	const MqEntity *en = &mq_entities_list(e->names, &ne)[m[k].entity];

	for (i = en->first; i <= k; i++)
		nth += m[i].entity == m[k].entity;
	/* the name is isolated (FSI..PDI): it keeps its own direction */
	notify(ui, "%s \u2068%s\u2069  %zu/%zu%s", mq_entity_type_name(en->type),
	    en->name, nth, en->count, mq_entities_done(e->names) ? "" : "+");
}

/* Moves the reader to mention k and says so. */
static void
go_mention(Ui *ui, size_t k)
{
	Entry *e = &ui->entries[ui->current];
	size_t nm;
	const MqMention *m = mq_entities_mentions(e->names, &nm);

	e->at.start = m[k].start;
	e->at.end = m[k].end;
	mq_view_show_offset(e->view, m[k].start, text_rows());
	tell_mention(ui, k);
}

/*
 * Tab, Shift-Tab, > and <: the next or previous mention (of the marked
 * entity only, with only_marked), from the one the reader is at when it is
 * on screen, else from the top of the screen; wraps around with a notice.
 */
static void
step_mention(Ui *ui, int dir, bool only_marked)
{
	Entry *e = &ui->entries[ui->current];
	int rows = text_rows();
	size_t nm, tries;
	const MqMention *m;
	bool wrapped = false;
	long k;

	if (e->names == NULL) {
		notify(ui, "names are not looked for");
		return;
	}
	if (only_marked && e->marked < 0) {
		notify(ui, "no name is marked: pick one with E");
		return;
	}
	m = mq_entities_mentions(e->names, &nm);
	if (nm == 0) {
		notify(ui, mq_entities_done(e->names) ? "no names in this article" :
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
		notify(ui, "no other mention");
		return;
	}
	if (wrapped && !mq_entities_done(e->names) && dir > 0) {
		notify(ui, "no more names found yet (still looking)");
		return;
	}
	go_mention(ui, (size_t)k);
	if (wrapped) {
		char said[sizeof ui->notice];

		memcpy(said, ui->notice, sizeof said);
		notify(ui, "%s  (wrapped to the %s)", said, dir > 0 ? "start" : "end");
	}
}

/*
 * Shows match k (the status line counts it: match 3/17); wrapped, if not
 * NULL, is said in a notice.
 */
static void
go_match(Ui *ui, size_t k, const char *wrapped)
{
	Entry *e = &ui->entries[ui->current];

	e->match = (long)k;
	mq_view_show_offset(e->view, e->matches[k].start, text_rows());
	if (wrapped)
		notify(ui, "search wrapped to the %s", wrapped);
}

/* Goes to the first match at or after from (dir > 0), or the last before it, wrapping. */
static void
go_match_from(Ui *ui, size_t from, int dir)
{
	Entry *e = &ui->entries[ui->current];
	size_t n = e->nmatches, k;

	for (k = 0; k < n && e->matches[k].start < from; k++)
		;
	if (dir > 0)
		go_match(ui, k < n ? k : 0, k < n ? NULL : "start");
	else
		go_match(ui, k > 0 ? k - 1 : n - 1, k > 0 ? NULL : "end");
}

/*
 * Makes the open article's searcher, the first time, with the text folded
 * (a big article takes a moment: the notice says so first); false with a
 * notice when memory runs out.
 */
static bool
open_search(Ui *ui)
{
	Entry *e = &ui->entries[ui->current];

	if (e->search != NULL)
		return true;
	notify(ui, "preparing the search...");
	paint(ui);
	if ((e->search = mq_search_new(mq_doc_text(e->doc))) == NULL ||
	    !mq_search_prepare(e->search)) {
		mq_search_free(e->search);
		e->search = NULL;
		notify(ui, "out of memory: cannot search");
		return false;
	}
	ui->notice[0] = '\0';
	return true;
}

/*
 * Searches the open article for pattern (in ui->smode, within e->scope)
 * and, with move, goes to the first match at or after from (dir > 0) or
 * the last before it, wrapping around.  false when nothing matched or the
 * pattern is bad (the notice says why).
 */
static bool
run_search(Ui *ui, const char *pattern, int dir, size_t from, bool move)
{
	Entry *e = &ui->entries[ui->current];
	char *err = NULL;
	size_t n;

	e->match = -1;
	e->nmatches = 0;
	if (*pattern == '\0' || !open_search(ui))
		return false;
	if (!mq_search_find(e->search, pattern, ui->smode, e->scope, MAX_MATCHES,
	    &e->matches, &n, &e->matches_cut, &err)) {
		notify(ui, "%s", err ? err : "out of memory");
		free(err);
		return false;
	}
	e->nmatches = n;
	if (n == 0) {
		notify(ui, "no match%s", e->scope.start > 0 ||
		    e->scope.end < mq_text_size(mq_doc_text(e->doc)) ? " in this section" : "");
		return false;
	}
	if (!move) {
		notify(ui, "%zu match%s%s", n, n == 1 ? "" : "es", e->matches_cut ?
		    " (the first ones)" : "");
		return true;
	}
	go_match_from(ui, from, dir);
	return true;
}

/* n and N: the next or previous match, from the one the reader is at. */
static void
step_match(Ui *ui, int dir)
{
	Entry *e = &ui->entries[ui->current];
	size_t n = e->nmatches, from;

	if (n == 0) {
		notify(ui, ui->pattern[0] ? "no matches (Esc cleared them, or none)" :
		    "no search yet: press / to search");
		return;
	}
	/* from the match the reader is at when it is on screen, else the top */
	if (e->match >= 0 && mq_view_offset_visible(e->view,
	    e->matches[e->match].start, text_rows()))
		from = e->matches[e->match].start + (dir > 0 ? 1 : 0);
	else
		from = mq_view_top_offset(e->view);
	go_match_from(ui, from, dir);
}

/* The bytes of the section at the top of the open article (all: none). */
static MqSpan
section_span(Ui *ui)
{
	Entry *e = &ui->entries[ui->current];
	MqSpan all = { 0, mq_text_size(mq_doc_text(e->doc)) }, span = all;
	long k = current_index(ui);
	const MqSection *s, *next;
	const MqPara *p;

	if (k < 0 || (s = mq_outline_section(e->outline, (size_t)k)) == NULL ||
	    (p = mq_doc_para(e->doc, s->para)) == NULL)
		return all;
	span.start = p->span.start;
	next = mq_outline_section(e->outline, (size_t)k + 1);
	if (next != NULL && (p = mq_doc_para(e->doc, next->para)) != NULL)
		span.end = p->span.start;
	return span;
}

/*
 * / ? and S: reads a pattern on the status line, searching as it is typed
 * (matches light up, the first one after the top of the screen comes into
 * view).  Enter keeps the search; Esc puts the view and the last search
 * back.  Ctrl-R switches between folded, exact and regex matching.
 */
static void
read_search(Ui *ui, int dir, bool in_section)
{
	Entry *e = &ui->entries[ui->current];
	MqViewPos pos = mq_view_pos(e->view);
	size_t from = mq_view_top_offset(e->view);
	MqSpan old_scope = e->scope;
	MqSearchMode old_mode = ui->smode;
	char label[64], right[sizeof ui->notice + 4];
	int r, rw;
	wint_t ch;
	bool can;

	e->scope.start = 0;
	e->scope.end = mq_text_size(mq_doc_text(e->doc));
	if (in_section)
		e->scope = section_span(ui);
	/*
	 * When the search cannot be made (memory ran out), the prompt still
	 * opens and takes what is typed, saying so, so that the pattern is
	 * never carried out as keys.
	 */
	can = open_search(ui);
	if (can)
		ui->notice[0] = '\0';
	mq_prompt_start(&ui->prompt);
	timeout(TICK_MS);	/* no names are looked for while typing: wait for keys */
	for (;;) {
		paint(ui);
		snprintf(label, sizeof label, "%s%s%s", dir > 0 ? "/" : "?",
		    ui->smode == MQ_SEARCH_FOLD ? "" : ui->smode == MQ_SEARCH_EXACT ?
		    "(exact) " : "(regex) ", in_section ? "(section) " : "");
		if (ui->notice[0])
			snprintf(right, sizeof right, " %s ", ui->notice);
		else if (e->match >= 0)
			snprintf(right, sizeof right, " match %ld/%zu%s ", e->match + 1,
			    e->nmatches, e->matches_cut ? "+" : "");
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
		curs_set(1);
		refresh();
		r = get_wch(&ch);
		curs_set(0);
		if (quit_signal)
			return;
		if (r == ERR || (r == KEY_CODE_YES && ch == KEY_RESIZE))
			continue;
		if (r == OK && ch == CTRL_KEY('r')) {
			ui->smode = (MqSearchMode)((ui->smode + 1) % 3);
		} else {
			switch (mq_prompt_key(&ui->prompt, r, ch)) {
			case MQ_PROMPT_ENTER:
				if (ui->prompt.len == 0 && ui->pattern[0] && can) {
					/* an empty pattern repeats the last search */
					mq_prompt_set(&ui->prompt, ui->pattern);
					mq_view_set_pos(e->view, pos);
					run_search(ui, ui->pattern, dir, from, true);
				}
				mq_prompt_remember(&ui->prompt);
				if (ui->prompt.len > 0)
					memcpy(ui->pattern, ui->prompt.text, ui->prompt.len + 1);
				return;
			case MQ_PROMPT_CANCEL:
				mq_view_set_pos(e->view, pos);
				e->scope = old_scope;
				ui->smode = old_mode;
				ui->notice[0] = '\0';
				if (can && !run_search(ui, ui->pattern, dir, from, false))
					ui->notice[0] = '\0';
				return;
			case MQ_PROMPT_CHANGED:
				break;
			default:
				continue;
			}
		}
		if (!can)
			continue;	/* the notice that says why stays */
		ui->notice[0] = '\0';
		mq_view_set_pos(e->view, pos);
		run_search(ui, ui->prompt.text, dir, from, true);
	}
}

/* Carries out one action in the names pane. */
static void
act_names(Ui *ui, MqAction a)
{
	Entry *e = &ui->entries[ui->current];
	int page = text_rows();
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
		ui->npane = false;
		ui->smode = MQ_SEARCH_FOLD;
		e->scope.start = 0;
		e->scope.end = mq_text_size(mq_doc_text(e->doc));
		mq_prompt_set(&ui->prompt, mq_entities_list(e->names, &ne)[row->entity].name);
		mq_prompt_remember(&ui->prompt);
		memcpy(ui->pattern, ui->prompt.text, ui->prompt.len + 1);
		run_search(ui, ui->pattern, 1, 0, true);
		break;
	case MQ_ACT_OPEN:
		if (ui->npane_sel >= ui->nnrows)
			break;
		row = &ui->nrows[ui->npane_sel];
		if (row->entity < 0) {
			notify(ui, "that is the heading of the %s: pick a name under it",
			    name_style[row->type].what);
			break;
		}
		e->marked = row->entity;
		ui->npane = false;
		go_mention(ui, mq_entities_list(e->names, &ne)[row->entity].first);
		break;
	default:
		break;
	}
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
	int rows = text_rows();
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
		ui->npane = false;
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
	case MQ_ACT_NAMES:
		ui->names_shown = !ui->names_shown;
		notify(ui, ui->names_shown ? "names coloured" : "names not coloured");
		break;
	case MQ_ACT_NAMES_PANE:
		ui->npane = !ui->npane;
		ui->pane = false;
		if (ui->npane)
			build_name_rows(ui);
		break;
	case MQ_ACT_NEXT_MENTION:
	case MQ_ACT_PREV_MENTION:
		step_mention(ui, a == MQ_ACT_NEXT_MENTION ? 1 : -1, false);
		break;
	case MQ_ACT_NEXT_MARKED:
	case MQ_ACT_PREV_MARKED:
		step_mention(ui, a == MQ_ACT_NEXT_MARKED ? 1 : -1, true);
		break;
	case MQ_ACT_UNMARK:
		if (v == NULL && ui->filter[0] != '\0') {
			ui->filter[0] = '\0';
			apply_filter(ui);
		} else if (v) {
			Entry *e = &ui->entries[ui->current];

			e->marked = -1;
			e->at.start = e->at.end = 0;
			e->nmatches = 0;
			e->match = -1;
		}
		break;
	case MQ_ACT_SEARCH:
	case MQ_ACT_SEARCH_BACK:
	case MQ_ACT_SEARCH_SECTION:
		read_search(ui, a == MQ_ACT_SEARCH_BACK ? -1 : 1, a == MQ_ACT_SEARCH_SECTION);
		break;
	case MQ_ACT_NEXT_MATCH:
	case MQ_ACT_PREV_MATCH:
		step_match(ui, a == MQ_ACT_NEXT_MATCH ? 1 : -1);
		break;
	case MQ_ACT_SEARCH_NAME:
		break;	/* the names pane's (act_names) */
	}
}

/* Gives key to the open pane (outline or names); false if it is not the pane's. */
static bool
pane_key(Ui *ui, int key)
{
	MqAction a, close = ui->pane ? MQ_ACT_OUTLINE : MQ_ACT_NAMES_PANE;

	if (ui->current < 0 || !(ui->pane || ui->npane) ||
	    (a = mq_key_action(0, key, ui->pane ? MQ_IN_PANE : MQ_IN_NAMES)) ==
	    MQ_ACT_NONE)
		return false;
	if (a == close || a == MQ_ACT_HELP)
		act(ui, a);
	else if (ui->pane)
		act_pane(ui, a);
	else
		act_names(ui, a);
	return true;
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
	unsigned t;

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
		init_pair(PAIR_MATCH, COLOR_BLACK, COLOR_YELLOW);
		init_pair(PAIR_MATCH_AT, COLOR_BLACK, COLOR_GREEN);
		for (t = 0; t < MQ_ENT_NTYPES; t++)
			init_pair((short)(PAIR_NAME + (int)t), COLORS >= 256 ?
			    name_style[t].color256 : name_style[t].color, -1);
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

/* True while the open article's names are still being looked for. */
static bool
looking(const Ui *ui)
{
	const Entry *e = ui->current >= 0 ? &ui->entries[ui->current] : NULL;

	return e != NULL && e->names != NULL && !e->names_failed &&
	    !mq_entities_done(e->names);
}

/* Looks for names in the open article for about SCAN_MS. */
static void
look_for_names(Ui *ui)
{
	Entry *e = &ui->entries[ui->current];
	long long until = now_ms() + SCAN_MS;

	do {
		if (!mq_entities_scan(e->names, 8)) {
			e->names_failed = true;
			notify(ui, "out of memory: names found so far are shown");
			return;
		}
	} while (!mq_entities_done(e->names) && now_ms() < until);
	if (mq_entities_full(e->names))
		notify(ui, "names: only the first %d mentions are kept", MQ_ENT_MAX_MENTIONS);
}

int
mq_ui_run(MqUiItem *items, size_t n, const MqUiOptions *o)
{
	Ui ui;
	char *err = NULL;
	int key, prefix = 0, sig;
	bool dirty;
	size_t i;

	memset(&ui, 0, sizeof ui);
	ui.items = items;
	ui.n = n;
	ui.opt = o->layout;
	ui.gazetteer = o->names;
	ui.tagger = o->tagger;
	ui.tagger_en = o->tagger_en;
	ui.names_shown = true;
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
	/* a fresh start says where the help is, unless there is news */
	if (o->notice)
		notify(&ui, "%s", o->notice);
	else
		notify(&ui, "h: help  q: quit");
	ui.list = o->list || n > 1;
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
		/* (one notice says both, or the second would hide the first) */
		if (ui.current >= 0 && !ui.entries[ui.current].told_stream &&
		    mq_text_was_cut(mq_doc_text(ui.entries[ui.current].doc))) {
			Entry *e = &ui.entries[ui.current];

			e->told_stream = true;
			if (!e->told_cut && mq_doc_was_cut(e->doc)) {
				e->told_cut = true;
				notify(&ui, "first %zu MiB read; lines over %d KiB in "
				    "pieces", MQ_TEXT_STREAM_MAX >> 20,
				    MQ_PARA_MAX_BYTES / 1024);
			} else
				notify(&ui, "only the first %zu MiB were read", MQ_TEXT_STREAM_MAX >> 20);
			continue;
		}
		if (ui.current >= 0 && !ui.entries[ui.current].told_cut &&
		    mq_doc_was_cut(ui.entries[ui.current].doc)) {
			ui.entries[ui.current].told_cut = true;
			notify(&ui, "lines over %d KiB are laid out in pieces", MQ_PARA_MAX_BYTES / 1024);
			continue;
		}
		if (mq_text_shrank() && !ui.told_shrank) {
			/* a lost page was touched, maybe by that very paint */
			ui.told_shrank = true;
			notify(&ui, "the file shrank while open: its lost part shows as \xe2\x90\x80");
			continue;
		}
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
		/* between keys, names are looked for: the paint after shows them */
		timeout(looking(&ui) ? 0 : TICK_MS);
		key = getch();
		if (key == ERR) {
			dirty = looking(&ui);
			if (dirty)
				look_for_names(&ui);
			continue;	/* else a tick: only signals are checked */
		}
		if (key == KEY_RESIZE)
			continue;	/* the next paint lays out at the new size */
		ui.notice[0] = '\0';
		if (ui.current >= 0 && !ui.pane && !ui.npane && prefix == 0 &&
		    key == MQ_KEY_PREFIX) {
			prefix = key;
			notify(&ui, ":");
			continue;
		}
		ui.last_key = key;
		if (prefix == 0 && pane_key(&ui, key))
			continue;	/* others fall through to the article */
		a = mq_key_action(prefix, key, ui.current < 0 ? MQ_IN_LIST :
		    MQ_IN_ARTICLE);
		if (a == MQ_ACT_NONE)
			notify(&ui, "unknown key %s%s (press %s for help)",
			    prefix ? ":" : "", key_label(key), "h");
		prefix = 0;
		act(&ui, a);
	}
	stop_terminal();

	for (i = 0; i < n; i++) {
		mq_view_free(ui.entries[i].view);
		mq_outline_free(ui.entries[i].outline);
		mq_entities_free(ui.entries[i].names);
		mq_search_free(ui.entries[i].search);
		free(ui.entries[i].matches);
		mq_doc_free(ui.entries[i].doc);
		mq_text_free(ui.entries[i].text);
		free(ui.entries[i].title);
		free(ui.entries[i].folded);
		free(ui.entries[i].error);
	}
	free(ui.entries);
	free(ui.shown);
	free(ui.nrows);
	mq_prompt_free(&ui.prompt);
	mq_prompt_free(&ui.fprompt);
	mq_chars_free(&ui.chars);
	mq_para_layout_free(&ui.pl);
	mq_layout_free(ui.layout);
	if ((sig = quit_signal) != 0) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return 0;
}
