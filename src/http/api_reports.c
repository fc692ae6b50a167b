/*
 * /api/v1/reports, /api/v1/reports/status, /api/v1/reports/{id}/…
 * (regenerate, submit, reopen, export) and /api/v1/report-deadlines:
 * parse, call domain/reports.c and the exports, answer.
 */
#include "http/http.h"
#include "domain/reports.h"
#include "export/docx.h"
#include "export/html.h"
#include "export/xlsx.h"
#include "base/json.h"
#include "base/mem.h"

#include <string.h>

int api_reports_list(struct req *r)
{
	struct reports_filter f = {0};
	json_t *out;

	if (http_query_int(r, "unit_id", 1, INT64_MAX, 0, &f.unit_id) < 0 ||
	    http_paging(r, &f.limit, &f.offset) < 0)
		return -1;
	f.period = http_query_opt(r, "period");
	f.kind = http_query_opt(r, "kind");
	f.status = http_query_opt(r, "status");
	f.category = http_query_opt(r, "category");
	if (reports_list(r->db, &r->actor, &f, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_reports_get(struct req *r)
{
	json_t *out;

	if (reports_get(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_reports_create(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = reports_create(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 201, out);
}

int api_reports_update(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = reports_update(r->db, &r->actor, r->ids[0], body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_reports_delete(struct req *r)
{
	if (reports_delete(r->db, &r->actor, r->ids[0], &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}

int api_reports_regenerate(struct req *r)
{
	json_t *out;

	if (reports_regenerate(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_reports_submit(struct req *r)
{
	json_t *out;

	if (reports_submit(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_reports_reopen(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = reports_reopen(r->db, &r->actor, r->ids[0], body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_reports_status(struct req *r)
{
	const char *period = http_query_opt(r, "period"), *kind = http_query_opt(r, "kind");
	int64_t unit;
	json_t *out;

	if (http_query_int(r, "unit", 1, INT64_MAX, r->actor.unit_id, &unit) <
	    0)
		return -1;
	if (!period)
		return err_invalid(&r->err, "period", "Thiếu kỳ báo cáo.");
	if (reports_status(r->db, &r->actor, unit, period, &out, &r->err) < 0)
		return -1;
	if (kind &&
	    strcmp(kind, json_string_value(json_object_get(out, "kind")))) {
		json_decref(out);
		return err_invalid(&r->err, "kind",
				   "Loại báo cáo \"%s\" không khớp với kỳ %s.",
				   kind, period);
	}
	return http_json(r, 200, out);
}

int api_reports_export(struct req *r)
{
	const char *format = http_query_opt(r, "format");
	const char *ext;
	json_t *rep;
	int rc;

	if (!format)
		format = "html";
	if (strcmp(format, "html") && strcmp(format, "docx") &&
	    strcmp(format, "xlsx") && strcmp(format, "txt"))
		return err_invalid(&r->err, "format",
				   "Định dạng không hợp lệ: \"%s\" (html, docx,"
				   " xlsx, txt).",
				   format);
	if (reports_get(r->db, &r->actor, r->ids[0], &rep, &r->err) < 0)
		return -1;
	if (!strcmp(format, "docx")) {
		rc = export_docx(rep, &r->raw, &r->err);
		r->content_type =
		    "application/vnd.openxmlformats-officedocument"
		    ".wordprocessingml.document";
		ext = "docx";
	} else if (!strcmp(format, "xlsx")) {
		rc = export_xlsx(rep, &r->raw, &r->err);
		r->content_type =
		    "application/vnd.openxmlformats-officedocument"
		    ".spreadsheetml.sheet";
		ext = "xlsx";
	} else if (!strcmp(format, "txt")) {
		rc = export_txt(rep, &r->raw);
		r->content_type = "text/plain; charset=utf-8";
		ext = "txt";
	} else {
		rc = export_html(rep, "/report-print.css", &r->raw);
		r->content_type = "text/html; charset=utf-8";
		ext = NULL;
	}
	if (rc < 0) {
		json_decref(rep);
		return r->err.status ? -1 : err_internal(&r->err, "export");
	}
	if (ext) {
		struct buf name = BUF_INIT;
		const char *p;

		buf_adds(&name, "attachment; filename=\"bao-cao-");
		for (p = json_get_str(rep, "unit_code", ""); *p; p++)
			buf_addch(&name, (*p >= '0' && *p <= '9') ||
						 (*p >= 'A' && *p <= 'Z') ||
						 (*p >= 'a' && *p <= 'z') ||
						 *p == '-'
					     ? *p
					     : '_');
		buf_addf(&name, "-%s.%s\"", json_get_str(rep, "period", ""),
			 ext);
		r->disposition = buf_detach(&name, NULL);
	}
	json_decref(rep);
	r->status = 200;
	return 0;
}

int api_report_deadlines_list(struct req *r)
{
	json_t *out;

	if (report_deadlines_list(r->db, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_report_deadlines_update(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = report_deadlines_update(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}
