/*
 * core/rows: an article as the rows a screen shows.  Paragraph i's rows
 * are its separator rows (one blank row where the article has a blank line
 * before it) then its lines, laid out with the options given — code blocks
 * always left to right.  The reader paints these rows and --dump prints
 * them, so what the golden tests check is what the screen shows.
 *
 * Layouts are kept in a direct-mapped cache of a size the caller picks
 * (keyed by paragraph index), so memory stays bounded however far a
 * reader goes; a paragraph is laid out again only when it left the cache
 * or the options changed.
 */
#ifndef MQ_ROWS_H
#define MQ_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "layout.h"

typedef struct MqRows MqRows;

/*
 * Rows over doc, laid out with layout (both borrowed, outliving the rows),
 * keeping up to slots paragraphs' layouts (at least 1).  NULL when memory
 * runs out.  Call mq_rows_configure before asking for rows.
 */
MqRows *mq_rows_new(MqDoc *doc, MqLayout *layout, size_t slots) MQ_WARN_UNUSED;

/* Frees r and its layouts; NULL is a no-op. */
void mq_rows_free(MqRows *r);

/*
 * Sets the layout options (copied).  Returns true when they differ from
 * the ones before (every layout kept is dropped then), false when nothing
 * changed.
 */
bool mq_rows_configure(MqRows *r, const MqLayoutOptions *opt);

/* True when r is laid out with options equal to opt already. */
bool mq_rows_configured_as(const MqRows *r, const MqLayoutOptions *opt);

/*
 * Paragraph i laid out, valid until the next call that lays out another
 * paragraph into its slot; NULL past the end or when memory runs out
 * (mq_doc_para says which).
 */
const MqParaLayout *mq_rows_layout(MqRows *r, size_t i);

/* Paragraph i's layout if it is kept already, else NULL (lays nothing out). */
const MqParaLayout *mq_rows_kept(const MqRows *r, size_t i);

/* The separator rows before paragraph i's lines (0 past the end). */
size_t mq_rows_sep(MqRows *r, size_t i);

/* The rows paragraph i takes: separator rows and lines (0 past the end). */
size_t mq_rows_count(MqRows *r, size_t i);

/* The smallest file offset shown on a line of pl (its logical start), or fallback. */
size_t mq_rows_line_start(const MqParaLayout *pl, const MqLine *line, size_t fallback);

/*
 * The first file offset shown on row of paragraph i: its line's logical
 * start, or the paragraph's start for a separator row or a paragraph not
 * kept (nothing is laid out); 0 past the end.
 */
size_t mq_rows_offset(MqRows *r, size_t i, size_t row);

/*
 * Where byte offset is shown: its paragraph (*para) and the row in it
 * (*row, separator rows counted); an offset between cells (a space
 * dropped at a line break) is on the line before.  false past the end or
 * when memory runs out.
 */
bool mq_rows_locate(MqRows *r, size_t offset, size_t *para, size_t *row);

#endif
