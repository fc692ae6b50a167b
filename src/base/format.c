/*
 * Vietnamese number and date formatting, and the calendar arithmetic under
 * it (ISO parsing, days since the epoch); see format.h for the rules.
 *
 * Rates are computed from the numerator and denominator by long division
 * on unsigned 64-bit magnitudes, never through floating point, so
 * 17279/18121 is "95,35%" on every machine and the rounding (half away
 * from zero) matches format.js digit for digit. Each function builds its
 * digits in a small local array and appends once, so a refused append
 * leaves the buffer as it was.
 */
#include "base/format.h"
#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most digits after the comma a rate can have; more are clamped. */
#define RATE_MAX_DECIMALS 9

/* "—" (U+2014), written where no rate can be stated. */
static const char no_rate[] = "\xE2\x80\x94";

/* |v| without overflow, INT64_MIN included. */
static uint64_t magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/*
 * Write the decimal digits of u into d (most significant first, no NUL)
 * and return how many; d has room for 20.
 */
static size_t put_digits(char *d, uint64_t u)
{
	char rev[20];
	size_t n = 0, i;

	do {
		rev[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	for (i = 0; i < n; i++)
		d[i] = rev[n - 1 - i];
	return n;
}

/*
 * Append an optional minus sign and the digits d[0..n), grouped by three
 * with dots from the right, then the suffix s[0..slen), in one append.
 */
static int add_grouped(struct buf *out, bool neg, const char *d, size_t n,
		       const char *s, size_t slen)
{
	char tmp[64];
	size_t len = 0, i;

	if (neg)
		tmp[len++] = '-';
	for (i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			tmp[len++] = '.';
		tmp[len++] = d[i];
	}
	for (i = 0; i < slen; i++)
		tmp[len++] = s[i];
	return buf_add(out, tmp, len);
}

int format_int(struct buf *out, int64_t v)
{
	char d[20];
	size_t n = put_digits(d, magnitude(v));

	return add_grouped(out, v < 0, d, n, "", 0);
}

/*
 * One step of long division: with r < den, replace r by (10 * r) % den and
 * return (10 * r) / den, without forming 10 * r (which can pass 2^64 when
 * den is above 2^60).
 */
static int next_digit(uint64_t *r, uint64_t den)
{
	uint64_t acc = 0;
	int digit = 0, k;

	for (k = 0; k < 10; k++) {
		if (acc >= den - *r) {
			acc -= den - *r;
			digit++;
		} else {
			acc += *r;
		}
	}
	*r = acc;
	return digit;
}

/*
 * The digits are those of num/den (integer part, then two more for the
 * percentage, then `decimals`); the remainder left over decides rounding,
 * which then carries leftwards through the digit string.
 */
int format_rate(struct buf *out, int64_t num, int64_t den, int decimals)
{
	uint64_t n = magnitude(num), d = magnitude(den), r;
	char dig[1 + 20 + 2 + RATE_MAX_DECIMALS], suffix[2 + RATE_MAX_DECIMALS];
	size_t len, ilen, slen, i, lead;
	bool neg, nonzero = false;

	if (den == 0)
		return buf_adds(out, no_rate);
	if (decimals < 0)
		decimals = 0;
	if (decimals > RATE_MAX_DECIMALS)
		decimals = RATE_MAX_DECIMALS;

	dig[0] = '0'; /* room for a carry out of the top digit */
	len = 1 + put_digits(dig + 1, n / d);
	r = n % d;
	for (i = 0; i < 2 + (size_t)decimals; i++)
		dig[len++] = (char)('0' + next_digit(&r, d));
	if (r && r >= d - r) { /* remainder at least half: round away */
		for (i = len; i-- > 0;) {
			if (dig[i] != '9') {
				dig[i]++;
				break;
			}
			dig[i] = '0';
		}
	}
	for (i = 0; i < len; i++)
		if (dig[i] != '0')
			nonzero = true;
	neg = nonzero && ((num < 0) != (den < 0));

	ilen = len - (size_t)decimals;
	for (lead = 0; lead + 1 < ilen && dig[lead] == '0'; lead++)
		;
	slen = 0;
	if (decimals) {
		suffix[slen++] = ',';
		for (i = 0; i < (size_t)decimals; i++)
			suffix[slen++] = dig[ilen + i];
	}
	suffix[slen++] = '%';
	return add_grouped(out, neg, dig + lead, ilen - lead, suffix, slen);
}

int format_percent(struct buf *out, int64_t hundredths, int decimals)
{
	/* hundredths/100 percent is hundredths/10000 as a fraction. */
	return format_rate(out, hundredths, 10000, decimals);
}

int format_date(struct buf *out, int year, int month, int day)
{
	return buf_addf(out, "%02d/%02d/%04d", day, month, year);
}

/*
 * Party documents (Hướng dẫn 36-HD/VPTW) write the day with two digits
 * always and the month with two digits only for January and February.
 */
int format_date_long(struct buf *out, int year, int month, int day)
{
	return buf_addf(out, "ngày %02d tháng %s%d năm %d", day,
			month >= 1 && month <= 2 ? "0" : "", month, year);
}

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30,
				       31, 31, 30, 31, 30, 31 };

	if (month == 2 && is_leap(year))
		return 29;
	return mdays[month - 1];
}

/* The value of the n ASCII digits at s, or -1 if any is not a digit. */
static int read_digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int date_parse_iso(const char *s, int *year, int *month, int *day)
{
	int y, m, d;

	if (!s || read_digits(s, 4) < 0 || s[4] != '-' ||
	    read_digits(s + 5, 2) < 0 || s[7] != '-' ||
	    read_digits(s + 8, 2) < 0 || s[10] != '\0')
		return -1;
	y = read_digits(s, 4);
	m = read_digits(s + 5, 2);
	d = read_digits(s + 8, 2);
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		return -1;
	*year = y;
	*month = m;
	*day = d;
	return 0;
}

/*
 * Howard Hinnant's days_from_civil / civil_from_days: eras of 400 years
 * (146097 days) starting on 1 March, so the leap day falls at the end.
 */
int64_t date_to_days(int year, int month, int day)
{
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 +
		      day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void date_from_days(int64_t days, int *year, int *month, int *day)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;

	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*day = (int)d;
}
