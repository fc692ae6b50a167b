/*
 * The document register, code tables, terms and search; see documents.h.
 */
#include "domain/documents.h"
#include "domain/attachments.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/docnumber.h"
#include "domain/tasks.h"
#include "domain/units.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/text.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Column positions of DOC_COLS in sql_documents.def. */
enum doc_col {
	DC_ID, DC_UNIT, DC_UNIT_CODE, DC_UNIT_NAME, DC_DIR, DC_SYMBOL,
	DC_NUMBER, DC_TYPE, DC_TYPE_NAME, DC_ISSUER, DC_ISSUER_NAME,
	DC_ISSUER_TEXT, DC_SUFFIX, DC_STATE, DC_TERM, DC_TERM_NAME, DC_ISSUED,
	DC_SUMMARY, DC_SIGNER, DC_TEXT, DC_TAGS, DC_CREATED, DC_UPDATED,
	DC_PATH, DC_ATT, DC_TYPE_ID, DC_ISSUER_ID, DC_RANK,
};

static const struct jfield doc_fields[] = {
	{ "direction", JF_STRING, JF_REQUIRED, 2, 3, 0, 0, "Loại sổ (đến/đi)" },
	{ "symbol", JF_STRING, JF_NULLABLE, 0, 100, 0, 0, "Số và ký hiệu" },
	{ "type", JF_STRING, JF_NULLABLE, 0, 16, 0, 0, "Loại văn bản" },
	{ "issuer", JF_STRING, JF_NULLABLE, 0, 32, 0, 0, "Cơ quan ban hành" },
	{ "issuer_text", JF_STRING, JF_NULLABLE, 0, 200, 0, 0,
	  "Tên cơ quan ban hành" },
	{ "suffix", JF_STRING, JF_NULLABLE, 0, 20, 0, 0,
	  "Ký hiệu đơn vị soạn thảo" },
	{ "issued_on", JF_DATE, JF_REQUIRED, 0, 0, 0, 0, "Ngày ban hành" },
	{ "summary", JF_STRING, JF_REQUIRED, 1, 2000, 0, 0, "Trích yếu" },
	{ "signer", JF_STRING, JF_NULLABLE, 0, 200, 0, 0, "Người ký" },
	{ "text", JF_STRING, JF_NULLABLE, 0, 200000, 0, 0, "Nội dung" },
	{ "tags", JF_ANY, JF_NULLABLE, 0, 0, 0, 0, "Từ khóa" },
	{ "unit_id", JF_ID, 0, 0, 0, 0, 0, "Đơn vị quản lý" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const struct jfield code_fields[] = {
	{ "code", JF_STRING, JF_REQUIRED, 1, 16, 0, 0, "Mã" },
	{ "name", JF_STRING, JF_REQUIRED, 1, 200, 0, 0, "Tên" },
	{ "active", JF_BOOL, 0, 0, 0, 0, 0, "Đang dùng" },
	{ "unit_id", JF_ID, JF_NULLABLE, 0, 0, 0, 0, "Đơn vị" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const struct jfield term_fields[] = {
	{ "unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị" },
	{ "name", JF_STRING, JF_REQUIRED, 1, 50, 0, 0, "Tên nhiệm kỳ" },
	{ "start_date", JF_DATE, JF_REQUIRED, 0, 0, 0, 0, "Ngày bắt đầu" },
	{ "end_date", JF_DATE, JF_NULLABLE, 0, 0, 0, 0, "Ngày kết thúc" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

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

static json_t *doc_json(struct store_rows *r)
{
	json_t *j = json_object(), *tags;
	const char *issuer_name = store_col_text(r, DC_ISSUER_NAME);

	json_object_set_new(j, "id", json_integer(store_col_int(r, DC_ID)));
	json_object_set_new(j, "unit_id", json_integer(store_col_int(r, DC_UNIT)));
	json_object_set_new(j, "unit_code",
			    json_string(store_col_text(r, DC_UNIT_CODE)));
	json_object_set_new(j, "unit_name",
			    json_string(store_col_text(r, DC_UNIT_NAME)));
	json_object_set_new(j, "direction",
			    json_string(store_col_text(r, DC_DIR)));
	json_object_set_new(j, "symbol", json_string(store_col_text(r, DC_SYMBOL)));
	json_object_set_new(j, "number", nullable_int(r, DC_NUMBER));
	json_set_str_or_null(j, "type", store_col_text(r, DC_TYPE));
	json_set_str_or_null(j, "type_name", store_col_text(r, DC_TYPE_NAME));
	json_set_str_or_null(j, "issuer", store_col_text(r, DC_ISSUER));
	json_set_str_or_null(j, "issuer_name",
			     *issuer_name ? issuer_name
					  : store_col_text(r, DC_ISSUER_TEXT));
	json_set_str_or_null(j, "issuer_text",
			     store_col_text(r, DC_ISSUER_TEXT));
	json_set_str_or_null(j, "suffix", store_col_text(r, DC_SUFFIX));
	json_object_set_new(j, "state_style",
			    json_boolean(store_col_int(r, DC_STATE)));
	json_object_set_new(j, "term_id", nullable_int(r, DC_TERM));
	json_set_str_or_null(j, "term_name", store_col_text(r, DC_TERM_NAME));
	json_object_set_new(j, "issued_on",
			    json_string(store_col_text(r, DC_ISSUED)));
	json_object_set_new(j, "summary",
			    json_string(store_col_text(r, DC_SUMMARY)));
	json_object_set_new(j, "signer", json_string(store_col_text(r, DC_SIGNER)));
	json_object_set_new(j, "text", json_string(store_col_text(r, DC_TEXT)));
	tags = json_loads(store_col_text(r, DC_TAGS), 0, NULL);
	json_object_set_new(j, "tags", json_is_array(tags) ? tags : json_array());
	if (tags && !json_is_array(tags))
		json_decref(tags);
	json_object_set_new(j, "attachment_count",
			    json_integer(store_col_int(r, DC_ATT)));
	json_object_set_new(j, "created_at",
			    json_string(store_col_text(r, DC_CREATED)));
	json_object_set_new(j, "updated_at",
			    json_string(store_col_text(r, DC_UPDATED)));
	return j;
}

/* A document row as loaded for a rule check. */
struct doc_row {
	int64_t id, unit_id;
	char path[UNIT_PATH_SIZE];
	char issued_on[11];
	json_t *json; /* owned */
};

/* Returns 1 found, 0 not found, -1 error. */
static int load_doc(struct store_conn *c, int64_t id, struct doc_row *d,
		    struct err *e)
{
	struct store_rows *r;
	int st;

	memset(d, 0, sizeof(*d));
	if (store_query(c, Q_DOC_GET, (struct sval[]){ SV_I(id) }, 1, &r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1) {
		d->id = store_col_int(r, DC_ID);
		d->unit_id = store_col_int(r, DC_UNIT);
		copy(d->path, sizeof(d->path), store_col_text(r, DC_PATH));
		copy(d->issued_on, sizeof(d->issued_on),
		     store_col_text(r, DC_ISSUED));
		d->json = doc_json(r);
	}
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, "document");
	return st;
}

static void doc_row_release(struct doc_row *d)
{
	json_decref(d->json);
	d->json = NULL;
}

/* Load a document visible to `a` (writable when for_write). */
static int load_visible(struct store_conn *c, const struct actor *a,
			int64_t id, int for_write, struct doc_row *d,
			struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];
	int64_t n = 0;
	int st = load_doc(c, id, d, e);

	if (st < 0)
		return -1;
	if (st == 0)
		return err_not_found(e);
	if (units_path_within(a->unit_path, d->path))
		return 0;
	if (!for_write) {
		units_subtree_range(a->unit_path, lo, hi);
		if (store_int(c, Q_DOC_VISIBLE,
			      (struct sval[]){ SV_T(lo), SV_T(hi), SV_I(id) }, 3,
			      &n, e) < 0) {
			doc_row_release(d);
			return -1;
		}
		if (n > 0)
			return 0;
	}
	doc_row_release(d);
	return err_out_of_scope(e);
}

int documents_check(struct store_conn *c, const struct actor *a, int64_t id,
		    int for_write, int64_t *unit_id, char *issued_on,
		    struct err *e)
{
	struct doc_row d;

	if (load_visible(c, a, id, for_write, &d, e) < 0)
		return -1;
	if (unit_id)
		*unit_id = d.unit_id;
	if (issued_on)
		copy(issued_on, 11, d.issued_on);
	doc_row_release(&d);
	return 0;
}

/* --- code tables -------------------------------------------------------- */

static json_t *code_json(struct store_rows *r, int with_unit)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:b}", "id",
			      (json_int_t)store_col_int(r, 0), "code",
			      store_col_text(r, 1), "name", store_col_text(r, 2),
			      "active", (int)store_col_int(r, 3));

	if (with_unit)
		json_object_set_new(j, "unit_id", nullable_int(r, 4));
	return j;
}

static int code_list(struct store_conn *c, enum query q, int with_unit,
		     json_t **out, struct err *e)
{
	struct store_rows *r;
	json_t *items = json_array();
	int st;

	*out = NULL;
	if (store_query(c, q, NULL, 0, &r, e) < 0) {
		json_decref(items);
		return -1;
	}
	while ((st = store_next(r)) == 1)
		json_array_append_new(items, code_json(r, with_unit));
	store_rows_free(r);
	if (st < 0) {
		json_decref(items);
		return err_internal(e, "codes");
	}
	*out = json_pack("{s:o, s:I}", "items", items, "total",
			 (json_int_t)json_array_size(items));
	return 0;
}

int doctypes_list(struct store_conn *c, json_t **out, struct err *e)
{
	return code_list(c, Q_DTYPE_LIST, 0, out, e);
}

int issuers_list(struct store_conn *c, json_t **out, struct err *e)
{
	return code_list(c, Q_ISSUER_LIST, 1, out, e);
}

static int code_get(struct store_conn *c, enum query q, int with_unit,
		    int64_t id, json_t **out, struct err *e)
{
	struct store_rows *r;
	int st;

	*out = NULL;
	if (store_query(c, q, (struct sval[]){ SV_I(id) }, 1, &r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1)
		*out = code_json(r, with_unit);
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, "code");
	return st == 0 ? err_not_found(e) : 0;
}

/* A code of the tables: letters (đ/Đ included) and digits, starting with a
 * letter, as docnumber.c reads them. */
static int check_code(const char *code, struct err *e)
{
	struct docnumber d;
	struct buf b = BUF_INIT;
	int rc;

	buf_addf(&b, "1-%s/%s", code, code);
	rc = docnumber_parse(b.ptr, NULL, &d, NULL);
	buf_release(&b);
	if (rc < 0 || strcmp(d.type, code))
		return err_invalid(e, "code",
				   "Mã chỉ gồm chữ cái (kể cả Đ) và chữ số, bắt"
				   " đầu bằng chữ cái.");
	return 0;
}

static int code_write(struct store_conn *c, const struct actor *a,
		      int issuer, int64_t id, json_t *body, json_t **out,
		      struct err *e)
{
	json_t *before = NULL;
	const char *code, *name;
	int64_t unit = 0;
	int active;
	int rc;
	enum query get = issuer ? Q_ISSUER_GET : Q_DTYPE_GET;

	*out = NULL;
	if (json_check(body, code_fields, id == 0, e) < 0)
		return -1;
	if (!issuer && json_has(body, "unit_id"))
		return err_invalid(e, "unit_id",
				   "Loại văn bản không gắn với đơn vị.");
	if (store_begin(c, e) < 0)
		return -1;
	if (id && code_get(c, get, issuer, id, &before, e) < 0)
		goto fail;
	code = json_get_str(body, "code",
			    before ? json_string_value(json_object_get(before,
								       "code"))
				   : "");
	name = json_get_str(body, "name",
			    before ? json_string_value(json_object_get(before,
								       "name"))
				   : "");
	active = json_get_bool(body, "active",
			       before ? json_is_true(json_object_get(before,
								     "active"))
				      : true);
	if (issuer) {
		json_t *u = before ? json_object_get(before, "unit_id") : NULL;

		unit = json_has(body, "unit_id") ? json_get_int(body, "unit_id", 0)
						 : (u ? json_integer_value(u) : 0);
		if (unit && units_check_scope(c, a, unit, NULL, e) < 0) {
			err_invalid(e, "unit_id", "Đơn vị không tồn tại.");
			goto fail;
		}
	}
	if (check_code(code, e) < 0)
		goto fail;
	if (id)
		rc = issuer ? store_exec(c, Q_ISSUER_UPDATE,
					 (struct sval[]){ SV_I(id), SV_T(code),
							  SV_T(name),
							  SV_I(active),
							  SV_OPT(unit, unit) },
					 5, e)
			    : store_exec(c, Q_DTYPE_UPDATE,
					 (struct sval[]){ SV_I(id), SV_T(code),
							  SV_T(name),
							  SV_I(active) },
					 4, e);
	else
		rc = issuer ? store_int(c, Q_ISSUER_INSERT,
					(struct sval[]){ SV_T(code), SV_T(name),
							 SV_I(active),
							 SV_OPT(unit, unit) },
					4, &id, e)
			    : store_int(c, Q_DTYPE_INSERT,
					(struct sval[]){ SV_T(code), SV_T(name),
							 SV_I(active) },
					3, &id, e);
	if (rc < 0) {
		if (e && e->status == ERR_CONFLICT)
			err_set(e, ERR_CONFLICT, "conflict", "code",
				"Mã \"%s\" đã có trong danh mục.", code);
		goto fail;
	}
	if (code_get(c, get, issuer, id, out, e) < 0 ||
	    audit_record(c, a, before ? "update" : "create",
			 issuer ? "issuer" : "document_type", id, 0, before, *out,
			 e) < 0 ||
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

int doctypes_create(struct store_conn *c, const struct actor *a,
		    json_t *body, json_t **out, struct err *e)
{
	return code_write(c, a, 0, 0, body, out, e);
}

int doctypes_update(struct store_conn *c, const struct actor *a, int64_t id,
		    json_t *body, json_t **out, struct err *e)
{
	return code_write(c, a, 0, id, body, out, e);
}

int issuers_create(struct store_conn *c, const struct actor *a, json_t *body,
		   json_t **out, struct err *e)
{
	return code_write(c, a, 1, 0, body, out, e);
}

int issuers_update(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t *body, json_t **out, struct err *e)
{
	return code_write(c, a, 1, id, body, out, e);
}

/* The tables loaded once per write, for the parser's lookups. */
struct code_tables {
	json_t *types, *issuers; /* arrays of code_json objects, owned */
};

static json_t *find_code(json_t *list, const char *code)
{
	size_t i;
	json_t *v;

	json_array_foreach(list, i, v)
		if (json_is_true(json_object_get(v, "active")) &&
		    docnumber_code_eq(json_string_value(json_object_get(v, "code")),
				      code))
			return v;
	return NULL;
}

static bool lookup(json_t *list, const char *code, char *canon, size_t size)
{
	json_t *v = find_code(list, code);

	if (!v)
		return false;
	copy(canon, size, json_string_value(json_object_get(v, "code")));
	return true;
}

static bool type_cb(void *ctx, const char *code, char *canon, size_t size)
{
	return lookup(((struct code_tables *)ctx)->types, code, canon, size);
}

static bool issuer_cb(void *ctx, const char *code, char *canon, size_t size)
{
	return lookup(((struct code_tables *)ctx)->issuers, code, canon, size);
}

static int tables_load(struct store_conn *c, struct code_tables *t,
		       struct err *e)
{
	json_t *a = NULL, *b = NULL;

	t->types = t->issuers = NULL;
	if (doctypes_list(c, &a, e) < 0)
		return -1;
	if (issuers_list(c, &b, e) < 0) {
		json_decref(a);
		return -1;
	}
	t->types = json_incref(json_object_get(a, "items"));
	t->issuers = json_incref(json_object_get(b, "items"));
	json_decref(a);
	json_decref(b);
	return 0;
}

static void tables_release(struct code_tables *t)
{
	json_decref(t->types);
	json_decref(t->issuers);
	t->types = t->issuers = NULL;
}

int documents_parse_symbol(struct store_conn *c, const char *s,
			   json_t **out, struct err *e)
{
	struct code_tables t;
	struct docnumber_codes codes = { type_cb, issuer_cb, &t };
	struct docnumber d;
	struct err pe = ERR_INIT;

	*out = NULL;
	if (tables_load(c, &t, e) < 0)
		return -1;
	if (docnumber_parse(s, &codes, &d, &pe) < 0)
		*out = json_pack("{s:b, s:{s:s, s:s, s:s}}", "ok", 0, "error",
				 "code", pe.code, "message", pe.message, "field",
				 "symbol");
	else
		*out = json_pack("{s:b, s:s, s:I, s:s, s:s, s:s, s:s}", "ok", 1,
				 "style",
				 d.style == DOCNUMBER_PARTY ? "party" : "state",
				 "number", (json_int_t)d.number, "type", d.type,
				 "issuer", d.issuer, "suffix", d.suffix, "symbol",
				 d.symbol);
	tables_release(&t);
	return 0;
}

/* --- terms -------------------------------------------------------------- */

static json_t *term_json(struct store_rows *r)
{
	json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "id",
			      (json_int_t)store_col_int(r, 0), "unit_id",
			      (json_int_t)store_col_int(r, 1), "unit_code",
			      store_col_text(r, 2), "unit_name",
			      store_col_text(r, 3), "name", store_col_text(r, 4),
			      "start_date", store_col_text(r, 5));

	json_set_str_or_null(j, "end_date", store_col_text(r, 6));
	return j;
}

int terms_list(struct store_conn *c, const struct actor *a, int64_t unit_id,
	       json_t **out, struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];
	struct store_rows *r;
	json_t *items = json_array();
	int st;

	*out = NULL;
	units_subtree_range(a->unit_path, lo, hi);
	if (store_query(c, Q_TERM_LIST,
			(struct sval[]){ SV_T(lo), SV_T(hi), SV_T(a->unit_path),
					 SV_OPT(unit_id, unit_id) },
			4, &r, e) < 0) {
		json_decref(items);
		return -1;
	}
	while ((st = store_next(r)) == 1)
		json_array_append_new(items, term_json(r));
	store_rows_free(r);
	if (st < 0) {
		json_decref(items);
		return err_internal(e, "terms");
	}
	*out = json_pack("{s:o, s:I}", "items", items, "total",
			 (json_int_t)json_array_size(items));
	return 0;
}

int terms_create(struct store_conn *c, const struct actor *a, json_t *body,
		 json_t **out, struct err *e)
{
	struct store_rows *r;
	int64_t unit, id, n = 0;
	const char *start, *end;
	int st;

	*out = NULL;
	if (json_check(body, term_fields, true, e) < 0)
		return -1;
	unit = json_get_int(body, "unit_id", 0);
	start = json_get_str(body, "start_date", NULL);
	end = json_get_str(body, "end_date", NULL);
	if (end && strcmp(end, start) < 0)
		return err_invalid(e, "end_date",
				   "Ngày kết thúc nhiệm kỳ phải sau ngày bắt"
				   " đầu.");
	if (store_begin(c, e) < 0)
		return -1;
	if (units_check_scope(c, a, unit, NULL, e) < 0)
		goto fail;
	if (store_int(c, Q_TERM_OVERLAPS,
		      (struct sval[]){ SV_I(unit), SV_T(start), SV_T(end) }, 3,
		      &n, e) < 0)
		goto fail;
	if (n > 0) {
		err_set(e, ERR_CONFLICT, "conflict", "start_date",
			"Nhiệm kỳ trùng thời gian với một nhiệm kỳ đã có của"
			" đơn vị.");
		goto fail;
	}
	if (store_int(c, Q_TERM_INSERT,
		      (struct sval[]){ SV_I(unit),
				       SV_T(json_get_str(body, "name", "")),
				       SV_T(start), SV_T(end) },
		      4, &id, e) < 0) {
		if (e && e->status == ERR_CONFLICT)
			err_set(e, ERR_CONFLICT, "conflict", "name",
				"Đơn vị đã có nhiệm kỳ tên này.");
		goto fail;
	}
	if (store_query(c, Q_TERM_GET, (struct sval[]){ SV_I(id) }, 1, &r, e) < 0)
		goto fail;
	st = store_next(r);
	if (st == 1)
		*out = term_json(r);
	store_rows_free(r);
	if (st != 1) {
		err_internal(e, "term");
		goto fail;
	}
	if (audit_record(c, a, "create", "term", id, unit, NULL, *out, e) < 0 ||
	    store_commit(c, e) < 0)
		goto fail;
	return 0;
fail:
	store_rollback(c);
	json_decref(*out);
	*out = NULL;
	return -1;
}

/* --- search text -------------------------------------------------------- */

/* The folded search text of a document in its API form, with the names of
 * its attachments (`atts`, an array, may be NULL). */
static char *folded_text(json_t *doc, json_t *atts)
{
	static const char *const keys[] = { "symbol", "type", "type_name",
					    "issuer", "issuer_name",
					    "issuer_text", "summary", "signer",
					    "text", NULL };
	struct buf b = BUF_INIT;
	char *f;
	size_t i;
	json_t *v;

	buf_init(&b, (size_t)8 << 20);
	for (i = 0; keys[i]; i++) {
		v = json_object_get(doc, keys[i]);
		if (json_is_string(v)) {
			buf_adds(&b, json_string_value(v));
			buf_addch(&b, ' ');
		}
	}
	/* "5" finds "05-NQ/TU". */
	v = json_object_get(doc, "number");
	if (json_is_integer(v))
		buf_addf(&b, "%lld ", (long long)json_integer_value(v));
	json_array_foreach(json_object_get(doc, "tags"), i, v)
		if (json_is_string(v)) {
			buf_adds(&b, json_string_value(v));
			buf_addch(&b, ' ');
		}
	json_array_foreach(atts, i, v)
		if (json_is_string(json_object_get(v, "filename"))) {
			buf_adds(&b, json_string_value(
					     json_object_get(v, "filename")));
			buf_addch(&b, ' ');
		}
	f = text_fold_dup(b.ptr);
	buf_release(&b);
	return f;
}

int documents_refold(struct store_conn *c, int64_t id, struct err *e)
{
	struct doc_row d;
	json_t *atts = NULL;
	char now[CLOCK_ISO_SIZE], *f;
	int rc;

	if (load_doc(c, id, &d, e) != 1)
		return err_internal(e, "document refold");
	if (attachments_list(c, id, &atts, e) < 0) {
		doc_row_release(&d);
		return -1;
	}
	f = folded_text(d.json, atts);
	clock_iso(clock_now(), now);
	rc = store_exec(c, Q_DOC_SET_FOLDED,
			(struct sval[]){ SV_I(id), SV_T(f), SV_T(now) }, 3, e);
	free(f);
	json_decref(atts);
	doc_row_release(&d);
	return rc;
}

/* --- writes ------------------------------------------------------------- */

/* A document being written, resolved from the (merged) body. */
struct doc_values {
	int64_t unit_id;
	char unit_path[UNIT_PATH_SIZE];
	const char *direction, *issued_on, *summary, *signer, *text;
	const char *issuer_text;
	char symbol[160], suffix[32], type_code[24], issuer_code[48];
	long number;
	int64_t type_id, issuer_id, term_id;
	int state_style;
	char *tags; /* JSON text, owned */
};

static int check_tags(json_t *tags, char **out, struct err *e)
{
	size_t i;
	json_t *v;

	*out = NULL;
	if (!tags || json_is_null(tags)) {
		*out = strdup("[]");
		return 0;
	}
	if (!json_is_array(tags) || json_array_size(tags) > 20)
		return err_invalid(e, "tags",
				   "Từ khóa phải là danh sách tối đa 20 chuỗi.");
	json_array_foreach(tags, i, v) {
		const char *s = json_string_value(v);

		if (!s || !*s || utf8_length(s, strlen(s)) > 50)
			return err_invalid(e, "tags",
					   "Mỗi từ khóa là một chuỗi từ 1 đến 50"
					   " ký tự.");
	}
	*out = json_dumps(tags, JSON_COMPACT);
	return 0;
}

static int64_t code_id(json_t *v)
{
	return v ? json_integer_value(json_object_get(v, "id")) : 0;
}

/*
 * Resolve `body` (already merged over the current document on update)
 * into `v`: scope of the owning unit, symbol parse, codes, term, number.
 * `self` is the id being updated (0 on create).
 */
static int resolve(struct store_conn *c, const struct actor *a, json_t *body,
		   struct code_tables *t, struct doc_values *v,
		   struct err *e)
{
	struct docnumber_codes codes = { type_cb, issuer_cb, t };
	struct docnumber d;
	const char *sym = json_get_str(body, "symbol", "");
	const char *type = json_get_str(body, "type", "");
	const char *issuer = json_get_str(body, "issuer", "");
	json_t *tv, *iv;
	int64_t n;
	int out;

	v->direction = json_get_str(body, "direction", "");
	if (strcmp(v->direction, "in") && strcmp(v->direction, "out"))
		return err_invalid(e, "direction",
				   "Loại sổ phải là \"in\" (văn bản đến) hoặc"
				   " \"out\" (văn bản đi).");
	out = !strcmp(v->direction, "out");
	v->unit_id = json_get_int(body, "unit_id", a->unit_id);
	if (units_check_scope(c, a, v->unit_id, v->unit_path, e) < 0) {
		if (v->unit_id != a->unit_id)
			err_set(e, ERR_NOT_FOUND, "out_of_scope", "unit_id",
				"Không tìm thấy đơn vị quản lý văn bản.");
		return -1;
	}
	v->issued_on = json_get_str(body, "issued_on", "");
	v->summary = json_get_str(body, "summary", "");
	v->signer = json_get_str(body, "signer", "");
	v->text = json_get_str(body, "text", "");
	v->issuer_text = json_get_str(body, "issuer_text", "");
	copy(v->suffix, sizeof(v->suffix), json_get_str(body, "suffix", ""));
	if (check_tags(json_object_get(body, "tags"), &v->tags, e) < 0)
		return -1;

	if (*sym) {
		if (docnumber_parse(sym, out ? &codes : NULL, &d, e) < 0)
			return -1;
		if (d.style == DOCNUMBER_PARTY && !out &&
		    docnumber_parse(sym, &codes, &d, e) < 0)
			return -1;
		if (d.style == DOCNUMBER_STATE && out)
			return err_invalid(e, "symbol",
					   "Ký hiệu kiểu nhà nước (\"%s\") chỉ"
					   " dùng cho văn bản đến; văn bản đi"
					   " dùng kiểu Đảng, ví dụ 12-KH/BTGDVTU.",
					   d.symbol);
		if (*type && !docnumber_code_eq(type, d.type) &&
		    d.style == DOCNUMBER_PARTY)
			return err_invalid(e, "type",
					   "Loại văn bản \"%s\" không khớp với"
					   " số và ký hiệu \"%s\".",
					   type, d.symbol);
		if (*issuer && !docnumber_code_eq(issuer, d.issuer) &&
		    d.style == DOCNUMBER_PARTY)
			return err_invalid(e, "issuer",
					   "Cơ quan ban hành \"%s\" không khớp với"
					   " số và ký hiệu \"%s\".",
					   issuer, d.symbol);
		copy(v->symbol, sizeof(v->symbol), d.symbol);
		v->number = d.number;
		v->state_style = d.style == DOCNUMBER_STATE;
		copy(v->suffix, sizeof(v->suffix), d.suffix);
		tv = find_code(t->types, d.type);
		iv = v->state_style ? NULL : find_code(t->issuers, d.issuer);
		v->type_id = code_id(tv);
		v->issuer_id = code_id(iv);
		copy(v->type_code, sizeof(v->type_code), d.type);
		copy(v->issuer_code, sizeof(v->issuer_code), d.issuer);
	} else {
		if (!out)
			return err_invalid(e, "symbol",
					   "Chưa nhập số và ký hiệu của văn bản"
					   " đến.");
		if (!*type)
			return err_invalid(e, "type",
					   "Chọn loại văn bản để cấp số tự động.");
		if (!*issuer)
			return err_invalid(e, "issuer",
					   "Chọn cơ quan ban hành để cấp số tự"
					   " động.");
		tv = find_code(t->types, type);
		if (!tv)
			return err_invalid(e, "type",
					   "Loại văn bản \"%s\" không có trong danh"
					   " mục.",
					   type);
		iv = find_code(t->issuers, issuer);
		if (!iv)
			return err_invalid(e, "issuer",
					   "Cơ quan ban hành \"%s\" không có trong"
					   " danh mục.",
					   issuer);
		v->type_id = code_id(tv);
		v->issuer_id = code_id(iv);
		copy(v->type_code, sizeof(v->type_code),
		     json_string_value(json_object_get(tv, "code")));
		copy(v->issuer_code, sizeof(v->issuer_code),
		     json_string_value(json_object_get(iv, "code")));
		v->number = 0; /* given below, under the write lock */
	}
	if (!out)
		return 0;

	/* An issuer tied to a unit issues only for that unit's subtree. */
	n = json_integer_value(json_object_get(iv, "unit_id"));
	if (n && units_check_scope(c, a, n, NULL, e) < 0)
		return err_invalid(e, "issuer",
				   "Đơn vị của bạn không ban hành văn bản với ký"
				   " hiệu \"%s\".",
				   v->issuer_code);
	if (store_int(c, Q_TERM_FOR,
		      (struct sval[]){ SV_T(v->unit_path), SV_T(v->issued_on) },
		      2, &v->term_id, e) < 0)
		return -1;
	if (!v->term_id)
		return err_invalid(e, "issued_on",
				   "Chưa có nhiệm kỳ nào của đơn vị bao gồm ngày"
				   " %s: khai báo nhiệm kỳ trước khi cấp số văn"
				   " bản đi.",
				   v->issued_on);
	if (!v->number) {
		if (store_int(c, Q_DOC_NEXT_NUMBER,
			      (struct sval[]){ SV_I(v->issuer_id),
					       SV_I(v->type_id),
					       SV_I(v->term_id) },
			      3, &n, e) < 0)
			return -1;
		if (n > DOCNUMBER_MAX_NUMBER)
			return err_invalid(e, "symbol",
					   "Đã hết số trong nhiệm kỳ.");
		v->number = (long)n;
		if (docnumber_format(v->symbol, sizeof(v->symbol), v->number,
				     v->type_code, v->issuer_code,
				     v->suffix) < 0)
			return err_invalid(e, "symbol", "Số và ký hiệu quá dài.");
	}
	return 0;
}

static int conflict_on_symbol(const struct doc_values *v, struct err *e)
{
	if (e && e->status == ERR_CONFLICT)
		err_set(e, ERR_CONFLICT, "conflict", "symbol",
			!strcmp(v->direction, "out")
				? "Số %s đã được dùng cho một văn bản đi khác"
				  " cùng loại, cùng cơ quan ban hành trong nhiệm"
				  " kỳ này."
				: "Văn bản đến %s cùng ngày ban hành đã được vào"
				  " sổ.",
			v->symbol);
	return -1;
}

static void values_release(struct doc_values *v)
{
	free(v->tags);
	v->tags = NULL;
}

/* The folded text of the values about to be written. */
static char *values_folded(const struct doc_values *v, struct code_tables *t,
			   json_t *atts)
{
	json_t *doc = json_object(), *tv, *iv;
	char *f;

	json_object_set_new(doc, "symbol", json_string(v->symbol));
	json_object_set_new(doc, "number", json_integer(v->number));
	json_object_set_new(doc, "type", json_string(v->type_code));
	tv = find_code(t->types, v->type_code);
	iv = v->issuer_id ? find_code(t->issuers, v->issuer_code) : NULL;
	if (tv)
		json_object_set(doc, "type_name", json_object_get(tv, "name"));
	if (iv)
		json_object_set(doc, "issuer_name", json_object_get(iv, "name"));
	json_object_set_new(doc, "issuer", json_string(v->issuer_code));
	json_object_set_new(doc, "issuer_text", json_string(v->issuer_text));
	json_object_set_new(doc, "summary", json_string(v->summary));
	json_object_set_new(doc, "signer", json_string(v->signer));
	json_object_set_new(doc, "text", json_string(v->text));
	json_object_set_new(doc, "tags", json_loads(v->tags, 0, NULL));
	f = folded_text(doc, atts);
	json_decref(doc);
	return f;
}

int documents_create(struct store_conn *c, const struct actor *a,
		     json_t *body, json_t **out, struct err *e)
{
	struct doc_values v;
	struct code_tables t = { NULL, NULL };
	struct doc_row d = { 0 };
	char now[CLOCK_ISO_SIZE], *folded = NULL;
	int64_t id;

	*out = NULL;
	memset(&v, 0, sizeof(v));
	if (json_check(body, doc_fields, true, e) < 0)
		return -1;
	if (store_begin(c, e) < 0)
		return -1;
	if (tables_load(c, &t, e) < 0 || resolve(c, a, body, &t, &v, e) < 0)
		goto fail;
	folded = values_folded(&v, &t, NULL);
	clock_iso(clock_now(), now);
	if (store_int(c, Q_DOC_INSERT,
		      (struct sval[]){
			      SV_I(v.unit_id), SV_T(v.direction), SV_T(v.symbol),
			      SV_I(v.number), SV_OPT(v.type_id, v.type_id),
			      SV_OPT(v.issuer_id, v.issuer_id),
			      SV_T(v.issuer_text), SV_T(v.suffix),
			      SV_I(v.state_style), SV_OPT(v.term_id, v.term_id),
			      SV_T(v.issued_on), SV_T(v.summary), SV_T(v.signer),
			      SV_T(v.text), SV_T(v.tags), SV_T(folded),
			      SV_I(a->user_id), SV_T(now) },
		      18, &id, e) < 0) {
		conflict_on_symbol(&v, e);
		goto fail;
	}
	if (load_doc(c, id, &d, e) != 1 ||
	    audit_record(c, a, "create", "document", id, v.unit_id, NULL, d.json,
			 e) < 0 ||
	    store_commit(c, e) < 0)
		goto fail;
	*out = d.json;
	free(folded);
	tables_release(&t);
	values_release(&v);
	return 0;
fail:
	if (!e || !e->status)
		err_internal(e, "document create");
	store_rollback(c);
	doc_row_release(&d);
	free(folded);
	tables_release(&t);
	values_release(&v);
	return -1;
}

/* The body of an update merged over the current document. A changed type,
 * issuer or suffix without a new symbol drops the old symbol, so an
 * outgoing document is numbered anew. */
static json_t *merge_update(json_t *cur, json_t *body)
{
	static const char *const keys[] = { "direction", "symbol", "issuer_text",
					    "suffix", "issued_on", "summary",
					    "signer", "text", "tags", "unit_id",
					    NULL };
	json_t *m = json_object();
	size_t i;
	const char *k;
	json_t *v;

	for (i = 0; keys[i]; i++)
		if (json_object_get(cur, keys[i]))
			json_object_set(m, keys[i], json_object_get(cur, keys[i]));
	if (!json_has(body, "symbol") &&
	    (json_has(body, "type") || json_has(body, "issuer") ||
	     json_has(body, "suffix"))) {
		json_object_del(m, "symbol");
		json_object_set(m, "type", json_object_get(cur, "type"));
		json_object_set(m, "issuer", json_object_get(cur, "issuer"));
	}
	json_object_foreach(body, k, v)
		json_object_set(m, k, v);
	return m;
}

int documents_update(struct store_conn *c, const struct actor *a, int64_t id,
		     json_t *body, json_t **out, struct err *e)
{
	struct doc_values v;
	struct code_tables t = { NULL, NULL };
	struct doc_row cur = { 0 }, after = { 0 };
	json_t *merged = NULL, *atts = NULL;
	char now[CLOCK_ISO_SIZE], *folded = NULL;

	*out = NULL;
	memset(&v, 0, sizeof(v));
	if (json_check(body, doc_fields, false, e) < 0)
		return -1;
	if (store_begin(c, e) < 0)
		return -1;
	if (load_visible(c, a, id, 1, &cur, e) < 0)
		goto fail;
	merged = merge_update(cur.json, body);
	if (tables_load(c, &t, e) < 0 || resolve(c, a, merged, &t, &v, e) < 0 ||
	    attachments_list(c, id, &atts, e) < 0)
		goto fail;
	folded = values_folded(&v, &t, atts);
	clock_iso(clock_now(), now);
	if (store_exec(c, Q_DOC_UPDATE,
		       (struct sval[]){
			       SV_I(id), SV_I(v.unit_id), SV_T(v.direction),
			       SV_T(v.symbol), SV_I(v.number),
			       SV_OPT(v.type_id, v.type_id),
			       SV_OPT(v.issuer_id, v.issuer_id),
			       SV_T(v.issuer_text), SV_T(v.suffix),
			       SV_I(v.state_style), SV_OPT(v.term_id, v.term_id),
			       SV_T(v.issued_on), SV_T(v.summary), SV_T(v.signer),
			       SV_T(v.text), SV_T(v.tags), SV_T(folded),
			       SV_T(now) },
		       18, e) < 0) {
		conflict_on_symbol(&v, e);
		goto fail;
	}
	if (load_doc(c, id, &after, e) != 1 ||
	    audit_record(c, a, "update", "document", id, v.unit_id, cur.json,
			 after.json, e) < 0 ||
	    store_commit(c, e) < 0)
		goto fail;
	*out = after.json;
	after.json = NULL;
	goto done;
fail:
	if (!e || !e->status)
		err_internal(e, "document update");
	store_rollback(c);
done:
	doc_row_release(&cur);
	doc_row_release(&after);
	json_decref(merged);
	json_decref(atts);
	free(folded);
	tables_release(&t);
	values_release(&v);
	return *out ? 0 : -1;
}

int documents_delete(struct store_conn *c, const struct actor *a, int64_t id,
		     struct err *e)
{
	struct doc_row d = { 0 };
	json_t *atts = NULL;
	int64_t tasks = 0;

	if (store_begin(c, e) < 0)
		return -1;
	if (load_visible(c, a, id, 1, &d, e) < 0 ||
	    store_int(c, Q_DOC_TASK_COUNT, (struct sval[]){ SV_I(id) }, 1,
		      &tasks, e) < 0)
		goto fail;
	if (tasks) {
		err_set(e, ERR_CONFLICT, "in_use", NULL,
			"Không thể xóa: văn bản còn %lld nhiệm vụ triển khai."
			" Xóa các nhiệm vụ trước.",
			(long long)tasks);
		goto fail;
	}
	if (attachments_list(c, id, &atts, e) < 0)
		goto fail;
	json_object_set(d.json, "attachments", atts);
	if (store_exec(c, Q_ATT_DELETE_BY_DOC, (struct sval[]){ SV_I(id) }, 1,
		       e) < 0 ||
	    store_exec(c, Q_DOC_DELETE, (struct sval[]){ SV_I(id) }, 1, e) < 0 ||
	    audit_record(c, a, "delete", "document", id, d.unit_id, d.json, NULL,
			 e) < 0 ||
	    store_commit(c, e) < 0)
		goto fail;
	json_decref(atts);
	doc_row_release(&d);
	return 0;
fail:
	store_rollback(c);
	json_decref(atts);
	doc_row_release(&d);
	return -1;
}

/* --- reads -------------------------------------------------------------- */

int documents_get(struct store_conn *c, const struct actor *a, int64_t id,
		  json_t **out, struct err *e)
{
	struct doc_row d;
	json_t *atts = NULL, *tasks = NULL;

	*out = NULL;
	if (load_visible(c, a, id, 0, &d, e) < 0)
		return -1;
	if (attachments_list(c, id, &atts, e) < 0 ||
	    tasks_for_document(c, a, id, &tasks, e) < 0) {
		json_decref(atts);
		doc_row_release(&d);
		return -1;
	}
	json_object_set_new(d.json, "attachments", atts);
	json_object_set_new(d.json, "tasks", tasks);
	json_object_set_new(d.json, "editable",
			    json_boolean(units_path_within(a->unit_path, d.path)));
	*out = d.json;
	return 0;
}

/* An FTS5 query of quoted prefix terms from the folded `q`; NULL when `q`
 * has no word. The caller frees it. */
static char *fts_query(const char *folded)
{
	struct buf b = BUF_INIT;
	const unsigned char *p = (const unsigned char *)folded;
	int terms = 0;

	while (*p && terms < 16) {
		const unsigned char *s;

		while (*p && *p < 0x80 && !((*p >= 'a' && *p <= 'z') ||
					     (*p >= '0' && *p <= '9') ||
					     (*p >= 'A' && *p <= 'Z')))
			p++;
		if (!*p)
			break;
		s = p;
		while (*p && (*p >= 0x80 || (*p >= 'a' && *p <= 'z') ||
			      (*p >= '0' && *p <= '9') ||
			      (*p >= 'A' && *p <= 'Z')))
			p++;
		if (terms++)
			buf_addch(&b, ' ');
		buf_addch(&b, '"');
		buf_add(&b, s, (size_t)(p - s));
		buf_adds(&b, "\"*");
	}
	if (!terms) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

int documents_list(struct store_conn *c, const struct actor *a,
		   const struct documents_filter *f, json_t **out,
		   struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];
	struct store_rows *r;
	json_t *items = json_array(), *j;
	char *folded = NULL, *match = NULL;
	const char *sort = f->sort && *f->sort ? f->sort : NULL;
	int64_t total = 0;
	int st;

	*out = NULL;
	if (f->direction && *f->direction && strcmp(f->direction, "in") &&
	    strcmp(f->direction, "out")) {
		json_decref(items);
		return err_invalid(e, "direction",
				   "Tham số \"direction\" phải là in hoặc out.");
	}
	if (sort && strcmp(sort, "date_desc") && strcmp(sort, "date_asc") &&
	    strcmp(sort, "symbol") && strcmp(sort, "relevance")) {
		json_decref(items);
		return err_invalid(e, "sort",
				   "Tham số \"sort\" phải là date_desc, date_asc,"
				   " symbol hoặc relevance.");
	}
	if (f->unit_id && units_check_scope(c, a, f->unit_id, NULL, e) < 0) {
		json_decref(items);
		return -1;
	}
	if (f->q && *f->q) {
		folded = text_fold_dup(f->q);
		match = fts_query(folded);
	}
	if (!sort)
		sort = match ? "relevance" : "date_desc";
	units_subtree_range(a->unit_path, lo, hi);
	{
		/* ?9 is the search, so the count statements take ?1..?8 and,
		 * when searching, ?9. */
		struct sval args[] = {
			SV_T(lo),
			SV_T(hi),
			SV_T(f->type && *f->type ? f->type : NULL),
			SV_T(f->issuer && *f->issuer ? f->issuer : NULL),
			SV_T(f->from && *f->from ? f->from : NULL),
			SV_T(f->to && *f->to ? f->to : NULL),
			SV_OPT(f->unit_id, f->unit_id),
			SV_T(f->direction && *f->direction ? f->direction
							    : NULL),
			SV_T(match),
			SV_T(sort),
			SV_I(f->limit),
			SV_I(f->offset),
		};
		enum query lq = match ? Q_DOC_SEARCH_FTS : Q_DOC_LIST;
		enum query cq = match ? Q_DOC_SEARCH_FTS_COUNT : Q_DOC_LIST_COUNT;

		/* Q_DOC_LIST never reads ?9: binding it NULL is harmless. */
		if (store_int(c, cq, args, match ? 9 : 8, &total, e) < 0 ||
		    store_query(c, lq, args, 12, &r, e) < 0)
			goto fail;
	}
	while ((st = store_next(r)) == 1) {
		j = doc_json(r);
		/* The full text stays out of lists. */
		json_object_del(j, "text");
		json_array_append_new(items, j);
	}
	store_rows_free(r);
	if (st < 0) {
		err_internal(e, "documents");
		goto fail;
	}
	*out = json_pack("{s:o, s:I}", "items", items, "total",
			 (json_int_t)total);
	if (folded)
		json_object_set_new(*out, "q_folded", json_string(folded));
	free(folded);
	free(match);
	return 0;
fail:
	free(folded);
	free(match);
	json_decref(items);
	return -1;
}
