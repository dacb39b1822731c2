/*
 * src/train-headings: maqal-train --headings, which trains the heading
 * model (core/heading) on gold heading lines and measures it honestly.
 *
 *   maqal-train --headings [-k FOLDS] [-R REPEATS] [-e EPOCHS] [-b BAGS]
 *               [-l L2] [-p L2] [-r RATE] [-u WEIGHT] [-o MODEL] [-v] SET=GOLD...
 *   maqal-train --headings --explain MODEL FILE
 *
 * Each GOLD file has one row per document: the file (relative to GOLD's
 * folder, or absolute), a tab, and the comma-separated 1-based line numbers
 * of its heading lines, title included (further columns are ignored).
 * SET names the kind of text for the report; a set named "books*" is
 * scored as books (recall of the marked chapter lines, and how many body
 * lines of 55 or more characters are taken for headings), others by
 * precision, recall and F1 of heading lines.
 *
 * With -k, every figure is measured by k-fold cross-validation by
 * document: documents are dealt into folds in name order (a document's
 * plain and .wrapped forms go to the same fold, since they are one text),
 * the model is trained on the other folds and scored, through
 * mq_outline_new_with, on the held-out one.  -R repeats the whole with
 * documents dealt in other (fixed) orders and pools the figures, which
 * steadies them.  With -o, a model trained on everything is written
 * (atomically).
 *
 * Training: logistic regression over the features and their pairs, by
 * stochastic gradient descent with L2 shrinkage (-l on features, -p on
 * pairs; -r the first learning rate), in an order shuffled by a fixed seed
 * (the same data gives the same model); the weights are averaged over the
 * epochs and over -b runs of different orders.  Each set weighs the same
 * in all, whatever its number of lines; in books, where only chapters are
 * marked, a short unmarked line may be a heading of another kind and
 * weighs -u as a negative.  -v lists every miss and false heading;
 * --explain prints each paragraph of FILE with its score and features.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/doc.h"
#include "core/heading.h"
#include "core/outline.h"
#include "core/text.h"
#include "train.h"

#define MAX_SETS 16
#define PROSE_CHARS 55

typedef struct Doc {
	char *path;
	char *key;		/* the fold key: the name without .wrapped or extension */
	unsigned set;
	unsigned *gold;		/* sorted heading lines */
	size_t ngold;
	unsigned fold;
} Doc;

typedef struct Sample {
	uint8_t feat[MQ_HEAD_MAXACTIVE];
	uint8_t n;
	bool label;
	bool unsure;		/* a short unmarked line of a book (see read_samples) */
	unsigned doc;
} Sample;

typedef struct Data {
	Doc *docs;
	size_t ndocs, cap;
	Sample *s;
	size_t ns, scap;
	const char *set_name[MAX_SETS];
	unsigned nsets;
	size_t set_samples[MAX_SETS];
	bool books[MAX_SETS];	/* only chapter headings are marked */
} Data;

/* Per-set counts of a scoring pass. */
typedef struct Tally {
	size_t gold, found, right;
	size_t prose;		/* long body lines taken for headings */
	size_t docs;
} Tally;

static bool
has_gold(const Doc *d, unsigned line)
{
	size_t lo = 0, hi = d->ngold;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->gold[mid] < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->ngold && d->gold[lo] == line;
}

static int
cmp_uint(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return (x > y) - (x < y);
}

static char *
fold_key(const char *path)
{
	const char *base = strrchr(path, '/');
	char *k = xstrdup(base ? base + 1 : path), *dot;

	if ((dot = strstr(k, ".wrapped.")) != NULL)
		*dot = '\0';
	else if ((dot = strrchr(k, '.')) != NULL)
		*dot = '\0';
	return k;
}

