/*
 * Publications and their roll-up with weekly press reports; see
 * publications.h.
 */
#include "domain/publications.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/records.h"
#include "domain/unit_history.h"
#include "domain/units.h"
#include "base/clock.h"
#include "base/format.h"
#include "base/idarray.h"
#include "base/json.h"
#include "base/text.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum pub_col {
	PC_ID, PC_UNIT, PC_UNIT_CODE, PC_UNIT_NAME, PC_KIND, PC_SERIES,
	PC_TITLE, PC_ISSUE, PC_DATE, PC_COPIES, PC_DIST, PC_NOTE, PC_CREATED,
	PC_UPDATED, PC_PATH,
};

static const struct jfield pub_fields[] = {
	{ "unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị" },
	{ "kind", JF_STRING, JF_REQUIRED, 1, 16, 0, 0, "Loại ấn phẩm" },
	{ "series", JF_STRING, JF_REQUIRED, 1, 200, 0, 0, "Tên ấn phẩm" },
	{ "title", JF_STRING, JF_NULLABLE, 0, 500, 0, 0, "Tiêu đề" },
	{ "issue_no", JF_INT, JF_NULLABLE, 0, 0, 1, 100000, "Số phát hành" },
	{ "issued_on", JF_DATE, JF_REQUIRED, 0, 0, 0, 0, "Ngày phát hành" },
	{ "copies", JF_INT, JF_REQUIRED, 0, 0, 0, 10000000, "Số bản in" },
	{ "distribution", JF_STRING, JF_NULLABLE, 0, 2000, 0, 0,
	  "Nơi phát hành" },
	{ "note", JF_STRING, JF_NULLABLE, 0, 2000, 0, 0, "Ghi chú" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

/* In the order the roll-up and the report list them. */
static const char *const kinds[] = { "bulletin", "thematic", "handbook",
				     "book", NULL };
#define N_KIND 4

static json_t *pub_json(struct store_rows *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(store_col_int(r, PC_ID)));
	json_object_set_new(j, "unit_id",
			    json_integer(store_col_int(r, PC_UNIT)));
	json_object_set_new(j, "unit_code",
			    json_string(store_col_text(r, PC_UNIT_CODE)));
	json_object_set_new(j, "unit_name",
			    json_string(store_col_text(r, PC_UNIT_NAME)));
	json_object_set_new(j, "kind", json_string(store_col_text(r, PC_KIND)));
	json_object_set_new(j, "series",
			    json_string(store_col_text(r, PC_SERIES)));
	json_object_set_new(j, "title", json_string(store_col_text(r, PC_TITLE)));
	json_object_set_new(j, "issue_no",
			    store_col_null(r, PC_ISSUE)
				    ? json_null()
				    : json_integer(store_col_int(r, PC_ISSUE)));
	json_object_set_new(j, "issued_on",
			    json_string(store_col_text(r, PC_DATE)));
	json_object_set_new(j, "copies",
			    json_integer(store_col_int(r, PC_COPIES)));
	json_object_set_new(j, "distribution",
			    json_string(store_col_text(r, PC_DIST)));
	json_object_set_new(j, "note", json_string(store_col_text(r, PC_NOTE)));
	json_object_set_new(j, "created_at",
			    json_string(store_col_text(r, PC_CREATED)));
	json_object_set_new(j, "updated_at",
			    json_string(store_col_text(r, PC_UPDATED)));
	return j;
}

static int load(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e)
{
	return units_load_scoped(c, a, Q_PUB_GET, id, PC_PATH, pub_json,
				 "publication", out, e);
}

int publications_get(struct store_conn *c, const struct actor *a, int64_t id,
		     json_t **out, struct err *e)
{
	return load(c, a, id, out, e);
}

int publications_list(struct store_conn *c, const struct actor *a,
		      const struct publications_filter *f, json_t **out,
		      struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];

	*out = NULL;
	if (f->unit_id && units_check_scope(c, a, f->unit_id, NULL, e) < 0)
		return -1;
	units_subtree_range(a->unit_path, lo, hi);
	struct sval args[] = { SV_T(lo), SV_T(hi),
			       SV_OPT(f->unit_id, f->unit_id), SV_T(f->kind),
			       SV_T(f->from), SV_T(f->to), SV_T(f->series),
			       SV_I(f->limit), SV_I(f->offset) };
	return records_page(c, Q_PUB_COUNT, Q_PUB_LIST, args, 7, 9,
			    pub_json, "publications", out, e);
}

