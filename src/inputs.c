/*
 * src/inputs: the articles named on the command line.  A directory becomes
 * the articles below it (walked to MAX_DEPTH, each directory and file met
 * once by device and inode, so links cannot loop; at most MAX_ARTICLES),
 * sorted by path; a file or "-" stays itself.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "article.h"
#include "core/util.h"

static int cmp_path(const void *a, const void *b);

/* Appends a copy of path (NULL stands for the tour), or dies. */
void
mq_paths_add(MqPaths *p, const char *path)
{
	if (!mq_grow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v))
		mq_die("out of memory");
	if ((p->v[p->n] = path ? strdup(path) : NULL) == NULL && path != NULL)
		mq_die("out of memory");
	p->n++;
}

/* Frees the list. */
void
mq_paths_free(MqPaths *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
}

/* True for names maqal opens from a directory: text and Markdown. */
static bool
is_article_name(const char *name)
{
	static const char *const exts[] = { ".txt", ".md", ".markdown", ".text", NULL };
	size_t len = strlen(name), i, e;

	if (name[0] == '.')
		return false;
	for (i = 0; exts[i] != NULL; i++) {
		e = strlen(exts[i]);
		if (len > e && strcasecmp(name + len - e, exts[i]) == 0)
			return true;
	}
	return false;
}

/* Most articles listed from directories, and how deep a walk goes. */
#define MAX_ARTICLES 100000
#define MAX_DEPTH 64

/*
 * The directories and files a walk has met, by device and inode: an open
 * addressing hash set (a slot with ino 0 and dev 0 is free), at most half
 * full.
 */
typedef struct Seen {
	struct { dev_t dev; ino_t ino; } *v;
	size_t n, cap;		/* cap: a power of two, or 0 */
	bool full;		/* MAX_ARTICLES were listed: the rest were not */
} Seen;

/* The slot of (dev, ino) in seen: where it is, or the free one it would take. */
static size_t
seen_slot(const Seen *seen, dev_t dev, ino_t ino)
{
	size_t h = ((size_t)ino * 0x9e3779b97f4a7c15u ^ (size_t)dev) & (seen->cap - 1);

	while ((seen->v[h].ino != 0 || seen->v[h].dev != 0) &&
	    (seen->v[h].ino != ino || seen->v[h].dev != dev))
		h = (h + 1) & (seen->cap - 1);
	return h;
}

/* True if st was met before; else remembers it. */
static bool
seen_before(Seen *seen, const struct stat *st)
{
	size_t h, i;

	if (seen->n * 2 >= seen->cap) {
		Seen bigger = { NULL, 0, seen->cap ? seen->cap * 2 : 1024, false };

		if ((bigger.v = calloc(bigger.cap, sizeof *bigger.v)) == NULL)
			mq_die("out of memory");
		for (i = 0; i < seen->cap; i++)
			if (seen->v[i].ino != 0 || seen->v[i].dev != 0)
				bigger.v[seen_slot(&bigger, seen->v[i].dev,
				    seen->v[i].ino)] = seen->v[i];
		free(seen->v);
		seen->v = bigger.v;
		seen->cap = bigger.cap;
	}
	h = seen_slot(seen, st->st_dev, st->st_ino);
	if (seen->v[h].ino == st->st_ino && seen->v[h].dev == st->st_dev &&
	    (st->st_ino != 0 || st->st_dev != 0))
		return true;
	seen->v[h].dev = st->st_dev;
	seen->v[h].ino = st->st_ino;
	seen->n++;
	return false;
}

/* True if path (a link to a directory) resolves inside the tree at root. */
static bool
inside(const char *root, const char *path)
{
	char *real = realpath(path, NULL);
	size_t n = strlen(root);
	bool in = real != NULL && strncmp(real, root, n) == 0 &&
	    (real[n] == '/' || real[n] == '\0' || strcmp(root, "/") == 0);

	free(real);
	return in;
}

/*
 * Adds the articles under dir, recursively (hidden entries skipped).  Each
 * directory and file is visited once, however many links lead to it, and
 * a link to a directory outside the tree given (root, resolved) is not
 * followed: a loop of links, or a link to /, lists nothing twice and does
 * not walk the file system.
 */
static void
walk_dir(MqPaths *p, const char *root, const char *dir, Seen *seen, int depth)
{
	struct dirent *de;
	struct stat st, lst;
	DIR *d;
	char *path;

	if (depth > MAX_DEPTH || seen->full || (d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL && !seen->full) {
		if (de->d_name[0] == '.')
			continue;
		if ((path = mq_format("%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", de->d_name)) == NULL)
			mq_die("out of memory");
		if (lstat(path, &lst) == 0 && stat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				if ((!S_ISLNK(lst.st_mode) || inside(root, path)) &&
				    !seen_before(seen, &st))
					walk_dir(p, root, path, seen, depth + 1);
			} else if (S_ISREG(st.st_mode) && is_article_name(de->d_name) &&
			    !seen_before(seen, &st)) {
				mq_paths_add(p, path);
				seen->full = p->n >= MAX_ARTICLES;
			}
		}
		free(path);
	}
	closedir(d);
}

/*
 * Adds the articles of directory dir, sorted; false when it holds none.
 * *cut is set when the list stopped at MAX_ARTICLES.
 */
static bool
add_dir(MqPaths *p, const char *dir, bool *cut)
{
	Seen seen = { 0 };
	size_t first = p->n;
	struct stat st;
	char *root = realpath(dir, NULL);

	if (root == NULL || stat(dir, &st) != 0)
		mq_die("%s: %s", dir, strerror(errno));
	(void)seen_before(&seen, &st);
	walk_dir(p, root, dir, &seen, 0);
	free(root);
	free(seen.v);
	*cut = *cut || seen.full;
	if (p->n > first)
		qsort(p->v + first, p->n - first, sizeof *p->v, cmp_path);
	return p->n > first;
}

/* qsort order for paths. */
static int
cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The articles named: each directory becomes the articles below it (a
 * list), a file or "-" stays itself, NULL (the tour) stays NULL.  A
 * directory without articles is reported: it ends the run when strict,
 * else *failed is set.  *list is set when a directory was given.
 */
void
mq_expand_inputs(const char **inputs, size_t n, MqPaths *out, bool strict,
    bool *list, bool *failed)
{
	struct stat st;
	bool cut = false;
	size_t k;

	for (k = 0; k < n; k++) {
		if (inputs[k] != NULL && strcmp(inputs[k], "-") != 0 &&
		    stat(inputs[k], &st) == 0 && S_ISDIR(st.st_mode)) {
			*list = true;
			if (add_dir(out, inputs[k], &cut))
				continue;
			if (strict)
				mq_die("%s: no .txt or .md files in this directory", inputs[k]);
			mq_warn("%s: no .txt or .md files in this directory", inputs[k]);
			*failed = true;
		} else
			mq_paths_add(out, inputs[k]);
	}
	if (cut)
		mq_warn("only the first %d articles found in directories are listed",
		    MAX_ARTICLES);
}
