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
 * PostgreSQL: the same directory holds DIR/tuyengiao.pgdump instead, made
 * by pg_dump in its custom format (one snapshot in a repeatable-read
 * transaction, so the server keeps serving writes meanwhile; see
 * backup_pg.h for how the tool is run and how a password in the URL is
 * passed), and DIR/files/…, copied after the dump as above. Restore runs
 * pg_restore in one transaction (all or nothing) into the target database,
 * which must have no table unless `force` (then the dump's objects are
 * dropped and recreated), then opens it (newer migrations). PostgreSQL has
 * no attachments directory of its own: it is the `files_dir` given
 * (--files-dir, as for `serve`), data/files by default.
 *
 * A backup restores into the backend it was taken from: a SQLite backup
 * into a SQLite file, a PostgreSQL backup into a PostgreSQL database.
 */
#ifndef TG_BACKUP_H
#define TG_BACKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

#define BACKUP_DB_NAME "tuyengiao.db"
#define BACKUP_PG_NAME "tuyengiao.pgdump"

struct backup_stats {
	long long db_bytes;
	size_t files;
	long long file_bytes;
};

/* Back up the database of `db_url` and its attachments (`files_dir`, or
 * NULL for the default of attachments_configure()) into `out_dir`
 * (created; refused if it exists and is not empty). */
int backup_run(const char *db_url, const char *files_dir,
	       const char *out_dir, struct backup_stats *st, struct err *e);

/* Restore the backup in `in_dir` into the database of `db_url` and the
 * attachments directory `files_dir` (NULL: the default). */
int restore_run(const char *db_url, const char *files_dir,
		const char *in_dir, bool force, struct backup_stats *st,
		struct err *e);

#endif
