/*
 * core/outline: an article's structure — its title, key points,
 * introduction and headed sections — found over core/doc's paragraphs.
 *
 * Plain text has no markup, so a heading is recognised by how it stands:
 * the heading model (core/heading) weighs a paragraph's form against the
 * document and its neighbours, telling headings from the short lines that
 * are not (verse, bylines, list items, captions, questions, one-sentence
 * paragraphs).  Markdown's own headings are taken as they are.
 */
#ifndef MQ_OUTLINE_H
#define MQ_OUTLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "heading.h"

typedef enum MqSectionKind {
	MQ_SECTION_TITLE,
	MQ_SECTION_KEYPOINTS,
	MQ_SECTION_INTRO,
	MQ_SECTION_HEADING
} MqSectionKind;

/* What a paragraph is, for drawing. */
typedef enum MqParaRole {
	MQ_ROLE_BODY,
	MQ_ROLE_TITLE,
	MQ_ROLE_HEADING,
	MQ_ROLE_KEYPOINT,
	MQ_ROLE_ITEM		/* a list item */
} MqParaRole;

typedef struct MqSection {
	MqSectionKind kind;
	unsigned level;		/* 1 for top-level headings; the title is 0 */
	unsigned line;		/* 1-based line of the heading, or of the block */
	size_t para;		/* the heading's paragraph, or the block's first */
	size_t end_para;	/* paragraphs [para, end_para) belong to it */
	MqSpan span;		/* bytes of the heading line, or of the block */
	size_t from;		/* offsets from here on are in it, up to the next
				   section's: the end of the paragraph before it */
} MqSection;

typedef struct MqOutline MqOutline;

/*
 * Reads the whole document and finds its sections.  doc is borrowed and
 * must outlive the outline.  Returns NULL when memory runs out.
 */
MqOutline *mq_outline_new(MqDoc *doc) MQ_WARN_UNUSED;

/* The same with heading model m (NULL: the built-in one), for the trainer. */
MqOutline *mq_outline_new_with(MqDoc *doc, const MqHeadModel *m) MQ_WARN_UNUSED;

/*
 * The same in steps, so a reader can find the sections between keys:
 * mq_outline_start reads nothing yet (NULL when memory runs out; m NULL
 * for the built-in model); each mq_outline_scan reads or classifies about
 * n more paragraphs (false when memory runs out: the outline stays
 * empty).  Until mq_outline_done, the outline has no sections and every
 * paragraph is body text; mq_outline_progress says how far it has come,
 * from 0 to 1.
 */
MqOutline *mq_outline_start(MqDoc *doc, const MqHeadModel *m) MQ_WARN_UNUSED;
bool mq_outline_scan(MqOutline *o, size_t n);
bool mq_outline_done(const MqOutline *o);
double mq_outline_progress(const MqOutline *o);

/*
 * The same for one look at the sections (--outline, --entities --json),
 * holding little whatever the article's length.  doc is read from its
 * start; when the records and facts of all its paragraphs would take over
 * half the file's size (short lines; always in Markdown, whose second
 * pass is cheap), it is read twice and each paragraph's record and facts
 * are dropped once passed (mq_doc_rewind, mq_doc_forget).  No roles are
 * kept (every paragraph is body text to mq_outline_role).  The sections
 * are those of mq_outline_new.  doc may be left part-read: rewind it to
 * read it again.
 */
MqOutline *mq_outline_new_batch(MqDoc *doc) MQ_WARN_UNUSED;

/* Frees o; NULL is a no-op. */
void mq_outline_free(MqOutline *o);

/* The number of sections, and section i (valid while o lives). */
size_t mq_outline_count(const MqOutline *o);
const MqSection *mq_outline_section(const MqOutline *o, size_t i);

/* The role of paragraph i. */
MqParaRole mq_outline_role(const MqOutline *o, size_t para);

/*
 * The index of the section that paragraph i belongs to, or (size_t)-1
 * before the first section.
 */
size_t mq_outline_section_of(const MqOutline *o, size_t para);

/*
 * The index of the section holding byte offset (by the paragraph holding
 * it, or the first one after it), or (size_t)-1 before the first section.
 */
size_t mq_outline_section_at(const MqOutline *o, size_t offset);

/*
 * The bytes of section k: from its first paragraph to the first of the
 * section after it, or to the end of the text (the whole text when there
 * is no section k).
 */
MqSpan mq_outline_span(const MqOutline *o, size_t k);

/*
 * The text shown for section s: the heading's text (decoded, trimmed), or
 * a label for the key points and the introduction, in the article's
 * language.  c is scratch.  Returns a string the caller frees, or NULL when
 * memory runs out.
 */
char *mq_outline_title(MqDoc *doc, const MqSection *s, MqChars *c);

/* The kind's name in --outline output: title, heading, keypoints, intro. */
const char *mq_outline_kind_name(MqSectionKind kind);

#endif
