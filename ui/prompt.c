/* ui/prompt: the status-line editor. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "prompt.h"

#define CTRL(c) ((c) & 0x1f)

void
mq_prompt_start(MqPrompt *p)
{
	p->text[0] = '\0';
	p->len = p->cur = 0;
	p->hpos = p->nhist;
}

void
mq_prompt_set(MqPrompt *p, const char *s)
{
	size_t n = strlen(s);

	if (n >= MQ_PROMPT_MAX)
		n = mq_utf8_prev_grapheme(s, n, MQ_PROMPT_MAX - 1);
	memcpy(p->text, s, n);
	p->text[n] = '\0';
	p->len = p->cur = n;
}

/* Removes bytes [a, b) of the text. */
static void
cut(MqPrompt *p, size_t a, size_t b)
{
	memmove(p->text + a, p->text + b, p->len - b + 1);
	p->len -= b - a;
	p->cur = a;
}

/* Inserts code point c at the cursor (if it fits). */
static bool
insert(MqPrompt *p, wint_t c)
{
	char enc[4];
	size_t n = mq_utf8_encode((uint32_t)c, enc);

	if (p->len + n >= MQ_PROMPT_MAX)
		return false;
	memmove(p->text + p->cur + n, p->text + p->cur, p->len - p->cur + 1);
	memcpy(p->text + p->cur, enc, n);
	p->len += n;
	p->cur += n;
	return true;
}

/* Shows history entry k (nhist: the draft). */
static void
browse(MqPrompt *p, size_t k)
{
	if (p->hpos == p->nhist)
		memcpy(p->draft, p->text, p->len + 1);
	p->hpos = k;
	mq_prompt_set(p, k == p->nhist ? p->draft : p->hist[k]);
}

MqPromptResult
mq_prompt_key(MqPrompt *p, int r, wint_t ch)
{
	size_t k;

	if (r == OK) {
		switch (ch) {
		case '\n': case '\r':
			return MQ_PROMPT_ENTER;
		case 27:
			return MQ_PROMPT_CANCEL;
		case 127: case CTRL('h'):
			if (p->cur == 0)
				return MQ_PROMPT_MOVED;
			cut(p, mq_utf8_prev_grapheme(p->text, p->len, p->cur), p->cur);
			return MQ_PROMPT_CHANGED;
		case CTRL('a'):
			p->cur = 0;
			return MQ_PROMPT_MOVED;
		case CTRL('e'):
			p->cur = p->len;
			return MQ_PROMPT_MOVED;
		case CTRL('u'):
			cut(p, 0, p->len);
			return MQ_PROMPT_CHANGED;
		default:
			if (ch < 0x20 || (ch >= 0x7f && ch < 0xa0))
				return MQ_PROMPT_IGNORED;	/* no controls in a pattern */
			return insert(p, ch) ? MQ_PROMPT_CHANGED : MQ_PROMPT_MOVED;
		}
	}
	switch (ch) {
	case KEY_ENTER:
		return MQ_PROMPT_ENTER;
	case KEY_BACKSPACE:
		return mq_prompt_key(p, OK, 127);
	case KEY_DC:
		if (p->cur == p->len)
			return MQ_PROMPT_MOVED;
		k = p->cur;
		cut(p, k, mq_utf8_next_grapheme(p->text, p->len, k));
		return MQ_PROMPT_CHANGED;
	case KEY_LEFT:
		p->cur = mq_utf8_prev_grapheme(p->text, p->len, p->cur);
		return MQ_PROMPT_MOVED;
	case KEY_RIGHT:
		p->cur = mq_utf8_next_grapheme(p->text, p->len, p->cur);
		return MQ_PROMPT_MOVED;
	case KEY_HOME:
		p->cur = 0;
		return MQ_PROMPT_MOVED;
	case KEY_END:
		p->cur = p->len;
		return MQ_PROMPT_MOVED;
	case KEY_UP:
		if (p->hpos == 0)
			return MQ_PROMPT_MOVED;
		browse(p, p->hpos - 1);
		return MQ_PROMPT_CHANGED;
	case KEY_DOWN:
		if (p->hpos >= p->nhist)
			return MQ_PROMPT_MOVED;
		browse(p, p->hpos + 1);
		return MQ_PROMPT_CHANGED;
	default:
		return MQ_PROMPT_IGNORED;
	}
}

void
mq_prompt_remember(MqPrompt *p)
{
	char *copy;

	if (p->len == 0 || (p->nhist > 0 && strcmp(p->hist[p->nhist - 1], p->text) == 0))
		return;
	if ((copy = strdup(p->text)) == NULL)
		return;
	if (p->nhist == MQ_PROMPT_HISTORY) {
		free(p->hist[0]);
		memmove(p->hist, p->hist + 1, (MQ_PROMPT_HISTORY - 1) * sizeof *p->hist);
		p->nhist--;
	}
	p->hist[p->nhist++] = copy;
	p->hpos = p->nhist;
}

void
mq_prompt_free(MqPrompt *p)
{
	size_t i;

	for (i = 0; i < p->nhist; i++)
		free(p->hist[i]);
	p->nhist = p->hpos = 0;
}

void
mq_prompt_paint(const MqPrompt *p, const char *label, int y, int cols,
    MqLayout *layout, const MqLayoutOptions *opt, MqChars *chars,
    MqParaLayout *pl)
{
	MqLayoutOptions o = *opt;
	int x0 = (int)strlen(label), x, cx;
	const MqLine *line;
	size_t c;

	mvhline(y, 0, ' ', cols);
	mvaddnstr(y, 0, label, cols);
	cx = x0;
	o.width = cols - x0 > 1 ? (unsigned)(cols - x0 - 1) : 1;
	o.dir = MQ_DIRMODE_AUTO;
	if (p->len > 0 && mq_chars_decode_utf8(p->text, p->len, 0, chars) &&
	    mq_layout_paragraph(layout, chars, &o, pl) && pl->nlines > 0) {
		/* the line holding the cursor (a long pattern wraps: show that part) */
		size_t ln = 0, k;

		for (k = 0; k < pl->nlines; k++) {
			line = &pl->lines[k];
			for (c = 0; c < line->count; c++)
				if (pl->cells[line->first + c].start <= p->cur)
					ln = k;
		}
		line = &pl->lines[ln];
		x = x0 + (int)line->indent;
		for (c = 0; c < line->count; c++) {
			const MqCell *cell = &pl->cells[line->first + c];

			if (x + cell->width > cols)
				break;
			mvaddnstr(y, x, pl->text + cell->text, cell->len);
			if (cell->start <= p->cur && p->cur < cell->end)
				cx = x;		/* on the character after the cursor */
			else if (p->cur == p->len && cell->end == p->len)
				cx = cell->level & 1 ? x - 1 : x + cell->width;	/* after the last */
			x += cell->width;
		}
	}
	if (cx < x0 - 1)
		cx = x0 - 1;
	if (cx >= cols)
		cx = cols - 1;
	move(y, cx);
}
