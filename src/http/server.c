/*
 * The libmicrohttpd server: its internal thread pool with epoll, request
 * body collection with a size limit, and turning a `struct req` into a
 * response with the security headers every answer carries. With
 * --tls-cert/--tls-key it speaks HTTPS only (libmicrohttpd with GnuTLS);
 * plain HTTP to that port then fails at the handshake.
 *
 * Keep-alive: libmicrohttpd answers "Connection: close" to a response
 * queued on the first call of a request, so the first call only sets up the
 * request and the response is queued on a later one.
 */
#include "http/http.h"
#include "base/gzip.h"
#include "base/mem.h"
#include "store/store.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct server {
	struct store *store;
	struct store *read_store;
	const struct server_config *cfg;
};

static const char csp[] =
	"default-src 'self'; script-src 'self'; style-src 'self';"
	" img-src 'self' data:; connect-src 'self'; font-src 'self';"
	" object-src 'none'; frame-ancestors 'none'; base-uri 'none';"
	" form-action 'self'";

static enum method parse_method(const char *m)
{
	static const struct {
		const char *name;
		enum method m;
	} t[] = { { "GET", M_GET },	  { "POST", M_POST },
		  { "PUT", M_PUT },	  { "PATCH", M_PATCH },
		  { "DELETE", M_DELETE }, { "HEAD", M_HEAD } };
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(t[i].name, m))
			return t[i].m;
	return M_OTHER;
}

static void client_ip(struct MHD_Connection *mc, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, size, "?");
	if (!sa)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
			  out, (socklen_t)size);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
			  &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
			  (socklen_t)size);
}

static struct req *req_new(struct server *srv, struct MHD_Connection *mc,
			   const char *url, const char *method)
{
	struct req *r = xcalloc(1, sizeof(*r));

	r->mc = mc;
	r->cfg = srv->cfg;
	r->store = srv->store;
	r->read_store = srv->read_store;
	r->method_name = method;
	r->method = parse_method(method);
	r->path = xstrdup(url);
	buf_init(&r->body, HTTP_JSON_BODY_MAX);
	buf_init(&r->raw, BUF_DEFAULT_MAX);
	client_ip(mc, r->ip, sizeof(r->ip));
	return r;
}

/* Hand the request's database connections back to their pools. */
static void req_release_db(struct req *r)
{
	store_release(r->db_read);
	store_release(r->db_primary);
	r->db = r->db_read = r->db_primary = NULL;
}

static void req_release(struct req *r)
{
	req_release_db(r);
	http_upload_free(r);
	buf_release(&r->body);
	buf_release(&r->raw);
	json_decref(r->json);
	if (r->file_resp)
		MHD_destroy_response(r->file_resp);
	free(r->set_cookie);
	free(r->disposition);
	free(r->path);
	free(r);
}

static void add_common_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy",
				"same-origin");
}

/* Whether an answer of this type gains from gzip: JSON and text (CSV),
 * not the DOCX and XLSX files, which are zip archives already. */
static bool compressible(const char *type)
{
	return type && (!strncmp(type, "application/json", 16) ||
			!strncmp(type, "text/", 5));
}

/*
 * The response for `body` (malloc'd, taken over) of an API answer: gzipped
 * when it is JSON or text of at least GZIP_MIN_SIZE bytes, the client takes
 * gzip, and the handler did not rule it out (an answer carrying a secret:
 * compression next to text an attacker chose leaks it, as in BREACH).
 * `gz`: the body is gzipped already (r->raw from the roll-up's memory).
 */
static struct MHD_Response *body_response(struct req *r, char *body,
					  size_t len, const char *type, bool gz)
{
	struct MHD_Response *resp;
	bool vary = r->api_route && !r->no_gzip && compressible(type) &&
		    len >= GZIP_MIN_SIZE;

	if (vary && !gz && http_accepts_gzip(r)) {
		struct buf z = BUF_INIT;

		if (gzip_compress(body, len, &z) == 0) {
			free(body);
			body = buf_detach(&z, &len);
			gz = true;
		} else {
			buf_release(&z);
		}
	}
	resp = MHD_create_response_from_buffer(len, body,
					       MHD_RESPMEM_MUST_FREE);
	if (type)
		MHD_add_response_header(resp, "Content-Type", type);
	if (gz)
		MHD_add_response_header(resp, "Content-Encoding", "gzip");
	if (vary || gz)
		MHD_add_response_header(resp, "Vary", "Accept-Encoding");
	if (r->api_route || r->json)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	return resp;
}

