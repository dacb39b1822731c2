/*
 * core/search-regex: regular-expression search (ICU, over the file's
 * UTF-8 bytes) with a literal prefilter.
 *
 * The pattern's text is read, conservatively, for three facts: a run of
 * literal characters at its top level that every match holds (not in a
 * group, not quantified, no inline flags) — with top-level alternation,
 * one such run for each alternative, so that every match holds one of
 * them; failing that, a class at the top level that every match holds a
 * character of ([0-9]{4}: one of the bytes its characters start with);
 * and whether no match can hold a line end (no \s, \W, negated classes,
 * \Q...\E, DOTALL...: only constructs known to keep within a line).
 * When no match can hold a line end, on a long range, ICU runs only on
 * the lines holding a literal or a byte of the class (each found as
 * exact search finds bytes), lines close together in one region, and
 * with neither on the whole range in regions of lines (ICU's step limit
 * counts per region, so a simple pattern over a big file is not stopped
 * as too slow); else it runs on the whole range.  Either way the bounds
 * are transparent (lookaround sees past them) and ^ and $ hold at them as
 * at line ends (the range's ends, and lines' ends, which are line ends
 * anyway), so both give the same matches; \A and \z, which would hold at
 * every line, keep a pattern on the whole range.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uregex.h>
#include <unicode/utext.h>

#include "byteset.h"
#include "search-private.h"
#include "util.h"

#define REGEX_TIME_LIMIT 2000	/* ICU match steps: about half a second */
#define LITERAL_MAX 256
#define ALTS_MAX 8		/* top-level alternatives with a literal each */
#define NONE ((size_t)-1)
#define REGION_MAX (256 * 1024)	/* lines searched in one call, about */
#define REGION_GAP 256		/* lines this close to the last one go with it */

/* A literal of the pattern's, and where it was last looked for. */
typedef struct Literal {
	char lit[LITERAL_MAX];
	size_t len;		/* bytes (0: none known) */
	MqRare r;		/* its bytes looked for first (mq_search_rarest) */
	size_t hit;		/* its next place found, or NONE */
	size_t clear_to;	/* none starts before this, from where it was looked for */
} Literal;

/* What a pattern's text says of its matches. */
typedef struct Facts {
	Literal alt[ALTS_MAX];	/* every match holds one of these ... */
	size_t nalt;		/* ... (0: no such literals known) */
	size_t longest;		/* the longest one's length */
	bool in_line;		/* no match holds a line end */
	MqByteSet cls;		/* with no literal: every match holds one of these */
	bool has_cls;		/* (a class of the top level, not optional) */
} Facts;

/* The run of literal characters being read, and the longest one ended. */
typedef struct Run {
	char cur[LITERAL_MAX];
	size_t len, last;	/* bytes; the last character's length */
} Run;

/* Ends the run; the longest of the alternative being read is kept in l. */
static void
end_run(Run *r, Literal *l)
{
	if (r->len > l->len) {
		memcpy(l->lit, r->cur, r->len);
		l->len = r->len;
	}
	r->len = r->last = 0;
}

