/*
 * core/tagger: features, Viterbi decoding and the model file.
 *
 * Features are 64-bit hashes of (template, value): the folded word, its
 * stems, affixes, shape and script, its neighbours at -2..+2, two word
 * bigrams and the gazetteer facts of the word and its neighbours.  The
 * score of a label at a token is the sum of the weights of its features for
 * that label; a transition weight joins consecutive labels.
 *
 * The model file (all numbers little-endian, as written on the machines we
 * build for; a marker in the header refuses the other order):
 *
 *	0	"MQTAGGER"
 *	8	u32 format version (MODEL_VERSION)
 *	12	u32 features version (MQ_TAG_FEATURES_VERSION)
 *	16	u32 labels (MQ_TAG_NLABELS)
 *	20	u32 0x01020304
 *	24	u64 feature slots S
 *	32	u64 lexicon slots L
 *	40	f32 weight scale (a weight is its int16 times the scale)
 *	44	u32 features stored
 *	48	u64 checksum of bytes 64..end
 *	56	u64 file size
 *	64	f32 transitions[(MQ_TAG_NLABELS + 1) * MQ_TAG_NLABELS]
 *	...	f32 the least margin of a name kept (mq_tagger_min_margin), u32 the
 *		mq_classes_id of the word classes learnt with (0: none)
 *	...	S records of 24 bytes: u32 fingerprint (0: empty slot),
 *		i16 weights[MQ_TAG_NLABELS], i16 0
 *	...	u8 tags[S]: the fingerprint's low byte (never 0) or 0 when
 *		the slot is empty; a probe walks these (a few hundred KB,
 *		which stay in the cache) and reads a record only on a match
 *	...	u32 lexicon fingerprints[L]
 *	...	u16 lexicon classes[L]
 * each array starting at a multiple of 8.  Tables are open-addressed: a
 * key's home slot is the low half of its hash scaled to the table size, its
 * fingerprint the high half (never 0), probing forward.
 */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/uchar.h>

#include "fold.h"
#include "tagger.h"
#include "text.h"
#include "util.h"

#define MODEL_VERSION 2
#define HEADER 64
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

static const char *const label_names[MQ_TAG_NLABELS] = {
	"O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG", "B-PLACE", "I-PLACE",
	"B-MISC", "I-MISC"
};

uint8_t
mq_tag_label(MqEntityType t, bool inside)
{
	int k = t == MQ_ENT_PERSON ? 0 : t == MQ_ENT_ORG ? 1 :
	    t == MQ_ENT_PLACE ? 2 : 3;

	return (uint8_t)(1 + 2 * k + inside);
}

MqEntityType
mq_tag_label_type(uint8_t label, bool *inside)
{
	static const MqEntityType types[] = { MQ_ENT_PERSON, MQ_ENT_ORG,
	    MQ_ENT_PLACE, MQ_ENT_MISC };

	if (inside != NULL)
		*inside = label > 0 && label % 2 == 0;
	return label == 0 || label >= MQ_TAG_NLABELS ? MQ_ENT_MISC :
	    types[(label - 1) / 2];
}

const char *
mq_tag_label_name(uint8_t label)
{
	return label < MQ_TAG_NLABELS ? label_names[label] : "?";
}

/* ------------------------------------------------------------------ */
/* Hashing */

/* splitmix64's finaliser: spreads every input bit over the result. */
static uint64_t
mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	return h ^ (h >> 31);
}

uint64_t
mq_tag_hash(const char *s, size_t len)
{
	return mix(mq_fnv1a(MQ_FNV_BASIS, s, len));
}

/* The hash of code points cp[0..n) (folded already). */
static uint64_t
hash_cps(const uint32_t *cp, size_t n)
{
	uint64_t h = MQ_FNV_BASIS;	/* FNV-1a over code points, not bytes */
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ cp[i]) * MQ_FNV_PRIME;
	return mix(h + n);
}

/* A feature: template tpl with value v. */
static uint64_t
feat(unsigned tpl, uint64_t v)
{
	return mix(v + 0x9e3779b97f4a7c15ULL * (tpl + 1));
}

uint16_t
mq_tag_lex_class(const uint32_t counts[5])
{
	uint32_t total = 0;
	uint16_t c = 0;
	unsigned k;

	for (k = 0; k < 5; k++)
		total += counts[k];
	if (total == 0)
		return 0;
	for (k = 1; k < 5; k++) {
		double f = (double)counts[k] / total;

		if (counts[k] > 0)
			c |= (uint16_t)((f < 0.3 ? 1 : f < 0.7 ? 2 : 3) << (2 * (k - 1)));
	}
	return c | (uint16_t)((total == 1 ? 1 : total < 10 ? 2 : 3) << 8);
}

/* ------------------------------------------------------------------ */
/* Describing tokens */

static bool
arabic_letter(uint32_t c)
{
	return (c >= 0x0620 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d3) ||
	    (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfdff) ||
	    (c >= 0xfe70 && c <= 0xfefc);
}

size_t
mq_tag_clitics(const uint32_t *cp, size_t n, size_t *stem1)
{
	size_t k = 0;

	/* at least two letters must remain after what is split off */
#define SKIP_TATWEEL() while (k < n && cp[k] == 0x0640) k++
	if (n >= 3 && (cp[0] == 0x0648 || cp[0] == 0x0641)) {	/* و ف */
		k = 1;
		SKIP_TATWEEL();
		if (n - k < 2)
			k = 0;
	}
	if (stem1 != NULL)
		*stem1 = k;
	if (k + 3 <= n && (cp[k] == 0x0628 || cp[k] == 0x0644 || cp[k] == 0x0643)) {
		size_t j = k + 1;

		while (j < n && cp[j] == 0x0640)
			j++;
		if (n - j >= 2)
			k = j;
	}
#undef SKIP_TATWEEL
	return k;
}

/* The shape class of one code point. */
static char
shape_of(uint32_t c)
{
	if (arabic_letter(c))
		return 'a';
	if (u_isdigit((UChar32)c))
		return 'd';
	if (u_isupper((UChar32)c))
		return 'X';
	if (u_isalpha((UChar32)c))
		return 'x';
	if (c == 0x0640 || mq_fold_is_mark(c))
		return 0;	/* tatweel, harakat: no class */
	return u_ispunct((UChar32)c) ? '.' : 'o';
}

/* The gazetteer facts of the folded word key that are the tagger's features. */
static uint32_t
tagger_facts(const MqGazetteer *g, const char *key)
{
	return mq_gazetteer_word(g, key) & ((1u << MQ_GAZ_BITS) - 1);
}

/* Gazetteer facts of the folded code points fc[0..n). */
static uint32_t
gaz_of(const MqGazetteer *g, const uint32_t *fc, size_t n)
{
	char key[WORDMAX];
	size_t k = 0, i;

	for (i = 0; i < n; i++) {
		if (k + 5 > sizeof key)
			return 0;
		k += mq_utf8_encode(fc[i], key + k);
	}
	key[k] = '\0';
	return tagger_facts(g, key);
}

