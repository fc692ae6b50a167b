/*
 * Wall-clock time in the two forms stored: Unix seconds (session ages) and
 * ISO-8601 UTC text ("2026-11-23T10:00:00Z", audit and record times).
 */
#ifndef TG_CLOCK_H
#define TG_CLOCK_H

#include <stdint.h>

#define CLOCK_ISO_SIZE 21 /* "YYYY-MM-DDTHH:MM:SSZ" and the NUL */

int64_t clock_now(void);
void clock_iso(int64_t t, char out[CLOCK_ISO_SIZE]);
/* Today's date in UTC+7 (Vietnam) as "YYYY-MM-DD". */
void clock_today_vn(char out[11]);

#endif
