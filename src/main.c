/*
 * src/main: maqal's command line.  Parses options, opens the articles
 * (files, standard input, or the built-in tour), picks a mode and runs it.
 * Only this file may print errors and exit.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include "article.h"
#include "core/tagger.h"
#include "core/util.h"
#include "ui/ui.h"

enum {
	OPT_DUMP = 256,
	OPT_LINES,
	OPT_DIR,
	OPT_SHAPE,
	OPT_BIDI,
	OPT_TOUR,
	OPT_OUTLINE,
	OPT_JSON,
	OPT_ENTITIES,
	OPT_NAMES,
	OPT_SEARCH,
	OPT_EXACT,
	OPT_REGEX,
	OPT_MODEL,
	OPT_MODEL_EN,
	OPT_CLASSES
};

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "dump", no_argument, NULL, OPT_DUMP },
	{ "width", required_argument, NULL, 'w' },
	{ "lines", required_argument, NULL, OPT_LINES },
	{ "dir", required_argument, NULL, OPT_DIR },
	{ "shape", required_argument, NULL, OPT_SHAPE },
	{ "bidi", required_argument, NULL, OPT_BIDI },
	{ "tour", no_argument, NULL, OPT_TOUR },
	{ "outline", no_argument, NULL, OPT_OUTLINE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "entities", no_argument, NULL, OPT_ENTITIES },
	{ "names", required_argument, NULL, OPT_NAMES },
	{ "search", required_argument, NULL, OPT_SEARCH },
	{ "exact", no_argument, NULL, OPT_EXACT },
	{ "regex", no_argument, NULL, OPT_REGEX },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "model-en", required_argument, NULL, OPT_MODEL_EN },
	{ "word-classes", required_argument, NULL, OPT_CLASSES },
	{ NULL, 0, NULL, 0 }
};

/*
 * Writes "maqal: MESSAGE" on standard error.  The message is shown as
 * visible text: a file name in it cannot retitle or steer the terminal.
 */
static void
vwarn(const char *fmt, va_list ap)
{
	char buf[4096], *safe;

	vsnprintf(buf, sizeof buf, fmt, ap);
	safe = mq_visible_string(buf);
	fprintf(stderr, "maqal: %s\n", safe ? safe : "out of memory");
	free(safe);
}

/* Prints a one-line notice or error and goes on. */
void
mq_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

/* Prints a one-line error and exits with status 2. */
void
mq_die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(2);
}

/* True when standard output took everything written to it so far. */
static bool
output_ok(void)
{
	return !mq_output_failed(stdout);
}

/*
 * Flushes standard output; on a write error (a full disk) says so, with
 * the errno of the write that failed, and returns false.
 */
static bool
flush_output(void)
{
	bool flushed = fflush(stdout) == 0;

	if (!mq_output_failed(stdout) && flushed)	/* (failed keeps fflush's errno) */
		return true;
	mq_warn("writing output: %s", strerror(mq_output_errno()));
	return false;
}

/* Flushes standard output, or exits with status 2 after saying why. */
static void
finish_output(void)
{
	if (!flush_output())
		exit(2);
}

/*
 * SIGBUS: a mapped file was truncated under us and a lost page was touched.
 * The rest of the text is replaced by zero pages and reading goes on (the
 * run ends with a message, see main); any other SIGBUS says so and exits.
 * Only async-signal-safe calls here.
 */
static void
on_sigbus(int sig, siginfo_t *info, void *ctx)
{
	static const char msg[] = "maqal: bus error\n";

	(void)sig;
	(void)ctx;
	if (mq_text_fault(info->si_addr))
		return;
	(void)!write(STDERR_FILENO, msg, sizeof msg - 1);
	_exit(2);
}

