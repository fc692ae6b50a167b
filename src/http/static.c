/*
 * The static web UI, served from the web root on disk so a reload shows a
 * change. Paths are confined to the root (no "..", no hidden files), "/" is
 * index.html, and each file goes out with its content type, an ETag of its
 * size and modification time, and "Cache-Control: no-cache" so browsers
 * revalidate cheaply (304) instead of running stale code after an upgrade.
 */
#include "http/http.h"
#include "base/buf.h"

#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *ext;
	const char *type;
} types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".json", "application/json; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".map", "application/json; charset=utf-8" },
};

static const char *content_type(const char *path)
{
	const char *dot = strrchr(path, '.');
	size_t i;

	for (i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return NULL;
}

/* Refuse anything that could leave the root or reach a hidden file. */
static bool safe_path(const char *p)
{
	const char *s;

	if (p[0] != '/' || strstr(p, "//") || strchr(p, '\\'))
		return false;
	for (s = p; (s = strchr(s, '/')); s++)
		if (s[1] == '.')
			return false;
	return true;
}

static void not_found(struct req *r)
{
	buf_reset(&r->raw);
	buf_adds(&r->raw, "404 — Không tìm thấy trang.\n");
	r->content_type = "text/plain; charset=utf-8";
	r->status = 404;
}

void static_serve(struct req *r)
{
	struct buf path = BUF_INIT;
	const char *rel = strcmp(r->path, "/") ? r->path : "/index.html";
	const char *type = content_type(rel), *inm;
	struct stat st;
	int fd = -1;

	if (!safe_path(rel) || !type) {
		not_found(r);
		return;
	}
	buf_addf(&path, "%s%s", r->cfg->web_root, rel);
	fd = open(path.ptr, O_RDONLY | O_CLOEXEC);
	buf_release(&path);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		not_found(r);
		return;
	}
	snprintf(r->etag, sizeof(r->etag), "\"%llx-%llx\"",
		 (unsigned long long)st.st_size,
		 (unsigned long long)st.st_mtime);
	inm = MHD_lookup_connection_value(r->mc, MHD_HEADER_KIND,
					  "If-None-Match");
	if (inm && !strcmp(inm, r->etag)) {
		close(fd);
		r->file_resp = MHD_create_response_from_buffer(
			0, NULL, MHD_RESPMEM_PERSISTENT);
		r->status = 304;
	} else {
		r->file_resp = MHD_create_response_from_fd(
			(uint64_t)st.st_size, fd);
		MHD_add_response_header(r->file_resp, "Content-Type", type);
		r->status = 200;
	}
	MHD_add_response_header(r->file_resp, "ETag", r->etag);
	MHD_add_response_header(r->file_resp, "Cache-Control", "no-cache");
}
