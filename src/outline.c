/*
 * src/outline: the --outline mode.  One line per section,
 * KIND<TAB>LEVEL<TAB>LINE<TAB>TITLE, or with --json an array of objects
 * that adds byte offsets.  Titles are the heading's text as decoded
 * (NFC, control pictures), so nothing raw from the file is printed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "article.h"
#include "core/util.h"

/* The text of a section's title, or a label for the blocks; caller frees. */
char *
mq_section_title(MqDoc *doc, const MqSection *s, MqChars *c)
{
	bool rtl = mq_text_direction(mq_doc_text(doc)) == MQ_DIR_RTL;
	size_t i, a = 0, b, n = 0;
	char *out;

	switch (s->kind) {
	case MQ_SECTION_KEYPOINTS:
		return strdup(rtl ? "النقاط الرئيسية" : "Key points");
	case MQ_SECTION_INTRO:
		return strdup(rtl ? "المقدمة" : "Introduction");
	default:
		break;
	}
	if (!mq_doc_decode(doc, mq_doc_para(doc, s->para), c))
		return NULL;
	b = c->len;
	while (a < b && (u_isUWhiteSpace((UChar32)c->cp[a]) ||
	    u_charType((UChar32)c->cp[a]) == U_FORMAT_CHAR))
		a++;
	while (b > a && (u_isUWhiteSpace((UChar32)c->cp[b - 1]) ||
	    u_charType((UChar32)c->cp[b - 1]) == U_FORMAT_CHAR))
		b--;
	if ((out = malloc((b - a) * 4 + 1)) == NULL)
		return NULL;
	for (i = a; i < b; i++)
		n += mq_utf8_encode(c->cp[i], out + n);
	out[n] = '\0';
	return out;
}

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
		char *title = mq_section_title(doc, s, &c);

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
