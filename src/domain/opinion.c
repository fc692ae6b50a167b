/*
 * Public opinion reports, their aggregates and the weekly digest; see
 * opinion.h. Aggregates read the reports of the range once and count in
 * C: a province's year is a few thousand rows.
 */
#include "domain/opinion.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/periods.h"
#include "domain/privacy.h"
#include "domain/records.h"
#include "domain/topics.h"
#include "domain/unit_history.h"
#include "domain/units.h"
#include "base/clock.h"
#include "base/idarray.h"
#include "base/json.h"
#include "base/mem.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Positions of OR_COLS in sql_opinion.def. */
enum or_col {
	OC_ID, OC_UNIT, OC_UNIT_CODE, OC_UNIT_NAME, OC_TOPIC, OC_TOPIC_CODE,
	OC_TOPIC_NAME, OC_PTYPE, OC_PERIOD, OC_START, OC_END, OC_SUMMARY,
	OC_AGREE, OC_CONCERNED, OC_DISAGREE, OC_INTENSITY, OC_RECO, OC_AUTHOR,
	OC_AUTHOR_NAME, OC_CREATED, OC_UPDATED, OC_PATH, OC_TOPIC_MERGED,
};

/* Positions of Q_OR_FACTS. */
enum fact_col {
	FC_ID, FC_UNIT, FC_UNIT_CODE, FC_UNIT_NAME, FC_TOPIC, FC_TOPIC_CODE,
	FC_TOPIC_NAME, FC_END, FC_INTENSITY, FC_AGREE, FC_CONCERNED,
	FC_DISAGREE, FC_SUMMARY, FC_RECO, FC_PERIOD,
};

