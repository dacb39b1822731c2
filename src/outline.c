/*
 * src/outline: the --outline mode.  One line per section,
 * KIND<TAB>LEVEL<TAB>LINE<TAB>TITLE, or with --json an array of objects
 * that adds byte offsets.  Titles are the heading's text as decoded
 * (NFC, control pictures) with format characters that could steer a
 * terminal left out (JSON escapes them), so nothing raw from the file is
 * printed.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "core/util.h"

static int output_errno;

bool
mq_output_failed(FILE *fp)
{
	if (!ferror(fp))
		return false;
	if (output_errno == 0)
		output_errno = errno ? errno : EIO;
	return true;
}

int
mq_output_errno(void)
{
	return output_errno;
}

void
mq_json_string(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i, n;
	uint32_t cp;

	fputc('"', fp);
	for (i = 0; i < len; i += n) {
		n = mq_utf8_decode(p + i, len - i, &cp);
		if (cp == '"' || cp == '\\')
			fprintf(fp, "\\%c", (int)cp);
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			fprintf(fp, "\\u%04x", (unsigned)cp);
		else if (cp >= 0x80 && mq_out_class(cp) != MQ_OUT_KEEP) {
			/* kept as data, but never as a character a terminal acts on */
			if (cp >= 0x10000)
				fprintf(fp, "\\u%04x\\u%04x", (unsigned)(0xd800 + ((cp - 0x10000) >> 10)),
				    (unsigned)(0xdc00 + ((cp - 0x10000) & 0x3ff)));
			else
				fprintf(fp, "\\u%04x", (unsigned)cp);
		} else
			fwrite(p + i, 1, n, fp);
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
	for (i = 0; i < n && !mq_output_failed(fp); i++) {
		const MqSection *s = mq_outline_section(o, i);
		char *title = mq_outline_title(doc, s, &c);

		if (title == NULL) {
			ok = false;
			break;
		}
		if (json) {
			fprintf(fp, "%s\n  {\"kind\": \"%s\", \"level\": %u, \"line\": %u, "
			    "\"start\": %zu, \"end\": %zu, \"title\": ", i ? "," : "",
			    mq_outline_kind_name(s->kind), s->level, s->line,
			    s->span.start, s->span.end);
			mq_json_string(fp, title);
			fputs("}", fp);
		} else {
			/* a tab in a title would break the columns */
			char *t;

			mq_utf8_clean(title, strlen(title));
			for (t = title; *t; t++)
				if (*t == '\t')
					*t = ' ';
			fprintf(fp, "%s\t%u\t%u\t%s\n", mq_outline_kind_name(s->kind),
			    s->level, s->line, title);
		}
		free(title);
		(void)mq_output_failed(fp);	/* errno is the write's now */
	}
	if (json)
		fputs(n ? "\n]\n" : "]\n", fp);
	mq_chars_free(&c);
	return ok;
}
