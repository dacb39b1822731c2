/*
 * Unit tests for core/section: small invented articles in Arabic and
 * English, with the short lines whose role is certain (lists, lead-ins,
 * Q&A turns, key points, Markdown) and plain headings the model must find.
 * What the model makes of harder lines (verse, bylines, colon lines,
 * questions, which head sections of expository articles) is
 * measured on real articles by tests/headings.sh, not asserted here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/outline.h"
#include "tap.h"

/* The outline of s as "kind:level:line ..." */
static const char *
outline_named(const char *name, const char *s)
{
	static char buf[2048];
	char *err = NULL;
	MqText *t = mq_text_new_from_memory(name, s, strlen(s), &err);
	MqDoc *d = t ? mq_doc_new(t) : NULL;
	MqOutline *o = d ? mq_outline_new(d) : NULL;
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; o && i < mq_outline_count(o); i++) {
		const MqSection *sec = mq_outline_section(o, i);

		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s:%u:%u",
		    i ? " " : "", mq_outline_kind_name(sec->kind), sec->level,
		    sec->line);
	}
	mq_outline_free(o);
	mq_doc_free(d);
	mq_text_free(t);
	free(err);
	return buf;
}

/* The outline of plain text s. */
static const char *
outline(const char *s)
{
	return outline_named("t", s);
}

/* The paragraphs of Markdown s as decoded text, joined by '|'. */
static const char *
md_text(const char *s)
{
	static char buf[2048];
	char *err = NULL;
	MqText *t = mq_text_new_from_memory("t.md", s, strlen(s), &err);
	MqDoc *d = t ? mq_doc_new(t) : NULL;
	MqChars c = {0};
	const MqPara *p;
	size_t i, k, n = 0;

	buf[0] = '\0';
	for (i = 0; d && (p = mq_doc_para(d, i)) != NULL; i++) {
		if (!mq_doc_decode(d, p, &c))
			break;
		if (i)
			buf[n++] = '|';
		for (k = 0; k < c.len && n + 8 < sizeof buf; k++) {
			if (c.style[k] & MQ_STYLE_BOLD)
				buf[n++] = 'B';
			if (c.style[k] & MQ_STYLE_ITALIC)
				buf[n++] = 'I';
			if (c.style[k] & MQ_STYLE_CODE)
				buf[n++] = 'C';
			n += mq_utf8_encode(c.cp[k], buf + n);
		}
		buf[n] = '\0';
	}
	mq_chars_free(&c);
	mq_doc_free(d);
	mq_text_free(t);
	free(err);
	return buf;
}

static void
test_markdown(void)
{
	tap_str(outline_named("a.md", "# Title\n\nintro text\n\n## Part\n\ntext\n\n"
	    "Other\n=====\n\nmore\n\n### Deep ###\n\nx\n"),
	    "title:0:1 intro:1:3 heading:2:5 heading:1:9 heading:3:14",
	    "ATX and Setext headings with their levels; the first H1 is the title");
	tap_str(md_text("a **b** *c* `d` e\n"), "a Bb Ic Cd e",
	    "emphasis and code become styles; markers are dropped");
	tap_str(md_text("snake_case_name \\*x\\*\n"), "snake_case_name *x*",
	    "underscores inside words and escaped stars stay");
	tap_str(md_text("see [the site](http://x.org) now\n"), "see the site now",
	    "a link shows its text, not its target");
	tap_str(md_text("```\n  code *x*\n```\ntext\n"), "  code *x*|text",
	    "fenced code keeps indentation and markup as is");
	tap_str(md_text("- one\n- two\n  more\n> quoted\n"), "- one|- two more|quoted",
	    "list items are blocks; a quote drops its marker");
	tap_str(outline_named("plain", "# one\n\ntext\n\n# two\n\ntext\n"),
	    "title:0:1 intro:1:3 heading:1:5",
	    "two ATX headings in a text make it Markdown even without .md");
}

/* Sections' bytes and the section of an offset, on a Markdown article. */
static void
test_spans(void)
{
	static const char s[] = "# Title\n\nintro text\n\n## Part\n\ntext\n";
	char *err = NULL;
	MqText *t = mq_text_new_from_memory("a.md", s, sizeof s - 1, &err);
	MqDoc *d = t ? mq_doc_new(t) : NULL;
	MqOutline *o = d ? mq_outline_new(d) : NULL;
	size_t part = (size_t)(strstr(s, "Part") - s);	/* (the markers are not text) */
	MqSpan sp;

	if (!tap_ok(o != NULL && mq_outline_count(o) == 3, "three sections (title, intro, part)"))
		goto out;
	sp = mq_outline_span(o, 2);
	tap_ok(sp.start == part && sp.end == sizeof s - 1,
	    "the last section runs from its heading's text to the end (%zu-%zu)", sp.start, sp.end);
	sp = mq_outline_span(o, 1);
	tap_ok(sp.start == (size_t)(strstr(s, "intro") - s) && sp.end == part,
	    "a section ends where the next begins");
	sp = mq_outline_span(o, 9);
	tap_ok(sp.start == 0 && sp.end == sizeof s - 1, "no such section: the whole text");
	tap_ok(mq_outline_section_at(o, part + 3) == 2 &&
	    mq_outline_section_at(o, (size_t)(strstr(s, "text\n") - s)) == 1 &&
	    mq_outline_section_at(o, 0) == 0, "an offset's section is its paragraph's");
	tap_ok(mq_outline_section_at(o, part - 1) == 2,
	    "an offset between paragraphs belongs to the section after it");
out:
	mq_outline_free(o);
	mq_doc_free(d);
	mq_text_free(t);
	free(err);
}

