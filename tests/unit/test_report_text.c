/*
 * Tests for the wording of periodic reports (src/domain/report_text.c),
 * the report period keys (reports_period_parse), and the escaping the
 * exports rely on (src/base/escape.c).
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
#include "base/escape.h"
#include "base/format.h"
#include "domain/report_text.h"
#include "domain/reports.h"
#include "domain/rollup.h"

static json_t *activity(int64_t n, int64_t num, int64_t den, int64_t nm)
{
	return json_pack("{s:I, s:o, s:I}", "count", (json_int_t)n, "members",
			 rollup_rate_json(num, den), "non_members",
			 (json_int_t)nm);
}

/* A "totals" object shaped like rollup.c's. */
static json_t *totals(int64_t study, int64_t rc)
{
	return json_pack(
	    "{s:{s:o, s:o, s:o, s:o}, s:{s:I, s:I, s:I}, s:{s:I},"
	    " s:{s:{s:I, s:I, s:I}}, s:[]}",
	    "activities", "study", activity(study, 8196, 8272, 2526),
	    "political", activity(0, 0, 0, 0), "flag_salute",
	    activity(0, 0, 0, 0), "seminar", activity(1, 9, 10, 0),
	    "reporter_conferences", "count", (json_int_t)rc,
	    "reporters_present", (json_int_t)(rc * 12), "audience",
	    (json_int_t)(rc * 1000), "reporters", "count", (json_int_t)0,
	    "classes", "all", "count", (json_int_t)0, "enrolled", (json_int_t)0,
	    "completed", (json_int_t)0, "indicators");
}

static char *joined(json_t *list)
{
	struct buf b = BUF_INIT;
	json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
	    buf_addf(&b, "%s\n", json_string_value(v));
	return buf_detach(&b, NULL);
}

static void test_results_say_321_conferences_with_rate_like_the_seeds(void **s)
{
	json_t *t = totals(321, 3), *l = report_text_results(t);
	char *txt = joined(l);

	(void)s;
	assert_non_null(strstr(txt, "Đã tổ chức 321 hội nghị học tập"));
	assert_non_null(
	    strstr(txt, ", với 8.196/8.272 đảng viên tham dự, đạt 99%"));
	assert_non_null(strstr(txt, "có 2.526 lượt quần chúng tham dự."));
	assert_non_null(strstr(txt, "Tổ chức 03 hội nghị báo cáo viên, với 36"
				    " lượt báo cáo viên tham dự, thông tin đến"
				    " 3.000 lượt người nghe."));
	free(txt);
	json_decref(l);
	json_decref(t);
}

static void test_results_never_say_zero_conferences(void **s)
{
	json_t *t = totals(0, 0), *l = report_text_results(t);
	char *txt = joined(l);

	(void)s;
	assert_null(strstr(txt, " 0 "));
	assert_null(strstr(txt, " 00 "));
	assert_non_null(strstr(txt, "chưa tổ chức hội nghị học tập"));
	assert_non_null(strstr(txt, "chưa tổ chức hội nghị báo cáo viên"));
	/* Groups with nothing to say are left out entirely. */
	assert_null(strstr(txt, "hoạt động chính trị"));
	assert_null(strstr(txt, "chào cờ"));
	/* One of something reads "01", as Party documents write it. */
	assert_non_null(strstr(txt, "Đã tổ chức 01 hội thảo, tọa đàm, với 9/10"
				    " đảng viên tham dự, đạt 90%."));
	free(txt);
	json_decref(l);
	json_decref(t);
}

