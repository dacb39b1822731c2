/*
 * src/train-data: maqal-train's gold data — CoNLL-style files read into a
 * Corpus of sentences whose tokens are described once (as the reader
 * describes them) — and scoring labels against it: exact spans, per type.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fold.h"
#include "train.h"

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
void
train_read_gold(Corpus *c, const MqGazetteer *g, const char *path)
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
void
train_score_sentence(Score *sc, const uint8_t *g, const uint8_t *p, size_t n)
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
double
train_report(const Score *sc, const char *prefix)
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
