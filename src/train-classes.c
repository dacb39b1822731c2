/*
 * src/train-classes: maqal-train --classes, which learns word classes from
 * unlabelled text for the name tagger (core/tagger: MqWordClasses).
 *
 *   maqal-train --classes [-c CLASSES] [-i ITERATIONS] [-m MIN-COUNT]
 *       -o TABLE [TEXT...]            (no TEXT or '-': standard input)
 *   maqal-train --classes --show TABLE WORD...   (each word's class)
 *
 * Words are what the tagger sees of a token: its folded form
 * (MqTagWord.fold).  The text is cut at spaces, with punctuation at either
 * end of a word split off as tokens of their own; a line is a paragraph,
 * and its ends count as a boundary word.  Words seen fewer than MIN-COUNT
 * times are one "rare" word.
 *
 * The classes are those of the exchange algorithm (Kneser and Ney 1993;
 * Martin, Liermann and Ney 1998): a class bigram model of the text,
 * P(w_i | w_i-1) = P(c(w_i) | c(w_i-1)) P(w_i | c(w_i)), whose likelihood is,
 * up to a constant, sum_cd N(c,d) log N(c,d) - sum_c N(c.) log N(c.) -
 * sum_d N(.d) log N(.d) over the class bigram counts N.  Each pass takes
 * every word in turn, most frequent first, out of its class and puts it in
 * the class where the likelihood gains most; a word's move needs only the
 * counts of its neighbours' classes, so a pass costs about CLASSES times the
 * distinct bigrams.  Words that are used alike (names of clubs, of cities,
 * given names, verbs of saying) end up in the same class, which lets the
 * tagger generalise to names it never saw labelled.  The start is fixed
 * (the words by frequency, dealt round the classes), so the same text gives
 * the same table byte for byte.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "core/tagger.h"
#include "core/text.h"
#include "core/util.h"
#include "train.h"

/* A map from 64-bit keys to dense ids, open addressing. */
typedef struct Ids {
	uint64_t *key;
	uint32_t *id;
	size_t n, nslot;
} Ids;

static size_t
ids_slot(const Ids *m, uint64_t key)
{
	size_t i = (size_t)(key ^ key >> 29) & (m->nslot - 1);

	while (m->id[i] != UINT32_MAX && m->key[i] != key)
		i = (i + 1) & (m->nslot - 1);
	return i;
}

/* The id of key: its own, or next (then recorded) when it is new. */
static uint32_t
ids_get(Ids *m, uint64_t key, uint32_t next, int *added)
{
	size_t i;

	*added = 0;
	if ((m->n + 1) * 2 > m->nslot) {
		Ids y;
		size_t k;

		y.nslot = m->nslot ? m->nslot * 2 : 1 << 16;
		y.n = m->n;
		y.key = xrealloc(NULL, y.nslot * sizeof *y.key);
		y.id = xrealloc(NULL, y.nslot * sizeof *y.id);
		memset(y.id, 0xff, y.nslot * sizeof *y.id);
		for (k = 0; k < m->nslot; k++)
			if (m->id[k] != UINT32_MAX) {
				size_t j = ids_slot(&y, m->key[k]);

				y.key[j] = m->key[k];
				y.id[j] = m->id[k];
			}
		free(m->key);
		free(m->id);
		*m = y;
	}
	i = ids_slot(m, key);
	if (m->id[i] == UINT32_MAX) {
		m->key[i] = key;
		m->id[i] = next;
		m->n++;
		*added = 1;
	}
	return m->id[i];
}

static void
ids_free(Ids *m)
{
	free(m->key);
	free(m->id);
}

/* The key of a token as written, the bytes s[0..n). */
static uint64_t
fnv(const char *s, size_t n)
{
	return mq_fnv1a(MQ_FNV_BASIS, s, n);
}

/* The words of the text: folded forms, their counts, and the token stream. */
typedef struct Text {
	Ids raw;		/* token as written -> word */
	Ids folds;		/* MqTagWord.fold -> word */
	uint64_t *fold;		/* per word */
	uint64_t *count;
	size_t nword, word_cap;
	uint32_t *tok;		/* the stream; BOUNDARY between paragraphs */
	size_t ntok, tok_cap;
} Text;

