/*
 * Tests for Vietnamese number and date formatting (src/base/format.c).
 *
 * The cases in tests/format_cases.json are shared with the web UI's
 * format.js tests, so the C formatter and the browser agree digit for
 * digit; the file is read relative to the repository root, where the tests
 * run. The named tests below pin the rules that matter most and the
 * 64-bit edges JavaScript numbers cannot express.
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
#include "base/format.h"

#define CASES_PATH "tests/format_cases.json"

/* Load one array of cases from the shared file; the caller decrefs root. */
static json_t *load_cases(json_t **root, const char *key)
{
	json_error_t jerr;
	json_t *arr;

	*root = json_load_file(CASES_PATH, 0, &jerr);
	if (!*root)
		fail_msg("cannot read %s (run from the repository root): "
			 "line %d: %s", CASES_PATH, jerr.line, jerr.text);
	arr = json_object_get(*root, key);
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		fail_msg("%s: \"%s\" is not a non-empty array", CASES_PATH, key);
	return arr;
}

/* Element i of a case row, which must be an integer. */
static json_int_t row_int(json_t *row, size_t i)
{
	json_t *v = json_array_get(row, i);

	if (!json_is_integer(v))
		fail_msg("case element %zu is not an integer", i);
	return json_integer_value(v);
}

/* Element i of a case row, which must be a string. */
static const char *row_str(json_t *row, size_t i)
{
	json_t *v = json_array_get(row, i);

	if (!json_is_string(v))
		fail_msg("case element %zu is not a string", i);
	return json_string_value(v);
}

static void assert_int_formats(int64_t v, const char *want)
{
	struct buf b = BUF_INIT;

	assert_int_equal(format_int(&b, v), 0);
	assert_string_equal(b.ptr, want);
	buf_release(&b);
}

static void assert_rate_formats(int64_t num, int64_t den, int decimals,
				const char *want)
{
	struct buf b = BUF_INIT;

	assert_int_equal(format_rate(&b, num, den, decimals), 0);
	if (strcmp(b.ptr, want) != 0)
		fail_msg("format_rate(%lld, %lld, %d) = \"%s\", want \"%s\"",
			 (long long)num, (long long)den, decimals, b.ptr, want);
	buf_release(&b);
}

static void assert_percent_formats(int64_t hundredths, int decimals,
				   const char *want)
{
	struct buf b = BUF_INIT;

	assert_int_equal(format_percent(&b, hundredths, decimals), 0);
	if (strcmp(b.ptr, want) != 0)
		fail_msg("format_percent(%lld, %d) = \"%s\", want \"%s\"",
			 (long long)hundredths, decimals, b.ptr, want);
	buf_release(&b);
}

static void assert_date_long_formats(int y, int m, int d, const char *want)
{
	struct buf b = BUF_INIT;

	assert_int_equal(format_date_long(&b, y, m, d), 0);
	assert_string_equal(b.ptr, want);
	buf_release(&b);
}

static void assert_parse_fails(const char *s)
{
	int y = -7, m = -7, d = -7;

	if (date_parse_iso(s, &y, &m, &d) != -1)
		fail_msg("date_parse_iso(\"%s\") accepted", s);
	/* A refused date leaves the outputs alone. */
	assert_int_equal(y, -7);
	assert_int_equal(m, -7);
	assert_int_equal(d, -7);
}

static void test_int_matches_shared_cases(void **state)
{
	json_t *root, *arr, *row;
	size_t i;

	(void)state;
	arr = load_cases(&root, "int");
	json_array_foreach(arr, i, row)
		assert_int_formats(row_int(row, 0), row_str(row, 1));
	json_decref(root);
}

static void test_rate_matches_shared_cases(void **state)
{
	json_t *root, *arr, *row;
	size_t i;

	(void)state;
	arr = load_cases(&root, "rate");
	json_array_foreach(arr, i, row)
		assert_rate_formats(row_int(row, 0), row_int(row, 1),
				    (int)row_int(row, 2), row_str(row, 3));
	json_decref(root);
}

static void test_percent_matches_shared_cases(void **state)
{
	json_t *root, *arr, *row;
	size_t i;

	(void)state;
	arr = load_cases(&root, "percent");
	json_array_foreach(arr, i, row)
		assert_percent_formats(row_int(row, 0), (int)row_int(row, 1),
				       row_str(row, 2));
	json_decref(root);
}

