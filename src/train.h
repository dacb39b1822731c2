/*
 * src/train: what maqal-train's two trainers (train.c for the name
 * tagger, train-headings.c for the heading model) share.
 */
#ifndef MQ_TRAIN_H
#define MQ_TRAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/tagger.h"

/* Prints "maqal-train: MESSAGE" and exits with status 2. */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* realloc, strdup and mq_grow that die when memory runs out. */
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
void grow(void **buf, size_t *cap, size_t need, size_t elem);

/* The number s, from lo to hi, or dies naming the option. */
double number(const char *opt, const char *s, double lo, double hi);

/* maqal-train --headings ARGS: see train-headings.c. */
int mq_train_headings(int argc, char **argv);

/* maqal-train --classes ARGS: see train-classes.c. */
int mq_train_classes(int argc, char **argv);

/* The name tagger's trainer (train.c, train-data.c, train-lexicon.c). */

/* What a word list given to train_read_words holds. */
enum { WORDS_DICT, WORDS_PLACES, WORDS_NAMES };

/* The sentences of the data, their tokens described once. */
typedef struct Corpus {
	MqTagWord *w;
	uint8_t *gold;
	char **text;		/* the token (for --errors) */
	size_t n, cap;
	size_t *sent;		/* sentence starts, and n at the end */
	size_t nsent, sent_cap;
	uint32_t *doc;		/* per sentence: its document (-DOCSTART-, a file) */
	size_t doc_cap;
	uint32_t ndoc;		/* documents begun */
	size_t always;		/* sentences from here on (--also): trained on */
				/* in every fold, never held out or scored */
	uint32_t ndoc_scored;	/* documents before them */
} Corpus;

/* Feature hash -> dense index, for training. */
typedef struct Index {
	uint64_t *key;
	int32_t *val;
	size_t n, nslot;
} Index;

/* Exact span matches per type: true positives, false positives, misses. */
typedef struct Score {
	size_t tp[MQ_ENT_NTYPES], fp[MQ_ENT_NTYPES], fn[MQ_ENT_NTYPES];
} Score;

#define FOLDS 10	/* for the lexicon's counts */

/* How often each word was seen as O, PERSON, ORG, PLACE, MISC. */
typedef struct Lexicon {
	Index words;		/* fold hash -> dense id */
	uint32_t (*total)[5];	/* per id */
	uint32_t (*fold)[FOLDS][5];
	uint16_t *dict;		/* per id: MQ_TAG_DICT_* */
	size_t n;
} Lexicon;

/* The dictionary words (--words): their fold hashes and MQ_TAG_DICT_* bits. */
typedef struct Words {
	uint64_t *fold;
	uint16_t *bits;
	size_t n, cap;
} Words;

/* Reads a gold file into c. */
void train_read_gold(Corpus *c, const MqGazetteer *g, const char *path);

/* Counts exact span matches between gold g and predicted p over n tokens. */
void train_score_sentence(Score *sc, const uint8_t *g, const uint8_t *p, size_t n);

/* Prints P/R/F1 per type and the micro average over PERSON, PLACE, ORG. */
double train_report(const Score *sc, const char *prefix);

/* The dense id of key: its own, or next when it is new (and then added). */
int32_t train_index_id(Index *x, uint64_t key, size_t next);

/* The class of key with the counts of fold f left out (f < 0: all counts). */
uint16_t train_lex_class(const Lexicon *x, uint64_t key, int f);

/*
 * Reads a word list of kind WORDS_DICT (one word a line, as hunspell's
 * unmunch prints them), WORDS_PLACES (place names, one a line) or
 * WORDS_NAMES (names with their types) into wd, or dies.
 */
void train_read_words(Words *wd, const char *path, int kind);

/*
 * Counts the words of the training sentences and sets every token's
 * lexicon classes: a training token's from the other folds only (so that
 * the features say what a word's history elsewhere is, as they will for a
 * new article), a held-out token's from all of them.
 */
void train_build_lexicon(Lexicon *x, Corpus *c, const bool *held,
    const Corpus *extra, const Words *wd);

#endif
