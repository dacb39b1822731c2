/*
 * core/heading-file: the heading model as text — its features' names (the
 * model's vocabulary, see heading.c), a weight for each, and weights for
 * pairs — parsed, written, and the built-in one compiled in from
 * data/headings.model, parsed once.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heading.h"
#include "util.h"

/*
 * The features by name: an open-addressed table of ids + 1 (0: empty),
 * made once (a model names two features on each of its thousands of lines).
 */
#define NAME_SLOTS 512		/* a power of two, over twice MQ_HEAD_MAXFEAT */
static unsigned char by_name[NAME_SLOTS];
static pthread_once_t by_name_once = PTHREAD_ONCE_INIT;
_Static_assert(MQ_HEAD_MAXFEAT * 2 < NAME_SLOTS && MQ_HEAD_MAXFEAT < 255,
    "the table of names has room");

static void
index_names(void)
{
	unsigned f;
	size_t k;

	for (f = 0; f < mq_head_feature_count(); f++) {
		const char *name = mq_head_feature_name(f);

		for (k = mq_hash_str(name) & (NAME_SLOTS - 1); by_name[k] != 0;
		    k = (k + 1) & (NAME_SLOTS - 1))
			;
		by_name[k] = (unsigned char)(f + 1);
	}
}

/* The feature named s[0..len), or -1. */
static int
feature_id(const char *s, size_t len)
{
	size_t k;

	pthread_once(&by_name_once, index_names);
	for (k = mq_fnv1a(MQ_FNV_BASIS, s, len) & (NAME_SLOTS - 1); by_name[k] != 0;
	    k = (k + 1) & (NAME_SLOTS - 1)) {
		const char *name = mq_head_feature_name(by_name[k] - 1u);

		if (strncmp(name, s, len) == 0 && name[len] == '\0')
			return by_name[k] - 1;
	}
	return -1;
}

/* Splits line[0..len) at spaces into at most 4 words. */
static size_t
split_words(const char *line, size_t len, const char **w, size_t *wl)
{
	size_t n = 0, i = 0;

	while (i < len && n < 4) {
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i >= len)
			break;
		w[n] = line + i;
		while (i < len && line[i] != ' ' && line[i] != '\t')
			i++;
		wl[n] = (size_t)(line + i - w[n]);
		n++;
	}
	return n;
}

/* Reads a weight from s[0..len); false if it is not a finite number. */
static bool
weight(const char *s, size_t len, float *w)
{
	char buf[64], *end;
	double v;

	if (len == 0 || len >= sizeof buf)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	v = strtod(buf, &end);
	if (*end != '\0' || errno != 0 || !isfinite(v))
		return false;
	*w = (float)v;
	return true;
}

bool
mq_head_model_parse(MqHeadModel *m, const char *text, size_t len, char **err)
{
	const char *p = text, *e = text + len;
	unsigned lineno = 0;
	bool header = false;

	memset(m, 0, sizeof *m);
	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p)), *w[4];
		size_t l = nl ? (size_t)(nl - p) : (size_t)(e - p), wl[4], k;
		int a, b;

		lineno++;
		k = split_words(p, l, w, wl);
		p += l + (nl != NULL);
		if (k == 0 || w[0][0] == '#')
			continue;
		if (!header) {
			char want[32];

			snprintf(want, sizeof want, "%d", MQ_HEAD_FEATURES_VERSION);
			if (k != 2 || wl[0] != 14 || memcmp(w[0], "maqal-headings", 14) != 0) {
				mq_set_error(err, "not a heading model");
				return false;
			}
			if (wl[1] != strlen(want) || memcmp(w[1], want, wl[1]) != 0) {
				mq_set_error(err, "a heading model of another version (%.*s, not %s)",
				    (int)(wl[1] < 10 ? wl[1] : 10), w[1], want);
				return false;
			}
			header = true;
			continue;
		}
		if (k == 2 && wl[0] == 4 && memcmp(w[0], "bias", 4) == 0 &&
		    weight(w[1], wl[1], &m->bias))
			continue;
		if (k == 3 && wl[0] == 4 && memcmp(w[0], "feat", 4) == 0 &&
		    (a = feature_id(w[1], wl[1])) >= 0 && weight(w[2], wl[2], &m->w[a]))
			continue;
		if (k == 4 && wl[0] == 4 && memcmp(w[0], "pair", 4) == 0 &&
		    (a = feature_id(w[1], wl[1])) >= 0 &&
		    (b = feature_id(w[2], wl[2])) > a &&
		    weight(w[3], wl[3], &m->pair[a][b]))
			continue;
		mq_set_error(err, "heading model line %u is not understood", lineno);
		return false;
	}
	if (!header) {
		mq_set_error(err, "not a heading model (empty)");
		return false;
	}
	return true;
}

bool
mq_head_model_write(const MqHeadModel *m, FILE *fp)
{
	unsigned a, b;

	fprintf(fp, "maqal-headings %d\n", MQ_HEAD_FEATURES_VERSION);
	fprintf(fp, "bias %.5g\n", (double)m->bias);
	for (a = 0; a < mq_head_feature_count(); a++)
		if (fabsf(m->w[a]) >= 1e-4f)
			fprintf(fp, "feat %s %.5g\n", mq_head_feature_name(a), (double)m->w[a]);
	for (a = 0; a < mq_head_feature_count(); a++)
		for (b = a + 1; b < mq_head_feature_count(); b++)
			if (fabsf(m->pair[a][b]) >= 1e-4f)
				fprintf(fp, "pair %s %s %.5g\n", mq_head_feature_name(a),
				    mq_head_feature_name(b), (double)m->pair[a][b]);
	return fflush(fp) == 0 && !ferror(fp);
}

/* The model compiled in from data/headings.model (core/heading-model.c). */
extern const unsigned char mq_headings_model[];
extern const size_t mq_headings_model_len;

static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;
static MqHeadModel *builtin;
static char *builtin_err;

static void
load_builtin(void)
{
	MqHeadModel *m = malloc(sizeof *m);

	if (m == NULL) {
		builtin_err = NULL;
		return;
	}
	if (!mq_head_model_parse(m, (const char *)mq_headings_model,
	    mq_headings_model_len, &builtin_err)) {
		free(m);
		return;
	}
	builtin = m;
}

const MqHeadModel *
mq_head_model_builtin(char **err)
{
	pthread_once(&builtin_once, load_builtin);
	if (builtin == NULL)
		mq_set_error(err, "the built-in heading model: %s",
		    builtin_err ? builtin_err : "out of memory");
	return builtin;
}
