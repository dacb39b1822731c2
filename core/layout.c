/*
 * core/layout: paragraph -> lines of cells.
 *
 * All per-character arrays below are indexed by the paragraph's logical
 * character index i in [0, n), the same index as MqChars.  Scratch arrays
 * live in MqLayout and grow to the longest paragraph seen, so laying out an
 * article allocates only while paragraphs get longer.
 *
 *   types, btypes, levels   FriBidi's view of the paragraph
 *   glyph                   what is shown: shaped, mirrored, placeholders
 *   width                   terminal columns of glyph[i] (0 for marks)
 *   drop                    never shown (bidi controls, format chars,
 *                           ligature filler)
 *   lone                    a mark with nothing before it to sit on (the
 *                           paragraph's start, a space): it is shown on a
 *                           dotted circle and takes a column
 *
 * A character of width 0 that is not dropped (a mark, ZWNJ, ZWJ, an emoji
 * joined to the one before it by ZWJ or a skin tone) is attached: it is
 * drawn in the cell of the character before it in logical order, whatever
 * the reordering does, so a ZWJ sequence stays one cell (one glyph on a
 * terminal that draws it) and ZWNJ stays between the letters it parts.
 *   begin, end              file bytes character i shows; a ligature
 *                           glyph also covers the partner FriBidi
 *                           replaced with a filler (before or after it)
 *   u16, u16_cp             the paragraph in UTF-16 for ICU, and for each
 *                           UTF-16 unit the character it belongs to
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <fribidi.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "layout.h"
#include "util.h"

/* A placeholder base for a combining mark with nothing to sit on. */
#define DOTTED_CIRCLE 0x25cc
#define REPLACEMENT 0xfffd
#define ZWNJ 0x200c
#define ZWJ 0x200d
#define GLYPH_INVISIBLE 0x40

struct MqLayout {
	UBreakIterator *brk;
	size_t cap;		/* characters the arrays below hold */
	FriBidiCharType *types;
	FriBidiBracketType *btypes;
	FriBidiLevel *levels;
	FriBidiChar *glyph;
	FriBidiArabicProp *arprops;
	FriBidiStrIndex *map;
	uint8_t *width;
	uint8_t *drop;
	uint8_t *lone;
	size_t *begin, *end;
	UChar *u16;
	int32_t *u16_cp;
	const uint8_t *style;	/* the paragraph's style bits, or NULL */
	MqSpan *ranges;		/* the lines, as logical character ranges */
	size_t nranges, ranges_cap;
};

/* Width and visibility from ICU, without the cache. */
static uint8_t
glyph_facts_uncached(uint32_t cp)
{
	int8_t gc = (int8_t)u_charType((UChar32)cp);
	int eaw;

	if (cp == 0x2028 || cp == 0x2029)
		return GLYPH_INVISIBLE;	/* separators: breaks, not glyphs */
	if (cp == ZWNJ || cp == ZWJ)
		return 0;	/* kept, on the cell before: they decide joining */
	if (gc == U_FORMAT_CHAR)	/* the Arabic number signs are drawn */
		return u_hasBinaryProperty((UChar32)cp,
		    UCHAR_PREPENDED_CONCATENATION_MARK) ? 1 : GLYPH_INVISIBLE;
	if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK)
		return 0;
	if (cp >= 0x1160 && cp <= 0x11ff)
		return 0;	/* Hangul medial vowels and final consonants */
	eaw = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
	if (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH)
		return 2;
	return 1;
}

/*
 * Display facts of a character: its width in columns (bits 0-1) and
 * GLYPH_INVISIBLE for characters that act in the bidi algorithm or in
 * joining but are never drawn.  BMP answers are cached (bit 7: known).
 */
static uint8_t
glyph_facts(uint32_t cp)
{
	static uint8_t cache[0x10000];
	uint8_t f;

	if (cp < 0xad)
		return 1;	/* controls are drawn as 1-column placeholders */
	if (cp >= 0x10000)
		return glyph_facts_uncached(cp);
	if ((f = cache[cp]) & 0x80)
		return f & 0x7f;
	f = glyph_facts_uncached(cp);
	cache[cp] = f | 0x80;
	return f;
}

