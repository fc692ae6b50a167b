/*
 * Imports of units, users and indicator values from CSV or XLSX; see
 * imports.h for the contract and the columns.
 *
 * A file is read into a table (base/table.h), its header matched against
 * the kind's column table, then each data row is turned into the API's
 * JSON body (codes resolved to ids in the actor's scope) and handed to the
 * domain function the API calls, between a savepoint and its release.
 * Errors keep the row's line and are named by column: a domain error names
 * a JSON field ("parent_id"), which the column table maps back to the
 * column the person typed ("parent_code").
 */
#include "domain/imports.h"
#include "base/buf.h"
#include "base/mem.h"
#include "base/table.h"
#include "base/text.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/indicators.h"
#include "domain/periods.h"
#include "domain/units.h"
#include "domain/users.h"
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum col_type {
	T_TEXT,
	T_INT,
	T_BOOL,
	T_DATE,
	T_UNIT,      /* a unit code, sent as its id */
	T_INDICATOR, /* an indicator code, sent as its id */
};

struct column {
	const char *key;   /* the header, and the column named in errors */
	const char *label; /* the Vietnamese header, accepted too */
	const char *field; /* the field of the API's JSON body */
	enum col_type type;
	bool required;     /* must be in the header */
};

static const struct column unit_cols[] = {
	{ "code", "Mã đơn vị", "code", T_TEXT, true },
	{ "name", "Tên đơn vị", "name", T_TEXT, false },
	{ "short_name", "Tên viết tắt", "short_name", T_TEXT, false },
	{ "parent_code", "Mã đơn vị cấp trên", "parent_id", T_UNIT, false },
	{ "level", "Cấp", "level", T_TEXT, false },
	{ "members", "Số đảng viên", "members", T_INT, false },
	{ "valid_from", "Hiệu lực từ ngày", "valid_from", T_DATE, false },
	{ NULL, NULL, NULL, 0, false },
};

static const struct column user_cols[] = {
	{ "username", "Tên đăng nhập", "username", T_TEXT, true },
	{ "full_name", "Họ và tên", "full_name", T_TEXT, false },
	{ "unit_code", "Mã đơn vị", "unit_id", T_UNIT, false },
	{ "role", "Vai trò", "role", T_TEXT, false },
	{ "password", "Mật khẩu", "password", T_TEXT, false },
	{ "disabled", "Khóa tài khoản", "disabled", T_BOOL, false },
	{ NULL, NULL, NULL, 0, false },
};

static const struct column ivalue_cols[] = {
	{ "indicator_code", "Mã chỉ tiêu", "indicator_id", T_INDICATOR, true },
	{ "unit_code", "Mã đơn vị", "unit_id", T_UNIT, true },
	{ "period", "Kỳ", "period", T_TEXT, true },
	{ "numerator", "Tử số", "numerator", T_INT, false },
	{ "denominator", "Mẫu số", "denominator", T_INT, false },
	{ "note", "Ghi chú", "note", T_TEXT, false },
	{ NULL, NULL, NULL, 0, false },
};

static const struct {
	const char *name;
	const struct column *cols;
	const char *list;
} kinds[] = {
	[IMPORT_UNITS] = { "units", unit_cols,
			   "code, name, short_name, parent_code, level,"
			   " members, valid_from" },
	[IMPORT_USERS] = { "users", user_cols,
			   "username, full_name, unit_code, role, password,"
			   " disabled" },
	[IMPORT_IVALUES] = { "indicator-values", ivalue_cols,
			     "indicator_code, unit_code, period, numerator,"
			     " denominator, note" },
};

#define MAX_COLS 64

struct import {
	struct store_conn *c;
	const struct actor *a;
	enum import_kind kind;
	const struct column *cols;
	int colmap[MAX_COLS]; /* file column -> index in cols, -1: none */
	size_t ncols;         /* file columns */
	const struct table_row *row;
	char *cells[MAX_COLS]; /* trimmed values by cols index, or NULL */
};

int imports_kind_parse(const char *s, enum import_kind *k)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (s && !strcmp(s, kinds[i].name)) {
			*k = (enum import_kind)i;
			return 0;
		}
	return -1;
}

const char *imports_kind_name(enum import_kind k)
{
	return kinds[k].name;
}

const char *imports_columns(enum import_kind k)
{
	return kinds[k].list;
}

/* s without surrounding blanks, as a new string. */
static char *trim_dup(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
		     s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return xstrndup(s, n);
}

/* Match the header row against the kind's columns. */
static int read_header(struct import *x, const struct table_row *h,
		       struct err *e)
{
	bool seen[MAX_COLS] = { false };
	size_t i, k;