#define BOUNDARY 0		/* word 0: the edge of a paragraph */

static uint32_t
new_word(Text *t, uint64_t fold)
{
	int added;
	uint32_t w = ids_get(&t->folds, fold, (uint32_t)t->nword, &added);

	if (added) {
		grow((void **)&t->fold, &t->word_cap, t->nword + 1, sizeof *t->fold);
		t->count = xrealloc(t->count, t->word_cap * sizeof *t->count);
		t->fold[t->nword] = fold;
		t->count[t->nword++] = 0;
	}
	return w;
}

static void
push(Text *t, uint32_t w)
{
	grow((void **)&t->tok, &t->tok_cap, t->ntok + 1, sizeof *t->tok);
	t->tok[t->ntok++] = w;
	t->count[w]++;
}

/* Adds the token s[0..n) to the stream. */
static void
add_token(Text *t, const char *s, size_t n)
{
	int added;
	uint32_t w = ids_get(&t->raw, fnv(s, n), 0, &added);

	if (added) {
		uint32_t cp[256];
		size_t k = 0, i, m;
		MqTagWord tw;

		for (i = 0; i < n && k < 256; i += m)
			m = mq_utf8_decode((const unsigned char *)s + i, n - i, &cp[k++]);
		mq_tagger_describe(NULL, cp, k, &tw);
		w = new_word(t, tw.fold);
		t->raw.id[ids_slot(&t->raw, fnv(s, n))] = w;
	}
	push(t, w);
}

/* Punctuation or a symbol: split off the ends of a word. */
static bool
punct(uint32_t c)
{
	return u_ispunct((UChar32)c) || (U_GET_GC_MASK((UChar32)c) & U_GC_S_MASK) != 0;
}

/* Cuts one line of text into tokens. */
static void
add_line(Text *t, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t a, b, j, k;
		uint32_t c;

		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
			i++;
		a = i;
		while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			i++;
		b = i;
		/* leading punctuation, a character a token */
		while (a < b && (k = mq_utf8_decode((const unsigned char *)s + a, b - a, &c)) &&
		    punct(c)) {
			add_token(t, s + a, k);
			a += k;
		}
		/* trailing punctuation: find where it starts */
		for (j = b; j > a;) {
			size_t p = j - 1;

			while (p > a && ((unsigned char)s[p] & 0xc0) == 0x80)
				p--;
			mq_utf8_decode((const unsigned char *)s + p, j - p, &c);
			if (!punct(c))
				break;
			j = p;
		}
		if (j > a)
			add_token(t, s + a, j - a);
		while (j < b) {
			k = mq_utf8_decode((const unsigned char *)s + j, b - j, &c);
			add_token(t, s + j, k);
			j += k;
		}
	}
	push(t, BOUNDARY);
}

static void
read_text(Text *t, FILE *f, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] == '\n')
			len--;
		if (len > 0)
			add_line(t, line, (size_t)len);
	}
	if (ferror(f))
		die("%s: %s", name, strerror(errno));
	free(line);
}

/* Bigram counts, from each word to the words after it and before it. */
typedef struct Bigrams {
	size_t *off;		/* per word: where its neighbours start */
	uint32_t *word;
	uint32_t *n;
} Bigrams;

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Counts the pairs (first, second) of pairs[0..np) into b, by first. */
static void
bigrams(Bigrams *b, uint64_t *pairs, size_t np, size_t nword)
{
	size_t i, k = 0;

	qsort(pairs, np, sizeof *pairs, cmp_u64);
	b->off = xrealloc(NULL, (nword + 1) * sizeof *b->off);
	b->word = xrealloc(NULL, (np ? np : 1) * sizeof *b->word);
	b->n = xrealloc(NULL, (np ? np : 1) * sizeof *b->n);
	memset(b->off, 0, (nword + 1) * sizeof *b->off);
	for (i = 0; i < np; i++) {
		uint32_t first = (uint32_t)(pairs[i] >> 32), second = (uint32_t)pairs[i];

		if (k > 0 && i > 0 && pairs[i] == pairs[i - 1]) {
			b->n[k - 1]++;
			continue;
		}
		b->word[k] = second;
		b->n[k] = 1;
		k++;
		b->off[first + 1] = k;
	}
	for (i = 1; i <= nword; i++)
		if (b->off[i] < b->off[i - 1])
			b->off[i] = b->off[i - 1];
}

