/*
 * The live roll-up; see rollup.h. One aggregate query per figure group
 * (activities, reporter conferences, reporters, classes, indicator
 * values), each grouped by the child of the asked-for unit the records
 * roll up through; the totals are the sums of those groups.
 */
#include "domain/rollup.h"
#include "domain/appraisals.h"
#include "domain/honours_rollup.h"
#include "domain/indicators.h"
#include "domain/opinion.h"
#include "domain/periods.h"
#include "domain/publications.h"
#include "domain/units.h"
#include "base/buf.h"
#include "base/format.h"
#include "base/idarray.h"
#include "base/json.h"
#include "base/text.h"
#include "store/store.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const act_kinds[] = { "study", "political",
					 "flag_salute", "seminar", NULL };
static const char *const cls_kinds[] = { "new_members", "prospective",
					 "elementary", "thematic",
					 "refresher", NULL };
#define N_ACT 4
#define N_CLS 5

/* The figures of one group: a child, the unit itself (id 0), or all. */
struct figs {
	int64_t id;
	int64_t act[N_ACT][4]; /* count, present, expected, non-members */
	int64_t rc[3];         /* conferences, reporters present, audience */
	int64_t reporters;
	int64_t cls[N_CLS][3]; /* count, enrolled, completed */
	json_t *ind;           /* "indicator id" -> [entries, num, den] */
};

struct groups {
	struct figs *v;
	size_t n, cap;
};

static struct figs *group(struct groups *g, int64_t id)
{
	size_t n = g->n, at;

	g->v = idarray_slot(g->v, sizeof(*g->v), &g->n, &g->cap, id, &at);
	if (g->n > n)
		g->v[at].ind = json_object();
	return &g->v[at];
}

static void groups_release(struct groups *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		json_decref(g->v[i].ind);
	free(g->v);
	memset(g, 0, sizeof(*g));
}

json_t *rollup_rate_json(int64_t num, int64_t den)
{
	struct buf ratio = BUF_INIT, rate = BUF_INIT, rounded = BUF_INIT,
		   text = BUF_INIT;
	json_t *j;

	format_int(&ratio, num);
	buf_addch(&ratio, '/');
	format_int(&ratio, den);
	format_rate(&rate, num, den, 2);
	format_rate(&rounded, num, den, 0);
	buf_addf(&text, "%s, đạt %s", ratio.ptr, rounded.ptr);
	j = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "numerator",
		      (json_int_t)num, "denominator", (json_int_t)den,
		      "ratio_text", ratio.ptr, "rate_text", rate.ptr,
		      "rounded_text", rounded.ptr, "text", text.ptr);
	json_object_set_new(j, "rate",
			    den ? json_real(100.0 * (double)num / (double)den)
				: json_null());
	buf_release(&ratio);
	buf_release(&rate);
	buf_release(&rounded);
	buf_release(&text);
	return j;
}

static json_t *act_json(const int64_t *v)
{
	return json_pack("{s:I, s:o, s:I}", "count", (json_int_t)v[0],
			 "members", rollup_rate_json(v[1], v[2]),
			 "non_members", (json_int_t)v[3]);
}

static json_t *cls_json(const int64_t *v)
{
	return json_pack("{s:I, s:I, s:I}", "count", (json_int_t)v[0],
			 "enrolled", (json_int_t)v[1], "completed",
			 (json_int_t)v[2]);
}

/* The indicator figures of a group, in the order of `defs`. */
static json_t *ind_json(const struct figs *f, json_t *defs)
{
	json_t *list = json_array(), *d, *acc;
	size_t i;
	char key[32];

	json_array_foreach(defs, i, d) {
		snprintf(key, sizeof(key), "%lld",
			 (long long)json_integer_value(json_object_get(d, "id")));
		acc = json_object_get(f->ind, key);
		if (!acc)
			continue;
		json_array_append_new(
			list,
			json_pack("{s:O, s:O, s:O, s:I, s:o}", "id",
				  json_object_get(d, "id"), "code",
				  json_object_get(d, "code"), "name",
				  json_object_get(d, "name"), "entries",
				  (json_int_t)json_integer_value(
					  json_array_get(acc, 0)),
				  "value",
				  rollup_rate_json(
					  json_integer_value(json_array_get(acc, 1)),
					  json_integer_value(json_array_get(acc, 2)))));
	}
	return list;
}