/* Body paragraphs: distinct, and as long as an article's usually are. */
#define BODY_EN "This paragraph is the body of the section. It runs on for a " \
	"while, as body text does, long enough to be read as running text by " \
	"anyone who opens the article.\n\n"
#define BODY_EN2 "Another paragraph follows with different words in it, so " \
	"that no two paragraphs of the article are the same, and it also ends " \
	"the way sentences do.\n\n"
#define BODY_EN3 "A third paragraph closes the section: it tells the reader " \
	"something more about the subject, in a few sentences of ordinary " \
	"prose. Then the article goes on.\n\n"
#define BODY_AR "هذه فقرة من نص المقال، وهي طويلة بما يكفي لتقرأ نصا متصلا " \
	"لا عنوانا قصيرا يسبق ما بعده من كلام، وتمضي في شرح ما بدأه الكاتب.\n\n"
#define BODY_AR2 "وتأتي بعدها فقرة أخرى بكلمات مختلفة، فلا تتشابه فقرتان في " \
	"المقال، وهي تنتهي كما تنتهي الجمل عادة بنقطة في آخرها.\n\n"
#define BODY_AR3 "أما الفقرة الثالثة فتختم القسم، وتخبر القارئ بشيء آخر عن " \
	"الموضوع في جمل قليلة من النثر المعتاد، ثم يمضي المقال إلى ما بعده.\n\n"

static void
test_english(void)
{
	tap_str(outline("A Title For The Article\n\n" BODY_EN "First Section\n\n" BODY_EN2
	    "Second Section\n\n" BODY_EN3),
	    "title:0:1 intro:1:3 heading:1:5 heading:1:9",
	    "title, introduction and two headings");
	tap_str(outline("Title\n\n" BODY_EN "A line that ends like a sentence.\n\n" BODY_EN2),
	    "title:0:1 intro:1:3", "a short sentence is not a heading");
	tap_str(outline("Title\n\n" BODY_EN "- one item\n\n- another item\n\n" BODY_EN2),
	    "title:0:1 intro:1:3", "list items are not headings");
	tap_str(outline("Title\n\n" BODY_EN "Q: what next\n\n" BODY_EN2),
	    "title:0:1 intro:1:3", "a dialogue label is not a heading");
	tap_str(outline("Title\n\n" BODY_EN "He ended by saying:\n\n\"We will be back, and soon, "
	    "with more to say about all of this than anyone expects.\"\n\n"),
	    "title:0:1 intro:1:3", "a colon lead-in to a quotation is not a heading");
	tap_str(outline("Title\n\n" BODY_EN BODY_EN2 "The end\n"), "title:0:1 intro:1:3",
	    "a last short line with nothing after it is not a heading");
	tap_str(outline("Chapter 1\n\n" BODY_EN "Chapter 2\n\n" BODY_EN2),
	    "title:0:1 intro:1:3 heading:1:5", "Chapter N is a heading");
}

static void
test_underline(void)
{
	tap_str(outline("A Title\n=======\n\n" BODY_EN "Another Heading\n---------------\n\n"
	    BODY_EN2),
	    "title:0:1 intro:1:4 heading:1:6",
	    "underlined title and heading; the introduction starts under the rule");
}

