/*
 * ui/keys: the one table of keys.  Dispatch and the help overlay both read
 * it, so the help cannot drift from what the keys do.
 */
#ifndef MQ_KEYS_H
#define MQ_KEYS_H

typedef enum MqAction {
	MQ_ACT_NONE,
	MQ_ACT_DOWN,
	MQ_ACT_UP,
	MQ_ACT_PAGE_DOWN,
	MQ_ACT_PAGE_UP,
	MQ_ACT_HALF_DOWN,
	MQ_ACT_HALF_UP,
	MQ_ACT_TOP,
	MQ_ACT_BOTTOM,
	MQ_ACT_OPEN,
	MQ_ACT_BACK,
	MQ_ACT_NEXT_ARTICLE,
	MQ_ACT_PREV_ARTICLE,
	MQ_ACT_FILTER,
	MQ_ACT_HELP,
	MQ_ACT_REDRAW,
	MQ_ACT_WHEEL,
	MQ_ACT_OUTLINE,
	MQ_ACT_NEXT_SECTION,
	MQ_ACT_PREV_SECTION,
	MQ_ACT_NEXT_PEER,
	MQ_ACT_PREV_PEER,
	MQ_ACT_SECTION_N,
	MQ_ACT_NAMES,		/* colours of names on or off */
	MQ_ACT_NAMES_PANE,
	MQ_ACT_NEXT_MARKED,
	MQ_ACT_PREV_MARKED,
	MQ_ACT_NEXT_MENTION,
	MQ_ACT_PREV_MENTION,
	MQ_ACT_UNMARK,
	MQ_ACT_SEARCH,
	MQ_ACT_SEARCH_BACK,
	MQ_ACT_SEARCH_SECTION,
	MQ_ACT_NEXT_MATCH,
	MQ_ACT_PREV_MATCH,
	MQ_ACT_SEARCH_NAME,
	MQ_ACT_QUIT
} MqAction;

/* Where a binding works. */
#define MQ_IN_ARTICLE 1
#define MQ_IN_LIST 2
#define MQ_IN_PANE 4		/* the outline pane, while it is open */
#define MQ_IN_NAMES 8		/* the names pane, while it is open */

/* A key is one curses key code, or ':' followed by a second key. */
#define MQ_KEY_PREFIX ':'

typedef struct MqKeyBinding {
	int keys[10];		/* curses codes; 0 ends the list */
	int second;		/* with keys[0] == MQ_KEY_PREFIX: the next key */
	const char *label;	/* how the help shows the keys */
	const char *help;
	MqAction action;
	unsigned where;
} MqKeyBinding;

/* The table, ended by an entry with action MQ_ACT_NONE. */
extern const MqKeyBinding mq_keys[];

/* The action for key (after prefix, when prefix is not 0) in mode where. */
MqAction mq_key_action(int prefix, int key, unsigned where);

#endif
