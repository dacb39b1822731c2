/*
 * Unit tests for core/layout: widths, line breaking, direction, bidi
 * reordering, shaping, alignment and what a cell may contain.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/layout.h"
#include "tap.h"

static MqLayout *engine;
static MqChars ch;
static MqParaLayout pl;

/* Lays s out at width w with the given options; false on failure. */
static bool
lay(const char *s, unsigned w, MqDirMode dir, bool shape, MqBidiMode bidi)
{
	MqLayoutOptions opt = { w, dir, MQ_DIR_LTR, shape, bidi };

	return mq_chars_decode_utf8(s, strlen(s), 0, &ch) &&
	    mq_layout_paragraph(engine, &ch, &opt, &pl);
}

/* The screen text of line i, indent included. */
static const char *
line(size_t i)
{
	static char *buf;
	static size_t cap;
	size_t len;

	if (i >= pl.nlines || !mq_layout_line_text(&pl, i, &buf, &cap, &len))
		return "(none)";
	return buf;
}

/* All lines joined with '|'. */
static const char *
screen(void)
{
	static char buf[8192];
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < pl.nlines && n < sizeof buf - 1; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? "|" : "",
		    line(i));
	return buf;
}

/* True if some cell's text contains the UTF-8 sequence s. */
static bool
cells_contain(const char *s)
{
	size_t i;

	for (i = 0; i < pl.ncells; i++)
		if (memmem(pl.text + pl.cells[i].text, pl.cells[i].len, s,
		    strlen(s)) != NULL)
			return true;
	return false;
}

static void
test_breaking(void)
{
	lay("the quick brown fox jumps over the lazy dog", 10, MQ_DIRMODE_AUTO,
	    true, MQ_BIDI_APP);
	tap_str(screen(), "the quick|brown fox|jumps over|the lazy|dog",
	    "English breaks at spaces within 10 columns");
	lay("aaaaaaaaaa bb", 4, MQ_DIRMODE_AUTO, true, MQ_BIDI_APP);
	tap_str(screen(), "aaaa|aaaa|aa|bb", "a word longer than the line is cut");
	lay("abc   def", 3, MQ_DIRMODE_AUTO, true, MQ_BIDI_APP);
	tap_str(screen(), "abc|def", "spaces at a break hang and are not shown");
	lay("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 4, MQ_DIRMODE_AUTO, true,
	    MQ_BIDI_APP);
	tap_str(screen(), "\xe4\xb8\xad\xe6\x96\x87|\xe5\xad\x97",
	    "wide characters take two columns");
	lay("\xe4\xb8\xad", 1, MQ_DIRMODE_AUTO, true, MQ_BIDI_APP);
	tap_str(screen(), "\xef\xbf\xbd", "a wide character on a 1-column screen is replaced");
	/* جدلًا: five characters, four columns (the tanween takes none). */
	lay("\xd8\xac\xd8\xaf\xd9\x84\xd9\x8b\xd8\xa7", 4, MQ_DIRMODE_AUTO, false,
	    MQ_BIDI_APP);
	tap_ok(pl.nlines == 1 && pl.lines[0].width == 4 && pl.ncells == 4,
	    "combining marks take no column (1 line, 4 cells, width %u)",
	    pl.nlines ? pl.lines[0].width : 0);
}