static void
usage(FILE *fp)
{
	fputs(
"Usage: maqal [OPTION]... [FILE]...\n"
"Read articles in the terminal: Arabic and English, right-to-left and\n"
"left-to-right, side by side.  With no FILE and a terminal on standard\n"
"input, opens the built-in tour; FILE '-' or a pipe reads standard input.\n"
"\n"
"Modes:\n"
"      --dump            print the article as the screen shows it, then exit\n"
"      --lines=N         with --dump, stop after N screen lines\n"
"      --outline         print the sections: KIND, LEVEL, LINE, TITLE (tabs)\n"
"      --entities        print every name found: START, END, TYPE, TEXT (tabs;\n"
"                        byte offsets, END exclusive)\n"
"      --json            with --outline, JSON with byte offsets; with\n"
"                        --entities, the entities with counts and mentions\n"
"      --names=FILE      names to always find (NAME, or NAME<TAB>TYPE, a line\n"
"                        each); $XDG_CONFIG_HOME/maqal/names is read too\n"
"      --model=FILE      the Arabic name tagger's model ('none': rules only,\n"
"                        for English too; default: $MAQAL_MODEL, else the\n"
"                        one installed with maqal)\n"
"      --model-en=FILE   the English name tagger's model ('none': rules\n"
"                        only; default: $MAQAL_MODEL_EN, else the installed)\n"
"      --word-classes=FILE  the word classes the Arabic model learnt with\n"
"                        (default: $MAQAL_CLASSES, else the installed ones)\n"
"      --search=PATTERN  print each line with a match, like grep: LINE:COL:\n"
"                        and the line (COL in characters); matching ignores\n"
"                        case, harakat, hamza forms and digit scripts\n"
"      --exact           with --search, match the pattern's bytes exactly\n"
"      --regex           with --search, PATTERN is an ICU regular expression\n"
"      --tour            open the built-in tour article\n"
"\n"
"Layout:\n"
"  -w, --width=N         lay out at N columns (default: the terminal's, or 80)\n"
"      --dir=MODE        paragraph direction: auto (most of its words, the\n"
"                        default), rtl, ltr, or first-strong (Unicode's rule)\n"
"      --shape=on|off    join Arabic letters for terminals that do not (on)\n"
"      --bidi=app|terminal\n"
"                        who reorders right-to-left text: maqal (app, the\n"
"                        default) or a bidi-aware terminal (logical order)\n"
"\n"
"  -h, --help            show this help and exit\n"
"  -V, --version         show the version and exit\n"
"\n"
"In the reader, h shows every key and q quits.  The manual: man maqal\n"
"(from a build tree: man ./doc/maqal.1).\n"
"\n"
"Exit status: 0 on success, 2 on error; --search: 0 if something matched,\n"
"1 if nothing did, 2 on error.\n", fp);
}

/* Parses a whole number in [lo, hi] for option name, or dies. */
static unsigned long
parse_number(const char *name, const char *s, unsigned long lo,
    unsigned long hi)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || *s == '-' || v < lo || v > hi)
		mq_die("--%s: expected a number from %lu to %lu, got '%s'", name, lo,
		    hi, s);
	return v;
}

/* Returns the index of s in words (NULL-terminated), or dies naming option. */
static int
parse_word(const char *name, const char *s, const char *const *words)
{
	int i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(s, words[i]) == 0)
			return i;
	mq_die("--%s: unknown value '%s' (try --help)", name, s);
}

/* The width to lay out at when none is given: the terminal's, else 80. */
static unsigned
default_width(void)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	if (cols != NULL && atoi(cols) > 0)
		return (unsigned)atoi(cols);
	return 80;
}

/*
 * Opens one input: a path, "-" for standard input, or NULL for the tour.
 * Returns NULL after printing why it cannot be read.
 */
static MqText *
try_input(const char *path)
{
	MqText *t;
	char *err = NULL;

	if (path == NULL)
		t = mq_text_new_from_memory("tour", (const char *)mq_tour,
		    mq_tour_len, &err);
	else if (strcmp(path, "-") == 0)
		t = mq_text_read_fd(STDIN_FILENO, "(standard input)", &err);
	else
		t = mq_text_open_file(path, &err);
	if (t == NULL)
		mq_warn("%s", err ? err : "out of memory");
	free(err);
	return t;
}

/* Opens one input, or dies. */
static MqText *
open_input(const char *path)
{
	MqText *t = try_input(path);

	if (t == NULL)
		exit(2);
	return t;
}

/*
 * Adds the names in file path (a user's list) to g.  A list named with
 * --names must load (or maqal dies naming the file and line); the one in
 * the config folder is optional, and when it cannot be used *notice says
 * why (malloc'd) and maqal goes on without it.  Only regular files are
 * read, so a FIFO or device there cannot block maqal.
 */
