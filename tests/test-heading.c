/*
 * Unit tests for core/heading: the features of invented lines (what the
 * model is shown must be what the line is), and the model file format.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/heading.h"
#include "tap.h"

/* The features of paragraph i of s (plain text), space-separated. */
static const char *
features_of(const char *s, size_t i)
{
	static char buf[4096];
	char *err = NULL;
	MqText *t = mq_text_new_from_memory("t", s, strlen(s), &err);
	MqDoc *d = t ? mq_doc_new(t) : NULL;
	MqHeadDoc *h = d ? mq_head_doc_new(d) : NULL;
	uint8_t feat[MQ_HEAD_MAXACTIVE];
	size_t n = 0, k, len = 0;

	buf[0] = '\0';
	if (h != NULL && i < mq_head_doc_count(h))
		n = mq_head_features(h, i, feat);
	for (k = 0; k < n; k++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, " %s",
		    mq_head_feature_name(feat[k]));
	if (len < sizeof buf - 1)
		strcat(buf, " ");
	mq_head_doc_free(h);
	mq_doc_free(d);
	mq_text_free(t);
	free(err);
	return buf;
}

/* True if paragraph i of s has feature name. */
static bool
has(const char *s, size_t i, const char *name)
{
	char want[64];

	snprintf(want, sizeof want, " %s ", name);
	return strstr(features_of(s, i), want) != NULL;
}

/* True if every paragraph's features are strictly increasing. */
static bool
features_sorted(const char *s)
{
	char *err = NULL;
	MqText *t = mq_text_new_from_memory("t", s, strlen(s), &err);
	MqDoc *d = t ? mq_doc_new(t) : NULL;
	MqHeadDoc *h = d ? mq_head_doc_new(d) : NULL;
	uint8_t feat[MQ_HEAD_MAXACTIVE];
	bool ok = h != NULL;
	size_t i, k, n;

	for (i = 0; h && i < mq_head_doc_count(h); i++) {
		n = mq_head_features(h, i, feat);
		for (k = 1; k < n; k++)
			ok = ok && feat[k - 1] < feat[k];
	}
	mq_head_doc_free(h);
	mq_doc_free(d);
	mq_text_free(t);
	free(err);
	return ok;
}

#define BODY "This paragraph is the body of the section. It runs on for a " \
	"while, as body text does, long enough to be read as running text.\n\n"
#define BODY2 "Another paragraph follows with different words in it, so " \
	"that no two paragraphs are the same, and it ends like sentences do.\n\n"

