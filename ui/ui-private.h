/*
 * ui/ui-private.h: the reader's state, shared by the files of ui/ and by
 * nothing else.  One Ui holds the terminal's layout objects, the article
 * list and the mode the loop is in; each article of the list has an
 * Article, made when it is first opened and kept until the reader ends.
 *
 *   ui.c       the loop and the actions keys are bound to
 *   screen.c   curses set up and put back; signals
 *   paint.c    strings cut to a width, the status line, the whole screen
 *   list.c     the article list and its filter line
 *   article.c  the open article: opening, sections, mentions, names found
 *   panes.c    the outline and names panes
 *   find.c     search and the search line
 *   help.c     the help screen
 */
#ifndef MQ_UI_PRIVATE_H
#define MQ_UI_PRIVATE_H

#include <signal.h>
#include <stdbool.h>
#include <wchar.h>

#include "core/search.h"
#include "keys.h"
#include "prompt.h"
#include "ui.h"
#include "view.h"

#define TITLE_BYTES 16384
#define CTRL_KEY(c) ((c) & 0x1f)
#define TICK_MS 200
#define SCAN_MS 8		/* sections and names are looked for this long between keys */
#define OUTLINE_STEP 8		/* paragraphs of the outline between looks at the clock */
#define BUSY_PAINT_MS 40	/* and the screen painted this often while they are */
#define PAIR_NOTICE 1
#define PAIR_ACCENT 2
#define PAIR_MATCH 3
#define PAIR_MATCH_AT 4
#define PAIR_NAME 5		/* and on: one pair per MqEntityType */
#define MAX_MATCHES 100000	/* matches kept per search (a notice says so) */
#define SEARCH_STEP (256 * 1024)	/* bytes a search reads between looks at the clock */
#define SEARCH_FIRST_MS 60	/* a search reads this long before it takes keys again */
#define SEARCH_SLICE_MS 8	/* and then this long between keys */

/* How each type of name is coloured, and what the help says of it. */
typedef struct UiNameStyle {
	short color, color256;
	int attr;		/* added with 8 or 16 colours */
	const char *what;
} UiNameStyle;
extern const UiNameStyle ui_name_style[MQ_ENT_NTYPES];

/* Set by SIGINT, SIGTERM and SIGHUP: the loop ends within a tick. */
extern volatile sig_atomic_t ui_quit_signal;

/* A row of the names pane: a type's heading, or one of its names. */
typedef struct NameRow {
	MqEntityType type;
	long entity;		/* -1 for the heading */
} NameRow;

/*
 * An article of the list: what the list shows of it (title, direction, why
 * it cannot be opened), and once opened its session — document, view,
 * outline, names, marks and search — kept while the reader goes elsewhere.
 */
typedef struct Article {
	bool title_read;
	char *title;		/* UTF-8, or NULL */
	char *folded;		/* title and file name folded, for the filter */
	char *error;		/* why it cannot be opened */
	MqDir dir;
	MqText *text;		/* opened by the UI (freed by it) */
	MqDoc *doc;
	MqOutline *outline;	/* found between keys (NULL: memory ran out) */
	bool invalid_pending;	/* invalid bytes not counted yet */
	MqView *view;
	MqEntities *names;	/* found so far (NULL: none looked for) */
	bool told_cut;		/* the notice about long lines was shown */
	bool told_stream;	/* the notice about a stream cut short was shown */
	bool told_full;		/* the notice that names stopped at the most kept was shown */
	bool names_failed;	/* memory ran out looking */
	long marked;		/* the marked entity, or -1 */
	MqSpan at;		/* the mention the reader moved to (empty: none) */
	MqSearch *search;	/* made at the first search */
	MqSpan *matches;	/* of the last search, in file order */
	size_t nmatches;
	bool matches_cut;	/* more than MAX_MATCHES */
	MqSearchRun *run;	/* the last search, while it still reads */
	bool run_move;		/* go to its match at run_from (run_dir) once found */
	int run_dir;
	size_t run_from;
	long match;		/* the match the reader is at, or -1 */
	MqSpan scope;		/* where the last search looked */
} Article;

typedef struct Ui Ui;