unsigned
mq_cp_width(uint32_t cp)
{
	uint8_t f = glyph_facts(cp);

	return f & GLYPH_INVISIBLE ? 0 : f & 3;
}

/* True for characters that act in the bidi algorithm or joining but are never drawn. */
static bool
invisible(uint32_t cp)
{
	return (glyph_facts(cp) & GLYPH_INVISIBLE) != 0;
}

MqLayout *
mq_layout_new(char **err)
{
	UErrorCode ec = U_ZERO_ERROR;
	MqLayout *l = calloc(1, sizeof *l);

	if (l == NULL) {
		mq_set_error(err, "out of memory");
		return NULL;
	}
	l->brk = ubrk_open(UBRK_LINE, "", NULL, 0, &ec);
	if (U_FAILURE(ec)) {
		mq_set_error(err, "ICU line breaker: %s", u_errorName(ec));
		free(l);
		return NULL;
	}
	return l;
}

void
mq_layout_free(MqLayout *l)
{
	if (l == NULL)
		return;
	ubrk_close(l->brk);
	free(l->types);
	free(l->btypes);
	free(l->levels);
	free(l->glyph);
	free(l->arprops);
	free(l->map);
	free(l->width);
	free(l->drop);
	free(l->lone);
	free(l->begin);
	free(l->end);
	free(l->u16);
	free(l->u16_cp);
	free(l->ranges);
	free(l);
}

void
mq_para_layout_free(MqParaLayout *out)
{
	if (out == NULL)
		return;
	free(out->cells);
	free(out->lines);
	free(out->text);
	memset(out, 0, sizeof *out);
}

/* Grows one scratch array to hold n elements. */
static bool
scratch(void **p, size_t n, size_t elem)
{
	void *q;

	if (n > SIZE_MAX / elem)
		return false;
	q = realloc(*p, n * elem);
	if (q == NULL)
		return false;
	*p = q;
	return true;
}

/* Makes the scratch arrays hold a paragraph of n characters. */
static bool
reserve(MqLayout *l, size_t n)
{
	size_t cap;

	if (n <= l->cap)
		return true;
	if (n > (size_t)INT32_MAX / 2)
		return false;	/* FriBidi and ICU index with int */
	cap = l->cap ? l->cap : 256;
	while (cap < n)
		cap *= 2;
	if (!scratch((void **)&l->types, cap, sizeof *l->types) ||
	    !scratch((void **)&l->btypes, cap, sizeof *l->btypes) ||
	    !scratch((void **)&l->levels, cap, sizeof *l->levels) ||
	    !scratch((void **)&l->glyph, cap, sizeof *l->glyph) ||
	    !scratch((void **)&l->arprops, cap, sizeof *l->arprops) ||
	    !scratch((void **)&l->map, cap, sizeof *l->map) ||
	    !scratch((void **)&l->width, cap, sizeof *l->width) ||
	    !scratch((void **)&l->drop, cap, sizeof *l->drop) ||
	    !scratch((void **)&l->lone, cap, sizeof *l->lone) ||
	    !scratch((void **)&l->begin, cap + 1, sizeof *l->begin) ||
	    !scratch((void **)&l->end, cap + 1, sizeof *l->end) ||
	    !scratch((void **)&l->u16, 2 * cap + 1, sizeof *l->u16) ||
	    !scratch((void **)&l->u16_cp, 2 * cap + 1, sizeof *l->u16_cp))
		return false;
	l->cap = cap;
	return true;
}

