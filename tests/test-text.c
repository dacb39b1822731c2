/*
 * Unit tests for core/text (loading, decoding, offsets) and core/doc
 * (paragraphs, hard-wrap joining).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/doc.h"
#include "core/text.h"
#include "tap.h"

static MqChars ch;

/* Decodes s and renders the code points as "U+XXXX@off ..." for comparison. */
static const char *
decoded(const char *s)
{
	static char buf[4096];
	size_t i, n = 0;

	if (!mq_chars_decode_utf8(s, strlen(s), 0, &ch))
		return "(failed)";
	buf[0] = '\0';
	for (i = 0; i < ch.len && n < sizeof buf - 32; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%04X@%zu",
		    i ? " " : "", ch.cp[i], ch.off[i]);
	return buf;
}

/* Decodes s and returns it re-encoded as UTF-8. */
static const char *
utf8(const char *s)
{
	static char buf[4096];
	size_t i, n = 0;

	if (!mq_chars_decode_utf8(s, strlen(s), 0, &ch))
		return "(failed)";
	for (i = 0; i < ch.len && n < sizeof buf - 5; i++)
		n += mq_utf8_encode(ch.cp[i], buf + n);
	buf[n] = '\0';
	return buf;
}

static void
test_decode(void)
{
	tap_str(decoded("ab"), "0061@0 0062@1", "ASCII keeps byte offsets");
	tap_str(decoded("\xd8\xa8x"), "0628@0 0078@2", "Arabic letter is 2 bytes");
	tap_str(decoded("a\xffz"), "0061@0 FFFD@1 007A@2",
	    "an invalid byte becomes one U+FFFD at its offset");
	tap_str(decoded("\xe2\x82z"), "FFFD@0 007A@2",
	    "a truncated sequence is one U+FFFD (maximal subpart)");
	tap_str(decoded("\xf0\x80z"), "FFFD@0 FFFD@1 007A@2",
	    "F0 80 is two invalid sequences, as Unicode recommends");
	tap_str(decoded("\xed\xa0\x80"), "FFFD@0 FFFD@1 FFFD@2",
	    "an encoded surrogate is invalid");
	tap_str(decoded("\xc0\xaf"), "FFFD@0 FFFD@1", "an overlong form is invalid");
	tap_str(decoded("a\x1b[2Jb"), "0061@0 241B@1 005B@2 0032@3 004A@4 0062@5",
	    "ESC becomes the visible symbol U+241B");
	tap_str(decoded("\x01\x7f\xc2\x85"), "2401@0 2421@1 FFFD@2",
	    "C0, DEL and C1 controls become placeholders");
	tap_str(utf8("a\tb"), "a       b", "a tab expands to the next multiple of 8");
	tap_str(utf8("one\r\ntwo\rthree\n  four"), "one two three four",
	    "CRLF, CR and LF inside a paragraph join with one space, indentation dropped");
	tap_str(decoded("a\r\nb"), "0061@0 0020@1 0062@3",
	    "the joining space maps to the line end's offset");
	tap_str(decoded("e\xcc\x81"), "00E9@0", "NFC composes e + acute");
	tap_ok(ch.off[1] == 3, "the composed letter's range ends after the mark");
	tap_str(decoded("\xd8\xa7\xd9\x94"), "0623@0",
	    "NFC composes alef + hamza above into U+0623");
	tap_str(decoded("\xd8\xa8\xd9\x91\xd9\x8e"), "0628@0 064E@2 0651@4",
	    "NFC puts fatha (ccc 30) before shadda (ccc 33); offsets stay in file order");
	tap_str(decoded("\xd8\xac\xd8\xaf\xd9\x84\xd9\x8b\xd8\xa7"),
	    "062C@0 062F@2 0644@4 064B@6 0627@8",
	    "tanween in \xd8\xac\xd8\xaf\xd9\x84\xd9\x8b\xd8\xa7 stays as its own mark");
}

