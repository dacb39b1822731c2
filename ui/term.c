/*
 * ui/term: can this terminal show the reader at all?  Asked before the
 * reader starts (and before standard input is read), so that on a terminal
 * with no cursor addressing (TERM=dumb, an editor's shell buffer) maqal
 * prints the article instead of drawing an empty screen.  Its own file
 * because <term.h> defines macros (lines, columns, ...) that would clash
 * with names in ui.c.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/util.h"
#include "ui.h"
/* last: its macros (lines, ...) would break the headers above */
#include <term.h>

/* True if the terminal description has the capability. */
static bool
has_string(const char *cap)
{
	const char *s = tigetstr(cap);

	return s != NULL && s != (const char *)-1 && *s != '\0';
}

char *
mq_ui_terminal_problem(void)
{
	const char *term = getenv("TERM");
	char *why = NULL;
	int errret = 0;

	if (term == NULL || *term == '\0')
		return mq_format("TERM is not set");
	if (setupterm(NULL, STDOUT_FILENO, &errret) != OK)
		return mq_format("TERM=%s is not a terminal type known here", term);
	if (!has_string("cup") || !has_string("clear"))
		why = mq_format("TERM=%s cannot move the cursor", term);
	del_curterm(cur_term);
	return why;
}
