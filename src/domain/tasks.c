/*
 * Implementation tasks and their per-unit assignments; see tasks.h.
 */
#include "domain/tasks.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/documents.h"
#include "domain/units.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/text.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Column positions of TASK_COLS and ASSIGN_COLS in sql_documents.def. */
enum task_col {
	TC_ID, TC_DOC, TC_SYMBOL, TC_UNIT, TC_UNIT_CODE, TC_UNIT_NAME, TC_KIND,
	TC_TITLE, TC_DEADLINE, TC_NOTE, TC_CREATED, TC_UPDATED, TC_PATH,
	TC_TOTAL, TC_DONE, TC_DOC_SUMMARY, TC_DOC_DATE,
};

enum assign_col {
	AC_ID, AC_TASK, AC_UNIT, AC_UNIT_CODE, AC_UNIT_NAME, AC_STATUS,
	AC_DONE_DATE, AC_RESULT, AC_UPDATED, AC_PATH, AC_DEADLINE, AC_TITLE,
	AC_KIND, AC_DOC, AC_SYMBOL, AC_TASK_UNIT, AC_TASK_UNIT_NAME,
	AC_TASK_PATH, AC_DOC_SUMMARY,
};

static const struct jfield task_fields[] = {
	{ "document_id", JF_ID, JF_NULLABLE, 0, 0, 0, 0, "Văn bản" },
	{ "title", JF_STRING, JF_REQUIRED, 1, 500, 0, 0, "Nội dung nhiệm vụ" },
	{ "deadline", JF_DATE, JF_REQUIRED, 0, 0, 0, 0, "Hạn hoàn thành" },
	{ "note", JF_STRING, JF_NULLABLE, 0, 2000, 0, 0, "Ghi chú" },
	{ "kind", JF_STRING, 0, 1, 16, 0, 0, "Loại nhiệm vụ" },
	{ "unit_ids", JF_ANY, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị thực hiện" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const struct jfield task_update_fields[] = {
	{ "title", JF_STRING, 0, 1, 500, 0, 0, "Nội dung nhiệm vụ" },
	{ "deadline", JF_DATE, 0, 0, 0, 0, 0, "Hạn hoàn thành" },
	{ "note", JF_STRING, JF_NULLABLE, 0, 2000, 0, 0, "Ghi chú" },
	{ "kind", JF_STRING, 0, 1, 16, 0, 0, "Loại nhiệm vụ" },
	{ "add_unit_ids", JF_ANY, 0, 0, 0, 0, 0, "Đơn vị thực hiện thêm" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const struct jfield assign_fields[] = {
	{ "status", JF_STRING, JF_REQUIRED, 1, 16, 0, 0, "Trạng thái" },
	{ "done_date", JF_DATE, JF_NULLABLE, 0, 0, 0, 0, "Ngày hoàn thành" },
	{ "result", JF_STRING, JF_NULLABLE, 0, 500, 0, 0, "Kết quả" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const char *state_of(const char *status, const char *deadline,
			    const char *today)
{
	if (!strcmp(status, "done"))
		return "done";
	if (strcmp(deadline, today) < 0)
		return "overdue";
	return status;
}

static json_t *nullable_int(struct store_rows *r, int col)
{
	return store_col_null(r, col) ? json_null()
				      : json_integer(store_col_int(r, col));
}

static json_t *task_json(struct store_rows *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(store_col_int(r, TC_ID)));
	json_object_set_new(j, "document_id", nullable_int(r, TC_DOC));
	json_set_str_or_null(j, "document_symbol", store_col_text(r, TC_SYMBOL));
	json_set_str_or_null(j, "document_summary",
			     store_col_text(r, TC_DOC_SUMMARY));
	json_object_set_new(j, "unit_id", json_integer(store_col_int(r, TC_UNIT)));
	json_object_set_new(j, "unit_code",
			    json_string(store_col_text(r, TC_UNIT_CODE)));
	json_object_set_new(j, "unit_name",
			    json_string(store_col_text(r, TC_UNIT_NAME)));
	json_object_set_new(j, "kind", json_string(store_col_text(r, TC_KIND)));
	json_object_set_new(j, "title", json_string(store_col_text(r, TC_TITLE)));
	json_object_set_new(j, "deadline",
			    json_string(store_col_text(r, TC_DEADLINE)));
	json_object_set_new(j, "note", json_string(store_col_text(r, TC_NOTE)));
	json_object_set_new(j, "assigned",
			    json_integer(store_col_int(r, TC_TOTAL)));
	json_object_set_new(j, "done", json_integer(store_col_int(r, TC_DONE)));
	json_object_set_new(j, "created_at",
			    json_string(store_col_text(r, TC_CREATED)));
	json_object_set_new(j, "updated_at",
			    json_string(store_col_text(r, TC_UPDATED)));
	return j;
}

static json_t *assign_json(struct store_rows *r, const char *today)
{
	json_t *j = json_object();
	const char *status = store_col_text(r, AC_STATUS);
	const char *deadline = store_col_text(r, AC_DEADLINE);

	json_object_set_new(j, "id", json_integer(store_col_int(r, AC_ID)));
	json_object_set_new(j, "task_id", json_integer(store_col_int(r, AC_TASK)));
	json_object_set_new(j, "unit_id", json_integer(store_col_int(r, AC_UNIT)));
	json_object_set_new(j, "unit_code",
			    json_string(store_col_text(r, AC_UNIT_CODE)));
	json_object_set_new(j, "unit_name",
			    json_string(store_col_text(r, AC_UNIT_NAME)));
	json_object_set_new(j, "status", json_string(status));
	json_object_set_new(j, "state",
			    json_string(state_of(status, deadline, today)));
	json_set_str_or_null(j, "done_date", store_col_text(r, AC_DONE_DATE));
	json_object_set_new(j, "result", json_string(store_col_text(r, AC_RESULT)));
	json_object_set_new(j, "updated_at",
			    json_string(store_col_text(r, AC_UPDATED)));
	json_object_set_new(j, "deadline", json_string(deadline));
	json_object_set_new(j, "title", json_string(store_col_text(r, AC_TITLE)));
	json_object_set_new(j, "kind", json_string(store_col_text(r, AC_KIND)));
	json_object_set_new(j, "document_id", nullable_int(r, AC_DOC));
	json_set_str_or_null(j, "document_symbol", store_col_text(r, AC_SYMBOL));
	json_set_str_or_null(j, "document_summary",
			     store_col_text(r, AC_DOC_SUMMARY));
	json_object_set_new(j, "given_by_unit_id",
			    json_integer(store_col_int(r, AC_TASK_UNIT)));
	json_object_set_new(j, "given_by_unit_name",
			    json_string(store_col_text(r, AC_TASK_UNIT_NAME)));
	return j;
}

/* A task as loaded for a rule check. */
struct task_row {
	int64_t id, unit_id, document_id;
	char path[UNIT_PATH_SIZE];
	json_t *json; /* owned */
};

static void task_row_release(struct task_row *t)
{
	json_decref(t->json);
	t->json = NULL;
}

/* Load task `id`; its assignment counts cover a's subtree. */
static int load_task(struct store_conn *c, const struct actor *a, int64_t id,
		     struct task_row *t, struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];
	struct store_rows *r;
	int st;

	memset(t, 0, sizeof(*t));
	units_subtree_range(a->unit_path, lo, hi);
	if (store_query(c, Q_TASK_GET,
			(struct sval[]){ SV_I(id), SV_T(lo), SV_T(hi) }, 3, &r,
			e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1) {
		t->id = id;
		t->unit_id = store_col_int(r, TC_UNIT);
		t->document_id = store_col_int(r, TC_DOC);
		snprintf(t->path, sizeof(t->path), "%s", store_col_text(r, TC_PATH));
		t->json = task_json(r);
	}
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, "task");
	return st;
}

/*
 * The assignments of task `t` that `a` may see (all of them from the
 * giving side, else those of a's subtree), into t->json.
 */
static int attach_assignments(struct store_conn *c, const struct actor *a,
			      struct task_row *t, int *visible, struct err *e)
{
	struct store_rows *r;
	json_t *list = json_array();
	bool giver = units_path_within(a->unit_path, t->path);
	char today[11];
	int st;

	clock_today_vn(today);
	*visible = giver;
	if (store_query(c, Q_ASSIGN_BY_TASK, (struct sval[]){ SV_I(t->id) }, 1,
			&r, e) < 0) {
		json_decref(list);
		return -1;
	}
	while ((st = store_next(r)) == 1) {
		if (!giver &&
		    !units_path_within(a->unit_path, store_col_text(r, AC_PATH)))
			continue;
		*visible = 1;
		json_array_append_new(list, assign_json(r, today));
	}
	store_rows_free(r);
	if (st < 0) {
		json_decref(list);
		return err_internal(e, "assignments");
	}
	json_object_set_new(t->json, "assignments", list);
	json_object_set_new(t->json, "editable", json_boolean(giver));
	return 0;
}

/* Load task `id` with its visible assignments; 404 when a sees none. */
static int load_visible(struct store_conn *c, const struct actor *a,
			int64_t id, struct task_row *t, struct err *e)
{
	int st = load_task(c, a, id, t, e), visible = 0;

	if (st < 0)
		return -1;
	if (st == 0)
		return err_not_found(e);
	if (attach_assignments(c, a, t, &visible, e) < 0) {
		task_row_release(t);
		return -1;
	}
	if (!visible) {
		task_row_release(t);
		return err_out_of_scope(e);
	}
	return 0;
}

int tasks_get(struct store_conn *c, const struct actor *a, int64_t id,
	      json_t **out, struct err *e)
{
	struct task_row t;

	*out = NULL;
	if (load_visible(c, a, id, &t, e) < 0)
		return -1;
	*out = t.json;
	return 0;
}

int tasks_list(struct store_conn *c, const struct actor *a,
	       const struct tasks_filter *f, json_t **out, struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];
	struct store_rows *r;
	json_t *items = json_array();
	int64_t total = 0;
	int st;

	*out = NULL;
	units_subtree_range(a->unit_path, lo, hi);
	{
		struct sval args[] = {
			SV_T(lo),
			SV_T(hi),
			SV_OPT(f->document_id, f->document_id),
			SV_T(f->kind && *f->kind ? f->kind : NULL),
			SV_T(f->from && *f->from ? f->from : NULL),
			SV_T(f->to && *f->to ? f->to : NULL),
			SV_I(f->limit),
			SV_I(f->offset),
		};

		if (store_int(c, Q_TASK_LIST_COUNT, args, 6, &total, e) < 0 ||
		    store_query(c, Q_TASK_LIST, args, 8, &r, e) < 0) {
			json_decref(items);
			return -1;
		}
	}
	while ((st = store_next(r)) == 1)
		json_array_append_new(items, task_json(r));
	store_rows_free(r);
	if (st < 0) {
		json_decref(items);
		return err_internal(e, "tasks");
	}
	*out = json_pack("{s:o, s:I}", "items", items, "total",
			 (json_int_t)total);
	return 0;
}

int tasks_for_document(struct store_conn *c, const struct actor *a,
		       int64_t document_id, json_t **out, struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];
	struct store_rows *r;
	json_t *items = json_array(), *ids = json_array(), *v;
	size_t i;
	int st;

	*out = NULL;
	units_subtree_range(a->unit_path, lo, hi);
	if (store_query(c, Q_TASK_BY_DOCUMENT,
			(struct sval[]){ SV_T(lo), SV_T(hi), SV_I(document_id) },
			3, &r, e) < 0)
		goto fail;
	while ((st = store_next(r)) == 1)
		json_array_append_new(ids, json_integer(store_col_int(r, TC_ID)));
	store_rows_free(r);
	if (st < 0) {
		err_internal(e, "tasks");
		goto fail;
	}
	json_array_foreach(ids, i, v) {
		struct task_row t;

		if (load_visible(c, a, json_integer_value(v), &t, e) < 0)
			goto fail;
		json_array_append_new(items, t.json);
	}
	json_decref(ids);
	*out = items;
	return 0;
fail:
	json_decref(ids);
	json_decref(items);
	return -1;
}

static int check_kind(const char *kind, struct err *e)
{
	if (strcmp(kind, "task") && strcmp(kind, "so_ket") &&
	    strcmp(kind, "tong_ket"))
		return err_invalid(e, "kind",
				   "Loại nhiệm vụ phải là task (nhiệm vụ),"
				   " so_ket (sơ kết) hoặc tong_ket (tổng kết).");
	return 0;
}

/* Insert an assignment for each unit of `ids` (a JSON array of ids), each
 * checked against a's subtree (404 outside) and strictly below the giving
 * unit. Duplicates are skipped. */
static int add_assignments(struct store_conn *c, const struct actor *a,
			   const struct task_row *t, json_t *ids,
			   const char *field, struct err *e)
{
	char path[UNIT_PATH_SIZE], now[CLOCK_ISO_SIZE];
	size_t i, k;
	json_t *v, *w;
	int64_t uid, aid;

	if (!json_is_array(ids) || json_array_size(ids) == 0 ||
	    json_array_size(ids) > 1000)
		return err_invalid(e, field,
				   "Chọn từ 1 đến 1000 đơn vị thực hiện.");
	clock_iso(clock_now(), now);
	json_array_foreach(ids, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return err_invalid(e, field,
					   "Danh sách đơn vị thực hiện chỉ gồm mã"
					   " số (id) đơn vị.");
		uid = json_integer_value(v);
		json_array_foreach(ids, k, w) {
			if (k >= i)
				break;
			if (json_integer_value(w) == uid)
				break;
		}
		if (k < i)
			continue;
		if (units_check_scope(c, a, uid, path, e) < 0) {
			snprintf(e->field, sizeof(e->field), "%s", field);
			return -1;
		}
		if (!units_path_within(t->path, path) || uid == t->unit_id)
			return err_invalid(e, field,
					   "Chỉ giao nhiệm vụ cho đơn vị cấp dưới"
					   " của đơn vị giao.");
		if (store_int(c, Q_ASSIGN_INSERT,
			      (struct sval[]){ SV_I(t->id), SV_I(uid), SV_T(now) },
			      3, &aid, e) < 0) {
			if (e->status == ERR_CONFLICT)
				err_set(e, ERR_CONFLICT, "conflict", field,
					"Đơn vị đã được giao nhiệm vụ này.");
			return -1;
		}
	}
	return 0;
}

int tasks_create(struct store_conn *c, const struct actor *a, json_t *body,
		 json_t **out, struct err *e)
{
	struct task_row t = { 0 };
	char now[CLOCK_ISO_SIZE], doc_date[11] = "";
	const char *kind = json_get_str(body, "kind", "task");
	const char *deadline;
	int64_t doc = 0, id;
	int visible;

	*out = NULL;
	if (json_check(body, task_fields, true, e) < 0)
		return -1;
	kind = json_get_str(body, "kind", "task");
	if (check_kind(kind, e) < 0)
		return -1;
	deadline = json_get_str(body, "deadline", "");
	doc = json_get_int(body, "document_id", 0);
	if (store_begin(c, e) < 0)
		return -1;
	if (doc) {
		if (documents_check(c, a, doc, 0, NULL, doc_date, e) < 0) {
			snprintf(e->field, sizeof(e->field), "document_id");
			goto fail;
		}
		if (strcmp(deadline, doc_date) < 0) {
			err_invalid(e, "deadline",
				    "Hạn hoàn thành (%s) không được trước ngày"
				    " ban hành văn bản (%s).",
				    deadline, doc_date);
			goto fail;
		}
	}
	clock_iso(clock_now(), now);
	if (store_int(c, Q_TASK_INSERT,
		      (struct sval[]){ SV_OPT(doc, doc), SV_I(a->unit_id),
				       SV_T(kind),
				       SV_T(json_get_str(body, "title", "")),
				       SV_T(deadline),
				       SV_T(json_get_str(body, "note", "")),
				       SV_I(a->user_id), SV_T(now) },
		      8, &id, e) < 0)
		goto fail;
	t.id = id;
	t.unit_id = a->unit_id;
	snprintf(t.path, sizeof(t.path), "%s", a->unit_path);
	if (add_assignments(c, a, &t, json_object_get(body, "unit_ids"),
			    "unit_ids", e) < 0)
		goto fail;
	if (load_task(c, a, id, &t, e) != 1 ||
	    attach_assignments(c, a, &t, &visible, e) < 0 ||
	    audit_record(c, a, "create", "task", id, a->unit_id, NULL, t.json,
			 e) < 0 ||
	    store_commit(c, e) < 0)
		goto fail;
	*out = t.json;
	return 0;
fail:
	if (!e->status)
		err_internal(e, "task create");
	store_rollback(c);
	task_row_release(&t);
	return -1;
}

/* Load a task for a change by the giving side: 404 unless a's subtree
 * holds the giving unit. */
static int load_for_write(struct store_conn *c, const struct actor *a,
			  int64_t id, struct task_row *t, struct err *e)
{
	if (load_visible(c, a, id, t, e) < 0)
		return -1;
	if (!units_path_within(a->unit_path, t->path)) {
		task_row_release(t);
		return err_out_of_scope(e);
	}
	return 0;
}

int tasks_update(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t *body, json_t **out, struct err *e)
{
	struct task_row t = { 0 }, after = { 0 };
	char now[CLOCK_ISO_SIZE], doc_date[11] = "";
	const char *kind, *deadline;
	int visible;

	*out = NULL;
	if (json_check(body, task_update_fields, false, e) < 0)
		return -1;
	if (store_begin(c, e) < 0)
		return -1;
	if (load_for_write(c, a, id, &t, e) < 0)
		goto fail;
	kind = json_get_str(body, "kind",
			    json_string_value(json_object_get(t.json, "kind")));
	deadline = json_get_str(body, "deadline",
				json_string_value(
					json_object_get(t.json, "deadline")));
	if (check_kind(kind, e) < 0)
		goto fail;
	if (t.document_id &&
	    documents_check(c, a, t.document_id, 0, NULL, doc_date, e) == 0 &&
	    strcmp(deadline, doc_date) < 0) {
		err_invalid(e, "deadline",
			    "Hạn hoàn thành (%s) không được trước ngày ban hành"
			    " văn bản (%s).",
			    deadline, doc_date);
		goto fail;
	}
	err_clear(e);
	clock_iso(clock_now(), now);
	if (store_exec(c, Q_TASK_UPDATE,
		       (struct sval[]){
			       SV_I(id), SV_T(kind),
			       SV_T(json_get_str(body, "title",
						 json_string_value(json_object_get(
							 t.json, "title")))),
			       SV_T(deadline),
			       SV_T(json_has(body, "note")
					    ? json_get_str(body, "note", "")
					    : json_string_value(json_object_get(
						      t.json, "note"))),
			       SV_T(now) },
		       6, e) < 0)
		goto fail;
	if (json_has(body, "add_unit_ids") &&
	    add_assignments(c, a, &t, json_object_get(body, "add_unit_ids"),
			    "add_unit_ids", e) < 0)
		goto fail;
	if (load_task(c, a, id, &after, e) != 1 ||
	    attach_assignments(c, a, &after, &visible, e) < 0 ||
	    audit_record(c, a, "update", "task", id, t.unit_id, t.json,
			 after.json, e) < 0 ||
	    store_commit(c, e) < 0)
		goto fail;
	task_row_release(&t);
	*out = after.json;
	return 0;
fail:
	if (!e->status)
		err_internal(e, "task update");
	store_rollback(c);
	task_row_release(&t);
	task_row_release(&after);
	return -1;
}

int tasks_delete(struct store_conn *c, const struct actor *a, int64_t id,
		 struct err *e)
{
	struct task_row t = { 0 };

	if (store_begin(c, e) < 0)
		return -1;
	if (load_for_write(c, a, id, &t, e) < 0 ||
	    store_exec(c, Q_ASSIGN_DELETE_BY_TASK, (struct sval[]){ SV_I(id) }, 1,
		       e) < 0 ||
	    store_exec(c, Q_TASK_DELETE, (struct sval[]){ SV_I(id) }, 1, e) < 0 ||
	    audit_record(c, a, "delete", "task", id, t.unit_id, t.json, NULL, e) <
		    0 ||
	    store_commit(c, e) < 0) {
		store_rollback(c);
		task_row_release(&t);
		return -1;
	}
	task_row_release(&t);
	return 0;
}

/* Load assignment `id` of task `task_id`; 1 found, 0 not, -1 error. */
static int load_assignment(struct store_conn *c, int64_t task_id, int64_t id,
			   json_t **out, char *path, char *task_path,
			   struct err *e)
{
	struct store_rows *r;
	char today[11];
	int st;

	*out = NULL;
	clock_today_vn(today);
	if (store_query(c, Q_ASSIGN_GET,
			(struct sval[]){ SV_I(id), SV_I(task_id) }, 2, &r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1) {
		*out = assign_json(r, today);
		snprintf(path, UNIT_PATH_SIZE, "%s", store_col_text(r, AC_PATH));
		snprintf(task_path, UNIT_PATH_SIZE, "%s",
			 store_col_text(r, AC_TASK_PATH));
	}
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, "assignment");
	return st;
}

int tasks_assignment_update(struct store_conn *c, const struct actor *a,
			    int64_t task_id, int64_t id, json_t *body,
			    json_t **out, struct err *e)
{
	json_t *before = NULL;
	char path[UNIT_PATH_SIZE], task_path[UNIT_PATH_SIZE], today[11];
	char now[CLOCK_ISO_SIZE];
	const char *status, *done_date, *result;
	int st;

	*out = NULL;
	if (json_check(body, assign_fields, true, e) < 0)
		return -1;
	status = json_get_str(body, "status", "");
	done_date = json_get_str(body, "done_date", NULL);
	result = json_get_str(body, "result", "");
	clock_today_vn(today);
	if (strcmp(status, "not_started") && strcmp(status, "in_progress") &&
	    strcmp(status, "done"))
		return err_invalid(e, "status",
				   "Trạng thái phải là not_started (chưa thực"
				   " hiện), in_progress (đang thực hiện) hoặc"
				   " done (đã hoàn thành).");
	if (!strcmp(status, "done")) {
		if (!done_date)
			return err_invalid(e, "done_date",
					   "Nhập ngày hoàn thành.");
		if (strcmp(done_date, today) > 0)
			return err_invalid(e, "done_date",
					   "Ngày hoàn thành không được sau hôm nay"
					   " (%s).",
					   today);
		if (!*result)
			return err_invalid(e, "result",
					   "Nhập kết quả thực hiện (một dòng).");
	} else if (done_date) {
		return err_invalid(e, "done_date",
				   "Chỉ nhập ngày hoàn thành khi trạng thái là"
				   " đã hoàn thành.");
	}
	if (strchr(result, '\n'))
		return err_invalid(e, "result",
				   "Kết quả thực hiện chỉ gồm một dòng.");
	if (store_begin(c, e) < 0)
		return -1;
	st = load_assignment(c, task_id, id, &before, path, task_path, e);
	if (st < 0)
		goto fail;
	if (st == 0) {
		err_not_found(e);
		goto fail;
	}
	if (!units_path_within(a->unit_path, path) &&
	    !units_path_within(a->unit_path, task_path)) {
		err_out_of_scope(e);
		goto fail;
	}
	if (a->role == ROLE_CONTRIBUTOR &&
	    json_integer_value(json_object_get(before, "unit_id")) != a->unit_id) {
		err_set(e, ERR_FORBIDDEN, "forbidden", NULL,
			"Cộng tác viên chỉ cập nhật nhiệm vụ của đơn vị mình.");
		goto fail;
	}
	clock_iso(clock_now(), now);
	if (store_exec(c, Q_ASSIGN_UPDATE,
		       (struct sval[]){ SV_I(id), SV_T(status), SV_T(done_date),
					SV_T(result), SV_T(now) },
		       5, e) < 0 ||
	    load_assignment(c, task_id, id, out, path, task_path, e) != 1 ||
	    audit_record(c, a, "update", "task_assignment", id,
			 json_integer_value(json_object_get(before, "unit_id")),
			 before, *out, e) < 0 ||
	    store_commit(c, e) < 0)
		goto fail;
	json_decref(before);
	return 0;
fail:
	if (!e->status)
		err_internal(e, "assignment update");
	store_rollback(c);
	json_decref(before);
	json_decref(*out);
	*out = NULL;
	return -1;
}

static int collect_assignments(struct store_rows *r, json_t *items,
			       struct err *e)
{
	char today[11];
	int st;

	clock_today_vn(today);
	while ((st = store_next(r)) == 1)
		json_array_append_new(items, assign_json(r, today));
	store_rows_free(r);
	return st < 0 ? err_internal(e, "assignments") : 0;
}

int tasks_inbox(struct store_conn *c, const struct actor *a,
		const char *status, int64_t limit, int64_t offset,
		json_t **out, struct err *e)
{
	struct store_rows *r;
	json_t *items = json_array();
	int64_t total = 0;

	*out = NULL;
	if (status && *status && strcmp(status, "open") && strcmp(status, "done")) {
		json_decref(items);
		return err_invalid(e, "status",
				   "Tham số \"status\" phải là open hoặc done.");
	}
	if (status && !*status)
		status = NULL;
	{
		struct sval args[] = { SV_I(a->unit_id), SV_T(status),
				       SV_I(limit), SV_I(offset) };

		if (store_int(c, Q_ASSIGN_INBOX_COUNT, args, 2, &total, e) < 0 ||
		    store_query(c, Q_ASSIGN_INBOX, args, 4, &r, e) < 0 ||
		    collect_assignments(r, items, e) < 0) {
			json_decref(items);
			return -1;
		}
	}
	*out = json_pack("{s:o, s:I}", "items", items, "total",
			 (json_int_t)total);
	return 0;
}

/* `date` + `days` as "YYYY-MM-DD". */
static void add_days(const char *date, int days, char out[11])
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	sscanf(date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += days;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int tasks_due_soon(struct store_conn *c, const struct actor *a, int days,
		   int overdue, json_t **out, struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE], today[11], until[11];
	struct store_rows *r;
	json_t *items = json_array();

	*out = NULL;
	clock_today_vn(today);
	units_subtree_range(a->unit_path, lo, hi);
	if (overdue)
		add_days(today, -1, until);
	else
		add_days(today, days, until);
	if (store_query(c, Q_ASSIGN_DUE,
			(struct sval[]){ SV_T(lo), SV_T(hi),
					 SV_T(overdue ? NULL : today),
					 SV_T(until), SV_I(1000) },
			5, &r, e) < 0 ||
	    collect_assignments(r, items, e) < 0) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:o, s:I, s:s, s:s}", "items", items, "total",
			 (json_int_t)json_array_size(items), "today", today,
			 "until", until);
	return 0;
}