static void
test_load(void)
{
	char path[] = "/tmp/maqal-test-XXXXXX";
	char *err = NULL;
	MqText *t;
	int fd;

	t = mq_text_new_from_memory("bom", "\xef\xbb\xbfhi", 5, &err);
	tap_ok(t && mq_text_content_start(t) == 3, "a UTF-8 BOM is skipped");
	if (t && mq_text_decode(t, 0, 5, &ch))
		tap_ok(ch.len == 2 && ch.cp[0] == 'h' && ch.off[0] == 3,
		    "decoding starts after the BOM, offsets still in the file");
	mq_text_free(t);

	t = mq_text_new_from_memory("u16", "\xff\xfeh\0i\0", 6, &err);
	tap_ok(t == NULL && err && strstr(err, "UTF-16"), "UTF-16 with a BOM is refused: %s",
	    err ? err : "");
	free(err);
	err = NULL;

	{
		char bin[512];
		size_t i;

		for (i = 0; i < sizeof bin; i++)
			bin[i] = (char)(i * 7 % 32);
		t = mq_text_new_from_memory("blob", bin, sizeof bin, &err);
		tap_ok(t == NULL && err && strstr(err, "blob: binary"),
		    "a binary file is refused with its name: %s", err ? err : "");
		free(err);
		err = NULL;
	}

	t = mq_text_open_file("/nonexistent/article.txt", &err);
	tap_str(err, "/nonexistent/article.txt: No such file or directory",
	    "a missing file is named in the error");
	free(err);
	err = NULL;
	t = mq_text_open_file("/tmp", &err);
	tap_str(err, "/tmp: is a directory", "a directory is refused");
	free(err);
	err = NULL;

	fd = mkstemp(path);
	if (fd >= 0) {
		tap_ok(write(fd, "x\xffy\xfe", 4) == 4, "wrote a scratch file");
		close(fd);
		t = mq_text_open_file(path, &err);
		tap_ok(t && mq_text_count_invalid(t, 0, mq_text_size(t)) == 2,
		    "two invalid bytes are counted");
		mq_text_free(t);
		unlink(path);
	}

	/* U+FFFD written in a file is a character, not an invalid sequence */
	t = mq_text_new_from_memory("fffd", "a \xef\xbf\xbd b \xef\xbf\xff", 11, &err);
	tap_ok(t && mq_text_count_invalid(t, 0, mq_text_size(t)) == 2,
	    "U+FFFD itself is not counted as invalid; a broken sequence is (%zu)",
	    t ? mq_text_count_invalid(t, 0, mq_text_size(t)) : 0);
	mq_text_free(t);

	/* broken sequences of every kind, counted as a decoder from the start meets them */
	{
		static const char *const good[] = {
			"a", " ", "\xd9\x84", "\xc2\xa9", "\xdf\xbf", "\xe2\x82\xac",
			"\xf0\x9f\x98\x80", "\xef\xbf\xbd", "\n",
		};
		static const char *const bad[] = {
			"\xc2", "\xc0\x80", "\xc1\xbf", "\xdf", "\x80", "\xed\xa0\x80", "\xe2\x82",
			"\xf0\x9f\x98", "\xf5", "\xd8", "\xff",
		};
		static char buf[8192];
		const unsigned char *p;
		size_t i, k, n, want, o, len;
		uint32_t cp;
		int same = 0;

		for (k = 0; k < 100; k++) {
			for (len = 0, i = 0; len + 8 < sizeof buf && i < 1 + k * 40; i++) {
				size_t r = (i * 2654435761u + k * 40503u) % 97;
				const char *piece = r < 6 ? bad[r * 7 % 11] : r < 40 ? good[r % 9] : "a";

				memcpy(buf + len, piece, strlen(piece));
				len += strlen(piece);
			}
			t = mq_text_new_from_memory("bad", buf, len, &err);
			free(err);
			err = NULL;
			if (t == NULL)
				continue;
			p = (const unsigned char *)mq_text_bytes(t);
			n = mq_text_size(t);
			for (want = 0, o = 0; o < n; o += i) {
				i = mq_utf8_decode(p + o, n - o, &cp);
				want += cp == 0xfffd && !(i == 3 && p[o] == 0xef);
			}
			same += mq_text_count_invalid(t, 0, n) == want && (k < 5 || want > 0);
			mq_text_free(t);
		}
		tap_ok(same == 100, "invalid sequences are counted as a decoder meets them "
		    "(%d of 100 texts)", same);
	}

	t = mq_text_new_from_memory("ar", "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 OK", 13, &err);
	tap_ok(t && mq_text_direction(t) == MQ_DIR_RTL,
	    "an article with more Arabic letters than Latin is right-to-left");
	mq_text_free(t);
}

