/*
 * Merges and moves of units with dates; see unit_history.h.
 */
#include "domain/unit_history.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/periods.h"
#include "domain/rollup_agg.h"
#include "domain/units.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/format.h"
#include "base/json.h"
#include "store/store.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const struct jfield move_fields[] = {
	{ "parent_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị cấp trên mới" },
	{ "date", JF_DATE, JF_REQUIRED, 0, 0, 0, 0, "Ngày chuyển" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const struct jfield merge_fields[] = {
	{ "into", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị hợp nhất vào" },
	{ "date", JF_DATE, JF_REQUIRED, 0, 0, 0, 0, "Ngày sáp nhập" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

/* A unit as the history code needs it. */
struct uinfo {
	int64_t id, parent_id, depth, rank;
	char path[UNIT_PATH_SIZE];
	json_t *json; /* units_get answer, owned */
};

static void uinfo_release(struct uinfo *u)
{
	json_decref(u->json);
	u->json = NULL;
}

static int level_rank(struct store_conn *c, const char *code, int64_t *rank,
		      struct err *e)
{
	struct store_rows *r;
	int st;

	if (store_query(c, Q_LEVEL_GET_BY_CODE, (struct sval[]){ SV_T(code) },
			1, &r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1)
		*rank = store_col_int(r, 3);
	store_rows_free(r);
	return st == 1 ? 0 : err_internal(e, "level");
}

/* Load unit `id` inside a's subtree (404 otherwise). */
static int uinfo_load(struct store_conn *c, const struct actor *a,
		      int64_t id, struct uinfo *u, struct err *e)
{
	json_t *p;

	memset(u, 0, sizeof(*u));
	if (units_check_scope(c, a, id, u->path, e) < 0 ||
	    units_get(c, a, id, &u->json, e) < 0)
		return -1;
	u->id = id;
	p = json_object_get(u->json, "parent_id");
	u->parent_id = json_is_integer(p) ? json_integer_value(p) : 0;
	u->depth = json_integer_value(json_object_get(u->json, "depth"));
	if (level_rank(c, json_string_value(json_object_get(u->json, "level")),
		       &u->rank, e) < 0) {
		uinfo_release(u);
		return -1;
	}
	return 0;
}

int unit_history_created(struct store_conn *c, int64_t id, int64_t parent_id,
			 struct err *e)
{
	if (store_exec(c, Q_UH_SELF_INSERT, (struct sval[]){ SV_I(id) }, 1, e) <
	    0)
		return -1;
	if (!parent_id)
		return 0;
	if (store_exec(c, Q_UH_LINK_INSERT,
		       (struct sval[]){ SV_I(id), SV_I(parent_id),
					SV_T(UH_BEGIN) },
		       3, e) < 0 ||
	    store_exec(c, Q_UH_INHERIT,
		       (struct sval[]){ SV_I(id), SV_I(parent_id) }, 2, e) < 0)
		return -1;
	return 0;
}

/* The start of the unit's open link ("" if none). */
static int open_link(struct store_conn *c, int64_t id,
		     char from[PERIOD_DATE_SIZE], struct err *e)
{
	struct store_rows *r;
	int st;

	from[0] = '\0';
	if (store_query(c, Q_UH_OPEN_LINK, (struct sval[]){ SV_I(id) }, 1, &r,
			e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1)
		snprintf(from, PERIOD_DATE_SIZE, "%s", store_col_text(r, 2));
	store_rows_free(r);
	return st < 0 ? err_internal(e, "unit link") : 0;
}

int unit_history_moved(struct store_conn *c, int64_t id, int64_t parent_id,
		       const char *date, struct err *e)
{
	char from[PERIOD_DATE_SIZE], before[PERIOD_DATE_SIZE];

	if (open_link(c, id, from, e) < 0)
		return -1;
	if (from[0] && strcmp(date, from) < 0)
		return err_invalid(e, "date",
				   "Ngày thay đổi không được trước lần thay đổi"
				   " trước của đơn vị (%s).",
				   from);
	if (periods_add_days(date, -1, before) < 0)
		return err_invalid(e, "date", "Ngày không hợp lệ.");
	/* The records of the subtree dated from `date` count under other
	 * ancestors after this: out of the aggregates now, back at the end. */
	if (rollup_agg_shift(c, id, date, -1, e) < 0)
		return -1;
	/* A second change on the same day replaces the first. */
	if (store_exec(c, !strcmp(date, from) ? Q_UH_DROP_OPEN_LINK
					      : Q_UH_CLOSE_LINK,
		       (struct sval[]){ SV_I(id), SV_T(before) }, 2, e) < 0 ||
	    store_exec(c, Q_UH_LINK_INSERT,
		       (struct sval[]){ SV_I(id), SV_I(parent_id), SV_T(date) },
		       3, e) < 0 ||
	    store_exec(c, Q_UH_DROP_ABOVE_AFTER,
		       (struct sval[]){ SV_I(id), SV_T(before) }, 2, e) < 0 ||
	    store_exec(c, Q_UH_CLOSE_ABOVE,
		       (struct sval[]){ SV_I(id), SV_T(before) }, 2, e) < 0 ||
	    store_exec(c, Q_UH_OPEN_UNDER,
		       (struct sval[]){ SV_I(id), SV_I(parent_id), SV_T(date) },
		       3, e) < 0)
		return -1;
	return rollup_agg_shift(c, id, date, 1, e);
}

/* Move u under np in the current tree (units.path, depth, parent_id). */
static int repath(struct store_conn *c, const struct uinfo *u,
		  const struct uinfo *np, struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE], path[UNIT_PATH_SIZE];
	int n;

	n = snprintf(path, sizeof(path), "%s%" PRId64 "/", np->path, u->id);
	if (n < 0 || (size_t)n >= sizeof(path))
		return err_invalid(e, "parent_id", "Cây đơn vị quá sâu.");
	units_subtree_range(u->path, lo, hi);
	if (store_exec(c, Q_UNIT_REPATH_SUBTREE,
		       (struct sval[]){ SV_T(path),
					SV_I((int64_t)strlen(u->path) + 1),
					SV_I(np->depth + 1 - u->depth), SV_T(lo),
					SV_T(hi) },
		       5, e) < 0)
		return -1;
	return store_exec(c, Q_UNIT_SET_PARENT,
			  (struct sval[]){ SV_I(u->id), SV_I(np->id) }, 2, e);
}

/* Is unit `id` merged? Fills the successor and date when it is. */
static int merge_of(struct store_conn *c, int64_t id, int64_t *into,
		    char on[PERIOD_DATE_SIZE], struct err *e)
{
	struct store_rows *r;
	int st;

	*into = 0;
	on[0] = '\0';
	if (store_query(c, Q_UH_VALIDITY, (struct sval[]){ SV_I(id) }, 1, &r,
			e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1 && !store_col_null(r, 2)) {
		*into = store_col_int(r, 2);
		snprintf(on, PERIOD_DATE_SIZE, "%s", store_col_text(r, 3));
	}
	store_rows_free(r);
	return st < 0 ? err_internal(e, "unit") : 0;
}

static int check_change_date(const char *date, struct err *e)
{
	char today[11];

	clock_today_vn(today);
	if (strcmp(date, today) > 0)
		return err_invalid(e, "date",
				   "Ngày thay đổi không được sau ngày hôm nay.");
	return 0;
}

/* Move u under np from `date`: history, then the current tree. */
static int move_one(struct store_conn *c, const struct uinfo *u,
		    const struct uinfo *np, const char *date, struct err *e)
{
	if (np->rank >= u->rank)
		return err_invalid(e, "parent_id",
				   "Cấp của đơn vị phải thấp hơn cấp của đơn vị"
				   " cấp trên.");
	if (unit_history_moved(c, u->id, np->id, date, e) < 0)
		return -1;
	return repath(c, u, np, e);
}

static int history_json(struct store_conn *c, int64_t id, json_t **out,
			struct err *e)
{
	struct store_rows *r;
	json_t *links = json_array(), *from = json_array(), *j;
	char on[PERIOD_DATE_SIZE];
	int64_t into;
	int st;

	*out = NULL;
	if (store_query(c, Q_UH_LINKS, (struct sval[]){ SV_I(id) }, 1, &r, e) <
	    0)
		goto fail;
	while ((st = store_next(r)) == 1) {
		j = json_pack("{s:I, s:s, s:s, s:s}", "parent_id",
			      (json_int_t)store_col_int(r, 0), "parent_code",
			      store_col_text(r, 1), "parent_name",
			      store_col_text(r, 2), "valid_from",
			      store_col_text(r, 3));
		json_set_str_or_null(j, "valid_to",
				     strcmp(store_col_text(r, 4), UH_OPEN)
					     ? store_col_text(r, 4)
					     : NULL);
		if (!strcmp(store_col_text(r, 3), UH_BEGIN))
			json_object_set_new(j, "valid_from", json_null());
		json_array_append_new(links, j);
	}
	store_rows_free(r);
	if (st < 0 ||
	    store_query(c, Q_UH_MERGED_FROM, (struct sval[]){ SV_I(id) }, 1, &r,
			e) < 0)
		goto fail;
	while ((st = store_next(r)) == 1)
		json_array_append_new(
			from, json_pack("{s:I, s:s, s:s, s:s}", "unit_id",
					(json_int_t)store_col_int(r, 0), "code",
					store_col_text(r, 1), "name",
					store_col_text(r, 2), "merged_on",
					store_col_text(r, 3)));
	store_rows_free(r);
	if (st < 0 || merge_of(c, id, &into, on, e) < 0)
		goto fail;
	*out = json_pack("{s:I, s:o, s:o}", "unit_id", (json_int_t)id, "links",
			 links, "merged_from", from);
	json_object_set_new(*out, "merged_into",
			    into ? json_integer(into) : json_null());
	json_set_str_or_null(*out, "merged_on", on);
	return 0;
fail:
	json_decref(links);
	json_decref(from);
	return e && e->status ? -1 : err_internal(e, "unit history");
}

int unit_history_get(struct store_conn *c, const struct actor *a,
		     int64_t id, json_t **out, struct err *e)
{
	*out = NULL;
	if (units_check_scope(c, a, id, NULL, e) < 0)
		return -1;
	return history_json(c, id, out, e);
}

/* The answer of move and merge: the unit with its history. */
static int answer(struct store_conn *c, const struct actor *a, int64_t id,
		  json_t **out, struct err *e)
{
	json_t *h;

	if (units_get(c, a, id, out, e) < 0)
		return -1;
	if (history_json(c, id, &h, e) < 0) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	json_object_set_new(*out, "history", h);
	return 0;
}

int unit_history_move(struct store_conn *c, const struct actor *a,
		      int64_t id, json_t *body, json_t **out, struct err *e)
{
	struct uinfo u = { 0 }, np = { 0 };
	const char *date;
	char on[PERIOD_DATE_SIZE];
	int64_t into;

	*out = NULL;
	if (json_check(body, move_fields, true, e) < 0)
		return -1;
	date = json_get_str(body, "date", "");
	if (check_change_date(date, e) < 0 || store_begin(c, e) < 0)
		return -1;
	if (uinfo_load(c, a, id, &u, e) < 0)
		goto fail;
	if (id == a->unit_id || !u.parent_id) {
		err_set(e, ERR_FORBIDDEN, "forbidden", "parent_id",
			"Không thể chuyển đơn vị gốc trong phạm vi quản lý của"
			" bạn.");
		goto fail;
	}
	if (uinfo_load(c, a, json_get_int(body, "parent_id", 0), &np, e) < 0) {
		err_invalid(e, "parent_id",
			    "Đơn vị cấp trên không tồn tại hoặc nằm ngoài phạm vi"
			    " quản lý của bạn.");
		goto fail;
	}
	if (np.id == u.parent_id) {
		err_invalid(e, "parent_id",
			    "Đơn vị đã trực thuộc đơn vị cấp trên này.");
		goto fail;
	}
	if (units_path_within(u.path, np.path)) {
		err_invalid(e, "parent_id",
			    "Không thể chuyển đơn vị vào chính nó hoặc vào đơn"
			    " vị trực thuộc của nó.");
		goto fail;
	}
	if (merge_of(c, id, &into, on, e) < 0 ||
	    (!into && merge_of(c, np.id, &into, on, e) < 0))
		goto fail;
	if (into) {
		err_invalid(e, "parent_id",
			    "Đơn vị đã sáp nhập từ ngày %s, không thể chuyển.",
			    on);
		goto fail;
	}
	if (move_one(c, &u, &np, date, e) < 0 ||
	    answer(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "update", "unit", id, id, u.json, *out, e) < 0 ||
	    store_commit(c, e) < 0)
		goto fail;
	uinfo_release(&u);
	uinfo_release(&np);
	return 0;
fail:
	store_rollback(c);
	uinfo_release(&u);
	uinfo_release(&np);
	json_decref(*out);
	*out = NULL;
	return -1;
}

/* The children of `id`, as a JSON array of ids (owned by the caller). */
static int child_ids(struct store_conn *c, int64_t id, json_t **out,
		     struct err *e)
{
	struct store_rows *r;
	int st;

	*out = json_array();
	if (store_query(c, Q_UH_CHILD_IDS, (struct sval[]){ SV_I(id) }, 1, &r,
			e) < 0)
		return -1;
	while ((st = store_next(r)) == 1)
		json_array_append_new(*out, json_integer(store_col_int(r, 0)));
	store_rows_free(r);
	return st < 0 ? err_internal(e, "children") : 0;
}

int unit_history_merge(struct store_conn *c, const struct actor *a,
		       int64_t id, json_t *body, json_t **out, struct err *e)
{
	struct uinfo u = { 0 }, s = { 0 }, ch = { 0 };
	json_t *kids = NULL, *v;
	const char *date;
	char before[PERIOD_DATE_SIZE], on[PERIOD_DATE_SIZE], now[CLOCK_ISO_SIZE];
	int64_t into, records = 0;
	size_t i;

	*out = NULL;
	if (json_check(body, merge_fields, true, e) < 0)
		return -1;
	date = json_get_str(body, "date", "");
	if (check_change_date(date, e) < 0 || store_begin(c, e) < 0)
		return -1;
	if (uinfo_load(c, a, id, &u, e) < 0)
		goto fail;
	if (id == a->unit_id || !u.parent_id) {
		err_set(e, ERR_FORBIDDEN, "forbidden", "into",
			"Không thể sáp nhập đơn vị gốc trong phạm vi quản lý"
			" của bạn.");
		goto fail;
	}
	if (uinfo_load(c, a, json_get_int(body, "into", 0), &s, e) < 0) {
		err_invalid(e, "into",
			    "Đơn vị hợp nhất vào không tồn tại hoặc nằm ngoài"
			    " phạm vi quản lý của bạn.");
		goto fail;
	}
	if (s.id == u.id || units_path_within(u.path, s.path)) {
		err_invalid(e, "into",
			    "Không thể sáp nhập đơn vị vào chính nó hoặc vào đơn"
			    " vị trực thuộc của nó.");
		goto fail;
	}
	if (merge_of(c, id, &into, on, e) < 0)
		goto fail;
	if (into) {
		err_set(e, ERR_CONFLICT, "conflict", NULL,
			"Đơn vị đã được sáp nhập từ ngày %s.", on);
		goto fail;
	}
	if (merge_of(c, s.id, &into, on, e) < 0)
		goto fail;
	if (into) {
		err_invalid(e, "into", "Đơn vị hợp nhất vào đã bị sáp nhập từ"
				       " ngày %s.", on);
		goto fail;
	}
	if (store_int(c, Q_UH_RECORDS_AFTER,
		      (struct sval[]){ SV_I(id), SV_T(date) }, 2, &records,
		      e) < 0)
		goto fail;
	if (records) {
		err_set(e, ERR_CONFLICT, "conflict", "date",
			"Đơn vị còn %lld số liệu từ ngày %s trở đi; hãy chuyển"
			" chúng sang đơn vị hợp nhất trước khi sáp nhập.",
			(long long)records, date);
		goto fail;
	}
	if (child_ids(c, id, &kids, e) < 0)
		goto fail;
	json_array_foreach(kids, i, v) {
		if (uinfo_load(c, a, json_integer_value(v), &ch, e) < 0 ||
		    move_one(c, &ch, &s, date, e) < 0)
			goto fail;
		uinfo_release(&ch);
	}
	clock_iso(clock_now(), now);
	if (open_link(c, id, on, e) < 0)
		goto fail;
	if (on[0] && strcmp(date, on) <= 0) {
		err_invalid(e, "date",
			    "Ngày sáp nhập phải sau lần thay đổi trước của đơn"
			    " vị (%s).",
			    on);
		goto fail;
	}
	/* U leaves the tree above it: its records from `date` on (none of
	 * the kinds checked above, but kept exact for any) move with it. */
	if (periods_add_days(date, -1, before) < 0 ||
	    rollup_agg_shift(c, id, date, -1, e) < 0 ||
	    store_exec(c, Q_UH_CLOSE_LINK,
		       (struct sval[]){ SV_I(id), SV_T(before) }, 2, e) < 0 ||
	    store_exec(c, Q_UH_DROP_OWN_AFTER,
		       (struct sval[]){ SV_I(id), SV_T(before) }, 2, e) < 0 ||
	    store_exec(c, Q_UH_CLOSE_OWN,
		       (struct sval[]){ SV_I(id), SV_T(before) }, 2, e) < 0 ||
	    rollup_agg_shift(c, id, date, 1, e) < 0 ||
	    store_exec(c, Q_UH_SET_VALID_TO,
		       (struct sval[]){ SV_I(id), SV_T(before), SV_T(now) }, 3,
		       e) < 0 ||
	    store_exec(c, Q_UH_MERGE_INSERT,
		       (struct sval[]){ SV_I(id), SV_I(s.id), SV_T(date),
					SV_T(now) },
		       4, e) < 0 ||
	    answer(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "update", "unit", id, id, u.json, *out, e) < 0 ||
	    store_commit(c, e) < 0)
		goto fail;
	json_decref(kids);
	uinfo_release(&u);
	uinfo_release(&s);
	return 0;
fail:
	if (!e || !e->status)
		err_internal(e, "merge");
	store_rollback(c);
	json_decref(kids);
	uinfo_release(&u);
	uinfo_release(&s);
	uinfo_release(&ch);
	json_decref(*out);
	*out = NULL;
	return -1;
}

int unit_history_check_entry(struct store_conn *c, const struct actor *a,
			     int64_t unit_id, const char *date,
			     const char *field, struct err *e)
{
	struct store_rows *r;
	struct buf b = BUF_INIT;
	char from[16] = "", to[16] = "", on[16] = "", name[256] = "";
	int64_t into = 0;
	int st, y, m, d;

	if (units_check_scope(c, a, unit_id, NULL, e) < 0)
		return -1;
	if (a->role == ROLE_VIEWER)
		return err_set(e, ERR_FORBIDDEN, "forbidden", NULL,
			       "Vai trò của bạn chỉ được xem số liệu.");
	if (a->role == ROLE_CONTRIBUTOR && unit_id != a->unit_id)
		return err_set(e, ERR_FORBIDDEN, "forbidden", field,
			       "Bạn chỉ được nhập số liệu cho đơn vị của mình.");
	if (!date)
		return 0;
	if (store_query(c, Q_UH_VALIDITY, (struct sval[]){ SV_I(unit_id) }, 1,
			&r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1) {
		snprintf(from, sizeof(from), "%s", store_col_text(r, 0));
		snprintf(to, sizeof(to), "%s", store_col_text(r, 1));
		if (!store_col_null(r, 2)) {
			into = store_col_int(r, 2);
			snprintf(on, sizeof(on), "%s", store_col_text(r, 3));
			snprintf(name, sizeof(name), "%s", store_col_text(r, 4));
		}
	}
	store_rows_free(r);
	if (st != 1)
		return err_internal(e, "unit validity");
	if (into && strcmp(date, on) >= 0) {
		if (date_parse_iso(on, &y, &m, &d) == 0)
			format_date(&b, y, m, d);
		err_invalid(e, field,
			    "Đơn vị đã sáp nhập vào %s từ ngày %s; hãy nhập số"
			    " liệu cho đơn vị hợp nhất.",
			    name, b.ptr);
		buf_release(&b);
		return -1;
	}
	if (from[0] && strcmp(date, from) < 0)
		return err_invalid(e, field,
				   "Đơn vị chỉ có hiệu lực từ ngày %s.", from);
	if (to[0] && strcmp(date, to) > 0)
		return err_invalid(e, field,
				   "Đơn vị chỉ có hiệu lực đến ngày %s.", to);
	return 0;
}
