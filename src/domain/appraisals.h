/*
 * Appraisals (thẩm định, tham gia ý kiến), issue 9: the documents and
 * projects other bodies (departments, agencies, the State's services) send
 * to the committee for comment or appraisal, the `appraisals` collection.
 * An appraisal is held by the unit that answers it: kind ("appraisal"
 * thẩm định, "comment" tham gia ý kiến), title of the draft, sender, date
 * received (not in the future; the unit follows
 * unit_history_check_entry() on it), date answered (null while pending;
 * not before the date received, not in the future), an optional link to a
 * document of the register (documents.h) inside the user's subtree, note.
 * The whole days from received to answered are stored on every write.
 *
 * appraisals_rollup_add() adds "appraisals" to a roll-up (rollup.h) per
 * kind and "all", in totals, own and every child, attributed by the
 * ancestry on the date received: received in the range, answered in the
 * range, pending at its end, and the days to answer of those answered in
 * the range: "days_total" and "avg_days" = days_total / answered (null
 * when none), with "avg_days_text" ("4,5").
 *
 * Audited; own transaction or the caller's. JSON answers are owned by the
 * caller.
 */
#ifndef TG_APPRAISALS_H
#define TG_APPRAISALS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct buf;
struct store_conn;

struct appraisals_filter {
	int64_t unit_id, document_id;
	const char *kind, *from, *to; /* date received in [from, to] */
	const char *status;           /* "pending", "answered" or NULL */
	int64_t limit, offset;
};

int appraisals_list(struct store_conn *c, const struct actor *a,
		    const struct appraisals_filter *f, json_t **out,
		    struct err *e);
int appraisals_get(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t **out, struct err *e);
int appraisals_create(struct store_conn *c, const struct actor *a,
		      json_t *body, json_t **out, struct err *e);
int appraisals_update(struct store_conn *c, const struct actor *a,
		      int64_t id, json_t *body, json_t **out, struct err *e);
int appraisals_delete(struct store_conn *c, const struct actor *a, int64_t id,
		      struct err *e);

/* days_total / answered with one decimal, Vietnamese style: 9/2 -> "4,5",
 * 8/2 -> "4"; "" when answered is 0. */
int appraisals_avg_text(struct buf *out, int64_t days_total,
			int64_t answered);

int appraisals_rollup_add(struct store_conn *c, int64_t unit_id,
			  const char *from, const char *to, bool root,
			  json_t *rollup,
			  struct err *e);

#endif
