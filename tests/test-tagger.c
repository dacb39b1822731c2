/*
 * Unit tests for core/tagger: proclitics split off real words, what a
 * token's description and features are made of, Viterbi on a tiny model
 * made by hand, and the model file (round trip, and every kind of damage
 * refused with its reason).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fold.h"
#include "core/tagger.h"
#include "core/text.h"
#include "tap.h"

/* Decodes UTF-8 s into cp (room for 64); returns the count. */
static size_t
cps(const char *s, uint32_t *cp)
{
	size_t n = 0, i = 0, len = strlen(s);

	while (i < len && n < 64)
		i += mq_utf8_decode((const unsigned char *)s + i, len - i, &cp[n++]);
	return n;
}

/* The proclitics mq_tagger_clitics splits off s, as "CLITICS|REST/STEM1". */
static const char *
split(const char *s)
{
	static char buf[256];
	uint32_t cp[64];
	size_t n = cps(s, cp), k, s1, i, m = 0;

	k = mq_tagger_clitics(cp, n, &s1);
	for (i = 0; i < n; i++) {
		if (i == k)
			buf[m++] = '|';
		m += mq_utf8_encode(cp[i], buf + m);
	}
	m += (size_t)snprintf(buf + m, sizeof buf - m, "/%zu", s1);
	return buf;
}

static MqTagWord
describe(const MqGazetteer *g, const char *s)
{
	uint32_t cp[64];
	MqTagWord w;

	mq_tagger_describe(g, cp, cps(s, cp), &w);
	return w;
}

/* A checksum of the features of token i of w (their sum), and their count. */
static uint64_t
feature_sum(const MqTagWord *w, size_t n, size_t i, size_t *count)
{
	uint64_t out[MQ_TAG_MAXFEAT], sum = 0;
	size_t k;

	*count = mq_tagger_features(w, n, i, out);
	for (k = 0; k < *count; k++)
		sum += out[k];
	return sum;
}

static void
test_clitics(void)
{
	/* و ف first, then ب ل ك; at least two letters stay */
	tap_str(split("والكتاب"), "و|الكتاب/1", "و before the article");
	tap_str(split("وللولايات"), "ول|لولايات/1", "و then the first ل of لل");
	tap_str(split("بالمغرب"), "ب|المغرب/0", "ب before the article");
	tap_str(split("فسيقول"), "ف|سيقول/1", "ف");
	tap_str(split("كالعادة"), "ك|العادة/0", "ك");
	tap_str(split("ولبنان"), "ول|بنان/1", "greedy: ولبنان gives the stem بنان...");
	tap_str(split("لبنان"), "ل|بنان/0", "...as لبنان does, so the two share a stem");
	tap_str(split("بـ500"), "بـ|500/0", "tatweel goes with its clitic (بـ500)");
	tap_str(split("في"), "|في/0", "a two-letter word keeps its letters");
	tap_str(split("وفي"), "و|في/1", "و off وفي leaves two letters");
	tap_str(split("لم"), "|لم/0", "لم is not ل + م");
	tap_str(split("Microsoft"), "|Microsoft/0", "Latin words have no proclitics");
	tap_str(split(""), "/0", "an empty token");
}

