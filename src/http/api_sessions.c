/*
 * /api/v1/account/… (the signed-in user's own sessions and password) and
 * /api/v1/users/{id}/sessions, /unlock (an admin's view of an account):
 * parse, call domain/sessions.c and domain/users.c, answer.
 */
#include "http/http.h"
#include "base/clock.h"
#include "domain/sessions.h"
#include "domain/users.h"

#include <microhttpd.h>

static int list(struct req *r, int64_t user_id)
{
	json_t *out;

	if (sessions_list(r->db, &r->actor, user_id, clock_now(), &out,
			  &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

static int end_one(struct req *r, int64_t user_id, int64_t session_id)
{
	if (sessions_end(r->db, &r->actor, user_id, session_id, &r->err) < 0)
		return -1;
	/* Ending the session this request came with signs the browser out. */
	if (session_id == r->actor.session_id)
		http_clear_session_cookie(r);
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}

static int end_all(struct req *r, int64_t user_id)
{
	int64_t n;

	if (sessions_end_all(r->db, &r->actor, user_id, &n, &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:I}", "sessions_ended",
					   (json_int_t)n));
}

int api_account_sessions(struct req *r)
{
	return list(r, 0);
}

int api_account_session_end(struct req *r)
{
	return end_one(r, 0, r->ids[0]);
}

int api_account_password(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = users_change_password(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_user_sessions(struct req *r)
{
	return list(r, r->ids[0]);
}

int api_user_session_end(struct req *r)
{
	return end_one(r, r->ids[0], r->ids[1]);
}

int api_user_sessions_end(struct req *r)
{
	return end_all(r, r->ids[0]);
}

int api_user_unlock(struct req *r)
{
	json_t *out;

	if (users_unlock(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}
