/*
 * core/entity: the index of names over an article, and the scan that fills
 * it (entity-private.h says how the module's files divide the work).
 *
 * A paragraph is decoded (core/doc), cut into tokens by ICU's word break
 * iterator, and each word token gets folded forms (core/fold): the whole
 * token and the token without Arabic proclitics (و ف, then ب ل ك; لل is ل +
 * ال, so للولايات gives الولايات; a proclitic before Latin letters or digits,
 * as in وMicrosoft or بـ500, is cut off too).  A mention's span starts at the
 * form that matched, so clitics are never part of it.
 *
 * Rules, tried at each token in this order, the first that matches wins and
 * the scan goes on after what it took:
 *   1. the user's names (they always win);
 *   2. MONEY: [sign] number [scale]... currency; PERCENT: number % or
 *      في المئة / بالمئة / percent; DATE: [day] month [year] (Gregorian in
 *      Egyptian/Gulf and Levantine names, Hijri with a day or year, English)
 *      and bare years 1800-2099;
 *   3. gazetteer phrases, longest first (up to MAX_PHRASE tokens): names
 *      with their type; a given name takes the next word as surname; a
 *      title (الرئيس, Dr.) makes the next proper name a PERSON; an
 *      organisation word (وزارة) takes up to two definite words after it;
 *   4. runs of capitalised Latin words (in Arabic text any Latin name),
 *      typed by gazetteer, title, given name or organisation suffix;
 *   5. a surname alone that an earlier full name in the article ended with.
 * Mentions of the same folded name (or gazetteer entry) are one entity.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "entity-private.h"
#include "util.h"

/* The hash of key's first word (up to a space), never 0. */
static uint64_t
first_hash(const char *key)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *key && *key != ' '; key++)
		h = (h ^ (unsigned char)*key) * 1099511628211ULL;
	return h | 1;
}

static bool
first_has(const MqEntities *e, uint64_t h)
{
	size_t i;

	if (e->first_nslot == 0)
		return false;
	for (i = h & (e->first_nslot - 1); e->first[i] != 0; i = (i + 1) & (e->first_nslot - 1))
		if (e->first[i] == h)
			return true;
	return false;
}

bool
mq_entity_may_begin(const MqEntities *e, const char *key)
{
	return first_has(e, first_hash(key));
}

/* Records that an entity key begins with the word of hash h. */
static bool
first_add(MqEntities *e, uint64_t h)
{
	size_t i;

	if (first_has(e, h))
		return true;
	if ((e->nfirst + 1) * 2 > e->first_nslot) {
		size_t ns = e->first_nslot ? e->first_nslot * 2 : 256, k;
		uint64_t *set = calloc(ns, sizeof *set);

		if (set == NULL)
			return false;
		for (k = 0; k < e->first_nslot; k++)
			if (e->first[k] != 0) {
				for (i = e->first[k] & (ns - 1); set[i] != 0; i = (i + 1) & (ns - 1))
					;
				set[i] = e->first[k];
			}
		free(e->first);
		e->first = set;
		e->first_nslot = ns;
	}
	for (i = h & (e->first_nslot - 1); e->first[i] != 0; i = (i + 1) & (e->first_nslot - 1))
		;
	e->first[i] = h;
	e->nfirst++;
	return true;
}

/* The entity of key, or -1. */
long
mq_entity_find(const MqEntities *e, const char *key)
{
	size_t i;

	if (e->ent_nslot == 0)
		return -1;
	for (i = mq_hash_str(key) & (e->ent_nslot - 1); e->ent_slot[i] != 0;
	    i = (i + 1) & (e->ent_nslot - 1))
		if (strcmp(e->ent_key[e->ent_slot[i] - 1], key) == 0)
			return (long)e->ent_slot[i] - 1;
	return -1;
}

