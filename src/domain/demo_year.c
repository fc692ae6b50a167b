/*
 * The demo year of the provincial Ban; see demo_year.h.
 */
#include "domain/demo_year.h"
#include "domain/appraisals.h"
#include "domain/auth.h"
#include "domain/demo.h"
#include "domain/documents.h"
#include "domain/periods.h"
#include "domain/publications.h"
#include "domain/reports.h"
#include "domain/units.h"
#include "base/buf.h"
#include "base/json.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

static const char *const senders[] = {
	"Sở Văn hóa, Thể thao và Du lịch",
	"Sở Thông tin và Truyền thông",
	"Sở Giáo dục và Đào tạo",
	"Sở Y tế",
	"Ban Dân tộc tỉnh",
	"Ủy ban MTTQ Việt Nam tỉnh",
	"Sở Khoa học và Công nghệ",
	"Tỉnh đoàn",
	"Hội Liên hiệp Phụ nữ tỉnh",
	"Ban Tổ chức Tỉnh ủy",
	"Văn phòng UBND tỉnh",
};
#define N_SENDERS (sizeof(senders) / sizeof(senders[0]))

static const char *const drafts[] = {
	"Dự thảo Kế hoạch tổ chức các hoạt động kỷ niệm",
	"Dự thảo Đề án phát triển văn hóa đọc",
	"Dự thảo Kế hoạch tuyên truyền chuyển đổi số",
	"Dự thảo Chương trình phối hợp tuyên truyền",
	"Dự thảo Báo cáo sơ kết thực hiện chỉ thị",
	"Dự thảo Đề án bảo tồn và phát huy giá trị di sản",
	"Dự thảo Kế hoạch phòng, chống dịch bệnh",
	"Dự thảo Quy chế phối hợp cung cấp thông tin cho báo chí",
	"Dự thảo Kế hoạch xây dựng gia đình văn hóa",
	"Dự thảo Đề án nâng cao chất lượng giáo dục",
};
#define N_DRAFTS (sizeof(drafts) / sizeof(drafts[0]))

static const char *const press_topics[] = {
	"phát triển kinh tế - xã hội, thu hút đầu tư",
	"xây dựng nông thôn mới, đô thị văn minh",
	"công tác phòng, chống tham nhũng, tiêu cực",
	"an sinh xã hội, chăm lo người có công",
	"các ngày lễ lớn, sự kiện chính trị của tỉnh",
	"giải phóng mặt bằng các công trình trọng điểm",
};
#define N_TOPICS (sizeof(press_topics) / sizeof(press_topics[0]))

/* Does a list answer hold any record? */
static int has_any(json_t *list)
{
	return json_integer_value(json_object_get(list, "total")) > 0;
}

static int add(struct store_conn *c, const struct actor *a,
	       int (*create)(struct store_conn *, const struct actor *,
			     json_t *, json_t **, struct err *),
	       json_t *body, struct err *e)
{
	json_t *out = NULL;
	int rc = create(c, a, body, &out, e);

	json_decref(body);
	json_decref(out);
	return rc;
}

static int load_publications(struct store_conn *c, const struct actor *a,
			     int64_t unit, struct err *e)
{
	struct publications_filter f = { unit, NULL, NULL, DEMO_YEAR "-01-01",
					 DEMO_YEAR "-12-31", 1, 0 };
	const char *dist = "Thường trực Tỉnh ủy, các ban đảng, đảng ủy trực"
			   " thuộc, ban tuyên giáo cấp trên cơ sở";
	json_t *list;
	char date[11];
	int m, k, n = 0, rc;

	if (publications_list(c, a, &f, &list, e) < 0)
		return -1;
	rc = has_any(list);
	json_decref(list);
	if (rc)
		return 0;
	for (m = 1; m <= 12; m++) {
		/* Thông tin tổng hợp: the 5th, 15th and 25th */
		for (k = 0; k < 3; k++) {
			snprintf(date, sizeof(date), DEMO_YEAR "-%02d-%02d", m,
				 5 + 10 * k);
			if (add(c, a, publications_create,
				json_pack("{s:I, s:s, s:s, s:i, s:s, s:i, s:s}",
					  "unit_id", (json_int_t)unit, "kind",
					  "bulletin", "series",
					  "Thông tin tổng hợp", "issue_no",
					  ++n, "issued_on", date, "copies",
					  450 + 10 * (m % 4), "distribution",
					  dist),
				e) < 0)
				return -1;
		}
		snprintf(date, sizeof(date), DEMO_YEAR "-%02d-10", m);
		if (add(c, a, publications_create,
			json_pack("{s:I, s:s, s:s, s:i, s:s, s:i, s:s}",
				  "unit_id", (json_int_t)unit, "kind",
				  "bulletin", "series",
				  "Thông tin an ninh tư tưởng", "issue_no", m,
				  "issued_on", date, "copies", 150,
				  "distribution",
				  "Ủy viên Ban Thường vụ Tỉnh ủy, lãnh đạo"
				  " các ban đảng (tài liệu mật)"),
			e) < 0)
			return -1;
		snprintf(date, sizeof(date), DEMO_YEAR "-%02d-02", m);
		if (add(c, a, publications_create,
			json_pack("{s:I, s:s, s:s, s:i, s:s, s:i, s:s}",
				  "unit_id", (json_int_t)unit, "kind",
				  "handbook", "series",
				  "Sổ tay Sinh hoạt chi bộ", "issue_no", m,
				  "issued_on", date, "copies", 3000,
				  "distribution",
				  "Các chi bộ trong Đảng bộ tỉnh"),
			e) < 0)
			return -1;
	}
	return add(c, a, publications_create,
		   json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:s}", "unit_id",
			     (json_int_t)unit, "kind", "book", "series", "Sách",
			     "title",
			     "Xây dựng phong cách, tác phong công tác của người"
			     " đứng đầu, của cán bộ, đảng viên trong học tập"
			     " và làm theo tư tưởng, đạo đức, phong cách Hồ"
			     " Chí Minh",
			     "issued_on", DEMO_YEAR "-05-19", "copies", 1000,
			     "distribution",
			     "Thư viện tỉnh, các đảng bộ trực thuộc"),
		   e);
}

