/*
 * PostgreSQL backup and restore through the client tools; see backup_pg.h.
 */
#include "domain/backup_pg.h"
#include "base/buf.h"

#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define TOOL_PATH_SIZE 512
#define OUTPUT_MAX ((size_t)64 << 10)

bool backup_pg_url(const char *url)
{
	return !strncmp(url, "postgresql://", 13) ||
	       !strncmp(url, "postgres://", 11);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Append s[0..n) to `b`, %XX sequences decoded (as libpq does). */
static int add_decoded(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 &&
		    hexval(s[i + 2]) >= 0) {
			if (buf_addch(b, (char)(hexval(s[i + 1]) * 16 +
						hexval(s[i + 2]))) < 0)
				return -1;
			i += 2;
		} else if (buf_addch(b, s[i]) < 0) {
			return -1;
		}
	}
	return 0;
}

/*
 * Split `url` into `bare`, the URL without any password, and `password`
 * (decoded; empty when the URL has none). Both buffers must be empty.
 */
static int split_password(const char *url, struct buf *bare,
			  struct buf *password)
{
	size_t pre = !strncmp(url, "postgresql://", 13) ? 13 : 11;
	size_t auth_end = pre + strcspn(url + pre, "/?#");
	const char *at = NULL, *p, *q, *colon;
	bool first = true;
	int rc = 0;

	for (p = url + pre; p < url + auth_end; p++)
		if (*p == '@')
			at = p;
	colon = at ? memchr(url + pre, ':', (size_t)(at - (url + pre))) : NULL;
	if (colon) {
		rc |= buf_add(bare, url, (size_t)(colon - url));
		rc |= add_decoded(password, colon + 1, (size_t)(at - colon - 1));
		rc |= buf_add(bare, at, (size_t)(url + auth_end - at));
	} else {
		rc |= buf_add(bare, url, auth_end);
	}
	/* The path, then the query parameters but password=…. */
	q = strchr(url + auth_end, '?');
	if (!q)
		return rc | buf_adds(bare, url + auth_end);
	rc |= buf_add(bare, url + auth_end, (size_t)(q - (url + auth_end)));
	for (p = q + 1; *p;) {
		size_t n = strcspn(p, "&");

		if (n >= 9 && !strncmp(p, "password=", 9)) {
			buf_reset(password);
			rc |= add_decoded(password, p + 9, n - 9);
		} else if (n) {
			rc |= buf_addch(bare, first ? '?' : '&');
			first = false;
			rc |= buf_add(bare, p, n);
		}
		p += n;
		if (*p == '&')
			p++;
	}
	return rc;
}

/* Release a buffer that held a password, zeroed first. */
static void wipe_release(struct buf *b)
{
	if (b->alloc)
		memset(b->ptr, 0, b->alloc);
	buf_release(b);
}

/* The version number in /usr/lib/postgresql/VERSION/bin/…, 0 if none. */
static double dir_version(const char *path)
{
	const char *v = path + strlen("/usr/lib/postgresql/");

	return strtod(v, NULL);
}

/* The path of the client tool `name` into `out`: on PATH, else the newest
 * /usr/lib/postgresql/VERSION/bin/NAME. */
static int find_tool(const char *name, char *out, size_t size,
		     struct err *e)
{
	const char *path = getenv("PATH"), *p;
	glob_t g;
	double best = -1;
	size_t i;

	for (p = path ? path : ""; *p;) {
		size_t n = strcspn(p, ":");

		if (n && (size_t)snprintf(out, size, "%.*s/%s", (int)n, p,
					  name) < size &&
		    access(out, X_OK) == 0)
			return 0;
		p += n;
		if (*p == ':')
			p++;
	}
	*out = '\0';
	if (snprintf(out, size, "/usr/lib/postgresql/*/bin/%s", name) > 0 &&
	    glob(out, 0, NULL, &g) == 0) {
		*out = '\0';
		for (i = 0; i < g.gl_pathc; i++)
			if (access(g.gl_pathv[i], X_OK) == 0 &&
			    dir_version(g.gl_pathv[i]) > best) {
				best = dir_version(g.gl_pathv[i]);
				snprintf(out, size, "%s", g.gl_pathv[i]);
			}
		globfree(&g);
		if (*out)
			return 0;
	}
	return err_set(e, ERR_INTERNAL, "tool_missing", NULL,
		       "Không tìm thấy %s (gói postgresql-client); cần nó để"
		       " sao lưu và phục hồi PostgreSQL.",
		       name);
}

/*
 * Run the client tool argv[0] with `argv` (argv[0] is replaced by its
 * path) and PGPASSWORD=`password` when not empty; its stdout goes to
 * `out` when given (bounded), else to ours. 0 when it exits with 0.
 */
