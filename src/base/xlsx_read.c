/*
 * The XLSX reader: the first sheet of a workbook as rows of text; see
 * table.h.
 *
 * The zip is opened from memory (libzip) and its XML parts streamed in
 * 64 KiB chunks through expat, never held whole: xl/workbook.xml (the
 * first sheet's relationship id, the 1904 date system), its .rels (the
 * sheet's part name), xl/styles.xml (which cell styles are date formats),
 * xl/sharedStrings.xml, then the sheet itself. Element names are compared
 * by local name, so prefixed and default namespaces both work. Each part
 * may expand to at most XLSX_PART_MAX bytes (a zip bomb stops there) and
 * the shared strings count toward the same limits as cells.
 */
#include "base/buf.h"
#include "base/mem.h"
#include "base/table.h"

#include <expat.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define XLSX_PART_MAX ((size_t)100 << 20)
#define XLSX_MAX_STYLES 65536
#define XLSX_MAX_STRINGS 1000000
#define XLSX_MAX_ROW 1048576 /* Excel's last row */

enum part { P_WORKBOOK, P_RELS, P_STYLES, P_STRINGS, P_SHEET };

struct xr {
	enum part part;
	XML_Parser xp;
	const struct table_limits *lim;
	struct table *t;
	struct err *e;
	bool failed;
	/* workbook and rels */
	char sheet_rid[128];
	char sheet_target[256];
	bool date1904;
	/* styles: custom number formats that are dates, then cellXfs */
	int *date_fmts; /* numFmtId of custom date formats */
	size_t ndate_fmts;
	bool in_cellxfs;
	bool *xf_date;
	size_t nxf;
	/* shared strings */
	char **strings;
	size_t nstrings, astrings;
	bool in_si, in_t, in_rph;
	struct buf text;
	/* sheet */
	bool in_sheetdata, in_row, in_c, in_v, in_is;
	size_t row_num, next_col, col;
	struct table_row *row;
	char ctype[16];
	long cstyle;
};

static const char *local(const char *name)
{
	const char *s = strrchr(name, '|');

	if (!s)
		s = strchr(name, ':');
	return s ? s + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	size_t i;

	for (i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), name))
			return atts[i + 1];
	return NULL;
}

/* Record the first error and stop the parser; `fmt` may use `a` once as
 * %zu. */
static void fail(struct xr *x, int status, const char *fmt, size_t a)
{
	if (!x->failed)
		err_set(x->e, status, status == ERR_TOO_LARGE ? "too_large"
							      : "invalid",
			"file", fmt, a);
	x->failed = true;
	XML_StopParser(x->xp, XML_FALSE);
}

/* True for a custom number format code that shows a date: a d or y
 * outside quotes, brackets and escapes. */
static bool format_is_date(const char *code)
{
	const char *p;

	for (p = code; *p; p++) {
		if (*p == '"') {
			p = strchr(p + 1, '"');
			if (!p)
				return false;
		} else if (*p == '[') {
			p = strchr(p + 1, ']');
			if (!p)
				return false;
		} else if (*p == '\\' || *p == '_' || *p == '*') {
			if (!p[1])
				return false;
			p++;
		} else if (*p == 'd' || *p == 'D' || *p == 'y' || *p == 'Y') {
			return true;
		}
	}
	return false;
}

/* Built-in date formats: 14-17 and 22 (date, date-time), 27-36 and 50-58
 * (East Asian dates). */
static bool builtin_date(long id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
	       (id >= 50 && id <= 58);
}

static bool fmt_is_date(const struct xr *x, long id)
{
	size_t i;

	if (builtin_date(id))
		return true;
	for (i = 0; i < x->ndate_fmts; i++)
		if (x->date_fmts[i] == id)
			return true;
	return false;
}

