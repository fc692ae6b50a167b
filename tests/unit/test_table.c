/*
 * Tests for the table readers (src/base/csv.c, src/base/xlsx_read.c):
 * CSV quotes, doubled quotes, separators inside quotes and line breaks,
 * CRLF/LF/CR, the UTF-8 byte order mark, ';' and TAB detection, line
 * numbers of multi-line records, refused input (unclosed quote, stray
 * text after a quote, non-UTF-8, limits); XLSX shared and inline strings,
 * rich text, numbers, dates by built-in and custom formats in both date
 * systems, the first sheet by its relationship, sparse cells and rows,
 * and broken or hostile files (not a zip, bad XML, a DTD, a missing
 * shared string, limits). The XLSX files are zipped here with libzip from
 * hand-written parts, so each case shows exactly what it feeds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "base/table.h"

static const struct table_limits lim = TABLE_LIMITS_DEFAULT;

static void csv_ok(const char *text, struct table *t)
{
	struct err e = ERR_INIT;

	if (csv_read(text, strlen(text), &lim, t, &e) < 0)
		fail_msg("csv_read: %s", e.message);
}

static void assert_row(const struct table *t, size_t i, size_t line,
		       size_t n, const char *const *cells)
{
	size_t k;

	assert_true(i < t->nrows);
	assert_int_equal(t->rows[i].line, line);
	assert_int_equal(t->rows[i].ncells, n);
	for (k = 0; k < n; k++)
		assert_string_equal(t->rows[i].cells[k], cells[k]);
}

#define ROW(t, i, line, ...)                                                 \
	do {                                                                 \
		const char *const c_[] = { __VA_ARGS__ };                     \
		assert_row(t, i, line, sizeof(c_) / sizeof(c_[0]), c_);       \
	} while (0)

static void test_csv_quotes_doubled_quotes_and_line_breaks(void **state)
{
	struct table t = TABLE_INIT;

	(void)state;
	csv_ok("code,name\r\n"
	       "A,\"Chi bộ \"\"Đông\"\", xóm 1\"\r\n"
	       "B,\"hai\r\ndòng\"\r\n"
	       "C,ba\r\n",
	       &t);
	assert_int_equal(t.nrows, 4);
	ROW(&t, 0, 1, "code", "name");
	ROW(&t, 1, 2, "A", "Chi bộ \"Đông\", xóm 1");
	ROW(&t, 2, 3, "B", "hai\r\ndòng");
	ROW(&t, 3, 5, "C", "ba"); /* the record above took two lines */
	table_release(&t);
}

static void test_csv_bom_semicolon_and_bare_lf_or_cr(void **state)
{
	struct table t = TABLE_INIT;

	(void)state;
	csv_ok("\xEF\xBB\xBF" "code;name;members\nA;Tên, có phẩy;12\rB;;\n", &t);
	assert_int_equal(t.nrows, 3);
	ROW(&t, 0, 1, "code", "name", "members");
	ROW(&t, 1, 2, "A", "Tên, có phẩy", "12");
	ROW(&t, 2, 3, "B", "", "");
	table_release(&t);
}

static void test_csv_separator_inside_quotes_does_not_count(void **state)
{
	struct table t = TABLE_INIT;

	(void)state;
	/* Three ';' inside quotes, one ',' outside: ',' wins. */
	csv_ok("\"a;b;c;d\",e\n1,2\n", &t);
	ROW(&t, 0, 1, "a;b;c;d", "e");
	ROW(&t, 1, 2, "1", "2");
	table_release(&t);
	csv_ok("a\tb\tc\n1\t2\t3", &t);
	ROW(&t, 1, 2, "1", "2", "3");
	table_release(&t);
}

static void test_csv_blank_lines_and_no_final_newline(void **state)
{
	struct table t = TABLE_INIT;

	(void)state;
	csv_ok("a,b\n\n1,2", &t);
	assert_int_equal(t.nrows, 3);
	ROW(&t, 1, 2, "");
	ROW(&t, 2, 3, "1", "2");
	table_release(&t);
	csv_ok("", &t);
	assert_int_equal(t.nrows, 0);
	table_release(&t);
}

static void csv_refused(const char *text, size_t len, const char *want,
			const struct table_limits *l)
{
	struct table t = TABLE_INIT;
	struct err e = ERR_INIT;

	assert_int_equal(csv_read(text, len, l ? l : &lim, &t, &e), -1);
	assert_int_equal(t.nrows, 0);
	assert_string_equal(e.field, "file");
	if (!strstr(e.message, want))
		fail_msg("message \"%s\" lacks \"%s\"", e.message, want);
}

