/*
 * Backup and restore of a PostgreSQL database with the PostgreSQL client
 * tools (pg_dump, pg_restore, psql), for domain/backup.c.
 *
 * Each tool runs by fork/exec with an argument vector, never through a
 * shell. It is found on PATH, else as the newest
 * /usr/lib/postgresql/VERSION/bin/TOOL (Debian's postgresql-client puts it
 * there). The database URL is passed without its password: a password in
 * the URL (postgresql://user:secret@host/db, or ?password=secret) is
 * removed from the argument and given to the tool in the PGPASSWORD
 * environment variable of the child alone, so it shows neither in the
 * process list nor in any message. The tools' own messages go to stderr.
 */
#ifndef TG_BACKUP_PG_H
#define TG_BACKUP_PG_H

#include <stdbool.h>

#include "base/err.h"

/* True for a postgresql:// or postgres:// URL. */
bool backup_pg_url(const char *url);

/* pg_dump of the database of `url` in the custom format into the file
 * `path` (created or replaced): one consistent snapshot, taken while the
 * server keeps writing. */
int backup_pg_dump(const char *url, const char *path, struct err *e);

/* Whether the database of `url` has no table, view or sequence of its own
 * (schema public). */
int backup_pg_is_empty(const char *url, bool *empty, struct err *e);

/* pg_restore of the dump `path` into the database of `url` in one
 * transaction, all or nothing; with `clean` the objects of the dump that
 * exist there are dropped first. */
int backup_pg_restore(const char *url, const char *path, bool clean,
		      struct err *e);

#endif