/* Returns the paragraphs of s as "line:text|line:text" (joined by doc). */
static const char *
paras(const char *s)
{
	static char buf[8192];
	char *err = NULL;
	MqText *t = mq_text_new_from_memory("p", s, strlen(s), &err);
	MqDoc *d = t ? mq_doc_new(t) : NULL;
	const MqPara *p;
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; d && (p = mq_doc_para(d, i)) != NULL; i++) {
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s%u:%.*s",
		    i ? "|" : "", p->blanks_before > 0 ? "_" : "", p->line,
		    (int)(p->len), s + mq_para_start(p));
	}
	mq_doc_free(d);
	mq_text_free(t);
	free(err);
	return buf;
}

static void
test_doc(void)
{
	char wrapped[4096] = "";
	size_t i;

	tap_str(paras("one\n\ntwo\nthree\n\n\nfour\n"), "1:one|_3:two|4:three|_7:four",
	    "blank lines separate paragraphs; unwrapped lines stay apart");
	tap_str(paras("a\r\n\r\nb"), "1:a|_3:b", "CRLF files split the same way");
	tap_str(paras("a\r\rb"), "1:a|_3:b", "CR-only files split the same way");
	tap_str(paras("\n\n  \n"), "", "an all-blank file has no paragraphs");

	/* A text hard-wrapped at 30 columns: 12 paragraphs of three lines. */
	for (i = 0; i < 12; i++)
		strcat(wrapped, "alpha beta gamma delta epsilon\n"
		    "zeta eta theta iota kappa lamb\n"
		    "mu nu.\n\n");
	{
		const char *got = paras(wrapped);

		tap_ok(strncmp(got, "1:alpha beta gamma delta epsilon\n"
		    "zeta eta theta iota kappa lamb\nmu nu.|_5:alpha", 79) == 0,
		    "hard-wrapped lines are joined into one paragraph");
	}
	strcpy(wrapped + strlen(wrapped), "short line\nnext line\n");
	tap_ok(strstr(paras(wrapped), "|_49:short line|50:next line") != NULL,
	    "a short line in a wrapped text keeps its break");

	/* the same text at 30 columns, then list items, addresses, indented
	 * first lines and underlines in it */
	wrapped[0] = '\0';
	for (i = 0; i < 12; i++)
		strcat(wrapped, "alpha beta gamma delta epsilon\n"
		    "zeta eta theta iota kappa lamb\n"
		    "mu nu.\n\n");
	{
		char *end = wrapped + strlen(wrapped);

		strcpy(end, "- an item that runs on past\n  its first line, hanging\n\n"
		    "    Ada Lovelace, Somewhere\n    12 St James's Square\n\n"
		    "  An indented first line of\nthe paragraph and the rest\n\n"
		    "A Title That Is Underlined\n==============================\n\n"
		    "a prose line that fills up a\n- dash goes on in the text\n");
		tap_ok(strstr(paras(wrapped), "|_49:- an item that runs on past\n  its first line, hanging|")
		    != NULL, "a list item's hanging lines join it");
		tap_ok(strstr(paras(wrapped), "|_52:    Ada Lovelace, Somewhere|53:    12 St James's Square|")
		    != NULL, "lines indented more than the text stay as they are (an address)");
		tap_ok(strstr(paras(wrapped), "|_55:  An indented first line of\nthe paragraph and the rest|")
		    != NULL, "an indented first line, then lines at the usual indentation: one paragraph");
		tap_ok(strstr(paras(wrapped), "|_58:A Title That Is Underlined|59:=====") != NULL,
		    "an underline is not joined to its line, long as it is");
		tap_ok(strstr(paras(wrapped), "|_61:a prose line that fills up a\n- dash goes on") != NULL,
		    "'- ' after a full prose line continues it");
	}
	tap_str(paras("######OpenITI#\n\n#META# x\n#META#Header#End#\n\nText\n"),
	    "6:Text", "an OpenITI header is skipped, line numbers kept");
}

