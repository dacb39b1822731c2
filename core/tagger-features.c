/*
 * core/tagger-features: what the name tagger sees of a token.
 *
 * Features are 64-bit hashes of (template, value): the folded word, its
 * stems, affixes, shape and script, its neighbours at -2..+2, two word
 * bigrams and the gazetteer facts of the word and its neighbours.  The
 * score of a label at a token is the sum of the weights of its features for
 * that label; a transition weight joins consecutive labels (Viterbi, here
 * too).  The trainer and the reader share this code, so a model sees at
 * run time exactly the features it was trained on.
 */
#include "config.h"

#include <assert.h>
#include <math.h>
#include <string.h>

#include "fold.h"
#include "tagger-private.h"
#include "util.h"

static const char *const label_names[MQ_TAG_NLABELS] = {
	"O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG", "B-PLACE", "I-PLACE",
	"B-MISC", "I-MISC"
};

uint8_t
mq_tagger_label(MqEntityType t, bool inside)
{
	int k = t == MQ_ENT_PERSON ? 0 : t == MQ_ENT_ORG ? 1 :
	    t == MQ_ENT_PLACE ? 2 : 3;

	return (uint8_t)(1 + 2 * k + inside);
}

MqEntityType
mq_tagger_label_type(uint8_t label, bool *inside)
{
	static const MqEntityType types[] = { MQ_ENT_PERSON, MQ_ENT_ORG,
	    MQ_ENT_PLACE, MQ_ENT_MISC };

	if (inside != NULL)
		*inside = label > 0 && label % 2 == 0;
	return label == 0 || label >= MQ_TAG_NLABELS ? MQ_ENT_MISC :
	    types[(label - 1) / 2];
}

const char *
mq_tagger_label_name(uint8_t label)
{
	return label < MQ_TAG_NLABELS ? label_names[label] : "?";
}

uint64_t
mq_tagger_hash(const char *s, size_t len)
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
mq_tagger_lex_class(const uint32_t counts[5])
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
mq_tagger_clitics(const uint32_t *cp, size_t n, size_t *stem1)
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
mq_tagger_describe(const MqGazetteer *g, const uint32_t *cp, size_t n, MqTagWord *w)
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
	st = mq_tagger_clitics(fc, nf, &s1);
	w->fold = hash_cps(fc, nf);
	w->stem1 = hash_cps(fc + s1, nf - s1);
	w->stem = hash_cps(fc + st, nf - st);
	for (k = 1; k <= 4; k++) {
		w->pre[k - 1] = nf - st >= k ? hash_cps(fc + st, k) : 0;
		w->suf[k - 1] = nf >= k ? hash_cps(fc + nf - k, k) : 0;
	}
	for (k = 0; k < 6 && st + k + 3 <= nf; k++)
		w->tri[k] = hash_cps(fc + st + k, 3);
	w->shape = mq_tagger_hash(shape, ns);
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
mq_tagger_phrases(const MqGazetteer *g, const char *const *keys, MqTagWord *w,
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

/* The MQ_TAG_LIST_* bits of w's lexicon classes, the word's and its stem's. */
static unsigned
list_of(const MqTagWord *w)
{
	return (w->lex >> MQ_TAG_LIST_SHIFT & 3) * 4u + (w->lexstem >> MQ_TAG_LIST_SHIFT & 3);
}
_Static_assert(MAX_SELF + MAX_START + 2 * MAX_BESIDE + 2 + MAX_PAIRS <=
    MQ_TAG_MAXFEAT, "MQ_TAG_MAXFEAT holds every feature of a token");

/* The features of a token's capitals, with whether it is first. */
size_t
tagger_feat_start(const MqTagWord *t, bool first, uint64_t *out)
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
size_t
tagger_feat_self(const MqTagWord *t, uint64_t *out)
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
size_t
tagger_feat_beside(const MqTagWord *p, bool after, uint64_t *out)
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
uint64_t
tagger_feat_beside2(const MqTagWord *p, bool after)
{
	return feat(after ? T_NEXT2 : T_PREV2, p ? p->fold : BOUNDARY(after ? 2 : -2));
}

/* The features of token i of w[0..n) that need two words or the sentence. */
size_t
tagger_feat_pairs(const MqTagWord *w, size_t n, size_t i, uint64_t *out)
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
mq_tagger_features(const MqTagWord *w, size_t n, size_t i, uint64_t *out)
{
	size_t k;

	k = tagger_feat_self(&w[i], out);
	k += tagger_feat_start(&w[i], i == 0, out + k);
	k += tagger_feat_beside(i >= 1 ? &w[i - 1] : NULL, false, out + k);
	k += tagger_feat_beside(i + 1 < n ? &w[i + 1] : NULL, true, out + k);
	out[k++] = tagger_feat_beside2(i >= 2 ? &w[i - 2] : NULL, false);
	out[k++] = tagger_feat_beside2(i + 2 < n ? &w[i + 2] : NULL, true);
	k += tagger_feat_pairs(w, n, i, out + k);
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
void
tagger_masked(const float *trans, float *out)
{
	unsigned p, l;

	for (p = 0; p <= MQ_TAG_NLABELS; p++)
		for (l = 0; l < MQ_TAG_NLABELS; l++)
			out[p * MQ_TAG_NLABELS + l] = allowed(p == 0 ? MQ_TAG_NLABELS : p - 1, l) ?
			    trans[p * MQ_TAG_NLABELS + l] : -INFINITY;
}

void
mq_tagger_viterbi(const float *emit, size_t n, const float *trans, uint8_t *back,
    uint8_t *out)
{
	float cur[MQ_TAG_NLABELS], prev[MQ_TAG_NLABELS];
	/* for each label, the labels it may follow (in order) and the weights */
	float w[MQ_TAG_NLABELS][MQ_TAG_NLABELS];
	uint8_t from[MQ_TAG_NLABELS][MQ_TAG_NLABELS], nfrom[MQ_TAG_NLABELS] = {0};
	unsigned l, p, k, best;
	size_t i;

	if (n == 0)
		return;
	for (l = 0; l < MQ_TAG_NLABELS; l++) {
		for (p = 0; p < MQ_TAG_NLABELS; p++)
			if (allowed(p, l)) {
				from[l][nfrom[l]] = (uint8_t)p;
				w[l][nfrom[l]++] = trans[(p + 1) * MQ_TAG_NLABELS + l];
			}
		cur[l] = allowed(MQ_TAG_NLABELS, l) ? trans[l] + emit[l] : -INFINITY;
	}
	for (i = 1; i < n; i++) {
		memcpy(prev, cur, sizeof prev);
		for (l = 0; l < MQ_TAG_NLABELS; l++) {
			float top = -INFINITY;
			unsigned arg = 0;

			for (k = 0; k < nfrom[l]; k++) {
				float x = prev[from[l][k]] + w[l][k];

				if (x > top) {
					top = x;
					arg = from[l][k];
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
