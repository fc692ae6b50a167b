/*
 * The demo documents and tasks; see demo_documents.h. Everything goes
 * through the same domain functions as the API.
 */
#include "domain/demo_documents.h"
#include "domain/auth.h"
#include "domain/documents.h"
#include "domain/tasks.h"
#include "domain/units.h"
#include "base/clock.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

struct demo_doc {
	const char *unit;      /* owning unit code */
	const char *direction; /* "in" | "out" */
	const char *symbol;    /* NULL: outgoing, numbered automatically */
	const char *type, *issuer; /* for automatic numbering */
	const char *issuer_text;
	const char *issued_on;
	const char *signer;
	const char *summary;
	const char *tag;
};

static const struct demo_doc docs[] = {
	{ "SH", "in", "01-KL/TW", NULL, NULL, NULL, "2021-05-18",
	  "Võ Văn Thưởng",
	  "Kết luận của Bộ Chính trị về tiếp tục thực hiện Chỉ thị 05-CT/TW về"
	  " đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí"
	  " Minh", "học tập và làm theo Bác" },
	{ "SH", "in", "21-KL/TW", NULL, NULL, NULL, "2021-10-25",
	  "Trần Quốc Vượng",
	  "Kết luận Hội nghị Trung ương 4 khóa XIII về đẩy mạnh xây dựng, chỉnh"
	  " đốn Đảng và hệ thống chính trị", "xây dựng Đảng" },
	{ "SH", "in", "238-QĐ/TW", NULL, NULL, NULL, "2020-05-12",
	  "Trần Quốc Vượng",
	  "Quy định về quy chế phối hợp giữa Ban Tuyên giáo các cấp với cơ"
	  " quan nhà nước cùng cấp trong thực thi pháp luật", "pháp luật" },
	{ "SH", "in", "35-NQ/TW", NULL, NULL, NULL, "2018-10-22",
	  "Nguyễn Phú Trọng",
	  "Nghị quyết của Bộ Chính trị về tăng cường bảo vệ nền tảng tư tưởng"
	  " của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch",
	  "bảo vệ nền tảng tư tưởng" },
	{ "SH", "in", "5082-CV/VPTW/nb", NULL, NULL, NULL, "2025-03-14",
	  "Lê Hoài Trung",
	  "Công văn về việc sắp xếp tổ chức bộ máy các ban tuyên giáo và dân"
	  " vận cấp tỉnh", "sắp xếp bộ máy" },
	{ "SH", "in", "45-HD/BTGDVTW", NULL, NULL, NULL, "2025-06-02",
	  "Nguyễn Trọng Nghĩa",
	  "Hướng dẫn tuyên truyền kỷ niệm các ngày lễ lớn, sự kiện lịch sử quan"
	  " trọng năm 2025", "tuyên truyền" },
	{ "SH", "in", "05-NQ/TU", NULL, NULL, NULL, "2025-11-20",
	  "Bí thư Tỉnh ủy",
	  "Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về tăng cường công tác"
	  " chính trị, tư tưởng trong tình hình mới", "chính trị tư tưởng" },
	{ "SH", "in", "01-NQ/TU", NULL, NULL, NULL, "2025-10-20",
	  "Bí thư Tỉnh ủy",
	  "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Sơn Hà lần thứ XV, nhiệm kỳ"
	  " 2025-2030", "đại hội" },
	{ "SH", "in", "08-CT/TU", NULL, NULL, NULL, "2025-12-05",
	  "Phó Bí thư Thường trực",
	  "Chỉ thị về siết chặt kỷ luật, kỷ cương hành chính trong đội ngũ cán"
	  " bộ, đảng viên, công chức, viên chức", "kỷ luật kỷ cương" },
	{ "SH", "in", "12-KL/TU", NULL, NULL, NULL, "2026-01-15",
	  "Phó Bí thư Thường trực",
	  "Kết luận của Ban Thường vụ Tỉnh ủy về công tác dân vận năm 2025,"
	  " phương hướng năm 2026", "dân vận" },
	{ "SH", "in", "24/KH-UBND", NULL, NULL, "UBND tỉnh Sơn Hà",
	  "2026-02-10", "Chủ tịch UBND tỉnh",
	  "Kế hoạch của UBND tỉnh phối hợp tuyên truyền chuyển đổi số năm 2026",
	  "chuyển đổi số" },
	{ "SH", "in", "Số: 383/KH-UBND", NULL, NULL, "UBND tỉnh Sơn Hà",
	  "2026-03-02", "Phó Chủ tịch UBND tỉnh",
	  "Kế hoạch tổ chức các hoạt động kỷ niệm 96 năm Ngày thành lập Đảng",
	  "kỷ niệm" },
	{ "SH", "in", "15/2025/NĐ-CP", NULL, NULL, "Chính phủ", "2025-01-20",
	  "Thủ tướng Chính phủ",
	  "Nghị định về công tác thông tin cơ sở", "thông tin cơ sở" },
	{ "SH", "out", NULL, "KH", "BTGDVTU", NULL, "2025-10-10",
	  "Phó Trưởng ban",
	  "Kế hoạch tuyên truyền Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV",
	  "đại hội" },
	{ "SH", "out", NULL, "KH", "BTGDVTU", NULL, "2025-11-25",
	  "Phó Trưởng ban",
	  "Kế hoạch tổ chức học tập, quán triệt Nghị quyết 05-NQ/TU về công tác"
	  " chính trị, tư tưởng", "chính trị tư tưởng" },
	{ "SH", "out", NULL, "KH", "BTGDVTU", NULL, "2026-01-06",
	  "Trưởng ban",
	  "Kế hoạch công tác tuyên giáo và dân vận năm 2026", "kế hoạch năm" },
	{ "SH", "out", NULL, "HD", "BTGDVTU", NULL, "2025-12-01",
	  "Phó Trưởng ban",
	  "Hướng dẫn sinh hoạt chính trị chuyên đề năm 2026 về học tập và làm"
	  " theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
	  "học tập và làm theo Bác" },
	{ "SH", "out", NULL, "BC", "BTGDVTU", NULL, "2025-12-20",
	  "Trưởng ban",
	  "Báo cáo kết quả công tác tuyên giáo và dân vận năm 2025",
	  "báo cáo năm" },
	{ "SH", "out", NULL, "BC", "BTGDVTU", NULL, "2026-03-28",
	  "Phó Trưởng ban",
	  "Báo cáo tình hình tư tưởng cán bộ, đảng viên và dư luận xã hội quý I"
	  " năm 2026", "dư luận xã hội" },
	{ "SH", "out", NULL, "CV", "BTGDVTU", NULL, "2026-02-03",
	  "Phó Trưởng ban",
	  "Công văn về việc đôn đốc báo cáo kết quả học tập Nghị quyết 05-NQ/TU",
	  "đôn đốc" },
	{ "SH", "out", NULL, "CV", "BTGDVTU", NULL, "2026-04-15",
	  "Phó Trưởng ban",
	  "Công văn định hướng thông tin về các vụ việc phức tạp tại cơ sở",
	  "định hướng thông tin" },
	{ "SH", "out", NULL, "TB", "BTGDVTU", NULL, "2026-05-04",
	  "Chánh Văn phòng Ban",
	  "Thông báo lịch hội nghị báo cáo viên tháng 5 năm 2026",
	  "báo cáo viên" },
	{ "SH", "out", NULL, "KH", "TU", NULL, "2025-10-28",
	  "Phó Bí thư Thường trực",
	  "Kế hoạch của Ban Thường vụ Tỉnh ủy tổng kết 10 năm thực hiện Nghị"
	  " quyết số 01-NQ/TU về tái định cư, giải phóng mặt bằng",
	  "tổng kết" },
	{ "SH", "out", NULL, "CTr", "TU", NULL, "2025-11-10",
	  "Bí thư Tỉnh ủy",
	  "Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần"
	  " thứ XV", "đại hội" },
	{ "SH", "out", NULL, "KH", "BTGDVTU", NULL, "2024-03-12",
	  "Trưởng ban",
	  "Kế hoạch tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ",
	  "kỷ niệm" },
	{ "SH", "out", NULL, "KH", "BTGDVTU", NULL, "2024-09-05",
	  "Trưởng ban",
	  "Kế hoạch sơ kết 3 năm thực hiện Kết luận 01-KL/TW của Bộ Chính trị",
	  "sơ kết" },
	{ "SH-LG", "in", "05-NQ/ThU", NULL, NULL, NULL, "2025-12-10",
	  "Bí thư Thành ủy",
	  "Nghị quyết của Ban Thường vụ Thành ủy về tăng cường sự lãnh đạo đối"
	  " với công tác chính trị, tư tưởng", "chính trị tư tưởng" },
	{ "SH-LG", "in", "08-CT/ThU", NULL, NULL, NULL, "2026-01-08",
	  "Bí thư Thành ủy",
	  "Chỉ thị về xây dựng nông thôn mới, đô thị văn minh", "đô thị văn minh" },
	{ "SH-LG-MP", "in", "12-KH/ĐU", NULL, NULL, NULL, "2026-01-20",
	  "Bí thư Đảng ủy phường",
	  "Kế hoạch học tập, quán triệt Nghị quyết 05-NQ/TU tại phường Mỹ"
	  " Phước", "học tập nghị quyết" },
	{ "SH-LG-MP", "in", "03-BC/ĐU", NULL, NULL, NULL, "2026-03-30",
	  "Phó Bí thư Đảng ủy phường",
	  "Báo cáo kết quả sinh hoạt chính trị chuyên đề quý I năm 2026",
	  "báo cáo quý" },
	{ "SH-KH", "in", "07-KH/ĐU", NULL, NULL, NULL, "2026-01-22",
	  "Bí thư Đảng ủy xã",
	  "Kế hoạch tổ chức hội nghị học tập Nghị quyết 05-NQ/TU tại xã Kỳ Hoa",
	  "học tập nghị quyết" },
	{ "SH-KH", "in", "02-TB/ĐU", NULL, NULL, NULL, "2026-02-14",
	  "Phó Bí thư Đảng ủy xã",
	  "Thông báo kết luận của Ban Thường vụ Đảng ủy xã về công tác dân vận",
	  "dân vận" },
	{ "SH-KL", "in", "04-KH/ĐU", NULL, NULL, NULL, "2026-02-02",
	  "Bí thư Đảng ủy phường",
	  "Kế hoạch tuyên truyền Ngày thành lập Đảng tại phường Kỳ Liên",
	  "kỷ niệm" },
	{ "SH-KN", "in", "09-BC/ĐU", NULL, NULL, NULL, "2026-04-05",
	  "Bí thư Đảng ủy xã",
	  "Báo cáo tình hình dư luận xã hội về đền bù giải phóng mặt bằng",
	  "dư luận xã hội" },
};

