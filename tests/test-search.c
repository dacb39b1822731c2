/*
 * Unit tests for core/fold and core/search: each folding rule, and that
 * every match maps back to exactly the bytes of the original letters with
 * their marks (first and last letter, end of the file, ranges, modes).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/fold.h"
#include "core/search.h"
#include "tap.h"

/* The matches of pattern in text as "start-end:TEXT ..." (or "error: ..."). */
static const char *
found_in(const char *text, const char *pattern, MqSearchMode mode, size_t from,
    size_t to, size_t max)
{
	static char buf[4096];
	char *err = NULL;
	MqText *t = mq_text_new_from_memory("t", text, strlen(text), &err);
	MqSearch *s = t ? mq_search_new(t) : NULL;
	MqSpan *m = NULL, range = { from, to };
	size_t n = 0, i, k = 0;
	bool more = false;

	buf[0] = '\0';
	if (s == NULL)
		snprintf(buf, sizeof buf, "error: no searcher");
	else if (!mq_search_find(s, pattern, mode, range, max, &m, &n, &more, &err))
		snprintf(buf, sizeof buf, "error: %s", err ? err : "?");
	for (i = 0; i < n && k < sizeof buf - 64; i++)
		k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%zu-%zu:%.*s",
		    i ? " " : "", m[i].start, m[i].end, (int)(m[i].end - m[i].start),
		    text + m[i].start);
	if (more)
		snprintf(buf + k, sizeof buf - k, " +");
	free(m);
	free(err);
	mq_search_free(s);
	mq_text_free(t);
	return buf;
}

static const char *
found(const char *text, const char *pattern)
{
	return found_in(text, pattern, MQ_SEARCH_FOLD, 0, (size_t)-1, 0);
}

/* The folded form of s. */
static const char *
folded(const char *s)
{
	static char buf[256];

	mq_fold_utf8(s, strlen(s), buf, sizeof buf);
	return buf;
}

