/*
 * User accounts; see users.h for the rules. The password hash never leaves
 * this file's queries: the API form of a user has no password field.
 */
#include "domain/users.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/units.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/mem.h"
#include "base/text.h"
#include "store/store.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Column positions of USER_COLS in queries.c. */
enum user_col { UC_ID, UC_USERNAME, UC_FULL_NAME, UC_ROLE, UC_UNIT_ID,
		UC_UNIT_CODE, UC_UNIT_NAME, UC_DISABLED, UC_CREATED,
		UC_UNIT_PATH };

static const struct jfield user_fields[] = {
	{ "username", JF_STRING, JF_REQUIRED, 3, 64, 0, 0, "Tên đăng nhập" },
	{ "full_name", JF_STRING, JF_REQUIRED, 1, 200, 0, 0, "Họ và tên" },
	{ "unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị" },
	{ "role", JF_STRING, JF_REQUIRED, 1, 32, 0, 0, "Vai trò" },
	{ "password", JF_STRING, JF_REQUIRED, 1, 128, 0, 0, "Mật khẩu" },
	{ "disabled", JF_BOOL, 0, 0, 0, 0, 0, "Khóa tài khoản" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static json_t *user_json(struct store_rows *r)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:b, s:s}", "id",
			 (json_int_t)store_col_int(r, UC_ID), "username",
			 store_col_text(r, UC_USERNAME), "full_name",
			 store_col_text(r, UC_FULL_NAME), "role",
			 store_col_text(r, UC_ROLE), "unit_id",
			 (json_int_t)store_col_int(r, UC_UNIT_ID), "unit_code",
			 store_col_text(r, UC_UNIT_CODE), "unit_name",
			 store_col_text(r, UC_UNIT_NAME), "disabled",
			 store_col_int(r, UC_DISABLED) != 0, "created_at",
			 store_col_text(r, UC_CREATED));
}

/* Load a user inside a's subtree; 404 otherwise. */
static int load_in_scope(struct store_conn *c, const struct actor *a,
			 int64_t id, json_t **out, struct err *e)
{
	return units_load_scoped(c, a, Q_USER_GET, id, UC_UNIT_PATH, user_json,
				 "user", out, e);
}

/* Set "locked_until" (ISO text, or null) on a user object. */
static void set_locked(json_t *u, int64_t until)
{
	char iso[CLOCK_ISO_SIZE];

	if (until) {
		clock_iso(until, iso);
		json_object_set_new(u, "locked_until", json_string(iso));
	} else {
		json_object_set_new(u, "locked_until", json_null());
	}
}

/* Mark the locked accounts of a list (there are few at any time). */
static int mark_locked(struct store_conn *c, json_t *items, struct err *e)
{
	struct store_rows *r;
	int64_t now = clock_now();
	size_t i;
	json_t *u;
	int st;

	json_array_foreach(items, i, u)
		set_locked(u, 0);
	if (store_query(c, Q_LOCKOUT_LIST_LOCKED, (struct sval[]){ SV_I(now) },
			1, &r, e) < 0)
		return -1;
	while ((st = store_next(r)) == 1) {
		const char *name = store_col_text(r, 0);

		json_array_foreach(items, i, u)
			if (!strcmp(json_string_value(json_object_get(
					    u, "username")),
				    name))
				set_locked(u, store_col_int(r, 1));
	}
	store_rows_free(r);
	return st < 0 ? err_internal(e, "lockouts") : 0;
}

static char *search_text(const char *username, const char *full_name)
{
	struct buf b = BUF_INIT;
	char *f;

	buf_addf(&b, "%s %s", username, full_name);
	f = text_fold_dup(b.ptr);
	buf_release(&b);
	return f;
}

