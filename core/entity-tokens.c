/*
 * core/entity-tokens: a paragraph cut into tokens for the rules and the
 * taggers.  ICU's word break iterator finds the words, numbers and
 * punctuation (spaces are no tokens; invisible format characters are cut
 * off a token's ends); English clitics ('s n't) become tokens of their
 * own, as the taggers' training data has them; each token gets its folded
 * forms: the whole token, then without Arabic proclitics (و ف, then ب ل
 * ك; لل is ل + ال).  A proclitic before Latin letters or digits (وMicrosoft,
 * بـ500) is cut off the token itself.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "entity-private.h"
#include "fold.h"
#include "util.h"

static bool
is_arabic(uint32_t c)
{
	return (c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) ||
	    (c >= 0xfb50 && c <= 0xfeff);
}

static bool
is_latin(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= 0xc0 && c <= 0x24f);
}

/* True for a proclitic letter: و ف ب ل ك, or tatweel. */
static bool
clitic(uint32_t c)
{
	return c == 0x0648 || c == 0x0641 || c == 0x0628 || c == 0x0644 ||
	    c == 0x0643 || c == 0x0640;
}

/* Adds a form of token t starting at char s (prefix: folded text put first). */
static void
add_form(Tok *t, const MqChars *c, size_t s, const char *prefix)
{
	Form *f;
	size_t n;

	if (t->nforms >= 4 || s >= t->b)
		return;
	f = &t->form[t->nforms];
	n = strlen(prefix);
	memcpy(f->key, prefix, n);
	mq_fold_chars(c->cp + s, t->b - s, f->key + n, sizeof f->key - n);
	if (f->key[0] == '\0')
		return;
	f->start = s;
	f->alef = n > 0;
	t->nforms++;
}

/* Fills in the facts and folded forms of a word or number token. */
static void
describe(Tok *t, const MqChars *c)
{
	const uint32_t *cp = c->cp;
	size_t i, k;

	t->nforms = 0;
	t->latin = t->arabic = t->cap = t->upper = false;
	for (i = t->a; i < t->b; i++) {
		t->latin = t->latin || is_latin(cp[i]);
		t->arabic = t->arabic || is_arabic(cp[i]);
	}
	add_form(t, c, t->a, "");
	if (t->kind == T_PUNCT)
		return;
	/* Arabic proclitics before Latin letters or digits: وMicrosoft, بـ500 */
	for (i = t->a; i < t->b && clitic(cp[i]); i++)
		;
	if (i > t->a && i < t->b && i - t->a <= 3 && (is_latin(cp[i]) ||
	    u_isdigit((UChar32)cp[i]))) {
		t->a = i;	/* the clitics are not part of the token at all */
		t->nforms = 0;
		t->arabic = false;
		add_form(t, c, i, "");
	} else if (t->arabic && t->b - t->a >= 3) {
		k = t->a;
		if (cp[k] == 0x0648 || cp[k] == 0x0641)	/* و ف */
			add_form(t, c, ++k, "");
		if (k + 2 < t->b && cp[k] == 0x0644 && cp[k + 1] == 0x0644)
			add_form(t, c, k + 1, "\xd8\xa7");	/* لل -> ال */
		else if (k + 2 < t->b && (cp[k] == 0x0628 || cp[k] == 0x0644 ||
		    cp[k] == 0x0643))
			add_form(t, c, k + 1, "");
	}
	if (t->latin && !t->arabic) {
		t->cap = u_isupper((UChar32)cp[t->a]);
		t->upper = t->b - t->a >= 2;
		for (i = t->a; i < t->b && t->upper; i++)
			if (u_islower((UChar32)cp[i]))
				t->upper = false;
	}
}

/*
 * The code points of an English clitic that end the word cp[0..n), as
 * the taggers' training data splits them ('s 're 've 'll 'd 'm n't, with
 * ' or U+2019), or 0.  At least two letters stay before it.
 */