void
mq_tag_describe(const MqGazetteer *g, const uint32_t *cp, size_t n, MqTagWord *w)
{
	uint32_t fc[WORDMAX], tmp[MQ_FOLD_MAX];
	char shape[8];
	size_t nf = 0, i, k, s1, st, ns = 0;
	bool letters = false, digits = false, arabic = false, latin = false;

	memset(w, 0, sizeof *w);
	memset(fc, 0, 4 * sizeof *fc);
	for (i = 0; i < n; i++) {
		size_t m = mq_fold_one(cp[i], tmp);
		char c = shape_of(cp[i]);

		for (k = 0; k < m && nf < WORDMAX; k++)
			fc[nf++] = tmp[k];
		if (c != 0 && (ns == 0 || shape[ns - 1] != c) && ns < sizeof shape - 1)
			shape[ns++] = c;
		if (c == 'a')
			arabic = letters = true;
		else if (c == 'x' || c == 'X')
			latin = letters = true;
		else if (c == 'd')
			digits = true;
	}
	shape[ns] = '\0';
	st = mq_tag_clitics(fc, nf, &s1);
	w->fold = hash_cps(fc, nf);
	w->stem1 = hash_cps(fc + s1, nf - s1);
	w->stem = hash_cps(fc + st, nf - st);
	for (k = 1; k <= 4; k++) {
		w->pre[k - 1] = nf - st >= k ? hash_cps(fc + st, k) : 0;
		w->suf[k - 1] = nf >= k ? hash_cps(fc + nf - k, k) : 0;
	}
	for (k = 0; k < 6 && st + k + 3 <= nf; k++)
		w->tri[k] = hash_cps(fc + st + k, 3);
	w->shape = mq_tag_hash(shape, ns);
	w->script = arabic && !latin && !digits ? MQ_SCRIPT_ARABIC :
	    latin && !arabic && !digits ? MQ_SCRIPT_LATIN :
	    digits && !letters ? MQ_SCRIPT_DIGIT :
	    letters ? MQ_SCRIPT_MIXED : MQ_SCRIPT_OTHER;
	w->len = (uint8_t)(nf - st > 255 ? 255 : nf - st);
	w->clitics = (uint8_t)st;
	w->cap = n > 0 && u_isupper((UChar32)cp[0]);
	if (g != NULL) {
		w->gaz = gaz_of(g, fc, nf);
		if (st > 0)
			w->gaz |= gaz_of(g, fc + st, nf - st) << 16;
		else if (s1 > 0)
			w->gaz |= gaz_of(g, fc + s1, nf - s1) << 16;
	}
}

#define PHRASE_MAX 5

void
mq_tag_phrases(const MqGazetteer *g, const char *const *keys, MqTagWord *w,
    size_t n)
{
	char key[PHRASE_MAX * WORDMAX];
	size_t i, len, k;

	for (i = 0; i < n; i++)
		w[i].phrase = 0;
	if (g == NULL)
		return;
	for (i = 0; i < n; i++) {
		size_t at[PHRASE_MAX + 1], m = 0;
		uint32_t facts = 0;

		if (!(w[i].gaz & MQ_GAZ_PHRASE))
			continue;	/* no phrase begins with this word */
		/* the keys of the phrases of 2..PHRASE_MAX words at i */
		at[0] = 0;
		for (len = 0; len < PHRASE_MAX && i + len < n; len++) {
			size_t kl = strlen(keys[i + len]);

			if (kl == 0 || m + kl + 2 > sizeof key)
				break;
			if (len > 0)
				key[m++] = ' ';
			memcpy(key + m, keys[i + len], kl);
			m += kl;
			at[len + 1] = m;
		}
		for (; len >= 2; len--) {
			char save = key[at[len]];

			key[at[len]] = '\0';
			facts = tagger_facts(g, key) & ~(uint32_t)MQ_GAZ_PHRASE;
			key[at[len]] = save;
			if (facts != 0)
				break;
		}
		if (len < 2)
			continue;
		for (k = i; k < i + len; k++)
			w[k].phrase |= k + 1 == i + len ? facts << 16 : facts;
		i += len - 1;
	}
}

/* Feature templates. */
enum {
	T_BIAS, T_WORD, T_STEM1, T_STEM, T_PRE, T_SUF = T_PRE + 4,
	T_SHAPE = T_SUF + 4, T_SCRIPT, T_LEN, T_CLITICS, T_CAP,
	T_PREV2, T_PREV, T_NEXT, T_NEXT2, T_PREV_STEM, T_NEXT_STEM,
	T_BIGRAM_PREV, T_BIGRAM_NEXT, T_PREV_SUF2, T_NEXT_SUF2,
	T_PREV_SHAPE, T_NEXT_SHAPE, T_TRIGRAM, T_AROUND, T_PREV_BIGRAM,
	T_NEXT_BIGRAM, T_PREV_PRE2, T_LEX, T_LEX_STEM = T_LEX + 16,
	T_LEX_PREV = T_LEX_STEM + 16, T_LEX_NEXT = T_LEX_PREV + 16,
	T_LEX_FREQ = T_LEX_NEXT + 16, T_PHRASE, T_PHRASE_PREV = T_PHRASE + 32,
	T_PHRASE_NEXT = T_PHRASE_PREV + 32,
	T_GAZ = T_PHRASE_NEXT + 32, T_GAZ_PREV = T_GAZ + 32, T_GAZ_NEXT = T_GAZ_PREV + 32,
	T_DICT = T_GAZ_NEXT + 32, T_DICT_PREV, T_DICT_NEXT,
	T_CLASS, T_CLASS_STEM, T_CLASS_PREV, T_CLASS_NEXT, T_CLASS_BI,
	T_CLASS_CAP = T_CLASS_BI + 2, T_PLACE, T_PLACE_PREV, T_PLACE_NEXT,
	T_LIST, T_LIST_PREV, T_LIST_NEXT, T_LIST_FREQ
};

/* Sentinel values for neighbours beyond the ends. */
#define BOUNDARY(d) (0x5eed0000ULL + (uint64_t)(d) + 8)

/*
 * A feature of template tpl + b for each bit b set in bits (gazetteer facts
 * of a word in its low 16 bits, of its stem in the high ones: at most
 * MAX_FACTS).
 */