static void test_date_matches_shared_cases(void **state)
{
	json_t *root, *arr, *row;
	struct buf b = BUF_INIT;
	int y, m, d;
	size_t i;

	(void)state;
	arr = load_cases(&root, "date");
	json_array_foreach(arr, i, row) {
		assert_int_equal(date_parse_iso(row_str(row, 0), &y, &m, &d), 0);
		buf_reset(&b);
		assert_int_equal(format_date(&b, y, m, d), 0);
		assert_string_equal(b.ptr, row_str(row, 1));
	}
	buf_release(&b);
	json_decref(root);
}

static void test_date_long_matches_shared_cases(void **state)
{
	json_t *root, *arr, *row;
	int y, m, d;
	size_t i;

	(void)state;
	arr = load_cases(&root, "date_long");
	json_array_foreach(arr, i, row) {
		assert_int_equal(date_parse_iso(row_str(row, 0), &y, &m, &d), 0);
		assert_date_long_formats(y, m, d, row_str(row, 1));
	}
	json_decref(root);
}

static void test_int_groups_thousands_with_dots(void **state)
{
	(void)state;
	assert_int_formats(0, "0");
	assert_int_formats(999, "999");
	assert_int_formats(1000, "1.000");
	assert_int_formats(8199, "8.199");
	assert_int_formats(5600000, "5.600.000");
	assert_int_formats(-1234567, "-1.234.567");
	assert_int_formats(-100, "-100");
}

static void test_int_handles_int64_extremes(void **state)
{
	(void)state;
	assert_int_formats(INT64_MAX, "9.223.372.036.854.775.807");
	assert_int_formats(INT64_MIN, "-9.223.372.036.854.775.808");
	assert_int_formats(INT64_MIN + 1, "-9.223.372.036.854.775.807");
}

static void test_int_appends_after_existing_content(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_int_equal(buf_adds(&b, "Tổng: "), 0);
	assert_int_equal(format_int(&b, 18121), 0);
	assert_string_equal(b.ptr, "Tổng: 18.121");
	buf_release(&b);
}

static void test_rate_uses_comma_and_keeps_trailing_zeros(void **state)
{
	(void)state;
	assert_rate_formats(17279, 18121, 2, "95,35%");
	assert_rate_formats(8196, 8272, 0, "99%");
	assert_rate_formats(1, 1, 2, "100,00%");
	assert_rate_formats(1, 2, 2, "50,00%");
	assert_rate_formats(0, 7, 1, "0,0%");
	assert_rate_formats(1, 3, 2, "33,33%");
	assert_rate_formats(2, 3, 2, "66,67%");
}

static void test_rate_rounds_half_away_from_zero(void **state)
{
	(void)state;
	/* exactly half */
	assert_rate_formats(1, 8, 1, "12,5%");
	assert_rate_formats(1, 8, 0, "13%");
	assert_rate_formats(-1, 8, 0, "-13%");
	assert_rate_formats(1, -8, 0, "-13%");
	assert_rate_formats(-1, -8, 0, "13%");
	assert_rate_formats(1, 200, 0, "1%");
	assert_rate_formats(-1, 200, 0, "-1%");
	assert_rate_formats(1, 16, 2, "6,25%");
	assert_rate_formats(1, 16, 1, "6,3%");
	assert_rate_formats(-1, 16, 1, "-6,3%");
	/* just below half rounds down */
	assert_rate_formats(1, 201, 0, "0%");
	assert_rate_formats(2449, 10000, 0, "24%");
	assert_rate_formats(24449, 100000, 1, "24,4%");
	assert_rate_formats(-24449, 100000, 1, "-24,4%");
}

static void test_rate_carries_rounding_into_integer_part(void **state)
{
	(void)state;
	assert_rate_formats(99999, 100000, 2, "100,00%");
	assert_rate_formats(9995, 10000, 1, "100,0%");
	assert_rate_formats(99995, 10000, 1, "1.000,0%");
	assert_rate_formats(-9995, 10000, 1, "-100,0%");
}

static void test_rate_that_rounds_to_zero_has_no_minus_sign(void **state)
{
	(void)state;
	assert_rate_formats(-1, 1000, 0, "0%");
	assert_rate_formats(-1, 1000000, 2, "0,00%");
	assert_rate_formats(0, -5, 1, "0,0%");
}

