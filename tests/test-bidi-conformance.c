/*
 * Conformance: Unicode's BidiCharacterTest.txt through maqal's own layout
 * path (mq_layout_paragraph, shaping off, the test's paragraph direction,
 * a width no test line reaches).  Each character is given the "file
 * offset" of its index, so each cell's start names the character it shows.
 *
 * For every applicable line the test checks that the cells appear in the
 * expected visual order, that every visible character is on screen, and
 * that each cell has the expected level.  Not applicable: lines holding a
 * paragraph separator (maqal splits paragraphs before layout, so one never
 * reaches it).  Trailing whitespace is not drawn (it hangs past the line
 * end), so it is not compared.
 *
 * Set BIDI_TEST to another copy of the file; without one the test skips.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <fribidi.h>

#include "core/layout.h"
#include "tap.h"

#define MAXN 256

typedef struct Case {
	uint32_t cp[MAXN];
	int level[MAXN];	/* -1 for x (removed by X9) */
	size_t order[MAXN], n, norder;
	int dir;		/* 0 LTR, 1 RTL, 2 auto */
} Case;

/* Parses one data line; false if it is not a test line. */
static bool
parse(char *line, Case *c)
{
	char *f[5], *p, *tok;
	int i;

	for (i = 0, p = line; i < 5; i++) {
		f[i] = p;
		p = strchr(p, ';');
		if (p == NULL && i < 4)
			return false;
		if (p)
			*p++ = '\0';
	}
	c->n = c->norder = 0;
	for (tok = strtok(f[0], " "); tok && c->n < MAXN; tok = strtok(NULL, " "))
		c->cp[c->n++] = (uint32_t)strtoul(tok, NULL, 16);
	c->dir = atoi(f[1]);
	i = 0;
	for (tok = strtok(f[3], " "); tok && i < MAXN; tok = strtok(NULL, " "))
		c->level[i++] = tok[0] == 'x' ? -1 : atoi(tok);
	for (tok = strtok(f[4], " \r\n"); tok && c->norder < MAXN;
	    tok = strtok(NULL, " \r\n"))
		c->order[c->norder++] = (size_t)atoi(tok);
	return c->n > 0 && (size_t)i == c->n;
}

/* Runs one case; returns NULL on success or a static reason. */
static const char *
check(MqLayout *l, const Case *c, MqChars *chars, MqParaLayout *pl)
{
	static const MqDirMode modes[] = {
		MQ_DIRMODE_LTR, MQ_DIRMODE_RTL, MQ_DIRMODE_FIRST_STRONG
	};
	MqLayoutOptions opt = { 4096, modes[c->dir], MQ_DIR_LTR, false,
	    MQ_BIDI_APP };
	bool shown[MAXN] = { false };
	size_t i, k = 0, last_visible = 0;
	bool any = false;

	mq_chars_clear(chars);
	for (i = 0; i < c->n; i++)
		if (!mq_chars_push(chars, c->cp[i], i))
			return "out of memory";
	chars->off[c->n] = c->n;
	if (!mq_layout_paragraph(l, chars, &opt, pl))
		return "layout failed";
	if (pl->nlines != 1)
		return "wrapped";
	for (i = 0; i < pl->ncells; i++) {
		const MqCell *cell = &pl->cells[i];

		if (cell->start >= c->n)
			return "cell outside the text";
		shown[cell->start] = true;
		if (c->level[cell->start] != cell->level)
			return "level";
	}
	/* The cells, in order, must follow the expected order of what is shown. */
	for (i = 0; i < c->norder; i++) {
		size_t idx = c->order[i];

		if (!shown[idx])
			continue;
		if (k >= pl->ncells || pl->cells[k].start != idx)
			return "order";
		k++;
	}
	if (k != pl->ncells)
		return "extra cells";
	/* Every visible character before the trailing whitespace is shown. */
	for (i = 0; i < c->n; i++)
		if (c->level[i] >= 0 && mq_cp_width(c->cp[i]) > 0 &&
		    fribidi_get_bidi_type(c->cp[i]) != FRIBIDI_TYPE_WS &&
		    fribidi_get_bidi_type(c->cp[i]) != FRIBIDI_TYPE_BS) {
			last_visible = i;
			any = true;
		}
	for (i = 0; any && i <= last_visible; i++)
		if (c->level[i] >= 0 && mq_cp_width(c->cp[i]) > 0 &&
		    fribidi_get_bidi_type(c->cp[i]) != FRIBIDI_TYPE_WS &&
		    fribidi_get_bidi_type(c->cp[i]) != FRIBIDI_TYPE_BS &&
		    !shown[i])
			return "character not shown";
	return NULL;
}

/* True if the case holds a paragraph separator (class B). */
static bool
has_separator(const Case *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (fribidi_get_bidi_type(c->cp[i]) == FRIBIDI_TYPE_BS)
			return true;
	return false;
}

int
main(void)
{
	const char *path = getenv("BIDI_TEST");
	static char line[8192];
	static Case c;
	MqChars chars = {0};
	MqParaLayout pl = {0};
	size_t lineno = 0, pass = 0, fail = 0, skipped = 0, shown = 0;
	MqLayout *l;
	char *err = NULL;
	FILE *fp;

	if (path == NULL)
		path = "/usr/share/unicode/BidiCharacterTest.txt";
	if ((fp = fopen(path, "r")) == NULL) {
		printf("1..0 # SKIP %s not found (apt-get install unicode-data)\n",
		    path);
		return 0;
	}
	if ((l = mq_layout_new(&err)) == NULL) {
		printf("Bail out! %s\n", err);
		return 1;
	}
	while (fgets(line, sizeof line, fp)) {
		const char *why;

		lineno++;
		if (line[0] == '#' || line[0] == '\n' || !parse(line, &c))
			continue;
		if (has_separator(&c)) {
			skipped++;
			continue;
		}
		if ((why = check(l, &c, &chars, &pl)) == NULL) {
			pass++;
			continue;
		}
		fail++;
		if (shown++ < 20)
			printf("# line %zu: %s\n", lineno, why);
	}
	fclose(fp);
	printf("# BidiCharacterTest: %zu passed, %zu failed, %zu not applicable "
	    "(paragraph separators)\n", pass, fail, skipped);
	tap_ok(pass > 90000, "at least 90000 lines tested (%zu)", pass);
	tap_ok(fail == 0, "every applicable line passes through maqal's layout");
	mq_chars_free(&chars);
	mq_para_layout_free(&pl);
	mq_layout_free(l);
	return tap_done();
}