/*
 * A side pane of an article (ui/panes.c keeps the table of them): opened
 * and closed by its toggle action, its keys those the key table binds
 * where, drawn over the left of the screen at its width.
 */
typedef struct UiPane {
	const char *title;		/* of its help */
	MqAction toggle;
	unsigned where;			/* MQ_IN_* */
	int (*width)(void);		/* columns, for the screen's size */
	void (*open)(Ui *ui);		/* it opens: select, build rows */
	void (*paint)(Ui *ui, int rows);
	void (*act)(Ui *ui, MqAction a);	/* one of its keys' actions */
} UiPane;

/* What the loop gives keys to. */
typedef enum UiMode {
	UI_READ,		/* the article, the list or an open pane */
	UI_HELP,		/* the help screen */
	UI_FILTER,		/* the list's filter line */
	UI_SEARCH		/* the search line */
} UiMode;

/* One row of the help: a key and what it does, or a name type's legend. */
typedef struct UiHelpRow {
	const char *label, *text;
	int attr;		/* of the label */
} UiHelpRow;

/* The search line while it is open: what Esc puts back, where it searches from. */
typedef struct UiSearchLine {
	int dir;		/* 1: forwards (/), -1: backwards (?) */
	bool in_section;	/* S: within the section at the top */
	bool can;		/* the search could be made (memory) */
	MqViewPos pos;		/* the view when the line opened */
	size_t from;		/* the offset at the top then */
	MqSpan old_scope;
	MqSearchMode old_mode;
} UiSearchLine;

struct Ui {
	MqUiItem *items;
	Article *articles;
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
	long current;		/* open article, or -1 for the list */
	char notice[512];
	bool told_shrank;	/* the notice that the file shrank was shown */
	bool colors;
	bool list;		/* there is a list to go back to */
	const UiPane *pane;	/* the open pane, or NULL */
	size_t pane_sel, pane_top;
	const MqGazetteer *gazetteer;
	const struct MqTagger *tagger, *tagger_en;
	/* (set: the taggers are loaded by it after the first paint) */
	void (*load_taggers)(void *, const struct MqTagger **, const struct MqTagger **,
	    const char **);
	void *taggers_ctx;
	bool names_shown;	/* colour names (e) */
	NameRow *nrows;		/* its rows, for names found so far */
	size_t nnrows, nrows_ents;	/* rows, and entities they were made from */
	long long nrows_ms;	/* when they were made */
	size_t npane_sel, npane_top;
	MqPrompt prompt;	/* the search line, with its history */
	MqPrompt fprompt;	/* the list's filter line */
	MqSearchMode smode;
	char pattern[MQ_PROMPT_MAX];	/* the last search */
	int last_key;
	int prefix;		/* MQ_KEY_PREFIX typed, waiting for its key; or 0 */
	UiMode mode;
	struct {
		UiHelpRow *rows;
		size_t n, top;
		const char *title;	/* says which screen's keys they are */
	} help;
	UiSearchLine sline;
	bool quit;
};

/* The open article, or NULL on the list. */
static inline Article *
ui_article(const Ui *ui)
{
	return ui->current >= 0 ? &ui->articles[ui->current] : NULL;
}

/* screen.c */
/* Milliseconds on a monotonic clock. */
long long ui_now_ms(void);
/* Sets up curses, colours and the terminal's modes. */
bool ui_start_terminal(Ui *ui);
/* Leaves curses and puts the terminal's modes back. */
void ui_stop_terminal(void);

