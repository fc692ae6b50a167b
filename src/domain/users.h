/*
 * User accounts: each belongs to one unit and has one role. Only admins
 * manage accounts, and only for units of their own subtree. A password set
 * or reset by an admin ends the account's sessions, and so does disabling
 * it. An admin cannot reset their own password this way: everyone changes
 * their own with the current one (users_change_password). GET answers
 * carry "locked_until" (see auth.h, lockout). An admin cannot disable,
 * demote or delete their own account, so a deployment cannot lock itself
 * out by a slip. users_create and users_update join a transaction the
 * caller has open (imports).
 */
#ifndef TG_USERS_H
#define TG_USERS_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

struct users_filter {
	int64_t unit_id; /* 0: the whole subtree */
	const char *q;
	int64_t limit, offset;
};

int users_list(struct store_conn *c, const struct actor *a,
	       const struct users_filter *f, json_t **out, struct err *e);
int users_get(struct store_conn *c, const struct actor *a, int64_t id,
	      json_t **out, struct err *e);
/* Body: username, full_name, unit_id, role, password. */
int users_create(struct store_conn *c, const struct actor *a, json_t *body,
		 json_t **out, struct err *e);
/* Body: any of full_name, unit_id, role, disabled, password. */
int users_update(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t *body, json_t **out, struct err *e);
int users_delete(struct store_conn *c, const struct actor *a, int64_t id,
		 struct err *e);
/* As users_create, without the password policy: only for seeding the demo
 * province, whose shared password predates the policy. */
int users_create_seeded(struct store_conn *c, const struct actor *a,
			json_t *body, json_t **out, struct err *e);
/* An admin ends the lockout of an account in their subtree (audited
 * "unlock"). *out is the user. */
int users_unlock(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t **out, struct err *e);
/*
 * The signed-in user changes their own password. Body: current_password,
 * new_password. The current password is checked first (re-authentication,
 * counted by the lockout), the new one against the policy; every other
 * session of the user ends. *out: {password_changed, sessions_ended}.
 */
int users_change_password(struct store_conn *c, const struct actor *a,
			  json_t *body, json_t **out, struct err *e);

#endif
