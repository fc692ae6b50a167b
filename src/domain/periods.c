/*
 * Period arithmetic; see periods.h. Everything goes through days since the
 * epoch (base/format.h date_to_days), so month lengths and leap years are
 * handled once.
 */
#include "domain/periods.h"
#include "base/format.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {
	[PERIOD_WEEK] = "week",	      [PERIOD_MONTH] = "month",
	[PERIOD_QUARTER] = "quarter", [PERIOD_HALF] = "half",
	[PERIOD_YEAR] = "year",	      [PERIOD_CUSTOM] = "custom",
};

const char *periods_type_name(enum period_type t)
{
	return (unsigned)t <= PERIOD_CUSTOM ? type_names[t] : "?";
}

int periods_type_parse(const char *s, enum period_type *t)
{
	int i;

	if (!s)
		return -1;
	for (i = PERIOD_WEEK; i < PERIOD_CUSTOM; i++)
		if (!strcmp(s, type_names[i])) {
			*t = (enum period_type)i;
			return 0;
		}
	return -1;
}

static void put_date(char out[PERIOD_DATE_SIZE], int64_t days)
{
	int y, m, d;

	date_from_days(days, &y, &m, &d);
	snprintf(out, PERIOD_DATE_SIZE, "%04d-%02d-%02d", y, m, d);
}

/* 1 = Monday .. 7 = Sunday; 1970-01-01 was a Thursday. */
static int weekday(int64_t days)
{
	return (int)(((days + 3) % 7 + 7) % 7) + 1;
}

/* The Monday of ISO week 1 of `iso_year`. */
static int64_t week1_monday(int iso_year)
{
	int64_t jan4 = date_to_days(iso_year, 1, 4);

	return jan4 - (weekday(jan4) - 1);
}

void periods_iso_week(int year, int month, int day, int *iso_year,
		      int *week)
{
	int64_t days = date_to_days(year, month, day);
	int64_t thursday = days - weekday(days) + 4;
	int y, m, d;

	date_from_days(thursday, &y, &m, &d);
	*iso_year = y;
	*week = (int)((thursday - date_to_days(y, 1, 1)) / 7) + 1;
}

int periods_iso_weeks_in_year(int iso_year)
{
	int y, w;

	periods_iso_week(iso_year, 12, 28, &y, &w);
	return w;
}

static void set_range(struct period *p, int64_t first, int64_t last)
{
	put_date(p->start, first);
	put_date(p->end, last);
}

/* Fill p for type t, year y and index n (week, month, quarter, half). */
static void build(struct period *p, enum period_type t, int y, int n)
{
	int64_t first;

	p->type = t;
	switch (t) {
	case PERIOD_WEEK:
		first = week1_monday(y) + 7 * (int64_t)(n - 1);
		set_range(p, first, first + 6);
		snprintf(p->key, sizeof(p->key), "%04d-W%02d", y, n);
		break;
	case PERIOD_MONTH:
		set_range(p, date_to_days(y, n, 1),
			  (n == 12 ? date_to_days(y + 1, 1, 1)
				   : date_to_days(y, n + 1, 1)) - 1);
		snprintf(p->key, sizeof(p->key), "%04d-%02d", y, n);
		break;
	case PERIOD_QUARTER:
		set_range(p, date_to_days(y, 3 * n - 2, 1),
			  (n == 4 ? date_to_days(y + 1, 1, 1)
				  : date_to_days(y, 3 * n + 1, 1)) - 1);
		snprintf(p->key, sizeof(p->key), "%04d-Q%d", y, n);
		break;
	case PERIOD_HALF:
		set_range(p, date_to_days(y, n == 1 ? 1 : 7, 1),
			  (n == 1 ? date_to_days(y, 7, 1)
				  : date_to_days(y + 1, 1, 1)) - 1);
		snprintf(p->key, sizeof(p->key), "%04d-H%d", y, n);
		break;
	case PERIOD_YEAR:
	case PERIOD_CUSTOM:
		set_range(p, date_to_days(y, 1, 1), date_to_days(y, 12, 31));
		snprintf(p->key, sizeof(p->key), "%04d", y);
		p->type = PERIOD_YEAR;
		break;
	}
}