static size_t
english_clitic(const uint32_t *cp, size_t n)
{
	static const char *const tails[] = { "s", "re", "ve", "ll", "d", "m", NULL };
	size_t k, j;

	for (k = 0; tails[k] != NULL; k++) {
		size_t m = strlen(tails[k]);

		if (n < m + 3 || (cp[n - m - 1] != '\'' && cp[n - m - 1] != 0x2019))
			continue;
		for (j = 0; j < m && (cp[n - m + j] | 0x20) == (uint32_t)tails[k][j]; j++)
			;
		if (j == m && is_latin(cp[n - m - 2]))
			return m + 1;
	}
	if (n >= 5 && (cp[n - 3] | 0x20) == 'n' && (cp[n - 2] == '\'' || cp[n - 2] == 0x2019) &&
	    (cp[n - 1] | 0x20) == 't')
		return 3;
	return 0;
}

/* Cuts the paragraph into tokens (words, numbers, punctuation; no spaces). */
bool
mq_entity_tokenize(MqEntities *e)
{
	const MqChars *c = &e->chars;
	UErrorCode ec = U_ZERO_ERROR;
	int32_t n16 = 0, p, q;
	size_t i;

	if (c->len * 2 + 1 > e->u16_cap) {
		size_t cap = c->len * 2 + 1;
		void *a = realloc(e->u16, cap * sizeof *e->u16);

		if (a == NULL)
			return false;
		e->u16 = a;
		if ((a = realloc(e->u16_cp, (cap + 1) * sizeof *e->u16_cp)) == NULL)
			return false;
		e->u16_cp = a;
		e->u16_cap = cap;
	}
	n16 = mq_chars_utf16(c, e->u16, e->u16_cp);
	ubrk_setText(e->brk, e->u16, n16, &ec);
	if (U_FAILURE(ec))
		return false;
	e->ntok = 0;
	for (p = ubrk_first(e->brk); (q = ubrk_next(e->brk)) != UBRK_DONE; p = q) {
		int st = ubrk_getRuleStatus(e->brk);
		size_t a = (size_t)e->u16_cp[p], b = (size_t)e->u16_cp[q], cut, k;
		Tok *t;

		/*
		 * Bidi controls and other invisible format characters cling to
		 * the word before them (UAX #29 WB4): they are not part of a name.
		 */
		while (b > a && mq_out_class(c->cp[b - 1]) == MQ_OUT_DROP)
			b--;
		while (a < b && mq_out_class(c->cp[a]) == MQ_OUT_DROP)
			a++;
		if (a == b)
			continue;
		if (st < UBRK_WORD_NONE_LIMIT) {
			for (i = a; i < b && u_isUWhiteSpace((UChar32)c->cp[i]); i++)
				;
			if (i == b)
				continue;	/* spaces are not tokens */
		}
		if (!mq_grow((void **)&e->tok, &e->tok_cap, e->ntok + 2, sizeof *e->tok))
			return false;
		cut = st >= UBRK_WORD_LETTER ? english_clitic(c->cp + a, b - a) : 0;
		for (k = 0; k < 1 + (cut > 0); k++) {
			t = &e->tok[e->ntok++];
			t->a = t->a0 = k == 0 ? a : b - cut;
			t->b = k == 0 ? b - cut : b;
			t->kind = st < UBRK_WORD_NONE_LIMIT ? T_PUNCT :
			    st < UBRK_WORD_NUMBER_LIMIT ? T_NUM : T_WORD;
			describe(t, c);
			/* a word that is digits after its clitics (بـ500) is a number */
			if (t->kind == T_WORD && t->b > t->a && u_isdigit((UChar32)c->cp[t->a]))
				t->kind = T_NUM;
		}
	}
	if (!mq_grow((void **)&e->used, &e->used_cap, e->ntok + 1, sizeof *e->used))
		return false;
	memset(e->used, 0, e->ntok * sizeof *e->used);
	return true;
}