static void
test_arabic(void)
{
	tap_str(outline("عنوان المقال\n\n" BODY_AR "أولاً: الأسعار\n\n1- التطورات الأخيرة\n\n"
	    BODY_AR2 "2- التطورات المقبلة\n\n" BODY_AR3 "ثانياً: الآثار\n\n" BODY_AR3),
	    "title:0:1 intro:1:3 heading:1:5 heading:2:7 heading:2:11 heading:1:15",
	    "ordinals are level 1, numbers under them level 2");
	tap_str(outline("• نقطة أولى في المقال.\n• نقطة ثانية في المقال.\n\n" BODY_AR
	    "عنوان فرعي\n\n" BODY_AR2),
	    "keypoints:1:1 intro:1:4 heading:1:6",
	    "a leading run of bullets is the key points");
	tap_str(outline("عنوان\n\n" BODY_AR "* خدمة «نيويورك تايمز»\n"),
	    "title:0:1 intro:1:3", "a syndication byline at the end is not a heading");
	tap_str(outline("عنوان\n\nعين اليوم – متابعات\n\n" BODY_AR),
	    "title:0:1 intro:1:3", "a dateline is not a heading");
	tap_str(outline("عنوان\n\n" BODY_AR "وختم اجاباته بالقول:\n\n" BODY_AR2),
	    "title:0:1 intro:1:3", "a lead-in ending in بالقول: is not a heading");
	tap_str(outline("عنوان\n\n" BODY_AR "الفصل الأول\n\nمدام دي لاتور\n\n" BODY_AR2),
	    "title:0:1 intro:1:3 heading:1:5 heading:2:7",
	    "a chapter word followed by the chapter's name: two headings");
	tap_str(outline("عنوان\n\n" BODY_AR "البحرين\n\n" BODY_AR2 "قطر\n\n" BODY_AR3),
	    "title:0:1 intro:1:3 heading:1:5 heading:1:9",
	    "very short headings (country names) before their paragraphs");
}

/* The outline's sections and every paragraph's role, as text. */
static void
describe(MqOutline *o, MqDoc *d, char *buf, size_t size)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < mq_outline_count(o) && n < size; i++) {
		const MqSection *sec = mq_outline_section(o, i);

		n += (size_t)snprintf(buf + n, size - n, "%s:%u:%u:%zu-%zu ",
		    mq_outline_kind_name(sec->kind), sec->level, sec->line,
		    sec->para, sec->end_para);
	}
	for (i = 0; i < mq_doc_para_count(d) && n + 1 < size; i++)
		buf[n++] = (char)('0' + mq_outline_role(o, i));
	buf[n < size ? n : size - 1] = '\0';
}

/* The outline's sections with their spans, as text. */
static void
sections_text(const MqOutline *o, char *buf, size_t size)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < mq_outline_count(o) && n < size; i++) {
		const MqSection *sec = mq_outline_section(o, i);

		n += (size_t)snprintf(buf + n, size - n, "%s:%u:%u:%zu-%zu:%zu-%zu:%zu ",
		    mq_outline_kind_name(sec->kind), sec->level, sec->line, sec->para,
		    sec->end_para, sec->span.start, sec->span.end, sec->from);
	}
}

/*
 * 0 if outline lean (mq_outline_new_batch of another doc of the same
 * text) has whole's sections, and puts every offset of the text (length
 * len) in the section of the paragraph holding it, or the first after it;
 * else what differs first.
 */
static const char *
lean_differs(MqOutline *whole, MqDoc *d, MqOutline *lean, size_t len)
{
	static char a[16384], b[16384];
	size_t off;

	sections_text(whole, a, sizeof a);
	sections_text(lean, b, sizeof b);
	if (strcmp(a, b) != 0)
		return "sections";
	for (off = 0; off <= len + 1; off++) {
		size_t want = mq_outline_section_of(whole, mq_doc_para_at(d, off));

		if (mq_outline_section_at(whole, off) != want)
			return "an offset's section";
		if (mq_outline_section_at(lean, off) != want)
			return "an offset's section (lean)";
	}
	return NULL;
}

/*
 * Built in steps of a few paragraphs, an outline is the one built at once;
 * until it is done it shows no sections, and its progress only grows.
 */
