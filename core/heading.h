/*
 * core/heading: what a heading looks like, learnt rather than ruled.
 *
 * Each paragraph of a plain-text article gets facts of its own (length,
 * how it starts and ends, case, indentation, a style signature) and is
 * then described by binary features measured against the document itself:
 * its length against the document's wrap width and median paragraph, the
 * blank lines around it, what comes before and after it, where it stands,
 * and how many other short lines share its style.  A linear model over
 * those features and every pair of them (a logistic regression trained by
 * maqal-train --headings on our gold data; see README.md) scores each
 * paragraph; a positive score is a heading.  The same feature code serves
 * the trainer and the reader, so a model sees at run time exactly what it
 * was trained on.
 *
 * A model is a text file of our own: a first line "maqal-headings N" (N =
 * MQ_HEAD_FEATURES_VERSION), then "bias W", "feat NAME W" and "pair NAME
 * NAME W" lines.  The one in data/headings.model is compiled in.
 */
#ifndef MQ_HEADING_H
#define MQ_HEADING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "doc.h"

/* Bump when the features change: models of another version are refused. */
#define MQ_HEAD_FEATURES_VERSION 1
/* Room for features (the real count is mq_head_feature_count()). */
#define MQ_HEAD_MAXFEAT 160
/* Room for the features of one paragraph (fewer than 60 can be set at once). */
#define MQ_HEAD_MAXACTIVE 64

/* How a paragraph is numbered. */
typedef enum MqHeadNumber {
	MQ_NUM_NONE,
	MQ_NUM_ORDINAL,		/* أولاً: ثانياً ... First, */
	MQ_NUM_CHAPTER,		/* الفصل الأول, Chapter 3 */
	MQ_NUM_DIGITS,		/* 1- 2) 3. 1.2 */
	MQ_NUM_LETTER,		/* a) (b) أ- */
	MQ_NUM_ROMAN		/* IV. XII - */
} MqHeadNumber;

/* The facts of one paragraph, from its own text. */
typedef struct MqHeadFacts {
	uint16_t chars, words;	/* code points and words, trimmed (1000: big) */
	uint16_t indent;	/* columns before the first line's text (capped) */
	uint16_t sig;		/* style signature (siblings share it) */
	uint8_t number;		/* MqHeadNumber */
	uint8_t dots;		/* in a number such as 1.2.3 */
	uint8_t end;		/* how it ends: see heading.c */
	uint8_t marks;		/* more facts for the features (heading.c) */
	uint8_t repeats;	/* a short line whose text comes again:
				   MQ_REPEATS_BEFORE, MQ_REPEATS_AFTER */
	bool big : 1;		/* too long, or too many lines, to be a heading */
	bool end_sentence : 1;	/* . ! ? ؟ … , ، ; ؛ */
	bool end_colon : 1;
	bool bullet : 1, star : 1;	/* a bullet (• - – > ...); a leading '*' */
	bool dstar : 1, paren : 1;	/* a leading "**"; a leading bracket */
	bool rule : 1;		/* a rule or underline: === --- * * * */
	bool quote_start : 1, quote : 1;	/* opens with a quote mark; is one */
	bool byline : 1, dialogue : 1, lead_in : 1;
	bool control : 1;	/* starts with a control picture */
} MqHeadFacts;
/* (kept small: the reader holds the facts of every paragraph while it finds the outline) */
_Static_assert(sizeof(MqHeadFacts) <= 16, "a paragraph's facts are 16 bytes");

#define MQ_REPEATS_BEFORE 1
#define MQ_REPEATS_AFTER 2

/* A linear model over features and pairs of features. */
typedef struct MqHeadModel {
	float bias;
	float w[MQ_HEAD_MAXFEAT];
	float pair[MQ_HEAD_MAXFEAT][MQ_HEAD_MAXFEAT];	/* [i][j], i < j */
} MqHeadModel;

/*
 * True for characters that are not text to these rules, nor in a title:
 * white space and format characters (ASCII and Arabic first, then ICU).
 */
bool mq_head_skippable(uint32_t c);

typedef struct MqHeadDoc MqHeadDoc;

/*
 * Reads every paragraph of doc (borrowed; it must outlive the result) and
 * works out the facts.  NULL when memory runs out.
 */
MqHeadDoc *mq_head_doc_new(MqDoc *doc) MQ_WARN_UNUSED;

/*
 * The same in steps: mq_head_doc_start reads nothing (NULL when memory
 * runs out); each mq_head_doc_read reads up to n more paragraphs, and
 * once the last is read works out what needs them all.  It returns 1
 * when done, 0 while paragraphs are left, -1 when memory runs out (free
 * h then).  Until done, the facts are those of the paragraphs read so
 * far, and not final: a paragraph's repeats are known only at the end.
 */
MqHeadDoc *mq_head_doc_start(MqDoc *doc) MQ_WARN_UNUSED;
int mq_head_doc_read(MqHeadDoc *h, size_t n) MQ_WARN_UNUSED;
void mq_head_doc_free(MqHeadDoc *h);

/*
 * The same keeping the facts of every paragraph only while they take at
 * most budget bytes (with doc's records), so that one look at the
 * headings of any article (--outline) holds little.  Past the budget, the
 * first pass (mq_head_doc_read) keeps only totals and forgets doc's
 * paragraphs as it reads them (mq_doc_forget), then rewinds doc
 * (mq_doc_rewind).  Either way, call mq_head_doc_window(h, i) before
 * asking about paragraph i, i never going back: it makes the facts of
 * paragraphs i - 2 to i + 2 (and doc's records from i - 2 on) readable,
 * working them out again if need be; false when memory runs out.
 * (mq_head_doc_start's budget has no end: mq_head_doc_window does nothing.)
 */
MqHeadDoc *mq_head_doc_start_window(MqDoc *doc, size_t budget) MQ_WARN_UNUSED;
bool mq_head_doc_window(MqHeadDoc *h, size_t i) MQ_WARN_UNUSED;

/* The number of paragraphs, and the facts of paragraph i. */
size_t mq_head_doc_count(const MqHeadDoc *h);
const MqHeadFacts *mq_head_doc_facts(const MqHeadDoc *h, size_t i);

/*
 * The features of paragraph i, in increasing order, in feat (room for
 * MQ_HEAD_MAXACTIVE); returns how many.  0 for a paragraph that cannot be
 * a heading: body text, a Q&A turn, a lead-in to a quotation ending in
 * قائلا: or بالقول:, a line starting with a control character, an entry of
 * a table of contents (a run of three or more short lines that each come
 * again later), a line under another of an indented block (an address, a
 * quotation), a rule or underline.
 */
size_t mq_head_features(const MqHeadDoc *h, size_t i, uint8_t *feat);

/* The model's score of features feat[0..n): above 0 is a heading. */
float mq_head_score(const MqHeadModel *m, const uint8_t *feat, size_t n);

/* The number of features and the name of feature f. */
unsigned mq_head_feature_count(void);
const char *mq_head_feature_name(unsigned f);

/*
 * Reads a model from text[0..len) into *m.  false with *err set when the
 * text is not a model of this version.
 */
bool mq_head_model_parse(MqHeadModel *m, const char *text, size_t len,
    char **err) MQ_WARN_UNUSED;

/* Writes m in the model format (weights with |w| below 1e-4 left out). */
bool mq_head_model_write(const MqHeadModel *m, FILE *fp);

/*
 * The compiled-in model (data/headings.model), read once (thread-safe);
 * NULL when it cannot be read (then *err, if err is not NULL, says why).
 */
const MqHeadModel *mq_head_model_builtin(char **err);

#endif
