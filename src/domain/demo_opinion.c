/*
 * The demo opinion reports and hot spots; see demo_opinion.h.
 */
#include "domain/demo_opinion.h"
#include "domain/auth.h"
#include "domain/demo.h"
#include "domain/hotspots.h"
#include "domain/opinion.h"
#include "domain/periods.h"
#include "domain/topics.h"
#include "domain/units.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

#define WEEKS 52
#define FIRST_MONDAY "2025-11-24" /* 2025-W48 */
#define N_TOPICS 9

static const char *const communes[] = {
	"SH-LG-MP", "SH-LG-PG", "SH-LG-HT", "SH-LG-VX", "SH-LG-LC", "SH-LG-MHH",
	"SH-KH",    "SH-KL",    "SH-KN",    "SH-KP",    "SH-SL",
};
#define N_COMMUNES (sizeof(communes) / sizeof(communes[0]))
#define N_CITY 6 /* the first six lie in Long Giang */

/* Topic codes of migration 4, the rising one first. */
static const char *const topic_codes[N_TOPICS] = {
	"DD", "MT", "YT", "GD", "GC", "HT", "ASXH", "ANTT", "XDD",
};

static const char *const summaries[N_TOPICS][2] = {
	{ ("Nhân dân quan tâm phương án bồi thường, hỗ trợ tái định cư của dự án"
	  " mở rộng đường tỉnh; một số hộ băn khoăn về giá đất bồi thường."),
	  ("Ý kiến đồng tình với chủ trương thu hồi đất làm khu công nghiệp,"
	  " đề nghị công khai quy hoạch và tiến độ chi trả.") },
	{ "Người dân phản ánh mùi hôi từ cơ sở chăn nuôi và rác thải ven kênh.",
	  ("Đồng tình với phong trào phân loại rác tại nguồn; mong có thêm điểm"
	  " tập kết.") },
	{ ("Ý kiến đánh giá tốt việc tiêm chủng mở rộng; băn khoăn về thiếu"
	  " thuốc bảo hiểm y tế ở trạm y tế."),
	  "Quan tâm phòng chống sốt xuất huyết mùa mưa." },
	{ "Phụ huynh quan tâm các khoản thu đầu năm học và dạy thêm, học thêm.",
	  ("Đồng tình với việc sắp xếp điểm trường; mong bảo đảm đưa đón học"
	  " sinh.") },
	{ "Người dân lo ngại giá điện, giá xăng dầu và giá thực phẩm tăng.",
	  "Ý kiến về giá vật tư nông nghiệp tăng trong khi giá nông sản giảm." },
	{ ("Mong sớm sửa chữa tuyến đường liên ấp xuống cấp, mất an toàn giao"
	  " thông."),
	  ("Đồng tình với việc đầu tư cầu mới; đề nghị bảo đảm an toàn khi thi"
	  " công.") },
	{ ("Đánh giá tốt việc chi trả trợ cấp xã hội qua tài khoản; một số"
	  " người cao tuổi gặp khó khi nhận."),
	  "Quan tâm chính sách hỗ trợ nhà ở cho hộ nghèo." },
	{ "Lo ngại tình trạng lừa đảo qua mạng và tín dụng đen.",
	  "Đồng tình với mô hình camera an ninh tự quản ở khu dân cư." },
	{ ("Đồng tình với việc sắp xếp tổ chức bộ máy, mong bảo đảm chất lượng"
	  " phục vụ người dân."),
	  "Quan tâm công tác chuẩn bị đại hội đảng bộ các cấp." },
};

static const char *const recommendations[N_TOPICS] = {
	("Đề nghị công khai phương án bồi thường, tổ chức đối thoại với các hộ"
	" bị ảnh hưởng."),
	"Đề nghị kiểm tra, xử lý các cơ sở gây ô nhiễm.",
	"Đề nghị bảo đảm cung ứng thuốc bảo hiểm y tế.",
	"Đề nghị công khai các khoản thu, chấn chỉnh dạy thêm.",
	"Đề nghị tăng cường kiểm tra, bình ổn giá.",
	"Đề nghị sớm bố trí vốn sửa chữa đường.",
	"Đề nghị hướng dẫn người cao tuổi nhận trợ cấp.",
	"Đề nghị tăng cường tuyên truyền phòng chống lừa đảo.",
	"Đề nghị thông tin kịp thời về sắp xếp bộ máy.",
};

static const char *const intensity_names[] = { "low", "medium", "high" };

