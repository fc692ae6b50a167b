/*
 * Party-history projects and the share of grassroots organisations that
 * have published their history; see history.h.
 */
#include "domain/history.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/records.h"
#include "domain/rollup.h"
#include "domain/unit_history.h"
#include "domain/units.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/text.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

enum hp_col {
	HC_ID, HC_UNIT, HC_UNIT_CODE, HC_UNIT_NAME, HC_SUBJ, HC_SUBJ_CODE,
	HC_SUBJ_NAME, HC_SUBJ_LEVEL, HC_TITLE, HC_STAGE, HC_STARTED,
	HC_PUBLISHED, HC_REPRINTED, HC_NOTE, HC_CREATED, HC_UPDATED, HC_PATH,
};

static const struct jfield hp_fields[] = {
	{ "unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị chỉ đạo" },
	{ "subject_unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0,
	  "Tổ chức đảng biên soạn lịch sử" },
	{ "title", JF_STRING, JF_NULLABLE, 0, 300, 0, 0, "Tên công trình" },
	{ "stage", JF_STRING, JF_REQUIRED, 1, 16, 0, 0, "Giai đoạn" },
	{ "started_on", JF_DATE, JF_NULLABLE, 0, 0, 0, 0,
	  "Ngày bắt đầu biên soạn" },
	{ "published_on", JF_DATE, JF_NULLABLE, 0, 0, 0, 0, "Ngày xuất bản" },
	{ "reprinted_on", JF_DATE, JF_NULLABLE, 0, 0, 0, 0, "Ngày tái bản" },
	{ "note", JF_STRING, JF_NULLABLE, 0, 2000, 0, 0, "Ghi chú" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const char *const stages[] = { "planned", "compiling", "published",
				      "reprinted", NULL };

static void set_date(json_t *j, const char *name, struct store_rows *r,
		     int col)
{
	json_set_str_or_null(j, name,
			     store_col_null(r, col) ? NULL
						    : store_col_text(r, col));
}

static json_t *hp_json(struct store_rows *r)
{
	json_t *j = json_pack(
		"{s:I, s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
		" s:s}",
		"id", (json_int_t)store_col_int(r, HC_ID), "unit_id",
		(json_int_t)store_col_int(r, HC_UNIT), "unit_code",
		store_col_text(r, HC_UNIT_CODE), "unit_name",
		store_col_text(r, HC_UNIT_NAME), "subject_unit_id",
		(json_int_t)store_col_int(r, HC_SUBJ), "subject_code",
		store_col_text(r, HC_SUBJ_CODE), "subject_name",
		store_col_text(r, HC_SUBJ_NAME), "subject_level",
		store_col_text(r, HC_SUBJ_LEVEL), "title",
		store_col_text(r, HC_TITLE), "stage",
		store_col_text(r, HC_STAGE), "note", store_col_text(r, HC_NOTE),
		"created_at", store_col_text(r, HC_CREATED), "updated_at",
		store_col_text(r, HC_UPDATED));

	set_date(j, "started_on", r, HC_STARTED);
	set_date(j, "published_on", r, HC_PUBLISHED);
	set_date(j, "reprinted_on", r, HC_REPRINTED);
	return j;
}

static int load(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e)
{
	return units_load_scoped(c, a, Q_HP_GET, id, HC_PATH, hp_json,
				 "history project", out, e);
}

int history_get(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e)
{
	return load(c, a, id, out, e);
}

int history_list(struct store_conn *c, const struct actor *a,
		 const struct history_filter *f, json_t **out, struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];

	*out = NULL;
	if (f->unit_id && units_check_scope(c, a, f->unit_id, NULL, e) < 0)
		return -1;
	if (f->subject_unit_id &&
	    units_check_scope(c, a, f->subject_unit_id, NULL, e) < 0)
		return -1;
	units_subtree_range(a->unit_path, lo, hi);
	struct sval args[] = { SV_T(lo), SV_T(hi),
			       SV_OPT(f->unit_id, f->unit_id),
			       SV_OPT(f->subject_unit_id, f->subject_unit_id),
			       SV_T(f->stage), SV_T(f->from), SV_T(f->to),
			       SV_I(f->limit), SV_I(f->offset) };
	return records_page(c, Q_HP_COUNT, Q_HP_LIST, args, 7, 9,
			    hp_json, "history projects", out, e);
}

struct hp {
	int64_t unit_id, subject_id;
	const char *title, *stage, *started, *published, *reprinted, *note;
};

/* A nullable field of the body over its current value: NULL when the
 * body clears it. */
static const char *opt(json_t *b, const char *name, const char *cur)
{
	if (!json_has(b, name))
		return cur;
	if (json_is_null_field(b, name))
		return NULL;
	return json_get_str(b, name, NULL);
}

static void from_json(struct hp *v, json_t *b)
{
	v->unit_id = json_get_int(b, "unit_id", v->unit_id);
	v->subject_id = json_get_int(b, "subject_unit_id", v->subject_id);
	v->title = opt(b, "title", v->title);
	v->stage = json_get_str(b, "stage", v->stage);
	v->started = opt(b, "started_on", v->started);
	v->published = opt(b, "published_on", v->published);
	v->reprinted = opt(b, "reprinted_on", v->reprinted);
	v->note = opt(b, "note", v->note);
	if (v->started && !*v->started)
		v->started = NULL;
	if (v->published && !*v->published)
		v->published = NULL;
	if (v->reprinted && !*v->reprinted)
		v->reprinted = NULL;
}

/* The rules of history.h on the stage and dates. */
static int check_dates(const struct hp *v, struct err *e)
{
	char today[11];
	bool done = !strcmp(v->stage, "published") ||
		    !strcmp(v->stage, "reprinted");

	if (text_index(v->stage, stages) < 0)
		return err_invalid(e, "stage",
				   "Giai đoạn phải là planned (dự kiến),"
				   " compiling (đang biên soạn), published (đã"
				   " xuất bản) hoặc reprinted (đã tái bản).");
	if (!strcmp(v->stage, "compiling") && !v->started)
		return err_invalid(e, "started_on",
				   "Công trình đang biên soạn cần ngày bắt đầu"
				   " biên soạn.");
	if (!done && v->published)
		return err_invalid(e, "published_on",
				   "Công trình chưa xuất bản không có ngày xuất"
				   " bản; hãy chọn giai đoạn \"đã xuất bản\".");
	if (done && !v->published)
		return err_invalid(e, "published_on",
				   "Công trình đã xuất bản cần ngày xuất bản.");
	if (!strcmp(v->stage, "reprinted") && !v->reprinted)
		return err_invalid(e, "reprinted_on",
				   "Công trình đã tái bản cần ngày tái bản.");
	if (strcmp(v->stage, "reprinted") && v->reprinted)
		return err_invalid(e, "reprinted_on",
				   "Chỉ công trình đã tái bản mới có ngày tái"
				   " bản.");
	if (v->started && v->published && strcmp(v->published, v->started) < 0)
		return err_invalid(e, "published_on",
				   "Ngày xuất bản không được trước ngày bắt đầu"
				   " biên soạn.");
	if (v->reprinted && strcmp(v->reprinted, v->published) < 0)
		return err_invalid(e, "reprinted_on",
				   "Ngày tái bản không được trước ngày xuất"
				   " bản.");
	clock_today_vn(today);
	if (v->started && strcmp(v->started, today) > 0)
		return err_invalid(e, "started_on",
				   "Ngày bắt đầu biên soạn không được sau ngày"
				   " hôm nay.");
	if (v->published && strcmp(v->published, today) > 0)
		return err_invalid(e, "published_on",
				   "Ngày xuất bản không được sau ngày hôm nay.");
	if (v->reprinted && strcmp(v->reprinted, today) > 0)
		return err_invalid(e, "reprinted_on",
				   "Ngày tái bản không được sau ngày hôm nay.");
	return 0;
}

static int check(struct store_conn *c, const struct actor *a,
		 const struct hp *v, struct err *e)
{
	char owner[UNIT_PATH_SIZE], subject[UNIT_PATH_SIZE];

	if (check_dates(v, e) < 0 ||
	    unit_history_check_entry(c, a, v->unit_id, NULL, "unit_id", e) < 0 ||
	    units_check_scope(c, a, v->unit_id, owner, e) < 0)
		return -1;
	if (units_check_scope(c, a, v->subject_id, subject, e) < 0) {
		/* Name the field: the subject is the one not found. */
		if (e)
			snprintf(e->field, sizeof(e->field), "subject_unit_id");
		return -1;
	}
	if (!units_path_within(owner, subject))
		return err_invalid(e, "subject_unit_id",
				   "Tổ chức đảng biên soạn lịch sử phải là đơn vị"
				   " chỉ đạo hoặc đơn vị trực thuộc đơn vị chỉ"
				   " đạo.");
	return 0;
}

/* Insert (id 0) or update project `id` with `v`, then load it into *out
 * and audit the change from `before`. */
static int save(struct store_conn *c, const struct actor *a, int64_t id,
		const struct hp *v, json_t *before, json_t **out,
		struct err *e)
{
	char now[CLOCK_ISO_SIZE];

	clock_iso(clock_now(), now);
	if (!id) {
		if (store_int(c, Q_HP_INSERT,
			      (struct sval[]){ SV_I(v->unit_id),
					       SV_I(v->subject_id),
					       SV_T(v->title ? v->title : ""),
					       SV_T(v->stage), SV_T(v->started),
					       SV_T(v->published),
					       SV_T(v->reprinted),
					       SV_T(v->note ? v->note : ""),
					       SV_T(now) },
			      9, &id, e) < 0)
			return -1;
	} else if (store_exec(c, Q_HP_UPDATE,
			      (struct sval[]){ SV_I(id), SV_I(v->unit_id),
					       SV_I(v->subject_id),
					       SV_T(v->title ? v->title : ""),
					       SV_T(v->stage), SV_T(v->started),
					       SV_T(v->published),
					       SV_T(v->reprinted),
					       SV_T(v->note ? v->note : ""),
					       SV_T(now) },
			      10, e) < 0)
		return -1;
	if (load(c, a, id, out, e) < 0)
		return -1;
	return audit_record(c, a, before ? "update" : "create",
			    "history_project", id, v->unit_id, before, *out, e);
}

int history_create(struct store_conn *c, const struct actor *a, json_t *body,
		   json_t **out, struct err *e)
{
	struct hp v = { 0 };
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, hp_fields, true, e) < 0)
		return -1;
	from_json(&v, body);
	if (store_begin_own(c, &own, e) < 0)
		return -1;
	if (check(c, a, &v, e) < 0 || save(c, a, 0, &v, NULL, out, e) < 0)
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

