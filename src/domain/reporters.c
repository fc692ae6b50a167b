/*
 * Reporters and reporter conferences; see reporters.h.
 */
#include "domain/reporters.h"
#include "domain/audit.h"
#include "domain/records.h"
#include "domain/auth.h"
#include "domain/unit_history.h"
#include "domain/units.h"
#include "base/clock.h"
#include "base/json.h"
#include "store/store.h"

#include <string.h>

enum rep_col {
	RPC_ID, RPC_UNIT, RPC_UNIT_CODE, RPC_UNIT_NAME, RPC_NAME, RPC_POSITION,
	RPC_FROM, RPC_TO, RPC_CREATED, RPC_UPDATED, RPC_PATH, RPC_CONFS,
};

enum rc_col {
	KC_ID, KC_UNIT, KC_UNIT_CODE, KC_UNIT_NAME, KC_DATE, KC_TOPICS,
	KC_PRESENT, KC_AUDIENCE, KC_NOTE, KC_CREATED, KC_UPDATED, KC_PATH,
};

static const struct jfield rep_fields[] = {
	{ "unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị" },
	{ "name", JF_STRING, JF_REQUIRED, 1, 200, 0, 0, "Họ và tên" },
	{ "position", JF_STRING, JF_NULLABLE, 0, 200, 0, 0, "Chức vụ" },
	{ "valid_from", JF_DATE, JF_REQUIRED, 0, 0, 0, 0, "Từ ngày" },
	{ "valid_to", JF_DATE, JF_NULLABLE, 0, 0, 0, 0, "Đến ngày" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const struct jfield rc_fields[] = {
	{ "unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị" },
	{ "date", JF_DATE, JF_REQUIRED, 0, 0, 0, 0, "Ngày hội nghị" },
	{ "topics", JF_STRING, JF_REQUIRED, 1, 4000, 0, 0, "Nội dung" },
	{ "reporters_present", JF_INT, JF_REQUIRED, 0, 0, 0, 100000,
	  "Số báo cáo viên tham dự" },
	{ "audience", JF_INT, JF_REQUIRED, 0, 0, 0, 10000000,
	  "Số người nghe" },
	{ "reporter_ids", JF_ANY, 0, 0, 0, 0, 0, "Báo cáo viên trình bày" },
	{ "note", JF_STRING, JF_NULLABLE, 0, 2000, 0, 0, "Ghi chú" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

/* --- roster ------------------------------------------------------------ */

static json_t *rep_json(struct store_rows *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(store_col_int(r, RPC_ID)));
	json_object_set_new(j, "unit_id", json_integer(store_col_int(r, RPC_UNIT)));
	json_object_set_new(j, "unit_code",
			    json_string(store_col_text(r, RPC_UNIT_CODE)));
	json_object_set_new(j, "unit_name",
			    json_string(store_col_text(r, RPC_UNIT_NAME)));
	json_object_set_new(j, "name", json_string(store_col_text(r, RPC_NAME)));
	json_object_set_new(j, "position",
			    json_string(store_col_text(r, RPC_POSITION)));
	json_object_set_new(j, "valid_from",
			    json_string(store_col_text(r, RPC_FROM)));
	json_set_str_or_null(j, "valid_to", store_col_text(r, RPC_TO));
	json_object_set_new(j, "conferences",
			    json_integer(store_col_int(r, RPC_CONFS)));
	json_object_set_new(j, "created_at",
			    json_string(store_col_text(r, RPC_CREATED)));
	json_object_set_new(j, "updated_at",
			    json_string(store_col_text(r, RPC_UPDATED)));
	return j;
}

static int query_reps(struct store_conn *c, const char *scope,
		      const struct reporters_filter *f, json_t **items,
		      int64_t *total, struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];
	struct store_rows *r;
	int st;

	units_subtree_range(scope, lo, hi);
	struct sval args[] = { SV_T(lo), SV_T(hi),
			       SV_OPT(f->unit_id, f->unit_id),
			       SV_OPT(f->reporter_id, f->reporter_id),
			       SV_T(f->from), SV_T(f->to), SV_T(f->active_on),
			       SV_I(f->limit), SV_I(f->offset) };
	if ((total && store_int(c, Q_REP_COUNT, args, 7, total, e) < 0) ||
	    store_query(c, Q_REP_LIST, args, 9, &r, e) < 0)
		return -1;
	*items = json_array();
	while ((st = store_next(r)) == 1)
		json_array_append_new(*items, rep_json(r));
	store_rows_free(r);
	if (st < 0) {
		json_decref(*items);
		*items = NULL;
		return err_internal(e, "reporters");
	}
	return 0;
}

int reporters_list(struct store_conn *c, const struct actor *a,
		   const struct reporters_filter *f, json_t **out,
		   struct err *e)
{
	json_t *items;
	int64_t total = 0;
	struct reporters_filter g = *f;

	*out = NULL;
	g.reporter_id = 0;
	if (f->unit_id && units_check_scope(c, a, f->unit_id, NULL, e) < 0)
		return -1;
	if (query_reps(c, a->unit_path, &g, &items, &total, e) < 0)
		return -1;
	*out = json_pack("{s:o, s:I}", "items", items, "total",
			 (json_int_t)total);
	return 0;
}

int reporters_get(struct store_conn *c, const struct actor *a, int64_t id,
		  json_t **out, struct err *e)
{
	struct reporters_filter f = { 0 };
	json_t *items;

	*out = NULL;
	f.reporter_id = id;
	f.limit = 1;
	/* Look in the whole tree, then decide on scope. */
	if (query_reps(c, "/", &f, &items, NULL, e) < 0)
		return -1;
	if (!json_array_size(items)) {
		json_decref(items);
		return err_not_found(e);
	}
	*out = json_incref(json_array_get(items, 0));
	json_decref(items);
	if (units_check_scope(c, a,
			      json_integer_value(json_object_get(*out, "unit_id")),
			      NULL, e) < 0) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static int rep_check(struct store_conn *c, const struct actor *a,
		     int64_t unit, const char *from, const char *to,
		     struct err *e)
{
	if (to && strcmp(to, from) < 0)
		return err_invalid(e, "valid_to",
				   "Ngày kết thúc phải sau ngày bắt đầu.");
	return unit_history_check_entry(c, a, unit, from, "unit_id", e);
}

int reporters_create(struct store_conn *c, const struct actor *a,
		     json_t *body, json_t **out, struct err *e)
{
	char now[CLOCK_ISO_SIZE];
	int64_t id, unit;
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, rep_fields, true, e) < 0 || store_begin_own(c, &own, e) < 0)
		return -1;
	unit = json_get_int(body, "unit_id", 0);
	clock_iso(clock_now(), now);
	if (rep_check(c, a, unit, json_get_str(body, "valid_from", ""),
		      json_get_str(body, "valid_to", NULL), e) < 0 ||
	    store_int(c, Q_REP_INSERT,
		      (struct sval[]){ SV_I(unit),
				       SV_T(json_get_str(body, "name", "")),
				       SV_T(json_get_str(body, "position", "")),
				       SV_T(json_get_str(body, "valid_from", "")),
				       SV_T(json_get_str(body, "valid_to", NULL)),
				       SV_T(now) },
		      6, &id, e) < 0 ||
	    reporters_get(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "create", "reporter", id, unit, NULL, *out, e) <
		    0)
		goto out;
	rc = 0;
out:
	rc = store_end_own(c, own, rc, e);
	if (rc < 0) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int reporters_update(struct store_conn *c, const struct actor *a, int64_t id,
		     json_t *body, json_t **out, struct err *e)
{
	json_t *b = NULL;
	char now[CLOCK_ISO_SIZE];
	int64_t unit;
	const char *from, *to;
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, rep_fields, false, e) < 0 || store_begin_own(c, &own, e) < 0)
		return -1;
	if (reporters_get(c, a, id, &b, e) < 0)
		goto out;
	unit = json_integer_value(json_object_get(b, "unit_id"));
	if (unit_history_check_entry(c, a, unit, NULL, "unit_id", e) < 0)
		goto out;
	unit = json_get_int(body, "unit_id", unit);
	from = json_get_str(body, "valid_from",
			    json_string_value(json_object_get(b, "valid_from")));
	to = json_has(body, "valid_to")
		     ? json_get_str(body, "valid_to", NULL)
		     : json_string_value(json_object_get(b, "valid_to"));
	clock_iso(clock_now(), now);
	if (rep_check(c, a, unit, from, to, e) < 0 ||
	    store_exec(c, Q_REP_UPDATE,
		       (struct sval[]){
			       SV_I(id), SV_I(unit),
			       SV_T(json_get_str(body, "name",
						 json_string_value(json_object_get(
							 b, "name")))),
			       SV_T(json_has(body, "position")
					    ? json_get_str(body, "position", "")
					    : json_string_value(json_object_get(
						      b, "position"))),
			       SV_T(from), SV_T(to), SV_T(now) },
		       7, e) < 0 ||
	    reporters_get(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "update", "reporter", id, unit, b, *out, e) < 0)
		goto out;
	rc = 0;
out:
	rc = store_end_own(c, own, rc, e);
	json_decref(b);
	if (rc < 0) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int reporters_delete(struct store_conn *c, const struct actor *a, int64_t id,
		     struct err *e)
{
	json_t *b = NULL;
	int64_t unit, n = 0;
	bool own;
	int rc = -1;

	if (store_begin_own(c, &own, e) < 0)
		return -1;
	if (reporters_get(c, a, id, &b, e) < 0)
		goto out;
	unit = json_integer_value(json_object_get(b, "unit_id"));
	if (unit_history_check_entry(c, a, unit, NULL, "unit_id", e) < 0 ||
	    store_int(c, Q_REP_IN_USE, (struct sval[]){ SV_I(id) }, 1, &n, e) <
		    0)
		goto out;
	if (n) {
		err_set(e, ERR_CONFLICT, "in_use", NULL,
			"Báo cáo viên đã trình bày tại %lld hội nghị; hãy nhập"
			" ngày kết thúc thay vì xóa.",
			(long long)n);
		goto out;
	}
	if (store_exec(c, Q_REP_DELETE, (struct sval[]){ SV_I(id) }, 1, e) < 0 ||
	    audit_record(c, a, "delete", "reporter", id, unit, b, NULL, e) < 0)
		goto out;
	rc = 0;
out:
	json_decref(b);
	return store_end_own(c, own, rc, e);
}

/* --- conferences ------------------------------------------------------- */

static json_t *rc_json(struct store_rows *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(store_col_int(r, KC_ID)));
	json_object_set_new(j, "unit_id", json_integer(store_col_int(r, KC_UNIT)));
	json_object_set_new(j, "unit_code",
			    json_string(store_col_text(r, KC_UNIT_CODE)));
	json_object_set_new(j, "unit_name",
			    json_string(store_col_text(r, KC_UNIT_NAME)));
	json_object_set_new(j, "date", json_string(store_col_text(r, KC_DATE)));
	json_object_set_new(j, "topics", json_string(store_col_text(r, KC_TOPICS)));
	json_object_set_new(j, "reporters_present",
			    json_integer(store_col_int(r, KC_PRESENT)));
	json_object_set_new(j, "audience",
			    json_integer(store_col_int(r, KC_AUDIENCE)));
	json_object_set_new(j, "note", json_string(store_col_text(r, KC_NOTE)));
	json_object_set_new(j, "created_at",
			    json_string(store_col_text(r, KC_CREATED)));
	json_object_set_new(j, "updated_at",
			    json_string(store_col_text(r, KC_UPDATED)));
	return j;
}