static void
test_describe(void)
{
	MqGazetteer *g = mq_gazetteer_new();
	MqTagWord a, b, words[3];
	char *err = NULL;
	const char *names = "مصر\tPLACE\nمحمد\tGIVEN\n";
	const char *trig = "وزير\tTITLE\nالرئيس التنفيذي\tTITLE\n";
	size_t n1, n2;
	uint64_t s1, s2;

	tap_ok(g != NULL && mq_gazetteer_add_names(g, names, strlen(names), false, &err) &&
	    mq_gazetteer_add_triggers(g, trig, strlen(trig), &err), "a small gazetteer");

	a = describe(NULL, "أحمد");
	b = describe(NULL, "احمد");
	tap_ok(a.fold == b.fold, "hamza forms fold alike (أحمد, احمد)");
	b = describe(NULL, "أَحْمَد");
	tap_ok(a.fold == b.fold && a.shape == b.shape, "harakat change neither the word nor its shape");
	a = describe(NULL, "ولبنان");
	b = describe(NULL, "لبنان");
	tap_ok(a.stem == b.stem && a.fold != b.fold, "ولبنان and لبنان: one stem, two words");
	tap_ok(a.stem1 == b.fold && a.clitics == 2, "ولبنان without و is لبنان (two clitics split)");
	tap_ok(describe(NULL, "Microsoft").script == MQ_SCRIPT_LATIN &&
	    describe(NULL, "Microsoft").cap, "Microsoft: Latin, capitalised");
	tap_ok(describe(NULL, "2024").script == MQ_SCRIPT_DIGIT &&
	    describe(NULL, "٢٠٢٤").fold == describe(NULL, "2024").fold,
	    "2024 and ٢٠٢٤: digits, the same number");
	tap_ok(describe(NULL, "بـ500").script == MQ_SCRIPT_MIXED, "بـ500: letters and digits");
	tap_ok(describe(NULL, "،").script == MQ_SCRIPT_OTHER, "، is punctuation");
	tap_ok(describe(NULL, "Paris").shape == describe(NULL, "London").shape &&
	    describe(NULL, "Paris").shape != describe(NULL, "PARIS").shape,
	    "shape: Paris like London, not like PARIS");

	tap_ok(describe(g, "مصر").gaz == MQ_GAZ_TYPE(MQ_ENT_PLACE), "مصر is a place in the gazetteer");
	tap_ok(describe(g, "ومصر").gaz == (MQ_GAZ_TYPE(MQ_ENT_PLACE) << 16),
	    "ومصر: its stem is (facts of the stem above bit 16)");
	tap_ok(describe(g, "محمد").gaz == MQ_GAZ_GIVEN, "محمد is a given name");
	tap_ok(describe(g, "وزير").gaz == MQ_GAZ_TITLE, "وزير is a title");
	tap_ok(describe(g, "كتاب").gaz == 0, "كتاب is nothing in it");

	/* neighbours count: the same word has other features after a title */
	words[0] = describe(g, "وزير");
	words[1] = describe(g, "زيد");
	words[2] = describe(g, "قال");
	s1 = feature_sum(words, 3, 1, &n1);
	words[0] = describe(g, "كتاب");
	s2 = feature_sum(words, 3, 1, &n2);
	tap_ok(s1 != s2, "a word's features change with the word before it");
	tap_ok(n1 > 20 && n1 <= MQ_TAG_MAXFEAT, "and there are %zu of them", n1);
	words[0] = describe(g, "زيد");
	tap_ok(feature_sum(words, 1, 0, &n1) != 0 && n1 > 10,
	    "a sentence of one word has features (boundaries on both sides)");

	/* gazetteer phrases: الرئيس التنفيذي is one title */
	{
		static char k0[64], k1[64], k2[64];
		const char *keys[3] = { k0, k1, k2 };
		MqTagWord p[3];

		mq_fold_utf8("الرئيس", strlen("الرئيس"), k0, sizeof k0);
		mq_fold_utf8("التنفيذي", strlen("التنفيذي"), k1, sizeof k1);
		mq_fold_utf8("زيد", strlen("زيد"), k2, sizeof k2);
		p[0] = describe(g, "الرئيس");
		p[1] = describe(g, "التنفيذي");
		p[2] = describe(g, "زيد");
		mq_tagger_phrases(g, keys, p, 3);
		tap_ok(p[0].phrase == MQ_GAZ_TITLE && p[1].phrase == (MQ_GAZ_TITLE << 16) &&
		    p[2].phrase == 0, "الرئيس التنفيذي is marked a title, its last word as the end");
		mq_tagger_phrases(NULL, keys, p, 3);
		tap_ok(p[0].phrase == 0 && p[1].phrase == 0, "no gazetteer, no phrases");
	}
	mq_gazetteer_free(g);
	free(err);
}