int history_update(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t *body, json_t **out, struct err *e)
{
	json_t *before = NULL;
	struct hp v = { 0 };
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, hp_fields, false, e) < 0 ||
	    store_begin_own(c, &own, e) < 0)
		return -1;
	if (load(c, a, id, &before, e) < 0)
		goto out;
	v.unit_id = json_integer_value(json_object_get(before, "unit_id"));
	/* The directing unit as it is must be one the actor may edit. */
	if (unit_history_check_entry(c, a, v.unit_id, NULL, "unit_id", e) < 0)
		goto out;
	v.subject_id = json_integer_value(json_object_get(before,
							  "subject_unit_id"));
	v.title = json_get_str(before, "title", NULL);
	v.stage = json_get_str(before, "stage", NULL);
	v.started = json_get_str(before, "started_on", NULL);
	v.published = json_get_str(before, "published_on", NULL);
	v.reprinted = json_get_str(before, "reprinted_on", NULL);
	v.note = json_get_str(before, "note", NULL);
	from_json(&v, body);
	if (check(c, a, &v, e) < 0 || save(c, a, id, &v, before, out, e) < 0)
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

int history_delete(struct store_conn *c, const struct actor *a, int64_t id,
		   struct err *e)
{
	return records_delete(c, a, id, load, Q_HP_DELETE, "history_project",
			      e);
}

