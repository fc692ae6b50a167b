/*
 * Activities: study conferences and political activities; see study.h.
 */
#include "domain/study.h"
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

/* Positions of ACT_COLS in sql_study.def. */
enum act_col {
	AC_ID, AC_UNIT, AC_UNIT_CODE, AC_UNIT_NAME, AC_DATE, AC_KIND, AC_FORM,
	AC_TITLE, AC_DOC_ID, AC_DOC_REF, AC_PRESENT, AC_EXPECTED, AC_NON,
	AC_NOTE, AC_CREATED, AC_UPDATED, AC_PATH,
};

static const struct jfield act_fields[] = {
	{ "unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị" },
	{ "date", JF_DATE, JF_REQUIRED, 0, 0, 0, 0, "Ngày tổ chức" },
	{ "kind", JF_STRING, JF_REQUIRED, 1, 32, 0, 0, "Loại hình" },
	{ "form", JF_STRING, 0, 1, 32, 0, 0, "Hình thức" },
	{ "title", JF_STRING, JF_NULLABLE, 0, 300, 0, 0, "Nội dung" },
	{ "document_id", JF_ID, JF_NULLABLE, 0, 0, 0, 0, "Văn bản" },
	{ "document_ref", JF_STRING, JF_NULLABLE, 0, 64, 0, 0,
	  "Số, ký hiệu văn bản" },
	{ "members_present", JF_INT, JF_REQUIRED, 0, 0, 0, 10000000,
	  "Số đảng viên tham dự" },
	{ "members_expected", JF_INT, JF_REQUIRED, 0, 0, 0, 10000000,
	  "Tổng số đảng viên phải tham dự" },
	{ "non_members", JF_INT, 0, 0, 0, 0, 10000000,
	  "Số người ngoài Đảng tham dự" },
	{ "note", JF_STRING, JF_NULLABLE, 0, 2000, 0, 0, "Ghi chú" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const char *const kinds[] = { "study", "political", "flag_salute",
				     "seminar", NULL };
static const char *const forms[] = { "in_person", "online", "hybrid", NULL };

static json_t *act_json(struct store_rows *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(store_col_int(r, AC_ID)));
	json_object_set_new(j, "unit_id", json_integer(store_col_int(r, AC_UNIT)));
	json_object_set_new(j, "unit_code",
			    json_string(store_col_text(r, AC_UNIT_CODE)));
	json_object_set_new(j, "unit_name",
			    json_string(store_col_text(r, AC_UNIT_NAME)));
	json_object_set_new(j, "date", json_string(store_col_text(r, AC_DATE)));
	json_object_set_new(j, "kind", json_string(store_col_text(r, AC_KIND)));
	json_object_set_new(j, "form", json_string(store_col_text(r, AC_FORM)));
	json_object_set_new(j, "title", json_string(store_col_text(r, AC_TITLE)));
	json_object_set_new(j, "document_id",
			    store_col_null(r, AC_DOC_ID)
				    ? json_null()
				    : json_integer(store_col_int(r, AC_DOC_ID)));
	json_set_str_or_null(j, "document_ref", store_col_text(r, AC_DOC_REF));
	json_object_set_new(j, "members_present",
			    json_integer(store_col_int(r, AC_PRESENT)));
	json_object_set_new(j, "members_expected",
			    json_integer(store_col_int(r, AC_EXPECTED)));
	json_object_set_new(j, "non_members",
			    json_integer(store_col_int(r, AC_NON)));
	json_object_set_new(j, "note", json_string(store_col_text(r, AC_NOTE)));
	json_object_set_new(j, "created_at",
			    json_string(store_col_text(r, AC_CREATED)));
	json_object_set_new(j, "updated_at",
			    json_string(store_col_text(r, AC_UPDATED)));
	return j;
}

/* Load activity `id` visible to `a`: 404 if absent or out of scope. */
static int load(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e)
{
	return units_load_scoped(c, a, Q_ACT_GET, id, AC_PATH, act_json,
				 "activity", out, e);
}

int study_get(struct store_conn *c, const struct actor *a, int64_t id,
	      json_t **out, struct err *e)
{
	return load(c, a, id, out, e);
}

int study_list(struct store_conn *c, const struct actor *a,
	       const struct study_filter *f, json_t **out, struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];

	*out = NULL;
	if (f->kind && text_index(f->kind, kinds) < 0)
		return err_invalid(e, "kind", "Loại hình không hợp lệ.");
	if (f->unit_id && units_check_scope(c, a, f->unit_id, NULL, e) < 0)
		return -1;
	units_subtree_range(a->unit_path, lo, hi);
	struct sval args[] = { SV_T(lo), SV_T(hi),
			       SV_OPT(f->unit_id, f->unit_id), SV_T(f->kind),
			       SV_T(f->from), SV_T(f->to),
			       SV_OPT(f->document_id, f->document_id),
			       SV_T(f->document_ref), SV_I(f->limit),
			       SV_I(f->offset) };
	return records_page(c, Q_ACT_COUNT, Q_ACT_LIST, args, 8, 10,
			    act_json, "activities", out, e);
}

