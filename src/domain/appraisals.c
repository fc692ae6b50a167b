/*
 * Appraisals and comments on other bodies' drafts; see appraisals.h.
 */
#include "domain/appraisals.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/periods.h"
#include "domain/records.h"
#include "domain/unit_history.h"
#include "domain/units.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/format.h"
#include "base/idarray.h"
#include "base/json.h"
#include "base/text.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum apr_col {
	AC_ID, AC_UNIT, AC_UNIT_CODE, AC_UNIT_NAME, AC_KIND, AC_TITLE,
	AC_SENDER, AC_RECEIVED, AC_ANSWERED, AC_DAYS, AC_DOC, AC_DOC_SYMBOL,
	AC_NOTE, AC_CREATED, AC_UPDATED, AC_PATH,
};

static const struct jfield apr_fields[] = {
	{ "unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị" },
	{ "kind", JF_STRING, JF_REQUIRED, 1, 16, 0, 0, "Hình thức" },
	{ "title", JF_STRING, JF_REQUIRED, 1, 1000, 0, 0,
	  "Tên văn bản, đề án" },
	{ "sender", JF_STRING, JF_REQUIRED, 1, 300, 0, 0, "Cơ quan đề nghị" },
	{ "received_on", JF_DATE, JF_REQUIRED, 0, 0, 0, 0, "Ngày nhận" },
	{ "answered_on", JF_DATE, JF_NULLABLE, 0, 0, 0, 0, "Ngày trả lời" },
	{ "document_id", JF_ID, JF_NULLABLE, 0, 0, 0, 0, "Văn bản" },
	{ "note", JF_STRING, JF_NULLABLE, 0, 2000, 0, 0, "Ghi chú" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const char *const kinds[] = { "appraisal", "comment", NULL };
#define N_KIND 2

static json_t *apr_json(struct store_rows *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(store_col_int(r, AC_ID)));
	json_object_set_new(j, "unit_id",
			    json_integer(store_col_int(r, AC_UNIT)));
	json_object_set_new(j, "unit_code",
			    json_string(store_col_text(r, AC_UNIT_CODE)));
	json_object_set_new(j, "unit_name",
			    json_string(store_col_text(r, AC_UNIT_NAME)));
	json_object_set_new(j, "kind", json_string(store_col_text(r, AC_KIND)));
	json_object_set_new(j, "title", json_string(store_col_text(r, AC_TITLE)));
	json_object_set_new(j, "sender",
			    json_string(store_col_text(r, AC_SENDER)));
	json_object_set_new(j, "received_on",
			    json_string(store_col_text(r, AC_RECEIVED)));
	json_set_str_or_null(j, "answered_on",
			     store_col_null(r, AC_ANSWERED)
				     ? NULL
				     : store_col_text(r, AC_ANSWERED));
	json_object_set_new(j, "days_to_answer",
			    store_col_null(r, AC_DAYS)
				    ? json_null()
				    : json_integer(store_col_int(r, AC_DAYS)));
	json_object_set_new(j, "status",
			    json_string(store_col_null(r, AC_ANSWERED)
						? "pending"
						: "answered"));
	json_object_set_new(j, "document_id",
			    store_col_null(r, AC_DOC)
				    ? json_null()
				    : json_integer(store_col_int(r, AC_DOC)));
	json_set_str_or_null(j, "document_symbol",
			     store_col_null(r, AC_DOC_SYMBOL)
				     ? NULL
				     : store_col_text(r, AC_DOC_SYMBOL));
	json_object_set_new(j, "note", json_string(store_col_text(r, AC_NOTE)));
	json_object_set_new(j, "created_at",
			    json_string(store_col_text(r, AC_CREATED)));
	json_object_set_new(j, "updated_at",
			    json_string(store_col_text(r, AC_UPDATED)));
	return j;
}

static int load(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e)
{
	return units_load_scoped(c, a, Q_APR_GET, id, AC_PATH, apr_json,
				 "appraisal", out, e);
}

int appraisals_get(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t **out, struct err *e)
{
	return load(c, a, id, out, e);
}

int appraisals_list(struct store_conn *c, const struct actor *a,
		    const struct appraisals_filter *f, json_t **out,
		    struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];

	*out = NULL;
	if (f->unit_id && units_check_scope(c, a, f->unit_id, NULL, e) < 0)
		return -1;
	if (f->status && strcmp(f->status, "pending") &&
	    strcmp(f->status, "answered"))
		return err_invalid(e, "status",
				   "Trạng thái phải là pending (đang xử lý)"
				   " hoặc answered (đã trả lời).");
	units_subtree_range(a->unit_path, lo, hi);
	struct sval args[] = { SV_T(lo), SV_T(hi),
			       SV_OPT(f->unit_id, f->unit_id), SV_T(f->kind),
			       SV_T(f->from), SV_T(f->to), SV_T(f->status),
			       SV_OPT(f->document_id, f->document_id),
			       SV_I(f->limit), SV_I(f->offset) };
	return records_page(c, Q_APR_COUNT, Q_APR_LIST, args, 8, 10,
			    apr_json, "appraisals", out, e);
}