static void
add_names_file(MqGazetteer *g, const char *path, bool must_exist, char **notice)
{
	char *err = NULL;
	struct stat st;
	MqText *t;

	if (!must_exist && stat(path, &st) != 0 && errno == ENOENT)
		return;		/* no list: nothing to say */
	if ((t = mq_text_open_regular(path, &err)) == NULL) {
		if (must_exist)
			mq_die("%s", err ? err : "out of memory");
		*notice = mq_format("%s (names file ignored)", err ? err : "out of memory");
		free(err);
		return;
	}
	if (!mq_gazetteer_add_names(g, mq_text_bytes(t) + mq_text_content_start(t),
	    mq_text_size(t) - mq_text_content_start(t), true, &err)) {
		mq_text_free(t);
		if (must_exist) {
			mq_gazetteer_free(g);
			mq_die("%s: %s", path, err ? err : "out of memory");
		}
		*notice = mq_format("%s: %s (the rest of the names file ignored)",
		    path, err ? err : "out of memory");
		free(err);
		return;
	}
	mq_text_free(t);
}

/*
 * The gazetteer: the built-in lists, then the user's names from
 * $XDG_CONFIG_HOME/maqal/names (~/.config/maqal/names) and --names FILE.
 * *notice says (malloc'd, or NULL) why the config folder's list was not
 * used.
 */
static MqGazetteer *
load_gazetteer(const char *names, char **notice)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *err = NULL, *path = NULL;
	MqGazetteer *g = mq_builtin_gazetteer(&err);

	*notice = NULL;
	if (g == NULL)
		mq_die("built-in gazetteer: %s", err ? err : "out of memory");
	if (xdg != NULL && *xdg != '\0')
		path = mq_format("%s/maqal/names", xdg);
	else if (home != NULL && *home != '\0')
		path = mq_format("%s/.config/maqal/names", home);
	if (path != NULL)
		add_names_file(g, path, false, notice);
	free(path);
	if (names != NULL)
		add_names_file(g, names, true, notice);
	return g;
}

/* The name taggers' models, Arabic and English (NULL: rules only). */
typedef struct Models {
	MqTagger *ar, *en;
	MqWordClasses *classes;	/* the Arabic model's word classes */
} Models;

/* What a non-interactive run prints, with what it needs. */
typedef struct Batch {
	enum { BATCH_DUMP, BATCH_OUTLINE, BATCH_ENTITIES, BATCH_SEARCH } mode;
	bool json;
	MqLayoutOptions opt;
	unsigned long max_lines;
	MqLayout *layout;	/* for dumps */
	MqGazetteer *g;		/* for entities */
	Models models;		/* for entities; NULL: rules only */
	const char *pattern;	/* for search */
	MqSearchMode search_mode;
	bool color;		/* mark matches */
	bool several;		/* name each file in search results */
	long matched;		/* lines printed by searches */
} Batch;

/* Paragraphs whose names are found between forgetting those behind. */
#define ENTITY_STEP 65536

/*
 * Finds every name of doc in one pass, the paragraphs' records dropped
 * once read (names are printed from the text's bytes); false when memory
 * runs out.
 */
static bool
scan_entities(MqDoc *doc, MqEntities *e)
{
	for (;;) {
		if (!mq_entities_scan(e, ENTITY_STEP))
			return false;
		if (mq_entities_done(e))
			return true;
		mq_doc_forget(doc, mq_doc_para_at(doc, mq_entities_scanned(e)));
	}
}

/*
 * Prints one article the way b says.  Returns NULL, or the error (malloc'd)
 * that ends the run; everything it made is freed either way.
 */