/* Read 1..max_digits decimal digits; returns the count, 0 if none. */
static int digits(const char *s, int max_digits, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max_digits && isdigit((unsigned char)s[n])) {
		*v = *v * 10 + (s[n] - '0');
		n++;
	}
	return n;
}

int periods_range(const char *from, const char *to, struct period *p)
{
	int y, m, d;

	if (!from || !to || date_parse_iso(from, &y, &m, &d) < 0 ||
	    date_parse_iso(to, &y, &m, &d) < 0 || strcmp(from, to) > 0)
		return -1;
	memset(p, 0, sizeof(*p));
	p->type = PERIOD_CUSTOM;
	memcpy(p->start, from, PERIOD_DATE_SIZE - 1);
	memcpy(p->end, to, PERIOD_DATE_SIZE - 1);
	snprintf(p->key, sizeof(p->key), "%s..%s", p->start, p->end);
	return 0;
}

int periods_parse(const char *s, struct period *p)
{
	int y, n, len;
	const char *dots;

	if (!s)
		return -1;
	dots = strstr(s, "..");
	if (dots) {
		char from[PERIOD_DATE_SIZE];

		if (dots - s != 10)
			return -1;
		memcpy(from, s, 10);
		from[10] = '\0';
		return periods_range(from, dots + 2, p);
	}
	memset(p, 0, sizeof(*p));
	if (digits(s, 4, &y) != 4 || y < 1900 || y > 2200)
		return -1;
	s += 4;
	if (!*s) {
		build(p, PERIOD_YEAR, y, 0);
		return 0;
	}
	if (*s++ != '-')
		return -1;
	switch (*s) {
	case 'W': case 'w':
		len = digits(s + 1, 2, &n);
		if (!len || s[1 + len] || n < 1 ||
		    n > periods_iso_weeks_in_year(y))
			return -1;
		build(p, PERIOD_WEEK, y, n);
		return 0;
	case 'Q': case 'q':
		len = digits(s + 1, 1, &n);
		if (!len || s[2] || n < 1 || n > 4)
			return -1;
		build(p, PERIOD_QUARTER, y, n);
		return 0;
	case 'H': case 'h':
		len = digits(s + 1, 1, &n);
		if (!len || s[2] || n < 1 || n > 2)
			return -1;
		build(p, PERIOD_HALF, y, n);
		return 0;
	default:
		len = digits(s, 2, &n);
		if (len != 2 || s[2] || n < 1 || n > 12)
			return -1;
		build(p, PERIOD_MONTH, y, n);
		return 0;
	}
}

int periods_containing(enum period_type t, const char *date,
		       struct period *p)
{
	int y, m, d, iy, w;

	if (!date || date_parse_iso(date, &y, &m, &d) < 0)
		return -1;
	memset(p, 0, sizeof(*p));
	switch (t) {
	case PERIOD_WEEK:
		periods_iso_week(y, m, d, &iy, &w);
		build(p, PERIOD_WEEK, iy, w);
		return 0;
	case PERIOD_MONTH:
		build(p, t, y, m);
		return 0;
	case PERIOD_QUARTER:
		build(p, t, y, (m - 1) / 3 + 1);
		return 0;
	case PERIOD_HALF:
		build(p, t, y, m <= 6 ? 1 : 2);
		return 0;
	case PERIOD_YEAR:
		build(p, t, y, 0);
		return 0;
	case PERIOD_CUSTOM:
		break;
	}
	return -1;
}

int periods_add_days(const char *date, int64_t days,
		     char out[PERIOD_DATE_SIZE])
{
	int y, m, d;

	if (!date || date_parse_iso(date, &y, &m, &d) < 0)
		return -1;
	put_date(out, date_to_days(y, m, d) + days);
	return 0;
}

int64_t periods_days_between(const char *a, const char *b)
{
	int y1, m1, d1, y2, m2, d2;

	if (!a || !b || date_parse_iso(a, &y1, &m1, &d1) < 0 ||
	    date_parse_iso(b, &y2, &m2, &d2) < 0)
		return 0;
	return date_to_days(y2, m2, d2) - date_to_days(y1, m1, d1);
}