/* Viterbi on hand-made scores. */
static void
test_viterbi(void)
{
	float trans[(MQ_TAG_NLABELS + 1) * MQ_TAG_NLABELS] = { 0 };
	float emit[4 * MQ_TAG_NLABELS] = { 0 };
	uint8_t back[4 * MQ_TAG_NLABELS], out[4];
	uint8_t bper = mq_tagger_label(MQ_ENT_PERSON, false), iper = mq_tagger_label(MQ_ENT_PERSON, true);
	uint8_t iorg = mq_tagger_label(MQ_ENT_ORG, true);

	/* token 0 prefers B-PERSON, token 1 I-PERSON, 2 O, 3 I-ORG */
	emit[0 * MQ_TAG_NLABELS + bper] = 2;
	emit[1 * MQ_TAG_NLABELS + iper] = 2;
	emit[2 * MQ_TAG_NLABELS + MQ_TAG_O] = 1;
	emit[3 * MQ_TAG_NLABELS + iorg] = 5;
	mq_tagger_viterbi(emit, 4, trans, back, out);
	tap_ok(out[0] == bper && out[1] == iper && out[2] == mq_tagger_label(MQ_ENT_ORG, false) &&
	    out[3] == iorg, "the best labels: B-PERSON I-PERSON, then B-ORG to reach I-ORG "
	    "legally (%s %s %s %s)", mq_tagger_label_name(out[0]), mq_tagger_label_name(out[1]),
	    mq_tagger_label_name(out[2]), mq_tagger_label_name(out[3]));
	memset(emit, 0, sizeof emit);
	emit[iorg] = 5;
	emit[MQ_TAG_O] = 1;
	mq_tagger_viterbi(emit, 1, trans, back, out);
	tap_ok(out[0] == MQ_TAG_O, "a sentence never starts inside a name (got %s)",
	    mq_tagger_label_name(out[0]));
	/* a transition can outweigh an emission */
	memset(emit, 0, sizeof emit);
	emit[bper] = 2;
	emit[MQ_TAG_NLABELS + iper] = 2;
	mq_tagger_viterbi(emit, 2, trans, back, out);
	tap_ok(out[0] == bper && out[1] == iper, "B-PERSON I-PERSON without transitions");
	trans[(bper + 1) * MQ_TAG_NLABELS + iper] = -10;
	mq_tagger_viterbi(emit, 2, trans, back, out);
	tap_ok(out[1] != iper, "a heavy transition penalty changes the path (got %s)",
	    mq_tagger_label_name(out[1]));
	tap_ok(strcmp(mq_tagger_label_name(mq_tagger_label(MQ_ENT_PLACE, true)), "I-PLACE") == 0 &&
	    mq_tagger_label_type(mq_tagger_label(MQ_ENT_MISC, false), NULL) == MQ_ENT_MISC,
	    "labels and types map both ways");
}

/* Writes a tiny model by hand to path: a word, a title before a word. */
static bool
tiny_model(const char *path, const MqTagWord *zaid, char **err)
{
	static float weights[2 * MQ_TAG_NLABELS];
	static float trans[(MQ_TAG_NLABELS + 1) * MQ_TAG_NLABELS];
	uint64_t keys[2], f[MQ_TAG_MAXFEAT], lex[1];
	uint16_t cls[1] = { 3 | 1 << 8 };	/* always a person, seen once */
	MqTagWord w[1] = { *zaid };
	MqTagModelSpec spec = { 2, keys, weights, trans, 1, lex, cls, 0, 0 };

	memset(weights, 0, sizeof weights);
	/* the bias feature (the first of every token) says O; the word, PERSON */
	mq_tagger_features(w, 1, 0, f);
	keys[0] = f[0];
	keys[1] = f[1];
	weights[0 * MQ_TAG_NLABELS + MQ_TAG_O] = 1.0f;
	weights[1 * MQ_TAG_NLABELS + mq_tagger_label(MQ_ENT_PERSON, false)] = 3.0f;
	weights[1 * MQ_TAG_NLABELS + MQ_TAG_O] = -0.5f;
	lex[0] = zaid->fold;
	return mq_tagger_write(&spec, path, err);
}