static unsigned mix(unsigned a, unsigned b, unsigned c)
{
	unsigned h = a * 2654435761u ^ (b + 0x9e3779b9u + (c << 6));

	h ^= h >> 13;
	h *= 0x5bd1e995u;
	return h ^ (h >> 15);
}

static int report(struct store_conn *c, const struct actor *a, int64_t unit,
		  int64_t topic, int t, const char *week, unsigned h,
		  bool rising, struct err *e)
{
	int in = rising ? 2 : h % 7 == 0 ? 1 : h % 23 == 0 ? 2 : 0;
	int agree = rising ? 55 + (int)(h % 10) : 40 + (int)(h % 30);
	int concerned = rising ? 30 : 10 + (int)((h >> 4) % 20);
	int disagree = rising ? 10 : (int)((h >> 9) % 10);
	json_t *body, *out = NULL;
	int rc;

	if (agree + concerned + disagree > 100)
		disagree = 100 - agree - concerned;
	body = json_pack("{s:I, s:I, s:s, s:s, s:s, s:i, s:i, s:i, s:s, s:s}",
			 "unit_id", (json_int_t)unit, "topic_id",
			 (json_int_t)topic, "period_type", "week", "period",
			 week, "summary", summaries[t][h % 2], "share_agree",
			 agree, "share_concerned", concerned, "share_disagree",
			 disagree, "intensity", intensity_names[in],
			 "recommendation", in ? recommendations[t] : "");
	rc = opinion_create(c, a, body, &out, e);
	json_decref(body);
	json_decref(out);
	return rc;
}

static int reports(struct store_conn *c, const struct actor *a,
		   const int64_t *units, const int64_t *topics, struct err *e)
{
	char monday[PERIOD_DATE_SIZE];
	struct period w;
	size_t u;
	int k;

	for (k = 0; k < WEEKS; k++) {
		periods_add_days(FIRST_MONDAY, 7 * k, monday);
		periods_containing(PERIOD_WEEK, monday, &w);
		for (u = 0; u < N_COMMUNES; u++) {
			unsigned h = mix((unsigned)u, (unsigned)k, 1);
			int t1 = 1 + (int)(h % (N_TOPICS - 1));
			int t2 = (t1 + 1 + (int)((h >> 8) % (N_TOPICS - 1))) %
				 N_TOPICS;
			/* the rise: 2, 3, then all 6 city units in the
			 * last three weeks */
			bool rise = u < N_CITY &&
				    ((k == WEEKS - 3 && u < 2) ||
				     (k == WEEKS - 2 && u < 3) || k == WEEKS - 1);

			if (t2 == t1)
				t2 = 0;
			if (rise && t2 == 0)
				t2 = (t1 % (N_TOPICS - 1)) + 1;
			if (rise && t2 == t1)
				t2 = t1 % (N_TOPICS - 1) + 1;
			if (report(c, a, units[u], topics[t1], t1, w.key, h,
				   false, e) < 0 ||
			    (t2 != t1 &&
			     report(c, a, units[u], topics[t2], t2, w.key, h >> 3,
				    false, e) < 0))
				return -1;
			if (rise && report(c, a, units[u], topics[0], 0, w.key, h,
					   true, e) < 0)
				return -1;
		}
	}
	return 0;
}

/* A hot spot: where, topic, title, severity, lead, partners, opened, and
 * its path: the dates it went to handling, resolved and closed (NULL:
 * not reached), with one action in between. */
struct demo_hs {
	int commune, topic;
	const char *title, *severity, *lead, *partner1, *partner2;
	const char *opened, *handling, *action, *resolved, *closed;
	const char *note, *resolution;
};

