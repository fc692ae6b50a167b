/*
 * Vietnamese sentences of periodic reports; see report_text.h.
 */
#include "domain/report_text.h"
#include "base/buf.h"
#include "base/format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int report_text_count(struct buf *out, int64_t n)
{
	if (n >= 0 && n < 10)
		return buf_addf(out, "%02d", (int)n);
	return format_int(out, n);
}

const char *report_text_kind_name(const char *kind)
{
	static const char *const names[][2] = {
	    {"week", "tuần"},	 {"month", "tháng"},	     {"quarter", "quý"},
	    {"half", "6 tháng"}, {"nine_months", "9 tháng"}, {"year", "năm"},
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (kind && !strcmp(kind, names[i][0]))
			return names[i][1];
	return kind ? kind : "";
}

int report_text_period(struct buf *out, const char *key)
{
	static const char *const roman[] = {"I", "II", "III", "IV"};
	int y, n;
	char c, extra;

	if (!key)
		return 0;
	if (sscanf(key, "%4d-H%d%c", &y, &n, &extra) == 2 && (n == 1 || n == 2))
		return buf_addf(out, "6 tháng %s năm %d",
				n == 1 ? "đầu" : "cuối", y);
	if (sscanf(key, "%4d-Q%d%c", &y, &n, &extra) == 2 && n >= 1 && n <= 4)
		return buf_addf(out, "quý %s năm %d", roman[n - 1], y);
	if (sscanf(key, "%4d-9%c%c", &y, &c, &extra) == 2 && c == 'M')
		return buf_addf(out, "9 tháng đầu năm %d", y);
	if (sscanf(key, "%4d-W%d%c", &y, &n, &extra) == 2)
		return buf_addf(out, "tuần %d năm %d", n, y);
	if (strlen(key) == 7 && sscanf(key, "%4d-%2d%c", &y, &n, &extra) == 2)
		return buf_addf(out, "tháng %d năm %d", n, y);
	if (strlen(key) == 4 && sscanf(key, "%4d%c", &y, &extra) == 1)
		return buf_addf(out, "năm %d", y);
	return buf_adds(out, key);
}

int report_text_place_date(struct buf *out, const char *place,
			   const char *iso_date)
{
	int y, m, d;

	if (place && *place && buf_addf(out, "%s, ", place) < 0)
		return -1;
	if (date_parse_iso(iso_date, &y, &m, &d) < 0)
		return buf_adds(out, "ngày … tháng … năm …");
	return format_date_long(out, y, m, d);
}

/* Decode one UTF-8 sequence at *p (valid input assumed; a stray byte is
 * taken as itself). */
static unsigned decode(const unsigned char **p)
{
	const unsigned char *s = *p;
	unsigned cp;

	if (s[0] < 0x80) {
		*p += 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0 && s[1]) {
		*p += 2;
		return ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
	}
	if ((s[0] & 0xF0) == 0xE0 && s[1] && s[2]) {
		*p += 3;
		return ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) |
		       (s[2] & 0x3Fu);
	}
	if ((s[0] & 0xF8) == 0xF0 && s[1] && s[2] && s[3]) {
		*p += 4;
		cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
		     ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
		return cp;
	}
	*p += 1;
	return s[0];
}

static int encode(struct buf *out, unsigned cp)
{
	char b[4];

	if (cp < 0x80)
		return buf_addch(out, (char)cp);
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		return buf_add(out, b, 2);
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		return buf_add(out, b, 3);
	}
	b[0] = (char)(0xF0 | (cp >> 18));
	b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (char)(0x80 | (cp & 0x3F));
	return buf_add(out, b, 4);
}

/* The uppercase of the letters Vietnamese uses. */
static unsigned upper(unsigned cp)
{
	if (cp >= 'a' && cp <= 'z')
		return cp - 32;
	if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)
		return cp - 0x20;
	if (cp == 0x103 || cp == 0x111 || cp == 0x129 || cp == 0x169 ||
	    cp == 0x1A1)
		return cp - 1;
	if (cp == 0x1B0)
		return 0x1AF;
	if (cp >= 0x1EA0 && cp <= 0x1EF9 && (cp & 1))
		return cp - 1;
	return cp;
}

int report_text_upper(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	while (*p)
		if (encode(out, upper(decode(&p))) < 0)
			return -1;
	return 0;
}