/* Copies file from to to, changing byte at (if at >= 0) or cutting it to len. */
static void
damage(const char *from, const char *to, long at, long len, int value)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	long i = 0;
	int c;

	while (in && out && (c = getc(in)) != EOF && (len < 0 || i < len)) {
		putc(i == at ? value : c, out);
		i++;
	}
	if (in)
		fclose(in);
	if (out)
		fclose(out);
}

/* The error loading path gives ("" if it loads). */
static const char *
load_error(const char *path)
{
	static char buf[256];
	char *err = NULL;
	MqTagger *t = mq_tagger_load(path, &err);

	snprintf(buf, sizeof buf, "%s", t ? "" : err ? err : "?");
	mq_tagger_free(t);
	free(err);
	return buf;
}

static void
test_model(void)
{
	char dir[] = "/tmp/maqal-tagger.XXXXXX", path[128], bad[128];
	MqTagWord zaid = describe(NULL, "زيد"), w[3];
	MqTagScratch s = { 0 };
	MqTagger *t;
	char *err = NULL;
	uint8_t out[3];
	uint64_t f[MQ_TAG_MAXFEAT];

	if (mkdtemp(dir) == NULL) {
		tap_ok(0, "a scratch directory");
		return;
	}
	snprintf(path, sizeof path, "%s/tiny.model", dir);
	snprintf(bad, sizeof bad, "%s/bad.model", dir);
	tap_ok(tiny_model(path, &zaid, &err), "a tiny model is written (%s)", err ? err : "ok");
	t = mq_tagger_load(path, &err);
	tap_ok(t != NULL, "and loads (%s)", t ? "ok" : err);
	if (t == NULL)
		return;

	/* round trip: the weights come back within the 16-bit step */
	mq_tagger_features(&zaid, 1, 0, f);
	tap_ok(fabsf(mq_tagger_weight(t, f[1], mq_tagger_label(MQ_ENT_PERSON, false)) - 3.0f) < 1e-3f &&
	    fabsf(mq_tagger_weight(t, f[1], MQ_TAG_O) + 0.5f) < 1e-3f &&
	    fabsf(mq_tagger_weight(t, f[0], MQ_TAG_O) - 1.0f) < 1e-3f,
	    "weights survive the round trip");
	tap_ok(mq_tagger_weight(t, f[2], MQ_TAG_O) == 0.0f, "a feature not in the model weighs 0");
	tap_ok(mq_tagger_known(t, zaid.fold) && !mq_tagger_known(t, describe(NULL, "عمرو").fold),
	    "the lexicon knows زيد, not عمرو");
	tap_ok(mq_tagger_lex(t, zaid.fold) == (3 | 1 << 8), "with its class");

	/* decoding: زيد is a person, the words around it are not */
	w[0] = describe(NULL, "قال");
	w[1] = describe(NULL, "زيد");
	w[2] = describe(NULL, "أمس");
	tap_ok(mq_tagger_decode(t, w, 3, &s, out) && out[0] == MQ_TAG_O &&
	    out[1] == mq_tagger_label(MQ_ENT_PERSON, false) && out[2] == MQ_TAG_O,
	    "the tiny model tags قال زيد أمس as O B-PERSON O");
	tap_ok(w[1].lex == (3 | 1 << 8) && w[0].lex == 0, "decoding sets the lexicon classes");
	tap_ok(mq_tagger_decode(t, w, 0, &s, out), "an empty sentence decodes");
	mq_tagger_scratch_free(&s);
	mq_tagger_free(t);

	/* damage of every kind is refused, with its reason */
	damage(path, bad, 100, -1, 0x55);
	tap_str(strstr(load_error(bad), "damaged model (checksum)") ? "yes" : load_error(bad),
	    "yes", "a changed byte: checksum");
	damage(path, bad, -1, 200, 0);
	tap_str(strstr(load_error(bad), "truncated") ? "yes" : load_error(bad), "yes",
	    "a cut file: truncated");
	damage(path, bad, 0, -1, 'X');
	tap_str(strstr(load_error(bad), "not a maqal model") ? "yes" : load_error(bad), "yes",
	    "another magic: not a maqal model");
	damage(path, bad, 12, -1, MQ_TAG_FEATURES_VERSION + 1);
	tap_str(strstr(load_error(bad), "retrain") ? "yes" : load_error(bad), "yes",
	    "other features: retrain it");
	damage(path, bad, 8, -1, 99);
	tap_str(strstr(load_error(bad), "another maqal version") ? "yes" : load_error(bad), "yes",
	    "another format version");
	damage(path, bad, -1, 10, 0);
	tap_str(strstr(load_error(bad), "not a maqal model") ? "yes" : load_error(bad), "yes",
	    "ten bytes: not a maqal model");
	snprintf(bad, sizeof bad, "%s/missing.model", dir);
	tap_str(strstr(load_error(bad), "No such file") ? "yes" : load_error(bad), "yes",
	    "a missing file says so");
	tap_str(strstr(load_error(dir), "is a directory") ? "yes" : load_error(dir), "yes",
	    "a directory says so");
	snprintf(bad, sizeof bad, "%s/bad.model", dir);
	unlink(bad);
	tap_ok(!mq_tagger_write(&(MqTagModelSpec){ 0, NULL, NULL, (float[90]){ 0 }, 0, NULL, NULL, 0, 0 },
	    "/nonexistent-dir/x.model", &err) && err != NULL, "an unwritable path is an error");
	unlink(path);
	rmdir(dir);
	free(err);
}