static int speakers(struct store_conn *c, json_t *conf, struct err *e)
{
	struct store_rows *r;
	json_t *ids = json_array(), *names = json_array();
	int st;

	if (store_query(c, Q_RC_SPEAKERS,
			(struct sval[]){ SV_I(json_integer_value(
				json_object_get(conf, "id"))) },
			1, &r, e) < 0) {
		json_decref(ids);
		json_decref(names);
		return -1;
	}
	while ((st = store_next(r)) == 1) {
		json_array_append_new(ids, json_integer(store_col_int(r, 0)));
		json_array_append_new(names, json_string(store_col_text(r, 1)));
	}
	store_rows_free(r);
	json_object_set_new(conf, "reporter_ids", ids);
	json_object_set_new(conf, "reporter_names", names);
	return st < 0 ? err_internal(e, "speakers") : 0;
}

static int rc_load(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t **out, struct err *e)
{
	if (units_load_scoped(c, a, Q_RC_GET, id, KC_PATH, rc_json,
			      "reporter conference", out, e) < 0)
		return -1;
	if (speakers(c, *out, e) < 0) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int rconf_get(struct store_conn *c, const struct actor *a, int64_t id,
	      json_t **out, struct err *e)
{
	return rc_load(c, a, id, out, e);
}

int rconf_list(struct store_conn *c, const struct actor *a,
	       const struct reporters_filter *f, json_t **out, struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];

	*out = NULL;
	if (f->unit_id && units_check_scope(c, a, f->unit_id, NULL, e) < 0)
		return -1;
	units_subtree_range(a->unit_path, lo, hi);
	struct sval args[] = { SV_T(lo), SV_T(hi),
			       SV_OPT(f->unit_id, f->unit_id),
			       SV_OPT(f->reporter_id, f->reporter_id),
			       SV_T(f->from), SV_T(f->to), SV_I(f->limit),
			       SV_I(f->offset) };
	return records_page(c, Q_RC_COUNT, Q_RC_LIST, args, 6, 8,
			    rc_json, "reporter conferences", out, e);
}