static size_t
feat_bits(unsigned tpl, uint32_t bits, uint64_t *out)
{
	size_t k = 0;

	for (; bits != 0; bits &= bits - 1)
		out[k++] = feat(tpl + (unsigned)__builtin_ctz(bits), 0);
	return k;
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

/* The MQ_TAG_LIST_* bits of w's lexicon classes, the word's and its stem's. */
static unsigned
list_of(const MqTagWord *w)
{
	return (w->lex >> MQ_TAG_LIST_SHIFT & 3) * 4u + (w->lexstem >> MQ_TAG_LIST_SHIFT & 3);
}
_Static_assert(MAX_SELF + MAX_START + 2 * MAX_BESIDE + 2 + MAX_PAIRS <=
    MQ_TAG_MAXFEAT, "MQ_TAG_MAXFEAT holds every feature of a token");

/* The features of a token's capitals, with whether it is first. */
static size_t
feat_start(const MqTagWord *t, bool first, uint64_t *out)
{
	size_t k = 0;

	out[k++] = feat(T_CAP, t->cap * 2u + first);
	/* the dictionary: an ordinary word, or a name, capitalised here or not */
	out[k++] = feat(T_DICT, (t->lex >> 10 & 3) * 8u + t->cap * 4u + first * 2u +
	    (t->lexstem >> 10 & 1));
	/* a word of a place's name */
	if (t->lex & MQ_TAG_DICT_PLACE)
		out[k++] = feat(T_PLACE, t->cap * 2u + first);
	out[k++] = feat(T_CLASS_CAP, t->cls * 4u + t->cap * 2u + first);
	assert(k <= MAX_START);
	return k;
}

/* The token's own features but feat_start's. */
static size_t
feat_self(const MqTagWord *t, uint64_t *out)
{
	size_t k = 0;
	unsigned b;

	out[k++] = feat(T_BIAS, 0);
	out[k++] = feat(T_WORD, t->fold);
	if (t->stem1 != t->fold)
		out[k++] = feat(T_STEM1, t->stem1);
	out[k++] = feat(T_STEM, t->stem);
	for (b = 0; b < 4; b++) {
		if (t->pre[b])
			out[k++] = feat(T_PRE + b, t->pre[b]);
		if (t->suf[b])
			out[k++] = feat(T_SUF + b, t->suf[b]);
	}
	out[k++] = feat(T_SHAPE, t->shape);
	out[k++] = feat(T_SCRIPT, t->script);
	out[k++] = feat(T_LEN, t->len > 12 ? 12 : t->len);
	out[k++] = feat(T_CLITICS, t->clitics * 8u + t->script);
	for (b = 0; b < 6 && t->tri[b]; b++)
		out[k++] = feat(T_TRIGRAM, t->tri[b]);
	/* lexicon: how the word and its stem were tagged */
	for (b = 0; b < 4; b++) {
		unsigned v = t->lex >> (2 * b) & 3, vs = t->lexstem >> (2 * b) & 3;

		if (v)
			out[k++] = feat(T_LEX + 4 * b + v, 0);
		if (vs)
			out[k++] = feat(T_LEX_STEM + 4 * b + vs, 0);
	}
	out[k++] = feat(T_LEX_FREQ, MQ_TAG_LEX_FREQ(t->lex) * 4u +
	    MQ_TAG_LEX_FREQ(t->lexstem));
	/* word classes: the word's and its stem's */
	out[k++] = feat(T_CLASS, t->cls);
	if (t->stem != t->fold)
		out[k++] = feat(T_CLASS_STEM, t->clsstem);
	/* gazetteer facts of the word and its stem */
	k += feat_bits(T_GAZ, t->gaz, out + k);
	/* the lists of names the word and its stem are in */
	if (list_of(t) != 0) {
		out[k++] = feat(T_LIST, list_of(t));
		out[k++] = feat(T_LIST_FREQ, list_of(t) * 4u + MQ_TAG_LEX_FREQ(t->lex));
	}
	assert(k <= MAX_SELF);
	return k;
}

/*
 * What the word p before a token tells it (after: the word after it);
 * NULL when the sentence starts (ends) there.
 */
static size_t
feat_beside(const MqTagWord *p, bool after, uint64_t *out)
{
	int d = after ? 1 : -1;
	size_t k = 0;
	unsigned b, v;

	out[k++] = feat(after ? T_NEXT : T_PREV, p ? p->fold : BOUNDARY(d));
	out[k++] = feat(after ? T_NEXT_STEM : T_PREV_STEM, p ? p->stem : BOUNDARY(d));
	out[k++] = feat(after ? T_NEXT_SUF2 : T_PREV_SUF2, p ? p->suf[1] : BOUNDARY(d));
	out[k++] = feat(after ? T_NEXT_SHAPE : T_PREV_SHAPE, p ? p->shape : BOUNDARY(d));
	out[k++] = feat(after ? T_CLASS_NEXT : T_CLASS_PREV, p ? p->cls : 0x10000u);
	if (p == NULL)
		return k;
	for (b = 0; b < 4; b++)
		if ((v = p->lex >> (2 * b) & 3) >= 2)
			out[k++] = feat((after ? T_LEX_NEXT : T_LEX_PREV) + 4 * b + v, 0);
	out[k++] = feat(after ? T_DICT_NEXT : T_DICT_PREV,
	    (p->lex >> 10 & 3) * 2u + p->cap);
	if (p->lex & MQ_TAG_DICT_PLACE)
		out[k++] = feat(after ? T_PLACE_NEXT : T_PLACE_PREV, p->cap);
	k += feat_bits(after ? T_GAZ_NEXT : T_GAZ_PREV, p->gaz, out + k);
	if (list_of(p) != 0)
		out[k++] = feat(after ? T_LIST_NEXT : T_LIST_PREV, list_of(p));
	assert(k <= MAX_BESIDE);
	return k;
}

/* What the word two before (after: two after) a token tells it. */
static uint64_t
feat_beside2(const MqTagWord *p, bool after)
{
	return feat(after ? T_NEXT2 : T_PREV2, p ? p->fold : BOUNDARY(after ? 2 : -2));
}

/* The features of token i of w[0..n) that need two words or the sentence. */
static size_t
feat_pairs(const MqTagWord *w, size_t n, size_t i, uint64_t *out)
{
	const MqTagWord *t = &w[i];
	uint64_t p1 = i >= 1 ? w[i - 1].fold : BOUNDARY(-1);
	uint64_t p2 = i >= 2 ? w[i - 2].fold : BOUNDARY(-2);
	uint64_t n1 = i + 1 < n ? w[i + 1].fold : BOUNDARY(1);
	uint64_t n2 = i + 2 < n ? w[i + 2].fold : BOUNDARY(2);
	uint64_t cp = i >= 1 ? w[i - 1].cls : 0x10000u, cn = i + 1 < n ? w[i + 1].cls : 0x10000u;
	size_t k = 0;

	out[k++] = feat(T_BIGRAM_PREV, mix(p1) ^ t->fold);
	out[k++] = feat(T_BIGRAM_NEXT, mix(t->fold) ^ n1);
	out[k++] = feat(T_AROUND, mix(p1) ^ n1);
	out[k++] = feat(T_PREV_BIGRAM, mix(p2) ^ p1);
	out[k++] = feat(T_NEXT_BIGRAM, mix(n1) ^ n2);
	out[k++] = feat(T_PREV_PRE2, mix(i >= 1 ? w[i - 1].stem : BOUNDARY(-1)) ^ t->pre[1]);
	out[k++] = feat(T_CLASS_BI, cp << 17 | t->cls);
	out[k++] = feat(T_CLASS_BI + 1, (uint64_t)t->cls << 17 | cn);
	/*
	 * gazetteer phrases: the token's, one ending just before it (facts
	 * shifted 16 on its last token) and one beginning just after it
	 */
	k += feat_bits(T_PHRASE, t->phrase, out + k);
	if (i >= 1)
		k += feat_bits(T_PHRASE_PREV, w[i - 1].phrase & 0xffff0000u, out + k);
	if (i + 1 < n)
		k += feat_bits(T_PHRASE_NEXT, w[i + 1].phrase & 0xffffu, out + k);
	assert(k <= MAX_PAIRS);
	return k;
}

size_t
mq_tag_features(const MqTagWord *w, size_t n, size_t i, uint64_t *out)
{
	size_t k;

	k = feat_self(&w[i], out);
	k += feat_start(&w[i], i == 0, out + k);
	k += feat_beside(i >= 1 ? &w[i - 1] : NULL, false, out + k);
	k += feat_beside(i + 1 < n ? &w[i + 1] : NULL, true, out + k);
	out[k++] = feat_beside2(i >= 2 ? &w[i - 2] : NULL, false);
	out[k++] = feat_beside2(i + 2 < n ? &w[i + 2] : NULL, true);
	k += feat_pairs(w, n, i, out + k);
	return k;
}

/* ------------------------------------------------------------------ */
/* Viterbi */

/* May label l follow label p (p == MQ_TAG_NLABELS: the start)? */
static bool
allowed(unsigned p, unsigned l)
{
	if (l == 0 || l % 2 == 1)
		return true;	/* O and B-X follow anything */
	return p == l - 1 || p == l;	/* I-X after B-X or I-X */
}

/* trans with the transitions allowed() forbids made -infinity. */
static void
masked(const float *trans, float *out)
{
	unsigned p, l;

	for (p = 0; p <= MQ_TAG_NLABELS; p++)
		for (l = 0; l < MQ_TAG_NLABELS; l++)
			out[p * MQ_TAG_NLABELS + l] = allowed(p == 0 ? MQ_TAG_NLABELS : p - 1, l) ?
			    trans[p * MQ_TAG_NLABELS + l] : -INFINITY;
}

void
mq_tag_viterbi(const float *emit, size_t n, const float *trans, uint8_t *back,
    uint8_t *out)
{
	float cur[MQ_TAG_NLABELS], prev[MQ_TAG_NLABELS], tr[NTRANS];
	unsigned l, p, best;
	size_t i;

	if (n == 0)
		return;
	masked(trans, tr);
	for (l = 0; l < MQ_TAG_NLABELS; l++)
		cur[l] = tr[l] + emit[l];
	for (i = 1; i < n; i++) {
		memcpy(prev, cur, sizeof prev);
		for (l = 0; l < MQ_TAG_NLABELS; l++) {
			float top = -INFINITY;
			unsigned arg = 0;

			for (p = 0; p < MQ_TAG_NLABELS; p++) {
				float x = prev[p] + tr[(p + 1) * MQ_TAG_NLABELS + l];

				if (x > top) {
					top = x;
					arg = p;
				}
			}
			cur[l] = top + emit[i * MQ_TAG_NLABELS + l];
			back[i * MQ_TAG_NLABELS + l] = (uint8_t)arg;
		}
	}
	best = 0;
	for (l = 1; l < MQ_TAG_NLABELS; l++)
		if (cur[l] > cur[best])
			best = l;
	for (i = n; i-- > 0;) {
		out[i] = (uint8_t)best;
		if (i > 0)
			best = back[i * MQ_TAG_NLABELS + best];
	}
}

/* ------------------------------------------------------------------ */
/* The model file */

/* Where key goes in a table of n slots: home slot and fingerprint. */
static size_t
home(uint64_t key, uint64_t n, uint32_t *fp)
{
	*fp = (uint32_t)(key >> 32) | 1;
	return (size_t)(((key & 0xffffffffULL) * n) >> 32);
}

/* The slot of key in fingerprints fp[0..n), or n when it is absent. */
static size_t
find(const uint32_t *fp, uint64_t n, uint64_t key)
{
	uint32_t want;
	size_t i;

	if (n == 0)
		return 0;
	for (i = home(key, n, &want); fp[i] != 0; i = i + 1 == n ? 0 : i + 1)
		if (fp[i] == want)
			return i;
	return (size_t)n;
}

/* The low byte of a fingerprint, never 0. */
static uint8_t
tag_of(uint32_t fp)
{
	return (uint8_t)(fp & 0xff) ? (uint8_t)(fp & 0xff) : 1;
}

/* The record of key in rec[0..n) with tags tag[0..n), or NULL. */
static const Rec *
find_rec(const Rec *rec, const uint8_t *tag, uint64_t n, uint64_t key)
{
	uint32_t want;
	uint8_t wt;
	size_t i;

	i = home(key, n, &want);
	for (wt = tag_of(want); tag[i] != 0; i = i + 1 == n ? 0 : i + 1)
		if (tag[i] == wt && rec[i].fp == want)
			return &rec[i];
	return NULL;
}

/* Puts key into rec[0..n) (the table has a free slot); returns its record. */
static Rec *
put_rec(Rec *rec, uint8_t *tag, uint64_t n, uint64_t key)
{
	uint32_t want;
	size_t i;

	for (i = home(key, n, &want); rec[i].fp != 0 && rec[i].fp != want;
	    i = i + 1 == n ? 0 : i + 1)
		;
	rec[i].fp = want;
	tag[i] = tag_of(want);
	return &rec[i];
}

/* Puts key into fp[0..n) (the table has a free slot); returns its slot. */
static size_t
put(uint32_t *fp, uint64_t n, uint64_t key)
{
	uint32_t want;
	size_t i;

	for (i = home(key, n, &want); fp[i] != 0 && fp[i] != want;
	    i = i + 1 == n ? 0 : i + 1)
		;
	fp[i] = want;
	return i;
}

static uint64_t
checksum(const unsigned char *p, size_t n)
{
	uint64_t h = 0x6d617161ULL, v;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&v, p + i, 8);
		h = (h ^ mix(v + i)) * MQ_FNV_PRIME;
	}
	for (; i < n; i++)
		h = (h ^ p[i]) * MQ_FNV_PRIME;
	return mix(h ^ n);
}