static void test_csv_refuses_malformed_input_naming_the_line(void **state)
{
	struct table_limits small = { 100, 3, 4, 5 };
	static const char nul[] = "a,b\n1,\0\n";

	(void)state;
	csv_refused("a,b\n1,\"open\n", 12, "Dòng 3: thiếu dấu ngoặc kép đóng ô mở ở dòng 2",
		    NULL);
	csv_refused("a,b\n\"x\"y,2\n", 11, "Dòng 2, cột 1", NULL);
	csv_refused("a,b\n1,\xC3(\n", 9, "Dòng 2, cột 2: chữ không phải UTF-8",
		    NULL);
	csv_refused(nul, sizeof(nul) - 1, "Dòng 2, cột 2", NULL);
	csv_refused("a\nb\nc\nd\n", 8, "quá 3 dòng", &small);
	csv_refused("a,b,c,d,e\n", 10, "Dòng 1: quá 4 cột", &small);
	csv_refused("abcdef\n", 7, "Dòng 1, cột 1: ô dài quá 5 ký tự", &small);
	csv_refused("\"abcdefghijklmnopqrstuvwxyz\"\n", 29, "ô dài quá", &small);
	csv_refused("0123456789012345678901234567890123456789012345678901234567"
		    "8901234567890123456789012345678901234567890123456789",
		    110, "Tệp quá lớn", &small);
}

static void test_csv_cell_limit_counts_characters_not_bytes(void **state)
{
	struct table_limits l = { 1000, 10, 4, 5 };
	struct table t = TABLE_INIT;
	struct err e = ERR_INIT;
	const char *s = "Đảng ủy\n"; /* 7 characters, 12 bytes */

	(void)state;
	assert_int_equal(csv_read(s, strlen(s), &l, &t, &e), -1);
	l.max_cell = 7;
	assert_int_equal(csv_read(s, strlen(s), &l, &t, &e), 0);
	ROW(&t, 0, 1, "Đảng ủy");
	table_release(&t);
}

/* --- XLSX ---------------------------------------------------------------- */

#define CT                                                                    \
	"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats." \
	"org/package/2006/content-types\"/>"
#define WB_NS                                                                 \
	"xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"   \
	"relationships\""
#define WORKBOOK(pr, sheets)                                                  \
	"<?xml version=\"1.0\"?><workbook " WB_NS ">" pr "<sheets>" sheets    \
	"</sheets></workbook>"
#define RELS(rels)                                                            \
	"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."      \
	"openxmlformats.org/package/2006/relationships\">" rels               \
	"</Relationships>"
#define SHEET(rows)                                                           \
	"<?xml version=\"1.0\"?><worksheet " WB_NS "><sheetData>" rows        \
	"</sheetData></worksheet>"

/* Parts as name, content pairs ending with NULL. */
static char *make_zip(const char *const *parts, size_t *len)
{
	char path[] = "/tmp/tg-test-xlsx-XXXXXX";
	int fd = mkstemp(path);
	zip_t *z;
	FILE *f;
	char *data;
	long n;

	assert_true(fd >= 0);
	close(fd);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, NULL);
	assert_non_null(z);
	for (; parts[0]; parts += 2) {
		zip_source_t *s = zip_source_buffer(z, parts[1],
						    strlen(parts[1]), 0);
		assert_non_null(s);
		assert_true(zip_file_add(z, parts[0], s, ZIP_FL_OVERWRITE) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	data = malloc((size_t)n);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	unlink(path);
	*len = (size_t)n;
	return data;
}

static int xlsx_of(const char *const *parts, struct table *t, struct err *e)
{
	size_t len;
	char *data = make_zip(parts, &len);
	int rc = table_read(data, len, &lim, t, e);

	free(data);
	return rc;
}

static void test_xlsx_shared_inline_rich_numbers_and_dates(void **state)
{
	static const char *const parts[] = {
		"[Content_Types].xml", CT,
		"xl/workbook.xml",
		WORKBOOK("", "<sheet name=\"Đơn vị\" sheetId=\"1\" r:id=\"rId1\"/>"),
		"xl/_rels/workbook.xml.rels",
		RELS("<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\""
		     " Type=\"x\"/>"),
		"xl/styles.xml",
		"<styleSheet " WB_NS "><numFmts count=\"1\"><numFmt numFmtId="
		"\"164\" formatCode=\"dd/mm/yyyy\"/><numFmt numFmtId=\"165\" "
		"formatCode=\"&quot;ngày&quot; 0.00\"/></numFmts>"
		"<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>"
		"<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
		"<xf numFmtId=\"165\"/></cellXfs></styleSheet>",
		"xl/sharedStrings.xml",
		"<sst " WB_NS "><si><t>code</t></si><si><t xml:space=\"preserve\">"
		"Chi bộ &amp; \"Đông\"</t></si><si><r><t>Đảng </t></r><r><t>ủy"
		"</t></r><rPh><t>PHONETIC</t></rPh></si></sst>",
		"xl/worksheets/sheet1.xml",
		SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
		      "<c r=\"C1\" t=\"inlineStr\"><is><t>ghi chú</t></is></c></row>"
		      "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c><c r=\"B3\"><v>12</v></c>"
		      "<c r=\"C3\"><v>1.5</v></c><c r=\"D3\" s=\"1\"><v>45356</v></c>"
		      "<c r=\"E3\" s=\"2\"><v>45356.75</v></c><c r=\"F3\" s=\"3\"><v>7</v></c>"
		      "<c r=\"G3\" t=\"b\"><v>1</v></c><c r=\"H3\" t=\"str\"><f>A1</f><v>x</v></c></row>"
		      "<row r=\"4\"><c r=\"B4\" t=\"s\"><v>2</v></c><c r=\"C4\"><v>2.0000000000000004</v></c>"
		      "<c r=\"D4\" s=\"1\"><v>1</v></c><c r=\"E4\" s=\"1\"><v>59</v></c></row>"
		      "<row r=\"5\"><c r=\"A5\" s=\"1\"/></row>"),
		NULL,
	};
	struct table t = TABLE_INIT;
	struct err e = ERR_INIT;

	(void)state;
	if (xlsx_of(parts, &t, &e) < 0)
		fail_msg("xlsx_read: %s", e.message);
	assert_int_equal(t.nrows, 3); /* row 5 holds no value */
	ROW(&t, 0, 1, "code", "", "ghi chú");
	ROW(&t, 1, 3, "Chi bộ & \"Đông\"", "12", "1.5", "2024-03-05",
	    "2024-03-05", "7", "1", "x");
	ROW(&t, 2, 4, "", "Đảng ủy", "2", "1900-01-01", "1900-02-28");
	table_release(&t);
}