/* Reads one SET=GOLD argument. */
static void
read_set(Data *d, const char *arg)
{
	const char *eq = strchr(arg, '='), *gold, *slash;
	char *line = NULL, *name;
	size_t cap = 0, dirlen;
	ssize_t len;
	FILE *fp;

	if (eq == NULL || eq == arg)
		die("expected SET=GOLD, got '%s'", arg);
	if (d->nsets == MAX_SETS)
		die("at most %d sets", MAX_SETS);
	name = xstrdup(arg);
	name[eq - arg] = '\0';
	gold = eq + 1;
	d->set_name[d->nsets] = name;
	d->books[d->nsets] = strncmp(name, "books", 5) == 0;
	if ((fp = fopen(gold, "r")) == NULL)
		die("%s: %s", gold, strerror(errno));
	slash = strrchr(gold, '/');
	dirlen = slash ? (size_t)(slash - gold) + 1 : 0;
	while ((len = getline(&line, &cap, fp)) > 0) {
		char *tab = strchr(line, '\t'), *p, *end;
		Doc *doc;

		if (tab == NULL)
			continue;
		*tab = '\0';
		grow((void **)&d->docs, &d->cap, d->ndocs + 1, sizeof *d->docs);
		doc = &d->docs[d->ndocs++];
		memset(doc, 0, sizeof *doc);
		if (line[0] == '/')
			doc->path = xstrdup(line);
		else {
			doc->path = xrealloc(NULL, dirlen + strlen(line) + 1);
			memcpy(doc->path, gold, dirlen);
			strcpy(doc->path + dirlen, line);
		}
		doc->key = fold_key(doc->path);
		doc->set = d->nsets;
		for (p = tab + 1; *p && *p != '\t' && *p != '\n'; p = end) {
			unsigned long v = strtoul(p, &end, 10);

			if (end == p || v == 0 || v > 1000000000)
				die("%s: bad line list for %s", gold, line);
			doc->gold = xrealloc(doc->gold,
			    (doc->ngold + 1) * sizeof *doc->gold);
			doc->gold[doc->ngold++] = (unsigned)v;
			if (*end == ',')
				end++;
		}
		qsort(doc->gold, doc->ngold, sizeof *doc->gold, cmp_uint);
	}
	free(line);
	fclose(fp);
	d->nsets++;
}

/* Opens a document; the caller frees both. */
static MqDoc *
open_doc(const Doc *doc, MqText **t)
{
	char *err = NULL;
	MqDoc *md;

	if ((*t = mq_text_open_file(doc->path, &err)) == NULL)
		die("%s", err);
	if ((md = mq_doc_new(*t)) == NULL)
		die("out of memory");
	return md;
}

/* True if paragraph p holds a gold heading line. */
static bool
para_gold(const Doc *doc, const MqPara *p)
{
	unsigned k;

	for (k = 0; k < p->nlines; k++)
		if (has_gold(doc, p->line + k))
			return true;
	return false;
}

/* Describes every paragraph that could be a heading. */
static void
read_samples(Data *d)
{
	size_t i, k;

	for (i = 0; i < d->ndocs; i++) {
		MqText *t;
		MqDoc *md = open_doc(&d->docs[i], &t);
		MqHeadDoc *h;

		if (mq_doc_marked_up(md))
			die("%s: read as %s; heading gold is for plain text",
			    d->docs[i].path, mq_doc_format(md));
		if ((h = mq_head_doc_new(md)) == NULL)
			die("out of memory");
		for (k = 0; k < mq_head_doc_count(h); k++) {
			Sample s;
			size_t n = mq_head_features(h, k, s.feat);

			if (n == 0)
				continue;
			s.n = (uint8_t)n;
			s.label = para_gold(&d->docs[i], mq_doc_para(md, k));
			s.unsure = !s.label && d->books[d->docs[i].set] &&
			    mq_head_doc_facts(h, k)->chars < PROSE_CHARS;
			s.doc = (unsigned)i;
			grow((void **)&d->s, &d->scap, d->ns + 1, sizeof *d->s);
			d->s[d->ns++] = s;
			d->set_samples[d->docs[i].set]++;
		}
		mq_head_doc_free(h);
		mq_doc_free(md);
		mq_text_free(t);
	}
}

static int
cmp_doc_key(const void *a, const void *b)
{
	const Doc *const *x = a, *const *y = b;

	return strcmp((*x)->key, (*y)->key);
}

/* Deals documents into k folds in key order (one text, one fold). */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/*
 * Deals documents into k folds (one text, one fold): in key order for
 * repeat 0, in an order shuffled by a fixed seed for each further repeat.
 */
static void
assign_folds(Data *d, unsigned k, unsigned repeat)
{
	Doc **order = xrealloc(NULL, (d->ndocs + 1) * sizeof *order);
	unsigned *perm = xrealloc(NULL, (d->ndocs + 1) * sizeof *perm), rank = 0, r;
	uint64_t seed = 0x2545f4914f6cdd1dULL + repeat;
	size_t i;

	for (i = 0; i < d->ndocs; i++) {
		order[i] = &d->docs[i];
		perm[i] = (unsigned)i;
	}
	for (r = 0; repeat > 0 && r < 4; r++)
		(void)rnd(&seed);
	for (i = d->ndocs; repeat > 0 && i > 1; i--) {
		size_t j = (size_t)(rnd(&seed) % i);
		unsigned t = perm[i - 1];

		perm[i - 1] = perm[j];
		perm[j] = t;
	}
	qsort(order, d->ndocs, sizeof *order, cmp_doc_key);
	for (i = 0; i < d->ndocs; i++) {
		if (i > 0 && strcmp(order[i]->key, order[i - 1]->key) != 0)
			rank++;
		order[i]->fold = k ? perm[rank] % k : 0;
	}
	free(order);
	free(perm);
}