/* Column index of a cell reference "AB12" (0-based), or -1. */
static long col_of_ref(const char *ref)
{
	long c = 0;
	int n = 0;

	for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
		if (++n > 3)
			return -1;
		c = c * 26 + (*ref - 'A' + 1);
	}
	return n ? c - 1 : -1;
}

/* Append character data to the text buffer, bounded by the cell limit. */
static void add_text(struct xr *x, const char *s, int len)
{
	if (buf_add(&x->text, s, (size_t)len) >= 0)
		return;
	if (x->part == P_SHEET)
		fail(x, ERR_BAD_INPUT, "Dòng %zu: ô dài quá giới hạn cho phép.",
		     x->row_num);
	else
		fail(x, ERR_BAD_INPUT,
		     "Tệp có một chuỗi dài quá %zu ký tự.", x->lim->max_cell);
}

/* Days since 1970-01-01 to y-m-d (H. Hinnant's civil_from_days). */
static void civil(long z, int *y, unsigned *m, unsigned *d)
{
	long era, yy;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (*m <= 2));
}

/*
 * The text of a numeric cell: an ISO date for a date style (serial days
 * since 1899-12-30, or 1904-01-01; Excel's phantom 1900-02-29 kept out),
 * an integer without a fraction, otherwise the shortest exact form.
 */
static void number_text(const struct xr *x, const char *v, bool is_date,
			char out[64])
{
	char *end;
	double d = strtod(v, &end);
	int y;
	unsigned m, dd;

	if (!*v || *end || !isfinite(d)) {
		snprintf(out, 64, "%.63s", v);
		return;
	}
	if (is_date && d >= 1 && d < 2958466) {
		long serial = (long)floor(d);
		/* 1970-01-01 is serial 25569 (1900) or 24107 (1904). */
		long days = x->date1904 ? serial - 24107
				: serial < 61 ? serial - 25568 : serial - 25569;

		civil(days, &y, &m, &dd);
		snprintf(out, 64, "%04d-%02u-%02u", y, m, dd);
		return;
	}
	if (d == floor(d) && fabs(d) < 1e15)
		snprintf(out, 64, "%lld", (long long)d);
	else
		snprintf(out, 64, "%.15g", d);
}

