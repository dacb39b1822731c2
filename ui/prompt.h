/*
 * ui/prompt: a one-line editor for the status line (search patterns).  It
 * edits UTF-8 by grapheme cluster (a letter with its harakat moves and is
 * deleted as one), keeps a history browsed with Up and Down, and draws its
 * text through the layout engine, so mixed Arabic and Latin input shows in
 * visual order with the cursor on the right cell.
 */
#ifndef MQ_PROMPT_H
#define MQ_PROMPT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "core/layout.h"

#define MQ_PROMPT_MAX 1024	/* bytes of text, NUL included */
#define MQ_PROMPT_HISTORY 50

typedef struct MqPrompt {
	char text[MQ_PROMPT_MAX];
	size_t len, cur;	/* bytes; the cursor is on a grapheme boundary */
	char *hist[MQ_PROMPT_HISTORY];	/* oldest first */
	size_t nhist;
	size_t hpos;		/* browsing hist[hpos]; nhist: the new text */
	char draft[MQ_PROMPT_MAX];	/* the new text while browsing */
} MqPrompt;

typedef enum MqPromptResult {
	MQ_PROMPT_IGNORED,	/* not an editing key: the caller's */
	MQ_PROMPT_MOVED,	/* the cursor moved */
	MQ_PROMPT_CHANGED,	/* the text changed */
	MQ_PROMPT_ENTER,
	MQ_PROMPT_CANCEL
} MqPromptResult;

/* Starts editing an empty line (the history stays). */
void mq_prompt_start(MqPrompt *p);

/* Replaces the text with s (cut to fit), cursor at the end. */
void mq_prompt_set(MqPrompt *p, const char *s);

/* Handles one key as get_wch returned it (r is OK or KEY_CODE_YES). */
MqPromptResult mq_prompt_key(MqPrompt *p, int r, wint_t ch);

/* Adds the text to the history (not when empty or the same as the last). */
void mq_prompt_remember(MqPrompt *p);

/* Frees the history. */
void mq_prompt_free(MqPrompt *p);

/*
 * Draws label (left to right) and then the text, laid out in its own
 * direction, over columns [0, cols) of row y (with the attributes set),
 * and puts the terminal cursor where the next character goes.  chars and
 * pl are scratch space.
 */
void mq_prompt_paint(const MqPrompt *p, const char *label, int y, int cols,
    MqLayout *layout, const MqLayoutOptions *opt, MqChars *chars,
    MqParaLayout *pl);

#endif
