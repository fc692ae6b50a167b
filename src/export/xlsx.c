/*
 * XLSX annex; see xlsx.h.
 */
#include "export/xlsx.h"
#include "base/buf.h"
#include "base/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* A column: an integer at figures[a][b][c] (NULL ends the path), or a rate
 * of two earlier columns (num, den: 0-based column indexes). */
struct col {
	const char *head;
	const char *a, *b, *c;
	int num, den; /* rate when den > 0 */
};

struct fmts {
	lxw_format *head, *text, *num, *pct, *bold_num, *bold_pct, *bold;
};

static int64_t fig_int(json_t *f, const struct col *c)
{
	json_t *v = json_object_get(f, c->a);

	if (c->b)
		v = json_object_get(v, c->b);
	if (c->c)
		v = json_object_get(v, c->c);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

static void row(lxw_worksheet *ws, int r, const char *name, json_t *f,
		const struct col *cols, int n, const struct fmts *fm,
		double *vals)
{
	int k;

	worksheet_write_number(ws, (lxw_row_t)r, 0, r, fm->num);
	worksheet_write_string(ws, (lxw_row_t)r, 1, name, fm->text);
	for (k = 0; k < n; k++) {
		if (cols[k].den) {
			double d = vals[cols[k].den];

			if (d > 0)
				worksheet_write_number(
				    ws, (lxw_row_t)r, (lxw_col_t)(k + 2),
				    vals[cols[k].num] / d, fm->pct);
			else
				worksheet_write_blank(ws, (lxw_row_t)r,
						      (lxw_col_t)(k + 2),
						      fm->pct);
			continue;
		}
		vals[k] = (double)fig_int(f, &cols[k]);
		worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)(k + 2),
				       vals[k], fm->num);
	}
}

static void col_name(int col, char out[4])
{
	if (col < 26) {
		out[0] = (char)('A' + col);
		out[1] = '\0';
	} else {
		out[0] = (char)('A' + col / 26 - 1);
		out[1] = (char)('A' + col % 26);
		out[2] = '\0';
	}
}

static void sheet(lxw_workbook *wb, const struct fmts *fm, const char *title,
		  json_t *fig, const struct col *cols, int n)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, title);
	json_t *ch;
	double vals[16], sums[16] = {0};
	char a[4], c2[4], formula[96];
	size_t i;
	int r = 1, k, last;

	worksheet_write_string(ws, 0, 0, "STT", fm->head);
	worksheet_write_string(ws, 0, 1, "Đơn vị", fm->head);
	worksheet_set_column(ws, 0, 0, 5, NULL);
	worksheet_set_column(ws, 1, 1, 40, NULL);
	for (k = 0; k < n; k++) {
		worksheet_write_string(ws, 0, (lxw_col_t)(k + 2), cols[k].head,
				       fm->head);
		worksheet_set_column(ws, (lxw_col_t)(k + 2), (lxw_col_t)(k + 2),
				     16, NULL);
	}
	worksheet_set_row(ws, 0, 45, NULL);
	worksheet_freeze_panes(ws, 1, 0);
	json_array_foreach(json_object_get(fig, "children"), i, ch)
	{
		row(ws, r++,
		    json_get_str(json_object_get(ch, "unit"), "name", ""),
		    json_object_get(ch, "figures"), cols, n, fm, vals);
		for (k = 0; k < n; k++)
			if (!cols[k].den)
				sums[k] += vals[k];
	}
	row(ws, r++, "Cấp ủy trực tiếp", json_object_get(fig, "own"), cols, n,
	    fm, vals);
	for (k = 0; k < n; k++)
		if (!cols[k].den)
			sums[k] += vals[k];
	last = r; /* 1-based number of the last data row */
	worksheet_write_blank(ws, (lxw_row_t)r, 0, fm->bold);
	worksheet_write_string(ws, (lxw_row_t)r, 1, "Tổng cộng", fm->bold);
	for (k = 0; k < n; k++) {
		col_name(k + 2, a);
		if (cols[k].den) {
			col_name(cols[k].num + 2, c2);
			col_name(cols[k].den + 2, a);
			snprintf(formula, sizeof(formula),
				 "=IF(%s%d=0,\"\",%s%d/%s%d)", a, r + 1, c2,
				 r + 1, a, r + 1);
			worksheet_write_formula_num(
			    ws, (lxw_row_t)r, (lxw_col_t)(k + 2), formula,
			    fm->bold_pct,
			    sums[cols[k].den] > 0
				? sums[cols[k].num] / sums[cols[k].den]
				: 0);
			continue;
		}
		snprintf(formula, sizeof(formula), "=SUM(%s2:%s%d)", a, a,
			 last);
		worksheet_write_formula_num(ws, (lxw_row_t)r,
					    (lxw_col_t)(k + 2), formula,
					    fm->bold_num, sums[k]);
	}
}

