/*
 * Party-history projects, commendations and communication output in the
 * roll-up; see honours_rollup.h. One query per group, grouped by the
 * child of the asked-for unit the records roll up through, like
 * rollup.c and opinion.c.
 */
#include "domain/honours_rollup.h"
#include "domain/commendations.h"
#include "domain/history.h"
#include "domain/rollup.h"
#include "base/idarray.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#define N_AWARDS 8

struct hfigs {
	int64_t id;
	int64_t grass[2];       /* grassroots units, with history published */
	int64_t hist[3];        /* published, reprinted, compiling */
	int64_t cm[2][N_AWARDS]; /* collective, individual by award */
	int64_t out[5]; /* entries, posts, shares, followers, channels */
};

struct hgroups {
	struct hfigs *v;
	size_t n, cap;
};

static struct hfigs *hgroup(struct hgroups *g, int64_t id)
{
	size_t at;

	g->v = idarray_slot(g->v, sizeof(*g->v), &g->n, &g->cap, id, &at);
	return &g->v[at];
}

static void hfigs_add(struct hfigs *t, const struct hfigs *f)
{
	int i, k;

	for (i = 0; i < 2; i++)
		t->grass[i] += f->grass[i];
	for (i = 0; i < 3; i++)
		t->hist[i] += f->hist[i];
	for (i = 0; i < 2; i++)
		for (k = 0; k < N_AWARDS; k++)
			t->cm[i][k] += f->cm[i][k];
	for (i = 0; i < 5; i++)
		t->out[i] += f->out[i];
}

static int award_index(const char *award)
{
	int i;

	for (i = 0; i < N_AWARDS && commendation_awards[i]; i++)
		if (!strcmp(award, commendation_awards[i]))
			return i;
	return -1;
}

static json_t *hfigs_json(const struct hfigs *f)
{
	json_t *by = json_object(), *cm, *out;
	int64_t all[2] = { 0, 0 };
	int k;

	for (k = 0; k < N_AWARDS && commendation_awards[k]; k++) {
		all[0] += f->cm[0][k];
		all[1] += f->cm[1][k];
		if (f->cm[0][k] || f->cm[1][k])
			json_object_set_new(
				by, commendation_awards[k],
				json_pack("{s:I, s:I}", "collective",
					  (json_int_t)f->cm[0][k], "individual",
					  (json_int_t)f->cm[1][k]));
	}
	cm = json_pack("{s:I, s:I, s:I, s:o}", "collective", (json_int_t)all[0],
		       "individual", (json_int_t)all[1], "total",
		       (json_int_t)(all[0] + all[1]), "by_award", by);
	out = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "entries",
			(json_int_t)f->out[0], "channels", (json_int_t)f->out[4],
			"posts", (json_int_t)f->out[1], "shares",
			(json_int_t)f->out[2], "followers", (json_int_t)f->out[3],
			"shares_and_followers",
			(json_int_t)(f->out[2] + f->out[3]));
	return json_pack("{s:{s:o, s:I, s:I, s:I}, s:o, s:o}", "history",
			 "grassroots", rollup_rate_json(f->grass[1], f->grass[0]),
			 "published", (json_int_t)f->hist[0], "reprinted",
			 (json_int_t)f->hist[1], "compiling",
			 (json_int_t)f->hist[2], "commendations", cm, "outreach",
			 out);
}

static void put(json_t *figures, json_t *add)
{
	if (json_is_object(figures))
		json_object_update(figures, add);
	json_decref(add);
}

/* Append `name` to `list` unless it is there already. */
static void add_name(json_t *list, const char *name)
{
	json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		if (!strcmp(json_string_value(v), name))
			return;
	json_array_append_new(list, json_string(name));
}

static int64_t group_id(struct store_rows *r)
{
	return store_col_null(r, 0) ? 0 : store_col_int(r, 0);
}

/* The statement and arguments of the history share: the grassroots units
 * (level `level`) as of `to`, and those with a published history, per
 * child of `unit_id`. */
static void share_query(int64_t unit_id, const char *to, bool root,
			int64_t level, enum query *q, struct sval args[3])
{
	*q = root ? Q_HP_ROLLUP_SHARE_ALL : Q_HP_ROLLUP_SHARE;
	args[0] = SV_I(unit_id);
	args[1] = SV_T(to);
	args[2] = SV_I(level);
}

