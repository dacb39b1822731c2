/*
 * ui/screen: the terminal itself.  Sets curses up (modes, colours, mouse
 * wheel, the terminal's own bidi off) and puts it back on every way out:
 * q, Ctrl-C, SIGTERM and SIGHUP set a flag the loop sees within a tick
 * (keys are waited for with a timeout) and leave through endwin(); crash
 * signals and every other signal that would end maqal restore the
 * terminal with raw writes (rmcup, cursor, attributes, mouse and bidi
 * modes, termios) and re-raise.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>

#include "ui-private.h"

/* What the signal handlers need, set before the terminal changes. */
volatile sig_atomic_t ui_quit_signal;
static struct termios saved_tio;
static bool have_tio, bidi_explicit;
static const char *seq_rmcup, *seq_cnorm, *seq_sgr0;

/* Writes a string with write(2): safe in a signal handler. */
static void
raw_write(const char *s)
{
	size_t len;

	if (s == NULL || s == (const char *)-1)
		return;
	len = strlen(s);
	while (len > 0) {
		ssize_t w = write(STDOUT_FILENO, s, len);

		if (w <= 0)
			return;
		s += w;
		len -= (size_t)w;
	}
}

/* Puts the terminal back without curses (async-signal-safe). */
static void
restore_terminal_raw(void)
{
	raw_write("\033[?1000l\033[?1002l\033[?1006l");	/* mouse off */
	raw_write(seq_sgr0);
	raw_write(seq_cnorm);
	raw_write(seq_rmcup);
	if (bidi_explicit)
		raw_write("\033[8h");
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &saved_tio);
}

static void
on_quit_signal(int sig)
{
	ui_quit_signal = sig;
}

static void
on_fatal_signal(int sig)
{
	restore_terminal_raw();
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * SIGBUS: when the file of a mapped text was truncated under us, the rest
 * of the text becomes zero pages and reading goes on (the status line says
 * so, see notice_shrunk); any other bus error is fatal.
 */
static void
on_sigbus(int sig, siginfo_t *info, void *ctx)
{
	(void)ctx;
	if (mq_text_fault(info->si_addr))
		return;
	on_fatal_signal(sig);
}

/*
 * Installs the handlers; quit signals do not restart reads.  Every other
 * signal whose default would end maqal (Ctrl-\\, SIGUSR1, SIGALRM, SIGPIPE,
 * the real-time signals, ...) restores the terminal and then ends it the
 * way it would have (core dump included).  SIGKILL cannot be caught.
 */
static void
install_signals(void)
{
	static const int quits[] = { SIGINT, SIGTERM, SIGHUP };
	static const int fatals[] = { SIGSEGV, SIGFPE, SIGILL, SIGABRT, SIGQUIT,
	    SIGTRAP, SIGSYS, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
	    SIGPIPE, SIGXCPU, SIGXFSZ, SIGIO,
#ifdef SIGSTKFLT
	    SIGSTKFLT,
#endif
#ifdef SIGPWR
	    SIGPWR,
#endif
	};
	struct sigaction sa;
	size_t i;
	int rt;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit_signal;
	for (i = 0; i < sizeof quits / sizeof quits[0]; i++)
		sigaction(quits[i], &sa, NULL);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof fatals / sizeof fatals[0]; i++)
		sigaction(fatals[i], &sa, NULL);
#ifdef SIGRTMIN
	for (rt = SIGRTMIN; rt <= SIGRTMAX; rt++)
		sigaction(rt, &sa, NULL);
#else
	(void)rt;
#endif
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGBUS, &sa, NULL);
}

/* Milliseconds on a monotonic clock. */
long long
ui_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sets up curses, colours and the terminal's modes. */
bool
ui_start_terminal(Ui *ui)
{
	struct termios tio;
	unsigned t;

	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		saved_tio = tio;
		have_tio = true;
	}
	install_signals();
	if (newterm(NULL, stdout, stdin) == NULL)
		return false;
	seq_rmcup = tigetstr("rmcup");
	seq_cnorm = tigetstr("cnorm");
	seq_sgr0 = tigetstr("sgr0");
	/* maqal reorders: the terminal's own bidi goes to explicit mode (BDSM). */
	if (ui->opt.bidi == MQ_BIDI_APP) {
		bidi_explicit = true;
		raw_write("\033[8l");
	}
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	timeout(TICK_MS);
	set_escdelay(50);
	mousemask(BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    , NULL);
	mouseinterval(0);
	if (has_colors() && getenv("NO_COLOR") == NULL) {
		start_color();
		use_default_colors();
		init_pair(PAIR_NOTICE, COLOR_YELLOW, -1);
		init_pair(PAIR_ACCENT, COLOR_CYAN, -1);
		init_pair(PAIR_MATCH, COLOR_BLACK, COLOR_YELLOW);
		init_pair(PAIR_MATCH_AT, COLOR_BLACK, COLOR_GREEN);
		for (t = 0; t < MQ_ENT_NTYPES; t++)
			init_pair((short)(PAIR_NAME + (int)t), COLORS >= 256 ?
			    ui_name_style[t].color256 : ui_name_style[t].color, -1);
		ui->colors = true;
	}
	return true;
}

/* Leaves curses and puts the terminal's modes back. */
void
ui_stop_terminal(void)
{
	mousemask(0, NULL);
	endwin();
	if (bidi_explicit) {
		raw_write("\033[8h");
		bidi_explicit = false;
	}
}