static void train_epochs(MqHeadModel *m, const Data *d, int skip,
    unsigned epochs, uint64_t seed, MqHeadModel *avg);

/* Training settings: options -b -l -p -r -u. */
static unsigned bags = 10;
static double lambda = 1e-3, pair_lambda = 1e-2, eta0 = 0.1, unsure_weight = 0.3;

/* avg += m, weight by weight. */
static void
accumulate(MqHeadModel *avg, const MqHeadModel *m)
{
	float *a = (float *)avg;
	const float *w = (const float *)m;
	size_t i, n = sizeof *m / sizeof(float);

	for (i = 0; i < n; i++)
		a[i] += w[i];
}

/*
 * Trains m on the samples whose document is not in fold `skip` (all when
 * skip is -1); m is the average of the weights at the end of each epoch.
 */
static void
train(MqHeadModel *m, const Data *d, int skip, unsigned epochs)
{
	MqHeadModel *avg = xrealloc(NULL, sizeof *avg);
	float *a;
	size_t k;
	unsigned b;

	memset(avg, 0, sizeof *avg);
	for (b = 0; b < bags; b++)
		train_epochs(m, d, skip, epochs,
		    0x9e3779b97f4a7c15ULL ^ ((uint64_t)b << 20), avg);
	a = (float *)avg;
	for (k = 0; k < sizeof *avg / sizeof(float); k++)
		a[k] /= (float)(epochs * bags);
	memcpy(m, avg, sizeof *m);
	free(avg);
}

/*
 * One run of stochastic gradient descent, in an order shuffled by seed;
 * avg gets the weights at the end of each epoch.
 */
static void
train_epochs(MqHeadModel *m, const Data *d, int skip, unsigned epochs,
    uint64_t seed, MqHeadModel *avg)
{
	size_t *order = xrealloc(NULL, (d->ns + 1) * sizeof *order), n = 0, i, e;
	double set_weight[MAX_SETS];
	size_t step = 0;
	unsigned s;

	memset(m, 0, sizeof *m);
	for (i = 0; i < d->ns; i++)
		if (skip < 0 || d->docs[d->s[i].doc].fold != (unsigned)skip)
			order[n++] = i;
	for (s = 0; s < d->nsets; s++)
		set_weight[s] = d->set_samples[s] ? (double)d->ns /
		    ((double)d->nsets * (double)d->set_samples[s]) : 0;
	for (e = 0; e < epochs; e++) {
		for (i = n; i > 1; i--) {	/* Fisher-Yates, fixed seed */
			size_t j = (size_t)(rnd(&seed) % i), t = order[i - 1];

			order[i - 1] = order[j];
			order[j] = t;
		}
		for (i = 0; i < n; i++) {
			const Sample *x = &d->s[order[i]];
			double eta = eta0 / (1.0 + (double)step++ / (double)n);
			double z = mq_head_score(m, x->feat, x->n), p, g;
			size_t a, b;

			p = 1.0 / (1.0 + exp(-z));
			g = (p - (x->label ? 1.0 : 0.0)) *
			    set_weight[d->docs[x->doc].set] * eta *
			    (x->unsure ? unsure_weight : 1.0);
			m->bias -= (float)g;
			for (a = 0; a < x->n; a++) {
				float *w = &m->w[x->feat[a]];

				*w -= (float)(g + eta * lambda * *w);
				for (b = a + 1; b < x->n; b++) {
					w = &m->pair[x->feat[a]][x->feat[b]];
					*w -= (float)(g + eta * pair_lambda * *w);
				}
			}
		}
		accumulate(avg, m);
	}
	free(order);
}