static const struct jfield or_fields[] = {
	{ "unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Địa bàn (đơn vị)" },
	{ "topic_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Chủ đề" },
	{ "period_type", JF_STRING, JF_REQUIRED, 1, 8, 0, 0, "Loại kỳ" },
	{ "period", JF_STRING, JF_REQUIRED, 1, 24, 0, 0, "Kỳ báo cáo" },
	{ "summary", JF_STRING, JF_REQUIRED, 1, 4000, 0, 0,
	  "Tóm tắt ý kiến" },
	{ "share_agree", JF_INT, 0, 0, 0, 0, 100, "Tỷ lệ đồng tình (%)" },
	{ "share_concerned", JF_INT, 0, 0, 0, 0, 100, "Tỷ lệ băn khoăn (%)" },
	{ "share_disagree", JF_INT, 0, 0, 0, 0, 100,
	  "Tỷ lệ không đồng tình (%)" },
	{ "intensity", JF_STRING, JF_REQUIRED, 1, 8, 0, 0, "Mức độ" },
	{ "recommendation", JF_STRING, JF_NULLABLE, 0, 2000, 0, 0,
	  "Kiến nghị, đề xuất" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const char *const intensities[] = { "low", "medium", "high" };

static int intensity_index(const char *s)
{
	int i;

	for (i = 0; i < 3; i++)
		if (!strcmp(s, intensities[i]))
			return i;
	return -1;
}

static json_t *or_json(struct store_rows *r)
{
	json_t *j = json_object();
	int64_t sum = store_col_int(r, OC_AGREE) +
		      store_col_int(r, OC_CONCERNED) +
		      store_col_int(r, OC_DISAGREE);

	json_object_set_new(j, "id", json_integer(store_col_int(r, OC_ID)));
	json_object_set_new(j, "unit_id", json_integer(store_col_int(r, OC_UNIT)));
	json_object_set_new(j, "unit_code",
			    json_string(store_col_text(r, OC_UNIT_CODE)));
	json_object_set_new(j, "unit_name",
			    json_string(store_col_text(r, OC_UNIT_NAME)));
	json_object_set_new(j, "topic_id",
			    json_integer(store_col_int(r, OC_TOPIC)));
	json_object_set_new(j, "topic_code",
			    json_string(store_col_text(r, OC_TOPIC_CODE)));
	json_object_set_new(j, "topic_name",
			    json_string(store_col_text(r, OC_TOPIC_NAME)));
	json_object_set_new(j, "topic_merged_into",
			    store_col_null(r, OC_TOPIC_MERGED)
				    ? json_null()
				    : json_integer(store_col_int(r, OC_TOPIC_MERGED)));
	json_object_set_new(j, "period_type",
			    json_string(store_col_text(r, OC_PTYPE)));
	json_object_set_new(j, "period", json_string(store_col_text(r, OC_PERIOD)));
	json_object_set_new(j, "period_start",
			    json_string(store_col_text(r, OC_START)));
	json_object_set_new(j, "period_end", json_string(store_col_text(r, OC_END)));
	json_object_set_new(j, "summary",
			    json_string(store_col_text(r, OC_SUMMARY)));
	json_object_set_new(j, "share_agree",
			    json_integer(store_col_int(r, OC_AGREE)));
	json_object_set_new(j, "share_concerned",
			    json_integer(store_col_int(r, OC_CONCERNED)));
	json_object_set_new(j, "share_disagree",
			    json_integer(store_col_int(r, OC_DISAGREE)));
	json_object_set_new(j, "share_not_expressed", json_integer(100 - sum));
	json_object_set_new(j, "intensity",
			    json_string(store_col_text(r, OC_INTENSITY)));
	json_object_set_new(j, "recommendation",
			    json_string(store_col_text(r, OC_RECO)));
	json_object_set_new(j, "author_id",
			    store_col_null(r, OC_AUTHOR)
				    ? json_null()
				    : json_integer(store_col_int(r, OC_AUTHOR)));
	json_object_set_new(j, "author_name",
			    json_string(store_col_text(r, OC_AUTHOR_NAME)));
	json_object_set_new(j, "created_at",
			    json_string(store_col_text(r, OC_CREATED)));
	json_object_set_new(j, "updated_at",
			    json_string(store_col_text(r, OC_UPDATED)));
	return j;
}

static int load(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e)
{
	return units_load_scoped(c, a, Q_OR_GET, id, OC_PATH, or_json,
				 "opinion report", out, e);
}

int opinion_get(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e)
{
	return load(c, a, id, out, e);
}

int opinion_report_locked(struct store_conn *c, int64_t unit_id,
			  const char *period_end, struct err *e)
{
	int64_t n = 0;

	if (store_int(c, Q_REPORT_SUBMITTED_COVERING,
		      (struct sval[]){ SV_I(unit_id), SV_T(period_end) }, 2, &n,
		      e) < 0)
		return -1;
	return n > 0;
}

int opinion_list(struct store_conn *c, const struct actor *a,
		 const struct opinion_filter *f, json_t **out, struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];

	*out = NULL;
	if (f->intensity && intensity_index(f->intensity) < 0)
		return err_invalid(e, "intensity",
				   "Mức độ phải là low, medium hoặc high.");
	if (f->period_type && strcmp(f->period_type, "day") &&
	    strcmp(f->period_type, "week") && strcmp(f->period_type, "month"))
		return err_invalid(e, "period_type",
				   "Loại kỳ phải là day, week hoặc month.");
	if (f->unit_id && units_check_scope(c, a, f->unit_id, NULL, e) < 0)
		return -1;
	units_subtree_range(a->unit_path, lo, hi);
	struct sval args[] = { SV_T(lo), SV_T(hi),
			       SV_OPT(f->unit_id, f->unit_id),
			       SV_OPT(f->topic_id, f->topic_id),
			       SV_T(f->period_type), SV_T(f->from), SV_T(f->to),
			       SV_T(f->intensity),
			       SV_OPT(f->mine, a->user_id), SV_I(f->limit),
			       SV_I(f->offset) };
	return records_page(c, Q_OR_COUNT, Q_OR_LIST, args, 9, 11,
			    or_json, "opinion reports", out, e);
}

/* The values of a report being written. */
struct rep {
	int64_t unit_id, topic_id, agree, concerned, disagree;
	const char *period_type, *period, *summary, *intensity, *reco;
	struct period p;
};

static void from_json(struct rep *v, json_t *b)
{
	v->unit_id = json_get_int(b, "unit_id", v->unit_id);
	v->topic_id = json_get_int(b, "topic_id", v->topic_id);
	v->period_type = json_get_str(b, "period_type", v->period_type);
	v->period = json_get_str(b, "period", v->period);
	v->summary = json_get_str(b, "summary", v->summary);
	v->agree = json_get_int(b, "share_agree", v->agree);
	v->concerned = json_get_int(b, "share_concerned", v->concerned);
	v->disagree = json_get_int(b, "share_disagree", v->disagree);
	v->intensity = json_get_str(b, "intensity", v->intensity);
	if (json_has(b, "recommendation"))
		v->reco = json_get_str(b, "recommendation", "");
}

/* Parse the period key of its type into v->p. */
static int parse_period(struct rep *v, struct err *e)
{
	enum period_type want;

	if (!strcmp(v->period_type, "day")) {
		if (strlen(v->period) != 10 ||
		    periods_range(v->period, v->period, &v->p) < 0)
			return err_invalid(e, "period",
					   "Kỳ báo cáo theo ngày phải có dạng"
					   " YYYY-MM-DD, ví dụ 2026-11-18.");
		snprintf(v->p.key, sizeof(v->p.key), "%s", v->period);
		return 0;
	}
	if (!strcmp(v->period_type, "week"))
		want = PERIOD_WEEK;
	else if (!strcmp(v->period_type, "month"))
		want = PERIOD_MONTH;
	else
		return err_invalid(e, "period_type",
				   "Loại kỳ phải là day (ngày), week (tuần)"
				   " hoặc month (tháng).");
	if (periods_parse(v->period, &v->p) < 0 || v->p.type != want)
		return err_invalid(e, "period",
				   want == PERIOD_WEEK
					   ? "Kỳ báo cáo tuần phải có dạng"
					     " YYYY-Www, ví dụ 2026-W47."
					   : "Kỳ báo cáo tháng phải có dạng"
					     " YYYY-MM, ví dụ 2026-11.");
	return 0;
}

static int check(struct store_conn *c, const struct actor *a,
		 struct rep *v, struct err *e)
{
	char today[11];

	if (parse_period(v, e) < 0)
		return -1;
	clock_today_vn(today);
	if (strcmp(v->p.start, today) > 0)
		return err_invalid(e, "period",
				   "Kỳ báo cáo chưa bắt đầu; không thể báo cáo"
				   " trước.");
	if (intensity_index(v->intensity) < 0)
		return err_invalid(e, "intensity",
				   "Mức độ phải là low (thấp), medium (trung"
				   " bình) hoặc high (cao).");
	if (v->agree + v->concerned + v->disagree > 100)
		return err_invalid(e, "share_disagree",
				   "Tổng các tỷ lệ đồng tình, băn khoăn, không"
				   " đồng tình là %lld%%, không được vượt quá"
				   " 100%%; phần còn lại là chưa bày tỏ ý kiến.",
				   (long long)(v->agree + v->concerned +
					       v->disagree));
	if (privacy_check(v->summary, "summary", "Tóm tắt ý kiến", e) < 0 ||
	    privacy_check(v->reco, "recommendation", "Kiến nghị, đề xuất",
			  e) < 0)
		return -1;
	if (unit_history_check_entry(c, a, v->unit_id, v->p.start, "unit_id",
				     e) < 0)
		return -1;
	return topics_check_usable(c, v->topic_id, "topic_id", e);
}

static int duplicate(struct err *e)
{
	if (e->status == ERR_CONFLICT)
		return err_set(e, ERR_CONFLICT, "conflict", "topic_id",
			       "Địa bàn này đã có báo cáo về chủ đề này trong"
			       " kỳ; hãy sửa báo cáo đã có.");
	return -1;
}

int opinion_create(struct store_conn *c, const struct actor *a, json_t *body,
		   json_t **out, struct err *e)
{
	struct rep v = { 0 };
	char now[CLOCK_ISO_SIZE];
	int64_t id;
	bool own;
	int rc = -1;

	*out = NULL;
	v.reco = "";
	if (json_check(body, or_fields, true, e) < 0)
		return -1;
	from_json(&v, body);
	if (store_begin_own(c, &own, e) < 0)
		return -1;
	if (check(c, a, &v, e) < 0)
		goto out;
	clock_iso(clock_now(), now);
	if (store_int(c, Q_OR_INSERT,
		      (struct sval[]){ SV_I(v.unit_id), SV_I(v.topic_id),
				       SV_T(v.period_type), SV_T(v.p.key),
				       SV_T(v.p.start), SV_T(v.p.end),
				       SV_T(v.summary), SV_I(v.agree),
				       SV_I(v.concerned), SV_I(v.disagree),
				       SV_T(v.intensity), SV_T(v.reco),
				       SV_OPT(a->user_id, a->user_id),
				       SV_T(now) },
		      14, &id, e) < 0) {
		duplicate(e);
		goto out;
	}
	if (load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "create", "opinion_report", id, v.unit_id,
			 NULL, *out, e) < 0)
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

/* May `a` change the report `rep` (already in a's subtree)? */
static int may_edit(struct store_conn *c, const struct actor *a,
		    json_t *rep, struct err *e)
{
	json_t *author = json_object_get(rep, "author_id");
	int64_t unit = json_integer_value(json_object_get(rep, "unit_id"));
	int locked;

	if (!(a->role & (ROLE_ADMIN | ROLE_LEADER)) &&
	    (!a->user_id || !json_is_integer(author) ||
	     json_integer_value(author) != a->user_id))
		return err_set(e, ERR_FORBIDDEN, "forbidden", NULL,
			       "Chỉ người lập báo cáo, lãnh đạo hoặc quản trị"
			       " viên của đơn vị được sửa, xóa báo cáo này.");
	if (unit_history_check_entry(c, a, unit, NULL, "unit_id", e) < 0)
		return -1;
	locked = opinion_report_locked(
		c, unit, json_string_value(json_object_get(rep, "period_end")),
		e);
	if (locked < 0)
		return -1;
	if (locked)
		return err_set(e, ERR_CONFLICT, "locked", NULL,
			       "Báo cáo của kỳ này đã được gửi lên cấp trên;"
			       " không thể sửa, xóa.");
	return 0;
}

int opinion_update(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t *body, json_t **out, struct err *e)
{
	json_t *before = NULL;
	struct rep v = { 0 };
	char now[CLOCK_ISO_SIZE];
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, or_fields, false, e) < 0)
		return -1;
	if (store_begin_own(c, &own, e) < 0)
		return -1;
	if (load(c, a, id, &before, e) < 0 || may_edit(c, a, before, e) < 0)
		goto out;
	v.unit_id = json_integer_value(json_object_get(before, "unit_id"));
	if (json_has(body, "unit_id") &&
	    json_get_int(body, "unit_id", 0) != v.unit_id) {
		err_invalid(e, "unit_id",
			    "Không thể đổi địa bàn của báo cáo; hãy xóa và lập"
			    " báo cáo mới.");
		goto out;
	}
	v.topic_id = json_integer_value(json_object_get(before, "topic_id"));
	v.period_type = json_string_value(json_object_get(before, "period_type"));
	v.period = json_string_value(json_object_get(before, "period"));
	v.summary = json_string_value(json_object_get(before, "summary"));
	v.agree = json_integer_value(json_object_get(before, "share_agree"));
	v.concerned = json_integer_value(json_object_get(before,
							 "share_concerned"));
	v.disagree = json_integer_value(json_object_get(before,
							"share_disagree"));
	v.intensity = json_string_value(json_object_get(before, "intensity"));
	v.reco = json_string_value(json_object_get(before, "recommendation"));
	from_json(&v, body);
	if (check(c, a, &v, e) < 0)
		goto out;
	clock_iso(clock_now(), now);
	if (store_exec(c, Q_OR_UPDATE,
		       (struct sval[]){ SV_I(id), SV_I(v.topic_id),
					SV_T(v.period_type), SV_T(v.p.key),
					SV_T(v.p.start), SV_T(v.p.end),
					SV_T(v.summary), SV_I(v.agree),
					SV_I(v.concerned), SV_I(v.disagree),
					SV_T(v.intensity), SV_T(v.reco),
					SV_T(now) },
		       13, e) < 0) {
		duplicate(e);
		goto out;
	}
	if (load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "update", "opinion_report", id, v.unit_id,
			 before, *out, e) < 0)
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