static enum MHD_Result send_response(struct req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	char *text;

	if (r->file_resp) {
		resp = r->file_resp;
		r->file_resp = NULL;
	} else if (r->json) {
		text = json_dumps(r->json, JSON_COMPACT);
		if (!text)
			text = xstrdup("{}");
		resp = body_response(r, text, strlen(text),
				     "application/json; charset=utf-8", false);
	} else {
		size_t len;
		char *body = buf_detach(&r->raw, &len);

		resp = body_response(r, body, len, r->content_type,
				     r->raw_gzip);
	}
	add_common_headers(resp);
	if (r->set_cookie)
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
	if (r->disposition)
		MHD_add_response_header(resp, "Content-Disposition",
					r->disposition);
	if (r->allow)
		MHD_add_response_header(resp, "Allow", r->allow);
	ret = MHD_queue_response(r->mc, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **req_cls)
{
	struct server *srv = cls;
	struct req *r = *req_cls;

	(void)version;
	if (!r) {
		*req_cls = r = req_new(srv, mc, url, method);
		http_upload_begin(r);
		return MHD_YES;
	}
	if (*upload_size && r->upload) {
		http_upload_feed(r, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->body_too_large &&
		    buf_add(&r->body, upload, *upload_size) < 0) {
			r->body_too_large = true;
			buf_release(&r->body);
		}
		*upload_size = 0;
		return MHD_YES;
	}
	router_dispatch(r);
	/* The answer is complete in memory: give the connections back now,
	 * not when MHD reports the request completed. A worker thread that
	 * held one until then while waiting in store_acquire() for another
	 * request of its own could leave every worker waiting for a
	 * connection that only a waiting worker would give back. */
	req_release_db(r);
	return send_response(r);
}

static void on_completed(void *cls, struct MHD_Connection *mc,
			 void **req_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)mc;
	(void)toe;
	if (*req_cls)
		req_release(*req_cls);
	*req_cls = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_in *sa)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	char *end;
	long port;

	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	if (!colon || (size_t)(colon - listen) >= sizeof(host))
		return -1;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535)
		return -1;
	if (inet_pton(AF_INET, host[0] ? host : "0.0.0.0", &sa->sin_addr) != 1)
		return -1;
	sa->sin_port = htons((uint16_t)port);
	return 0;
}

/* Start the daemon on `sa`; with TLS when the configuration has it. */
static struct MHD_Daemon *start(struct server *srv, const struct sockaddr_in *sa,
				unsigned threads)
{
	const struct server_config *cfg = srv->cfg;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
			 MHD_USE_ERROR_LOG;

	if (cfg->tls_cert)
		return MHD_start_daemon(
			flags | MHD_USE_TLS, 0, NULL, NULL, &on_request, srv,
			MHD_OPTION_THREAD_POOL_SIZE, threads,
			MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)sa,
			MHD_OPTION_NOTIFY_COMPLETED, &on_completed, srv,
			MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)60,
			MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1024,
			MHD_OPTION_HTTPS_MEM_CERT, cfg->tls_cert,
			MHD_OPTION_HTTPS_MEM_KEY, cfg->tls_key,
			MHD_OPTION_END);
	return MHD_start_daemon(
		flags, 0, NULL, NULL, &on_request, srv,
		MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_SOCK_ADDR,
		(const struct sockaddr *)sa, MHD_OPTION_NOTIFY_COMPLETED,
		&on_completed, srv, MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned int)60, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned int)1024, MHD_OPTION_END);
}

/*
 * Check the certificate and key before taking the real port: a daemon on a
 * loopback port of the system's choosing starts only when GnuTLS accepts
 * both and the key belongs to the certificate, so a bad file is reported
 * as such rather than as a port that cannot be opened.
 */
static int tls_check(struct server *srv)
{
	struct sockaddr_in probe;
	struct MHD_Daemon *d;

	if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
		fprintf(stderr,
			"tuyengiao: thư viện libmicrohttpd trên máy này được"
			" biên dịch không có TLS (GnuTLS); không thể dùng"
			" --tls-cert/--tls-key. Hãy chạy sau một reverse proxy"
			" HTTPS với --secure-cookies.\n");
		return -1;
	}
	memset(&probe, 0, sizeof(probe));
	probe.sin_family = AF_INET;
	probe.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	d = start(srv, &probe, 2);
	if (!d) {
		fprintf(stderr,
			"tuyengiao: --tls-cert/--tls-key: chứng chỉ hoặc khóa"
			" riêng không hợp lệ, hoặc khóa không khớp với chứng"
			" chỉ (cần tệp PEM)\n");
		return -1;
	}
	MHD_stop_daemon(d);
	return 0;
}

int server_run(struct store *s, struct store *read,
	       const struct server_config *cfg)
{
	struct server srv = { s, read, cfg };
	struct sockaddr_in sa;
	struct MHD_Daemon *d;
	sigset_t stop_signals;
	int sig;

	if (parse_listen(cfg->listen, &sa) < 0) {
		fprintf(stderr,
			"tuyengiao: --listen: địa chỉ không hợp lệ \"%s\""
			" (cần dạng 127.0.0.1:8080)\n",
			cfg->listen);
		return 2;
	}
	/* Block the stop signals before the pool threads start, so they
	 * inherit the mask and only sigwait() below ever sees them. */
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGINT);
	sigaddset(&stop_signals, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (cfg->tls_cert && tls_check(&srv) < 0)
		return 2;
	d = start(&srv, &sa, cfg->threads);
	if (!d) {
		fprintf(stderr, "tuyengiao: không mở được cổng %s\n",
			cfg->listen);
		return 1;
	}
	printf("tuyengiao: đang phục vụ tại %s://%s/\n",
	       cfg->tls_cert ? "https" : "http", cfg->listen);
	fflush(stdout);
	sigwait(&stop_signals, &sig);
	MHD_stop_daemon(d);
	return 0;
}