int report_text_committee(struct buf *out, const char *name)
{
	static const char *const map[][2] = {
	    {"Tỉnh ủy ", "Đảng bộ tỉnh "},  {"Thành ủy ", "Đảng bộ thành phố "},
	    {"Thị ủy ", "Đảng bộ thị xã "}, {"Huyện ủy ", "Đảng bộ huyện "},
	    {"Quận ủy ", "Đảng bộ quận "},  {"Đảng ủy ", "Đảng bộ "},
	};
	size_t i, n;

	for (i = 0; name && i < sizeof(map) / sizeof(map[0]); i++) {
		n = strlen(map[i][0]);
		if (!strncmp(name, map[i][0], n))
			return buf_addf(out, "%s%s", map[i][1], name + n);
	}
	return buf_adds(out, name ? name : "");
}

/* --- sentences ---------------------------------------------------------- */

static int64_t iget(json_t *o, const char *path1, const char *path2)
{
	json_t *v = json_object_get(o, path1);

	if (path2)
		v = json_object_get(v, path2);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

static const char *sget(json_t *o, const char *name)
{
	const char *s = json_string_value(json_object_get(o, name));

	return s ? s : "";
}

static void push(json_t *list, struct buf *b)
{
	if (b->len)
		json_array_append_new(list, json_string(b->ptr));
	buf_reset(b);
}

/* ", với 8.196/8.272 đảng viên tham dự, đạt 99%" when the rate exists. */
static void members(struct buf *b, json_t *rate, const char *verb)
{
	if (iget(rate, "denominator", NULL) <= 0)
		return;
	buf_addf(b, ", với %s đảng viên %s, đạt %s", sget(rate, "ratio_text"),
		 verb, sget(rate, "rounded_text"));
}

static void activity(struct buf *b, json_t *acts, const char *kind,
		     const char *what, const char *verb, int say_none)
{
	json_t *k = json_object_get(acts, kind);
	int64_t n = iget(k, "count", NULL), nm = iget(k, "non_members", NULL);

	if (n <= 0) {
		if (say_none)
			buf_addf(b, "Trong kỳ, chưa tổ chức %s.", what);
		return;
	}
	buf_adds(b, "Đã tổ chức ");
	report_text_count(b, n);
	buf_addf(b, " %s", what);
	members(b, json_object_get(k, "members"), verb);
	if (nm > 0) {
		buf_adds(b, "; có ");
		report_text_count(b, nm);
		buf_adds(b, " lượt quần chúng tham dự");
	}
	buf_addch(b, '.');
}

static void classes(struct buf *b, json_t *cls)
{
	static const char *const kinds[][2] = {
	    {"new_members", "bồi dưỡng lý luận chính trị cho đảng viên mới"},
	    {"prospective", "bồi dưỡng nhận thức về Đảng"},
	    {"elementary", "sơ cấp lý luận chính trị"},
	    {"thematic", "bồi dưỡng chuyên đề"},
	    {"refresher", "bồi dưỡng, cập nhật kiến thức"},
	};
	json_t *all = json_object_get(cls, "all");
	int64_t n = iget(all, "count", NULL), en = iget(all, "enrolled", NULL),
		done = iget(all, "completed", NULL);
	size_t i;
	int parts = 0;

	if (n <= 0)
		return;
	buf_adds(b, "Phối hợp mở ");
	report_text_count(b, n);
	buf_adds(b, " lớp bồi dưỡng, học tập lý luận chính trị");
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		int64_t k =
		    iget(json_object_get(cls, kinds[i][0]), "count", NULL);

		if (k <= 0 || k == n)
			continue;
		buf_adds(b, parts++ ? ", " : " (gồm ");
		report_text_count(b, k);
		buf_addf(b, " lớp %s", kinds[i][1]);
	}
	if (parts)
		buf_addch(b, ')');
	if (en > 0) {
		buf_adds(b, " cho ");
		report_text_count(b, en);
		buf_adds(b, " học viên");
		if (done > 0) {
			buf_adds(b, "; ");
			report_text_count(b, done);
			buf_adds(b, " học viên hoàn thành chương trình, đạt ");
			format_rate(b, done, en, 0);
		}
	}
	buf_addch(b, '.');
}

