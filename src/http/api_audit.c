/*
 * /api/v1/audit: the trail as JSON, or as CSV (format=csv) for leaders to
 * hand on. The CSV is UTF-8 with a byte-order mark so Excel shows the
 * Vietnamese text correctly.
 */
#include "http/http.h"
#include "domain/audit.h"
#include "base/json.h"
#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

/* A quoted CSV cell. A cell that a spreadsheet would run as a formula
 * (starting with = + - @ or a control character) gets a leading quote. */
static void csv_field(struct buf *b, const char *s)
{
	buf_addch(b, '"');
	if (s && s[0] && strchr("=+-@\t\r", s[0]))
		buf_addch(b, '\'');
	for (; s && *s; s++) {
		if (*s == '"')
			buf_addch(b, '"');
		buf_addch(b, *s);
	}
	buf_addch(b, '"');
}

static void csv_json(struct buf *b, json_t *v)
{
	char *t = json_is_null(v) || !v ? NULL : json_to_text(v);

	if (json_is_string(v))
		csv_field(b, json_string_value(v));
	else
		csv_field(b, t);
	free(t);
}

static int write_csv(struct req *r, json_t *list)
{
	static const char *cols[] = { "id", "at", "username", "ip", "action",
				      "entity", "entity_id", "unit_id",
				      "before", "after" };
	size_t i, k;
	json_t *row;

	buf_adds(&r->raw, "\xEF\xBB\xBF");
	for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
		if (k)
			buf_addch(&r->raw, ',');
		buf_adds(&r->raw, cols[k]);
	}
	buf_adds(&r->raw, "\r\n");
	json_array_foreach(json_object_get(list, "items"), i, row) {
		for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
			if (k)
				buf_addch(&r->raw, ',');
			csv_json(&r->raw, json_object_get(row, cols[k]));
		}
		if (buf_adds(&r->raw, "\r\n") < 0)
			return err_set(&r->err, ERR_TOO_LARGE, "too_large", NULL,
				       "Kết quả quá lớn; hãy thu hẹp bộ lọc.");
	}
	r->content_type = "text/csv; charset=utf-8";
	r->disposition = xstrdup("attachment; filename=\"nhat-ky.csv\"");
	r->status = 200;
	return 0;
}

int api_audit_list(struct req *r)
{
	struct audit_filter f = { 0 };
	const char *format = http_query(r, "format");
	bool csv = format && !strcmp(format, "csv");
	json_t *out;
	int rc;

	if (format && !csv && strcmp(format, "json"))
		return err_invalid(&r->err, "format",
				   "Định dạng chỉ có thể là json hoặc csv.");
	if (http_query_int(r, "entity_id", 1, INT64_MAX, 0, &f.entity_id) < 0)
		return -1;
	if (csv) {
		f.limit = 100000;
		if (http_query_int(r, "offset", 0, INT32_MAX, 0, &f.offset) < 0)
			return -1;
	} else if (http_paging(r, &f.limit, &f.offset) < 0) {
		return -1;
	}
	f.entity = http_query(r, "entity");
	f.action = http_query(r, "action");
	f.username = http_query(r, "user");
	f.from = http_query(r, "from");
	f.to = http_query(r, "to");
	if (f.entity && !*f.entity) f.entity = NULL;
	if (f.action && !*f.action) f.action = NULL;
	if (f.username && !*f.username) f.username = NULL;
	if (f.from && !*f.from) f.from = NULL;
	if (f.to && !*f.to) f.to = NULL;
	if (audit_list(r->db, &r->actor, &f, &out, &r->err) < 0)
		return -1;
	if (!csv)
		return http_json(r, 200, out);
	rc = write_csv(r, out);
	json_decref(out);
	return rc;
}
