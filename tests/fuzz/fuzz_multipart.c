/*
 * libFuzzer target: streaming multipart/form-data uploads
 * (src/http/multipart.c) through a real libmicrohttpd connection.
 *
 * LLVMFuzzerInitialize starts one daemon on 127.0.0.1 (a free port, its
 * own polling thread) whose handler drives the upload API the way
 * src/http/server.c and api_documents.c do: upload_begin() on a request's
 * first call, upload_feed() for every chunk of the body, upload_finish()
 * when the body is complete (api_attachments_upload), upload_free() when
 * the request is completed (req_release). The attachments directory is a
 * mkdtemp directory (attachments_configure).
 *
 * Each input is one request on one loopback connection:
 *   POST /u HTTP/1.1, Content-Type: multipart/form-data; boundary=...
 * with a correct Content-Length; the first byte chooses the Content-Type
 * (bits 0-2: five boundaries, no boundary, not multipart) and the size
 * limit (bits 3-4: 1 MiB, 512, 16 or 0 bytes, so 413 is reached), the
 * rest is the body. The response is read to the end.
 *
 * Invariants: the answer is 201, 400 or 413 (500 means a temporary file
 * could not be created or written: leaked descriptors, a missing
 * directory) and is the one the handler chose; a refused upload leaves
 * no file and says why; an accepted one is a temporary file under the
 * attachments directory whose size, first bytes and SHA-256 are those
 * upload_finish() reported, within the limit; 413 only when the body was
 * larger than the limit. After each request has completed, the
 * temporary directory is empty and no descriptor is open on it (that is
 * upload_free()). FUZZ_MULTIPART_VERBOSE=1 prints each answer's status
 * (to see what a corpus file reaches).
 *
 * FUZZ_SRC: src/http/multipart.c src/domain/attachments.c
 * attachments.c brings the domain and store layers it calls:
 * FUZZ_SRC: src/domain/audit.c src/domain/documents.c src/domain/docnumber.c
 * FUZZ_SRC: src/domain/tasks.c src/domain/units.c src/domain/unit_history.c
 * FUZZ_SRC: src/domain/periods.c src/domain/rollup.c src/domain/rollup_agg.c
 * FUZZ_SRC: src/domain/appraisals.c src/domain/commendations.c
 * FUZZ_SRC: src/domain/history.c src/domain/honours_rollup.c
 * FUZZ_SRC: src/domain/indicators.c
 * FUZZ_SRC: src/domain/opinion.c src/domain/privacy.c src/domain/topics.c
 * FUZZ_SRC: src/domain/publications.c src/domain/records.c
 * FUZZ_SRC: src/store/store.c src/store/store_sqlite.c src/store/store_pg.c
 * FUZZ_SRC: src/store/queries.c src/store/schema_sqlite.c src/store/schema_pg.c
 * FUZZ_SRC: src/store/sql_pg_overrides.c
 * FUZZ_SRC: src/base/buf.c src/base/clock.c src/base/err.c src/base/format.c
 * FUZZ_SRC: src/base/idarray.c src/base/json.c src/base/mem.c src/base/text.c
 * FUZZ_LIBS: libmicrohttpd libsodium jansson sqlite3 libpq
 */
#include "http/multipart.h"
#include "domain/attachments.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BODY_MAX ((size_t)1 << 20)

static const char *const content_types[8] = {
	"multipart/form-data; boundary=tgfuzz",
	"multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
	"multipart/form-data; boundary=\"quoted: boundary\"",
	"multipart/form-data; boundary=x",
	"Multipart/Form-Data; charset=utf-8; boundary=tgfuzz",
	("multipart/form-data; boundary=tgfuzz-012345678901234567890123456789"
	 "012345678901234567890123456789012"), /* 70 characters, RFC 2046's most */
	"multipart/form-data", /* no boundary: no post processor */
	"application/x-www-form-urlencoded",
};
static const size_t limits[4] = { (size_t)1 << 20, 512, 16, 0 };

static struct MHD_Daemon *daemon_;
static uint16_t port;
static char base_dir[64]; /* the attachments directory (mkdtemp) */
static char tmp_dir[128]; /* base_dir/tmp, where uploads are written */

/* What the test asks of the handler, and what the handler saw. */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static size_t cur_limit;
static size_t cur_body;
static unsigned started, completed;
static int last_status;
static bool verbose; /* FUZZ_MULTIPART_VERBOSE=1: print each status */

struct req {
	struct upload *upload;
};

/* Nothing may remain in the temporary directory. */
static void check_tmp_empty(void)
{
	DIR *d = opendir(tmp_dir);
	struct dirent *de;

	if (!d)
		__builtin_trap();
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			fprintf(stderr, "fuzz_multipart: left behind: %s/%s\n",
				tmp_dir, de->d_name);
			__builtin_trap();
		}
	closedir(d);
}

