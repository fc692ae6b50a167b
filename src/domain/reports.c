/*
 * Periodic reports: drafting, free text, submission; see reports.h.
 */
#include "domain/reports.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/documents.h"
#include "domain/report_text.h"
#include "domain/rollup.h"
#include "domain/units.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/json.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum report_col {
	RC_ID,
	RC_UNIT,
	RC_UNIT_CODE,
	RC_UNIT_NAME,
	RC_KIND,
	RC_PERIOD,
	RC_START,
	RC_END,
	RC_DATE,
	RC_PLACE,
	RC_TITLE,
	RC_DOC,
	RC_SYMBOL,
	RC_STATUS,
	RC_PROV,
	RC_FIGURES,
	RC_RESULTS,
	RC_LIMITS,
	RC_TASKS,
	RC_SIGNER,
	RC_SUB_AT,
	RC_SUB_BY,
	RC_REASON,
	RC_CREATED_BY,
	RC_CREATED,
	RC_UPDATED,
	RC_PATH,
	RC_PARENT_NAME,
	RC_SHORT,
	RC_CATEGORY,
};

static const struct jfield create_fields[] = {
    {"unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị"},
    {"period", JF_STRING, JF_REQUIRED, 4, 24, 0, 0, "Kỳ báo cáo"},
    {"report_date", JF_DATE, 0, 0, 0, 0, 0, "Ngày báo cáo"},
    {"place", JF_STRING, 0, 0, 100, 0, 0, "Địa danh"},
    {"title", JF_STRING, 0, 1, 500, 0, 0, "Trích yếu"},
    {"signer", JF_STRING, 0, 0, 200, 0, 0, "Người ký"},
    {"category", JF_STRING, 0, 1, 16, 0, 0, "Loại báo cáo"},
    {NULL, 0, 0, 0, 0, 0, 0, NULL},
};

static const struct jfield update_fields[] = {
    {"results_text", JF_STRING, 0, 0, 100000, 0, 0, "Kết quả (bổ sung)"},
    {"limits_text", JF_STRING, 0, 0, 100000, 0, 0, "Hạn chế, nguyên nhân"},
    {"tasks_text", JF_STRING, 0, 0, 100000, 0, 0, "Phương hướng, nhiệm vụ"},
    {"report_date", JF_DATE, 0, 0, 0, 0, 0, "Ngày báo cáo"},
    {"place", JF_STRING, 0, 0, 100, 0, 0, "Địa danh"},
    {"title", JF_STRING, 0, 1, 500, 0, 0, "Trích yếu"},
    {"signer", JF_STRING, 0, 0, 200, 0, 0, "Người ký"},
    {NULL, 0, 0, 0, 0, 0, 0, NULL},
};

static const struct jfield reopen_fields[] = {
    {"reason", JF_STRING, JF_REQUIRED, 3, 1000, 0, 0, "Lý do mở lại"},
    {NULL, 0, 0, 0, 0, 0, 0, NULL},
};

static const struct jfield deadline_fields[] = {
    {"kind", JF_STRING, JF_REQUIRED, 1, 16, 0, 0, "Loại báo cáo"},
    {"days", JF_INT, JF_REQUIRED, 0, 0, 0, 366, "Số ngày sau kỳ"},
    {NULL, 0, 0, 0, 0, 0, 0, NULL},
};

int reports_period_parse(const char *key, struct period *p, const char **kind,
			 struct err *e)
{
	int y;
	char m, extra;

	memset(p, 0, sizeof(*p));
	if (key && strlen(key) == 7 &&
	    sscanf(key, "%4d-9%c%c", &y, &m, &extra) == 2 && m == 'M' &&
	    y >= 1900 && y <= 2200) {
		p->type = PERIOD_CUSTOM;
		snprintf(p->key, sizeof(p->key), "%04d-9M", y);
		snprintf(p->start, sizeof(p->start), "%04d-01-01", y);
		snprintf(p->end, sizeof(p->end), "%04d-09-30", y);
		*kind = "nine_months";
		return 0;
	}
	if (!key || periods_parse(key, p) < 0 || p->type == PERIOD_CUSTOM)
		return err_invalid(
		    e, "period",
		    "Kỳ báo cáo không hợp lệ: \"%s\". Dùng dạng"
		    " 2023-W14, 2023-05, 2023-Q3, 2022-H1, 2023-9M"
		    " hoặc 2023.",
		    key ? key : "");
	*kind = periods_type_name(p->type);
	return 0;
}

