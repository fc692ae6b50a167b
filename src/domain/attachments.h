/*
 * Attachments of documents: files stored once per content under the data
 * directory (next to the database: <dir>/files/ab/abcdef… by SHA-256, so
 * identical uploads share one file), described by a row per document.
 *
 * An upload arrives as a temporary file in <dir>/files/tmp written while
 * the request streams in (http/multipart.c), its SHA-256 and its first
 * bytes computed on the way. attachments_add() checks the type by content
 * (PDF, JPEG, PNG, and ZIP-based DOCX, XLSX, ODT/ODS whose [Content_Types]
 * or mimetype entry says so), inserts the row in a transaction, and only
 * after the commit succeeds renames the temporary file into place; on any
 * failure the temporary file is removed, so no orphan file is left.
 * Files are never deleted with their rows: the audit trail may refer to
 * them and another document may share them.
 */
#ifndef TG_ATTACHMENTS_H
#define TG_ATTACHMENTS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

#define ATTACHMENTS_DEFAULT_MAX ((size_t)20 << 20) /* 20 MiB */

/*
 * Set the directory of attachment files and the size limit (0 keeps the
 * default). The directory is `files_dir` when given; otherwise "files"
 * beside a SQLite database file, and "data/files" for a PostgreSQL URL,
 * which names no directory. Called once at start-up.
 */
void attachments_configure(const char *db_url, const char *files_dir,
			   size_t max_bytes);
size_t attachments_max_bytes(void);
/* "<dir>/files" and "<dir>/files/tmp", created if missing. */
const char *attachments_dir(void);
const char *attachments_tmp_dir(void);

/* An upload received in full into a temporary file. */
struct upload_file {
	char tmp_path[512];
	char filename[256]; /* UTF-8, as sent, without directories */
	char sha256[65];    /* hex */
	size_t size;
	unsigned char head[512]; /* the first bytes, for the type check */
	size_t head_len;
};

/*
 * The content type of a file from its first bytes and, for ZIP-based
 * formats, from the file itself: "application/pdf", …; NULL if refused.
 */
const char *attachments_sniff(const struct upload_file *f);

/*
 * Attach `f` to document `doc_id` (writable by `a`). Removes the temporary
 * file in every case. 400 for a refused type or an empty file.
 */
int attachments_add(struct store_conn *c, const struct actor *a,
		    int64_t doc_id, struct upload_file *f, json_t **out,
		    struct err *e);

/* The attachments of a document (no scope check: the caller checked). */
int attachments_list(struct store_conn *c, int64_t doc_id, json_t **out,
		     struct err *e);

/* An attachment of a document visible to `a`: its row as JSON and the
 * path of its file (caller frees). */
int attachments_open(struct store_conn *c, const struct actor *a,
		     int64_t doc_id, int64_t id, json_t **row, char **path,
		     struct err *e);

int attachments_delete(struct store_conn *c, const struct actor *a,
		       int64_t doc_id, int64_t id, struct err *e);

#endif
