/*
 * tests/test-entity.c: the gazetteer and the rules of core/entity, without
 * a tagger and with a small gazetteer of the test's own, so each check
 * names the rule it is about: what a reader would see listed in the names
 * pane (or not) if a rule broke.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/entity.h"
#include "core/gazetteer.h"
#include "tap.h"

static const char names_tsv[] =
    "# NAME<TAB>TYPE<TAB>VARIANTS\n"
    "الأمم المتحدة\tORG\tالامم المتحده\n"
    "القاهرة\tPLACE\n"
    "Microsoft\tORG\n"
    "محمد\tGIVEN\n"
    "نجيب محفوظ\tPERSON\n";
static const char triggers_tsv[] =
    "الرئيس\tTITLE\n"
    "وزارة\tORG\n"
    "جبل\tCOMMON\n"
    "The\tSTOP\n";

static MqGazetteer *
gazetteer(void)
{
	MqGazetteer *g = mq_gazetteer_new();
	char *err = NULL;

	if (g == NULL || !mq_gazetteer_add_names(g, names_tsv, strlen(names_tsv), false, &err) ||
	    !mq_gazetteer_add_triggers(g, triggers_tsv, strlen(triggers_tsv), &err)) {
		printf("# gazetteer: %s\n", err ? err : "out of memory");
		free(err);
		mq_gazetteer_free(g);
		return NULL;
	}
	return g;
}

/*
 * The mentions of s, as "TYPE:text|entity name" joined by spaces, in file
 * order.
 */
static const char *
mentions_of(const MqGazetteer *g, const char *s)
{
	static char buf[4096];
	char *err = NULL;
	MqText *t = mq_text_new_from_memory("t.txt", s, strlen(s), &err);
	MqDoc *d = t ? mq_doc_new(t) : NULL;
	MqEntities *e = d ? mq_entities_new(d, g) : NULL;
	const MqMention *m;
	const MqEntity *ent;
	size_t i, n, nent, k = 0;

	buf[0] = '\0';
	if (e == NULL || !mq_entities_scan(e, 0) || !mq_entities_done(e)) {
		snprintf(buf, sizeof buf, "(scan failed)");
		goto out;
	}
	m = mq_entities_mentions(e, &n);
	ent = mq_entities_list(e, &nent);
	for (i = 0; i < n && k < sizeof buf; i++)
		k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s:%.*s|%s", i ? " " : "",
		    mq_entity_type_name(m[i].type), (int)(m[i].end - m[i].start),
		    s + m[i].start, ent[m[i].entity].name);
out:
	mq_entities_free(e);
	mq_doc_free(d);
	mq_text_free(t);
	free(err);
	return buf;
}

static void
test_gazetteer(const MqGazetteer *g)
{
	const MqGazEntry *en;
	MqGazetteer *bad = mq_gazetteer_new();
	char *err = NULL;

	tap_ok(mq_gazetteer_size(g) == 6, "six names and variants held (%zu)", mq_gazetteer_size(g));
	en = mq_gazetteer_find(g, "الامم المتحده");
	tap_ok(en != NULL && en->type == MQ_ENT_ORG, "a phrase is found by its folded key");
	tap_ok((mq_gazetteer_word(g, "الامم") & MQ_GAZ_PHRASE) != 0,
	    "a phrase's first word says a longer name may begin there");
	tap_ok(mq_gazetteer_word(g, "القاهره") == MQ_GAZ_TYPE(MQ_ENT_PLACE),
	    "a one-word place has the place fact alone");
	tap_ok(mq_gazetteer_word(g, "محمد") == MQ_GAZ_GIVEN, "a given name is not a type");
	tap_ok(mq_gazetteer_word(g, "الرييس") == MQ_GAZ_TITLE, "a title is a trigger fact (by its folded key)");
	tap_ok((mq_gazetteer_word(g, "جبل") & MQ_GAZ_COMMON) != 0, "COMMON words are marked");
	tap_ok(mq_gazetteer_find(g, "لندن") == NULL && mq_gazetteer_find(NULL, "x") == NULL,
	    "an unknown word, or no gazetteer, has no entry");
	tap_ok(bad != NULL && !mq_gazetteer_add_names(bad, "Paris\tCITY\n", 11, false, &err) &&
	    err != NULL && strncmp(err, "line 1:", 7) == 0, "an unknown type is refused with its line");
	free(err);
	err = NULL;
	tap_ok(bad != NULL && !mq_gazetteer_add_triggers(bad, "\n\nx\tWHAT\n", 10, &err) &&
	    err != NULL && strncmp(err, "line 3:", 7) == 0, "a bad trigger kind is refused with its line");
	free(err);
	mq_gazetteer_free(bad);
	tap_str(mq_entity_type_name(MQ_ENT_PERCENT), "PERCENT", "types have their names");
	tap_str(mq_entity_type_name(MQ_ENT_NTYPES), "?", "past the types: ?");
}

