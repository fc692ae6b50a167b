/*
 * The roll-up figures of issue 9's second half, added to the object of
 * rollup_get() (rollup.h) by honours_rollup_add(): "totals", "own" and
 * each child's "figures" get
 *
 *   "history": {"grassroots": rate (grassroots units of the subtree on
 *               `to` that have published their Party history / all of
 *               them), "published", "reprinted" (projects first published
 *               and reprinted in the range), "compiling" (being compiled
 *               on `to`)}, and in "totals" only the names of those units:
 *               "published_units", "reprinted_units", "compiling_units";
 *   "commendations": {"collective", "individual", "total", "by_award":
 *               {award: {"collective", "individual"}}} by date awarded;
 *   "outreach": {"entries", "channels", "posts", "shares", "followers",
 *               "shares_and_followers"} over entries whose period lies in
 *               the range (followers: each channel's latest entry).
 *
 * History projects count under their subject (the organisation whose
 * history it is), placed in the tree as it stood on the event's date;
 * the share uses the tree as it stood on `to`, so adding, merging or
 * moving a commune changes it from that day on.
 */
#ifndef TG_HONOURS_ROLLUP_H
#define TG_HONOURS_ROLLUP_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

struct store_conn;

int honours_rollup_add(struct store_conn *c, int64_t unit_id,
		       const char *from, const char *to, bool root,
		       json_t *rollup,
		       struct err *e);

/* Start now, on another connection when one is free, the statement of
 * honours_rollup_add() that costs the most (the history share, by the
 * tree as of `to`): store_query_ahead(). */
void honours_rollup_ahead(struct store_conn *c, int64_t unit_id,
			  const char *to, bool root);

#endif