/* The place name of a unit: its name without the committee word
 * ("Thành ủy Long Giang" -> "Long Giang"). */
static void place_of(const char *name, char *out, size_t size)
{
	static const char *const pre[] = {
	    "Tỉnh ủy ",	   "Thành ủy ",		"Thị ủy ",
	    "Huyện ủy ",   "Quận ủy ",		"Đảng ủy phường ",
	    "Đảng ủy xã ", "Đảng ủy thị trấn ", "Đảng ủy "};
	size_t i, n;

	for (i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		n = strlen(pre[i]);
		if (!strncmp(name, pre[i], n)) {
			snprintf(out, size, "%s", name + n);
			return;
		}
	}
	snprintf(out, size, "%s", name);
}

static const char *issuer_of(const char *name)
{
	if (!strncmp(name, "Tỉnh ủy", strlen("Tỉnh ủy")))
		return "TU";
	if (!strncmp(name, "Thành ủy", strlen("Thành ủy")))
		return "ThU";
	if (!strncmp(name, "Huyện ủy", strlen("Huyện ủy")))
		return "HU";
	if (!strncmp(name, "Quận ủy", strlen("Quận ủy")))
		return "QU";
	return "ĐU";
}

static json_t *row_json(struct store_rows *r)
{
	json_t *j, *fig, *totals;
	struct buf b = BUF_INIT;
	const char *name = store_col_text(r, RC_UNIT_NAME);
	const char *parent = store_col_text(r, RC_PARENT_NAME);

	j = json_pack(
	    "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
	    " s:s, s:s, s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "id", (json_int_t)store_col_int(r, RC_ID), "unit_id",
	    (json_int_t)store_col_int(r, RC_UNIT), "unit_code",
	    store_col_text(r, RC_UNIT_CODE), "unit_name", name, "kind",
	    store_col_text(r, RC_KIND), "period", store_col_text(r, RC_PERIOD),
	    "period_start", store_col_text(r, RC_START), "period_end",
	    store_col_text(r, RC_END), "report_date",
	    store_col_text(r, RC_DATE), "place", store_col_text(r, RC_PLACE),
	    "title", store_col_text(r, RC_TITLE), "symbol",
	    store_col_text(r, RC_SYMBOL), "status",
	    store_col_text(r, RC_STATUS), "provisional",
	    (int)store_col_int(r, RC_PROV), "results_text",
	    store_col_text(r, RC_RESULTS), "limits_text",
	    store_col_text(r, RC_LIMITS), "tasks_text",
	    store_col_text(r, RC_TASKS), "signer", store_col_text(r, RC_SIGNER),
	    "reopen_reason", store_col_text(r, RC_REASON), "created_at",
	    store_col_text(r, RC_CREATED), "updated_at",
	    store_col_text(r, RC_UPDATED));
	json_object_set_new(j, "category",
			    json_string(store_col_text(r, RC_CATEGORY)));
	json_object_set_new(j, "document_id",
			    store_col_null(r, RC_DOC)
				? json_null()
				: json_integer(store_col_int(r, RC_DOC)));
	json_set_str_or_null(
	    j, "submitted_at",
	    store_col_null(r, RC_SUB_AT) ? NULL : store_col_text(r, RC_SUB_AT));
	json_set_str_or_null(
	    j, "submitted_by",
	    store_col_null(r, RC_SUB_BY) ? NULL : store_col_text(r, RC_SUB_BY));
	fig = json_loads(store_col_text(r, RC_FIGURES), 0, NULL);
	if (!fig)
		fig = json_object();
	totals = json_object_get(fig, "totals");
	json_object_set_new(
	    j, "results", totals ? report_text_results(totals) : json_array());
	json_object_set_new(j, "figures", fig);

	/* The Party header and the words the exports share. */
	if (*parent) {
		struct buf c = BUF_INIT;

		report_text_committee(&c, parent);
		report_text_upper(&b, c.ptr);
		buf_release(&c);
	}
	json_object_set_new(j, "header_committee", json_string(b.ptr));
	buf_reset(&b);
	report_text_upper(&b, name);
	json_object_set_new(j, "header_unit", json_string(b.ptr));
	buf_reset(&b);
	report_text_place_date(&b, store_col_text(r, RC_PLACE),
			       store_col_text(r, RC_DATE));
	json_object_set_new(j, "place_date", json_string(b.ptr));
	buf_reset(&b);
	report_text_period(&b, store_col_text(r, RC_PERIOD));
	json_object_set_new(j, "period_text", json_string(b.ptr));
	buf_release(&b);
	return j;
}

