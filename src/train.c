/*
 * src/train: maqal-train, which trains the name tagger (core/tagger) on
 * CoNLL-style gold data and scores a model.
 *
 *   maqal-train [-e EPOCHS] [-c MIN-COUNT] [-H FRACTION] -o MODEL FILE...
 *   maqal-train --eval MODEL [--tail FRACTION] [--limit TOKENS] FILE
 *   maqal-train --headings ...   (the heading model: train-headings.c)
 *
 * Input: one token per line with its BIO tag last (tab or space between),
 * blank lines or a "." token end sentences; LRM, RLM and BOM are stripped
 * and tokens left empty dropped.  Tag types are mapped to ours: PERS/PER,
 * the person types of WikiFANE -> PERSON; LOC, GPE, location and
 * WikiFANE's places -> PLACE; ORG, corporation, group and WikiFANE's
 * organisations -> ORG; anything else -> MISC.
 *
 * Training is a structured averaged perceptron (Collins 2002): decode each
 * sentence with the current weights, and where the best labels differ from
 * the gold ones move the weights of the features of those tokens towards
 * gold; the model keeps the average of the weights over all steps.
 * Sentences are visited in an order shuffled by a fixed seed, so the same
 * data gives the same model byte for byte.  With -H the last FRACTION of the
 * first file's tokens is held out (whole sentences) and scored after each
 * epoch and, through the model file written, at the end.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "article.h"
#include "core/entity.h"
#include "core/fold.h"
#include "core/tagger.h"
#include "core/text.h"
#include "core/util.h"
#include "train.h"

static const char *progname = "maqal-train";

void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		die("out of memory");
	return p;
}

char *
xstrdup(const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		die("out of memory");
	return d;
}

void
grow(void **buf, size_t *cap, size_t need, size_t elem)
{
	if (!mq_grow(buf, cap, need, elem))
		die("out of memory");
}

/* ------------------------------------------------------------------ */
/* Training */

typedef struct Model {
	Index x;		/* feature hash -> dense index */
	size_t nf, cap;
	uint64_t *keys;		/* per dense index: the feature hash */
	float *w, *u;		/* weights, and their sums weighted by step */
	float trans[(MQ_TAG_NLABELS + 1) * MQ_TAG_NLABELS];
	float utrans[(MQ_TAG_NLABELS + 1) * MQ_TAG_NLABELS];
	double step;
	size_t *foff;		/* per token: its feature indices */
	int32_t *feat;
	size_t feat_cap;
	/* scratch for one sentence */
	float *emit;
	uint8_t *back, *pred;
} Model;

/* The dense index of feature key, added when new. */
static int32_t
feature_id(Model *m, uint64_t key)
{
	int32_t id = train_index_id(&m->x, key, m->nf);

	if ((size_t)id < m->nf)
		return id;
	if (m->nf == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1 << 16;

		m->keys = xrealloc(m->keys, cap * sizeof *m->keys);
		m->w = xrealloc(m->w, cap * MQ_TAG_NLABELS * sizeof *m->w);
		m->u = xrealloc(m->u, cap * MQ_TAG_NLABELS * sizeof *m->u);
		m->cap = cap;
	}
	m->keys[m->nf] = key;
	memset(m->w + m->nf * MQ_TAG_NLABELS, 0, MQ_TAG_NLABELS * sizeof *m->w);
	memset(m->u + m->nf * MQ_TAG_NLABELS, 0, MQ_TAG_NLABELS * sizeof *m->u);
	return (int32_t)m->nf++;
}

/* Computes the features of every token of c (again after the history changed). */
static void
featurize(Model *m, const Corpus *c)
{
	uint64_t f[MQ_TAG_MAXFEAT];
	size_t s, i, k, n = 0, maxlen = 1;

	m->foff = xrealloc(m->foff, (c->n + 1) * sizeof *m->foff);
	for (s = 0; s < c->nsent; s++) {
		size_t a = c->sent[s], b = c->sent[s + 1];

		if (b - a > maxlen)
			maxlen = b - a;
		for (i = a; i < b; i++) {
			size_t nf = mq_tagger_features(c->w + a, b - a, i - a, f);

			m->foff[i] = n;
			grow((void **)&m->feat, &m->feat_cap, n + nf, sizeof *m->feat);
			for (k = 0; k < nf; k++)
				m->feat[n++] = feature_id(m, f[k]);
		}
	}
	m->foff[c->n] = n;
	m->emit = xrealloc(m->emit, maxlen * MQ_TAG_NLABELS * sizeof *m->emit);
	m->back = xrealloc(m->back, maxlen * MQ_TAG_NLABELS);
	m->pred = xrealloc(m->pred, maxlen);
}