int
main(void)
{
	/* folding rules, one by one */
	tap_str(folded("OpenAI"), "openai", "case folds");
	tap_str(folded("Straße"), "strasse", "full case folding: ß is ss");
	tap_str(folded("ﬁne"), "fine", "NFKC: the fi ligature is f i");
	tap_str(folded("ＡＢＣ"), "abc", "NFKC: full-width letters");
	tap_str(folded("ﻣﺮﺣﺒﺎ"), "مرحبا", "NFKC: Arabic presentation forms are letters");
	tap_str(folded("جَدَلًا"), "جدلا", "harakat are dropped");
	tap_str(folded("الرَّحْمٰنِ"), "الرحمن", "shadda, sukun and the superscript alef are dropped");
	tap_str(folded("قـــال"), "قال", "tatweel is dropped");
	tap_str(folded("أإآٱا"), "ااااا", "alef forms are alef");
	tap_str(folded("على"), "علي", "alef maqsura is ya");
	tap_str(folded("مدرسة"), "مدرسه", "ta marbuta is ha");
	tap_str(folded("٢٠٣٠ ۱۲"), "2030 12", "Arabic-Indic and Persian digits are 0-9");
	tap_str(folded("café"), "cafe", "Latin accents are marks too");
	tap_str(folded("a \t\n b\u00a0c"), "a b c", "white space runs are one space");
	tap_str(folded("x\u200dy\u200fz"), "xyz", "format characters are dropped");

	/* the examples, and the bytes a match covers */
	tap_str(found("قال جدلًا إن", "جدلا"), "7-17:جدلًا",
	    "جدلا finds جدلًا, the tanween on its last letter included");
	tap_str(found("زار أمريكا", "امريكا"), "7-19:أمريكا", "امريكا finds أمريكا");
	tap_str(found("by OpenAI.", "openai"), "3-9:OpenAI", "openai finds OpenAI");
	tap_str(found("عام 2030 و٢٠٣٠", "٢٠٣٠"), "7-11:2030 14-22:٢٠٣٠",
	    "٢٠٣٠ finds 2030 and itself");
	tap_str(found("مَدْرَسَةٌ", "مدرسه"), "0-20:مَدْرَسَةٌ",
	    "marks on the first and last letter: the whole word, nothing more");
	tap_str(found("xمدرسةy", "مدرسه"), "1-11:مدرسة", "nothing before or after");
	tap_str(found("United\nStates", "united states"), "0-13:United\nStates",
	    "a line break inside the text matches a space");
	tap_str(found("ab ab", "AB"), "0-2:ab 3-5:ab", "several matches in order");
	tap_str(found("end of text: علي", "على"), "13-19:علي", "a match at the end of the file");
	tap_str(found("\xef\xbb\xbfOpenAI", "openai"), "3-9:OpenAI", "offsets count the BOM");
	tap_str(found("nothing here", "zzz"), "", "no match, no spans");
	tap_str(found("text", "\xd9\x8e"), "", "a pattern that folds to nothing matches nothing");
	tap_str(found("aaaa", "aa"), "0-2:aa 2-4:aa", "matches do not overlap");
	tap_str(found("ﻣﺮﺣﺒﺎ", "مرحبا"), "0-15:ﻣﺮﺣﺒﺎ", "presentation forms are found by letters");
	tap_str(found("Straße", "strasse"), "0-7:Straße", "ss finds ß");
	tap_str(found("a\xff" "bc", "bc"), "2-4:bc", "invalid bytes do not shift offsets");

	/* ranges and limits */
	/* Found by fuzz-search: a text of white space only had no anchor to
	 * map a match back from (a NULL dereference). */
	tap_str(found_in("   ", " ", MQ_SEARCH_FOLD, 0, 3, 0), "0-1: ",
	    "a space in a text of spaces: one match, on the run's first space");
	tap_str(found_in(" \t\n x", "  ", MQ_SEARCH_FOLD, 0, 6, 0), "0-1: ",
	    "white space in the pattern and the text, any kind, folds alike");
	tap_str(found_in("ab ab ab", "ab", MQ_SEARCH_FOLD, 2, 8, 0), "3-5:ab 6-8:ab",
	    "only the matches inside the range");
	tap_str(found_in("ab ab ab", "ab", MQ_SEARCH_FOLD, 0, 4, 0), "0-2:ab",
	    "a match crossing the range's end is left out");
	tap_str(found_in("ab ab ab", "ab", MQ_SEARCH_FOLD, 0, (size_t)-1, 2),
	    "0-2:ab 3-5:ab +", "at most max matches, and it says more were left");

	/* exact and regex */
	tap_str(found_in("OpenAI openai", "openai", MQ_SEARCH_EXACT, 0, (size_t)-1, 0),
	    "7-13:openai", "exact: case matters");
	tap_str(found_in("جدلًا جدلا", "جدلا", MQ_SEARCH_EXACT, 0, (size_t)-1, 0),
	    "11-19:جدلا", "exact: harakat matter");
	tap_str(found_in("cat 12 dog 345", "[0-9]+", MQ_SEARCH_REGEX, 0, (size_t)-1, 0),
	    "4-6:12 11-14:345", "regex: byte offsets of each match");
	tap_str(found_in("قال محمد وقال علي", "قال \\p{Arabic}+", MQ_SEARCH_REGEX, 0,
	    (size_t)-1, 0), "0-15:قال محمد 18-31:قال علي", "regex: Unicode properties on Arabic");
	tap_str(found_in("x", "(", MQ_SEARCH_REGEX, 0, (size_t)-1, 0),
	    "error: bad regular expression (U_REGEX_MISMATCHED_PAREN at character 2)",
	    "regex: a bad pattern is an error naming where");
	tap_str(found_in("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac", "(a+)+b",
	    MQ_SEARCH_REGEX, 0, (size_t)-1, 0),
	    "error: the regular expression takes too long on this text",
	    "regex: catastrophic backtracking stops with an error");
	tap_str(found_in("a\nb", "^b$", MQ_SEARCH_REGEX, 0, (size_t)-1, 0), "2-3:b",
	    "regex: ^ and $ match at line ends");
	return tap_done();
}
