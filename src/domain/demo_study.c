/*
 * The demo figures of Long Giang; see demo_study.h. All figures come from
 * integer arithmetic on the static tables of demo_data.c, so every load
 * gives the same rows.
 */
#include "domain/demo_study.h"
#include "domain/auth.h"
#include "domain/demo.h"
#include "domain/demo_data.h"
#include "domain/indicators.h"
#include "domain/periods.h"
#include "domain/reporters.h"
#include "domain/study.h"
#include "domain/training.h"
#include "domain/unit_history.h"
#include "domain/units.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CITY "SH-LG"
#define MAX_CELLS 64

/* The cells of the city valid on 2022-01-01 with their members. */
struct cells {
	int64_t id[MAX_CELLS], members[MAX_CELLS];
	size_t n;
};

static int city_cells(struct store_conn *c, struct cells *cs, struct err *e)
{
	size_t i;

	cs->n = 0;
	for (i = 0; i < demo_units_count && cs->n < MAX_CELLS; i++) {
		const struct demo_unit *u = &demo_units[i];

		if (strncmp(u->code, CITY "-", strlen(CITY) + 1) ||
		    strcmp(u->level, "chibo") ||
		    strcmp(u->valid_from, "2022-01-01") > 0)
			continue;
		if (units_id_by_code(c, u->code, &cs->id[cs->n], e) != 1)
			return err_internal(e, "demo cell");
		cs->members[cs->n++] = u->members;
	}
	return 0;
}

/* Split `total` over n slots in proportion to w (largest first for the
 * remainder, in slot order). */
static void spread(int64_t total, const int64_t *w, size_t n, int64_t *out)
{
	int64_t sum = 0, acc = 0, rem;
	size_t i;

	for (i = 0; i < n; i++)
		sum += w[i];
	for (i = 0; i < n; i++) {
		out[i] = sum ? total * w[i] / sum : 0;
		acc += out[i];
	}
	for (rem = total - acc, i = 0; rem > 0; i = (i + 1) % n, rem--)
		out[i]++;
}

static int create(int (*fn)(struct store_conn *, const struct actor *,
			    json_t *, json_t **, struct err *),
		  struct store_conn *c, const struct actor *a, json_t *body,
		  struct err *e)
{
	json_t *out = NULL;
	int rc = fn(c, a, body, &out, e);

	json_decref(body);
	json_decref(out);
	return rc;
}

/* As create(), keeping the answer in *out. */
static int create_out(int (*fn)(struct store_conn *, const struct actor *,
				json_t *, json_t **, struct err *),
		      struct store_conn *c, const struct actor *a,
		      json_t *body, json_t **out, struct err *e)
{
	int rc = fn(c, a, body, out, e);

	json_decref(body);
	return rc;
}

static const char *const study_titles[] = {
	"Học tập, quán triệt Kết luận số 01-KL/TW của Bộ Chính trị",
	("Học tập chuyên đề toàn khóa về học tập và làm theo tư tưởng, đạo"
	 " đức, phong cách Hồ Chí Minh"),
	"Học tập chuyên đề năm 2022",
};

/* `n` activities of `kind` in 2022-H1 with the given totals. */
static int activities(struct store_conn *c, const struct actor *a,
		      const struct cells *cs, const char *kind, size_t n,
		      int64_t present, int64_t expected, int64_t non,
		      int phase, struct err *e)
{
	int64_t *w = calloc(n, sizeof(int64_t)), *exp = calloc(n, sizeof(int64_t)),
		*abs = calloc(n, sizeof(int64_t)),
		*nm = calloc(n, sizeof(int64_t));
	char date[PERIOD_DATE_SIZE];
	size_t i, step = cs->n % 5 ? 5 : 1;
	int rc = -1;

	if (!w || !exp || !abs || !nm)
		abort();
	for (i = 0; i < n; i++)
		w[i] = cs->members[(i * step + (size_t)phase) % cs->n];
	spread(expected, w, n, exp);
	spread(expected - present, exp, n, abs);
	spread(non, w, n, nm);
	for (i = 0; i < n; i++) {
		size_t cell = (i * step + (size_t)phase) % cs->n;
		json_t *b;

		periods_add_days("2022-01-04",
				 (int64_t)(i * 174 / n) + (phase % 3), date);
		b = json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:I}", "unit_id",
			      (json_int_t)cs->id[cell], "date", date, "kind",
			      kind, "form", i % 9 == 4 ? "online" : "in_person",
			      "members_present",
			      (json_int_t)(exp[i] - abs[i]), "members_expected",
			      (json_int_t)exp[i], "non_members",
			      (json_int_t)nm[i]);
		if (!strcmp(kind, "study")) {
			int t = (int)(i % 3);

			/* Two cells of Tân Giang have not studied 01-KL/TW. */
			if (t == 0 && cell >= cs->n - 2)
				t = 2;
			json_object_set_new(b, "title",
					    json_string(study_titles[t]));
			if (t == 0)
				json_object_set_new(b, "document_ref",
						    json_string("01-KL/TW"));
		} else {
			json_object_set_new(
				b, "title",
				json_string("Sinh hoạt chính trị về xây dựng,"
					    " chỉnh đốn Đảng và hệ thống chính"
					    " trị"));
		}
		if (create(study_create, c, a, b, e) < 0)
			goto out;
	}
	rc = 0;