static void reporters(struct buf *b, json_t *t)
{
	json_t *rc = json_object_get(t, "reporter_conferences");
	int64_t n = iget(rc, "count", NULL),
		present = iget(rc, "reporters_present", NULL),
		aud = iget(rc, "audience", NULL),
		team = iget(t, "reporters", "count");

	if (!rc && !team)
		return;
	if (n <= 0) {
		buf_adds(b, "Trong kỳ, chưa tổ chức hội nghị báo cáo viên.");
	} else {
		buf_adds(b, "Tổ chức ");
		report_text_count(b, n);
		buf_adds(b, " hội nghị báo cáo viên");
		if (present > 0) {
			buf_adds(b, ", với ");
			report_text_count(b, present);
			buf_adds(b, " lượt báo cáo viên tham dự");
		}
		if (aud > 0) {
			buf_adds(b, ", thông tin đến ");
			report_text_count(b, aud);
			buf_adds(b, " lượt người nghe");
		}
		buf_addch(b, '.');
	}
	if (team > 0) {
		buf_adds(b, " Đội ngũ báo cáo viên hiện có ");
		report_text_count(b, team);
		buf_adds(b, " đồng chí.");
	}
}

static void indicators(json_t *list, struct buf *b, json_t *inds)
{
	json_t *it;
	size_t i;

	json_array_foreach(inds, i, it)
	{
		json_t *v = json_object_get(it, "value");

		if (iget(v, "denominator", NULL) <= 0)
			continue;
		buf_addf(b, "Chỉ tiêu “%s”: đạt %s, tỷ lệ %s.",
			 sget(it, "name"), sget(v, "ratio_text"),
			 sget(v, "rate_text"));
		push(list, b);
	}
}

/* The lowercase of the first letter of `s` (document type names are
 * capitalised in the table: "Kế hoạch" -> "kế hoạch"). */
static void lower_first(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;

	if (!*p)
		return;
	cp = decode(&p);
	if (cp >= 'A' && cp <= 'Z')
		cp += 32;
	else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		cp += 0x20;
	else if (cp == 0x102 || cp == 0x110 || cp == 0x128 || cp == 0x168 ||
		 cp == 0x1A0)
		cp += 1;
	else if (cp == 0x1AF)
		cp = 0x1B0;
	else if (cp >= 0x1EA0 && cp <= 0x1EF8 && !(cp & 1))
		cp += 1;
	encode(b, cp);
	buf_adds(b, (const char *)p);
}

/* Documents issued by type and received (reports.c adds them). */
static void documents(struct buf *b, json_t *d)
{
	int64_t n = iget(d, "issued", NULL), in = iget(d, "received", NULL);
	json_t *types = json_object_get(d, "by_type"), *tp;
	size_t i;

	if (n > 0) {
		buf_adds(b, "Tham mưu ban hành ");
		report_text_count(b, n);
		buf_adds(b, " văn bản");
		if (json_array_size(types) > 1 ||
		    (json_array_size(types) == 1 &&
		     iget(json_array_get(types, 0), "count", NULL) != n)) {
			buf_adds(b, " (gồm ");
			json_array_foreach(types, i, tp)
			{
				if (i)
					buf_adds(b, ", ");
				report_text_count(b, iget(tp, "count", NULL));
				buf_addch(b, ' ');
				lower_first(b, sget(tp, "name"));
			}
			buf_addch(b, ')');
		} else if (json_array_size(types) == 1) {
			buf_adds(b, " (");
			lower_first(b, sget(json_array_get(types, 0), "name"));
			buf_addch(b, ')');
		}
		if (in > 0) {
			buf_adds(b, "; tiếp nhận, xử lý ");
			report_text_count(b, in);
			buf_adds(b, " văn bản đến");
		}
		buf_addch(b, '.');
	} else if (in > 0) {
		buf_adds(b, "Tiếp nhận, xử lý ");
		report_text_count(b, in);
		buf_adds(b, " văn bản đến.");
	}
}

