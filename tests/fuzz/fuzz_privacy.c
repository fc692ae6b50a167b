/*
 * libFuzzer target: the identifier detector of the opinion modules
 * (privacy_scan, privacy_check) on arbitrary text. Invariants: the offset
 * of a finding lies inside the text, a kind has a name, privacy_check
 * agrees with privacy_scan and names the field when it refuses, and the
 * text with a known identifier appended is never clean.
 *
 * FUZZ_SRC: src/domain/privacy.c src/base/err.c src/base/text.c src/base/buf.c src/base/mem.c
 */
#include "domain/privacy.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char phone[] = " gọi 0912 345 678";
	struct err e = ERR_INIT;
	enum privacy_kind k;
	size_t at = (size_t)-1, n;
	char *s;

	if (size > 8192)
		return 0;
	s = malloc(size + sizeof(phone));
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	n = strlen(s);
	k = privacy_scan(s, &at);
	if (k != PRIVACY_NONE) {
		if (at >= n)
			__builtin_trap(); /* the offset is inside the text */
		if (!privacy_kind_name(k) || !privacy_kind_name(k)[0])
			__builtin_trap();
	}
	if ((privacy_check(s, "content", "Nội dung", &e) < 0) !=
	    (k != PRIVACY_NONE))
		__builtin_trap();
	if (k != PRIVACY_NONE && (strcmp(e.field, "content") || !e.message[0]))
		__builtin_trap();
	(void)privacy_scan(s, NULL);
	/* An unmistakable phone number after a space is found whatever came
	 * before it. */
	memcpy(s + n, phone, sizeof(phone));
	if (privacy_scan(s, NULL) == PRIVACY_NONE)
		__builtin_trap();
	free(s);
	return 0;
}
