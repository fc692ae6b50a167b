/*
 * libFuzzer target: the CSV reader (src/base/csv.c) with the default
 * limits and with tiny ones. Invariants: a refused input leaves no row
 * and names the field "file"; an accepted one gives rows whose lines
 * strictly increase, with at most max_cols cells of valid UTF-8 of at
 * most max_cell characters each.
 *
 * FUZZ_SRC: src/base/csv.c src/base/table.c src/base/xlsx_read.c src/base/buf.c src/base/text.c src/base/err.c src/base/mem.c
 * FUZZ_LIBS: libzip expat
 */
#include "base/table.h"
#include "base/text.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *s, size_t n, const struct table_limits *lim)
{
	struct table t = TABLE_INIT;
	struct err e = ERR_INIT;
	size_t i, k, last = 0;

	if (csv_read(s, n, lim, &t, &e) < 0) {
		if (t.nrows || strcmp(e.field, "file") || !e.message[0])
			__builtin_trap();
		return;
	}
	if (t.nrows > lim->max_rows)
		__builtin_trap();
	for (i = 0; i < t.nrows; i++) {
		const struct table_row *r = &t.rows[i];

		if (r->line <= last || r->ncells > lim->max_cols)
			__builtin_trap();
		last = r->line;
		for (k = 0; k < r->ncells; k++) {
			size_t len = strlen(r->cells[k]);

			if (!utf8_valid(r->cells[k], len) ||
			    utf8_length(r->cells[k], len) > lim->max_cell)
				__builtin_trap();
		}
	}
	table_release(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct table_limits def = TABLE_LIMITS_DEFAULT;
	struct table_limits tiny = { 256, 4, 3, 5 };

	if (size > 1 << 16)
		return 0;
	check((const char *)data, size, &def);
	check((const char *)data, size, &tiny);
	return 0;
}
