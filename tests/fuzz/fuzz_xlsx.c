/*
 * libFuzzer target: the XLSX reader (src/base/xlsx_read.c). An input
 * starting with "PK" is read as the file itself (mutated zips: broken
 * headers, bad deflate, bombs). Any other input is split at lines "@@"
 * into xl/workbook.xml, xl/_rels/workbook.xml.rels, xl/styles.xml,
 * xl/sharedStrings.xml and xl/worksheets/sheet1.xml, zipped here without
 * compression (libzip), so the fuzzer reaches the XML handlers with
 * readable text. Invariants as for CSV: a refusal leaves no row and names
 * "file"; accepted rows have increasing lines and bounded, valid cells.
 *
 * FUZZ_SRC: src/base/xlsx_read.c src/base/table.c src/base/csv.c src/base/buf.c src/base/text.c src/base/err.c src/base/mem.c
 * FUZZ_LIBS: libzip expat
 */
#include "base/table.h"
#include "base/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const part_names[] = {
	"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
	"xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
};

/* The parts of `s` zipped (stored); the caller frees. NULL on failure. */
static char *zip_parts(const char *s, size_t n, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_stat_t st;
	zip_t *z;
	char *out = NULL;
	size_t i;
	const char *p = s, *end = s + n;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		return NULL;
	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!z) {
		zip_source_free(src);
		return NULL;
	}
	for (i = 0; i < 5; i++) {
		const char *q = p;
		zip_source_t *ps;
		zip_int64_t idx;

		while (q + 3 <= end && memcmp(q, "\n@@", 3))
			q++;
		if (q + 3 > end)
			q = end;
		ps = zip_source_buffer(z, p, (zip_uint64_t)(q - p), 0);
		if (ps) {
			idx = zip_file_add(z, part_names[i], ps, 0);
			if (idx < 0)
				zip_source_free(ps);
			else
				zip_set_file_compression(z, (zip_uint64_t)idx,
							 ZIP_CM_STORE, 0);
		}
		if (q == end)
			break;
		p = q + 3;
	}
	if (zip_close(z) < 0) {
		zip_discard(z);
		zip_source_free(src);
		return NULL;
	}
	if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
		out = malloc(st.size ? st.size : 1);
		if (out && zip_source_read(src, out, st.size) ==
				   (zip_int64_t)st.size) {
			*len = st.size;
		} else {
			free(out);
			out = NULL;
		}
		zip_source_close(src);
	}
	zip_source_free(src);
	return out;
}

static void check(const char *s, size_t n, const struct table_limits *lim)
{
	struct table t = TABLE_INIT;
	struct err e = ERR_INIT;
	size_t i, k, last = 0;

	if (xlsx_read(s, n, lim, &t, &e) < 0) {
		if (t.nrows || strcmp(e.field, "file") || !e.message[0])
			__builtin_trap();
		return;
	}
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
	if (t.nrows > lim->max_rows)
		__builtin_trap();
	table_release(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct table_limits lim = { (size_t)1 << 20, 50, 16, 40 };
	size_t len = 0;
	char *zip;

	if (size > 1 << 16)
		return 0;
	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		check((const char *)data, size, &lim);
		return 0;
	}
	zip = zip_parts((const char *)data, size, &len);
	if (zip) {
		check(zip, len, &lim);
		free(zip);
	}
	return 0;
}
