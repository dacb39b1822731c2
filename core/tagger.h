/*
 * core/tagger: a statistical name tagger — a linear model over sparse word
 * features, decoded with Viterbi into BIO labels (first-order transitions).
 *
 * A caller describes each token once (mq_tagger_describe: folded form, the form
 * without Arabic proclitics, affixes, script, shape, gazetteer facts, all as
 * hashes), then asks for the labels of a sequence of descriptions
 * (mq_tagger_decode).  The same description and feature code serves the
 * trainer (src/train.c) and the reader, so a model sees at run time exactly
 * the features it was trained on.
 *
 * A model is a file of our own format (see tagger.c): a versioned header,
 * transition weights, a hashed table of feature weights (16-bit, one row per
 * feature) and a lexicon of the words seen inside names in training.  It is
 * mapped read-only and checked (sizes, checksum, feature version) before
 * use; a bad file gives an error, never a crash.
 */
#ifndef MQ_TAGGER_H
#define MQ_TAGGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gazetteer.h"

/* Labels: O, then B and I for PERSON, ORG, PLACE, MISC. */
#define MQ_TAG_NLABELS 9
#define MQ_TAG_O 0
/* The most features one token has. */
#define MQ_TAG_MAXFEAT 224
/* Bump when mq_tagger_describe or mq_tagger_features change: old models are refused. */
#define MQ_TAG_FEATURES_VERSION 4

/* The label B (inside false) or I of entity type t; t PERSON/ORG/PLACE/MISC. */
uint8_t mq_tagger_label(MqEntityType t, bool inside);
/* The entity type of a label other than O, and whether it is I. */
MqEntityType mq_tagger_label_type(uint8_t label, bool *inside);
/* "O", "B-PERSON", ... */
const char *mq_tagger_label_name(uint8_t label);

/* What the features of one token are made of (hashes; filled by describe). */
typedef struct MqTagWord {
	uint64_t fold;		/* the folded token */
	uint64_t stem1;		/* folded, without a leading و or ف */
	uint64_t stem;		/* folded, without all proclitics */
	uint64_t pre[4];	/* the stem's first 1..4 code points */
	uint64_t tri[6];	/* trigrams of the stem (0: none) */
	uint64_t suf[4];	/* the token's last 1..4 code points */
	uint64_t shape;		/* Xx, a, d, ... runs collapsed */
	uint16_t lex;		/* lexicon class of the word (mq_tagger_lex_class) */
	uint16_t lexstem;	/* and of its stem; both set by mq_tagger_decode */
	uint16_t cls;		/* word class (MqWordClasses; 0: none) */
	uint16_t clsstem;	/* and its stem's; both set by mq_classes_tag */
	uint32_t gaz;		/* gazetteer facts: see MQ_GAZ_* in gazetteer.h */
	uint32_t phrase;	/* facts of a gazetteer phrase the token is in:
				   MQ_GAZ_* of the phrase, shifted 16 on its
				   last token (mq_tagger_phrases) */
	uint8_t script;		/* MQ_SCRIPT_* */
	uint8_t len;		/* code points of the stem, at most 255 */
	uint8_t clitics;	/* code points split off the front */
	bool cap;		/* starts with a capital letter */
} MqTagWord;

enum { MQ_SCRIPT_ARABIC, MQ_SCRIPT_LATIN, MQ_SCRIPT_DIGIT, MQ_SCRIPT_MIXED,
	MQ_SCRIPT_OTHER };

/*
 * The number of leading code points of cp[0..n) that are Arabic proclitics
 * for features: و or ف, then ب ل ك (or the first ل of لل), each with any
 * tatweel after it, as long as at least two letters remain.  Greedy, so
 * that a word and its cliticised forms share a stem (لبنان and ولبنان both
 * give بنان); *stem1 gets the count for و/ف alone.
 */
size_t mq_tagger_clitics(const uint32_t *cp, size_t n, size_t *stem1);

