/*
 * /api/v1/commendations: parse, call domain/commendations.c, answer.
 */
#include "http/http.h"
#include "domain/commendations.h"

int api_commendations_list(struct req *r)
{
	struct commendations_filter f = { 0 };
	json_t *out;

	if (http_query_int(r, "unit_id", 1, INT64_MAX, 0, &f.unit_id) < 0 ||
	    http_paging(r, &f.limit, &f.offset) < 0)
		return -1;
	f.kind = http_query_opt(r, "kind");
	f.award = http_query_opt(r, "award");
	f.from = http_query_opt(r, "from");
	f.to = http_query_opt(r, "to");
	if (commendations_list(r->db, &r->actor, &f, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_commendations_get(struct req *r)
{
	json_t *out;

	if (commendations_get(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_commendations_create(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = commendations_create(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 201, out);
}

int api_commendations_update(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = commendations_update(r->db, &r->actor, r->ids[0], body, &out,
				  &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_commendations_delete(struct req *r)
{
	if (commendations_delete(r->db, &r->actor, r->ids[0], &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}
