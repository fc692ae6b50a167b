/*
 * Attachments of documents; see attachments.h for the storage contract.
 */
#include "domain/attachments.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/documents.h"
#include "base/clock.h"
#include "base/text.h"
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char files_dir[600] = "data/files";
static char tmp_dir[620] = "data/files/tmp";
static size_t max_bytes = ATTACHMENTS_DEFAULT_MAX;

void attachments_configure(const char *db_url, const char *dir, size_t max)
{
	const char *p = db_url && *db_url ? db_url : "data/tuyengiao.db";
	const char *slash;

	if (!strncmp(p, "sqlite:", 7))
		p += 7;
	slash = strrchr(p, '/');
	if (dir && *dir)
		snprintf(files_dir, sizeof(files_dir), "%s", dir);
	else if (!strncmp(p, "postgresql://", 13) ||
		 !strncmp(p, "postgres://", 11))
		snprintf(files_dir, sizeof(files_dir), "data/files");
	else if (slash)
		snprintf(files_dir, sizeof(files_dir), "%.*s/files",
			 (int)(slash - p), p);
	else
		snprintf(files_dir, sizeof(files_dir), "files");
	snprintf(tmp_dir, sizeof(tmp_dir), "%s/tmp", files_dir);
	if (max)
		max_bytes = max;
}

size_t attachments_max_bytes(void)
{
	return max_bytes;
}

const char *attachments_dir(void)
{
	mkdir(files_dir, 0750);
	return files_dir;
}

const char *attachments_tmp_dir(void)
{
	attachments_dir();
	mkdir(tmp_dir, 0750);
	return tmp_dir;
}

/* True if the file at `path` contains `needle` within its last `tail`
 * bytes (a ZIP's central directory lists every entry name there). */
static bool tail_contains(const char *path, size_t size, const char *needle)
{
	size_t tail = size < (256u << 10) ? size : (256u << 10);
	size_t n = strlen(needle), i;
	char *buf;
	FILE *f = fopen(path, "rb");
	bool found = false;

	if (!f)
		return false;
	buf = malloc(tail ? tail : 1);
	if (buf && fseek(f, (long)(size - tail), SEEK_SET) == 0 &&
	    fread(buf, 1, tail, f) == tail)
		for (i = 0; i + n <= tail && !found; i++)
			found = !memcmp(buf + i, needle, n);
	free(buf);
	fclose(f);
	return found;
}

const char *attachments_sniff(const struct upload_file *f)
{
	const unsigned char *h = f->head;
	size_t n = f->head_len;

	if (n >= 5 && !memcmp(h, "%PDF-", 5))
		return "application/pdf";
	if (n >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF)
		return "image/jpeg";
	if (n >= 8 && !memcmp(h, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	if (n >= 4 && !memcmp(h, "PK\x03\x04", 4)) {
		/* OpenDocument: an uncompressed "mimetype" entry first. */
		if (n >= 38 + 39 && !memcmp(h + 30, "mimetype", 8)) {
			if (!memcmp(h + 38, "application/vnd.oasis.opendocument.text",
				    39))
				return "application/vnd.oasis.opendocument.text";
			if (n >= 38 + 46 &&
			    !memcmp(h + 38,
				    "application/vnd.oasis.opendocument.spreadsheet",
				    46))
				return "application/"
				       "vnd.oasis.opendocument.spreadsheet";
			return NULL;
		}
		if (!tail_contains(f->tmp_path, f->size, "[Content_Types].xml"))
			return NULL;
		if (tail_contains(f->tmp_path, f->size, "word/document.xml"))
			return "application/vnd.openxmlformats-officedocument."
			       "wordprocessingml.document";
		if (tail_contains(f->tmp_path, f->size, "xl/workbook.xml"))
			return "application/vnd.openxmlformats-officedocument."
			       "spreadsheetml.sheet";
	}
	return NULL;
}

static json_t *att_json(struct store_rows *r)
{
	return json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:s}", "id",
			 (json_int_t)store_col_int(r, 0), "document_id",
			 (json_int_t)store_col_int(r, 1), "sha256",
			 store_col_text(r, 2), "size",
			 (json_int_t)store_col_int(r, 3), "mime",
			 store_col_text(r, 4), "filename", store_col_text(r, 5),
			 "created_at", store_col_text(r, 6));
}

int attachments_list(struct store_conn *c, int64_t doc_id, json_t **out,
		     struct err *e)
{
	struct store_rows *r;
	json_t *items = json_array();
	int st;

	*out = NULL;
	if (store_query(c, Q_ATT_LIST, (struct sval[]){ SV_I(doc_id) }, 1, &r,
			e) < 0) {
		json_decref(items);
		return -1;
	}
	while ((st = store_next(r)) == 1)
		json_array_append_new(items, att_json(r));
	store_rows_free(r);
	if (st < 0) {
		json_decref(items);
		return err_internal(e, "attachments");
	}
	*out = items;
	return 0;
}

static char *final_path(const char *sha)
{
	size_t n = strlen(files_dir) + 80;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%.2s/%s", files_dir, sha, sha);
	return p;
}

/* Move the temporary file into its content-addressed place; an identical
 * file already there is kept and the temporary one dropped. */