/* Check and store the speakers of conference `id`. */
static int set_speakers(struct store_conn *c, const struct actor *a,
			int64_t id, json_t *ids, int64_t present,
			struct err *e)
{
	json_t *v, *rep;
	size_t i;

	if (!json_is_array(ids))
		return err_invalid(e, "reporter_ids",
				   "Trường \"reporter_ids\" phải là danh sách mã"
				   " báo cáo viên.");
	if ((int64_t)json_array_size(ids) > present)
		return err_invalid(e, "reporter_ids",
				   "Số báo cáo viên trình bày vượt quá số báo cáo"
				   " viên tham dự.");
	if (store_exec(c, Q_RC_SPEAKERS_CLEAR, (struct sval[]){ SV_I(id) }, 1,
		       e) < 0)
		return -1;
	json_array_foreach(ids, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return err_invalid(e, "reporter_ids",
					   "Mã báo cáo viên không hợp lệ.");
		if (reporters_get(c, a, json_integer_value(v), &rep, e) < 0) {
			err_invalid(e, "reporter_ids",
				    "Báo cáo viên %lld không tồn tại.",
				    (long long)json_integer_value(v));
			return -1;
		}
		json_decref(rep);
		if (store_exec(c, Q_RC_SPEAKER_ADD,
			       (struct sval[]){ SV_I(id),
						SV_I(json_integer_value(v)) },
			       2, e) < 0) {
			if (e && e->status == ERR_CONFLICT)
				err_invalid(e, "reporter_ids",
					    "Báo cáo viên bị lặp lại.");
			return -1;
		}
	}
	return 0;
}

