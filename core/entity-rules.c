/*
 * core/entity-rules: the rules over a paragraph's tokens.
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
#include <string.h>

#include "entity-private.h"
#include "util.h"

static bool definite(const MqEntities *e, size_t i);
static bool nisba(const MqEntities *e, size_t i);

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
/* (ئ folds to ي: المئة is الميه) */
static const char *const percent_words[] = { "الميه", "المايه", "بالميه", "بالمايه",
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
	const MqGazEntry *en;
	int k;

	if (i >= e->ntok || e->tok[i].kind != T_WORD)
		return MQ_TRIG_NONE;
	for (k = 0; k < e->tok[i].nforms; k++)
		if ((en = mq_gazetteer_find(e->g, e->tok[i].form[k].key)) != NULL && en->trig)
			return en->trig;
	return MQ_TRIG_NONE;
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

/*
 * True if token i, the last word of a full name, may stand for it alone
 * later: not a link (بن), a trigger or a stop word, nor a word of its own
 * (a given name such as حسن, a noun with the article such as الدين) that
 * would make every later حسن a mention; a nisba (المالكي) may.
 */
static bool
surname_alone(const MqEntities *e, size_t i)
{
	const MqGazEntry *en;

	if (e->tok[i].kind != T_WORD || e->tok[i].b - e->tok[i].a < 3 ||
	    trig_of(e, i) != MQ_TRIG_NONE || tok_in(e, i, name_links))
		return false;
	if ((en = mq_gazetteer_find(e->g, e->tok[i].form[0].key)) != NULL && en->type == MQ_GAZ_GIVEN_NAME)
		return false;
	return !e->tok[i].arabic || !definite(e, i) || nisba(e, i);
}

/*
 * The folded text of tokens [ti, tj], the first from char ca on (one of
 * its forms), words joined by spaces, in own (size bytes); returns own.
 */
const char *
mq_entity_span_key(const MqEntities *e, size_t ca, size_t ti, size_t tj, char *own,
    size_t size)
{
	size_t i, k = 0;

	own[0] = '\0';
	for (i = ti; i <= tj && k + MQ_GAZ_KEYLEN < size; i++) {
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
bool
mq_entity_mention(MqEntities *e, size_t ca, size_t cb, size_t ti, size_t tj, int type,
    const char *key)
{
	const MqChars *c = &e->chars;
	char name[MQ_GAZ_KEYLEN * 2], own[MQ_GAZ_KEYLEN * 2];
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
		key = mq_entity_span_key(e, ca, ti, tj, own, sizeof own);
	if ((id = mq_entity_for(e, key, name, type)) < 0)
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
	    !mq_entity_surname_add(e, e->tok[tj].form[0].key, (uint32_t)id))
		return false;
	return true;
}

/*
 * The longest gazetteer phrase at token i: returns its length in tokens
 * (0 if none) and sets *en and *form.  Latin words must be capitalised to
 * match names (so "us" is not the US).
 */
static size_t
phrase_at(const MqEntities *e, size_t i, const MqGazEntry **out, int *form,
    bool user_only)
{
	size_t best = 0, k, len;
	const Tok *t = &e->tok[i];
	char key[MQ_GAZ_KEYLEN * 2];
	const MqGazEntry *en;
	int f;

	*out = NULL;
	if (t->kind == T_PUNCT)
		return 0;
	for (f = 0; f < t->nforms; f++) {
		len = strlen(t->form[f].key);
		if (len >= sizeof key)
			continue;
		memcpy(key, t->form[f].key, len + 1);
		for (k = 0; k < MQ_GAZ_MAX_PHRASE && i + k < e->ntok; k++) {
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
			if ((en = mq_gazetteer_find(e->g, key)) == NULL)
				break;
			if ((en->type >= 0 || en->trig) && (!user_only || en->user) &&
			    k + 1 > best && !(en->trig == MQ_TRIG_STOP && en->type < 0)) {
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
	char first[MQ_GAZ_KEYLEN];

	for (; *list; list++) {
		size_t n = strcspn(*list, " ");
		uint64_t h;
		size_t k;

		snprintf(first, sizeof first, "%.*s", (int)n, *list);
		h = mq_hash_str(first);
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
	uint64_t h = mq_hash_str(word);
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
	char key[MQ_GAZ_KEYLEN * 2];
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
	if (!mq_entity_mention(e, ca, e->tok[end].b, s, end, MQ_ENT_DATE, NULL))
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
		if (!mq_entity_mention(e, sign ? e->tok[s].a : num_start(e, i), e->tok[k - 1].b,
		    s, k - 1, MQ_ENT_MONEY, NULL))
			*oom = true;
		return k - s;
	}
	if (k < e->ntok && e->tok[k].kind == T_PUNCT &&
	    (strcmp(e->tok[k].form[0].key, "%") == 0 ||
	    strcmp(e->tok[k].form[0].key, "\xd9\xaa") == 0)) {
		if (!mq_entity_mention(e, num_start(e, i), e->tok[k].b, i, k, MQ_ENT_PERCENT, NULL))
			*oom = true;
		return k - i + 1;
	}
	if (tok_in(e, k, percent_words) || (k + 1 < e->ntok &&
	    strcmp(e->tok[k].form[0].key, "في") == 0 && tok_in(e, k + 1, percent_words))) {
		if (!tok_in(e, k, percent_words))
			k++;
		if (!mq_entity_mention(e, num_start(e, i), e->tok[k].b, i, k, MQ_ENT_PERCENT, NULL))
			*oom = true;
		return k - i + 1;
	}
	v = int_value(&e->tok[i]);
	if (k == i + 1 && v >= 1 && v <= 31 && (mlen = month_at(e, i + 1, &shy)) > 0)
		return date_at(e, i, i + 1, mlen, false, oom);
	if (k == i + 1 && is_year(e, i) && v >= 1800 && v <= 2099) {
		if (!mq_entity_mention(e, num_start(e, i), e->tok[i].b, i, i, MQ_ENT_DATE, NULL))
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

	if (t->kind != T_WORD || trig_of(e, i) != MQ_TRIG_NONE || e->used[i])
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
	    e->tok[k + n].arabic && trig_of(e, k + n) != MQ_TRIG_STOP &&
	    trig_of(e, k + n) != MQ_TRIG_TITLE && !e->used[k + n])
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
size_t
mq_entity_rule_gazetteer(MqEntities *e, size_t i, bool user_only, bool *oom)
{
	const MqGazEntry *en;
	int f;
	size_t len = phrase_at(e, i, &en, &f, user_only), j, s;
	long last;

	if (len == 0)
		return 0;
	j = i + len;
	if (en->type == MQ_GAZ_GIVEN_NAME) {
		/* a given name with the surname after it (and بن/ابن links) */
		if (j >= e->ntok || !surname_like(e, j, e->tok[i].latin && !e->tok[i].arabic))
			return 0;
		/* محمد بن راشد, محمد عبد الله, زايد آل نهيان: the link takes one more */
		while (j + 1 < e->ntok && j < i + len + 3 && tok_in(e, j, name_links) &&
		    surname_like(e, j + 1, e->tok[i].latin && !e->tok[i].arabic))
			j++;
		if (!mq_entity_mention(e, form_start(e, i, f), e->tok[j].b, i, j, MQ_ENT_PERSON, NULL))
			*oom = true;
		return j - i + 1;
	}
	if (en->type >= 0) {
		if (!mq_entity_mention(e, form_start(e, i, f), e->tok[j - 1].b, i, j - 1, en->type,
		    en->canon))
			*oom = true;
		return len;
	}
	switch (en->trig) {
	case MQ_TRIG_TITLE:
		if ((last = name_after(e, j, 2)) < 0)
			return len;
		s = name_start(e, j);
		{
			const MqGazEntry *g2;
			int f2;

			/* a known name after the title keeps its own type and key */
			if (phrase_at(e, s, &g2, &f2, false) == (size_t)last - s + 1 &&
			    g2->type >= 0 && g2->type != MQ_GAZ_GIVEN_NAME) {
				if (!mq_entity_mention(e, form_start(e, s, f2), e->tok[last].b, s,
				    (size_t)last, MQ_ENT_PERSON, g2->canon))
					*oom = true;
				return (size_t)last - i + 1;
			}
		}
		if (!mq_entity_mention(e, e->tok[s].a, e->tok[last].b, s, (size_t)last,
		    MQ_ENT_PERSON, NULL))
			*oom = true;
		return (size_t)last - i + 1;
	case MQ_TRIG_ORG:
		for (s = j; s < j + 2 && s < e->ntok && e->tok[s].kind == T_WORD &&
		    e->tok[s].arabic && strncmp(e->tok[s].form[0].key, "ال", 4) == 0 &&
		    trig_of(e, s) != MQ_TRIG_STOP; s++)
			;
		if (s == j && j < e->ntok && e->tok[j].latin && e->tok[j].cap)
			s = latin_run(e, j) + 1;
		if (s == j)
			return len;
		if (!mq_entity_mention(e, form_start(e, i, f), e->tok[s - 1].b, i, s - 1,
		    MQ_ENT_ORG, NULL))
			*oom = true;
		return s - i;
	case MQ_TRIG_ORGNAME:
		if (j < e->ntok && e->tok[j].latin && !e->tok[j].arabic && e->tok[j].cap) {
			s = latin_run(e, j);
			if (!mq_entity_mention(e, e->tok[j].a, e->tok[s].b, j, s, MQ_ENT_ORG, NULL))
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
size_t
mq_entity_rule_latin(MqEntities *e, size_t i, bool arabic, bool *oom)
{
	const Tok *t = &e->tok[i];
	const MqGazEntry *en;
	size_t j, s = i;
	char key[MQ_GAZ_KEYLEN * 2];
	size_t k, n = 0;
	int type;

	if (t->kind != T_WORD || !t->latin || t->arabic || !(t->cap || t->upper))
		return 0;
	j = latin_run(e, i);
	/* "The European Central Bank": a stop word is not part of the name */
	while (s <= j && trig_of(e, s) == MQ_TRIG_STOP)
		s++;
	if (s > j)
		return j - i + 1;
	if (s == j && mq_entity_surname_find(e, e->tok[s].form[0].key) >= 0)
		return 0;	/* "Musk declined": a surname met before (rule_surname) */
	if (!arabic && s == j && sentence_start(e, i) && mq_gazetteer_find(e->g, e->tok[s].form[0].key) == NULL)
		return j - i + 1;	/* one capitalised word opening a sentence */
	for (k = s; k <= j && n + MQ_GAZ_KEYLEN < sizeof key; k++)
		n += (size_t)snprintf(key + n, sizeof key - n, "%s%s", n ? " " : "",
		    e->tok[k].form[0].key);
	if ((en = mq_gazetteer_find(e->g, key)) != NULL && en->type >= 0 && en->type != MQ_GAZ_GIVEN_NAME) {
		if (!mq_entity_mention(e, e->tok[s].a, e->tok[j].b, s, j, en->type, en->canon))
			*oom = true;
		return j - i + 1;
	}
	en = mq_gazetteer_find(e->g, e->tok[s].form[0].key);
	if (s > 0 && trig_of(e, s - 1) == MQ_TRIG_TITLE)
		type = MQ_ENT_PERSON;
	else if (j > s && en != NULL && en->type == MQ_GAZ_GIVEN_NAME)
		type = MQ_ENT_PERSON;
	else if (trig_of(e, j) == MQ_TRIG_SUFFIX || (s > 0 && (trig_of(e, s - 1) == MQ_TRIG_ORG ||
	    trig_of(e, s - 1) == MQ_TRIG_ORGNAME)))
		type = MQ_ENT_ORG;
	else
		type = arabic ? MQ_ENT_ORG : MQ_ENT_MISC;
	if (!mq_entity_mention(e, e->tok[s].a, e->tok[j].b, s, j, type, NULL))
		*oom = true;
	return j - i + 1;
}

/* A surname alone that an earlier full name ended with. */
size_t
mq_entity_rule_surname(MqEntities *e, size_t i, bool *oom)
{
	const Tok *t = &e->tok[i];
	int f;

	if (t->kind != T_WORD || (t->latin && !t->cap))
		return 0;
	for (f = 0; f < t->nforms; f++) {
		long k;

		if (t->b - t->form[f].start >= 3 &&
		    (k = mq_entity_surname_find(e, t->form[f].key)) >= 0) {
			uint32_t id = e->sur[k].entity;

			if (!mq_entity_mention(e, t->form[f].start, t->b, i, i, MQ_ENT_PERSON,
			    e->ent_key[id]))
				*oom = true;
			return 1;
		}
	}
	return 0;
}

/*
 * The rules that come first, with or without the tagger: the user's names,
 * money and percentages, dates.  Returns the tokens taken (0: none).
 */
size_t
mq_entity_rule_first(MqEntities *e, size_t i, bool *oom)
{
	size_t n, mlen;
	bool shy;

	if ((n = mq_entity_rule_gazetteer(e, i, true, oom)) > 0)
		return n;
	if ((n = rule_number(e, i, oom)) > 0)
		return n;
	if ((mlen = month_at(e, i, &shy)) > 0)
		return date_at(e, i, i, mlen, shy, oom);
	return 0;
}