/* Emission scores of tokens [a, b) with weights w. */
static void
emissions(const Model *m, const float *w, size_t a, size_t b)
{
	size_t i, k, l;

	for (i = a; i < b; i++) {
		float *e = m->emit + (i - a) * MQ_TAG_NLABELS;

		memset(e, 0, MQ_TAG_NLABELS * sizeof *e);
		for (k = m->foff[i]; k < m->foff[i + 1]; k++) {
			const float *row = w + (size_t)m->feat[k] * MQ_TAG_NLABELS;

			for (l = 0; l < MQ_TAG_NLABELS; l++)
				e[l] += row[l];
		}
	}
}

/* Adds d to weight (f, l) at the current step. */
static void
bump(Model *m, size_t f, unsigned l, float d)
{
	m->w[f * MQ_TAG_NLABELS + l] += d;
	m->u[f * MQ_TAG_NLABELS + l] += (float)(m->step * d);
}

static void
bump_trans(Model *m, unsigned from, unsigned to, float d)
{
	m->trans[from * MQ_TAG_NLABELS + to] += d;
	m->utrans[from * MQ_TAG_NLABELS + to] += (float)(m->step * d);
}

/* One perceptron step on tokens [a, b) of c. */
static void
learn(Model *m, const Corpus *c, size_t a, size_t b)
{
	size_t i, k;

	emissions(m, m->w, a, b);
	mq_tagger_viterbi(m->emit, b - a, m->trans, m->back, m->pred);
	for (i = a; i < b; i++) {
		unsigned g = c->gold[i], p = m->pred[i - a];
		unsigned gp = i > a ? c->gold[i - 1] + 1u : 0;
		unsigned pp = i > a ? m->pred[i - a - 1] + 1u : 0;

		if (g != p) {
			for (k = m->foff[i]; k < m->foff[i + 1]; k++) {
				bump(m, (size_t)m->feat[k], g, 1);
				bump(m, (size_t)m->feat[k], p, -1);
			}
		}
		if (g != p || gp != pp) {
			bump_trans(m, gp, g, 1);
			bump_trans(m, pp, p, -1);
		}
	}
	m->step++;
}

/* xorshift64*: the fixed-seed order of sentences. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* Trains fresh weights on sentences sents[0..n) of c; leaves the averages in avg. */
static void
train(Model *m, const Corpus *c, size_t *sents, size_t n, unsigned epochs,
    float *avg, float *avg_trans)
{
	uint64_t seed = 0x6d6171616cULL;
	unsigned ep;
	size_t i;

	memset(m->w, 0, m->nf * MQ_TAG_NLABELS * sizeof *m->w);
	memset(m->u, 0, m->nf * MQ_TAG_NLABELS * sizeof *m->u);
	memset(m->trans, 0, sizeof m->trans);
	memset(m->utrans, 0, sizeof m->utrans);
	m->step = 1;
	for (ep = 1; ep <= epochs; ep++) {
		for (i = n; i > 1; i--) {
			size_t j = (size_t)(rnd(&seed) % i), tmp = sents[i - 1];

			sents[i - 1] = sents[j];
			sents[j] = tmp;
		}
		for (i = 0; i < n; i++)
			learn(m, c, c->sent[sents[i]], c->sent[sents[i] + 1]);
	}
	for (i = 0; i < m->nf * MQ_TAG_NLABELS; i++)
		avg[i] = m->w[i] - m->u[i] / (float)m->step;
	for (i = 0; i < (MQ_TAG_NLABELS + 1) * MQ_TAG_NLABELS; i++)
		avg_trans[i] = m->trans[i] - m->utrans[i] / (float)m->step;
}

static bool errors;	/* --errors: print the sentences with wrong labels */