static size_t
align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* Offsets of the arrays in a model with s feature slots, l lexicon slots. */
static void
layout(uint64_t s, uint64_t l, size_t *fp, size_t *w, size_t *lex, size_t *cls,
    size_t *end)
{
	*fp = align8(HEADER + (NTRANS + 2) * sizeof(float));
	*w = align8(*fp + s * sizeof(Rec));	/* the tags */
	*lex = align8(*w + s);
	*cls = align8(*lex + l * sizeof(uint32_t));
	*end = align8(*cls + l * sizeof(uint16_t));
}

static void
put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void
put64(unsigned char *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

/* Writes buf[0..len) to path atomically (a temporary file renamed over it). */
static bool
write_atomic(const char *path, const unsigned char *buf, size_t len, char **err)
{
	size_t done;
	char *tmp;
	int fd;
	bool ok;

	if ((tmp = mq_format("%s.XXXXXX", path)) == NULL) {
		mq_set_error(err, "%s: out of memory", path);
		return false;
	}
	if ((fd = mkstemp(tmp)) < 0) {
		mq_set_error(err, "%s: %s", path, strerror(errno));
		free(tmp);
		return false;
	}
	for (done = 0; done < len;) {
		ssize_t k = write(fd, buf + done, len - done);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	ok = done == len && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (ok && rename(tmp, path) != 0)
		ok = false;
	if (!ok) {
		mq_set_error(err, "%s: %s", path, strerror(errno ? errno : EIO));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

bool
mq_tagger_write(const MqTagModelSpec *spec, const char *path, char **err)
{
	/* half full: a word the model lacks ends its probe soon */
	uint64_t s = spec->nfeat * 2 + 1, l = spec->nlex * 2 + 1;
	size_t ofp, ow, olex, ocls, end, i, j;
	unsigned char *buf;
	uint32_t *lex;
	uint16_t *cls;
	uint8_t *tag;
	Rec *rec;
	float maxw = 0, scale;
	bool ok;

	for (i = 0; i < spec->nfeat * MQ_TAG_NLABELS; i++)
		if (fabsf(spec->weights[i]) > maxw)
			maxw = fabsf(spec->weights[i]);
	scale = maxw > 0 ? maxw / 32767.0f : 1.0f;
	layout(s, l, &ofp, &ow, &olex, &ocls, &end);
	if ((buf = calloc(1, end)) == NULL) {
		mq_set_error(err, "%s: out of memory", path);
		return false;
	}
	rec = (Rec *)(void *)(buf + ofp);
	tag = buf + ow;
	lex = (uint32_t *)(void *)(buf + olex);
	cls = (uint16_t *)(void *)(buf + ocls);
	memcpy(buf, "MQTAGGER", 8);
	put32(buf + 8, MODEL_VERSION);
	put32(buf + 12, MQ_TAG_FEATURES_VERSION);
	put32(buf + 16, MQ_TAG_NLABELS);
	put32(buf + 20, 0x01020304);
	put64(buf + 24, s);
	put64(buf + 32, l);
	memcpy(buf + 40, &scale, 4);
	put32(buf + 44, (uint32_t)spec->nfeat);
	put64(buf + 56, end);
	memcpy(buf + HEADER, spec->trans, NTRANS * sizeof(float));
	memcpy(buf + HEADER + NTRANS * sizeof(float), &spec->min_margin, sizeof(float));
	put32(buf + HEADER + (NTRANS + 1) * sizeof(float), spec->classes);
	for (i = 0; i < spec->nfeat; i++) {
		Rec *r = put_rec(rec, tag, s, spec->keys[i]);

		for (j = 0; j < MQ_TAG_NLABELS; j++)
			r->w[j] = (int16_t)lrintf(spec->weights[i * MQ_TAG_NLABELS + j] / scale);
	}
	for (i = 0; i < spec->nlex; i++)
		cls[put(lex, l, spec->lex[i])] = spec->lexcls[i];
	put64(buf + 48, checksum(buf + HEADER, end - HEADER));

	ok = write_atomic(path, buf, end, err);
	free(buf);
	return ok;
}

static uint32_t
get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint64_t
get64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* Checks the mapped model file and fills in t; NULL when fine, or why not. */
static const char *
check(MqTagger *t)
{
	const unsigned char *m = t->map;
	uint64_t s, l;
	size_t ofp, ow, olex, ocls, end, i;

	if (t->size < HEADER || memcmp(m, "MQTAGGER", 8) != 0)
		return "not a maqal model";
	if (get32(m + 20) != 0x01020304)
		return "model written with the other byte order";
	if (get32(m + 8) != MODEL_VERSION)
		return "model format of another maqal version";
	if (get32(m + 12) != MQ_TAG_FEATURES_VERSION)
		return "model made for other features (retrain it: make model, make names-en-model)";
	if (get32(m + 16) != MQ_TAG_NLABELS)
		return "model with other labels";
	s = get64(m + 24);
	l = get64(m + 32);
	if (s == 0 || s > (1ULL << 32) || l == 0 || l > (1ULL << 32))
		return "damaged model (table sizes)";
	layout(s, l, &ofp, &ow, &olex, &ocls, &end);
	if (get64(m + 56) != t->size || end != t->size)
		return "damaged model (truncated or padded)";
	if (checksum(m + HEADER, t->size - HEADER) != get64(m + 48))
		return "damaged model (checksum)";
	t->sum = get64(m + 48);
	t->key = t->sum | 1;
	memcpy(&t->scale, m + 40, 4);
	if (!isfinite(t->scale) || t->scale <= 0)
		return "damaged model (scale)";
	t->trans = (const float *)(const void *)(m + HEADER);
	t->rec = (const Rec *)(const void *)(m + ofp);
	t->tag = m + ow;
	t->lex = (const uint32_t *)(const void *)(m + olex);
	t->lexcls = (const uint16_t *)(const void *)(m + ocls);
	t->nslot = s;
	t->nlex = l;
	for (i = 0; i < NTRANS; i++)
		if (!isfinite(t->trans[i]))
			return "damaged model (transitions)";
	memcpy(&t->min_margin, m + HEADER + NTRANS * sizeof(float), sizeof(float));
	if (!isfinite(t->min_margin))
		return "damaged model (margin)";
	t->classes_id = get32(m + HEADER + (NTRANS + 1) * sizeof(float));
	/* a probe ends at an empty slot: a full table would never end one */
	if (memchr(t->tag, 0, s) == NULL)
		return "damaged model (feature table full)";
	for (i = 0; i < l && t->lex[i] != 0; i++)
		;
	if (i == l)
		return "damaged model (lexicon full)";
	return NULL;
}

/*
 * Maps the regular file at path read-only; at least min bytes, else *err
 * says "not a maqal WHAT".  Returns NULL with *err set ("PATH: why").
 */
static void *
map_file(const char *path, size_t min, const char *what, size_t *size, char **err)
{
	struct stat st;
	void *map;
	int fd;

	/* O_NONBLOCK: a FIFO named as the file must not block open() */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) < 0) {
		mq_set_error(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size < min) {
		if (S_ISDIR(st.st_mode))
			mq_set_error(err, "%s: is a directory", path);
		else if (!S_ISREG(st.st_mode))
			mq_set_error(err, "%s: not a regular file", path);
		else
			mq_set_error(err, "%s: not a maqal %s", path, what);
		close(fd);
		return NULL;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		mq_set_error(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	*size = (size_t)st.st_size;
	return map;
}

MqTagger *
mq_tagger_load(const char *path, char **err)
{
	MqTagger *t;
	const char *why;
	size_t size;
	void *map;

	if ((map = map_file(path, HEADER, "model", &size, err)) == NULL)
		return NULL;
	if ((t = calloc(1, sizeof *t)) == NULL) {
		munmap(map, size);
		mq_set_error(err, "%s: out of memory", path);
		return NULL;
	}
	t->map = map;
	t->size = size;
	if ((why = check(t)) != NULL) {
		mq_set_error(err, "%s: %s", path, why);
		mq_tagger_free(t);
		return NULL;
	}
	return t;
}

void
mq_tagger_free(MqTagger *t)
{
	if (t == NULL)
		return;
	munmap((void *)(uintptr_t)t->map, t->size);
	free(t);
}

size_t
mq_tagger_size(const MqTagger *t)
{
	return t->size;
}

float
mq_tagger_weight(const MqTagger *t, uint64_t key, uint8_t label)
{
	const Rec *r = find_rec(t->rec, t->tag, t->nslot, key);

	if (r == NULL || label >= MQ_TAG_NLABELS)
		return 0;
	return r->w[label] * t->scale;
}

uint16_t
mq_tagger_lex(const MqTagger *t, uint64_t h)
{
	size_t i = find(t->lex, t->nlex, h);

	return i == t->nlex ? 0 : t->lexcls[i];
}

bool
mq_tagger_known(const MqTagger *t, uint64_t h)
{
	return (mq_tagger_lex(t, h) & 0xff) != 0;	/* seen in a name */
}

/* Asks for the records of features f[0..n) to be brought into the cache. */
static void
prefetch(const MqTagger *t, const uint64_t *f, size_t n)
{
	uint32_t want;
	size_t k;

	for (k = 0; k < n; k++) {
		size_t i = home(f[k], t->nslot, &want);

		__builtin_prefetch(&t->tag[i]);
		__builtin_prefetch(&t->rec[i]);
	}
}

/* Adds the weights of features f[0..n) to acc (the model's integers). */
static void
add_weights(const MqTagger *t, const uint64_t *f, size_t n, int32_t *acc)
{
	size_t k;
	unsigned l;

	for (k = 0; k < n; k++) {
		const Rec *r = find_rec(t->rec, t->tag, t->nslot, f[k]);

		if (r != NULL)
			for (l = 0; l < MQ_TAG_NLABELS; l++)
				acc[l] += r->w[l];
	}
}

/*
 * The decoder's cache of words, kept in the scratch space.  Most of a
 * token's features are of one word, the token's or a neighbour's (all but
 * feat_pairs), and most tokens of an article are words met before: for
 * each word met, the cache keeps what its features add to the scores of
 * its own token (V_SELF; V_FIRST at the start of a sentence), and of the
 * tokens one and two after it (V_BEFORE, V_BEFORE2: it is their word
 * before) and one and two before it (V_AFTER, V_AFTER2).  A word found
 * there needs no model record but its pairs'.  Slots are direct-mapped;
 * each names the model it was worked out with (MqTagger.key), so the
 * Arabic and the English model share one cache.
 */
enum { V_SELF, V_FIRST, V_BEFORE, V_BEFORE2, V_AFTER, V_AFTER2, NV, V_START = NV };
#define CACHE_SLOTS 8192	/* a power of two */

typedef struct Known {
	uint64_t fold;		/* MqTagWord.fold */
	uint64_t check;		/* and the rest of the word (word_check) */
	uint64_t key;		/* MqTagger.key (0: empty) */
	uint16_t lex, lexstem, cls, clsstem;	/* as in MqTagWord */
	int32_t v[NV][MQ_TAG_NLABELS];
} Known;

struct MqTagCache {
	uint64_t key;				/* of edge */
	int32_t edge[NV][MQ_TAG_NLABELS];	/* V_BEFORE..: no word there */
	Known slot[CACHE_SLOTS];
};

/*
 * A hash of what mq_tag_describe says of w besides its fold: two words
 * with the same fold (the same letters, in other cases or with other
 * marks) and the same check are taken to be one (one chance in 2^64).
 */
static uint64_t
word_check(const MqTagWord *w)
{
	uint64_t h = mix(w->stem ^ mix(w->stem1 ^ mix(w->shape)));
	unsigned b;

	for (b = 0; b < 4; b++)
		h = mix(h ^ w->pre[b]) ^ w->suf[b];
	for (b = 0; b < 6; b++)
		h = mix(h ^ w->tri[b]);
	return mix(h ^ ((uint64_t)w->gaz << 32 | (uint64_t)w->script << 24 |
	    (uint64_t)w->len << 16 | (uint64_t)w->clitics << 8 | w->cap));
}

static uint16_t class_of(const MqWordClasses *c, uint64_t h);

/* Sets the lexicon classes and word classes of w. */
static void
word_facts(const MqTagger *t, MqTagWord *w)
{
	const MqWordClasses *c = t->classes;

	w->lex = mq_tagger_lex(t, w->fold);
	w->lexstem = w->stem != w->fold ? mq_tagger_lex(t, w->stem) : 0;
	w->cls = c != NULL ? class_of(c, w->fold) : 0;
	w->clsstem = c != NULL && w->stem != w->fold ? class_of(c, w->stem) : 0;
}

/* acc[0..L) += v[0..L) */
static void
add_to(int32_t *acc, const int32_t *v)
{
	unsigned l;

	for (l = 0; l < MQ_TAG_NLABELS; l++)
		acc[l] += v[l];
}

/* The slot of w, whose word_check is check. */
static Known *
slot_of(struct MqTagCache *c, const MqTagWord *w, uint64_t check)
{
	return &c->slot[mix(w->fold ^ check) & (CACHE_SLOTS - 1)];
}

/* Asks for the slot of w to be brought into the cache. */
static uint64_t
prefetch_slot(struct MqTagCache *c, const MqTagWord *w)
{
	uint64_t check = word_check(w);
	const char *e = (const char *)slot_of(c, w, check);
	size_t b;

	for (b = 0; b < sizeof(Known); b += 64)
		__builtin_prefetch(e + b);
	return check;
}

/*
 * The cache's entry for w, whose word_check is check, worked out when
 * missing; sets w's lexicon and word classes.
 */
static const Known *
known(const MqTagger *t, struct MqTagCache *c, MqTagWord *w, uint64_t check)
{
	uint64_t f[MAX_SELF + 2 * MAX_START + 2 * MAX_BESIDE + 2];
	int32_t own[MQ_TAG_NLABELS] = { 0 };
	size_t n[NV + 1], k, v;
	Known *e = slot_of(c, w, check);

	if (e->key == t->key && e->fold == w->fold && e->check == check) {
		w->lex = e->lex;
		w->lexstem = e->lexstem;
		w->cls = e->cls;
		w->clsstem = e->clsstem;
		return e;
	}
	word_facts(t, w);
	memset(e, 0, sizeof *e);
	e->fold = w->fold;
	e->check = check;
	e->key = t->key;
	e->lex = w->lex;
	e->lexstem = w->lexstem;
	e->cls = w->cls;
	e->clsstem = w->clsstem;
	/*
	 * every feature first, their records asked for at once, then summed;
	 * V_START: the word's own features either way (into V_SELF, V_FIRST)
	 */
	k = 0;
	k += n[V_SELF] = feat_start(w, false, f + k);
	k += n[V_FIRST] = feat_start(w, true, f + k);
	k += n[V_BEFORE] = feat_beside(w, false, f + k);
	f[k++] = feat_beside2(w, false);
	n[V_BEFORE2] = 1;
	k += n[V_AFTER] = feat_beside(w, true, f + k);
	f[k++] = feat_beside2(w, true);
	n[V_AFTER2] = 1;
	k += n[V_START] = feat_self(w, f + k);
	prefetch(t, f, k);
	for (k = v = 0; v < NV; k += n[v++])
		add_weights(t, f + k, n[v], e->v[v]);
	add_weights(t, f + k, n[V_START], own);
	add_to(e->v[V_SELF], own);
	add_to(e->v[V_FIRST], own);
	return e;
}

/* What the sentence's ends add (no word before or after), for t. */
static void
edges(const MqTagger *t, struct MqTagCache *c)
{
	uint64_t f[MAX_BESIDE];

	if (c->key == t->key)
		return;
	memset(c->edge, 0, sizeof c->edge);
	add_weights(t, f, feat_beside(NULL, false, f), c->edge[V_BEFORE]);
	add_weights(t, f, feat_beside(NULL, true, f), c->edge[V_AFTER]);
	f[0] = feat_beside2(NULL, false);
	add_weights(t, f, 1, c->edge[V_BEFORE2]);
	f[0] = feat_beside2(NULL, true);
	add_weights(t, f, 1, c->edge[V_AFTER2]);
	c->key = t->key;
}

/*
 * The integer scores acc[i * L + l] of label l at token i of w[0..n): the
 * words' parts from the cache, scattered to the tokens they are features
 * of, then the pairs'.
 */
static void
scores(const MqTagger *t, struct MqTagCache *c, MqTagWord *w, size_t n, int32_t *acc)
{
	const unsigned L = MQ_TAG_NLABELS;
	uint64_t f[2][MAX_PAIRS];
	uint64_t next;
	size_t i, nf;

	edges(t, c);
	memset(acc, 0, n * L * sizeof *acc);
	next = prefetch_slot(c, &w[0]);
	for (i = 0; i < n; i++) {
		uint64_t check = next;
		const Known *k;

		if (i + 1 < n)
			next = prefetch_slot(c, &w[i + 1]);
		k = known(t, c, &w[i], check);

		add_to(acc + i * L, k->v[i == 0 ? V_FIRST : V_SELF]);
		if (i + 1 < n)
			add_to(acc + (i + 1) * L, k->v[V_BEFORE]);
		if (i + 2 < n)
			add_to(acc + (i + 2) * L, k->v[V_BEFORE2]);
		if (i >= 1)
			add_to(acc + (i - 1) * L, k->v[V_AFTER]);
		if (i >= 2)
			add_to(acc + (i - 2) * L, k->v[V_AFTER2]);
	}
	/* the sentence's ends */
	add_to(acc, c->edge[V_BEFORE]);
	add_to(acc, c->edge[V_BEFORE2]);
	if (n >= 2)
		add_to(acc + L, c->edge[V_BEFORE2]);
	add_to(acc + (n - 1) * L, c->edge[V_AFTER]);
	add_to(acc + (n - 1) * L, c->edge[V_AFTER2]);
	if (n >= 2)
		add_to(acc + (n - 2) * L, c->edge[V_AFTER2]);
	/*
	 * The pairs' records are scattered over the model and most reads miss
	 * the cache: the next token's are asked for while this token's are
	 * summed.
	 */
	nf = feat_pairs(w, n, 0, f[0]);
	prefetch(t, f[0], nf);
	for (i = 0; i < n; i++) {
		const uint64_t *cur = f[i & 1];
		size_t ncur = nf;

		if (i + 1 < n) {
			nf = feat_pairs(w, n, i + 1, f[(i + 1) & 1]);
			prefetch(t, f[(i + 1) & 1], nf);
		}
		add_weights(t, cur, ncur, acc + i * L);
	}
}

/*
 * The margin of each token's label in out[0..n) (see mq_tagger_margin),
 * from max-marginals: the best score of a labelling through (i, l) is
 * fwd[i][l] + bwd[i][l].
 */
static void
margins(MqTagScratch *s, size_t n, const float *trans, const uint8_t *out)
{
	const unsigned L = MQ_TAG_NLABELS;
	float *f = s->fwd, *b = s->bwd, tr[NTRANS];
	unsigned l, p;
	size_t i;

	s->n = n;
	for (i = 0; i < n && out[i] == MQ_TAG_O; i++)
		s->sure[i] = 0;
	if (i == n)
		return;		/* no name: nothing to be sure of */
	masked(trans, tr);
	for (l = 0; l < L; l++)
		f[l] = tr[l] + s->emit[l];
	for (i = 1; i < n; i++)
		for (l = 0; l < L; l++) {
			float top = -INFINITY;

			for (p = 0; p < L; p++) {
				float x = f[(i - 1) * L + p] + tr[(p + 1) * L + l];

				top = x > top ? x : top;
			}
			f[i * L + l] = top + s->emit[i * L + l];
		}
	for (l = 0; l < L; l++)
		b[(n - 1) * L + l] = 0;
	for (i = n - 1; i-- > 0;)
		for (l = 0; l < L; l++) {
			float top = -INFINITY;

			for (p = 0; p < L; p++) {
				float x = tr[(l + 1) * L + p] + s->emit[(i + 1) * L + p] +
				    b[(i + 1) * L + p];

				top = x > top ? x : top;
			}
			b[i * L + l] = top;
		}
	for (i = 0; i < n; i++) {
		float mine = f[i * L + out[i]] + b[i * L + out[i]], other = -INFINITY;

		s->sure[i] = 0;
		if (out[i] == MQ_TAG_O)
			continue;
		for (l = 0; l < L; l++)
			if ((l == MQ_TAG_O || (l + 1) / 2 != (out[i] + 1u) / 2) &&
			    f[i * L + l] + b[i * L + l] > other)
				other = f[i * L + l] + b[i * L + l];
		s->sure[i] = mine - other;
	}
}

void
mq_tag_scratch_free(MqTagScratch *s)
{
	free(s->emit);
	free(s->acc);
	free(s->cache);
	free(s->back);
	free(s->sure);
	free(s->fwd);
	free(s->bwd);
	memset(s, 0, sizeof *s);
}

bool
mq_tagger_decode(const MqTagger *t, MqTagWord *w, size_t n,
    MqTagScratch *s, uint8_t *out)
{
	size_t i;

	if (n == 0)
		return true;
	if (s->cache == NULL && (s->cache = calloc(1, sizeof *s->cache)) == NULL)
		return false;
	if (n > s->cap) {
		size_t cap = n < 256 ? 256 : n;
		MqTagScratch x = { 0 };

		x.emit = malloc(cap * MQ_TAG_NLABELS * sizeof *x.emit);
		x.acc = malloc(cap * MQ_TAG_NLABELS * sizeof *x.acc);
		x.back = malloc(cap * MQ_TAG_NLABELS);
		x.sure = malloc(cap * sizeof *x.sure);
		x.fwd = malloc(cap * MQ_TAG_NLABELS * sizeof *x.fwd);
		x.bwd = malloc(cap * MQ_TAG_NLABELS * sizeof *x.bwd);
		if (x.emit == NULL || x.acc == NULL || x.back == NULL ||
		    x.sure == NULL || x.fwd == NULL || x.bwd == NULL) {
			mq_tag_scratch_free(&x);
			return false;
		}
		x.cache = s->cache;
		s->cache = NULL;
		mq_tag_scratch_free(s);
		*s = x;
		s->cap = cap;
	}
	scores(t, s->cache, w, n, s->acc);
	for (i = 0; i < n * MQ_TAG_NLABELS; i++)
		s->emit[i] = (float)s->acc[i] * t->scale;
	mq_tag_viterbi(s->emit, n, t->trans, s->back, out);
	margins(s, n, t->trans, out);
	return true;
}

float
mq_tagger_min_margin(const MqTagger *t)
{
	return t->min_margin;
}

float
mq_tagger_margin(const MqTagScratch *s, size_t i)
{
	return i < s->n ? s->sure[i] : 0;
}

uint32_t
mq_tagger_classes_id(const MqTagger *t)
{
	return t->classes_id;
}

bool
mq_tagger_set_classes(MqTagger *t, const MqWordClasses *c)
{
	bool fits = c != NULL && t->classes_id != 0 && c->id == t->classes_id;

	t->classes = fits ? c : NULL;
	t->key = (t->sum ^ (fits ? mix(c->id) : 0)) | 1;
	return fits;
}

/* ------------------------------------------------------------------ */
/* Word classes
 *
 * The file (little-endian, like a model):
 *	0	"MQCLASSE"
 *	8	u32 format version (CLASSES_VERSION)
 *	12	u32 0x01020304
 *	16	u64 slots L
 *	24	u64 checksum of bytes 40..end
 *	32	u64 file size
 *	40	u32 fingerprints[L] (0: empty), then u16 classes[L], from 8-byte
 *		boundaries; open addressing as in the model's tables
 */

#define CLASSES_VERSION 1
#define CLASSES_HEADER 40

static void
classes_layout(uint64_t l, size_t *cls, size_t *end)
{
	*cls = align8(CLASSES_HEADER + l * sizeof(uint32_t));
	*end = align8(*cls + l * sizeof(uint16_t));
}

bool
mq_classes_write(const uint64_t *keys, const uint16_t *cls, size_t n,
    const char *path, char **err)
{
	uint64_t l = n * 2 + 1;
	size_t ocls, end, i;
	unsigned char *buf;
	uint32_t *fp;
	uint16_t *out;
	bool ok;

	classes_layout(l, &ocls, &end);
	if ((buf = calloc(1, end)) == NULL) {
		mq_set_error(err, "%s: out of memory", path);
		return false;
	}
	fp = (uint32_t *)(void *)(buf + CLASSES_HEADER);
	out = (uint16_t *)(void *)(buf + ocls);
	memcpy(buf, "MQCLASSE", 8);
	put32(buf + 8, CLASSES_VERSION);
	put32(buf + 12, 0x01020304);
	put64(buf + 16, l);
	put64(buf + 32, end);
	for (i = 0; i < n; i++)
		out[put(fp, l, keys[i])] = cls[i];
	put64(buf + 24, checksum(buf + CLASSES_HEADER, end - CLASSES_HEADER));
	ok = write_atomic(path, buf, end, err);
	free(buf);
	return ok;
}

MqWordClasses *
mq_classes_load(const char *path, char **err)
{
	MqWordClasses *c;
	const unsigned char *m;
	const char *why = NULL;
	size_t ocls, end, i, size;
	void *map;
	uint64_t l;

	if ((map = map_file(path, CLASSES_HEADER, "word-class table", &size, err)) == NULL)
		return NULL;
	m = map;
	l = get64(m + 16);
	if (memcmp(m, "MQCLASSE", 8) != 0)
		why = "not a maqal word-class table";
	else if (get32(m + 12) != 0x01020304)
		why = "word classes written with the other byte order";
	else if (get32(m + 8) != CLASSES_VERSION)
		why = "word classes of another maqal version";
	else if (l == 0 || l > (1ULL << 32))
		why = "damaged word classes (table size)";
	if (why == NULL) {
		classes_layout(l, &ocls, &end);
		if (get64(m + 32) != (uint64_t)size || end != size)
			why = "damaged word classes (truncated or padded)";
		else if (checksum(m + CLASSES_HEADER, end - CLASSES_HEADER) != get64(m + 24))
			why = "damaged word classes (checksum)";
	}
	if (why == NULL) {
		const uint32_t *fp = (const uint32_t *)(const void *)(m + CLASSES_HEADER);

		for (i = 0; i < l && fp[i] != 0; i++)
			;
		if (i == l)
			why = "damaged word classes (table full)";
	}
	if (why != NULL || (c = calloc(1, sizeof *c)) == NULL) {
		mq_set_error(err, "%s: %s", path, why ? why : "out of memory");
		munmap(map, size);
		return NULL;
	}
	c->map = m;
	c->size = size;
	c->nslot = l;
	c->fp = (const uint32_t *)(const void *)(m + CLASSES_HEADER);
	c->cls = (const uint16_t *)(const void *)(m + ocls);
	c->id = (uint32_t)(get64(m + 24) >> 32) | 1;	/* never 0 */
	return c;
}

void
mq_classes_free(MqWordClasses *c)
{
	if (c == NULL)
		return;
	munmap((void *)c->map, c->size);
	free(c);
}

uint32_t
mq_classes_id(const MqWordClasses *c)
{
	return c->id;
}

static uint16_t
class_of(const MqWordClasses *c, uint64_t h)
{
	size_t i = find(c->fp, c->nslot, h);

	return i == c->nslot ? 0 : c->cls[i];
}

void
mq_tag_classes(const MqWordClasses *c, MqTagWord *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		w[i].cls = c != NULL ? class_of(c, w[i].fold) : 0;
		w[i].clsstem = c != NULL && w[i].stem != w[i].fold ? class_of(c, w[i].stem) : 0;
	}
}
