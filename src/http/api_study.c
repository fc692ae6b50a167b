/*
 * /api/v1/activities, /api/v1/units/{id}/merge|move|history and
 * /api/v1/study/not-studied: parse, call domain/study.c and
 * domain/unit_history.c, answer.
 */
#include "http/http.h"
#include "domain/study.h"
#include "domain/unit_history.h"

int api_activities_list(struct req *r)
{
	struct study_filter f = { 0 };
	json_t *out;

	if (http_query_int(r, "unit_id", 1, INT64_MAX, 0, &f.unit_id) < 0 ||
	    http_query_int(r, "document_id", 1, INT64_MAX, 0,
			   &f.document_id) < 0 ||
	    http_paging(r, &f.limit, &f.offset) < 0)
		return -1;
	f.kind = http_query(r, "kind");
	f.from = http_query(r, "from");
	f.to = http_query(r, "to");
	f.document_ref = http_query(r, "document_ref");
	if (f.kind && !*f.kind)
		f.kind = NULL;
	if (f.from && !*f.from)
		f.from = NULL;
	if (f.to && !*f.to)
		f.to = NULL;
	if (f.document_ref && !*f.document_ref)
		f.document_ref = NULL;
	if (study_list(r->db, &r->actor, &f, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_activities_get(struct req *r)
{
	json_t *out;

	if (study_get(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_activities_create(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = study_create(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 201, out);
}

int api_activities_update(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = study_update(r->db, &r->actor, r->ids[0], body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_activities_delete(struct req *r)
{
	if (study_delete(r->db, &r->actor, r->ids[0], &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}

int api_not_studied(struct req *r)
{
	int64_t unit, doc;
	json_t *out;
	const char *ref = http_query(r, "document_ref");

	if (http_query_int(r, "unit", 1, INT64_MAX, r->actor.unit_id, &unit) <
		    0 ||
	    http_query_int(r, "document_id", 1, INT64_MAX, 0, &doc) < 0)
		return -1;
	if (study_not_studied(r->db, &r->actor, unit, doc, ref,
			      http_query(r, "level"), http_query(r, "from"),
			      http_query(r, "to"), &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_units_move(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = unit_history_move(r->db, &r->actor, r->ids[0], body, &out,
			       &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_units_merge(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = unit_history_merge(r->db, &r->actor, r->ids[0], body, &out,
				&r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_units_history(struct req *r)
{
	json_t *out;

	if (unit_history_get(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}
