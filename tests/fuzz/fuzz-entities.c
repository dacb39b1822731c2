/*
 * Fuzzing core/entity and core/tagger: names found with the built-in
 * gazetteer, with the shipped model (first byte odd) or by rules only, a
 * few paragraphs at a time as the reader does.  Mentions must be in order,
 * inside the text, and never overlap.
 */
#include "config.h"

#include <stdlib.h>

#include "core/doc.h"
#include "core/entity.h"
#include "core/tagger.h"
#include "src/article.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static MqGazetteer *g;
	static MqTagger *model;
	const MqMention *m;
	MqEntities *e;
	MqText *t;
	MqDoc *d;
	char *err = NULL;
	size_t n, i;

	if (size < 1)
		return 0;
	if (g == NULL) {
		if ((g = mq_builtin_gazetteer(&err)) == NULL)
			abort();
		model = mq_tagger_load(MQ_SRCDIR "/data/names-ar.model", &err);
		free(err);	/* without it, rules only */
	}
	if ((t = fuzz_text(data + 1, size - 1)) == NULL)
		return 0;
	if ((d = mq_doc_new(t)) == NULL || (e = mq_entities_new(d, g)) == NULL)
		abort();
	if (data[0] & 1)
		mq_entities_set_tagger(e, model, NULL);
	while (!mq_entities_done(e))
		if (!mq_entities_scan(e, 3))
			abort();
	m = mq_entities_mentions(e, &n);
	for (i = 0; i < n; i++)
		if (m[i].start >= m[i].end || m[i].end > mq_text_size(t) ||
		    (i > 0 && m[i].start < m[i - 1].end))
			abort();
	free(mq_entities_ranked(e, &n));
	mq_entities_free(e);
	mq_doc_free(d);
	mq_text_free(t);
	return 0;
}
