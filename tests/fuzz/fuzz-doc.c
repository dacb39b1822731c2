/* Fuzzing core/doc and core/section: paragraphs, hard wraps, Markdown, outline. */
#include "config.h"

#include <stdlib.h>

#include "core/doc.h"
#include "core/outline.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	MqText *t = fuzz_text(data, size);
	MqChars c = { 0 };
	MqOutline *o;
	MqDoc *d;
	size_t i, end = 0;

	if (t == NULL)
		return 0;
	if ((d = mq_doc_new(t)) == NULL)
		abort();
	for (i = 0; mq_doc_para(d, i) != NULL; i++) {
		const MqPara *p = mq_doc_para(d, i);

		if (mq_para_start(p) < end || mq_para_end(p) < mq_para_start(p) ||
		    mq_para_end(p) > mq_text_size(t))
			abort();	/* paragraphs are in order, inside the file */
		end = mq_para_end(p);
		if (!mq_doc_decode(d, p, &c))
			abort();
	}
	if ((o = mq_outline_new(d)) == NULL)
		abort();
	for (i = 0; i < mq_outline_count(o); i++)
		free(mq_outline_title(d, mq_outline_section(o, i), &c));
	mq_outline_free(o);
	mq_chars_free(&c);
	mq_doc_free(d);
	mq_text_free(t);
	return 0;
}