static void test_rate_with_zero_denominator(void **state)
{
	(void)state;
	assert_rate_formats(0, 0, 2, "\xE2\x80\x94");
	assert_rate_formats(5, 0, 0, "—");
	assert_rate_formats(-5, 0, 1, "—");
	assert_rate_formats(INT64_MIN, 0, 2, "—");
}

static void test_rate_above_one_hundred_groups_thousands(void **state)
{
	(void)state;
	assert_rate_formats(12, 10, 1, "120,0%");
	assert_rate_formats(12345, 1, 0, "1.234.500%");
	assert_rate_formats(-12345, 1, 2, "-1.234.500,00%");
}

static void test_rate_with_int64_extremes_does_not_overflow(void **state)
{
	(void)state;
	assert_rate_formats(INT64_MAX, 1, 0, "922.337.203.685.477.580.700%");
	assert_rate_formats(INT64_MIN, 1, 0, "-922.337.203.685.477.580.800%");
	assert_rate_formats(INT64_MIN, -1, 0, "922.337.203.685.477.580.800%");
	assert_rate_formats(INT64_MIN, INT64_MIN, 2, "100,00%");
	assert_rate_formats(INT64_MAX, INT64_MIN, 2, "-100,00%");
	assert_rate_formats(INT64_MIN, INT64_MAX, 9, "-100,000000000%");
	assert_rate_formats(INT64_MAX / 3, INT64_MAX, 9, "33,333333333%");
	assert_rate_formats(INT64_MAX / 3 * 2, INT64_MAX, 9, "66,666666667%");
	assert_rate_formats(INT64_MAX / 2 + 1, INT64_MIN, 0, "-50%");
	assert_rate_formats(1, INT64_MAX, 9, "0,000000000%");
}

static void test_rate_clamps_decimals_to_zero_through_nine(void **state)
{
	(void)state;
	assert_rate_formats(1, 3, -1, "33%");
	assert_rate_formats(1, 3, 9, "33,333333333%");
	assert_rate_formats(1, 3, 50, "33,333333333%");
	assert_rate_formats(2, 3, 12, "66,666666667%");
}

static void test_percent_divides_hundredths(void **state)
{
	(void)state;
	assert_percent_formats(9545, 2, "95,45%");
	assert_percent_formats(9545, 1, "95,5%");
	assert_percent_formats(9545, 0, "95%");
	assert_percent_formats(9550, 0, "96%");
	assert_percent_formats(-9550, 0, "-96%");
	assert_percent_formats(10000, 2, "100,00%");
	assert_percent_formats(7, 2, "0,07%");
	assert_percent_formats(-7, 2, "-0,07%");
	assert_percent_formats(9545, 4, "95,4500%");
}

static void test_date_pads_day_and_month(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_int_equal(format_date(&b, 2024, 1, 11), 0);
	assert_string_equal(b.ptr, "11/01/2024");
	buf_reset(&b);
	assert_int_equal(format_date(&b, 2018, 4, 3), 0);
	assert_string_equal(b.ptr, "03/04/2018");
	buf_reset(&b);
	assert_int_equal(format_date(&b, 2025, 12, 31), 0);
	assert_string_equal(b.ptr, "31/12/2025");
	buf_release(&b);
}

static void test_date_long_pads_only_january_and_february(void **state)
{
	(void)state;
	assert_date_long_formats(2026, 1, 9, "ngày 09 tháng 01 năm 2026");
	assert_date_long_formats(2024, 1, 11, "ngày 11 tháng 01 năm 2024");
	assert_date_long_formats(2023, 2, 28, "ngày 28 tháng 02 năm 2023");
	assert_date_long_formats(2018, 4, 3, "ngày 03 tháng 4 năm 2018");
	assert_date_long_formats(2022, 6, 15, "ngày 15 tháng 6 năm 2022");
	assert_date_long_formats(2021, 9, 2, "ngày 02 tháng 9 năm 2021");
	assert_date_long_formats(2024, 10, 1, "ngày 01 tháng 10 năm 2024");
	assert_date_long_formats(2025, 12, 20, "ngày 20 tháng 12 năm 2025");
}

