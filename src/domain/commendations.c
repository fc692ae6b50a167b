/*
 * Commendations of collectives and officials; see commendations.h.
 */
#include "domain/commendations.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/records.h"
#include "domain/unit_history.h"
#include "domain/units.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/text.h"
#include "store/store.h"

#include <string.h>

enum cm_col {
	MC_ID, MC_UNIT, MC_UNIT_CODE, MC_UNIT_NAME, MC_KIND, MC_RECIPIENT,
	MC_POSITION, MC_AWARD, MC_REASON, MC_DATE, MC_DECISION, MC_CREATED,
	MC_UPDATED, MC_PATH,
};

const char *const commendation_awards[] = {
	"bang_khen_tw",	   "bang_khen_tinh_uy", "bang_khen_ubnd_tinh",
	"giay_khen_ban",   "giay_khen_huyen",	"giay_khen_co_so",
	"bieu_duong",	   "other",		NULL,
};

static const char *const kinds[] = { "collective", "individual", NULL };

static const struct jfield cm_fields[] = {
	{ "unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị" },
	{ "kind", JF_STRING, JF_REQUIRED, 1, 16, 0, 0, "Đối tượng" },
	{ "recipient", JF_STRING, JF_REQUIRED, 1, 300, 0, 0,
	  "Tên tập thể, cá nhân" },
	{ "position", JF_STRING, JF_NULLABLE, 0, 200, 0, 0, "Chức vụ" },
	{ "award", JF_STRING, JF_REQUIRED, 1, 32, 0, 0, "Hình thức khen thưởng" },
	{ "reason", JF_STRING, JF_REQUIRED, 1, 1000, 0, 0, "Lý do" },
	{ "awarded_on", JF_DATE, JF_REQUIRED, 0, 0, 0, 0, "Ngày khen thưởng" },
	{ "decision_ref", JF_STRING, JF_NULLABLE, 0, 64, 0, 0, "Số quyết định" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static json_t *cm_json(struct store_rows *r)
{
	return json_pack(
		"{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
		" s:s}",
		"id", (json_int_t)store_col_int(r, MC_ID), "unit_id",
		(json_int_t)store_col_int(r, MC_UNIT), "unit_code",
		store_col_text(r, MC_UNIT_CODE), "unit_name",
		store_col_text(r, MC_UNIT_NAME), "kind",
		store_col_text(r, MC_KIND), "recipient",
		store_col_text(r, MC_RECIPIENT), "position",
		store_col_text(r, MC_POSITION), "award",
		store_col_text(r, MC_AWARD), "reason",
		store_col_text(r, MC_REASON), "awarded_on",
		store_col_text(r, MC_DATE), "decision_ref",
		store_col_text(r, MC_DECISION), "created_at",
		store_col_text(r, MC_CREATED), "updated_at",
		store_col_text(r, MC_UPDATED));
}

static int load(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e)
{
	return units_load_scoped(c, a, Q_CM_GET, id, MC_PATH, cm_json,
				 "commendation", out, e);
}

int commendations_get(struct store_conn *c, const struct actor *a,
		      int64_t id, json_t **out, struct err *e)
{
	return load(c, a, id, out, e);
}

int commendations_list(struct store_conn *c, const struct actor *a,
		       const struct commendations_filter *f, json_t **out,
		       struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];

	*out = NULL;
	if (f->unit_id && units_check_scope(c, a, f->unit_id, NULL, e) < 0)
		return -1;
	units_subtree_range(a->unit_path, lo, hi);
	struct sval args[] = { SV_T(lo), SV_T(hi),
			       SV_OPT(f->unit_id, f->unit_id), SV_T(f->kind),
			       SV_T(f->award), SV_T(f->from), SV_T(f->to),
			       SV_I(f->limit), SV_I(f->offset) };
	return records_page(c, Q_CM_COUNT, Q_CM_LIST, args, 7, 9,
			    cm_json, "commendations", out, e);
}

struct cm {
	int64_t unit_id;
	const char *kind, *recipient, *position, *award, *reason, *date,
		*decision;
};

static void from_json(struct cm *v, json_t *b)
{
	v->unit_id = json_get_int(b, "unit_id", v->unit_id);
	v->kind = json_get_str(b, "kind", v->kind);
	v->recipient = json_get_str(b, "recipient", v->recipient);
	if (json_has(b, "position"))
		v->position = json_get_str(b, "position", "");
	v->award = json_get_str(b, "award", v->award);
	v->reason = json_get_str(b, "reason", v->reason);
	v->date = json_get_str(b, "awarded_on", v->date);
	if (json_has(b, "decision_ref"))
		v->decision = json_get_str(b, "decision_ref", "");
}

static int check(struct store_conn *c, const struct actor *a,
		 const struct cm *v, struct err *e)
{
	char today[11];

	if (text_index(v->kind, kinds) < 0)
		return err_invalid(e, "kind",
				   "Đối tượng phải là collective (tập thể) hoặc"
				   " individual (cá nhân).");
	if (text_index(v->award, commendation_awards) < 0)
		return err_invalid(e, "award",
				   "Hình thức khen thưởng không hợp lệ (bang_khen_tw,"
				   " bang_khen_tinh_uy, bang_khen_ubnd_tinh,"
				   " giay_khen_ban, giay_khen_huyen,"
				   " giay_khen_co_so, bieu_duong, other).");
	if (!strcmp(v->kind, "individual") && !*v->position)
		return err_invalid(e, "position",
				   "Khen thưởng cá nhân cần ghi chức vụ của cán"
				   " bộ được khen thưởng.");
	if (!strcmp(v->kind, "collective") && *v->position)
		return err_invalid(e, "position",
				   "Khen thưởng tập thể không ghi chức vụ.");
	clock_today_vn(today);
	if (strcmp(v->date, today) > 0)
		return err_invalid(e, "awarded_on",
				   "Ngày khen thưởng không được sau ngày hôm nay.");
	return unit_history_check_entry(c, a, v->unit_id, v->date, "unit_id",
					e);
}

static int save(struct store_conn *c, const struct actor *a, int64_t id,
		const struct cm *v, json_t *before, json_t **out,
		struct err *e)
{
	char now[CLOCK_ISO_SIZE];

	clock_iso(clock_now(), now);
	if (!id) {
		if (store_int(c, Q_CM_INSERT,
			      (struct sval[]){ SV_I(v->unit_id), SV_T(v->kind),
					       SV_T(v->recipient),
					       SV_T(v->position), SV_T(v->award),
					       SV_T(v->reason), SV_T(v->date),
					       SV_T(v->decision), SV_T(now) },
			      9, &id, e) < 0)
			return -1;
	} else if (store_exec(c, Q_CM_UPDATE,
			      (struct sval[]){ SV_I(id), SV_I(v->unit_id),
					       SV_T(v->kind), SV_T(v->recipient),
					       SV_T(v->position), SV_T(v->award),
					       SV_T(v->reason), SV_T(v->date),
					       SV_T(v->decision), SV_T(now) },
			      10, e) < 0)
		return -1;
	if (load(c, a, id, out, e) < 0)
		return -1;
	return audit_record(c, a, before ? "update" : "create", "commendation",
			    id, v->unit_id, before, *out, e);
}

int commendations_create(struct store_conn *c, const struct actor *a,
			 json_t *body, json_t **out, struct err *e)
{
	struct cm v = { 0 };
	bool own;
	int rc = -1;

	*out = NULL;
	v.position = v.decision = "";
	if (json_check(body, cm_fields, true, e) < 0)
		return -1;
	from_json(&v, body);
	if (store_begin_own(c, &own, e) < 0)
		return -1;
	if (check(c, a, &v, e) < 0 || save(c, a, 0, &v, NULL, out, e) < 0)
		goto out;
	rc = 0;
out:
	rc = store_end_own(c, own, rc, e);
	if (rc < 0) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int commendations_update(struct store_conn *c, const struct actor *a,
			 int64_t id, json_t *body, json_t **out,
			 struct err *e)
{
	json_t *before = NULL;
	struct cm v = { 0 };
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, cm_fields, false, e) < 0 ||
	    store_begin_own(c, &own, e) < 0)
		return -1;
	if (load(c, a, id, &before, e) < 0)
		goto out;
	v.unit_id = json_integer_value(json_object_get(before, "unit_id"));
	if (unit_history_check_entry(c, a, v.unit_id, NULL, "unit_id", e) < 0)
		goto out;
	v.kind = json_get_str(before, "kind", "");
	v.recipient = json_get_str(before, "recipient", "");
	v.position = json_get_str(before, "position", "");
	v.award = json_get_str(before, "award", "");
	v.reason = json_get_str(before, "reason", "");
	v.date = json_get_str(before, "awarded_on", "");
	v.decision = json_get_str(before, "decision_ref", "");
	from_json(&v, body);
	if (check(c, a, &v, e) < 0 || save(c, a, id, &v, before, out, e) < 0)
		goto out;
	rc = 0;
out:
	rc = store_end_own(c, own, rc, e);
	json_decref(before);
	if (rc < 0) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int commendations_delete(struct store_conn *c, const struct actor *a,
			 int64_t id, struct err *e)
{
	return records_delete(c, a, id, load, Q_CM_DELETE, "commendation", e);
}