/* The entity for key, created with name and type when new; -1 on no memory. */
long
mq_entity_for(MqEntities *e, const char *key, const char *name, int type)
{
	long id = mq_entity_find(e, key);
	size_t i, ns;

	if (id >= 0)
		return id;
	if ((e->nent + 1) * 2 > e->ent_nslot) {
		uint32_t *slot;

		ns = e->ent_nslot ? e->ent_nslot * 2 : 256;
		if ((slot = calloc(ns, sizeof *slot)) == NULL)
			return -1;
		for (i = 0; i < e->nent; i++) {
			size_t k;

			for (k = mq_hash_str(e->ent_key[i]) & (ns - 1); slot[k] != 0; k = (k + 1) & (ns - 1))
				;
			slot[k] = (uint32_t)(i + 1);
		}
		free(e->ent_slot);
		e->ent_slot = slot;
		e->ent_nslot = ns;
	}
	{
		size_t cap = e->ent_cap;

		if (!mq_grow((void **)&e->ent, &cap, e->nent + 1, sizeof *e->ent))
			return -1;
		cap = e->ent_cap;
		if (!mq_grow((void **)&e->ent_key, &cap, e->nent + 1, sizeof *e->ent_key))
			return -1;
		e->ent_cap = cap;
	}
	e->ent[e->nent].name = strdup(name);
	e->ent_key[e->nent] = strdup(key);
	if (e->ent[e->nent].name == NULL || e->ent_key[e->nent] == NULL)
		return -1;
	if (!mq_grow((void **)&e->vote, &e->vote_cap, e->nent + 1, sizeof *e->vote))
		return -1;
	memset(e->vote[e->nent], 0, sizeof *e->vote);
	e->vote[e->nent][type] = 1;
	e->ent[e->nent].type = (MqEntityType)type;
	e->ent[e->nent].count = 0;
	e->ent[e->nent].first = e->nm;
	for (i = mq_hash_str(key) & (e->ent_nslot - 1); e->ent_slot[i] != 0;
	    i = (i + 1) & (e->ent_nslot - 1))
		;
	e->ent_slot[i] = (uint32_t)(e->nent + 1);
	if (!first_add(e, first_hash(key)))
		return -1;
	return (long)e->nent++;
}

/*
 * Another mention of entity id that a tagger read as type: an entity has
 * the type most of its mentions were read as (its first's on a tie), so
 * one sentence read wrong does not type every mention after it.  The
 * mentions' own types are mended by retype.
 */
void
mq_entity_vote(MqEntities *e, uint32_t id, MqEntityType type)
{
	uint32_t *v = e->vote[id];

	if (++v[type] > v[e->ent[id].type]) {
		e->ent[id].type = type;
		e->retyped = true;
	}
}

/* Gives every mention its entity's type again after votes changed one. */
static void
retype(MqEntities *e)
{
	size_t i;

	if (!e->retyped)
		return;
	for (i = 0; i < e->nm; i++)
		e->m[i].type = e->ent[e->m[i].entity].type;
	e->retyped = false;
}

/* The surname entry for key, or -1. */
long
mq_entity_surname_find(const MqEntities *e, const char *key)
{
	size_t i;

	if (e->sur_nslot == 0)
		return -1;
	for (i = mq_hash_str(key) & (e->sur_nslot - 1); e->sur_slot[i] != 0;
	    i = (i + 1) & (e->sur_nslot - 1))
		if (strcmp(e->sur[e->sur_slot[i] - 1].key, key) == 0)
			return (long)e->sur_slot[i] - 1;
	return -1;
}

/* Remembers that key (a full name's last word) refers to entity id. */
bool
mq_entity_surname_add(MqEntities *e, const char *key, uint32_t id)
{
	size_t i, k;

	if (strlen(key) >= MQ_GAZ_KEYLEN || mq_entity_surname_find(e, key) >= 0)
		return true;
	if ((e->nsur + 1) * 2 > e->sur_nslot) {
		size_t ns = e->sur_nslot ? e->sur_nslot * 2 : 256;
		uint32_t *slot = calloc(ns, sizeof *slot);

		if (slot == NULL)
			return false;
		for (i = 0; i < e->nsur; i++) {
			for (k = mq_hash_str(e->sur[i].key) & (ns - 1); slot[k]; k = (k + 1) & (ns - 1))
				;
			slot[k] = (uint32_t)(i + 1);
		}
		free(e->sur_slot);
		e->sur_slot = slot;
		e->sur_nslot = ns;
	}
	if (!mq_grow((void **)&e->sur, &e->sur_cap, e->nsur + 1, sizeof *e->sur))
		return false;
	strcpy(e->sur[e->nsur].key, key);
	e->sur[e->nsur].entity = id;
	for (k = mq_hash_str(key) & (e->sur_nslot - 1); e->sur_slot[k]; k = (k + 1) & (e->sur_nslot - 1))
		;
	e->sur_slot[k] = (uint32_t)(e->nsur + 1);
	e->nsur++;
	return true;
}

