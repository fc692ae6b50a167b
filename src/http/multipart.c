/*
 * Streaming multipart uploads on top of MHD_create_post_processor; see
 * multipart.h.
 */
#include "http/multipart.h"
#include "base/mem.h"

#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct upload {
	struct MHD_PostProcessor *pp;
	struct upload_file file;
	crypto_hash_sha256_state sha;
	size_t max;
	int fd;
	bool started;   /* a "file" part began */
	bool finished;  /* that part ended (another part followed or end) */
	bool too_large;
	bool two_files;
	bool io_error;
	bool malformed; /* the post processor refused the body */
};

static void close_tmp(struct upload *u, bool remove)
{
	if (u->fd >= 0) {
		close(u->fd);
		u->fd = -1;
	}
	if (remove && u->file.tmp_path[0]) {
		unlink(u->file.tmp_path);
		u->file.tmp_path[0] = '\0';
	}
}

static int open_tmp(struct upload *u, const char *filename)
{
	snprintf(u->file.tmp_path, sizeof(u->file.tmp_path), "%s/up-XXXXXX",
		 attachments_tmp_dir());
	u->fd = mkstemp(u->file.tmp_path);
	if (u->fd < 0) {
		u->file.tmp_path[0] = '\0';
		u->io_error = true;
		return -1;
	}
	snprintf(u->file.filename, sizeof(u->file.filename), "%s",
		 filename ? filename : "");
	crypto_hash_sha256_init(&u->sha);
	u->started = true;
	return 0;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind,
			       const char *key, const char *filename,
			       const char *content_type,
			       const char *transfer_encoding, const char *data,
			       uint64_t off, size_t size)
{
	struct upload *u = cls;

	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	/* A part without a name in its Content-Disposition comes with a
	 * NULL key (found by tests/fuzz/fuzz_multipart.c). */
	if (!key || strcmp(key, "file") || !filename)
		return MHD_YES; /* other fields are ignored */
	if (off == 0 && u->started &&
	    (u->finished || strcmp(filename, u->file.filename))) {
		u->two_files = true;
		return MHD_YES;
	}
	if (!u->started && open_tmp(u, filename) < 0)
		return MHD_YES;
	if (u->too_large || u->io_error || u->two_files || !size)
		return MHD_YES;
	if (u->file.size + size > u->max) {
		u->too_large = true;
		close_tmp(u, true);
		return MHD_YES;
	}
	if (u->file.head_len < sizeof(u->file.head)) {
		size_t n = sizeof(u->file.head) - u->file.head_len;

		if (n > size)
			n = size;
		memcpy(u->file.head + u->file.head_len, data, n);
		u->file.head_len += n;
	}
	crypto_hash_sha256_update(&u->sha, (const unsigned char *)data, size);
	{
		size_t done = 0;

		while (done < size) {
			ssize_t w = write(u->fd, data + done, size - done);

			if (w <= 0) {
				u->io_error = true;
				close_tmp(u, true);
				return MHD_YES;
			}
			done += (size_t)w;
		}
	}
	u->file.size += size;
	return MHD_YES;
}

struct upload *upload_begin(struct MHD_Connection *mc, size_t max)
{
	struct upload *u = xcalloc(1, sizeof(*u));
	const char *ct = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
						     "Content-Type");

	if (!ct || strncasecmp(ct, "multipart/form-data", 19)) {
		free(u);
		return NULL;
	}
	u->fd = -1;
	u->max = max;
	u->pp = MHD_create_post_processor(mc, 64 * 1024, on_part, u);
	if (!u->pp) {
		free(u);
		return NULL;
	}
	return u;
}

void upload_feed(struct upload *u, const char *data, size_t len)
{
	if (u->malformed)
		return;
	if (MHD_post_process(u->pp, data, len) != MHD_YES)
		u->malformed = true;
}

int upload_finish(struct upload *u, struct upload_file **file,
		  struct err *e)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	size_t i;

	*file = NULL;
	if (u->pp) {
		if (MHD_destroy_post_processor(u->pp) != MHD_YES)
			u->malformed = true;
		u->pp = NULL;
	}
	u->finished = true;
	if (u->too_large) {
		close_tmp(u, true);
		return err_set(e, ERR_TOO_LARGE, "too_large", "file",
			       "Tệp vượt quá giới hạn %zu MiB.", u->max >> 20);
	}
	if (u->malformed) {
		close_tmp(u, true);
		return err_invalid(e, "file",
				   "Dữ liệu tải lên bị cắt cụt hoặc sai định dạng"
				   " multipart/form-data; không có gì được lưu.");
	}
	if (u->two_files) {
		close_tmp(u, true);
		return err_invalid(e, "file", "Mỗi lần chỉ tải lên một tệp.");
	}
	if (u->io_error) {
		close_tmp(u, true);
		return err_internal(e, "upload write");
	}
	if (!u->started) {
		close_tmp(u, true);
		return err_invalid(e, "file",
				   "Thiếu tệp: gửi tệp trong trường \"file\".");
	}
	if (fsync(u->fd) < 0) {
		close_tmp(u, true);
		return err_internal(e, "upload sync");
	}
	close_tmp(u, false);
	crypto_hash_sha256_final(&u->sha, digest);
	for (i = 0; i < sizeof(digest); i++)
		snprintf(u->file.sha256 + 2 * i, 3, "%02x", digest[i]);
	*file = &u->file;
	return 0;
}

void upload_free(struct upload *u)
{
	if (!u)
		return;
	if (u->pp)
		MHD_destroy_post_processor(u->pp);
	close_tmp(u, true);
	free(u);
}
