/*
 * Hot spots, their state machine, timeline and counts; see hotspots.h.
 */
#include "domain/hotspots.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/opinion.h"
#include "domain/periods.h"
#include "domain/privacy.h"
#include "domain/records.h"
#include "domain/topics.h"
#include "domain/unit_history.h"
#include "domain/units.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/text.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Positions of HS_COLS in sql_opinion.def. */
enum hs_col {
	HC_ID, HC_UNIT, HC_UNIT_CODE, HC_UNIT_NAME, HC_TOPIC, HC_TOPIC_CODE,
	HC_TOPIC_NAME, HC_REPORT, HC_TITLE, HC_OPENED, HC_SEVERITY, HC_LEAD,
	HC_STATUS, HC_RESOLVED, HC_DAYS, HC_CLOSED, HC_RESOLUTION, HC_CREATED,
	HC_UPDATED, HC_PATH,
};

/* Positions of Q_HS_FACTS. */
enum hf_col {
	HF_ID, HF_UNIT, HF_UNIT_CODE, HF_UNIT_NAME, HF_TOPIC, HF_TOPIC_CODE,
	HF_TOPIC_NAME, HF_OPENED, HF_STATUS, HF_RESOLVED, HF_DAYS, HF_SEVERITY,
};

#define MAX_PARTNERS 20

static const char *const status_names[HS__COUNT] = { "detected", "handling",
						     "resolved", "closed" };
static const char *const status_vi[HS__COUNT] = {
	"mới phát hiện", "đang xử lý", "đã giải quyết", "đã kết thúc"
};
static const char *const severities[] = { "low", "medium", "high", NULL };

