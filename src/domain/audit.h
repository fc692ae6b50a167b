/*
 * The audit trail: who did what, when, from where, to which entity, with
 * the entity as it was before and after. Every create, update and delete
 * writes its row inside the transaction of the change, so a change and its
 * audit row commit or vanish together. Failed logins and refused accesses
 * are recorded too.
 *
 * Reading is for leaders and admins, limited to rows about units of their
 * subtree (rows with no unit, such as failed logins for unknown names, only
 * to users at the root of the tree).
 */
#ifndef TG_AUDIT_H
#define TG_AUDIT_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

/*
 * Record one row. `entity_id` and `unit_id` are 0 when not applicable;
 * `before` and `after` may be NULL and are not consumed. Returns -1 with `e`
 * (which may be NULL) filled when the row could not be written.
 */
int audit_record(struct store_conn *c, const struct actor *a,
		 const char *action, const char *entity, int64_t entity_id,
		 int64_t unit_id, json_t *before, json_t *after, struct err *e);

struct audit_filter {
	const char *entity;
	const char *action;
	const char *username;
	const char *from; /* "YYYY-MM-DD", inclusive */
	const char *to;   /* "YYYY-MM-DD", inclusive */
	int64_t entity_id;
	int64_t limit, offset;
};

/* {"items": [...], "total": N}; the caller owns the result. */
int audit_list(struct store_conn *c, const struct actor *a,
	       const struct audit_filter *f, json_t **out, struct err *e);

#endif
