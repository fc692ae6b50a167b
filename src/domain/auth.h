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
 * Anti-automation (OWASP ASVS 4.0 V2.2): after N consecutive failed
 * sign-ins for one username (5 by default) the name is locked for a period
 * that doubles with each lockout in a row (15 min, 30 min, 1 h, … at most
 * 24 h); while locked every attempt is refused with 429, whether the
 * password is right or not. The count lives in the database (table
 * login_lockouts), keyed by the username as typed, so it survives restarts
 * and a name that has no account is locked exactly like one that has: the
 * answers do not tell whether an account exists. A success ends the count;
 * an admin can unlock an account. Failures are also counted per client
 * address, in memory, to slow down guessing across many names.
 *
 * Password policy (ASVS V2.1): at least 12 characters (a run of spaces
 * counts once), at most 128, any Unicode, no composition rules; refused
 * when equal to the username or in a short list of common passwords. The
 * demo accounts ("Demo@2026") are seeded below this policy on purpose, see
 * demo.c.
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
#define AUTH_AGENT_SIZE 256    /* User-Agent kept with a session */
#define AUTH_PASSWORD_MIN 12   /* characters */
#define AUTH_PASSWORD_MAX 128
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
/* The password policy (see the top of this file); `username` may be NULL.
 * The error names `field`. */
int auth_password_policy(const char *password, const char *username,
			 const char *field, struct err *e);
/* True when the password is in the list of common passwords. */
bool auth_password_common(const char *password);

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
/* The same, keeping the browser's User-Agent (may be NULL) with the
 * session; a->session_id is the new session's id. A locked name gives 429
 * "account_locked", too many failures from the address 429
 * "rate_limited". */
int auth_login_from(struct store_conn *c, const char *username,
		    const char *password, const char *ip,
		    const char *user_agent, int64_t now, struct actor *a,
		    char token[AUTH_TOKEN_SIZE], struct err *e);

/* Check the signed-in user's current password before a sensitive change.
 * A wrong one is a 400 naming `field` and counts towards the lockout like a
 * failed sign-in (429 once locked). */
int auth_reauthenticate(struct store_conn *c, const struct actor *a,
			const char *password, const char *field, int64_t now,
			struct err *e);

/* Lockout: the length of the lockout after `lockouts` earlier ones in a
 * row; when `username` is locked (Unix seconds, 0 if it is not); and
 * clearing its count (an admin's unlock, or a success). */
int64_t auth_lockout_seconds(int64_t lockouts);
int64_t auth_locked_until(struct store_conn *c, const char *username,
			  int64_t now);
int auth_unlock(struct store_conn *c, const char *username, struct err *e);

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

/* Consecutive failures that lock an account, failures allowed per address
 * in the window, and the window (also the first lockout's length); tests
 * and the --login-limit option of `serve` may change them. The reset
 * clears the per-address counts only (lockouts are in the database). */
void auth_ratelimit_configure(int per_account, int per_address,
			      int window_seconds);
void auth_ratelimit_reset(void);

#endif
