/*
 * core/entity: rules and gazetteers over word tokens.
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

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "entity.h"
#include "fold.h"
#include "tagger.h"
#include "util.h"

#define MAX_PHRASE 5
#define KEYLEN 96
#define GIVEN 100		/* name "type" for given names */

enum { TRIG_NONE, TRIG_TITLE, TRIG_ORG, TRIG_ORGNAME, TRIG_SUFFIX, TRIG_STOP,
	KIND_COMMON	/* not a trigger of the rules: Entry.common */ };
enum { T_WORD, T_NUM, T_PUNCT };

/* One key of the gazetteer: a folded phrase (tokens joined by spaces). */
typedef struct Entry {
	char *key;
	char *canon;		/* canonical folded key for merging, or NULL */
	int type;		/* MqEntityType, GIVEN, or -1 */
	uint8_t trig;
	bool user;
	bool first;		/* the first token of a longer phrase */
	bool common;		/* never a name alone (COMMON) */
} Entry;

struct MqGazetteer {
	Entry *v;
	size_t n, cap;
	uint32_t *slot;		/* index + 1, 0 empty */
	size_t nslot;
	size_t names;
};

typedef struct Form {
	size_t start;		/* char index where this form starts */
	bool alef;		/* ا put back before it (للأمم -> الأمم) */
	char key[KEYLEN];
} Form;

typedef struct Tok {
	size_t a, b;		/* chars [a, b) */
	size_t a0;		/* where the token began, clitics and all */
	uint8_t kind;
	bool latin, cap, upper, arabic;
	int nforms;
	Form form[4];		/* [0] the whole token, then without clitics */
} Tok;

typedef struct Surname {
	char key[KEYLEN];
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

static const char *const type_names[] = {
	"PERSON", "ORG", "PLACE", "MONEY", "DATE", "PERCENT", "MISC"
};

const char *
mq_entity_type_name(MqEntityType t)
{
	return t < MQ_ENT_NTYPES ? type_names[t] : "?";
}

/* FNV-1a. */
static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* ------------------------------------------------------------------ */
/* Gazetteer */

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
static Entry *
lookup(const MqGazetteer *g, const char *key)
{
	size_t i;

	if (g->nslot == 0)
		return NULL;
	for (i = hash(key) & (g->nslot - 1); g->slot[i] != 0; i = (i + 1) & (g->nslot - 1))
		if (strcmp(g->v[g->slot[i] - 1].key, key) == 0)
			return &g->v[g->slot[i] - 1];
	return NULL;
}

uint32_t
mq_gazetteer_word(const MqGazetteer *g, const char *key)
{
	const Entry *en = g ? lookup(g, key) : NULL;
	uint32_t bits = 0;

	if (en == NULL)
		return 0;
	if (en->type == GIVEN)
		bits |= MQ_GAZ_GIVEN;
	else if (en->type >= 0)
		bits |= MQ_GAZ_TYPE(en->type);
	if (en->first)
		bits |= MQ_GAZ_PHRASE;
	if (en->trig != TRIG_NONE)
		bits |= MQ_GAZ_TITLE << (en->trig - TRIG_TITLE);
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
		for (k = hash(g->v[i].key) & (ns - 1); slot[k] != 0; k = (k + 1) & (ns - 1))
			;
		slot[k] = (uint32_t)(i + 1);
	}
	free(g->slot);
	g->slot = slot;
	g->nslot = ns;
	return true;
}