	x->ncols = h->ncells;
	for (i = 0; i < h->ncells && i < MAX_COLS; i++) {
		char *name = trim_dup(h->cells[i]);
		char *folded = text_fold_dup(name);

		x->colmap[i] = -1;
		for (k = 0; *name && x->cols[k].key; k++) {
			char *label = text_fold_dup(x->cols[k].label);
			bool match = !strcmp(folded, x->cols[k].key) ||
				     !strcmp(folded, label);

			free(label);
			if (match)
				break;
		}
		if (*name && !x->cols[k].key) {
			err_set(e, ERR_BAD_INPUT, "invalid", "file",
				"Dòng %zu: cột \"%s\" không có trong mẫu nhập"
				" %s; các cột: %s.",
				h->line, name, kinds[x->kind].name,
				kinds[x->kind].list);
			free(name);
			free(folded);
			return -1;
		}
		if (*name && seen[k]) {
			err_set(e, ERR_BAD_INPUT, "invalid", "file",
				"Dòng %zu: cột \"%s\" xuất hiện hai lần.",
				h->line, x->cols[k].key);
			free(name);
			free(folded);
			return -1;
		}
		if (*name) {
			seen[k] = true;
			x->colmap[i] = (int)k;
		}
		free(name);
		free(folded);
	}
	for (k = 0; x->cols[k].key; k++)
		if (x->cols[k].required && !seen[k])
			return err_set(e, ERR_BAD_INPUT, "invalid", "file",
				       "Dòng %zu: thiếu cột \"%s\" (các cột: %s).",
				       h->line, x->cols[k].key,
				       kinds[x->kind].list);
	return 0;
}

/* The column key for a domain error's JSON field, "" when none. */
static const char *column_of(const struct import *x, const char *field)
{
	size_t k;

	if (!*field)
		return "";
	for (k = 0; x->cols[k].key; k++)
		if (!strcmp(x->cols[k].field, field) ||
		    !strcmp(x->cols[k].key, field))
			return x->cols[k].key;
	return field;
}

/* A unit code seen from a's scope: 0 with *id, or -1 (row error naming
 * `field`, the same for a missing unit and one outside the scope). */
static int resolve_unit(struct import *x, const char *code,
			const char *field, int64_t *id, struct err *e)
{
	struct err tmp = ERR_INIT;
	int st = units_id_by_code(x->c, code, id, e);

	if (st < 0)
		return -1;
	if (st == 1 && units_check_scope(x->c, x->a, *id, NULL, &tmp) == 0)
		return 0;
	if (tmp.status && tmp.status != ERR_NOT_FOUND) {
		*e = tmp;
		return -1;
	}
	return err_invalid(e, field,
			   "Không có đơn vị mã %s trong phạm vi quản lý của"
			   " bạn.",
			   code);
}

/* "dd/mm/yyyy" (or d/m/yyyy) to "yyyy-mm-dd"; other text unchanged, for
 * json_check to judge. */
static json_t *date_value(const char *s)
{
	unsigned d, m, y;
	char rest, iso[40];

	if (sscanf(s, "%2u/%2u/%4u%c", &d, &m, &y, &rest) == 3 && y >= 1000) {
		snprintf(iso, sizeof(iso), "%04u-%02u-%02u", y, m, d);
		return json_string(iso);
	}
	return json_string(s);
}

/* Set field k of `body` from text `s`; -1 with a row error. */
static int put_value(struct import *x, json_t *body, size_t k, const char *s,
		     struct err *e)
{
	const struct column *col = &x->cols[k];
	char *end, *f;
	long long v;
	int64_t id;
	int st;

	switch (col->type) {
	case T_TEXT:
		json_object_set_new(body, col->field, json_string(s));
		return 0;
	case T_DATE:
		json_object_set_new(body, col->field, date_value(s));
		return 0;
	case T_INT:
		errno = 0;
		v = strtoll(s, &end, 10);
		if (*end || errno || end == s)
			return err_invalid(e, col->field,
					   "\"%s\" không phải số nguyên.", s);
		json_object_set_new(body, col->field, json_integer(v));
		return 0;
	case T_BOOL:
		f = text_fold_dup(s);
		st = !strcmp(f, "1") || !strcmp(f, "true") || !strcmp(f, "co") ||
				     !strcmp(f, "x")
			     ? 1
		     : !strcmp(f, "0") || !strcmp(f, "false") ||
				     !strcmp(f, "khong")
			     ? 0
			     : -1;
		free(f);
		if (st < 0)
			return err_invalid(e, col->field,
					   "\"%s\" không hợp lệ; dùng 1/0 hoặc"
					   " có/không.",
					   s);
		json_object_set_new(body, col->field, json_boolean(st));
		return 0;
	case T_UNIT:
		if (resolve_unit(x, s, col->field, &id, e) < 0)
			return -1;
		json_object_set_new(body, col->field, json_integer(id));
		return 0;
	case T_INDICATOR:
		st = indicators_id_by_code(x->c, s, &id, e);
		if (st < 0)
			return -1;
		if (st == 0)
			return err_invalid(e, col->field,
					   "Không có chỉ tiêu mã %s.", s);
		json_object_set_new(body, col->field, json_integer(id));
		return 0;
	}
	return err_internal(e, "import column");
}

