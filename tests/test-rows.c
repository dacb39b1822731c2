/*
 * tests/test-rows.c: core/rows, the rows the reader paints and --dump
 * prints, without curses: separator rows, code laid out left to right,
 * where an offset is shown, and a cache that lays a paragraph out again
 * only when it must.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rows.h"
#include "tap.h"

static const char article[] =
    "Title\n"			/* paragraph 0 */
    "\n"
    "one two three four five six seven\n"	/* 1: 4 lines at 12 columns */
    "\n\n"
    "مرحبا بكم\n";		/* 2: after two blank lines, one separator row */
static const char markdown[] =
    "# نص\n"
    "\n"
    "```\n"
    "a = b\n"
    "```\n";

/* Line k of pl as text. */
static const char *
line(const MqParaLayout *pl, size_t k)
{
	static char *buf;
	static size_t cap;
	size_t len;

	if (pl == NULL || k >= pl->nlines || !mq_layout_line_text(pl, k, &buf, &cap, &len))
		return "(none)";
	return buf;
}

int
main(void)
{
	char *err = NULL;
	MqLayout *layout = mq_layout_new(&err);
	MqText *t = mq_text_new_from_memory("a.txt", article, strlen(article), &err);
	MqText *tm = mq_text_new_from_memory("c.md", markdown, strlen(markdown), &err);
	MqDoc *d = t ? mq_doc_new(t) : NULL, *dm = tm ? mq_doc_new(tm) : NULL;
	MqRows *r = d && layout ? mq_rows_new(d, layout, 4) : NULL;
	MqRows *one = d && layout ? mq_rows_new(d, layout, 1) : NULL;
	MqRows *rm = dm && layout ? mq_rows_new(dm, layout, 4) : NULL;
	MqLayoutOptions opt = { .width = 12, .dir = MQ_DIRMODE_AUTO,
	    .fallback = MQ_DIR_LTR, .shape = false, .bidi = MQ_BIDI_APP };
	const MqParaLayout *pl, *again;
	size_t para = 0, row = 0, three = (size_t)(strstr(article, "three") - article);

	if (!tap_ok(r && one && rm, "rows are made")) {
		printf("# %s\n", err ? err : "out of memory");
		return tap_done();
	}
	tap_ok(mq_rows_configure(r, &opt), "the first options are a change");
	tap_ok(!mq_rows_configure(r, &opt) && mq_rows_configured_as(r, &opt),
	    "the same options again are none");
	tap_ok(mq_rows_sep(r, 0) == 0 && mq_rows_sep(r, 1) == 1 && mq_rows_sep(r, 2) == 1,
	    "a blank line before a paragraph is one separator row, two blank lines too");
	pl = mq_rows_layout(r, 1);
	tap_ok(pl != NULL && pl->nlines == 4 && mq_rows_count(r, 1) == 5,
	    "a paragraph wrapped into 4 lines takes 5 rows with its separator");
	tap_str(line(pl, 1), "three four", "its second line");
	tap_ok(mq_rows_layout(r, 3) == NULL && mq_rows_count(r, 3) == 0 && mq_rows_sep(r, 3) == 0,
	    "past the last paragraph there are no rows");
	tap_ok(mq_rows_locate(r, three, &para, &row) && para == 1 && row == 2,
	    "'three' is shown on row 2 of paragraph 1 (%zu, %zu)", para, row);
	tap_ok(mq_rows_locate(r, three - 1, &para, &row) && para == 1 && row == 1,
	    "the space dropped at the break is on the line before");
	tap_ok(mq_rows_offset(r, 1, 2) == three, "row 2 of paragraph 1 starts at 'three'");
	tap_ok(mq_rows_offset(r, 1, 0) == (size_t)(strstr(article, "one") - article),
	    "a separator row stands at its paragraph's start");
	again = mq_rows_layout(r, 1);
	tap_ok(again == pl && mq_rows_kept(r, 1) == pl, "a paragraph laid out once is kept");
	opt.width = 40;
	tap_ok(mq_rows_configure(r, &opt) && mq_rows_kept(r, 1) == NULL,
	    "new options drop what was laid out");
	tap_ok((pl = mq_rows_layout(r, 1)) != NULL && pl->nlines == 1,
	    "at 40 columns the paragraph is one line");

	mq_rows_configure(one, &opt);
	tap_ok(mq_rows_layout(one, 0) != NULL && mq_rows_layout(one, 1) != NULL &&
	    mq_rows_kept(one, 0) == NULL && mq_rows_kept(one, 1) != NULL,
	    "a one-slot cache keeps the last paragraph only");

	opt.dir = MQ_DIRMODE_RTL;
	mq_rows_configure(rm, &opt);
	pl = mq_rows_layout(rm, 1);
	tap_ok(pl != NULL && pl->nlines > 0 && pl->lines[0].indent == 0,
	    "a code block is laid out left to right even when text is right to left");
	tap_str(line(pl, 0), "a = b", "and its text is as written");
	pl = mq_rows_layout(rm, 0);
	tap_ok(pl != NULL && pl->nlines == 1 && pl->lines[0].indent > 0,
	    "while a heading is right to left (padded on the left)");

	mq_rows_free(r);
	mq_rows_free(one);
	mq_rows_free(rm);
	mq_doc_free(d);
	mq_doc_free(dm);
	mq_text_free(t);
	mq_text_free(tm);
	mq_layout_free(layout);
	free(err);
	return tap_done();
}
