/*
 * core/doc-private.h: what the input formats share with core/doc, and
 * nothing outside core/doc.c and the formats' files includes.
 *
 * A format is an MqFormat: whether a file is in it (detect), what it does
 * before the first block (start), how it finds the next block (next), and
 * how a block's decoded characters lose their inline markup (inline_markup;
 * NULL: none).  core/doc tries the formats of its table in order, plain
 * text last, and asks the one that detects the file for blocks: a new
 * format is one file and one entry in that table.
 */
#ifndef MQ_DOC_PRIVATE_H
#define MQ_DOC_PRIVATE_H

#include "doc.h"

typedef struct MqFormat MqFormat;

/* One line of the file: [start, end) without its line end; next follows it. */
typedef struct Line {
	size_t start, end, next;
	size_t indent;		/* columns of leading space (tabs to 8) */
	size_t chars;		/* characters from the indent to the last non-space */
	size_t first_word;	/* characters in the first word */
	size_t marker;		/* a list marker's columns with its space, or 0 */
	bool blank;
	bool bullet;		/* starts with a list marker */
	bool rule;		/* a rule or underline: ===, ---, * * * */
} Line;

struct MqDoc {
	MqText *text;
	const unsigned char *p;
	size_t size;
	MqPara *paras;		/* paragraphs [base, n) (mq_doc_forget drops the rest) */
	size_t base, n, cap;
	size_t pos;		/* first byte not yet scanned */
	unsigned line;		/* line number at pos */
	/* plain text (format-text.c) */
	unsigned wrap;		/* detected wrap width, 0 if none */
	unsigned base_indent;	/* the usual indentation of a continuation line */
	bool blank_paras;	/* paragraphs are separated by blank lines */
	bool done, failed;
	const MqFormat *format;	/* what the file is written in */
	/* Markdown (markdown.c) */
	bool in_fence;		/* inside a ``` or ~~~ code block */
	unsigned char fence;	/* its fence character */
	bool cut_pending;	/* set while scanning: the next one continues this */
	bool cut_next;		/* the next paragraph continues a cut one */
	bool was_cut;		/* a paragraph was cut (see mq_doc_was_cut) */
	bool ahead_ok;		/* ahead holds the line the last scan read ahead */
	Line ahead;
	void *state;		/* a format's own, freed by its finish */
};

struct MqFormat {
	const char *name;		/* "text", "markdown" (mq_doc_format) */
	bool marked_up;			/* its headings are in the markup */
	bool (*detect)(const MqDoc *d);
	void (*start)(MqDoc *d);	/* NULL: nothing to learn first */
	/* Appends the next block to d->paras; false at the end (d->done). */
	bool (*next)(MqDoc *d);
	void (*inline_markup)(MqChars *c);
	void (*finish)(MqDoc *d);	/* frees d->state; NULL: none kept */
};

extern const MqFormat mq_format_markdown, mq_format_text;

/* Sets p's bytes to [start, end): end - start at most MQ_PARA_MAX_BYTES + 1. */
static inline void
mq_para_set_span(MqPara *p, size_t start, size_t end)
{
	p->start_lo = (unsigned)(start & 0xffffffffu);
	p->start_hi = (unsigned)((uint64_t)start >> 32);
	p->len = (unsigned)(end - start);
}

/* Reads the line at pos into l. */
void mq_doc_read_line(const MqDoc *d, size_t pos, Line *l);

/*
 * Starts a paragraph at line a after blanks blank lines; NULL (and the
 * scan ends) when memory runs out.
 */
MqPara *mq_doc_new_para(MqDoc *d, const Line *a, unsigned blanks);

/*
 * Shortens an over-long paragraph to about MQ_PARA_MAX_BYTES; scanning
 * resumes at the cut.
 */
void mq_doc_cut_paragraph(MqDoc *d, MqPara *para);

#endif
