/*
 * ui/view: one article's reading view: where the reader is in its rows
 * (core/rows), and painting them with curses, names and matches lit; the
 * state survives leaving the article, so coming back finds the reader
 * where they were.
 */
#ifndef MQ_VIEW_H
#define MQ_VIEW_H

#include <stdbool.h>

#include "core/doc.h"
#include "core/entity.h"
#include "core/layout.h"
#include "core/outline.h"

typedef struct MqView MqView;

/*
 * What the view highlights over the text: the mentions of names.  A cell
 * is highlighted when its file bytes overlap a mention, so a mention split
 * by a bidi run or a line break lights exactly the cells it covers.
 */
typedef struct MqViewMarks {
	const MqEntities *ents;	/* NULL: nothing to highlight */
	bool by_type;		/* draw every mention with its type's attribute */
	int type_attr[MQ_ENT_NTYPES];
	long marked;		/* the entity whose mentions stand out, or -1 */
	int marked_attr;
	MqSpan current;		/* the mention the reader is at (empty: none) */
	int current_attr;
	const MqSpan *matches;	/* search matches in file order, or NULL */
	size_t nmatches;
	int match_attr;
	long match;		/* the match the reader is at, or -1 */
	int match_current_attr;
} MqViewMarks;

/* A reading position, to come back to. */
typedef struct MqViewPos {
	size_t para, row;
} MqViewPos;

/* Makes a view of doc (borrowed; it must outlive the view), or NULL. */
MqView *mq_view_new(MqDoc *doc, MqLayout *layout);

/* Frees v; NULL is a no-op. */
void mq_view_free(MqView *v);

/*
 * Sets the layout options (the width among them).  When the width or
 * another option changed, cached layouts are dropped and the text that was
 * at the top of the screen stays at the top.
 */
void mq_view_configure(MqView *v, const MqLayoutOptions *opt);

/*
 * Gives the view the article's outline (borrowed, may be NULL) and the
 * curses attributes to draw the title and headings with.
 */
void mq_view_set_outline(MqView *v, const MqOutline *o, int title_attr,
    int heading_attr);

/* Sets what is highlighted (copied; the entities stay borrowed). */
void mq_view_set_marks(MqView *v, const MqViewMarks *m);

/* True if the line showing file byte offset is on a screen of rows. */
bool mq_view_offset_visible(MqView *v, size_t offset, int rows);

/*
 * Makes the line showing file byte offset visible in a screen of rows:
 * nothing moves when it already is; otherwise it comes to a third of the
 * way down.
 */
void mq_view_show_offset(MqView *v, size_t offset, int rows);

/* Where the reader is, and going back there. */
MqViewPos mq_view_pos(const MqView *v);
void mq_view_set_pos(MqView *v, MqViewPos pos);

/* Puts paragraph para's first line at the top of the screen. */
void mq_view_goto(MqView *v, size_t para);

/* The paragraph at the top of the screen. */
size_t mq_view_top_para(const MqView *v);

/* True if paragraph para's first line is on or below the top row. */
bool mq_view_para_visible_from_top(const MqView *v, size_t para);

/*
 * Paints the first line of paragraph para at row y, columns [x0, x0 +
 * cols), with attr (a header).
 */
void mq_view_paint_para_line(MqView *v, size_t para, int y, int x0, int cols,
    int attr);

/* Moves by n rows (negative: up) within the article; returns rows moved. */
long mq_view_scroll(MqView *v, long n, int rows);

/* Goes to the start, or to where the last row of the article is at the bottom. */
void mq_view_top(MqView *v);
void mq_view_bottom(MqView *v, int rows);

/*
 * Paints rows [y0, y0 + rows) of the screen in columns [x0, x0 + cols)
 * (the width configured); false if memory ran out.
 */
bool mq_view_paint(MqView *v, int y0, int rows, int x0, int cols);

/* True if the last paint reached the end of the article. */
bool mq_view_at_end(const MqView *v);

/* The file's line number (1-based) of the paragraph at the top. */
unsigned mq_view_top_line(const MqView *v);

/* Byte offset of the text at the top of the screen. */
size_t mq_view_top_offset(const MqView *v);

#endif