/* A single line longer than MQ_PARA_MAX_BYTES is cut into bounded pieces. */
static void
test_long_line(void)
{
	size_t len = MQ_PARA_MAX_BYTES * 2 + 1000, i, covered = 0, n = 0;
	char *s = malloc(len + 2), *err = NULL;
	bool bounded = true, contiguous = true, flags = true;
	const MqPara *p;
	MqText *t;
	MqDoc *d;

	for (i = 0; i < len; i++)
		s[i] = i % 7 == 6 ? ' ' : 'a';
	memcpy(s + len, "\nz", 2);
	t = mq_text_new_from_memory("long", s, len + 2, &err);
	d = t ? mq_doc_new(t) : NULL;
	for (i = 0; d && (p = mq_doc_para(d, i)) != NULL; i++, n++) {
		bounded = bounded && p->len <= MQ_PARA_MAX_BYTES;
		contiguous = contiguous && (i == 0 || mq_para_start(p) == covered);
		flags = flags && p->cut == (i > 0 && i < 3) && p->line == (i < 3 ? 1u : 2u);
		covered = mq_para_end(p) + (i == 2 ? 1 : 0);
	}
	tap_ok(n == 4, "a %zu-byte line and a short one make 4 paragraphs (%zu)", len, n);
	tap_ok(bounded, "no piece is longer than MQ_PARA_MAX_BYTES");
	tap_ok(contiguous, "the pieces follow each other with nothing lost");
	tap_ok(flags, "pieces after the first are marked as continuations, on line 1");
	mq_doc_free(d);
	mq_text_free(t);
	free(s);
}

/*
 * One pass that forgets what it has read (--dump): the paragraphs ahead
 * are those a document that keeps everything gives, the ones dropped are
 * no longer given, and offsets still find paragraphs from the first kept.
 */
static void
test_forget(void)
{
	size_t len = 0, i, n = 20000, same = 0;
	char *s = malloc(n * 8), *err = NULL;
	MqText *t;
	MqDoc *d, *all;
	const MqPara *p, *q;

	if (s == NULL) {
		tap_ok(false, "memory for the forgetting test");
		return;
	}
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(s + len, i % 5 ? "w%zu\n" : "w%zu\n\n", i % 1000);
	t = mq_text_new_from_memory("words", s, len, &err);
	d = t ? mq_doc_new(t) : NULL;
	all = t ? mq_doc_new(t) : NULL;
	for (i = 0; d && all && (p = mq_doc_para(d, i)) != NULL; i++) {
		q = mq_doc_para(all, i);
		same += q != NULL && memcmp(p, q, sizeof *p) == 0;
		mq_doc_forget(d, i + 1);
	}
	tap_ok(d && all && i == mq_doc_para_count(all) && same == i,
	    "forgetting behind: all %zu paragraphs as a document that keeps them", i);
	tap_ok(d && mq_doc_para(d, 0) == NULL && mq_doc_para(d, i - 1) != NULL,
	    "a dropped paragraph is no longer given; the last one is");
	p = d ? mq_doc_para(d, i - 1) : NULL;
	tap_ok(p && mq_doc_para_at(d, mq_para_start(p)) == i - 1 &&
	    mq_doc_para(d, mq_doc_para_at(d, 0)) != NULL && mq_doc_para_at(d, len) == i,
	    "offsets find the kept paragraphs (one dropped: the first kept)");
	mq_doc_free(d);
	mq_doc_free(all);
	mq_text_free(t);
	free(s);
}

/* Grapheme steps: what the search prompt's cursor and Backspace use. */
static void
test_graphemes(void)
{
	const char *s = "\xd8\xac\xd9\x8e\xd8\xaf\xd9\x8e\xd9\x84";	/* جَدَل */
	const char *e = "a\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb" "b";	/* a👩‍💻b */
	size_t n = strlen(s);

	tap_ok(mq_utf8_next_grapheme(s, n, 0) == 4, "a letter and its fatha are one step");
	tap_ok(mq_utf8_next_grapheme(s, n, 4) == 8, "the next letter with its fatha too");
	tap_ok(mq_utf8_next_grapheme(s, n, 8) == n, "the last letter ends the string");
	tap_ok(mq_utf8_next_grapheme(s, n, n) == n, "nothing after the end");
	tap_ok(mq_utf8_prev_grapheme(s, n, n) == 8, "back from the end: one letter");
	tap_ok(mq_utf8_prev_grapheme(s, n, 4) == 0, "back to the start");
	tap_ok(mq_utf8_prev_grapheme(s, n, 0) == 0, "nothing before the start");
	tap_ok(mq_utf8_next_grapheme(e, strlen(e), 1) == strlen(e) - 1,
	    "an emoji ZWJ sequence is one step");
}

int
main(void)
{
	test_graphemes();
	test_decode();
	test_load();
	test_doc();
	test_long_line();
	test_forget();
	mq_chars_free(&ch);
	return tap_done();
}