/* Scores the documents of fold `only` (all when -1) with m through the outline. */
static void
score(const MqHeadModel *m, const Data *d, int only, Tally *tally, bool verbose)
{
	size_t i, k;

	for (i = 0; i < d->ndocs; i++) {
		const Doc *doc = &d->docs[i];
		Tally *ta = &tally[doc->set];
		MqChars c = {0};
		MqOutline *o;
		MqText *t;
		MqDoc *md;
		size_t np, ns, sk = 0;

		if (only >= 0 && doc->fold != (unsigned)only)
			continue;
		md = open_doc(doc, &t);
		if ((o = mq_outline_new_with(md, m)) == NULL)
			die("out of memory");
		ta->docs++;
		ta->gold += doc->ngold;
		np = mq_doc_para_count(md);
		ns = mq_outline_count(o);
		for (k = 0; k < np; k++) {
			const MqPara *p = mq_doc_para(md, k);
			MqParaRole r = mq_outline_role(o, k);
			bool gold = para_gold(doc, p);
			unsigned l;

			if (r != MQ_ROLE_TITLE && r != MQ_ROLE_HEADING)
				continue;
			for (l = 0; l < p->nlines; l++) {
				ta->found++;
				ta->right += has_gold(doc, p->line + l);
			}
			if (!gold && mq_text_decode(t, mq_para_start(p), mq_para_end(p), &c) &&
			    c.len >= PROSE_CHARS)
				ta->prose++;
			if (verbose && !gold)
				printf("  false %s:%u\n", doc->path, p->line);
		}
		if (verbose)
			for (k = 0; k < doc->ngold; k++) {
				bool hit = false;

				for (sk = 0; sk < ns && !hit; sk++) {
					const MqSection *sec = mq_outline_section(o, sk);
					const MqPara *p = mq_doc_para(md, sec->para);

					hit = (sec->kind == MQ_SECTION_TITLE ||
					    sec->kind == MQ_SECTION_HEADING) &&
					    doc->gold[k] >= p->line &&
					    doc->gold[k] < p->line + p->nlines;
				}
				if (!hit)
					printf("  missed %s:%u\n", doc->path, doc->gold[k]);
			}
		mq_chars_free(&c);
		mq_outline_free(o);
		mq_doc_free(md);
		mq_text_free(t);
	}
}

/*
 * Prints each set's figures.  Over `times` repeated runs the figures are
 * pooled, and the counts shown are those of one run on average.
 */
static void
report(const Data *d, const Tally *tally, const char *how, unsigned times)
{
	unsigned s;

	for (s = 0; s < d->nsets; s++) {
		const Tally *t = &tally[s];
		double p = t->found ? (double)t->right / (double)t->found : 0;
		double r = t->gold ? (double)t->right / (double)t->gold : 0;
		double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
		double k = times;

		if (strncmp(d->set_name[s], "books", 5) == 0)
			printf("%s (%s): %zu documents, %.0f of %zu marked headings found: "
			    "recall %.3f; %.0f body lines of %d+ characters taken for "
			    "headings (%.2f per book)\n", d->set_name[s], how,
			    t->docs / times, (double)t->right / k, t->gold / times, r,
			    (double)t->prose / k, PROSE_CHARS,
			    t->docs ? (double)t->prose / (double)t->docs : 0);
		else
			printf("%s (%s): %zu documents, %zu gold lines, %.0f found, %.0f right: "
			    "precision %.3f recall %.3f F1 %.3f\n", d->set_name[s], how,
			    t->docs / times, t->gold / times, (double)t->found / k,
			    (double)t->right / k, p, r, f);
	}
}

static void
write_model(const MqHeadModel *m, const char *out)
{
	char *tmp = xrealloc(NULL, strlen(out) + 16);
	FILE *fp;

	sprintf(tmp, "%s.tmp", out);
	if ((fp = fopen(tmp, "w")) == NULL)
		die("%s: %s", tmp, strerror(errno));
	if (!mq_head_model_write(m, fp) || fclose(fp) != 0) {
		unlink(tmp);
		die("%s: write failed", tmp);
	}
	if (rename(tmp, out) != 0) {
		unlink(tmp);
		die("%s: %s", out, strerror(errno));
	}
	free(tmp);
}

