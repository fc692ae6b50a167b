/*
 * /api/v1/appraisals: parse, call domain/appraisals.c, answer.
 */
#include "http/http.h"
#include "domain/appraisals.h"

int api_appraisals_list(struct req *r)
{
	struct appraisals_filter f = { 0 };
	json_t *out;

	if (http_query_int(r, "unit_id", 1, INT64_MAX, 0, &f.unit_id) < 0 ||
	    http_query_int(r, "document_id", 1, INT64_MAX, 0,
			   &f.document_id) < 0 ||
	    http_paging(r, &f.limit, &f.offset) < 0)
		return -1;
	f.kind = http_query_opt(r, "kind");
	f.status = http_query_opt(r, "status");
	if (http_query_date(r, "from", &f.from) < 0 || http_query_date(r, "to", &f.to) < 0)
		return -1;
	if (appraisals_list(r->db, &r->actor, &f, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_appraisals_get(struct req *r)
{
	json_t *out;

	if (appraisals_get(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_appraisals_create(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = appraisals_create(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 201, out);
}

int api_appraisals_update(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = appraisals_update(r->db, &r->actor, r->ids[0], body, &out,
			       &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_appraisals_delete(struct req *r)
{
	if (appraisals_delete(r->db, &r->actor, r->ids[0], &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}
