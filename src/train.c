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
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <unicode/uchar.h>

#include "article.h"
#include "core/entity.h"
#include "core/fold.h"
#include "core/tagger.h"
#include "core/text.h"
#include "core/util.h"
#include "train.h"

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
/* Reading gold data */

/* Our type for a gold tag's type name. */
static MqEntityType
map_type(const char *s)
{
	static const char *const person[] = { "PERS", "PER", "PERSON", "person",
	    "Politician", "Religious_PER", "Artist", "Other_PER", "Scientist",
	    "Athlete", "Businessperson", "Engineer", "Lawyer", "Police", "Group",
	    NULL };
	static const char *const org[] = { "ORG", "corporation", "group",
	    "Commercial", "Educational", "Entertainment", "Government", "Media",
	    "Medical-Science", "Non-Governmental", "Religious_ORG", "Sports",
	    NULL };
	static const char *const place[] = { "LOC", "GPE", "location",
	    "Population-Center", "Nation", "State-or-Province",
	    "County-or-District", "GPE-Cluster", "Continent", "Water-Body",
	    "Land-Region-Natural", "Celestial", "Building-Grounds", "Path",
	    "Airport", "Subarea-Facility", NULL };
	const char *const *l;

	for (l = person; *l; l++)
		if (strcmp(s, *l) == 0)
			return MQ_ENT_PERSON;
	for (l = org; *l; l++)
		if (strcmp(s, *l) == 0)
			return MQ_ENT_ORG;
	for (l = place; *l; l++)
		if (strcmp(s, *l) == 0)
			return MQ_ENT_PLACE;
	return MQ_ENT_MISC;
}

static void
end_sentence(Corpus *c)
{
	if (c->sent[c->nsent] == c->n)
		return;		/* empty */
	grow((void **)&c->sent, &c->sent_cap, c->nsent + 2, sizeof *c->sent);
	grow((void **)&c->doc, &c->doc_cap, c->nsent + 1, sizeof *c->doc);
	c->doc[c->nsent] = c->ndoc - 1;
	c->sent[++c->nsent] = c->n;
}

/* Drops LRM, RLM, ALM and BOM from s in place; returns the new length. */
static size_t
strip_marks(char *s, size_t len)
{
	size_t i, k = 0;

	for (i = 0; i < len;) {
		if (i + 3 <= len && ((memcmp(s + i, "\xe2\x80\x8e", 3) == 0 ||
		    memcmp(s + i, "\xe2\x80\x8f", 3) == 0 ||
		    memcmp(s + i, "\xef\xbb\xbf", 3) == 0))) {
			i += 3;
			continue;
		}
		if (i + 2 <= len && memcmp(s + i, "\xd8\x9c", 2) == 0) {
			i += 2;
			continue;
		}
		s[k++] = s[i++];
	}
	s[k] = '\0';
	return k;
}

/* Adds one token with its gold label to the open sentence. */
static void
add_token(Corpus *c, const MqGazetteer *g, const char *tok, size_t len,
    uint8_t label)
{
	uint32_t cp[256];
	size_t n = 0, i, k;

	for (i = 0; i < len && n < 256; i += k)
		k = mq_utf8_decode((const unsigned char *)tok + i, len - i, &cp[n++]);
	grow((void **)&c->w, &c->cap, c->n + 1, sizeof *c->w);
	c->gold = xrealloc(c->gold, c->cap);
	c->text = xrealloc(c->text, c->cap * sizeof *c->text);
	if ((c->text[c->n] = strndup(tok, len)) == NULL)
		die("out of memory");
	mq_tagger_describe(g, cp, n, &c->w[c->n]);
	c->gold[c->n] = label;
	c->n++;
}

/* Marks the gazetteer phrases of every sentence of c (see mq_tagger_phrases). */
static void
mark_phrases(Corpus *c, const MqGazetteer *g)
{
	size_t s, i, maxlen = 0;
	char **keys;

	for (s = 0; s < c->nsent; s++)
		if (c->sent[s + 1] - c->sent[s] > maxlen)
			maxlen = c->sent[s + 1] - c->sent[s];
	keys = xrealloc(NULL, (maxlen + 1) * sizeof *keys);
	for (i = 0; i < maxlen; i++)
		keys[i] = xrealloc(NULL, 4 * 96 + 1);
	for (s = 0; s < c->nsent; s++) {
		size_t a = c->sent[s], b = c->sent[s + 1];

		for (i = a; i < b; i++)
			mq_fold_utf8(c->text[i], strlen(c->text[i]), keys[i - a], 4 * 96 + 1);
		mq_tagger_phrases(g, (const char *const *)keys, c->w + a, b - a);
	}
	for (i = 0; i < maxlen; i++)
		free(keys[i]);
	free(keys);
}

