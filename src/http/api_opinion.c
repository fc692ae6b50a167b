/*
 * /api/v1/opinion-topics, /api/v1/opinion-reports (with /stats) and
 * /api/v1/opinion-digest: parse, call domain/topics.c and
 * domain/opinion.c, answer.
 */
#include "http/http.h"
#include "domain/opinion.h"
#include "domain/periods.h"
#include "domain/topics.h"
#include "base/clock.h"

/* from/to, or period=, or the current year. */
static int range(struct req *r, struct period *p)
{
	const char *from = http_query(r, "from"), *to = http_query(r, "to"),
		   *period = http_query(r, "period");
	char today[11];

	if (period && *period) {
		if (periods_parse(period, p) < 0)
			return err_invalid(&r->err, "period",
					   "Kỳ không hợp lệ; ví dụ: 2026, 2026-Q3,"
					   " 2026-11, 2026-W47.");
		return 0;
	}
	if ((from && *from) || (to && *to)) {
		if (!from || !*from || periods_range(from, from, p) < 0)
			return err_invalid(&r->err, "from",
					   "Ngày bắt đầu phải có dạng YYYY-MM-DD.");
		if (!to || !*to || periods_range(to, to, p) < 0)
			return err_invalid(&r->err, "to",
					   "Ngày kết thúc phải có dạng YYYY-MM-DD.");
		if (periods_range(from, to, p) < 0)
			return err_invalid(&r->err, "to",
					   "Ngày kết thúc phải sau ngày bắt đầu.");
		return 0;
	}
	clock_today_vn(today);
	return periods_containing(PERIOD_YEAR, today, p);
}

int api_topics_list(struct req *r)
{
	json_t *out;

	if (topics_list(r->db, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_topics_get(struct req *r)
{
	json_t *out;

	if (topics_get(r->db, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_topics_create(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = topics_create(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 201, out);
}

int api_topics_update(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = topics_update(r->db, &r->actor, r->ids[0], body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_topics_merge(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = topics_merge(r->db, &r->actor, r->ids[0], body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_opinion_list(struct req *r)
{
	struct opinion_filter f = { 0 };
	const char *mine = http_query_opt(r, "mine");
	json_t *out;

	if (http_query_int(r, "unit_id", 1, INT64_MAX, 0, &f.unit_id) < 0 ||
	    http_query_int(r, "topic_id", 1, INT64_MAX, 0, &f.topic_id) < 0 ||
	    http_paging(r, &f.limit, &f.offset) < 0)
		return -1;
	f.period_type = http_query_opt(r, "period_type");
	f.from = http_query_opt(r, "from");
	f.to = http_query_opt(r, "to");
	f.intensity = http_query_opt(r, "intensity");
	f.mine = mine && (mine[0] == '1' || mine[0] == 't');
	if (opinion_list(r->db, &r->actor, &f, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_opinion_get(struct req *r)
{
	json_t *out;

	if (opinion_get(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_opinion_create(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = opinion_create(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 201, out);
}

int api_opinion_update(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = opinion_update(r->db, &r->actor, r->ids[0], body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_opinion_delete(struct req *r)
{
	if (opinion_delete(r->db, &r->actor, r->ids[0], &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}

int api_opinion_stats(struct req *r)
{
	struct period p;
	int64_t unit;
	json_t *out;

	if (http_query_int(r, "unit", 1, INT64_MAX, r->actor.unit_id, &unit) <
		    0 ||
	    range(r, &p) < 0)
		return -1;
	if (opinion_stats(r->db, &r->actor, unit, p.start, p.end, &out,
			  &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_opinion_digest(struct req *r)
{
	const char *week = http_query_opt(r, "week");
	struct period p;
	char today[11], prev[PERIOD_DATE_SIZE];
	int64_t unit;
	json_t *out;

	if (http_query_int(r, "unit", 1, INT64_MAX, r->actor.unit_id, &unit) <
	    0)
		return -1;
	if (!week) {
		/* the last complete week */
		clock_today_vn(today);
		periods_add_days(today, -7, prev);
		periods_containing(PERIOD_WEEK, prev, &p);
		week = p.key;
	}
	if (opinion_digest(r->db, &r->actor, unit, week, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}