static json_t *brief_json(struct store_rows *r)
{
	json_t *j = row_json(r);

	json_object_del(j, "figures");
	json_object_del(j, "results");
	return j;
}

int reports_get(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e)
{
	return units_load_scoped(c, a, Q_REPORT_GET, id, RC_PATH, row_json,
				 "report", out, e);
}

int reports_list(struct store_conn *c, const struct actor *a,
		 const struct reports_filter *f, json_t **out, struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];
	struct store_rows *r;
	int64_t total = 0;
	json_t *items;
	int st;

	*out = NULL;
	if (f->unit_id && units_check_scope(c, a, f->unit_id, NULL, e) < 0)
		return -1;
	units_subtree_range(a->unit_path, lo, hi);
	{
		struct sval args[] = {
		    SV_T(lo),	     SV_T(hi),
		    SV_T(f->period), SV_T(f->kind),
		    SV_T(f->status), SV_OPT(f->unit_id, f->unit_id),
		    SV_T(f->category), SV_I(f->limit),
		    SV_I(f->offset)};

		if (f->category && strcmp(f->category, "periodic") &&
		    strcmp(f->category, "press"))
			return err_invalid(e, "category",
					   "Loại báo cáo phải là periodic (định"
					   " kỳ) hoặc press (công tác báo chí"
					   " hàng tuần).");
		if (store_int(c, Q_REPORT_COUNT, args, 7, &total, e) < 0 ||
		    store_query(c, Q_REPORT_LIST, args, 9, &r, e) < 0)
			return -1;
	}
	items = json_array();
	while ((st = store_next(r)) == 1)
		json_array_append_new(items, brief_json(r));
	store_rows_free(r);
	if (st < 0) {
		json_decref(items);
		return err_internal(e, "reports list");
	}
	*out =
	    json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total);
	return 0;
}

/*
 * Documents (issued by type, received) and task assignments (done, done on
 * time, overdue at the period's end, due in the period) of the subtree,
 * added to the roll-up's totals as "documents" and "tasks".
 */
static int add_work(struct store_conn *c, int64_t unit, const char *from,
		    const char *to, json_t *totals, struct err *e)
{
	char path[UNIT_PATH_SIZE], lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];
	struct store_rows *r;
	json_t *types;
	int64_t issued = 0, received = 0;
	int st;

	if (store_query(c, Q_UNIT_PATH_FOR_REPORT, (struct sval[]){SV_I(unit)},
			1, &r, e) < 0)
		return -1;
	st = store_next(r);
	snprintf(path, sizeof(path), "%s", st == 1 ? store_col_text(r, 0) : "");
	store_rows_free(r);
	if (st != 1)
		return err_internal(e, "report unit path");
	units_subtree_range(path, lo, hi);
	{
		struct sval args[] = {SV_T(lo), SV_T(hi), SV_T(from), SV_T(to)};

		if (store_query(c, Q_REPORT_DOCS_OUT, args, 4, &r, e) < 0)
			return -1;
		types = json_array();
		while ((st = store_next(r)) == 1) {
			issued += store_col_int(r, 2);
			json_array_append_new(
			    types, json_pack("{s:s, s:s, s:I}", "code",
					     store_col_text(r, 0), "name",
					     store_col_text(r, 1), "count",
					     (json_int_t)store_col_int(r, 2)));
		}
		store_rows_free(r);
		if (st < 0 ||
		    store_int(c, Q_REPORT_DOCS_IN, args, 4, &received, e) < 0) {
			json_decref(types);
			return e->status ? -1
					 : err_internal(e, "report documents");
		}
		json_object_set_new(totals, "documents",
				    json_pack("{s:I, s:o, s:I}", "issued",
					      (json_int_t)issued, "by_type",
					      types, "received",
					      (json_int_t)received));
		if (store_query(c, Q_REPORT_TASKS, args, 4, &r, e) < 0)
			return -1;
		st = store_next(r);
		if (st == 1)
			json_object_set_new(
			    totals, "tasks",
			    json_pack(
				"{s:I, s:I, s:I, s:I}", "done",
				(json_int_t)store_col_int(r, 0), "done_on_time",
				(json_int_t)store_col_int(r, 1), "overdue",
				(json_int_t)store_col_int(r, 2), "due",
				(json_int_t)store_col_int(r, 3)));
		store_rows_free(r);
		if (st < 0)
			return err_internal(e, "report tasks");
	}
	return 0;
}