/* The error of loading the word-class table at path ("" when it loads). */
static const char *
classes_error(const char *path)
{
	static char msg[256];
	char *err = NULL;
	MqWordClasses *c = mq_classes_load(path, &err);

	snprintf(msg, sizeof msg, "%s", c ? "" : err ? err : "?");
	mq_classes_free(c);
	free(err);
	return msg;
}

static void
test_classes(void)
{
	char dir[] = "/tmp/maqal-classes.XXXXXX", path[128], bad[128], model[128];
	MqTagWord w[3] = { describe(NULL, "باريس"), describe(NULL, "والرياض"),
	    describe(NULL, "قال") };
	uint64_t keys[2] = { w[0].fold, describe(NULL, "الرياض").fold };
	uint16_t cls[2] = { 7, 300 };
	MqWordClasses *c;
	MqTagger *t;
	char *err = NULL;

	if (mkdtemp(dir) == NULL) {
		tap_ok(0, "a scratch directory");
		return;
	}
	snprintf(path, sizeof path, "%s/a.classes", dir);
	snprintf(bad, sizeof bad, "%s/bad.classes", dir);
	snprintf(model, sizeof model, "%s/tiny.model", dir);
	tap_ok(mq_classes_write(keys, cls, 2, path, &err), "a word-class table is written");
	c = mq_classes_load(path, &err);
	tap_ok(c != NULL && mq_classes_id(c) != 0, "and loads, with an id");
	if (c == NULL)
		return;
	mq_classes_tag(c, w, 3);
	tap_ok(w[0].cls == 7 && w[1].cls == 0 && w[1].clsstem == 300 && w[2].cls == 0,
	    "a word's class, a stem's (والرياض -> الرياض), none for an unknown word");
	mq_classes_tag(NULL, w, 3);
	tap_ok(w[0].cls == 0 && w[1].clsstem == 0, "no table: no classes");
	/* a model that did not learn with these classes does not use them */
	tap_ok(tiny_model(model, &w[2], &err) && (t = mq_tagger_load(model, &err)) != NULL,
	    "a model without classes loads");
	if (t != NULL) {
		tap_ok(mq_tagger_classes_id(t) == 0 && !mq_tagger_set_classes(t, c),
		    "and refuses classes it did not learn with");
		mq_tagger_free(t);
	}
	mq_classes_free(c);
	damage(path, bad, 60, -1, 0x55);
	tap_str(strstr(classes_error(bad), "damaged word classes (checksum)") ? "yes" :
	    classes_error(bad), "yes", "classes: a changed byte is refused (checksum)");
	damage(path, bad, -1, 50, 0);
	tap_str(strstr(classes_error(bad), "truncated") ? "yes" : classes_error(bad), "yes",
	    "classes: a cut file is refused");
	damage(path, bad, 0, -1, 'X');
	tap_str(strstr(classes_error(bad), "not a maqal word-class table") ? "yes" :
	    classes_error(bad), "yes", "classes: another magic is refused");
	unlink(bad);
	unlink(model);
	unlink(path);
	rmdir(dir);
	free(err);
}

