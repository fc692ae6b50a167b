/*
 * Hot spots (điểm nóng, vụ việc phức tạp): the `hotspots` collection,
 * SPEC §3.7. A case arising from public concern: unit (where it happens),
 * topic (a living topic of topics.h), title, optional report_id (the
 * opinion report it arose from), opened date, severity "low" | "medium" |
 * "high", the lead state agency and the coordinating units (names of
 * agencies and organisations, in order), status, a dated timeline of
 * actions and a resolution summary. No field names a citizen; free text is
 * checked by privacy_check().
 *
 * Status moves only along
 *     detected -> handling -> resolved -> closed
 * (hotspots_transition_allowed), plus "reopen": resolved or closed ->
 * handling, which needs a reason. Resolving needs the resolution summary
 * and sets resolved_on and days_to_resolve (from the opened date); closing
 * sets closed_on; reopening clears them. Each change of status is a
 * timeline entry; dates are not in the future, not before the opening and
 * not before the last entry.
 *
 * Who: admins, leaders and specialists of the subtree write (route table
 * and unit_history_check_entry), everyone in the subtree reads; 404
 * outside. Every write is audited in its transaction; the write functions
 * join the caller's transaction when one is open. JSON answers are owned
 * by the caller.
 */
#ifndef TG_HOTSPOTS_H
#define TG_HOTSPOTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

enum hotspot_status {
	HS_DETECTED,
	HS_HANDLING,
	HS_RESOLVED,
	HS_CLOSED,
	HS__COUNT,
};

/* "detected", "handling", "resolved", "closed". */
const char *hotspots_status_name(enum hotspot_status s);
/* -1 when unknown. */
int hotspots_status_parse(const char *s);
/* May a hot spot go from `from` to `to`? A reopen (resolved or closed to
 * handling) is allowed and sets *reopen (may be NULL). */
bool hotspots_transition_allowed(enum hotspot_status from,
				 enum hotspot_status to, bool *reopen);

struct hotspots_filter {
	int64_t unit_id, topic_id;  /* 0: any */
	const char *status, *severity;
	const char *from, *to;      /* opened within, inclusive */
	int64_t limit, offset;
};

int hotspots_list(struct store_conn *c, const struct actor *a,
		  const struct hotspots_filter *f, json_t **out,
		  struct err *e);
/* With "coordinating_units" and "timeline". */
int hotspots_get(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t **out, struct err *e);
int hotspots_create(struct store_conn *c, const struct actor *a,
		    json_t *body, json_t **out, struct err *e);
int hotspots_update(struct store_conn *c, const struct actor *a, int64_t id,
		    json_t *body, json_t **out, struct err *e);
int hotspots_delete(struct store_conn *c, const struct actor *a, int64_t id,
		    struct err *e);
/* POST /hotspots/{id}/status {status, date, note, resolution}. */
int hotspots_set_status(struct store_conn *c, const struct actor *a,
			int64_t id, json_t *body, json_t **out,
			struct err *e);
/* POST /hotspots/{id}/actions {date, note}. */
int hotspots_add_action(struct store_conn *c, const struct actor *a,
			int64_t id, json_t *body, json_t **out,
			struct err *e);

/*
 * Counts over the subtree of `unit_id` for [from, to]: open at `to`,
 * opened and resolved in the range, average and longest days to resolve
 * (of those resolved in the range), by status, by topic and by unit.
 */
int hotspots_stats(struct store_conn *c, const struct actor *a,
		   int64_t unit_id, const char *from, const char *to,
		   json_t **out, struct err *e);

/* Pure: the counts of one hot spot added into `s` (for the stats and the
 * unit tests). */
struct hotspots_counts {
	int64_t open, opened, resolved, days, longest;
	int64_t by_status[HS__COUNT];
};
void hotspots_count(struct hotspots_counts *s, const char *from,
		    const char *to, const char *opened_on, const char *status,
		    const char *resolved_on, int64_t days);

#endif