/* Prints tokens [a, b) of c with gold and predicted labels where they differ. */
static void
print_errors(const Corpus *c, size_t a, size_t b, const uint8_t *pred)
{
	size_t i;

	for (i = a; i < b; i++) {
		if (pred[i - a] == c->gold[i])
			printf(" %s", c->text[i]);
		else
			printf(" [%s %s>%s]", c->text[i], mq_tagger_label_name(c->gold[i]),
			    mq_tagger_label_name(pred[i - a]));
	}
	printf("\n\n");
}

/* (a margin so low that no name is dropped) */
#define NO_MARGIN (-1e30f)
static const float margins[] = { NO_MARGIN, 2, 4, 6, 8, 10, 12, 16, 20, 24, 32, 48 };
#define NMARGINS (sizeof margins / sizeof *margins)

/*
 * Labels p[0..n) with the names whose weakest token's margin is under m
 * made O.
 */
static void
drop_unsure(const MqTagScratch *scratch, uint8_t *p, size_t n, float m)
{
	size_t i, j, k;

	for (i = 0; i < n; i = j) {
		float low;

		j = i + 1;
		if (p[i] == MQ_TAG_O)
			continue;
		low = mq_tagger_margin(scratch, i);
		while (j < n && p[j] != MQ_TAG_O && p[j] % 2 == 0) {
			float x = mq_tagger_margin(scratch, j);

			low = x < low ? x : low;
			j++;
		}
		if (low < m)
			for (k = i; k < j; k++)
				p[k] = MQ_TAG_O;
	}
}

/*
 * Scores model t on sentences [s0, s1) of c through core's decoder, the
 * names under the model's least margin dropped (as maqal does).
 */
static double
score_model(const MqTagger *t, Corpus *c, size_t s0, size_t s1, size_t limit,
    const char *prefix)
{
	MqTagScratch scratch = { 0 };
	Score sc = { 0 };
	uint8_t *labels = xrealloc(NULL, c->n);
	size_t s, tokens = 0;
	struct timespec t0, t1;
	double f, secs;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (s = s0; s < s1 && (limit == 0 || tokens < limit); s++) {
		size_t a = c->sent[s], b = c->sent[s + 1];

		if (!mq_tagger_decode(t, c->w + a, b - a, &scratch, labels + a))
			die("out of memory");
		/* what maqal shows: the names sure enough */
		drop_unsure(&scratch, labels + a, b - a, mq_tagger_min_margin(t));
		tokens += b - a;
	}
	s1 = s;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	for (s = s0; s < s1; s++) {
		size_t a = c->sent[s], b = c->sent[s + 1];

		train_score_sentence(&sc, c->gold + a, labels + a, b - a);
		if (errors && memcmp(labels + a, c->gold + a, b - a) != 0)
			print_errors(c, a, b, labels + a);
	}
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%stokens %zu, sentences %zu\n", prefix, tokens, s1 - s0);
	f = train_report(&sc, prefix);
	printf("%sspeed: %zu tokens in %.3f s = %.0f tokens/s (features and decoding)\n",
	    prefix, tokens, secs, secs > 0 ? (double)tokens / secs : 0);
	mq_tagger_scratch_free(&scratch);
	free(labels);
	return f;
}

/* The thresholds on a name's margin (mq_tagger_margin) that -k reports. */
/*
 * Adds the scores of model t on the held sentences of c to sc[0..NMARGINS):
 * sc[k] with the names under margins[k] dropped.
 */
static void
score_held(const MqTagger *t, Corpus *c, const bool *held, Score *sc)
{
	MqTagScratch scratch = { 0 };
	uint8_t *labels = xrealloc(NULL, c->n), *cut = xrealloc(NULL, c->n);
	size_t s, k;

	for (s = 0; s < c->nsent; s++) {
		size_t a = c->sent[s], b = c->sent[s + 1];

		if (!held[s])
			continue;
		if (!mq_tagger_decode(t, c->w + a, b - a, &scratch, labels + a))
			die("out of memory");
		for (k = 0; k < NMARGINS; k++) {
			memcpy(cut + a, labels + a, b - a);
			drop_unsure(&scratch, cut + a, b - a, margins[k]);
			train_score_sentence(&sc[k], c->gold + a, cut + a, b - a);
		}
		if (errors && memcmp(labels + a, c->gold + a, b - a) != 0)
			print_errors(c, a, b, labels + a);
	}
	mq_tagger_scratch_free(&scratch);
	free(labels);
	free(cut);
}