/* The cell of column k (by its field), NULL when absent or empty. */
static const char *cell(const struct import *x, const char *field)
{
	size_t k;

	for (k = 0; x->cols[k].key; k++)
		if (!strcmp(x->cols[k].field, field))
			return x->cells[k] && *x->cells[k] ? x->cells[k]
							   : NULL;
	return NULL;
}

static int row_unit(struct import *x, json_t *body, struct err *e)
{
	const char *code = cell(x, "code");
	json_t *out = NULL;
	int64_t id;
	int st, rc;

	st = units_id_by_code(x->c, code ? code : "", &id, e);
	if (st < 0)
		return -1;
	if (st == 0) {
		rc = units_create(x->c, x->a, body, &out, e);
		json_decref(out);
		return rc < 0 ? -1 : 1;
	}
	if (units_check_scope(x->c, x->a, id, NULL, e) < 0) {
		if (e->status == ERR_NOT_FOUND)
			err_set(e, ERR_CONFLICT, "conflict", "code",
				"Mã đơn vị đã được dùng cho một đơn vị khác.");
		return -1;
	}
	rc = units_update(x->c, x->a, id, body, &out, e);
	json_decref(out);
	return rc < 0 ? -1 : 2;
}

static int row_user(struct import *x, json_t *body, struct err *e)
{
	const char *username = cell(x, "username");
	json_t *out = NULL;
	int64_t id;
	int st, rc;

	st = store_int(x->c, Q_IMPORT_USER_ID,
		       (struct sval[]){ SV_T(username ? username : "") }, 1, &id,
		       e);
	if (st < 0)
		return -1;
	if (st == 0) {
		rc = users_create(x->c, x->a, body, &out, e);
		json_decref(out);
		return rc < 0 ? -1 : 1;
	}
	json_object_del(body, "username");
	rc = users_update(x->c, x->a, id, body, &out, e);
	json_decref(out);
	if (rc < 0 && e->status == ERR_NOT_FOUND)
		err_set(e, ERR_CONFLICT, "conflict", "username",
			"Tên đăng nhập đã được sử dụng.");
	return rc < 0 ? -1 : 2;
}

static int row_ivalue(struct import *x, json_t *body, struct err *e)
{
	struct ivalue_filter f = { 0 };
	struct period p;
	json_t *list = NULL, *out = NULL, *upd, *v;
	const char *period = json_string_value(json_object_get(body, "period"));
	int64_t id = 0;
	int rc;

	if (period && periods_parse(period, &p) == 0)
		json_object_set_new(body, "period", json_string(p.key));
	f.indicator_id = json_integer_value(json_object_get(body,
							    "indicator_id"));
	f.unit_id = json_integer_value(json_object_get(body, "unit_id"));
	f.period = json_string_value(json_object_get(body, "period"));
	f.limit = 1;
	if (f.indicator_id && f.unit_id && f.period) {
		if (ivalues_list(x->c, x->a, &f, &list, e) < 0)
			return -1;
		v = json_array_get(json_object_get(list, "items"), 0);
		if (v)
			id = json_integer_value(json_object_get(v, "id"));
		json_decref(list);
	}
	if (!id) {
		rc = ivalues_create(x->c, x->a, body, &out, e);
		json_decref(out);
		return rc < 0 ? -1 : 1;
	}
	upd = json_object();
	if ((v = json_object_get(body, "numerator")))
		json_object_set(upd, "numerator", v);
	if ((v = json_object_get(body, "denominator")))
		json_object_set(upd, "denominator", v);
	if ((v = json_object_get(body, "note")))
		json_object_set(upd, "note", v);
	rc = ivalues_update(x->c, x->a, id, upd, &out, e);
	json_decref(upd);
	json_decref(out);
	return rc < 0 ? -1 : 2;
}

/* One data row: 1 created, 2 updated, 0 blank, -1 refused (e). */
static int import_row(struct import *x, const struct table_row *row,
		      struct err *e)
{
	json_t *body;
	bool blank = true;
	size_t i, k;
	int rc = -1;