int opinion_delete(struct store_conn *c, const struct actor *a, int64_t id,
		   struct err *e)
{
	json_t *before = NULL;
	bool own;
	int rc = -1;

	if (store_begin_own(c, &own, e) < 0)
		return -1;
	if (load(c, a, id, &before, e) < 0 || may_edit(c, a, before, e) < 0 ||
	    store_exec(c, Q_OR_DELETE, (struct sval[]){ SV_I(id) }, 1, e) < 0 ||
	    audit_record(c, a, "delete", "opinion_report", id,
			 json_integer_value(json_object_get(before, "unit_id")),
			 before, NULL, e) < 0)
		goto out;
	rc = 0;
out:
	json_decref(before);
	return store_end_own(c, own, rc, e);
}

/* --- aggregates ------------------------------------------------------ */

/* Counts of a set of reports. */
struct acc {
	int64_t n, inten[3], agree, concerned, disagree;
};

static void acc_add(struct acc *x, int in, int64_t n, int64_t agree,
		    int64_t concerned, int64_t disagree)
{
	x->n += n;
	if (in >= 0)
		x->inten[in] += n;
	x->agree += agree;
	x->concerned += concerned;
	x->disagree += disagree;
}

static json_t *share(int64_t sum, int64_t n)
{
	return n ? json_real((double)((sum * 10 + n / 2) / n) / 10.0)
		 : json_null();
}