static void on_start(void *ud, const char *name, const char **atts)
{
	struct xr *x = ud;
	const char *n = local(name), *v;

	if (x->failed)
		return;
	switch (x->part) {
	case P_WORKBOOK:
		if (!strcmp(n, "sheet") && !x->sheet_rid[0]) {
			v = attr(atts, "id");
			if (v)
				snprintf(x->sheet_rid, sizeof(x->sheet_rid),
					 "%s", v);
		} else if (!strcmp(n, "workbookPr")) {
			v = attr(atts, "date1904");
			x->date1904 = v && (!strcmp(v, "1") ||
					    !strcmp(v, "true"));
		}
		break;
	case P_RELS:
		if (!strcmp(n, "Relationship") && !x->sheet_target[0]) {
			const char *id = attr(atts, "Id");

			v = attr(atts, "Target");
			if (id && v && !strcmp(id, x->sheet_rid))
				snprintf(x->sheet_target,
					 sizeof(x->sheet_target), "%s", v);
		}
		break;
	case P_STYLES:
		if (!strcmp(n, "numFmt")) {
			const char *id = attr(atts, "numFmtId");

			v = attr(atts, "formatCode");
			if (id && v && format_is_date(v) &&
			    x->ndate_fmts < XLSX_MAX_STYLES) {
				x->date_fmts = xrealloc(
					x->date_fmts,
					(x->ndate_fmts + 1) * sizeof(int));
				x->date_fmts[x->ndate_fmts++] = atoi(id);
			}
		} else if (!strcmp(n, "cellXfs")) {
			x->in_cellxfs = true;
		} else if (!strcmp(n, "xf") && x->in_cellxfs) {
			if (x->nxf >= XLSX_MAX_STYLES) {
				fail(x, ERR_BAD_INPUT,
				     "Tệp có quá %zu kiểu ô.",
				     (size_t)XLSX_MAX_STYLES);
				return;
			}
			v = attr(atts, "numFmtId");
			x->xf_date = xrealloc(x->xf_date,
					      (x->nxf + 1) * sizeof(bool));
			x->xf_date[x->nxf++] = v && fmt_is_date(x, atol(v));
		}
		break;
	case P_STRINGS:
		if (!strcmp(n, "si")) {
			x->in_si = true;
			buf_reset(&x->text);
		} else if (!strcmp(n, "rPh")) {
			x->in_rph = true;
		} else if (!strcmp(n, "t") && x->in_si && !x->in_rph) {
			x->in_t = true;
		}
		break;
	case P_SHEET:
		if (!strcmp(n, "sheetData")) {
			x->in_sheetdata = true;
		} else if (!strcmp(n, "row") && x->in_sheetdata) {
			char *end = NULL;

			v = attr(atts, "r");
			x->row_num = v ? strtoul(v, &end, 10) : x->row_num + 1;
			if ((v && (*end || *v < '1' || *v > '9')) ||
			    x->row_num < 1 || x->row_num > XLSX_MAX_ROW) {
				fail(x, ERR_BAD_INPUT,
				     "Tệp XLSX hỏng: số thứ tự của một dòng"
				     " không hợp lệ.",
				     0);
				return;
			}
			x->next_col = 0;
			x->row = NULL;
			x->in_row = true;
		} else if (!strcmp(n, "c") && x->in_sheetdata) {
			long c = -1;

			if (!x->in_row) {
				fail(x, ERR_BAD_INPUT,
				     "Tệp XLSX hỏng: có ô nằm ngoài mọi dòng.",
				     0);
				return;
			}

			v = attr(atts, "r");
			if (v)
				c = col_of_ref(v);
			x->col = c >= 0 ? (size_t)c : x->next_col;
			x->next_col = x->col + 1;
			v = attr(atts, "t");
			snprintf(x->ctype, sizeof(x->ctype), "%s", v ? v : "n");
			v = attr(atts, "s");
			x->cstyle = v ? atol(v) : 0;
			x->in_c = true;
			buf_reset(&x->text);
		} else if (x->in_c && !strcmp(n, "v")) {
			x->in_v = true;
		} else if (x->in_c && !strcmp(n, "is")) {
			x->in_is = true;
		} else if (x->in_is && !strcmp(n, "rPh")) {
			x->in_rph = true;
		} else if (x->in_is && !x->in_rph && !strcmp(n, "t")) {
			x->in_t = true;
		}
		break;
	}
}

/* The cell just closed goes into the current row. */
static void end_cell(struct xr *x)
{
	const char *v = x->text.ptr;
	char num[64];
	size_t idx;
	char *end;

	if (!strcmp(x->ctype, "s")) {
		if (!x->text.len)
			return;
		idx = strtoul(v, &end, 10);
		if (*end || idx >= x->nstrings) {
			fail(x, ERR_BAD_INPUT,
			     "Dòng %zu: ô trỏ tới chuỗi dùng chung không có"
			     " trong tệp.",
			     x->row_num);
			return;
		}
		v = x->strings[idx];
	} else if (!strcmp(x->ctype, "d")) {
		snprintf(num, sizeof(num), "%.10s", v);
		v = num;
	} else if (!strcmp(x->ctype, "n")) {
		number_text(x, v,
			    x->cstyle >= 0 && (size_t)x->cstyle < x->nxf &&
				    x->xf_date[x->cstyle],
			    num);
		v = num;
	}
	if (!*v)
		return;
	if (!x->row) {
		if (x->t->nrows >= x->lim->max_rows) {
			fail(x, ERR_TOO_LARGE, "Tệp có quá %zu dòng.",
			     x->lim->max_rows);
			return;
		}
		if (x->t->nrows &&
		    x->row_num <= x->t->rows[x->t->nrows - 1].line) {
			fail(x, ERR_BAD_INPUT,
			     "Dòng %zu: các dòng của trang tính không theo"
			     " thứ tự.",
			     x->row_num);
			return;
		}
		x->row = table_add_row(x->t, x->row_num);
	}
	if (table_set_cell(x->row, x->col, v, strlen(v), x->lim, x->e) < 0) {
		x->failed = true;
		XML_StopParser(x->xp, XML_FALSE);
	}
}

