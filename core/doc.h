/*
 * core/doc: an article's paragraphs.
 *
 * A paragraph is a byte range of the file that is laid out as one unit: a
 * run of lines joined when the file is hard-wrapped (the lines were broken
 * only because the next word did not fit), or a single line otherwise.
 * Paragraphs are found lazily, front to back, as callers ask for them, so
 * opening a 100 MB article and showing its first screen reads only what that
 * screen needs.  Sections and headings build on this in later stages.
 */
#ifndef MQ_DOC_H
#define MQ_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"

/*
 * The longest paragraph laid out as one, in bytes.  A longer run of text
 * (a 50 MB single line) is cut into pieces of about this size, at a space
 * when there is one near the cut, so memory stays bounded.
 */
#define MQ_PARA_MAX_BYTES (256 * 1024)

/* What a paragraph is, as the file's markup says (Markdown; plain text is TEXT). */
typedef enum MqBlock {
	MQ_BLOCK_TEXT,
	MQ_BLOCK_HEADING,	/* # ATX or Setext; level in MqPara.level */
	MQ_BLOCK_ITEM,		/* a list item */
	MQ_BLOCK_QUOTE,		/* > quoted line, marker left out of the span */
	MQ_BLOCK_CODE		/* a line of fenced or indented code, kept as is */
} MqBlock;

typedef struct MqPara {
	MqSpan span;		/* the paragraph's bytes, lines included */
	unsigned line;		/* 1-based line number of its first line */
	unsigned nlines;	/* source lines joined into it */
	MqBlock kind;
	uint8_t blanks_before;	/* how many blank lines (capped at 255) */
	bool blank_before;	/* a blank line separates it from the one before */
	uint8_t level;		/* heading level 1-6 for MQ_BLOCK_HEADING */
	bool cut;		/* continues the text of the one before (too long) */
} MqPara;
/* (kept small: a document of one-word lines holds one per line) */
_Static_assert(sizeof(MqPara) <= 32, "a paragraph's record is 32 bytes");

typedef struct MqDoc MqDoc;

/*
 * Makes a document over t, which is borrowed and must outlive it.  Looks at
 * the first 256 KiB to learn whether the text is hard-wrapped.  Returns
 * NULL when memory runs out.
 */
MqDoc *mq_doc_new(MqText *t) MQ_WARN_UNUSED;

/* Frees d; NULL is a no-op. */
void mq_doc_free(MqDoc *d);

/*
 * Returns paragraph i, scanning the file as far as needed, or NULL when
 * the article has fewer paragraphs (or memory ran out: see mq_doc_failed).
 * The pointer is valid until the next call on d.
 */
const MqPara *mq_doc_para(MqDoc *d, size_t i);

/*
 * The index of the paragraph holding byte offset (or the first one after
 * it, when offset falls between paragraphs), scanning as far as needed;
 * the paragraph count when offset is past the last one.
 */
size_t mq_doc_para_at(MqDoc *d, size_t offset);

/* Scans to the end and returns the number of paragraphs. */
size_t mq_doc_para_count(MqDoc *d);

/* True if scanning stopped because memory ran out. */
bool mq_doc_failed(const MqDoc *d);

/*
 * True once a paragraph longer than MQ_PARA_MAX_BYTES was found and cut
 * into pieces (each laid out on its own: a line break, and the bidi
 * context, restart at each cut).
 */
bool mq_doc_was_cut(const MqDoc *d);

/* The format the document is read in: "text" or "markdown". */
const char *mq_doc_format(const MqDoc *d);

/*
 * True when the format marks headings itself (Markdown): sections come from
 * the markup, not from the heading model.
 */
bool mq_doc_marked_up(const MqDoc *d);

/*
 * Decodes paragraph p of d for layout: code verbatim; other Markdown
 * blocks with their inline markup (emphasis, code spans, links) turned
 * into style bits and the markers left out.  false when memory runs out.
 */
bool mq_doc_decode(const MqDoc *d, const MqPara *p, MqChars *out) MQ_WARN_UNUSED;

/* The width lines were wrapped at, in characters, or 0 if not hard-wrapped. */
unsigned mq_doc_wrap_width(const MqDoc *d);

/* The text the document was made from. */
MqText *mq_doc_text(const MqDoc *d);

#endif