/* No descriptor of this process is open on a file of tmp_dir. */
static void check_no_tmp_fd(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	size_t n = strlen(tmp_dir);

	if (!d)
		return;
	while ((de = readdir(d))) {
		char link[64], target[512];
		ssize_t len;

		if (de->d_name[0] == '.')
			continue;
		snprintf(link, sizeof(link), "/proc/self/fd/%s", de->d_name);
		len = readlink(link, target, sizeof(target) - 1);
		if (len <= 0)
			continue;
		target[len] = '\0';
		if (!strncmp(target, tmp_dir, n) && target[n] == '/') {
			fprintf(stderr,
				"fuzz_multipart: descriptor %s left open"
				" on %s\n",
				de->d_name, target);
			__builtin_trap();
		}
	}
	closedir(d);
}

/* An accepted upload: the temporary file is what upload_finish() says. */
static void check_file(const struct upload_file *f, size_t max)
{
	static char buf[((size_t)1 << 20) + 1];
	unsigned char digest[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1];
	size_t n = 0, i, dlen = strlen(tmp_dir);
	ssize_t r;
	int fd;

	if (!memchr(f->tmp_path, 0, sizeof(f->tmp_path)) ||
	    !memchr(f->filename, 0, sizeof(f->filename)) ||
	    !memchr(f->sha256, 0, sizeof(f->sha256)))
		__builtin_trap();
	if (strncmp(f->tmp_path, tmp_dir, dlen) || f->tmp_path[dlen] != '/')
		__builtin_trap(); /* under the attachments directory */
	if (f->size > max)
		__builtin_trap();
	if (f->head_len !=
	    (f->size < sizeof(f->head) ? f->size : sizeof(f->head)))
		__builtin_trap();
	fd = open(f->tmp_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		__builtin_trap();
	while ((r = read(fd, buf + n, sizeof(buf) - n)) > 0)
		n += (size_t)r;
	close(fd);
	if (r < 0 || n != f->size)
		__builtin_trap();
	if (memcmp(buf, f->head, f->head_len))
		__builtin_trap();
	crypto_hash_sha256(digest, (const unsigned char *)buf, n);
	for (i = 0; i < sizeof(digest); i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	if (strcmp(hex, f->sha256))
		__builtin_trap();
}

/* The body is complete: what api_attachments_upload() does up to
 * attachments_add(). */
static int finish(struct req *r)
{
	struct upload_file *f = (struct upload_file *)1;
	struct err e = ERR_INIT;

	if (!r->upload)
		return 400; /* not multipart: the API's "use multipart" 400 */
	if (upload_finish(r->upload, &f, &e) < 0) {
		if (f || !e.message[0])
			__builtin_trap(); /* nothing to attach, and says why */
		if ((e.status == 400 || e.status == 413) &&
		    strcmp(e.field, "file"))
			__builtin_trap();
		if (e.status != 400 && e.status != 413 && e.status != 500)
			__builtin_trap();
		if (e.status == 413 && cur_body <= cur_limit)
			__builtin_trap(); /* the file is part of the body */
		check_tmp_empty();	  /* a refusal keeps nothing */
		return e.status;
	}
	if (!f)
		__builtin_trap();
	check_file(f, cur_limit);
	return 201;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **req_cls)
{
	struct req *r = *req_cls;
	struct MHD_Response *resp;
	enum MHD_Result ret;
	int status;

	(void)cls;
	(void)url;
	(void)method;
	(void)version;
	if (!r) {
		*req_cls = r = calloc(1, sizeof(*r));
		if (!r)
			return MHD_NO;
		pthread_mutex_lock(&mu);
		started++;
		pthread_mutex_unlock(&mu);
		r->upload = upload_begin(mc, cur_limit);
		return MHD_YES;
	}
	if (*upload_size) {
		if (r->upload)
			upload_feed(r->upload, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	status = finish(r);
	pthread_mutex_lock(&mu);
	last_status = status;
	pthread_mutex_unlock(&mu);
	resp = MHD_create_response_from_buffer(0, (void *)"",
					       MHD_RESPMEM_PERSISTENT);
	ret = MHD_queue_response(mc, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **req_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct req *r = *req_cls;

	(void)cls;
	(void)mc;
	(void)toe;
	if (!r)
		return;
	upload_free(r->upload);
	free(r);
	*req_cls = NULL;
	pthread_mutex_lock(&mu);
	completed++;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
}

static void cleanup(void)
{
	if (daemon_)
		MHD_stop_daemon(daemon_);
	daemon_ = NULL;
	rmdir(tmp_dir);
	rmdir(base_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *info;

	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	snprintf(base_dir, sizeof(base_dir), "/tmp/fuzz_multipart-XXXXXX");
	if (!mkdtemp(base_dir))
		abort();
	attachments_configure(NULL, base_dir, 0);
	snprintf(tmp_dir, sizeof(tmp_dir), "%s", attachments_tmp_dir());
	if (strcmp(tmp_dir, "") == 0 || access(tmp_dir, W_OK) < 0)
		abort();
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = 0;
	daemon_ = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL, &on_request, NULL,
		MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&sa,
		MHD_OPTION_NOTIFY_COMPLETED, &on_completed, NULL,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)10, MHD_OPTION_END);
	if (!daemon_)
		abort();
	info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
	if (!info || !info->port)
		abort();
	port = info->port;
	atexit(cleanup);
	verbose = getenv("FUZZ_MULTIPART_VERBOSE") != NULL;
	return 0;
}

static void send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

		if (w <= 0) {
			if (w < 0 && errno == EINTR)
				continue;
			return; /* the server closed: read its answer */
		}
		p += w;
		n -= (size_t)w;
	}
}

/*
 * A connection to the daemon. Thousands of connections a second exhaust
 * the loopback's ephemeral ports for a moment now and then (connect says
 * EADDRNOTAVAIL or EAGAIN): wait and try again, for up to 10 s, rather
 * than count the harness's own limit as a crash. Closed with a reset
 * (SO_LINGER 0), so that no port waits in TIME_WAIT on this side.
 */
static int connect_retrying(const struct sockaddr_in *sa,
			    const struct timeval *tv)
{
	struct linger lg = { 1, 0 };
	struct timespec pause = { 0, 10 * 1000 * 1000 };
	int fd, tries;

	for (tries = 0; tries < 1000; tries++) {
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			abort();
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, sizeof(*tv));
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, tv, sizeof(*tv));
		setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		if (connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) == 0)
			return fd;
		close(fd);
		if (errno != EADDRNOTAVAIL && errno != EAGAIN &&
		    errno != EINTR && errno != ECONNREFUSED)
			break;
		nanosleep(&pause, NULL);
	}
	abort(); /* the daemon cannot be reached at all */
}