out:
	free(w);
	free(exp);
	free(abs);
	free(nm);
	return rc;
}

static int classes(struct store_conn *c, const struct actor *a, int64_t city,
		   struct err *e)
{
	static const struct {
		const char *kind, *title, *start, *end;
		int enrolled;
	} cls[] = {
		{ "new_members", "Lớp bồi dưỡng lý luận chính trị cho đảng viên"
		  " mới, khóa 1", "2023-02-20", "2023-02-26", 62 },
		{ "prospective", "Lớp bồi dưỡng nhận thức về Đảng, khóa 1",
		  "2023-03-13", "2023-03-17", 48 },
		{ "refresher", "Bồi dưỡng nghiệp vụ công tác tuyên giáo cơ sở",
		  "2023-04-10", "2023-04-12", 55 },
		{ "thematic", "Chuyên đề học tập và làm theo Bác năm 2023",
		  "2023-05-15", "2023-05-16", 41 },
		{ "elementary", "Lớp sơ cấp lý luận chính trị", "2023-06-05",
		  "2023-07-28", 70 },
		{ "new_members", "Lớp bồi dưỡng lý luận chính trị cho đảng viên"
		  " mới, khóa 2", "2023-07-17", "2023-07-23", 38 },
		{ "prospective", "Lớp bồi dưỡng nhận thức về Đảng, khóa 2",
		  "2023-08-14", "2023-08-18", 45 },
		{ "refresher", "Bồi dưỡng báo cáo viên, tuyên truyền viên",
		  "2023-09-11", "2023-09-13", 52 },
		{ "thematic", "Chuyên đề bảo vệ nền tảng tư tưởng của Đảng",
		  "2023-10-09", "2023-10-10", 47 },
		{ "refresher", "Bồi dưỡng cấp ủy viên cơ sở", "2023-11-06",
		  "2023-11-10", 50 },
		{ "new_members", "Lớp bồi dưỡng lý luận chính trị cho đảng viên"
		  " mới, khóa 3", "2023-12-04", "2023-12-10", 43 },
	};
	size_t i;

	for (i = 0; i < sizeof(cls) / sizeof(cls[0]); i++)
		if (create(training_create, c, a,
			   json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:i}",
				     "unit_id", (json_int_t)city, "kind",
				     cls[i].kind, "title", cls[i].title,
				     "start_date", cls[i].start, "end_date",
				     cls[i].end, "enrolled", cls[i].enrolled,
				     "completed",
				     cls[i].enrolled - (int)(i % 3 == 1)),
			   e) < 0)
			return -1;
	return 0;
}

/* The wards and communes of the city, in demo_units order. */
static const char *const wards[] = { "SH-LG-MP", "SH-LG-PG", "SH-LG-HT",
				     "SH-LG-VX", "SH-LG-LC", "SH-LG-MHH",
				     "SH-LG-TG" };

static int indicators(struct store_conn *c, const struct actor *a,
		      struct err *e)
{
	static const int kdc_den[] = { 20, 18, 17, 16, 19, 15, 15 };
	static const int kdc_num[] = { 20, 17, 17, 15, 19, 14, 15 };
	static const int hh_den[] = { 3120, 2840, 2615, 2410, 2980, 2206, 1950 };
	static const int hh_num[] = { 2970, 2720, 2485, 2300, 2840, 2104, 1860 };
	static const char *const entered[] = { "2024-01-08", "2024-01-10",
					       "2024-01-12", "2024-01-09",
					       "2024-01-15", "2024-01-22",
					       "2024-01-11" };
	json_t *out;
	int64_t kdc, hh, unit;
	size_t i;

	if (create_out(indicators_create, c, a,
			      json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:i,"
					" s:s}",
					"code", "KDC-VH", "name",
					"Khu dân cư đạt chuẩn văn hóa",
					"numerator_label",
					"Khu dân cư đạt chuẩn văn hóa",
					"denominator_label", "Tổng số khu dân cư",
					"period_type", "year",
					"target_hundredths", 9500,
					"deadline_days", 15, "level", "coso"),
			      &out, e) < 0)
		return -1;
	kdc = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	if (create_out(indicators_create, c, a,
			      json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:i,"
					" s:s}",
					"code", "HO-GDVH", "name",
					"Hộ gia đình đạt danh hiệu \"Gia đình văn"
					" hóa\"",
					"numerator_label",
					"Hộ đạt danh hiệu Gia đình văn hóa",
					"denominator_label", "Tổng số hộ",
					"period_type", "year",
					"target_hundredths", 9300,
					"deadline_days", 15, "level", "coso"),
			      &out, e) < 0)
		return -1;
	hh = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	for (i = 0; i < sizeof(wards) / sizeof(wards[0]); i++) {
		if (units_id_by_code(c, wards[i], &unit, e) != 1)
			return err_internal(e, "demo ward");
		if (create(ivalues_create, c, a,
			   json_pack("{s:I, s:I, s:s, s:i, s:i, s:s}",
				     "indicator_id", (json_int_t)kdc, "unit_id",
				     (json_int_t)unit, "period", "2023",
				     "numerator", kdc_num[i], "denominator",
				     kdc_den[i], "entered_on", entered[i]),
			   e) < 0 ||
		    create(ivalues_create, c, a,
			   json_pack("{s:I, s:I, s:s, s:i, s:i, s:s}",
				     "indicator_id", (json_int_t)hh, "unit_id",
				     (json_int_t)unit, "period", "2023",
				     "numerator", hh_num[i], "denominator",
				     hh_den[i], "entered_on", entered[i]),
			   e) < 0)
			return -1;
	}
	return 0;
}

