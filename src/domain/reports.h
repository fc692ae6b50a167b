/*
 * Periodic reports (SPEC §3.9): drafting from the roll-up, the free text
 * the author writes, the number and symbol, and submission upward.
 *
 * Kinds and periods: week "2023-W14", month "2023-05", quarter "2023-Q3",
 * half "2022-H1", nine_months "2023-9M" (January to September), year
 * "2023". One report per unit and period. Each kind has a deadline in days
 * after the period's end (table report_deadlines, editable by admins).
 *
 * Drafting (admin, leader, specialist of a unit in their subtree): the
 * roll-up of the unit's subtree over the period (rollup.h) is stored with
 * the report as its "figures"; section I is worded from it at read time
 * (report_text.h), so regenerating the figures keeps every free text
 * (results_text, limits_text, tasks_text). The number and symbol come from
 * the register of outgoing documents (documents.h): a document of type BC
 * is registered for the unit with the issuer of the unit (the issuer whose
 * unit_id is the unit, else the one its name implies: Thành ủy -> ThU,
 * Tỉnh ủy -> TU, Huyện ủy -> HU, Đảng ủy -> ĐU) and numbered there. When
 * no number can be given (no term covers the date) the report has none.
 * A report drafted before its period has ended is "provisional": it may be
 * edited but not submitted.
 *
 * Submission: draft -> submitted (leader or admin) locks the report; a
 * leader or admin can reopen it with a reason. Submitting twice is 409.
 * The upper unit sees its direct lower units for a period: submitted on
 * time, late (after the deadline), missing (and overdue once the deadline
 * has passed). Every write is audited in its transaction.
 *
 * Categories: "periodic" (the default) and "press", the weekly press report
 * (báo cáo công tác báo chí hàng tuần, issue 9): a week period only, its
 * body (results_text) the week's coverage summary the specialist writes,
 * the week's figures beside it, its own number, submitted like the
 * others. A unit has one report per category and period; press reports
 * are not in the submission status of periodic reports, do not freeze
 * opinion reports, and are counted in the roll-up ("press_reports",
 * publications.h).
 *
 * All JSON answers are owned by the caller.
 */
#ifndef TG_REPORTS_H
#define TG_REPORTS_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/periods.h"

struct actor;
struct store_conn;

/* A report period key into `p` and its kind ("half", "nine_months", …);
 * 400 (field "period") when malformed or custom. */
int reports_period_parse(const char *key, struct period *p, const char **kind,
			 struct err *e);

struct reports_filter {
	int64_t unit_id; /* 0: any unit of the subtree */
	const char *period, *kind, *status;
	const char *category; /* "periodic", "press" or NULL: both */
	int64_t limit, offset;
};

int reports_list(struct store_conn *c, const struct actor *a,
		 const struct reports_filter *f, json_t **out, struct err *e);
/* The report with "results": the paragraphs of section I, and "header":
 * the lines of the Party header. */
int reports_get(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e);
/* {"unit_id", "period", "report_date"?, "place"?, "signer"?, "title"?,
 * "category"?}; 409 when the unit already has a report of that category
 * for the period. */
int reports_create(struct store_conn *c, const struct actor *a, json_t *body,
		   json_t **out, struct err *e);
/* Free text and header fields of a draft; 409 when submitted. */
int reports_update(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t *body, json_t **out, struct err *e);
/* Recompute the figures of a draft; the free text is kept. */
int reports_regenerate(struct store_conn *c, const struct actor *a, int64_t id,
		       json_t **out, struct err *e);
int reports_submit(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t **out, struct err *e);
/* {"reason"} required. */
int reports_reopen(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t *body, json_t **out, struct err *e);
int reports_delete(struct store_conn *c, const struct actor *a, int64_t id,
		   struct err *e);
/* The direct lower units of `unit_id` for `period`: {"unit", "period",
 * "kind", "deadline", "items": [{"unit", "report_id", "state":
 * on_time|late|draft|missing, "submitted_at", "overdue"}], "counts"}. */
int reports_status(struct store_conn *c, const struct actor *a, int64_t unit_id,
		   const char *period, json_t **out, struct err *e);

int report_deadlines_list(struct store_conn *c, json_t **out, struct err *e);
/* {"kind", "days"}; admins only (the router checks). */
int report_deadlines_update(struct store_conn *c, const struct actor *a,
			    json_t *body, json_t **out, struct err *e);

#endif