static void test_documents_tasks_opinion_hotspots_are_worded(void **s)
{
	json_t *t = json_pack(
	    "{s:{s:I, s:I, s:[{s:s, s:s, s:I}, {s:s, s:s, s:I}]},"
	    " s:{s:I, s:I, s:I, s:I},"
	    " s:{s:I, s:[{s:s, s:I}]}, s:{s:I, s:I, s:I}}",
	    "documents", "issued", (json_int_t)5, "received", (json_int_t)12,
	    "by_type", "code", "KH", "name", "Kế hoạch", "count", (json_int_t)3,
	    "code", "ĐA", "name", "Đề án", "count", (json_int_t)2, "tasks",
	    "done", (json_int_t)17, "done_on_time", (json_int_t)11, "overdue",
	    (json_int_t)1, "due", (json_int_t)20, "opinion", "reports",
	    (json_int_t)1045, "topics", "name", "An sinh xã hội", "reports",
	    (json_int_t)134, "hotspots", "opened", (json_int_t)0, "resolved",
	    (json_int_t)0, "open", (json_int_t)0);
	json_t *l = report_text_results(t);
	char *txt = joined(l);

	(void)s;
	assert_non_null(strstr(txt, "Tham mưu ban hành 05 văn bản (gồm 03 kế"
				    " hoạch, 02 đề án); tiếp nhận, xử lý 12 văn"
				    " bản đến."));
	assert_non_null(strstr(txt,
			       "Hoàn thành 17 lượt nhiệm vụ được giao (11"
			       " lượt đúng hạn); còn 01 lượt nhiệm vụ quá hạn"
			       " chưa hoàn thành."));
	assert_non_null(strstr(txt,
			       "Nắm bắt, tổng hợp 1.045 báo cáo tình hình"
			       " dư luận xã hội về 01 chủ đề, nổi bật là: An"
			       " sinh xã hội (134 báo cáo)."));
	assert_null(strstr(txt, "điểm nóng"));
	free(txt);
	json_decref(l);
	json_decref(t);
}

static void test_count_pads_below_ten_and_groups_thousands(void **s)
{
	struct buf b = BUF_INIT;

	(void)s;
	report_text_count(&b, 7);
	buf_addch(&b, ' ');
	report_text_count(&b, 321);
	buf_addch(&b, ' ');
	report_text_count(&b, 8199);
	assert_string_equal(b.ptr, "07 321 8.199");
	buf_release(&b);
}

static void test_rates_round_half_away_and_keep_comma(void **s)
{
	struct buf b = BUF_INIT;

	(void)s;
	format_percent(&b, 9545, 2);
	buf_addch(&b, ' ');
	format_rate(&b, 8196, 8272, 0);
	buf_addch(&b, ' ');
	format_rate(&b, 1, 8, 1); /* 12,5 exactly */
	buf_addch(&b, ' ');
	format_rate(&b, 1, 200, 0); /* 0,5 -> 1 */
	assert_string_equal(b.ptr, "95,45% 99% 12,5% 1%");
	buf_release(&b);
}

static void test_place_date_follows_the_leading_zero_rule(void **s)
{
	struct buf b = BUF_INIT;

	(void)s;
	report_text_place_date(&b, "Long Giang", "2022-06-15");
	assert_string_equal(b.ptr, "Long Giang, ngày 15 tháng 6 năm 2022");
	buf_reset(&b);
	report_text_place_date(&b, "Hạ Long", "2026-01-09");
	assert_string_equal(b.ptr, "Hạ Long, ngày 09 tháng 01 năm 2026");
	buf_reset(&b);
	report_text_place_date(&b, "", "2018-04-03");
	assert_string_equal(b.ptr, "ngày 03 tháng 4 năm 2018");
	buf_reset(&b);
	report_text_place_date(&b, "X", "2024-02-29");
	assert_string_equal(b.ptr, "X, ngày 29 tháng 02 năm 2024");
	buf_release(&b);
}