/* The roll-up of the unit's subtree over the period with the documents
 * and tasks, as stored text; the caller frees it. */
static char *figures_text(struct store_conn *c, const struct actor *a,
			  int64_t unit, const char *from, const char *to,
			  struct err *e)
{
	json_t *roll;
	char *s;

	if (rollup_get(c, a, unit, from, to, &roll, e) < 0)
		return NULL;
	if (add_work(c, unit, from, to, json_object_get(roll, "totals"), e) <
	    0) {
		json_decref(roll);
		return NULL;
	}
	s = json_dumps(roll, JSON_COMPACT);
	json_decref(roll);
	return s;
}

/* Register the outgoing document that gives the report its number; the
 * symbol in `symbol` and the document's id, or 0 when none can be given. */
static int64_t register_number(struct store_conn *c, const struct actor *a,
			       int64_t unit, const char *unit_name,
			       const char *date, const char *summary,
			       const char *signer, char symbol[64])
{
	struct err e2 = ERR_INIT;
	const char *issuer = issuer_of(unit_name);
	struct store_rows *r;
	json_t *body, *doc = NULL;
	char code[48] = "";
	int64_t id = 0;

	symbol[0] = '\0';
	if (store_query(c, Q_REPORT_ISSUER, (struct sval[]){SV_I(unit)}, 1, &r,
			&e2) == 0) {
		if (store_next(r) == 1)
			snprintf(code, sizeof(code), "%s",
				 store_col_text(r, 0));
		store_rows_free(r);
	}
	if (*code)
		issuer = code;
	body = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "direction", "out",
			 "type", "BC", "issuer", issuer, "issued_on", date,
			 "summary", summary, "unit_id", (json_int_t)unit);
	if (signer && *signer)
		json_object_set_new(body, "signer", json_string(signer));
	if (documents_create(c, a, body, &doc, &e2) == 0) {
		id = json_integer_value(json_object_get(doc, "id"));
		snprintf(symbol, 64, "%s", json_get_str(doc, "symbol", ""));
	}
	json_decref(body);
	json_decref(doc);
	return id;
}

static void default_date(const struct period *p, const char *kind,
			 char out[PERIOD_DATE_SIZE])
{
	if (!strcmp(kind, "week"))
		snprintf(out, PERIOD_DATE_SIZE, "%s", p->end);
	else if (!strcmp(kind, "month"))
		snprintf(out, PERIOD_DATE_SIZE, "%.8s25", p->end);
	else
		snprintf(out, PERIOD_DATE_SIZE, "%.8s15", p->end);
}