/*
 * The decoder keeps what each word adds to the scores (a cache in the
 * scratch space): its scores must be the sums of the weights of every
 * feature of every token, as the trainer sees them, at the start of a
 * sentence or inside it, the second time a word comes as the first, and
 * with another model through the same scratch space.
 */
#define NSENT 4
static const char *const sentences[NSENT][6] = {
	{ "قال", "زيد", "بن", "عمرو", "في", "بيروت" },
	{ "زيد", "قال", "زيد", "أمس", NULL },
	{ "Mr", "Smith", "went", "to", "Paris", "Smith" },
	{ "Smith", NULL },
};

/* The lexicon class of زيد in the models below: a person, in the list of names. */
#define ZAID_LEX (3 | 1 << 8 | MQ_TAG_LIST_PERSON)

/*
 * The words of sentence k into w (some with gazetteer facts, زيد with the
 * lexicon class decoding gives it); how many.
 */
static size_t
sentence(size_t k, MqTagWord *w)
{
	size_t n;

	for (n = 0; n < 6 && sentences[k][n] != NULL; n++) {
		w[n] = describe(NULL, sentences[k][n]);
		if (strcmp(sentences[k][n], "بن") == 0 || strcmp(sentences[k][n], "Mr") == 0)
			w[n].gaz = MQ_GAZ_TITLE | MQ_GAZ_ORGWORD << 16;
		if (strcmp(sentences[k][n], "عمرو") == 0)
			w[n].phrase = (uint32_t)MQ_GAZ_TYPE(MQ_ENT_PERSON) << 16;
		if (strcmp(sentences[k][n], "بن") == 0)
			w[n].phrase = MQ_GAZ_TYPE(MQ_ENT_PERSON);
		if (strcmp(sentences[k][n], "زيد") == 0)
			w[n].lex = ZAID_LEX;
	}
	return n;
}

