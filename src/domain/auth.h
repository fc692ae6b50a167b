/*
 * Who is asking: roles, passwords, sessions, CSRF tokens and login rate
 * limiting.
 *
 * Passwords are hashed with Argon2id (libsodium, 2 passes, 19 MiB: the OWASP
 * minimum). A session is a random 256-bit token given to the browser in an
 * HttpOnly cookie; the database keeps only its SHA-256, so a stolen database
 * copy cannot be replayed as sessions. A session ends after 30 minutes idle
 * or 12 hours in all. Each session carries its own CSRF token, which the
 * client sends back in X-CSRF-Token on every state change.
 *
 * Login attempts are limited per account and per client address: after too
 * many failures in the window every further attempt is refused with 429 until
 * the window has passed, whether the password is right or not.
 */
#ifndef TG_AUTH_H
#define TG_AUTH_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

struct store_conn;

enum role {
	ROLE_ADMIN = 1 << 0,
	ROLE_LEADER = 1 << 1,
	ROLE_SPECIALIST = 1 << 2,
	ROLE_CONTRIBUTOR = 1 << 3,
	ROLE_VIEWER = 1 << 4,
};

/* Sets of roles, as used by the route table. */
#define ROLES_ANY                                                      \
	(ROLE_ADMIN | ROLE_LEADER | ROLE_SPECIALIST | ROLE_CONTRIBUTOR | \
	 ROLE_VIEWER)
#define ROLES_LEADERS (ROLE_ADMIN | ROLE_LEADER)
#define ROLES_ADMIN ROLE_ADMIN

#define AUTH_TOKEN_SIZE 65     /* 64 hex digits and the NUL */
#define AUTH_IDLE_SECONDS (30 * 60)
#define AUTH_ABSOLUTE_SECONDS (12 * 60 * 60)

/* The signed-in user of a request, with the root of what they may see. */
struct actor {
	int64_t user_id;      /* 0: nobody signed in */
	int64_t session_id;
	enum role role;
	int64_t unit_id;
	bool at_root;         /* the user's unit has no parent */
	char username[65];
	char full_name[256];
	char unit_code[65];
	char unit_name[256];
	char unit_path[256];  /* "/1/5/"; the subtree the user may see */
	char csrf[AUTH_TOKEN_SIZE];
	char ip[64];
};

/* Initialise libsodium; called by main() at start-up and, to be safe, by
 * every function here that needs it. Idempotent and thread-safe. */
void auth_init(void);

const char *role_name(enum role r);
/* Parse "admin", "leader", …; -1 for anything else. */
int role_parse(const char *s, enum role *out);

/* Hash a password (Argon2id); the caller frees the result. NULL if the
 * system is out of memory for the hash. */
char *auth_hash_password(const char *password);
bool auth_verify_password(const char *hash, const char *password);
/* The password policy: 8..128 characters (not bytes), not only letters or
 * only digits. */
int auth_password_policy(const char *password, const char *field,
			 struct err *e);

/*
 * Sign in. On success fills `a` (with the new session's CSRF token), writes
 * the session token (to be set as the cookie) to `token`, records a "login"
 * audit row and returns 0. A wrong username or password gives 401 and a
 * "login_failed" audit row; too many recent failures give 429.
 * `now` is Unix seconds.
 */
int auth_login(struct store_conn *c, const char *username,
	       const char *password, const char *ip, int64_t now,
	       struct actor *a, char token[AUTH_TOKEN_SIZE], struct err *e);

/*
 * Resolve a session token into the actor. 401 when the token is unknown,
 * expired (idle or absolute; the session is then deleted) or its user is
 * disabled. Refreshes the idle timer at most once a minute.
 */
int auth_session(struct store_conn *c, const char *token, const char *ip,
		 int64_t now, struct actor *a, struct err *e);

/*
 * The actor of the enabled account `username`, without a session: the CLI
 * runs imports as a named account so that its scope and the audit trail
 * apply. 404 (field "as") when there is no such enabled account.
 */
int auth_actor_for(struct store_conn *c, const char *username,
		   const char *ip, struct actor *a, struct err *e);

int auth_logout(struct store_conn *c, const struct actor *a,
		const char *token, struct err *e);

/* Constant-time comparison of the request's X-CSRF-Token with the
 * session's. */
bool auth_csrf_ok(const struct actor *a, const char *header);

/* The actor as the JSON "user" object of login and session answers. */
json_t *auth_actor_json(const struct actor *a);

/* Failures allowed per account and per address in the window; tests and
 * the --login-limit option of `serve` may change them. */
void auth_ratelimit_configure(int per_account, int per_address,
			      int window_seconds);
void auth_ratelimit_reset(void);

#endif