/* Prints each paragraph of path with its score and features under model. */
static void
explain(const char *model, const char *path)
{
	MqHeadModel *m = xrealloc(NULL, sizeof *m);
	char *err = NULL, *text = NULL;
	size_t len = 0, cap = 0, k, j, n;
	MqText *t;
	MqDoc *md;
	MqHeadDoc *h;
	FILE *fp;
	int ch;

	if ((fp = fopen(model, "r")) == NULL)
		die("%s: %s", model, strerror(errno));
	while ((ch = getc(fp)) != EOF) {
		grow((void **)&text, &cap, len + 1, 1);
		text[len++] = (char)ch;
	}
	fclose(fp);
	if (!mq_head_model_parse(m, text, len, &err))
		die("%s: %s", model, err);
	if ((t = mq_text_open_file(path, &err)) == NULL)
		die("%s", err);
	if ((md = mq_doc_new(t)) == NULL || (h = mq_head_doc_new(md)) == NULL)
		die("out of memory");
	for (k = 0; k < mq_head_doc_count(h); k++) {
		uint8_t feat[MQ_HEAD_MAXACTIVE];

		n = mq_head_features(h, k, feat);
		printf("%u\t", mq_doc_para(md, k)->line);
		if (n == 0) {
			printf("-\n");
			continue;
		}
		printf("%+.2f\t", (double)mq_head_score(m, feat, n));
		for (j = 0; j < n; j++)
			printf("%s%s", j ? " " : "", mq_head_feature_name(feat[j]));
		printf("\n");
	}
	mq_head_doc_free(h);
	mq_doc_free(md);
	mq_text_free(t);
	free(text);
	free(m);
}

int
mq_train_headings(int argc, char **argv)
{
	unsigned folds = 0, epochs = 8, f, s, r, repeats = 1;
	const char *out = NULL;
	bool verbose = false;
	MqHeadModel *m = xrealloc(NULL, sizeof *m);
	Tally tally[MAX_SETS];
	Data d;
	int i;

	memset(&d, 0, sizeof d);
	memset(tally, 0, sizeof tally);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--headings") == 0)
			continue;
		if (strcmp(argv[i], "-k") == 0 && i + 1 < argc)
			folds = (unsigned)number("-k", argv[++i], 2, 50);
		else if (strcmp(argv[i], "-R") == 0 && i + 1 < argc)
			repeats = (unsigned)number("-R", argv[++i], 1, 20);
		else if (strcmp(argv[i], "-e") == 0 && i + 1 < argc)
			epochs = (unsigned)number("-e", argv[++i], 1, 100);
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(argv[i], "-l") == 0 && i + 1 < argc)
			lambda = number("-l", argv[++i], 0, 1);
		else if (strcmp(argv[i], "-b") == 0 && i + 1 < argc)
			bags = (unsigned)number("-b", argv[++i], 1, 100);
		else if (strcmp(argv[i], "-u") == 0 && i + 1 < argc)
			unsure_weight = number("-u", argv[++i], 0, 1);
		else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc)
			pair_lambda = number("-p", argv[++i], 0, 1);
		else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
			eta0 = number("-r", argv[++i], 1e-6, 10);
		else if (strcmp(argv[i], "--explain") == 0 && i + 2 < argc) {
			explain(argv[i + 1], argv[i + 2]);
			free(m);
			return 0;
		} else if (strcmp(argv[i], "-v") == 0)
			verbose = true;
		else if (argv[i][0] == '-')
			die("--headings: unknown option %s", argv[i]);
		else
			read_set(&d, argv[i]);
	}
	if (d.nsets == 0 || (folds == 0 && out == NULL))
		die("usage: maqal-train --headings [-k FOLDS] [-e EPOCHS] [-b BAGS] [-o MODEL] [-v] SET=GOLD...");
	read_samples(&d);
	printf("headings: %zu documents, %zu candidate paragraphs, %u features\n",
	    d.ndocs, d.ns, mq_head_feature_count());
	if (folds > 0) {
		char how[64];

		for (r = 0; r < repeats; r++) {
			assign_folds(&d, folds, r);
			for (f = 0; f < folds; f++) {
				train(m, &d, (int)f, epochs);
				score(m, &d, (int)f, tally, verbose);
			}
		}
		if (repeats > 1)
			snprintf(how, sizeof how, "cross-validated, %u folds by document, %u times",
			    folds, repeats);
		else
			snprintf(how, sizeof how, "cross-validated, %u folds by document", folds);
		report(&d, tally, how, repeats);
	}
	if (out != NULL) {
		train(m, &d, -1, epochs);
		write_model(m, out);
		memset(tally, 0, sizeof tally);
		score(m, &d, -1, tally, false);
		report(&d, tally, "training data, not a measure", 1);
		printf("model: %s\n", out);
	}
	for (i = 0; (size_t)i < d.ndocs; i++) {
		free(d.docs[i].path);
		free(d.docs[i].key);
		free(d.docs[i].gold);
	}
	for (s = 0; s < d.nsets; s++)
		free((char *)d.set_name[s]);
	free(d.docs);
	free(d.s);
	free(m);
	return 0;
}