static int rc_check(struct store_conn *c, const struct actor *a,
		    int64_t unit, const char *date, struct err *e)
{
	char today[11];

	clock_today_vn(today);
	if (strcmp(date, today) > 0)
		return err_invalid(e, "date",
				   "Ngày hội nghị không được sau ngày hôm nay.");
	return unit_history_check_entry(c, a, unit, date, "unit_id", e);
}

int rconf_create(struct store_conn *c, const struct actor *a, json_t *body,
		 json_t **out, struct err *e)
{
	char now[CLOCK_ISO_SIZE];
	int64_t id, unit, present;
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, rc_fields, true, e) < 0 || store_begin_own(c, &own, e) < 0)
		return -1;
	unit = json_get_int(body, "unit_id", 0);
	present = json_get_int(body, "reporters_present", 0);
	clock_iso(clock_now(), now);
	if (rc_check(c, a, unit, json_get_str(body, "date", ""), e) < 0 ||
	    store_int(c, Q_RC_INSERT,
		      (struct sval[]){ SV_I(unit),
				       SV_T(json_get_str(body, "date", "")),
				       SV_T(json_get_str(body, "topics", "")),
				       SV_I(present),
				       SV_I(json_get_int(body, "audience", 0)),
				       SV_T(json_get_str(body, "note", "")),
				       SV_T(now) },
		      7, &id, e) < 0 ||
	    (json_has(body, "reporter_ids") &&
	     set_speakers(c, a, id, json_object_get(body, "reporter_ids"),
			  present, e) < 0) ||
	    rc_load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "create", "reporter_conference", id, unit, NULL,
			 *out, e) < 0)
		goto out;
	rc = 0;
