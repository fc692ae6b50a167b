/*
 * Shared handling of records entered at a unit; see records.h.
 */
#include "domain/records.h"
#include "domain/audit.h"
#include "domain/unit_history.h"
#include "store/store.h"

int records_delete(struct store_conn *c, const struct actor *a, int64_t id,
		   record_load_fn load, enum query q_delete, const char *entity,
		   struct err *e)
{
	json_t *before = NULL;
	int64_t unit;
	bool own;
	int rc = -1;

	if (store_begin_own(c, &own, e) < 0)
		return -1;
	if (load(c, a, id, &before, e) < 0)
		goto out;
	unit = json_integer_value(json_object_get(before, "unit_id"));
	if (unit_history_check_entry(c, a, unit, NULL, "unit_id", e) < 0 ||
	    store_exec(c, q_delete, (struct sval[]){ SV_I(id) }, 1, e) < 0 ||
	    audit_record(c, a, "delete", entity, id, unit, before, NULL, e) < 0)
		goto out;
	rc = 0;
out:
	json_decref(before);
	return store_end_own(c, own, rc, e);
}

int records_page(struct store_conn *c, enum query q_count, enum query q_list,
		 const struct sval *args, size_t n_count, size_t n_list,
		 json_t *(*to_json)(struct store_rows *r), const char *what,
		 json_t **out, struct err *e)
{
	struct store_rows *r;
	json_t *items;
	int64_t total = 0;
	int st;

	*out = NULL;
	if (store_int(c, q_count, args, n_count, &total, e) < 0 ||
	    store_query(c, q_list, args, n_list, &r, e) < 0)
		return -1;
	items = json_array();
	while ((st = store_next(r)) == 1)
		json_array_append_new(items, to_json(r));
	store_rows_free(r);
	if (st < 0) {
		json_decref(items);
		return err_internal(e, what);
	}
	*out = json_pack("{s:o, s:I}", "items", items, "total",
			 (json_int_t)total);
	return 0;
}
