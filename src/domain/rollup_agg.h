/*
 * Upkeep of the roll-up aggregates (rollup_agg, rollup_iv: see
 * store/sql_rollup.h). Writes of records keep them by triggers, in the
 * transaction of the write. What triggers cannot see is a change of the
 * ancestry itself: a move or a merge of a unit on a date changes under
 * which ancestors the records of its subtree dated from then count, so
 * unit_history.c takes those records out of the aggregates before the
 * change and puts them back after it, in the same transaction.
 *
 * rollup_agg_check() compares the tables with a full recount from the
 * records, and the roll-up read from them with the live roll-up
 * (rollup_recount) for every unit over a few ranges: the proof, for
 * tests and `tuyengiao rollup-check`, that they never drift.
 */
#ifndef TG_ROLLUP_AGG_H
#define TG_ROLLUP_AGG_H

#include <stdint.h>
#include <stdio.h>

#include "base/err.h"

struct actor;
struct store_conn;

/* Take out (sign -1) or put back (sign 1) the records dated on or after
 * `date` of the units now in the subtree of `unit_id`. Inside the
 * caller's transaction. */
int rollup_agg_shift(struct store_conn *c, int64_t unit_id, const char *date,
		     int sign, struct err *e);

/*
 * Check the aggregates: *rows_differing is the number of aggregate rows
 * that differ from a full recount (0 when exact); when `ranges` is not
 * NULL (a NULL-terminated list of "from", "to" pairs), also compare
 * rollup_get() with rollup_recount() for every unit over each range as
 * `a`, counting differences in *rollups_differing and naming the first
 * few on `log` (may be NULL).
 */
int rollup_agg_check(struct store_conn *c, const struct actor *a,
		     const char *const *ranges, int64_t *rows_differing,
		     int64_t *rollups_differing, FILE *log, struct err *e);

/* Rebuild both tables from the records, in one transaction. */
int rollup_agg_rebuild(struct store_conn *c, struct err *e);

#endif
