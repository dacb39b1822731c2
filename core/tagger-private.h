/*
 * core/tagger-private.h: what the files of the tagger share, and nothing
 * outside core/tagger*.c and core/classes include:
 *   tagger-features.c  what the tagger sees of a token (its description
 *                      and features), labels, Viterbi;
 *   tagger-file.c      the model and word-class files: written, mapped,
 *                      checked, looked up;
 *   tagger.c           the decoder: scores from the model (with its cache
 *                      of words), labels and their margins.
 */
#ifndef MQ_TAGGER_PRIVATE_H
#define MQ_TAGGER_PRIVATE_H

#include "tagger.h"

#define NTRANS ((MQ_TAG_NLABELS + 1) * MQ_TAG_NLABELS)
#define WORDMAX 128		/* folded bytes of a word kept for hashing */

_Static_assert(MQ_TAG_NLABELS == 9, "a model record holds 9 weights");

/* One feature's slot in the model. */
typedef struct Rec {
	uint32_t fp;
	int16_t w[MQ_TAG_NLABELS];
	int16_t pad;
} Rec;
_Static_assert(sizeof(Rec) == 24, "model records are 24 bytes");

struct MqTagger {
	const unsigned char *map;
	size_t size;
	const float *trans;
	const Rec *rec;
	const uint8_t *tag;
	const uint32_t *lex;
	const uint16_t *lexcls;
	uint64_t nslot, nlex;
	float scale;
	float min_margin;
	uint32_t classes_id;		/* of the word classes learnt with */
	const MqWordClasses *classes;	/* those, when given */
	uint64_t sum;			/* the file's checksum */
	uint64_t key;			/* tells the decoder's cache what a
					   word's scores were worked out with:
					   never 0 */
};

struct MqWordClasses {
	const unsigned char *map;
	size_t size;
	const uint32_t *fp;
	const uint16_t *cls;
	uint64_t nslot;
	uint32_t id;
};

/* splitmix64's finaliser: spreads every input bit over the result. */
static inline uint64_t
mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	return h ^ (h >> 31);
}

/*
 * The features of a token fall into parts, so that the decoder can keep
 * what depends on one word alone (see Known): the token's own (feat_self,
 * and feat_start for those that see whether it begins the sentence), what
 * the word before it and the one before that tell it (feat_beside,
 * feat_beside2; NULL: the sentence starts), the same of the words after
 * it, and what needs two words or the sentence (feat_pairs).  Each writes
 * at most the count beside it.
 */
enum { MAX_FACTS = 2 * MQ_GAZ_BITS, MAX_SELF = 35 + MAX_FACTS, MAX_START = 4,
	MAX_BESIDE = 12 + MAX_FACTS, MAX_PAIRS = 8 + 2 * MAX_FACTS };

/* The features of a token's capitals, with whether it is first. */
size_t tagger_feat_start(const MqTagWord *t, bool first, uint64_t *out);
/* The token's own features but feat_start's. */
size_t tagger_feat_self(const MqTagWord *t, uint64_t *out);
/*
 * What the word p before a token tells it (after: the word after it);
 * NULL when the sentence starts (ends) there.
 */
size_t tagger_feat_beside(const MqTagWord *p, bool after, uint64_t *out);
/* What the word two before (after: two after) a token tells it. */
uint64_t tagger_feat_beside2(const MqTagWord *p, bool after);
/* The features of token i of w[0..n) that need two words or the sentence. */
size_t tagger_feat_pairs(const MqTagWord *w, size_t n, size_t i, uint64_t *out);
/* trans with the transitions allowed() forbids made -infinity. */
void tagger_masked(const float *trans, float *out);
/* Where key goes in a table of n slots: home slot and fingerprint. */
size_t tagger_home(uint64_t key, uint64_t n, uint32_t *fp);
/* The record of key in rec[0..n) with tags tag[0..n), or NULL. */
const Rec *tagger_find_rec(const Rec *rec, const uint8_t *tag, uint64_t n, uint64_t key);
uint16_t tagger_class_of(const MqWordClasses *c, uint64_t h);

#endif