/* The status of the response read to its end; 0 if there was none. */
static int exchange(const char *head, size_t head_len, const uint8_t *body,
		    size_t body_len)
{
	struct sockaddr_in sa;
	struct timeval tv = { 10, 0 };
	char resp[4096];
	size_t got = 0;
	ssize_t r;
	int fd, status = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons(port);
	fd = connect_retrying(&sa, &tv);
	send_all(fd, head, head_len);
	send_all(fd, (const char *)body, body_len);
	for (;;) {
		r = recv(fd, resp + got, sizeof(resp) - 1 - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			__builtin_trap(); /* no answer in 10 s */
		if (r <= 0)
			break;
		got += (size_t)r;
		if (got == sizeof(resp) - 1)
			got = 12; /* keep the status line, drop the rest */
	}
	close(fd);
	resp[got] = '\0';
	if (got >= 12 && !strncmp(resp, "HTTP/1.1 ", 9))
		status = atoi(resp + 9);
	return status;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct timespec deadline;
	char head[512];
	int n, status, handled;
	uint8_t sel;

	if (size < 1 || size - 1 > BODY_MAX)
		return 0;
	sel = data[0];
	pthread_mutex_lock(&mu);
	cur_limit = limits[(sel >> 3) & 3];
	cur_body = size - 1;
	last_status = 0;
	pthread_mutex_unlock(&mu);
	n = snprintf(head, sizeof(head),
		     "POST /u HTTP/1.1\r\n"
		     "Host: 127.0.0.1\r\n"
		     "Content-Type: %s\r\n"
		     "Content-Length: %zu\r\n"
		     "Connection: close\r\n"
		     "\r\n",
		     content_types[sel & 7], size - 1);
	status = exchange(head, (size_t)n, data + 1, size - 1);

	/* Wait until the daemon has completed (and freed) the request. */
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 10;
	pthread_mutex_lock(&mu);
	while (completed != started)
		if (pthread_cond_timedwait(&cv, &mu, &deadline) == ETIMEDOUT)
			__builtin_trap(); /* a request never completed */
	handled = last_status;
	pthread_mutex_unlock(&mu);

	if (status != 201 && status != 400 && status != 413)
		__builtin_trap();
	if (status != handled)
		__builtin_trap(); /* the answer is the handler's */
	check_tmp_empty();
	check_no_tmp_fd();
	if (verbose)
		fprintf(stderr, "fuzz_multipart: %d\n", status);
	return 0;
}
