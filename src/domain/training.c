/*
 * Classes of political theory training; see training.h.
 */
#include "domain/training.h"
#include "domain/audit.h"
#include "domain/records.h"
#include "domain/auth.h"
#include "domain/unit_history.h"
#include "domain/units.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/text.h"
#include "store/store.h"

#include <string.h>

enum cls_col {
	CC_ID, CC_UNIT, CC_UNIT_CODE, CC_UNIT_NAME, CC_KIND, CC_TITLE,
	CC_START, CC_END, CC_ENROLLED, CC_COMPLETED, CC_NOTE, CC_CREATED,
	CC_UPDATED, CC_PATH,
};

static const struct jfield cls_fields[] = {
	{ "unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị" },
	{ "kind", JF_STRING, JF_REQUIRED, 1, 32, 0, 0, "Loại lớp" },
	{ "title", JF_STRING, JF_NULLABLE, 0, 300, 0, 0, "Tên lớp" },
	{ "start_date", JF_DATE, JF_REQUIRED, 0, 0, 0, 0, "Ngày khai giảng" },
	{ "end_date", JF_DATE, JF_REQUIRED, 0, 0, 0, 0, "Ngày bế giảng" },
	{ "enrolled", JF_INT, JF_REQUIRED, 0, 0, 0, 1000000, "Số học viên" },
	{ "completed", JF_INT, 0, 0, 0, 0, 1000000,
	  "Số học viên hoàn thành" },
	{ "note", JF_STRING, JF_NULLABLE, 0, 2000, 0, 0, "Ghi chú" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const char *const kinds[] = { "new_members", "prospective",
				     "elementary", "thematic", "refresher",
				     NULL };

static json_t *cls_json(struct store_rows *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(store_col_int(r, CC_ID)));
	json_object_set_new(j, "unit_id", json_integer(store_col_int(r, CC_UNIT)));
	json_object_set_new(j, "unit_code",
			    json_string(store_col_text(r, CC_UNIT_CODE)));
	json_object_set_new(j, "unit_name",
			    json_string(store_col_text(r, CC_UNIT_NAME)));
	json_object_set_new(j, "kind", json_string(store_col_text(r, CC_KIND)));
	json_object_set_new(j, "title", json_string(store_col_text(r, CC_TITLE)));
	json_object_set_new(j, "start_date",
			    json_string(store_col_text(r, CC_START)));
	json_object_set_new(j, "end_date", json_string(store_col_text(r, CC_END)));
	json_object_set_new(j, "enrolled",
			    json_integer(store_col_int(r, CC_ENROLLED)));
	json_object_set_new(j, "completed",
			    json_integer(store_col_int(r, CC_COMPLETED)));
	json_object_set_new(j, "note", json_string(store_col_text(r, CC_NOTE)));
	json_object_set_new(j, "created_at",
			    json_string(store_col_text(r, CC_CREATED)));
	json_object_set_new(j, "updated_at",
			    json_string(store_col_text(r, CC_UPDATED)));
	return j;
}

static int load(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e)
{
	return units_load_scoped(c, a, Q_CLS_GET, id, CC_PATH, cls_json,
				 "class", out, e);
}

int training_get(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t **out, struct err *e)
{
	return load(c, a, id, out, e);
}

int training_list(struct store_conn *c, const struct actor *a,
		  const struct training_filter *f, json_t **out,
		  struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];

	*out = NULL;
	if (f->unit_id && units_check_scope(c, a, f->unit_id, NULL, e) < 0)
		return -1;
	units_subtree_range(a->unit_path, lo, hi);
	struct sval args[] = { SV_T(lo), SV_T(hi),
			       SV_OPT(f->unit_id, f->unit_id), SV_T(f->kind),
			       SV_T(f->from), SV_T(f->to), SV_I(f->limit),
			       SV_I(f->offset) };
	return records_page(c, Q_CLS_COUNT, Q_CLS_LIST, args, 6, 8,
			    cls_json, "classes", out, e);
}

struct cls {
	int64_t unit_id, enrolled, completed;
	const char *kind, *title, *start, *end, *note;
};

static void from_json(struct cls *v, json_t *b)
{
	v->unit_id = json_get_int(b, "unit_id", v->unit_id);
	v->kind = json_get_str(b, "kind", v->kind);
	if (json_has(b, "title"))
		v->title = json_get_str(b, "title", "");
	v->start = json_get_str(b, "start_date", v->start);
	v->end = json_get_str(b, "end_date", v->end);
	v->enrolled = json_get_int(b, "enrolled", v->enrolled);
	v->completed = json_get_int(b, "completed", v->completed);
	if (json_has(b, "note"))
		v->note = json_get_str(b, "note", "");
}