static void test_date_long_pads_every_day_below_ten(void **state)
{
	struct buf b = BUF_INIT;
	int d;

	(void)state;
	for (d = 1; d <= 31; d++) {
		buf_reset(&b);
		assert_int_equal(format_date_long(&b, 2019, 3, d), 0);
		assert_true(strncmp(b.ptr, "ngày ", strlen("ngày ")) == 0);
		assert_int_equal(b.ptr[strlen("ngày ")], '0' + d / 10);
		assert_int_equal(b.ptr[strlen("ngày ") + 1], '0' + d % 10);
		assert_int_equal(b.ptr[strlen("ngày ") + 2], ' ');
	}
	buf_release(&b);
}

static void test_parse_iso_accepts_real_dates(void **state)
{
	int y, m, d;

	(void)state;
	assert_int_equal(date_parse_iso("2024-01-11", &y, &m, &d), 0);
	assert_int_equal(y, 2024);
	assert_int_equal(m, 1);
	assert_int_equal(d, 11);
	assert_int_equal(date_parse_iso("2000-02-29", &y, &m, &d), 0);
	assert_int_equal(date_parse_iso("2024-02-29", &y, &m, &d), 0);
	assert_int_equal(date_parse_iso("1900-01-01", &y, &m, &d), 0);
	assert_int_equal(date_parse_iso("2200-12-31", &y, &m, &d), 0);
	assert_int_equal(y, 2200);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
}

static void test_parse_iso_rejects_feb_30(void **state)
{
	(void)state;
	assert_parse_fails("2024-02-30");
	assert_parse_fails("2024-02-31");
}

static void test_parse_iso_rejects_feb_29_outside_leap_years(void **state)
{
	(void)state;
	assert_parse_fails("2023-02-29");
	assert_parse_fails("1900-02-29"); /* divisible by 100, not by 400 */
	assert_parse_fails("2100-02-29");
}

static void test_parse_iso_rejects_days_past_month_end(void **state)
{
	(void)state;
	assert_parse_fails("2024-04-31");
	assert_parse_fails("2024-06-31");
	assert_parse_fails("2024-09-31");
	assert_parse_fails("2024-11-31");
	assert_parse_fails("2024-01-32");
	assert_parse_fails("2024-01-00");
	assert_parse_fails("2024-00-10");
	assert_parse_fails("2024-13-01");
}

static void test_parse_iso_rejects_years_outside_1900_to_2200(void **state)
{
	(void)state;
	assert_parse_fails("1899-12-31");
	assert_parse_fails("2201-01-01");
	assert_parse_fails("0000-01-01");
	assert_parse_fails("9999-12-31");
}

static void test_parse_iso_rejects_anything_but_yyyy_mm_dd(void **state)
{
	(void)state;
	assert_parse_fails("");
	assert_parse_fails("2024");
	assert_parse_fails("2024-1-11");
	assert_parse_fails("2024-01-1");
	assert_parse_fails("24-01-11");
	assert_parse_fails("2024/01/11");
	assert_parse_fails("11/01/2024");
	assert_parse_fails("20240111");
	assert_parse_fails("2024-01-11 ");
	assert_parse_fails(" 2024-01-11");
	assert_parse_fails("2024-01-11T00:00:00");
	assert_parse_fails("+024-01-11");
	assert_parse_fails("2024-+1-11");
	assert_parse_fails("2024-01-+1");
	assert_parse_fails("2024- 1-11");
	assert_parse_fails("2024-01-1a");
	assert_parse_fails("２０２４-01-11"); /* full-width digits */
	assert_parse_fails("02024-01-11");
}

static void test_days_count_from_1970(void **state)
{
	(void)state;
	assert_int_equal(date_to_days(1970, 1, 1), 0);
	assert_int_equal(date_to_days(1969, 12, 31), -1);
	assert_int_equal(date_to_days(1900, 1, 1), -25567);
	assert_int_equal(date_to_days(2000, 2, 29), 11016);
	assert_int_equal(date_to_days(2000, 3, 1), 11017);
	assert_int_equal(date_to_days(2024, 1, 11), 19733);
	assert_int_equal(date_to_days(2200, 12, 31), 84370);
	assert_int_equal(date_to_days(1, 1, 1), -719162);
	assert_int_equal(date_to_days(9999, 12, 31), 2932896);
}