/* Describes the token cp[0..n) (g may be NULL: no gazetteer facts). */
void mq_tagger_describe(const MqGazetteer *g, const uint32_t *cp, size_t n,
    MqTagWord *w);

/*
 * Marks the tokens of w[0..n) that are inside gazetteer phrases of two
 * words or more (names, titles such as الرئيس التنفيذي, organisation
 * words), longest first; keys[i] is token i folded (mq_fold_utf8).
 */
void mq_tagger_phrases(const MqGazetteer *g, const char *const *keys,
    MqTagWord *w, size_t n);

/*
 * Writes the feature hashes of token i of w[0..n) into out (room for
 * MQ_TAG_MAXFEAT) and returns how many.  Neighbours outside the sequence
 * are read as sentence boundaries.
 */
size_t mq_tagger_features(const MqTagWord *w, size_t n, size_t i, uint64_t *out);

/* A hash of s[0..len) (shapes; tests). */
uint64_t mq_tagger_hash(const char *s, size_t len);

/*
 * The lexicon class of a word from how often it was seen as O, PERSON, ORG,
 * PLACE and MISC (counts[0..4]): two bits per type (0 never, 1 under 30%
 * of its uses, 2 under 70%, 3 more), then two bits of how often it was
 * seen at all (0 never, 1 once, 2 up to 9 times, 3 more).  A model's
 * lexicon adds the MQ_TAG_DICT_* bits: what a dictionary of the language
 * (hunspell's word forms, given to the trainer) says of the word,
 * whether it is a word of a place's name in a list of places, and whether
 * it is in a list of names, as a word of a person's name or a place (the
 * MQ_TAG_LIST_* bits; a model trained without such lists never has them,
 * and its features of them never fire).
 */
uint16_t mq_tagger_lex_class(const uint32_t counts[5]);
#define MQ_TAG_LEX_FREQ(c) ((unsigned)(c) >> 8 & 3)
#define MQ_TAG_DICT_WORD 0x400u	/* a dictionary word in lower case */
#define MQ_TAG_DICT_NAME 0x800u	/* a dictionary word with a capital: a name */
#define MQ_TAG_DICT_PLACE 0x1000u	/* a word of a place's name (a list of places) */
#define MQ_TAG_LIST_PERSON 0x2000u	/* a word of a person's name (a list of names) */
#define MQ_TAG_LIST_PLACE 0x4000u	/* a place's name of one word (the same list) */
#define MQ_TAG_LIST_SHIFT 13

/*
 * Best label sequence under emissions emit[n][MQ_TAG_NLABELS] and
 * transitions trans[MQ_TAG_NLABELS + 1][MQ_TAG_NLABELS] (row 0: from the
 * start; row p + 1: from label p).  I-X may only follow B-X or I-X.  back
 * has room for n * MQ_TAG_NLABELS bytes.  Writes n labels into out.
 */
void mq_tagger_viterbi(const float *emit, size_t n, const float *trans,
    uint8_t *back, uint8_t *out);

/*
 * Word classes learnt from unlabelled text (maqal-train --classes): a
 * table from MqTagWord.fold to a class, 1..65535.  A file of our own format
 * (see tagger.c), mapped read-only and checked like a model.
 */
typedef struct MqWordClasses MqWordClasses;

/* Writes the classes cls[i] of the words keys[i] (fold hashes) to path. */
bool mq_classes_write(const uint64_t *keys, const uint16_t *cls, size_t n,
    const char *path, char **err) __attribute__((warn_unused_result));
/* Maps and checks the table at path; NULL with *err set ("PATH: why"). */
MqWordClasses *mq_classes_load(const char *path, char **err)
    __attribute__((warn_unused_result));
void mq_classes_free(MqWordClasses *c);
/* What tells one table from another (a model names the one it learnt with). */
uint32_t mq_classes_id(const MqWordClasses *c);
/* Sets the word classes of w[0..n) from c (NULL: none). */
void mq_classes_tag(const MqWordClasses *c, MqTagWord *w, size_t n);

