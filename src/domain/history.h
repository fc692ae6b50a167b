/*
 * Party-history projects (biên soạn lịch sử Đảng bộ), issue 9: the
 * `history-projects` collection. A project is the history of one Party
 * organisation of the tree (`subject_unit_id`, the organisation whose
 * history it is), directed by a unit (`unit_id`: the subject itself or one
 * of its ancestors), with a title, a stage and its dates:
 *
 *   planned    no publication date
 *   compiling  started_on required, no publication date
 *   published  published_on required (the first publication)
 *   reprinted  published_on and reprinted_on required
 *
 * with started_on <= published_on <= reprinted_on, none in the future.
 * Scope follows the directing unit: 404 outside the actor's subtree, and
 * the subject must lie in it too. Audited; own transaction or the
 * caller's. JSON answers are owned by the caller.
 *
 * The share of grassroots organisations of a subtree that have published
 * their history ("100% các đảng bộ phường, xã đã xuất bản lịch sử Đảng")
 * is computed from the unit tree as it stood on a date: the units of the
 * grassroots level (HISTORY_GRASSROOTS_LEVEL unless asked otherwise)
 * valid that day, and among them those with a project published by then.
 * It is a rate object (rollup_rate_json), never an average.
 */
#ifndef TG_HISTORY_H
#define TG_HISTORY_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

/* The level code of grassroots Party committees (đảng bộ xã, phường). */
#define HISTORY_GRASSROOTS_LEVEL "coso"

/* The id of level `code` in *id (0, matching no unit, when there is no
 * such level), as the grassroots statements take it. */
int history_level_id(struct store_conn *c, const char *code, int64_t *id,
		     struct err *e);

struct history_filter {
	int64_t unit_id, subject_unit_id;
	const char *stage, *from, *to; /* published_on in [from, to] */
	int64_t limit, offset;
};

int history_list(struct store_conn *c, const struct actor *a,
		 const struct history_filter *f, json_t **out, struct err *e);
int history_get(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e);
int history_create(struct store_conn *c, const struct actor *a, json_t *body,
		   json_t **out, struct err *e);
int history_update(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t *body, json_t **out, struct err *e);
int history_delete(struct store_conn *c, const struct actor *a, int64_t id,
		   struct err *e);

/*
 * The grassroots units of the subtree of `unit_id` (in a's subtree, else
 * 404) on `date` (ISO), of level `level` (NULL: the grassroots level):
 * {"unit_id", "date", "level", "share": rate, "units": [{"id", "code",
 * "name", "published_on" (null when not yet), "compiling": bool}]}.
 */
int history_coverage(struct store_conn *c, const struct actor *a,
		     int64_t unit_id, const char *date, const char *level,
		     json_t **out, struct err *e);

#endif
