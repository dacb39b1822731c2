/*
 * src/article: what the command line shares between modes: opening the
 * named inputs and the layout options chosen by flags.
 */
#ifndef MQ_ARTICLE_H
#define MQ_ARTICLE_H

#include <stdio.h>

#include "core/doc.h"
#include "core/layout.h"
#include "core/entity.h"
#include "core/search.h"
#include "core/outline.h"

/* A one-line message on standard error ("maqal: ..."), made safe to show. */
void mq_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The same, then exit with status 2 (src/ alone may end the program). */
void mq_die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* A growable list of article paths. */
typedef struct MqPaths {
	char **v;
	size_t n, cap;
} MqPaths;

/* Appends a copy of path (NULL stands for the tour), or dies. */
void mq_paths_add(MqPaths *p, const char *path);
void mq_paths_free(MqPaths *p);

/*
 * The articles named (src/inputs.c): each directory becomes the articles
 * below it (a list), a file or "-" stays itself, NULL (the tour) stays
 * NULL.  A directory without articles is reported: it ends the run when
 * strict, else *failed is set.  *list is set when a directory was given.
 */
void mq_expand_inputs(const char **inputs, size_t n, MqPaths *out, bool strict,
    bool *list, bool *failed);

/* Built-in data compiled in from data/ (src/data.c, made by make). */
extern const unsigned char mq_tour[];
extern const size_t mq_tour_len;
extern const unsigned char mq_gazetteer_tsv[];
extern const size_t mq_gazetteer_tsv_len;
extern const unsigned char mq_triggers_tsv[];
extern const size_t mq_triggers_tsv_len;

/*
 * The built-in gazetteer (src/builtin.c), or NULL with *err set (NULL when
 * memory ran out).  The caller frees it.
 */
MqGazetteer *mq_builtin_gazetteer(char **err);

/*
 * Prints the article laid out with opt to fp, one screen line per line.
 * Stops after max_lines lines when max_lines > 0.  Returns the number of
 * invalid UTF-8 sequences in the part laid out, or -1 on failure with *err
 * set.
 */
long mq_dump(MqDoc *doc, MqLayout *layout, const MqLayoutOptions *opt,
    unsigned long max_lines, FILE *fp, char **err);

/*
 * True once fp has failed a write (a full disk).  Called right after
 * writing, the first time it is true it keeps errno, still the write's,
 * for mq_output_errno (0 until then).
 */
bool mq_output_failed(FILE *fp);
int mq_output_errno(void);

/* Writes s as a JSON string (quotes, backslashes and controls escaped). */
void mq_json_string(FILE *fp, const char *s);

/* Prints the outline (TSV lines, or JSON); false when memory runs out. */
bool mq_print_outline(MqDoc *doc, const MqOutline *o, bool json, FILE *fp);

/*
 * Prints the mentions as TSV (START, END, TYPE, TEXT) or the entities as
 * JSON; false when memory runs out.
 */
bool mq_print_entities(MqDoc *doc, const MqEntities *e, const MqOutline *o,
    bool json, FILE *fp);

/*
 * Prints every line of t holding a match of pattern, like grep (prefix and
 * ':' first when prefix is not NULL; matches in bold red with color).
 * Returns the lines printed, or -1 with *err set.
 */
long mq_print_search(const MqText *t, MqSearch *s, const char *pattern,
    MqSearchMode mode, const char *prefix, bool color, FILE *fp, char **err);

#endif