static void on_end(void *ud, const char *name)
{
	struct xr *x = ud;
	const char *n = local(name);

	if (x->failed)
		return;
	if (x->part == P_STYLES && !strcmp(n, "cellXfs")) {
		x->in_cellxfs = false;
	} else if (x->part == P_STRINGS) {
		if (!strcmp(n, "t")) {
			x->in_t = false;
		} else if (!strcmp(n, "rPh")) {
			x->in_rph = false;
		} else if (!strcmp(n, "si") && x->in_si) {
			x->in_si = false;
			if (x->nstrings >= XLSX_MAX_STRINGS) {
				fail(x, ERR_TOO_LARGE,
				     "Tệp có quá %zu chuỗi.",
				     (size_t)XLSX_MAX_STRINGS);
				return;
			}
			if (x->nstrings == x->astrings) {
				x->astrings = x->astrings ? x->astrings * 2
							  : 256;
				x->strings = xrealloc(x->strings,
						      x->astrings *
							      sizeof(char *));
			}
			x->strings[x->nstrings++] =
				xstrndup(x->text.ptr, x->text.len);
		}
	} else if (x->part == P_SHEET) {
		if (!strcmp(n, "sheetData")) {
			x->in_sheetdata = false;
		} else if (!strcmp(n, "row")) {
			x->in_row = false;
		} else if (!strcmp(n, "v")) {
			x->in_v = false;
		} else if (!strcmp(n, "t")) {
			x->in_t = false;
		} else if (!strcmp(n, "rPh")) {
			x->in_rph = false;
		} else if (!strcmp(n, "is")) {
			x->in_is = false;
		} else if (!strcmp(n, "c") && x->in_c) {
			x->in_c = x->in_v = x->in_is = x->in_t = false;
			end_cell(x);
		}
	}
}

static void on_text(void *ud, const char *s, int len)
{
	struct xr *x = ud;

	if (x->failed)
		return;
	if ((x->part == P_STRINGS && x->in_t) ||
	    (x->part == P_SHEET && (x->in_v || x->in_t)))
		add_text(x, s, len);
}

static void on_doctype(void *ud, const char *name, const char *sysid,
		       const char *pubid, int has_internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	fail(ud, ERR_BAD_INPUT, "Tệp XLSX không hợp lệ (có DTD).", 0);
}

/*
 * Stream part `name` of the zip through expat with the handlers above.
 * Returns 1 when parsed, 0 when the part does not exist, -1 on error.
 */