/* Chooses the paragraph's base direction for FriBidi. */
static FriBidiParType
base_direction(const MqLayout *l, size_t n, const MqLayoutOptions *opt)
{
	size_t i, ltr = 0, rtl = 0, ltr_words = 0, rtl_words = 0;
	int run = 0;

	switch (opt->dir) {
	case MQ_DIRMODE_RTL:
		return FRIBIDI_PAR_RTL;
	case MQ_DIRMODE_LTR:
		return FRIBIDI_PAR_LTR;
	case MQ_DIRMODE_FIRST_STRONG:
		return FRIBIDI_PAR_ON;
	case MQ_DIRMODE_AUTO:
		break;
	}
	/*
	 * Words first (runs of letters of one direction), so that a long
	 * Arabic name does not turn an English sentence around; letters break
	 * a tie.
	 */
	for (i = 0; i < n; i++) {
		int d = l->types[i] == FRIBIDI_TYPE_LTR ? 1 :
		    (l->types[i] == FRIBIDI_TYPE_RTL ||
		    l->types[i] == FRIBIDI_TYPE_AL) ? 2 : 0;

		if (d == 1)
			ltr++;
		else if (d == 2)
			rtl++;
		if (d != 0 && d != run) {
			if (d == 1)
				ltr_words++;
			else
				rtl_words++;
		}
		run = d;
	}
	if (rtl_words != ltr_words)
		return rtl_words > ltr_words ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	if (rtl != ltr)
		return rtl > ltr ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	return opt->fallback == MQ_DIR_RTL ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
}

/* True if FriBidi left a filler at i where a ligature swallowed a letter. */
static bool
filler(const MqLayout *l, const MqChars *c, size_t i)
{
	return l->glyph[i] == 0xfeff && c->cp[i] != 0xfeff;
}

/*
 * Emoji sequences become one cell: an emoji after ZWJ after an emoji, and
 * a skin tone after an emoji that takes one, are attached (width 0) to the
 * emoji before them, as a terminal that draws the sequence draws one glyph.
 */
static void
join_emoji(MqLayout *l, const MqChars *c)
{
	size_t i, b = (size_t)-1;	/* the last character before i taking columns */

	for (i = 1; i < c->len; i++) {
		UChar32 cp = (UChar32)c->cp[i];
		/* the cheap tests first: this runs over every character */
		bool tone = cp >= 0x1f3fb && cp <= 0x1f3ff;	/* Emoji_Modifier */
		bool zwj_seq = !tone && c->cp[i - 1] == ZWJ && !l->drop[i - 1] &&
		    u_hasBinaryProperty(cp, UCHAR_EXTENDED_PICTOGRAPHIC);

		if (!l->drop[i - 1] && l->width[i - 1] > 0)
			b = i - 1;
		if ((!zwj_seq && !tone) || l->width[i] == 0 || l->lone[i] ||
		    b == (size_t)-1)
			continue;
		if (zwj_seq ? u_hasBinaryProperty((UChar32)c->cp[b],
		    UCHAR_EXTENDED_PICTOGRAPHIC) : (b == i - 1 &&
		    u_hasBinaryProperty((UChar32)c->cp[b], UCHAR_EMOJI_MODIFIER_BASE)))
			l->width[i] = 0;
	}
}

/*
 * Resolves levels, then fills glyph, width, drop and end.  Shaping runs on
 * the whole paragraph before line breaking: it changes glyphs one for one
 * (a ligature leaves a filler), never the character indices breaks use.
 */
