/*
 * Implementation tasks (triển khai, đôn đốc): a task is given by a unit
 * (the user's), usually from a document, to one or many units of the
 * user's subtree at once, with a deadline. Review milestones (sơ kết,
 * tổng kết) are tasks of kind "so_ket" / "tong_ket".
 *
 * Each receiving unit has an assignment with its own status: not_started,
 * in_progress or done (with the date and a one-line result). "overdue" is
 * derived, never stored: an assignment not done whose deadline is before
 * today (Vietnam time). The API shows it as `state`.
 *
 * Visibility: a task is visible to the subtree of its giving unit (all its
 * assignments) and to the subtrees of its receiving units (only their own
 * assignments): a commune never sees a neighbour's assignment. Creating,
 * editing and deleting tasks: admin, leader, specialist, for units of their
 * subtree (404 outside). An assignment's status is updated by its receiving
 * unit (a contributor only for their own unit) or by the giving side.
 * The deadline may not precede the document's date. Every change is
 * audited in its transaction.
 */
#ifndef TG_TASKS_H
#define TG_TASKS_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

struct tasks_filter {
	int64_t document_id; /* 0: any */
	const char *kind;
	const char *from, *to; /* deadline range */
	int64_t limit, offset;
};

/* Every JSON answer below is owned by the caller. */
int tasks_list(struct store_conn *c, const struct actor *a,
	       const struct tasks_filter *f, json_t **out, struct err *e);
int tasks_get(struct store_conn *c, const struct actor *a, int64_t id,
	      json_t **out, struct err *e);
/* Body: {document_id?, title, deadline, note?, kind?, unit_ids: [..]}. */
int tasks_create(struct store_conn *c, const struct actor *a, json_t *body,
		 json_t **out, struct err *e);
/* Body: {title?, deadline?, note?, kind?, add_unit_ids?: [..]}. */
int tasks_update(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t *body, json_t **out, struct err *e);
int tasks_delete(struct store_conn *c, const struct actor *a, int64_t id,
		 struct err *e);
/* Body: {status, done_date?, result?}. */
int tasks_assignment_update(struct store_conn *c, const struct actor *a,
			    int64_t task_id, int64_t id, json_t *body,
			    json_t **out, struct err *e);

/* The tasks of a document visible to `a`, each with its visible
 * assignments (a JSON array). */
int tasks_for_document(struct store_conn *c, const struct actor *a,
		       int64_t document_id, json_t **out, struct err *e);

/* Assignments of the user's own unit; `status`: "open", "done" or NULL. */
int tasks_inbox(struct store_conn *c, const struct actor *a,
		const char *status, int64_t limit, int64_t offset,
		json_t **out, struct err *e);
/* Units x tasks given by the user's subtree, optionally of one document
 * or one task: {tasks, units, cells, summary}. */
int tasks_matrix(struct store_conn *c, const struct actor *a,
		 int64_t document_id, int64_t task_id, json_t **out,
		 struct err *e);
/* Open assignments visible to the user due within `days` days from today
 * ({items, total}), and with `overdue` those already late instead. */
int tasks_due_soon(struct store_conn *c, const struct actor *a, int days,
		   int overdue, json_t **out, struct err *e);

#endif