int reports_create(struct store_conn *c, const struct actor *a, json_t *body,
		   json_t **out, struct err *e)
{
	struct period p;
	const char *kind, *unit_name, *category;
	char date[PERIOD_DATE_SIZE], today[11], place[128], symbol[64],
	    now[CLOCK_ISO_SIZE];
	struct buf title = BUF_INIT;
	json_t *unit = NULL, *after = NULL;
	char *fig = NULL;
	int64_t unit_id, id = 0, doc_id, existing;
	int rc = -1;

	*out = NULL;
	if (json_check(body, create_fields, true, e) < 0)
		return -1;
	unit_id = json_get_int(body, "unit_id", 0);
	category = json_get_str(body, "category", "periodic");
	if (strcmp(category, "periodic") && strcmp(category, "press"))
		return err_invalid(e, "category",
				   "Loại báo cáo phải là periodic (định kỳ)"
				   " hoặc press (công tác báo chí hàng tuần).");
	if (reports_period_parse(json_get_str(body, "period", ""), &p, &kind,
				 e) < 0)
		return -1;
	if (!strcmp(category, "press") && strcmp(kind, "week"))
		return err_invalid(e, "period",
				   "Báo cáo công tác báo chí là báo cáo hàng"
				   " tuần: kỳ báo cáo phải là một tuần, dạng"
				   " 2024-W05.");
	if (units_get(c, a, unit_id, &unit, e) < 0)
		return -1;
	unit_name = json_get_str(unit, "name", "");
	if (store_int(c, Q_REPORT_FIND,
		      (struct sval[]){SV_I(unit_id), SV_T(p.key),
				      SV_T(category)},
		      3, &existing, e) != 0) {
		if (!e->status)
			err_set(e, ERR_CONFLICT, "exists", "period",
				"Đơn vị đã có báo cáo %s kỳ này (mã %lld).",
				strcmp(category, "press")
				    ? "định kỳ"
				    : "công tác báo chí",
				(long long)existing);
		goto out;
	}
	snprintf(date, sizeof(date), "%s",
		 json_get_str(body, "report_date", ""));
	if (!*date)
		default_date(&p, kind, date);
	place_of(unit_name, place, sizeof(place));
	if (json_has(body, "place"))
		snprintf(place, sizeof(place), "%s",
			 json_get_str(body, "place", ""));
	if (json_has(body, "title")) {
		buf_adds(&title, json_get_str(body, "title", ""));
	} else if (!strcmp(category, "press")) {
		buf_adds(&title, "Báo cáo công tác báo chí ");
		report_text_period(&title, p.key);
	} else {
		buf_adds(&title, "Kết quả công tác tuyên giáo ");
		report_text_period(&title, p.key);
		buf_adds(&title, ", phương hướng, nhiệm vụ thời gian tới");
	}
	fig = figures_text(c, a, unit_id, p.start, p.end, e);
	if (!fig)
		goto out;
	clock_today_vn(today);
	doc_id = register_number(c, a, unit_id, unit_name, date, title.ptr,
				 json_get_str(body, "signer", ""), symbol);
	clock_iso(clock_now(), now);
	if (store_begin(c, e) < 0)
		goto out;
	{
		struct sval args[] = {
		    SV_I(unit_id),
		    SV_T(kind),
		    SV_T(p.key),
		    SV_T(p.start),
		    SV_T(p.end),
		    SV_T(date),
		    SV_T(place),
		    SV_T(title.ptr),
		    SV_OPT(doc_id, doc_id),
		    SV_T(symbol),
		    SV_I(strcmp(today, p.end) <= 0),
		    SV_T(fig),
		    SV_T(json_get_str(body, "signer", "")),
		    SV_T(a->username),
		    SV_T(now),
		    SV_T(category),
		};

		if (store_int(c, Q_REPORT_INSERT, args, 16, &id, e) != 1)
			goto rollback;
	}
	if (reports_get(c, a, id, &after, e) < 0)
		goto rollback;
	json_object_del(after, "figures");
	if (audit_record(c, a, "create", "report", id, unit_id, NULL, after,
			 e) < 0 ||
	    store_commit(c, e) < 0)
		goto rollback;
	rc = reports_get(c, a, id, out, e);
	goto out;
rollback:
	if (!e->status)
		err_internal(e, "report insert");
	store_rollback(c);
out:
	json_decref(unit);
	json_decref(after);
	free(fig);
	buf_release(&title);
	return rc;
}

/* Load a report for a write: in scope, its JSON without figures. */
static int load_for_write(struct store_conn *c, const struct actor *a,
			  int64_t id, json_t **before, struct err *e)
{
	if (units_load_scoped(c, a, Q_REPORT_GET, id, RC_PATH, brief_json,
			      "report", before, e) < 0)
		return -1;
	return 0;
}

static int finish(struct store_conn *c, const struct actor *a, int64_t id,
		  json_t *before, json_t **out, struct err *e)
{
	json_t *after = NULL;
	int64_t unit = json_integer_value(json_object_get(before, "unit_id"));

	if (load_for_write(c, a, id, &after, e) < 0 ||
	    audit_record(c, a, "update", "report", id, unit, before, after, e) <
		0 ||
	    store_commit(c, e) < 0) {
		json_decref(after);
		store_rollback(c);
		return -1;
	}
	json_decref(after);
	return reports_get(c, a, id, out, e);
}

