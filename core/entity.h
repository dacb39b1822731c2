/*
 * core/entity: the names in an article — people, organisations, places,
 * money, dates, percentages and other named things — found with rules and
 * gazetteers, as byte spans of the file.
 *
 * A gazetteer (MqGazetteer) holds folded names with their types, trigger
 * words (titles, organisation words) and stop words; it is filled from TSV
 * text the caller supplies (maqal's built-in lists, the user's names file),
 * so core reads no files.  MqEntities scans a document paragraph by
 * paragraph — as much as the caller allows per call, so a UI can keep
 * responding — and keeps the mentions in file order, each linked to a merged
 * entity (Microsoft and وMicrosoft, ماسك after إيلون ماسك).
 */
#ifndef MQ_ENTITY_H
#define MQ_ENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

typedef enum MqEntityType {
	MQ_ENT_PERSON,
	MQ_ENT_ORG,
	MQ_ENT_PLACE,
	MQ_ENT_MONEY,
	MQ_ENT_DATE,
	MQ_ENT_PERCENT,
	MQ_ENT_MISC,
	MQ_ENT_NTYPES
} MqEntityType;

typedef struct MqMention {
	size_t start, end;	/* file bytes, end exclusive */
	uint32_t entity;	/* index into the entity list */
	uint8_t type;		/* MqEntityType (the entity's) */
} MqMention;

typedef struct MqEntity {
	char *name;		/* canonical name (UTF-8), owned by the index */
	uint8_t type;
	size_t count;		/* mentions */
	size_t first;		/* index of its first mention */
} MqEntity;

typedef struct MqGazetteer MqGazetteer;
typedef struct MqEntities MqEntities;

/* An empty gazetteer, or NULL when memory runs out. */
MqGazetteer *mq_gazetteer_new(void) MQ_WARN_UNUSED;
void mq_gazetteer_free(MqGazetteer *g);

/*
 * Adds names from TSV text: NAME<TAB>TYPE<TAB>VARIANTS (variants separated
 * by '|'; TYPE PERSON, ORG, PLACE, MISC, MONEY, DATE, PERCENT or GIVEN).
 * With user set, TYPE may be missing (MISC) and these names win over rules
 * and built-in lists.  Returns false with *err set ("LINE: why") on a bad
 * line or when memory runs out; lines before it stay added.
 */
bool mq_gazetteer_add_names(MqGazetteer *g, const char *tsv, size_t len,
    bool user, char **err) MQ_WARN_UNUSED;

/*
 * Adds trigger words: WORDS<TAB>KIND with KIND TITLE, ORG, ORGNAME, SUFFIX,
 * STOP or COMMON (a word that is never a name alone).
 */
bool mq_gazetteer_add_triggers(MqGazetteer *g, const char *tsv, size_t len,
    char **err) MQ_WARN_UNUSED;

/* Number of names held (for messages and tests). */
size_t mq_gazetteer_size(const MqGazetteer *g);

/* Facts about one folded word, for the tagger's features. */
#define MQ_GAZ_TYPE(t)	(1u << (t))	/* a one-word name of type t */
#define MQ_GAZ_GIVEN	(1u << 7)	/* a given name */
#define MQ_GAZ_PHRASE	(1u << 8)	/* the first word of a longer name */
#define MQ_GAZ_TITLE	(1u << 9)	/* trigger words, see add_triggers */
#define MQ_GAZ_ORGWORD	(1u << 10)
#define MQ_GAZ_ORGNAME	(1u << 11)
#define MQ_GAZ_SUFFIX	(1u << 12)
#define MQ_GAZ_STOP	(1u << 13)
#define MQ_GAZ_BITS	14	/* the facts above: the tagger's features */
#define MQ_GAZ_COMMON	(1u << 14)	/* never a name alone (the rules') */

/* The MQ_GAZ_* facts of the folded word key (0 when g has none). */
uint32_t mq_gazetteer_word(const MqGazetteer *g, const char *key);

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

/* PERSON, ORG, PLACE, MONEY, DATE, PERCENT, MISC. */
const char *mq_entity_type_name(MqEntityType t);

#endif
