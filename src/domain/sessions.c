/*
 * Listing and ending sessions; see sessions.h for the rules.
 */
#include "domain/sessions.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/users.h"
#include "base/clock.h"
#include "store/store.h"

/* The account whose sessions are meant: the actor's own (user_id 0 or
 * their id), or a user of the actor's subtree (admins only; the route
 * table says who may ask). Fills the user's id and unit. */
static int target(struct store_conn *c, const struct actor *a, int64_t user_id,
		  int64_t *id, int64_t *unit_id, struct err *e)
{
	json_t *u;

	if (!user_id || user_id == a->user_id) {
		*id = a->user_id;
		*unit_id = a->unit_id;
		return 0;
	}
	if (a->role != ROLE_ADMIN)
		return err_set(e, ERR_NOT_FOUND, "not_found", NULL,
			       "Không tìm thấy tài khoản.");
	if (users_get(c, a, user_id, &u, e) < 0)
		return -1;
	*id = user_id;
	*unit_id = json_integer_value(json_object_get(u, "unit_id"));
	json_decref(u);
	return 0;
}

int sessions_list(struct store_conn *c, const struct actor *a,
		  int64_t user_id, int64_t now, json_t **out, struct err *e)
{
	struct store_rows *r;
	char created[CLOCK_ISO_SIZE], seen[CLOCK_ISO_SIZE];
	int64_t id, unit_id;
	json_t *items;
	int st;

	*out = NULL;
	if (target(c, a, user_id, &id, &unit_id, e) < 0)
		return -1;
	if (store_query(c, Q_SESSION_LIST_FOR_USER,
			(struct sval[]){ SV_I(id),
					 SV_I(now - AUTH_IDLE_SECONDS),
					 SV_I(now - AUTH_ABSOLUTE_SECONDS) },
			3, &r, e) < 0)
		return -1;
	items = json_array();
	while ((st = store_next(r)) == 1) {
		int64_t sid = store_col_int(r, 0);

		clock_iso(store_col_int(r, 1), created);
		clock_iso(store_col_int(r, 2), seen);
		json_array_append_new(
			items,
			json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "id",
				  (json_int_t)sid, "created_at", created,
				  "last_seen", seen, "ip",
				  store_col_text(r, 3), "user_agent",
				  store_col_text(r, 4), "current",
				  sid == a->session_id));
	}
	store_rows_free(r);
	if (st < 0) {
		json_decref(items);
		return err_internal(e, "sessions");
	}
	*out = json_pack("{s:I, s:o}", "total",
			 (json_int_t)json_array_size(items), "items", items);
	return 0;
}

int sessions_end(struct store_conn *c, const struct actor *a, int64_t user_id,
		 int64_t session_id, struct err *e)
{
	int64_t id, unit_id, found = 0;
	json_t *detail;
	int st;

	if (target(c, a, user_id, &id, &unit_id, e) < 0)
		return -1;
	if (store_begin(c, e) < 0)
		return -1;
	st = store_int(c, Q_SESSION_GET_FOR_USER,
		       (struct sval[]){ SV_I(session_id), SV_I(id) }, 2, &found,
		       e);
	if (st < 0)
		goto fail;
	if (st == 0) {
		err_set(e, ERR_NOT_FOUND, "not_found", NULL,
			"Không tìm thấy phiên đăng nhập này.");
		goto fail;
	}
	detail = json_pack("{s:I, s:b}", "user_id", (json_int_t)id, "current",
			   session_id == a->session_id);
	if (store_exec(c, Q_SESSION_DELETE_ID,
		       (struct sval[]){ SV_I(session_id), SV_I(id) }, 2,
		       e) < 0 ||
	    audit_record(c, a, "session_end", "session", session_id, unit_id,
			 NULL, detail, e) < 0) {
		json_decref(detail);
		goto fail;
	}
	json_decref(detail);
	return store_commit(c, e);
fail:
	store_rollback(c);
	return -1;
}

int sessions_end_all(struct store_conn *c, const struct actor *a,
		     int64_t user_id, int64_t *ended, struct err *e)
{
	int64_t id, unit_id;
	json_t *detail;

	*ended = 0;
	if (target(c, a, user_id, &id, &unit_id, e) < 0)
		return -1;
	if (store_begin(c, e) < 0)
		return -1;
	/* The actor's current session is kept (it belongs to another user
	 * anyway unless the actor ends their own). */
	if (store_exec(c, Q_SESSION_DELETE_OTHERS,
		       (struct sval[]){ SV_I(id), SV_I(a->session_id) }, 2,
		       e) < 0)
		goto fail;
	*ended = store_changes(c);
	detail = json_pack("{s:I, s:I}", "user_id", (json_int_t)id,
			   "sessions_ended", (json_int_t)*ended);
	if (audit_record(c, a, "session_end", "session", 0, unit_id, NULL,
			 detail, e) < 0) {
		json_decref(detail);
		goto fail;
	}
	json_decref(detail);
	return store_commit(c, e);
fail:
	store_rollback(c);
	return -1;
}