static json_t *figs_json(const struct figs *f, json_t *defs)
{
	json_t *acts = json_object(), *cls = json_object();
	int64_t all[4] = { 0 }, call[3] = { 0 };
	int i, k;

	for (i = 0; i < N_ACT; i++) {
		json_object_set_new(acts, act_kinds[i], act_json(f->act[i]));
		for (k = 0; k < 4; k++)
			all[k] += f->act[i][k];
	}
	json_object_set_new(acts, "all", act_json(all));
	for (i = 0; i < N_CLS; i++) {
		json_object_set_new(cls, cls_kinds[i], cls_json(f->cls[i]));
		for (k = 0; k < 3; k++)
			call[k] += f->cls[i][k];
	}
	json_object_set_new(cls, "all", cls_json(call));
	return json_pack("{s:o, s:{s:I, s:I, s:I}, s:{s:I}, s:o, s:o}",
			 "activities", acts, "reporter_conferences", "count",
			 (json_int_t)f->rc[0], "reporters_present",
			 (json_int_t)f->rc[1], "audience", (json_int_t)f->rc[2],
			 "reporters", "count", (json_int_t)f->reporters,
			 "classes", cls, "indicators", ind_json(f, defs));
}

static void ind_add(json_t *obj, const char *key, int64_t n, int64_t num,
		    int64_t den)
{
	json_t *acc = json_object_get(obj, key);

	if (!acc) {
		acc = json_pack("[I, I, I]", (json_int_t)0, (json_int_t)0,
				(json_int_t)0);
		json_object_set_new(obj, key, acc);
	}
	json_array_set_new(acc, 0,
			   json_integer(json_integer_value(json_array_get(acc, 0)) + n));
	json_array_set_new(acc, 1,
			   json_integer(json_integer_value(json_array_get(acc, 1)) + num));
	json_array_set_new(acc, 2,
			   json_integer(json_integer_value(json_array_get(acc, 2)) + den));
}

/* Add indicator rows (child, indicator, period, n, num, den) to the
 * groups and to `periods`. */
static int add_iv_rows(struct store_rows *r, struct groups *g,
		       json_t *periods)
{
	struct figs *f;
	char key[32];
	int st;

	while ((st = store_next(r)) == 1) {
		json_t *per;

		f = group(g, store_col_null(r, 0) ? 0 : store_col_int(r, 0));
		snprintf(key, sizeof(key), "%lld",
			 (long long)store_col_int(r, 1));
		ind_add(f->ind, key, store_col_int(r, 3), store_col_int(r, 4),
			store_col_int(r, 5));
		per = json_object_get(periods, key);
		if (!per) {
			per = json_object();
			json_object_set_new(periods, key, per);
		}
		ind_add(per, store_col_text(r, 2), store_col_int(r, 3),
			store_col_int(r, 4), store_col_int(r, 5));
	}
	return st;
}

/* Reporters on the roster (always counted live: a roster is small and
 * counts by the unit as of `to`, not by a record's date), into the
 * groups of `g`; put_reporters() writes them into the roll-up. */
static int add_reporters(struct store_conn *c, const struct sval *args,
			 bool root, struct groups *g, struct err *e)
{
	struct store_rows *r;
	struct figs *f;
	int st;

	if (store_query(c, root ? Q_REP_ROLLUP_ALL : Q_REP_ROLLUP, args, 3, &r,
			e) < 0)
		return -1;
	while ((st = store_next(r)) == 1) {
		f = group(g, store_col_null(r, 0) ? 0 : store_col_int(r, 0));
		f->reporters += store_col_int(r, 1);
	}
	store_rows_free(r);
	return st < 0 ? -1 : 0;
}

static void set_reporters(json_t *figures, int64_t n)
{
	json_object_set_new(json_object_get(figures, "reporters"), "count",
			    json_integer(n));
}

/* The roster counts of `g` into the children, "own" and "totals" of the
 * roll-up `out`. */
static void put_reporters(json_t *out, struct groups *g)
{
	json_t *ch;
	int64_t all = 0;
	size_t i;

	json_array_foreach(json_object_get(out, "children"), i, ch)
		set_reporters(json_object_get(ch, "figures"),
			      group(g, json_integer_value(json_object_get(
					       json_object_get(ch, "unit"),
					       "id")))->reporters);
	set_reporters(json_object_get(out, "own"), group(g, 0)->reporters);
	for (i = 0; i < g->n; i++)
		all += g->v[i].reporters;
	set_reporters(json_object_get(out, "totals"), all);
}