/* Reads a gold file into c. */
static void
read_gold(Corpus *c, const MqGazetteer *g, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t len;
	uint8_t prev = MQ_TAG_O;

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	if (c->sent == NULL) {
		grow((void **)&c->sent, &c->sent_cap, 1, sizeof *c->sent);
		c->sent[0] = 0;		/* sent[nsent]: where the open sentence starts */
	}
	c->ndoc++;		/* each file begins a document */
	while ((len = getline(&line, &cap, f)) >= 0) {
		char *tag, *sep;
		size_t tlen;
		uint8_t label = MQ_TAG_O;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (strncmp(line, "-DOCSTART-", 10) == 0) {
			end_sentence(c);
			prev = MQ_TAG_O;
			if (c->nsent > 0 && c->doc[c->nsent - 1] == c->ndoc - 1)
				c->ndoc++;	/* (not when nothing came before it) */
			continue;
		}
		/* the tag is the last field */
		for (sep = line + len; sep > line && sep[-1] != '\t' && sep[-1] != ' '; sep--)
			;
		if (sep == line) {
			if (strip_marks(line, (size_t)len) == 0) {
				end_sentence(c);	/* a blank line */
				prev = MQ_TAG_O;
			}
			continue;	/* a token without a tag: skipped */
		}
		tag = sep;
		sep[-1] = '\0';
		if ((tlen = strip_marks(line, strlen(line))) == 0)
			continue;
		while (tlen > 0 && (line[tlen - 1] == ' ' || line[tlen - 1] == '\t'))
			line[--tlen] = '\0';
		if ((tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-' && tag[2]) {
			MqEntityType t = map_type(tag + 2);
			bool inside = tag[0] == 'I';

			/* I-X after anything but X begins a name */
			if (inside && (prev == MQ_TAG_O ||
			    mq_tagger_label_type(prev, NULL) != t))
				inside = false;
			label = mq_tagger_label(t, inside);
		}
		add_token(c, g, line, tlen, label);
		prev = label;
		if ((tlen == 1 && line[0] == '.') || c->n - c->sent[c->nsent] >= 400) {
			end_sentence(c);
			prev = MQ_TAG_O;
		}
	}
	if (ferror(f))
		die("%s: %s", path, strerror(errno));
	end_sentence(c);
	mark_phrases(c, g);
	free(line);
	fclose(f);
}

/* ------------------------------------------------------------------ */
/* Scoring */

typedef struct Score {
	size_t tp[MQ_ENT_NTYPES], fp[MQ_ENT_NTYPES], fn[MQ_ENT_NTYPES];
} Score;

/* Spans "start end type" of labels l[0..n): calls back for each. */
static size_t
spans(const uint8_t *l, size_t n, size_t *s, size_t *e, uint8_t *t)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		bool inside;
		MqEntityType ty;

		if (l[i] == MQ_TAG_O)
			continue;
		ty = mq_tagger_label_type(l[i], &inside);
		if (inside && k > 0 && e[k - 1] == i && t[k - 1] == ty) {
			e[k - 1] = i + 1;
			continue;
		}
		s[k] = i;
		e[k] = i + 1;
		t[k] = (uint8_t)ty;
		k++;
	}
	return k;
}

/* Counts exact span matches between gold g and predicted p over n tokens. */
static void
score_sentence(Score *sc, const uint8_t *g, const uint8_t *p, size_t n)
{
	size_t *gs = xrealloc(NULL, 2 * n * sizeof *gs), *ge = gs + n;
	size_t *ps = xrealloc(NULL, 2 * n * sizeof *ps), *pe = ps + n;
	uint8_t *gt = xrealloc(NULL, n), *pt = xrealloc(NULL, n);
	size_t ng = spans(g, n, gs, ge, gt), np = spans(p, n, ps, pe, pt), i, j;

	for (i = 0; i < np; i++) {
		for (j = 0; j < ng; j++)
			if (gs[j] == ps[i] && ge[j] == pe[i] && gt[j] == pt[i])
				break;
		if (j < ng)
			sc->tp[pt[i]]++;
		else
			sc->fp[pt[i]]++;
	}
	for (j = 0; j < ng; j++) {
		for (i = 0; i < np; i++)
			if (gs[j] == ps[i] && ge[j] == pe[i] && gt[j] == pt[i])
				break;
		if (i == np)
			sc->fn[gt[j]]++;
	}
	free(gs);
	free(ps);
	free(gt);
	free(pt);
}