int users_list(struct store_conn *c, const struct actor *a,
	       const struct users_filter *f, json_t **out, struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE], *pat = NULL;
	struct store_rows *r;
	json_t *items;
	int64_t total = 0;
	int st;

	*out = NULL;
	units_subtree_range(a->unit_path, lo, hi);
	if (f->q && *f->q) {
		struct buf b = BUF_INIT;
		char *folded = text_fold_dup(f->q), *p;

		buf_addch(&b, '%');
		for (p = folded; *p; p++) {
			if (*p == '%' || *p == '_' || *p == '\\')
				buf_addch(&b, '\\');
			buf_addch(&b, *p);
		}
		buf_addch(&b, '%');
		free(folded);
		pat = buf_detach(&b, NULL);
	}
	struct sval args[] = { SV_T(lo),
			       SV_T(hi),
			       SV_OPT(f->unit_id, f->unit_id),
			       SV_T(pat),
			       SV_I(f->limit),
			       SV_I(f->offset) };
	if (store_int(c, Q_USER_LIST_COUNT, args, 4, &total, e) < 0 ||
	    store_query(c, Q_USER_LIST, args, 6, &r, e) < 0) {
		free(pat);
		return -1;
	}
	items = json_array();
	while ((st = store_next(r)) == 1)
		json_array_append_new(items, user_json(r));
	store_rows_free(r);
	free(pat);
	if (st < 0) {
		json_decref(items);
		return err_internal(e, "users");
	}
	if (mark_locked(c, items, e) < 0) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:o, s:I}", "items", items, "total",
			 (json_int_t)total);
	return 0;
}

/* Set "locked_until" on one user object, as GET shows it. */
static void mark_one(struct store_conn *c, json_t *u)
{
	set_locked(u, auth_locked_until(c,
					json_string_value(json_object_get(
						u, "username")),
					clock_now()));
}

int users_get(struct store_conn *c, const struct actor *a, int64_t id,
	      json_t **out, struct err *e)
{
	if (load_in_scope(c, a, id, out, e) < 0)
		return -1;
	mark_one(c, *out);
	return 0;
}

static int check_username(const char *u, struct err *e)
{
	const char *p;

	for (p = u; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) &&
		    *p != '.' && *p != '_' && *p != '-')
			return err_invalid(e, "username",
					   "Tên đăng nhập chỉ gồm chữ thường"
					   " không dấu, chữ số và các dấu . _ -");
	return 0;
}

static int check_unit(struct store_conn *c, const struct actor *a,
		      int64_t unit_id, struct err *e)
{
	if (units_check_scope(c, a, unit_id, NULL, e) < 0) {
		if (e && e->status == ERR_NOT_FOUND)
			err_invalid(e, "unit_id",
				    "Đơn vị không tồn tại hoặc nằm ngoài phạm vi"
				    " quản lý của bạn.");
		return -1;
	}
	return 0;
}

static int create(struct store_conn *c, const struct actor *a, json_t *body,
		  bool policy, json_t **out, struct err *e)
{
	bool own = false;
	const char *username, *full_name, *password;
	char now[CLOCK_ISO_SIZE], *hash = NULL, *folded = NULL;
	int64_t unit_id, id;
	enum role role;

	*out = NULL;
	if (json_check(body, user_fields, true, e) < 0)
		return -1;
	username = json_get_str(body, "username", "");
	full_name = json_get_str(body, "full_name", "");
	password = json_get_str(body, "password", "");
	unit_id = json_get_int(body, "unit_id", 0);
	if (check_username(username, e) < 0)
		return -1;
	if (role_parse(json_get_str(body, "role", ""), &role) < 0)
		return err_invalid(e, "role", "Vai trò không hợp lệ.");
	if (policy &&
	    auth_password_policy(password, username, "password", e) < 0)
		return -1;
	hash = auth_hash_password(password);
	if (!hash)
		return err_internal(e, "password hash");
	folded = search_text(username, full_name);
	clock_iso(clock_now(), now);
	if (store_begin_own(c, &own, e) < 0)
		goto out;
	if (check_unit(c, a, unit_id, e) < 0)
		goto fail;
	if (store_int(c, Q_USER_INSERT,
		      (struct sval[]){ SV_T(username), SV_T(full_name),
				       SV_I(unit_id), SV_T(role_name(role)),
				       SV_T(hash),
				       SV_I(json_get_bool(body, "disabled", false)),
				       SV_T(folded), SV_T(now) },
		      8, &id, e) < 0) {
		if (e && e->status == ERR_CONFLICT)
			err_set(e, ERR_CONFLICT, "conflict", "username",
				"Tên đăng nhập đã được sử dụng.");
		goto fail;
	}
	if (load_in_scope(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "create", "user", id, unit_id, NULL, *out, e) < 0 ||
	    store_end_own(c, own, 0, e) < 0)
		goto fail;
	mark_one(c, *out);
	free(hash);
	free(folded);
	return 0;
fail:
	store_end_own(c, own, -1, e);
	json_decref(*out);
	*out = NULL;
out:
	free(hash);
	free(folded);
	return -1;
}