static char *
run_one(Batch *b, MqDoc *doc)
{
	MqText *text = mq_doc_text(doc);
	MqEntities *e = NULL;
	MqOutline *o = NULL;
	MqSearch *s = NULL;
	char *err = NULL;
	long bad;

	if (mq_text_was_cut(text))
		mq_warn("%s: only the first %zu MiB were read", mq_text_name(text),
		    MQ_TEXT_STREAM_MAX >> 20);
	switch (b->mode) {
	case BATCH_DUMP:
		b->opt.fallback = mq_text_direction(text);
		bad = mq_dump(doc, b->layout, &b->opt, b->max_lines, stdout, &err);
		if (bad > 0)
			mq_warn("%s: %ld invalid UTF-8 sequence%s shown as U+FFFD",
			    mq_text_name(text), bad, bad == 1 ? "" : "s");
		if (bad >= 0 && mq_doc_was_cut(doc))
			mq_warn("%s: lines over %d KiB were laid out in pieces",
			    mq_text_name(text), MQ_PARA_MAX_BYTES / 1024);
		break;
	case BATCH_OUTLINE:
		if ((o = mq_outline_new_batch(doc)) == NULL ||
		    (!mq_print_outline(doc, o, b->json, stdout) && output_ok()))
			mq_set_error(&err, "%s: out of memory", mq_text_name(text));
		break;
	case BATCH_ENTITIES:
		if ((e = mq_entities_new(doc, b->g)) != NULL)
			mq_entities_set_tagger(e, b->models.ar, b->models.en);
		if (e == NULL || !scan_entities(doc, e) ||
		    (b->json && (o = mq_outline_new_batch(doc)) == NULL) ||
		    (!mq_print_entities(doc, e, o, b->json, stdout) && output_ok()))
			mq_set_error(&err, "%s: out of memory", mq_text_name(text));
		else if (mq_entities_full(e))
			mq_warn("%s: only the first %d mentions are listed",
			    mq_text_name(text), MQ_ENT_MAX_MENTIONS);
		break;
	case BATCH_SEARCH:
		if ((s = mq_search_new(text)) == NULL)
			mq_set_error(&err, "out of memory");
		else if ((bad = mq_print_search(text, s, b->pattern, b->search_mode,
		    b->several ? mq_text_name(text) : NULL, b->color, stdout, &err)) >= 0)
			b->matched += bad;
		break;
	}
	mq_search_free(s);
	mq_entities_free(e);
	mq_outline_free(o);
	return err;
}

/*
 * Runs b over every input (NULL is the tour); returns the exit status.  An
 * input that cannot be read is reported and the others still run (status
 * 2 at the end); a write error ends the run at once.
 */
static int
run_batch(const char **inputs, size_t n, Batch *b)
{
	bool failed = false, printed = false;
	char *err;
	size_t i;

	for (i = 0; i < n; i++) {
		MqText *text;
		MqDoc *doc;

		if ((text = try_input(inputs[i])) == NULL) {
			failed = true;
			continue;
		}
		if ((doc = mq_doc_new(text)) == NULL)
			mq_die("out of memory");
		if (n > 1 && b->mode != BATCH_SEARCH)
			printf("%s==> %s <==\n", printed ? "\n" : "", mq_text_name(text));
		printed = true;
		b->several = n > 1;
		err = run_one(b, doc);
		mq_doc_free(doc);
		mq_text_free(text);
		if (!flush_output()) {
			free(err);	/* (a write error first: nothing more can be written) */
			return 2;
		}
		if (err != NULL) {
			mq_warn("%s", err);
			free(err);
			failed = true;
		}
	}
	if (failed)
		return 2;
	return b->mode == BATCH_SEARCH && b->matched == 0 ? 1 : 0;
}

/*
 * Makes sure the locale speaks UTF-8, which the terminal needs for Arabic.
 * Returns a notice when it had to switch to C.UTF-8; dies when it cannot.
 */
static const char *
ensure_utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	if (cs != NULL && strcmp(cs, "UTF-8") == 0)
		return NULL;
	if (setlocale(LC_ALL, "C.UTF-8") != NULL &&
	    strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return "the locale is not UTF-8: using C.UTF-8";
	mq_die("the locale (%s) is not UTF-8 and C.UTF-8 is not available: "
	    "set LANG to a UTF-8 locale", cs ? cs : "?");
}

/* data/NAME beside the program (a build tree), else the installed one. */
static char *
data_path(const char *name)
{
	char exe[4096], *guess = NULL, *slash;
	ssize_t n;

	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		guess = mq_format("%s/data/%s", exe, name);
	}
	if (guess == NULL || access(guess, F_OK) != 0) {
		free(guess);
		guess = mq_format("%s/%s", MQ_PKGDATADIR, name);
	}
	if (guess == NULL)
		mq_die("out of memory");
	return guess;
}

/* Keeps the first notice: sets *notice to msg (taken) unless one is set. */
static void
notice_once(char **notice, char *msg)
{
	if (*notice == NULL)
		*notice = msg;
	else
		free(msg);
}

/*
 * One tagger model: path (or 'none'), else $env, else data_path(name).  A
 * model asked for by path must load; the default one, if damaged, is
 * reported in *notice and its names are found by rules only.
 */
