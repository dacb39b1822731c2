/*
 * ui: the full-screen reader.  The only part of maqal that includes curses;
 * it paints the cells core/layout produces and reads keys.
 */
#ifndef MQ_UI_H
#define MQ_UI_H

#include <stdbool.h>
#include <sys/types.h>

#include "core/doc.h"
#include "core/entity.h"
#include "core/layout.h"

/* One article the reader can open.  The UI fills the lazy fields. */
typedef struct MqUiItem {
	const char *path;	/* file to open, or NULL when text is given */
	const char *name;	/* shown in the list and the status line */
	off_t size;		/* bytes, for the list */
	MqText *text;		/* given (tour, standard input) or opened later */
} MqUiItem;

/* How the reader starts. */
typedef struct MqUiOptions {
	MqLayoutOptions layout;
	const char *notice;	/* shown once on the status line, or NULL */
	bool list;		/* open the list even for one article */
	const MqGazetteer *names;	/* for finding names; NULL: none */
	const struct MqTagger *tagger;	/* the Arabic name tagger; NULL: rules */
	const struct MqTagger *tagger_en;	/* the English one; NULL: rules */
	/*
	 * When set, called once right after the first paint, before names are
	 * looked for, to load the two taggers (so that loading them does not
	 * delay the first screen): it sets *ar and *en (NULL: rules), and
	 * *notice to a notice to show once, or NULL.  It must not exit.
	 */
	void (*load_taggers)(void *ctx, const struct MqTagger **ar,
	    const struct MqTagger **en, const char **notice);
	void *taggers_ctx;
} MqUiOptions;

/*
 * Runs the reader over items (borrowed; texts opened by the UI are freed by
 * it, given ones are not).  One item opens directly unless o->list is set;
 * several open a list first.  Sections and names are found while the
 * reader reads, a slice at a time between keys.  Returns the exit status: 0, or 2 with a
 * message on stderr when the terminal cannot be used.  A fatal signal
 * restores the terminal and re-raises.
 */
int mq_ui_run(MqUiItem *items, size_t n, const MqUiOptions *o);

/*
 * Why the terminal on standard output cannot show the reader (TERM unset
 * or unknown, no cursor addressing as with TERM=dumb), malloc'd for the
 * caller to free; NULL when it can.
 */
char *mq_ui_terminal_problem(void);

#endif