static void
test_steps(void)
{
	static const char *const texts[][2] = {
		{ "t", "A Title For The Article\n\n" BODY_EN "First Section\n\n" BODY_EN2
		    "- one item\n- another item\n\nSecond Section\n\n" BODY_EN3 },
		{ "t", "• نقطة أولى في المقال.\n• نقطة ثانية في المقال.\n\n" BODY_AR
		    "أولاً: الأسعار\n\n1- التطورات الأخيرة\n\n" BODY_AR2 "ثانياً: الآثار\n\n" BODY_AR3 },
		{ "a.md", "# Title\n\nintro\n\n## Part\n\n- item\n- item\n\n## Two\n\ntext\n" },
		{ "t", "" },
		{ "t", "one line" },
	};
	static char whole[8192], stepped[8192];
	char big[16384];
	size_t k, step, len = 0;
	int bad = 0, empty_early = 0, cases = 0, lean_same = 0;

	/* and a longer article: numbered headings, each over a few paragraphs */
	for (k = 0; k < 30 && len + 600 < sizeof big; k++)
		len += (size_t)snprintf(big + len, sizeof big - len, "%zu. Part %zu\n\n%s%s",
		    k + 1, k + 1, k % 2 ? BODY_EN : BODY_EN2, k % 3 ? "" : BODY_EN3);
	for (k = 0; k <= sizeof texts / sizeof texts[0]; k++) {
		const char *name = k < sizeof texts / sizeof texts[0] ? texts[k][0] : "t";
		const char *s = k < sizeof texts / sizeof texts[0] ? texts[k][1] : big;

		for (step = 1; step <= 7; step += 2) {
			char *err = NULL;
			MqText *t = mq_text_new_from_memory(name, s, strlen(s), &err);
			MqDoc *d = t ? mq_doc_new(t) : NULL, *d2 = t ? mq_doc_new(t) : NULL;
			MqDoc *d3 = t ? mq_doc_new(t) : NULL;
			MqOutline *o = d ? mq_outline_new(d) : NULL;
			MqOutline *p = d2 ? mq_outline_start(d2, NULL) : NULL;
			MqOutline *q = d3 && step == 1 ? mq_outline_new_batch(d3) : NULL;
			const char *why;
			double was = 0;

			if (o == NULL || p == NULL || (step == 1 && q == NULL)) {
				bad++;
			} else {
				describe(o, d, whole, sizeof whole);
				while (!mq_outline_done(p)) {
					double now = mq_outline_progress(p);

					if (mq_outline_count(p) != 0 ||
					    mq_outline_role(p, 0) != MQ_ROLE_BODY ||
					    mq_outline_section_of(p, 0) != (size_t)-1)
						empty_early++;
					if (now < was || now > 1 || !mq_outline_scan(p, step)) {
						bad++;
						break;
					}
					was = now;
				}
				describe(p, d2, stepped, sizeof stepped);
				if (strcmp(whole, stepped) != 0 || mq_outline_progress(p) != 1)
					bad++;
				cases++;
				why = q != NULL ? lean_differs(o, d, q, strlen(s)) : NULL;
				if (why != NULL)
					printf("# text %zu: a lean outline differs: %s\n", k, why);
				lean_same += q != NULL && why == NULL;
			}
			mq_outline_free(o);
			mq_outline_free(p);
			mq_outline_free(q);
			mq_doc_free(d);
			mq_doc_free(d2);
			mq_doc_free(d3);
			mq_text_free(t);
			free(err);
		}
	}
	tap_ok(bad == 0 && cases == 24, "outlines built in steps of 1-7 paragraphs are those "
	    "built at once (%d of %d differ)", bad, cases);
	tap_ok(lean_same == 6, "an outline for one look has the same sections and spans, and "
	    "places every offset the same (%d of 6 texts)", lean_same);
	tap_ok(empty_early == 0, "an outline still being built has no sections "
	    "(%d steps showed some)", empty_early);
	tap_ok(strncmp(strrchr(outline(big), ' ') + 1, "heading:1:", 10) == 0,
	    "(the long article ends in a section of its own, so its steps mean something)");
}

/*
 * On an article of thousands of short paragraphs (plain and Markdown), an
 * outline for one look drops the paragraphs' records as it goes, and its
 * sections are the reader's.
 */
static void
test_batch(void)
{
	static const char *const names[] = { "t", "a.md" };
	size_t cap = 1 << 20, k, f;

	for (f = 0; f < 2; f++) {
		char *s = malloc(cap), *err = NULL;
		size_t len = 0;
		MqText *t;
		MqDoc *d, *d2;
		MqOutline *o, *q;
		const char *why = "out of memory";
		bool dropped = false;

		for (k = 0; s != NULL && k < 6000; k++)
			len += (size_t)snprintf(s + len, cap - len, f ? "## Part %zu\n\nWord %zu.\n\n" :
			    "%zu. Part\n\nWord %zu.\n\n", k + 1, k + 1);
		t = s ? mq_text_new_from_memory(names[f], s, len, &err) : NULL;
		d = t ? mq_doc_new(t) : NULL;
		d2 = t ? mq_doc_new(t) : NULL;
		o = d ? mq_outline_new(d) : NULL;
		q = d2 ? mq_outline_new_batch(d2) : NULL;
		if (o != NULL && q != NULL) {
			why = lean_differs(o, d, q, len);
			dropped = mq_doc_para(d2, 0) == NULL;
		}
		tap_ok(why == NULL && mq_outline_count(o) >= 1000, "%s: the outline for one look "
		    "of 12,000 paragraphs is the reader's (%s; %zu sections)", names[f],
		    why ? why : "same", o ? mq_outline_count(o) : 0);
		tap_ok(dropped, "%s: and it did not keep the paragraphs it read", names[f]);
		mq_outline_free(o);
		mq_outline_free(q);
		mq_doc_free(d);
		mq_doc_free(d2);
		mq_text_free(t);
		free(err);
		free(s);
	}
}

int
main(void)
{
	test_steps();
	test_batch();
	test_english();
	test_underline();
	test_arabic();
	test_markdown();
	test_spans();
	return tap_done();
}
