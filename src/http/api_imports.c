/*
 * POST /api/v1/imports/{units|users|indicator-values}[?dry_run=1]: the
 * file arrives as multipart/form-data (field "file"), streamed to a
 * temporary file by http/multipart.c like an attachment (only for a
 * signed-in user with the CSRF token), then read and handed to
 * domain/imports.c. The answer is the import's report (200), with the
 * refused rows listed by line and column; a file that cannot be read at
 * all is a 400/413 naming the field "file".
 */
#include "http/http.h"
#include "http/multipart.h"
#include "domain/imports.h"
#include "base/mem.h"
#include "base/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREFIX "/api/v1/imports/"

bool api_imports_is_upload(const char *path)
{
	enum import_kind k;

	return !strncmp(path, PREFIX, sizeof(PREFIX) - 1) &&
	       imports_kind_parse(path + sizeof(PREFIX) - 1, &k) == 0;
}

size_t api_imports_max_bytes(void)
{
	struct table_limits lim = TABLE_LIMITS_DEFAULT;

	return lim.max_bytes;
}

/* The uploaded file's bytes; the caller frees. */
static char *slurp(const char *path, size_t max, size_t *len,
		   struct err *e)
{
	FILE *f = fopen(path, "rb");
	char *data;

	if (!f) {
		err_internal(e, "import read");
		return NULL;
	}
	data = xmalloc(max + 1);
	*len = fread(data, 1, max + 1, f);
	if (ferror(f)) {
		fclose(f);
		free(data);
		err_internal(e, "import read");
		return NULL;
	}
	fclose(f);
	if (*len > max) {
		free(data);
		err_set(e, ERR_TOO_LARGE, "too_large", "file",
			"Tệp quá lớn (tối đa %zu MiB).", max >> 20);
		return NULL;
	}
	return data;
}

int api_imports_run(struct req *r)
{
	struct import_options o = { 0 };
	struct upload_file *f;
	enum import_kind kind;
	json_t *out;
	char *data;
	size_t len;
	int64_t dry;
	int rc;

	if (imports_kind_parse(r->path + sizeof(PREFIX) - 1, &kind) < 0)
		return err_not_found(&r->err);
	if (http_query_int(r, "dry_run", 0, 1, 0, &dry) < 0)
		return -1;
	if (!r->upload)
		return err_invalid(&r->err, "file",
				   "Tải tệp CSV hoặc XLSX lên bằng"
				   " multipart/form-data, tệp ở trường"
				   " \"file\".");
	if (upload_finish(r->upload, &f, &r->err) < 0)
		return -1;
	data = slurp(f->tmp_path, api_imports_max_bytes(), &len, &r->err);
	if (!data)
		return -1;
	o.dry_run = dry != 0;
	rc = imports_run(r->db, &r->actor, kind, data, len, &o, &out,
			 &r->err);
	free(data);
	return rc < 0 ? -1 : http_json(r, 200, out);
}
