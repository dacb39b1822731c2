/*
 * core/entity-private.h: what the files of the entity module share, and
 * nothing outside core/entity*.c includes.  The module is cut along its
 * steps over a paragraph:
 *   entity-tokens.c  the paragraph cut into word tokens with folded forms;
 *   entity-rules.c   the rules (money, dates, gazetteer phrases, Latin
 *                    names, surnames) and how a mention is recorded;
 *   entity-scan.c    which rules and which tagger read a paragraph, in
 *                    what order;
 *   entity.c         the index of entities and mentions, and the public
 *                    calls of entity.h.
 */
#ifndef MQ_ENTITY_PRIVATE_H
#define MQ_ENTITY_PRIVATE_H

#include <unicode/ubrk.h>

#include "entity.h"
#include "gazetteer.h"
#include "tagger.h"

typedef enum TokKind { T_WORD, T_NUM, T_PUNCT } TokKind;

typedef struct Form {
	size_t start;		/* char index where this form starts */
	bool alef;		/* ا put back before it (للأمم -> الأمم) */
	char key[MQ_GAZ_KEYLEN];
} Form;

typedef struct Tok {
	size_t a, b;		/* chars [a, b) */
	size_t a0;		/* where the token began, clitics and all */
	TokKind kind;
	bool latin, cap, upper, arabic;
	int nforms;
	Form form[4];		/* [0] the whole token, then without clitics */
} Tok;

typedef struct Surname {
	char key[MQ_GAZ_KEYLEN];
	uint32_t entity;
} Surname;

struct MqEntities {
	MqDoc *doc;
	const MqGazetteer *g;
	UBreakIterator *brk;
	MqChars chars;
	UChar *u16;
	int32_t *u16_cp;
	size_t u16_cap;
	Tok *tok;
	size_t ntok, tok_cap;
	bool *used;		/* per token: inside a mention */
	size_t used_cap;
	size_t next_para;
	bool done;
	bool full;		/* MQ_ENT_MAX_MENTIONS reached: the scan stopped */
	MqMention *m;
	size_t nm, m_cap;
	MqEntity *ent;
	char **ent_key;
	size_t nent, ent_cap;
	uint32_t *ent_slot;	/* hash of ent_key: index + 1 */
	uint32_t (*vote)[MQ_ENT_NTYPES];	/* per entity: the taggers' types */
	size_t vote_cap;
	bool retyped;		/* an entity's type changed: mend m[].type */
	uint64_t *first;	/* hashes of the first words of entity keys, */
	size_t nfirst, first_nslot;	/* a set (0: empty): see rule_known */
	size_t ent_nslot;
	const MqTagger *tagger;	/* Arabic names; borrowed; NULL: rules only */
	const MqTagger *tagger_en;	/* English names; borrowed; NULL: rules */
	MqTagWord *tw;		/* per token: the tagger's description */
	uint8_t *labels;
	float *sure;		/* per token: the margin of its label */
	const char **keys;	/* per token: its folded form */
	size_t tw_cap, labels_cap, keys_cap, sure_cap;
	MqTagScratch scratch;
	Surname *sur;
	size_t nsur, sur_cap;
	uint32_t *sur_slot;	/* hash of sur keys: index + 1 */
	size_t sur_nslot;
};

/*
 * entity-tokens.c: cuts e->chars into e->tok (words, numbers,
 * punctuation; no spaces); false when memory runs out.
 */
bool mq_entity_tokenize(MqEntities *e);

/* entity.c: the index. */
/* The entity of key, or -1. */
long mq_entity_find(const MqEntities *e, const char *key);
/* The entity for key, created with name and type when new; -1 on no memory. */
long mq_entity_for(MqEntities *e, const char *key, const char *name, int type);
/* Another mention of entity id, read as type by a tagger (see entity.c). */
void mq_entity_vote(MqEntities *e, uint32_t id, MqEntityType type);
/* True if some entity's key begins with the first word of key. */
bool mq_entity_may_begin(const MqEntities *e, const char *key);
/* The surname entry for key, or -1. */
long mq_entity_surname_find(const MqEntities *e, const char *key);
/* Remembers that key (a full name's last word) refers to entity id. */
bool mq_entity_surname_add(MqEntities *e, const char *key, uint32_t id);

/* entity-rules.c */
/*
 * The folded text of tokens [ti, tj], the first from char ca on (one of
 * its forms), words joined by spaces, in own (size bytes); returns own.
 */
const char *mq_entity_span_key(const MqEntities *e, size_t ca, size_t ti,
    size_t tj, char *own, size_t size);
/*
 * Records a mention over chars [ca, cb) of the paragraph, tokens [ti, tj],
 * of type, merged under key (NULL: its own folded text); false when memory
 * runs out.
 */
bool mq_entity_mention(MqEntities *e, size_t ca, size_t cb, size_t ti,
    size_t tj, int type, const char *key);
/*
 * The rules: each, at token i, returns the tokens it took (0: none),
 * setting *oom when memory ran out.
 */
size_t mq_entity_rule_first(MqEntities *e, size_t i, bool *oom);
size_t mq_entity_rule_gazetteer(MqEntities *e, size_t i, bool user_only, bool *oom);
size_t mq_entity_rule_latin(MqEntities *e, size_t i, bool arabic, bool *oom);
size_t mq_entity_rule_surname(MqEntities *e, size_t i, bool *oom);

/*
 * entity-scan.c: finds the mentions of the paragraph in e->chars; false
 * when memory runs out.
 */
bool mq_entity_scan_paragraph(MqEntities *e);

#endif