static void
test_direction(void)
{
	/* The seed's third bullet: starts with a Latin name, is Arabic. */
	const char *bullet = "\xe2\x80\xa2 OpenAI \xd8\xaa\xd8\xb3\xd8\xb9\xd9\x89 "
	    "\xd9\x84\xd9\x84\xd8\xaa\xd8\xad\xd9\x88\xd9\x84";

	lay(bullet, 40, MQ_DIRMODE_AUTO, true, MQ_BIDI_APP);
	tap_ok(pl.dir == MQ_DIR_RTL, "majority of words makes it right-to-left");
	tap_ok(pl.lines[0].indent + pl.lines[0].width == 40,
	    "a right-to-left line is right-aligned");
	tap_ok(pl.ncells > 0 && memcmp(pl.text + pl.cells[pl.ncells - 1].text,
	    "\xe2\x80\xa2", 3) == 0, "the bullet is at the right end");
	lay(bullet, 40, MQ_DIRMODE_FIRST_STRONG, true, MQ_BIDI_APP);
	tap_ok(pl.dir == MQ_DIR_LTR && pl.lines[0].indent == 0,
	    "--dir=first-strong follows the first letter (left-to-right)");
	lay("hello", 10, MQ_DIRMODE_RTL, true, MQ_BIDI_APP);
	tap_str(screen(), "     hello", "--dir=rtl right-aligns even English");
	lay("\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7", 10, MQ_DIRMODE_LTR, false,
	    MQ_BIDI_APP);
	tap_str(screen(), "\xd8\xa7\xd8\xa8\xd8\xad\xd8\xb1\xd9\x85",
	    "--dir=ltr keeps Arabic reversed but left-aligned");
	/* Three English words against one long Arabic word (more letters). */
	lay("Version 2 (\xd8\xa7\xd9\x84\xd8\xa5\xd8\xb5\xd8\xaf\xd8\xa7\xd8\xb1"
	    "\xd8\xa7\xd9\x84\xd8\xab\xd8\xa7\xd9\x86\xd9\x8a) is out", 60,
	    MQ_DIRMODE_AUTO, true, MQ_BIDI_APP);
	tap_ok(pl.dir == MQ_DIR_LTR, "more English words than Arabic: left-to-right");
	lay("123", 10, MQ_DIRMODE_AUTO, true, MQ_BIDI_APP);
	tap_ok(pl.dir == MQ_DIR_LTR, "no strong letters: the article's direction");
}

static void
test_reorder(void)
{
	/* "abc (مرحبا) def" in an English paragraph, shaping off. */
	lay("abc \xd8\xb3 1 2 \xd8\xb5 def", 40, MQ_DIRMODE_AUTO, false, MQ_BIDI_APP);
	tap_str(screen(), "abc \xd8\xb5 2 1 \xd8\xb3 def",
	    "an Arabic run inside English is reversed, numbers kept");
	lay("\xd8\xb3 (x) \xd8\xb5", 20, MQ_DIRMODE_AUTO, false, MQ_BIDI_APP);
	tap_str(screen(), "             \xd8\xb5 (x) \xd8\xb3",
	    "brackets around Latin in Arabic keep their sides");
	lay("\xd8\xb3 (\xd8\xb5)", 10, MQ_DIRMODE_AUTO, false, MQ_BIDI_APP);
	tap_str(screen(), "     (\xd8\xb5) \xd8\xb3",
	    "brackets in a right-to-left run are mirrored");
	lay("\xd8\xb3 (\xd8\xb5)", 10, MQ_DIRMODE_AUTO, false, MQ_BIDI_TERMINAL);
	tap_str(screen(), "\xd8\xb3 (\xd8\xb5)",
	    "--bidi=terminal keeps logical order, left-aligned, unmirrored");
	/* Two lines of Arabic: each line reordered on its own (L1-L2 per line). */
	lay("\xd8\xa3 \xd8\xa8 \xd8\xaa \xd8\xab", 3, MQ_DIRMODE_AUTO, false,
	    MQ_BIDI_APP);
	tap_str(screen(), "\xd8\xa8 \xd8\xa3|\xd8\xab \xd8\xaa",
	    "lines are wrapped in logical order, then each reordered");
}

