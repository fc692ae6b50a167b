/*
 * Listing and ending sessions (OWASP ASVS 4.0 V3.3): a user sees their own
 * active sessions (when created, when last seen, the address and browser
 * they came from; never the token, which the database does not even hold)
 * and can end any of them; an admin can do the same for any account of
 * their subtree (outside it: 404). Every ending is audited
 * ("session_end").
 */
#ifndef TG_SESSIONS_H
#define TG_SESSIONS_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

/* The active sessions of `user_id` (0: the actor's own), newest use first:
 * {"items": [{id, created_at, last_seen, ip, user_agent, current}],
 * "total"}. `now` is Unix seconds. The caller owns *out. */
int sessions_list(struct store_conn *c, const struct actor *a,
		  int64_t user_id, int64_t now, json_t **out, struct err *e);

/* End session `session_id` of `user_id` (0: the actor's own); 404 when the
 * user has no such session. */
int sessions_end(struct store_conn *c, const struct actor *a, int64_t user_id,
		 int64_t session_id, struct err *e);

/* End every session of `user_id` (0: the actor's own) but the actor's
 * current one. *ended is how many ended. */
int sessions_end_all(struct store_conn *c, const struct actor *a,
		     int64_t user_id, int64_t *ended, struct err *e);

#endif