static void
bigrams_free(Bigrams *b)
{
	free(b->off);
	free(b->word);
	free(b->n);
}

/* x log x, from a table for small counts. */
#define FTABLE 65536
static double ftab[FTABLE];

static double
xlogx(int64_t x)
{
	return x < FTABLE ? ftab[x] : (double)x * log((double)x);
}

/* The clustering state. */
typedef struct Classes {
	unsigned nc;
	uint32_t *cls;		/* per word */
	int64_t *big;		/* nc x nc: N(c,d) */
	int64_t *left, *right;	/* N(c.), N(.d) */
	/* scratch for one word: its neighbours' counts by class */
	int64_t *r, *l;
	unsigned *rlist, *llist;
	unsigned nr, nl;
} Classes;

/* Gathers the counts of word w's neighbours by class (w itself apart). */
static int64_t
gather(Classes *k, const Bigrams *after, const Bigrams *before, uint32_t w)
{
	int64_t self = 0;
	size_t i;

	k->nr = k->nl = 0;
	for (i = after->off[w]; i < after->off[w + 1]; i++) {
		uint32_t v = after->word[i];
		unsigned d = k->cls[v];

		if (v == w) {
			self += after->n[i];
			continue;
		}
		if (k->r[d] == 0)
			k->rlist[k->nr++] = d;
		k->r[d] += after->n[i];
	}
	for (i = before->off[w]; i < before->off[w + 1]; i++) {
		uint32_t u = before->word[i];
		unsigned c = k->cls[u];

		if (u == w)
			continue;
		if (k->l[c] == 0)
			k->llist[k->nl++] = c;
		k->l[c] += before->n[i];
	}
	return self;
}

/* Adds (sign +1) or takes away (-1) word w, with count n, in class c. */
static void
move(Classes *k, unsigned c, int sign, int64_t self, int64_t n)
{
	unsigned i;

	for (i = 0; i < k->nr; i++)
		k->big[(size_t)c * k->nc + k->rlist[i]] += sign * k->r[k->rlist[i]];
	for (i = 0; i < k->nl; i++)
		k->big[(size_t)k->llist[i] * k->nc + c] += sign * k->l[k->llist[i]];
	k->big[(size_t)c * k->nc + c] += sign * self;
	k->left[c] += sign * n;
	k->right[c] += sign * n;
}

/* What the likelihood gains when word w (gathered) joins class b. */
static double
gain(const Classes *k, unsigned b, int64_t self, int64_t n)
{
	const int64_t *row = k->big + (size_t)b * k->nc;
	double g = 0;
	int64_t bb = row[b] + self;
	unsigned i;

	for (i = 0; i < k->nr; i++) {
		unsigned d = k->rlist[i];

		if (d == b)
			bb += k->r[d];
		else
			g += xlogx(row[d] + k->r[d]) - xlogx(row[d]);
	}
	for (i = 0; i < k->nl; i++) {
		unsigned c = k->llist[i];
		int64_t x = k->big[(size_t)c * k->nc + b];

		if (c == b)
			bb += k->l[c];
		else
			g += xlogx(x + k->l[c]) - xlogx(x);
	}
	g += xlogx(bb) - xlogx(row[b]);
	g -= xlogx(k->left[b] + n) - xlogx(k->left[b]);
	g -= xlogx(k->right[b] + n) - xlogx(k->right[b]);
	return g;
}

static void
clear(Classes *k)
{
	unsigned i;

	for (i = 0; i < k->nr; i++)
		k->r[k->rlist[i]] = 0;
	for (i = 0; i < k->nl; i++)
		k->l[k->llist[i]] = 0;
}

static const Text *sort_text;

