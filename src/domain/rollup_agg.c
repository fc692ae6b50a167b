/*
 * Upkeep and checks of the roll-up aggregates; see rollup_agg.h.
 */
#include "domain/rollup_agg.h"
#include "domain/rollup.h"
#include "store/store.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

int rollup_agg_shift(struct store_conn *c, int64_t unit_id, const char *date,
		     int sign, struct err *e)
{
	struct sval args[] = { SV_I(unit_id), SV_T(date), SV_I(sign) };

	if (store_exec(c, Q_AGG_SHIFT, args, 3, e) < 0 ||
	    store_exec(c, Q_AGG_IV_SHIFT, args, 3, e) < 0)
		return -1;
	if (sign < 0)
		return 0;
	/* rows above the unit that lost all their records */
	if (store_exec(c, Q_AGG_CLEAN, args, 2, e) < 0 ||
	    store_exec(c, Q_AGG_IV_CLEAN, args, 2, e) < 0)
		return -1;
	return 0;
}

/* The ids of every unit; the caller frees *ids. */
static int unit_ids(struct store_conn *c, int64_t **ids, size_t *n,
		    struct err *e)
{
	struct store_rows *r;
	size_t cap = 0;
	int st;

	*ids = NULL;
	*n = 0;
	if (store_query(c, Q_AGG_UNITS, NULL, 0, &r, e) < 0)
		return -1;
	while ((st = store_next(r)) == 1) {
		if (*n == cap) {
			int64_t *v;

			cap = cap ? 2 * cap : 256;
			v = realloc(*ids, cap * sizeof(*v));
			if (!v)
				abort();
			*ids = v;
		}
		(*ids)[(*n)++] = store_col_int(r, 0);
	}
	store_rows_free(r);
	return st < 0 ? err_internal(e, "units") : 0;
}

int rollup_agg_check(struct store_conn *c, const struct actor *a,
		     const char *const *ranges, int64_t *rows_differing,
		     int64_t *rollups_differing, FILE *log, struct err *e)
{
	int64_t *ids = NULL;
	size_t n = 0, i;
	const char *const *rg;
	int rc = -1;

	*rows_differing = 0;
	if (rollups_differing)
		*rollups_differing = 0;
	if (store_int(c, Q_AGG_DIFF, NULL, 0, rows_differing, e) != 1)
		return e->status ? -1 : err_internal(e, "rollup check");
	if (!ranges)
		return 0;
	if (unit_ids(c, &ids, &n, e) < 0)
		goto out;
	for (i = 0; i < n; i++)
		for (rg = ranges; rg[0] && rg[1]; rg += 2) {
			json_t *got = NULL, *want = NULL;
			bool same;

			if (rollup_get(c, a, ids[i], rg[0], rg[1], &got, e) < 0 ||
			    rollup_recount(c, a, ids[i], rg[0], rg[1], &want,
					   e) < 0) {
				json_decref(got);
				goto out;
			}
			same = json_equal(got, want);
			if (!same && rollups_differing &&
			    (*rollups_differing)++ < 5 && log) {
				char *g = json_dumps(got, JSON_COMPACT),
				     *w = json_dumps(want, JSON_COMPACT);

				fprintf(log,
					"unit %lld, %s..%s:\n  aggregates: %s\n"
					"  recount:    %s\n",
					(long long)ids[i], rg[0], rg[1],
					g ? g : "?", w ? w : "?");
				free(g);
				free(w);
			}
			json_decref(got);
			json_decref(want);
		}
	rc = 0;
out:
	free(ids);
	return rc;
}

int rollup_agg_rebuild(struct store_conn *c, struct err *e)
{
	bool own;
	int rc = -1;

	if (store_begin_own(c, &own, e) < 0)
		return -1;
	if (store_exec(c, Q_AGG_CLEAR, NULL, 0, e) < 0 ||
	    store_exec(c, Q_AGG_IV_CLEAR, NULL, 0, e) < 0 ||
	    store_exec(c, Q_AGG_FILL, NULL, 0, e) < 0 ||
	    store_exec(c, Q_AGG_IV_FILL, NULL, 0, e) < 0)
		goto out;
	rc = 0;
out:
	return store_end_own(c, own, rc, e);
}
