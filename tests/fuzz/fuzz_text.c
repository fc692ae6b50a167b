/*
 * libFuzzer target: UTF-8 validation, length, truncation and Vietnamese
 * folding. Invariants: folding never fails on small input, folding valid
 * UTF-8 gives valid UTF-8, folding is idempotent, truncation lands on a
 * character boundary no later than asked, and the length never exceeds
 * the byte count.
 *
 * FUZZ_SRC: src/base/text.c src/base/buf.c src/base/mem.c
 */
#include "base/buf.h"
#include "base/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct buf f = BUF_INIT, ff = BUF_INIT;
	bool valid = utf8_valid(s, size);

	if (size > 1 << 16)
		return 0;
	if (text_fold(&f, s, size) < 0)
		__builtin_trap();
	if (valid) {
		char *z;
		size_t max, n;

		if (utf8_length(s, size) > size)
			__builtin_trap();
		if (!utf8_valid(f.ptr, f.len))
			__builtin_trap();
		if (text_fold(&ff, f.ptr, f.len) < 0 || ff.len != f.len ||
		    memcmp(ff.ptr, f.ptr, f.len))
			__builtin_trap(); /* fold(fold(x)) == fold(x) */
		z = malloc(size + 1);
		if (z) {
			memcpy(z, s, size);
			z[size] = '\0';
			for (max = 0; max <= size && max < 64; max++) {
				n = utf8_truncate(z, max);
				if (n > max || !utf8_valid(z, n))
					__builtin_trap();
			}
			free(z);
		}
	}
	buf_release(&f);
	buf_release(&ff);
	return 0;
}