static void test_xlsx_first_sheet_by_relationship_and_1904_dates(void **state)
{
	static const char *const parts[] = {
		"xl/workbook.xml",
		WORKBOOK("<workbookPr date1904=\"1\"/>",
			 "<sheet name=\"B\" sheetId=\"2\" r:id=\"rId7\"/>"
			 "<sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>"),
		"xl/_rels/workbook.xml.rels",
		RELS("<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
		     "<Relationship Id=\"rId7\" Target=\"/xl/worksheets/dulieu.xml\"/>"),
		"xl/styles.xml",
		"<styleSheet " WB_NS "><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
		"</cellXfs></styleSheet>",
		"xl/worksheets/sheet1.xml", SHEET("<row r=\"1\"><c><v>1</v></c></row>"),
		"xl/worksheets/dulieu.xml",
		SHEET("<row><c s=\"1\"><v>0</v></c><c s=\"1\"><v>43894</v></c></row>"
		      "<row><c/><c t=\"inlineStr\"><is><t>b</t></is></c></row>"),
		NULL,
	};
	struct table t = TABLE_INIT;
	struct err e = ERR_INIT;

	(void)state;
	if (xlsx_of(parts, &t, &e) < 0)
		fail_msg("xlsx_read: %s", e.message);
	assert_int_equal(t.nrows, 2);
	/* Serial 0 is not a date Excel shows; 43894 in 1904 is 2024-03-05. */
	ROW(&t, 0, 1, "0", "2024-03-05");
	ROW(&t, 1, 2, "", "b");
	table_release(&t);
}

static void xlsx_refused(const char *const *parts, const char *want)
{
	struct table t = TABLE_INIT;
	struct err e = ERR_INIT;

	assert_int_equal(xlsx_of(parts, &t, &e), -1);
	assert_int_equal(t.nrows, 0);
	assert_string_equal(e.field, "file");
	if (!strstr(e.message, want))
		fail_msg("message \"%s\" lacks \"%s\"", e.message, want);
}

