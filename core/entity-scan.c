/*
 * core/entity-scan: which rules and which tagger read a paragraph.  A
 * paragraph mostly in Arabic goes to the Arabic tagger, one with Latin
 * words to the English one, when they are loaded: the rules that come
 * first keep money, dates and the user's names; the tagger finds the
 * names of its script; then, where it left words alone, the names met
 * before in the article, the gazetteer's, Latin names in Arabic text and
 * surnames.  Without a tagger the rules alone read it (see entity-rules.c
 * for their order).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "entity-private.h"
#include "util.h"

/*
 * How well known the name whose folded form is key is: 0 not at all, 1-3
 * a name in the tagger's lexicon, by how often it was seen (2 for a name
 * of the gazetteer).
 */
static unsigned
known_name(const MqEntities *e, const char *key)
{
	const MqGazEntry *en = mq_gazetteer_find(e->g, key);
	unsigned known = en != NULL && en->type >= 0 ? 2 : 0;
	uint32_t cp[MQ_GAZ_KEYLEN];
	size_t n = 0, i, k, len = strlen(key);
	MqTagWord w;
	uint16_t c;

	/* the folded form itself: a form may put ال back (للأمم -> الامم) */
	for (i = 0; i < len && n < MQ_GAZ_KEYLEN; i += k)
		k = mq_utf8_decode((const unsigned char *)key + i, len - i, &cp[n++]);
	mq_tagger_describe(NULL, cp, n, &w);
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
	char key[MQ_GAZ_KEYLEN * 2];
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

			if (e->tok[i + len - 1].b - ca < 3 || !mq_entity_may_begin(e, t->form[f].key))
				continue;	/* too short to be sure of, or no name starts so */
			id = mq_entity_find(e, mq_entity_span_key(e, ca, i, i + len - 1, key, sizeof key));
			if (id < 0 || e->ent[id].type == MQ_ENT_MONEY ||
			    e->ent[id].type == MQ_ENT_DATE || e->ent[id].type == MQ_ENT_PERCENT)
				continue;
			if (!mq_entity_mention(e, ca, e->tok[i + len - 1].b, i, i + len - 1,
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
	const MqGazEntry *en;
	int f;

	for (f = 0; k == i + 1 && f < e->tok[i].nforms; f++)
		if ((en = mq_gazetteer_find(e->g, e->tok[i].form[f].key)) != NULL && en->common)
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
	char key[MQ_GAZ_KEYLEN * 2];
	const char *merge;
	const MqGazEntry *en;
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
		mq_tagger_describe(e->g, c->cp + e->tok[i].a0,
		    e->tok[i].b - e->tok[i].a0, &e->tw[i]);
		e->keys[i] = e->tok[i].form[0].key;
	}
	mq_tagger_phrases(e->g, e->keys, e->tw, n);
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
		type = mq_tagger_label_type(e->labels[i], &inside);
		if (!owned(&e->tok[i], latin))
			continue;	/* the other script's names are the rules' */
		while (j < n && e->labels[j] == mq_tagger_label(type, true) &&
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
		en = mq_gazetteer_find(e->g, mq_entity_span_key(e, ca, i, k - 1, key, sizeof key));
		merge = en != NULL && en->type >= 0 && en->type != MQ_GAZ_GIVEN_NAME ? en->canon : NULL;
		if (type == MQ_ENT_PERSON && k == i + 1 && merge == NULL &&
		    (sur = mq_entity_surname_find(e, key)) >= 0)
			merge = e->ent_key[e->sur[sur].entity];
		nent = e->nent;
		nm = e->nm;
		if (!mq_entity_mention(e, ca, e->tok[k - 1].b, i, k - 1, (int)type, merge))
			return false;
		if (e->nm > nm && e->m[nm].entity < nent)
			mq_entity_vote(e, e->m[nm].entity, type);	/* an entity met before */
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
		n = e->used[i] ? 0 : mq_entity_rule_first(e, i, &oom);
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
			n = mq_entity_rule_gazetteer(e, i, false, &oom);
		if (n == 0 && !own && !latin)
			n = mq_entity_rule_latin(e, i, true, &oom);	/* Latin names in Arabic */
		if (n == 0 && own && (latin || !common_word(&e->tw[i])))
			n = mq_entity_rule_surname(e, i, &oom);
	}
	sort_mentions(e, first);
	return !oom;
}

/* Finds the mentions in the decoded paragraph in e->chars. */
bool
mq_entity_scan_paragraph(MqEntities *e)
{
	size_t i, n, ar = 0, la = 0;
	bool oom = false;

	if (!mq_entity_tokenize(e))
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
		if ((n = mq_entity_rule_first(e, i, &oom)) > 0)
			continue;
		if ((n = mq_entity_rule_gazetteer(e, i, false, &oom)) > 0)
			continue;
		if ((n = mq_entity_rule_latin(e, i, ar > la, &oom)) > 0)
			continue;
		n = mq_entity_rule_surname(e, i, &oom);
	}
	return !oom;
}

