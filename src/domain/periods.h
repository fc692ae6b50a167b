/*
 * Periods (kỳ báo cáo): ISO weeks, months, quarters, half-years, years and
 * custom date ranges, as the keys users type and the date ranges stored.
 *
 *   "2023"      year            2023-01-01 .. 2023-12-31
 *   "2022-H1"   half-year       2022-01-01 .. 2022-06-30
 *   "2023-Q3"   quarter         2023-07-01 .. 2023-09-30
 *   "2023-05"   month           2023-05-01 .. 2023-05-31
 *   "2023-W14"  ISO week        Monday 2023-04-03 .. Sunday 2023-04-09
 *   "2023-01-01..2023-06-30"    a custom range, both ends inclusive
 *
 * ISO weeks start on Monday; week 1 is the week holding 4 January, so
 * 2021-01-01 lies in 2020-W53 and 2024-12-30 in 2025-W01. Dates are
 * "YYYY-MM-DD" text, comparable as strings. Pure functions, no storage.
 */
#ifndef TG_PERIODS_H
#define TG_PERIODS_H

#include <stdint.h>

enum period_type {
	PERIOD_WEEK,
	PERIOD_MONTH,
	PERIOD_QUARTER,
	PERIOD_HALF,
	PERIOD_YEAR,
	PERIOD_CUSTOM,
};

#define PERIOD_DATE_SIZE 11 /* "YYYY-MM-DD" and the NUL */

struct period {
	enum period_type type;
	char key[24];                 /* canonical key, e.g. "2023-W05" */
	char start[PERIOD_DATE_SIZE]; /* first day */
	char end[PERIOD_DATE_SIZE];   /* last day, inclusive */
};

/* "week", "month", "quarter", "half", "year" (and "custom"). */
const char *periods_type_name(enum period_type t);
/* Parse a type name; 0 on success, -1 if unknown. "custom" is refused. */
int periods_type_parse(const char *s, enum period_type *t);

/* Parse any key above into `p`; 0 on success, -1 if malformed. Week
 * numbers beyond the year's last ISO week are refused. */
int periods_parse(const char *s, struct period *p);

/* The period of type `t` (not custom) holding `date`; -1 on a bad date. */
int periods_containing(enum period_type t, const char *date,
		       struct period *p);

/* The custom range [from, to]; -1 on a bad date or from > to. */
int periods_range(const char *from, const char *to, struct period *p);

/* The ISO year and week of a date. */
void periods_iso_week(int year, int month, int day, int *iso_year,
		      int *week);
/* 52 or 53. */
int periods_iso_weeks_in_year(int iso_year);

/* `date` plus `days` (may be negative) into `out`; -1 on a bad date. */
int periods_add_days(const char *date, int64_t days,
		     char out[PERIOD_DATE_SIZE]);

/* Whole days from `a` to `b` (b - a); 0 when either is malformed. */
int64_t periods_days_between(const char *a, const char *b);

#endif
