/*
 * src/train-lexicon: the trainer's dense feature index (hash -> id) and the
 * lexicon a model carries: how often each word was seen in names of each
 * type in the training folds (counted so that a token's own sentence never
 * tells it about itself), and the dictionary words given with --words.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "train.h"

static size_t
index_slot(const Index *x, uint64_t key)
{
	size_t i = (size_t)(key & (x->nslot - 1));

	while (x->key[i] != 0 && x->key[i] != key)
		i = (i + 1) & (x->nslot - 1);
	return i;
}

/* Adds key (with no id yet) when new. */
static void
index_add(Index *x, uint64_t key)
{
	size_t i;

	key += key == 0;	/* 0 marks empty slots (a hash is 0 once in 2^64) */
	if ((x->n + 1) * 2 > x->nslot) {
		Index y = { 0 };
		size_t k;

		y.nslot = x->nslot ? x->nslot * 2 : 1 << 16;
		y.key = calloc(y.nslot, sizeof *y.key);
		y.val = malloc(y.nslot * sizeof *y.val);
		if (y.key == NULL || y.val == NULL)
			die("out of memory");
		for (k = 0; k < x->nslot; k++)
			if (x->key[k] != 0) {
				size_t j = index_slot(&y, x->key[k]);

				y.key[j] = x->key[k];
				y.val[j] = x->val[k];
			}
		y.n = x->n;
		free(x->key);
		free(x->val);
		*x = y;
	}
	i = index_slot(x, key);
	if (x->key[i] == 0) {
		x->key[i] = key;
		x->n++;
	}
}

static int32_t
index_get(const Index *x, uint64_t key)
{
	size_t i;

	if (x->nslot == 0)
		return -1;
	i = index_slot(x, key + (key == 0));
	return x->key[i] != 0 ? x->val[i] : -1;
}

/* The dense id of key: its own, or next when it is new (and then added). */
int32_t
train_index_id(Index *x, uint64_t key, size_t next)
{
	int32_t id = index_get(x, key);

	if (id >= 0)
		return id;
	index_add(x, key);
	x->val[index_slot(x, key + (key == 0))] = (int32_t)next;
	return (int32_t)next;
}

static unsigned
count_slot(uint8_t label)
{
	static const unsigned slot[] = { 1, 2, 3, 4 };	/* PERSON ORG PLACE MISC */

	return label == MQ_TAG_O ? 0 : slot[(label - 1) / 2];
}

static int32_t
lex_id(Lexicon *x, uint64_t key)
{
	int32_t id = train_index_id(&x->words, key, x->n);

	if ((size_t)id < x->n)
		return id;
	x->total = xrealloc(x->total, (x->n + 1) * sizeof *x->total);
	x->fold = xrealloc(x->fold, (x->n + 1) * sizeof *x->fold);
	x->dict = xrealloc(x->dict, (x->n + 1) * sizeof *x->dict);
	x->dict[x->n] = 0;
	memset(x->total[x->n], 0, sizeof x->total[x->n]);
	memset(x->fold[x->n], 0, sizeof x->fold[x->n]);
	return (int32_t)x->n++;
}

/* The class of key with the counts of fold f left out (f < 0: all counts). */
uint16_t
train_lex_class(const Lexicon *x, uint64_t key, int f)
{
	int32_t id = index_get(&x->words, key);
	uint32_t c[5];
	unsigned k;

	if (id < 0)
		return 0;
	for (k = 0; k < 5; k++)
		c[k] = x->total[id][k] - (f >= 0 ? x->fold[id][f][k] : 0);
	return (uint16_t)(mq_tagger_lex_class(c) | x->dict[id]);
}

/* Adds the word cp[0..n) to wd with the MQ_TAG_* bits bits. */
static void
add_word(Words *wd, const uint32_t *cp, size_t n, uint16_t bits)
{
	MqTagWord w;

	mq_tagger_describe(NULL, cp, n, &w);
	grow((void **)&wd->fold, &wd->cap, wd->n + 1, sizeof *wd->fold);
	wd->bits = xrealloc(wd->bits, wd->cap * sizeof *wd->bits);
	wd->fold[wd->n] = w.fold;
	wd->bits[wd->n++] = bits;
}

/*
 * Adds the words of a list of names (NAME<TAB>TYPE a line, as in
 * ../shared/corpus/gazetteers): each word of a PERSON's name is marked
 * MQ_TAG_LIST_PERSON, a PLACE's name of one word MQ_TAG_LIST_PLACE (the
 * words of longer ones, جزر or سان, say little: cross-validated, marking
 * them too did worse); other types are left out.  Returns false when the
 * line is not of that form.
 */