static void
test_rules(const MqGazetteer *g)
{
	tap_str(mentions_of(g, "اجتمع الوفد في القاهرة أمس.\n"),
	    "PLACE:القاهرة|القاهرة", "a one-word place of the gazetteer");
	tap_str(mentions_of(g, "قال الأمين العام للأمم المتحدة.\n"),
	    "ORG:لأمم المتحدة|الأمم المتحدة",
	    "a phrase after لل: the mention leaves the proclitic out, the name puts ال back");
	tap_str(mentions_of(g, "وقالت وMicrosoft إنها ستنمو.\n"),
	    "ORG:Microsoft|Microsoft", "a Latin name loses its Arabic proclitic");
	tap_str(mentions_of(g, "بلغ الدين 500 مليار دولار في 12 مارس 2024.\n"),
	    "MONEY:500 مليار دولار|500 مليار دولار DATE:12 مارس 2024|12 مارس 2024",
	    "money with a scale, a date with a shy month beside a number");
	tap_str(mentions_of(g, "ارتفع بنسبة 5 في المئة و7 بالمائة.\n"),
	    "PERCENT:5 في المئة|5 في المئة PERCENT:7 بالمائة|7 بالمائة",
	    "percentages in words (المئة with its hamza seat folded)");
	tap_str(mentions_of(g, "التقى الرئيس حسن، ثم غادر.\n"),
	    "PERSON:حسن|حسن", "a title makes the next proper word a person");
	tap_str(mentions_of(g, "كتب نجيب محفوظ رواية. ثم نشر محفوظ أخرى.\n"),
	    "PERSON:نجيب محفوظ|نجيب محفوظ PERSON:محفوظ|نجيب محفوظ",
	    "a surname alone is the full name met before");
	tap_str(mentions_of(g, "صعدنا جبل الشيخ.\n"), "",
	    "a COMMON word is never a name alone");
	tap_str(mentions_of(g, "The report was read by Anna Karlsson in Berlin.\n"),
	    "MISC:Anna Karlsson|Anna Karlsson MISC:Berlin|Berlin",
	    "capitalised Latin runs without a list are MISC; a sentence's first The is not a name");
}

static void
test_index(const MqGazetteer *g)
{
	static const char s[] = "القاهرة ثم Microsoft ثم القاهرة ثم القاهرة.\n";
	char *err = NULL;
	MqText *t = mq_text_new_from_memory("t.txt", s, strlen(s), &err);
	MqDoc *d = t ? mq_doc_new(t) : NULL;
	MqEntities *e = d ? mq_entities_new(d, g) : NULL;
	const MqMention *m;
	const MqEntity *ent;
	uint32_t *rank = NULL;
	size_t n = 0, nent = 0, nr = 0, i;

	if (!tap_ok(e != NULL && mq_entities_scan(e, 0), "the index is built")) {
		mq_entities_free(e);
		mq_doc_free(d);
		mq_text_free(t);
		free(err);
		return;
	}
	m = mq_entities_mentions(e, &n);
	ent = mq_entities_list(e, &nent);
	tap_ok(n == 4 && nent == 2, "four mentions of two names (%zu, %zu)", n, nent);
	for (i = 1; i < n && m[i - 1].end <= m[i].start; i++)
		;
	tap_ok(n > 0 && i == n, "mentions are in file order and do not overlap");
	tap_ok(nent == 2 && ent[m[0].entity].count == 3 && ent[m[0].entity].first == 0,
	    "one entity counts its three mentions, first the first");
	tap_ok(n == 4 && mq_entities_find(e, 0) == 0 && mq_entities_find(e, m[1].start) == 1 &&
	    mq_entities_find(e, m[1].end) == 2 && mq_entities_find(e, sizeof s) == n,
	    "the mention at or after an offset is found");
	rank = mq_entities_ranked(e, &nr);
	tap_ok(rank != NULL && nr == 2 && ent[rank[0]].type == MQ_ENT_ORG &&
	    ent[rank[1]].type == MQ_ENT_PLACE, "ranked by type first (ORG before PLACE)");
	tap_ok(mq_entities_scanned(e) == strlen(s), "the whole file is scanned");
	free(rank);
	mq_entities_free(e);
	mq_doc_free(d);
	mq_text_free(t);
	free(err);
}

static void
test_user(void)
{
	static const char user[] = "الجديد\tPERSON\nالقاهرة\tORG\n";
	MqGazetteer *g = gazetteer();
	char *err = NULL;

	if (!tap_ok(g != NULL && mq_gazetteer_add_names(g, user, strlen(user), true, &err),
	    "the user's names are added")) {
		free(err);
		mq_gazetteer_free(g);
		return;
	}
	tap_str(mentions_of(g, "في القاهرة والجديد.\n"),
	    "ORG:القاهرة|القاهرة PERSON:الجديد|الجديد",
	    "the user's names win over the built-in types and the rules");
	mq_gazetteer_free(g);
}

int
main(void)
{
	MqGazetteer *g = gazetteer();

	if (!tap_ok(g != NULL, "the test's gazetteer loads"))
		return tap_done();
	test_gazetteer(g);
	test_rules(g);
	test_index(g);
	test_user();
	mq_gazetteer_free(g);
	return tap_done();
}