/*
 * [from, to] as the aggregates hold it: whole years y[0]..y[1] ("YYYY"),
 * the whole months before and after them m1[0]..m1[1] and m2[0]..m2[1]
 * ("YYYY-MM"), and the days left at the edges, [from, d1] and [d2, to].
 * An empty part has lo > hi. -1 when a date does not parse (the caller
 * then counts live).
 */
#define SPLIT_SIZE 32

struct split {
	char y[2][SPLIT_SIZE], m1[2][SPLIT_SIZE], m2[2][SPLIT_SIZE];
	char d1[SPLIT_SIZE], d2[SPLIT_SIZE];
};

/* Months are counted as year * 12 + month - 1. */
static void month_range(char out[2][SPLIT_SIZE], int lo, int hi)
{
	if (lo > hi) {
		strcpy(out[0], "9999-99");
		strcpy(out[1], "0000-00");
		return;
	}
	snprintf(out[0], SPLIT_SIZE, "%04d-%02d", lo / 12, lo % 12 + 1);
	snprintf(out[1], SPLIT_SIZE, "%04d-%02d", hi / 12, hi % 12 + 1);
}

static int split_range(const char *from, const char *to, struct split *sp)
{
	int y1, mo1, dd1, y2, mo2, dd2, y, m, d, lo, hi, ylo, yhi;
	char next[PERIOD_DATE_SIZE];

	if (date_parse_iso(from, &y1, &mo1, &dd1) < 0 ||
	    date_parse_iso(to, &y2, &mo2, &dd2) < 0)
		return -1;
	if (mo2 == 12 && dd2 == 31)
		d = 1; /* also for the open end 9999-12-31 */
	else if (periods_add_days(to, 1, next) < 0 ||
		 date_parse_iso(next, &y, &m, &d) < 0)
		return -1;
	/* the whole months: from the first that starts on or after `from`
	 * to the last that ends on or before `to` */
	lo = y1 * 12 + mo1 - 1 + (dd1 != 1);
	hi = y2 * 12 + mo2 - 1 - (d != 1);
	if (lo > hi) { /* no whole month: all days */
		month_range(sp->m1, 1, 0);
		month_range(sp->m2, 1, 0);
		strcpy(sp->y[0], "9999");
		strcpy(sp->y[1], "0000");
		snprintf(sp->d1, SPLIT_SIZE, "%s", to);
		strcpy(sp->d2, "9999-99-99");
		return 0;
	}
	/* the days before the first whole month and after the last */
	snprintf(sp->d1, SPLIT_SIZE, "%04d-%02d-00", lo / 12, lo % 12 + 1);
	snprintf(sp->d2, SPLIT_SIZE, "%04d-%02d-32", hi / 12, hi % 12 + 1);
	/* the whole years among the months, and the months around them */
	ylo = (lo + 11) / 12;
	yhi = (hi + 1) / 12 - 1;
	if (ylo > yhi) {
		strcpy(sp->y[0], "9999");
		strcpy(sp->y[1], "0000");
		month_range(sp->m1, lo, hi);
		month_range(sp->m2, 1, 0);
		return 0;
	}
	snprintf(sp->y[0], SPLIT_SIZE, "%04d", ylo);
	snprintf(sp->y[1], SPLIT_SIZE, "%04d", yhi);
	month_range(sp->m1, lo, ylo * 12 - 1);
	month_range(sp->m2, (yhi + 1) * 12, hi);
	return 0;
}

/* The first day a hot spot's state on a day is counted from (the first
 * date the application takes). */
#define HS_SINCE "1900-01-01"

/* The parameters of `unit`'s aggregates over [from, to] split as `sp`
 * (Q_AGG_ROLLUP's). */
#define AGG_ARGS(unit, from, to, sp)                                          \
	(struct sval[])                                                        \
	{                                                                      \
		SV_I(unit), SV_T(from), SV_T(to), SV_T((sp)->y[0]),            \
			SV_T((sp)->y[1]), SV_T((sp)->m1[0]),                   \
			SV_T((sp)->m1[1]), SV_T((sp)->m2[0]),                  \
			SV_T((sp)->m2[1]), SV_T((sp)->d1), SV_T((sp)->d2)      \
	}

/* Run `q`, a read of the aggregates of `unit` over [from, to] split as
 * `sp`. */
static int agg_query(struct store_conn *c, enum query q, int64_t unit,
		     const char *from, const char *to, const struct split *sp,
		     struct store_rows **r, struct err *e)
{
	return store_query(c, q, AGG_ARGS(unit, from, to, sp), 11, r, e);
}

