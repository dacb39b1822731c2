/*
 * tests/fuzz/fuzz.h: what the fuzz harnesses share.  Each harness defines
 * LLVMFuzzerTestOneInput over one core entry point; it is linked either
 * with libFuzzer (clang -fsanitize=fuzzer: `make fuzz`) or with replay.c,
 * which runs it over files (the seed corpus and every crash found, kept in
 * tests/fuzz/regress/) as a TAP test in the normal build.
 */
#ifndef MQ_FUZZ_H
#define MQ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a text (NULL when it is refused: binary, UTF-16). */
static inline MqText *
fuzz_text(const uint8_t *data, size_t size)
{
	char *err = NULL;
	MqText *t = mq_text_new_from_memory("fuzz", (const char *)data, size, &err);

	free(err);
	return t;
}

#endif