/* {agree, concerned, disagree, not_expressed, weighting}: the mean share
 * per report, to one decimal. */
static json_t *shares_json(const struct acc *x)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:s, s:s}", "agree",
			 share(x->agree, x->n), "concerned",
			 share(x->concerned, x->n), "disagree",
			 share(x->disagree, x->n), "not_expressed",
			 share(100 * x->n - x->agree - x->concerned - x->disagree,
			       x->n),
			 "weighting", "reports", "note",
			 "Bình quân theo số báo cáo (mỗi báo cáo một trọng số)");
}

static json_t *intensity_json(const struct acc *x)
{
	return json_pack("{s:I, s:I, s:I}", "low", (json_int_t)x->inten[0],
			 "medium", (json_int_t)x->inten[1], "high",
			 (json_int_t)x->inten[2]);
}

/* One topic in an aggregate. */
struct tstat {
	int64_t id;
	char code[24], name[208];
	struct acc cur;
	int64_t prev, weeks[5];
	json_t *units; /* "unit id" -> [id, code, name, n] */
};

struct tstats {
	struct tstat *v;
	size_t n, cap;
};

static struct tstat *tstat(struct tstats *s, struct store_rows *r)
{
	size_t n = s->n, at;
	struct tstat *t;

	s->v = idarray_slot(s->v, sizeof(*s->v), &s->n, &s->cap,
			    store_col_int(r, FC_TOPIC), &at);
	t = &s->v[at];
	if (s->n > n) {
		snprintf(t->code, sizeof(t->code), "%s",
			 store_col_text(r, FC_TOPIC_CODE));
		snprintf(t->name, sizeof(t->name), "%s",
			 store_col_text(r, FC_TOPIC_NAME));
		t->units = json_object();
	}
	return t;
}

