/*
 * The live roll-up (SPEC §2, §4): every figure of study, reporters,
 * training and indicators summed over a subtree and a date range, at read
 * time, with the same figures per direct child for drill-down tables.
 *
 * Records count under the unit ancestry valid on their own date
 * (unit_history.h), so merges and moves are respected and a range
 * spanning a change counts each record once. Totals are the sum of the
 * groups (children plus records entered at the unit itself).
 *
 * Activities, reporter conferences, classes and indicator values are not
 * scanned at read time: their sums per ancestor, child and month/day (per
 * period for indicator values) are kept in rollup_agg / rollup_iv by
 * triggers, in the transaction of every write (rollup_agg.h), and the
 * roll-up adds whole months, the days at the edges of the range and the
 * records entered at the unit itself. rollup_recount() gives the same
 * answer by scanning the records (the reference the aggregates are
 * checked against). Reporters, opinion reports and hot spots are counted
 * live in both.
 *
 * Rates are computed from summed numerators and denominators, never as an
 * average of rates; each is given exactly and formatted:
 *   {"numerator": 8196, "denominator": 8272, "rate": 99.0812…,
 *    "ratio_text": "8.196/8.272", "rate_text": "99,08%",
 *    "rounded_text": "99%", "text": "8.196/8.272, đạt 99%"}
 * ("rate" is null when the denominator is 0). Records are attributed by
 * date: activities and reporter conferences by their date, classes by
 * their start date, indicator values by the last day of their period
 * (values count when their whole period lies inside the range).
 * Each figures object also holds "opinion" (reports by intensity and
 * topic, shares weighted by number of reports, by period end) and
 * "hotspots" (open at `to`, opened and resolved in the range, average and
 * longest days to resolve, current status of those opened by `to`),
 * added by opinion_rollup_add() (opinion.h); "publications" and
 * "press_reports" (publications.h), "appraisals" (appraisals.h);
 * "history", "commendations" and "outreach" by honours_rollup_add()
 * (honours_rollup.h). Those adders take `root`: true when the unit is the
 * root of the tree, whose subtree is everything, so their live queries
 * read the records first (the _ALL statements; docs/internals/rollup.md).
 */
#ifndef TG_ROLLUP_H
#define TG_ROLLUP_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

/* The rate object above for num/den; the caller owns it. */
json_t *rollup_rate_json(int64_t num, int64_t den);

/*
 * The roll-up of the subtree of `unit_id` (in a's subtree, else 404) over
 * [from, to] (ISO dates, from <= to): {"unit", "from", "to", "totals",
 * "own", "children": [{"unit", "figures"}]}. The caller owns *out.
 */
int rollup_get(struct store_conn *c, const struct actor *a, int64_t unit_id,
	       const char *from, const char *to, json_t **out,
	       struct err *e);

/*
 * A token that changes whenever a write is committed to the database (by
 * any connection or process; store_data_version()): a roll-up computed
 * after reading it stays current while it is unchanged, so the HTTP layer
 * may answer the same request again from memory.
 */
#define ROLLUP_VERSION_SIZE 64
int rollup_data_version(struct store_conn *c, char out[ROLLUP_VERSION_SIZE],
			struct err *e);

/* The same answer as rollup_get(), counted by scanning the records joined
 * to their ancestry (no aggregate read). */
int rollup_recount(struct store_conn *c, const struct actor *a,
		   int64_t unit_id, const char *from, const char *to,
		   json_t **out, struct err *e);

#endif