static bool
name_words(Words *wd, const uint32_t *cp, size_t n)
{
	static const uint32_t person[] = { 'P', 'E', 'R', 'S', 'O', 'N' },
	    place[] = { 'P', 'L', 'A', 'C', 'E' };
	size_t tab, i, a;
	uint16_t bits;

	for (tab = 0; tab < n && cp[tab] != '\t'; tab++)
		;
	if (tab == 0 || tab == n)
		return false;
	if (n - tab - 1 == 6 && memcmp(cp + tab + 1, person, sizeof person) == 0)
		bits = MQ_TAG_LIST_PERSON;
	else if (n - tab - 1 == 5 && memcmp(cp + tab + 1, place, sizeof place) == 0)
		bits = MQ_TAG_LIST_PLACE;
	else
		return true;
	if (bits == MQ_TAG_LIST_PLACE)
		for (i = 0; i < tab; i++)
			if (cp[i] == ' ')
				return true;
	for (i = 0; i < tab;) {
		while (i < tab && (cp[i] == ' ' || cp[i] == '-'))
			i++;
		for (a = i; i < tab && cp[i] != ' ' && cp[i] != '-'; i++)
			;
		if (i > a)
			add_word(wd, cp + a, i - a, bits);
	}
	return true;
}

/*
 * Reads a word list (WORDS_DICT: one word a line, as hunspell's unmunch
 * prints them), a list of place names (WORDS_PLACES: one a line, each of
 * their words that begins with a capital is marked MQ_TAG_DICT_PLACE) or
 * a list of names with their types (WORDS_NAMES: see name_words).
 */
void
train_read_words(Words *wd, const char *path, int kind)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, no = 0;
	ssize_t len;

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	while ((len = getline(&line, &cap, f)) > 0) {
		uint32_t cp[256];
		size_t n = 0, i, k;

		no++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		for (i = 0; i < (size_t)len && n < 256; i += k)
			k = mq_utf8_decode((const unsigned char *)line + i, (size_t)len - i, &cp[n++]);
		if (kind == WORDS_NAMES) {
			if (!name_words(wd, cp, n))
				die("%s: line %zu: expected NAME<TAB>TYPE", path, no);
			continue;
		}
		if (kind == WORDS_DICT) {
			add_word(wd, cp, n, (uint16_t)(u_isupper((UChar32)cp[0]) ?
			    MQ_TAG_DICT_NAME : MQ_TAG_DICT_WORD));
			continue;
		}
		for (i = 0; i < n;) {	/* the words of a place's name */
			size_t a = i;

			while (i < n && (u_isalpha((UChar32)cp[i]) || cp[i] == '\''))
				i++;
			if (i > a && u_isupper((UChar32)cp[a]))
				add_word(wd, cp + a, i - a, MQ_TAG_DICT_PLACE);
			while (i < n && !(u_isalpha((UChar32)cp[i]) || cp[i] == '\''))
				i++;
		}
	}
	if (ferror(f))
		die("%s: %s", path, strerror(errno));
	free(line);
	fclose(f);
}

/*
 * Counts the words of the training sentences and sets every token's
 * lexicon classes: a training token's from the other folds only (so that
 * the features say what a word's history elsewhere is, as they will for a
 * new article), a held-out token's from all of them.
 */
void
train_build_lexicon(Lexicon *x, Corpus *c, const bool *held, const Corpus *extra,
    const Words *wd)
{
	size_t s, i, j, ntrain = 0;
	int f;

	for (i = 0; i < wd->n; i++) {
		int32_t id = lex_id(x, wd->fold[i]);

		x->dict[id] |= wd->bits[i];
	}
	for (i = 0; i < extra->n; i++) {
		int32_t id = lex_id(x, extra->w[i].fold);

		x->total[id][count_slot(extra->gold[i])]++;
	}
	for (s = 0; s < c->nsent; s++)
		ntrain += !held[s];
	for (s = j = 0; s < c->nsent; s++) {
		if (held[s])
			continue;
		f = (int)(j++ * FOLDS / ntrain);
		for (i = c->sent[s]; i < c->sent[s + 1]; i++) {
			int32_t id = lex_id(x, c->w[i].fold);

			x->total[id][count_slot(c->gold[i])]++;
			x->fold[id][f][count_slot(c->gold[i])]++;
		}
	}
	for (s = j = 0; s < c->nsent; s++) {
		f = held[s] ? -1 : (int)(j++ * FOLDS / ntrain);
		for (i = c->sent[s]; i < c->sent[s + 1]; i++) {
			MqTagWord *w = &c->w[i];

			w->lex = train_lex_class(x, w->fold, f);
			w->lexstem = w->stem != w->fold ? train_lex_class(x, w->stem, f) : 0;
		}
	}
}
