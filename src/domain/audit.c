/*
 * The audit trail; see audit.h.
 */
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/units.h"
#include "base/clock.h"
#include "base/format.h"
#include "base/json.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

int audit_record(struct store_conn *c, const struct actor *a,
		 const char *action, const char *entity, int64_t entity_id,
		 int64_t unit_id, json_t *before, json_t *after, struct err *e)
{
	char at[CLOCK_ISO_SIZE];
	char *bj = before ? json_to_text(before) : NULL;
	char *aj = after ? json_to_text(after) : NULL;
	int r;

	clock_iso(clock_now(), at);
	r = store_exec(c, Q_AUDIT_INSERT,
		       (struct sval[]){
			       SV_T(at),
			       SV_OPT(a->user_id, a->user_id),
			       SV_T(a->username[0] ? a->username : NULL),
			       SV_T(a->ip[0] ? a->ip : NULL),
			       SV_T(action),
			       SV_T(entity),
			       SV_OPT(entity_id, entity_id),
			       SV_OPT(unit_id, unit_id),
			       SV_T(bj),
			       SV_T(aj),
		       },
		       10, e);
	free(bj);
	free(aj);
	return r;
}

/* "YYYY-MM-DD" -> the ISO time at which that day (UTC) starts, or the next
 * day's start when `next` (for an inclusive upper bound). */
static int day_bound(const char *d, bool next, char out[CLOCK_ISO_SIZE],
		     const char *field, struct err *e)
{
	int y, m, dd;

	if (date_parse_iso(d, &y, &m, &dd) < 0)
		return err_invalid(e, field,
				   "Ngày không hợp lệ, cần dạng YYYY-MM-DD.");
	clock_iso((date_to_days(y, m, dd) + (next ? 1 : 0)) * 86400, out);
	return 0;
}

static json_t *parse_or_null(const char *s)
{
	json_t *j;

	if (!s || !*s)
		return json_null();
	j = json_loads(s, 0, NULL);
	return j ? j : json_string(s);
}

int audit_list(struct store_conn *c, const struct actor *a,
	       const struct audit_filter *f, json_t **out, struct err *e)
{
	char lo[256], hi[256], from[CLOCK_ISO_SIZE], to[CLOCK_ISO_SIZE];
	struct store_rows *r;
	json_t *items;
	int64_t total = 0;
	int st;

	*out = NULL;
	if (f->from && day_bound(f->from, false, from, "from", e) < 0)
		return -1;
	if (f->to && day_bound(f->to, true, to, "to", e) < 0)
		return -1;
	units_subtree_range(a->unit_path, lo, hi);
	struct sval args[] = {
		SV_T(lo),
		SV_T(hi),
		SV_I(a->at_root ? 1 : 0),
		SV_T(f->entity),
		SV_T(f->action),
		SV_T(f->username),
		SV_T(f->from ? from : NULL),
		SV_T(f->to ? to : NULL),
		SV_OPT(f->entity_id, f->entity_id),
		SV_I(f->limit),
		SV_I(f->offset),
	};
	if (store_int(c, Q_AUDIT_LIST_COUNT, args, 9, &total, e) < 0)
		return -1;
	if (store_query(c, Q_AUDIT_LIST, args, 11, &r, e) < 0)
		return -1;
	items = json_array();
	while ((st = store_next(r)) == 1) {
		json_t *row = json_object();

		json_object_set_new(row, "id", json_integer(store_col_int(r, 0)));
		json_object_set_new(row, "at", json_string(store_col_text(r, 1)));
		json_object_set_new(row, "user_id",
				    store_col_null(r, 2)
					    ? json_null()
					    : json_integer(store_col_int(r, 2)));
		json_set_str_or_null(row, "username", store_col_text(r, 3));
		json_set_str_or_null(row, "ip", store_col_text(r, 4));
		json_object_set_new(row, "action",
				    json_string(store_col_text(r, 5)));
		json_object_set_new(row, "entity",
				    json_string(store_col_text(r, 6)));
		json_object_set_new(row, "entity_id",
				    store_col_null(r, 7)
					    ? json_null()
					    : json_integer(store_col_int(r, 7)));
		json_object_set_new(row, "unit_id",
				    store_col_null(r, 8)
					    ? json_null()
					    : json_integer(store_col_int(r, 8)));
		json_object_set_new(row, "before",
				    parse_or_null(store_col_text(r, 9)));
		json_object_set_new(row, "after",
				    parse_or_null(store_col_text(r, 10)));
		json_array_append_new(items, row);
	}
	store_rows_free(r);
	if (st < 0) {
		json_decref(items);
		return err_internal(e, "audit");
	}
	*out = json_pack("{s:o, s:I}", "items", items, "total",
			 (json_int_t)total);
	return 0;
}