static int reporters(struct store_conn *c, const struct actor *a,
		     int64_t city, struct err *e)
{
	static const struct {
		const char *name, *position;
	} roster[] = {
		{ "Lê Minh Tuấn", "Phó Bí thư Thường trực Thành ủy" },
		{ "Nguyễn Thị Thu Hương", "Trưởng Ban Tuyên giáo Thành ủy" },
		{ "Trần Quốc Việt", "Phó Trưởng Ban Tuyên giáo Thành ủy" },
		{ "Phạm Văn Lộc", "Giám đốc Trung tâm Chính trị" },
		{ "Võ Thị Kim Loan", "Chuyên viên Ban Tuyên giáo Thành ủy" },
	};
	json_t *out, *ids = json_array();
	char date[PERIOD_DATE_SIZE];
	size_t i;
	int m;

	for (i = 0; i < sizeof(roster) / sizeof(roster[0]); i++) {
		if (create_out(reporters_create, c, a,
				     json_pack("{s:I, s:s, s:s, s:s}", "unit_id",
					       (json_int_t)city, "name",
					       roster[i].name, "position",
					       roster[i].position, "valid_from",
					       "2021-01-01"),
				     &out, e) < 0) {
			json_decref(ids);
			return -1;
		}
		json_array_append(ids, json_object_get(out, "id"));
		json_decref(out);
	}
	for (m = 1; m <= 12; m++) {
		snprintf(date, sizeof(date), "2023-%02d-%02d", m, 5 + m % 7);
		if (create(rconf_create, c, a,
			   json_pack("{s:I, s:s, s:s, s:i, s:i, s:[O, O]}",
				     "unit_id", (json_int_t)city, "date", date,
				     "topics",
				     "Định hướng tuyên truyền tháng; tình hình"
				     " thời sự trong nước và quốc tế",
				     "reporters_present", 4 + m % 2, "audience",
				     180 + 7 * m, "reporter_ids",
				     json_array_get(ids, (size_t)m % 5),
				     json_array_get(ids, (size_t)(m + 1) % 5)),
			   e) < 0) {
			json_decref(ids);
			return -1;
		}
	}
	json_decref(ids);
	return 0;
}

static int merge(struct store_conn *c, const struct actor *a,
		 struct err *e)
{
	json_t *h, *out;
	int64_t tg, mhh;
	int merged, rc;

	if (units_id_by_code(c, "SH-LG-TG", &tg, e) != 1 ||
	    units_id_by_code(c, "SH-LG-MHH", &mhh, e) != 1)
		return err_internal(e, "demo merge units");
	if (unit_history_get(c, a, tg, &h, e) < 0)
		return -1;
	merged = !json_is_null(json_object_get(h, "merged_into"));
	json_decref(h);
	if (merged)
		return 0;
	h = json_pack("{s:I, s:s}", "into", (json_int_t)mhh, "date",
		      "2025-07-01");
	rc = unit_history_merge(c, a, tg, h, &out, e);
	json_decref(h);
	json_decref(out);
	return rc;
}

int demo_study_load(struct store_conn *c, struct err *e)
{
	struct actor a;
	struct cells cs;
	int64_t city, id;
	int st;

	demo_system_actor(&a);
	st = indicators_id_by_code(c, "KDC-VH", &id, e);
	if (st < 0)
		return -1;
	if (st == 0) {
		if (units_id_by_code(c, CITY, &city, e) != 1)
			return err_internal(e, "demo city");
		if (city_cells(c, &cs, e) < 0 || store_begin(c, e) < 0)
			return -1;
		if (activities(c, &a, &cs, "political", 148, 8199, 8257, 0, 1,
			       e) < 0 ||
		    activities(c, &a, &cs, "study", 321, 8196, 8272, 2526, 4,
			       e) < 0 ||
		    classes(c, &a, city, e) < 0 ||
		    indicators(c, &a, e) < 0 || reporters(c, &a, city, e) < 0 ||
		    store_commit(c, e) < 0) {
			store_rollback(c);
			return -1;
		}
	}
	return merge(c, &a, e);
}