struct pub {
	int64_t unit_id, issue_no, copies;
	const char *kind, *series, *title, *date, *dist, *note;
};

static void from_json(struct pub *v, json_t *b)
{
	v->unit_id = json_get_int(b, "unit_id", v->unit_id);
	v->kind = json_get_str(b, "kind", v->kind);
	v->series = json_get_str(b, "series", v->series);
	if (json_has(b, "title"))
		v->title = json_get_str(b, "title", "");
	if (json_has(b, "issue_no"))
		v->issue_no = json_get_int(b, "issue_no", 0);
	v->date = json_get_str(b, "issued_on", v->date);
	v->copies = json_get_int(b, "copies", v->copies);
	if (json_has(b, "distribution"))
		v->dist = json_get_str(b, "distribution", "");
	if (json_has(b, "note"))
		v->note = json_get_str(b, "note", "");
}

static int check(struct store_conn *c, const struct actor *a,
		 const struct pub *v, struct err *e)
{
	char today[11];

	if (text_index(v->kind, kinds) < 0)
		return err_invalid(e, "kind",
				   "Loại ấn phẩm phải là bulletin (bản tin),"
				   " thematic (thông tin chuyên đề), handbook"
				   " (sổ tay) hoặc book (sách).");
	clock_today_vn(today);
	if (strcmp(v->date, today) > 0)
		return err_invalid(e, "issued_on",
				   "Ngày phát hành không được sau ngày hôm nay.");
	return unit_history_check_entry(c, a, v->unit_id, v->date, "unit_id",
					e);
}