static void tstats_release(struct tstats *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		json_decref(s->v[i].units);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static void unit_count(json_t *units, struct store_rows *r)
{
	char key[24];
	json_t *u;

	snprintf(key, sizeof(key), "%lld",
		 (long long)store_col_int(r, FC_UNIT));
	u = json_object_get(units, key);
	if (!u) {
		json_object_set_new(units, key,
				    json_pack("{s:I, s:s, s:s, s:I}", "unit_id",
					      (json_int_t)store_col_int(r, FC_UNIT),
					      "code",
					      store_col_text(r, FC_UNIT_CODE),
					      "name",
					      store_col_text(r, FC_UNIT_NAME),
					      "reports", (json_int_t)1));
		return;
	}
	json_object_set_new(u, "reports",
			    json_integer(json_integer_value(
						 json_object_get(u, "reports")) +
					 1));
}

static int by_reports_desc(const void *x, const void *y)
{
	json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
	json_int_t na = json_integer_value(json_object_get(a, "reports")),
		   nb = json_integer_value(json_object_get(b, "reports"));

	if (na != nb)
		return na > nb ? -1 : 1;
	return strcmp(json_string_value(json_object_get(a, "code")),
		      json_string_value(json_object_get(b, "code")));
}

/* The `top` localities with most reports, most first. */
static json_t *top_units(json_t *units, size_t top)
{
	json_t **v, *out = json_array(), *u;
	const char *k;
	size_t n = json_object_size(units), i = 0;

	if (!n)
		return out;
	v = calloc(n, sizeof(*v));
	if (!v)
		abort();
	json_object_foreach(units, k, u)
		v[i++] = u;
	qsort(v, n, sizeof(*v), by_reports_desc);
	for (i = 0; i < n && i < top; i++)
		json_array_append(out, v[i]);
	free(v);
	return out;
}

/* Sort an array of objects with "reports" and "code", most first. */
static void sort_by_reports(json_t *arr)
{
	size_t n = json_array_size(arr), i;
	json_t **v;

	if (n < 2)
		return;
	v = calloc(n, sizeof(*v));
	if (!v)
		abort();
	for (i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(arr, i));
	qsort(v, n, sizeof(*v), by_reports_desc);
	json_array_clear(arr);
	for (i = 0; i < n; i++)
		json_array_append_new(arr, v[i]);
	free(v);
}

/* Run Q_OR_FACTS over the subtree of `path` for [from, to]. The bound
 * texts are borrowed until the rows are freed, so the caller holds the
 * range buffers `lo` and `hi`. */
static int facts(struct store_conn *c, const char *path, char *lo, char *hi,
		 const char *from, const char *to, struct store_rows **r,
		 struct err *e)
{
	units_subtree_range(path, lo, hi);
	return store_query(c, Q_OR_FACTS,
			   (struct sval[]){ SV_T(lo), SV_T(hi), SV_T(from),
					    SV_T(to) },
			   4, r, e);
}

static json_t *unit_brief(json_t *u)
{
	return json_pack("{s:O, s:O, s:O}", "id", json_object_get(u, "id"),
			 "code", json_object_get(u, "code"), "name",
			 json_object_get(u, "name"));
}

int opinion_stats(struct store_conn *c, const struct actor *a,
		  int64_t unit_id, const char *from, const char *to,
		  json_t **out, struct err *e)
{
	char path[UNIT_PATH_SIZE], prev[PERIOD_DATE_SIZE];
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];
	struct tstats ts = { 0 };
	struct acc all = { 0 };
	struct store_rows *r;
	struct period wk;
	json_t *topics, *series, *unit = NULL, *sarr;
	const char *k;
	json_t *v;
	int64_t days;
	size_t i;
	int st;

	*out = NULL;
	if (strcmp(from, to) > 0)
		return err_invalid(e, "to", "Ngày kết thúc phải sau ngày bắt đầu.");
	if (units_check_scope(c, a, unit_id, path, e) < 0 ||
	    units_get(c, a, unit_id, &unit, e) < 0)
		return -1;
	days = periods_days_between(from, to) + 1;
	periods_add_days(from, -days, prev);
	if (facts(c, path, lo, hi, prev, to, &r, e) < 0) {
		json_decref(unit);
		return -1;
	}
	series = json_object();
	while ((st = store_next(r)) == 1) {
		struct tstat *t = tstat(&ts, r);
		const char *end = store_col_text(r, FC_END);
		json_t *w;
		int in = intensity_index(store_col_text(r, FC_INTENSITY));

		if (strcmp(end, from) < 0) {
			t->prev++;
			continue;
		}
		acc_add(&t->cur, in, 1, store_col_int(r, FC_AGREE),
			store_col_int(r, FC_CONCERNED),
			store_col_int(r, FC_DISAGREE));
		acc_add(&all, in, 1, store_col_int(r, FC_AGREE),
			store_col_int(r, FC_CONCERNED),
			store_col_int(r, FC_DISAGREE));
		unit_count(t->units, r);
		periods_containing(PERIOD_WEEK, end, &wk);
		w = json_object_get(series, wk.key);
		if (!w) {
			w = json_object();
			json_object_set_new(series, wk.key, w);
		}
		json_object_set_new(w, t->code,
				    json_integer(json_integer_value(
							 json_object_get(w, t->code)) +
						 1));
	}
	store_rows_free(r);
	if (st < 0) {
		json_decref(series);
		json_decref(unit);
		tstats_release(&ts);
		return err_internal(e, "opinion stats");
	}
	topics = json_array();
	for (i = 0; i < ts.n; i++) {
		struct tstat *t = &ts.v[i];
		int64_t change = t->cur.n - t->prev;

		if (!t->cur.n && !t->prev)
			continue;
		json_array_append_new(
			topics,
			json_pack("{s:I, s:s, s:s, s:I, s:o, s:o, s:I, s:I, s:s,"
				  " s:o}",
				  "topic_id", (json_int_t)t->id, "code", t->code,
				  "name", t->name, "reports", (json_int_t)t->cur.n,
				  "intensity", intensity_json(&t->cur), "shares",
				  shares_json(&t->cur), "previous_reports",
				  (json_int_t)t->prev, "change",
				  (json_int_t)change, "trend",
				  change > 0 ? "up" : change < 0 ? "down" : "flat",
				  "localities", top_units(t->units, 5)));
	}
	sort_by_reports(topics);
	sarr = json_array();
	json_object_foreach(series, k, v)
		json_array_append_new(sarr, json_pack("{s:s, s:O}", "week", k,
						      "topics", v));
	json_decref(series);
	*out = json_pack("{s:o, s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:o}",
			 "unit", unit_brief(unit), "from", from, "to", to,
			 "previous_from", prev, "reports", (json_int_t)all.n,
			 "intensity", intensity_json(&all), "shares",
			 shares_json(&all), "topics", topics, "series", sarr);
	json_decref(unit);
	tstats_release(&ts);
	return 0;
}

/* --- weekly digest --------------------------------------------------- */

