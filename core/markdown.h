/*
 * core/markdown: Markdown's inline markup on decoded characters.  Block
 * structure (headings, lists, quotes, code) is core/doc's; this turns
 * **strong**, *emphasis*, _emphasis_, `code` and [links](url) into style
 * bits on the characters and leaves the markers (and link targets) out, so
 * the screen shows attributes, not asterisks.  Offsets of what stays are
 * unchanged.
 */
#ifndef MQ_MARKDOWN_H
#define MQ_MARKDOWN_H

#include "text.h"

/* Applies inline markup to c in place. */
void mq_markdown_inline(MqChars *c);

#endif
