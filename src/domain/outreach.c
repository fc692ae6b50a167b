/*
 * A unit's own pages and channels: posts, shares, followers per period;
 * see outreach.h.
 */
#include "domain/outreach.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/periods.h"
#include "domain/records.h"
#include "domain/unit_history.h"
#include "domain/units.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/text.h"
#include "store/store.h"

#include <string.h>

enum out_col {
	OC_ID, OC_UNIT, OC_UNIT_CODE, OC_UNIT_NAME, OC_KIND, OC_NAME,
	OC_PERIOD, OC_START, OC_END, OC_POSTS, OC_SHARES, OC_FOLLOWERS,
	OC_NOTE, OC_CREATED, OC_UPDATED, OC_PATH,
};

#define MAX_COUNT 2000000000

static const struct jfield out_fields[] = {
	{ "unit_id", JF_ID, JF_REQUIRED, 0, 0, 0, 0, "Đơn vị" },
	{ "channel_kind", JF_STRING, JF_REQUIRED, 1, 16, 0, 0, "Loại kênh" },
	{ "channel_name", JF_STRING, JF_REQUIRED, 1, 200, 0, 0,
	  "Tên trang, kênh" },
	{ "period", JF_STRING, JF_REQUIRED, 1, 32, 0, 0, "Kỳ" },
	{ "posts", JF_INT, JF_REQUIRED, 0, 0, 0, MAX_COUNT, "Số tin bài" },
	{ "shares", JF_INT, JF_REQUIRED, 0, 0, 0, MAX_COUNT,
	  "Số lượt chia sẻ" },
	{ "followers", JF_INT, JF_REQUIRED, 0, 0, 0, MAX_COUNT,
	  "Số lượt theo dõi" },
	{ "note", JF_STRING, JF_NULLABLE, 0, 1000, 0, 0, "Ghi chú" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

static const char *const channel_kinds[] = { "facebook", "zalo", "website",
					     "youtube",	 "tiktok", "other",
					     NULL };

static json_t *out_json(struct store_rows *r)
{
	return json_pack(
		"{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I,"
		" s:s, s:s, s:s}",
		"id", (json_int_t)store_col_int(r, OC_ID), "unit_id",
		(json_int_t)store_col_int(r, OC_UNIT), "unit_code",
		store_col_text(r, OC_UNIT_CODE), "unit_name",
		store_col_text(r, OC_UNIT_NAME), "channel_kind",
		store_col_text(r, OC_KIND), "channel_name",
		store_col_text(r, OC_NAME), "period",
		store_col_text(r, OC_PERIOD), "period_start",
		store_col_text(r, OC_START), "period_end",
		store_col_text(r, OC_END), "posts",
		(json_int_t)store_col_int(r, OC_POSTS), "shares",
		(json_int_t)store_col_int(r, OC_SHARES), "followers",
		(json_int_t)store_col_int(r, OC_FOLLOWERS), "note",
		store_col_text(r, OC_NOTE), "created_at",
		store_col_text(r, OC_CREATED), "updated_at",
		store_col_text(r, OC_UPDATED));
}

static int load(struct store_conn *c, const struct actor *a, int64_t id,
		json_t **out, struct err *e)
{
	return units_load_scoped(c, a, Q_OUT_GET, id, OC_PATH, out_json,
				 "outreach", out, e);
}

int outreach_get(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t **out, struct err *e)
{
	return load(c, a, id, out, e);
}

int outreach_list(struct store_conn *c, const struct actor *a,
		  const struct outreach_filter *f, json_t **out,
		  struct err *e)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];

	*out = NULL;
	if (f->unit_id && units_check_scope(c, a, f->unit_id, NULL, e) < 0)
		return -1;
	units_subtree_range(a->unit_path, lo, hi);
	struct sval args[] = { SV_T(lo), SV_T(hi),
			       SV_OPT(f->unit_id, f->unit_id),
			       SV_T(f->channel_kind), SV_T(f->from),
			       SV_T(f->to), SV_I(f->limit), SV_I(f->offset) };
	return records_page(c, Q_OUT_COUNT, Q_OUT_LIST, args, 6, 8,
			    out_json, "outreach", out, e);
}

struct entry {
	int64_t unit_id, posts, shares, followers;
	const char *kind, *name, *period, *note;
	struct period p;
};

static void from_json(struct entry *v, json_t *b)
{
	v->unit_id = json_get_int(b, "unit_id", v->unit_id);
	v->kind = json_get_str(b, "channel_kind", v->kind);
	v->name = json_get_str(b, "channel_name", v->name);
	v->period = json_get_str(b, "period", v->period);
	v->posts = json_get_int(b, "posts", v->posts);
	v->shares = json_get_int(b, "shares", v->shares);
	v->followers = json_get_int(b, "followers", v->followers);
	if (json_has(b, "note"))
		v->note = json_get_str(b, "note", "");
}

