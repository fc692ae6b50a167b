/*
 * /api/v1/reporters and /api/v1/reporter-conferences: parse, call
 * domain/reporters.c, answer.
 */
#include "http/http.h"
#include "domain/reporters.h"

static int filter(struct req *r, struct reporters_filter *f)
{
	if (http_query_int(r, "unit_id", 1, INT64_MAX, 0, &f->unit_id) < 0 ||
	    http_query_int(r, "reporter_id", 1, INT64_MAX, 0,
			   &f->reporter_id) < 0 ||
	    http_paging(r, &f->limit, &f->offset) < 0)
		return -1;
	f->from = http_query_opt(r, "from");
	f->to = http_query_opt(r, "to");
	f->active_on = http_query_opt(r, "active_on");
	return 0;
}

int api_reporters_list(struct req *r)
{
	struct reporters_filter f = { 0 };
	json_t *out;

	if (filter(r, &f) < 0 ||
	    reporters_list(r->db, &r->actor, &f, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_reporters_get(struct req *r)
{
	json_t *out;

	if (reporters_get(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_reporters_create(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = reporters_create(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 201, out);
}

int api_reporters_update(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = reporters_update(r->db, &r->actor, r->ids[0], body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_reporters_delete(struct req *r)
{
	if (reporters_delete(r->db, &r->actor, r->ids[0], &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}

int api_rconf_list(struct req *r)
{
	struct reporters_filter f = { 0 };
	json_t *out;

	if (filter(r, &f) < 0 ||
	    rconf_list(r->db, &r->actor, &f, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_rconf_get(struct req *r)
{
	json_t *out;

	if (rconf_get(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_rconf_create(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = rconf_create(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 201, out);
}

int api_rconf_update(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = rconf_update(r->db, &r->actor, r->ids[0], body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_rconf_delete(struct req *r)
{
	if (rconf_delete(r->db, &r->actor, r->ids[0], &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}
