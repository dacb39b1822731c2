/*
 * core/search-regex: regular-expression search (ICU, over the file's
 * UTF-8 bytes) with a literal prefilter.
 *
 * The pattern's text is read, conservatively, for two facts: a run of
 * literal characters at its top level that every match holds (not in a
 * group, not quantified, no top-level alternation, no inline flags), and
 * whether no match can hold a line end (no \s, \W, negated classes,
 * \Q...\E, DOTALL...: only constructs known to keep within a line).
 * When both hold, on a long range, ICU runs only on the lines holding
 * the literal (found as exact search finds bytes); elsewhere it runs on
 * the whole range.  Either way the bounds are transparent (lookaround
 * sees past them) and ^ and $ hold at them as at line ends (the range's
 * ends, and lines' ends, which are line ends anyway), so both give the
 * same matches; \A and \z, which would hold at every line, keep a
 * pattern on the whole range.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uregex.h>
#include <unicode/utext.h>

#include "search-private.h"
#include "util.h"

#define REGEX_TIME_LIMIT 2000	/* ICU match steps: about half a second */
#define LITERAL_MAX 256

/* What a pattern's text says of its matches. */
typedef struct Facts {
	char lit[LITERAL_MAX];	/* a literal every match holds ... */
	size_t len;		/* ... of len bytes (0: none known) */
	bool in_line;		/* no match holds a line end */
} Facts;

/* The run of literal characters being read, and the longest one ended. */
typedef struct Run {
	char cur[LITERAL_MAX];
	size_t len, last;	/* bytes; the last character's length */
} Run;

static void
end_run(Run *r, Facts *f)
{
	if (r->len > f->len) {
		memcpy(f->lit, r->cur, r->len);
		f->len = r->len;
	}
	r->len = r->last = 0;
}

static void
add_literal(Run *r, Facts *f, const char *c, size_t n)
{
	if (r->len + n > LITERAL_MAX)
		end_run(r, f);
	memcpy(r->cur + r->len, c, n);
	r->len += n;
	r->last = n;
}

/*
 * Whether \p{name} or \P{name} (negated: never) keeps within a line: the
 * letter, mark, number, punctuation and symbol categories and a few
 * scripts.  Property names ignore case, spaces and underscores.
 */
static bool
property_in_line(const char *name, size_t n, bool negated)
{
	static const char *const safe[] = {
		"l", "lu", "ll", "lt", "lm", "lo", "lc", "m", "mn", "mc", "me", "n",
		"nd", "nl", "no", "p", "pc", "pd", "ps", "pe", "pi", "pf", "po", "s",
		"sm", "sc", "sk", "so", "letter", "mark", "number", "punctuation",
		"symbol", "alphabetic", "alpha", "arabic", "arab", "latin", "latn",
		"hebrew", "hebr", "greek", "grek", "cyrillic", "cyrl", "han", "hani",
	};
	char key[32];
	size_t i, k = 0;

	if (negated)
		return false;
	for (i = 0; i < n; i++) {
		if (name[i] == ' ' || name[i] == '_')
			continue;
		if (k + 1 >= sizeof key || !isalpha((unsigned char)name[i]))
			return false;
		key[k++] = (char)tolower((unsigned char)name[i]);
	}
	key[k] = '\0';
	for (i = 0; i < sizeof safe / sizeof safe[0]; i++)
		if (strcmp(key, safe[i]) == 0)
			return true;
	return false;
}

/*
 * Reads the escape at p (p[0] is the backslash) for whether it keeps
 * within a line (in a class, where \t could begin a range over the line
 * end, fewer escapes do); *lit is set to its character when it is a
 * literal one.  Returns the escape's length.
 */
static size_t
read_escape(const char *p, bool in_class, bool *in_line, char *lit)
{
	const char *close;

	*lit = '\0';
	if (p[1] == '\0') {
		*in_line = false;
		return 1;
	}
	if ((unsigned char)p[1] < 0x80 && ispunct((unsigned char)p[1])) {
		*lit = p[1];
		return 2;
	}
	if ((p[1] == 'p' || p[1] == 'P') && p[2] == '{' && (close = strchr(p + 3, '}')) != NULL) {
		if (!property_in_line(p + 3, (size_t)(close - p - 3), p[1] == 'P'))
			*in_line = false;
		return (size_t)(close - p) + 1;
	}
	if (p[1] == 'p' || p[1] == 'P') {
		if (!property_in_line(p + 2, p[2] ? 1 : 0, p[1] == 'P'))
			*in_line = false;
		return p[2] ? 3 : 2;
	}
	if (!strchr(in_class ? "dwSh" : "dwbBSht123456789", p[1]))
		*in_line = false;	/* \s \W \n \x \N \Q \G \A \z ... */
	return 2;
}