/* `days` from today (Vietnam) as "YYYY-MM-DD". */
static void from_today(int days, char out[11])
{
	char today[11];
	struct tm tm;
	time_t t;

	clock_today_vn(today);
	memset(&tm, 0, sizeof(tm));
	sscanf(today, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += days;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static int load_terms(struct store_conn *c, const struct actor *a,
		      int64_t sh, struct err *e)
{
	json_t *list, *body, *out;
	int rc = 0;

	if (terms_list(c, a, sh, &list, e) < 0)
		return -1;
	if (json_array_size(json_object_get(list, "items")) == 0) {
		body = json_pack("{s:I, s:s, s:s, s:s}", "unit_id", (json_int_t)sh,
				 "name", "2020-2025", "start_date", "2020-10-15",
				 "end_date", "2025-09-30");
		rc = terms_create(c, a, body, &out, e);
		json_decref(body);
		if (rc == 0) {
			json_decref(out);
			body = json_pack("{s:I, s:s, s:s}", "unit_id",
					 (json_int_t)sh, "name", "2025-2030",
					 "start_date", "2025-10-01");
			rc = terms_create(c, a, body, &out, e);
			json_decref(body);
			if (rc == 0)
				json_decref(out);
		}
	}
	json_decref(list);
	return rc;
}

/* A task from document `doc` given by unit `giver` to `units`, with the
 * status of each assignment from `statuses` ("n", "p", "d"). */
static int add_task(struct store_conn *c, const struct actor *sys,
		    const char *giver, int64_t doc, const char *kind,
		    const char *title, int deadline_days,
		    const char *const *units, const char *statuses,
		    struct err *e)
{
	struct actor a = *sys;
	json_t *ids = json_array(), *body, *out, *v;
	char deadline[11], done[11];
	int64_t id, giver_id;
	size_t i;
	int rc;

	if (units_id_by_code(c, giver, &giver_id, e) != 1) {
		json_decref(ids);
		return err_internal(e, "demo task unit");
	}
	/* Act as the giving unit, so the task is theirs. */
	a.unit_id = giver_id;
	{
		json_t *u;

		if (units_get(c, sys, giver_id, &u, e) < 0) {
			json_decref(ids);
			return -1;
		}
		json_decref(u);
	}
	for (i = 0; units[i]; i++) {
		if (units_id_by_code(c, units[i], &id, e) != 1) {
			json_decref(ids);
			return err_internal(e, "demo task unit");
		}
		json_array_append_new(ids, json_integer(id));
	}
	from_today(deadline_days, deadline);
	body = json_pack("{s:I, s:s, s:s, s:s, s:o}", "document_id",
			 (json_int_t)doc, "title", title, "deadline", deadline,
			 "kind", kind, "unit_ids", ids);
	rc = tasks_create(c, &a, body, &out, e);
	json_decref(body);
	if (rc < 0)
		return -1;
	json_array_foreach(json_object_get(out, "assignments"), i, v) {
		char s = statuses[i % strlen(statuses)];
		json_t *upd;
		json_t *res;

		if (s == 'n')
			continue;
		from_today(-(int)(i % 5) - 1, done);
		upd = s == 'd' ? json_pack("{s:s, s:s, s:s}", "status", "done",
					   "done_date", done, "result",
					   "Đã tổ chức hội nghị, 95% đảng viên"
					   " tham dự")
			       : json_pack("{s:s, s:s}", "status", "in_progress",
					   "result", "Đang xây dựng kế hoạch");
		rc = tasks_assignment_update(
			c, &a, json_integer_value(json_object_get(out, "id")),
			json_integer_value(json_object_get(v, "id")), upd, &res,
			e);
		json_decref(upd);
		if (rc < 0) {
			json_decref(out);
			return -1;
		}
		json_decref(res);
	}
	json_decref(out);
	return 0;
}

int demo_documents_load(struct store_conn *c, const struct actor *a,
			int *ndocs, int *ntasks, struct err *e)
{
	static const char *const communes[] = {
		"SH-LG-MP", "SH-LG-PG", "SH-LG-HT", "SH-LG-VX", "SH-LG-LC",
		"SH-LG-MHH", "SH-LG-TG", "SH-KH", "SH-KL", "SH-KN", "SH-KP",
		"SH-SL", NULL,
	};
	static const char *const lg_wards[] = { "SH-LG-MP", "SH-LG-PG",
						"SH-LG-HT", NULL };
	static const char *const three[] = { "SH-KH", "SH-KL", "SH-KN", NULL };
	struct documents_filter f = { 0 };
	json_t *list, *body, *out;
	int64_t sh, unit, doc_05 = 0, doc_kl01 = 0, doc_kh = 0, doc_ct08 = 0;
	size_t i;

	*ndocs = *ntasks = 0;
	if (units_id_by_code(c, "SH", &sh, e) != 1)
		return err_internal(e, "demo SH");
	if (load_terms(c, a, sh, e) < 0)
		return -1;
	f.limit = 1;
	if (documents_list(c, a, &f, &list, e) < 0)
		return -1;
	i = (size_t)json_integer_value(json_object_get(list, "total"));
	json_decref(list);
	if (i > 0)
		return 0;
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		const struct demo_doc *d = &docs[i];
		int64_t id;

		if (units_id_by_code(c, d->unit, &unit, e) != 1)
			return err_internal(e, "demo document unit");
		body = json_pack("{s:s, s:s, s:s, s:s, s:I, s:[s]}", "direction",
				 d->direction, "issued_on", d->issued_on,
				 "summary", d->summary, "signer", d->signer,
				 "unit_id", (json_int_t)unit, "tags", d->tag);
		if (d->symbol)
			json_object_set_new(body, "symbol", json_string(d->symbol));
		if (d->type)
			json_object_set_new(body, "type", json_string(d->type));
		if (d->issuer)
			json_object_set_new(body, "issuer", json_string(d->issuer));
		if (d->issuer_text)
			json_object_set_new(body, "issuer_text",
					    json_string(d->issuer_text));
		if (documents_create(c, a, body, &out, e) < 0) {
			json_decref(body);
			return -1;
		}
		json_decref(body);
		id = json_integer_value(json_object_get(out, "id"));
		if (d->symbol && !strcmp(d->symbol, "05-NQ/TU"))
			doc_05 = id;
		if (d->symbol && !strcmp(d->symbol, "01-KL/TW"))
			doc_kl01 = id;
		if (d->symbol && !strcmp(d->symbol, "08-CT/TU"))
			doc_ct08 = id;
		if (!d->symbol && !strcmp(d->summary, "Kế hoạch công tác tuyên"
						      " giáo và dân vận năm 2026"))
			doc_kh = id;
		json_decref(out);
		(*ndocs)++;
	}
	if (add_task(c, a, "SH", doc_05, "task",
		     "Tổ chức học tập, quán triệt Nghị quyết 05-NQ/TU đến toàn"
		     " thể cán bộ, đảng viên",
		     5, communes, "ddpndpnddpnn", e) < 0 ||
	    add_task(c, a, "SH", doc_05, "task",
		     "Báo cáo kết quả học tập Nghị quyết 05-NQ/TU", -10, communes,
		     "dnpdnnpddnpn", e) < 0 ||
	    add_task(c, a, "SH", doc_05, "so_ket",
		     "Sơ kết 1 năm thực hiện Nghị quyết 05-NQ/TU", 200, communes,
		     "n", e) < 0 ||
	    add_task(c, a, "SH", doc_kl01, "tong_ket",
		     "Tổng kết 5 năm thực hiện Kết luận 01-KL/TW", 3, three, "pdn",
		     e) < 0 ||
	    add_task(c, a, "SH", doc_kh, "task",
		     "Xây dựng kế hoạch công tác tuyên giáo năm 2026 của đơn vị",
		     -30, three, "dnd", e) < 0 ||
	    add_task(c, a, "SH", doc_ct08, "task",
		     "Tổ chức quán triệt Chỉ thị 08-CT/TU về kỷ luật, kỷ cương",
		     14, communes, "pnd", e) < 0 ||
	    add_task(c, a, "SH-LG", doc_05, "task",
		     "Triển khai Nghị quyết 05-NQ/TU đến các chi bộ khóm, ấp", 6,
		     lg_wards, "pdn", e) < 0)
		return -1;
	*ntasks = 7;
	return 0;
}