static void test_days_round_trip_every_date_1900_to_2200(void **state)
{
	int64_t days, want = date_to_days(1900, 1, 1);
	int y, m, d, y2, m2, d2;
	struct buf b = BUF_INIT;

	(void)state;
	/* Walk every day in the parser's range, checking it against
	 * date_parse_iso's notion of a real date and against the day count. */
	for (days = want; days <= date_to_days(2200, 12, 31); days++) {
		date_from_days(days, &y, &m, &d);
		buf_reset(&b);
		assert_int_equal(buf_addf(&b, "%04d-%02d-%02d", y, m, d), 0);
		assert_int_equal(date_parse_iso(b.ptr, &y2, &m2, &d2), 0);
		assert_int_equal(y2, y);
		assert_int_equal(m2, m);
		assert_int_equal(d2, d);
		assert_int_equal(date_to_days(y, m, d), days);
	}
	date_from_days(days, &y, &m, &d);
	assert_int_equal(y, 2201);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);
	buf_release(&b);
}

static void test_days_from_negative_counts_before_1970(void **state)
{
	int y, m, d;

	(void)state;
	date_from_days(-1, &y, &m, &d);
	assert_int_equal(y, 1969);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
	date_from_days(-719162, &y, &m, &d);
	assert_int_equal(y, 1);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);
	date_from_days(-719163, &y, &m, &d); /* proleptic: year 0 exists */
	assert_int_equal(y, 0);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
}

static void test_format_past_max_fails_and_leaves_buffer_unchanged(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 6);
	assert_int_equal(buf_adds(&b, "ab"), 0);
	assert_int_equal(format_int(&b, 1234567), -1);
	assert_string_equal(b.ptr, "ab");
	assert_int_equal(format_rate(&b, 1, 3, 2), -1);
	assert_string_equal(b.ptr, "ab");
	assert_int_equal(format_date(&b, 2024, 1, 11), -1);
	assert_string_equal(b.ptr, "ab");
	assert_int_equal(format_date_long(&b, 2024, 1, 11), -1);
	assert_string_equal(b.ptr, "ab");
	assert_int_equal(format_percent(&b, 9545, 0), 0);
	assert_string_equal(b.ptr, "ab95%");
	assert_int_equal(b.len, 5);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_int_matches_shared_cases),
		cmocka_unit_test(test_rate_matches_shared_cases),
		cmocka_unit_test(test_percent_matches_shared_cases),
		cmocka_unit_test(test_date_matches_shared_cases),
		cmocka_unit_test(test_date_long_matches_shared_cases),
		cmocka_unit_test(test_int_groups_thousands_with_dots),
		cmocka_unit_test(test_int_handles_int64_extremes),
		cmocka_unit_test(test_int_appends_after_existing_content),
		cmocka_unit_test(test_rate_uses_comma_and_keeps_trailing_zeros),
		cmocka_unit_test(test_rate_rounds_half_away_from_zero),
		cmocka_unit_test(test_rate_carries_rounding_into_integer_part),
		cmocka_unit_test(test_rate_that_rounds_to_zero_has_no_minus_sign),
		cmocka_unit_test(test_rate_with_zero_denominator),
		cmocka_unit_test(test_rate_above_one_hundred_groups_thousands),
		cmocka_unit_test(test_rate_with_int64_extremes_does_not_overflow),
		cmocka_unit_test(test_rate_clamps_decimals_to_zero_through_nine),
		cmocka_unit_test(test_percent_divides_hundredths),
		cmocka_unit_test(test_date_pads_day_and_month),
		cmocka_unit_test(test_date_long_pads_only_january_and_february),
		cmocka_unit_test(test_date_long_pads_every_day_below_ten),
		cmocka_unit_test(test_parse_iso_accepts_real_dates),
		cmocka_unit_test(test_parse_iso_rejects_feb_30),
		cmocka_unit_test(test_parse_iso_rejects_feb_29_outside_leap_years),
		cmocka_unit_test(test_parse_iso_rejects_days_past_month_end),
		cmocka_unit_test(test_parse_iso_rejects_years_outside_1900_to_2200),
		cmocka_unit_test(test_parse_iso_rejects_anything_but_yyyy_mm_dd),
		cmocka_unit_test(test_days_count_from_1970),
		cmocka_unit_test(test_days_round_trip_every_date_1900_to_2200),
		cmocka_unit_test(test_days_from_negative_counts_before_1970),
		cmocka_unit_test(test_format_past_max_fails_and_leaves_buffer_unchanged),
	};

	return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