static int parse_part(zip_t *z, const char *name, struct xr *x)
{
	const size_t chunk_size = (size_t)1 << 16;
	char *chunk;
	zip_file_t *f;
	zip_int64_t n;
	size_t total = 0;
	int rc = 1;

	f = zip_fopen(z, name, 0);
	if (!f)
		return x->failed ? -1 : 0;
	chunk = xmalloc(chunk_size);
	x->xp = XML_ParserCreateNS(NULL, '|');
	XML_SetUserData(x->xp, x);
	XML_SetElementHandler(x->xp, on_start, on_end);
	XML_SetCharacterDataHandler(x->xp, on_text);
	XML_SetStartDoctypeDeclHandler(x->xp, on_doctype);
	for (;;) {
		n = zip_fread(f, chunk, chunk_size);
		if (n < 0) {
			err_set(x->e, ERR_BAD_INPUT, "invalid", "file",
				"Tệp XLSX hỏng: không đọc được %s.", name);
			rc = -1;
			break;
		}
		total += (size_t)n;
		if (total > XLSX_PART_MAX) {
			err_set(x->e, ERR_TOO_LARGE, "too_large", "file",
				"Tệp XLSX quá lớn khi giải nén (%s).", name);
			rc = -1;
			break;
		}
		if (XML_Parse(x->xp, chunk, (int)n, n == 0) == XML_STATUS_ERROR) {
			if (!x->failed)
				err_set(x->e, ERR_BAD_INPUT, "invalid", "file",
					"Tệp XLSX hỏng: %s, dòng %lu của %s.",
					XML_ErrorString(XML_GetErrorCode(x->xp)),
					(unsigned long)XML_GetCurrentLineNumber(
						x->xp),
					name);
			rc = -1;
			break;
		}
		if (x->failed) {
			rc = -1;
			break;
		}
		if (n == 0)
			break;
	}
	XML_ParserFree(x->xp);
	x->xp = NULL;
	zip_fclose(f);
	free(chunk);
	if (rc < 0)
		x->failed = true;
	return rc;
}

/* The sheet's part name from a relationship target (relative to xl/). */
static void sheet_part(const char *target, char out[300])
{
	if (target[0] == '/')
		snprintf(out, 300, "%.255s", target + 1);
	else if (!strncmp(target, "xl/", 3))
		snprintf(out, 300, "%.255s", target);
	else
		snprintf(out, 300, "xl/%.255s", target);
}

int xlsx_read(const char *data, size_t len, const struct table_limits *lim,
	      struct table *t, struct err *e)
{
	struct xr x;
	zip_error_t zerr;
	zip_source_t *src;
	zip_t *z = NULL;
	char part[300];
	size_t i;
	int rc = -1;

	if (len > lim->max_bytes)
		return err_set(e, ERR_TOO_LARGE, "too_large", "file",
			       "Tệp quá lớn (tối đa %zu MiB).",
			       lim->max_bytes >> 20);
	memset(&x, 0, sizeof(x));
	x.lim = lim;
	x.t = t;
	x.e = e;
	buf_init(&x.text, lim->max_cell * 4 + 4);
	zip_error_init(&zerr);
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (src) {
		z = zip_open_from_source(src, ZIP_RDONLY, &zerr);
		if (!z)
			zip_source_free(src);
	}
	zip_error_fini(&zerr);
	if (!z) {
		err_set(e, ERR_BAD_INPUT, "invalid", "file",
			"Tệp không phải XLSX hợp lệ (không mở được tệp nén).");
		goto out;
	}
	x.part = P_WORKBOOK;
	if (parse_part(z, "xl/workbook.xml", &x) < 0)
		goto out;
	strcpy(part, "xl/worksheets/sheet1.xml");
	if (x.sheet_rid[0]) {
		x.part = P_RELS;
		if (parse_part(z, "xl/_rels/workbook.xml.rels", &x) < 0)
			goto out;
		if (x.sheet_target[0])
			sheet_part(x.sheet_target, part);
	}
	x.part = P_STYLES;
	if (parse_part(z, "xl/styles.xml", &x) < 0)
		goto out;
	x.part = P_STRINGS;
	if (parse_part(z, "xl/sharedStrings.xml", &x) < 0)
		goto out;
	x.part = P_SHEET;
	rc = parse_part(z, part, &x);
	if (rc == 0) {
		err_set(e, ERR_BAD_INPUT, "invalid", "file",
			"Tệp XLSX không có trang tính nào.");
		rc = -1;
	}
	if (rc > 0)
		rc = 0;
out:
	if (z)
		zip_discard(z);
	for (i = 0; i < x.nstrings; i++)
		free(x.strings[i]);
	free(x.strings);
	free(x.date_fmts);
	free(x.xf_date);
	buf_release(&x.text);
	if (rc < 0)
		table_release(t);
	return rc;
}