struct apr {
	int64_t unit_id, document_id;
	const char *kind, *title, *sender, *received, *answered, *note;
};

static void from_json(struct apr *v, json_t *b)
{
	v->unit_id = json_get_int(b, "unit_id", v->unit_id);
	v->kind = json_get_str(b, "kind", v->kind);
	v->title = json_get_str(b, "title", v->title);
	v->sender = json_get_str(b, "sender", v->sender);
	v->received = json_get_str(b, "received_on", v->received);
	if (json_has(b, "answered_on"))
		v->answered = json_get_str(b, "answered_on", NULL);
	if (json_has(b, "document_id"))
		v->document_id = json_get_int(b, "document_id", 0);
	if (json_has(b, "note"))
		v->note = json_get_str(b, "note", "");
}

/* The linked document exists and lies in a's subtree. */
static int check_document(struct store_conn *c, const struct actor *a,
			  int64_t id, struct err *e)
{
	struct store_rows *r;
	int st, inside = 0;

	if (store_query(c, Q_APR_DOC_PATH, (struct sval[]){ SV_I(id) }, 1, &r,
			e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1)
		inside = units_path_within(a->unit_path, store_col_text(r, 0));
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, "appraisal document");
	if (!inside)
		return err_invalid(e, "document_id",
				   "Văn bản (mã %lld) không có trong sổ văn bản"
				   " của đơn vị.",
				   (long long)id);
	return 0;
}

static int check(struct store_conn *c, const struct actor *a,
		 const struct apr *v, struct err *e)
{
	char today[11];

	if (text_index(v->kind, kinds) < 0)
		return err_invalid(e, "kind",
				   "Hình thức phải là appraisal (thẩm định)"
				   " hoặc comment (tham gia ý kiến).");
	clock_today_vn(today);
	if (strcmp(v->received, today) > 0)
		return err_invalid(e, "received_on",
				   "Ngày nhận không được sau ngày hôm nay.");
	if (v->answered && strcmp(v->answered, v->received) < 0)
		return err_invalid(e, "answered_on",
				   "Ngày trả lời (%s) không được trước ngày"
				   " nhận (%s).",
				   v->answered, v->received);
	if (v->answered && strcmp(v->answered, today) > 0)
		return err_invalid(e, "answered_on",
				   "Ngày trả lời không được sau ngày hôm nay.");
	if (v->document_id && check_document(c, a, v->document_id, e) < 0)
		return -1;
	return unit_history_check_entry(c, a, v->unit_id, v->received,
					"unit_id", e);
}

static struct sval days_of(const struct apr *v)
{
	if (!v->answered)
		return SV_NUL;
	return SV_I(periods_days_between(v->received, v->answered));
}