static const struct demo_hs spots[] = {
	{ 0, 0, "Khiếu nại giá bồi thường dự án mở rộng đường tỉnh", "high",
	  "UBND phường Mỹ Phước", "Mặt trận Tổ quốc phường",
	  "Phòng Tài nguyên và Môi trường", "2026-01-12", "2026-01-15",
	  "2026-01-28", "2026-03-20", "2026-04-10",
	  "Tổ chức đối thoại với các hộ bị ảnh hưởng",
	  "Điều chỉnh đơn giá bồi thường, các hộ đồng thuận bàn giao mặt"
	  " bằng." },
	{ 1, 1, "Ô nhiễm mùi từ cơ sở chăn nuôi khu dân cư", "medium",
	  "UBND phường Phú Giang", "Công an phường", NULL, "2026-02-02",
	  "2026-02-04", "2026-02-20", "2026-03-05", "2026-03-30",
	  "Kiểm tra, lập biên bản cơ sở chăn nuôi",
	  "Cơ sở di dời, lắp đặt hệ thống xử lý chất thải." },
	{ 6, 2, "Ngộ độc thực phẩm tại bữa ăn tập thể", "high",
	  "Trung tâm Y tế huyện", "UBND xã Kỳ Hoa", "Trạm Y tế xã",
	  "2026-03-08", "2026-03-08", "2026-03-10", "2026-03-18",
	  "2026-04-02", "Điều trị, lấy mẫu xét nghiệm",
	  "Các trường hợp đã ra viện; xử phạt cơ sở cung cấp suất ăn." },
	{ 7, 3, "Phản ánh lạm thu đầu năm học", "medium",
	  "Phòng Giáo dục và Đào tạo", "Hội Cha mẹ học sinh", NULL,
	  "2026-09-07", "2026-09-09", "2026-09-15", "2026-09-25",
	  "2026-10-12", "Kiểm tra các khoản thu tại trường",
	  "Nhà trường hoàn trả các khoản thu sai quy định." },
	{ 8, 5, "Sụt lún đường liên ấp sau mưa lớn", "medium",
	  "UBND xã Kỳ Nam", "Đoàn Thanh niên xã", NULL, "2026-06-15",
	  "2026-06-16", "2026-06-25", "2026-07-30", "2026-08-20",
	  "Cắm biển cảnh báo, phân luồng giao thông",
	  "Sửa chữa xong đoạn đường sụt lún." },
	{ 2, 0, "Tranh chấp ranh giới đất giữa các hộ liền kề", "low",
	  "UBND phường Hòa Thịnh", "Tổ hòa giải khu phố", NULL, "2025-12-10",
	  "2025-12-15", "2026-01-20", "2026-02-26", "2026-03-16",
	  "Hòa giải tại cơ sở lần một",
	  "Các bên thống nhất ranh giới, ký biên bản hòa giải thành." },
	{ 9, 7, "Tụ điểm tín dụng đen gây bức xúc", "high",
	  "Công an huyện", "UBND xã Kỳ Phong", NULL, "2026-04-06",
	  "2026-04-07", "2026-04-21", "2026-05-29", NULL,
	  "Vận động người dân tố giác, tuyên truyền phòng ngừa",
	  "Triệt phá tụ điểm, khởi tố vụ án." },
	{ 10, 4, "Giá thu mua nông sản giảm mạnh", "medium",
	  "UBND xã Sơn Lâm", "Hội Nông dân xã", "Hợp tác xã nông nghiệp",
	  "2026-07-06", "2026-07-08", "2026-07-22", "2026-08-28", NULL,
	  "Kết nối doanh nghiệp bao tiêu sản phẩm",
	  "Ký hợp đồng bao tiêu với hai doanh nghiệp." },
	{ 3, 6, "Chậm chi trả trợ cấp cho người cao tuổi", "low",
	  "UBND phường Vĩnh Xuân", "Hội Người cao tuổi", NULL, "2026-08-03",
	  "2026-08-04", "2026-08-12", "2026-08-24", NULL,
	  "Rà soát danh sách, hướng dẫn mở tài khoản",
	  "Chi trả đủ, tổ chức điểm chi trả lưu động." },
	{ 4, 0, "Người dân tập trung phản đối phương án tái định cư", "high",
	  "UBND thành phố Long Giang", "Mặt trận Tổ quốc thành phố",
	  "Ban Dân vận Thành ủy", "2026-09-14", "2026-09-15", "2026-10-01",
	  "2026-10-30", NULL, "Đối thoại, giải thích chính sách",
	  "Bổ sung suất tái định cư, các hộ đồng thuận." },
	{ 5, 0, "Khiếu nại thu hồi đất dự án cụm công nghiệp", "high",
	  "UBND xã Mỹ Hòa Hưng", "Mặt trận Tổ quốc xã", NULL, "2026-10-19",
	  "2026-10-20", "2026-11-04", NULL, NULL,
	  "Kiểm tra hồ sơ thu hồi đất", NULL },
	{ 1, 0, "Kiến nghị về tiến độ chi trả tiền bồi thường", "medium",
	  "UBND phường Phú Giang", "Chi nhánh Trung tâm Phát triển quỹ đất",
	  NULL, "2026-11-02", "2026-11-03", "2026-11-10", NULL, NULL,
	  "Rà soát hồ sơ chi trả", NULL },
	{ 7, 1, "Cá chết hàng loạt trên kênh thủy lợi", "medium",
	  "Phòng Tài nguyên và Môi trường", "UBND phường Kỳ Liên", NULL,
	  "2026-10-26", "2026-10-27", "2026-11-05", NULL, NULL,
	  "Lấy mẫu nước, xác định nguồn thải", NULL },
	{ 0, 0, "Tập trung đông người tại trụ sở phường về giá đất", "high",
	  "UBND phường Mỹ Phước", NULL, NULL, "2026-11-18", NULL, NULL, NULL,
	  NULL, NULL, NULL },
	{ 6, 2, "Phản ánh thiếu thuốc tại trạm y tế", "low",
	  "Trung tâm Y tế huyện", NULL, NULL, "2026-11-20", NULL, NULL, NULL,
	  NULL, NULL, NULL },
};
#define N_SPOTS (sizeof(spots) / sizeof(spots[0]))