static int locked(struct err *e)
{
	return err_set(e, ERR_CONFLICT, "submitted", NULL,
		       "Báo cáo đã gửi; cần mở lại trước khi sửa.");
}

int reports_update(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t *body, json_t **out, struct err *e)
{
	json_t *before = NULL;
	char now[CLOCK_ISO_SIZE];
	int rc = -1;

	*out = NULL;
	if (json_check(body, update_fields, false, e) < 0 ||
	    load_for_write(c, a, id, &before, e) < 0)
		return -1;
	if (strcmp(json_get_str(before, "status", ""), "draft")) {
		locked(e);
		goto out;
	}
	clock_iso(clock_now(), now);
	if (store_begin(c, e) < 0)
		goto out;
	{
#define KEEP(f) SV_T(json_get_str(body, f, json_get_str(before, f, "")))
		struct sval args[] = {SV_I(id),
				      KEEP("results_text"),
				      KEEP("limits_text"),
				      KEEP("tasks_text"),
				      KEEP("report_date"),
				      KEEP("place"),
				      KEEP("title"),
				      KEEP("signer"),
				      SV_T(now)};
#undef KEEP
		if (store_exec(c, Q_REPORT_UPDATE_TEXT, args, 9, e) < 0) {
			store_rollback(c);
			goto out;
		}
	}
	rc = finish(c, a, id, before, out, e);
out:
	json_decref(before);
	return rc;
}

int reports_regenerate(struct store_conn *c, const struct actor *a, int64_t id,
		       json_t **out, struct err *e)
{
	json_t *before = NULL;
	char now[CLOCK_ISO_SIZE], today[11];
	char *fig = NULL;
	int rc = -1;

	*out = NULL;
	if (load_for_write(c, a, id, &before, e) < 0)
		return -1;
	if (strcmp(json_get_str(before, "status", ""), "draft")) {
		locked(e);
		goto out;
	}
	fig = figures_text(
	    c, a, json_integer_value(json_object_get(before, "unit_id")),
	    json_get_str(before, "period_start", ""),
	    json_get_str(before, "period_end", ""), e);
	if (!fig)
		goto out;
	clock_iso(clock_now(), now);
	clock_today_vn(today);
	if (store_begin(c, e) < 0)
		goto out;
	if (store_exec(c, Q_REPORT_UPDATE_FIGURES,
		       (struct sval[]){
			   SV_I(id), SV_T(fig),
			   SV_I(strcmp(today, json_get_str(before, "period_end",
							   "")) <= 0),
			   SV_T(now)},
		       4, e) < 0) {
		store_rollback(c);
		goto out;
	}
	rc = finish(c, a, id, before, out, e);
out:
	free(fig);
	json_decref(before);
	return rc;
}

int reports_submit(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t **out, struct err *e)
{
	json_t *before = NULL;
	char now[CLOCK_ISO_SIZE], today[11];
	int rc = -1;

	*out = NULL;
	if (load_for_write(c, a, id, &before, e) < 0)
		return -1;
	clock_today_vn(today);
	if (strcmp(json_get_str(before, "status", ""), "draft")) {
		err_set(e, ERR_CONFLICT, "already_submitted", NULL,
			"Báo cáo đã được gửi lúc %s.",
			json_get_str(before, "submitted_at", ""));
		goto out;
	}
	if (strcmp(today, json_get_str(before, "period_end", "")) <= 0) {
		err_set(e, ERR_CONFLICT, "period_not_ended", "period",
			"Kỳ báo cáo chưa kết thúc (đến %s): chỉ lưu được bản"
			" dự thảo.",
			json_get_str(before, "period_end", ""));
		goto out;
	}
	clock_iso(clock_now(), now);
	if (store_begin(c, e) < 0)
		goto out;
	if (store_exec(c, Q_REPORT_SUBMIT,
		       (struct sval[]){SV_I(id), SV_T(now), SV_T(a->username)},
		       3, e) < 0 ||
	    store_changes(c) != 1) {
		if (!e->status)
			err_set(e, ERR_CONFLICT, "already_submitted", NULL,
				"Báo cáo đã được gửi.");
		store_rollback(c);
		goto out;
	}
	rc = finish(c, a, id, before, out, e);
out:
	json_decref(before);
	return rc;
}

