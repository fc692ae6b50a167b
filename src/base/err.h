/*
 * The error a user sees. Functions that can fail for a reason the user must
 * be told return -1 and fill a `struct err`: an HTTP-ish status, a stable
 * machine code, the field at fault (empty when none) and a message in
 * Vietnamese. The HTTP layer turns it into
 * {"error": {"code": …, "message": …, "field": …}}; the CLI prints it.
 *
 * The fields are fixed-size so an error can be filled on any path without
 * allocation; err_set() truncates on a UTF-8 boundary.
 */
#ifndef TG_ERR_H
#define TG_ERR_H

#include <stddef.h>

enum err_status {
	ERR_BAD_INPUT = 400,
	ERR_UNAUTHENTICATED = 401,
	ERR_FORBIDDEN = 403,
	ERR_NOT_FOUND = 404,
	ERR_METHOD = 405,
	ERR_CONFLICT = 409,
	ERR_TOO_LARGE = 413,
	ERR_RATE_LIMITED = 429,
	ERR_INTERNAL = 500,
	ERR_UNAVAILABLE = 503,
};

struct err {
	int status;        /* 0 while no error is set */
	char code[40];     /* e.g. "invalid", "not_found", "conflict" */
	char field[64];    /* JSON field name at fault, "" if none */
	char message[400]; /* Vietnamese, for the user */
};

#define ERR_INIT { 0, "", "", "" }

/*
 * Fill `e` (if not NULL) and return -1, so callers can write
 * `return err_set(e, 400, "invalid", "name", "Tên không được để trống");`.
 * `field` may be NULL. The message is a printf format.
 */
int err_set(struct err *e, int status, const char *code, const char *field,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Shorthands for the common cases. */
int err_invalid(struct err *e, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int err_not_found(struct err *e);
/*
 * The thing exists but lies outside the user's subtree. The user sees the
 * same 404 as for a missing thing (nothing leaks); the code "out_of_scope"
 * lets the HTTP layer record the refused access in the audit trail.
 */
int err_out_of_scope(struct err *e);
int err_internal(struct err *e, const char *what);

void err_clear(struct err *e);

#endif