/* paint.c */
/* Sets the one-line notice shown on the status line. */
void ui_notify(Ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Paints cells of line 0 of ui->pl at row y, columns [x0, x0 + w). */
void ui_paint_cells(Ui *ui, int y, int x0, int w);
/* Lays out a row in its own direction (that of most of its words). */
bool ui_lay_string(Ui *ui, const char *s, int w);
/* Keeps the selected row sel of n on a screen of rows starting at *top. */
void ui_keep_in_view(size_t *sel, size_t *top, size_t n, int rows);
/* Rows an article shows under a possible sticky heading. */
int ui_text_rows(void);
/* Paints s cut to fit columns [x, x + w) of row y (see fit_string). */
void ui_paint_fitted(Ui *ui, const char *s, int y, int x, int w, bool keep_end,
    MqDirMode dir);
/* The attribute mentions of a type are drawn with. */
int ui_name_attr(const Ui *ui, unsigned type);
/* Draws the whole screen with one refresh. */
void ui_paint(Ui *ui);

/* list.c */
/* Recomputes the rows the filter lets through (titles or file names). */
void ui_apply_filter(Ui *ui);
/*
 * Draws the article list: direction, size, the file name (cut at its
 * start when long, so the name of the file itself shows) and the title.
 */
void ui_paint_list(Ui *ui, int rows);
/* The filter line, a mode of the loop: opened, drawn, given keys. */
void ui_filter_open(Ui *ui);
void ui_filter_paint(Ui *ui);
void ui_filter_key(Ui *ui, int got, wint_t ch);

/* article.c */
/* The index of the section at the top of the open article, or -1. */
long ui_current_index(const Ui *ui);
/* The section at the top of the open article, or NULL. */
const MqSection *ui_current_section(const Ui *ui);
/* A section's title (see mq_outline_title); caller frees. */
char *ui_section_title(Ui *ui, const MqSection *s);
/* Tells the open article's view what to highlight. */
void ui_set_marks(Ui *ui);
/* Opens article i (its text, document and view) and shows it. */
bool ui_open_article(Ui *ui, size_t i);
/* Moves to the next (+1) or previous (-1) article from inside one. */
void ui_switch_article(Ui *ui, int step);
/* Shows section k of the open article at the top, and says which. */
void ui_show_section(Ui *ui, size_t k);
/* ] [ } { and 1-9: moves between sections. */
void ui_go_section(Ui *ui, MqAction a);
/* Moves the reader to mention k and says so. */
void ui_go_mention(Ui *ui, size_t k);
/*
 * Tab, Shift-Tab, > and <: the next or previous mention (of the marked
 * entity only, with only_marked), from the one the reader is at when it is
 * on screen, else from the top of the screen; wraps around with a notice.
 */
void ui_step_mention(Ui *ui, int dir, bool only_marked);
/* True while the open article's sections or names are still being found. */
bool ui_looking(const Ui *ui);
/* Finds the open article's sections and its names, for about SCAN_MS. */
void ui_look_on(Ui *ui);
/* Finds the rest of the open article's sections now, for a key that needs them. */
void ui_need_outline(Ui *ui);

/* panes.c, pane-outline.c, pane-names.c */
extern const UiPane ui_outline_pane, ui_names_pane;
/* Opens the pane whose toggle is a, or closes it when it is open. */
void ui_pane_toggle(Ui *ui, MqAction a);
/* Gives key to the open pane; false if it is not the pane's. */
bool ui_pane_key(Ui *ui, int key);
/*
 * Makes the names pane's rows from the names found so far: each type with
 * names gets a heading, then its names, most mentioned first.  The
 * selection stays on the same name.
 */
void ui_build_name_rows(Ui *ui);

/* find.c */
/*
 * Searches the open article for pattern (in ui->smode, within e->scope)
 * and, with move, goes to the first match at or after from (dir > 0) or
 * the last before it, wrapping around.  false when nothing matched or the
 * pattern is bad (the notice says why).
 */
bool ui_run_search(Ui *ui, const char *pattern, int dir, size_t from, bool move);
/*
 * True while the open article's last search is still reading;
 * ui_search_more reads on a slice, and says whether the screen changed
 * (it moved to the match, or the search is over).
 */
bool ui_searching(const Ui *ui);
bool ui_search_more(Ui *ui);
/* Forgets e's last search and its matches. */
void ui_search_clear(Article *e);
/* n and N: the next or previous match, from the one the reader is at. */
void ui_step_match(Ui *ui, int dir);
/* The search line, a mode of the loop (see find.c). */
void ui_search_open(Ui *ui, int dir, bool in_section);
void ui_search_paint(Ui *ui);
void ui_search_key(Ui *ui, int got, wint_t ch);

/* help.c */
/* The help, a mode of the loop (see help.c). */
void ui_help_open(Ui *ui);
void ui_help_paint(Ui *ui);
void ui_help_key(Ui *ui, int key);
void ui_help_close(Ui *ui);

/* ui.c */
/* Carries out one action. */
void ui_act(Ui *ui, MqAction a);

#endif