static int check(struct store_conn *c, const struct actor *a,
		 const struct cls *v, struct err *e)
{
	char today[11];

	if (text_index(v->kind, kinds) < 0)
		return err_invalid(e, "kind",
				   "Loại lớp phải là new_members, prospective,"
				   " elementary, thematic hoặc refresher.");
	if (strcmp(v->end, v->start) < 0)
		return err_invalid(e, "end_date",
				   "Ngày bế giảng không được trước ngày khai"
				   " giảng.");
	if (v->completed > v->enrolled)
		return err_invalid(e, "completed",
				   "Số học viên hoàn thành (%lld) không được lớn"
				   " hơn số học viên (%lld).",
				   (long long)v->completed,
				   (long long)v->enrolled);
	clock_today_vn(today);
	if (strcmp(v->start, today) > 0)
		return err_invalid(e, "start_date",
				   "Ngày khai giảng không được sau ngày hôm nay.");
	return unit_history_check_entry(c, a, v->unit_id, v->start, "unit_id",
					e);
}

int training_create(struct store_conn *c, const struct actor *a,
		    json_t *body, json_t **out, struct err *e)
{
	struct cls v = { 0 };
	char now[CLOCK_ISO_SIZE];
	int64_t id;
	bool own;
	int rc = -1;

	*out = NULL;
	v.title = v.note = "";
	if (json_check(body, cls_fields, true, e) < 0)
		return -1;
	from_json(&v, body);
	if (!json_has(body, "completed"))
		v.completed = v.enrolled;
	if (store_begin_own(c, &own, e) < 0)
		return -1;
	clock_iso(clock_now(), now);
	if (check(c, a, &v, e) < 0 ||
	    store_int(c, Q_CLS_INSERT,
		      (struct sval[]){ SV_I(v.unit_id), SV_T(v.kind),
				       SV_T(v.title), SV_T(v.start),
				       SV_T(v.end), SV_I(v.enrolled),
				       SV_I(v.completed), SV_T(v.note),
				       SV_T(now) },
		      9, &id, e) < 0 ||
	    load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "create", "class", id, v.unit_id, NULL, *out,
			 e) < 0)
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

int training_update(struct store_conn *c, const struct actor *a, int64_t id,
		    json_t *body, json_t **out, struct err *e)
{
	json_t *before = NULL;
	struct cls v = { 0 };
	char now[CLOCK_ISO_SIZE];
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, cls_fields, false, e) < 0 || store_begin_own(c, &own, e) < 0)
		return -1;
	if (load(c, a, id, &before, e) < 0)
		goto out;
	v.unit_id = json_integer_value(json_object_get(before, "unit_id"));
	if (unit_history_check_entry(c, a, v.unit_id, NULL, "unit_id", e) < 0)
		goto out;
	v.kind = json_string_value(json_object_get(before, "kind"));
	v.title = json_string_value(json_object_get(before, "title"));
	v.start = json_string_value(json_object_get(before, "start_date"));
	v.end = json_string_value(json_object_get(before, "end_date"));
	v.enrolled = json_integer_value(json_object_get(before, "enrolled"));
	v.completed = json_integer_value(json_object_get(before, "completed"));
	v.note = json_string_value(json_object_get(before, "note"));
	from_json(&v, body);
	clock_iso(clock_now(), now);
	if (check(c, a, &v, e) < 0 ||
	    store_exec(c, Q_CLS_UPDATE,
		       (struct sval[]){ SV_I(id), SV_I(v.unit_id), SV_T(v.kind),
					SV_T(v.title), SV_T(v.start),
					SV_T(v.end), SV_I(v.enrolled),
					SV_I(v.completed), SV_T(v.note),
					SV_T(now) },
		       10, e) < 0 ||
	    load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "update", "class", id, v.unit_id, before, *out,
			 e) < 0)
		goto out;
	rc = 0;
out:
	rc = store_end_own(c, own, rc, e);
	json_decref(before);
	if (rc < 0) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int training_delete(struct store_conn *c, const struct actor *a, int64_t id,
		    struct err *e)
{
	return records_delete(c, a, id, load, Q_CLS_DELETE, "class", e);
}