static int place_file(const struct upload_file *f)
{
	char dir[700];
	char *dst = final_path(f->sha256);
	struct stat st;
	int rc = 0;

	if (!dst)
		return -1;
	snprintf(dir, sizeof(dir), "%s/%.2s", attachments_dir(), f->sha256);
	mkdir(dir, 0750);
	if (stat(dst, &st) == 0 && (size_t)st.st_size == f->size)
		unlink(f->tmp_path);
	else if (rename(f->tmp_path, dst) < 0)
		rc = -1;
	if (rc < 0)
		fprintf(stderr, "tuyengiao: cannot store attachment %s: %s\n",
			dst, strerror(errno));
	free(dst);
	return rc;
}

/* The base name of an uploaded file, valid UTF-8, without control
 * characters. */
static int clean_name(struct upload_file *f, struct err *e)
{
	char *base = f->filename, *p;

	for (p = f->filename; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	memmove(f->filename, base, strlen(base) + 1);
	if (!utf8_valid(f->filename, strlen(f->filename)))
		return err_invalid(e, "file",
				   "Tên tệp không phải UTF-8 hợp lệ.");
	for (p = f->filename; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '_';
	if (!f->filename[0] || !strcmp(f->filename, ".") ||
	    !strcmp(f->filename, ".."))
		snprintf(f->filename, sizeof(f->filename), "tep-dinh-kem");
	return 0;
}

int attachments_add(struct store_conn *c, const struct actor *a,
		    int64_t doc_id, struct upload_file *f, json_t **out,
		    struct err *e)
{
	struct store_rows *r;
	const char *mime;
	char now[CLOCK_ISO_SIZE];
	int64_t unit_id = 0, id;
	int st;

	*out = NULL;
	if (clean_name(f, e) < 0)
		goto drop;
	if (f->size == 0) {
		err_invalid(e, "file", "Tệp đính kèm rỗng.");
		goto drop;
	}
	mime = attachments_sniff(f);
	if (!mime) {
		err_invalid(e, "file",
			    "Loại tệp \"%s\" không được chấp nhận: chỉ nhận PDF,"
			    " DOCX, XLSX, ODT, ODS, JPEG, PNG (kiểm tra theo nội"
			    " dung tệp).",
			    f->filename);
		goto drop;
	}
	if (store_begin(c, e) < 0)
		goto drop;
	if (documents_check(c, a, doc_id, 1, &unit_id, NULL, e) < 0)
		goto fail;
	clock_iso(clock_now(), now);
	if (store_int(c, Q_ATT_INSERT,
		      (struct sval[]){ SV_I(doc_id), SV_T(f->sha256),
				       SV_I((int64_t)f->size), SV_T(mime),
				       SV_T(f->filename), SV_I(a->user_id),
				       SV_T(now) },
		      7, &id, e) < 0 ||
	    documents_refold(c, doc_id, e) < 0 ||
	    store_query(c, Q_ATT_GET, (struct sval[]){ SV_I(id), SV_I(doc_id) },
			2, &r, e) < 0)
		goto fail;
	st = store_next(r);
	if (st == 1)
		*out = att_json(r);
	store_rows_free(r);
	if (st != 1) {
		err_internal(e, "attachment");
		goto fail;
	}
	if (audit_record(c, a, "create", "attachment", id, unit_id, NULL, *out,
			 e) < 0 ||
	    store_commit(c, e) < 0)
		goto fail;
	if (place_file(f) < 0) {
		json_decref(*out);
		*out = NULL;
		return err_internal(e, "attachment file");
	}
	return 0;
fail:
	store_rollback(c);
	json_decref(*out);
	*out = NULL;
drop:
	unlink(f->tmp_path);
	return -1;
}

static int load_att(struct store_conn *c, int64_t doc_id, int64_t id,
		    json_t **row, struct err *e)
{
	struct store_rows *r;
	int st;

	*row = NULL;
	if (store_query(c, Q_ATT_GET, (struct sval[]){ SV_I(id), SV_I(doc_id) },
			2, &r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1)
		*row = att_json(r);
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, "attachment");
	return st == 0 ? err_not_found(e) : 0;
}

int attachments_open(struct store_conn *c, const struct actor *a,
		     int64_t doc_id, int64_t id, json_t **row, char **path,
		     struct err *e)
{
	*row = NULL;
	*path = NULL;
	if (documents_check(c, a, doc_id, 0, NULL, NULL, e) < 0 ||
	    load_att(c, doc_id, id, row, e) < 0)
		return -1;
	attachments_dir();
	*path = final_path(json_string_value(json_object_get(*row, "sha256")));
	return 0;
}

int attachments_delete(struct store_conn *c, const struct actor *a,
		       int64_t doc_id, int64_t id, struct err *e)
{
	json_t *row = NULL;
	int64_t unit_id = 0;

	if (store_begin(c, e) < 0)
		return -1;
	if (documents_check(c, a, doc_id, 1, &unit_id, NULL, e) < 0 ||
	    load_att(c, doc_id, id, &row, e) < 0 ||
	    store_exec(c, Q_ATT_DELETE, (struct sval[]){ SV_I(id) }, 1, e) < 0 ||
	    documents_refold(c, doc_id, e) < 0 ||
	    audit_record(c, a, "delete", "attachment", id, unit_id, row, NULL,
			 e) < 0 ||
	    store_commit(c, e) < 0) {
		store_rollback(c);
		json_decref(row);
		return -1;
	}
	json_decref(row);
	return 0;
}