static bool
analyse(MqLayout *l, const MqChars *c, const MqLayoutOptions *opt,
    FriBidiParType *base)
{
	FriBidiStrIndex n = (FriBidiStrIndex)c->len;
	FriBidiFlags flags = 0;
	bool seat = false;	/* a visible character a mark can sit on */
	size_t i;

	fribidi_get_bidi_types(c->cp, n, l->types);
	fribidi_get_bracket_types(c->cp, n, l->types, l->btypes);
	*base = base_direction(l, c->len, opt);
	if (fribidi_get_par_embedding_levels_ex(l->types, l->btypes, n, base,
	    l->levels) == 0)
		return false;
	memcpy(l->glyph, c->cp, c->len * sizeof *l->glyph);
	if (opt->bidi == MQ_BIDI_APP)
		flags |= FRIBIDI_FLAG_SHAPE_MIRRORING;
	if (opt->shape) {
		flags |= FRIBIDI_FLAG_SHAPE_ARAB_PRES | FRIBIDI_FLAG_SHAPE_ARAB_LIGA;
		fribidi_get_joining_types(c->cp, n, l->arprops);
		fribidi_join_arabic(l->types, n, l->levels, l->arprops);
	}
	fribidi_shape(flags, l->levels, n, opt->shape ? l->arprops : NULL,
	    l->glyph);

	for (i = 0; i < c->len; i++) {
		uint32_t g = l->glyph[i];

		l->drop[i] = invisible(c->cp[i]) || filler(l, c, i);
		if (g < 0xa0 && (g < 0x20 || g >= 0x7f))
			l->glyph[i] = g = mq_control_picture(g);
		l->width[i] = l->drop[i] ? 0 : (uint8_t)mq_cp_width(g);
		if (l->width[i] > opt->width) {
			l->glyph[i] = REPLACEMENT;	/* a wide glyph on a 1-column screen */
			l->width[i] = 1;
		}
		/* ZWNJ/ZWJ with no letter before them have nothing to do */
		if (!seat && (c->cp[i] == ZWNJ || c->cp[i] == ZWJ))
			l->drop[i] = 1;
		/* a mark after nothing it can sit on gets a circle and a column */
		l->lone[i] = !l->drop[i] && l->width[i] == 0 && !seat;
		if (l->lone[i])
			l->width[i] = 1;
		if (!l->drop[i] && l->width[i] > 0)	/* marks keep their seat */
			seat = l->types[i] != FRIBIDI_TYPE_WS;
	}
	join_emoji(l, c);
	/* The bytes each character shows; a ligature takes its filler's. */
	l->end[c->len] = c->off[c->len];
	for (i = c->len; i-- > 0; ) {
		l->begin[i] = c->off[i];
		l->end[i] = c->off[i + 1] > c->off[i] ? c->off[i + 1] : l->end[i + 1];
	}
	for (i = 0; i < c->len; i++) {
		if (!filler(l, c, i))
			continue;
		if (i + 1 < c->len && !filler(l, c, i + 1))
			l->begin[i + 1] = l->begin[i];
		else if (i > 0)
			l->end[i - 1] = l->end[i];
	}
	return true;
}

/* Records line [a, b); false when memory runs out. */
static bool
add_range(MqLayout *l, size_t a, size_t b)
{
	if (!mq_grow((void **)&l->ranges, &l->ranges_cap, l->nranges + 1,
	    sizeof *l->ranges))
		return false;
	l->ranges[l->nranges].start = a;
	l->ranges[l->nranges].end = b;
	l->nranges++;
	return true;
}

/* True for characters that may hang past the end of a line. */
static bool
hangs(const MqLayout *l, size_t i)
{
	return l->types[i] == FRIBIDI_TYPE_WS || l->drop[i];
}

/*
 * Breaks [0, n) into lines of at most width columns, at the break
 * opportunities ICU finds; a word longer than a line is cut between
 * characters (never between a letter and its marks).  Trailing spaces hang
 * and do not count.
 */
static bool
break_lines(MqLayout *l, const MqChars *c, unsigned width)
{
	UErrorCode ec = U_ZERO_ERROR;
	int32_t n16 = mq_chars_utf16(c, l->u16, l->u16_cp), pos16;
	size_t n = c->len, i, a, pos, b, fit;
	unsigned used, seg, seg_vis;

	ubrk_setText(l->brk, l->u16, n16, &ec);
	if (U_FAILURE(ec))
		return false;

	l->nranges = 0;
	a = pos = 0;
	used = 0;		/* columns of [a, pos), hanging spaces included */
	for (pos16 = ubrk_first(l->brk); pos < n; ) {
		bool hard;

		pos16 = ubrk_next(l->brk);
		if (pos16 == UBRK_DONE)
			pos16 = n16;
		b = (size_t)l->u16_cp[pos16];
		hard = ubrk_getRuleStatus(l->brk) >= UBRK_LINE_HARD && b < n;
		if (b <= pos)
			continue;
		seg = seg_vis = 0;
		for (i = pos; i < b; i++) {
			seg += l->width[i];
			if (!hangs(l, i))
				seg_vis = seg;
		}
		while (used + seg_vis > width) {
			if (pos > a) {		/* the segment goes to a new line */
				if (!add_range(l, a, pos))
					return false;
				a = pos;
				used = 0;
				continue;
			}
			/* one word wider than the line: cut it */
			fit = 0;
			for (i = pos; i < b; i++) {
				if (l->width[i] > 0 && fit + l->width[i] > width && i > a)
					break;
				fit += l->width[i];
			}
			if (!add_range(l, a, i))
				return false;
			a = pos = i;
			seg = seg_vis = 0;
			for (; i < b; i++) {
				seg += l->width[i];
				if (!hangs(l, i))
					seg_vis = seg;
			}
		}
		used += seg;
		pos = b;
		if (hard) {
			if (!add_range(l, a, pos))
				return false;
			a = pos;
			used = 0;
		}
	}
	if (a < n || l->nranges == 0)
		return add_range(l, a, n);
	return true;
}