int reports_reopen(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t *body, json_t **out, struct err *e)
{
	json_t *before = NULL;
	char now[CLOCK_ISO_SIZE];
	int rc = -1;

	*out = NULL;
	if (json_check(body, reopen_fields, true, e) < 0 ||
	    load_for_write(c, a, id, &before, e) < 0)
		return -1;
	if (strcmp(json_get_str(before, "status", ""), "submitted")) {
		err_set(e, ERR_CONFLICT, "not_submitted", NULL,
			"Báo cáo chưa gửi nên không cần mở lại.");
		goto out;
	}
	clock_iso(clock_now(), now);
	if (store_begin(c, e) < 0)
		goto out;
	if (store_exec(c, Q_REPORT_REOPEN,
		       (struct sval[]){SV_I(id),
				       SV_T(json_get_str(body, "reason", "")),
				       SV_T(now)},
		       3, e) < 0) {
		store_rollback(c);
		goto out;
	}
	rc = finish(c, a, id, before, out, e);
out:
	json_decref(before);
	return rc;
}

int reports_delete(struct store_conn *c, const struct actor *a, int64_t id,
		   struct err *e)
{
	json_t *before = NULL;
	int rc = -1;

	if (load_for_write(c, a, id, &before, e) < 0)
		return -1;
	if (strcmp(json_get_str(before, "status", ""), "draft")) {
		locked(e);
		goto out;
	}
	if (store_begin(c, e) < 0)
		goto out;
	if (store_exec(c, Q_REPORT_DELETE, (struct sval[]){SV_I(id)}, 1, e) <
		0 ||
	    audit_record(c, a, "delete", "report", id,
			 json_integer_value(json_object_get(before, "unit_id")),
			 before, NULL, e) < 0 ||
	    store_commit(c, e) < 0) {
		store_rollback(c);
		goto out;
	}
	rc = 0;
out:
	json_decref(before);
	return rc;
}

static int deadline_days(struct store_conn *c, const char *kind, int64_t *days,
			 struct err *e)
{
	struct store_rows *r;
	int st;

	*days = 0;
	if (store_query(c, Q_RDL_GET, (struct sval[]){SV_T(kind)}, 1, &r, e) <
	    0)
		return -1;
	st = store_next(r);
	if (st == 1)
		*days = store_col_int(r, 1);
	store_rows_free(r);
	return st < 0 ? err_internal(e, "report deadline") : 0;
}

