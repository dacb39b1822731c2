/*
 * core/tagger: the name tagger's decoder.  A sentence's scores are summed
 * from the model's records (the words' parts from a cache of words met
 * before, the pairs' from the model), decoded with Viterbi into BIO labels,
 * and each label's margin is worked out from max-marginals, so that only
 * names the model is sure enough of are shown.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tagger-private.h"

/* Asks for the records of features f[0..n) to be brought into the cache. */
static void
prefetch(const MqTagger *t, const uint64_t *f, size_t n)
{
	uint32_t want;
	size_t k;

	for (k = 0; k < n; k++) {
		size_t i = tagger_home(f[k], t->nslot, &want);

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
		const Rec *r = tagger_find_rec(t->rec, t->tag, t->nslot, f[k]);

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
 * A hash of what mq_tagger_describe says of w besides its fold: two words
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

/* Sets the lexicon classes and word classes of w. */
static void
word_facts(const MqTagger *t, MqTagWord *w)
{
	const MqWordClasses *c = t->classes;

	w->lex = mq_tagger_lex(t, w->fold);
	w->lexstem = w->stem != w->fold ? mq_tagger_lex(t, w->stem) : 0;
	w->cls = c != NULL ? tagger_class_of(c, w->fold) : 0;
	w->clsstem = c != NULL && w->stem != w->fold ? tagger_class_of(c, w->stem) : 0;
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
	k += n[V_SELF] = tagger_feat_start(w, false, f + k);
	k += n[V_FIRST] = tagger_feat_start(w, true, f + k);
	k += n[V_BEFORE] = tagger_feat_beside(w, false, f + k);
	f[k++] = tagger_feat_beside2(w, false);
	n[V_BEFORE2] = 1;
	k += n[V_AFTER] = tagger_feat_beside(w, true, f + k);
	f[k++] = tagger_feat_beside2(w, true);
	n[V_AFTER2] = 1;
	k += n[V_START] = tagger_feat_self(w, f + k);
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
	add_weights(t, f, tagger_feat_beside(NULL, false, f), c->edge[V_BEFORE]);
	add_weights(t, f, tagger_feat_beside(NULL, true, f), c->edge[V_AFTER]);
	f[0] = tagger_feat_beside2(NULL, false);
	add_weights(t, f, 1, c->edge[V_BEFORE2]);
	f[0] = tagger_feat_beside2(NULL, true);
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
	nf = tagger_feat_pairs(w, n, 0, f[0]);
	prefetch(t, f[0], nf);
	for (i = 0; i < n; i++) {
		const uint64_t *cur = f[i & 1];
		size_t ncur = nf;

		if (i + 1 < n) {
			nf = tagger_feat_pairs(w, n, i + 1, f[(i + 1) & 1]);
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
	tagger_masked(trans, tr);
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
mq_tagger_scratch_free(MqTagScratch *s)
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
			mq_tagger_scratch_free(&x);
			return false;
		}
		x.cache = s->cache;
		s->cache = NULL;
		mq_tagger_scratch_free(s);
		*s = x;
		s->cap = cap;
	}
	scores(t, s->cache, w, n, s->acc);
	for (i = 0; i < n * MQ_TAG_NLABELS; i++)
		s->emit[i] = (float)s->acc[i] * t->scale;
	mq_tagger_viterbi(s->emit, n, t->trans, s->back, out);
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
