/*
 * ui/panes: the side panes of an article, drawn beside the text (which is
 * laid out again at the width left) and given the keys they take while
 * open.  A pane is a UiPane (ui-private.h) in one file of its own and an
 * entry in the table below.
 */
#include "config.h"

#include "ui-private.h"

/* Every pane, in the order the help lists them. */
static const UiPane *const panes[] = { &ui_outline_pane, &ui_names_pane, NULL };

/* Opens the pane whose toggle is a, or closes it when it is the one open. */
void
ui_pane_toggle(Ui *ui, MqAction a)
{
	const UiPane *const *p;

	for (p = panes; *p != NULL && (*p)->toggle != a; p++)
		;
	if (*p == NULL || ui->current < 0)
		return;
	if (ui->pane == *p) {
		ui->pane = NULL;
		return;
	}
	ui->pane = *p;
	(*p)->open(ui);
}

/* Gives key to the open pane; false if it is not the pane's. */
bool
ui_pane_key(Ui *ui, int key)
{
	const UiPane *p = ui->pane;
	MqAction a;

	if (ui->current < 0 || p == NULL ||
	    (a = mq_key_action(0, key, p->where)) == MQ_ACT_NONE)
		return false;
	if (a == p->toggle || a == MQ_ACT_HELP)
		ui_act(ui, a);
	else
		p->act(ui, a);
	return true;
}
