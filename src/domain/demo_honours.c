/*
 * The demo history projects, commendations and channel figures; see
 * demo_honours.h.
 */
#include "domain/demo_honours.h"
#include "domain/auth.h"
#include "domain/commendations.h"
#include "domain/demo.h"
#include "domain/demo_data.h"
#include "domain/history.h"
#include "domain/outreach.h"
#include "domain/units.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

typedef int (*create_fn)(struct store_conn *, const struct actor *, json_t *,
			 json_t **, struct err *);

static int create(create_fn fn, struct store_conn *c, const struct actor *a,
		  json_t *body, struct err *e)
{
	json_t *out = NULL;
	int rc = fn(c, a, body, &out, e);

	json_decref(body);
	json_decref(out);
	return rc;
}

static int unit_id(struct store_conn *c, const char *code, int64_t *id,
		   struct err *e)
{
	return units_id_by_code(c, code, id, e) == 1
		       ? 0
		       : err_internal(e, "demo honours unit");
}

/* --- Party-history projects ----------------------------------------- */

static const struct {
	const char *owner, *subject, *title, *stage, *started, *published,
		*reprinted;
} projects[] = {
	{ "SH-LG", "SH-LG", "Lịch sử Đảng bộ thành phố Long Giang (1930 – 2005)",
	  "published", "2004-03-01", "2007-12-15", NULL },
	{ "SH-LG", "SH-LG-MP", "Lịch sử Đảng bộ phường Mỹ Phước (1945 – 2020)",
	  "reprinted", "2020-11-02", "2021-08-19", "2023-09-02" },
	{ "SH-LG", "SH-LG-PG", "Lịch sử Đảng bộ phường Phú Giang (1945 – 2020)",
	  "reprinted", "2020-11-02", "2021-12-10", "2023-05-19" },
	{ "SH-LG", "SH-LG-HT", "Lịch sử Đảng bộ phường Hòa Thịnh (1954 – 2020)",
	  "reprinted", "2021-01-04", "2022-02-03", "2023-12-20" },
	{ "SH-LG", "SH-LG-VX", "Lịch sử Đảng bộ phường Vĩnh Xuân (1954 – 2020)",
	  "published", "2021-03-01", "2022-06-15", NULL },
	{ "SH-LG", "SH-LG-LC", "Lịch sử Đảng bộ phường Long Châu (1945 – 2020)",
	  "published", "2021-05-03", "2022-09-02", NULL },
	{ "SH-LG", "SH-LG-MHH", "Lịch sử Đảng bộ xã Mỹ Hòa Hưng (1930 – 2020)",
	  "published", "2021-09-01", "2023-02-03", NULL },
	{ "SH-LG", "SH-LG-TG", "Lịch sử Đảng bộ xã Tân Giang (1945 – 2020)",
	  "published", "2021-10-01", "2023-03-26", NULL },
	{ "SH", "SH-KH", "Lịch sử Đảng bộ xã Kỳ Hoa (1930 – 2020)", "published",
	  "2023-03-01", "2024-08-19", NULL },
	{ "SH", "SH-KL", "Lịch sử Đảng bộ phường Kỳ Liên (1945 – 2020)",
	  "published", "2023-06-01", "2024-12-03", NULL },
	{ "SH", "SH-KN", "Lịch sử Đảng bộ xã Kỳ Nam (1945 – 2025)", "compiling",
	  "2024-09-02", NULL, NULL },
	{ "SH", "SH-KP", "Lịch sử Đảng bộ xã Kỳ Phong (1954 – 2025)", "planned",
	  NULL, NULL, NULL },
};

static int load_history(struct store_conn *c, const struct actor *a,
			struct err *e)
{
	int64_t owner, subject;
	size_t i;
	json_t *b;

	for (i = 0; i < sizeof(projects) / sizeof(projects[0]); i++) {
		if (unit_id(c, projects[i].owner, &owner, e) < 0 ||
		    unit_id(c, projects[i].subject, &subject, e) < 0)
			return -1;
		b = json_pack("{s:I, s:I, s:s, s:s}", "unit_id",
			      (json_int_t)owner, "subject_unit_id",
			      (json_int_t)subject, "title", projects[i].title,
			      "stage", projects[i].stage);
		if (projects[i].started)
			json_object_set_new(b, "started_on",
					    json_string(projects[i].started));
		if (projects[i].published)
			json_object_set_new(b, "published_on",
					    json_string(projects[i].published));
		if (projects[i].reprinted)
			json_object_set_new(b, "reprinted_on",
					    json_string(projects[i].reprinted));
		if (create(history_create, c, a, b, e) < 0)
			return -1;
	}
	return 0;
}