static void test_period_words(void **s)
{
	static const char *const cases[][2] = {
	    {"2022-H1", "6 tháng đầu năm 2022"},
	    {"2022-H2", "6 tháng cuối năm 2022"},
	    {"2023-Q3", "quý III năm 2023"},
	    {"2023-9M", "9 tháng đầu năm 2023"},
	    {"2023-05", "tháng 5 năm 2023"},
	    {"2023-W14", "tuần 14 năm 2023"},
	    {"2023", "năm 2023"},
	};
	struct buf b = BUF_INIT;
	size_t i;

	(void)s;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&b);
		report_text_period(&b, cases[i][0]);
		assert_string_equal(b.ptr, cases[i][1]);
	}
	buf_release(&b);
}

static void test_header_words_are_uppercased_vietnamese(void **s)
{
	struct buf b = BUF_INIT, c = BUF_INIT;

	(void)s;
	report_text_upper(&b, "Thành ủy Long Giang");
	assert_string_equal(b.ptr, "THÀNH ỦY LONG GIANG");
	report_text_committee(&c, "Tỉnh ủy Sơn Hà");
	assert_string_equal(c.ptr, "Đảng bộ tỉnh Sơn Hà");
	buf_reset(&b);
	report_text_upper(&b, c.ptr);
	assert_string_equal(b.ptr, "ĐẢNG BỘ TỈNH SƠN HÀ");
	buf_reset(&b);
	report_text_upper(&b, "đường ưu tiên ơn huệ ĩ ũ ặ ẫ ỵ");
	assert_string_equal(b.ptr, "ĐƯỜNG ƯU TIÊN ƠN HUỆ Ĩ Ũ Ặ Ẫ Ỵ");
	buf_release(&b);
	buf_release(&c);
}

static void test_report_periods_parse_kinds_and_refuse_bad_keys(void **s)
{
	struct err e = ERR_INIT;
	struct period p;
	const char *kind;

	(void)s;
	assert_int_equal(reports_period_parse("2022-H1", &p, &kind, &e), 0);
	assert_string_equal(kind, "half");
	assert_string_equal(p.end, "2022-06-30");
	assert_int_equal(reports_period_parse("2023-9M", &p, &kind, &e), 0);
	assert_string_equal(kind, "nine_months");
	assert_string_equal(p.start, "2023-01-01");
	assert_string_equal(p.end, "2023-09-30");
	assert_int_equal(reports_period_parse("2023-W14", &p, &kind, &e), 0);
	assert_string_equal(kind, "week");
	assert_string_equal(p.start, "2023-04-03");
	assert_int_equal(reports_period_parse("2022-H3", &p, &kind, &e), -1);
	assert_string_equal(e.field, "period");
	err_clear(&e);
	assert_int_equal(
	    reports_period_parse("2023-01-01..2023-06-30", &p, &kind, &e), -1);
	err_clear(&e);
	assert_int_equal(reports_period_parse("2023-8M", &p, &kind, &e), -1);
}

static void test_escape_html_and_xml(void **s)
{
	struct buf b = BUF_INIT;

	(void)s;
	escape_html(&b, "<script>\"a\" & 'b'</script>");
	assert_string_equal(b.ptr,
			    "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;"
			    "&lt;/script&gt;");
	buf_reset(&b);
	escape_xml(&b, "a\x01\tb\x1f");
	assert_string_equal(b.ptr, "a\tb");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
		test_results_say_321_conferences_with_rate_like_the_seeds),
	    cmocka_unit_test(test_results_never_say_zero_conferences),
	    cmocka_unit_test(test_documents_tasks_opinion_hotspots_are_worded),
	    cmocka_unit_test(test_count_pads_below_ten_and_groups_thousands),
	    cmocka_unit_test(test_rates_round_half_away_and_keep_comma),
	    cmocka_unit_test(test_place_date_follows_the_leading_zero_rule),
	    cmocka_unit_test(test_period_words),
	    cmocka_unit_test(test_header_words_are_uppercased_vietnamese),
	    cmocka_unit_test(
		test_report_periods_parse_kinds_and_refuse_bad_keys),
	    cmocka_unit_test(test_escape_html_and_xml),
	};

	return cmocka_run_group_tests_name("report_text", tests, NULL, NULL);
}
