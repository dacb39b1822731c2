/*
 * src/outline: the --outline mode.  One line per section,
 * KIND<TAB>LEVEL<TAB>LINE<TAB>TITLE, or with --json an array of objects
 * that adds byte offsets.  Titles are the heading's text as decoded
 * (NFC, control pictures), so nothing raw from the file is printed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "core/util.h"

void
mq_json_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(fp, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(fp, "\\u%04x", ch);
		else
			fputc(ch, fp);
	}
	fputc('"', fp);
}

bool
mq_print_outline(MqDoc *doc, const MqOutline *o, bool json, FILE *fp)
{
	MqChars c = {0};
	size_t i, n = mq_outline_count(o);
	bool ok = true;

	if (json)
		fputs("[", fp);
	for (i = 0; i < n; i++) {
		const MqSection *s = mq_outline_section(o, i);
		char *title = mq_outline_title(doc, s, &c);

		if (title == NULL) {
			ok = false;
			break;
		}
		if (json) {
			fprintf(fp, "%s\n  {\"kind\": \"%s\", \"level\": %u, \"line\": %u, "
			    "\"start\": %zu, \"end\": %zu, \"title\": ", i ? "," : "",
			    mq_section_kind_name(s->kind), s->level, s->line,
			    s->span.start, s->span.end);
			mq_json_string(fp, title);
			fputs("}", fp);
		} else {
			/* a tab in a title would break the columns */
			char *t;

			for (t = title; *t; t++)
				if (*t == '\t')
					*t = ' ';
			fprintf(fp, "%s\t%u\t%u\t%s\n", mq_section_kind_name(s->kind),
			    s->level, s->line, title);
		}
		free(title);
	}
	if (json)
		fputs(n ? "\n]\n" : "]\n", fp);
	mq_chars_free(&c);
	return ok;
}