/* The figures from the maintained aggregates (rollup_agg, rollup_iv)
 * and the unit's own records; same groups as collect_live(). */
static int collect_agg(struct store_conn *c, int64_t unit, const char *from,
		       const char *to, struct groups *g,
		       json_t *periods, struct opinion_sums *opinion,
		       struct err *e)
{
	struct sval args[] = { SV_I(unit), SV_T(from), SV_T(to) };
	struct split sp, upto;
	struct store_rows *r;
	struct figs *f;
	int st, k;

	if (split_range(from, to, &sp) < 0 ||
	    split_range(HS_SINCE, to, &upto) < 0)
		return 1;
	/* the records' figures start now, beside the hot spots' read here
	 * (their states on `to`, from their figures since the beginning,
	 * then their figures over the range) */
	store_query_ahead(c, Q_AGG_ROLLUP, AGG_ARGS(unit, from, to, &sp), 11);
	if (agg_query(c, Q_AGG_HS_STATE, unit, HS_SINCE, to, &upto, &r, e) < 0)
		return -1;
	while ((st = store_next(r)) == 1) {
		struct hotspot_sum *h =
			opinion_sums_hotspot(opinion, store_col_int(r, 0));

		h->hs[2] = store_col_int(r, 1);
		for (k = 0; k < 4; k++)
			h->hs[5 + k] = store_col_int(r, 2 + k);
	}
	store_rows_free(r);
	if (st < 0 || agg_query(c, Q_AGG_HS_RANGE, unit, from, to, &sp, &r,
				e) < 0)
		goto fail;
	while ((st = store_next(r)) == 1) {
		struct hotspot_sum *h =
			opinion_sums_hotspot(opinion, store_col_int(r, 0));

		h->hs[0] = store_col_int(r, 1);
		h->hs[1] = store_col_int(r, 2);
		h->hs[3] = store_col_int(r, 3);
		h->hs[4] = store_col_int(r, 4);
	}
	store_rows_free(r);
	if (st < 0 || agg_query(c, Q_AGG_ROLLUP, unit, from, to, &sp, &r, e) < 0)
		goto fail;
	while ((st = store_next(r)) == 1) {
		const char *fig = store_col_text(r, 1);

		if (opinion_sums_add(opinion, store_col_int(r, 0), fig,
				     store_col_int(r, 2), store_col_int(r, 3),
				     store_col_int(r, 4), store_col_int(r, 5)))
			continue;
		f = group(g, store_col_int(r, 0));
		if (!strcmp(fig, "rc")) {
			for (k = 0; k < 3; k++)
				f->rc[k] += store_col_int(r, 2 + k);
		} else if ((k = text_index(fig, act_kinds)) >= 0) {
			f->act[k][0] += store_col_int(r, 2);
			f->act[k][1] += store_col_int(r, 3);
			f->act[k][2] += store_col_int(r, 4);
			f->act[k][3] += store_col_int(r, 5);
		} else if ((k = text_index(fig, cls_kinds)) >= 0) {
			f->cls[k][0] += store_col_int(r, 2);
			f->cls[k][1] += store_col_int(r, 3);
			f->cls[k][2] += store_col_int(r, 4);
		}
	}
	store_rows_free(r);
	if (st < 0 || store_query(c, Q_AGG_IV_ROLLUP, args, 3, &r, e) < 0)
		goto fail;
	st = add_iv_rows(r, g, periods);
	store_rows_free(r);
	if (st < 0)
		goto fail;
	return 0;
fail:
	return e && e->status ? -1 : err_internal(e, "rollup");
}

/* Run the live figure queries (the recount), filling the groups;
 * `periods` gets the totals per indicator and period ("id" -> {"period"
 * -> [n, num, den]}). */