static int
by_count(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	uint64_t cx = sort_text->count[x], cy = sort_text->count[y];

	if (cx != cy)
		return cx > cy ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Prints each word with its class in table (0: none). */
static int
show(const char *table, char **words, int n)
{
	MqWordClasses *c;
	char *err = NULL;
	int i;

	if ((c = mq_classes_load(table, &err)) == NULL)
		die("%s", err);
	for (i = 0; i < n; i++) {
		uint32_t cp[256];
		size_t len = strlen(words[i]), k = 0, j, m;
		MqTagWord w;

		for (j = 0; j < len && k < 256; j += m)
			m = mq_utf8_decode((const unsigned char *)words[i] + j, len - j, &cp[k++]);
		mq_tagger_describe(NULL, cp, k, &w);
		mq_classes_tag(c, &w, 1);
		printf("%s\t%u\n", words[i], (unsigned)w.cls);
	}
	mq_classes_free(c);
	return 0;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: maqal-train --classes [-c CLASSES] [-i ITERATIONS] [-m MIN-COUNT]\n"
	    "                   -o TABLE [TEXT...]\n"
	    "       maqal-train --classes --show TABLE WORD...\n"
	    "Learns word classes for the name tagger from unlabelled text (a\n"
	    "paragraph a line; no TEXT or '-': standard input) and writes them to\n"
	    "TABLE (for maqal-train --word-classes and maqal --word-classes).\n"
	    "  -c, --classes N      how many classes (default 256, at most 65535)\n"
	    "  -i, --iterations N   passes over the words (default 12)\n"
	    "  -m, --min-count N    words seen fewer times are not classed (default 3)\n"
	    "  -o, --output TABLE   where to write the table (atomically)\n"
	    "      --show TABLE     print each WORD's class in TABLE (0: none)\n");
}