static void
test_features(void)
{
	const char *toc = "Contents\n\nChapter 1\n\nChapter 2\n\n" BODY
	    "Chapter 1\n\n" BODY2 "Chapter 2\n\n" BODY;
	const char *verse = "Title\n\n" BODY "Roses are red\n\nViolets are blue\n\n"
	    "Sugar is sweet\n\n" BODY2;
	/* a hard-wrapped text of 40 columns with a centred line */
	const char *wrapped =
	    "               Centred\n\n"
	    "The first paragraph of a text that was\n"
	    "wrapped at forty columns, so that its\n"
	    "lines break where the next word would\n"
	    "not have fitted on them any more.\n\n"
	    "The second one goes on in the same way\n"
	    "and its lines are also full, or nearly\n"
	    "full, up to the last one of them all.\n\n"
	    "A third paragraph is here to give the\n"
	    "width away: a wrapped text has many of\n"
	    "its lines just under the width it was\n"
	    "wrapped at, and a few shorter ones.\n";

	tap_ok(has(toc, 2, "ST_CHAPTER") && has(toc, 2, "DUP_LATER") &&
	    !has(toc, 2, "DUP_EARLIER"), "a table of contents line: a chapter word, repeated later");
	tap_ok(has(toc, 4, "DUP_EARLIER") && !has(toc, 4, "DUP_LATER"),
	    "the chapter heading itself: its text came before (in the contents)");
	tap_ok(has("Title\n\n" BODY "Why does the body sweat?\n\n" BODY2, 2, "END_QUEST") &&
	    has("Title\n\n" BODY "Why does the body sweat?\n\n" BODY2, 2, "ST_QWORD"),
	    "an English question: its end and its question word");
	tap_ok(has("عنوان\n\n" BODY "لماذا يعرق الجسم؟\n\n" BODY2, 2, "END_QUEST") &&
	    has("عنوان\n\n" BODY "لماذا يعرق الجسم؟\n\n" BODY2, 2, "ST_QWORD") &&
	    has("عنوان\n\n" BODY "لماذا يعرق الجسم؟\n\n" BODY2, 2, "ARABIC"),
	    "an Arabic question: ؟ and لماذا");
	tap_ok(has("Title\n\n" BODY "Surprise at last!\n\n" BODY2, 2, "END_EXCL") &&
	    has("Title\n\n" BODY "And then..\n\n" BODY2, 2, "END_ELLIPSIS"),
	    "headings ending in ! and .. are told apart from full stops");
	tap_ok(has("Title\n\n" BODY "TERMS AND CONDITIONS\n\n" BODY2, 2, "ALL_CAPS"),
	    "ALL CAPS");
	tap_ok(has("Title\n\n" BODY "How to Apply These Terms\n\n" BODY2, 2, "TITLE_CASE") &&
	    !has("Title\n\n" BODY "How to apply these terms\n\n" BODY2, 2, "TITLE_CASE"),
	    "English title case (short function words aside)");
	tap_ok(has("Title\n\n" BODY "IV. Results\n\n" BODY2, 2, "ST_ROMAN") &&
	    has("Title\n\n" BODY "b) the second case\n\n" BODY2, 2, "ST_LETTER") &&
	    has("Title\n\n" BODY "2.1. Grants\n\n" BODY2, 2, "ST_DOTTED"),
	    "Roman numerals, letters and dotted numbers");
	tap_ok(has(verse, 2, "NX_RUN") && has(verse, 3, "RUN_SHORT"),
	    "verse: a run of short plain lines starts, and goes on");
	tap_ok(has(wrapped, 0, "CENTRED") && !has(wrapped, 0, "NOWRAP") &&
	    has(wrapped, 0, "IND_BIG"),
	    "a centred line in hard-wrapped text");
	tap_ok(has("Title\n\n" BODY, 0, "NOWRAP"), "unwrapped text says so");
	tap_ok(strcmp(features_of("Title\n\n" BODY, 1), " ") != 0 &&
	    has("Title\n\n" BODY, 1, "LEN_121"), "a body paragraph is described");
	tap_ok(has("Title\n\n" BODY "Part\n\n\n\n" BODY2, 2, "BA_MORE") &&
	    !has("Title\n\n" BODY "Part\n\n" BODY2, 2, "BA_MORE"),
	    "more blank lines than the document's usual gap");
	tap_ok(strcmp(features_of("Title\n\nQ: what next\n\n" BODY, 1), " ") == 0 &&
	    strcmp(features_of("عنوان\n\n" BODY "وختم اجاباته بالقول:\n\n" BODY2, 2), " ") == 0,
	    "Q&A turns and lead-ins ending in بالقول: are never candidates");
	tap_ok(has("Title\n\n" BODY "Part One\n========\n\n" BODY2, 2, "NX_RULE") &&
	    strcmp(features_of("Title\n\n" BODY "Part One\n========\n\n" BODY2, 3), " ") == 0,
	    "an underlined line: the underline is no candidate, the line knows it");
	tap_ok(features_sorted(toc) && features_sorted(verse) && features_sorted(wrapped),
	    "features come in increasing order (the pair weights rely on it)");
}

static void
test_model(void)
{
	MqHeadModel *m = malloc(sizeof *m), *back = malloc(sizeof *back);
	char *err = NULL, *text = NULL;
	uint8_t feat[] = { 1, 5, 9 };
	size_t len = 0;
	FILE *fp;
	bool ok_parse;

	tap_ok(mq_head_model_builtin(&err) != NULL, "the compiled-in model loads");
	free(err);
	err = NULL;
	tap_ok(mq_head_feature_count() > 50 && mq_head_feature_count() <= MQ_HEAD_MAXFEAT &&
	    strcmp(mq_head_feature_name(0), "LEN_1_3") == 0,
	    "features have names");

	tap_ok(!mq_head_model_parse(m, "hello\n", 6, &err) && err &&
	    strstr(err, "not a heading model") != NULL, "another file is refused");
	free(err);
	err = NULL;
	tap_ok(!mq_head_model_parse(m, "maqal-headings 999\n", 19, &err) && err &&
	    strstr(err, "another version") != NULL, "a model of another version is refused");
	free(err);
	err = NULL;
	tap_ok(!mq_head_model_parse(m, "maqal-headings 1\nfeat NO_SUCH 1\n", 32, &err) && err &&
	    strstr(err, "line 2") != NULL, "an unknown feature is refused, with its line");
	free(err);
	err = NULL;
	tap_ok(!mq_head_model_parse(m, "maqal-headings 1\nbias nan\n", 26, &err),
	    "a weight that is not a finite number is refused");
	free(err);
	err = NULL;
	tap_ok(!mq_head_model_parse(m, "", 0, &err), "an empty model is refused");
	free(err);
	err = NULL;

	memset(m, 0, sizeof *m);
	m->bias = -1.5f;
	m->w[1] = 0.25f;
	m->w[9] = 2;
	m->pair[1][5] = 0.5f;
	m->pair[5][9] = -0.125f;
	fp = open_memstream(&text, &len);
	tap_ok(fp && mq_head_model_write(m, fp) && fclose(fp) == 0, "a model is written");
	ok_parse = text && mq_head_model_parse(back, text, len, &err);
	tap_ok(ok_parse && mq_head_score(back, feat, 3) == mq_head_score(m, feat, 3) &&
	    mq_head_score(m, feat, 3) == -1.5f + 0.25f + 2 + 0.5f - 0.125f,
	    "written and read back, it scores the same: bias, features and pairs");
	free(err);
	free(text);
	free(m);
	free(back);
}

