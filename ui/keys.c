/* ui/keys: the key table and its lookup. */
#include "config.h"

#include <curses.h>

#include "keys.h"

#define BOTH (MQ_IN_ARTICLE | MQ_IN_LIST)
#define CTRL(c) ((c) & 0x1f)

const MqKeyBinding mq_keys[] = {
	{ { 'j', KEY_DOWN, '\n', '\r' }, 0, "j  Down  Enter", "down one line", MQ_ACT_DOWN, MQ_IN_ARTICLE },
	{ { 'k', KEY_UP, 0 }, 0, "k  Up", "up one line", MQ_ACT_UP, MQ_IN_ARTICLE },
	{ { ' ', 'f', KEY_NPAGE, 0 }, 0, "Space  f  PgDn", "down one page", MQ_ACT_PAGE_DOWN, BOTH },
	{ { 'b', KEY_PPAGE, 0 }, 0, "b  PgUp", "up one page", MQ_ACT_PAGE_UP, BOTH },
	{ { 'd', 0 }, 0, "d", "down half a page", MQ_ACT_HALF_DOWN, MQ_IN_ARTICLE },
	{ { 'u', 0 }, 0, "u", "up half a page", MQ_ACT_HALF_UP, MQ_IN_ARTICLE },
	{ { 'g', KEY_HOME, 0 }, 0, "g  Home", "go to the start", MQ_ACT_TOP, BOTH },
	{ { 'G', KEY_END, 0 }, 0, "G  End", "go to the end", MQ_ACT_BOTTOM, BOTH },
	{ { 'j', KEY_DOWN, 0 }, 0, "j  Down", "next article in the list", MQ_ACT_DOWN, MQ_IN_LIST },
	{ { 'k', KEY_UP, 0 }, 0, "k  Up", "previous article in the list", MQ_ACT_UP, MQ_IN_LIST },
	{ { '\n', '\r', KEY_ENTER, KEY_RIGHT }, 0, "Enter  Right", "open the article", MQ_ACT_OPEN, MQ_IN_LIST },
	{ { '/', 0 }, 0, "/", "filter the list by title or file name", MQ_ACT_FILTER, MQ_IN_LIST },
	{ { 27, 0 }, 0, "Esc", "clear the filter", MQ_ACT_UNMARK, MQ_IN_LIST },
	{ { 'q', KEY_BACKSPACE, 127, 0 }, 0, "q  Backspace", "back to the list (quit with one article)", MQ_ACT_BACK, MQ_IN_ARTICLE },
	{ { MQ_KEY_PREFIX, 0 }, 'n', ":n", "next article", MQ_ACT_NEXT_ARTICLE, MQ_IN_ARTICLE },
	{ { MQ_KEY_PREFIX, 0 }, 'p', ":p", "previous article", MQ_ACT_PREV_ARTICLE, MQ_IN_ARTICLE },
	{ { '?', 'h', KEY_F(1), 0 }, 0, "?  h  F1", "this help", MQ_ACT_HELP, MQ_IN_LIST },
	{ { 'h', KEY_F(1), 0 }, 0, "h  F1", "this help", MQ_ACT_HELP, MQ_IN_ARTICLE | MQ_IN_PANE | MQ_IN_NAMES },
	{ { '/', 0 }, 0, "/", "search forward (Ctrl-R in it: folded, exact, regex)", MQ_ACT_SEARCH, MQ_IN_ARTICLE },
	{ { '?', 0 }, 0, "?", "search backward", MQ_ACT_SEARCH_BACK, MQ_IN_ARTICLE },
	{ { 'S', 0 }, 0, "S", "search within this section only", MQ_ACT_SEARCH_SECTION, MQ_IN_ARTICLE },
	{ { 'n', 0 }, 0, "n", "next match", MQ_ACT_NEXT_MATCH, MQ_IN_ARTICLE },
	{ { 'N', 0 }, 0, "N", "previous match", MQ_ACT_PREV_MATCH, MQ_IN_ARTICLE },
	{ { 'o', 0 }, 0, "o", "show or hide the outline of sections", MQ_ACT_OUTLINE, MQ_IN_ARTICLE | MQ_IN_PANE },
	{ { ']', 0 }, 0, "]", "next section", MQ_ACT_NEXT_SECTION, MQ_IN_ARTICLE },
	{ { '[', 0 }, 0, "[", "previous section (or this one's start)", MQ_ACT_PREV_SECTION, MQ_IN_ARTICLE },
	{ { '}', 0 }, 0, "}", "next section of the same or a higher level", MQ_ACT_NEXT_PEER, MQ_IN_ARTICLE },
	{ { '{', 0 }, 0, "{", "previous section of the same or a higher level", MQ_ACT_PREV_PEER, MQ_IN_ARTICLE },
	{ { '1', '2', '3', '4', '5', '6', '7', '8', '9', 0 }, 0, "1-9", "go to section 1 to 9", MQ_ACT_SECTION_N, MQ_IN_ARTICLE },
	{ { 'e', 0 }, 0, "e", "colour the names, or stop colouring them", MQ_ACT_NAMES, MQ_IN_ARTICLE },
	{ { 'E', 0 }, 0, "E", "show or hide the names found in the article", MQ_ACT_NAMES_PANE, MQ_IN_ARTICLE | MQ_IN_NAMES },
	{ { '\t', 0 }, 0, "Tab", "next mention of any name", MQ_ACT_NEXT_MENTION, MQ_IN_ARTICLE },
	{ { KEY_BTAB, 0 }, 0, "Shift-Tab", "previous mention of any name", MQ_ACT_PREV_MENTION, MQ_IN_ARTICLE },
	{ { '>', 0 }, 0, ">", "next mention of the marked name", MQ_ACT_NEXT_MARKED, MQ_IN_ARTICLE },
	{ { '<', 0 }, 0, "<", "previous mention of the marked name", MQ_ACT_PREV_MARKED, MQ_IN_ARTICLE },
	{ { 27, 0 }, 0, "Esc", "clear the marked name and the matches", MQ_ACT_UNMARK, MQ_IN_ARTICLE },
	{ { 'j', KEY_DOWN, 0 }, 0, "j  Down", "next section in the outline", MQ_ACT_DOWN, MQ_IN_PANE },
	{ { 'k', KEY_UP, 0 }, 0, "k  Up", "previous section in the outline", MQ_ACT_UP, MQ_IN_PANE },
	{ { 'g', KEY_HOME, 0 }, 0, "g  Home", "first section", MQ_ACT_TOP, MQ_IN_PANE },
	{ { 'G', KEY_END, 0 }, 0, "G  End", "last section", MQ_ACT_BOTTOM, MQ_IN_PANE },
	{ { '\n', '\r', KEY_ENTER, 0 }, 0, "Enter", "go to the section", MQ_ACT_OPEN, MQ_IN_PANE },
	{ { 27, 'q', 0 }, 0, "Esc  q", "close the outline", MQ_ACT_OUTLINE, MQ_IN_PANE },
	{ { 'j', KEY_DOWN, 0 }, 0, "j  Down", "next name", MQ_ACT_DOWN, MQ_IN_NAMES },
	{ { 'k', KEY_UP, 0 }, 0, "k  Up", "previous name", MQ_ACT_UP, MQ_IN_NAMES },
	{ { ' ', 'f', KEY_NPAGE, 0 }, 0, "Space  f  PgDn", "down one page", MQ_ACT_PAGE_DOWN, MQ_IN_NAMES },
	{ { 'b', KEY_PPAGE, 0 }, 0, "b  PgUp", "up one page", MQ_ACT_PAGE_UP, MQ_IN_NAMES },
	{ { 'g', KEY_HOME, 0 }, 0, "g  Home", "first name", MQ_ACT_TOP, MQ_IN_NAMES },
	{ { 'G', KEY_END, 0 }, 0, "G  End", "last name", MQ_ACT_BOTTOM, MQ_IN_NAMES },
	{ { '\n', '\r', KEY_ENTER, 0 }, 0, "Enter", "go to its first mention and mark them all", MQ_ACT_OPEN, MQ_IN_NAMES },
	{ { '/', 0 }, 0, "/", "search the text for this name", MQ_ACT_SEARCH_NAME, MQ_IN_NAMES },
	{ { 27, 'q', 0 }, 0, "Esc  q", "close the names", MQ_ACT_NAMES_PANE, MQ_IN_NAMES },
	{ { KEY_MOUSE, 0 }, 0, "mouse wheel", "scroll three lines", MQ_ACT_WHEEL, BOTH },
	{ { CTRL('l'), 0 }, 0, "Ctrl-L", "redraw the screen", MQ_ACT_REDRAW, BOTH },
	{ { 'q', 'Q', 0 }, 0, "q  Q", "quit", MQ_ACT_QUIT, MQ_IN_LIST },
	{ { 'Q', 0 }, 0, "Q", "quit maqal", MQ_ACT_QUIT, MQ_IN_ARTICLE },
	{ { 0 }, 0, NULL, NULL, MQ_ACT_NONE, 0 }
};

MqAction
mq_key_action(int prefix, int key, unsigned where)
{
	const MqKeyBinding *b;
	int i;

	for (b = mq_keys; b->action != MQ_ACT_NONE; b++) {
		if (!(b->where & where))
			continue;
		if (prefix != 0) {
			if (b->keys[0] == prefix && b->second == key)
				return b->action;
			continue;
		}
		if (b->second != 0)
			continue;
		for (i = 0; i < 10 && b->keys[i] != 0; i++)
			if (b->keys[i] == key)
				return b->action;
	}
	return MQ_ACT_NONE;
}