int users_create(struct store_conn *c, const struct actor *a, json_t *body,
		 json_t **out, struct err *e)
{
	return create(c, a, body, true, out, e);
}

int users_create_seeded(struct store_conn *c, const struct actor *a,
			json_t *body, json_t **out, struct err *e)
{
	return create(c, a, body, false, out, e);
}

int users_update(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t *body, json_t **out, struct err *e)
{
	bool own = false;
	json_t *before = NULL;
	char now[CLOCK_ISO_SIZE], *hash = NULL, *folded = NULL;
	const char *full_name, *password, *role_s;
	int64_t unit_id;
	bool disabled;
	enum role role;

	*out = NULL;
	if (json_check(body, user_fields, false, e) < 0)
		return -1;
	if (json_has(body, "username"))
		return err_invalid(e, "username",
				   "Không thể đổi tên đăng nhập.");
	password = json_get_str(body, "password", NULL);
	if (password) {
		/* One's own password changes only with the current one
		 * (users_change_password), never by an admin's reset. */
		if (id == a->user_id)
			return err_invalid(e, "password",
					   "Để đổi mật khẩu của chính bạn, hãy"
					   " dùng mục Tài khoản (cần nhập mật"
					   " khẩu hiện tại).");
		if (load_in_scope(c, a, id, &before, e) < 0)
			return -1;
		if (auth_password_policy(password,
					 json_string_value(json_object_get(
						 before, "username")),
					 "password", e) < 0) {
			json_decref(before);
			return -1;
		}
		json_decref(before);
		before = NULL;
		hash = auth_hash_password(password);
		if (!hash)
			return err_internal(e, "password hash");
	}
	clock_iso(clock_now(), now);
	if (store_begin_own(c, &own, e) < 0)
		goto out;
	if (load_in_scope(c, a, id, &before, e) < 0)
		goto fail;
	full_name = json_get_str(body, "full_name",
				 json_string_value(json_object_get(before,
								  "full_name")));
	unit_id = json_get_int(body, "unit_id",
			       json_integer_value(json_object_get(before,
								 "unit_id")));
	role_s = json_get_str(body, "role",
			      json_string_value(json_object_get(before, "role")));
	disabled = json_get_bool(body, "disabled",
				 json_is_true(json_object_get(before,
							      "disabled")));
	if (role_parse(role_s, &role) < 0) {
		err_invalid(e, "role", "Vai trò không hợp lệ.");
		goto fail;
	}
	if (id == a->user_id &&
	    (disabled || role != a->role || unit_id != a->unit_id)) {
		err_invalid(e, disabled ? "disabled" : role != a->role ? "role"
								 : "unit_id",
			    "Không thể khóa, đổi vai trò hoặc đổi đơn vị của"
			    " chính tài khoản đang đăng nhập.");
		goto fail;
	}
	if (check_unit(c, a, unit_id, e) < 0)
		goto fail;
	folded = search_text(json_string_value(json_object_get(before,
							       "username")),
			     full_name);
	if (store_exec(c, Q_USER_UPDATE,
		       (struct sval[]){ SV_I(id), SV_T(full_name), SV_I(unit_id),
					SV_T(role_name(role)), SV_I(disabled),
					SV_T(folded), SV_T(now) },
		       7, e) < 0)
		goto fail;
	if (hash && store_exec(c, Q_USER_SET_PASSWORD,
			       (struct sval[]){ SV_I(id), SV_T(hash),
						SV_T(now) },
			       3, e) < 0)
		goto fail;
	if ((hash || disabled) && id != a->user_id &&
	    store_exec(c, Q_SESSION_DELETE_FOR_USER,
		       (struct sval[]){ SV_I(id) }, 1, e) < 0)
		goto fail;
	if (load_in_scope(c, a, id, out, e) < 0)
		goto fail;
	/* The audit row says a password changed, never what it is. */
	if (hash)
		json_object_set_new(*out, "password_changed", json_true());
	if (audit_record(c, a, "update", "user", id, unit_id, before, *out, e) <
		    0 ||
	    store_end_own(c, own, 0, e) < 0)
		goto fail;
	json_object_del(*out, "password_changed");
	mark_one(c, *out);
	json_decref(before);
	free(hash);
	free(folded);
	return 0;
fail:
	store_end_own(c, own, -1, e);
	json_decref(*out);
	*out = NULL;
out:
	json_decref(before);
	free(hash);
	free(folded);
	return -1;
}