static int status(struct store_conn *c, const struct actor *a, int64_t id,
		  const char *to, const char *date, const char *note,
		  const char *resolution, struct err *e)
{
	json_t *body = json_pack("{s:s, s:s}", "status", to, "date", date),
	       *out = NULL;
	int rc;

	if (note)
		json_object_set_new(body, "note", json_string(note));
	if (resolution)
		json_object_set_new(body, "resolution", json_string(resolution));
	rc = hotspots_set_status(c, a, id, body, &out, e);
	json_decref(body);
	json_decref(out);
	return rc;
}

static int hotspots(struct store_conn *c, const struct actor *a,
		    const int64_t *units, const int64_t *topics, struct err *e)
{
	size_t i;

	for (i = 0; i < N_SPOTS; i++) {
		const struct demo_hs *s = &spots[i];
		json_t *body, *out = NULL, *partners = json_array();
		int64_t id;
		int rc;

		if (s->partner1)
			json_array_append_new(partners, json_string(s->partner1));
		if (s->partner2)
			json_array_append_new(partners, json_string(s->partner2));
		body = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:o}", "unit_id",
				 (json_int_t)units[s->commune], "topic_id",
				 (json_int_t)topics[s->topic], "title", s->title,
				 "opened_on", s->opened, "severity", s->severity,
				 "lead_agency", s->lead, "coordinating_units",
				 partners);
		rc = hotspots_create(c, a, body, &out, e);
		json_decref(body);
		if (rc < 0)
			return -1;
		id = json_integer_value(json_object_get(out, "id"));
		json_decref(out);
		if (s->handling &&
		    status(c, a, id, "handling", s->handling,
			   "Giao cơ quan chủ trì xử lý", NULL, e) < 0)
			return -1;
		if (s->action) {
			body = json_pack("{s:s, s:s}", "date", s->action, "note",
					 s->note);
			rc = hotspots_add_action(c, a, id, body, &out, e);
			json_decref(body);
			json_decref(out);
			if (rc < 0)
				return -1;
		}
		if (s->resolved &&
		    status(c, a, id, "resolved", s->resolved, NULL,
			   s->resolution, e) < 0)
			return -1;
		if (s->closed &&
		    status(c, a, id, "closed", s->closed,
			   "Kết thúc theo dõi", NULL, e) < 0)
			return -1;
	}
	return 0;
}

int demo_opinion_load(struct store_conn *c, struct err *e)
{
	struct opinion_filter f = { 0 };
	int64_t units[N_COMMUNES], topics[N_TOPICS];
	json_t *list;
	struct actor a;
	size_t i, k;
	json_t *t;
	int64_t total;

	demo_system_actor(&a);
	f.limit = 1;
	if (opinion_list(c, &a, &f, &list, e) < 0)
		return -1;
	total = json_integer_value(json_object_get(list, "total"));
	json_decref(list);
	if (total)
		return 0;
	for (i = 0; i < N_COMMUNES; i++)
		if (units_id_by_code(c, communes[i], &units[i], e) != 1)
			return err_internal(e, "demo commune");
	if (topics_list(c, &list, e) < 0)
		return -1;
	for (k = 0; k < N_TOPICS; k++) {
		topics[k] = 0;
		json_array_foreach(json_object_get(list, "items"), i, t)
			if (!strcmp(json_string_value(json_object_get(t, "code")),
				    topic_codes[k]))
				topics[k] = json_integer_value(
					json_object_get(t, "id"));
	}
	json_decref(list);
	for (k = 0; k < N_TOPICS; k++)
		if (!topics[k])
			return err_internal(e, "demo topic");
	if (store_begin(c, e) < 0)
		return -1;
	if (reports(c, &a, units, topics, e) < 0 ||
	    hotspots(c, &a, units, topics, e) < 0 || store_commit(c, e) < 0) {
		store_rollback(c);
		return -1;
	}
	return 0;
}
