/*
 * Vietnamese number and date formatting, the one place in C that formats
 * what users read (the web UI has format.js with the same rules and cases).
 *
 *   format_int(8199)            -> "8.199"     (dot groups thousands)
 *   format_int(-1234567)        -> "-1.234.567"
 *   format_rate(17279, 18121,2) -> "95,35%"    (comma decimal, rounded half
 *                                               away from zero, from the
 *                                               numerator and denominator)
 *   format_percent(9545, 2)     -> "95,45%"    (value in hundredths)
 *   format_date(2024,1,11)      -> "11/01/2024"
 *   format_date_long(2026,1,9)  -> "ngày 09 tháng 01 năm 2026": a leading
 *       zero for days 1-9 and for months 01 and 02 only
 *       (format_date_long(2018,4,3) -> "ngày 03 tháng 4 năm 2018").
 *
 * All append to a struct buf and return 0, or -1 if it would overflow.
 */
#ifndef TG_FORMAT_H
#define TG_FORMAT_H

#include <stdint.h>

struct buf;

int format_int(struct buf *out, int64_t v);

/*
 * num/den as a percentage with `decimals` digits after the comma; trailing
 * zeros are kept ("99,00%") unless decimals is 0 ("99%"). den == 0 appends
 * "—" (no rate can be stated).
 */
int format_rate(struct buf *out, int64_t num, int64_t den, int decimals);

/* `hundredths` / 100 as a percentage: format_percent(b, 9545, 2) -> 95,45%.
 * With decimals < 2 the value is rounded half away from zero. */
int format_percent(struct buf *out, int64_t hundredths, int decimals);

int format_date(struct buf *out, int year, int month, int day);
int format_date_long(struct buf *out, int year, int month, int day);

/*
 * Parse an ISO date "YYYY-MM-DD" (a real calendar date, years 1900..2200).
 * Returns 0 and fills the parts, or -1.
 */
int date_parse_iso(const char *s, int *year, int *month, int *day);

/* Days since 1970-01-01 for a valid date (proleptic Gregorian). */
int64_t date_to_days(int year, int month, int day);
void date_from_days(int64_t days, int *year, int *month, int *day);

#endif
