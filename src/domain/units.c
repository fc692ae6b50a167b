/*
 * Units and levels; see units.h for the rules.
 */
#include "domain/units.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/unit_history.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/mem.h"
#include "base/text.h"
#include "store/store.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Column positions of UNIT_COLS in queries.c. */
enum unit_col {
	UC_ID, UC_CODE, UC_NAME, UC_SHORT, UC_LEVEL, UC_LEVEL_NAME, UC_PARENT,
	UC_FROM, UC_TO, UC_MEMBERS, UC_MEMBERS_TOTAL, UC_CHILDREN, UC_PATH,
	UC_LEVEL_ID, UC_DEPTH, UC_CREATED, UC_UPDATED,
};

/* A unit as loaded for a rule check. */
struct unit_row {
	int64_t id, parent_id, level_id, members;
	int64_t depth;
	char path[UNIT_PATH_SIZE];
	char level[65];
	json_t *json; /* the API form, owned */
};

static const struct jfield unit_fields[] = {
	{ "code", JF_STRING, JF_REQUIRED, 1, 32, 0, 0, "Mã đơn vị" },
	{ "name", JF_STRING, JF_REQUIRED, 1, 200, 0, 0, "Tên đơn vị" },
	{ "short_name", JF_STRING, JF_NULLABLE, 0, 100, 0, 0, "Tên viết tắt" },
	{ "level", JF_STRING, JF_REQUIRED, 1, 64, 0, 0, "Cấp" },
	{ "parent_id", JF_ID, JF_REQUIRED | JF_NULLABLE, 0, 0, 0, 0,
	  "Đơn vị cấp trên" },
	{ "valid_from", JF_DATE, JF_NULLABLE, 0, 0, 0, 0, "Hiệu lực từ ngày" },
	{ "valid_to", JF_DATE, JF_NULLABLE, 0, 0, 0, 0, "Hiệu lực đến ngày" },
	{ "members", JF_INT, 0, 0, 0, 0, 10000000, "Số đảng viên" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const struct jfield level_fields[] = {
	{ "code", JF_STRING, JF_REQUIRED, 1, 32, 0, 0, "Mã cấp" },
	{ "name", JF_STRING, JF_REQUIRED, 1, 100, 0, 0, "Tên cấp" },
	{ "rank", JF_INT, JF_REQUIRED, 0, 0, 1, 99, "Thứ bậc" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

void units_subtree_range(const char *path, char lo[UNIT_PATH_SIZE],
			 char hi[UNIT_PATH_SIZE])
{
	size_t n = strlen(path);

	if (n >= UNIT_PATH_SIZE)
		n = UNIT_PATH_SIZE - 1;
	memcpy(lo, path, n);
	lo[n] = '\0';
	memcpy(hi, path, n);
	hi[n] = '\0';
	/* '/' + 1 == '0': every path below sorts before the bumped one. */
	if (n && hi[n - 1] == '/')
		hi[n - 1] = '0';
}

bool units_path_within(const char *scope, const char *path)
{
	size_t n = strlen(scope);

	return n > 0 && !strncmp(scope, path, n);
}

static void copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static json_t *nullable_int(struct store_rows *r, int col)
{
	return store_col_null(r, col) ? json_null()
				      : json_integer(store_col_int(r, col));
}

static json_t *unit_json(struct store_rows *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(store_col_int(r, UC_ID)));
	json_object_set_new(j, "code", json_string(store_col_text(r, UC_CODE)));
	json_object_set_new(j, "name", json_string(store_col_text(r, UC_NAME)));
	json_object_set_new(j, "short_name",
			    json_string(store_col_text(r, UC_SHORT)));
	json_object_set_new(j, "level", json_string(store_col_text(r, UC_LEVEL)));
	json_object_set_new(j, "level_name",
			    json_string(store_col_text(r, UC_LEVEL_NAME)));
	json_object_set_new(j, "parent_id", nullable_int(r, UC_PARENT));
	json_set_str_or_null(j, "valid_from", store_col_text(r, UC_FROM));
	json_set_str_or_null(j, "valid_to", store_col_text(r, UC_TO));
	json_object_set_new(j, "members",
			    json_integer(store_col_int(r, UC_MEMBERS_TOTAL)));
	json_object_set_new(j, "own_members",
			    json_integer(store_col_int(r, UC_MEMBERS)));
	json_object_set_new(j, "child_count",
			    json_integer(store_col_int(r, UC_CHILDREN)));
	json_object_set_new(j, "depth", json_integer(store_col_int(r, UC_DEPTH)));
	json_object_set_new(j, "created_at",
			    json_string(store_col_text(r, UC_CREATED)));
	json_object_set_new(j, "updated_at",
			    json_string(store_col_text(r, UC_UPDATED)));
	return j;
}

/* Load a unit by id (q = Q_UNIT_GET) or code (Q_UNIT_GET_BY_CODE).
 * Returns 1 found, 0 not found, -1 error. */
static int load_unit(struct store_conn *c, enum query q, struct sval key,
		     struct unit_row *u, struct err *e)
{
	struct store_rows *r;
	int st;

	memset(u, 0, sizeof(*u));
	if (store_query(c, q, &key, 1, &r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1) {
		u->id = store_col_int(r, UC_ID);
		u->parent_id = store_col_int(r, UC_PARENT);
		u->level_id = store_col_int(r, UC_LEVEL_ID);
		u->members = store_col_int(r, UC_MEMBERS);
		u->depth = store_col_int(r, UC_DEPTH);
		copy(u->path, sizeof(u->path), store_col_text(r, UC_PATH));
		copy(u->level, sizeof(u->level), store_col_text(r, UC_LEVEL));
		u->json = unit_json(r);
	}
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, "unit");
	return st;
}

static void unit_row_release(struct unit_row *u)
{
	json_decref(u->json);
	u->json = NULL;
}

/* Load a unit that must be inside a's subtree; 404 otherwise. */
static int load_in_scope(struct store_conn *c, const struct actor *a,
			 int64_t id, struct unit_row *u, struct err *e)
{
	int st = load_unit(c, Q_UNIT_GET, SV_I(id), u, e);

	if (st < 0)
		return -1;
	if (st == 0)
		return err_not_found(e);
	if (!units_path_within(a->unit_path, u->path)) {
		unit_row_release(u);
		return err_out_of_scope(e);
	}
	return 0;
}

int units_load_scoped(struct store_conn *c, const struct actor *a,
		      enum query q, int64_t id, int path_col,
		      json_t *(*to_json)(struct store_rows *r), const char *what,
		      json_t **out, struct err *e)
{
	struct store_rows *r;
	bool in_scope = false;
	int st;

	*out = NULL;
	if (store_query(c, q, (struct sval[]){ SV_I(id) }, 1, &r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1) {
		in_scope = units_path_within(a->unit_path,
					     store_col_text(r, path_col));
		if (in_scope)
			*out = to_json(r);
	}
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, what);
	if (st == 0)
		return err_not_found(e);
	return in_scope ? 0 : err_out_of_scope(e);
}

int units_check_scope(struct store_conn *c, const struct actor *a,
		      int64_t id, char path[UNIT_PATH_SIZE], struct err *e)
{
	struct store_rows *r;
	bool in_scope = false;
	int st;

	if (store_query(c, Q_UNIT_PATH, (struct sval[]){ SV_I(id) }, 1, &r,
			e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1) {
		in_scope = units_path_within(a->unit_path, store_col_text(r, 0));
		if (in_scope && path)
			copy(path, UNIT_PATH_SIZE, store_col_text(r, 0));
	}
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, "unit");
	if (st == 0)
		return err_not_found(e);
	return in_scope ? 0 : err_out_of_scope(e);
}

int units_id_by_code(struct store_conn *c, const char *code, int64_t *id,
		     struct err *e)
{
	struct unit_row u;
	int st = load_unit(c, Q_UNIT_GET_BY_CODE, SV_T(code), &u, e);

	if (st == 1)
		*id = u.id;
	unit_row_release(&u);
	return st;
}

/* LIKE pattern matching `q` folded anywhere; the caller frees it. */
static char *like_pattern(const char *q)
{
	struct buf b = BUF_INIT;
	char *f = text_fold_dup(q);
	const char *p;

	buf_addch(&b, '%');
	for (p = f; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_addch(&b, '\\');
		buf_addch(&b, *p);
	}
	buf_addch(&b, '%');
	free(f);
	return buf_detach(&b, NULL);
}

static int collect(struct store_rows *r, json_t *items, struct err *e)
{
	int st;

	while ((st = store_next(r)) == 1)
		json_array_append_new(items, unit_json(r));
	store_rows_free(r);
	return st < 0 ? err_internal(e, "units") : 0;
}

int units_list(struct store_conn *c, const struct actor *a,
	       const struct units_filter *f, json_t **out, struct err *e)
{
	struct store_rows *r;
	struct unit_row u;
	json_t *items = json_array();
	int64_t total = 0;
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];
	char *pat = NULL;

	*out = NULL;
	if (f->parent_id) {
		if (load_in_scope(c, a, f->parent_id, &u, e) < 0)
			goto fail;
		unit_row_release(&u);
		if (store_int(c, Q_UNIT_CHILDREN_COUNT,
			      (struct sval[]){ SV_I(f->parent_id) }, 1, &total,
			      e) < 0 ||
		    store_query(c, Q_UNIT_CHILDREN,
				(struct sval[]){ SV_I(f->parent_id),
						 SV_I(f->limit),
						 SV_I(f->offset) },
				3, &r, e) < 0 ||
		    collect(r, items, e) < 0)
			goto fail;
	} else if ((f->q && *f->q) || (f->level && *f->level)) {
		units_subtree_range(a->unit_path, lo, hi);
		pat = f->q && *f->q ? like_pattern(f->q) : NULL;
		struct sval args[] = { SV_T(lo), SV_T(hi), SV_T(pat),
				       SV_T(f->level && *f->level ? f->level
								   : NULL),
				       SV_I(f->limit), SV_I(f->offset) };
		if (store_int(c, Q_UNIT_SEARCH_COUNT, args, 4, &total, e) < 0 ||
		    store_query(c, Q_UNIT_SEARCH, args, 6, &r, e) < 0 ||
		    collect(r, items, e) < 0)
			goto fail;
	} else {
		/* The top of what the user sees: their own unit. */
		if (load_in_scope(c, a, a->unit_id, &u, e) < 0)
			goto fail;
		total = 1;
		if (f->offset == 0 && f->limit > 0)
			json_array_append(items, u.json);
		unit_row_release(&u);
	}
	free(pat);
	*out = json_pack("{s:o, s:I}", "items", items, "total",
			 (json_int_t)total);
	return 0;
fail:
	free(pat);
	json_decref(items);
	return -1;
}

/* The ancestors of `u` that `a` may see, root first, as {id, code, name}. */
static int ancestors(struct store_conn *c, const struct actor *a,
		     const struct unit_row *u, json_t **out, struct err *e)
{
	const char *p = u->path;
	json_t *list = json_array();

	while (*p == '/') {
		char *end;
		long long id = strtoll(p + 1, &end, 10);
		struct unit_row anc;

		if (*end != '/' || id == u->id)
			break;
		p = end;
		if (load_unit(c, Q_UNIT_GET, SV_I(id), &anc, e) < 0) {
			json_decref(list);
			return -1;
		}
		if (anc.json && units_path_within(a->unit_path, anc.path))
			json_array_append_new(
				list, json_pack("{s:O, s:O, s:O}", "id",
						json_object_get(anc.json, "id"),
						"code",
						json_object_get(anc.json, "code"),
						"name",
						json_object_get(anc.json, "name")));
		unit_row_release(&anc);
	}
	*out = list;
	return 0;
}

int units_get(struct store_conn *c, const struct actor *a, int64_t id,
	      json_t **out, struct err *e)
{
	struct unit_row u;
	json_t *anc;

	*out = NULL;
	if (load_in_scope(c, a, id, &u, e) < 0)
		return -1;
	if (ancestors(c, a, &u, &anc, e) < 0) {
		unit_row_release(&u);
		return -1;
	}
	json_object_set_new(u.json, "ancestors", anc);
	*out = u.json;
	return 0;
}

/* Upper-case a code in place and check its characters. */
static int normalise_code(char *code, struct err *e)
{
	char *p;

	for (p = code; *p; p++) {
		*p = (char)toupper((unsigned char)*p);
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' &&
		    *p != '.')
			return err_invalid(e, "code",
					   "Mã đơn vị chỉ gồm chữ cái không dấu,"
					   " chữ số và các dấu - _ .");
	}
	if (!isalnum((unsigned char)code[0]))
		return err_invalid(e, "code",
				   "Mã đơn vị phải bắt đầu bằng chữ cái hoặc"
				   " chữ số.");
	return 0;
}

/* The level named `code`: its id and rank. 400 on `field` if unknown. */
static int level_lookup(struct store_conn *c, const char *code, int64_t *id,
			int64_t *rank, struct err *e)
{
	struct store_rows *r;
	int st;

	if (store_query(c, Q_LEVEL_GET_BY_CODE, (struct sval[]){ SV_T(code) },
			1, &r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1) {
		*id = store_col_int(r, 0);
		*rank = store_col_int(r, 3);
	}
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, "level");
	if (st == 0)
		return err_invalid(e, "level", "Cấp \"%s\" không tồn tại.", code);
	return 0;
}

static char *search_text(const char *code, const char *name,
			 const char *short_name)
{
	struct buf b = BUF_INIT;
	char *f;

	buf_addf(&b, "%s %s %s", code, name, short_name ? short_name : "");
	f = text_fold_dup(b.ptr);
	buf_release(&b);
	return f;
}

/* The values of a unit being written, merged from the body over the
 * current row (update) or defaults (create). */
struct unit_values {
	char code[64];
	const char *name, *short_name, *valid_from, *valid_to;
	const char *level;
	int64_t level_id, level_rank, members;
};

static int check_values(struct store_conn *c, struct unit_values *v,
			const struct unit_row *parent, struct err *e)
{
	int64_t prank;
	int64_t pid;

	if (normalise_code(v->code, e) < 0)
		return -1;
	if (level_lookup(c, v->level, &v->level_id, &v->level_rank, e) < 0)
		return -1;
	if (parent) {
		if (level_lookup(c, parent->level, &pid, &prank, e) < 0)
			return -1;
		if (v->level_rank <= prank)
			return err_invalid(e, "level",
					   "Cấp của đơn vị phải thấp hơn cấp của"
					   " đơn vị cấp trên.");
	}
	if (v->valid_from && v->valid_to && strcmp(v->valid_to, v->valid_from) < 0)
		return err_invalid(e, "valid_to",
				   "Ngày hết hiệu lực phải sau ngày bắt đầu"
				   " hiệu lực.");
	return 0;
}

static int conflict_on_code(struct err *e)
{
	if (e && e->status == ERR_CONFLICT)
		err_set(e, ERR_CONFLICT, "conflict", "code",
			"Mã đơn vị đã được dùng cho một đơn vị khác.");
	return -1;
}

static int insert_unit(struct store_conn *c, const struct actor *a,
		       json_t *body, const struct unit_row *parent,
		       json_t **out, struct err *e)
{
	struct unit_values v = { 0 };
	struct unit_row created;
	char path[UNIT_PATH_SIZE], now[CLOCK_ISO_SIZE], *folded = NULL;
	int64_t id;
	int n;

	copy(v.code, sizeof(v.code), json_get_str(body, "code", ""));
	v.name = json_get_str(body, "name", "");
	v.short_name = json_get_str(body, "short_name", "");
	v.level = json_get_str(body, "level", "");
	v.valid_from = json_get_str(body, "valid_from", NULL);
	v.valid_to = json_get_str(body, "valid_to", NULL);
	v.members = json_get_int(body, "members", 0);
	if (check_values(c, &v, parent, e) < 0)
		return -1;
	folded = search_text(v.code, v.name, v.short_name);
	clock_iso(clock_now(), now);
	if (store_int(c, Q_UNIT_INSERT,
		      (struct sval[]){ SV_T(v.code), SV_T(v.name),
				       SV_T(v.short_name), SV_I(v.level_id),
				       SV_OPT(parent, parent ? parent->id : 0),
				       SV_T(v.valid_from), SV_T(v.valid_to),
				       SV_I(v.members), SV_T(folded), SV_T(now) },
		      10, &id, e) < 0) {
		free(folded);
		return conflict_on_code(e);
	}
	free(folded);
	n = snprintf(path, sizeof(path), "%s%" PRId64 "/",
		     parent ? parent->path : "/", id);
	if (n < 0 || (size_t)n >= sizeof(path))
		return err_invalid(e, "parent_id", "Cây đơn vị quá sâu.");
	if (store_exec(c, Q_UNIT_SET_PATH,
		       (struct sval[]){ SV_I(id), SV_T(path),
					SV_I(parent ? parent->depth + 1 : 0) },
		       3, e) < 0 ||
	    unit_history_created(c, id, parent ? parent->id : 0, e) < 0)
		return -1;
	if (load_unit(c, Q_UNIT_GET, SV_I(id), &created, e) != 1)
		return err_internal(e, "unit");
	if (audit_record(c, a, "create", "unit", id, id, NULL, created.json,
			 e) < 0) {
		unit_row_release(&created);
		return -1;
	}
	*out = created.json;
	return 0;
}

int units_create(struct store_conn *c, const struct actor *a, json_t *body,
		 json_t **out, struct err *e)
{
	bool own = false;
	struct unit_row parent = { 0 };
	int st;

	*out = NULL;
	if (json_check(body, unit_fields, true, e) < 0)
		return -1;
	if (store_begin_own(c, &own, e) < 0)
		return -1;
	st = load_unit(c, Q_UNIT_GET, SV_I(json_get_int(body, "parent_id", 0)),
		       &parent, e);
	if (st < 0)
		goto fail;
	if (st == 0 || !units_path_within(a->unit_path, parent.path)) {
		err_invalid(e, "parent_id",
			    "Đơn vị cấp trên không tồn tại hoặc nằm ngoài phạm"
			    " vi quản lý của bạn.");
		goto fail;
	}
	if (insert_unit(c, a, body, &parent, out, e) < 0 ||
	    store_end_own(c, own, 0, e) < 0)
		goto fail;
	unit_row_release(&parent);
	return 0;
fail:
	store_end_own(c, own, -1, e);
	unit_row_release(&parent);
	json_decref(*out);
	*out = NULL;
	return -1;
}

int units_create_root(struct store_conn *c, const struct actor *a,
		      json_t *body, json_t **out, struct err *e)
{
	*out = NULL;
	if (json_check(body, unit_fields, false, e) < 0)
		return -1;
	if (store_begin(c, e) < 0)
		return -1;
	if (insert_unit(c, a, body, NULL, out, e) < 0 ||
	    store_commit(c, e) < 0) {
		store_rollback(c);
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* Move `u` (and its subtree) under `np`. */
static int move_unit(struct store_conn *c, const struct actor *a,
		     const struct unit_row *u, const struct unit_row *np,
		     struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE], path[UNIT_PATH_SIZE];
	char today[11];
	int n;

	if (u->id == a->unit_id)
		return err_set(e, ERR_FORBIDDEN, "forbidden", "parent_id",
			       "Không thể chuyển đơn vị gốc trong phạm vi quản"
			       " lý của bạn.");
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
	clock_today_vn(today);
	if (unit_history_moved(c, u->id, np->id, today, e) < 0)
		return -1;
	return store_exec(c, Q_UNIT_SET_PARENT,
			  (struct sval[]){ SV_I(u->id), SV_I(np->id) }, 2, e);
}

int units_update(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t *body, json_t **out, struct err *e)
{
	bool own = false;
	struct unit_row u = { 0 }, parent = { 0 }, after = { 0 };
	struct unit_values v = { 0 };
	char now[CLOCK_ISO_SIZE], *folded = NULL;
	int64_t new_parent;
	const char *cur;
	int st;

	*out = NULL;
	if (json_check(body, unit_fields, false, e) < 0)
		return -1;
	if (store_begin_own(c, &own, e) < 0)
		return -1;
	if (load_in_scope(c, a, id, &u, e) < 0)
		goto fail;
	new_parent = u.parent_id;
	if (json_has(body, "parent_id")) {
		if (json_is_null_field(body, "parent_id")) {
			if (u.parent_id) {
				err_invalid(e, "parent_id",
					    "Đơn vị phải có đơn vị cấp trên.");
				goto fail;
			}
		} else {
			new_parent = json_get_int(body, "parent_id", 0);
		}
	}
	if (new_parent) {
		st = load_unit(c, Q_UNIT_GET, SV_I(new_parent), &parent, e);
		if (st < 0)
			goto fail;
		if (st == 0 || (new_parent != u.parent_id &&
				!units_path_within(a->unit_path, parent.path))) {
			err_invalid(e, "parent_id",
				    "Đơn vị cấp trên không tồn tại hoặc nằm ngoài"
				    " phạm vi quản lý của bạn.");
			goto fail;
		}
		if (units_path_within(u.path, parent.path)) {
			err_invalid(e, "parent_id",
				    "Không thể chuyển đơn vị vào chính nó hoặc"
				    " vào đơn vị trực thuộc của nó.");
			goto fail;
		}
	}
	cur = json_string_value(json_object_get(u.json, "code"));
	copy(v.code, sizeof(v.code), json_get_str(body, "code", cur));
	v.name = json_get_str(body, "name",
			      json_string_value(json_object_get(u.json, "name")));
	v.short_name = json_get_str(
		body, "short_name",
		json_is_null_field(body, "short_name")
			? ""
			: json_string_value(json_object_get(u.json, "short_name")));
	v.level = json_get_str(body, "level", u.level);
	v.valid_from = json_has(body, "valid_from")
			       ? json_get_str(body, "valid_from", NULL)
			       : json_string_value(json_object_get(u.json,
								  "valid_from"));
	v.valid_to = json_has(body, "valid_to")
			     ? json_get_str(body, "valid_to", NULL)
			     : json_string_value(json_object_get(u.json,
								"valid_to"));
	v.members = json_get_int(body, "members", u.members);
	if (check_values(c, &v, new_parent ? &parent : NULL, e) < 0)
		goto fail;
	if (strcmp(v.level, u.level)) {
		int64_t min_child = 0;

		st = store_int(c, Q_UNIT_CHILD_MIN_RANK,
			       (struct sval[]){ SV_I(id) }, 1, &min_child, e);
		if (st < 0)
			goto fail;
		if (json_integer_value(json_object_get(u.json, "child_count")) &&
		    min_child <= v.level_rank) {
			err_invalid(e, "level",
				    "Cấp của đơn vị phải cao hơn cấp của các đơn"
				    " vị trực thuộc.");
			goto fail;
		}
	}
	if (new_parent && new_parent != u.parent_id &&
	    move_unit(c, a, &u, &parent, e) < 0)
		goto fail;
	folded = search_text(v.code, v.name, v.short_name);
	clock_iso(clock_now(), now);
	if (store_exec(c, Q_UNIT_UPDATE,
		       (struct sval[]){ SV_I(id), SV_T(v.code), SV_T(v.name),
					SV_T(v.short_name), SV_I(v.level_id),
					SV_T(v.valid_from), SV_T(v.valid_to),
					SV_I(v.members), SV_T(folded),
					SV_T(now) },
		       10, e) < 0) {
		conflict_on_code(e);
		goto fail;
	}
	if (load_unit(c, Q_UNIT_GET, SV_I(id), &after, e) != 1 ||
	    audit_record(c, a, "update", "unit", id, id, u.json, after.json,
			 e) < 0 ||
	    store_end_own(c, own, 0, e) < 0)
		goto fail;
	free(folded);
	unit_row_release(&u);
	unit_row_release(&parent);
	*out = after.json;
	return 0;
fail:
	if (!e || !e->status)
		err_internal(e, "unit update");
	store_end_own(c, own, -1, e);
	free(folded);
	unit_row_release(&u);
	unit_row_release(&parent);
	unit_row_release(&after);
	return -1;
}

int units_delete(struct store_conn *c, const struct actor *a, int64_t id,
		 struct err *e)
{
	struct unit_row u = { 0 };
	struct store_rows *r;
	int64_t children = 0, users = 0;
	int st;

	if (store_begin(c, e) < 0)
		return -1;
	if (load_in_scope(c, a, id, &u, e) < 0)
		goto fail;
	if (id == a->unit_id) {
		err_set(e, ERR_FORBIDDEN, "forbidden", NULL,
			"Không thể xóa đơn vị của chính bạn.");
		goto fail;
	}
	if (store_query(c, Q_UNIT_DEPENDENTS, (struct sval[]){ SV_I(id) }, 1, &r,
			e) < 0)
		goto fail;
	st = store_next(r);
	if (st == 1) {
		children = store_col_int(r, 0);
		users = store_col_int(r, 1);
	}
	store_rows_free(r);
	if (children || users) {
		err_set(e, ERR_CONFLICT, "in_use", NULL,
			"Không thể xóa: đơn vị còn %lld đơn vị trực thuộc và %lld"
			" tài khoản.",
			(long long)children, (long long)users);
		goto fail;
	}
	if (store_exec(c, Q_UNIT_DELETE, (struct sval[]){ SV_I(id) }, 1, e) < 0 ||
	    audit_record(c, a, "delete", "unit", id, u.parent_id, u.json, NULL,
			 e) < 0 ||
	    store_commit(c, e) < 0)
		goto fail;
	unit_row_release(&u);
	return 0;
fail:
	store_rollback(c);
	unit_row_release(&u);
	return -1;
}

/* --- levels ------------------------------------------------------------- */

static json_t *level_json(struct store_rows *r)
{
	return json_pack("{s:I, s:s, s:s, s:I}", "id",
			 (json_int_t)store_col_int(r, 0), "code",
			 store_col_text(r, 1), "name", store_col_text(r, 2),
			 "rank", (json_int_t)store_col_int(r, 3));
}

int levels_list(struct store_conn *c, json_t **out, struct err *e)
{
	struct store_rows *r;
	json_t *items = json_array();
	int st;

	*out = NULL;
	if (store_query(c, Q_LEVEL_LIST, NULL, 0, &r, e) < 0) {
		json_decref(items);
		return -1;
	}
	while ((st = store_next(r)) == 1)
		json_array_append_new(items, level_json(r));
	store_rows_free(r);
	if (st < 0) {
		json_decref(items);
		return err_internal(e, "levels");
	}
	*out = json_pack("{s:I, s:o}", "total",
			 (json_int_t)json_array_size(items), "items", items);
	return 0;
}

static int load_level(struct store_conn *c, int64_t id, json_t **out,
		      struct err *e)
{
	struct store_rows *r;
	int st;

	*out = NULL;
	if (store_query(c, Q_LEVEL_GET, (struct sval[]){ SV_I(id) }, 1, &r, e) <
	    0)
		return -1;
	st = store_next(r);
	if (st == 1)
		*out = level_json(r);
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, "level");
	if (st == 0)
		return err_not_found(e);
	return 0;
}

/* Levels are shared by the whole tree: only an admin at the root may
 * change them. */
static int check_level_admin(const struct actor *a, struct err *e)
{
	if (a->role != ROLE_ADMIN || !a->at_root)
		return err_set(e, ERR_FORBIDDEN, "forbidden", NULL,
			       "Chỉ quản trị viên cấp cao nhất được sửa danh"
			       " mục cấp đơn vị.");
	return 0;
}

int levels_create(struct store_conn *c, const struct actor *a, json_t *body,
		  json_t **out, struct err *e)
{
	int64_t id;

	*out = NULL;
	if (check_level_admin(a, e) < 0 ||
	    json_check(body, level_fields, true, e) < 0)
		return -1;
	if (store_begin(c, e) < 0)
		return -1;
	if (store_int(c, Q_LEVEL_INSERT,
		      (struct sval[]){ SV_T(json_get_str(body, "code", "")),
				       SV_T(json_get_str(body, "name", "")),
				       SV_I(json_get_int(body, "rank", 0)) },
		      3, &id, e) < 0) {
		if (e && e->status == ERR_CONFLICT)
			err_set(e, ERR_CONFLICT, "conflict", "code",
				"Mã cấp đã tồn tại.");
		goto fail;
	}
	if (load_level(c, id, out, e) < 0 ||
	    audit_record(c, a, "create", "level", id, 0, NULL, *out, e) < 0 ||
	    store_commit(c, e) < 0)
		goto fail;
	return 0;
fail:
	store_rollback(c);
	json_decref(*out);
	*out = NULL;
	return -1;
}

int levels_update(struct store_conn *c, const struct actor *a, int64_t id,
		  json_t *body, json_t **out, struct err *e)
{
	json_t *before = NULL;

	*out = NULL;
	if (check_level_admin(a, e) < 0 ||
	    json_check(body, level_fields, false, e) < 0)
		return -1;
	if (store_begin(c, e) < 0)
		return -1;
	if (load_level(c, id, &before, e) < 0)
		goto fail;
	if (json_has(body, "rank")) {
		int64_t conflicts = 0;

		if (store_int(c, Q_LEVEL_RANK_CONFLICTS,
			      (struct sval[]){ SV_I(id),
					       SV_I(json_get_int(body, "rank", 0)) },
			      2, &conflicts, e) < 0)
			goto fail;
		if (conflicts) {
			err_invalid(e, "rank",
				    "Không thể đổi thứ bậc: %lld đơn vị sẽ có cấp"
				    " không thấp hơn đơn vị cấp trên hoặc không"
				    " cao hơn đơn vị trực thuộc.",
				    (long long)conflicts);
			goto fail;
		}
	}
	if (store_exec(c, Q_LEVEL_UPDATE,
		       (struct sval[]){
			       SV_I(id),
			       SV_T(json_get_str(body, "code",
						 json_string_value(json_object_get(
							 before, "code")))),
			       SV_T(json_get_str(body, "name",
						 json_string_value(json_object_get(
							 before, "name")))),
			       SV_I(json_get_int(body, "rank",
						 json_integer_value(json_object_get(
							 before, "rank")))) },
		       4, e) < 0) {
		if (e && e->status == ERR_CONFLICT)
			err_set(e, ERR_CONFLICT, "conflict", "code",
				"Mã cấp đã tồn tại.");
		goto fail;
	}
	if (load_level(c, id, out, e) < 0 ||
	    audit_record(c, a, "update", "level", id, 0, before, *out, e) < 0 ||
	    store_commit(c, e) < 0)
		goto fail;
	json_decref(before);
	return 0;
fail:
	store_rollback(c);
	json_decref(before);
	json_decref(*out);
	*out = NULL;
	return -1;
}