/* The first sentence of the last fraction of the tokens of sentences [0, ns). */
static size_t
tail_start(const Corpus *c, size_t ns, double fraction)
{
	size_t want = c->sent[ns] - (size_t)((double)c->sent[ns] * fraction), s;

	for (s = 0; s < ns && c->sent[s] < want; s++)
		;
	return s;
}

static MqGazetteer *
builtin_gazetteer(void)
{
	char *err = NULL;
	MqGazetteer *g = mq_builtin_gazetteer(&err);

	if (g == NULL)
		die("built-in gazetteer: %s", err ? err : "out of memory");
	return g;
}

static void
corpus_free(Corpus *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->text[i]);
	free(c->text);
	free(c->w);
	free(c->gold);
	free(c->sent);
	free(c->doc);
	memset(c, 0, sizeof *c);
}

static void
index_free(Index *x)
{
	free(x->key);
	free(x->val);
}

static void
model_free(Model *m)
{
	index_free(&m->x);
	free(m->keys);
	free(m->w);
	free(m->u);
	free(m->foff);
	free(m->feat);
	free(m->emit);
	free(m->back);
	free(m->pred);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Trains a model on the sentences of c not held, with the lexicon counted
 * from them and from extra, and writes it to out.  Prints what it did
 * unless quiet.
 */
static uint32_t class_id;	/* of the word classes given (0: none) */
static MqWordClasses *word_classes;	/* those (--word-classes) */

static void
fit(Corpus *c, const bool *held, const Corpus *extra, const Words *wd,
    unsigned epochs, float min_margin, const char *out, bool quiet)
{
	Model m = { 0 };
	Lexicon lx = { 0 };
	MqTagModelSpec spec;
	float *avg, avg_trans[(MQ_TAG_NLABELS + 1) * MQ_TAG_NLABELS];
	uint64_t *lex;
	uint16_t *lexcls;
	size_t *sents, nsents, s, i, k, nlex;
	char *err = NULL;

	train_build_lexicon(&lx, c, held, extra, wd);
	if (!quiet)
		printf("lexicon: %zu words\n", lx.n);
	featurize(&m, c);
	if (!quiet)
		printf("features: %zu\n", m.nf);
	sents = xrealloc(NULL, c->nsent * sizeof *sents);
	for (s = nsents = 0; s < c->nsent; s++)
		if (!held[s])
			sents[nsents++] = s;
	avg = xrealloc(NULL, m.nf * MQ_TAG_NLABELS * sizeof *avg);
	train(&m, c, sents, nsents, epochs, avg, avg_trans);

	/* the model: the features with a weight, and the lexicon */
	for (i = k = 0; i < m.nf; i++) {
		bool any = false;
		size_t j;

		for (j = 0; j < MQ_TAG_NLABELS; j++)
			any = any || fabsf(avg[i * MQ_TAG_NLABELS + j]) > 1e-3f;
		if (!any)
			continue;
		m.keys[k] = m.keys[i];
		memmove(avg + k * MQ_TAG_NLABELS, avg + i * MQ_TAG_NLABELS,
		    MQ_TAG_NLABELS * sizeof *avg);
		k++;
	}
	lex = xrealloc(NULL, lx.n * sizeof *lex);
	lexcls = xrealloc(NULL, lx.n * sizeof *lexcls);
	for (i = nlex = 0; i < lx.words.nslot; i++)
		if (lx.words.key[i] != 0)
			lex[nlex++] = lx.words.key[i];
	qsort(lex, nlex, sizeof *lex, cmp_u64);
	for (i = 0; i < nlex; i++)
		lexcls[i] = train_lex_class(&lx, lex[i], -1);
	spec.nfeat = k;
	spec.keys = m.keys;
	spec.weights = avg;
	spec.trans = avg_trans;
	spec.nlex = nlex;
	spec.lex = lex;
	spec.lexcls = lexcls;
	spec.min_margin = min_margin;
	spec.classes = class_id;
	if (!mq_tagger_write(&spec, out, &err))
		die("%s", err);
	if (!quiet)
		printf("model: %s, %zu features, %zu lexicon words\n", out, k, nlex);
	model_free(&m);
	index_free(&lx.words);
	free(lx.total);
	free(lx.fold);
	free(lx.dict);
	free(sents);
	free(avg);
	free(lex);
	free(lexcls);
}

/*
 * Cross-validation by document: the documents are dealt round-robin into
 * folds (or, with fewer documents than folds, the sentences are cut into
 * that many contiguous blocks: ANERcorp runs article after article); each
 * fold is scored by a model trained on the others, and the counts pooled.
 */
static float
cross_validate(Corpus *c, const bool *out, const Corpus *extra, const Words *wd,
    unsigned epochs, unsigned k)
{
	const char *dir = getenv("TMPDIR");
	char *tmp;
	bool *held = xrealloc(NULL, c->nsent);
	Score pool[NMARGINS];
	double best_f = -1, fs[NMARGINS];
	float best;
	size_t s;
	unsigned f;
	int fd;

	tmp = xrealloc(NULL, strlen(dir ? dir : "/tmp") + sizeof "/maqal-train-cv.XXXXXX");
	sprintf(tmp, "%s/maqal-train-cv.XXXXXX", dir ? dir : "/tmp");
	if ((fd = mkstemp(tmp)) < 0)
		die("%s: %s", tmp, strerror(errno));
	close(fd);
	memset(pool, 0, sizeof pool);
	printf("cross-validated: %u folds by %s (%u documents, %zu sentences, %zu tokens)\n",
	    k, c->ndoc_scored >= k ? "document" : "contiguous blocks of sentences",
	    c->ndoc_scored, c->always, c->sent[c->always]);
	if (c->always < c->nsent)
		printf("trained on in every fold, never scored: %zu sentences, %zu tokens (--also)\n",
		    c->nsent - c->always, c->n - c->sent[c->always]);
	for (f = 0; f < k; f++) {
		MqTagger *t;
		char *err = NULL;

		for (s = 0; s < c->nsent; s++)
			held[s] = s < c->always && (out[s] || (c->ndoc_scored >= k ?
			    c->doc[s] % k : (unsigned)(s * k / c->always)) == f);
		fit(c, held, extra, wd, epochs, NO_MARGIN, tmp, true);
		if ((t = mq_tagger_load(tmp, &err)) == NULL)
			die("%s", err);
		mq_tagger_set_classes(t, word_classes);
		/* scored: this fold, less what is held out of everything */
		for (s = 0; s < c->nsent; s++)
			held[s] = s < c->always && !out[s] && (c->ndoc_scored >= k ?
			    c->doc[s] % k : (unsigned)(s * k / c->always)) == f;
		score_held(t, c, held, pool);
		mq_tagger_free(t);
	}
	unlink(tmp);
	train_report(&pool[0], "  ");
	for (f = 0; f < NMARGINS; f++) {
		size_t tp = 0, fp = 0, fn = 0, i;
		double p, r, fh;

		for (i = 0; i < MQ_ENT_NTYPES; i++)
			if (i != MQ_ENT_MISC) {
				tp += pool[f].tp[i];
				fp += pool[f].fp[i];
				fn += pool[f].fn[i];
			}
		p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
		r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
		/* F with beta^2 = 1/2: precision counts twice as much as recall */
		fh = p + r > 0 ? 1.5 * p * r / (0.5 * p + r) : 0;
		if (f > 0)
			printf("  names with a margin under %g dropped: micro precision %.3f "
			    "recall %.3f F1 %.3f F(precision x2) %.3f\n", (double)margins[f], p, r,
			    p + r > 0 ? 2 * p * r / (p + r) : 0, fh);
		fs[f] = fh;
		if (fh > best_f)
			best_f = fh;
	}
	/* the least margin that does (about) as well as the best one */
	for (f = 0; f < NMARGINS && fs[f] < best_f - 0.002; f++)
		;
	best = margins[f];
	free(tmp);
	free(held);
	return best;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: maqal-train [-e EPOCHS] [-H FRACTION] [-k FOLDS] [--lexicon FILE] [-o MODEL] FILE...\n"
	    "       maqal-train --eval MODEL [--tail FRACTION] [--limit TOKENS] [--errors] FILE\n"
	    "       maqal-train --headings [-k FOLDS] [-e EPOCHS] [-b BAGS] [-o MODEL] [-v] SET=GOLD...\n"
	    "       maqal-train --headings --explain MODEL FILE\n"
	    "       maqal-train --classes [-c CLASSES] [-i PASSES] -o TABLE [TEXT...]\n"
	    "Trains maqal's name tagger on CoNLL-style gold data (TOKEN ... TAG per\n"
	    "line, BIO tags), or scores a model; with --headings, the heading model\n"
	    "(see src/train-headings.c): -k cross-validates by document.\n"
	    "  -o, --output MODEL   where to write the model (atomically)\n"
	    "  -e, --epochs N       passes over the data (default 12)\n"
	    "  -k, --folds K        cross-validate: K folds by document (-DOCSTART-\n"
	    "                       lines or files; else contiguous blocks), scores\n"
	    "                       pooled; then, with -o, train on everything; the\n"
	    "                       least margin of a name shown is the least one\n"
	    "                       within 0.002 of the best F (precision counting\n"
	    "                       twice as much as recall) unless --min-margin\n"
	    "                       is given\n"
	    "      --places FILE    place names, one a line: their words (features)\n"
	    "      --name-list FILE names of people and places, NAME<TAB>TYPE a\n"
	    "                       line: their words (features)\n"
	    "      --word-classes T word classes (maqal-train --classes) as features\n"
	    "      --min-margin M   names whose weakest token's margin is under M\n"
	    "                       are not shown (default: none dropped)\n"
	    "  -H, --hold-out F     hold out the last fraction F of the first file\n"
	    "                       and score the model on it\n"
	    "      --also FILE      more gold to train on, in every fold of -k and\n"
	    "                       never scored (data of another kind)\n"
	    "      --lexicon FILE   count how FILE's words are tagged for the\n"
	    "                       lexicon features, without training on it\n"
	    "      --words FILE     a dictionary of the language, a word a line\n"
	    "                       (hunspell's unmunch): capitalised entries are\n"
	    "                       names, the others ordinary words (features)\n"
	    "      --eval MODEL     score MODEL on FILE: precision, recall and F1\n"
	    "                       per type, and tokens per second\n"
	    "      --tail F         with --eval: only the last fraction F of FILE\n"
	    "      --limit N        with --eval: only the first N tokens of that\n"
	    "      --errors         with --eval: print the sentences it got wrong\n");
}