int publications_create(struct store_conn *c, const struct actor *a,
			json_t *body, json_t **out, struct err *e)
{
	struct pub v = { 0 };
	char now[CLOCK_ISO_SIZE];
	int64_t id;
	bool own;
	int rc = -1;

	*out = NULL;
	v.title = v.dist = v.note = "";
	if (json_check(body, pub_fields, true, e) < 0)
		return -1;
	from_json(&v, body);
	if (store_begin_own(c, &own, e) < 0)
		return -1;
	clock_iso(clock_now(), now);
	if (check(c, a, &v, e) < 0 ||
	    store_int(c, Q_PUB_INSERT,
		      (struct sval[]){ SV_I(v.unit_id), SV_T(v.kind),
				       SV_T(v.series), SV_T(v.title),
				       SV_OPT(v.issue_no, v.issue_no),
				       SV_T(v.date), SV_I(v.copies),
				       SV_T(v.dist), SV_T(v.note), SV_T(now) },
		      10, &id, e) < 0 ||
	    load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "create", "publication", id, v.unit_id, NULL,
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

int publications_update(struct store_conn *c, const struct actor *a,
			int64_t id, json_t *body, json_t **out, struct err *e)
{
	json_t *before = NULL;
	struct pub v = { 0 };
	char now[CLOCK_ISO_SIZE];
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, pub_fields, false, e) < 0 ||
	    store_begin_own(c, &own, e) < 0)
		return -1;
	if (load(c, a, id, &before, e) < 0)
		goto out;
	v.unit_id = json_integer_value(json_object_get(before, "unit_id"));
	if (unit_history_check_entry(c, a, v.unit_id, NULL, "unit_id", e) < 0)
		goto out;
	v.kind = json_get_str(before, "kind", "");
	v.series = json_get_str(before, "series", "");
	v.title = json_get_str(before, "title", "");
	v.issue_no = json_get_int(before, "issue_no", 0);
	v.date = json_get_str(before, "issued_on", "");
	v.copies = json_get_int(before, "copies", 0);
	v.dist = json_get_str(before, "distribution", "");
	v.note = json_get_str(before, "note", "");
	from_json(&v, body);
	clock_iso(clock_now(), now);
	if (check(c, a, &v, e) < 0 ||
	    store_exec(c, Q_PUB_UPDATE,
		       (struct sval[]){ SV_I(id), SV_I(v.unit_id),
					SV_T(v.kind), SV_T(v.series),
					SV_T(v.title),
					SV_OPT(v.issue_no, v.issue_no),
					SV_T(v.date), SV_I(v.copies),
					SV_T(v.dist), SV_T(v.note),
					SV_T(now) },
		       11, e) < 0 ||
	    load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "update", "publication", id, v.unit_id, before,
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

int publications_delete(struct store_conn *c, const struct actor *a,
			int64_t id, struct err *e)
{
	return records_delete(c, a, id, load, Q_PUB_DELETE, "publication", e);
}

int publications_months_in_range(const char *from, const char *to)
{
	int y1, m1, d1, y2, m2, d2;

	if (date_parse_iso(from, &y1, &m1, &d1) < 0 ||
	    date_parse_iso(to, &y2, &m2, &d2) < 0 || strcmp(from, to) > 0)
		return 0;
	return (y2 - y1) * 12 + (m2 - m1) + 1;
}

/* --- roll-up ------------------------------------------------------------ */

/* The figures of one group: a child, the unit itself (id 0), or all. */
struct pgroup {
	int64_t id;
	int64_t pub[N_KIND][2]; /* issues, copies */
	int64_t press[2];       /* reports, submitted */
};

struct pgroups {
	struct pgroup *v;
	size_t n, cap;
};

static struct pgroup *pgroup(struct pgroups *g, int64_t id)
{
	size_t at;

	g->v = idarray_slot(g->v, sizeof(*g->v), &g->n, &g->cap, id, &at);
	return &g->v[at];
}

static json_t *pgroup_pub_json(const struct pgroup *f)
{
	json_t *j = json_object();
	int64_t all[2] = { 0, 0 };
	int i;

	for (i = 0; i < N_KIND; i++) {
		json_object_set_new(j, kinds[i],
				    json_pack("{s:I, s:I}", "issues",
					      (json_int_t)f->pub[i][0],
					      "copies",
					      (json_int_t)f->pub[i][1]));
		all[0] += f->pub[i][0];
		all[1] += f->pub[i][1];
	}
	json_object_set_new(j, "all",
			    json_pack("{s:I, s:I}", "issues", (json_int_t)all[0],
				      "copies", (json_int_t)all[1]));
	return j;
}

static json_t *pgroup_press_json(const struct pgroup *f)
{
	return json_pack("{s:I, s:I}", "count", (json_int_t)f->press[0],
			 "submitted", (json_int_t)f->press[1]);
}

static void put(json_t *figs, const struct pgroup *f)
{
	if (!figs)
		return;
	json_object_set_new(figs, "publications", pgroup_pub_json(f));
	json_object_set_new(figs, "press_reports", pgroup_press_json(f));
}

/* The series and books of the whole subtree, into totals.publications. */
static int add_series(struct store_conn *c, const struct sval *args,
		      bool root, int months, json_t *pubs, struct err *e)
{
	struct store_rows *r;
	json_t *list = json_array(), *books = json_array();
	int st;

	json_object_set_new(pubs, "series", list);
	json_object_set_new(pubs, "books", books);
	if (store_query(c, root ? Q_PUB_SERIES_ALL : Q_PUB_SERIES, args,
			3, &r, e) < 0)
		return -1;
	while ((st = store_next(r)) == 1) {
		int64_t issues = store_col_int(r, 2), lo = store_col_int(r, 4),
			hi = store_col_int(r, 5), in_months = store_col_int(r, 6),
			units = store_col_int(r, 7);
		bool monthly = units == 1 && issues >= 2 && lo == hi &&
			       in_months == issues && issues == months;
		json_t *s = json_pack(
			"{s:s, s:s, s:I, s:I, s:b}", "kind", store_col_text(r, 0),
			"series", store_col_text(r, 1), "issues",
			(json_int_t)issues, "copies",
			(json_int_t)store_col_int(r, 3), "monthly", monthly);

		json_object_set_new(s, "copies_per_issue",
				    lo == hi ? json_integer(lo) : json_null());
		json_array_append_new(list, s);
	}
	store_rows_free(r);
	if (st < 0 || store_query(c, root ? Q_PUB_BOOKS_ALL : Q_PUB_BOOKS,
				      args, 3, &r, e) < 0)
		return -1;
	while ((st = store_next(r)) == 1)
		json_array_append_new(
			books, json_pack("{s:s, s:s, s:I}", "series",
					 store_col_text(r, 0), "title",
					 store_col_text(r, 1), "copies",
					 (json_int_t)store_col_int(r, 2)));
	store_rows_free(r);
	return st < 0 ? -1 : 0;
}

int publications_rollup_add(struct store_conn *c, int64_t unit_id,
			    const char *from, const char *to, bool root, json_t *rollup,
			    struct err *e)
{
	struct sval args[] = { SV_I(unit_id), SV_T(from), SV_T(to) };
	struct pgroups g = { 0 };
	struct pgroup total = { 0 }, *f;
	struct store_rows *r;
	json_t *ch;
	size_t i;
	int st, k, rc = -1;

	if (store_query(c, root ? Q_PUB_ROLLUP_ALL : Q_PUB_ROLLUP, args,
			3, &r, e) < 0)
		goto out;
	while ((st = store_next(r)) == 1) {
		f = pgroup(&g, store_col_null(r, 0) ? 0 : store_col_int(r, 0));
		k = text_index(store_col_text(r, 1), kinds);
		if (k < 0)
			continue;
		f->pub[k][0] += store_col_int(r, 2);
		f->pub[k][1] += store_col_int(r, 3);
	}
	store_rows_free(r);
	if (st < 0 || store_query(c, root ? Q_PRESS_ROLLUP_ALL : Q_PRESS_ROLLUP,
				      args, 3, &r, e) < 0)
		goto fail;
	while ((st = store_next(r)) == 1) {
		f = pgroup(&g, store_col_null(r, 0) ? 0 : store_col_int(r, 0));
		f->press[0] += store_col_int(r, 1);
		f->press[1] += store_col_int(r, 2);
	}
	store_rows_free(r);
	if (st < 0)
		goto fail;
	for (i = 0; i < g.n; i++) {
		for (k = 0; k < N_KIND; k++) {
			total.pub[k][0] += g.v[i].pub[k][0];
			total.pub[k][1] += g.v[i].pub[k][1];
		}
		total.press[0] += g.v[i].press[0];
		total.press[1] += g.v[i].press[1];
	}
	put(json_object_get(rollup, "totals"), &total);
	put(json_object_get(rollup, "own"), pgroup(&g, 0));
	json_array_foreach(json_object_get(rollup, "children"), i, ch) {
		int64_t id = json_integer_value(
			json_object_get(json_object_get(ch, "unit"), "id"));

		put(json_object_get(ch, "figures"), pgroup(&g, id));
	}
	if (add_series(c, args, root, publications_months_in_range(from, to),
		       json_object_get(json_object_get(rollup, "totals"),
				       "publications"),
		       e) < 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	if (!e->status)
		err_internal(e, "publications rollup");
out:
	free(g.v);
	return rc;
}