static int run_tool(char **argv, const char *password, struct buf *out,
		    struct err *e)
{
	char path[TOOL_PATH_SIZE];
	const char *name = argv[0];
	int fds[2] = { -1, -1 }, status;
	pid_t pid;

	if (find_tool(name, path, sizeof(path), e) < 0)
		return -1;
	if (out && pipe(fds) < 0)
		return err_set(e, ERR_INTERNAL, "io", NULL,
			       "Không chạy được %s: %s", name, strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		if (out) {
			close(fds[0]);
			close(fds[1]);
		}
		return err_set(e, ERR_INTERNAL, "io", NULL,
			       "Không chạy được %s: %s", name, strerror(errno));
	}
	if (pid == 0) {
		if (out) {
			dup2(fds[1], STDOUT_FILENO);
			close(fds[0]);
			close(fds[1]);
		}
		if (password && *password)
			setenv("PGPASSWORD", password, 1);
		umask(027); /* a dump holds password hashes: not world-readable */
		argv[0] = path;
		execv(path, argv);
		fprintf(stderr, "tuyengiao: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (out) {
		char chunk[4096];
		ssize_t n;

		close(fds[1]);
		while ((n = read(fds[0], chunk, sizeof(chunk))) != 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				break;
			if (out->len + (size_t)n <= OUTPUT_MAX)
				buf_add(out, chunk, (size_t)n);
		}
		close(fds[0]);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return err_set(e, ERR_INTERNAL, "io", NULL,
				       "Không chờ được %s: %s", name,
				       strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		return err_set(e, ERR_INTERNAL, "tool_failed", NULL,
			       "%s thất bại (mã thoát %d); xem thông báo của"
			       " nó ở trên.",
			       name, WEXITSTATUS(status));
	return err_set(e, ERR_INTERNAL, "tool_failed", NULL,
		       "%s bị dừng bởi tín hiệu %d.", name,
		       WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

int backup_pg_dump(const char *url, const char *path, struct err *e)
{
	struct buf bare = BUF_INIT, pw = BUF_INIT;
	char *argv[] = { "pg_dump",	"--format=custom", "--no-owner",
			 "--no-privileges", "--file",	  (char *)path,
			 "--dbname",	NULL,		  NULL };
	int rc;

	if (split_password(url, &bare, &pw) < 0) {
		rc = err_invalid(e, "db", "Địa chỉ cơ sở dữ liệu quá dài.");
		goto out;
	}
	argv[7] = bare.ptr;
	rc = run_tool(argv, pw.ptr, NULL, e);
out:
	wipe_release(&pw);
	buf_release(&bare);
	return rc;
}

int backup_pg_is_empty(const char *url, bool *empty, struct err *e)
{
	struct buf bare = BUF_INIT, pw = BUF_INIT, out = BUF_INIT;
	char *argv[] = { "psql",
			 "-XAtq",
			 "-v",
			 "ON_ERROR_STOP=1",
			 "-d",
			 NULL,
			 "-c",
			 "SELECT count(*) FROM pg_class c JOIN pg_namespace n"
			 " ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
			 " AND c.relkind IN ('r', 'p', 'v', 'm', 'S')",
			 NULL };
	int rc;

	*empty = false;
	if (split_password(url, &bare, &pw) < 0) {
		rc = err_invalid(e, "db", "Địa chỉ cơ sở dữ liệu quá dài.");
		goto out;
	}
	argv[5] = bare.ptr;
	rc = run_tool(argv, pw.ptr, &out, e);
	if (!rc)
		*empty = strtol(out.ptr, NULL, 10) == 0 && out.ptr[0] == '0';
out:
	wipe_release(&pw);
	buf_release(&bare);
	buf_release(&out);
	return rc;
}

int backup_pg_restore(const char *url, const char *path, bool clean,
		      struct err *e)
{
	struct buf bare = BUF_INIT, pw = BUF_INIT;
	char *argv[12];
	int rc, n = 0;

	if (split_password(url, &bare, &pw) < 0) {
		rc = err_invalid(e, "db", "Địa chỉ cơ sở dữ liệu quá dài.");
		goto out;
	}
	argv[n++] = "pg_restore";
	argv[n++] = "--no-owner";
	argv[n++] = "--no-privileges";
	argv[n++] = "--single-transaction";
	argv[n++] = "--exit-on-error";
	if (clean) {
		argv[n++] = "--clean";
		argv[n++] = "--if-exists";
	}
	argv[n++] = "--dbname";
	argv[n++] = bare.ptr;
	argv[n++] = (char *)path;
	argv[n] = NULL;
	rc = run_tool(argv, pw.ptr, NULL, e);
out:
	wipe_release(&pw);
	buf_release(&bare);
	return rc;
}
