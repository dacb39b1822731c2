/* Fuzzing core/text: loading (sniffing, BOMs), decoding every range, graphemes. */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	MqText *t = fuzz_text(data, size);
	MqChars c = { 0 };
	const char *b;
	size_t n, pos, half;

	if (t == NULL)
		return 0;
	b = mq_text_bytes(t);
	n = mq_text_size(t);
	half = n / 2;
	/* the whole text, then two halves cut anywhere (inside a sequence) */
	if (mq_text_decode(t, mq_text_content_start(t), n, &c) &&
	    mq_text_decode(t, 0, half, &c))
		(void)!mq_text_decode(t, half, n, &c);
	(void)mq_text_count_invalid(t, 0, n);
	for (pos = 0; pos < n && pos < 512;) {	/* (each step opens ICU's iterator) */
		size_t next = mq_utf8_next_grapheme(b, n, pos);

		if (next <= pos || next > n)
			abort();	/* a grapheme step must move forward */
		if (mq_utf8_prev_grapheme(b, n, next) > pos)
			abort();	/* and back no further than where it came from */
		pos = next;
	}
	mq_chars_free(&c);
	mq_text_free(t);
	return 0;
}