double
number(const char *opt, const char *s, double lo, double hi)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || v < lo || v > hi)
		die("%s: expected a number from %g to %g, got '%s'", opt, lo, hi, s);
	return v;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "epochs", required_argument, NULL, 'e' },
		{ "hold-out", required_argument, NULL, 'H' },
		{ "lexicon", required_argument, NULL, 'X' },
		{ "eval", required_argument, NULL, 'E' },
		{ "also", required_argument, NULL, 'A' },
		{ "tail", required_argument, NULL, 'T' },
		{ "limit", required_argument, NULL, 'L' },
		{ "errors", no_argument, NULL, 'R' },
		{ "folds", required_argument, NULL, 'k' },
		{ "words", required_argument, NULL, 'W' },
		{ "places", required_argument, NULL, 'P' },
		{ "name-list", required_argument, NULL, 'N' },
		{ "min-margin", required_argument, NULL, 'M' },
		{ "word-classes", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL, *eval = NULL, *lexfile[8], *also[8];
	double hold = 0, tail = 1;
	unsigned epochs = 12, folds = 0;
	float min_margin = NAN;
	size_t limit = 0, s, i, held_start, nsent_first = 0, nlexfile = 0, nalso = 0;
	MqGazetteer *g;
	Corpus c = { 0 }, extra = { 0 };
	Words words = { 0 };
	MqWordClasses *classes = NULL;
	bool *held;
	int opt;
	char *err = NULL;
	MqTagger *t;

	if (argc > 1 && strcmp(argv[1], "--headings") == 0)
		return mq_train_headings(argc, argv);
	if (argc > 1 && strcmp(argv[1], "--classes") == 0)
		return mq_train_classes(argc, argv);
	while ((opt = getopt_long(argc, argv, "o:e:H:k:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'o': out = optarg; break;
		case 'e': epochs = (unsigned)number("--epochs", optarg, 1, 100); break;
		case 'H': hold = number("--hold-out", optarg, 0, 0.9); break;
		case 'X':
			if (nlexfile == sizeof lexfile / sizeof *lexfile)
				die("--lexicon: at most %zu files", nlexfile);
			lexfile[nlexfile++] = optarg;
			break;
		case 'A':
			if (nalso == sizeof also / sizeof *also)
				die("--also: at most %zu files", nalso);
			also[nalso++] = optarg;
			break;
		case 'E': eval = optarg; break;
		case 'T': tail = number("--tail", optarg, 0.001, 1); break;
		case 'L': limit = (size_t)number("--limit", optarg, 1, 1e12); break;
		case 'R': errors = true; break;
		case 'W': train_read_words(&words, optarg, WORDS_DICT); break;
		case 'P': train_read_words(&words, optarg, WORDS_PLACES); break;
		case 'N': train_read_words(&words, optarg, WORDS_NAMES); break;
		case 'C':
			mq_classes_free(classes);
			if ((classes = mq_classes_load(optarg, &err)) == NULL)
				die("%s", err);
			break;
		case 'M': min_margin = (float)number("--min-margin", optarg, -1e6, 1e6); break;
		case 'k': folds = (unsigned)number("--folds", optarg, 2, 100); break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind >= argc || (eval == NULL && out == NULL && folds == 0) ||
	    (eval != NULL && argc - optind != 1)) {
		usage(stderr);
		return 2;
	}
	g = builtin_gazetteer();

	if (eval != NULL) {
		if ((t = mq_tagger_load(eval, &err)) == NULL)
			die("%s", err);
		if (mq_tagger_classes_id(t) != 0 && !mq_tagger_set_classes(t, classes))
			die("%s: needs the word classes it learnt with (--word-classes)", eval);
		train_read_gold(&c, g, argv[optind]);
		score_model(t, &c, tail_start(&c, c.nsent, tail), c.nsent, limit, "");
		mq_tagger_free(t);
		corpus_free(&c);
		mq_gazetteer_free(g);
		return 0;
	}

	for (i = (size_t)optind; i < (size_t)argc; i++) {
		train_read_gold(&c, g, argv[i]);
		if (i == (size_t)optind)
			nsent_first = c.nsent;
	}
	c.always = c.nsent;
	c.ndoc_scored = c.ndoc;
	for (i = 0; i < nalso; i++)
		train_read_gold(&c, g, also[i]);
	for (i = 0; i < nlexfile; i++)
		train_read_gold(&extra, g, lexfile[i]);
	mq_classes_tag(classes, c.w, c.n);
	class_id = classes != NULL ? mq_classes_id(classes) : 0;
	word_classes = classes;
	/* held out: the tail of the first file; trained on everything else */
	held_start = hold > 0 ? tail_start(&c, nsent_first, hold) : nsent_first;
	held = xrealloc(NULL, c.nsent);
	for (s = 0; s < c.nsent; s++)
		held[s] = s >= held_start && s < nsent_first;
	if (folds > 0) {
		float m = cross_validate(&c, held, &extra, &words, epochs, folds);

		if (isnan(min_margin)) {
			min_margin = m;
			printf("least margin of a name shown: %g (the least within 0.002 of "
			    "the best F, precision x2)\n", (double)m);
		}
		if (out == NULL) {
			corpus_free(&c);
			corpus_free(&extra);
			mq_gazetteer_free(g);
			free(words.fold);
			free(words.bits);
			free(held);
			mq_classes_free(classes);
			return 0;
		}
	}
	printf("data: %zu tokens in %zu sentences; held out: sentences %zu-%zu (%zu tokens)\n",
	    c.n, c.nsent, held_start, nsent_first,
	    c.sent[nsent_first] - c.sent[held_start]);
	fit(&c, held, &extra, &words, epochs, isnan(min_margin) ? NO_MARGIN : min_margin,
	    out, false);

	if ((t = mq_tagger_load(out, &err)) == NULL)
		die("%s", err);
	mq_tagger_set_classes(t, classes);
	printf("model size: %zu bytes\n", mq_tagger_size(t));
	if (held_start < nsent_first) {
		printf("held out, through the model file:\n");
		score_model(t, &c, held_start, nsent_first, 0, "  ");
	}
	mq_tagger_free(t);
	/* (freed so that a leak checker sees nothing left behind) */
	corpus_free(&c);
	corpus_free(&extra);
	mq_gazetteer_free(g);
	free(held);
	free(words.fold);
	free(words.bits);
	mq_classes_free(classes);
	return 0;
}