static MqTagger *
load_model(const char *path, const char *env, const char *name, char **notice)
{
	char *guess, *err = NULL;
	MqTagger *t;

	if (path == NULL)
		path = getenv(env);
	if (path != NULL && *path != '\0') {
		if (strcmp(path, "none") == 0)
			return NULL;
		if ((t = mq_tagger_load(path, &err)) == NULL)
			mq_die("%s", err);
		return t;
	}
	guess = data_path(name);
	if (access(guess, F_OK) != 0) {
		free(guess);
		return NULL;	/* built without this model: rules only */
	}
	if ((t = mq_tagger_load(guess, &err)) == NULL) {
		notice_once(notice, mq_format("%s; names found by rules only", err));
		free(err);
	}
	free(guess);
	return t;
}

/*
 * The word classes model t learnt with: path (--word-classes, 'none'),
 * else $MAQAL_CLASSES, else names-ar.classes beside the program or
 * installed.  Without them (or with others) the model still runs, less
 * well, with a notice.  A table asked for by path must load.
 */
static MqWordClasses *
load_classes(MqTagger *t, const char *path, char **notice)
{
	MqWordClasses *c;
	char *guess = NULL, *err = NULL;

	if (t == NULL || mq_tagger_classes_id(t) == 0)
		return NULL;
	if (path == NULL)
		path = getenv("MAQAL_CLASSES");
	if (path != NULL && strcmp(path, "none") == 0)
		return NULL;
	if (path != NULL && *path != '\0') {
		if ((c = mq_classes_load(path, &err)) == NULL)
			mq_die("%s", err);
	} else if ((c = mq_classes_load(guess = data_path("names-ar.classes"), &err)) == NULL) {
		notice_once(notice, mq_format("%s; Arabic names found less well "
		    "(make word-classes rebuilds it)", err));
		free(err);
		free(guess);
		return NULL;
	}
	free(guess);
	if (!mq_tagger_set_classes(t, c)) {
		notice_once(notice, mq_format("the word classes are not the ones the "
		    "Arabic model learnt with: it runs without them"));
		mq_classes_free(c);
		return NULL;
	}
	return c;
}

/*
 * The models: --model FILE (or $MAQAL_MODEL) for Arabic, --model-en FILE
 * (or $MAQAL_MODEL_EN) for English; --model none is rules only for both.
 */
static Models
load_models(const char *ar, const char *en, const char *classes, char **notice)
{
	Models m = { NULL, NULL, NULL };
	const char *a = ar != NULL ? ar : getenv("MAQAL_MODEL");

	*notice = NULL;
	m.ar = load_model(ar, "MAQAL_MODEL", "names-ar.model", notice);
	m.classes = load_classes(m.ar, classes, notice);
	if (a != NULL && strcmp(a, "none") == 0 && en == NULL)
		return m;	/* rules only */
	m.en = load_model(en, "MAQAL_MODEL_EN", "names-en.model", notice);
	return m;
}

static void
models_free(Models *m)
{
	mq_tagger_free(m->ar);
	mq_tagger_free(m->en);
	mq_classes_free(m->classes);
}

/* Joins two notices with "; " (either may be NULL); a new string or NULL. */
static char *
join_notices(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a ? strdup(a) : b ? strdup(b) : NULL;
	return mq_format("%s; %s", a, b);
}

/* What the reader loads after its first paint: the default taggers. */
typedef struct LateModels {
	Models models;
	char *notice;
} LateModels;

/* mq_ui_run's load_taggers: the default models, which report, never exit. */
static void
load_late_models(void *ctx, const MqTagger **ar, const MqTagger **en, const char **notice)
{
	LateModels *late = ctx;

	late->models = load_models(NULL, NULL, NULL, &late->notice);
	*ar = late->models.ar;
	*en = late->models.en;
	*notice = late->notice;
}

/* True when no tagger, model or word-class table was asked for by name. */
static bool
default_models(const char *model, const char *model_en, const char *classes)
{
	static const char *const envs[] = { "MAQAL_MODEL", "MAQAL_MODEL_EN", "MAQAL_CLASSES" };
	size_t i;

	if (model != NULL || model_en != NULL || classes != NULL)
		return false;
	for (i = 0; i < sizeof envs / sizeof envs[0]; i++)
		if (getenv(envs[i]) != NULL && *getenv(envs[i]) != '\0')
			return false;
	return true;
}