static int collect_live(struct store_conn *c, int64_t unit, const char *from,
			const char *to, struct groups *g,
			json_t *periods, struct err *e)
{
	struct sval args[] = { SV_I(unit), SV_T(from), SV_T(to) };
	struct store_rows *r;
	struct figs *f;
	int st, k;

	if (store_query(c, Q_ACT_ROLLUP, args, 3, &r, e) < 0)
		return -1;
	while ((st = store_next(r)) == 1) {
		f = group(g, store_col_null(r, 0) ? 0 : store_col_int(r, 0));
		k = text_index(store_col_text(r, 1), act_kinds);
		if (k < 0)
			continue;
		f->act[k][0] += store_col_int(r, 2);
		f->act[k][1] += store_col_int(r, 3);
		f->act[k][2] += store_col_int(r, 4);
		f->act[k][3] += store_col_int(r, 5);
	}
	store_rows_free(r);
	if (st < 0 || store_query(c, Q_RC_ROLLUP, args, 3, &r, e) < 0)
		goto fail;
	while ((st = store_next(r)) == 1) {
		f = group(g, store_col_null(r, 0) ? 0 : store_col_int(r, 0));
		f->rc[0] += store_col_int(r, 1);
		f->rc[1] += store_col_int(r, 2);
		f->rc[2] += store_col_int(r, 3);
	}
	store_rows_free(r);
	if (st < 0 || store_query(c, Q_CLS_ROLLUP, args, 3, &r, e) < 0)
		goto fail;
	while ((st = store_next(r)) == 1) {
		f = group(g, store_col_null(r, 0) ? 0 : store_col_int(r, 0));
		k = text_index(store_col_text(r, 1), cls_kinds);
		if (k < 0)
			continue;
		f->cls[k][0] += store_col_int(r, 2);
		f->cls[k][1] += store_col_int(r, 3);
		f->cls[k][2] += store_col_int(r, 4);
	}
	store_rows_free(r);
	if (st < 0 || store_query(c, Q_IV_ROLLUP, args, 3, &r, e) < 0)
		goto fail;
	st = add_iv_rows(r, g, periods);
	store_rows_free(r);
	if (st < 0)
		goto fail;
	return 0;
fail:
	return e && e->status ? -1 : err_internal(e, "rollup");
}

static void add_into(struct figs *t, const struct figs *f)
{
	const char *key;
	json_t *acc;
	int i, k;

	for (i = 0; i < N_ACT; i++)
		for (k = 0; k < 4; k++)
			t->act[i][k] += f->act[i][k];
	for (k = 0; k < 3; k++)
		t->rc[k] += f->rc[k];
	for (i = 0; i < N_CLS; i++)
		for (k = 0; k < 3; k++)
			t->cls[i][k] += f->cls[i][k];
	json_object_foreach(f->ind, key, acc)
		ind_add(t->ind, key, json_integer_value(json_array_get(acc, 0)),
			json_integer_value(json_array_get(acc, 1)),
			json_integer_value(json_array_get(acc, 2)));
}

/* Per-period detail of the totals' indicators. */
static void add_periods(json_t *list, json_t *periods)
{
	json_t *item, *per, *acc, *arr;
	const char *pk;
	size_t i;
	char key[32];

	json_array_foreach(list, i, item) {
		snprintf(key, sizeof(key), "%lld",
			 (long long)json_integer_value(json_object_get(item, "id")));
		per = json_object_get(periods, key);
		arr = json_array();
		json_object_foreach(per, pk, acc)
			json_array_append_new(
				arr,
				json_pack("{s:s, s:I, s:o}", "period", pk, "entries",
					  (json_int_t)json_integer_value(
						  json_array_get(acc, 0)),
					  "value",
					  rollup_rate_json(
						  json_integer_value(json_array_get(acc, 1)),
						  json_integer_value(json_array_get(acc, 2)))));
		json_object_set_new(item, "periods", arr);
	}
}

/* The "unit" object of a roll-up from a Q_ROLLUP_UNIT row. */
static json_t *unit_brief_json(struct store_rows *r)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o}", "id",
			 (json_int_t)store_col_int(r, 0), "code",
			 store_col_text(r, 1), "name", store_col_text(r, 2),
			 "level", store_col_text(r, 3), "parent_id",
			 store_col_null(r, 4) ? json_null()
					      : json_integer(store_col_int(r, 4)));
}

static int unit_brief(struct store_conn *c, const struct actor *a,
		      int64_t id, json_t **out, struct err *e)
{
	return units_load_scoped(c, a, Q_ROLLUP_UNIT, id, 5, unit_brief_json,
				 "unit", out, e);
}