/* The values of an activity being written. */
struct act {
	int64_t unit_id, document_id, present, expected, non;
	const char *date, *kind, *form, *title, *document_ref, *note;
};

static void from_json(struct act *v, json_t *b)
{
	v->unit_id = json_get_int(b, "unit_id", v->unit_id);
	v->date = json_get_str(b, "date", v->date);
	v->kind = json_get_str(b, "kind", v->kind);
	v->form = json_get_str(b, "form", v->form);
	if (json_has(b, "title"))
		v->title = json_get_str(b, "title", "");
	if (json_has(b, "document_id"))
		v->document_id = json_get_int(b, "document_id", 0);
	if (json_has(b, "document_ref"))
		v->document_ref = json_get_str(b, "document_ref", NULL);
	if (v->document_ref && !*v->document_ref)
		v->document_ref = NULL;
	v->present = json_get_int(b, "members_present", v->present);
	v->expected = json_get_int(b, "members_expected", v->expected);
	v->non = json_get_int(b, "non_members", v->non);
	if (json_has(b, "note"))
		v->note = json_get_str(b, "note", "");
}

static int check(struct store_conn *c, const struct actor *a,
		 const struct act *v, struct err *e)
{
	char today[11];

	if (text_index(v->kind, kinds) < 0)
		return err_invalid(e, "kind",
				   "Loại hình phải là một trong: study (học tập,"
				   " quán triệt), political (sinh hoạt chính trị"
				   " chuyên đề), flag_salute (sinh hoạt dưới cờ),"
				   " seminar (tọa đàm).");
	if (text_index(v->form, forms) < 0)
		return err_invalid(e, "form",
				   "Hình thức phải là in_person (trực tiếp),"
				   " online (trực tuyến) hoặc hybrid (kết hợp).");
	if (v->present > v->expected)
		return err_invalid(e, "members_present",
				   "Số đảng viên tham dự (%lld) không được lớn hơn"
				   " tổng số đảng viên phải tham dự (%lld).",
				   (long long)v->present, (long long)v->expected);
	clock_today_vn(today);
	if (strcmp(v->date, today) > 0)
		return err_invalid(e, "date",
				   "Ngày tổ chức không được sau ngày hôm nay.");
	return unit_history_check_entry(c, a, v->unit_id, v->date, "unit_id",
					e);
}

/* An insert or update refused for its document: say which field. */
static int doc_error(const struct act *v, struct err *e)
{
	if (e && (e->status == ERR_BAD_INPUT || !strcmp(e->code, "in_use")) &&
	    v->document_id && !e->field[0])
		err_invalid(e, "document_id", "Văn bản không tồn tại.");
	return -1;
}

