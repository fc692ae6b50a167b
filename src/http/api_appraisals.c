/*
 * /api/v1/appraisals: parse, call domain/appraisals.c, answer.
 */
#include "http/http.h"
#include "base/format.h"
#include "domain/appraisals.h"

static const char *opt(struct req *r, const char *name)
{
	const char *v = http_query(r, name);

	return v && *v ? v : NULL;
}

/* An optional date filter: absent, or a real YYYY-MM-DD date. */
static int date_opt(struct req *r, const char *name, const char **out)
{
	int y, mo, d;

	*out = opt(r, name);
	if (*out && date_parse_iso(*out, &y, &mo, &d) < 0)
		return err_invalid(&r->err, name,
				   "Ngày không hợp lệ: \"%s\" (dạng"
				   " YYYY-MM-DD).",
				   *out);
	return 0;
}

int api_appraisals_list(struct req *r)
{
	struct appraisals_filter f = { 0 };
	json_t *out;

	if (http_query_int(r, "unit_id", 1, INT64_MAX, 0, &f.unit_id) < 0 ||
	    http_query_int(r, "document_id", 1, INT64_MAX, 0,
			   &f.document_id) < 0 ||
	    http_paging(r, &f.limit, &f.offset) < 0)
		return -1;
	f.kind = opt(r, "kind");
	f.status = opt(r, "status");
	if (date_opt(r, "from", &f.from) < 0 || date_opt(r, "to", &f.to) < 0)
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
