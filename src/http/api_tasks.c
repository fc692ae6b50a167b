/*
 * /api/v1/tasks: the collection, inbox, matrix, due-soon list and the
 * per-unit assignment status. Parse, call domain/tasks.c, answer.
 */
#include "http/http.h"
#include "domain/tasks.h"

int api_tasks_list(struct req *r)
{
	struct tasks_filter f = { 0 };
	json_t *out;

	if (http_query_int(r, "document_id", 1, INT64_MAX, 0, &f.document_id) <
		    0 ||
	    http_paging(r, &f.limit, &f.offset) < 0)
		return -1;
	f.kind = http_query(r, "kind");
	f.from = http_query(r, "from");
	f.to = http_query(r, "to");
	if (tasks_list(r->db, &r->actor, &f, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_tasks_get(struct req *r)
{
	json_t *out;

	if (tasks_get(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_tasks_create(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = tasks_create(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 201, out);
}

int api_tasks_update(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = tasks_update(r->db, &r->actor, r->ids[0], body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_tasks_delete(struct req *r)
{
	if (tasks_delete(r->db, &r->actor, r->ids[0], &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}

int api_tasks_assignment_update(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = tasks_assignment_update(r->db, &r->actor, r->ids[0], r->ids[1],
				     body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_tasks_inbox(struct req *r)
{
	int64_t limit, offset;
	json_t *out;

	if (http_paging(r, &limit, &offset) < 0 ||
	    tasks_inbox(r->db, &r->actor, http_query(r, "status"), limit, offset,
			&out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_tasks_matrix(struct req *r)
{
	int64_t doc, task;
	json_t *out;

	if (http_query_int(r, "document_id", 1, INT64_MAX, 0, &doc) < 0 ||
	    http_query_int(r, "task_id", 1, INT64_MAX, 0, &task) < 0 ||
	    tasks_matrix(r->db, &r->actor, doc, task, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_tasks_due_soon(struct req *r)
{
	int64_t days, overdue;
	json_t *out;

	if (http_query_int(r, "days", 0, 366, 7, &days) < 0 ||
	    http_query_int(r, "overdue", 0, 1, 0, &overdue) < 0 ||
	    tasks_due_soon(r->db, &r->actor, (int)days, (int)overdue, &out,
			   &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}