static int build(struct store_conn *c, const struct actor *a,
		 int64_t unit_id, const char *from, const char *to, bool live,
		 json_t **out, struct err *e)
{
	struct sval args[] = { SV_I(unit_id), SV_T(from), SV_T(to) };
	struct groups g = { 0 };
	struct figs total = { 0 }, *f;
	struct opinion_sums opinion = { 0 };
	struct store_rows *r;
	json_t *defs = NULL, *periods = json_object(), *children = NULL,
	       *unit = NULL, *tot;
	bool agg = false; /* figures read from the aggregates */
	bool root;
	size_t i;
	int st;

	*out = NULL;
	total.ind = json_object();
	if (strcmp(from, to) > 0) {
		err_invalid(e, "to", "Ngày kết thúc phải sau ngày bắt đầu.");
		goto fail;
	}
	if (unit_brief(c, a, unit_id, &unit, e) < 0 ||
	    indicators_list(c, a, 0, 500, 0, &defs, e) < 0)
		goto fail;
	/* the root's subtree is the whole tree: read records first */
	root = json_is_null(json_object_get(unit, "parent_id"));
	/* the roster and the history share, read last and the dearest at
	 * the root, start now on other connections when some are free */
	store_query_ahead(c, root ? Q_REP_ROLLUP_ALL : Q_REP_ROLLUP, args, 3);
	honours_rollup_ahead(c, unit_id, to, root);
	st = live ? 1
		  : collect_agg(c, unit_id, from, to, &g, periods, &opinion,
				e);
	if (st < 0 || (st > 0 && collect_live(c, unit_id, from, to, &g,
					      periods, e) < 0))
		goto fail;
	agg = st == 0;
	children = json_array();
	if (store_query(c, Q_UH_CHILDREN_IN_RANGE, args, 3, &r, e) < 0)
		goto fail;
	while ((st = store_next(r)) == 1) {
		int64_t id = store_col_int(r, 0);
		json_t *ch = json_pack("{s:I, s:s, s:s, s:s}", "id",
				       (json_int_t)id, "code",
				       store_col_text(r, 1), "name",
				       store_col_text(r, 2), "short_name",
				       store_col_text(r, 3));

		json_object_set_new(ch, "merged_into",
				    store_col_null(r, 4)
					    ? json_null()
					    : json_integer(store_col_int(r, 4)));
		json_set_str_or_null(ch, "merged_on", store_col_text(r, 5));
		f = group(&g, id);
		json_array_append_new(children,
				      json_pack("{s:o, s:o}", "unit", ch,
						"figures",
						figs_json(f, json_object_get(
								     defs,
								     "items"))));
	}
	store_rows_free(r);
	if (st < 0) {
		err_internal(e, "rollup children");
		goto fail;
	}
	for (i = 0; i < g.n; i++)
		add_into(&total, &g.v[i]);
	tot = figs_json(&total, json_object_get(defs, "items"));
	add_periods(json_object_get(tot, "indicators"), periods);
	f = group(&g, 0);
	*out = json_pack("{s:o, s:s, s:s, s:o, s:o, s:o}", "unit", unit,
			 "from", from, "to", to, "totals", tot, "own",
			 figs_json(f, json_object_get(defs, "items")),
			 "children", children);
	unit = children = NULL;
	/* the roster last: at the root the dearest read, started ahead */
	if (opinion_rollup_add(c, unit_id, from, to, root,
			       agg ? &opinion : NULL, *out, e) < 0 ||
	    publications_rollup_add(c, unit_id, from, to, root, *out, e) < 0 ||
	    appraisals_rollup_add(c, unit_id, from, to, root, *out, e) < 0 ||
	    honours_rollup_add(c, unit_id, from, to, root, *out, e) < 0 ||
	    add_reporters(c, args, root, &g, e) < 0) {
		json_decref(*out);
		*out = NULL;
		goto fail;
	}
	put_reporters(*out, &g);
	json_decref(defs);
	json_decref(periods);
	json_decref(total.ind);
	groups_release(&g);
	opinion_sums_release(&opinion);
	return 0;
fail:
	json_decref(unit);
	json_decref(children);
	json_decref(defs);
	json_decref(periods);
	json_decref(total.ind);
	groups_release(&g);
	opinion_sums_release(&opinion);
	return -1;
}

int rollup_get(struct store_conn *c, const struct actor *a, int64_t unit_id,
	       const char *from, const char *to, json_t **out,
	       struct err *e)
{
	return build(c, a, unit_id, from, to, false, out, e);
}

int rollup_recount(struct store_conn *c, const struct actor *a,
		   int64_t unit_id, const char *from, const char *to,
		   json_t **out, struct err *e)
{
	return build(c, a, unit_id, from, to, true, out, e);
}

int rollup_data_version(struct store_conn *c, char out[ROLLUP_VERSION_SIZE],
			struct err *e)
{
	return store_data_version(c, out, ROLLUP_VERSION_SIZE, e);
}
