/*
 * GET /api/v1/rollup?unit=&from=&to= (or &period=2022-H1): parse, call
 * domain/rollup.c, answer. Without a range, the current year.
 */
#include "http/http.h"
#include "domain/periods.h"
#include "domain/rollup.h"
#include "base/clock.h"


int api_rollup(struct req *r)
{
	const char *from = http_query(r, "from"), *to = http_query(r, "to"),
		   *period = http_query(r, "period");
	struct period p;
	char today[11];
	int64_t unit;
	json_t *out;

	if (http_query_int(r, "unit", 1, INT64_MAX, r->actor.unit_id, &unit) <
	    0)
		return -1;
	if (period && *period) {
		if (periods_parse(period, &p) < 0)
			return err_invalid(&r->err, "period",
					   "Kỳ không hợp lệ; ví dụ: 2023, 2022-H1,"
					   " 2023-Q3, 2023-05, 2023-W14.");
	} else if ((from && *from) || (to && *to)) {
		if (!from || !*from)
			return err_invalid(&r->err, "from",
					   "Thiếu ngày bắt đầu (from).");
		if (!to || !*to)
			return err_invalid(&r->err, "to",
					   "Thiếu ngày kết thúc (to).");
		if (periods_range(from, from, &p) < 0)
			return err_invalid(&r->err, "from",
					   "Ngày bắt đầu phải có dạng YYYY-MM-DD.");
		if (periods_range(to, to, &p) < 0)
			return err_invalid(&r->err, "to",
					   "Ngày kết thúc phải có dạng YYYY-MM-DD.");
		if (periods_range(from, to, &p) < 0)
			return err_invalid(&r->err, "to",
					   "Ngày kết thúc phải sau ngày bắt đầu.");
	} else {
		clock_today_vn(today);
		periods_containing(PERIOD_YEAR, today, &p);
	}
	if (rollup_get(r->db, &r->actor, unit, p.start, p.end, &out, &r->err) <
	    0)
		return -1;
	if (p.type != PERIOD_CUSTOM)
		json_object_set_new(out, "period", json_string(p.key));
	return http_json(r, 200, out);
}
