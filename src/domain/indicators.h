/*
 * Indicators (chỉ tiêu), SPEC §3.8: definitions and values.
 *
 * A definition has a code (unique), a name, the labels of its numerator
 * and denominator ("Hộ đạt Gia đình văn hóa" / "Tổng số hộ"), a period
 * type (week, month, quarter, half, year), an optional target in
 * hundredths of a percent (9500 = 95,00%), a submission deadline in days
 * after the period ends, and optionally the level of the units expected
 * to enter it (a level code; NULL: the leaves of the tree). Definitions
 * are shared by the whole tree; only admins change them.
 *
 * A value is (indicator, unit, period key) -> numerator, denominator, with
 * 0 <= numerator <= denominator; the period key must be of the
 * indicator's type ("2023" for a yearly one, "2023-Q3" for a quarterly
 * one) and the period must have begun. The unit follows the entry rules
 * of unit_history_check_entry() at the period's last day, so a merged
 * unit cannot report a period ending on or after its merge. `entered_on`
 * (Vietnam date of the first entry) decides timeliness; only the system
 * actor (CLI, demo, imports: user_id 0) may set it explicitly.
 *
 * Roll-ups sum numerators and denominators and compute the rate from the
 * sums, never an average of rates (rollup.h).
 *
 * Writes run in their own transaction or inside the caller's; JSON
 * answers are owned by the caller.
 */
#ifndef TG_INDICATORS_H
#define TG_INDICATORS_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

int indicators_list(struct store_conn *c, const struct actor *a,
		    int active_only, int64_t limit, int64_t offset,
		    json_t **out, struct err *e);
int indicators_get(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t **out, struct err *e);
int indicators_create(struct store_conn *c, const struct actor *a,
		      json_t *body, json_t **out, struct err *e);
int indicators_update(struct store_conn *c, const struct actor *a,
		      int64_t id, json_t *body, json_t **out, struct err *e);
/* 409 while values exist (deactivate it instead). */
int indicators_delete(struct store_conn *c, const struct actor *a,
		      int64_t id, struct err *e);
/* 1 found (id set), 0 not, -1 error. */
int indicators_id_by_code(struct store_conn *c, const char *code,
			  int64_t *id, struct err *e);

struct ivalue_filter {
	int64_t unit_id, indicator_id; /* 0: any */
	const char *period;            /* a period key, NULL: any */
	const char *from, *to;         /* periods overlapping [from, to] */
	int64_t limit, offset;
};

int ivalues_list(struct store_conn *c, const struct actor *a,
		 const struct ivalue_filter *f, json_t **out, struct err *e);
int ivalues_get(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e);
int ivalues_create(struct store_conn *c, const struct actor *a,
		   json_t *body, json_t **out, struct err *e);
int ivalues_update(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t *body, json_t **out, struct err *e);
int ivalues_delete(struct store_conn *c, const struct actor *a, int64_t id,
		   struct err *e);

/*
 * Completeness and timeliness of indicator `id` for period key `period`
 * over the subtree of `unit_id` (as it stood on the period's last day):
 * the units expected to enter it, those that entered on time, late
 * (entered_on after the deadline), and not at all, as counts and lists.
 */
int indicators_completeness(struct store_conn *c, const struct actor *a,
			    int64_t id, int64_t unit_id, const char *period,
			    json_t **out, struct err *e);

#endif