static int load_appraisals(struct store_conn *c, const struct actor *a,
			   int64_t unit, struct err *e)
{
	struct appraisals_filter f = { unit, 0, NULL, DEMO_YEAR "-01-01",
				       DEMO_YEAR "-12-31", NULL, 1, 0 };
	json_t *list;
	char rec[PERIOD_DATE_SIZE], ans[PERIOD_DATE_SIZE];
	int i, rc;

	if (appraisals_list(c, a, &f, &list, e) < 0)
		return -1;
	rc = has_any(list);
	json_decref(list);
	if (rc)
		return 0;
	for (i = 0; i < 73; i++) {
		/* received every 4-5 days from 8 January, answered 2 to 10
		 * days later: the last on 22 December */
		if (periods_add_days(DEMO_YEAR "-01-08", (int64_t)i * 47 / 10,
				     rec) < 0 ||
		    periods_add_days(rec, 2 + (i * 7) % 9, ans) < 0)
			return err_internal(e, "demo appraisal dates");
		if (add(c, a, appraisals_create,
			json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "unit_id",
				  (json_int_t)unit, "kind",
				  i % 3 == 2 ? "appraisal" : "comment", "title",
				  drafts[i % N_DRAFTS], "sender", senders[i % N_SENDERS],
				  "received_on", rec, "answered_on", ans),
			e) < 0)
			return -1;
	}
	return 0;
}

static int load_press(struct store_conn *c, const struct actor *a,
		      int64_t unit, struct err *e)
{
	struct buf text = BUF_INIT;
	json_t *list, *body, *out = NULL;
	char key[16];
	int w, st, rc = -1;

	for (w = 1; w <= 52; w++) {
		struct reports_filter f = { unit, key, NULL, NULL, "press", 1,
					    0 };
		int64_t id;

		snprintf(key, sizeof(key), DEMO_YEAR "-W%02d", w);
		if (reports_list(c, a, &f, &list, e) < 0)
			goto out;
		id = has_any(list);
		json_decref(list);
		if (id)
			continue;
		body = json_pack("{s:I, s:s, s:s}", "unit_id", (json_int_t)unit,
				 "period", key, "category", "press");
		st = reports_create(c, a, body, &out, e);
		json_decref(body);
		if (st < 0)
			goto out;
		id = json_integer_value(json_object_get(out, "id"));
		json_decref(out);
		out = NULL;
		buf_reset(&text);
		buf_addf(&text,
			 "Trong tuần, báo chí trung ương và địa phương đăng,"
			 " phát %d tin, bài về tỉnh, tập trung vào %s; %d tin,"
			 " bài phản ánh, phê bình đã được chuyển các cơ quan"
			 " liên quan xem xét, trả lời. Không có thông tin sai"
			 " lệch, ảnh hưởng xấu đến tình hình địa phương.",
			 38 + (w * 7) % 23, press_topics[w % N_TOPICS],
			 w % 4);
		body = json_pack("{s:s}", "results_text", text.ptr);
		st = reports_update(c, a, id, body, &out, e);
		json_decref(body);
		if (st < 0)
			goto out;
		json_decref(out);
		out = NULL;
		if (reports_submit(c, a, id, &out, e) < 0)
			goto out;
		json_decref(out);
		out = NULL;
	}
	rc = 0;
out:
	json_decref(out);
	buf_release(&text);
	return rc;
}

/* The Ban issues as BTGDVTU: bind the issuer to the unit, when it is bound
 * to none, so its reports are numbered "…-BC/BTGDVTU". */
static int bind_issuer(struct store_conn *c, const struct actor *a,
		       int64_t unit, struct err *e)
{
	json_t *list, *v, *body, *out = NULL;
	size_t i;
	int rc = 0;

	if (issuers_list(c, &list, e) < 0)
		return -1;
	json_array_foreach(json_object_get(list, "items"), i, v) {
		if (strcmp(json_get_str(v, "code", ""), "BTGDVTU") ||
		    !json_is_null(json_object_get(v, "unit_id")))
			continue;
		body = json_pack("{s:I}", "unit_id", (json_int_t)unit);
		rc = issuers_update(c, a,
				    json_integer_value(json_object_get(v, "id")),
				    body, &out, e);
		json_decref(body);
		json_decref(out);
		break;
	}
	json_decref(list);
	return rc;
}

int demo_year_load(struct store_conn *c, struct err *e)
{
	struct actor a;
	int64_t unit;

	demo_system_actor(&a);
	if (units_id_by_code(c, DEMO_YEAR_UNIT, &unit, e) != 1)
		return e->status ? -1 : err_internal(e, "demo year unit");
	if (store_begin(c, e) < 0)
		return -1;
	if (load_publications(c, &a, unit, e) < 0 ||
	    load_appraisals(c, &a, unit, e) < 0) {
		store_rollback(c);
		return -1;
	}
	if (store_commit(c, e) < 0 || bind_issuer(c, &a, unit, e) < 0)
		return -1;
	return load_press(c, &a, unit, e);
}