	for (k = 0; k < MAX_COLS; k++) {
		free(x->cells[k]);
		x->cells[k] = NULL;
	}
	for (i = 0; i < row->ncells && i < x->ncols; i++) {
		if (x->colmap[i] < 0)
			continue;
		x->cells[x->colmap[i]] = trim_dup(row->cells[i]);
		if (*x->cells[x->colmap[i]])
			blank = false;
	}
	if (blank)
		return 0;
	body = json_object();
	for (k = 0; x->cols[k].key; k++)
		if (x->cells[k] && *x->cells[k] &&
		    put_value(x, body, k, x->cells[k], e) < 0)
			goto out;
	switch (x->kind) {
	case IMPORT_UNITS:
		rc = row_unit(x, body, e);
		break;
	case IMPORT_USERS:
		rc = row_user(x, body, e);
		break;
	case IMPORT_IVALUES:
		rc = row_ivalue(x, body, e);
		break;
	}
out:
	json_decref(body);
	return rc;
}

static int savepoint(struct store_conn *c, enum query q, struct err *e)
{
	return store_exec(c, q, NULL, 0, e);
}

int imports_run(struct store_conn *c, const struct actor *a,
		enum import_kind kind, const char *data, size_t len,
		const struct import_options *o, json_t **out, struct err *e)
{
	struct table_limits lim = TABLE_LIMITS_DEFAULT;
	struct table t = TABLE_INIT;
	struct import x;
	json_t *errors = json_array(), *summary;
	size_t i, checked = 0, created = 0, updated = 0, nerr = 0;
	bool committed = false;
	int rc = -1;

	*out = NULL;
	memset(&x, 0, sizeof(x));
	x.c = c;
	x.a = a;
	x.kind = kind;
	x.cols = kinds[kind].cols;
	lim.max_cols = MAX_COLS;
	if (a->role != ROLE_ADMIN) {
		err_set(e, ERR_FORBIDDEN, "forbidden", NULL,
			"Chỉ quản trị viên được nhập dữ liệu từ tệp.");
		goto out;
	}
	if (table_read(data, len, &lim, &t, e) < 0)
		goto out;
	if (t.nrows < 2) {
		err_set(e, ERR_BAD_INPUT, "invalid", "file",
			"Tệp không có dòng dữ liệu nào (dòng đầu là tên cột:"
			" %s).",
			kinds[kind].list);
		goto out;
	}
	if (read_header(&x, &t.rows[0], e) < 0 || store_begin(c, e) < 0)
		goto out;
	for (i = 1; i < t.nrows; i++) {
		struct err re = ERR_INIT;
		int st;

		if (savepoint(c, Q_IMPORT_SAVEPOINT, e) < 0)
			goto rollback;
		st = import_row(&x, &t.rows[i], &re);
		if (st < 0 && re.status >= 500) {
			*e = re;
			goto rollback;
		}
		if (st < 0 && savepoint(c, Q_IMPORT_ROLLBACK_TO, e) < 0)
			goto rollback;
		if (savepoint(c, Q_IMPORT_RELEASE, e) < 0)
			goto rollback;
		checked += st != 0;
		created += st == 1;
		updated += st == 2;
		if (st < 0 && nerr++ < IMPORTS_MAX_ERRORS)
			json_array_append_new(
				errors,
				json_pack("{s:I, s:s, s:s}", "line",
					  (json_int_t)t.rows[i].line, "column",
					  column_of(&x, re.field), "message",
					  re.message));
		if (o && o->progress)
			o->progress(o->progress_ctx, i, t.nrows - 1);
	}
	summary = json_pack("{s:s, s:I, s:I, s:I}", "kind", kinds[kind].name,
			    "rows", (json_int_t)checked, "created",
			    (json_int_t)created, "updated",
			    (json_int_t)updated);
	if (!nerr && !(o && o->dry_run)) {
		/* One row for the import itself, beside the row of each
		 * change. */
		if (audit_record(c, a, "import", "import", 0, a->unit_id, NULL,
				 summary, e) < 0 ||
		    store_commit(c, e) < 0) {
			json_decref(summary);
			goto rollback;
		}
		committed = true;
	} else {
		store_rollback(c);
	}
	json_decref(summary);
	*out = json_pack("{s:s, s:b, s:I, s:I, s:I, s:O, s:I, s:b}", "kind",
			 kinds[kind].name, "dry_run", o && o->dry_run, "rows",
			 (json_int_t)checked, "created", (json_int_t)created,
			 "updated", (json_int_t)updated, "errors", errors,
			 "errors_total", (json_int_t)nerr, "committed",
			 committed);
	rc = 0;
	goto out;
rollback:
	store_rollback(c);
out:
	for (i = 0; i < MAX_COLS; i++)
		free(x.cells[i]);
	json_decref(errors);
	table_release(&t);
	return rc;
}
