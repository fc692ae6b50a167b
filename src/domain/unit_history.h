/*
 * Unit history: merges (sáp nhập) and moves of units, with dates, so that
 * figures roll up under the tree as it stood on the day they happened.
 *
 * Two tables, maintained in the transaction of every change:
 *   unit_links     (unit_id, parent_id, valid_from, valid_to): a unit's
 *                  parent over time, one open row ('9999-12-31') per unit;
 *   unit_ancestry  (unit_id, ancestor_id, depth, valid_from, valid_to):
 *                  the closure of unit_links with validity: ancestor_id is
 *                  the depth-th ancestor of unit_id during the interval
 *                  (depth 0: the unit itself, valid always).
 * Intervals are inclusive; '0001-01-01' and '9999-12-31' mark open ends.
 * A roll-up joins each record to the ancestry row valid at the record's
 * date, so a record dated before a move counts under the old parent and
 * one dated on or after it under the new one: nothing twice, nothing lost.
 * units.path stays the CURRENT tree (access scope); it always agrees with
 * the open rows.
 *
 * A merge of U into S on date D: U's children move to S from D, U leaves
 * the tree above it from D (its rows close on D-1), units.valid_to of U
 * becomes D-1 and unit_merges records (U, S, D). Nothing is deleted: U's
 * records before D stay U's and its old parent's. Records for U dated on
 * or after D are refused.
 *
 * Dates of moves and merges may not lie in the future (Vietnam time) nor
 * on or before the unit's last change.
 */
#ifndef TG_UNIT_HISTORY_H
#define TG_UNIT_HISTORY_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

/* The first date and the open end of an interval. */
#define UH_BEGIN "0001-01-01"
#define UH_OPEN "9999-12-31"

/*
 * Record the creation of unit `id` under `parent_id` (0 for a root):
 * inherits the parent's ancestry history. Call inside the creating
 * transaction.
 */
int unit_history_created(struct store_conn *c, int64_t id, int64_t parent_id,
			 struct err *e);

/*
 * Record that unit `id` (with its subtree) is under `parent_id` from
 * `date` on. Call inside the transaction that changes units.path; this
 * function does not touch units.path. 400 on field "date" if `date` is
 * not after the unit's last change.
 */
int unit_history_moved(struct store_conn *c, int64_t id, int64_t parent_id,
		       const char *date, struct err *e);

/* POST /units/{id}/move {parent_id, date}: the history and the current
 * tree, audited. *out is the unit with its history; caller owns it. */
int unit_history_move(struct store_conn *c, const struct actor *a,
		      int64_t id, json_t *body, json_t **out, struct err *e);

/* POST /units/{id}/merge {into, date}. */
int unit_history_merge(struct store_conn *c, const struct actor *a,
		       int64_t id, json_t *body, json_t **out, struct err *e);

/* GET /units/{id}/history: {unit_id, links: [...], merged_into,
 * merged_on, merged_from: [...]}. */
int unit_history_get(struct store_conn *c, const struct actor *a,
		     int64_t id, json_t **out, struct err *e);

/*
 * May `a` enter a record dated `date` for unit `unit_id`? 404 outside the
 * subtree; 403 for a viewer, or a contributor and any unit but their own;
 * 400 on `field` when the unit was not valid on that date (before its
 * valid_from, after its valid_to, or merged: the message names the
 * successor and the date). `date` may be NULL to skip the date checks.
 */
int unit_history_check_entry(struct store_conn *c, const struct actor *a,
			     int64_t unit_id, const char *date,
			     const char *field, struct err *e);

#endif