/* Reads the class at p ('[') for whether it keeps within a line; returns its length. */
static size_t
read_class(const char *p, bool *in_line)
{
	size_t i = 1;
	int depth = 1;
	char lit;

	if (p[1] == '^')
		*in_line = false;
	if (p[i] == ']')
		i++;		/* a ] first is a character */
	while (p[i] != '\0' && depth > 0) {
		if (p[i] == '\\') {
			i += read_escape(p + i, true, in_line, &lit);
			continue;
		}
		if ((unsigned char)p[i] < 0x20 || (p[i] == '[' && p[i + 1] == ':'))
			*in_line = false;
		if (p[i] == '[' && p[i + 1] == '^')
			*in_line = false;
		depth += p[i] == '[' ? 1 : p[i] == ']' ? -1 : 0;
		i++;
	}
	if (depth > 0)
		*in_line = false;	/* (unclosed: ICU will say so) */
	return i;
}

/* Reads pattern p for its facts. */
static void
read_facts(const char *p, Facts *f)
{
	Run r = { .len = 0 };
	bool alternation = false, unknown = false;
	int depth = 0;
	size_t i = 0, n;
	uint32_t cp;
	char lit;

	f->len = 0;
	f->in_line = true;
	while (p[i] != '\0') {
		unsigned char c = (unsigned char)p[i];

		if (c < 0x20) {
			f->in_line = false;
			end_run(&r, f);
			i++;
		} else if (c == '\\') {
			if (p[i + 1] == 'Q')
				unknown = true;
			n = read_escape(p + i, false, &f->in_line, &lit);
			if (lit != '\0' && depth == 0)
				add_literal(&r, f, &lit, 1);
			else
				end_run(&r, f);
			i += n;
		} else if (c == '[') {
			end_run(&r, f);
			i += read_class(p + i, &f->in_line);
		} else if (c == '(') {
			end_run(&r, f);
			if (p[i + 1] == '?' && !strchr(":=!>", p[i + 2]) &&
			    !(p[i + 2] == '<' && (p[i + 3] == '=' || p[i + 3] == '!' ||
			    isalpha((unsigned char)p[i + 3])))) {
				unknown = true;		/* inline flags, comments */
				f->in_line = false;
			}
			depth++;
			i++;
		} else if (c == ')') {
			end_run(&r, f);
			depth--;
			i++;
		} else if (c == '|') {
			alternation |= depth == 0;
			end_run(&r, f);
			i++;
		} else if (c == '?' || c == '*' || c == '+' || c == '{') {
			r.len -= r.last;	/* the character before is optional or repeated */
			end_run(&r, f);
			if (c == '{')
				while (p[i] != '\0' && p[i] != '}')
					i++;
			if (p[i] != '\0')
				i++;
		} else if (c == '.' || c == '^' || c == '$' || c == ']' || c == '}') {
			end_run(&r, f);
			i++;
		} else {
			n = mq_utf8_decode((const unsigned char *)p + i, strlen(p + i), &cp);
			if (depth == 0 && cp != 0xfffd)
				add_literal(&r, f, p + i, n);
			else
				end_run(&r, f);
			i += n;
		}
	}
	end_run(&r, f);
	if (alternation || unknown)
		f->len = 0;
}

/* A regular-expression search under way. */
struct MqRegexRun {
	const MqSearch *s;
	URegularExpression *re;
	UText *pat, *text;
	Facts f;
	MqSpan range;
	bool lines;		/* only the lines holding the literal */
	size_t r;		/* the literal's byte looked for first */
	size_t pos;		/* lines: where the literal is looked for next */
	size_t line_floor;	/* lines: a line start (or the range's) at or before pos */
	size_t read;		/* whole: how far matches have been found */
	bool done;
};

/* Adds the matches re finds from where it stands, to the first one ending at or past limit. */
static bool
find_on(URegularExpression *re, size_t limit, MqMatches *m, bool *over, size_t *read,
    UErrorCode *ec)
{
	*over = false;
	while (uregex_findNext(re, ec)) {
		int64_t x = uregex_start64(re, 0, ec), y = uregex_end64(re, 0, ec);

		if (U_FAILURE(*ec))
			return false;
		*read = (size_t)y;
		if (y > x && !mq_matches_add(m, (size_t)x, (size_t)y))
			return false;	/* (empty matches highlight nothing) */
		if ((size_t)y >= limit)
			return true;
	}
	*over = U_SUCCESS(*ec);
	return U_SUCCESS(*ec);
}

