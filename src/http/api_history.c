/*
 * /api/v1/history-projects (and .../coverage): parse, call
 * domain/history.c, answer.
 */
#include "http/http.h"
#include "domain/history.h"
#include "domain/periods.h"
#include "base/clock.h"

#include <string.h>

int api_history_list(struct req *r)
{
	struct history_filter f = { 0 };
	json_t *out;

	if (http_query_int(r, "unit_id", 1, INT64_MAX, 0, &f.unit_id) < 0 ||
	    http_query_int(r, "subject_unit_id", 1, INT64_MAX, 0,
			   &f.subject_unit_id) < 0 ||
	    http_paging(r, &f.limit, &f.offset) < 0)
		return -1;
	f.stage = http_query_opt(r, "stage");
	f.from = http_query_opt(r, "from");
	f.to = http_query_opt(r, "to");
	if (history_list(r->db, &r->actor, &f, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_history_get(struct req *r)
{
	json_t *out;

	if (history_get(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_history_create(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = history_create(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 201, out);
}

int api_history_update(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = history_update(r->db, &r->actor, r->ids[0], body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_history_delete(struct req *r)
{
	if (history_delete(r->db, &r->actor, r->ids[0], &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}

/* ?unit=&date=YYYY-MM-DD (default today)&level= (default grassroots). */
int api_history_coverage(struct req *r)
{
	const char *date = http_query_opt(r, "date"), *level = http_query_opt(r, "level");
	struct period p;
	char today[11];
	int64_t unit;
	json_t *out;

	if (http_query_int(r, "unit", 1, INT64_MAX, r->actor.unit_id, &unit) <
	    0)
		return -1;
	if (!date) {
		clock_today_vn(today);
		date = today;
	} else if (periods_range(date, date, &p) < 0) {
		return err_invalid(&r->err, "date",
				   "Ngày phải có dạng YYYY-MM-DD.");
	}
	if (level && strlen(level) > 32)
		return err_invalid(&r->err, "level", "Cấp đơn vị không hợp lệ.");
	if (history_coverage(r->db, &r->actor, unit, date, level, &out,
			     &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}
