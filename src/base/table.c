/*
 * Rows of text cells shared by the CSV and XLSX readers; see table.h.
 */
#include "base/table.h"
#include "base/mem.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

void table_release(struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->rows[i].ncells; j++)
			free(t->rows[i].cells[j]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	t->rows = NULL;
	t->nrows = t->alloc = 0;
}

const char *table_cell(const struct table_row *row, size_t col)
{
	return col < row->ncells ? row->cells[col] : "";
}

struct table_row *table_add_row(struct table *t, size_t line)
{
	struct table_row *r;

	if (t->nrows == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 64;
		t->rows = xrealloc(t->rows, t->alloc * sizeof(*t->rows));
	}
	r = &t->rows[t->nrows++];
	r->line = line;
	r->ncells = 0;
	r->cells = NULL;
	return r;
}

int table_set_cell(struct table_row *row, size_t col, const char *s,
		   size_t n, const struct table_limits *lim, struct err *e)
{
	size_t i;

	if (col >= lim->max_cols)
		return err_set(e, ERR_BAD_INPUT, "invalid", "file",
			       "Dòng %zu: quá %zu cột.", row->line,
			       lim->max_cols);
	if (!utf8_valid(s, n))
		return err_set(e, ERR_BAD_INPUT, "invalid", "file",
			       "Dòng %zu, cột %zu: chữ không phải UTF-8 (hãy"
			       " lưu tệp dạng \"CSV UTF-8\").",
			       row->line, col + 1);
	if (n > lim->max_cell && utf8_length(s, n) > lim->max_cell)
		return err_set(e, ERR_BAD_INPUT, "invalid", "file",
			       "Dòng %zu, cột %zu: ô dài quá %zu ký tự.",
			       row->line, col + 1, lim->max_cell);
	if (col >= row->ncells) {
		row->cells = xrealloc(row->cells,
				      (col + 1) * sizeof(*row->cells));
		for (i = row->ncells; i <= col; i++)
			row->cells[i] = NULL;
		row->ncells = col + 1;
	}
	for (i = 0; i < col; i++)
		if (!row->cells[i])
			row->cells[i] = xstrdup("");
	free(row->cells[col]);
	row->cells[col] = xstrndup(s, n);
	return 0;
}

int table_read(const char *data, size_t len, const struct table_limits *lim,
	       struct table *t, struct err *e)
{
	if (len >= 4 && !memcmp(data, "PK\3\4", 4))
		return xlsx_read(data, len, lim, t, e);
	return csv_read(data, len, lim, t, e);
}