/* Sets re's region to [a, b), lookaround seeing past it. */
static void
set_region(URegularExpression *re, size_t a, size_t b, UErrorCode *ec)
{
	uregex_setRegion64(re, (int64_t)a, (int64_t)b, ec);
	uregex_useTransparentBounds(re, true, ec);
}

MqRegexRun *
mq_regex_run_start(const MqSearch *s, const char *pattern, MqSpan range, char **err)
{
	UErrorCode ec = U_ZERO_ERROR;
	UParseError pe;
	MqRegexRun *r = calloc(1, sizeof *r);

	if (r == NULL) {
		mq_set_error(err, "out of memory");
		return NULL;
	}
	r->s = s;
	r->range = range;
	r->pos = r->line_floor = r->read = range.start;
	if (*pattern == '\0') {
		r->done = true;
		return r;
	}
	r->pat = utext_openUTF8(NULL, pattern, -1, &ec);
	r->re = uregex_openUText(r->pat, UREGEX_MULTILINE, &pe, &ec);
	if (U_FAILURE(ec)) {
		mq_set_error(err, "bad regular expression (%s at character %d)",
		    u_errorName(ec), (int)pe.offset + 1);
		mq_regex_run_free(r);
		return NULL;
	}
	r->text = utext_openUTF8(NULL, (const char *)s->p, (int64_t)s->size, &ec);
	uregex_setUText(r->re, r->text, &ec);
	uregex_setTimeLimit(r->re, REGEX_TIME_LIMIT, &ec);
	read_facts(pattern, &r->f);
	r->lines = r->f.len > 0 && r->f.in_line && s->prefilter != MQ_PREFILTER_NEVER &&
	    (s->prefilter == MQ_PREFILTER_ALWAYS ||
	    range.end - range.start >= MQ_SEARCH_PREFILTER_MIN);
	if (r->lines)
		r->r = mq_search_rarest(s, range, r->f.lit, r->f.len);
	else
		set_region(r->re, range.start, range.end, &ec);
	if (U_FAILURE(ec)) {
		mq_set_error(err, "cannot search (%s)", u_errorName(ec));
		mq_regex_run_free(r);
		return NULL;
	}
	return r;
}

/* The lines holding the literal from r->pos, reading up to about limit. */
static bool
step_lines(MqRegexRun *r, size_t limit, MqMatches *m, UErrorCode *ec)
{
	const MqSearch *s = r->s;
	const unsigned char *nl;
	size_t h, ls, le, to;
	bool over;

	while (r->pos < r->range.end) {
		if (r->pos >= limit)
			return true;
		to = r->range.end;
		if (limit < to && to - limit > r->f.len)
			to = limit + r->f.len;	/* (a literal from before limit) */
		if ((h = mq_search_next_exact(s, r->f.lit, r->f.len, r->r, r->pos, to)) ==
		    (size_t)-1) {
			r->pos = to - (r->f.len - 1 < to - r->pos ? r->f.len - 1 : to - r->pos);
			if (to == r->range.end)
				break;
			continue;
		}
		nl = h > r->line_floor ? memrchr(s->p + r->line_floor, '\n', h - r->line_floor) : NULL;
		ls = nl ? (size_t)(nl - s->p) + 1 : r->line_floor;
		nl = memchr(s->p + h, '\n', r->range.end - h);
		le = nl ? (size_t)(nl - s->p) : r->range.end;
		set_region(r->re, ls, le, ec);
		if (U_FAILURE(*ec) || !find_on(r->re, (size_t)-1, m, &over, &r->read, ec))
			return false;
		r->pos = r->line_floor = le + 1;
	}
	r->done = true;
	return true;
}

size_t
mq_regex_run_step(MqRegexRun *r, size_t limit, MqMatches *m, char **err)
{
	UErrorCode ec = U_ZERO_ERROR;
	bool ok, over = false;

	if (r->done)
		return r->range.end;
	if (r->lines)
		ok = step_lines(r, limit, m, &ec);
	else if ((ok = find_on(r->re, limit, m, &over, &r->read, &ec)) && over)
		r->done = true;
	if (!ok || m->more) {
		r->done = true;
		if (m->no_memory || m->more)
			return r->range.end;
		if (ec == U_REGEX_TIME_OUT || ec == U_REGEX_STACK_OVERFLOW)
			mq_set_error(err, "the regular expression takes too long on this text");
		else
			mq_set_error(err, "cannot search (%s)", u_errorName(ec));
		return (size_t)-1;
	}
	return r->done ? r->range.end : r->lines ? r->pos : r->read;
}

void
mq_regex_run_free(MqRegexRun *r)
{
	if (r == NULL)
		return;
	uregex_close(r->re);
	utext_close(r->text);
	utext_close(r->pat);
	free(r);
}
