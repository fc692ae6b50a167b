/*
 * What the modules of records entered at a unit (activities, classes,
 * reporters' conferences, indicator values, publications, …) share:
 * a page of a list with its total, and deleting one record with the same
 * checks as entering it, and its audit row, in one transaction (or the
 * caller's).
 */
#ifndef TG_RECORDS_H
#define TG_RECORDS_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "store/queries.h"

struct actor;
struct store_conn;
struct store_rows;
struct sval;

/*
 * One page of a list: *out = {"items": [to_json(row)…], "total": N}, N
 * from `q_count` run with the first `n_count` of `args` (the filters),
 * the rows from `q_list` run with all `n_list` (filters, limit, offset).
 * `what` names the collection in an internal error.
 */
int records_page(struct store_conn *c, enum query q_count, enum query q_list,
		 const struct sval *args, size_t n_count, size_t n_list,
		 json_t *(*to_json)(struct store_rows *r), const char *what,
		 json_t **out, struct err *e);

/* Loads record `id` as `a` sees it (404 outside the subtree). */
typedef int (*record_load_fn)(struct store_conn *c, const struct actor *a,
			      int64_t id, json_t **out, struct err *e);

/*
 * Delete record `id`: load it with `load`, check that `a` may enter data
 * for its unit (unit_history_check_entry), run `q_delete` with the id, and
 * audit the deletion of `entity` with the record as it was.
 */
int records_delete(struct store_conn *c, const struct actor *a, int64_t id,
		   record_load_fn load, enum query q_delete, const char *entity,
		   struct err *e);

#endif