/* --- commendations ---------------------------------------------------- */

#define CITY "SH-LG"
#define MAX_CELLS 64
#define N_COLLECTIVE 125
#define N_INDIVIDUAL 91

/* The first Monday of month m (1-12) of 2023: flag-salute day. */
static void first_monday_2023(int m, char out[11])
{
	/* 2023-01-01 was a Sunday; days before each month. */
	static const int before[] = { 0,   31,	59,  90,  120, 151,
				      181, 212, 243, 273, 304, 334 };
	int dow = before[m - 1] % 7; /* 0: the 1st is a Sunday */
	int day = 1 + (8 - dow) % 7;

	snprintf(out, 11, "2023-%02d-%02d", m, day);
}

static const char *const family[] = { "Nguyễn", "Trần", "Lê",	"Phạm",
				      "Huỳnh",	"Võ",	"Phan", "Đặng",
				      "Bùi",	"Đỗ",	"Hồ",	"Dương" };
static const char *const middle[] = { "Văn", "Thị", "Minh", "Thanh",
				      "Ngọc", "Quốc", "Thu", "Hữu" };
static const char *const given[] = { "An",	"Bình", "Châu", "Dũng", "Giang",
				     "Hạnh",	"Hòa",	"Khoa", "Lan",	"Long",
				     "Mai",	"Nam",	"Nga",	"Phúc", "Quang",
				     "Sơn",	"Tâm",	"Thảo", "Trung", "Vy" };
static const char *const roles[] = { "Bí thư", "Phó Bí thư", "Chi ủy viên" };

static const char *const reasons[] = {
	"Tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách"
	" Hồ Chí Minh năm 2023",
	"Có mô hình hay, cách làm sáng tạo trong thực hiện Chủ đề năm 2023"
	" của Tỉnh ủy",
	"Hoàn thành xuất sắc nhiệm vụ tuyên truyền, vận động Nhân dân",
	"Tích cực tham gia bảo vệ nền tảng tư tưởng của Đảng trên không gian"
	" mạng",
};

static int load_commendations(struct store_conn *c, const struct actor *a,
			      struct err *e)
{
	int64_t cells[MAX_CELLS], parents[MAX_CELLS], city;
	const char *cell_names[MAX_CELLS];
	size_t n = 0, i;
	char date[11], name[160], pos[300];
	json_t *b;

	if (unit_id(c, CITY, &city, e) < 0)
		return -1;
	for (i = 0; i < demo_units_count && n < MAX_CELLS; i++) {
		const struct demo_unit *u = &demo_units[i];

		if (strncmp(u->code, CITY "-", strlen(CITY) + 1) ||
		    strcmp(u->level, "chibo"))
			continue;
		if (unit_id(c, u->code, &cells[n], e) < 0 ||
		    unit_id(c, u->parent, &parents[n], e) < 0)
			return -1;
		cell_names[n++] = u->name;
	}
	if (!n)
		return err_internal(e, "demo cells");
	/* Collectives: cells of the city in turn, commended by their ward
	 * or commune at a month's flag salute; every fifth a Giấy khen of
	 * the Thành ủy. */
	for (i = 0; i < N_COLLECTIVE; i++) {
		size_t k = (i * 7) % n;
		int fifth = i % 5 == 4;

		first_monday_2023((int)(i % 12) + 1, date);
		b = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "unit_id",
			      (json_int_t)(fifth ? city : parents[k]), "kind",
			      "collective", "recipient", cell_names[k], "award",
			      fifth ? "giay_khen_huyen" : "bieu_duong", "reason",
			      reasons[i % 4], "awarded_on", date);
		if (create(commendations_create, c, a, b, e) < 0)
			return -1;
	}
	/* Officials: secretaries and committee members of the cells, by
	 * name and position only. */
	for (i = 0; i < N_INDIVIDUAL; i++) {
		size_t k = (i * 11 + 3) % n;
		int fifth = i % 5 == 2;

		first_monday_2023((int)((i + 5) % 12) + 1, date);
		snprintf(name, sizeof(name), "%s %s %s", family[i % 12],
			 middle[(i / 3) % 8], given[(i * 7) % 20]);
		snprintf(pos, sizeof(pos), "%s %s", roles[i % 3],
			 cell_names[k]);
		b = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "unit_id",
			      (json_int_t)(fifth ? city : parents[k]), "kind",
			      "individual", "recipient", name, "position", pos,
			      "award", fifth ? "giay_khen_huyen" : "bieu_duong",
			      "reason", reasons[(i + 1) % 4], "awarded_on", date);
		if (create(commendations_create, c, a, b, e) < 0)
			return -1;
	}
	return 0;
}

