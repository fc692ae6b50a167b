/*
 * Units (đơn vị): the tree every figure hangs on, and its configurable levels.
 *
 * A unit has a code (unique, upper-case ASCII), full and short names, a
 * level (a row of `levels`, not an enum: the 2025 reorganisation removed the
 * district level), a parent (NULL for the root), validity dates and its own
 * count of Party members (set on cells). Its `path` ("/1/5/23/") lists its
 * ancestors and itself, so a subtree is one index range (see queries.h) and
 * "is X inside the user's subtree" is a prefix test.
 *
 * Rules: codes are unique; the parent exists and lies in the user's subtree;
 * a child's level ranks below its parent's; a move never puts a unit under
 * itself or its own descendant; a unit with children or users cannot be
 * deleted. Every change is audited in its transaction; units_create and
 * units_update join a transaction the caller has open (imports) instead
 * of starting their own. Units outside the
 * user's subtree are "not found" (404), never "forbidden".
 */
#ifndef TG_UNITS_H
#define TG_UNITS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "store/queries.h"

struct actor;
struct store_conn;

#define UNIT_PATH_SIZE 256

/* The index range [lo, hi) of the subtree rooted at `path`. */
void units_subtree_range(const char *path, char lo[UNIT_PATH_SIZE],
			 char hi[UNIT_PATH_SIZE]);

/* True if `path` is `scope` or below it. */
bool units_path_within(const char *scope, const char *path);

/*
 * Look up unit `id` as seen by `a`: 404 when it does not exist or lies
 * outside a's subtree. On success fills `path` (may be NULL).
 */
int units_check_scope(struct store_conn *c, const struct actor *a,
		      int64_t id, char path[UNIT_PATH_SIZE], struct err *e);

/*
 * Load one record by id with statement `q` (its only parameter is the id)
 * and build its JSON with `to_json`, when the unit path in column
 * `path_col` lies inside a's subtree. 404 when there is no such record, 404
 * with code "out_of_scope" when it lies outside; `what` names the record in
 * internal errors. On success the caller owns *out.
 */
struct store_rows;
int units_load_scoped(struct store_conn *c, const struct actor *a,
		      enum query q, int64_t id, int path_col,
		      json_t *(*to_json)(struct store_rows *r), const char *what,
		      json_t **out, struct err *e);

struct units_filter {
	int64_t parent_id; /* 0: none */
	const char *q;     /* accent-insensitive search in code and names */
	const char *level; /* level code */
	int64_t limit, offset;
};

/* The JSON answers below are owned by the caller. */
int units_list(struct store_conn *c, const struct actor *a,
	       const struct units_filter *f, json_t **out, struct err *e);
int units_get(struct store_conn *c, const struct actor *a, int64_t id,
	      json_t **out, struct err *e);
int units_create(struct store_conn *c, const struct actor *a, json_t *body,
		 json_t **out, struct err *e);
int units_update(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t *body, json_t **out, struct err *e);
int units_delete(struct store_conn *c, const struct actor *a, int64_t id,
		 struct err *e);

/* Find a unit's id by code, ignoring scope (CLI and demo loader). Returns 1
 * if found, 0 if not, -1 on error. */
int units_id_by_code(struct store_conn *c, const char *code, int64_t *id,
		     struct err *e);

/*
 * Create the root unit (no parent) with the given level. Only the CLI and
 * the demo loader do this: through the API every unit has a parent inside
 * the user's subtree.
 */
int units_create_root(struct store_conn *c, const struct actor *a,
		      json_t *body, json_t **out, struct err *e);

int levels_list(struct store_conn *c, json_t **out, struct err *e);
int levels_create(struct store_conn *c, const struct actor *a, json_t *body,
		  json_t **out, struct err *e);
int levels_update(struct store_conn *c, const struct actor *a, int64_t id,
		  json_t *body, json_t **out, struct err *e);

#endif