typedef struct MqTagger MqTagger;

/* What a model is written from (the trainer, tests). */
typedef struct MqTagModelSpec {
	size_t nfeat;
	const uint64_t *keys;	/* feature hashes, distinct */
	const float *weights;	/* nfeat rows of MQ_TAG_NLABELS */
	const float *trans;	/* (MQ_TAG_NLABELS + 1) rows of MQ_TAG_NLABELS */
	size_t nlex;
	const uint64_t *lex;	/* MqTagWord.fold of the words seen in training */
	const uint16_t *lexcls;	/* their lexicon classes */
	float min_margin;	/* see mq_tagger_min_margin */
	uint32_t classes;	/* mq_classes_id of the table used (0: none) */
} MqTagModelSpec;

/*
 * Writes the model to path atomically (a temporary file renamed over it).
 * Returns false with *err set when the file cannot be written.
 */
bool mq_tagger_write(const MqTagModelSpec *spec, const char *path, char **err)
    __attribute__((warn_unused_result));

/*
 * Maps the model file at path read-only and checks it.  Returns NULL with
 * *err set ("PATH: why") when the file is missing, unreadable, of another
 * version or damaged.  The caller frees with mq_tagger_free.
 */
MqTagger *mq_tagger_load(const char *path, char **err)
    __attribute__((warn_unused_result));
void mq_tagger_free(MqTagger *t);

/* Bytes of the model file. */
size_t mq_tagger_size(const MqTagger *t);

/* The weight of feature key for label (0 when the model lacks it). */
float mq_tagger_weight(const MqTagger *t, uint64_t key, uint8_t label);

/* The lexicon class of the word whose MqTagWord.fold is h (0: unseen). */
uint16_t mq_tagger_lex(const MqTagger *t, uint64_t h);

/* True if the word whose MqTagWord.fold is h was seen inside a name. */
bool mq_tagger_known(const MqTagger *t, uint64_t h);

/*
 * Scratch space for decoding, owned by the caller (zero it to start); it
 * keeps what words score, for the next decodes (with any model).
 */
typedef struct MqTagScratch {
	float *emit;		/* per token and label: its score */
	int32_t *acc;		/* the same in the model's integers */
	uint8_t *back;
	float *sure;		/* per token: its label's margin (mq_tagger_margin) */
	float *fwd, *bwd;	/* max-marginals, for the margins */
	size_t cap;		/* tokens */
	size_t n;		/* tokens of the last decode */
	struct MqTagCache *cache;
} MqTagScratch;
void mq_tagger_scratch_free(MqTagScratch *s);

/*
 * Labels the n tokens w[0..n) into out, setting their lexicon classes
 * first.  Returns false when memory for the scratch space runs out.
 */
bool mq_tagger_decode(const MqTagger *t, MqTagWord *w, size_t n,
    MqTagScratch *s, uint8_t *out) __attribute__((warn_unused_result));

/*
 * How sure the last mq_tagger_decode with s was of the label it gave token
 * i: the score of the best labelling with that label there, less that of
 * the best one with O or a name of another type there (0 for O).
 */
float mq_tagger_margin(const MqTagScratch *s, size_t i);

/*
 * The least margin, over its tokens, that a name needs to be shown: the
 * trainer picks it by cross-validation so that what is shown is right more
 * often than not (precision first).
 */
float mq_tagger_min_margin(const MqTagger *t);

/* The mq_classes_id of the word classes the model learnt with (0: none). */
uint32_t mq_tagger_classes_id(const MqTagger *t);

/*
 * Lets the tagger use word classes c (borrowed; NULL: none) when they are
 * the ones its model learnt with; returns whether they are.
 */
bool mq_tagger_set_classes(MqTagger *t, const MqWordClasses *c);

#endif
