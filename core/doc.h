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

/*
 * A paragraph's record, kept in 16 bytes: a document of one-word lines
 * holds one a line.  Its bytes are [mq_para_start, mq_para_end) of the file,
 * lines included; the fields below are read directly.
 */
typedef struct MqPara {
	unsigned start_lo : 32;	/* the start's low and high bits */
	unsigned start_hi : 12;	/* (files past MQ_DOC_MAX_BYTES are not read) */
	unsigned len : 20;	/* bytes: at most MQ_PARA_MAX_BYTES + 1 */
	unsigned line : 32;	/* 1-based line number of its first line */
	unsigned nlines : 20;	/* source lines joined into it */
	unsigned kind : 3;	/* an MqBlock */
	unsigned level : 3;	/* heading level 1-6 for MQ_BLOCK_HEADING */
	unsigned cut : 1;	/* continues the text of the one before (too long) */
	unsigned blanks_before : 4;	/* blank lines before it, MQ_PARA_BLANKS_MAX at most */
} MqPara;
_Static_assert(sizeof(MqPara) == 16, "a paragraph's record is 16 bytes");
_Static_assert(MQ_PARA_MAX_BYTES + 1 < (1 << 20), "a paragraph's length fits");

/* The blank lines before a paragraph its record counts, at most. */
#define MQ_PARA_BLANKS_MAX 15

/* The most of a file a document reads: 16 TiB (the start's 44 bits). */
#define MQ_DOC_MAX_BYTES ((uint64_t)1 << 44)

/* The offset of p's first byte. */
static inline size_t
mq_para_start(const MqPara *p)
{
	return (size_t)((uint64_t)p->start_hi << 32 | p->start_lo);
}

/* The offset just past p's last byte. */
static inline size_t
mq_para_end(const MqPara *p)
{
	return mq_para_start(p) + p->len;
}

/* p's bytes as a span. */
static inline MqSpan
mq_para_span(const MqPara *p)
{
	MqSpan s = { mq_para_start(p), mq_para_end(p) };

	return s;
}

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

/*
 * Tells d that paragraphs before i will not be asked for again, as in one
 * pass over the article (--dump): their records are dropped, a few
 * thousand at a time, so that such a pass holds a few whatever the
 * article's length.  The last paragraph found is kept.  After this,
 * mq_doc_para returns NULL for a dropped one and mq_doc_para_at answers
 * from the first one kept.
 */
void mq_doc_forget(MqDoc *d, size_t i);

/*
 * Starts scanning d again from its first paragraph, every record dropped:
 * a second pass over a document whose first pass forgot what it read.
 */
void mq_doc_rewind(MqDoc *d);

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

/* The same for bytes span of a block that is not code (a heading's). */
bool mq_doc_decode_span(const MqDoc *d, MqSpan span, MqChars *out) MQ_WARN_UNUSED;

/* The width lines were wrapped at, in characters, or 0 if not hard-wrapped. */
unsigned mq_doc_wrap_width(const MqDoc *d);

/* The text the document was made from. */
MqText *mq_doc_text(const MqDoc *d);

#endif
