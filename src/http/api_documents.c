/*
 * /api/v1/documents (with attachments), /api/v1/document-types,
 * /api/v1/issuers, /api/v1/terms: parse, call domain/documents.c and
 * domain/attachments.c, answer. Uploads stream through http/multipart.c
 * (started by http_upload_begin() from server.c before the body arrives).
 */
#include "http/http.h"
#include "http/multipart.h"
#include "domain/attachments.h"
#include "domain/documents.h"
#include "base/buf.h"
#include "base/clock.h"
#include "store/store.h"
#include "base/text.h"

#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_upload_path(const char *path)
{
	static const char prefix[] = "/api/v1/documents/";
	const char *p = path + sizeof(prefix) - 1;

	if (strncmp(path, prefix, sizeof(prefix) - 1))
		return false;
	if (*p < '1' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	return !strcmp(p, "/attachments");
}

/*
 * Called on a request's first call, before its body arrives. Only a
 * signed-in user sending the session's CSRF token gets the body streamed to
 * disk; anyone else's body goes to the bounded JSON buffer and the router
 * refuses the request as usual (401, 403 or 413), so an anonymous client
 * cannot fill the disk with temporary files.
 */
void http_upload_begin(struct req *r)
{
	struct err e = ERR_INIT;
	struct store_conn *c;
	struct actor a;
	bool ok;

	bool import = r->method == M_POST && api_imports_is_upload(r->path);

	if (r->method != M_POST || (!is_upload_path(r->path) && !import))
		return;
	c = store_acquire(r->store, &e);
	if (!c)
		return;
	ok = auth_session(c, http_session_cookie(r), r->ip, clock_now(), &a,
			  &e) == 0 &&
	     auth_csrf_ok(&a, MHD_lookup_connection_value(r->mc,
							  MHD_HEADER_KIND,
							  "X-CSRF-Token"));
	store_release(c);
	if (ok)
		r->upload = upload_begin(r->mc, import ? api_imports_max_bytes()
						       : attachments_max_bytes());
}

void http_upload_feed(struct req *r, const char *data, size_t len)
{
	upload_feed(r->upload, data, len);
}

void http_upload_free(struct req *r)
{
	upload_free(r->upload);
	r->upload = NULL;
}

static int date_param(struct req *r, const char *name, const char **out)
{
	const char *v = http_query(r, name);
	int y, m, d;
	char tail;

	*out = NULL;
	if (!v || !*v)
		return 0;
	if (strlen(v) != 10 || sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return err_invalid(&r->err, name,
				   "Tham số \"%s\" phải là ngày dạng YYYY-MM-DD.",
				   name);
	*out = v;
	return 0;
}

int api_documents_list(struct req *r)
{
	struct documents_filter f = { 0 };
	json_t *out;

	if (http_query_int(r, "unit", 1, INT64_MAX, 0, &f.unit_id) < 0 ||
	    http_paging(r, &f.limit, &f.offset) < 0 ||
	    date_param(r, "from", &f.from) < 0 || date_param(r, "to", &f.to) < 0)
		return -1;
	if (!f.unit_id &&
	    http_query_int(r, "unit_id", 1, INT64_MAX, 0, &f.unit_id) < 0)
		return -1;
	f.q = http_query(r, "q");
	f.type = http_query(r, "type");
	f.issuer = http_query(r, "issuer");
	f.direction = http_query(r, "direction");
	f.sort = http_query(r, "sort");
	if (documents_list(r->db, &r->actor, &f, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_documents_get(struct req *r)
{
	json_t *out;

	if (documents_get(r->db, &r->actor, r->ids[0], &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_documents_create(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = documents_create(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 201, out);
}

int api_documents_update(struct req *r)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = documents_update(r->db, &r->actor, r->ids[0], body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_documents_delete(struct req *r)
{
	if (documents_delete(r->db, &r->actor, r->ids[0], &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}

int api_documents_parse_symbol(struct req *r)
{
	json_t *out;
	const char *s = http_query(r, "s");

	if (documents_parse_symbol(r->db, s ? s : "", &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_attachments_upload(struct req *r)
{
	struct upload_file *f;
	json_t *out;
	int rc;

	if (!r->upload)
		return err_invalid(&r->err, "file",
				   "Tải tệp lên bằng multipart/form-data, tệp ở"
				   " trường \"file\".");
	if (upload_finish(r->upload, &f, &r->err) < 0)
		return -1;
	rc = attachments_add(r->db, &r->actor, r->ids[0], f, &out, &r->err);
	f->tmp_path[0] = '\0'; /* attachments_add() moved or removed it */
	return rc < 0 ? -1 : http_json(r, 201, out);
}

/* Content-Disposition keeping the Vietnamese name (RFC 6266 / 5987):
 * an ASCII fallback, then filename*=UTF-8''percent-encoded. */
static char *disposition(const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = BUF_INIT;
	char *folded = text_fold_dup(name);
	const unsigned char *p;

	buf_adds(&b, "attachment; filename=\"");
	for (p = (const unsigned char *)folded; *p; p++)
		buf_addch(&b, *p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\'
				      ? '_'
				      : (char)*p);
	buf_adds(&b, "\"; filename*=UTF-8''");
	for (p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			buf_addch(&b, (char)*p);
		} else {
			buf_addch(&b, '%');
			buf_addch(&b, hex[*p >> 4]);
			buf_addch(&b, hex[*p & 15]);
		}
	}
	free(folded);
	return buf_detach(&b, NULL);
}

int api_attachments_get(struct req *r)
{
	json_t *row;
	char *path;
	struct stat st;
	int fd;

	if (attachments_open(r->db, &r->actor, r->ids[0], r->ids[1], &row, &path,
			     &r->err) < 0)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0 || fstat(fd, &st) < 0) {
		if (fd >= 0)
			close(fd);
		json_decref(row);
		return err_set(&r->err, ERR_NOT_FOUND, "file_missing", NULL,
			       "Không tìm thấy tệp đính kèm trên máy chủ.");
	}
	r->file_resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	if (!r->file_resp) {
		close(fd);
		json_decref(row);
		return err_internal(&r->err, "file response");
	}
	MHD_add_response_header(r->file_resp, "Content-Type",
				json_string_value(json_object_get(row, "mime")));
	MHD_add_response_header(r->file_resp, "Cache-Control",
				"private, no-store");
	r->disposition = disposition(
		json_string_value(json_object_get(row, "filename")));
	r->status = 200;
	json_decref(row);
	return 0;
}

int api_attachments_delete(struct req *r)
{
	if (attachments_delete(r->db, &r->actor, r->ids[0], r->ids[1],
			       &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}

int api_doctypes_list(struct req *r)
{
	json_t *out;

	if (doctypes_list(r->db, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_issuers_list(struct req *r)
{
	json_t *out;

	if (issuers_list(r->db, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

typedef int (*write_fn)(struct store_conn *, const struct actor *, json_t *,
			json_t **, struct err *);
typedef int (*update_fn)(struct store_conn *, const struct actor *, int64_t,
			 json_t *, json_t **, struct err *);

static int create_with(struct req *r, write_fn fn)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = fn(r->db, &r->actor, body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 201, out);
}

static int update_with(struct req *r, update_fn fn)
{
	json_t *body, *out;
	int rc;

	if (http_body_json(r, &body) < 0)
		return -1;
	rc = fn(r->db, &r->actor, r->ids[0], body, &out, &r->err);
	json_decref(body);
	return rc < 0 ? -1 : http_json(r, 200, out);
}

int api_doctypes_create(struct req *r)
{
	return create_with(r, doctypes_create);
}

int api_doctypes_update(struct req *r)
{
	return update_with(r, doctypes_update);
}

int api_issuers_create(struct req *r)
{
	return create_with(r, issuers_create);
}

int api_issuers_update(struct req *r)
{
	return update_with(r, issuers_update);
}

int api_terms_list(struct req *r)
{
	int64_t unit;
	json_t *out;

	if (http_query_int(r, "unit_id", 1, INT64_MAX, 0, &unit) < 0 ||
	    terms_list(r->db, &r->actor, unit, &out, &r->err) < 0)
		return -1;
	return http_json(r, 200, out);
}

int api_terms_create(struct req *r)
{
	return create_with(r, terms_create);
}