static json_t *fact_item(struct store_rows *r)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s,"
			 " s:I, s:I, s:I, s:s, s:s}",
			 "report_id", (json_int_t)store_col_int(r, FC_ID),
			 "unit_id", (json_int_t)store_col_int(r, FC_UNIT),
			 "unit_code", store_col_text(r, FC_UNIT_CODE),
			 "unit_name", store_col_text(r, FC_UNIT_NAME),
			 "topic_id", (json_int_t)store_col_int(r, FC_TOPIC),
			 "topic_code", store_col_text(r, FC_TOPIC_CODE),
			 "topic_name", store_col_text(r, FC_TOPIC_NAME),
			 "period", store_col_text(r, FC_PERIOD),
			 "period_end", store_col_text(r, FC_END),
			 "intensity", store_col_text(r, FC_INTENSITY),
			 "share_agree", (json_int_t)store_col_int(r, FC_AGREE),
			 "share_concerned",
			 (json_int_t)store_col_int(r, FC_CONCERNED),
			 "share_disagree",
			 (json_int_t)store_col_int(r, FC_DISAGREE),
			 "summary", store_col_text(r, FC_SUMMARY),
			 "recommendation", store_col_text(r, FC_RECO));
}

int opinion_digest(struct store_conn *c, const struct actor *a,
		   int64_t unit_id, const char *week, json_t **out,
		   struct err *e)
{
	char path[UNIT_PATH_SIZE], first[PERIOD_DATE_SIZE], title[128];
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];
	struct tstats ts = { 0 };
	struct store_rows *r;
	struct period p, w;
	json_t *unit = NULL, *weeks, *topics, *rising, *high, *recos[3],
	       *reco;
	int64_t total = 0, idx;
	size_t i;
	int st, k;

	*out = NULL;
	if (!week || periods_parse(week, &p) < 0 || p.type != PERIOD_WEEK)
		return err_invalid(e, "week",
				   "Tuần phải có dạng YYYY-Www, ví dụ 2026-W47.");
	if (units_check_scope(c, a, unit_id, path, e) < 0 ||
	    units_get(c, a, unit_id, &unit, e) < 0)
		return -1;
	periods_add_days(p.start, -28, first);
	weeks = json_array();
	for (k = 0; k < 5; k++) {
		char d[PERIOD_DATE_SIZE];

		periods_add_days(first, 7 * k, d);
		periods_containing(PERIOD_WEEK, d, &w);
		json_array_append_new(weeks, json_string(w.key));
	}
	if (facts(c, path, lo, hi, first, p.end, &r, e) < 0) {
		json_decref(unit);
		json_decref(weeks);
		return -1;
	}
	high = json_array();
	for (k = 0; k < 3; k++)
		recos[k] = json_array();
	while ((st = store_next(r)) == 1) {
		struct tstat *t = tstat(&ts, r);
		int in = intensity_index(store_col_text(r, FC_INTENSITY));

		idx = periods_days_between(first, store_col_text(r, FC_END)) / 7;
		if (idx < 0 || idx > 4)
			continue;
		t->weeks[idx]++;
		if (idx < 4)
			continue;
		total++;
		acc_add(&t->cur, in, 1, store_col_int(r, FC_AGREE),
			store_col_int(r, FC_CONCERNED),
			store_col_int(r, FC_DISAGREE));
		unit_count(t->units, r);
		if (in == 2)
			json_array_append_new(high, fact_item(r));
		if (*store_col_text(r, FC_RECO) && in >= 0)
			json_array_append_new(recos[2 - in], fact_item(r));
	}
	store_rows_free(r);
	if (st < 0) {
		err_internal(e, "digest");
		goto fail;
	}
	topics = json_array();
	rising = json_array();
	for (i = 0; i < ts.n; i++) {
		struct tstat *t = &ts.v[i];
		int64_t before = t->weeks[0] + t->weeks[1] + t->weeks[2] +
				 t->weeks[3];
		/* rising: at least 3 this week, at least twice the weekly
		 * mean of the four weeks before and at least 3 above it. */
		bool up = t->weeks[4] >= 3 && 2 * t->weeks[4] >= before &&
			  4 * t->weeks[4] - before >= 12;
		json_t *item = json_pack(
			"{s:I, s:s, s:s, s:[I, I, I, I, I], s:I, s:f, s:b, s:o,"
			" s:o, s:o}",
			"topic_id", (json_int_t)t->id, "code", t->code, "name",
			t->name, "weeks", (json_int_t)t->weeks[0],
			(json_int_t)t->weeks[1], (json_int_t)t->weeks[2],
			(json_int_t)t->weeks[3], (json_int_t)t->weeks[4],
			"reports", (json_int_t)t->weeks[4],
			"previous_mean", (double)before / 4.0, "rising", up,
			"intensity", intensity_json(&t->cur), "shares",
			shares_json(&t->cur), "localities",
			top_units(t->units, 5));

		if (up)
			json_array_append(rising, item);
		json_array_append_new(topics, item);
	}
	sort_by_reports(topics);
	sort_by_reports(rising);
	reco = recos[0];
	json_array_extend(reco, recos[1]);
	json_array_extend(reco, recos[2]);
	json_decref(recos[1]);
	json_decref(recos[2]);
	snprintf(title, sizeof(title), "Tổng hợp dư luận xã hội tuần %d/%.4s",
		 atoi(p.key + 6), p.key);
	*out = json_pack("{s:o, s:s, s:s, s:s, s:s, s:o, s:I, s:o, s:o, s:o,"
			 " s:o}",
			 "unit", unit_brief(unit), "week", p.key, "title", title,
			 "from", p.start, "to", p.end, "weeks", weeks, "reports",
			 (json_int_t)total, "topics", topics, "rising", rising,
			 "high_intensity", high, "recommendations", reco);
	json_decref(unit);
	tstats_release(&ts);
	return 0;
