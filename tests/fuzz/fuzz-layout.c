/*
 * Fuzzing core/layout: every paragraph laid out at a width and with options
 * taken from the first two bytes; every cell's bytes must lie inside its
 * paragraph and every line must fit the width.
 */
#include "config.h"

#include <stdlib.h>

#include "core/doc.h"
#include "core/layout.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static MqLayout *l;
	MqLayoutOptions opt = { 80, MQ_DIRMODE_AUTO, MQ_DIR_LTR, true, MQ_BIDI_APP };
	MqParaLayout pl = { 0 };
	MqChars c = { 0 };
	MqText *t;
	MqDoc *d;
	char *err = NULL, *buf = NULL;
	size_t i, k, cap = 0, len;

	if (size < 2)
		return 0;
	if (l == NULL && (l = mq_layout_new(&err)) == NULL)
		abort();
	opt.width = 1 + data[0] % 200;
	opt.dir = (MqDirMode)(data[1] % 4);
	opt.shape = data[1] & 4;
	opt.bidi = data[1] & 8 ? MQ_BIDI_TERMINAL : MQ_BIDI_APP;
	opt.fallback = data[1] & 16 ? MQ_DIR_RTL : MQ_DIR_LTR;
	if ((t = fuzz_text(data + 2, size - 2)) == NULL)
		return 0;
	if ((d = mq_doc_new(t)) == NULL)
		abort();
	for (i = 0; mq_doc_para(d, i) != NULL && i < 64; i++) {
		const MqPara *p = mq_doc_para(d, i);

		if (!mq_doc_decode(d, p, &c) || !mq_layout_paragraph(l, &c, &opt, &pl))
			abort();
		for (k = 0; k < pl.ncells; k++)
			if (pl.cells[k].start < mq_para_start(p) || pl.cells[k].end > mq_para_end(p) ||
			    pl.cells[k].width > 2)
				abort();
		for (k = 0; k < pl.nlines; k++) {
			if (pl.lines[k].indent + pl.lines[k].width > opt.width &&
			    pl.lines[k].count > 1)
				abort();	/* only a lone too-wide cell may overflow */
			if (!mq_layout_line_text(&pl, k, &buf, &cap, &len))
				abort();
		}
	}
	free(buf);
	mq_para_layout_free(&pl);
	mq_chars_free(&c);
	mq_doc_free(d);
	mq_text_free(t);
	return 0;
}