/* Appends bytes to the paragraph's text buffer. */
static bool
put_text(MqParaLayout *out, uint32_t cp)
{
	if (!mq_grow((void **)&out->text, &out->text_cap, out->text_len + 5, 1))
		return false;
	out->text_len += mq_utf8_encode(cp, out->text + out->text_len);
	return true;
}

/* Starts a new cell showing cp, taken from character i. */
static bool
new_cell(MqParaLayout *out, const MqLayout *l, size_t i, uint32_t cp,
    unsigned w)
{
	MqCell *cell;

	if (!mq_grow((void **)&out->cells, &out->cells_cap, out->ncells + 1,
	    sizeof *out->cells))
		return false;
	cell = &out->cells[out->ncells++];
	cell->start = l->begin[i];
	cell->end = l->end[i];
	cell->text = (uint32_t)out->text_len;
	cell->width = (uint8_t)w;
	cell->level = l->levels[i];
	cell->style = l->style ? l->style[i] : 0;
	if (!put_text(out, cp))
		return false;
	cell->len = (uint16_t)(out->text_len - cell->text);
	return true;
}

/* Adds attached character i (a mark, ZWJ, ...) to the last cell. */
static bool
attach(MqParaLayout *out, const MqLayout *l, size_t i, unsigned *marks)
{
	MqCell *cell = &out->cells[out->ncells - 1];
	int8_t gc = (int8_t)u_charType((UChar32)l->glyph[i]);

	/* combining marks are limited; sequence joiners and emoji are not */
	if ((gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK) &&
	    ++*marks > MQ_CELL_MAX_MARKS)
		return true;
	if (!put_text(out, l->glyph[i]))
		return false;
	cell->len = (uint16_t)(out->text_len - cell->text);
	if (l->begin[i] < cell->start)
		cell->start = l->begin[i];
	if (l->end[i] > cell->end)
		cell->end = l->end[i];
	return true;
}

/*
 * True if the ZWNJ or ZWJ at j (of line [a, b)) goes with the character
 * after it: in right-to-left text the letter after it is drawn to its left,
 * and the joiner must come between the two in the cells' order, so it
 * rides on that letter's cell.  (Within an emoji sequence it stays put; in
 * terminal mode the order is logical and it rides on the letter before.)
 */
static bool
joins_forward(const MqLayout *l, size_t j, size_t b, const MqLayoutOptions *opt)
{
	size_t n;

	if (opt->bidi != MQ_BIDI_APP || l->drop[j] || !(l->levels[j] & 1) ||
	    (l->glyph[j] != ZWNJ && l->glyph[j] != ZWJ))
		return false;
	for (n = j + 1; n < b && l->drop[n]; n++)
		;
	return n < b && l->width[n] > 0;
}

/*
 * Turns line [a, b) into cells in display order.  In app mode FriBidi
 * reorders the line (L1-L3); in terminal mode the order stays logical.
 * Each cell is a character of width 1 or 2 followed by the attached
 * characters after it in logical order (see the top of the file).  An
 * attached character whose base is on an earlier line is drawn on a dotted
 * circle, when the line has a column left for it.
 */
