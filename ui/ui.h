/*
 * ui: the full-screen reading view.  The only part of maqal that includes
 * curses; it paints the cells core/layout produces and reads keys.
 */
#ifndef MQ_UI_H
#define MQ_UI_H

#include "core/doc.h"
#include "core/layout.h"

/*
 * Shows doc full screen until the reader quits; doc is borrowed.  Returns
 * the process exit status (0, or 2 with a message on stderr when the
 * terminal cannot be used).
 */
int mq_ui_run(MqDoc *doc, const MqLayoutOptions *opt);

#endif