static void indicators(lxw_workbook *wb, const struct fmts *fm, json_t *fig)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Chỉ tiêu");
	static const char *const head[] = {
	    "STT", "Mã", "Chỉ tiêu", "Số lượt báo cáo", "Đạt", "Tổng", "Tỷ lệ"};
	json_t *it;
	size_t i;
	int k;

	for (k = 0; k < 7; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, head[k], fm->head);
	worksheet_set_column(ws, 2, 2, 50, NULL);
	worksheet_set_column(ws, 3, 6, 14, NULL);
	worksheet_freeze_panes(ws, 1, 0);
	json_array_foreach(
	    json_object_get(json_object_get(fig, "totals"), "indicators"), i,
	    it)
	{
		json_t *v = json_object_get(it, "value");
		lxw_row_t r = (lxw_row_t)(i + 1);
		double num =
		    (double)json_integer_value(json_object_get(v, "numerator"));
		double den = (double)json_integer_value(
		    json_object_get(v, "denominator"));

		worksheet_write_number(ws, r, 0, (double)(i + 1), fm->num);
		worksheet_write_string(ws, r, 1, json_get_str(it, "code", ""),
				       fm->text);
		worksheet_write_string(ws, r, 2, json_get_str(it, "name", ""),
				       fm->text);
		worksheet_write_number(
		    ws, r, 3,
		    (double)json_integer_value(json_object_get(it, "entries")),
		    fm->num);
		worksheet_write_number(ws, r, 4, num, fm->num);
		worksheet_write_number(ws, r, 5, den, fm->num);
		if (den > 0)
			worksheet_write_number(ws, r, 6, num / den, fm->pct);
	}
}

/* Documents issued by type and received, and task assignments, for the
 * whole subtree (reports.c adds them to the totals only). */
