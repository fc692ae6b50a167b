/*
 * Online backup and restore (CLI `tuyengiao backup` / `restore`).
 *
 * A backup is a directory: DIR/tuyengiao.db, a consistent snapshot of the
 * database taken through the backend's online backup (SQLite's backup API:
 * one read transaction, so the server keeps serving writes meanwhile), and
 * DIR/files/…, a copy of the attachments directory (<dbdir>/files, without
 * its tmp/). The database is copied first: attachment files are never
 * deleted and are renamed into place before their row commits, so every
 * file the snapshot refers to is already there when the files are copied.
 *
 * Restore copies DIR/tuyengiao.db next to the target, opens it (which
 * applies any newer schema migrations and proves it is a database of
 * ours), then moves it into place, removing the target's old -wal and -shm
 * files, and copies the attachment files. It refuses a target database
 * that exists and is not empty, unless `force`. Restore is offline: stop
 * the server first.
 *
 * PostgreSQL has no online backup here yet (use pg_dump): both refuse with
 * a message saying so.
 */
#ifndef TG_BACKUP_H
#define TG_BACKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

#define BACKUP_DB_NAME "tuyengiao.db"

struct backup_stats {
	long long db_bytes;
	size_t files;
	long long file_bytes;
};

/* Back up the database of `db_url` and its attachments into `out_dir`
 * (created; refused if it exists and is not empty). */
int backup_run(const char *db_url, const char *out_dir,
	       struct backup_stats *st, struct err *e);

/* Restore the backup in `in_dir` into the database of `db_url`. */
int restore_run(const char *db_url, const char *in_dir, bool force,
		struct backup_stats *st, struct err *e);

#endif