/* Opens the articles in the terminal UI; returns the exit status. */
static int
run_ui(MqPaths *paths, bool list, const MqLayoutOptions *opt,
    const char *names, const char *model, const char *model_en,
    const char *classes)
{
	MqUiOptions uo = { *opt, NULL, list || paths->n > 1, NULL, NULL, NULL, NULL, NULL };
	Models models = { NULL, NULL, NULL };
	LateModels late = { { NULL, NULL, NULL }, NULL };
	char *model_notice = NULL, *names_notice, *n1, *n2, **shown;
	const char *locale_notice = ensure_utf8_locale();
	MqUiItem *items;
	MqText *given = NULL;
	MqGazetteer *g;
	struct stat st;
	size_t i;
	int status;

	if ((items = calloc(paths->n, sizeof *items)) == NULL ||
	    (shown = calloc(paths->n, sizeof *shown)) == NULL)
		mq_die("out of memory");
	for (i = 0; i < paths->n; i++) {
		const char *path = paths->v[i];

		if (path == NULL || strcmp(path, "-") == 0) {
			if (given != NULL)
				mq_die("standard input can be read only once");
			given = open_input(path);
			items[i].text = given;
			items[i].name = mq_text_name(given);
			items[i].size = (off_t)mq_text_size(given);
			continue;
		}
		/* shown as visible text: a name cannot steer the terminal */
		if ((shown[i] = mq_visible_string(path)) == NULL)
			mq_die("out of memory");
		items[i].name = shown[i];
		items[i].path = path;
		if (stat(path, &st) == 0)
			items[i].size = st.st_size;
	}
	/* Keys come from the terminal even when the article came down a pipe. */
	if (!isatty(STDIN_FILENO) && freopen("/dev/tty", "r", stdin) == NULL)
		mq_die("cannot read keys from /dev/tty: %s", strerror(errno));
	g = load_gazetteer(names, &names_notice);
	uo.names = g;
	/*
	 * Models asked for by name load now (one that does not is an error
	 * before the terminal is taken); the default ones once the first
	 * screen is up (checking them takes longer than the screen).
	 */
	if (default_models(model, model_en, classes)) {
		uo.load_taggers = load_late_models;
		uo.taggers_ctx = &late;
	} else {
		models = load_models(model, model_en, classes, &model_notice);
		uo.tagger = models.ar;
		uo.tagger_en = models.en;
	}
	n1 = join_notices(locale_notice, model_notice);
	n2 = join_notices(n1, names_notice);
	uo.notice = n2;
	status = mq_ui_run(items, paths->n, &uo);
	models_free(&models);
	models_free(&late.models);
	free(late.notice);
	free(model_notice);
	free(names_notice);
	free(n1);
	free(n2);
	mq_gazetteer_free(g);
	for (i = 0; i < paths->n; i++)
		free(shown[i]);
	free(shown);
	free(items);
	mq_text_free(given);
	return status;
}