static void
test_cells(void)
{
	size_t i;
	bool ok = true;

	/* لا: the lam-alef ligature is one cell covering both letters. */
	lay("\xd9\x84\xd8\xa7", 10, MQ_DIRMODE_AUTO, true, MQ_BIDI_APP);
	tap_ok(pl.ncells == 1 && pl.cells[0].start == 0 && pl.cells[0].end == 4,
	    "lam-alef is one cell over bytes 0-4 (%zu cells)", pl.ncells);
	tap_ok(!cells_contain("\xef\xbb\xbf"), "no cell holds the U+FEFF filler");
	tap_str(line(0), "         \xef\xbb\xbb", "lam-alef is shown as U+FEFB");
	/* بيت shaped: final, medial, initial forms in visual order. */
	lay("\xd8\xa8\xd9\x8a\xd8\xaa", 3, MQ_DIRMODE_AUTO, true, MQ_BIDI_APP);
	tap_str(line(0), "\xef\xba\x96\xef\xbb\xb4\xef\xba\x91",
	    "Arabic letters are joined into presentation forms");
	lay("\xd8\xa8\xd9\x8a\xd8\xaa", 3, MQ_DIRMODE_AUTO, false, MQ_BIDI_APP);
	tap_str(line(0), "\xd8\xaa\xd9\x8a\xd8\xa8", "--shape=off writes plain letters");

	lay("a\xe2\x80\xab" "b\xe2\x80\xac\xe2\x80\x8f" "c\xe2\x81\xa6" "d\xe2\x81\xa9", 20,
	    MQ_DIRMODE_LTR, true, MQ_BIDI_APP);
	tap_ok(!cells_contain("\xe2\x80\xab") && !cells_contain("\xe2\x80\xac") &&
	    !cells_contain("\xe2\x80\x8f") && !cells_contain("\xe2\x81\xa6") &&
	    !cells_contain("\xe2\x81\xa9") && pl.ncells == 4,
	    "bidi controls act but are never written (%zu cells)", pl.ncells);

	mq_chars_clear(&ch);
	tap_ok(mq_chars_push(&ch, 'a', 0) && mq_chars_push(&ch, 0x1b, 1) &&
	    mq_chars_push(&ch, 0x9b, 2), "built a string with raw controls");
	ch.off[3] = 3;
	{
		MqLayoutOptions opt = { 10, MQ_DIRMODE_AUTO, MQ_DIR_LTR, true,
		    MQ_BIDI_APP };

		tap_ok(mq_layout_paragraph(engine, &ch, &opt, &pl), "laid out");
	}
	tap_str(line(0), "a\xe2\x90\x9b\xef\xbf\xbd",
	    "controls reaching layout still become placeholders");

	lay("x\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81"
	    "\xcc\x81\xcc\x81\xcc\x81\xcc\x81", 10, MQ_DIRMODE_AUTO, true, MQ_BIDI_APP);
	tap_ok(pl.ncells == 1 && pl.cells[0].len <= 1 + 2 * MQ_CELL_MAX_MARKS,
	    "a pile of combining marks is capped on its cell");

	/* Found by fuzz-layout: a mark opening a paragraph (or after a space)
	 * is drawn on a dotted circle, so it must take a column when lines
	 * are broken, or the line is one column too wide. */
	lay("\xd9\x9f abc defg", 4, MQ_DIRMODE_LTR, true, MQ_BIDI_APP);
	tap_str(screen(), "\xe2\x97\x8c\xd9\x9f|abc|defg",
	    "a mark with nothing before it: a dotted circle taking a column");
	/* Also found by fuzz-layout: marks after an invisible letter (ALM)
	 * are reordered ahead of the letter before it; at one column they
	 * must not make a line two columns wide. */
	lay("\xd8\xa7\xd9\x83\xd8\x9c\xd9\x8e\xd9\x91", 1, MQ_DIRMODE_AUTO, true,
	    MQ_BIDI_APP);
	{
		size_t k, widest = 0;

		for (k = 0; k < pl.nlines; k++)
			if (pl.lines[k].indent + pl.lines[k].width > widest)
				widest = pl.lines[k].indent + pl.lines[k].width;
		tap_ok(widest == 1, "marks after ALM at one column: every line one column "
		    "(widest %zu: %s)", widest, screen());
	}
	lay("\xcc\x81x", 10, MQ_DIRMODE_AUTO, true, MQ_BIDI_APP);
	tap_str(line(0), "\xe2\x97\x8c\xcc\x81x",
	    "a mark with no letter sits on a dotted circle");

	lay("hello world, \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 again", 7,
	    MQ_DIRMODE_AUTO, true, MQ_BIDI_APP);
	for (i = 0; i < pl.ncells; i++)
		ok = ok && pl.cells[i].start < pl.cells[i].end &&
		    pl.cells[i].end <= ch.off[ch.len];
	tap_ok(ok, "every cell maps to a non-empty range of the text");
	for (i = 0, ok = true; i < pl.nlines; i++)
		ok = ok && pl.lines[i].indent + pl.lines[i].width <= 7;
	tap_ok(ok, "every line fits the width");
}

