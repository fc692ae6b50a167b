/*
 * The sentences of section I about the committee's own output (issue 9):
 * weekly press reports, publications and appraisals, worded from the
 * "press_reports", "publications" and "appraisals" groups of the roll-up
 * (publications.h, appraisals.h) in the style of the committees' own
 * reports:
 *   "Xây dựng 52 báo cáo công tác báo chí hàng tuần."
 *   "Biên soạn, biên tập 36 số Thông tin tổng hợp, 12 số Thông tin an
 *    ninh tư tưởng; phát hành 3.000 cuốn Sổ tay Sinh hoạt chi bộ/tháng;
 *    biên soạn cuốn sách “…”."
 *   "Tham gia ý kiến, thẩm định 73 văn bản, đề án do các ban, sở, ngành,
 *    cơ quan, đơn vị đề nghị (…); thời gian trả lời bình quân 4,5 ngày."
 * See report_text.h.
 */
#include "domain/report_text.h"
#include "domain/appraisals.h"
#include "base/buf.h"
#include "base/format.h"

#include <string.h>

static int64_t iget(json_t *o, const char *name)
{
	json_t *v = json_object_get(o, name);

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

static void press(struct buf *b, json_t *p)
{
	int64_t n = iget(p, "submitted");

	if (n <= 0)
		return;
	buf_adds(b, "Xây dựng ");
	report_text_count(b, n);
	buf_adds(b, " báo cáo công tác báo chí hàng tuần.");
}

/* "36 số Thông tin tổng hợp, 12 số …" for the series of `kind`; the
 * number of series worded. */
static int issues_of(struct buf *b, json_t *series, const char *kind, int n)
{
	json_t *s;
	size_t i;

	json_array_foreach(series, i, s) {
		if (strcmp(sget(s, "kind"), kind) || iget(s, "issues") <= 0)
			continue;
		buf_adds(b, n++ ? ", " : "");
		report_text_count(b, iget(s, "issues"));
		buf_addf(b, " số %s", sget(s, "series"));
	}
	return n;
}

static void publications(struct buf *b, json_t *p)
{
	json_t *series = json_object_get(p, "series"), *s;
	json_t *books = json_object_get(p, "books");
	int64_t nbooks = iget(json_object_get(p, "book"), "issues");
	struct buf part = BUF_INIT;
	size_t i;
	int parts = 0, n;

	n = issues_of(&part, series, "bulletin", 0);
	n = issues_of(&part, series, "thematic", n);
	if (n) {
		buf_addf(b, "Biên soạn, biên tập %s", part.ptr);
		parts++;
	}
	json_array_foreach(series, i, s) {
		int64_t copies = iget(s, "copies"), per = iget(s, "copies_per_issue");

		if (strcmp(sget(s, "kind"), "handbook") || iget(s, "issues") <= 0)
			continue;
		buf_adds(b, parts++ ? "; phát hành " : "Phát hành ");
		if (json_is_true(json_object_get(s, "monthly")) && per > 0) {
			report_text_count(b, per);
			buf_addf(b, " cuốn %s/tháng", sget(s, "series"));
		} else if (copies > 0) {
			report_text_count(b, copies);
			buf_addf(b, " cuốn %s (", sget(s, "series"));
			report_text_count(b, iget(s, "issues"));
			buf_adds(b, " số)");
		} else {
			report_text_count(b, iget(s, "issues"));
			buf_addf(b, " số %s", sget(s, "series"));
		}
	}
	if (nbooks > 0) {
		buf_adds(b, parts++ ? "; biên soạn " : "Biên soạn ");
		if (nbooks == 1) {
			buf_adds(b, "cuốn sách");
		} else {
			report_text_count(b, nbooks);
			buf_adds(b, " đầu sách");
		}
		json_array_foreach(books, i, s) {
			const char *t = sget(s, "title");

			if (i == 3)
				break;
			buf_addf(b, "%s“%s”", i ? ", " : " ",
				 *t ? t : sget(s, "series"));
		}
		if ((int64_t)json_array_size(books) < nbooks ||
		    json_array_size(books) > 3)
			buf_adds(b, "…");
	}
	if (parts)
		buf_addch(b, '.');
	buf_release(&part);
}

static void appraisals(struct buf *b, json_t *ap)
{
	json_t *all = json_object_get(ap, "all");
	int64_t done = iget(all, "answered"), pending = iget(all, "pending"),
		days = iget(all, "days_total"),
		comment = iget(json_object_get(ap, "comment"), "answered"),
		appraisal = iget(json_object_get(ap, "appraisal"), "answered");

	if (done <= 0 && pending <= 0)
		return;
	if (done > 0) {
		buf_adds(b, "Tham gia ý kiến, thẩm định ");
		report_text_count(b, done);
		buf_adds(b, " văn bản, đề án do các ban, sở, ngành, cơ quan,"
			    " đơn vị đề nghị");
		if (comment > 0 && appraisal > 0) {
			buf_adds(b, " (tham gia ý kiến ");
			report_text_count(b, comment);
			buf_adds(b, ", thẩm định ");
			report_text_count(b, appraisal);
			buf_addch(b, ')');
		}
		buf_adds(b, "; thời gian trả lời bình quân ");
		appraisals_avg_text(b, days, done);
		buf_adds(b, " ngày");
		if (pending > 0) {
			buf_adds(b, "; còn ");
			report_text_count(b, pending);
			buf_adds(b, " văn bản đang nghiên cứu, cho ý kiến");
		}
	} else {
		buf_adds(b, "Đang nghiên cứu, cho ý kiến ");
		report_text_count(b, pending);
		buf_adds(b, " văn bản, đề án do các cơ quan, đơn vị đề nghị");
	}
	buf_addch(b, '.');
}

void report_text_output(json_t *list, json_t *totals)
{
	struct buf b = BUF_INIT;

	press(&b, json_object_get(totals, "press_reports"));
	push(list, &b);
	publications(&b, json_object_get(totals, "publications"));
	push(list, &b);
	appraisals(&b, json_object_get(totals, "appraisals"));
	push(list, &b);
	buf_release(&b);
}
