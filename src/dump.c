/*
 * src/dump: the --dump mode.  Prints exactly the cells the screen would
 * show, as text: a right-to-left line is padded on the left with spaces,
 * and a blank line stands where the article has one between paragraphs.
 * Only as many paragraphs are decoded and laid out as the lines printed
 * need.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "core/util.h"

long
mq_dump(MqDoc *doc, MqLayout *layout, const MqLayoutOptions *opt,
    unsigned long max_lines, FILE *fp, char **err)
{
	MqText *text = mq_doc_text(doc);
	MqChars chars = {0};
	MqParaLayout pl = {0};
	MqLayoutOptions popt;
	const MqPara *para;
	unsigned long printed = 0;
	size_t i, k, cap = 0, len, laid_end = mq_text_content_start(text);
	char *buf = NULL;
	long result = -1;

	for (i = 0; (para = mq_doc_para(doc, i)) != NULL; i++) {
		if (max_lines > 0 && printed >= max_lines)
			break;
		if (mq_output_failed(fp)) {	/* a full disk: stop now, not at the end */
			mq_set_error(err, "writing output: %s", strerror(mq_output_errno()));
			goto out;
		}
		if (para->blank_before) {
			fputc('\n', fp);
			if (max_lines > 0 && ++printed >= max_lines)
				break;
		}
		popt = *opt;
		if (para->kind == MQ_BLOCK_CODE)
			popt.dir = MQ_DIRMODE_LTR;	/* code reads left to right */
		if (!mq_doc_decode(doc, para, &chars) ||
		    !mq_layout_paragraph(layout, &chars, &popt, &pl)) {
			mq_set_error(err, "%s: cannot lay out line %u (out of memory)",
			    mq_text_name(text), para->line);
			goto out;
		}
		laid_end = para->span.end;
		for (k = 0; k < pl.nlines && !mq_output_failed(fp); k++) {
			if (max_lines > 0 && printed >= max_lines)
				break;
			if (!mq_layout_line_text(&pl, k, &buf, &cap, &len)) {
				mq_set_error(err, "out of memory");
				goto out;
			}
			fwrite(buf, 1, len, fp);
			fputc('\n', fp);
			printed++;
			(void)mq_output_failed(fp);	/* errno is the write's now */
		}
	}
	if (mq_doc_failed(doc)) {
		mq_set_error(err, "%s: out of memory", mq_text_name(text));
		goto out;
	}
	result = (long)mq_text_count_invalid(text, mq_text_content_start(text),
	    laid_end);
out:
	free(buf);
	mq_chars_free(&chars);
	mq_para_layout_free(&pl);
	return result;
}