/* Task assignments done in the period and overdue at its end. */
static void tasks(struct buf *b, json_t *t)
{
	int64_t done = iget(t, "done", NULL),
		on = iget(t, "done_on_time", NULL),
		late = iget(t, "overdue", NULL);

	if (done > 0) {
		buf_adds(b, "Hoàn thành ");
		report_text_count(b, done);
		buf_adds(b, " lượt nhiệm vụ được giao");
		if (on == done)
			buf_adds(b, ", tất cả đúng hạn");
		else if (on > 0) {
			buf_adds(b, " (");
			report_text_count(b, on);
			buf_adds(b, " lượt đúng hạn)");
		}
		if (late > 0) {
			buf_adds(b, "; còn ");
			report_text_count(b, late);
			buf_adds(b, " lượt nhiệm vụ quá hạn chưa hoàn thành");
		}
		buf_addch(b, '.');
	} else if (late > 0) {
		buf_adds(b, "Còn ");
		report_text_count(b, late);
		buf_adds(b, " lượt nhiệm vụ quá hạn chưa hoàn thành.");
	}
}

/* Opinion reports by topic, when the roll-up carries them (opinion.h):
 * the count and the three topics with the most reports. */
static void opinion(struct buf *b, json_t *op)
{
	int64_t n = iget(op, "reports", NULL);
	json_t *topics = json_object_get(op, "topics"), *tp;
	size_t i, nt = json_array_size(topics);

	if (n <= 0)
		return;
	buf_adds(b, "Nắm bắt, tổng hợp ");
	report_text_count(b, n);
	buf_adds(b, " báo cáo tình hình dư luận xã hội");
	if (nt) {
		buf_adds(b, " về ");
		report_text_count(b, (int64_t)nt);
		buf_adds(b, " chủ đề, nổi bật là: ");
		json_array_foreach(topics, i, tp)
		{
			if (i == 3)
				break;
			if (i)
				buf_adds(b, "; ");
			buf_addf(b, "%s (", sget(tp, "name"));
			report_text_count(b, iget(tp, "reports", NULL));
			buf_adds(b, " báo cáo)");
		}
	}
	buf_addch(b, '.');
}

/* Hot spots opened, resolved and still open in the period. */
static void hotspots(struct buf *b, json_t *hs)
{
	int64_t opened = iget(hs, "opened", NULL),
		resolved = iget(hs, "resolved", NULL),
		open = iget(hs, "open", NULL);

	if (opened > 0) {
		buf_adds(b, "Phát sinh ");
		report_text_count(b, opened);
		buf_adds(b, " điểm nóng, vụ việc");
		if (resolved > 0) {
			buf_adds(b, "; đã giải quyết ");
			report_text_count(b, resolved);
		}
		if (open > 0) {
			buf_adds(b, "; còn ");
			report_text_count(b, open);
			buf_adds(b, " vụ việc đang theo dõi, xử lý");
		}
		buf_addch(b, '.');
	} else if (resolved > 0 || open > 0) {
		buf_adds(b, "Không phát sinh điểm nóng mới");
		if (resolved > 0) {
			buf_adds(b, "; đã giải quyết ");
			report_text_count(b, resolved);
			buf_adds(b, " vụ việc");
		}
		if (open > 0) {
			buf_adds(b, "; còn ");
			report_text_count(b, open);
			buf_adds(b, " vụ việc đang theo dõi, xử lý");
		}
		buf_addch(b, '.');
	}
}

json_t *report_text_results(json_t *t)
{
	json_t *list = json_array(), *acts = json_object_get(t, "activities");
	struct buf b = BUF_INIT;

	documents(&b, json_object_get(t, "documents"));
	push(list, &b);
	tasks(&b, json_object_get(t, "tasks"));
	push(list, &b);
	report_text_output(list, t);
	activity(&b, acts, "study",
		 "hội nghị học tập, quán triệt, triển khai các nghị quyết, chỉ"
		 " thị của Đảng",
		 "tham dự", 1);
	push(list, &b);
	activity(&b, acts, "political",
		 "hoạt động chính trị, kỷ niệm các ngày lễ lớn", "tham gia", 0);
	push(list, &b);
	activity(&b, acts, "flag_salute", "buổi chào cờ, sinh hoạt dưới cờ",
		 "tham gia", 0);
	push(list, &b);
	activity(&b, acts, "seminar", "hội thảo, tọa đàm", "tham dự", 0);
	push(list, &b);
	reporters(&b, t);
	push(list, &b);
	classes(&b, json_object_get(t, "classes"));
	push(list, &b);
	indicators(list, &b, json_object_get(t, "indicators"));
	opinion(&b, json_object_get(t, "opinion"));
	push(list, &b);
	hotspots(&b, json_object_get(t, "hotspots"));
	push(list, &b);
	report_text_honours(list, t);
	buf_release(&b);
	return list;
}