fail:
	json_decref(unit);
	json_decref(weeks);
	json_decref(high);
	for (k = 0; k < 3; k++)
		json_decref(recos[k]);
	tstats_release(&ts);
	return -1;
}

/* --- roll-up ------------------------------------------------------------- */

/* The opinion and hot-spot figures of one roll-up group. */
struct ofigs {
	int64_t id;
	struct acc acc;
	json_t *topics; /* "topic id" -> [reports, high] */
	int64_t hs[9];  /* opened, resolved, open, days, longest, then
			 * detected, handling, resolved, closed now */
};

struct ogroups {
	struct ofigs *v;
	size_t n, cap;
};

static struct ofigs *ogroup(struct ogroups *g, int64_t id)
{
	size_t n = g->n, at;

	g->v = idarray_slot(g->v, sizeof(*g->v), &g->n, &g->cap, id, &at);
	if (g->n > n)
		g->v[at].topics = json_object();
	return &g->v[at];
}

static void topic_add(json_t *topics, const char *key, int64_t n,
		      int64_t high)
{
	json_t *t = json_object_get(topics, key);

	if (!t) {
		json_object_set_new(topics, key,
				    json_pack("[I, I]", (json_int_t)n,
					      (json_int_t)high));
		return;
	}
	json_array_set_new(t, 0,
			   json_integer(json_integer_value(json_array_get(t, 0)) +
					n));
	json_array_set_new(t, 1,
			   json_integer(json_integer_value(json_array_get(t, 1)) +
					high));
}

static void ofigs_add(struct ofigs *t, const struct ofigs *f)
{
	const char *k;
	json_t *v;
	int i;

	acc_add(&t->acc, -1, f->acc.n, f->acc.agree, f->acc.concerned,
		f->acc.disagree);
	for (i = 0; i < 3; i++)
		t->acc.inten[i] += f->acc.inten[i];
	json_object_foreach(f->topics, k, v)
		topic_add(t->topics, k, json_integer_value(json_array_get(v, 0)),
			  json_integer_value(json_array_get(v, 1)));
	for (i = 0; i < 9; i++)
		if (i != 4)
			t->hs[i] += f->hs[i];
	if (f->hs[4] > t->hs[4])
		t->hs[4] = f->hs[4];
}

/* "topics" of a group, named from the topic list `defs` (id -> topic). */
static json_t *ofigs_json(const struct ofigs *f, json_t *defs)
{
	json_t *topics = json_array(), *v, *d, *op, *hs;
	const char *k;

	json_object_foreach(f->topics, k, v) {
		d = json_object_get(defs, k);
		json_array_append_new(
			topics,
			json_pack("{s:I, s:O, s:O, s:I, s:I}", "topic_id",
				  (json_int_t)atoll(k), "code",
				  json_object_get(d, "code"), "name",
				  json_object_get(d, "name"), "reports",
				  (json_int_t)json_integer_value(json_array_get(v, 0)),
				  "high",
				  (json_int_t)json_integer_value(json_array_get(v, 1))));
	}
	sort_by_reports(topics);
	op = json_pack("{s:I, s:o, s:o, s:o}", "reports", (json_int_t)f->acc.n,
		       "intensity", intensity_json(&f->acc), "shares",
		       shares_json(&f->acc), "topics", topics);
	hs = json_pack("{s:I, s:I, s:I, s:o, s:I}", "open", (json_int_t)f->hs[2],
		       "opened", (json_int_t)f->hs[0], "resolved",
		       (json_int_t)f->hs[1], "average_days_to_resolve",
		       f->hs[1] ? json_real((double)((f->hs[3] * 10 + f->hs[1] / 2) /
						     f->hs[1]) /
					    10.0)
				: json_null(),
		       "longest_days_to_resolve", (json_int_t)f->hs[4]);
	json_object_set_new(hs, "by_status",
			    json_pack("{s:I, s:I, s:I, s:I}", "detected",
				      (json_int_t)f->hs[5], "handling",
				      (json_int_t)f->hs[6], "resolved",
				      (json_int_t)f->hs[7], "closed",
				      (json_int_t)f->hs[8]));
	return json_pack("{s:o, s:o}", "opinion", op, "hotspots", hs);
}

static void put_figs(json_t *figures, json_t *add)
{
	if (json_is_object(figures))
		json_object_update(figures, add);
	json_decref(add);
}

struct hotspot_sum *opinion_sums_hotspot(struct opinion_sums *s,
					 int64_t child)
{
	struct hotspot_sum *h;

	if (s->hn == s->hcap) {
		s->hcap = s->hcap ? 2 * s->hcap : 64;
		s->h = xrealloc(s->h, s->hcap * sizeof(*s->h));
	}
	h = &s->h[s->hn++];
	*h = (struct hotspot_sum){ .child = child };
	return h;
}

bool opinion_sums_add(struct opinion_sums *s, int64_t child, const char *fig,
		      int64_t n, int64_t agree, int64_t concerned,
		      int64_t disagree)
{
	struct opinion_sum *o;
	long long topic;
	char in[16];
	int k, end = 0;

	if (strncmp(fig, "o:", 2) ||
	    sscanf(fig, "o:%lld:%15[a-z]%n", &topic, in, &end) != 2 ||
	    fig[end] || (k = intensity_index(in)) < 0)
		return false;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	o = &s->v[s->n++];
	*o = (struct opinion_sum){ child, topic, k, n, agree, concerned,
				   disagree };
	return true;
}

