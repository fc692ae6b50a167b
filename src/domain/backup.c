/*
 * Online backup and restore; see backup.h.
 */
#include "domain/backup.h"
#include "domain/attachments.h"
#include "domain/backup_pg.h"
#include "store/store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH_SIZE 1024

static const char *sqlite_path(const char *url)
{
	return !strncmp(url, "sqlite:", 7) ? url + 7 : url;
}

/* 1 if `dir` does not exist or is empty, 0 if it has entries, -1 if it
 * exists but is not a readable directory. */
static int dir_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int empty = 1;

	if (!d)
		return errno == ENOENT ? 1 : -1;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

/* True if the attachments directory holds nothing but tmp/. */
static bool tree_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	bool empty = true;

	if (!d)
		return true;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, "tmp"))
			empty = false;
	closedir(d);
	return empty;
}

static int fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Copy the regular file `from` to `to` (replaced), fsynced. */
static int copy_file(const char *from, const char *to, long long *bytes,
		     struct err *e)
{
	char buf[65536];
	int in, out;
	ssize_t n;
	int rc = 0;

	in = open(from, O_RDONLY);
	if (in < 0)
		return err_set(e, ERR_INTERNAL, "io", NULL,
			       "Không đọc được %s: %s", from, strerror(errno));
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	if (out < 0) {
		close(in);
		return err_set(e, ERR_INTERNAL, "io", NULL,
			       "Không ghi được %s: %s", to, strerror(errno));
	}
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		char *p = buf;

		*bytes += n;
		while (n > 0) {
			ssize_t w = write(out, p, (size_t)n);

			if (w < 0) {
				if (errno == EINTR)
					continue;
				rc = -1;
				break;
			}
			p += w;
			n -= w;
		}
		if (rc)
			break;
	}
	if (n < 0 || rc || fsync(out) < 0)
		rc = err_set(e, ERR_INTERNAL, "io", NULL,
			     "Lỗi khi sao chép %s sang %s: %s", from, to,
			     strerror(errno));
	if (close(out) < 0 && !rc)
		rc = err_set(e, ERR_INTERNAL, "io", NULL,
			     "Không ghi được %s: %s", to, strerror(errno));
	close(in);
	return rc;
}

/* Copy the tree `from` into `to` (created), skipping `from`/tmp at the
 * top. Regular files and directories only. */
static int copy_tree(const char *from, const char *to, bool top,
		     struct backup_stats *st, struct err *e)
{
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if (mkdir(to, 0750) < 0 && errno != EEXIST)
		return err_set(e, ERR_INTERNAL, "io", NULL,
			       "Không tạo được thư mục %s: %s", to,
			       strerror(errno));
	d = opendir(from);
	if (!d)
		return errno == ENOENT
			       ? 0
			       : err_set(e, ERR_INTERNAL, "io", NULL,
					 "Không đọc được thư mục %s: %s", from,
					 strerror(errno));
	while (!rc && (de = readdir(d))) {
		char src[PATH_SIZE], dst[PATH_SIZE];
		struct stat sb;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    (top && !strcmp(de->d_name, "tmp")))
			continue;
		if ((size_t)snprintf(src, sizeof(src), "%s/%s", from,
				     de->d_name) >= sizeof(src) ||
		    (size_t)snprintf(dst, sizeof(dst), "%s/%s", to,
				     de->d_name) >= sizeof(dst)) {
			rc = err_set(e, ERR_INTERNAL, "io", NULL,
				     "Đường dẫn quá dài: %s", src);
			break;
		}
		if (lstat(src, &sb) < 0)
			continue; /* gone meanwhile */
		if (S_ISDIR(sb.st_mode)) {
			rc = copy_tree(src, dst, false, st, e);
		} else if (S_ISREG(sb.st_mode)) {
			rc = copy_file(src, dst, &st->file_bytes, e);
			if (!rc)
				st->files++;
		}
	}
	closedir(d);
	if (!rc)
		fsync_path(to);
	return rc;
}

/* The database part of a backup of SQLite: the online backup API into
 * `part`. */
static int backup_sqlite(const char *db_url, const char *part,
			 struct err *e)
{
	struct store *s;
	struct store_conn *c;
	struct stat sb;
	int rc;

