/*
 * Strict decoding of JSON request bodies against a field table, on top of
 * jansson. A body is refused (400, with `field` naming the culprit) when it
 * is not an object, has a field the table does not list, has a value of the
 * wrong type, misses a required field (on create), or has a string longer
 * than its limit (in characters) or an integer out of range. Bodies that are
 * not well-formed JSON or not UTF-8 are refused by json_parse_body(), which
 * names the field around the bad byte when it can.
 *
 * Domain modules declare their tables and call json_check() before reading
 * any value, so validation lives next to the rules it serves.
 */
#ifndef TG_JSON_H
#define TG_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

enum jf_type {
	JF_STRING, /* a JSON string, max_len characters, min_len after trim */
	JF_INT,    /* a JSON integer in [min, max] */
	JF_BOOL,
	JF_DATE,   /* a string "YYYY-MM-DD" naming a real date */
	JF_ID,     /* a positive integer id */
	JF_ANY,    /* any JSON value (checked by the caller) */
};

enum {
	JF_REQUIRED = 1 << 0, /* must be present when creating */
	JF_NULLABLE = 1 << 1, /* null is accepted (clears the value) */
};

struct jfield {
	const char *name;
	enum jf_type type;
	unsigned flags;
	size_t min_len, max_len; /* JF_STRING, in characters */
	int64_t min, max;        /* JF_INT */
	const char *label;       /* Vietnamese name used in messages */
};

/*
 * Parse a request body. On success *out is a new reference the caller
 * releases with json_decref(). Empty bodies, malformed JSON and invalid
 * UTF-8 give a 400 error.
 */
int json_parse_body(const char *body, size_t len, json_t **out,
		    struct err *e);

/*
 * Check `obj` against the NULL-name-terminated `spec`. With `creating`, every
 * JF_REQUIRED field must be present (and not null).
 */
int json_check(json_t *obj, const struct jfield *spec, bool creating,
	       struct err *e);

/* Accessors for values json_check() has already validated. The string
 * returned is borrowed from `obj`; `def` when the field is absent or null. */
const char *json_get_str(json_t *obj, const char *name, const char *def);
int64_t json_get_int(json_t *obj, const char *name, int64_t def);
bool json_get_bool(json_t *obj, const char *name, bool def);
bool json_has(json_t *obj, const char *name);
bool json_is_null_field(json_t *obj, const char *name);

/* Add a string or JSON null (for a NULL pointer or ""), taking no ownership
 * of `s`. */
void json_set_str_or_null(json_t *obj, const char *name, const char *s);

/* Serialise compactly; the caller frees the result. */
char *json_to_text(const json_t *j);

#endif
