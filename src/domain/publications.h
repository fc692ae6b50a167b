/*
 * Publications (ấn phẩm), issue 9: the issues a committee compiles and
 * prints, the `publications` collection. A publication is one issue of a
 * series, held by the unit that publishes it: kind ("bulletin" bản tin
 * such as "Thông tin tổng hợp" or "Thông tin an ninh tư tưởng",
 * "handbook" sổ tay such as "Sổ tay Sinh hoạt chi bộ", "thematic" thông
 * tin chuyên đề, "book" sách), series name, optional title and issue
 * number, date of issue (not in the future; the unit follows
 * unit_history_check_entry() on it), copies printed (0..10.000.000) and
 * distribution (free text: to whom it was sent).
 *
 * publications_rollup_add() adds to a roll-up (rollup.h), by date of issue,
 * "publications": issues and copies per kind and "all" in totals, own and
 * every child, and in totals the list of "series" (with "monthly" when
 * every month of the range had exactly one issue of the same print run, at
 * one unit: "3.000 cuốn/tháng") and the first "books"; and
 * "press_reports": the weekly press reports (reports.h, category "press")
 * whose week ends in the range, and how many are submitted.
 *
 * Audited; own transaction or the caller's. JSON answers are owned by the
 * caller.
 */
#ifndef TG_PUBLICATIONS_H
#define TG_PUBLICATIONS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

struct publications_filter {
	int64_t unit_id;
	const char *kind, *series, *from, *to; /* date of issue in [from, to] */
	int64_t limit, offset;
};

int publications_list(struct store_conn *c, const struct actor *a,
		      const struct publications_filter *f, json_t **out,
		      struct err *e);
int publications_get(struct store_conn *c, const struct actor *a, int64_t id,
		     json_t **out, struct err *e);
int publications_create(struct store_conn *c, const struct actor *a,
			json_t *body, json_t **out, struct err *e);
int publications_update(struct store_conn *c, const struct actor *a,
			int64_t id, json_t *body, json_t **out, struct err *e);
int publications_delete(struct store_conn *c, const struct actor *a,
			int64_t id, struct err *e);

/* Whole calendar months touched by [from, to] ("2024-01-15".."2024-03-01"
 * -> 3); 0 when malformed or from > to. */
int publications_months_in_range(const char *from, const char *to);

/* Add "publications" and "press_reports" to the roll-up `rollup` of the
 * subtree of unit_id over [from, to] (its "totals", "own" and every
 * "children" entry). */
int publications_rollup_add(struct store_conn *c, int64_t unit_id,
			    const char *from, const char *to, bool root,
			    json_t *rollup,
			    struct err *e);

#endif