int users_delete(struct store_conn *c, const struct actor *a, int64_t id,
		 struct err *e)
{
	json_t *before = NULL;

	if (id == a->user_id)
		return err_invalid(e, NULL,
				   "Không thể xóa chính tài khoản đang đăng nhập.");
	if (store_begin(c, e) < 0)
		return -1;
	if (load_in_scope(c, a, id, &before, e) < 0 ||
	    store_exec(c, Q_SESSION_DELETE_FOR_USER, (struct sval[]){ SV_I(id) },
		       1, e) < 0 ||
	    store_exec(c, Q_USER_DELETE, (struct sval[]){ SV_I(id) }, 1, e) < 0 ||
	    audit_record(c, a, "delete", "user", id,
			 json_integer_value(json_object_get(before, "unit_id")),
			 before, NULL, e) < 0 ||
	    store_commit(c, e) < 0) {
		store_rollback(c);
		json_decref(before);
		return -1;
	}
	json_decref(before);
	return 0;
}

int users_unlock(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t **out, struct err *e)
{
	json_t *before = NULL;
	int64_t until;
	const char *username;

	*out = NULL;
	if (store_begin(c, e) < 0)
		return -1;
	if (load_in_scope(c, a, id, &before, e) < 0)
		goto fail;
	username = json_string_value(json_object_get(before, "username"));
	until = auth_locked_until(c, username, clock_now());
	set_locked(before, until);
	if (auth_unlock(c, username, e) < 0 ||
	    load_in_scope(c, a, id, out, e) < 0)
		goto fail;
	set_locked(*out, 0);
	if (audit_record(c, a, "unlock", "user", id,
			 json_integer_value(json_object_get(before, "unit_id")),
			 before, *out, e) < 0 ||
	    store_commit(c, e) < 0)
		goto fail;
	json_decref(before);
	return 0;
fail:
	store_rollback(c);
	json_decref(before);
	json_decref(*out);
	*out = NULL;
	return -1;
}

static const struct jfield password_change_fields[] = {
	{ "current_password", JF_STRING, JF_REQUIRED, 1, 128, 0, 0,
	  "Mật khẩu hiện tại" },
	{ "new_password", JF_STRING, JF_REQUIRED, 1, 128, 0, 0,
	  "Mật khẩu mới" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

int users_change_password(struct store_conn *c, const struct actor *a,
			  json_t *body, json_t **out, struct err *e)
{
	const char *current, *fresh;
	char now[CLOCK_ISO_SIZE], *hash = NULL;
	json_t *after = NULL;
	int64_t ended;

	*out = NULL;
	if (json_check(body, password_change_fields, true, e) < 0)
		return -1;
	current = json_get_str(body, "current_password", "");
	fresh = json_get_str(body, "new_password", "");
	if (auth_reauthenticate(c, a, current, "current_password", clock_now(),
				e) < 0)
		return -1;
	if (!strcmp(current, fresh))
		return err_invalid(e, "new_password",
				   "Mật khẩu mới phải khác mật khẩu hiện tại.");
	if (auth_password_policy(fresh, a->username, "new_password", e) < 0)
		return -1;
	hash = auth_hash_password(fresh);
	if (!hash)
		return err_internal(e, "password hash");
	clock_iso(clock_now(), now);
	if (store_begin(c, e) < 0)
		goto out;
	if (store_exec(c, Q_USER_SET_PASSWORD,
		       (struct sval[]){ SV_I(a->user_id), SV_T(hash), SV_T(now) },
		       3, e) < 0 ||
	    store_exec(c, Q_SESSION_DELETE_OTHERS,
		       (struct sval[]){ SV_I(a->user_id), SV_I(a->session_id) },
		       2, e) < 0)
		goto fail;
	ended = store_changes(c);
	/* The audit row says the password changed, never what it is. */
	after = json_pack("{s:b, s:I}", "password_changed", 1,
			  "sessions_ended", (json_int_t)ended);
	if (audit_record(c, a, "password_change", "user", a->user_id,
			 a->unit_id, NULL, after, e) < 0 ||
	    store_commit(c, e) < 0)
		goto fail;
	free(hash);
	*out = after;
	return 0;
fail:
	store_rollback(c);
out:
	json_decref(after);
	free(hash);
	return -1;
}
