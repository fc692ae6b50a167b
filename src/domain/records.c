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