/* The entry for key, added empty if missing; NULL when memory runs out. */
static Entry *
intern(MqGazetteer *g, const char *key)
{
	Entry *e = lookup(g, key);
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
	for (k = hash(key) & (g->nslot - 1); g->slot[k] != 0; k = (k + 1) & (g->nslot - 1))
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
	char folded[KEYLEN * 2];
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
	char key[KEYLEN], first[KEYLEN];
	Entry *e;
	char *sp;
	int words = phrase_key(s, len, key, sizeof key);

	if (words == 0 || words > MAX_PHRASE)
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

/* The type named s, GIVEN, or -1. */
static int
parse_type(const char *s, size_t len)
{
	int t;

	if (len == 5 && memcmp(s, "GIVEN", 5) == 0)
		return GIVEN;
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
	char canon[KEYLEN];

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
	char key[KEYLEN], first[KEYLEN];
	Entry *en;
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
		en->trig = (uint8_t)k;
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

/* ------------------------------------------------------------------ */
/* Tokens */

static bool
is_arabic(uint32_t c)
{
	return (c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) ||
	    (c >= 0xfb50 && c <= 0xfeff);
}

static bool
is_latin(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= 0xc0 && c <= 0x24f);
}

/* True for a proclitic letter: و ف ب ل ك, or tatweel. */
static bool
clitic(uint32_t c)
{
	return c == 0x0648 || c == 0x0641 || c == 0x0628 || c == 0x0644 ||
	    c == 0x0643 || c == 0x0640;
}

/* Adds a form of token t starting at char s (prefix: folded text put first). */
static void
add_form(Tok *t, const MqChars *c, size_t s, const char *prefix)
{
	Form *f;
	size_t n;

	if (t->nforms >= 4 || s >= t->b)
		return;
	f = &t->form[t->nforms];
	n = strlen(prefix);
	memcpy(f->key, prefix, n);
	mq_fold_chars(c->cp + s, t->b - s, f->key + n, sizeof f->key - n);
	if (f->key[0] == '\0')
		return;
	f->start = s;
	f->alef = n > 0;
	t->nforms++;
}

/* Fills in the facts and folded forms of a word or number token. */
static void
describe(Tok *t, const MqChars *c)
{
	const uint32_t *cp = c->cp;
	size_t i, k;

	t->nforms = 0;
	t->latin = t->arabic = t->cap = t->upper = false;
	for (i = t->a; i < t->b; i++) {
		t->latin = t->latin || is_latin(cp[i]);
		t->arabic = t->arabic || is_arabic(cp[i]);
	}
	add_form(t, c, t->a, "");
	if (t->kind == T_PUNCT)
		return;
	/* Arabic proclitics before Latin letters or digits: وMicrosoft, بـ500 */
	for (i = t->a; i < t->b && clitic(cp[i]); i++)
		;
	if (i > t->a && i < t->b && i - t->a <= 3 && (is_latin(cp[i]) ||
	    u_isdigit((UChar32)cp[i]))) {
		t->a = i;	/* the clitics are not part of the token at all */
		t->nforms = 0;
		t->arabic = false;
		add_form(t, c, i, "");
	} else if (t->arabic && t->b - t->a >= 3) {
		k = t->a;
		if (cp[k] == 0x0648 || cp[k] == 0x0641)	/* و ف */
			add_form(t, c, ++k, "");
		if (k + 2 < t->b && cp[k] == 0x0644 && cp[k + 1] == 0x0644)
			add_form(t, c, k + 1, "\xd8\xa7");	/* لل -> ال */
		else if (k + 2 < t->b && (cp[k] == 0x0628 || cp[k] == 0x0644 ||
		    cp[k] == 0x0643))
			add_form(t, c, k + 1, "");
	}
	if (t->latin && !t->arabic) {
		t->cap = u_isupper((UChar32)cp[t->a]);
		t->upper = t->b - t->a >= 2;
		for (i = t->a; i < t->b && t->upper; i++)
			if (u_islower((UChar32)cp[i]))
				t->upper = false;
	}
}

/*
 * The code points of an English clitic that end the word cp[0..n), as
 * the taggers' training data splits them ('s 're 've 'll 'd 'm n't, with
 * ' or U+2019), or 0.  At least two letters stay before it.
 */
static size_t
english_clitic(const uint32_t *cp, size_t n)
{
	static const char *const tails[] = { "s", "re", "ve", "ll", "d", "m", NULL };
	size_t k, j;

	for (k = 0; tails[k] != NULL; k++) {
		size_t m = strlen(tails[k]);

		if (n < m + 3 || (cp[n - m - 1] != '\'' && cp[n - m - 1] != 0x2019))
			continue;
		for (j = 0; j < m && (cp[n - m + j] | 0x20) == (uint32_t)tails[k][j]; j++)
			;
		if (j == m && is_latin(cp[n - m - 2]))
			return m + 1;
	}
	if (n >= 5 && (cp[n - 3] | 0x20) == 'n' && (cp[n - 2] == '\'' || cp[n - 2] == 0x2019) &&
	    (cp[n - 1] | 0x20) == 't')
		return 3;
	return 0;
}

/* Cuts the paragraph into tokens (words, numbers, punctuation; no spaces). */
static bool
tokenize(MqEntities *e)
{
	const MqChars *c = &e->chars;
	UErrorCode ec = U_ZERO_ERROR;
	int32_t n16 = 0, p, q;
	size_t i;

	if (c->len * 2 + 1 > e->u16_cap) {
		size_t cap = c->len * 2 + 1;
		void *a = realloc(e->u16, cap * sizeof *e->u16);

		if (a == NULL)
			return false;
		e->u16 = a;
		if ((a = realloc(e->u16_cp, (cap + 1) * sizeof *e->u16_cp)) == NULL)
			return false;
		e->u16_cp = a;
		e->u16_cap = cap;
	}
	for (i = 0; i < c->len; i++) {
		int32_t before = n16;

		U16_APPEND_UNSAFE(e->u16, n16, (UChar32)(c->cp[i] > 0x10ffff ?
		    0xfffd : c->cp[i]));
		while (before < n16)
			e->u16_cp[before++] = (int32_t)i;
	}
	e->u16_cp[n16] = (int32_t)c->len;
	ubrk_setText(e->brk, e->u16, n16, &ec);
	if (U_FAILURE(ec))
		return false;
	e->ntok = 0;
	for (p = ubrk_first(e->brk); (q = ubrk_next(e->brk)) != UBRK_DONE; p = q) {
		int st = ubrk_getRuleStatus(e->brk);
		size_t a = (size_t)e->u16_cp[p], b = (size_t)e->u16_cp[q], cut, k;
		Tok *t;

		/*
		 * Bidi controls and other invisible format characters cling to
		 * the word before them (UAX #29 WB4): they are not part of a name.
		 */
		while (b > a && mq_out_class(c->cp[b - 1]) == MQ_OUT_DROP)
			b--;
		while (a < b && mq_out_class(c->cp[a]) == MQ_OUT_DROP)
			a++;
		if (a == b)
			continue;
		if (st < UBRK_WORD_NONE_LIMIT) {
			for (i = a; i < b && u_isUWhiteSpace((UChar32)c->cp[i]); i++)
				;
			if (i == b)
				continue;	/* spaces are not tokens */
		}
		if (!mq_grow((void **)&e->tok, &e->tok_cap, e->ntok + 2, sizeof *e->tok))
			return false;
		cut = st >= UBRK_WORD_LETTER ? english_clitic(c->cp + a, b - a) : 0;
		for (k = 0; k < 1 + (cut > 0); k++) {
			t = &e->tok[e->ntok++];
			t->a = t->a0 = k == 0 ? a : b - cut;
			t->b = k == 0 ? b - cut : b;
			t->kind = st < UBRK_WORD_NONE_LIMIT ? T_PUNCT :
			    st < UBRK_WORD_NUMBER_LIMIT ? T_NUM : T_WORD;
			describe(t, c);
			/* a word that is digits after its clitics (بـ500) is a number */
			if (t->kind == T_WORD && t->b > t->a && u_isdigit((UChar32)c->cp[t->a]))
				t->kind = T_NUM;
		}
	}
	if (!mq_grow((void **)&e->used, &e->used_cap, e->ntok + 1, sizeof *e->used))
		return false;
	memset(e->used, 0, e->ntok * sizeof *e->used);
	return true;
}

/* ------------------------------------------------------------------ */
/* Word lists for the rules (folded). */

static const char *const scales[] = {
	"الف", "الاف", "مليون", "ملايين", "مليار", "مليارات", "ترليون", "تريليون",
	"thousand", "million", "millions", "billion", "billions", "trillion", "bn", "m", NULL
};
static const char *const currencies[] = {
	"دولار", "دولارا", "دولارات", "الدولارات", "يورو", "ريال", "ريالا", "ريالات",
	"جنيه", "جنيها", "جنيهات", "درهم", "دراهم", "دينار", "دينارا", "دنانير",
	"ليره", "ليرات", "ين", "روبل", "روبيه", "يوان", "استرليني",
	"dollar", "dollars", "euro", "euros", "pound", "pounds", "riyal", "riyals",
	"dirham", "dirhams", "dinar", "dinars", "yen", "yuan", "rupees", NULL
};
static const char *const signs[] = { "$", "€", "£", "¥", "us$", NULL };
static const char *const months[] = {
	"يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يونيه", "يوليو",
	"يوليه", "اغسطس", "سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر",
	"شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "اب", "ايلول",
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", NULL
};
/* Months of two words: كانون الثاني, and Hijri months (these need a number). */
static const char *const months2[] = {
	"كانون الثاني", "كانون الاول", "تشرين الاول", "تشرين الثاني", NULL
};
static const char *const hijri[] = {
	"محرم", "صفر", "ربيع الاول", "ربيع الاخر", "ربيع الثاني", "جمادي الاولي",
	"جمادي الاخره", "جمادي الثانيه", "رجب", "شعبان", "رمضان", "شوال",
	"ذو القعده", "ذو الحجه", "ذي القعده", "ذي الحجه", NULL
};
/* Months that are common words too: only with a number beside them. */
static const char *const shy_months[] = { "مارس", "may", "march", "اب", NULL };
static const char *const percent_words[] = { "المئه", "المائه", "بالمئه", "بالمائه",
	"percent", NULL };
static const char *const connectors[] = { "of", "de", "al", "bin", "van", "von",
	"and", "&", "-", "der", "du", "la", "le", NULL };
static const char *const adjective_skip[] = { "الامريكي", "الاميركي", "الفرنسي",
	"البريطاني", "الروسي", "الصيني", "المصري", "السعودي", "الاماراتي", "التنفيذي",
	"السابق", "الحالي", "الراحل", "الجديد", NULL };

/* Words that join the parts of a name: never a name alone. */
static const char *const name_links[] = { "بن", "ابن", "بنت", "عبد", "ابو", "ابي",
	"ام", "ال", "bin", "ibn", "al", "abu", NULL };

static bool
in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

/* True if any form of token i is in list. */
static bool
tok_in(const MqEntities *e, size_t i, const char *const *list)
{
	int k;

	if (i >= e->ntok)
		return false;
	for (k = 0; k < e->tok[i].nforms; k++)
		if (in_list(e->tok[i].form[k].key, list))
			return true;
	return false;
}

/* The trigger kind of token i's whole or clitic-less form. */
static int
trig_of(const MqEntities *e, size_t i)
{
	const Entry *en;
	int k;

	if (i >= e->ntok || e->tok[i].kind != T_WORD)
		return TRIG_NONE;
	for (k = 0; k < e->tok[i].nforms; k++)
		if ((en = lookup(e->g, e->tok[i].form[k].key)) != NULL && en->trig)
			return en->trig;
	return TRIG_NONE;
}

/* The value of a number token's form, or -1 if it is not a plain integer. */
static long
int_value(const Tok *t)
{
	const char *s = t->form[t->nforms - 1].key;
	long v = 0;

	if (*s == '\0' || strlen(s) > 9)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* ------------------------------------------------------------------ */
/* Entities and mentions */

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
static long
entity_find(const MqEntities *e, const char *key)
{
	size_t i;

	if (e->ent_nslot == 0)
		return -1;
	for (i = hash(key) & (e->ent_nslot - 1); e->ent_slot[i] != 0;
	    i = (i + 1) & (e->ent_nslot - 1))
		if (strcmp(e->ent_key[e->ent_slot[i] - 1], key) == 0)
			return (long)e->ent_slot[i] - 1;
	return -1;
}

/* The entity for key, created with name and type when new; -1 on no memory. */
static long
entity_for(MqEntities *e, const char *key, const char *name, int type)
{
	long id = entity_find(e, key);
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

			for (k = hash(e->ent_key[i]) & (ns - 1); slot[k] != 0; k = (k + 1) & (ns - 1))
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
	e->ent[e->nent].type = (uint8_t)type;
	e->ent[e->nent].count = 0;
	e->ent[e->nent].first = e->nm;
	for (i = hash(key) & (e->ent_nslot - 1); e->ent_slot[i] != 0;
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
static void
vote(MqEntities *e, uint32_t id, MqEntityType type)
{
	uint32_t *v = e->vote[id];

	if (++v[type] > v[e->ent[id].type]) {
		e->ent[id].type = (uint8_t)type;
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
static long
surname_find(const MqEntities *e, const char *key)
{
	size_t i;

	if (e->sur_nslot == 0)
		return -1;
	for (i = hash(key) & (e->sur_nslot - 1); e->sur_slot[i] != 0;
	    i = (i + 1) & (e->sur_nslot - 1))
		if (strcmp(e->sur[e->sur_slot[i] - 1].key, key) == 0)
			return (long)e->sur_slot[i] - 1;
	return -1;
}

/* Remembers that key (a full name's last word) refers to entity id. */
static bool
surname_add(MqEntities *e, const char *key, uint32_t id)
{
	size_t i, k;

	if (strlen(key) >= KEYLEN || surname_find(e, key) >= 0)
		return true;
	if ((e->nsur + 1) * 2 > e->sur_nslot) {
		size_t ns = e->sur_nslot ? e->sur_nslot * 2 : 256;
		uint32_t *slot = calloc(ns, sizeof *slot);

		if (slot == NULL)
			return false;
		for (i = 0; i < e->nsur; i++) {
			for (k = hash(e->sur[i].key) & (ns - 1); slot[k]; k = (k + 1) & (ns - 1))
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
	for (k = hash(key) & (e->sur_nslot - 1); e->sur_slot[k]; k = (k + 1) & (e->sur_nslot - 1))
		;
	e->sur_slot[k] = (uint32_t)(e->nsur + 1);
	e->nsur++;
	return true;
}

static bool definite(const MqEntities *e, size_t i);
static bool nisba(const MqEntities *e, size_t i);

/*
 * True if token i, the last word of a full name, may stand for it alone
 * later: not a link (بن), a trigger or a stop word, nor a word of its own
 * (a given name such as حسن, a noun with the article such as الدين) that
 * would make every later حسن a mention; a nisba (المالكي) may.
 */
static bool
surname_alone(const MqEntities *e, size_t i)
{
	const Entry *en;

	if (e->tok[i].kind != T_WORD || e->tok[i].b - e->tok[i].a < 3 ||
	    trig_of(e, i) != TRIG_NONE || tok_in(e, i, name_links))
		return false;
	if ((en = lookup(e->g, e->tok[i].form[0].key)) != NULL && en->type == GIVEN)
		return false;
	return !e->tok[i].arabic || !definite(e, i) || nisba(e, i);
}

/*
 * The folded text of tokens [ti, tj], the first from char ca on (one of
 * its forms), words joined by spaces, in own (size bytes); returns own.
 */
static const char *
span_key(const MqEntities *e, size_t ca, size_t ti, size_t tj, char *own,
    size_t size)
{
	size_t i, k = 0;

	own[0] = '\0';
	for (i = ti; i <= tj && k + KEYLEN < size; i++) {
		const Tok *t = &e->tok[i];
		const char *f = t->form[0].key;
		int q;

		for (q = 0; q < t->nforms; q++)
			if (t->form[q].start == (i == ti ? ca : t->a))
				f = t->form[q].key;
		k += (size_t)snprintf(own + k, size - k, "%s%s", k ? " " : "", f);
	}
	return own;
}

/*
 * Records a mention over chars [ca, cb) of the paragraph, tokens [ti, tj],
 * of type, merged under key (NULL: its own folded text).  Returns false
 * when memory runs out.
 */
static bool
mention(MqEntities *e, size_t ca, size_t cb, size_t ti, size_t tj, int type,
    const char *key)
{
	const MqChars *c = &e->chars;
	char name[KEYLEN * 2], own[KEYLEN * 2];
	size_t i, n = 0;
	long id;
	MqMention *m;

	/* a name cut out of لل shows with its article whole: الأمم المتحدة */
	for (i = 0; ti < e->ntok && i < (size_t)e->tok[ti].nforms; i++)
		if (e->tok[ti].form[i].start == ca && e->tok[ti].form[i].alef)
			n += mq_utf8_encode(0x0627, name + n);
	for (i = ca; i < cb && n + 5 < sizeof name; i++)
		n += mq_utf8_encode(c->cp[i], name + n);
	name[n] = '\0';
	if (e->nm >= MQ_ENT_MAX_MENTIONS) {
		e->full = true;		/* the scan stops after this paragraph */
		return true;
	}
	if (key == NULL)
		key = span_key(e, ca, ti, tj, own, sizeof own);
	if ((id = entity_for(e, key, name, type)) < 0)
		return false;
	if (!mq_grow((void **)&e->m, &e->m_cap, e->nm + 1, sizeof *e->m))
		return false;
	m = &e->m[e->nm++];
	m->start = c->off[ca];
	m->end = c->off[cb];
	m->entity = (uint32_t)id;
	m->type = e->ent[id].type;
	e->ent[id].count++;
	for (i = ti; i <= tj && i < e->ntok; i++)
		e->used[i] = true;
	/* A full name's last word, alone later, refers back to it. */
	if (type == MQ_ENT_PERSON && tj > ti && surname_alone(e, tj) &&
	    !surname_add(e, e->tok[tj].form[0].key, (uint32_t)id))
		return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* Rules */

/*
 * The longest gazetteer phrase at token i: returns its length in tokens
 * (0 if none) and sets *en and *form.  Latin words must be capitalised to
 * match names (so "us" is not the US).
 */
static size_t
phrase_at(const MqEntities *e, size_t i, const Entry **out, int *form,
    bool user_only)
{
	size_t best = 0, k, len;
	const Tok *t = &e->tok[i];
	char key[KEYLEN * 2];
	const Entry *en;
	int f;

	*out = NULL;
	if (t->kind == T_PUNCT)
		return 0;
	for (f = 0; f < t->nforms; f++) {
		len = strlen(t->form[f].key);
		if (len >= sizeof key)
			continue;
		memcpy(key, t->form[f].key, len + 1);
		for (k = 0; k < MAX_PHRASE && i + k < e->ntok; k++) {
			const Tok *u = &e->tok[i + k];

			if (u->kind == T_PUNCT || (u->latin && !u->cap && !u->upper))
				break;
			if (k > 0) {
				size_t ul = strlen(u->form[0].key);

				if (len + 1 + ul >= sizeof key)
					break;
				key[len++] = ' ';
				memcpy(key + len, u->form[0].key, ul + 1);
				len += ul;
			}
			if ((en = lookup(e->g, key)) == NULL)
				break;
			if ((en->type >= 0 || en->trig) && (!user_only || en->user) &&
			    k + 1 > best && !(en->trig == TRIG_STOP && en->type < 0)) {
				best = k + 1;
				*out = en;
				*form = f;
			}
			if (!en->first && k == 0)
				break;
		}
	}
	return best;
}

/*
 * The first words of months' names (months, the first word of two-word
 * months, Hijri months) as a set of hashes, made once: month_at looks at
 * every token, and most are not months.
 */
#define MONTH_SLOTS 256
static uint64_t month_set[MONTH_SLOTS];
static pthread_once_t month_once = PTHREAD_ONCE_INIT;

static void
month_set_add(const char *const *list)
{
	char first[KEYLEN];

	for (; *list; list++) {
		size_t n = strcspn(*list, " ");
		uint64_t h;
		size_t k;

		snprintf(first, sizeof first, "%.*s", (int)n, *list);
		h = hash(first);
		for (k = h % MONTH_SLOTS; month_set[k] != 0 && month_set[k] != h;
		    k = (k + 1) % MONTH_SLOTS)
			;
		month_set[k] = h;
	}
}

static void
fill_month_set(void)
{
	month_set_add(months);
	month_set_add(months2);
	month_set_add(hijri);
}

/* True if word (folded) may begin a month's name. */
static bool
month_word(const char *word)
{
	uint64_t h = hash(word);
	size_t k;

	pthread_once(&month_once, fill_month_set);
	for (k = h % MONTH_SLOTS; month_set[k] != 0; k = (k + 1) % MONTH_SLOTS)
		if (month_set[k] == h)
			return true;
	return false;
}

/* The number of tokens of a month name at i (0 if none); *shy for ambiguous ones. */
static size_t
month_at(const MqEntities *e, size_t i, bool *shy)
{
	char key[KEYLEN * 2];
	int f;

	*shy = false;
	if (i >= e->ntok || e->tok[i].kind != T_WORD)
		return 0;
	if (e->tok[i].latin && !e->tok[i].cap)
		return 0;	/* English months are capitalised */
	for (f = 0; f < e->tok[i].nforms && !month_word(e->tok[i].form[f].key); f++)
		;
	if (f == e->tok[i].nforms)
		return 0;	/* no form starts a month's name: most words */
	for (f = 0; f < e->tok[i].nforms; f++) {
		if (i + 1 < e->ntok && e->tok[i + 1].kind == T_WORD) {
			snprintf(key, sizeof key, "%s %s", e->tok[i].form[f].key,
			    e->tok[i + 1].form[0].key);
			if (in_list(key, months2))
				return 2;
			if (in_list(key, hijri)) {
				*shy = true;
				return 2;
			}
		}
		if (in_list(e->tok[i].form[f].key, months)) {
			*shy = in_list(e->tok[i].form[f].key, shy_months);
			return 1;
		}
		if (in_list(e->tok[i].form[f].key, hijri)) {
			*shy = true;
			return 1;
		}
	}
	return 0;
}

/* The char where token i's matching form starts (clitics cut off). */
static size_t
form_start(const MqEntities *e, size_t i, int f)
{
	return e->tok[i].form[f].start;
}

/* The char where a number token's digits start. */
static size_t
num_start(const MqEntities *e, size_t i)
{
	return e->tok[i].form[e->tok[i].nforms - 1].start;
}

/* True if token i is a 4-digit year. */
static bool
is_year(const MqEntities *e, size_t i)
{
	long v;

	if (i >= e->ntok || e->tok[i].kind != T_NUM)
		return false;
	v = int_value(&e->tok[i]);
	return v >= 1000 && v <= 2999 && strlen(e->tok[i].form[e->tok[i].nforms - 1].key) == 4;
}

/* DATE from token s (a day or the month) with the month at m. */
static size_t
date_at(MqEntities *e, size_t s, size_t m, size_t mlen, bool shy, bool *oom)
{
	size_t end = m + mlen - 1, ca;
	bool day = s < m;

	if (is_year(e, end + 1))
		end++;
	else if (end + 2 < e->ntok && e->tok[end + 1].kind == T_NUM &&
	    int_value(&e->tok[end + 1]) >= 1 && int_value(&e->tok[end + 1]) <= 31) {
		/* May 3, 2019 */
		day = true;
		end++;
		if (e->tok[end + 1].kind == T_PUNCT && is_year(e, end + 2))
			end += 2;
		else if (is_year(e, end + 1))
			end++;
	}
	if (shy && !day && end == m + mlen - 1)
		return 0;
	ca = day ? num_start(e, s) : form_start(e, m, e->tok[m].nforms > 1 &&
	    !in_list(e->tok[m].form[0].key, months) ? 1 : 0);
	if (!mention(e, ca, e->tok[end].b, s, end, MQ_ENT_DATE, NULL))
		*oom = true;
	return end - s + 1;
}

/* MONEY, PERCENT, and dates that start with a number. */
static size_t
rule_number(MqEntities *e, size_t i, bool *oom)
{
	size_t k, s = i;
	bool sign = false, shy;
	long v;
	size_t mlen;

	if (e->tok[i].kind == T_PUNCT && tok_in(e, i, signs) && i + 1 < e->ntok &&
	    e->tok[i + 1].kind == T_NUM) {
		sign = true;
		i++;
	}
	if (e->tok[i].kind != T_NUM)
		return 0;
	for (k = i + 1; tok_in(e, k, scales); k++)
		;
	if (sign || tok_in(e, k, currencies)) {
		if (!sign)
			k++;
		if (k < e->ntok && (strcmp(e->tok[k].form[0].key, "امريكي") == 0))
			k++;
		if (!mention(e, sign ? e->tok[s].a : num_start(e, i), e->tok[k - 1].b,
		    s, k - 1, MQ_ENT_MONEY, NULL))
			*oom = true;
		return k - s;
	}
	if (k < e->ntok && e->tok[k].kind == T_PUNCT &&
	    (strcmp(e->tok[k].form[0].key, "%") == 0 ||
	    strcmp(e->tok[k].form[0].key, "\xd9\xaa") == 0)) {
		if (!mention(e, num_start(e, i), e->tok[k].b, i, k, MQ_ENT_PERCENT, NULL))
			*oom = true;
		return k - i + 1;
	}
	if (tok_in(e, k, percent_words) || (k + 1 < e->ntok &&
	    strcmp(e->tok[k].form[0].key, "في") == 0 && tok_in(e, k + 1, percent_words))) {
		if (!tok_in(e, k, percent_words))
			k++;
		if (!mention(e, num_start(e, i), e->tok[k].b, i, k, MQ_ENT_PERCENT, NULL))
			*oom = true;
		return k - i + 1;
	}
	v = int_value(&e->tok[i]);
	if (k == i + 1 && v >= 1 && v <= 31 && (mlen = month_at(e, i + 1, &shy)) > 0)
		return date_at(e, i, i + 1, mlen, false, oom);
	if (k == i + 1 && is_year(e, i) && v >= 1800 && v <= 2099) {
		if (!mention(e, num_start(e, i), e->tok[i].b, i, i, MQ_ENT_DATE, NULL))
			*oom = true;
		return 1;
	}
	return 0;
}

/* Extends a run of capitalised Latin words from i; returns its last token. */
static size_t
latin_run(const MqEntities *e, size_t i)
{
	size_t j = i;

	while (j + 1 < e->ntok) {
		const Tok *n = &e->tok[j + 1];

		if (n->kind == T_WORD && n->latin && !n->arabic && (n->cap || n->upper)) {
			j++;
			continue;
		}
		if (j + 2 < e->ntok && (tok_in(e, j + 1, connectors) ||
		    (n->kind == T_PUNCT && strcmp(n->form[0].key, "-") == 0)) &&
		    ((e->tok[j + 2].latin && !e->tok[j + 2].arabic && (e->tok[j + 2].cap ||
		    e->tok[j + 2].upper)) || e->tok[j + 2].kind == T_NUM)) {
			j += 2;
			continue;
		}
		break;
	}
	return j;
}

/*
 * True if token i has the article: a form starting with ال (plain alef:
 * أل as in ألتمان is no article) or the token starting with لل.
 */
static bool
definite(const MqEntities *e, size_t i)
{
	const uint32_t *cp = e->chars.cp;
	const Tok *t = &e->tok[i];
	int k;

	for (k = 0; k < t->nforms; k++) {
		size_t f = t->form[k].start;

		if (f + 2 < t->b && (cp[f] == 0x0627 || cp[f] == 0x0644) && cp[f + 1] == 0x0644)
			return true;
	}
	return false;
}

/* True if token i is a nisba adjective with the article (الفرنسي, الإسرائيلي). */
static bool
nisba(const MqEntities *e, size_t i)
{
	const Tok *t = &e->tok[i];

	return t->arabic && t->b - t->a >= 5 && definite(e, i) &&
	    e->chars.cp[t->b - 1] == 0x064a;	/* ends with ي */
}

/* Letters (code points) in token i. */
static size_t
letters(const MqEntities *e, size_t i)
{
	return e->tok[i].b - e->tok[i].a;
}

/*
 * True if token i can be the word after a given name: a word of the same
 * script that is no trigger or stop word, not a preposition's object
 * (للأمم), and not a feminine noun or adjective (الحكومة, الدولية).
 */
static bool
surname_like(const MqEntities *e, size_t i, bool latin)
{
	const Tok *t = &e->tok[i];
	const char *key = t->form[0].key;

	if (t->kind != T_WORD || trig_of(e, i) != TRIG_NONE || e->used[i])
		return false;
	if (latin)
		return t->latin && t->cap;
	if (!t->arabic || letters(e, i) < 2)
		return false;
	if (e->chars.cp[t->a] == 0x0644 && e->chars.cp[t->a + 1] == 0x0644 &&
	    strcmp(key, "\xd8\xa7\xd9\x84\xd9\x84\xd9\x87") != 0)
		return false;	/* لل: a preposition's object */
	return !(definite(e, i) && e->chars.cp[t->b - 1] == 0x0629);	/* ال...ة */
}

/* A person's name after token j (a title or a given name); last token or -1. */
static long
name_after(const MqEntities *e, size_t j, size_t max)
{
	size_t k = j, n = 0;

	while (k < e->ntok && (tok_in(e, k, adjective_skip) || nisba(e, k)))
		k++;
	if (k >= e->ntok)
		return -1;
	if (e->tok[k].latin && !e->tok[k].arabic && e->tok[k].cap)
		return (long)latin_run(e, k);
	/* after a title the name's first word has no article: not الحكومة */
	if (e->tok[k].kind != T_WORD || definite(e, k))
		return -1;
	while (k + n < e->ntok && n < max && e->tok[k + n].kind == T_WORD &&
	    e->tok[k + n].arabic && trig_of(e, k + n) != TRIG_STOP &&
	    trig_of(e, k + n) != TRIG_TITLE && !e->used[k + n])
		n++;
	return n ? (long)(k + n - 1) : -1;
}

/* The first token of a name after token j (skipping adjectives). */
static size_t
name_start(const MqEntities *e, size_t j)
{
	while (j < e->ntok && (tok_in(e, j, adjective_skip) || nisba(e, j)))
		j++;
	return j;
}

/* Names from the gazetteer (user_only: the user's list first). */
static size_t
rule_gazetteer(MqEntities *e, size_t i, bool user_only, bool *oom)
{
	const Entry *en;
	int f;
	size_t len = phrase_at(e, i, &en, &f, user_only), j, s;
	long last;

	if (len == 0)
		return 0;
	j = i + len;
	if (en->type == GIVEN) {
		/* a given name with the surname after it (and بن/ابن links) */
		if (j >= e->ntok || !surname_like(e, j, e->tok[i].latin && !e->tok[i].arabic))
			return 0;
		/* محمد بن راشد, محمد عبد الله, زايد آل نهيان: the link takes one more */
		while (j + 1 < e->ntok && j < i + len + 3 && tok_in(e, j, name_links) &&
		    surname_like(e, j + 1, e->tok[i].latin && !e->tok[i].arabic))
			j++;
		if (!mention(e, form_start(e, i, f), e->tok[j].b, i, j, MQ_ENT_PERSON, NULL))
			*oom = true;
		return j - i + 1;
	}
	if (en->type >= 0) {
		if (!mention(e, form_start(e, i, f), e->tok[j - 1].b, i, j - 1, en->type,
		    en->canon))
			*oom = true;
		return len;
	}
	switch (en->trig) {
	case TRIG_TITLE:
		if ((last = name_after(e, j, 2)) < 0)
			return len;
		s = name_start(e, j);
		{
			const Entry *g2;
			int f2;

			/* a known name after the title keeps its own type and key */
			if (phrase_at(e, s, &g2, &f2, false) == (size_t)last - s + 1 &&
			    g2->type >= 0 && g2->type != GIVEN) {
				if (!mention(e, form_start(e, s, f2), e->tok[last].b, s,
				    (size_t)last, MQ_ENT_PERSON, g2->canon))
					*oom = true;
				return (size_t)last - i + 1;
			}
		}
		if (!mention(e, e->tok[s].a, e->tok[last].b, s, (size_t)last,
		    MQ_ENT_PERSON, NULL))
			*oom = true;
		return (size_t)last - i + 1;
	case TRIG_ORG:
		for (s = j; s < j + 2 && s < e->ntok && e->tok[s].kind == T_WORD &&
		    e->tok[s].arabic && strncmp(e->tok[s].form[0].key, "ال", 4) == 0 &&
		    trig_of(e, s) != TRIG_STOP; s++)
			;
		if (s == j && j < e->ntok && e->tok[j].latin && e->tok[j].cap)
			s = latin_run(e, j) + 1;
		if (s == j)
			return len;
		if (!mention(e, form_start(e, i, f), e->tok[s - 1].b, i, s - 1,
		    MQ_ENT_ORG, NULL))
			*oom = true;
		return s - i;
	case TRIG_ORGNAME:
		if (j < e->ntok && e->tok[j].latin && !e->tok[j].arabic && e->tok[j].cap) {
			s = latin_run(e, j);
			if (!mention(e, e->tok[j].a, e->tok[s].b, j, s, MQ_ENT_ORG, NULL))
				*oom = true;
			return s - i + 1;
		}
		return len;
	default:
		return 0;
	}
}

/* True if token i starts a sentence in English text. */
static bool
sentence_start(const MqEntities *e, size_t i)
{
	const char *p;

	if (i == 0)
		return true;
	if (e->tok[i - 1].kind != T_PUNCT)
		return false;
	p = e->tok[i - 1].form[0].key;
	return strchr(".!?:;\"", p[0]) != NULL || strcmp(p, "\xc2\xab") == 0 ||
	    strcmp(p, "\xe2\x80\x9c") == 0;
}

/* Runs of capitalised Latin words. */
static size_t
rule_latin(MqEntities *e, size_t i, bool arabic, bool *oom)
{
	const Tok *t = &e->tok[i];
	const Entry *en;
	size_t j, s = i;
	char key[KEYLEN * 2];
	size_t k, n = 0;
	int type;

	if (t->kind != T_WORD || !t->latin || t->arabic || !(t->cap || t->upper))
		return 0;
	j = latin_run(e, i);
	/* "The European Central Bank": a stop word is not part of the name */
	while (s <= j && trig_of(e, s) == TRIG_STOP)
		s++;
	if (s > j)
		return j - i + 1;
	if (s == j && surname_find(e, e->tok[s].form[0].key) >= 0)
		return 0;	/* "Musk declined": a surname met before (rule_surname) */
	if (!arabic && s == j && sentence_start(e, i) && lookup(e->g, e->tok[s].form[0].key) == NULL)
		return j - i + 1;	/* one capitalised word opening a sentence */
	for (k = s; k <= j && n + KEYLEN < sizeof key; k++)
		n += (size_t)snprintf(key + n, sizeof key - n, "%s%s", n ? " " : "",
		    e->tok[k].form[0].key);
	if ((en = lookup(e->g, key)) != NULL && en->type >= 0 && en->type != GIVEN) {
		if (!mention(e, e->tok[s].a, e->tok[j].b, s, j, en->type, en->canon))
			*oom = true;
		return j - i + 1;
	}
	en = lookup(e->g, e->tok[s].form[0].key);
	if (s > 0 && trig_of(e, s - 1) == TRIG_TITLE)
		type = MQ_ENT_PERSON;
	else if (j > s && en != NULL && en->type == GIVEN)
		type = MQ_ENT_PERSON;
	else if (trig_of(e, j) == TRIG_SUFFIX || (s > 0 && (trig_of(e, s - 1) == TRIG_ORG ||
	    trig_of(e, s - 1) == TRIG_ORGNAME)))
		type = MQ_ENT_ORG;
	else
		type = arabic ? MQ_ENT_ORG : MQ_ENT_MISC;
	if (!mention(e, e->tok[s].a, e->tok[j].b, s, j, type, NULL))
		*oom = true;
	return j - i + 1;
}

/* A surname alone that an earlier full name ended with. */
static size_t
rule_surname(MqEntities *e, size_t i, bool *oom)
{
	const Tok *t = &e->tok[i];
	int f;

	if (t->kind != T_WORD || (t->latin && !t->cap))
		return 0;
	for (f = 0; f < t->nforms; f++) {
		long k;

		if (t->b - t->form[f].start >= 3 &&
		    (k = surname_find(e, t->form[f].key)) >= 0) {
			uint32_t id = e->sur[k].entity;

			if (!mention(e, t->form[f].start, t->b, i, i, MQ_ENT_PERSON,
			    e->ent_key[id]))
				*oom = true;
			return 1;
		}
	}
	return 0;
}

/*
 * How well known the name whose folded form is key is: 0 not at all, 1-3
 * a name in the tagger's lexicon, by how often it was seen (2 for a name
 * of the gazetteer).
 */
static unsigned
known_name(const MqEntities *e, const char *key)
{
	const Entry *en = lookup(e->g, key);
	unsigned known = en != NULL && en->type >= 0 ? 2 : 0;
	uint32_t cp[KEYLEN];
	size_t n = 0, i, k, len = strlen(key);
	MqTagWord w;
	uint16_t c;

	/* the folded form itself: a form may put ال back (للأمم -> الامم) */
	for (i = 0; i < len && n < KEYLEN; i += k)
		k = mq_utf8_decode((const unsigned char *)key + i, len - i, &cp[n++]);
	mq_tag_describe(NULL, cp, n, &w);
	c = mq_tagger_lex(e->tagger, w.fold);
	if ((c & 0xff) != 0 && MQ_TAG_LEX_FREQ(c) > known)
		known = MQ_TAG_LEX_FREQ(c);
	return known;
}

/*
 * Where a name the tagger found in token i begins.  The training data tags
 * whole tokens, clitics and all (ولندن), so the proclitics of one of the
 * token's forms are cut off when that form is a word of its own: it has
 * the article (والولايات, بالقاهرة), or it is a name seen more often than
 * the whole token (as often, when only و or ف is cut off).  Otherwise the name starts with the token, as names may
 * begin with those letters (وليد, بغداد, كندا).
 */
static size_t
tagged_start(const MqEntities *e, size_t i)
{
	const Tok *t = &e->tok[i];
	unsigned whole;
	int f;

	if (t->nforms < 2 || !t->arabic)
		return t->a;
	whole = known_name(e, t->form[0].key);
	for (f = t->nforms - 1; f > 0; f--) {
		const char *key = t->form[f].key;
		unsigned k = known_name(e, key);
		uint32_t c = e->chars.cp[t->a];
		bool wa = f == 1 && (c == 0x0648 || c == 0x0641);	/* و ف alone */
		bool article = strncmp(key, "\xd8\xa7\xd9\x84", 4) == 0 && strlen(key) > 6;

		if (k > whole || (k == whole && (article || (wa && k > 0))))
			return t->form[f].start;
	}
	return t->a;
}

/*
 * Does a sentence end after token i?  The taggers learnt from sentences,
 * so a paragraph is labelled a sentence at a time: after . ! ? or ؟,
 * unless the full stop ends a short capitalised word (Mr. Dr. U.S.) or
 * a lower-case word follows.
 */
static bool
sentence_end(const MqEntities *e, size_t i)
{
	const Tok *t = &e->tok[i], *p = i > 0 ? &e->tok[i - 1] : NULL;
	const char *k = t->form[0].key;

	if (t->kind != T_PUNCT || i + 1 >= e->ntok)
		return false;
	if (strcmp(k, "!") != 0 && strcmp(k, "?") != 0 &&
	    strcmp(k, "\xd8\x9f") != 0 && strcmp(k, ".") != 0)
		return false;
	if (strcmp(k, ".") == 0 && p != NULL && p->kind == T_WORD && p->latin &&
	    p->cap && p->b - p->a <= 3 && p->b == t->a)
		return false;
	return !(e->tok[i + 1].latin && !e->tok[i + 1].cap && !e->tok[i + 1].upper &&
	    e->tok[i + 1].kind == T_WORD);
}

/*
 * A name found before in the article, met again where the tagger left the
 * words alone: the same name, with the same type (a tagger sees one
 * sentence at a time and is not always as sure of it).  Spans of up to four
 * free words of the tagger's script (latin: English) from token i, longest
 * first; a Latin one must begin with a capital.  Returns the tokens taken.
 */
static size_t
rule_known(MqEntities *e, size_t i, bool latin, bool *oom)
{
	const Tok *t = &e->tok[i];
	char key[KEYLEN * 2];
	size_t len, k;
	int f;

	if (t->kind != T_WORD || (latin ? t->arabic || !(t->cap || t->upper) :
	    !t->arabic) || e->nent == 0)
		return 0;
	for (len = 4; len >= 1; len--) {
		if (i + len > e->ntok)
			continue;
		for (k = i; k < i + len && !e->used[k] && e->tok[k].kind != T_PUNCT; k++)
			;
		if (k < i + len)
			continue;
		for (f = t->nforms - 1; f >= 0; f--) {
			size_t ca = t->form[f].start;
			long id;

			if (e->tok[i + len - 1].b - ca < 3 || !first_has(e, first_hash(t->form[f].key)))
				continue;	/* too short to be sure of, or no name starts so */
			id = entity_find(e, span_key(e, ca, i, i + len - 1, key, sizeof key));
			if (id < 0 || e->ent[id].type == MQ_ENT_MONEY ||
			    e->ent[id].type == MQ_ENT_DATE || e->ent[id].type == MQ_ENT_PERCENT)
				continue;
			if (!mention(e, ca, e->tok[i + len - 1].b, i, i + len - 1,
			    e->ent[id].type, key))
				*oom = true;
			return len;
		}
	}
	return 0;
}

/* Is token t in the script a tagger owns (Latin for English, else Arabic)? */
static bool
owned(const Tok *t, bool latin)
{
	return latin ? !t->arabic : !(t->latin && !t->arabic);
}

/*
 * True if tokens [i, k) cannot be a name: all stop words (أنا, هذا, The),
 * or one common word that only begins names (جبل, وادي, سيدي: COMMON in
 * the triggers), the word or its stem.  Never a name, whatever the tagger
 * says (and a name found once would be found everywhere after).
 */
static bool
never_name(const MqEntities *e, size_t i, size_t k)
{
	const Entry *en;
	int f;

	for (f = 0; k == i + 1 && f < e->tok[i].nforms; f++)
		if ((en = lookup(e->g, e->tok[i].form[f].key)) != NULL && en->common)
			return true;
	for (; i < k; i++)
		if (!((e->tw[i].gaz | e->tw[i].gaz >> 16) & MQ_GAZ_STOP))
			return false;
	return true;
}

/*
 * The names tagger t finds in the paragraph: it labels every token; the
 * names of the other script's tokens are left to the rules (latin: the
 * tagger reads English, else Arabic); a name that overlaps what the rules
 * took (money, dates, the user's names) is dropped.  Returns false when
 * memory runs out.
 */
static bool
tag_paragraph(MqEntities *e, const MqTagger *t, bool latin)
{
	const MqChars *c = &e->chars;
	size_t i, j, k, ca, nent, nm, n = e->ntok;
	char key[KEYLEN * 2];
	const char *merge;
	const Entry *en;
	long sur;

	if (n == 0)
		return true;
	if (!mq_grow((void **)&e->tw, &e->tw_cap, n, sizeof *e->tw) ||
	    !mq_grow((void **)&e->labels, &e->labels_cap, n, sizeof *e->labels))
		return false;
	if (!mq_grow((void **)&e->keys, &e->keys_cap, n, sizeof *e->keys) ||
	    !mq_grow((void **)&e->sure, &e->sure_cap, n, sizeof *e->sure))
		return false;
	for (i = 0; i < n; i++) {
		mq_tag_describe(e->g, c->cp + e->tok[i].a0,
		    e->tok[i].b - e->tok[i].a0, &e->tw[i]);
		e->keys[i] = e->tok[i].form[0].key;
	}
	mq_tag_phrases(e->g, e->keys, e->tw, n);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && !sentence_end(e, j - 1); j++)
			;
		if (!mq_tagger_decode(t, e->tw + i, j - i, &e->scratch, e->labels + i))
			return false;
		for (k = i; k < j; k++)
			e->sure[k] = mq_tagger_margin(&e->scratch, k - i);
	}
	for (i = 0; i < n; i = j) {
		bool inside, free_span = true;
		MqEntityType type;

		j = i + 1;
		if (e->labels[i] == MQ_TAG_O)
			continue;
		type = mq_tag_label_type(e->labels[i], &inside);
		if (!owned(&e->tok[i], latin))
			continue;	/* the other script's names are the rules' */
		while (j < n && e->labels[j] == mq_tag_label(type, true) &&
		    owned(&e->tok[j], latin))
			j++;
		for (k = i; k < j; k++)
			free_span = free_span && !e->used[k] &&
			    e->sure[k] >= mq_tagger_min_margin(t);	/* sure enough */
		/* punctuation at either end is not part of a name */
		while (i < j && e->tok[i].kind == T_PUNCT)
			i++;
		k = j;
		while (k > i && e->tok[k - 1].kind == T_PUNCT)
			k--;
		if (!free_span || k == i || never_name(e, i, k))
			continue;
		/*
		 * A name the gazetteer knows merges with its variants; a
		 * person's surname alone with the full name met before.
		 */
		ca = tagged_start(e, i);
		en = lookup(e->g, span_key(e, ca, i, k - 1, key, sizeof key));
		merge = en != NULL && en->type >= 0 && en->type != GIVEN ? en->canon : NULL;
		if (type == MQ_ENT_PERSON && k == i + 1 && merge == NULL &&
		    (sur = surname_find(e, key)) >= 0)
			merge = e->ent_key[e->sur[sur].entity];
		nent = e->nent;
		nm = e->nm;
		if (!mention(e, ca, e->tok[k - 1].b, i, k - 1, (int)type, merge))
			return false;
		if (e->nm > nm && e->m[nm].entity < nent)
			vote(e, e->m[nm].entity, type);	/* an entity met before */
	}
	return true;
}

/* Mentions never overlap, so their starts differ. */
static int
mention_cmp(const void *a, const void *b)
{
	const MqMention *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * The rules that come first, with or without the tagger: the user's names,
 * money and percentages, dates.  Returns the tokens taken (0: none).
 */
static size_t
rule_first(MqEntities *e, size_t i, bool *oom)
{
	size_t n, mlen;
	bool shy;

	if ((n = rule_gazetteer(e, i, true, oom)) > 0)
		return n;
	if ((n = rule_number(e, i, oom)) > 0)
		return n;
	if ((mlen = month_at(e, i, &shy)) > 0)
		return date_at(e, i, i, mlen, shy, oom);
	return 0;
}

/*
 * Puts the mentions from index from on in file order (the passes over a
 * paragraph find them out of order) and mends their entities' first
 * mention.
 */
static void
sort_mentions(MqEntities *e, size_t from)
{
	size_t i;

	if (e->nm - from < 2)
		return;		/* (nothing to sort: e->m may still be NULL) */
	qsort(e->m + from, e->nm - from, sizeof *e->m, mention_cmp);
	for (i = from; i < e->nm; i++)
		if (e->ent[e->m[i].entity].first >= from)
			e->ent[e->m[i].entity].first = SIZE_MAX;
	for (i = from; i < e->nm; i++)
		if (e->ent[e->m[i].entity].first == SIZE_MAX)
			e->ent[e->m[i].entity].first = i;
}

/*
 * Is w a word the tagger's lexicon saw more than once, and mostly not in
 * a person's name (أسد "lion", ولد "boy")?  Then it is not taken alone
 * as the surname of a name met before.
 */
static bool
common_word(const MqTagWord *w)
{
	return MQ_TAG_LEX_FREQ(w->lex) >= 2 && (w->lex & 3) < 2;
}

/*
 * A paragraph read by tagger t (latin: the English one, else the Arabic
 * one): the rules keep money, percentages, dates and the user's names; the
 * tagger finds the other names of its script; then, where it left words
 * alone, the names met before in the article (rule_known), the names of
 * our lists (the gazetteer; in Arabic text, Latin words only) and the
 * Latin rule for Latin names in Arabic text, surnames in English.
 */
static bool
scan_tagged(MqEntities *e, const MqTagger *t, bool latin)
{
	size_t first = e->nm, i, n;
	bool oom = false;

	for (i = 0; i < e->ntok && !oom; i += n ? n : 1)
		n = e->used[i] ? 0 : rule_first(e, i, &oom);
	if (oom || !tag_paragraph(e, t, latin))
		return false;
	for (i = 0; i < e->ntok && !oom; i += n ? n : 1) {
		bool own = owned(&e->tok[i], latin);

		n = 0;
		if (e->used[i])
			continue;
		if (own)
			n = rule_known(e, i, latin, &oom);
		if (n == 0 && (latin || !own))
			n = rule_gazetteer(e, i, false, &oom);
		if (n == 0 && !own && !latin)
			n = rule_latin(e, i, true, &oom);	/* Latin names in Arabic */
		if (n == 0 && own && (latin || !common_word(&e->tw[i])))
			n = rule_surname(e, i, &oom);
	}
	sort_mentions(e, first);
	return !oom;
}

/* Finds the mentions in the decoded paragraph in e->chars. */
static bool
scan_paragraph(MqEntities *e)
{
	size_t i, n, ar = 0, la = 0;
	bool oom = false;

	if (!tokenize(e))
		return false;
	for (i = 0; i < e->ntok; i++) {
		ar += e->tok[i].arabic;
		la += e->tok[i].latin && !e->tok[i].arabic;
	}
	if (e->tagger != NULL && ar > la)
		return scan_tagged(e, e->tagger, false);
	if (e->tagger_en != NULL && la > 0)
		return scan_tagged(e, e->tagger_en, true);
	for (i = 0; i < e->ntok && !oom; i += n ? n : 1) {
		n = 0;
		if (e->used[i])
			continue;
		if ((n = rule_first(e, i, &oom)) > 0)
			continue;
		if ((n = rule_gazetteer(e, i, false, &oom)) > 0)
			continue;
		if ((n = rule_latin(e, i, ar > la, &oom)) > 0)
			continue;
		n = rule_surname(e, i, &oom);
	}
	return !oom;
}

/* ------------------------------------------------------------------ */

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
	mq_tag_scratch_free(&e->scratch);
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
		if (!mq_doc_decode(e->doc, p, &e->chars) || !scan_paragraph(e)) {
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
	return p ? p->span.end : 0;
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
