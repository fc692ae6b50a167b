/*
 * The CSV reader (RFC 4180 as spreadsheets write it); see table.h.
 *
 * One pass over the bytes with a field buffer: a quoted field runs to the
 * quote not followed by another quote and may span lines; an unquoted
 * field runs to the separator or the end of the line, and a quote inside
 * it is kept as it is (as Excel and LibreOffice read it). A closing quote
 * followed by anything but a separator or a line end is refused, since
 * the field's end is then ambiguous.
 */
#include "base/buf.h"
#include "base/table.h"

#include <string.h>

/* The separator of the first line, outside quotes: the most frequent of
 * ',', ';' and TAB (',' when none appears). */
static char detect_separator(const char *p, const char *end)
{
	size_t comma = 0, semi = 0, tab = 0;
	int quoted = 0;

	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == '\n' || *p == '\r'))
			break;
		else if (!quoted && *p == ',')
			comma++;
		else if (!quoted && *p == ';')
			semi++;
		else if (!quoted && *p == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

int csv_read(const char *data, size_t len, const struct table_limits *lim,
	     struct table *t, struct err *e)
{
	const char *p = data, *end = data + len;
	struct buf field = BUF_INIT;
	struct table_row *row = NULL;
	size_t line = 1, col = 0, quote_line = 0;
	char sep;
	int rc = -1;

	if (len > lim->max_bytes)
		return err_set(e, ERR_TOO_LARGE, "too_large", "file",
			       "Tệp quá lớn (tối đa %zu MiB).",
			       lim->max_bytes >> 20);
	/* The field buffer never needs more than a cell's UTF-8 bytes. */
	buf_init(&field, lim->max_cell * 4 + 4);
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	sep = detect_separator(p, end);
	while (p < end) {
		if (!row) {
			if (t->nrows >= lim->max_rows) {
				err_set(e, ERR_TOO_LARGE, "too_large", "file",
					"Tệp có quá %zu dòng.", lim->max_rows);
				goto out;
			}
			row = table_add_row(t, line);
			col = 0;
		}
		buf_reset(&field);
		if (*p == '"') {
			quote_line = line;
			p++;
			for (;;) {
				if (p >= end) {
					err_set(e, ERR_BAD_INPUT, "invalid",
						"file",
						"Dòng %zu: thiếu dấu ngoặc kép"
						" đóng ô mở ở dòng %zu.",
						line, quote_line);
					goto out;
				}
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"') {
						p++;
					} else {
						p++;
						break;
					}
				} else if (*p == '\n' ||
					   (*p == '\r' &&
					    (p + 1 >= end || p[1] != '\n'))) {
					line++;
				}
				if (buf_addch(&field, *p) < 0)
					goto too_long;
				p++;
			}
			if (p < end && *p != sep && *p != '\n' && *p != '\r') {
				err_set(e, ERR_BAD_INPUT, "invalid", "file",
					"Dòng %zu, cột %zu: sau dấu ngoặc kép"
					" đóng phải là dấu phân cách hoặc"
					" xuống dòng.",
					line, col + 1);
				goto out;
			}
		} else {
			const char *s = p;

			while (p < end && *p != sep && *p != '\n' && *p != '\r')
				p++;
			if (buf_add(&field, s, (size_t)(p - s)) < 0)
				goto too_long;
		}
		if (table_set_cell(row, col, field.ptr, field.len, lim, e) < 0)
			goto out;
		col++;
		if (p >= end)
			break;
		if (*p == sep) {
			p++;
			if (p >= end && table_set_cell(row, col, "", 0, lim,
						       e) < 0)
				goto out;
			continue;
		}
		/* End of the record: CRLF, LF or CR. */
		if (*p == '\r' && p + 1 < end && p[1] == '\n')
			p++;
		p++;
		line++;
		row = NULL;
	}
	rc = 0;
	goto out;
too_long:
	err_set(e, ERR_BAD_INPUT, "invalid", "file",
		"Dòng %zu, cột %zu: ô dài quá %zu ký tự.", line, col + 1,
		lim->max_cell);
out:
	buf_release(&field);
	if (rc < 0)
		table_release(t);
	return rc;
}