static const struct jfield hs_fields[] = {
	{ "unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Địa bàn (đơn vị)" },
	{ "topic_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Chủ đề" },
	{ "report_id", JF_ID, JF_NULLABLE, 0, 0, 0, 0, "Báo cáo dư luận" },
	{ "title", JF_STRING, JF_REQUIRED, 1, 300, 0, 0, "Tên vụ việc" },
	{ "opened_on", JF_DATE, JF_REQUIRED, 0, 0, 0, 0, "Ngày phát hiện" },
	{ "severity", JF_STRING, JF_REQUIRED, 1, 8, 0, 0, "Mức độ" },
	{ "lead_agency", JF_STRING, JF_NULLABLE, 0, 300, 0, 0,
	  "Cơ quan nhà nước chủ trì" },
	{ "coordinating_units", JF_ANY, JF_NULLABLE, 0, 0, 0, 0,
	  "Đơn vị phối hợp" },
	{ "resolution", JF_STRING, JF_NULLABLE, 0, 4000, 0, 0,
	  "Kết quả giải quyết" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const struct jfield status_fields[] = {
	{ "status", JF_STRING, JF_REQUIRED, 1, 16, 0, 0, "Trạng thái" },
	{ "date", JF_DATE, 0, 0, 0, 0, 0, "Ngày" },
	{ "note", JF_STRING, JF_NULLABLE, 0, 2000, 0, 0, "Ghi chú" },
	{ "reason", JF_STRING, JF_NULLABLE, 0, 2000, 0, 0, "Lý do mở lại" },
	{ "resolution", JF_STRING, JF_NULLABLE, 0, 4000, 0, 0,
	  "Kết quả giải quyết" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const struct jfield action_fields[] = {
	{ "date", JF_DATE, JF_REQUIRED, 0, 0, 0, 0, "Ngày" },
	{ "note", JF_STRING, JF_REQUIRED, 1, 2000, 0, 0, "Nội dung xử lý" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

const char *hotspots_status_name(enum hotspot_status s)
{
	return (unsigned)s < HS__COUNT ? status_names[s] : "";
}

int hotspots_status_parse(const char *s)
{
	int i;

	for (i = 0; s && i < HS__COUNT; i++)
		if (!strcmp(s, status_names[i]))
			return i;
	return -1;
}

bool hotspots_transition_allowed(enum hotspot_status from,
				 enum hotspot_status to, bool *reopen)
{
	bool re = (from == HS_RESOLVED || from == HS_CLOSED) &&
		  to == HS_HANDLING;

	if (reopen)
		*reopen = re;
	if (re)
		return true;
	return (from == HS_DETECTED && to == HS_HANDLING) ||
	       (from == HS_HANDLING && to == HS_RESOLVED) ||
	       (from == HS_RESOLVED && to == HS_CLOSED);
}

static json_t *opt_text(struct store_rows *r, int col)
{
	return store_col_null(r, col) ? json_null()
				      : json_string(store_col_text(r, col));
}

static json_t *opt_int(struct store_rows *r, int col)
{
	return store_col_null(r, col) ? json_null()
				      : json_integer(store_col_int(r, col));
}

static json_t *hs_json(struct store_rows *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(store_col_int(r, HC_ID)));
	json_object_set_new(j, "unit_id", json_integer(store_col_int(r, HC_UNIT)));
	json_object_set_new(j, "unit_code",
			    json_string(store_col_text(r, HC_UNIT_CODE)));
	json_object_set_new(j, "unit_name",
			    json_string(store_col_text(r, HC_UNIT_NAME)));
	json_object_set_new(j, "topic_id",
			    json_integer(store_col_int(r, HC_TOPIC)));
	json_object_set_new(j, "topic_code",
			    json_string(store_col_text(r, HC_TOPIC_CODE)));
	json_object_set_new(j, "topic_name",
			    json_string(store_col_text(r, HC_TOPIC_NAME)));
	json_object_set_new(j, "report_id", opt_int(r, HC_REPORT));
	json_object_set_new(j, "title", json_string(store_col_text(r, HC_TITLE)));
	json_object_set_new(j, "opened_on",
			    json_string(store_col_text(r, HC_OPENED)));
	json_object_set_new(j, "severity",
			    json_string(store_col_text(r, HC_SEVERITY)));
	json_object_set_new(j, "lead_agency",
			    json_string(store_col_text(r, HC_LEAD)));
	json_object_set_new(j, "status",
			    json_string(store_col_text(r, HC_STATUS)));
	json_object_set_new(j, "resolved_on", opt_text(r, HC_RESOLVED));
	json_object_set_new(j, "days_to_resolve", opt_int(r, HC_DAYS));
	json_object_set_new(j, "closed_on", opt_text(r, HC_CLOSED));
	json_object_set_new(j, "resolution",
			    json_string(store_col_text(r, HC_RESOLUTION)));
	json_object_set_new(j, "created_at",
			    json_string(store_col_text(r, HC_CREATED)));
	json_object_set_new(j, "updated_at",
			    json_string(store_col_text(r, HC_UPDATED)));
	return j;
}

/* The row alone, as `a` sees it. */
static int load_row(struct store_conn *c, const struct actor *a, int64_t id,
		    json_t **out, struct err *e)
{
	return units_load_scoped(c, a, Q_HS_GET, id, HC_PATH, hs_json,
				 "hot spot", out, e);
}

/* The row with its coordinating units and timeline. */
static int load(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e)
{
	struct store_rows *r;
	json_t *list;
	int st;

	if (load_row(c, a, id, out, e) < 0)
		return -1;
	if (store_query(c, Q_HSP_LIST, (struct sval[]){ SV_I(id) }, 1, &r, e) < 0)
		goto fail;
	list = json_array();
	while ((st = store_next(r)) == 1)
		json_array_append_new(list, json_string(store_col_text(r, 0)));
	store_rows_free(r);
	json_object_set_new(*out, "coordinating_units", list);
	if (st < 0 ||
	    store_query(c, Q_HSA_LIST, (struct sval[]){ SV_I(id) }, 1, &r, e) < 0)
		goto fail;
	list = json_array();
	while ((st = store_next(r)) == 1) {
		json_t *it = json_pack("{s:I, s:s, s:s, s:o, s:o, s:s, s:s, s:s}",
				       "id", (json_int_t)store_col_int(r, 0),
				       "date", store_col_text(r, 1), "kind",
				       store_col_text(r, 2), "status_from",
				       opt_text(r, 3), "status_to",
				       opt_text(r, 4), "note",
				       store_col_text(r, 5), "by",
				       store_col_text(r, 6), "created_at",
				       store_col_text(r, 7));

		json_array_append_new(list, it);
	}
	store_rows_free(r);
	json_object_set_new(*out, "timeline", list);
	if (st < 0)
		goto fail;
	return 0;
fail:
	json_decref(*out);
	*out = NULL;
	return e && e->status ? -1 : err_internal(e, "hot spot");
}

int hotspots_get(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t **out, struct err *e)
{
	return load(c, a, id, out, e);
}

int hotspots_list(struct store_conn *c, const struct actor *a,
		  const struct hotspots_filter *f, json_t **out,
		  struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];

	*out = NULL;
	if (f->status && hotspots_status_parse(f->status) < 0)
		return err_invalid(e, "status",
				   "Trạng thái phải là detected, handling,"
				   " resolved hoặc closed.");
	if (f->severity && text_index(f->severity, severities) < 0)
		return err_invalid(e, "severity",
				   "Mức độ phải là low, medium hoặc high.");
	if (f->unit_id && units_check_scope(c, a, f->unit_id, NULL, e) < 0)
		return -1;
	units_subtree_range(a->unit_path, lo, hi);
	struct sval args[] = { SV_T(lo), SV_T(hi),
			       SV_OPT(f->unit_id, f->unit_id),
			       SV_OPT(f->topic_id, f->topic_id),
			       SV_T(f->status), SV_T(f->severity), SV_T(f->from),
			       SV_T(f->to), SV_I(f->limit), SV_I(f->offset) };
	return records_page(c, Q_HS_COUNT, Q_HS_LIST, args, 8, 10,
			    hs_json, "hot spots", out, e);
}

/* The values of a hot spot being written. */
struct hs {
	int64_t unit_id, topic_id, report_id;
	const char *title, *opened_on, *severity, *lead, *resolution;
	json_t *partners; /* borrowed array of strings */
};

static void from_json(struct hs *v, json_t *b)
{
	v->unit_id = json_get_int(b, "unit_id", v->unit_id);
	v->topic_id = json_get_int(b, "topic_id", v->topic_id);
	if (json_has(b, "report_id"))
		v->report_id = json_get_int(b, "report_id", 0);
	v->title = json_get_str(b, "title", v->title);
	v->opened_on = json_get_str(b, "opened_on", v->opened_on);
	v->severity = json_get_str(b, "severity", v->severity);
	if (json_has(b, "lead_agency"))
		v->lead = json_get_str(b, "lead_agency", "");
	if (json_has(b, "resolution"))
		v->resolution = json_get_str(b, "resolution", "");
	if (json_has(b, "coordinating_units"))
		v->partners = json_object_get(b, "coordinating_units");
}

static int check_partners(json_t *list, struct err *e)
{
	json_t *v;
	size_t i;

	if (!list || json_is_null(list))
		return 0;
	if (!json_is_array(list) || json_array_size(list) > MAX_PARTNERS)
		return err_invalid(e, "coordinating_units",
				   "Đơn vị phối hợp là một danh sách tên (tối đa"
				   " %d đơn vị).",
				   MAX_PARTNERS);
	json_array_foreach(list, i, v) {
		const char *s = json_string_value(v);

		if (!s || !*s || strlen(s) > 600)
			return err_invalid(e, "coordinating_units",
					   "Mỗi đơn vị phối hợp là một tên, không"
					   " để trống, tối đa 200 ký tự.");
		if (privacy_check(s, "coordinating_units", "Đơn vị phối hợp",
				  e) < 0)
			return -1;
	}
	return 0;
}

static int check(struct store_conn *c, const struct actor *a,
		 const struct hs *v, struct err *e)
{
	char today[11];

	if (text_index(v->severity, severities) < 0)
		return err_invalid(e, "severity",
				   "Mức độ phải là low (thấp), medium (trung"
				   " bình) hoặc high (cao).");
	clock_today_vn(today);
	if (strcmp(v->opened_on, today) > 0)
		return err_invalid(e, "opened_on",
				   "Ngày phát hiện không được sau ngày hôm nay.");
	if (privacy_check(v->title, "title", "Tên vụ việc", e) < 0 ||
	    privacy_check(v->lead, "lead_agency", "Cơ quan chủ trì", e) < 0 ||
	    privacy_check(v->resolution, "resolution", "Kết quả giải quyết",
			  e) < 0 ||
	    check_partners(v->partners, e) < 0)
		return -1;
	if (unit_history_check_entry(c, a, v->unit_id, v->opened_on, "unit_id",
				     e) < 0)
		return -1;
	if (v->report_id) {
		json_t *rep;

		if (opinion_get(c, a, v->report_id, &rep, e) < 0)
			return err_invalid(e, "report_id",
					   "Báo cáo dư luận không tồn tại.");
		json_decref(rep);
	}
	return topics_check_usable(c, v->topic_id, "topic_id", e);
}

static int write_partners(struct store_conn *c, int64_t id, json_t *list,
			  struct err *e)
{
	json_t *v;
	size_t i;

	if (store_exec(c, Q_HSP_CLEAR, (struct sval[]){ SV_I(id) }, 1, e) < 0)
		return -1;
	json_array_foreach(list, i, v)
		if (store_exec(c, Q_HSP_ADD,
			       (struct sval[]){ SV_I(id), SV_I(i),
						SV_T(json_string_value(v)) },
			       3, e) < 0)
			return -1;
	return 0;
}

static int add_entry(struct store_conn *c, const struct actor *a,
		     int64_t id, const char *date, const char *kind,
		     const char *from, const char *to, const char *note,
		     struct err *e)
{
	char now[CLOCK_ISO_SIZE];
	int64_t eid;

	clock_iso(clock_now(), now);
	return store_int(c, Q_HSA_ADD,
			 (struct sval[]){ SV_I(id), SV_T(date), SV_T(kind),
					  SV_T(from), SV_T(to), SV_T(note),
					  SV_OPT(a->user_id, a->user_id),
					  SV_T(now) },
			 8, &eid, e) < 0
		       ? -1
		       : 0;
}

int hotspots_create(struct store_conn *c, const struct actor *a,
		    json_t *body, json_t **out, struct err *e)
{
	struct hs v = { 0 };
	char now[CLOCK_ISO_SIZE];
	int64_t id;
	bool own;
	int rc = -1;

	*out = NULL;
	v.lead = v.resolution = "";
	if (json_check(body, hs_fields, true, e) < 0)
		return -1;
	from_json(&v, body);
	if (store_begin_own(c, &own, e) < 0)
		return -1;
	if (check(c, a, &v, e) < 0)
		goto out;
	clock_iso(clock_now(), now);
	if (store_int(c, Q_HS_INSERT,
		      (struct sval[]){ SV_I(v.unit_id), SV_I(v.topic_id),
				       SV_OPT(v.report_id, v.report_id),
				       SV_T(v.title), SV_T(v.opened_on),
				       SV_T(v.severity), SV_T(v.lead),
				       SV_T(v.resolution),
				       SV_OPT(a->user_id, a->user_id),
				       SV_T(now) },
		      10, &id, e) < 0 ||
	    write_partners(c, id, v.partners, e) < 0 ||
	    add_entry(c, a, id, v.opened_on, "status", NULL, "detected",
		      "Phát hiện vụ việc", e) < 0)
		goto out;
	if (load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "create", "hotspot", id, v.unit_id, NULL, *out,
			 e) < 0)
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

int hotspots_update(struct store_conn *c, const struct actor *a, int64_t id,
		    json_t *body, json_t **out, struct err *e)
{
	json_t *before = NULL;
	struct hs v = { 0 };
	char now[CLOCK_ISO_SIZE];
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_is_object(body) && json_object_get(body, "status"))
		return err_invalid(e, "status",
				   "Trạng thái được chuyển qua thao tác chuyển"
				   " trạng thái (POST /hotspots/{id}/status).");
	if (json_check(body, hs_fields, false, e) < 0)
		return -1;
	if (store_begin_own(c, &own, e) < 0)
		return -1;
	if (load(c, a, id, &before, e) < 0)
		goto out;
	v.unit_id = json_integer_value(json_object_get(before, "unit_id"));
	if (json_has(body, "unit_id") &&
	    json_get_int(body, "unit_id", 0) != v.unit_id) {
		err_invalid(e, "unit_id", "Không thể đổi địa bàn của vụ việc.");
		goto out;
	}
	v.topic_id = json_integer_value(json_object_get(before, "topic_id"));
	v.report_id = json_integer_value(json_object_get(before, "report_id"));
	v.title = json_string_value(json_object_get(before, "title"));
	v.opened_on = json_string_value(json_object_get(before, "opened_on"));
	v.severity = json_string_value(json_object_get(before, "severity"));
	v.lead = json_string_value(json_object_get(before, "lead_agency"));
	v.resolution = json_string_value(json_object_get(before, "resolution"));
	from_json(&v, body);
	if (check(c, a, &v, e) < 0)
		goto out;
	if (json_is_string(json_object_get(before, "resolved_on")) &&
	    strcmp(v.opened_on, json_string_value(json_object_get(
					 before, "resolved_on"))) > 0) {
		err_invalid(e, "opened_on",
			    "Ngày phát hiện không được sau ngày giải quyết.");
		goto out;
	}
	clock_iso(clock_now(), now);
	if (store_exec(c, Q_HS_UPDATE,
		       (struct sval[]){ SV_I(id), SV_I(v.topic_id),
					SV_T(v.title), SV_T(v.opened_on),
					SV_T(v.severity), SV_T(v.lead),
					SV_T(v.resolution), SV_T(now) },
		       8, e) < 0)
		goto out;
	if (json_has(body, "coordinating_units") &&
	    write_partners(c, id, v.partners, e) < 0)
		goto out;
	if (load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "update", "hotspot", id, v.unit_id, before,
			 *out, e) < 0)
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

int hotspots_delete(struct store_conn *c, const struct actor *a, int64_t id,
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
	    store_exec(c, Q_HS_DELETE, (struct sval[]){ SV_I(id) }, 1, e) < 0 ||
	    audit_record(c, a, "delete", "hotspot", id, unit, before, NULL,
			 e) < 0)
		goto out;
	rc = 0;
out:
	json_decref(before);
	return store_end_own(c, own, rc, e);
}

/* A timeline date: a real date, not in the future, not before the
 * opening nor before the last entry. */
static int check_date(struct store_conn *c, int64_t id, json_t *before,
		      const char *date, struct err *e)
{
	char today[11];
	int64_t later = 0;

	clock_today_vn(today);
	if (strcmp(date, today) > 0)
		return err_invalid(e, "date", "Ngày không được sau ngày hôm nay.");
	if (strcmp(date, json_string_value(json_object_get(before,
							    "opened_on"))) < 0)
		return err_invalid(e, "date",
				   "Ngày không được trước ngày phát hiện vụ việc.");
	if (store_int(c, Q_HSA_LAST_DATE,
		      (struct sval[]){ SV_I(id), SV_T(date) }, 2, &later, e) < 0)
		return -1;
	if (later)
		return err_invalid(e, "date",
				   "Ngày không được trước mốc gần nhất trong"
				   " diễn biến xử lý.");
	return 0;
}

int hotspots_set_status(struct store_conn *c, const struct actor *a,
			int64_t id, json_t *body, json_t **out,
			struct err *e)
{
	json_t *before = NULL;
	const char *date, *note, *resolution, *resolved_on = NULL,
		   *closed_on = NULL;
	char today[11], now[CLOCK_ISO_SIZE];
	int from, to;
	int64_t days = 0;
	bool own, reopen;
	int rc = -1;

	*out = NULL;
	if (json_check(body, status_fields, true, e) < 0)
		return -1;
	clock_today_vn(today);
	date = json_get_str(body, "date", today);
	note = json_get_str(body, "reason", json_get_str(body, "note", ""));
	if (store_begin_own(c, &own, e) < 0)
		return -1;
	if (load(c, a, id, &before, e) < 0 ||
	    unit_history_check_entry(
		    c, a, json_integer_value(json_object_get(before, "unit_id")),
		    NULL, "unit_id", e) < 0)
		goto out;
	resolution = json_get_str(body, "resolution",
				  json_string_value(json_object_get(before,
								    "resolution")));
	from = hotspots_status_parse(json_string_value(json_object_get(before,
								       "status")));
	to = hotspots_status_parse(json_get_str(body, "status", ""));
	if (to < 0) {
		err_invalid(e, "status",
			    "Trạng thái phải là detected (mới phát hiện),"
			    " handling (đang xử lý), resolved (đã giải quyết)"
			    " hoặc closed (đã kết thúc).");
		goto out;
	}
	if (from < 0 || !hotspots_transition_allowed(from, to, &reopen)) {
		err_invalid(e, "status",
			    "Không thể chuyển vụ việc từ \"%s\" sang \"%s\". Trình"
			    " tự: mới phát hiện → đang xử lý → đã giải quyết →"
			    " đã kết thúc; vụ việc đã giải quyết hoặc đã kết"
			    " thúc có thể mở lại (đang xử lý) khi nêu lý do.",
			    from < 0 ? "?" : status_vi[from], status_vi[to]);
		goto out;
	}
	if (check_date(c, id, before, date, e) < 0 ||
	    privacy_check(note, json_has(body, "reason") ? "reason" : "note",
			  "Ghi chú", e) < 0 ||
	    privacy_check(resolution, "resolution", "Kết quả giải quyết",
			  e) < 0)
		goto out;
	if (reopen && !*note) {
		err_invalid(e, "reason", "Cần nêu lý do mở lại vụ việc.");
		goto out;
	}
	if (to == HS_RESOLVED) {
		if (!resolution || !*resolution) {
			err_invalid(e, "resolution",
				    "Cần tóm tắt kết quả giải quyết vụ việc.");
			goto out;
		}
		resolved_on = date;
		days = periods_days_between(
			json_string_value(json_object_get(before, "opened_on")),
			date);
	} else if (to == HS_CLOSED) {
		resolved_on = json_string_value(json_object_get(before,
								"resolved_on"));
		days = json_integer_value(json_object_get(before,
							  "days_to_resolve"));
		closed_on = date;
	}
	clock_iso(clock_now(), now);
	if (store_exec(c, Q_HS_SET_STATUS,
		       (struct sval[]){ SV_I(id), SV_T(status_names[to]),
					SV_T(resolved_on),
					SV_OPT(resolved_on, days),
					SV_T(closed_on), SV_T(resolution),
					SV_T(now) },
		       7, e) < 0 ||
	    add_entry(c, a, id, date, "status", status_names[from],
		      status_names[to], reopen && !*note ? "Mở lại" : note,
		      e) < 0)
		goto out;
	if (load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "update", "hotspot", id,
			 json_integer_value(json_object_get(before, "unit_id")),
			 before, *out, e) < 0)
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

int hotspots_add_action(struct store_conn *c, const struct actor *a,
			int64_t id, json_t *body, json_t **out,
			struct err *e)
{
	json_t *before = NULL;
	const char *date, *note;
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, action_fields, true, e) < 0)
		return -1;
	date = json_get_str(body, "date", "");
	note = json_get_str(body, "note", "");
	if (privacy_check(note, "note", "Nội dung xử lý", e) < 0)
		return -1;
	if (store_begin_own(c, &own, e) < 0)
		return -1;
	if (load(c, a, id, &before, e) < 0 ||
	    unit_history_check_entry(
		    c, a, json_integer_value(json_object_get(before, "unit_id")),
		    NULL, "unit_id", e) < 0)
		goto out;
	if (!strcmp(json_string_value(json_object_get(before, "status")),
		    "closed")) {
		err_invalid(e, "date",
			    "Vụ việc đã kết thúc; hãy mở lại trước khi thêm"
			    " diễn biến.");
		goto out;
	}
	if (check_date(c, id, before, date, e) < 0 ||
	    add_entry(c, a, id, date, "action", NULL, NULL, note, e) < 0 ||
	    load(c, a, id, out, e) < 0 ||
	    audit_record(c, a, "update", "hotspot", id,
			 json_integer_value(json_object_get(before, "unit_id")),
			 before, *out, e) < 0)
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

/* --- counts ------------------------------------------------------------- */

void hotspots_count(struct hotspots_counts *s, const char *from,
		    const char *to, const char *opened_on, const char *status,
		    const char *resolved_on, int64_t days)
{
	int st = hotspots_status_parse(status);
	bool resolved = resolved_on && *resolved_on;

	if (strcmp(opened_on, to) > 0)
		return;
	if (st >= 0)
		s->by_status[st]++;
	if (strcmp(opened_on, from) >= 0)
		s->opened++;
	if (!resolved || strcmp(resolved_on, to) > 0)
		s->open++;
	if (resolved && strcmp(resolved_on, from) >= 0 &&
	    strcmp(resolved_on, to) <= 0) {
		s->resolved++;
		s->days += days;
		if (days > s->longest)
			s->longest = days;
	}
}

static json_t *counts_json(const struct hotspots_counts *s)
{
	char text[96];

	snprintf(text, sizeof(text), "đã phối hợp giải quyết %lld vụ việc",
		 (long long)s->resolved);
	return json_pack(
		"{s:I, s:I, s:I, s:o, s:I, s:{s:I, s:I, s:I, s:I}, s:s}", "open",
		(json_int_t)s->open, "opened", (json_int_t)s->opened, "resolved",
		(json_int_t)s->resolved, "average_days_to_resolve",
		s->resolved ? json_real((double)((s->days * 10 + s->resolved / 2) /
						 s->resolved) /
					10.0)
			    : json_null(),
		"longest_days_to_resolve", (json_int_t)s->longest, "by_status",
		"detected", (json_int_t)s->by_status[HS_DETECTED], "handling",
		(json_int_t)s->by_status[HS_HANDLING], "resolved",
		(json_int_t)s->by_status[HS_RESOLVED], "closed",
		(json_int_t)s->by_status[HS_CLOSED], "text", text);
}

struct keyed {
	char key[24];
	json_t *head; /* {id, code, name} */
	struct hotspots_counts n;
};

struct keyeds {
	struct keyed *v;
	size_t n, cap;
};

static struct keyed *keyed(struct keyeds *s, int64_t id, const char *code,
			   const char *name)
{
	char key[24];
	size_t i;

	snprintf(key, sizeof(key), "%lld", (long long)id);
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].key, key))
			return &s->v[i];
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		struct keyed *v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			abort();
		s->v = v;
		s->cap = cap;
	}
	memset(&s->v[s->n], 0, sizeof(s->v[0]));
	memcpy(s->v[s->n].key, key, sizeof(key));
	s->v[s->n].head = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id,
				    "code", code, "name", name);
	return &s->v[s->n++];
}