static void
add_literal(Run *r, Literal *l, const char *c, size_t n)
{
	if (r->len + n > LITERAL_MAX)
		end_run(r, l);
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

/*
 * Reads one member of a class at p (a character or a punctuation escape)
 * into *cp; returns its length, or 0 for anything else (\d, \p{..}, a
 * nested class, set operations), whose bytes are not worked out here.
 */
static size_t
class_member(const char *p, uint32_t *cp)
{
	if (p[0] == '\\') {
		if ((unsigned char)p[1] >= 0x80 || !ispunct((unsigned char)p[1]))
			return 0;
		*cp = (unsigned char)p[1];
		return 2;
	}
	if (p[0] == '[' || p[0] == '\0' || (p[0] == '&' && p[1] == '&'))
		return 0;
	return mq_utf8_decode((const unsigned char *)p, strlen(p), cp);
}

/*
 * The bytes that start the characters of the class at p ('['): every
 * character it matches begins with one of them.  false when that is not
 * known (negated, escapes other than punctuation, nested classes, a range
 * across UTF-8 lengths) or the set is full.
 */
static bool
class_bytes(const char *p, MqByteSet *set)
{
	size_t i = 1, n;
	uint32_t lo, hi;
	char a[4], b[4];

	memset(set, 0, sizeof *set);
	if (p[1] == '^')
		return false;
	while (i == 1 || p[i] != ']') {
		if ((n = class_member(p + i, &lo)) == 0 || lo == 0xfffd)
			return false;
		i += n;
		hi = lo;
		if (p[i] == '-' && p[i + 1] != ']') {
			if ((n = class_member(p + i + 1, &hi)) == 0 || hi < lo)
				return false;
			i += 1 + n;
		}
		if (mq_utf8_encode(lo, a) != mq_utf8_encode(hi, b) ||
		    !mq_byteset_add_range(set, (unsigned char)a[0], (unsigned char)b[0]))
			return false;
	}
	return set->n > 0;
}

/* True if the quantifier at p, if any, lets what is before it occur no times. */
static bool
optional(const char *p)
{
	size_t i;

	if (p[0] == '?' || p[0] == '*')
		return true;
	if (p[0] != '{')
		return false;
	for (i = 1; p[i] == '0'; i++)
		;
	return p[i] < '1' || p[i] > '9';	/* {0}, {0,n}, or not a count */
}

/* Reads pattern p for its facts. */
static void
read_facts(const char *p, Facts *f)
{
	Run r = { .len = 0 };
	bool unknown = false, too_many = false, alternation = false;
	int depth = 0;
	size_t i = 0, n, k;
	uint32_t cp;
	char lit;
	Literal *l;

	memset(f, 0, sizeof *f);
	f->in_line = true;
	f->nalt = 1;
	l = &f->alt[0];
	while (p[i] != '\0') {
		unsigned char c = (unsigned char)p[i];

		if (c < 0x20) {
			f->in_line = false;
			end_run(&r, l);
			i++;
		} else if (c == '\\') {
			if (p[i + 1] == 'Q')
				unknown = true;
			n = read_escape(p + i, false, &f->in_line, &lit);
			if (lit != '\0' && depth == 0)
				add_literal(&r, l, &lit, 1);
			else
				end_run(&r, l);
			i += n;
		} else if (c == '[') {
			end_run(&r, l);
			n = read_class(p + i, &f->in_line);
			if (depth == 0 && !f->has_cls && !optional(p + i + n))
				f->has_cls = class_bytes(p + i, &f->cls);
			i += n;
		} else if (c == '(') {
			end_run(&r, l);
			if (p[i + 1] == '?' && !strchr(":=!>", p[i + 2]) &&
			    !(p[i + 2] == '<' && (p[i + 3] == '=' || p[i + 3] == '!' ||
			    isalpha((unsigned char)p[i + 3])))) {
				unknown = true;		/* inline flags, comments */
				f->in_line = false;
			}
			depth++;
			i++;
		} else if (c == ')') {
			end_run(&r, l);
			depth--;
			i++;
		} else if (c == '|') {
			end_run(&r, l);
			alternation = true;
			if (depth == 0 && f->nalt < ALTS_MAX)
				l = &f->alt[f->nalt++];
			else if (depth == 0)
				too_many = true;
			i++;
		} else if (c == '?' || c == '*' || c == '+' || c == '{') {
			r.len -= r.last;	/* the character before is optional or repeated */
			end_run(&r, l);
			if (c == '{')
				while (p[i] != '\0' && p[i] != '}')
					i++;
			if (p[i] != '\0')
				i++;
		} else if (c == '.' || c == '^' || c == '$' || c == ']' || c == '}') {
			end_run(&r, l);
			i++;
		} else {
			n = mq_utf8_decode((const unsigned char *)p + i, strlen(p + i), &cp);
			if (depth == 0 && cp != 0xfffd)
				add_literal(&r, l, p + i, n);
			else
				end_run(&r, l);
			i += n;
		}
	}
	end_run(&r, l);
	for (k = 0; k < f->nalt; k++) {
		too_many |= f->alt[k].len == 0;	/* (an alternative without one) */
		if (f->alt[k].len > f->longest)
			f->longest = f->alt[k].len;
	}
	if (too_many || unknown)
		f->nalt = f->longest = 0;
	f->has_cls = f->has_cls && f->nalt == 0 && !unknown && !alternation;
}

/* A regular-expression search under way. */
struct MqRegexRun {
	const MqSearch *s;
	URegularExpression *re;
	UText *pat, *text;
	Facts f;
	MqSpan range;
	bool lines;		/* line by line: those holding a literal (or all, in regions) */
	size_t pos;		/* lines: where the literals are looked for next */
	size_t line_floor;	/* lines: a line start (or the range's) at or before pos */
	size_t read;		/* how far matches have been found */
	size_t region_end;	/* lines: the end of the region being read, or NONE */
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
	size_t k;

	if (r == NULL) {
		mq_set_error(err, "out of memory");
		return NULL;
	}
	r->s = s;
	r->range = range;
	r->pos = r->line_floor = r->read = range.start;
	r->region_end = NONE;
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
	r->lines = r->f.in_line && s->prefilter != MQ_PREFILTER_NEVER &&
	    (s->prefilter == MQ_PREFILTER_ALWAYS ||
	    range.end - range.start >= MQ_SEARCH_PREFILTER_MIN);
	if (r->lines)
		for (k = 0; k < r->f.nalt; k++) {
			Literal *l = &r->f.alt[k];

			l->r = mq_search_rarest(s, range, l->lit, l->len);
			l->hit = NONE;
			l->clear_to = range.start;
		}
	else
		set_region(r->re, range.start, range.end, &ec);
	if (U_FAILURE(ec)) {
		mq_set_error(err, "cannot search (%s)", u_errorName(ec));
		mq_regex_run_free(r);
		return NULL;
	}
	return r;
}

/*
 * The first place from r->pos of one of the literals, ending at or before
 * to, or NONE.  Each literal's last place found, or how far it is known
 * not to be, is kept, so that a rare literal beside a common one is not
 * looked for again and again over the same bytes.
 */
static size_t
next_literal(MqRegexRun *r, size_t to)
{
	size_t k, best = NONE;

	if (r->f.nalt == 0 && !r->f.has_cls)	/* no prefilter: every line */
		return r->pos < to ? r->pos : NONE;
	if (r->f.nalt == 0) {	/* a byte of the class instead */
		k = mq_byteset_find(&r->f.cls, r->s->p, r->pos, to);
		return k < to ? k : NONE;
	}
	for (k = 0; k < r->f.nalt; k++) {
		Literal *l = &r->f.alt[k];

		if (l->hit == NONE || l->hit < r->pos) {
			/* (a place starting before clear_to was looked for and is not there) */
			size_t from = l->clear_to > r->pos ? l->clear_to : r->pos;

			l->hit = from < to ? mq_search_next_exact(r->s, l->lit, l->len, l->r,
			    from, to) : NONE;	/* (which returns NONE too: none there) */
			if (l->hit == NONE && from < to && to - from >= l->len)
				l->clear_to = to - (l->len - 1);
		}
		if (l->hit != NONE && l->hit + l->len <= to && l->hit < best)
			best = l->hit;
	}
	return best;
}

/* The end of the line holding offset h: its '\n', or the range's end. */
static size_t
line_end(const MqRegexRun *r, size_t h)
{
	const unsigned char *nl = memchr(r->s->p + h, '\n', r->range.end - h);

	return nl ? (size_t)(nl - r->s->p) : r->range.end;
}

/*
 * The lines holding a literal from r->pos, reading up to about limit.
 * Lines with a literal close together are searched as one region, up to
 * REGION_MAX bytes (one call into ICU each, and ICU's step limit counts
 * per call): with no literal known, the range goes in regions of lines.
 * A region's matches past limit are left for the next step.
 */
static bool
step_lines(MqRegexRun *r, size_t limit, MqMatches *m, UErrorCode *ec)
{
	const MqSearch *s = r->s;
	const unsigned char *nl;
	size_t h, ls, le, to, len = r->f.nalt > 0 ? r->f.longest : 1;
	bool over;

	for (;;) {
		if (r->region_end != NONE) {
			if (!find_on(r->re, limit, m, &over, &r->read, ec))
				return false;
			if (!over)
				return true;	/* (a match reached limit) */
			r->pos = r->line_floor = r->region_end + 1;
			r->region_end = NONE;
		}
		if (r->pos >= r->range.end)
			break;
		if (r->pos >= limit)
			return true;
		to = r->range.end;
		if (limit < to && to - limit > len)
			to = limit + len;	/* (a literal from before limit) */
		if ((h = next_literal(r, to)) == NONE) {
			r->pos = to - (len - 1 < to - r->pos ? len - 1 : to - r->pos);
			if (to == r->range.end)
				break;
			continue;
		}
		nl = h > r->line_floor ? memrchr(s->p + r->line_floor, '\n', h - r->line_floor) : NULL;
		ls = nl ? (size_t)(nl - s->p) + 1 : r->line_floor;
		le = line_end(r, h);
		while (le < r->range.end && le - ls < REGION_MAX) {
			/* the next line with a literal, if it is near */
			r->pos = le + 1;
			to = r->range.end - r->pos > REGION_GAP ? r->pos + REGION_GAP : r->range.end;
			if ((h = next_literal(r, to)) == NONE)
				break;
			le = line_end(r, h);
		}
		set_region(r->re, ls, le, ec);
		if (U_FAILURE(*ec))
			return false;
		r->region_end = le;
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
	if (r->done)
		return r->range.end;
	if (r->lines && r->region_end == NONE)
		return r->pos;
	return r->read;
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