	if (stat(sqlite_path(db_url), &sb) < 0)
		return err_invalid(e, "db", "Không có cơ sở dữ liệu %s.",
				   sqlite_path(db_url));
	if (store_open(&s, db_url, 1, e) < 0)
		return -1;
	if (!s->be->backup) {
		store_close(s);
		return err_set(e, ERR_INTERNAL, "unsupported", "db",
			       "Cơ sở dữ liệu này không có sao lưu trực"
			       " tuyến.");
	}
	c = store_acquire(s, e);
	if (!c) {
		store_close(s);
		return -1;
	}
	rc = s->be->backup(c, part, e);
	store_release(c);
	store_close(s);
	return rc;
}

int backup_run(const char *db_url, const char *files_dir,
	       const char *out_dir, struct backup_stats *st, struct err *e)
{
	char part[PATH_SIZE], final[PATH_SIZE], files[PATH_SIZE];
	const char *name = backup_pg_url(db_url) ? BACKUP_PG_NAME
						  : BACKUP_DB_NAME;
	struct stat sb;
	int rc, empty;

	memset(st, 0, sizeof(*st));
	empty = dir_empty(out_dir);
	if (empty < 0)
		return err_invalid(e, "o", "%s không phải là thư mục.", out_dir);
	if (!empty)
		return err_set(e, ERR_CONFLICT, "conflict", "o",
			       "Thư mục %s đã có dữ liệu; hãy chọn thư mục"
			       " mới hoặc trống.",
			       out_dir);
	if (mkdir(out_dir, 0750) < 0 && errno != EEXIST)
		return err_set(e, ERR_INTERNAL, "io", "o",
			       "Không tạo được thư mục %s: %s", out_dir,
			       strerror(errno));
	if ((size_t)snprintf(part, sizeof(part), "%s/%s.part", out_dir,
			     name) >= sizeof(part) ||
	    (size_t)snprintf(final, sizeof(final), "%s/%s", out_dir, name) >=
		    sizeof(final) ||
	    (size_t)snprintf(files, sizeof(files), "%s/files", out_dir) >=
		    sizeof(files))
		return err_invalid(e, "o", "Đường dẫn quá dài: %s", out_dir);
	rc = backup_pg_url(db_url) ? backup_pg_dump(db_url, part, e)
				   : backup_sqlite(db_url, part, e);
	if (rc < 0) {
		unlink(part);
		return -1;
	}
	if (fsync_path(part) < 0 || rename(part, final) < 0) {
		unlink(part);
		return err_set(e, ERR_INTERNAL, "io", "o",
			       "Không ghi được %s: %s", final, strerror(errno));
	}
	fsync_path(out_dir);
	if (stat(final, &sb) == 0)
		st->db_bytes = (long long)sb.st_size;
	attachments_configure(db_url, files_dir, 0);
	return copy_tree(attachments_dir(), files, true, st, e);
}

/* The database part of a restore into SQLite (see backup.h): `src` is
 * the backup's tuyengiao.db. */
static int restore_sqlite(const char *db_url, const char *src, bool force,
			  long long *bytes, struct err *e)
{
	char part[PATH_SIZE], side[PATH_SIZE + 8];
	const char *target = sqlite_path(db_url);
	struct store *s;
	struct stat sb;

	if (!*target)
		return err_invalid(e, "db", "Thiếu đường dẫn cơ sở dữ liệu.");
	if ((size_t)snprintf(part, sizeof(part), "%s.restore", target) >=
	    sizeof(part))
		return err_invalid(e, "db", "Đường dẫn quá dài: %s", target);
	if (!force && stat(target, &sb) == 0 && sb.st_size > 0)
		return err_set(e, ERR_CONFLICT, "conflict", "db",
			       "Cơ sở dữ liệu %s đã có dữ liệu; dùng --force"
			       " để ghi đè.",
			       target);
	/* Copy, then open the copy: it must be one of our databases, and
	 * newer migrations are applied to it, not to the backup. */
	unlink(part);
	snprintf(side, sizeof(side), "%s-wal", part);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", part);
	unlink(side);
	if (copy_file(src, part, bytes, e) < 0) {
		unlink(part);
		return -1;
	}
	if (store_open(&s, part, 1, e) < 0) {
		char why[sizeof(e->message)];

		snprintf(why, sizeof(why), "%s", e->message);
		unlink(part);
		return err_invalid(e, "i",
				   "%s không phải là bản sao lưu hợp lệ: %s",
				   src, why);
	}
	store_close(s); /* the last connection checkpoints the WAL */
	if (fsync_path(part) < 0)
		return err_set(e, ERR_INTERNAL, "io", "db",
			       "Không ghi được %s: %s", part, strerror(errno));
	snprintf(side, sizeof(side), "%s-wal", target);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", target);
	unlink(side);
	if (rename(part, target) < 0) {
		unlink(part);
		return err_set(e, ERR_INTERNAL, "io", "db",
			       "Không ghi được %s: %s", target,
			       strerror(errno));
	}
	return 0;
}