int appraisals_create(struct store_conn *c, const struct actor *a,
		      json_t *body, json_t **out, struct err *e)
{
	struct apr v = { 0 };
	char now[CLOCK_ISO_SIZE];
	int64_t id;
	bool own;
	int rc = -1;

	*out = NULL;
	v.note = "";
	if (json_check(body, apr_fields, true, e) < 0)
		return -1;
	from_json(&v, body);
	if (store_begin_own(c, &own, e) < 0)
		return -1;
	clock_iso(clock_now(), now);
	if (check(c, a, &v, e) < 0 ||
	    store_int(c, Q_APR_INSERT,
		      (struct sval[]){ SV_I(v.unit_id), SV_T(v.kind),
				       SV_T(v.title), SV_T(v.sender),
				       SV_T(v.received), SV_T(v.answered),
				       days_of(&v),
				       SV_OPT(v.document_id, v.document_id),
				       SV_T(v.note), SV_T(now) },
		      10, &id, e) < 0 ||
	    load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "create", "appraisal", id, v.unit_id, NULL,
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

int appraisals_update(struct store_conn *c, const struct actor *a,
		      int64_t id, json_t *body, json_t **out, struct err *e)
{
	json_t *before = NULL;
	struct apr v = { 0 };
	char now[CLOCK_ISO_SIZE];
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, apr_fields, false, e) < 0 ||
	    store_begin_own(c, &own, e) < 0)
		return -1;
	if (load(c, a, id, &before, e) < 0)
		goto out;
	v.unit_id = json_integer_value(json_object_get(before, "unit_id"));
	if (unit_history_check_entry(c, a, v.unit_id, NULL, "unit_id", e) < 0)
		goto out;
	v.kind = json_get_str(before, "kind", "");
	v.title = json_get_str(before, "title", "");
	v.sender = json_get_str(before, "sender", "");
	v.received = json_get_str(before, "received_on", "");
	v.answered = json_get_str(before, "answered_on", NULL);
	v.document_id = json_get_int(before, "document_id", 0);
	v.note = json_get_str(before, "note", "");
	from_json(&v, body);
	clock_iso(clock_now(), now);
	if (check(c, a, &v, e) < 0 ||
	    store_exec(c, Q_APR_UPDATE,
		       (struct sval[]){ SV_I(id), SV_I(v.unit_id),
					SV_T(v.kind), SV_T(v.title),
					SV_T(v.sender), SV_T(v.received),
					SV_T(v.answered), days_of(&v),
					SV_OPT(v.document_id, v.document_id),
					SV_T(v.note), SV_T(now) },
		       11, e) < 0 ||
	    load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "update", "appraisal", id, v.unit_id, before,
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

int appraisals_delete(struct store_conn *c, const struct actor *a, int64_t id,
		      struct err *e)
{
	return records_delete(c, a, id, load, Q_APR_DELETE, "appraisal", e);
}

int appraisals_avg_text(struct buf *out, int64_t days_total,
			int64_t answered)
{
	int64_t tenths;

	if (answered <= 0 || days_total < 0)
		return 0;
	/* round half up to one decimal, in integers */
	tenths = (days_total * 20 / answered + 1) / 2;
	if (format_int(out, tenths / 10) < 0)
		return -1;
	if (tenths % 10)
		return buf_addf(out, ",%d", (int)(tenths % 10));
	return 0;
}

/* --- roll-up ------------------------------------------------------------ */

/* received, answered, days to answer, pending */
struct agroup {
	int64_t id;
	int64_t v[N_KIND][4];
};

struct agroups {
	struct agroup *v;
	size_t n, cap;
};

static struct agroup *agroup(struct agroups *g, int64_t id)
{
	size_t at;

	g->v = idarray_slot(g->v, sizeof(*g->v), &g->n, &g->cap, id, &at);
	return &g->v[at];
}

static json_t *counts_json(const int64_t *v)
{
	struct buf b = BUF_INIT;
	json_t *j;

	appraisals_avg_text(&b, v[2], v[1]);
	j = json_pack("{s:I, s:I, s:I, s:I, s:s}", "received",
		      (json_int_t)v[0], "answered", (json_int_t)v[1],
		      "pending", (json_int_t)v[3], "days_total",
		      (json_int_t)v[2], "avg_days_text", b.ptr);
	json_object_set_new(j, "avg_days",
			    v[1] ? json_real((double)v[2] / (double)v[1])
				 : json_null());
	buf_release(&b);
	return j;
}

static void put(json_t *figs, const struct agroup *g)
{
	json_t *j;
	int64_t all[4] = { 0 };
	int i, k;

	if (!figs)
		return;
	j = json_object();
	for (i = 0; i < N_KIND; i++) {
		json_object_set_new(j, kinds[i], counts_json(g->v[i]));
		for (k = 0; k < 4; k++)
			all[k] += g->v[i][k];
	}
	json_object_set_new(j, "all", counts_json(all));
	json_object_set_new(figs, "appraisals", j);
}

int appraisals_rollup_add(struct store_conn *c, int64_t unit_id,
			  const char *from, const char *to, bool root, json_t *rollup,
			  struct err *e)
{
	struct sval args[] = { SV_I(unit_id), SV_T(from), SV_T(to) };
	struct agroups g = { 0 };
	struct agroup total = { 0 }, *f;
	struct store_rows *r;
	size_t i;
	json_t *ch;
	int st, k, m;

	if (store_query(c, root ? Q_APR_ROLLUP_ALL : Q_APR_ROLLUP, args, 3, &r,
			e) < 0)
		return -1;
	while ((st = store_next(r)) == 1) {
		f = agroup(&g, store_col_null(r, 0) ? 0 : store_col_int(r, 0));
		k = text_index(store_col_text(r, 1), kinds);
		if (k < 0)
			continue;
		for (m = 0; m < 4; m++)
			f->v[k][m] += store_col_int(r, m + 2);
	}
	store_rows_free(r);
	if (st < 0) {
		free(g.v);
		return e->status ? -1 : err_internal(e, "appraisals rollup");
	}
	for (i = 0; i < g.n; i++)
		for (k = 0; k < N_KIND; k++)
			for (m = 0; m < 4; m++)
				total.v[k][m] += g.v[i].v[k][m];
	put(json_object_get(rollup, "totals"), &total);
	put(json_object_get(rollup, "own"), agroup(&g, 0));
	json_array_foreach(json_object_get(rollup, "children"), i, ch) {
		int64_t id = json_integer_value(
			json_object_get(json_object_get(ch, "unit"), "id"));

		put(json_object_get(ch, "figures"), agroup(&g, id));
	}
	free(g.v);
	return 0;
}