static void work(lxw_workbook *wb, const struct fmts *fm, json_t *fig)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Văn bản, nhiệm vụ");
	json_t *tot = json_object_get(fig, "totals");
	json_t *docs = json_object_get(tot, "documents");
	json_t *tasks = json_object_get(tot, "tasks"), *tp;
	static const char *const tlabels[][2] = {
	    {"done", "Lượt nhiệm vụ hoàn thành trong kỳ"},
	    {"done_on_time", "Trong đó hoàn thành đúng hạn"},
	    {"overdue", "Lượt nhiệm vụ quá hạn chưa hoàn thành (cuối kỳ)"},
	    {"due", "Lượt nhiệm vụ đến hạn trong kỳ"},
	};
	size_t i;
	lxw_row_t r = 1, first;

	worksheet_write_string(ws, 0, 0, "Nội dung", fm->head);
	worksheet_write_string(ws, 0, 1, "Số lượng", fm->head);
	worksheet_set_column(ws, 0, 0, 55, NULL);
	worksheet_set_column(ws, 1, 1, 14, NULL);
	worksheet_freeze_panes(ws, 1, 0);
	first = r;
	json_array_foreach(json_object_get(docs, "by_type"), i, tp)
	{
		char label[160];

		snprintf(label, sizeof(label), "Văn bản ban hành: %s",
			 json_get_str(tp, "name", ""));
		worksheet_write_string(ws, r, 0, label, fm->text);
		worksheet_write_number(
		    ws, r++, 1,
		    (double)json_integer_value(json_object_get(tp, "count")),
		    fm->num);
	}
	worksheet_write_string(ws, r, 0, "Tổng số văn bản ban hành", fm->bold);
	if (r > first) {
		char formula[48];

		snprintf(formula, sizeof(formula), "=SUM(B%u:B%u)",
			 (unsigned)first + 1, (unsigned)r);
		worksheet_write_formula_num(
		    ws, r, 1, formula, fm->bold_num,
		    (double)json_integer_value(
			json_object_get(docs, "issued")));
	} else {
		worksheet_write_number(ws, r, 1, 0, fm->bold_num);
	}
	r++;
	worksheet_write_string(ws, r, 0, "Văn bản đến", fm->text);
	worksheet_write_number(
	    ws, r++, 1,
	    (double)json_integer_value(json_object_get(docs, "received")),
	    fm->num);
	for (i = 0; i < sizeof(tlabels) / sizeof(tlabels[0]); i++) {
		worksheet_write_string(ws, r, 0, tlabels[i][1], fm->text);
		worksheet_write_number(
		    ws, r++, 1,
		    (double)json_integer_value(
			json_object_get(tasks, tlabels[i][0])),
		    fm->num);
	}
}

static int slurp(const char *path, struct buf *out)
{
	char chunk[8192];
	size_t n;
	FILE *f = fopen(path, "rb");
	int rc = 0;

	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(out, chunk, n) < 0) {
			rc = -1;
			break;
		}
	if (ferror(f))
		rc = -1;
	fclose(f);
	return rc;
}