/*
 * What carries meaning is kept: ZWNJ and ZWJ between letters (in the
 * place a shaping terminal needs them), emoji sequences as one cell, the
 * Arabic number signs.
 */
static void
test_joiners(void)
{
	/* می<ZWNJ>خواهم: in visual order the ZWNJ is between خ and ی */
	static const char persian[] = "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae"
	    "\xd9\x88\xd8\xa7\xd9\x87\xd9\x85";

	lay(persian, 20, MQ_DIRMODE_AUTO, false, MQ_BIDI_APP);
	tap_ok(strstr(line(0), "\xd8\xae\xe2\x80\x8c\xdb\x8c\xd9\x85") != NULL,
	    "--shape=off: ZWNJ is kept between the letters it parts, in visual order");
	tap_ok(pl.ncells == 7, "and takes no cell of its own (%zu cells)", pl.ncells);
	lay(persian, 20, MQ_DIRMODE_AUTO, false, MQ_BIDI_TERMINAL);
	tap_str(line(0), persian, "in logical order (--bidi=terminal) it stays where it was");
	lay(persian, 20, MQ_DIRMODE_AUTO, true, MQ_BIDI_APP);
	tap_ok(cells_contain("\xef\xbb\xb2\xe2\x80\x8c") ||
	    cells_contain("\xe2\x80\x8c\xef\xbb\xb2") ||
	    strstr(line(0), "\xe2\x80\x8c") != NULL,
	    "shaped, the ZWNJ is kept too (%s)", line(0));
	tap_ok(cells_contain("\xef\xaf\xbd"),
	    "and ی before it takes its final form (the ZWNJ parts the letters)");

	/* man ZWJ woman ZWJ girl: one glyph, two columns */
	lay("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 x",
	    20, MQ_DIRMODE_LTR, true, MQ_BIDI_APP);
	tap_ok(pl.ncells == 3 && pl.cells[0].width == 2 && pl.lines[0].width == 4,
	    "an emoji ZWJ sequence is one cell two columns wide (%zu cells, %u columns)",
	    pl.ncells, pl.lines[0].width);
	tap_ok(pl.cells[0].len == 18, "holding the whole sequence (%u bytes)",
	    (unsigned)pl.cells[0].len);
	lay("\xd8\xb9 \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 \xd8\xb9", 20,
	    MQ_DIRMODE_RTL, true, MQ_BIDI_APP);
	tap_ok(cells_contain("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"),
	    "in right-to-left text the sequence keeps its order");
	lay("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 20, MQ_DIRMODE_LTR, true, MQ_BIDI_APP);
	tap_ok(pl.ncells == 1 && pl.lines[0].width == 2,
	    "a thumbs-up with a skin tone is one cell of two columns");
	lay("\xe2\x80\x8d" "abc", 20, MQ_DIRMODE_LTR, true, MQ_BIDI_APP);
	tap_str(line(0), "abc", "a ZWJ with nothing before it is not drawn (no dotted circle)");

	/* U+0600 ARABIC NUMBER SIGN before ١٢, U+06DD END OF AYAH before ٣ */
	lay("\xd8\x80\xd9\xa1\xd9\xa2 \xdb\x9d\xd9\xa3", 20, MQ_DIRMODE_RTL, true,
	    MQ_BIDI_APP);
	tap_ok(cells_contain("\xd8\x80") && cells_contain("\xdb\x9d"),
	    "the Arabic number signs are drawn (%s)", line(0));
}

int
main(void)
{
	char *err = NULL;

	engine = mq_layout_new(&err);
	if (engine == NULL) {
		printf("Bail out! %s\n", err);
		return 1;
	}
	test_breaking();
	test_direction();
	test_reorder();
	test_cells();
	test_joiners();
	mq_para_layout_free(&pl);
	mq_chars_free(&ch);
	mq_layout_free(engine);
	return tap_done();
}