int tasks_matrix(struct store_conn *c, const struct actor *a,
		 int64_t document_id, int64_t task_id, json_t **out,
		 struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE], today[11];
	struct store_rows *r;
	json_t *tasks = json_array(), *units = json_array(), *cells = json_array();
	json_t *seen_t = json_object(), *seen_u = json_object(), *t;
	int counts[4] = { 0, 0, 0, 0 };
	int st;

	*out = NULL;
	clock_today_vn(today);
	units_subtree_range(a->unit_path, lo, hi);
	if (store_query(c, Q_ASSIGN_MATRIX,
			(struct sval[]){ SV_T(lo), SV_T(hi),
					 SV_OPT(document_id, document_id),
					 SV_OPT(task_id, task_id), SV_I(20000) },
			5, &r, e) < 0)
		goto fail;
	while ((st = store_next(r)) == 1) {
		char key[32];
		json_t *cell = assign_json(r, today);
		const char *state = json_string_value(json_object_get(cell, "state"));

		snprintf(key, sizeof(key), "%lld",
			 (long long)store_col_int(r, AC_TASK));
		t = json_object_get(seen_t, key);
		if (!t) {
			t = json_pack("{s:I, s:s, s:s, s:s, s:O, s:O, s:i, s:i}",
				      "id", (json_int_t)store_col_int(r, AC_TASK),
				      "title", store_col_text(r, AC_TITLE),
				      "deadline", store_col_text(r, AC_DEADLINE),
				      "kind", store_col_text(r, AC_KIND),
				      "document_id",
				      json_object_get(cell, "document_id"),
				      "document_symbol",
				      json_object_get(cell, "document_symbol"),
				      "done", 0, "assigned", 0);
			json_object_set(seen_t, key, t);
			json_array_append_new(tasks, t);
		}
		json_object_set_new(t, "assigned",
				    json_integer(json_integer_value(json_object_get(
							 t, "assigned")) +
						 1));
		if (!strcmp(state, "done"))
			json_object_set_new(
				t, "done",
				json_integer(json_integer_value(
						     json_object_get(t, "done")) +
					     1));
		counts[!strcmp(state, "done")	       ? 0
		       : !strcmp(state, "in_progress") ? 1
		       : !strcmp(state, "not_started") ? 2
						       : 3]++;
		snprintf(key, sizeof(key), "%lld",
			 (long long)store_col_int(r, AC_UNIT));
		if (!json_object_get(seen_u, key)) {
			json_t *u = json_pack(
				"{s:I, s:s, s:s, s:s}", "id",
				(json_int_t)store_col_int(r, AC_UNIT), "code",
				store_col_text(r, AC_UNIT_CODE), "name",
				store_col_text(r, AC_UNIT_NAME), "path",
				store_col_text(r, AC_PATH));

			json_object_set(seen_u, key, u);
			json_array_append_new(units, u);
		}
		json_array_append_new(
			cells, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O}",
					 "task_id", json_object_get(cell, "task_id"),
					 "unit_id", json_object_get(cell, "unit_id"),
					 "assignment_id", json_object_get(cell, "id"),
					 "status", json_object_get(cell, "status"),
					 "state", json_object_get(cell, "state"),
					 "done_date",
					 json_object_get(cell, "done_date"),
					 "result", json_object_get(cell, "result")));
		json_decref(cell);
	}
	store_rows_free(r);
	if (st < 0) {
		err_internal(e, "matrix");
		goto fail;
	}
	/* Rows in tree order. */
	{
		size_t i, j, n = json_array_size(units);

		for (i = 1; i < n; i++)
			for (j = i; j > 0; j--) {
				json_t *x = json_array_get(units, j - 1);
				json_t *y = json_array_get(units, j);

				if (strcmp(json_string_value(json_object_get(x, "path")),
					   json_string_value(json_object_get(y, "path"))) <= 0)
					break;
				json_incref(x);
				json_array_set(units, j - 1, y);
				json_array_set_new(units, j, x);
			}
		json_array_foreach(units, i, t)
			json_object_del(t, "path");
	}
	*out = json_pack("{s:o, s:o, s:o, s:{s:i, s:i, s:i, s:i}, s:s}", "tasks",
			 tasks, "units", units, "cells", cells, "summary", "done",
			 counts[0], "in_progress", counts[1], "not_started",
			 counts[2], "overdue", counts[3], "today", today);
	json_decref(seen_t);
	json_decref(seen_u);
	return 0;
fail:
	json_decref(tasks);
	json_decref(units);
	json_decref(cells);
	json_decref(seen_t);
	json_decref(seen_u);
	return -1;
}
