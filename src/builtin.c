/*
 * src/builtin: the gazetteer built into maqal (data/gazetteer.tsv and
 * data/triggers.tsv, compiled in), shared by maqal and maqal-train so that
 * the tagger is trained on the very lists it runs with.
 */
#include "config.h"

#include "article.h"

MqGazetteer *
mq_builtin_gazetteer(char **err)
{
	MqGazetteer *g = mq_gazetteer_new();

	if (g == NULL) {
		*err = NULL;
		return NULL;
	}
	if (!mq_gazetteer_add_names(g, (const char *)mq_gazetteer_tsv,
	    mq_gazetteer_tsv_len, false, err) ||
	    !mq_gazetteer_add_triggers(g, (const char *)mq_triggers_tsv,
	    mq_triggers_tsv_len, err)) {
		mq_gazetteer_free(g);
		return NULL;
	}
	return g;
}
