/*
 * Wall-clock helpers; see clock.h.
 */
#include "base/clock.h"

#include <time.h>

int64_t clock_now(void)
{
	return (int64_t)time(NULL);
}

void clock_iso(int64_t t, char out[CLOCK_ISO_SIZE])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, CLOCK_ISO_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void clock_today_vn(char out[11])
{
	time_t tt = (time_t)(clock_now() + 7 * 3600);
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}
