/*
 * Tests for the DOCX writer (src/export/docx.c) and the HTML print view
 * (src/export/html.c): layout parts, escaping of stored text, a valid zip.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "export/docx.h"
#include "export/html.h"

static json_t *report(void)
{
	return json_pack(
	    "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[s], s:s,"
	    " s:s, s:s, s:b, s:{s:[]}}",
	    "header_committee", "ĐẢNG BỘ TỈNH SƠN HÀ", "header_unit",
	    "THÀNH ỦY LONG GIANG", "symbol", "01-BC/ThU", "place_date",
	    "Long Giang, ngày 15 tháng 6 năm 2022", "title",
	    "Kết quả <công tác> & \"tuyên giáo\"", "status", "draft",
	    "period_text", "6 tháng đầu năm 2022", "results",
	    "Đã tổ chức 321 hội nghị", "results_text", "", "limits_text",
	    "Dòng một\n\nDòng <b>hai</b>\r\n", "tasks_text", "", "provisional",
	    0, "figures", "children");
}

static void test_document_has_party_layout_and_escapes_text(void **s)
{
	json_t *r = report();
	struct buf b = BUF_INIT;

	(void)s;
	assert_int_equal(export_docx_document_xml(r, &b), 0);
	assert_non_null(strstr(b.ptr, "ĐẢNG CỘNG SẢN VIỆT NAM"));
	assert_non_null(strstr(b.ptr, "<w:u w:val=\"single\"/>"));
	assert_non_null(strstr(b.ptr, "Số 01-BC/ThU"));
	assert_non_null(strstr(b.ptr, "w:top=\"1134\" w:right=\"851\""
				      " w:bottom=\"1134\" w:left=\"1701\""));
	assert_non_null(strstr(b.ptr, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
	assert_non_null(strstr(b.ptr, "Kết quả &lt;công tác&gt; &amp;"
				      " &quot;tuyên giáo&quot;"));
	assert_null(strstr(b.ptr, "<công tác>"));
	assert_non_null(strstr(b.ptr, "Dòng &lt;b&gt;hai&lt;/b&gt;"));
	buf_release(&b);
	json_decref(r);
}

static void test_docx_is_a_zip(void **s)
{
	json_t *r = report();
	struct buf b = BUF_INIT;
	struct err e = ERR_INIT;

	(void)s;
	assert_int_equal(export_docx(r, &b, &e), 0);
	assert_true(b.len > 1000);
	assert_memory_equal(b.ptr, "PK\x03\x04", 4);
	buf_release(&b);
	json_decref(r);
}

static void test_html_links_stylesheet_and_has_no_inline_style(void **s)
{
	json_t *r = report();
	struct buf b = BUF_INIT;

	(void)s;
	assert_int_equal(export_html(r, "/report-print.css", &b), 0);
	assert_non_null(strstr(
	    b.ptr, "<link rel=\"stylesheet\" href=\"/report-print.css\">"));
	assert_null(strstr(b.ptr, "style="));
	assert_null(strstr(b.ptr, "<script"));
	assert_null(strstr(b.ptr, "<b>"));
	assert_non_null(strstr(b.ptr, "Dòng một</p>"));
	buf_release(&b);
	json_decref(r);
}

static void test_paragraphs_drop_blank_lines(void **s)
{
	json_t *l = export_paragraphs("a\n\n  \nb\r\n");

	(void)s;
	assert_int_equal(json_array_size(l), 2);
	assert_string_equal(json_string_value(json_array_get(l, 1)), "b");
	json_decref(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_document_has_party_layout_and_escapes_text),
	    cmocka_unit_test(test_docx_is_a_zip),
	    cmocka_unit_test(
		test_html_links_stylesheet_and_has_no_inline_style),
	    cmocka_unit_test(test_paragraphs_drop_blank_lines),
	};

	return cmocka_run_group_tests_name("docx", tests, NULL, NULL);
}
