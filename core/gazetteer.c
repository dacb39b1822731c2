/*
 * core/gazetteer: folded names and trigger words (see gazetteer.h).
 *
 * Entries live in one growable array (v), found through an open-addressed
 * table of indices + 1 (slot, 0 empty, at most half full) hashed on the
 * key.  A phrase of several words also marks its first word (first), so a
 * scan tries a longer phrase only where one can begin.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "gazetteer.h"
#include "util.h"

/* COMMON in a triggers file: not a trigger, MqGazEntry.common. */
enum { KIND_COMMON = MQ_TRIG_STOP + 1 };

struct MqGazetteer {
	MqGazEntry *v;
	size_t n, cap;
	uint32_t *slot;		/* index + 1, 0 empty */
	size_t nslot;
	size_t names;
};

static const char *const type_names[] = {
	"PERSON", "ORG", "PLACE", "MONEY", "DATE", "PERCENT", "MISC"
};
_Static_assert(sizeof type_names / sizeof type_names[0] == MQ_ENT_NTYPES,
    "a name for every type");

const char *
mq_entity_type_name(MqEntityType t)
{
	return t < MQ_ENT_NTYPES ? type_names[t] : "?";
}

MqGazetteer *
mq_gazetteer_new(void)
{
	return calloc(1, sizeof(MqGazetteer));
}

void
mq_gazetteer_free(MqGazetteer *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < g->n; i++) {
		free(g->v[i].key);
		free(g->v[i].canon);
	}
	free(g->v);
	free(g->slot);
	free(g);
}

size_t
mq_gazetteer_size(const MqGazetteer *g)
{
	return g->names;
}

/* The entry for key, or NULL. */
static MqGazEntry *
lookup(const MqGazetteer *g, const char *key)
{
	size_t i;

	if (g->nslot == 0)
		return NULL;
	for (i = mq_hash_str(key) & (g->nslot - 1); g->slot[i] != 0; i = (i + 1) & (g->nslot - 1))
		if (strcmp(g->v[g->slot[i] - 1].key, key) == 0)
			return &g->v[g->slot[i] - 1];
	return NULL;
}

const MqGazEntry *
mq_gazetteer_find(const MqGazetteer *g, const char *key)
{
	return g != NULL ? lookup(g, key) : NULL;
}

uint32_t
mq_gazetteer_word(const MqGazetteer *g, const char *key)
{
	const MqGazEntry *en = mq_gazetteer_find(g, key);
	uint32_t bits = 0;

	if (en == NULL)
		return 0;
	if (en->type == MQ_GAZ_GIVEN_NAME)
		bits |= MQ_GAZ_GIVEN;
	else if (en->type >= 0)
		bits |= MQ_GAZ_TYPE(en->type);
	if (en->first)
		bits |= MQ_GAZ_PHRASE;
	if (en->trig != MQ_TRIG_NONE)
		bits |= MQ_GAZ_TITLE << (en->trig - MQ_TRIG_TITLE);
	if (en->common)
		bits |= MQ_GAZ_COMMON;
	return bits;
}

/* Rebuilds the slot table at twice the size. */
static bool
rehash(MqGazetteer *g)
{
	size_t ns = g->nslot ? g->nslot * 2 : 1024, i, k;
	uint32_t *slot = calloc(ns, sizeof *slot);

	if (slot == NULL)
		return false;
	for (i = 0; i < g->n; i++) {
		for (k = mq_hash_str(g->v[i].key) & (ns - 1); slot[k] != 0; k = (k + 1) & (ns - 1))
			;
		slot[k] = (uint32_t)(i + 1);
	}
	free(g->slot);
	g->slot = slot;
	g->nslot = ns;
	return true;
}

/* The entry for key, added empty if missing; NULL when memory runs out. */
static MqGazEntry *
intern(MqGazetteer *g, const char *key)
{
	MqGazEntry *e = lookup(g, key);
	size_t k;

	if (e != NULL)
		return e;
	if ((g->n + 1) * 2 > g->nslot && !rehash(g))
		return NULL;
	if (!mq_grow((void **)&g->v, &g->cap, g->n + 1, sizeof *g->v))
		return NULL;
	e = &g->v[g->n];
	memset(e, 0, sizeof *e);
	e->type = -1;
	if ((e->key = strdup(key)) == NULL)
		return NULL;
	for (k = mq_hash_str(key) & (g->nslot - 1); g->slot[k] != 0; k = (k + 1) & (g->nslot - 1))
		;
	g->slot[k] = (uint32_t)(g->n + 1);
	g->n++;
	return e;
}

/*
 * Folds a phrase into a key: folded words joined by one space.  Returns
 * the number of words (0 for an empty phrase).
 */
static int
phrase_key(const char *s, size_t len, char *key, size_t keylen)
{
	char folded[MQ_GAZ_KEYLEN * 2];
	size_t n = mq_fold_utf8(s, len, folded, sizeof folded), i, k = 0;
	int words = 0;
	bool space = true;

	for (i = 0; i < n && k + 2 < keylen; i++) {
		if (folded[i] == ' ' || folded[i] == '\t') {
			space = true;
			continue;
		}
		if (space && k > 0)
			key[k++] = ' ';
		if (space)
			words++;
		space = false;
		key[k++] = folded[i];
	}
	key[k] = '\0';
	return words;
}