int export_xlsx(json_t *r, struct buf *out, struct err *e)
{
	static const struct col act[] = {
	    {"Số hội nghị", "count", NULL, NULL, 0, 0},
	    {"Đảng viên tham dự", "members", "numerator", NULL, 0, 0},
	    {"Đảng viên phải tham dự", "members", "denominator", NULL, 0, 0},
	    {"Tỷ lệ tham dự", NULL, NULL, NULL, 1, 2},
	    {"Quần chúng tham dự", "non_members", NULL, NULL, 0, 0},
	};
	static const struct col rep[] = {
	    {"Hội nghị báo cáo viên", "reporter_conferences", "count", NULL, 0,
	     0},
	    {"Lượt báo cáo viên tham dự", "reporter_conferences",
	     "reporters_present", NULL, 0, 0},
	    {"Lượt người nghe", "reporter_conferences", "audience", NULL, 0, 0},
	    {"Số báo cáo viên", "reporters", "count", NULL, 0, 0},
	};
	static const struct col cls[] = {
	    {"Số lớp", "classes", "all", "count", 0, 0},
	    {"Học viên", "classes", "all", "enrolled", 0, 0},
	    {"Hoàn thành", "classes", "all", "completed", 0, 0},
	    {"Tỷ lệ hoàn thành", NULL, NULL, NULL, 2, 1},
	};
	/* The committee's own output, histories, commendations, channels. */
	static const struct col output[] = {
	    {"Số ấn phẩm phát hành", "publications", "all", "issues", 0, 0},
	    {"Số bản in", "publications", "all", "copies", 0, 0},
	    {"Báo cáo công tác báo chí hàng tuần", "press_reports",
	     "submitted", NULL, 0, 0},
	    {"Văn bản, đề án đã tham gia ý kiến, thẩm định", "appraisals",
	     "all", "answered", 0, 0},
	    {"Đảng bộ cơ sở", "history", "grassroots", "denominator", 0, 0},
	    {"Đã xuất bản lịch sử Đảng", "history", "grassroots", "numerator",
	     0, 0},
	    {"Tỷ lệ đã xuất bản", NULL, NULL, NULL, 5, 4},
	    {"Tập thể được khen thưởng", "commendations", "collective", NULL,
	     0, 0},
	    {"Cá nhân được khen thưởng", "commendations", "individual", NULL,
	     0, 0},
	    {"Tin bài trên trang, kênh của đơn vị", "outreach", "posts", NULL,
	     0, 0},
	    {"Lượt chia sẻ và theo dõi", "outreach", "shares_and_followers",
	     NULL, 0, 0},
	};
	json_t *fig = json_object_get(r, "figures");
	char path[] = "/tmp/tg-xlsx-XXXXXX";
	lxw_workbook *wb;
	struct fmts fm;
	int fd, rc = -1;
	lxw_error le;

	fd = mkstemp(path);
	if (fd < 0)
		return err_internal(e, "xlsx temp file");
	close(fd);
	wb = workbook_new(path);
	if (!wb) {
		unlink(path);
		return err_internal(e, "xlsx workbook");
	}
	fm.head = workbook_add_format(wb);
	format_set_bold(fm.head);
	format_set_text_wrap(fm.head);
	format_set_align(fm.head, LXW_ALIGN_CENTER);
	format_set_align(fm.head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_border(fm.head, LXW_BORDER_THIN);
	format_set_bg_color(fm.head, 0xDDEBF7);
	fm.text = workbook_add_format(wb);
	format_set_border(fm.text, LXW_BORDER_THIN);
	fm.bold = workbook_add_format(wb);
	format_set_bold(fm.bold);
	format_set_border(fm.bold, LXW_BORDER_THIN);
	fm.num = workbook_add_format(wb);
	format_set_num_format(fm.num, "#,##0");
	format_set_border(fm.num, LXW_BORDER_THIN);
	fm.bold_num = workbook_add_format(wb);
	format_set_num_format(fm.bold_num, "#,##0");
	format_set_bold(fm.bold_num);
	format_set_border(fm.bold_num, LXW_BORDER_THIN);
	fm.pct = workbook_add_format(wb);
	format_set_num_format(fm.pct, "0.00%");
	format_set_border(fm.pct, LXW_BORDER_THIN);
	fm.bold_pct = workbook_add_format(wb);
	format_set_num_format(fm.bold_pct, "0.00%");
	format_set_bold(fm.bold_pct);
	format_set_border(fm.bold_pct, LXW_BORDER_THIN);

	{
		/* fig_int walks three levels and activities.study.members.
		 * numerator needs four, so the activity sheets read from a
		 * view rooted at the kind. */
		json_t *views[2];
		const char *kinds[2] = {"study", "political"};
		const char *titles[2] = {"Học tập nghị quyết",
					 "Hoạt động chính trị"};
		int v;

		for (v = 0; v < 2; v++) {
			json_t *ch, *view = json_object();
			size_t j;

			json_object_set_new(view, "children", json_array());
			json_array_foreach(json_object_get(fig, "children"), j,
					   ch)
			    json_array_append_new(
				json_object_get(view, "children"),
				json_pack(
				    "{s:O, s:O}", "unit",
				    json_object_get(ch, "unit"), "figures",
				    json_object_get(
					json_object_get(
					    json_object_get(ch, "figures"),
					    "activities"),
					kinds[v])));
			json_object_set(
			    view, "own",
			    json_object_get(
				json_object_get(json_object_get(fig, "own"),
						"activities"),
				kinds[v]));
			views[v] = view;
			sheet(wb, &fm, titles[v], view, act, 5);
		}
		sheet(wb, &fm, "Báo cáo viên", fig, rep, 4);
		sheet(wb, &fm, "Lớp bồi dưỡng", fig, cls, 4);
		sheet(wb, &fm, "Ấn phẩm, lịch sử, khen thưởng", fig, output, 11);
		indicators(wb, &fm, fig);
		work(wb, &fm, fig);
		le = workbook_close(wb);
		json_decref(views[0]);
		json_decref(views[1]);
	}
	if (le == LXW_NO_ERROR && slurp(path, out) == 0)
		rc = 0;
	unlink(path);
	if (rc < 0)
		err_internal(e, "xlsx");
	return rc;
}
