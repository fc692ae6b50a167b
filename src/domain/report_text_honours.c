/*
 * The sentences of section I about Party-history projects, commendations
 * and the units' own channels (issue 9), from the roll-up's "history",
 * "commendations" and "outreach" (honours_rollup.h), in the wording the
 * committees publish:
 *
 *   "Đã chỉ đạo biên soạn và xuất bản lịch sử đảng bộ xã Kỳ Hoa, phường
 *    Kỳ Liên; đang chỉ đạo biên soạn lịch sử đảng bộ xã Kỳ Nam."
 *   "100% các đảng bộ phường, xã đã xuất bản lịch sử Đảng của đơn vị; một
 *    số đơn vị đã tái bản như phường Mỹ Phước, Phú Giang, Hòa Thịnh."
 *   "Toàn đảng bộ có 125 tập thể, 91 cá nhân được biểu dương, khen
 *    thưởng."
 *   "Tuyên truyền trên 12 trang, kênh thông tin chính thức của các đơn vị
 *    với 2.400 lượt tin bài, có 395.580 lượt chia sẻ và theo dõi."
 *
 * Groups with nothing to say are left out. See report_text.h.
 */
#include "domain/report_text.h"
#include "base/buf.h"
#include "base/format.h"

#include <string.h>

static int64_t num(json_t *o, const char *name)
{
	json_t *v = json_object_get(o, name);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

static void push(json_t *list, struct buf *b)
{
	if (b->len)
		json_array_append_new(list, json_string(b->ptr));
	buf_reset(b);
}

#define DANG_BO "Đảng bộ "

/*
 * The organisations of `names` (unit names, "Đảng ủy xã Kỳ Hoa") as a
 * Party report lists them after "lịch sử": "đảng bộ xã Kỳ Hoa, phường Kỳ
 * Liên", the word "đảng bộ" once, and a repeated kind of locality once
 * ("phường Mỹ Phước, Phú Giang"). `lead` says whether "đảng bộ" is
 * written.
 */
static void organisations(struct buf *b, json_t *names, int lead)
{
	struct buf one = BUF_INIT;
	char prev[32] = "";
	json_t *v;
	size_t i;

	json_array_foreach(names, i, v) {
		const char *s, *sp;
		size_t kind;

		buf_reset(&one);
		report_text_committee(&one, json_string_value(v));
		s = one.ptr;
		if (i)
			buf_adds(b, ", ");
		if (!strncmp(s, DANG_BO, strlen(DANG_BO))) {
			s += strlen(DANG_BO);
			if (!i && lead)
				buf_adds(b, "đảng bộ ");
		} else if (!i && (*s >= 'A' && *s <= 'Z')) {
			buf_addch(b, (char)(*s + 32));
			s++;
		}
		sp = strchr(s, ' ');
		kind = sp ? (size_t)(sp - s) : 0;
		if (kind && kind < sizeof(prev) && strlen(prev) == kind &&
		    !strncmp(prev, s, kind)) {
			s = sp + 1;
		} else if (kind < sizeof(prev)) {
			memcpy(prev, s, kind);
			prev[kind] = '\0';
		}
		buf_adds(b, s);
	}
	buf_release(&one);
}

static void history(json_t *list, struct buf *b, json_t *h)
{
	json_t *pub = json_object_get(h, "published_units"),
	       *comp = json_object_get(h, "compiling_units"),
	       *rep = json_object_get(h, "reprinted_units"),
	       *g = json_object_get(h, "grassroots");
	int64_t n = num(g, "numerator"), d = num(g, "denominator");

	if (json_array_size(pub)) {
		buf_adds(b, "Đã chỉ đạo biên soạn và xuất bản lịch sử ");
		organisations(b, pub, 1);
	}
	if (json_array_size(comp)) {
		buf_adds(b, b->len ? "; đang chỉ đạo biên soạn lịch sử "
				   : "Đang chỉ đạo biên soạn lịch sử ");
		organisations(b, comp, 1);
	}
	if (b->len)
		buf_addch(b, '.');
	push(list, b);
	if (d > 0 && n > 0) {
		if (n == d) {
			buf_adds(b, "100% các đảng bộ phường, xã đã xuất bản"
				    " lịch sử Đảng của đơn vị");
		} else {
			buf_adds(b, "Có ");
			report_text_count(b, n);
			buf_addch(b, '/');
			report_text_count(b, d);
			buf_adds(b, " đảng bộ phường, xã đã xuất bản lịch sử"
				    " Đảng của đơn vị, đạt ");
			format_rate(b, n, d, 0);
		}
		if (json_array_size(rep)) {
			buf_adds(b, "; một số đơn vị đã tái bản như ");
			organisations(b, rep, 0);
		}
		buf_addch(b, '.');
	} else if (json_array_size(rep)) {
		buf_adds(b, "Tái bản lịch sử ");
		organisations(b, rep, 1);
		buf_addch(b, '.');
	}
	push(list, b);
}

static void commendations(json_t *list, struct buf *b, json_t *c)
{
	int64_t col = num(c, "collective"), ind = num(c, "individual");

	if (col <= 0 && ind <= 0)
		return;
	buf_adds(b, "Toàn đảng bộ có ");
	if (col > 0) {
		report_text_count(b, col);
		buf_adds(b, " tập thể");
	}
	if (ind > 0) {
		if (col > 0)
			buf_adds(b, ", ");
		report_text_count(b, ind);
		buf_adds(b, " cá nhân");
	}
	buf_adds(b, " được biểu dương, khen thưởng.");
	push(list, b);
}

static void outreach(json_t *list, struct buf *b, json_t *o)
{
	int64_t posts = num(o, "posts"), reach = num(o, "shares_and_followers"),
		channels = num(o, "channels");

	if (posts <= 0 && reach <= 0)
		return;
	buf_adds(b, "Tuyên truyền trên ");
	report_text_count(b, channels);
	buf_adds(b, " trang, kênh thông tin chính thức của các đơn vị với ");
	report_text_count(b, posts);
	buf_adds(b, " lượt tin bài");
	if (reach > 0) {
		buf_adds(b, ", có ");
		report_text_count(b, reach);
		buf_adds(b, " lượt chia sẻ và theo dõi");
	}
	buf_addch(b, '.');
	push(list, b);
}

void report_text_honours(json_t *list, json_t *totals)
{
	struct buf b = BUF_INIT;

	history(list, &b, json_object_get(totals, "history"));
	commendations(list, &b, json_object_get(totals, "commendations"));
	outreach(list, &b, json_object_get(totals, "outreach"));
	buf_release(&b);
}