out:
	rc = store_end_own(c, own, rc, e);
	if (rc < 0) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int rconf_update(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t *body, json_t **out, struct err *e)
{
	json_t *b = NULL, *ids;
	char now[CLOCK_ISO_SIZE];
	int64_t unit, present;
	const char *date;
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, rc_fields, false, e) < 0 || store_begin_own(c, &own, e) < 0)
		return -1;
	if (rc_load(c, a, id, &b, e) < 0)
		goto out;
	unit = json_integer_value(json_object_get(b, "unit_id"));
	if (unit_history_check_entry(c, a, unit, NULL, "unit_id", e) < 0)
		goto out;
	unit = json_get_int(body, "unit_id", unit);
	date = json_get_str(body, "date",
			    json_string_value(json_object_get(b, "date")));
	present = json_get_int(body, "reporters_present",
			       json_integer_value(json_object_get(
				       b, "reporters_present")));
	ids = json_has(body, "reporter_ids")
		      ? json_object_get(body, "reporter_ids")
		      : json_object_get(b, "reporter_ids");
	clock_iso(clock_now(), now);
	if (rc_check(c, a, unit, date, e) < 0 ||
	    store_exec(c, Q_RC_UPDATE,
		       (struct sval[]){
			       SV_I(id), SV_I(unit), SV_T(date),
			       SV_T(json_get_str(body, "topics",
						 json_string_value(json_object_get(
							 b, "topics")))),
			       SV_I(present),
			       SV_I(json_get_int(body, "audience",
						 json_integer_value(json_object_get(
							 b, "audience")))),
			       SV_T(json_has(body, "note")
					    ? json_get_str(body, "note", "")
					    : json_string_value(json_object_get(
						      b, "note"))),
			       SV_T(now) },
		       8, e) < 0 ||
	    set_speakers(c, a, id, ids, present, e) < 0 ||
	    rc_load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "update", "reporter_conference", id, unit, b,
			 *out, e) < 0)
		goto out;
	rc = 0;
out:
	rc = store_end_own(c, own, rc, e);
	json_decref(b);
	if (rc < 0) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int rconf_delete(struct store_conn *c, const struct actor *a, int64_t id,
		 struct err *e)
{
	return records_delete(c, a, id, rc_load, Q_RC_DELETE, "reporter_conference", e);
}
