/*
 * core/entity: the names in an article — people, organisations, places,
 * money, dates, percentages and other named things — found with rules and
 * gazetteers, as byte spans of the file.
 *
 * The rules read a gazetteer (core/gazetteer).  MqEntities scans a
 * document paragraph by paragraph — as much as the caller allows per call,
 * so a UI can keep responding — and keeps the mentions in file order, each linked to a merged
 * entity (Microsoft and وMicrosoft, ماسك after إيلون ماسك).
 */
#ifndef MQ_ENTITY_H
#define MQ_ENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "gazetteer.h"

typedef struct MqMention {
	size_t start, end;	/* file bytes, end exclusive */
	uint32_t entity;	/* index into the entity list */
	MqEntityType type;	/* the entity's */
} MqMention;

typedef struct MqEntity {
	char *name;		/* canonical name (UTF-8), owned by the index */
	MqEntityType type;
	size_t count;		/* mentions */
	size_t first;		/* index of its first mention */
} MqEntity;

typedef struct MqEntities MqEntities;

/* An index over doc (borrowed, as is g), not yet scanned; NULL on no memory. */
MqEntities *mq_entities_new(MqDoc *doc, const MqGazetteer *g) MQ_WARN_UNUSED;
void mq_entities_free(MqEntities *e);

/*
 * Lets the statistical taggers (core/tagger, borrowed; NULL: rules only)
 * find the people, organisations, places and other names: arabic those of
 * paragraphs mostly in Arabic, english those of the others; the rules keep
 * money, percentages, dates and the user's names.  Call before the first
 * scan.
 */
struct MqTagger;
void mq_entities_set_tagger(MqEntities *e, const struct MqTagger *arabic,
    const struct MqTagger *english);

/*
 * Scans up to budget more paragraphs (0: all the rest).  Returns false when
 * memory ran out (the index keeps what it found).
 */
bool mq_entities_scan(MqEntities *e, size_t budget) MQ_WARN_UNUSED;

/*
 * The most mentions kept.  Past it the scan stops (mq_entities_done) and
 * mq_entities_full says so; what was found stays.
 */
#define MQ_ENT_MAX_MENTIONS 1000000

/* True once every paragraph has been scanned (or the index is full). */
bool mq_entities_done(const MqEntities *e);

/* True if the scan stopped at MQ_ENT_MAX_MENTIONS. */
bool mq_entities_full(const MqEntities *e);

/* Bytes of the file scanned so far (the whole size once done). */
size_t mq_entities_scanned(const MqEntities *e);

/* The mentions so far, in file order; valid until the next scan. */
const MqMention *mq_entities_mentions(const MqEntities *e, size_t *n);

/* The first mention that ends after offset (binary search), or n. */
size_t mq_entities_find(const MqEntities *e, size_t offset);

/* The entities so far; valid until the next scan. */
const MqEntity *mq_entities_list(const MqEntities *e, size_t *n);

/*
 * The entities found so far, as indices into the list, grouped by type (in
 * MqEntityType order) and most mentioned first within a type, ties in the
 * order they first appear.  Returns a malloc'd array of *n indices (NULL
 * with *n 0 when there are none or memory runs out).
 */
uint32_t *mq_entities_ranked(const MqEntities *e, size_t *n) MQ_WARN_UNUSED;

#endif