/*
 * The features of every paragraph of s, one line each, its facts kept
 * within budget bytes (NULL when memory ran out).
 */
static char *
all_features(const char *s, size_t budget)
{
	char *err = NULL, *out = NULL;
	MqText *t = mq_text_new_from_memory("t", s, strlen(s), &err);
	MqDoc *d = t ? mq_doc_new(t) : NULL;
	MqHeadDoc *h = d ? mq_head_doc_start_window(d, budget) : NULL;
	uint8_t feat[MQ_HEAD_MAXACTIVE];
	size_t i, k, n, len = 0;
	FILE *fp = open_memstream(&out, &len);
	int r = 0;

	while (h != NULL && (r = mq_head_doc_read(h, 3)) == 0)
		;
	for (i = 0; fp && r == 1 && i < mq_head_doc_count(h); i++) {
		if (!mq_head_doc_window(h, i))
			break;
		n = mq_head_features(h, i, feat);
		for (k = 0; k < n; k++)
			fprintf(fp, " %u", feat[k]);
		fprintf(fp, " | %u\n", mq_head_doc_facts(h, i)->chars);
	}
	if (fp)
		fclose(fp);
	mq_head_doc_free(h);
	mq_doc_free(d);
	mq_text_free(t);
	free(err);
	return out;
}

/*
 * A table of contents is a run of three or more lines that each come
 * again later; a window of facts sees what the whole document does.
 */
static void
test_contents(void)
{
	const char *four = "Contents\n\nAlpha\n\nBeta\n\nGamma\n\nDelta\n\n" BODY
	    "Alpha\n\n" BODY2 "Beta\n\n" BODY "Gamma\n\n" BODY2 "Delta\n\n" BODY;
	const char *two = "Contents\n\nAlpha\n\nBeta\n\n" BODY "Alpha\n\n" BODY2
	    "Beta\n\n" BODY;
	/* listed, not listed (comes before too), listed x3: a run of three after a break */
	const char *broken = "Alpha\n\nAlpha\n\nBeta\n\nGamma\n\nDelta\n\n" BODY
	    "Alpha\n\n" BODY2 "Beta\n\n" BODY "Gamma\n\n" BODY2 "Delta\n\n" BODY;
	char big[65536];
	const char *texts[4];
	size_t i, k, len = 0;
	int same = 0;

	for (i = 1; i <= 4; i++)
		tap_ok(strcmp(features_of(four, i), " ") == 0,
		    "an entry of a table of contents (%zu of a run of 4) is no candidate", i);
	tap_ok(strcmp(features_of(two, 1), " ") != 0 && strcmp(features_of(two, 2), " ") != 0,
	    "two lines that come again later are no table of contents");
	tap_ok(strcmp(features_of(broken, 0), " ") != 0 &&
	    strcmp(features_of(broken, 1), " ") != 0 &&
	    strcmp(features_of(broken, 2), " ") == 0 && strcmp(features_of(broken, 4), " ") == 0,
	    "a line whose text came before breaks the run");

	/* a longer text: contents, numbered parts, verse, a wrapped stretch */
	for (k = 0; k < 40 && len + 400 < sizeof big; k++)
		len += (size_t)snprintf(big + len, sizeof big - len, "Part %zu\n\n", k % 7);
	for (k = 0; k < 60 && len + 400 < sizeof big; k++)
		len += (size_t)snprintf(big + len, sizeof big - len, "%s%zu. Part %zu\n\n%s",
		    k % 5 ? "" : "Roses are red\n\nViolets are blue\n\n", k, k % 7,
		    k % 2 ? BODY : BODY2);
	texts[0] = four;
	texts[1] = two;
	texts[2] = broken;
	texts[3] = big;
	for (i = 0; i < 4; i++) {
		char *whole = all_features(texts[i], SIZE_MAX);
		/* a window from the start; from the 50th paragraph on (~40 bytes each) */
		char *window = all_features(texts[i], 1), *later = all_features(texts[i], 50 * 40);

		same += whole != NULL && window != NULL && later != NULL && strlen(whole) > 10 &&
		    strcmp(whole, window) == 0 && strcmp(whole, later) == 0;
		free(whole);
		free(window);
		free(later);
	}
	tap_ok(same == 4, "facts kept in a window, from the start or from past a budget, "
	    "give every paragraph the features the whole document does (%d of 4 texts)", same);
}

int
main(void)
{
	test_features();
	test_contents();
	test_model();
	return tap_done();
}
