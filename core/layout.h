/*
 * core/layout: a paragraph's characters laid out into screen lines of cells.
 *
 * The pipeline, per paragraph: bidi types and embedding levels for the whole
 * paragraph (FriBidi, UAX #9 up to I2, with the paragraph direction chosen
 * by the majority of its words, then letters, unless told otherwise); Arabic joining,
 * shaping and mirroring; line breaking in logical order with ICU's line
 * break iterator (UAX #14) against widths in terminal cells; then each line
 * on its own is reordered (L1-L3) into visual order and cut into cells.
 *
 * A cell is what occupies one or two terminal columns: a spacing character
 * with the combining marks that ride on it.  Each cell keeps the span of
 * file bytes it shows, so any span of the file (a match, a name) can be
 * highlighted on exactly its cells.  Bidi controls, the U+FEFF filler left
 * by ligatures and other invisible format characters never become cells;
 * control characters become visible placeholders, so a cell's text is always
 * safe to write to a terminal.
 */
#ifndef MQ_LAYOUT_H
#define MQ_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"

/* How a paragraph's base direction is chosen. */
typedef enum MqDirMode {
	MQ_DIRMODE_AUTO,	/* most words, then most letters, then fallback */
	MQ_DIRMODE_RTL,
	MQ_DIRMODE_LTR,
	MQ_DIRMODE_FIRST_STRONG	/* UAX #9 rules P2-P3 */
} MqDirMode;

/* Who reorders right-to-left text. */
typedef enum MqBidiMode {
	MQ_BIDI_APP,		/* maqal: visual order, RTL right-aligned */
	MQ_BIDI_TERMINAL	/* the terminal: logical order, left-aligned */
} MqBidiMode;

typedef struct MqLayoutOptions {
	unsigned width;		/* terminal cells per line, at least 1 */
	MqDirMode dir;
	MqDir fallback;		/* for MQ_DIRMODE_AUTO ties: the article's */
	bool shape;		/* Arabic presentation forms and ligatures */
	MqBidiMode bidi;
} MqLayoutOptions;

/* Most combining marks kept on one cell; more are dropped. */
#define MQ_CELL_MAX_MARKS 8

typedef struct MqCell {
	size_t start, end;	/* the file bytes this cell shows */
	uint32_t text;		/* its UTF-8: offset in MqParaLayout.text */
	uint16_t len;		/* bytes of UTF-8 */
	uint8_t width;		/* terminal columns: 1 or 2 */
	uint8_t level;		/* bidi level: odd is right-to-left */
	uint8_t style;		/* MQ_STYLE_* bits of its character */
} MqCell;

typedef struct MqLine {
	size_t first, count;	/* cells, left to right on the screen */
	unsigned indent;	/* blank columns before the first cell */
	unsigned width;		/* columns the cells take */
} MqLine;

/* One laid-out paragraph; owned by the caller, reused across calls. */
typedef struct MqParaLayout {
	MqCell *cells;
	size_t ncells, cells_cap;
	MqLine *lines;
	size_t nlines, lines_cap;
	char *text;
	size_t text_len, text_cap;
	MqDir dir;		/* the paragraph's resolved direction */
} MqParaLayout;

/* Reusable state (break iterator, scratch arrays). */
typedef struct MqLayout MqLayout;

/* Returns a new layout engine, or NULL with *err set (caller frees). */
MqLayout *mq_layout_new(char **err) MQ_WARN_UNUSED;

/* Frees l; NULL is a no-op. */
void mq_layout_free(MqLayout *l);

/*
 * Lays out one paragraph into out, replacing what it held.  A paragraph
 * always gives at least one line.  Returns false when memory runs out or
 * FriBidi/ICU fail; out is then empty.
 */
bool mq_layout_paragraph(MqLayout *l, const MqChars *chars,
    const MqLayoutOptions *opt, MqParaLayout *out) MQ_WARN_UNUSED;

/* Releases out's arrays; the struct itself is the caller's. */
void mq_para_layout_free(MqParaLayout *out);

/*
 * Writes line i as text (indent as spaces, then the cells' UTF-8) into
 * *buf, growing it; *len gets its length (no newline, NUL-terminated).
 * Returns false when memory runs out.
 */
bool mq_layout_line_text(const MqParaLayout *pl, size_t i, char **buf,
    size_t *cap, size_t *len) MQ_WARN_UNUSED;

/* Terminal columns a code point takes: 0 (marks, format), 1 or 2 (wide). */
unsigned mq_cp_width(uint32_t cp);

#endif