/* A model weighing every feature of the sentences (sign: +1 or -1). */
static bool
every_feature_model(const char *path, float sign, char **err)
{
	static uint64_t keys[NSENT * 6 * MQ_TAG_MAXFEAT];
	static float weights[NSENT * 6 * MQ_TAG_MAXFEAT * MQ_TAG_NLABELS];
	static float trans[(MQ_TAG_NLABELS + 1) * MQ_TAG_NLABELS];
	uint64_t f[MQ_TAG_MAXFEAT], lex[1];
	uint16_t cls[1] = { ZAID_LEX };
	MqTagWord w[6];
	size_t k, i, j, m, n, nk = 0;

	for (k = 0; k < NSENT; k++) {
		n = sentence(k, w);
		for (i = 0; i < n; i++) {
			m = mq_tagger_features(w, n, i, f);
			for (j = 0; j < m; j++) {
				size_t have;

				for (have = 0; have < nk && keys[have] != f[j]; have++)
					;
				if (have == nk)
					keys[nk++] = f[j];
			}
		}
	}
	for (i = 0; i < nk * MQ_TAG_NLABELS; i++)
		weights[i] = sign * (float)((int)(keys[i / MQ_TAG_NLABELS] >> (i % 8 * 4) & 0xff) - 128) / 16;
	lex[0] = describe(NULL, "زيد").fold;
	return mq_tagger_write(&(MqTagModelSpec){ nk, keys, weights, trans, 1, lex, cls, 0, 0 },
	    path, err);
}

/* How far the decoder's scores of sentence k are from the features' sums. */
static float
score_error(const MqTagger *t, MqTagScratch *s, size_t k)
{
	MqTagWord w[6];
	uint64_t f[MQ_TAG_MAXFEAT];
	uint8_t out[6];
	size_t n = sentence(k, w), i, j, m;
	float worst = 0;
	unsigned l;

	if (!mq_tagger_decode(t, w, n, s, out))
		return INFINITY;
	for (i = 0; i < n; i++) {
		m = mq_tagger_features(w, n, i, f);	/* w's lexicon set now */
		for (l = 0; l < MQ_TAG_NLABELS; l++) {
			float sum = 0;

			for (j = 0; j < m; j++)
				sum += mq_tagger_weight(t, f[j], (uint8_t)l);
			if (fabsf(sum - s->emit[i * MQ_TAG_NLABELS + l]) > worst)
				worst = fabsf(sum - s->emit[i * MQ_TAG_NLABELS + l]);
		}
	}
	return worst;
}

static void
test_cache(void)
{
	char dir[] = "/tmp/maqal-tagger.XXXXXX", plus[128], minus[128];
	MqTagger *a = NULL, *b = NULL;
	MqTagScratch s = { 0 };
	char *err = NULL;
	float worst = 0, e;
	size_t k, round;

	if (mkdtemp(dir) == NULL) {
		tap_ok(0, "a scratch directory");
		return;
	}
	snprintf(plus, sizeof plus, "%s/plus.model", dir);
	snprintf(minus, sizeof minus, "%s/minus.model", dir);
	tap_ok(every_feature_model(plus, 1, &err) && every_feature_model(minus, -1, &err) &&
	    (a = mq_tagger_load(plus, &err)) != NULL && (b = mq_tagger_load(minus, &err)) != NULL,
	    "two models weighing every feature load (%s)", err ? err : "ok");
	if (a == NULL || b == NULL) {
		mq_tagger_free(a);
		return;
	}
	for (round = 0; round < 2; round++)
		for (k = 0; k < NSENT; k++)
			if ((e = score_error(a, &s, k)) > worst)
				worst = e;
	tap_ok(worst < 1e-2f, "the decoder's scores are the sums of every feature's weights, "
	    "words met again or not (off by %g)", worst);
	tap_ok(s.emit[0] != 0, "and the features weigh something");
	worst = 0;
	for (k = 0; k < NSENT; k++)
		if ((e = score_error(b, &s, k)) > worst)
			worst = e;
	tap_ok(worst < 1e-2f, "another model through the same scratch space scores with its own "
	    "weights (off by %g)", worst);
	mq_tagger_scratch_free(&s);
	mq_tagger_free(a);
	mq_tagger_free(b);
	remove(plus);
	remove(minus);
	rmdir(dir);
}

int
main(void)
{
	test_clitics();
	test_describe();
	test_viterbi();
	test_model();
	test_cache();
	test_classes();
	return tap_done();
}