int
main(int argc, char **argv)
{
	static const char *const dirs[] = { "auto", "rtl", "ltr", "first-strong", NULL };
	static const char *const onoff[] = { "on", "off", NULL };
	static const char *const bidis[] = { "app", "terminal", NULL };
	MqLayoutOptions opt = { 0, MQ_DIRMODE_AUTO, MQ_DIR_LTR, true, MQ_BIDI_APP };
	static const char *tour_only[] = { NULL };
	static const char *stdin_only[] = { "-" };
	const char **inputs;
	size_t ninputs = 1;
	unsigned long max_lines = 0;
	bool tour = false, json = false, list = false, failed = false;
	MqPaths paths = { 0 };
	char *names_notice = NULL, *why;
	enum { MODE_UI, MODE_DUMP, MODE_OUTLINE, MODE_ENTITIES, MODE_SEARCH } mode = MODE_UI;
	MqSearchMode search_mode = MQ_SEARCH_FOLD;
	const char *names = NULL, *pattern = NULL, *model = NULL, *model_en = NULL;
	const char *classes = NULL;
	char *model_notice = NULL;
	Batch batch = { 0 };
	char *err = NULL;
	int status;
	int c;

	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
	setlocale(LC_ALL, "");
	opterr = 0;		/* our messages, which say maqal, not argv[0] */
	while ((c = getopt_long(argc, argv, ":hVw:", long_options, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			finish_output();
			return 0;
		case 'V':
			printf("maqal %s\n", PACKAGE_VERSION);
			finish_output();
			return 0;
		case OPT_DUMP:
			mode = MODE_DUMP;
			break;
		case 'w':
			opt.width = (unsigned)parse_number("width", optarg, 1, 10000);
			break;
		case OPT_LINES:
			max_lines = parse_number("lines", optarg, 1, 1000000000);
			break;
		case OPT_DIR:
			opt.dir = (MqDirMode)parse_word("dir", optarg, dirs);
			break;
		case OPT_SHAPE:
			opt.shape = parse_word("shape", optarg, onoff) == 0;
			break;
		case OPT_BIDI:
			opt.bidi = (MqBidiMode)parse_word("bidi", optarg, bidis);
			break;
		case OPT_TOUR:
			tour = true;
			break;
		case OPT_OUTLINE:
			mode = MODE_OUTLINE;
			break;
		case OPT_JSON:
			json = true;
			break;
		case OPT_ENTITIES:
			mode = MODE_ENTITIES;
			break;
		case OPT_NAMES:
			names = optarg;
			break;
		case OPT_SEARCH:
			mode = MODE_SEARCH;
			pattern = optarg;
			break;
		case OPT_EXACT:
			search_mode = MQ_SEARCH_EXACT;
			break;
		case OPT_REGEX:
			search_mode = MQ_SEARCH_REGEX;
			break;
		case OPT_MODEL:
			model = optarg;
			break;
		case OPT_MODEL_EN:
			model_en = optarg;
			break;
		case OPT_CLASSES:
			classes = optarg;
			break;
		case ':':
			mq_die("option '%s' needs a value (try --help)", argv[optind - 1]);
		default:
			if (optopt != 0 && optopt < 256)
				mq_die("unknown option '-%c' (try --help)", optopt);
			mq_die("unknown option '%s' (try --help)", argv[optind - 1]);
		}
	}
	if (opt.width == 0)
		opt.width = default_width();

	/*
	 * The inputs: the files named; with none, a pipe on standard input,
	 * or the tour when standard input is a terminal.
	 */
	if (tour && optind < argc)
		mq_die("--tour takes no FILE");
	if (tour)
		inputs = tour_only;
	else if (optind < argc) {
		inputs = (const char **)argv + optind;
		ninputs = (size_t)(argc - optind);
	} else
		inputs = isatty(STDIN_FILENO) ? tour_only : stdin_only;

	if (json && mode != MODE_OUTLINE && mode != MODE_ENTITIES)
		mq_die("--json goes with --outline or --entities");
	if (search_mode != MQ_SEARCH_FOLD && mode != MODE_SEARCH)
		mq_die("--exact and --regex go with --search");
	if (mode == MODE_UI && isatty(STDOUT_FILENO)) {
		if ((why = mq_ui_terminal_problem()) == NULL) {
			mq_expand_inputs(inputs, ninputs, &paths, true, &list, &failed);
			status = run_ui(&paths, list, &opt, names, model, model_en, classes);
			mq_paths_free(&paths);
			return status;
		}
		/* like less on such a terminal: the article is printed instead */
		mq_warn("%s: printing the article instead of opening the reader", why);
		free(why);
	}
	mq_expand_inputs(inputs, ninputs, &paths, false, &list, &failed);
	batch.json = json;
	batch.opt = opt;
	batch.max_lines = max_lines;
	if (mode == MODE_SEARCH) {
		batch.mode = BATCH_SEARCH;
		batch.pattern = pattern;
		batch.search_mode = search_mode;
		batch.color = isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;
	} else if (mode == MODE_OUTLINE)
		batch.mode = BATCH_OUTLINE;
	else if (mode == MODE_ENTITIES) {
		batch.mode = BATCH_ENTITIES;
		batch.g = load_gazetteer(names, &names_notice);
		if (names_notice != NULL)
			mq_warn("%s", names_notice);
		batch.models = load_models(model, model_en, classes, &model_notice);
		if (model_notice != NULL)
			mq_warn("%s", model_notice);
	} else if ((batch.layout = mq_layout_new(&err)) == NULL)
		mq_die("%s", err);
	status = run_batch((const char **)paths.v, paths.n, &batch);
	if (failed)
		status = 2;
	if (mq_text_shrank()) {
		mq_warn("a file shrank while it was being read: its lost part "
		    "was shown as \xe2\x90\x80 (NUL)");
		status = 2;
	}
	mq_paths_free(&paths);
	free(names_notice);
	mq_layout_free(batch.layout);
	mq_gazetteer_free(batch.g);
	models_free(&batch.models);
	free(model_notice);
	return status;
}
