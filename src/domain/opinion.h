/*
 * Public opinion reports (dư luận xã hội): the `opinion-reports`
 * collection, the aggregates and the weekly digest, SPEC §3.6. Aggregate
 * only: a report says what people in a locality say about a topic, never
 * who said it (see privacy.h; no column holds a citizen's identity).
 *
 * A report: unit (the locality), period_type "day" | "week" | "month" and
 * period "2026-11-18" | "2026-W47" | "2026-11" (the key must match the
 * type), topic (a living topic of topics.h), summary, shares agreeing /
 * concerned / disagreeing (integers 0–100 whose sum is at most 100; the
 * rest is "not expressed"), intensity "low" | "medium" | "high",
 * recommendation, and its author (the user who filed it). One report per
 * unit, topic and period (409 otherwise). The period may not start after
 * today (Vietnam time) and the unit must be valid in it.
 *
 * Who: users whose subtree holds the unit file reports (contributors for
 * their own unit only, viewers read; unit_history_check_entry). A report
 * stays editable by its author, and by leaders and admins of the subtree,
 * until the period's report is submitted upward (opinion_report_locked(),
 * a hook for the periodic reports module). Free text is checked by
 * privacy_check(). Every write is audited in its transaction; the write
 * functions join the caller's transaction when one is open.
 *
 * Aggregates are over the subtree as it is now and by the day a report's
 * period ends; a merged topic's reports count under the topic it was
 * merged into. Weighted shares are averages over reports, each report
 * weighing one ("weighted by number of reports"). JSON answers are owned
 * by the caller.
 */
#ifndef TG_OPINION_H
#define TG_OPINION_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

struct opinion_filter {
	int64_t unit_id;        /* 0: the whole subtree */
	int64_t topic_id;       /* 0: any; a topic also finds those merged in */
	const char *period_type; /* NULL: any */
	const char *from, *to;  /* period end within, inclusive; NULL: open */
	const char *intensity;  /* NULL: any */
	bool mine;              /* only the actor's own reports */
	int64_t limit, offset;
};

int opinion_list(struct store_conn *c, const struct actor *a,
		 const struct opinion_filter *f, json_t **out, struct err *e);
int opinion_get(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e);
int opinion_create(struct store_conn *c, const struct actor *a, json_t *body,
		   json_t **out, struct err *e);
int opinion_update(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t *body, json_t **out, struct err *e);
int opinion_delete(struct store_conn *c, const struct actor *a, int64_t id,
		   struct err *e);

/*
 * Has a periodic report of `unit_id` covering the day `period_end` been
 * submitted upward (so the opinion reports in it are frozen)? 1 yes, 0 no,
 * -1 error. A leader's reopening of that report unfreezes them.
 */
int opinion_report_locked(struct store_conn *c, int64_t unit_id,
			  const char *period_end, struct err *e);

/*
 * Aggregates over the subtree of `unit_id` for reports ending in
 * [from, to]: {"unit_id", "from", "to", "reports", "intensity": {low,
 * medium, high}, "shares": {...}, "topics": [{topic_id, code, name,
 * reports, intensity, shares, previous_reports, change, trend,
 * localities: [{unit_id, code, name, reports}] (top 5)}], "series":
 * [{"week": "2026-W40", "topics": {code: n}}]}. `previous_reports` counts
 * the equally long range just before `from`.
 */
int opinion_stats(struct store_conn *c, const struct actor *a,
		  int64_t unit_id, const char *from, const char *to,
		  json_t **out, struct err *e);

/*
 * The weekly digest of `unit_id` for ISO week `week` ("2026-W47"): the
 * week and the four before it, per topic the reports of each week, the
 * rising topics (at least 3 reports this week, at least twice the
 * weekly mean of the four weeks before and at least 3 above that mean),
 * the high-intensity reports of
 * the week, and the recommendations of the week.
 */
int opinion_digest(struct store_conn *c, const struct actor *a,
		   int64_t unit_id, const char *week, json_t **out,
		   struct err *e);

/* Opinion reports summed per child, topic and intensity, as the roll-up
 * reads them from its aggregates (figure "o:<topic id>:<intensity>"). */
struct opinion_sums {
	struct opinion_sum {
		int64_t child, topic; /* child 0: the unit itself */
		int intensity;        /* 0 low, 1 medium, 2 high */
		int64_t n, agree, concerned, disagree;
	} *v;
	size_t n, cap;
	/* hot spots: parts of a child's figures, summed (the longest: the
	 * greatest) in the order of Q_HS_ROLLUP: opened, resolved, open,
	 * days, longest, then detected, handling, resolved, closed */
	struct hotspot_sum {
		int64_t child, hs[9];
	} *h;
	size_t hn, hcap;
};

/* Add an aggregate row of figure `fig` to `s`; false (nothing added) when
 * `fig` is not an opinion figure. */
bool opinion_sums_add(struct opinion_sums *s, int64_t child, const char *fig,
		      int64_t n, int64_t agree, int64_t concerned,
		      int64_t disagree);
/* A new hot-spot row of `s` for `child`, zeroed, for the caller to fill. */
struct hotspot_sum *opinion_sums_hotspot(struct opinion_sums *s,
					 int64_t child);
void opinion_sums_release(struct opinion_sums *s);

/*
 * Add the opinion and hot-spot figures of the roll-up of `unit_id` over
 * [from, to] into `rollup` (the object of rollup_get(): "totals", "own"
 * and each child's "figures" get "opinion" and "hotspots"). The opinion
 * reports and hot spots come from `sums` (read from the aggregates), or
 * when it is NULL are counted from the records (the recount).
 */
int opinion_rollup_add(struct store_conn *c, int64_t unit_id,
		       const char *from, const char *to, bool root,
		       const struct opinion_sums *sums, json_t *rollup,
		       struct err *e);

#endif
