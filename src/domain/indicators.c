/*
 * Indicator definitions and values, completeness and timeliness; see
 * indicators.h.
 */
#include "domain/indicators.h"
#include "domain/audit.h"
#include "domain/records.h"
#include "domain/auth.h"
#include "domain/periods.h"
#include "domain/rollup.h"
#include "domain/unit_history.h"
#include "domain/units.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/format.h"
#include "base/json.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

/* Positions of IND_COLS. */
enum ind_col {
	IC_ID, IC_CODE, IC_NAME, IC_NUM_LABEL, IC_DEN_LABEL, IC_PERIOD_TYPE,
	IC_TARGET, IC_DEADLINE, IC_LEVEL, IC_ACTIVE, IC_CREATED, IC_UPDATED,
	IC_LEVEL_ID,
};

/* Positions of IV_COLS. */
enum iv_col {
	VC_ID, VC_IND, VC_IND_CODE, VC_IND_NAME, VC_UNIT, VC_UNIT_CODE,
	VC_UNIT_NAME, VC_PERIOD, VC_START, VC_END, VC_NUM, VC_DEN, VC_NOTE,
	VC_ENTERED, VC_CREATED, VC_UPDATED, VC_PATH, VC_DEADLINE_DAYS,
};

static const struct jfield ind_fields[] = {
	{ "code", JF_STRING, JF_REQUIRED, 1, 32, 0, 0, "Mã chỉ tiêu" },
	{ "name", JF_STRING, JF_REQUIRED, 1, 300, 0, 0, "Tên chỉ tiêu" },
	{ "numerator_label", JF_STRING, JF_REQUIRED, 1, 200, 0, 0,
	  "Tên tử số" },
	{ "denominator_label", JF_STRING, JF_REQUIRED, 1, 200, 0, 0,
	  "Tên mẫu số" },
	{ "period_type", JF_STRING, JF_REQUIRED, 1, 16, 0, 0, "Loại kỳ" },
	{ "target_hundredths", JF_INT, JF_NULLABLE, 0, 0, 0, 10000,
	  "Mục tiêu (phần trăm x 100)" },
	{ "deadline_days", JF_INT, 0, 0, 0, 0, 366, "Hạn nộp (ngày sau kỳ)" },
	{ "level", JF_STRING, JF_NULLABLE, 0, 64, 0, 0, "Cấp nhập số liệu" },
	{ "active", JF_BOOL, 0, 0, 0, 0, 0, "Đang sử dụng" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const struct jfield iv_fields[] = {
	{ "indicator_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Chỉ tiêu" },
	{ "unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị" },
	{ "period", JF_STRING, JF_REQUIRED, 1, 32, 0, 0, "Kỳ" },
	{ "numerator", JF_INT, JF_REQUIRED, 0, 0, 0, 2000000000, "Tử số" },
	{ "denominator", JF_INT, JF_REQUIRED, 0, 0, 0, 2000000000, "Mẫu số" },
	{ "note", JF_STRING, JF_NULLABLE, 0, 2000, 0, 0, "Ghi chú" },
	{ "entered_on", JF_DATE, 0, 0, 0, 0, 0, "Ngày nhập" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const struct jfield iv_update_fields[] = {
	{ "numerator", JF_INT, 0, 0, 0, 0, 2000000000, "Tử số" },
	{ "denominator", JF_INT, 0, 0, 0, 0, 2000000000, "Mẫu số" },
	{ "note", JF_STRING, JF_NULLABLE, 0, 2000, 0, 0, "Ghi chú" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static json_t *percent_text(int64_t hundredths)
{
	struct buf b = BUF_INIT;
	json_t *j;

	format_percent(&b, hundredths, 2);
	j = json_string(b.ptr);
	buf_release(&b);
	return j;
}

static json_t *ind_json(struct store_rows *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(store_col_int(r, IC_ID)));
	json_object_set_new(j, "code", json_string(store_col_text(r, IC_CODE)));
	json_object_set_new(j, "name", json_string(store_col_text(r, IC_NAME)));
	json_object_set_new(j, "numerator_label",
			    json_string(store_col_text(r, IC_NUM_LABEL)));
	json_object_set_new(j, "denominator_label",
			    json_string(store_col_text(r, IC_DEN_LABEL)));
	json_object_set_new(j, "period_type",
			    json_string(store_col_text(r, IC_PERIOD_TYPE)));
	if (store_col_null(r, IC_TARGET)) {
		json_object_set_new(j, "target_hundredths", json_null());
		json_object_set_new(j, "target_text", json_null());
	} else {
		json_object_set_new(j, "target_hundredths",
				    json_integer(store_col_int(r, IC_TARGET)));
		json_object_set_new(j, "target_text",
				    percent_text(store_col_int(r, IC_TARGET)));
	}
	json_object_set_new(j, "deadline_days",
			    json_integer(store_col_int(r, IC_DEADLINE)));
	json_set_str_or_null(j, "level", store_col_text(r, IC_LEVEL));
	json_object_set_new(j, "active",
			    json_boolean(store_col_int(r, IC_ACTIVE)));
	json_object_set_new(j, "created_at",
			    json_string(store_col_text(r, IC_CREATED)));
	json_object_set_new(j, "updated_at",
			    json_string(store_col_text(r, IC_UPDATED)));
	return j;
}

static int load_ind(struct store_conn *c, enum query q, struct sval key,
		    json_t **out, struct err *e)
{
	struct store_rows *r;
	int st;

	*out = NULL;
	if (store_query(c, q, &key, 1, &r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1)
		*out = ind_json(r);
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, "indicator");
	return st;
}

int indicators_get(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t **out, struct err *e)
{
	int st;

	(void)a;
	st = load_ind(c, Q_IND_GET, SV_I(id), out, e);
	if (st < 0)
		return -1;
	return st ? 0 : err_not_found(e);
}

int indicators_id_by_code(struct store_conn *c, const char *code,
			  int64_t *id, struct err *e)
{
	json_t *j;
	int st = load_ind(c, Q_IND_GET_BY_CODE, SV_T(code), &j, e);

	if (st == 1)
		*id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return st;
}

int indicators_list(struct store_conn *c, const struct actor *a,
		    int active_only, int64_t limit, int64_t offset,
		    json_t **out, struct err *e)
{

	(void)a;
	*out = NULL;
	struct sval args[] = { SV_OPT(active_only, 1), SV_I(limit),
			       SV_I(offset) };
	return records_page(c, Q_IND_COUNT, Q_IND_LIST, args, 1, 3,
			    ind_json, "indicators", out, e);
}

static int check_admin(const struct actor *a, struct err *e)
{
	if (a->role != ROLE_ADMIN)
		return err_set(e, ERR_FORBIDDEN, "forbidden", NULL,
			       "Chỉ quản trị viên được sửa danh mục chỉ tiêu.");
	return 0;
}

/* The level id of code `level` (0 for NULL); 400 if unknown. */
static int level_id(struct store_conn *c, const char *level, int64_t *id,
		    struct err *e)
{
	struct store_rows *r;
	int st;

	*id = 0;
	if (!level || !*level)
		return 0;
	if (store_query(c, Q_LEVEL_GET_BY_CODE, (struct sval[]){ SV_T(level) },
			1, &r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1)
		*id = store_col_int(r, 0);
	store_rows_free(r);
	if (st != 1)
		return err_invalid(e, "level", "Cấp \"%s\" không tồn tại.",
				   level);
	return 0;
}

static int write_ind(struct store_conn *c, const struct actor *a,
		     int64_t id, json_t *body, json_t *before, json_t **out,
		     struct err *e)
{
	enum period_type t;
	int64_t lid, newid = id;
	char now[CLOCK_ISO_SIZE];
	json_t *tv;
	const char *level;
	bool has_target;
	int64_t target;

#define CUR_S(k) json_get_str(body, k, before ? json_string_value(json_object_get(before, k)) : NULL)
#define CUR_I(k, d) json_get_int(body, k, before ? json_integer_value(json_object_get(before, k)) : (d))
	const char *code = CUR_S("code"), *name = CUR_S("name"),
		   *nl = CUR_S("numerator_label"),
		   *dl = CUR_S("denominator_label"),
		   *pt = CUR_S("period_type");
	int64_t deadline = CUR_I("deadline_days", 15);
	bool active = json_get_bool(
		body, "active",
		before ? json_is_true(json_object_get(before, "active")) : true);
#undef CUR_S
#undef CUR_I
	if (json_has(body, "level"))
		level = json_get_str(body, "level", NULL);
	else
		level = before ? json_string_value(json_object_get(before,
								    "level"))
			       : NULL;
	tv = json_has(body, "target_hundredths")
		     ? json_object_get(body, "target_hundredths")
		     : (before ? json_object_get(before, "target_hundredths")
			       : NULL);
	has_target = json_is_integer(tv);
	target = has_target ? json_integer_value(tv) : 0;
	if (periods_type_parse(pt, &t) < 0)
		return err_invalid(e, "period_type",
				   "Loại kỳ phải là week, month, quarter, half"
				   " hoặc year.");
	if (level_id(c, level, &lid, e) < 0)
		return -1;
	clock_iso(clock_now(), now);
	if (!before) {
		if (store_int(c, Q_IND_INSERT,
			      (struct sval[]){ SV_T(code), SV_T(name), SV_T(nl),
					       SV_T(dl), SV_T(pt),
					       SV_OPT(has_target, target),
					       SV_I(deadline), SV_OPT(lid, lid),
					       SV_I(active), SV_T(now) },
			      10, &newid, e) < 0)
			goto conflict;
	} else if (store_exec(c, Q_IND_UPDATE,
			      (struct sval[]){ SV_I(id), SV_T(code), SV_T(name),
					       SV_T(nl), SV_T(dl), SV_T(pt),
					       SV_OPT(has_target, target),
					       SV_I(deadline), SV_OPT(lid, lid),
					       SV_I(active), SV_T(now) },
			      11, e) < 0) {
		goto conflict;
	}
	if (load_ind(c, Q_IND_GET, SV_I(newid), out, e) != 1)
		return err_internal(e, "indicator");
	return audit_record(c, a, before ? "update" : "create", "indicator",
			    newid, 0, before, *out, e);
conflict:
	if (e && e->status == ERR_CONFLICT)
		err_set(e, ERR_CONFLICT, "conflict", "code",
			"Mã chỉ tiêu đã tồn tại.");
	return -1;
}

int indicators_create(struct store_conn *c, const struct actor *a,
		      json_t *body, json_t **out, struct err *e)
{
	bool own;
	int rc;

	*out = NULL;
	if (check_admin(a, e) < 0 || json_check(body, ind_fields, true, e) < 0 ||
	    store_begin_own(c, &own, e) < 0)
		return -1;
	rc = store_end_own(c, own, write_ind(c, a, 0, body, NULL, out, e), e);
	if (rc < 0) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int indicators_update(struct store_conn *c, const struct actor *a,
		      int64_t id, json_t *body, json_t **out, struct err *e)
{
	json_t *before = NULL;
	bool own;
	int rc = -1;

	*out = NULL;
	if (check_admin(a, e) < 0 ||
	    json_check(body, ind_fields, false, e) < 0 || store_begin_own(c, &own, e) < 0)
		return -1;
	if (indicators_get(c, a, id, &before, e) == 0) {
		if (json_has(body, "period_type") &&
		    strcmp(json_get_str(body, "period_type", ""),
			   json_string_value(json_object_get(before,
							     "period_type")))) {
			int64_t n = 0;

			if (store_int(c, Q_IND_VALUE_COUNT,
				      (struct sval[]){ SV_I(id) }, 1, &n, e) < 0)
				goto out;
			if (n) {
				err_invalid(e, "period_type",
					    "Không thể đổi loại kỳ của chỉ tiêu"
					    " đã có số liệu.");
				goto out;
			}
		}
		rc = write_ind(c, a, id, body, before, out, e);
	}
out:
	rc = store_end_own(c, own, rc, e);
	json_decref(before);
	if (rc < 0) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int indicators_delete(struct store_conn *c, const struct actor *a,
		      int64_t id, struct err *e)
{
	json_t *before = NULL;
	int64_t n = 0;
	bool own;
	int rc = -1;

	if (check_admin(a, e) < 0 || store_begin_own(c, &own, e) < 0)
		return -1;
	if (indicators_get(c, a, id, &before, e) < 0 ||
	    store_int(c, Q_IND_VALUE_COUNT, (struct sval[]){ SV_I(id) }, 1, &n,
		      e) < 0)
		goto out;
	if (n) {
		err_set(e, ERR_CONFLICT, "in_use", NULL,
			"Chỉ tiêu đã có %lld số liệu; hãy ngừng sử dụng thay vì"
			" xóa.",
			(long long)n);
		goto out;
	}
	if (store_exec(c, Q_IND_DELETE, (struct sval[]){ SV_I(id) }, 1, e) < 0 ||
	    audit_record(c, a, "delete", "indicator", id, 0, before, NULL, e) <
		    0)
		goto out;
	rc = 0;
out:
	json_decref(before);
	return store_end_own(c, own, rc, e);
}

/* --- values ------------------------------------------------------------ */

static json_t *iv_json(struct store_rows *r)
{
	json_t *j = json_object();
	char deadline[PERIOD_DATE_SIZE] = "";
	int64_t num = store_col_int(r, VC_NUM), den = store_col_int(r, VC_DEN);

	json_object_set_new(j, "id", json_integer(store_col_int(r, VC_ID)));
	json_object_set_new(j, "indicator_id",
			    json_integer(store_col_int(r, VC_IND)));
	json_object_set_new(j, "indicator_code",
			    json_string(store_col_text(r, VC_IND_CODE)));
	json_object_set_new(j, "indicator_name",
			    json_string(store_col_text(r, VC_IND_NAME)));
	json_object_set_new(j, "unit_id", json_integer(store_col_int(r, VC_UNIT)));
	json_object_set_new(j, "unit_code",
			    json_string(store_col_text(r, VC_UNIT_CODE)));
	json_object_set_new(j, "unit_name",
			    json_string(store_col_text(r, VC_UNIT_NAME)));
	json_object_set_new(j, "period", json_string(store_col_text(r, VC_PERIOD)));
	json_object_set_new(j, "period_start",
			    json_string(store_col_text(r, VC_START)));
	json_object_set_new(j, "period_end",
			    json_string(store_col_text(r, VC_END)));
	json_object_set_new(j, "numerator", json_integer(num));
	json_object_set_new(j, "denominator", json_integer(den));
	json_object_set_new(j, "rate", rollup_rate_json(num, den));
	json_object_set_new(j, "note", json_string(store_col_text(r, VC_NOTE)));
	json_object_set_new(j, "entered_on",
			    json_string(store_col_text(r, VC_ENTERED)));
	periods_add_days(store_col_text(r, VC_END),
			 store_col_int(r, VC_DEADLINE_DAYS), deadline);
	json_object_set_new(j, "deadline", json_string(deadline));
	json_object_set_new(j, "late",
			    json_boolean(strcmp(store_col_text(r, VC_ENTERED),
						deadline) > 0));
	json_object_set_new(j, "created_at",
			    json_string(store_col_text(r, VC_CREATED)));
	json_object_set_new(j, "updated_at",
			    json_string(store_col_text(r, VC_UPDATED)));
	return j;
}

static int load_iv(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t **out, struct err *e)
{
	return units_load_scoped(c, a, Q_IV_GET, id, VC_PATH, iv_json,
				 "indicator value", out, e);
}

int ivalues_get(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e)
{
	return load_iv(c, a, id, out, e);
}

int ivalues_list(struct store_conn *c, const struct actor *a,
		 const struct ivalue_filter *f, json_t **out, struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];

	*out = NULL;
	if (f->unit_id && units_check_scope(c, a, f->unit_id, NULL, e) < 0)
		return -1;
	units_subtree_range(a->unit_path, lo, hi);
	struct sval args[] = { SV_T(lo), SV_T(hi),
			       SV_OPT(f->unit_id, f->unit_id),
			       SV_OPT(f->indicator_id, f->indicator_id),
			       SV_T(f->period), SV_T(f->from), SV_T(f->to),
			       SV_I(f->limit), SV_I(f->offset) };
	return records_page(c, Q_IV_COUNT, Q_IV_LIST, args, 7, 9,
			    iv_json, "indicator values", out, e);
}

static int check_fraction(int64_t num, int64_t den, struct err *e)
{
	if (num > den)
		return err_invalid(e, "numerator",
				   "Tử số (%lld) không được lớn hơn mẫu số (%lld).",
				   (long long)num, (long long)den);
	return 0;
}

int ivalues_create(struct store_conn *c, const struct actor *a,
		   json_t *body, json_t **out, struct err *e)
{
	json_t *ind = NULL;
	struct period p;
	enum period_type t;
	char now[CLOCK_ISO_SIZE], today[11];
	const char *entered;
	int64_t id, ind_id, unit, num, den;
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, iv_fields, true, e) < 0)
		return -1;
	if (json_has(body, "entered_on") && a->user_id)
		return err_invalid(e, "entered_on",
				   "Trường \"entered_on\" không được hỗ trợ.");
	ind_id = json_get_int(body, "indicator_id", 0);
	unit = json_get_int(body, "unit_id", 0);
	num = json_get_int(body, "numerator", 0);
	den = json_get_int(body, "denominator", 0);
	if (check_fraction(num, den, e) < 0 || store_begin_own(c, &own, e) < 0)
		return -1;
	if (load_ind(c, Q_IND_GET, SV_I(ind_id), &ind, e) != 1) {
		if (!e || !e->status)
			err_invalid(e, "indicator_id", "Chỉ tiêu không tồn tại.");
		goto out;
	}
	periods_type_parse(json_string_value(json_object_get(ind,
							     "period_type")),
			   &t);
	if (periods_parse(json_get_str(body, "period", ""), &p) < 0) {
		err_invalid(e, "period",
			    "Kỳ không hợp lệ; ví dụ: 2023, 2022-H1, 2023-Q3,"
			    " 2023-05, 2023-W14.");
		goto out;
	}
	if (p.type != t) {
		err_invalid(e, "period",
			    "Chỉ tiêu \"%s\" nhập theo kỳ %s; kỳ \"%s\" không"
			    " phù hợp.",
			    json_string_value(json_object_get(ind, "name")),
			    periods_type_name(t), p.key);
		goto out;
	}
	if (!json_is_true(json_object_get(ind, "active"))) {
		err_invalid(e, "indicator_id", "Chỉ tiêu đã ngừng sử dụng.");
		goto out;
	}
	clock_today_vn(today);
	if (strcmp(p.start, today) > 0) {
		err_invalid(e, "period", "Kỳ %s chưa bắt đầu.", p.key);
		goto out;
	}
	if (unit_history_check_entry(c, a, unit, p.end, "unit_id", e) < 0)
		goto out;
	entered = json_get_str(body, "entered_on", today);
	clock_iso(clock_now(), now);
	if (store_int(c, Q_IV_INSERT,
		      (struct sval[]){ SV_I(ind_id), SV_I(unit), SV_T(p.key),
				       SV_T(p.start), SV_T(p.end), SV_I(num),
				       SV_I(den),
				       SV_T(json_get_str(body, "note", "")),
				       SV_T(entered), SV_T(now) },
		      10, &id, e) < 0) {
		if (e && e->status == ERR_CONFLICT)
			err_set(e, ERR_CONFLICT, "conflict", "period",
				"Đơn vị đã nhập chỉ tiêu này cho kỳ %s; hãy sửa"
				" số liệu đã nhập.",
				p.key);
		goto out;
	}
	if (load_iv(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "create", "indicator_value", id, unit, NULL,
			 *out, e) < 0)
		goto out;
	rc = 0;
out:
	json_decref(ind);
	rc = store_end_own(c, own, rc, e);
	if (rc < 0) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int ivalues_update(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t *body, json_t **out, struct err *e)
{
	json_t *before = NULL;
	char now[CLOCK_ISO_SIZE];
	int64_t unit, num, den;
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, iv_update_fields, false, e) < 0 ||
	    store_begin_own(c, &own, e) < 0)
		return -1;
	if (load_iv(c, a, id, &before, e) < 0)
		goto out;
	unit = json_integer_value(json_object_get(before, "unit_id"));
	num = json_get_int(body, "numerator",
			   json_integer_value(json_object_get(before,
							      "numerator")));
	den = json_get_int(body, "denominator",
			   json_integer_value(json_object_get(before,
							      "denominator")));
	clock_iso(clock_now(), now);
	if (unit_history_check_entry(c, a, unit, NULL, "unit_id", e) < 0 ||
	    check_fraction(num, den, e) < 0 ||
	    store_exec(c, Q_IV_UPDATE,
		       (struct sval[]){ SV_I(id), SV_I(num), SV_I(den),
					SV_T(json_has(body, "note")
						     ? json_get_str(body, "note",
								    "")
						     : json_string_value(json_object_get(
							       before, "note"))),
					SV_T(now) },
		       5, e) < 0 ||
	    load_iv(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "update", "indicator_value", id, unit, before,
			 *out, e) < 0)
		goto out;
	rc = 0;
out:
	json_decref(before);
	rc = store_end_own(c, own, rc, e);
	if (rc < 0) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int ivalues_delete(struct store_conn *c, const struct actor *a, int64_t id,
		   struct err *e)
{
	return records_delete(c, a, id, load_iv, Q_IV_DELETE, "indicator_value", e);
}

static json_t *unit_item(struct store_rows *r)
{
	json_t *j = json_pack("{s:I, s:s, s:s}", "id",
			      (json_int_t)store_col_int(r, 0), "code",
			      store_col_text(r, 1), "name",
			      store_col_text(r, 2));

	if (!store_col_null(r, 3)) {
		json_object_set_new(j, "value_id",
				    json_integer(store_col_int(r, 3)));
		json_object_set_new(j, "entered_on",
				    json_string(store_col_text(r, 4)));
		json_object_set_new(j, "rate",
				    rollup_rate_json(store_col_int(r, 5),
						     store_col_int(r, 6)));
	}
	return j;
}

int indicators_completeness(struct store_conn *c, const struct actor *a,
			    int64_t id, int64_t unit_id, const char *period,
			    json_t **out, struct err *e)
{
	json_t *ind = NULL, *missing, *late, *on_time;
	struct store_rows *r;
	struct period p;
	enum period_type t;
	char deadline[PERIOD_DATE_SIZE];
	int64_t expected = 0;
	int st;

	*out = NULL;
	if (units_check_scope(c, a, unit_id, NULL, e) < 0 ||
	    indicators_get(c, a, id, &ind, e) < 0)
		return -1;
	periods_type_parse(json_string_value(json_object_get(ind,
							     "period_type")),
			   &t);
	if (!period || periods_parse(period, &p) < 0 || p.type != t) {
		json_decref(ind);
		return err_invalid(e, "period",
				   "Kỳ không hợp lệ hoặc không đúng loại kỳ %s"
				   " của chỉ tiêu.",
				   periods_type_name(t));
	}
	periods_add_days(p.end,
			 json_integer_value(json_object_get(ind, "deadline_days")),
			 deadline);
	if (store_query(c, Q_IV_EXPECTED,
			(struct sval[]){ SV_I(unit_id), SV_T(p.start),
					 SV_T(p.end), SV_I(id),
					 SV_T(json_string_value(json_object_get(
						 ind, "level"))) },
			5, &r, e) < 0) {
		json_decref(ind);
		return -1;
	}
	missing = json_array();
	late = json_array();
	on_time = json_array();
	while ((st = store_next(r)) == 1) {
		expected++;
		if (store_col_null(r, 3))
			json_array_append_new(missing, unit_item(r));
		else if (strcmp(store_col_text(r, 4), deadline) > 0)
			json_array_append_new(late, unit_item(r));
		else
			json_array_append_new(on_time, unit_item(r));
	}
	store_rows_free(r);
	if (st < 0) {
		json_decref(ind);
		json_decref(missing);
		json_decref(late);
		json_decref(on_time);
		return err_internal(e, "completeness");
	}
	*out = json_pack("{s:o, s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I,"
			 " s:o, s:o, s:o}",
			 "indicator", ind, "unit_id", (json_int_t)unit_id,
			 "period", p.key, "period_start", p.start, "period_end",
			 p.end, "deadline", deadline, "expected",
			 (json_int_t)expected, "entered",
			 (json_int_t)(json_array_size(late) +
				      json_array_size(on_time)),
			 "late_count", (json_int_t)json_array_size(late),
			 "missing_count", (json_int_t)json_array_size(missing),
			 "missing", missing, "late", late, "on_time", on_time);
	return 0;
}
