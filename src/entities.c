/*
 * src/entities: the --entities mode.  TSV, one mention per line in file
 * order: START<TAB>END<TAB>TYPE<TAB>TEXT (byte offsets, END exclusive); or
 * with --json the entities: canonical name, type, count, count per section,
 * and every mention's offsets.  Text is printed as decoded (NFC, control
 * pictures, no format character that could steer a terminal; JSON escapes
 * them), never raw.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "core/util.h"

/*
 * The text of [start, end) as UTF-8 with tabs as spaces and format
 * characters that could steer a terminal left out; caller frees.
 */
static char *
span_text(MqDoc *doc, size_t start, size_t end, MqChars *c)
{
	char *out, *t;

	if (!mq_text_decode(mq_doc_text(doc), start, end, c) ||
	    (out = mq_chars_utf8(c, 0, c->len)) == NULL)
		return NULL;
	mq_utf8_clean(out, strlen(out));
	for (t = out; *t; t++)
		if (*t == '\t')
			*t = ' ';	/* a tab would break the columns */
	return out;
}

bool
mq_print_entities(MqDoc *doc, const MqEntities *e, const MqOutline *o,
    bool json, FILE *fp)
{
	size_t nm, ne, i, k;
	const MqMention *m = mq_entities_mentions(e, &nm);
	const MqEntity *ent = mq_entities_list(e, &ne);
	long *sec = NULL;
	MqChars c = {0};
	char *text;

	if (!json) {
		for (i = 0; i < nm && !mq_output_failed(fp); i++) {
			if ((text = span_text(doc, m[i].start, m[i].end, &c)) == NULL)
				goto oom;
			fprintf(fp, "%zu\t%zu\t%s\t%s\n", m[i].start, m[i].end,
			    mq_entity_type_name((MqEntityType)m[i].type), text);
			free(text);
			(void)mq_output_failed(fp);	/* errno is the write's now */
		}
		mq_chars_free(&c);
		return true;
	}
	if ((sec = malloc((nm + 1) * sizeof *sec)) == NULL)
		goto oom;
	for (i = 0; i < nm; i++)
		sec[i] = o != NULL ? (long)mq_outline_section_at(o, m[i].start) : -1;
	fputs("[", fp);
	for (k = 0; k < ne && !mq_output_failed(fp); k++) {
		long last = -2, count = 0;
		bool first = true;

		fprintf(fp, "%s\n  {\"name\": ", k ? "," : "");
		mq_json_string(fp, ent[k].name);
		fprintf(fp, ", \"type\": \"%s\", \"count\": %zu, \"sections\": {",
		    mq_entity_type_name((MqEntityType)ent[k].type), ent[k].count);
		/* per-section counts, in order of the sections */
		for (i = 0; i <= nm; i++) {
			if (i < nm && m[i].entity != k)
				continue;
			if (i < nm && sec[i] == last) {
				count++;
				continue;
			}
			if (last != -2) {
				fprintf(fp, "%s\"%ld\": %ld", first ? "" : ", ", last + 1, count);
				first = false;
			}
			if (i < nm) {
				last = sec[i];
				count = 1;
			}
		}
		fputs("}, \"mentions\": [", fp);
		for (i = ent[k].first, first = true; i < nm; i++)
			if (m[i].entity == k) {
				fprintf(fp, "%s[%zu, %zu]", first ? "" : ", ", m[i].start, m[i].end);
				first = false;
			}
		fputs("]}", fp);
	}
	fputs(ne ? "\n]\n" : "]\n", fp);
	free(sec);
	mq_chars_free(&c);
	return true;
oom:
	free(sec);
	mq_chars_free(&c);
	return false;
}