static void test_xlsx_refuses_broken_and_hostile_files(void **state)
{
	static const char *const bad_xml[] = {
		"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>",
		NULL,
	};
	static const char *const dtd[] = {
		"xl/worksheets/sheet1.xml",
		"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]>"
		"<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&a;</t>"
		"</is></c></row></sheetData></worksheet>",
		NULL,
	};
	static const char *const missing_string[] = {
		"xl/sharedStrings.xml", "<sst><si><t>a</t></si></sst>",
		"xl/worksheets/sheet1.xml",
		SHEET("<row r=\"2\"><c t=\"s\"><v>1</v></c></row>"), NULL,
	};
	static const char *const no_sheet[] = { "word/document.xml", "<w/>",
						NULL };
	static const char *const wide[] = {
		"xl/worksheets/sheet1.xml",
		SHEET("<row r=\"9\"><c r=\"ZZ9\"><v>1</v></c></row>"), NULL,
	};
	static const char *const backwards[] = {
		"xl/worksheets/sheet1.xml",
		SHEET("<row r=\"9\"><c><v>1</v></c></row><row r=\"3\"><c><v>1</v>"
		      "</c></row>"),
		NULL,
	};
	/* Found by fuzz_xlsx: row 0 gave a line 0 before line 3. */
	static const char *const row_zero[] = {
		"xl/worksheets/sheet1.xml",
		SHEET("<row r=\"0\"><c><v>1</v></c></row><row r=\"3\"><c><v>1</v>"
		      "</c></row>"),
		NULL,
	};
	/* Found by fuzz_xlsx: a cell before any row went into a line 0, a
	 * cell after a row's end into that row. */
	static const char *const cell_before_row[] = {
		"xl/worksheets/sheet1.xml",
		SHEET("<c t=\"b\"><v>1</v></c><row r=\"3\"><c><v>1</v></c></row>"),
		NULL,
	};
	static const char *const cell_after_row[] = {
		"xl/worksheets/sheet1.xml",
		SHEET("<row r=\"3\"><c><v>1</v></c></row><c><v>2</v></c>"),
		NULL,
	};
	static const char *const row_junk[] = {
		"xl/worksheets/sheet1.xml",
		SHEET("<row r=\"-2\"><c><v>1</v></c></row>"), NULL,
	};
	static const char *const row_past_excel[] = {
		"xl/worksheets/sheet1.xml",
		SHEET("<row r=\"1048577\"><c><v>1</v></c></row>"), NULL,
	};
	struct table t = TABLE_INIT;
	struct err e = ERR_INIT;
	static const char not_zip[] = "PK\3\4 this is not a zip at all";

	(void)state;
	xlsx_refused(bad_xml, "Tệp XLSX hỏng");
	xlsx_refused(dtd, "DTD");
	xlsx_refused(missing_string, "Dòng 2: ô trỏ tới chuỗi dùng chung");
	xlsx_refused(no_sheet, "không có trang tính");
	xlsx_refused(wide, "Dòng 9: quá 64 cột");
	xlsx_refused(backwards, "Dòng 3");
	xlsx_refused(row_zero, "số thứ tự của một dòng");
	xlsx_refused(cell_before_row, "ô nằm ngoài mọi dòng");
	xlsx_refused(cell_after_row, "ô nằm ngoài mọi dòng");
	xlsx_refused(row_junk, "số thứ tự của một dòng");
	xlsx_refused(row_past_excel, "số thứ tự của một dòng");
	assert_int_equal(table_read(not_zip, sizeof(not_zip) - 1, &lim, &t, &e),
			 -1);
	assert_string_equal(e.field, "file");
	assert_non_null(strstr(e.message, "không phải XLSX"));
}

static void test_xlsx_row_limit(void **state)
{
	static const char *const parts[] = {
		"xl/worksheets/sheet1.xml",
		SHEET("<row><c><v>1</v></c></row><row><c><v>2</v></c></row>"
		      "<row><c><v>3</v></c></row>"),
		NULL,
	};
	struct table_limits l = TABLE_LIMITS_DEFAULT;
	struct table t = TABLE_INIT;
	struct err e = ERR_INIT;
	size_t len;
	char *data = make_zip(parts, &len);

	(void)state;
	l.max_rows = 2;
	assert_int_equal(xlsx_read(data, len, &l, &t, &e), -1);
	assert_int_equal(e.status, ERR_TOO_LARGE);
	assert_non_null(strstr(e.message, "quá 2 dòng"));
	l.max_rows = 3;
	assert_int_equal(xlsx_read(data, len, &l, &t, &e), 0);
	assert_int_equal(t.nrows, 3);
	table_release(&t);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quotes_doubled_quotes_and_line_breaks),
		cmocka_unit_test(test_csv_bom_semicolon_and_bare_lf_or_cr),
		cmocka_unit_test(test_csv_separator_inside_quotes_does_not_count),
		cmocka_unit_test(test_csv_blank_lines_and_no_final_newline),
		cmocka_unit_test(test_csv_refuses_malformed_input_naming_the_line),
		cmocka_unit_test(test_csv_cell_limit_counts_characters_not_bytes),
		cmocka_unit_test(test_xlsx_shared_inline_rich_numbers_and_dates),
		cmocka_unit_test(test_xlsx_first_sheet_by_relationship_and_1904_dates),
		cmocka_unit_test(test_xlsx_refuses_broken_and_hostile_files),
		cmocka_unit_test(test_xlsx_row_limit),
	};

	return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