void honours_rollup_ahead(struct store_conn *c, int64_t unit_id,
			  const char *to, bool root)
{
	struct sval args[3];
	int64_t level;
	enum query q;

	if (history_level_id(c, HISTORY_GRASSROOTS_LEVEL, &level, NULL) == 0) {
		share_query(unit_id, to, root, level, &q, args);
		store_query_ahead(c, q, args, 3);
	}
}

int honours_rollup_add(struct store_conn *c, int64_t unit_id,
		       const char *from, const char *to, bool root, json_t *rollup,
		       struct err *e)
{
	struct sval args[] = { SV_I(unit_id), SV_T(from), SV_T(to) }, share[3];
	struct hgroups g = { 0 };
	struct hfigs total = { 0 }, *f;
	struct store_rows *r;
	json_t *names[3], *hist, *ch;
	int64_t level;
	enum query q;
	size_t i;
	int st, k, rc = -1;

	for (k = 0; k < 3; k++)
		names[k] = json_array();
	if (history_level_id(c, HISTORY_GRASSROOTS_LEVEL, &level, e) < 0)
		goto out;
	share_query(unit_id, to, root, level, &q, share);
	if (store_query(c, q, share, 3, &r, e) < 0)
		goto out;
	while ((st = store_next(r)) == 1) {
		f = hgroup(&g, group_id(r));
		f->grass[0] += store_col_int(r, 1);
		f->grass[1] += store_col_int(r, 2);
	}
	store_rows_free(r);
	if (st < 0 ||
	    store_query(c, root ? Q_HP_ROLLUP_EVENTS_ALL : Q_HP_ROLLUP_EVENTS,
			args, 3, &r, e) < 0)
		goto fail;
	while ((st = store_next(r)) == 1) {
		k = (int)store_col_int(r, 1) - 1;
		if (k < 0 || k > 2)
			continue;
		hgroup(&g, group_id(r))->hist[k]++;
		add_name(names[k], store_col_text(r, 2));
	}
	store_rows_free(r);
	if (st < 0 || store_query(c, root ? Q_CM_ROLLUP_ALL : Q_CM_ROLLUP,
				      args, 3, &r, e) < 0)
		goto fail;
	while ((st = store_next(r)) == 1) {
		int who = !strcmp(store_col_text(r, 1), "individual");
		int aw = award_index(store_col_text(r, 2));

		if (aw >= 0)
			hgroup(&g, group_id(r))->cm[who][aw] +=
				store_col_int(r, 3);
	}
	store_rows_free(r);
	if (st < 0 || store_query(c, root ? Q_OUT_ROLLUP_ALL : Q_OUT_ROLLUP,
				      args, 3, &r, e) < 0)
		goto fail;
	while ((st = store_next(r)) == 1) {
		f = hgroup(&g, group_id(r));
		for (k = 0; k < 5; k++)
			f->out[k] += store_col_int(r, k + 1);
	}
	store_rows_free(r);
	if (st < 0)
		goto fail;
	for (i = 0; i < g.n; i++)
		hfigs_add(&total, &g.v[i]);
	{
		json_t *t = hfigs_json(&total);

		hist = json_object_get(t, "history");
		json_object_set(hist, "published_units", names[0]);
		json_object_set(hist, "reprinted_units", names[1]);
		json_object_set(hist, "compiling_units", names[2]);
		put(json_object_get(rollup, "totals"), t);
	}
	put(json_object_get(rollup, "own"), hfigs_json(hgroup(&g, 0)));
	json_array_foreach(json_object_get(rollup, "children"), i, ch) {
		int64_t id = json_integer_value(
			json_object_get(json_object_get(ch, "unit"), "id"));

		put(json_object_get(ch, "figures"), hfigs_json(hgroup(&g, id)));
	}
	rc = 0;
	goto out;
fail:
	if (!e->status)
		err_internal(e, "honours rollup");
out:
	for (k = 0; k < 3; k++)
		json_decref(names[k]);
	free(g.v);
	return rc;
}