void opinion_sums_release(struct opinion_sums *s)
{
	free(s->v);
	free(s->h);
	memset(s, 0, sizeof(*s));
}

/* The recount of the opinion reports (Q_OR_ROLLUP) as sums. */
static int opinion_sums_live(struct store_conn *c, const struct sval *args,
			     struct opinion_sums *s, struct err *e)
{
	struct store_rows *r;
	int st;

	if (store_query(c, Q_OR_ROLLUP, args, 3, &r, e) < 0)
		return -1;
	while ((st = store_next(r)) == 1)
		opinion_sums_add(s, store_col_null(r, 0) ? 0
							 : store_col_int(r, 0),
				 store_col_text(r, 1), store_col_int(r, 2),
				 store_col_int(r, 3), store_col_int(r, 4),
				 store_col_int(r, 5));
	store_rows_free(r);
	return st < 0 ? -1 : 0;
}

/* The recount of the hot spots (Q_HS_ROLLUP) as sums. */
static int hotspot_sums_live(struct store_conn *c, const struct sval *args,
			     bool root, struct opinion_sums *s, struct err *e)
{
	struct store_rows *r;
	int st, k;

	if (store_query(c, root ? Q_HS_ROLLUP_ALL : Q_HS_ROLLUP, args, 3, &r,
			e) < 0)
		return -1;
	while ((st = store_next(r)) == 1) {
		struct hotspot_sum *h = opinion_sums_hotspot(
			s, store_col_null(r, 0) ? 0 : store_col_int(r, 0));

		for (k = 0; k < 9; k++)
			h->hs[k] = store_col_int(r, k + 1);
	}
	store_rows_free(r);
	return st < 0 ? -1 : 0;
}

int opinion_rollup_add(struct store_conn *c, int64_t unit_id,
		       const char *from, const char *to, bool root,
		       const struct opinion_sums *sums, json_t *rollup,
		       struct err *e)
{
	struct sval args[] = { SV_I(unit_id), SV_T(from), SV_T(to) };
	struct opinion_sums live = { 0 };
	struct ogroups g = { 0 };
	struct ofigs total = { 0 }, *f;
	struct store_rows *r;
	json_t *defs = json_object(), *ch;
	char key[24];
	size_t i;
	int st, rc = -1;

	total.topics = json_object();
	/* id -> code, name and the topic its reports count under */
	if (store_query(c, Q_TOPIC_NAMES, NULL, 0, &r, e) < 0)
		goto out;
	while ((st = store_next(r)) == 1) {
		snprintf(key, sizeof(key), "%lld", (long long)store_col_int(r, 0));
		json_object_set_new(
			defs, key,
			json_pack("{s:s, s:s, s:o}", "code", store_col_text(r, 1),
				  "name", store_col_text(r, 2), "merged_into",
				  store_col_null(r, 3)
					  ? json_null()
					  : json_integer(store_col_int(r, 3))));
	}
	store_rows_free(r);
	if (st < 0 || (!sums && opinion_sums_live(c, args, &live, e) < 0))
		goto fail;
	if (!sums)
		sums = &live;
	for (i = 0; i < sums->n; i++) {
		const struct opinion_sum *o = &sums->v[i];
		json_t *def;

		f = ogroup(&g, o->child);
		acc_add(&f->acc, o->intensity, o->n, o->agree, o->concerned,
			o->disagree);
		snprintf(key, sizeof(key), "%lld", (long long)o->topic);
		def = json_object_get(defs, key);
		if (def && json_is_integer(json_object_get(def, "merged_into")))
			snprintf(key, sizeof(key), "%lld",
				 (long long)json_integer_value(
					 json_object_get(def, "merged_into")));
		topic_add(f->topics, key, o->n, o->intensity == 2 ? o->n : 0);
	}
	if (sums == &live &&
	    hotspot_sums_live(c, args, root, &live, e) < 0)
		goto fail;
	for (i = 0; i < sums->hn; i++) {
		const struct hotspot_sum *h = &sums->h[i];
		int k;

		f = ogroup(&g, h->child);
		for (k = 0; k < 9; k++)
			if (k != 4)
				f->hs[k] += h->hs[k];
		if (h->hs[4] > f->hs[4])
			f->hs[4] = h->hs[4];
	}
	for (i = 0; i < g.n; i++)
		ofigs_add(&total, &g.v[i]);
	put_figs(json_object_get(rollup, "totals"), ofigs_json(&total, defs));
	put_figs(json_object_get(rollup, "own"),
		 ofigs_json(ogroup(&g, 0), defs));
	json_array_foreach(json_object_get(rollup, "children"), i, ch) {
		int64_t id = json_integer_value(
			json_object_get(json_object_get(ch, "unit"), "id"));

		put_figs(json_object_get(ch, "figures"),
			 ofigs_json(ogroup(&g, id), defs));
	}
	rc = 0;
	goto out;
fail:
	if (!e->status)
		err_internal(e, "opinion rollup");
out:
	opinion_sums_release(&live);
	for (i = 0; i < g.n; i++)
		json_decref(g.v[i].topics);
	free(g.v);
	json_decref(total.topics);
	json_decref(defs);
	return rc;
}