static json_t *keyeds_json(struct keyeds *s, const char *idname)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < s->n; i++) {
		json_t *o = counts_json(&s->v[i].n);

		json_object_set(o, idname, json_object_get(s->v[i].head, "id"));
		json_object_set(o, "code", json_object_get(s->v[i].head, "code"));
		json_object_set(o, "name", json_object_get(s->v[i].head, "name"));
		json_array_append_new(arr, o);
		json_decref(s->v[i].head);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
	return arr;
}

int hotspots_stats(struct store_conn *c, const struct actor *a,
		   int64_t unit_id, const char *from, const char *to,
		   json_t **out, struct err *e)
{
	char path[UNIT_PATH_SIZE], lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];
	struct hotspots_counts all = { 0 };
	struct keyeds topics = { 0 }, units = { 0 };
	struct store_rows *r;
	json_t *u;
	int st;

	*out = NULL;
	if (strcmp(from, to) > 0)
		return err_invalid(e, "to", "Ngày kết thúc phải sau ngày bắt đầu.");
	if (units_check_scope(c, a, unit_id, path, e) < 0)
		return -1;
	units_subtree_range(path, lo, hi);
	if (store_query(c, Q_HS_FACTS,
			(struct sval[]){ SV_T(lo), SV_T(hi), SV_T(to) }, 3, &r,
			e) < 0)
		return -1;
	while ((st = store_next(r)) == 1) {
		const char *opened = store_col_text(r, HF_OPENED),
			   *status = store_col_text(r, HF_STATUS),
			   *res = store_col_null(r, HF_RESOLVED)
					  ? NULL
					  : store_col_text(r, HF_RESOLVED);
		int64_t days = store_col_int(r, HF_DAYS);

		hotspots_count(&all, from, to, opened, status, res, days);
		hotspots_count(&keyed(&topics, store_col_int(r, HF_TOPIC),
				      store_col_text(r, HF_TOPIC_CODE),
				      store_col_text(r, HF_TOPIC_NAME))->n,
			       from, to, opened, status, res, days);
		hotspots_count(&keyed(&units, store_col_int(r, HF_UNIT),
				      store_col_text(r, HF_UNIT_CODE),
				      store_col_text(r, HF_UNIT_NAME))->n,
			       from, to, opened, status, res, days);
	}
	store_rows_free(r);
	if (st < 0) {
		json_decref(keyeds_json(&topics, "topic_id"));
		json_decref(keyeds_json(&units, "unit_id"));
		return err_internal(e, "hot spot stats");
	}
	u = counts_json(&all);
	json_object_set_new(u, "unit_id", json_integer(unit_id));
	json_object_set_new(u, "from", json_string(from));
	json_object_set_new(u, "to", json_string(to));
	json_object_set_new(u, "by_topic", keyeds_json(&topics, "topic_id"));
	json_object_set_new(u, "by_unit", keyeds_json(&units, "unit_id"));
	*out = u;
	return 0;
}