static bool
make_line(MqLayout *l, size_t a, size_t b,
    FriBidiParType base, const MqLayoutOptions *opt, MqParaLayout *out)
{
	MqLine *line;
	size_t k, i, j, first_base;
	unsigned planned = 0, marks;

	while (b > a && hangs(l, b - 1))
		b--;		/* trailing spaces are not shown */
	for (k = a; k < b; k++)
		l->map[k] = (FriBidiStrIndex)k;
	/* (no FRIBIDI_FLAG_REORDER_NSM: attached characters follow their base) */
	if (opt->bidi == MQ_BIDI_APP && b > a &&
	    fribidi_reorder_line(0, l->types,
	    (FriBidiStrIndex)(b - a), (FriBidiStrIndex)a, base, l->levels,
	    NULL, l->map) == 0)
		return false;

	if (!mq_grow((void **)&out->lines, &out->lines_cap, out->nlines + 1,
	    sizeof *out->lines))
		return false;
	line = &out->lines[out->nlines++];
	line->first = out->ncells;
	line->width = 0;
	first_base = b;
	for (k = a; k < b; k++) {
		planned += l->drop[k] ? 0 : l->width[k];	/* what break_lines fitted */
		if (first_base == b && !l->drop[k] && l->width[k] > 0)
			first_base = k;	/* attached characters after it have a base */
	}
	for (k = a; k < b; k++) {
		unsigned w;
		bool circle;

		i = (size_t)l->map[k];
		if (l->drop[i])
			continue;
		if (l->width[i] == 0) {
			/* drawn with its base, unless that is on an earlier line */
			if (i > first_base || l->glyph[i] == ZWNJ ||
			    l->glyph[i] == ZWJ)
				continue;
			/* it was given no column: rather than overflow, not drawn */
			if (planned + 1 > opt->width)
				continue;
			planned++;
		}
		w = l->width[i] ? l->width[i] : 1;
		circle = l->lone[i] || l->width[i] == 0;
		if (!new_cell(out, l, i, circle ? DOTTED_CIRCLE : l->glyph[i], w))
			return false;
		line->width += w;
		marks = 0;
		if (circle && !attach(out, l, i, &marks))
			return false;
		for (j = i + 1; j < b && (l->drop[j] || l->width[j] == 0); j++)
			if (!l->drop[j] && !joins_forward(l, j, b, opt) &&
			    !attach(out, l, j, &marks))
				return false;
		/* a right-to-left joiner before it, drawn to its right */
		for (j = i; j > a && (l->drop[j - 1] || l->width[j - 1] == 0); j--)
			if (joins_forward(l, j - 1, b, opt) && !attach(out, l, j - 1, &marks))
				return false;
	}
	line->count = out->ncells - line->first;
	line->indent = 0;
	if (opt->bidi == MQ_BIDI_APP && base == FRIBIDI_PAR_RTL &&
	    line->width < opt->width)
		line->indent = opt->width - line->width;
	return true;
}

bool
mq_layout_paragraph(MqLayout *l, const MqChars *c, const MqLayoutOptions *opt,
    MqParaLayout *out)
{
	FriBidiParType base = FRIBIDI_PAR_LTR;
	MqLayoutOptions o = *opt;
	size_t r;

	out->ncells = out->nlines = out->text_len = 0;
	l->style = c->style;
	if (o.width < 1)
		o.width = 1;
	if (!reserve(l, c->len + 1))
		goto fail;
	if (c->len > 0 && (!analyse(l, c, &o, &base) ||
	    !break_lines(l, c, o.width)))
		goto fail;
	if (c->len == 0) {
		l->nranges = 0;
		if (!add_range(l, 0, 0))
			goto fail;
	}
	out->dir = base == FRIBIDI_PAR_RTL ? MQ_DIR_RTL : MQ_DIR_LTR;
	for (r = 0; r < l->nranges; r++)
		if (!make_line(l, l->ranges[r].start, l->ranges[r].end, base,
		    &o, out))
			goto fail;
	return true;
fail:
	out->ncells = out->nlines = out->text_len = 0;
	return false;
}

bool
mq_layout_line_text(const MqParaLayout *pl, size_t i, char **buf, size_t *cap,
    size_t *len)
{
	const MqLine *line = &pl->lines[i];
	size_t need = line->indent + 1, k, n = 0;

	for (k = 0; k < line->count; k++)
		need += pl->cells[line->first + k].len;
	if (!mq_grow((void **)buf, cap, need, 1))
		return false;
	memset(*buf, ' ', line->indent);
	n = line->indent;
	for (k = 0; k < line->count; k++) {
		const MqCell *cell = &pl->cells[line->first + k];

		memcpy(*buf + n, pl->text + cell->text, cell->len);
		n += cell->len;
	}
	(*buf)[n] = '\0';
	*len = n;
	return true;
}