/* Prints P/R/F1 per type and the micro average over PERSON, PLACE, ORG. */
static double
report(const Score *sc, const char *prefix)
{
	static const MqEntityType order[] = { MQ_ENT_PERSON, MQ_ENT_PLACE,
	    MQ_ENT_ORG, MQ_ENT_MISC };
	size_t tp = 0, fp = 0, fn = 0, i;
	double p, r, f = 0;

	for (i = 0; i < 4; i++) {
		MqEntityType t = order[i];
		double pp = sc->tp[t] + sc->fp[t] ? (double)sc->tp[t] / (double)(sc->tp[t] + sc->fp[t]) : 0;
		double rr = sc->tp[t] + sc->fn[t] ? (double)sc->tp[t] / (double)(sc->tp[t] + sc->fn[t]) : 0;

		printf("%s%-7s precision %.3f recall %.3f F1 %.3f (gold %zu)\n", prefix,
		    mq_entity_type_name(t), pp, rr, pp + rr > 0 ? 2 * pp * rr / (pp + rr) : 0,
		    sc->tp[t] + sc->fn[t]);
		if (t != MQ_ENT_MISC) {
			tp += sc->tp[t];
			fp += sc->fp[t];
			fn += sc->fn[t];
		}
	}
	p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
	r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
	f = p + r > 0 ? 2 * p * r / (p + r) : 0;
	printf("%smicro   precision %.3f recall %.3f F1 %.3f (PERSON, PLACE, ORG)\n",
	    prefix, p, r, f);
	return f;
}

/* ------------------------------------------------------------------ */
/* The feature index */

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
static int32_t
index_id(Index *x, uint64_t key, size_t next)
{
	int32_t id = index_get(x, key);

	if (id >= 0)
		return id;
	index_add(x, key);
	x->val[index_slot(x, key + (key == 0))] = (int32_t)next;
	return (int32_t)next;
}

/* ------------------------------------------------------------------ */
/* Training */

#define FOLDS 10	/* for the lexicon's counts */

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
	int32_t id = index_id(&m->x, key, m->nf);

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

		score_sentence(&sc, c->gold + a, labels + a, b - a);
		if (errors && memcmp(labels + a, c->gold + a, b - a) != 0)
			print_errors(c, a, b, labels + a);
	}
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%stokens %zu, sentences %zu\n", prefix, tokens, s1 - s0);
	f = report(&sc, prefix);
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
			score_sentence(&sc[k], c->gold + a, cut + a, b - a);
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

static unsigned
count_slot(uint8_t label)
{
	static const unsigned slot[] = { 1, 2, 3, 4 };	/* PERSON ORG PLACE MISC */

	return label == MQ_TAG_O ? 0 : slot[(label - 1) / 2];
}

static int32_t
lex_id(Lexicon *x, uint64_t key)
{
	int32_t id = index_id(&x->words, key, x->n);

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
static uint16_t
lex_class(const Lexicon *x, uint64_t key, int f)
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
enum { WORDS_DICT, WORDS_PLACES, WORDS_NAMES };
static void
read_words(Words *wd, const char *path, int kind)
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
static void
build_lexicon(Lexicon *x, Corpus *c, const bool *held, const Corpus *extra,
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

			w->lex = lex_class(x, w->fold, f);
			w->lexstem = w->stem != w->fold ? lex_class(x, w->stem, f) : 0;
		}
	}
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

	build_lexicon(&lx, c, held, extra, wd);
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
		lexcls[i] = lex_class(&lx, lex[i], -1);
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
	report(&pool[0], "  ");
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
		case 'W': read_words(&words, optarg, WORDS_DICT); break;
		case 'P': read_words(&words, optarg, WORDS_PLACES); break;
		case 'N': read_words(&words, optarg, WORDS_NAMES); break;
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
		read_gold(&c, g, argv[optind]);
		score_model(t, &c, tail_start(&c, c.nsent, tail), c.nsent, limit, "");
		mq_tagger_free(t);
		corpus_free(&c);
		mq_gazetteer_free(g);
		return 0;
	}

	for (i = (size_t)optind; i < (size_t)argc; i++) {
		read_gold(&c, g, argv[i]);
		if (i == (size_t)optind)
			nsent_first = c.nsent;
	}
	c.always = c.nsent;
	c.ndoc_scored = c.ndoc;
	for (i = 0; i < nalso; i++)
		read_gold(&c, g, also[i]);
	for (i = 0; i < nlexfile; i++)
		read_gold(&extra, g, lexfile[i]);
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