int study_create(struct store_conn *c, const struct actor *a, json_t *body,
		 json_t **out, struct err *e)
{
	struct act v = { 0 };
	char now[CLOCK_ISO_SIZE];
	int64_t id;
	bool own;
	int rc = -1;

	*out = NULL;
	v.form = "in_person";
	v.title = v.note = "";
	if (json_check(body, act_fields, true, e) < 0)
		return -1;
	from_json(&v, body);
	/* an insertion checked against its unit only: alongside others */
	if (store_begin_own_shared(c, &own, e) < 0)
		return -1;
	if (check(c, a, &v, e) < 0)
		goto out;
	clock_iso(clock_now(), now);
	if (store_int(c, Q_ACT_INSERT,
		      (struct sval[]){ SV_I(v.unit_id), SV_T(v.date),
				       SV_T(v.kind), SV_T(v.form),
				       SV_T(v.title),
				       SV_OPT(v.document_id, v.document_id),
				       SV_T(v.document_ref), SV_I(v.present),
				       SV_I(v.expected), SV_I(v.non),
				       SV_T(v.note),
				       SV_OPT(a->user_id, a->user_id),
				       SV_T(now) },
		      13, &id, e) < 0) {
		doc_error(&v, e);
		goto out;
	}
	if (load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "create", "activity", id, v.unit_id, NULL, *out,
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

int study_update(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t *body, json_t **out, struct err *e)
{
	json_t *before = NULL;
	struct act v = { 0 };
	char now[CLOCK_ISO_SIZE];
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, act_fields, false, e) < 0)
		return -1;
	if (store_begin_own(c, &own, e) < 0)
		return -1;
	if (load(c, a, id, &before, e) < 0)
		goto out;
	v.unit_id = json_integer_value(json_object_get(before, "unit_id"));
	if (unit_history_check_entry(c, a, v.unit_id, NULL, "unit_id", e) < 0)
		goto out;
	v.date = json_string_value(json_object_get(before, "date"));
	v.kind = json_string_value(json_object_get(before, "kind"));
	v.form = json_string_value(json_object_get(before, "form"));
	v.title = json_string_value(json_object_get(before, "title"));
	v.document_id = json_integer_value(json_object_get(before,
							   "document_id"));
	v.document_ref = json_string_value(json_object_get(before,
							   "document_ref"));
	v.present = json_integer_value(json_object_get(before,
						       "members_present"));
	v.expected = json_integer_value(json_object_get(before,
							"members_expected"));
	v.non = json_integer_value(json_object_get(before, "non_members"));
	v.note = json_string_value(json_object_get(before, "note"));
	from_json(&v, body);
	if (check(c, a, &v, e) < 0)
		goto out;
	clock_iso(clock_now(), now);
	if (store_exec(c, Q_ACT_UPDATE,
		       (struct sval[]){ SV_I(id), SV_I(v.unit_id), SV_T(v.date),
					SV_T(v.kind), SV_T(v.form),
					SV_T(v.title),
					SV_OPT(v.document_id, v.document_id),
					SV_T(v.document_ref), SV_I(v.present),
					SV_I(v.expected), SV_I(v.non),
					SV_T(v.note), SV_T(now) },
		       13, e) < 0) {
		doc_error(&v, e);
		goto out;
	}
	if (load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "update", "activity", id, v.unit_id, before,
			 *out, e) < 0)
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

int study_delete(struct store_conn *c, const struct actor *a, int64_t id,
		 struct err *e)
{
	return records_delete(c, a, id, load, Q_ACT_DELETE, "activity", e);
}

int study_not_studied(struct store_conn *c, const struct actor *a,
		      int64_t unit_id, int64_t document_id,
		      const char *document_ref, const char *level,
		      const char *from, const char *to, json_t **out,
		      struct err *e)
{
	char path[UNIT_PATH_SIZE], lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];
	struct store_rows *r;
	json_t *items;
	int st;

	*out = NULL;
	if (!document_id && (!document_ref || !*document_ref))
		return err_invalid(e, "document_id",
				   "Cần chọn văn bản (document_id) hoặc nhập số,"
				   " ký hiệu văn bản (document_ref).");
	if (units_check_scope(c, a, unit_id, path, e) < 0)
		return -1;
	units_subtree_range(path, lo, hi);
	if (store_query(c, Q_ACT_NOT_STUDIED,
			(struct sval[]){ SV_T(lo), SV_T(hi),
					 SV_T(level && *level ? level : NULL),
					 SV_OPT(document_id, document_id),
					 SV_T(document_id ? NULL : document_ref),
					 SV_T(from), SV_T(to) },
			7, &r, e) < 0)
		return -1;
	items = json_array();
	while ((st = store_next(r)) == 1)
		json_array_append_new(
			items, json_pack("{s:I, s:s, s:s}", "id",
					 (json_int_t)store_col_int(r, 0), "code",
					 store_col_text(r, 1), "name",
					 store_col_text(r, 2)));
	store_rows_free(r);
	if (st < 0) {
		json_decref(items);
		return err_internal(e, "not studied");
	}
	*out = json_pack("{s:I, s:o}", "total",
			 (json_int_t)json_array_size(items), "items", items);
	return 0;
}

int study_any_in_subtree(struct store_conn *c, const char *path,
			 struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];
	int64_t n = 0;

	units_subtree_range(path, lo, hi);
	if (store_int(c, Q_ACT_ANY_IN_SUBTREE,
		      (struct sval[]){ SV_T(lo), SV_T(hi) }, 2, &n, e) < 0)
		return -1;
	return n > 0;
}
