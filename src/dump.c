/*
 * src/dump: the --dump mode.  Prints the rows the screen shows (core/rows),
 * cell by cell as text: a right-to-left line is padded on the left with
 * spaces, and a separator row is a blank line.  Only as many paragraphs
 * are decoded and laid out as the lines printed need.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "core/rows.h"
#include "core/util.h"

long
mq_dump(MqDoc *doc, MqLayout *layout, const MqLayoutOptions *opt,
    unsigned long max_lines, FILE *fp, char **err)
{
	MqText *text = mq_doc_text(doc);
	MqRows *rows = mq_rows_new(doc, layout, 1);	/* one paragraph at a time */
	const MqParaLayout *pl;
	const MqPara *para;
	MqPara at;
	unsigned long printed = 0;
	size_t i, k, cap = 0, len, laid_end = mq_text_content_start(text);
	char *buf = NULL;
	long result = -1;

	if (rows == NULL) {
		mq_set_error(err, "out of memory");
		return -1;
	}
	mq_rows_configure(rows, opt);
	for (i = 0; (para = mq_doc_para(doc, i)) != NULL; i++) {
		at = *para;	/* (the pointer is the document's until its next call) */
		if (max_lines > 0 && printed >= max_lines)
			break;
		if (mq_output_failed(fp)) {	/* a full disk: stop now, not at the end */
			mq_set_error(err, "writing output: %s", strerror(mq_output_errno()));
			goto out;
		}
		for (k = mq_rows_sep(rows, i); k > 0; k--) {
			fputc('\n', fp);
			if (max_lines > 0 && ++printed >= max_lines)
				break;
		}
		if (max_lines > 0 && printed >= max_lines)
			break;
		if ((pl = mq_rows_layout(rows, i)) == NULL) {
			mq_set_error(err, "%s: cannot lay out line %u (out of memory)",
			    mq_text_name(text), at.line);
			goto out;
		}
		laid_end = mq_para_end(&at);
		for (k = 0; k < pl->nlines && !mq_output_failed(fp); k++) {
			if (max_lines > 0 && printed >= max_lines)
				break;
			if (!mq_layout_line_text(pl, k, &buf, &cap, &len)) {
				mq_set_error(err, "out of memory");
				goto out;
			}
			fwrite(buf, 1, len, fp);
			fputc('\n', fp);
			printed++;
			(void)mq_output_failed(fp);	/* errno is the write's now */
		}
		mq_doc_forget(doc, i + 1);	/* (one pass: memory stays flat) */
	}
	if (mq_doc_failed(doc)) {
		mq_set_error(err, "%s: out of memory", mq_text_name(text));
		goto out;
	}
	result = (long)mq_text_count_invalid(text, mq_text_content_start(text),
	    laid_end);
out:
	free(buf);
	mq_rows_free(rows);
	return result;
}
