/*
 * Tables read from files people make in a spreadsheet: CSV (RFC 4180) and
 * the first sheet of an XLSX workbook, both turned into the same rows of
 * UTF-8 text cells, each row knowing the line a person sees in their
 * editor, so an error can say "dòng 7".
 *
 * CSV (csv.c): an optional UTF-8 byte order mark is skipped; the separator
 * is the one of ',', ';' or TAB seen most often on the first line outside
 * quotes (Vietnamese Excel saves "CSV" with ';'); fields may be quoted,
 * with "" for a quote inside, and may then hold separators and line
 * breaks; lines end with CRLF, LF or CR. A row's line is the line its
 * record starts on. Text must be UTF-8.
 *
 * XLSX (xlsx_read.c, libzip + expat): the first sheet of the workbook;
 * shared strings, inline strings, formula results, booleans ("1"/"0") and
 * numbers (integers without ".0"); a number whose cell style is a date
 * format becomes an ISO date "YYYY-MM-DD" (Excel serials, 1900 and 1904
 * systems). A row's line is its row number in the sheet; empty cells are
 * "" and rows with no cell are left out. A DTD in any part is refused.
 *
 * Both refuse, with a Vietnamese message naming the line, input past the
 * limits (file size, rows, columns, characters per cell), malformed
 * structure (an unclosed quote, a broken zip or XML) and text that is not
 * UTF-8. The caller owns the table and frees it with table_release(),
 * also after an error (it is then empty).
 */
#ifndef TG_TABLE_H
#define TG_TABLE_H

#include <stddef.h>

#include "base/err.h"

struct table_row {
	size_t line;   /* 1-based line (CSV) or sheet row number (XLSX) */
	size_t ncells;
	char **cells;  /* NUL-terminated UTF-8, owned by the table */
};

struct table {
	struct table_row *rows;
	size_t nrows, alloc;
};

#define TABLE_INIT { NULL, 0, 0 }

struct table_limits {
	size_t max_bytes; /* the file */
	size_t max_rows;  /* rows read, the header included */
	size_t max_cols;  /* cells per row */
	size_t max_cell;  /* characters per cell */
};

/* 10 MiB, 50 000 rows, 64 columns, 4 000 characters. */
#define TABLE_LIMITS_DEFAULT { (size_t)10 << 20, 50000, 64, 4000 }

void table_release(struct table *t);

/* The cell at `col` of `row`, "" when the row is shorter. */
const char *table_cell(const struct table_row *row, size_t col);

/* Read a CSV file held in data[0..len). 0 or -1 (400/413 in e). */
int csv_read(const char *data, size_t len, const struct table_limits *lim,
	     struct table *t, struct err *e);

/* Read the first sheet of an XLSX file held in data[0..len). */
int xlsx_read(const char *data, size_t len, const struct table_limits *lim,
	      struct table *t, struct err *e);

/*
 * Read a file by its content: XLSX when it starts with the zip signature
 * "PK\3\4", CSV otherwise.
 */
int table_read(const char *data, size_t len, const struct table_limits *lim,
	       struct table *t, struct err *e);

/* Helpers shared by the readers (table.c). */

/* Start a new row at `line`; returns it. */
struct table_row *table_add_row(struct table *t, size_t line);
/*
 * Put `s[0..n)` at column `col` of `row` (filling skipped columns with
 * ""), after checking the limits and UTF-8. 0 or -1 with a message naming
 * the row's line.
 */
int table_set_cell(struct table_row *row, size_t col, const char *s,
		   size_t n, const struct table_limits *lim, struct err *e);

#endif