/* The rules of outreach.h; `self` is the entry being edited (0: new). */
static int check(struct store_conn *c, const struct actor *a,
		 struct entry *v, int64_t self, struct err *e)
{
	char today[11];
	int64_t n = 0;

	if (text_index(v->kind, channel_kinds) < 0)
		return err_invalid(e, "channel_kind",
				   "Loại kênh phải là facebook, zalo, website,"
				   " youtube, tiktok hoặc other.");
	if (periods_parse(v->period, &v->p) < 0 || v->p.type == PERIOD_CUSTOM)
		return err_invalid(e, "period",
				   "Kỳ không hợp lệ; ví dụ: 2022-H1, 2023-Q3,"
				   " 2023-05, 2023-W14, 2023.");
	clock_today_vn(today);
	if (strcmp(v->p.start, today) > 0)
		return err_invalid(e, "period", "Kỳ %s chưa bắt đầu.", v->p.key);
	if (unit_history_check_entry(c, a, v->unit_id, v->p.end, "unit_id",
				     e) < 0 ||
	    store_int(c, Q_OUT_OVERLAP,
		      (struct sval[]){ SV_I(v->unit_id), SV_T(v->kind),
				       SV_T(v->name), SV_T(v->p.start),
				       SV_T(v->p.end), SV_I(self) },
		      6, &n, e) < 0)
		return -1;
	if (n > 0)
		return err_set(e, ERR_CONFLICT, "conflict", "period",
			       "Trang, kênh \"%s\" đã có số liệu cho một kỳ"
			       " trùng với kỳ %s; hãy sửa số liệu đã nhập.",
			       v->name, v->p.key);
	return 0;
}

static int save(struct store_conn *c, const struct actor *a, int64_t id,
		const struct entry *v, json_t *before, json_t **out,
		struct err *e)
{
	char now[CLOCK_ISO_SIZE];

	clock_iso(clock_now(), now);
	if (!id) {
		if (store_int(c, Q_OUT_INSERT,
			      (struct sval[]){ SV_I(v->unit_id), SV_T(v->kind),
					       SV_T(v->name), SV_T(v->p.key),
					       SV_T(v->p.start), SV_T(v->p.end),
					       SV_I(v->posts), SV_I(v->shares),
					       SV_I(v->followers), SV_T(v->note),
					       SV_T(now) },
			      11, &id, e) < 0)
			return -1;
	} else if (store_exec(c, Q_OUT_UPDATE,
			      (struct sval[]){ SV_I(id), SV_I(v->unit_id),
					       SV_T(v->kind), SV_T(v->name),
					       SV_T(v->p.key), SV_T(v->p.start),
					       SV_T(v->p.end), SV_I(v->posts),
					       SV_I(v->shares),
					       SV_I(v->followers), SV_T(v->note),
					       SV_T(now) },
			      12, e) < 0)
		return -1;
	if (load(c, a, id, out, e) < 0)
		return -1;
	return audit_record(c, a, before ? "update" : "create", "outreach", id,
			    v->unit_id, before, *out, e);
}

int outreach_create(struct store_conn *c, const struct actor *a,
		    json_t *body, json_t **out, struct err *e)
{
	struct entry v = { 0 };
	bool own;
	int rc = -1;

	*out = NULL;
	v.note = "";
	if (json_check(body, out_fields, true, e) < 0)
		return -1;
	from_json(&v, body);
	if (store_begin_own(c, &own, e) < 0)
		return -1;
	if (check(c, a, &v, 0, e) < 0 || save(c, a, 0, &v, NULL, out, e) < 0)
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

int outreach_update(struct store_conn *c, const struct actor *a, int64_t id,
		    json_t *body, json_t **out, struct err *e)
{
	json_t *before = NULL;
	struct entry v = { 0 };
	bool own;
	int rc = -1;

	*out = NULL;
	if (json_check(body, out_fields, false, e) < 0 ||
	    store_begin_own(c, &own, e) < 0)
		return -1;
	if (load(c, a, id, &before, e) < 0)
		goto out;
	v.unit_id = json_integer_value(json_object_get(before, "unit_id"));
	if (unit_history_check_entry(c, a, v.unit_id, NULL, "unit_id", e) < 0)
		goto out;
	v.kind = json_get_str(before, "channel_kind", "");
	v.name = json_get_str(before, "channel_name", "");
	v.period = json_get_str(before, "period", "");
	v.note = json_get_str(before, "note", "");
	v.posts = json_integer_value(json_object_get(before, "posts"));
	v.shares = json_integer_value(json_object_get(before, "shares"));
	v.followers = json_integer_value(json_object_get(before, "followers"));
	from_json(&v, body);
	if (check(c, a, &v, id, e) < 0 || save(c, a, id, &v, before, out, e) < 0)
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

int outreach_delete(struct store_conn *c, const struct actor *a, int64_t id,
		    struct err *e)
{
	return records_delete(c, a, id, load, Q_OUT_DELETE, "outreach", e);
}
