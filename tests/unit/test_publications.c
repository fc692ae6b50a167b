/*
 * Tests for the pure parts of issue 9: months spanned by a range
 * (publications_months_in_range, which decides "…/tháng"), the average
 * days to answer as Vietnamese text (appraisals_avg_text), and the report
 * sentences about press reports, publications and appraisals
 * (report_text_output in src/domain/report_text_pub.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "domain/appraisals.h"
#include "domain/publications.h"
#include "domain/report_text.h"

static void test_months_in_range_counts_calendar_months_touched(void **s)
{
	(void)s;
	assert_int_equal(publications_months_in_range("2024-01-01", "2024-12-31"), 12);
	assert_int_equal(publications_months_in_range("2024-01-15", "2024-03-01"), 3);
	assert_int_equal(publications_months_in_range("2023-12-31", "2024-01-01"), 2);
	assert_int_equal(publications_months_in_range("2024-05-10", "2024-05-10"), 1);
	assert_int_equal(publications_months_in_range("2024-06-01", "2024-05-01"), 0);
	assert_int_equal(publications_months_in_range("2024-02-30", "2024-05-01"), 0);
}

static void expect_avg(int64_t days, int64_t n, const char *want)
{
	struct buf b = BUF_INIT;

	assert_int_equal(appraisals_avg_text(&b, days, n), 0);
	assert_string_equal(b.ptr, want);
	buf_release(&b);
}

static void test_average_days_is_days_over_answered_with_one_decimal(void **s)
{
	(void)s;
	expect_avg(18, 4, "4,5");
	expect_avg(434, 73, "5,9"); /* 5,945… */
	expect_avg(8, 2, "4");
	expect_avg(1, 3, "0,3");
	expect_avg(2, 3, "0,7");  /* 0,666… rounds up */
	expect_avg(21000, 2, "10.500");
	expect_avg(5, 0, "");
}

/* A totals object with the groups the roll-up adds. */
static json_t *totals(bool monthly, int64_t answered_comment,
		      int64_t answered_appraisal, int64_t pending)
{
	int64_t done = answered_comment + answered_appraisal;

	return json_pack(
		"{s:{s:I, s:I},"
		" s:{s:{s:I}, s:[{s:s, s:s, s:I, s:I, s:b, s:I},"
		" {s:s, s:s, s:I, s:I, s:b, s:I},"
		" {s:s, s:s, s:I, s:I, s:b, s:I}], s:[]},"
		" s:{s:{s:I}, s:{s:I}, s:{s:I, s:I, s:I}}}",
		"press_reports", "count", (json_int_t)52, "submitted",
		(json_int_t)52, "publications", "book", "issues", (json_int_t)0,
		"series", "kind", "bulletin", "series", "Thông tin tổng hợp",
		"issues", (json_int_t)36, "copies", (json_int_t)16740,
		"monthly", 0, "copies_per_issue", (json_int_t)0, "kind",
		"bulletin", "series", "Thông tin an ninh tư tưởng", "issues",
		(json_int_t)12, "copies", (json_int_t)1800, "monthly", 1,
		"copies_per_issue", (json_int_t)150, "kind", "handbook",
		"series", "Sổ tay Sinh hoạt chi bộ", "issues", (json_int_t)12,
		"copies", (json_int_t)36000, "monthly", monthly,
		"copies_per_issue", (json_int_t)3000, "books", "appraisals",
		"comment", "answered", (json_int_t)answered_comment,
		"appraisal", "answered", (json_int_t)answered_appraisal, "all",
		"answered", (json_int_t)done, "pending", (json_int_t)pending,
		"days_total", (json_int_t)(done * 5));
}

static char *sentences(json_t *t)
{
	json_t *l = json_array(), *v;
	struct buf b = BUF_INIT;
	size_t i;

	report_text_output(l, t);
	json_array_foreach(l, i, v)
		buf_addf(&b, "%s\n", json_string_value(v));
	json_decref(l);
	json_decref(t);
	return buf_detach(&b, NULL);
}

static void test_sentences_state_seed_001_figures(void **s)
{
	char *txt = sentences(totals(true, 49, 24, 0));

	(void)s;
	assert_string_equal(
		txt,
		"Xây dựng 52 báo cáo công tác báo chí hàng tuần.\n"
		"Biên soạn, biên tập 36 số Thông tin tổng hợp, 12 số Thông tin"
		" an ninh tư tưởng; phát hành 3.000 cuốn Sổ tay Sinh hoạt chi"
		" bộ/tháng.\n"
		"Tham gia ý kiến, thẩm định 73 văn bản, đề án do các ban, sở,"
		" ngành, cơ quan, đơn vị đề nghị (tham gia ý kiến 49, thẩm định"
		" 24); thời gian trả lời bình quân 5 ngày.\n");
	free(txt);
}

static void test_handbook_not_monthly_states_total_copies(void **s)
{
	char *txt = sentences(totals(false, 3, 0, 2));

	(void)s;
	assert_non_null(strstr(txt, "phát hành 36.000 cuốn Sổ tay Sinh hoạt chi"
				    " bộ (12 số)"));
	assert_null(strstr(txt, "/tháng"));
	assert_non_null(strstr(txt, "Tham gia ý kiến, thẩm định 03 văn bản"));
	assert_null(strstr(txt, "(tham gia ý kiến"));
	assert_non_null(strstr(txt, "; còn 02 văn bản đang nghiên cứu, cho ý"
				    " kiến."));
	free(txt);
}

static void test_nothing_to_say_gives_no_sentence(void **s)
{
	json_t *l = json_array(), *t = json_object();

	(void)s;
	report_text_output(l, t);
	assert_int_equal(json_array_size(l), 0);
	json_decref(l);
	json_decref(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_months_in_range_counts_calendar_months_touched),
		cmocka_unit_test(test_average_days_is_days_over_answered_with_one_decimal),
		cmocka_unit_test(test_sentences_state_seed_001_figures),
		cmocka_unit_test(test_handbook_not_monthly_states_total_copies),
		cmocka_unit_test(test_nothing_to_say_gives_no_sentence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
