/*
 * /api/v1/indicators and /api/v1/indicator-values: parse, call
 * domain/indicators.c, answer.
 */
#include "http/http.h"
#include "domain/indicators.h"

int api_indicators_list(struct req *r)
{
	int64_t limit, offset, active;
	json_t *out;

	if (http_query_int(r, "active", 0, 1, 0, &active) < 0 ||
	    http_paging(r, &limit, &offset) < 0)
		return -1;
	if (indicators_list(r->db, &r->actor, (int)active, limit, offset, &out,
			    &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_indicators_get(struct req *r)
{
	json_t *out;

	if (indicators_get(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_indicators_create(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = indicators_create(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 201, out);
}

int api_indicators_update(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = indicators_update(r->db, &r->actor, r->ids[0], body, &out,
			       &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_indicators_delete(struct req *r)
{
	if (indicators_delete(r->db, &r->actor, r->ids[0], &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}

int api_indicators_completeness(struct req *r)
{
	int64_t unit;
	json_t *out;

	if (http_query_int(r, "unit", 1, INT64_MAX, r->actor.unit_id, &unit) <
	    0)
		return -1;
	if (indicators_completeness(r->db, &r->actor, r->ids[0], unit,
				    http_query_opt(r, "period"), &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_ivalues_list(struct req *r)
{
	struct ivalue_filter f = { 0 };
	json_t *out;

	if (http_query_int(r, "unit_id", 1, INT64_MAX, 0, &f.unit_id) < 0 ||
	    http_query_int(r, "indicator_id", 1, INT64_MAX, 0,
			   &f.indicator_id) < 0 ||
	    http_paging(r, &f.limit, &f.offset) < 0)
		return -1;
	f.period = http_query_opt(r, "period");
	f.from = http_query_opt(r, "from");
	f.to = http_query_opt(r, "to");
	if (ivalues_list(r->db, &r->actor, &f, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_ivalues_get(struct req *r)
{
	json_t *out;

	if (ivalues_get(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_ivalues_create(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = ivalues_create(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 201, out);
}

int api_ivalues_update(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = ivalues_update(r->db, &r->actor, r->ids[0], body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_ivalues_delete(struct req *r)
{
	if (ivalues_delete(r->db, &r->actor, r->ids[0], &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}