/* Registers one name (or variant) of type with canonical key canon. */
static bool
add_name(MqGazetteer *g, const char *s, size_t len, int type, const char *canon,
    bool user)
{
	char key[MQ_GAZ_KEYLEN], first[MQ_GAZ_KEYLEN];
	MqGazEntry *e;
	char *sp;
	int words = phrase_key(s, len, key, sizeof key);

	if (words == 0 || words > MQ_GAZ_MAX_PHRASE)
		return true;
	if ((e = intern(g, key)) == NULL)
		return false;
	if (e->type >= 0 && e->user && !user)
		return true;	/* the user's word stands */
	e->type = type;
	e->user = e->user || user;
	free(e->canon);
	if ((e->canon = strdup(canon)) == NULL)
		return false;
	g->names++;
	if ((sp = strchr(key, ' ')) != NULL) {
		memcpy(first, key, (size_t)(sp - key));
		first[sp - key] = '\0';
		if ((e = intern(g, first)) == NULL)
			return false;
		e->first = true;
	}
	return true;
}

/* The type named s, MQ_GAZ_GIVEN_NAME, or -1. */
static int
parse_type(const char *s, size_t len)
{
	int t;

	if (len == 5 && memcmp(s, "GIVEN", 5) == 0)
		return MQ_GAZ_GIVEN_NAME;
	for (t = 0; t < MQ_ENT_NTYPES; t++)
		if (strlen(type_names[t]) == len && memcmp(s, type_names[t], len) == 0)
			return t;
	return -1;
}

/* Splits line [s, e) at tabs into up to 3 fields. */
static int
fields(const char *s, const char *e, const char **f, size_t *flen)
{
	int n = 0;
	const char *p;

	while (n < 3) {
		p = memchr(s, '\t', (size_t)(e - s));
		f[n] = s;
		flen[n] = (size_t)((p ? p : e) - s);
		n++;
		if (p == NULL)
			break;
		s = p + 1;
	}
	return n;
}

bool
mq_gazetteer_add_names(MqGazetteer *g, const char *tsv, size_t len, bool user,
    char **err)
{
	const char *s = tsv, *end = tsv + len, *e, *f[3];
	size_t flen[3];
	unsigned line = 0;
	char canon[MQ_GAZ_KEYLEN];

	for (; s < end; s = e + 1) {
		int nf, type;

		line++;
		if ((e = memchr(s, '\n', (size_t)(end - s))) == NULL)
			e = end;
		if (e > s && e[-1] == '\r')
			e--;
		if (e == s || *s == '#') {
			if (e < end && *e == '\r')
				e++;
			continue;
		}
		nf = fields(s, e, f, flen);
		type = nf >= 2 && flen[1] > 0 ? parse_type(f[1], flen[1]) : MQ_ENT_MISC;
		if (type < 0 || (!user && nf < 2)) {
			mq_set_error(err, "line %u: expected NAME<TAB>TYPE (PERSON, ORG, "
			    "PLACE, MISC, MONEY, DATE, PERCENT)", line);
			return false;
		}
		phrase_key(f[0], flen[0], canon, sizeof canon);
		if (!add_name(g, f[0], flen[0], type, canon, user))
			goto oom;
		if (nf == 3) {
			const char *v = f[2], *ve = f[2] + flen[2], *bar;

			for (; v < ve; v = bar + 1) {
				bar = memchr(v, '|', (size_t)(ve - v));
				if (bar == NULL)
					bar = ve;
				if (!add_name(g, v, (size_t)(bar - v), type, canon, user))
					goto oom;
			}
		}
		if (e < end && *e == '\r')
			e++;
	}
	return true;
oom:
	mq_set_error(err, "out of memory");
	return false;
}

bool
mq_gazetteer_add_triggers(MqGazetteer *g, const char *tsv, size_t len,
    char **err)
{
	static const char *const kinds[] = { "", "TITLE", "ORG", "ORGNAME",
	    "SUFFIX", "STOP", "COMMON" };
	const char *s = tsv, *end = tsv + len, *e, *f[3];
	size_t flen[3];
	unsigned line = 0;
	char key[MQ_GAZ_KEYLEN], first[MQ_GAZ_KEYLEN];
	MqGazEntry *en;
	int k, words;

	for (; s < end; s = e + 1) {
		line++;
		if ((e = memchr(s, '\n', (size_t)(end - s))) == NULL)
			e = end;
		if (e == s || *s == '#')
			continue;
		if (fields(s, e, f, flen) < 2)
			goto bad;
		for (k = 1; k <= KIND_COMMON; k++)
			if (strlen(kinds[k]) == flen[1] && memcmp(f[1], kinds[k], flen[1]) == 0)
				break;
		if (k > KIND_COMMON)
			goto bad;
		/* STOP words are matched as typed (case kept: "May" vs "may") */
		words = phrase_key(f[0], flen[0], key, sizeof key);
		if (words == 0)
			continue;
		if ((en = intern(g, key)) == NULL)
			goto oom;
		if (k == KIND_COMMON) {
			en->common = true;
			continue;
		}
		en->trig = (MqTrigger)k;
		if (words > 1) {
			char *sp = strchr(key, ' ');

			memcpy(first, key, (size_t)(sp - key));
			first[sp - key] = '\0';
			if ((en = intern(g, first)) == NULL)
				goto oom;
			en->first = true;
		}
	}
	return true;
bad:
	mq_set_error(err, "line %u: expected WORDS<TAB>TITLE|ORG|ORGNAME|SUFFIX|STOP|COMMON", line);
	return false;
oom:
	mq_set_error(err, "out of memory");
	return false;
}