static const struct {
	const char *unit, *kind, *recipient, *position, *award, *reason,
		*date, *decision;
} other_awards[] = {
	{ "SH-KH", "collective", "Chi bộ ấp Hoa Lợi", NULL, "giay_khen_co_so",
	  "Hoàn thành xuất sắc nhiệm vụ năm 2024", "2024-12-30",
	  "215-QĐ/ĐU" },
	{ "SH-KH", "collective", "Chi bộ Trường THCS Kỳ Hoa", NULL,
	  "giay_khen_co_so", "Hoàn thành xuất sắc nhiệm vụ năm 2024",
	  "2024-12-30", "215-QĐ/ĐU" },
	{ "SH-KH", "individual", "Huỳnh Văn Phúc", "Phó Bí thư Đảng ủy xã",
	  "bang_khen_tinh_uy",
	  "Chỉ đạo biên soạn, xuất bản Lịch sử Đảng bộ xã Kỳ Hoa",
	  "2024-09-02", "1520-QĐ/TU" },
	{ "SH", "collective", "Ban Tuyên giáo và Dân vận Tỉnh ủy", NULL,
	  "bang_khen_tinh_uy",
	  "Thành tích xuất sắc trong chỉ đạo công tác báo chí năm 2025",
	  "2025-12-26", "2031-QĐ/TU" },
};

static int load_other_awards(struct store_conn *c, const struct actor *a,
			     struct err *e)
{
	int64_t unit;
	size_t i;
	json_t *b;

	for (i = 0; i < sizeof(other_awards) / sizeof(other_awards[0]); i++) {
		if (unit_id(c, other_awards[i].unit, &unit, e) < 0)
			return -1;
		b = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "unit_id",
			      (json_int_t)unit, "kind", other_awards[i].kind,
			      "recipient", other_awards[i].recipient, "award",
			      other_awards[i].award, "reason",
			      other_awards[i].reason, "awarded_on",
			      other_awards[i].date, "decision_ref",
			      other_awards[i].decision);
		if (other_awards[i].position)
			json_object_set_new(b, "position",
					    json_string(other_awards[i].position));
		if (create(commendations_create, c, a, b, e) < 0)
			return -1;
	}
	return 0;
}

/* --- communication output ----------------------------------------------- */

#define POSTS_H1 2400
#define SHARES_H1 330000
#define FOLLOWERS_JUNE 65580 /* 330.000 + 65.580 = 395.580 */
#define N_CHANNELS 12
#define N_MONTHS 6

static const struct {
	const char *unit, *kind, *name;
	int64_t weight;
} channels[N_CHANNELS] = {
	{ "SH-LG", "facebook", "Thành ủy Long Giang", 30 },
	{ "SH-LG", "zalo", "Tuyên giáo Long Giang", 12 },
	{ "SH-LG-MP", "facebook", "Đảng ủy phường Mỹ Phước", 12 },
	{ "SH-LG-MP", "zalo", "Phường Mỹ Phước", 5 },
	{ "SH-LG-PG", "facebook", "Đảng ủy phường Phú Giang", 11 },
	{ "SH-LG-PG", "zalo", "Phường Phú Giang", 4 },
	{ "SH-LG-HT", "facebook", "Đảng ủy phường Hòa Thịnh", 9 },
	{ "SH-LG-HT", "zalo", "Phường Hòa Thịnh", 4 },
	{ "SH-LG-VX", "facebook", "Đảng ủy phường Vĩnh Xuân", 6 },
	{ "SH-LG-LC", "facebook", "Đảng ủy phường Long Châu", 5 },
	{ "SH-LG-MHH", "facebook", "Đảng ủy xã Mỹ Hòa Hưng", 4 },
	{ "SH-LG-TG", "facebook", "Đảng ủy xã Tân Giang", 3 },
};

