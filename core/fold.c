/* core/fold: one folding for matching names and searching. */
#include "config.h"

#include <unicode/uchar.h>

#include "fold.h"
#include "text.h"

uint32_t
mq_fold_cp(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	if ((c >= 0x064b && c <= 0x065f) || c == 0x0670 || c == 0x0640 ||
	    (c >= 0x06d6 && c <= 0x06ed))
		return 0;	/* harakat, Quranic marks, tatweel */
	switch (c) {
	case 0x0623: case 0x0625: case 0x0622: case 0x0671:
		return 0x0627;
	case 0x0649:
		return 0x064a;
	case 0x0629:
		return 0x0647;
	default:
		break;
	}
	if (c >= 0x0660 && c <= 0x0669)
		return '0' + (c - 0x0660);
	if (c >= 0x06f0 && c <= 0x06f9)
		return '0' + (c - 0x06f0);
	if (u_charType((UChar32)c) == U_FORMAT_CHAR)
		return 0;
	return (uint32_t)u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT);
}

size_t
mq_fold_chars(const uint32_t *cp, size_t n, char *out, size_t outlen)
{
	size_t i, k = 0;
	uint32_t f;

	if (outlen == 0)
		return 0;
	for (i = 0; i < n && k + 5 <= outlen; i++)
		if ((f = mq_fold_cp(cp[i])) != 0)
			k += mq_utf8_encode(f, out + k);
	out[k] = '\0';
	return k;
}

size_t
mq_fold_utf8(const char *s, size_t len, char *out, size_t outlen)
{
	size_t i = 0, k = 0;
	uint32_t cp, f;

	if (outlen == 0)
		return 0;
	while (i < len && k + 5 <= outlen) {
		i += mq_utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if ((f = mq_fold_cp(cp)) != 0)
			k += mq_utf8_encode(f, out + k);
	}
	out[k] = '\0';
	return k;
}