int history_level_id(struct store_conn *c, const char *code, int64_t *id,
		     struct err *e)
{
	int st = store_int(c, Q_LEVEL_GET_BY_CODE,
			   (struct sval[]){ SV_T(code) }, 1, id, e);

	if (st < 0)
		return -1;
	if (st == 0)
		*id = 0;
	return 0;
}

int history_coverage(struct store_conn *c, const struct actor *a,
		     int64_t unit_id, const char *date, const char *level,
		     json_t **out, struct err *e)
{
	struct store_rows *r;
	json_t *units;
	int64_t n = 0, done = 0, level_id;
	int st;

	*out = NULL;
	if (!level)
		level = HISTORY_GRASSROOTS_LEVEL;
	if (units_check_scope(c, a, unit_id, NULL, e) < 0 ||
	    history_level_id(c, level, &level_id, e) < 0 ||
	    store_query(c, Q_HP_COVERAGE,
			(struct sval[]){ SV_I(unit_id), SV_T(date),
					 SV_I(level_id) },
			3, &r, e) < 0)
		return -1;
	units = json_array();
	while ((st = store_next(r)) == 1) {
		json_t *u = json_pack("{s:I, s:s, s:s, s:b}", "id",
				      (json_int_t)store_col_int(r, 0), "code",
				      store_col_text(r, 1), "name",
				      store_col_text(r, 2), "compiling",
				      store_col_int(r, 4) > 0);

		set_date(u, "published_on", r, 3);
		n++;
		done += !store_col_null(r, 3);
		json_array_append_new(units, u);
	}
	store_rows_free(r);
	if (st < 0) {
		json_decref(units);
		return err_internal(e, "history coverage");
	}
	*out = json_pack("{s:I, s:s, s:s, s:o, s:o}", "unit_id",
			 (json_int_t)unit_id, "date", date, "level", level,
			 "share", rollup_rate_json(done, n), "units", units);
	return 0;
}