int
mq_train_classes(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "classes", required_argument, NULL, 'c' },
		{ "iterations", required_argument, NULL, 'i' },
		{ "min-count", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ "show", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	unsigned nc = 256, iterations = 12, minc = 3, it, c;
	const char *out = NULL, *table_shown = NULL;
	Text t = { 0 };
	Classes k = { 0 };
	Bigrams after, before;
	uint64_t *pairs, *keys;
	uint32_t *order, *map, rare, nkept;
	uint16_t *table;
	size_t i, np, nkeep;
	char *err = NULL;
	int opt;

	optind = 2;	/* argv[1] is --classes */
	while ((opt = getopt_long(argc, argv, "c:i:m:o:s:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'c': nc = (unsigned)number("--classes", optarg, 2, 65535); break;
		case 'i': iterations = (unsigned)number("--iterations", optarg, 0, 1000); break;
		case 'm': minc = (unsigned)number("--min-count", optarg, 1, 1e9); break;
		case 'o': out = optarg; break;
		case 's': table_shown = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (table_shown != NULL)
		return show(table_shown, argv + optind, argc - optind);
	if (out == NULL) {
		usage(stderr);
		return 2;
	}
	new_word(&t, 0);	/* BOUNDARY */
	if (optind == argc)
		read_text(&t, stdin, "standard input");
	for (; optind < argc; optind++) {
		FILE *f = strcmp(argv[optind], "-") == 0 ? stdin : fopen(argv[optind], "r");

		if (f == NULL)
			die("%s: %s", argv[optind], strerror(errno));
		read_text(&t, f, argv[optind]);
		if (f != stdin)
			fclose(f);
	}
	/* the words kept, most frequent first; the others are one rare word */
	order = xrealloc(NULL, t.nword * sizeof *order);
	for (i = 0; i < t.nword; i++)
		order[i] = (uint32_t)i;
	sort_text = &t;
	qsort(order, t.nword, sizeof *order, by_count);
	map = xrealloc(NULL, t.nword * sizeof *map);
	for (i = nkeep = 0; i < t.nword; i++)
		if (t.count[order[i]] >= minc || order[i] == BOUNDARY)
			map[order[i]] = (uint32_t)nkeep++;
	rare = (uint32_t)nkeep;
	for (i = 0; i < t.nword; i++)
		if (t.count[order[i]] < minc && order[i] != BOUNDARY)
			map[order[i]] = rare;
	nkept = rare + 1;
	printf("text: %zu tokens, %zu words, %zu seen %u times or more\n", t.ntok,
	    t.nword, nkeep, minc);

	/* bigram counts both ways, in the dense ids */
	np = t.ntok > 0 ? t.ntok - 1 : 0;
	pairs = xrealloc(NULL, (np ? np : 1) * sizeof *pairs);
	for (i = 0; i < np; i++)
		pairs[i] = (uint64_t)map[t.tok[i]] << 32 | map[t.tok[i + 1]];
	bigrams(&after, pairs, np, nkept);
	for (i = 0; i < np; i++)
		pairs[i] = (uint64_t)map[t.tok[i + 1]] << 32 | map[t.tok[i]];
	bigrams(&before, pairs, np, nkept);
	free(pairs);
	printf("bigrams: %zu distinct\n", after.off[nkept]);

	for (i = 0; i < FTABLE; i++)
		ftab[i] = i ? (double)i * log((double)i) : 0;
	k.nc = nc;
	k.cls = xrealloc(NULL, nkept * sizeof *k.cls);
	k.big = xrealloc(NULL, (size_t)nc * nc * sizeof *k.big);
	k.left = xrealloc(NULL, nc * sizeof *k.left);
	k.right = xrealloc(NULL, nc * sizeof *k.right);
	k.r = xrealloc(NULL, nc * sizeof *k.r);
	k.l = xrealloc(NULL, nc * sizeof *k.l);
	k.rlist = xrealloc(NULL, nc * sizeof *k.rlist);
	k.llist = xrealloc(NULL, nc * sizeof *k.llist);
	memset(k.big, 0, (size_t)nc * nc * sizeof *k.big);
	memset(k.left, 0, nc * sizeof *k.left);
	memset(k.right, 0, nc * sizeof *k.right);
	memset(k.r, 0, nc * sizeof *k.r);
	memset(k.l, 0, nc * sizeof *k.l);
	{
		/* counts per dense id */
		int64_t *cnt = xrealloc(NULL, nkept * sizeof *cnt);
		uint32_t w;

		memset(cnt, 0, nkept * sizeof *cnt);
		for (i = 0; i < t.nword; i++)
			cnt[map[i]] += (int64_t)t.count[i];
		for (w = 0; w < nkept; w++)
			k.cls[w] = w % nc;
		for (w = 0; w < nkept; w++) {
			size_t j;

			for (j = after.off[w]; j < after.off[w + 1]; j++)
				k.big[(size_t)k.cls[w] * nc + k.cls[after.word[j]]] += after.n[j];
			k.left[k.cls[w]] += cnt[w];
			k.right[k.cls[w]] += cnt[w];
		}
		for (it = 1; it <= iterations; it++) {
			size_t moved = 0;

			for (w = 0; w < nkept; w++) {
				int64_t self = gather(&k, &after, &before, w);
				unsigned from = k.cls[w], best = from;
				double top;

				move(&k, from, -1, self, cnt[w]);
				top = gain(&k, from, self, cnt[w]);
				for (c = 0; c < nc; c++) {
					double g = c == from ? top : gain(&k, c, self, cnt[w]);

					if (g > top + 1e-9) {
						top = g;
						best = c;
					}
				}
				move(&k, best, +1, self, cnt[w]);
				k.cls[w] = best;
				moved += best != from;
				clear(&k);
			}
			printf("pass %u: %zu words moved\n", it, moved);
			fflush(stdout);
			if (moved == 0)
				break;
		}
		free(cnt);
	}

	/* the table: every word seen often enough, by its fold hash */
	keys = xrealloc(NULL, nkeep * sizeof *keys);
	table = xrealloc(NULL, nkeep * sizeof *table);
	for (i = 0, np = 0; i < t.nword; i++)
		if (map[i] < rare && i != BOUNDARY) {
			keys[np] = t.fold[i];
			table[np++] = (uint16_t)(k.cls[map[i]] + 1);	/* 0: no class */
		}
	if (!mq_classes_write(keys, table, np, out, &err))
		die("%s", err);
	printf("table: %s, %zu words in %u classes\n", out, np, nc);

	free(keys);
	free(table);
	free(order);
	free(map);
	bigrams_free(&after);
	bigrams_free(&before);
	free(k.cls);
	free(k.big);
	free(k.left);
	free(k.right);
	free(k.r);
	free(k.l);
	free(k.rlist);
	free(k.llist);
	ids_free(&t.raw);
	ids_free(&t.folds);
	free(t.fold);
	free(t.count);
	free(t.tok);
	return 0;
}
