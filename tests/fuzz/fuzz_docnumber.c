/*
 * libFuzzer target: the number-and-symbol parser (docnumber_parse), with
 * no code tables and with a small table that canonicalises codes as the
 * database does. What parses is checked: the number is in range, the
 * strings are terminated, and a Party-style symbol formats back to its
 * canonical spelling and parses again to the same fields.
 *
 * FUZZ_SRC: src/domain/docnumber.c src/base/err.c src/base/text.c src/base/buf.c src/base/mem.c
 */
#include "domain/docnumber.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const types[] = { "NQ", "CV", "QĐ", "KH", "TB", "BC",
				     "CT", "HD", NULL };
static const char *const issuers[] = { "TU", "TW", "BTGDVTU", "VPTW",
				       "HU", "ĐU", NULL };

static bool lookup(const char *const *tab, const char *code, char *canon,
		   size_t size)
{
	for (; *tab; tab++) {
		if (docnumber_code_eq(*tab, code)) {
			if (strlen(*tab) >= size)
				return false;
			strcpy(canon, *tab);
			return true;
		}
	}
	return false;
}

static bool type_fn(void *ctx, const char *code, char *canon, size_t size)
{
	(void)ctx;
	return lookup(types, code, canon, size);
}

static bool issuer_fn(void *ctx, const char *code, char *canon, size_t size)
{
	(void)ctx;
	return lookup(issuers, code, canon, size);
}

static void check(const struct docnumber *d)
{
	if (d->number <= 0 || d->number > DOCNUMBER_MAX_NUMBER)
		__builtin_trap();
	if (!memchr(d->type, 0, sizeof d->type) ||
	    !memchr(d->issuer, 0, sizeof d->issuer) ||
	    !memchr(d->suffix, 0, sizeof d->suffix) ||
	    !memchr(d->symbol, 0, sizeof d->symbol))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct docnumber_codes codes = { type_fn, issuer_fn, NULL };
	struct docnumber d, again;
	struct err e = ERR_INIT;
	char *s;

	if (size > 4096)
		return 0;
	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	if (docnumber_parse(s, NULL, &d, &e) == 0)
		check(&d);
	else if (strcmp(e.field, "symbol") || !e.message[0])
		__builtin_trap();

	e = (struct err)ERR_INIT;
	if (docnumber_parse(s, &codes, &d, &e) == 0) {
		check(&d);
		if (d.style == DOCNUMBER_PARTY) {
			char fmt[sizeof d.symbol];
			struct err e2 = ERR_INIT;

			if (docnumber_format(fmt, sizeof fmt, d.number, d.type,
					     d.issuer, d.suffix) == 0) {
				if (strcmp(fmt, d.symbol))
					__builtin_trap(); /* canonical form */
				if (docnumber_parse(fmt, &codes, &again, &e2) < 0)
					__builtin_trap(); /* reparses */
				if (again.number != d.number ||
				    strcmp(again.type, d.type) ||
				    strcmp(again.issuer, d.issuer) ||
				    strcmp(again.suffix, d.suffix))
					__builtin_trap();
			}
		}
	}
	free(s);
	return 0;
}