/* The database part of a restore into PostgreSQL: pg_restore of `src`
 * (the backup's tuyengiao.pgdump) in one transaction, then the store
 * opened on it, which applies newer migrations. */
static int restore_pg(const char *db_url, const char *src, bool force,
		      long long *bytes, struct err *e)
{
	struct store *s;
	struct stat sb;
	bool empty;

	if (!force) {
		if (backup_pg_is_empty(db_url, &empty, e) < 0)
			return -1;
		if (!empty)
			return err_set(e, ERR_CONFLICT, "conflict", "db",
				       "Cơ sở dữ liệu PostgreSQL đích đã có"
				       " bảng; hãy phục hồi vào một cơ sở dữ"
				       " liệu trống hoặc dùng --force để ghi"
				       " đè.");
	}
	if (backup_pg_restore(db_url, src, force, e) < 0)
		return -1;
	if (store_open(&s, db_url, 1, e) < 0)
		return -1;
	store_close(s);
	if (stat(src, &sb) == 0)
		*bytes = (long long)sb.st_size;
	return 0;
}

int restore_run(const char *db_url, const char *files_dir,
		const char *in_dir, bool force, struct backup_stats *st,
		struct err *e)
{
	char src[PATH_SIZE], files[PATH_SIZE];
	bool to_pg = backup_pg_url(db_url);
	const char *name = to_pg ? BACKUP_PG_NAME : BACKUP_DB_NAME;
	const char *other = to_pg ? BACKUP_DB_NAME : BACKUP_PG_NAME;
	struct stat sb;
	long long bytes = 0;
	int rc;

	memset(st, 0, sizeof(*st));
	if ((size_t)snprintf(files, sizeof(files), "%s/files", in_dir) >=
		    sizeof(files) ||
	    (size_t)snprintf(src, sizeof(src), "%s/%s", in_dir, other) >=
		    sizeof(src))
		return err_invalid(e, "i", "Đường dẫn quá dài: %s", in_dir);
	if (stat(src, &sb) == 0)
		return err_invalid(e, "i",
				   "%s là bản sao lưu %s; chỉ phục hồi được vào"
				   " cơ sở dữ liệu %s.",
				   in_dir, to_pg ? "SQLite" : "PostgreSQL",
				   to_pg ? "SQLite" : "PostgreSQL");
	snprintf(src, sizeof(src), "%s/%s", in_dir, name);
	if (stat(src, &sb) < 0 || !S_ISREG(sb.st_mode))
		return err_invalid(e, "i",
				   "%s không phải là bản sao lưu (thiếu %s).",
				   in_dir, name);
	attachments_configure(db_url, files_dir, 0);
	if (!force && !tree_empty(attachments_dir()))
		return err_set(e, ERR_CONFLICT, "conflict", "db",
			       "Thư mục tệp đính kèm %s đã có dữ liệu; dùng"
			       " --force để ghi đè.",
			       attachments_dir());
	rc = to_pg ? restore_pg(db_url, src, force, &bytes, e)
		   : restore_sqlite(db_url, src, force, &bytes, e);
	if (rc < 0)
		return -1;
	st->db_bytes = bytes;
	return copy_tree(files, attachments_dir(), true, st, e);
}
