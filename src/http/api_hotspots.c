/*
 * /api/v1/hotspots (with /stats, /{id}/status, /{id}/actions): parse,
 * call domain/hotspots.c, answer.
 */
#include "http/http.h"
#include "domain/hotspots.h"
#include "domain/periods.h"
#include "base/clock.h"

int api_hotspots_list(struct req *r)
{
	struct hotspots_filter f = { 0 };
	json_t *out;

	if (http_query_int(r, "unit_id", 1, INT64_MAX, 0, &f.unit_id) < 0 ||
	    http_query_int(r, "topic_id", 1, INT64_MAX, 0, &f.topic_id) < 0 ||
	    http_paging(r, &f.limit, &f.offset) < 0)
		return -1;
	f.status = http_query_opt(r, "status");
	f.severity = http_query_opt(r, "severity");
	f.from = http_query_opt(r, "from");
	f.to = http_query_opt(r, "to");
	if (hotspots_list(r->db, &r->actor, &f, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_hotspots_get(struct req *r)
{
	json_t *out;

	if (hotspots_get(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

/* Run a write taking a body; answer `status` with its result. */
static int write(struct req *r, int status,
		 int (*fn)(struct store_conn *, const struct actor *, int64_t,
			   json_t *, json_t **, struct err *))
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = fn(r->db, &r->actor, r->ids[0], body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, status, out);
}

int api_hotspots_create(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = hotspots_create(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 201, out);
}

int api_hotspots_update(struct req *r)
{
	return write(r, 200, hotspots_update);
}

int api_hotspots_status(struct req *r)
{
	return write(r, 200, hotspots_set_status);
}

int api_hotspots_action(struct req *r)
{
	return write(r, 201, hotspots_add_action);
}

int api_hotspots_delete(struct req *r)
{
	if (hotspots_delete(r->db, &r->actor, r->ids[0], &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}

int api_hotspots_stats(struct req *r)
{
	const char *from = http_query_opt(r, "from"), *to = http_query_opt(r, "to"),
		   *period = http_query_opt(r, "period");
	struct period p;
	char today[11];
	int64_t unit;
	json_t *out;

	if (http_query_int(r, "unit", 1, INT64_MAX, r->actor.unit_id, &unit) <
	    0)
		return -1;
	if (period) {
		if (periods_parse(period, &p) < 0)
			return err_invalid(&r->err, "period",
					   "Kỳ không hợp lệ; ví dụ: 2026, 2026-Q3,"
					   " 2026-11.");
	} else if (from || to) {
		if (!from || periods_range(from, from, &p) < 0)
			return err_invalid(&r->err, "from",
					   "Ngày bắt đầu phải có dạng YYYY-MM-DD.");
		if (!to || periods_range(to, to, &p) < 0)
			return err_invalid(&r->err, "to",
					   "Ngày kết thúc phải có dạng YYYY-MM-DD.");
		if (periods_range(from, to, &p) < 0)
			return err_invalid(&r->err, "to",
					   "Ngày kết thúc phải sau ngày bắt đầu.");
	} else {
		clock_today_vn(today);
		periods_containing(PERIOD_YEAR, today, &p);
	}
	if (hotspots_stats(r->db, &r->actor, unit, p.start, p.end, &out,
			   &r->err) < 0)
		return -1;
	json_object_set_new(out, "period",
			    p.type == PERIOD_CUSTOM ? json_null()
						    : json_string(p.key));
	return http_json(r, 200, out);
}