/* Split `total` over n slots in proportion to w, the remainder one by
 * one from the first slot. */
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

static int outreach_entry(struct store_conn *c, const struct actor *a,
			  int64_t unit, const char *kind, const char *name,
			  const char *period, int64_t posts, int64_t shares,
			  int64_t followers, struct err *e)
{
	return create(outreach_create, c, a,
		      json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:I}",
				"unit_id", (json_int_t)unit, "channel_kind",
				kind, "channel_name", name, "period", period,
				"posts", (json_int_t)posts, "shares",
				(json_int_t)shares, "followers",
				(json_int_t)followers),
		      e);
}

static int load_outreach(struct store_conn *c, const struct actor *a,
			 struct err *e)
{
	static const int64_t month_w[N_MONTHS] = { 15, 16, 17, 17, 17, 18 };
	int64_t w[N_CHANNELS], posts[N_CHANNELS], shares[N_CHANNELS],
		june[N_CHANNELS], pm[N_MONTHS], sm[N_MONTHS], unit;
	char period[8];
	size_t i, m;

	for (i = 0; i < N_CHANNELS; i++)
		w[i] = channels[i].weight;
	spread(POSTS_H1, w, N_CHANNELS, posts);
	spread(SHARES_H1, w, N_CHANNELS, shares);
	spread(FOLLOWERS_JUNE, w, N_CHANNELS, june);
	for (i = 0; i < N_CHANNELS; i++) {
		if (unit_id(c, channels[i].unit, &unit, e) < 0)
			return -1;
		spread(posts[i], month_w, N_MONTHS, pm);
		spread(shares[i], month_w, N_MONTHS, sm);
		for (m = 0; m < N_MONTHS; m++) {
			/* Followers grow about 2% a month up to June's. */
			int64_t f = june[i] -
				    june[i] * 2 * (int64_t)(N_MONTHS - 1 - m) /
					    100;

			snprintf(period, sizeof(period), "2022-%02d",
				 (int)m + 1);
			if (outreach_entry(c, a, unit, channels[i].kind,
					   channels[i].name, period, pm[m],
					   sm[m], f, e) < 0)
				return -1;
		}
	}
	if (unit_id(c, "SH-KH", &unit, e) < 0 ||
	    outreach_entry(c, a, unit, "facebook", "Đảng ủy xã Kỳ Hoa",
			   "2022-Q1", 48, 3100, 2050, e) < 0 ||
	    outreach_entry(c, a, unit, "facebook", "Đảng ủy xã Kỳ Hoa",
			   "2022-Q2", 52, 3400, 2180, e) < 0)
		return -1;
	return 0;
}

/* The number of records of a collection the system actor sees. */
static int64_t count(json_t *list)
{
	int64_t n = json_integer_value(json_object_get(list, "total"));

	json_decref(list);
	return n;
}

int demo_honours_load(struct store_conn *c, struct err *e)
{
	struct history_filter hf = { 0 };
	struct commendations_filter cf = { 0 };
	struct outreach_filter of = { 0 };
	struct actor a;
	json_t *list;
	int64_t nh, nc, no;

	demo_system_actor(&a);
	hf.limit = cf.limit = of.limit = 1;
	if (history_list(c, &a, &hf, &list, e) < 0)
		return -1;
	nh = count(list);
	if (commendations_list(c, &a, &cf, &list, e) < 0)
		return -1;
	nc = count(list);
	if (outreach_list(c, &a, &of, &list, e) < 0)
		return -1;
	no = count(list);
	if (store_begin(c, e) < 0)
		return -1;
	if ((!nh && load_history(c, &a, e) < 0) ||
	    (!nc && (load_commendations(c, &a, e) < 0 ||
		     load_other_awards(c, &a, e) < 0)) ||
	    (!no && load_outreach(c, &a, e) < 0) || store_commit(c, e) < 0) {
		store_rollback(c);
		return -1;
	}
	return 0;
}
