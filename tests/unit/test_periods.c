/*
 * Tests for domain/periods.c: parsing period keys, ISO weeks across year
 * boundaries (2020-W53, 2025-W01 starting in 2024), quarters, half-years,
 * months, custom ranges and day arithmetic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "domain/periods.h"

static void expect_period(const char *key, enum period_type t,
			  const char *canon, const char *start, const char *end)
{
	struct period p;

	if (periods_parse(key, &p) < 0)
		fail_msg("periods_parse(%s) failed", key);
	assert_int_equal(p.type, t);
	assert_string_equal(p.key, canon);
	assert_string_equal(p.start, start);
	assert_string_equal(p.end, end);
}

static void test_periods_parse_each_type(void **state)
{
	(void)state;
	expect_period("2023", PERIOD_YEAR, "2023", "2023-01-01", "2023-12-31");
	expect_period("2022-H1", PERIOD_HALF, "2022-H1", "2022-01-01",
		      "2022-06-30");
	expect_period("2022-h2", PERIOD_HALF, "2022-H2", "2022-07-01",
		      "2022-12-31");
	expect_period("2023-Q3", PERIOD_QUARTER, "2023-Q3", "2023-07-01",
		      "2023-09-30");
	expect_period("2023-Q1", PERIOD_QUARTER, "2023-Q1", "2023-01-01",
		      "2023-03-31");
	expect_period("2023-05", PERIOD_MONTH, "2023-05", "2023-05-01",
		      "2023-05-31");
	expect_period("2024-02", PERIOD_MONTH, "2024-02", "2024-02-01",
		      "2024-02-29");
	expect_period("2023-02", PERIOD_MONTH, "2023-02", "2023-02-01",
		      "2023-02-28");
	expect_period("2023-12", PERIOD_MONTH, "2023-12", "2023-12-01",
		      "2023-12-31");
	expect_period("2023-W14", PERIOD_WEEK, "2023-W14", "2023-04-03",
		      "2023-04-09");
	expect_period("2023-W5", PERIOD_WEEK, "2023-W05", "2023-01-30",
		      "2023-02-05");
	expect_period("2022-01-01..2022-06-30", PERIOD_CUSTOM,
		      "2022-01-01..2022-06-30", "2022-01-01", "2022-06-30");
}

static void test_periods_iso_weeks_cross_years(void **state)
{
	int y, w;

	(void)state;
	/* 2020 has 53 weeks; its last week ends in 2021. */
	assert_int_equal(periods_iso_weeks_in_year(2020), 53);
	expect_period("2020-W53", PERIOD_WEEK, "2020-W53", "2020-12-28",
		      "2021-01-03");
	periods_iso_week(2021, 1, 1, &y, &w);
	assert_int_equal(y, 2020);
	assert_int_equal(w, 53);
	periods_iso_week(2021, 1, 4, &y, &w);
	assert_int_equal(y, 2021);
	assert_int_equal(w, 1);
	/* 2024-12-30 is in week 1 of 2025. */
	periods_iso_week(2024, 12, 30, &y, &w);
	assert_int_equal(y, 2025);
	assert_int_equal(w, 1);
	expect_period("2025-W01", PERIOD_WEEK, "2025-W01", "2024-12-30",
		      "2025-01-05");
	assert_int_equal(periods_iso_weeks_in_year(2021), 52);
	assert_int_equal(periods_iso_weeks_in_year(2026), 53);
	expect_period("2026-W01", PERIOD_WEEK, "2026-W01", "2025-12-29",
		      "2026-01-04");
}

static void test_periods_refuses_malformed_keys(void **state)
{
	static const char *const bad[] = {
		"", "23", "2023-", "2023-H3", "2023-H0", "2023-Q5", "2023-Q0",
		"2023-13", "2023-00", "2023-5", "2021-W53", "2023-W00",
		"2023-W54", "2023-X1", "2023x", "2022-07-01..2022-06-30",
		"2022-02-30..2022-03-01", "1800", "năm 2023", "2023-Q12",
		NULL,
	};
	struct period p;
	size_t i;

	(void)state;
	for (i = 0; bad[i]; i++)
		if (periods_parse(bad[i], &p) == 0)
			fail_msg("accepted \"%s\"", bad[i]);
	assert_int_equal(periods_parse(NULL, &p), -1);
}

static void test_periods_containing_a_date(void **state)
{
	struct period p;

	(void)state;
	assert_int_equal(periods_containing(PERIOD_QUARTER, "2023-08-15", &p), 0);
	assert_string_equal(p.key, "2023-Q3");
	assert_int_equal(periods_containing(PERIOD_HALF, "2022-06-30", &p), 0);
	assert_string_equal(p.key, "2022-H1");
	assert_int_equal(periods_containing(PERIOD_HALF, "2022-07-01", &p), 0);
	assert_string_equal(p.key, "2022-H2");
	assert_int_equal(periods_containing(PERIOD_WEEK, "2021-01-03", &p), 0);
	assert_string_equal(p.key, "2020-W53");
	assert_int_equal(periods_containing(PERIOD_MONTH, "2024-02-29", &p), 0);
	assert_string_equal(p.end, "2024-02-29");
	assert_int_equal(periods_containing(PERIOD_YEAR, "2023-12-31", &p), 0);
	assert_string_equal(p.key, "2023");
	assert_int_equal(periods_containing(PERIOD_CUSTOM, "2023-12-31", &p),
			 -1);
	assert_int_equal(periods_containing(PERIOD_YEAR, "2023-02-30", &p), -1);
}

static void test_periods_types_and_day_arithmetic(void **state)
{
	enum period_type t;
	char out[PERIOD_DATE_SIZE];

	(void)state;
	assert_int_equal(periods_type_parse("half", &t), 0);
	assert_int_equal(t, PERIOD_HALF);
	assert_string_equal(periods_type_name(PERIOD_WEEK), "week");
	assert_int_equal(periods_type_parse("custom", &t), -1);
	assert_int_equal(periods_type_parse("decade", &t), -1);
	assert_int_equal(periods_add_days("2024-02-28", 1, out), 0);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(periods_add_days("2025-07-01", -1, out), 0);
	assert_string_equal(out, "2025-06-30");
	assert_int_equal(periods_add_days("2023-12-31", 15, out), 0);
	assert_string_equal(out, "2024-01-15");
	assert_int_equal(periods_days_between("2022-01-01", "2022-06-30"), 180);
	assert_int_equal(periods_range("2022-01-01", "2022-01-01",
				       &(struct period){ 0 }), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_periods_parse_each_type),
		cmocka_unit_test(test_periods_iso_weeks_cross_years),
		cmocka_unit_test(test_periods_refuses_malformed_keys),
		cmocka_unit_test(test_periods_containing_a_date),
		cmocka_unit_test(test_periods_types_and_day_arithmetic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