MqEntities *
mq_entities_new(MqDoc *doc, const MqGazetteer *g)
{
	UErrorCode ec = U_ZERO_ERROR;
	MqEntities *e = calloc(1, sizeof *e);

	if (e == NULL)
		return NULL;
	e->doc = doc;
	e->g = g;
	e->brk = ubrk_open(UBRK_WORD, "", NULL, 0, &ec);
	if (U_FAILURE(ec)) {
		free(e);
		return NULL;
	}
	return e;
}

void
mq_entities_set_tagger(MqEntities *e, const MqTagger *arabic,
    const MqTagger *english)
{
	e->tagger = arabic;
	e->tagger_en = english;
}

void
mq_entities_free(MqEntities *e)
{
	size_t i;

	if (e == NULL)
		return;
	ubrk_close(e->brk);
	mq_chars_free(&e->chars);
	free(e->u16);
	free(e->u16_cp);
	free(e->tok);
	free(e->used);
	free(e->m);
	for (i = 0; i < e->nent; i++) {
		free(e->ent[i].name);
		free(e->ent_key[i]);
	}
	free(e->ent);
	free(e->ent_key);
	free(e->ent_slot);
	free(e->vote);
	free(e->sur);
	free(e->sur_slot);
	free(e->tw);
	free(e->labels);
	free(e->sure);
	free(e->first);
	free(e->keys);
	mq_tagger_scratch_free(&e->scratch);
	free(e);
}

bool
mq_entities_scan(MqEntities *e, size_t budget)
{
	const MqPara *p;
	size_t done = 0;

	while (!e->done && (budget == 0 || done < budget)) {
		if (e->full || (p = mq_doc_para(e->doc, e->next_para)) == NULL) {
			e->done = true;
			retype(e);
			return !mq_doc_failed(e->doc);
		}
		e->next_para++;
		done++;
		if (p->kind == MQ_BLOCK_CODE)
			continue;
		if (!mq_doc_decode(e->doc, p, &e->chars) || !mq_entity_scan_paragraph(e)) {
			retype(e);
			return false;
		}
	}
	retype(e);
	return true;
}

bool
mq_entities_done(const MqEntities *e)
{
	return e->done;
}

bool
mq_entities_full(const MqEntities *e)
{
	return e->full;
}

size_t
mq_entities_scanned(const MqEntities *e)
{
	MqDoc *doc = e->doc;
	const MqPara *p;

	if (e->done || e->next_para == 0)
		return e->done ? mq_text_size(mq_doc_text(doc)) : 0;
	p = mq_doc_para(doc, e->next_para - 1);	/* already found: no scanning */
	return p ? mq_para_end(p) : 0;
}

const MqMention *
mq_entities_mentions(const MqEntities *e, size_t *n)
{
	*n = e->nm;
	return e->m;
}

size_t
mq_entities_find(const MqEntities *e, size_t offset)
{
	size_t lo = 0, hi = e->nm;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (e->m[mid].end <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* What mq_entities_ranked sorts by: entities are made in order of first mention. */
typedef struct Rank {
	uint8_t type;
	size_t count;
	uint32_t index;
} Rank;

static int
rank_cmp(const void *a, const void *b)
{
	const Rank *x = a, *y = b;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

uint32_t *
mq_entities_ranked(const MqEntities *e, size_t *n)
{
	Rank *rank;
	uint32_t *r;
	size_t i;

	*n = 0;
	if (e->nent == 0)
		return NULL;
	rank = malloc(e->nent * sizeof *rank);
	r = malloc(e->nent * sizeof *r);
	if (rank == NULL || r == NULL) {
		free(rank);
		free(r);
		return NULL;
	}
	for (i = 0; i < e->nent; i++) {
		rank[i].type = e->ent[i].type;
		rank[i].count = e->ent[i].count;
		rank[i].index = (uint32_t)i;
	}
	qsort(rank, e->nent, sizeof *rank, rank_cmp);
	for (i = 0; i < e->nent; i++)
		r[i] = rank[i].index;
	free(rank);
	*n = e->nent;
	return r;
}

const MqEntity *
mq_entities_list(const MqEntities *e, size_t *n)
{
	*n = e->nent;
	return e->ent;
}

