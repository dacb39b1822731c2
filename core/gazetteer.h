/*
 * core/gazetteer: the names maqal knows before it reads — folded names with
 * their types, given names, trigger words (titles, organisation words,
 * suffixes), stop words and words that are never a name alone.  Filled from
 * TSV text the caller supplies (maqal's built-in lists, the user's names
 * file), so core reads no files.  Both the rules (core/entity) and the
 * tagger's features (core/tagger) read it; it depends on neither.
 *
 * Keys are folded phrases (core/fold: words joined by one space); each key
 * has one entry, whatever lists named it.
 */
#ifndef MQ_GAZETTEER_H
#define MQ_GAZETTEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"

/* What a name is. */
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

/* PERSON, ORG, PLACE, MONEY, DATE, PERCENT, MISC ("?" past them). */
const char *mq_entity_type_name(MqEntityType t);

/* The type of a given name's entry (MqGazEntry.type): not an entity type. */
#define MQ_GAZ_GIVEN_NAME 100

/* Trigger words (MqGazEntry.trig), in the order of MQ_GAZ_TITLE... below. */
typedef enum MqTrigger {
	MQ_TRIG_NONE,
	MQ_TRIG_TITLE,		/* الرئيس, Dr.: a person's name follows */
	MQ_TRIG_ORG,		/* وزارة: an organisation's name follows */
	MQ_TRIG_ORGNAME,	/* a word that makes a name an organisation */
	MQ_TRIG_SUFFIX,		/* Inc., Ltd.: ends an organisation's name */
	MQ_TRIG_STOP		/* never a name (matched as typed) */
} MqTrigger;

/* The longest key (bytes with its NUL) and phrase (words) the gazetteer holds. */
#define MQ_GAZ_KEYLEN 96
#define MQ_GAZ_MAX_PHRASE 5

/* One key's entry: read-only to callers, valid while the gazetteer lives. */
typedef struct MqGazEntry {
	char *key;		/* the folded phrase */
	char *canon;		/* canonical folded key for merging, or NULL */
	int type;		/* MqEntityType, MQ_GAZ_GIVEN_NAME, or -1 */
	MqTrigger trig;
	bool user;		/* from the user's names: wins over the rest */
	bool first;		/* the first word of a longer phrase */
	bool common;		/* never a name alone (COMMON) */
} MqGazEntry;

typedef struct MqGazetteer MqGazetteer;

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

/* The entry of the folded key, or NULL (g NULL: none). */
const MqGazEntry *mq_gazetteer_find(const MqGazetteer *g, const char *key);

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

/* A type's bit must not be the given-name bit (nor a trigger's). */
_Static_assert(MQ_ENT_NTYPES <= 7, "MQ_GAZ_TYPE of every type below MQ_GAZ_GIVEN");
_Static_assert(MQ_GAZ_TITLE << (MQ_TRIG_STOP - MQ_TRIG_TITLE) == MQ_GAZ_STOP,
    "one fact bit per trigger kind");

/* The MQ_GAZ_* facts of the folded word key (0 when g has none). */
uint32_t mq_gazetteer_word(const MqGazetteer *g, const char *key);

#endif