int reports_status(struct store_conn *c, const struct actor *a, int64_t unit_id,
		   const char *period, json_t **out, struct err *e)
{
	struct period p;
	const char *kind;
	char deadline[PERIOD_DATE_SIZE], today[11];
	struct store_rows *r;
	json_t *unit = NULL, *items;
	int64_t days, n_on = 0, n_late = 0, n_draft = 0, n_missing = 0;
	int st;

	*out = NULL;
	if (reports_period_parse(period, &p, &kind, e) < 0 ||
	    units_get(c, a, unit_id, &unit, e) < 0)
		return -1;
	if (deadline_days(c, kind, &days, e) < 0 ||
	    periods_add_days(p.end, days, deadline) < 0) {
		json_decref(unit);
		return e->status ? -1 : err_internal(e, "report deadline");
	}
	clock_today_vn(today);
	if (store_query(
		c, Q_REPORT_STATUS,
		(struct sval[]){SV_I(unit_id), SV_T(p.key), SV_T(p.end)}, 3, &r,
		e) < 0) {
		json_decref(unit);
		return -1;
	}
	items = json_array();
	while ((st = store_next(r)) == 1) {
		const char *state,
		    *at = store_col_null(r, 5) ? NULL : store_col_text(r, 5);
		json_t *it;

		if (store_col_null(r, 3)) {
			state = "missing";
			n_missing++;
		} else if (!strcmp(store_col_text(r, 4), "draft")) {
			state = "draft";
			n_draft++;
		} else if (at && strncmp(at, deadline, 10) <= 0) {
			state = "on_time";
			n_on++;
		} else {
			state = "late";
			n_late++;
		}
		it = json_pack("{s:{s:I, s:s, s:s}, s:s, s:b}", "unit", "id",
			       (json_int_t)store_col_int(r, 0), "code",
			       store_col_text(r, 1), "name",
			       store_col_text(r, 2), "state", state, "overdue",
			       (!at && strcmp(today, deadline) > 0));
		json_object_set_new(it, "report_id",
				    store_col_null(r, 3)
					? json_null()
					: json_integer(store_col_int(r, 3)));
		json_set_str_or_null(it, "submitted_at", at);
		json_set_str_or_null(
		    it, "submitted_by",
		    store_col_null(r, 6) ? NULL : store_col_text(r, 6));
		json_array_append_new(items, it);
	}
	store_rows_free(r);
	if (st < 0) {
		json_decref(unit);
		json_decref(items);
		return err_internal(e, "report status");
	}
	*out = json_pack("{s:{s:O, s:O, s:O}, s:s, s:s, s:s, s:s, s:I, s:s,"
			 " s:o, s:{s:I, s:I, s:I, s:I}}",
			 "unit", "id", json_object_get(unit, "id"), "code",
			 json_object_get(unit, "code"), "name",
			 json_object_get(unit, "name"), "period", p.key, "kind",
			 kind, "period_start", p.start, "period_end", p.end,
			 "deadline_days", (json_int_t)days, "deadline",
			 deadline, "items", items, "counts", "on_time",
			 (json_int_t)n_on, "late", (json_int_t)n_late, "draft",
			 (json_int_t)n_draft, "missing", (json_int_t)n_missing);
	json_decref(unit);
	return 0;
}

int report_deadlines_list(struct store_conn *c, json_t **out, struct err *e)
{
	struct store_rows *r;
	json_t *items;
	int st;

	*out = NULL;
	if (store_query(c, Q_RDL_LIST, NULL, 0, &r, e) < 0)
		return -1;
	items = json_array();
	while ((st = store_next(r)) == 1)
		json_array_append_new(
		    items,
		    json_pack("{s:s, s:s, s:I, s:s}", "kind",
			      store_col_text(r, 0), "name",
			      report_text_kind_name(store_col_text(r, 0)),
			      "days", (json_int_t)store_col_int(r, 1),
			      "updated_at", store_col_text(r, 2)));
	store_rows_free(r);
	if (st < 0) {
		json_decref(items);
		return err_internal(e, "report deadlines");
	}
	*out = json_pack("{s:o, s:I}", "items", items, "total",
			 (json_int_t)json_array_size(items));
	return 0;
}

int report_deadlines_update(struct store_conn *c, const struct actor *a,
			    json_t *body, json_t **out, struct err *e)
{
	const char *kind;

	int64_t before;
	char now[CLOCK_ISO_SIZE];
	json_t *b, *af;

	*out = NULL;
	if (json_check(body, deadline_fields, true, e) < 0)
		return -1;
	kind = json_get_str(body, "kind", "");
	if (deadline_days(c, kind, &before, e) < 0)
		return -1;
	clock_iso(clock_now(), now);
	if (store_begin(c, e) < 0)
		return -1;
	if (store_exec(c, Q_RDL_UPDATE,
		       (struct sval[]){SV_T(kind),
				       SV_I(json_get_int(body, "days", 0)),
				       SV_T(now)},
		       3, e) < 0)
		goto fail;
	if (store_changes(c) != 1) {
		err_invalid(e, "kind", "Loại báo cáo không hợp lệ: \"%s\".",
			    kind);
		goto fail;
	}
	b = json_pack("{s:s, s:I}", "kind", kind, "days", (json_int_t)before);
	af = json_pack("{s:s, s:I}", "kind", kind, "days",
		       (json_int_t)json_get_int(body, "days", 0));
	if (audit_record(c, a, "update", "report_deadline", 0, 0, b, af, e) <
		0 ||
	    store_commit(c, e) < 0) {
		json_decref(b);
		json_decref(af);
		goto fail;
	}
	json_decref(b);
	*out = af;
	return 0;
fail:
	store_rollback(c);
	return -1;
}
