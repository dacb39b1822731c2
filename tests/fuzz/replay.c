/*
 * tests/fuzz/replay: runs a fuzz harness over files, for the normal build
 * (no libFuzzer): the seed corpus and every crash ever found, each file one
 * TAP check.  Arguments are files or directories (their files, sorted).
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int n;

static void
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, k;

	if (f == NULL) {
		printf("not ok %d - %s: cannot open\n", ++n, path);
		return;
	}
	do {
		if (len == cap && (buf = realloc(buf, cap = cap ? cap * 2 : 65536)) == NULL)
			abort();
		k = fread(buf + len, 1, cap - len, f);
		len += k;
	} while (k > 0);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);	/* aborts (or a sanitizer does) on a bug */
	free(buf);
	printf("ok %d - %s\n", ++n, path);
	fflush(stdout);
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		struct stat st;
		DIR *dir;
		struct dirent *de;
		char **names = NULL;
		size_t nn = 0, k;

		if (stat(argv[i], &st) != 0)
			continue;	/* a folder that does not exist: nothing to replay */
		if (!S_ISDIR(st.st_mode)) {
			run_file(argv[i]);
			continue;
		}
		if ((dir = opendir(argv[i])) == NULL)
			continue;
		while ((de = readdir(dir)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			if ((names = realloc(names, (nn + 1) * sizeof *names)) == NULL ||
			    (names[nn] = malloc(strlen(argv[i]) + strlen(de->d_name) + 2)) == NULL)
				abort();
			sprintf(names[nn++], "%s/%s", argv[i], de->d_name);
		}
		closedir(dir);
		if (nn > 1)
			qsort(names, nn, sizeof *names, cmp);
		for (k = 0; k < nn; k++) {
			run_file(names[k]);
			free(names[k]);
		}
		free(names);
	}
	printf("1..%d\n", n);
	return 0;
}
