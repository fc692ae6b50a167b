/*
 * The topic tree; see topics.h.
 */
#include "domain/topics.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/privacy.h"
#include "base/clock.h"
#include "base/json.h"
#include "store/store.h"

#include <string.h>

/* Positions of TOPIC_COLS in sql_opinion.def. */
enum topic_col {
	TC_ID, TC_CODE, TC_NAME, TC_PARENT, TC_MERGED, TC_MERGED_ON, TC_ACTIVE,
	TC_CREATED, TC_UPDATED, TC_REPORTS, TC_MERGED_CODE, TC_MERGED_NAME,
};

static const struct jfield topic_fields[] = {
	{ "code", JF_STRING, JF_REQUIRED, 1, 16, 0, 0, "Mã chủ đề" },
	{ "name", JF_STRING, JF_REQUIRED, 1, 200, 0, 0, "Tên chủ đề" },
	{ "parent_id", JF_ID, JF_NULLABLE, 0, 0, 0, 0, "Chủ đề cha" },
	{ "active", JF_BOOL, 0, 0, 0, 0, 0, "Đang dùng" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static json_t *opt_int(struct store_rows *r, int col)
{
	return store_col_null(r, col) ? json_null()
				      : json_integer(store_col_int(r, col));
}

static json_t *topic_json(struct store_rows *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(store_col_int(r, TC_ID)));
	json_object_set_new(j, "code", json_string(store_col_text(r, TC_CODE)));
	json_object_set_new(j, "name", json_string(store_col_text(r, TC_NAME)));
	json_object_set_new(j, "parent_id", opt_int(r, TC_PARENT));
	json_object_set_new(j, "merged_into", opt_int(r, TC_MERGED));
	json_set_str_or_null(j, "merged_into_code",
			     store_col_text(r, TC_MERGED_CODE));
	json_set_str_or_null(j, "merged_into_name",
			     store_col_text(r, TC_MERGED_NAME));
	json_set_str_or_null(j, "merged_on", store_col_text(r, TC_MERGED_ON));
	json_object_set_new(j, "active",
			    json_boolean(store_col_int(r, TC_ACTIVE)));
	json_object_set_new(j, "reports",
			    json_integer(store_col_int(r, TC_REPORTS)));
	json_object_set_new(j, "created_at",
			    json_string(store_col_text(r, TC_CREATED)));
	json_object_set_new(j, "updated_at",
			    json_string(store_col_text(r, TC_UPDATED)));
	return j;
}

int topics_list(struct store_conn *c, json_t **out, struct err *e)
{
	struct store_rows *r;
	json_t *items;
	int st;

	*out = NULL;
	if (store_query(c, Q_TOPIC_LIST, NULL, 0, &r, e) < 0)
		return -1;
	items = json_array();
	while ((st = store_next(r)) == 1)
		json_array_append_new(items, topic_json(r));
	store_rows_free(r);
	if (st < 0) {
		json_decref(items);
		return err_internal(e, "topics");
	}
	*out = json_pack("{s:I, s:o}", "total",
			 (json_int_t)json_array_size(items), "items", items);
	return 0;
}

int topics_get(struct store_conn *c, int64_t id, json_t **out,
	       struct err *e)
{
	struct store_rows *r;
	int st;

	*out = NULL;
	if (store_query(c, Q_TOPIC_GET, (struct sval[]){ SV_I(id) }, 1, &r,
			e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1)
		*out = topic_json(r);
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, "topic");
	if (st == 0)
		return err_set(e, ERR_NOT_FOUND, "not_found", NULL,
			       "Không tìm thấy chủ đề.");
	return 0;
}

int topics_check_usable(struct store_conn *c, int64_t id, const char *field,
			struct err *e)
{
	json_t *t;
	int rc = 0;

	if (topics_get(c, id, &t, e) < 0) {
		if (e->status == ERR_NOT_FOUND)
			return err_invalid(e, field, "Chủ đề không tồn tại.");
		return -1;
	}
	if (!json_is_null(json_object_get(t, "merged_into")))
		rc = err_invalid(e, field,
				 "Chủ đề \"%s\" đã được gộp vào chủ đề \"%s\";"
				 " hãy chọn chủ đề \"%s\".",
				 json_string_value(json_object_get(t, "name")),
				 json_string_value(json_object_get(
					 t, "merged_into_name")),
				 json_string_value(json_object_get(
					 t, "merged_into_name")));
	json_decref(t);
	return rc;
}

static int check_code(const char *code, struct err *e)
{
	const char *p;

	for (p = code; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			return err_invalid(e, "code",
					   "Mã chủ đề chỉ gồm chữ in hoa không dấu,"
					   " chữ số, '-' và '_'.");
	return 0;
}

/* The parent exists and is not `id` nor below it. */
static int check_parent(struct store_conn *c, int64_t id, int64_t parent,
			struct err *e)
{
	json_t *t;
	int hops = 0;

	while (parent) {
		if (parent == id)
			return err_invalid(e, "parent_id",
					   "Không thể đặt chủ đề dưới chính nó hoặc"
					   " chủ đề con của nó.");
		if (topics_get(c, parent, &t, e) < 0)
			return e->status == ERR_NOT_FOUND
				       ? err_invalid(e, "parent_id",
						     "Chủ đề cha không tồn tại.")
				       : -1;
		if (hops == 0 && !json_is_null(json_object_get(t, "merged_into"))) {
			json_decref(t);
			return err_invalid(e, "parent_id",
					   "Chủ đề cha đã được gộp vào chủ đề khác.");
		}
		parent = json_integer_value(json_object_get(t, "parent_id"));
		json_decref(t);
		if (++hops > 64)
			return err_internal(e, "topic tree");
	}
	return 0;
}

static int conflict_code(struct err *e)
{
	if (e->status == ERR_CONFLICT)
		return err_set(e, ERR_CONFLICT, "conflict", "code",
			       "Mã chủ đề đã được dùng.");
	return -1;
}

int topics_create(struct store_conn *c, const struct actor *a, json_t *body,
		  json_t **out, struct err *e)
{
	const char *code, *name;
	char now[CLOCK_ISO_SIZE];
	int64_t parent, id;
	int rc = -1;

	*out = NULL;
	if (json_check(body, topic_fields, true, e) < 0)
		return -1;
	code = json_get_str(body, "code", "");
	name = json_get_str(body, "name", "");
	parent = json_get_int(body, "parent_id", 0);
	if (check_code(code, e) < 0 ||
	    privacy_check(name, "name", "Tên chủ đề", e) < 0)
		return -1;
	if (store_begin(c, e) < 0)
		return -1;
	if (check_parent(c, 0, parent, e) < 0)
		goto out;
	clock_iso(clock_now(), now);
	if (store_int(c, Q_TOPIC_INSERT,
		      (struct sval[]){ SV_T(code), SV_T(name),
				       SV_OPT(parent, parent), SV_T(now) },
		      4, &id, e) < 0) {
		conflict_code(e);
		goto out;
	}
	if (topics_get(c, id, out, e) < 0 ||
	    audit_record(c, a, "create", "opinion_topic", id, 0, NULL, *out,
			 e) < 0)
		goto out;
	rc = store_commit(c, e);
out:
	if (rc < 0) {
		store_rollback(c);
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int topics_update(struct store_conn *c, const struct actor *a, int64_t id,
		  json_t *body, json_t **out, struct err *e)
{
	json_t *before = NULL;
	const char *code, *name;
	char now[CLOCK_ISO_SIZE];
	int64_t parent;
	bool active;
	int rc = -1;

	*out = NULL;
	if (json_check(body, topic_fields, false, e) < 0)
		return -1;
	if (store_begin(c, e) < 0)
		return -1;
	if (topics_get(c, id, &before, e) < 0)
		goto out;
	code = json_get_str(body, "code",
			    json_string_value(json_object_get(before, "code")));
	name = json_get_str(body, "name",
			    json_string_value(json_object_get(before, "name")));
	parent = json_has(body, "parent_id")
			 ? json_get_int(body, "parent_id", 0)
			 : json_integer_value(json_object_get(before, "parent_id"));
	active = json_get_bool(body, "active",
			       json_is_true(json_object_get(before, "active")));
	if (active && !json_is_null(json_object_get(before, "merged_into"))) {
		err_invalid(e, "active",
			    "Chủ đề đã được gộp, không thể dùng lại.");
		goto out;
	}
	if (check_code(code, e) < 0 ||
	    privacy_check(name, "name", "Tên chủ đề", e) < 0 ||
	    check_parent(c, id, parent, e) < 0)
		goto out;
	clock_iso(clock_now(), now);
	if (store_exec(c, Q_TOPIC_UPDATE,
		       (struct sval[]){ SV_I(id), SV_T(code), SV_T(name),
					SV_OPT(parent, parent), SV_I(active),
					SV_T(now) },
		       6, e) < 0) {
		conflict_code(e);
		goto out;
	}
	if (topics_get(c, id, out, e) < 0 ||
	    audit_record(c, a, "update", "opinion_topic", id, 0, before, *out,
			 e) < 0)
		goto out;
	rc = store_commit(c, e);
out:
	json_decref(before);
	if (rc < 0) {
		store_rollback(c);
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

static const struct jfield merge_fields[] = {
	{ "into", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Gộp vào chủ đề" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

int topics_merge(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t *body, json_t **out, struct err *e)
{
	json_t *before = NULL;
	char now[CLOCK_ISO_SIZE], today[11];
	int64_t into;
	int rc = -1;

	*out = NULL;
	if (json_check(body, merge_fields, true, e) < 0)
		return -1;
	into = json_get_int(body, "into", 0);
	if (store_begin(c, e) < 0)
		return -1;
	if (topics_get(c, id, &before, e) < 0)
		goto out;
	if (!json_is_null(json_object_get(before, "merged_into"))) {
		err_invalid(e, "into", "Chủ đề này đã được gộp trước đó.");
		goto out;
	}
	if (into == id) {
		err_invalid(e, "into", "Không thể gộp chủ đề vào chính nó.");
		goto out;
	}
	if (topics_check_usable(c, into, "into", e) < 0)
		goto out;
	if (check_parent(c, id, into, e) < 0) {
		err_invalid(e, "into",
			    "Không thể gộp chủ đề vào chủ đề con của nó.");
		goto out;
	}
	clock_iso(clock_now(), now);
	clock_today_vn(today);
	if (store_exec(c, Q_TOPIC_MERGE,
		       (struct sval[]){ SV_I(id), SV_I(into), SV_T(today),
					SV_T(now) },
		       4, e) < 0 ||
	    store_exec(c, Q_TOPIC_REPARENT,
		       (struct sval[]){ SV_I(id), SV_I(into), SV_T(now) }, 3,
		       e) < 0)
		goto out;
	if (topics_get(c, id, out, e) < 0 ||
	    audit_record(c, a, "update", "opinion_topic", id, 0, before, *out,
			 e) < 0)
		goto out;
	rc = store_commit(c, e);
out:
	json_decref(before);
	if (rc < 0) {
		store_rollback(c);
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}
