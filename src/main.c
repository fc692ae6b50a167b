/*
 * The `tuyengiao` command: CLI dispatch to one cmd_<name>() per subcommand
 * from a table, as git does. Every subcommand takes --db URL (a file path,
 * sqlite:PATH, or later postgresql://…; default data/tuyengiao.db) and
 * --help. Bad arguments print a message naming the option and exit with 2.
 */
#include "base/buf.h"
#include "base/err.h"
#include "base/json.h"
#include "base/table.h"
#include "domain/attachments.h"
#include "domain/auth.h"
#include "domain/backup.h"
#include "domain/demo.h"
#include "domain/demo_data.h"
#include "domain/gen.h"
#include "domain/imports.h"
#include "domain/reports.h"
#include "domain/rollup_agg.h"
#include "domain/units.h"
#include "domain/users.h"
#include "export/docx.h"
#include "export/html.h"
#include "export/xlsx.h"
#include "http/http.h"
#include "store/store.h"

#include <errno.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_DB "data/tuyengiao.db"

struct opt {
	const char *name;   /* "--db" */
	const char **value; /* set for options taking a value */
	bool *flag;         /* set for flags */
};

static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "tuyengiao %s: ", cmd);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nXem: tuyengiao %s --help\n", cmd);
	return 2;
}

/* Parse argv against `opts`; returns 0, 1 for --help, or 2 on error. */
static int parse_opts(const char *cmd, int argc, char **argv,
		      const struct opt *opts, int first)
{
	int i;

	for (i = first; i < argc; i++) {
		const struct opt *o;
		const char *a = argv[i], *eq = strchr(a, '=');
		size_t n = eq ? (size_t)(eq - a) : strlen(a);

		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return 1;
		for (o = opts; o->name; o++)
			if (strlen(o->name) == n && !strncmp(o->name, a, n))
				break;
		if (!o->name)
			return usage_error(cmd, "tùy chọn không hợp lệ: %s", a);
		if (o->flag) {
			if (eq)
				return usage_error(cmd,
						   "%s không nhận giá trị", o->name);
			*o->flag = true;
		} else if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			return usage_error(cmd, "thiếu giá trị cho %s", o->name);
		}
	}
	return 0;
}

static struct store *open_store(const char *url, unsigned pool)
{
	struct err e = ERR_INIT;
	struct store *s;

	if (store_open(&s, url, pool, &e) < 0) {
		fprintf(stderr, "tuyengiao: %s\n", e.message);
		if (!strcmp(e.code, "read_only"))
			fprintf(stderr,
				"tuyengiao: --db phải là máy chủ chính"
				" (primary); bản sao chỉ dùng với serve"
				" --db-read.\n");
		return NULL;
	}
	return s;
}

/*
 * Open serve's read replica. One connection is tried at once so that a
 * wrong URL is seen at start-up; a replica that does not answer yet is not
 * fatal (roll-ups are read from the primary until it does).
 */
static int open_read_store(struct store **out, const char *url, unsigned pool)
{
	struct err e = ERR_INIT;
	struct store_conn *c;

	if (store_open_read(out, url, pool, &e) < 0) {
		fprintf(stderr, "tuyengiao: --db-read: %s\n", e.message);
		return -1;
	}
	c = store_acquire(*out, &e);
	if (c)
		store_release(c);
	return 0;
}

static void print_demo_logins(void)
{
	size_t i;

	printf("Tài khoản demo (mật khẩu: %s):\n", demo_users[0].password);
	for (i = 0; i < demo_users_count; i++)
		printf("  %-16s %-12s %s\n", demo_users[i].username,
		       demo_users[i].role, demo_users[i].unit);
}

/*
 * Read a PEM file given to --tls-cert or --tls-key (`what` is the option)
 * and check that it holds a block of the expected kind. Prints the reason
 * and returns NULL otherwise. The caller frees the result.
 */
static char *read_pem(const char *path, const char *what, const char *kind)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f) {
		fprintf(stderr, "tuyengiao serve: %s: không đọc được tệp \"%s\"\n",
			what, path);
		return NULL;
	}
	buf_init(&b, (size_t)1 << 20);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, n) < 0) {
			fprintf(stderr,
				"tuyengiao serve: %s: tệp \"%s\" quá lớn\n",
				what, path);
			fclose(f);
			buf_release(&b);
			return NULL;
		}
	if (ferror(f)) {
		fprintf(stderr, "tuyengiao serve: %s: không đọc được tệp \"%s\"\n",
			what, path);
		fclose(f);
		buf_release(&b);
		return NULL;
	}
	fclose(f);
	if (!strstr(b.ptr, "-----BEGIN ") || !strstr(b.ptr, kind)) {
		fprintf(stderr,
			"tuyengiao serve: %s: \"%s\" không phải tệp PEM chứa"
			" %s\n",
			what, path,
			!strcmp(what, "--tls-cert") ? "chứng chỉ (CERTIFICATE)"
						    : "khóa riêng (PRIVATE KEY)");
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static int cmd_serve(int argc, char **argv)
{
	const char *db = DEFAULT_DB, *listen = "127.0.0.1:8080";
	const char *web = "web", *threads = "4", *limit = NULL;
	const char *upload_mib = NULL, *files_dir = NULL, *db_read = NULL;
	const char *tls_cert = NULL, *tls_key = NULL;
	char *cert_pem = NULL, *key_pem = NULL;
	bool secure = false;
	struct opt opts[] = { { "--db", &db, NULL },
			      { "--db-read", &db_read, NULL },
			      { "--listen", &listen, NULL },
			      { "--web-root", &web, NULL },
			      { "--threads", &threads, NULL },
			      { "--login-limit", &limit, NULL },
			      { "--max-upload-mib", &upload_mib, NULL },
			      { "--files-dir", &files_dir, NULL },
			      { "--secure-cookies", NULL, &secure },
			      { "--tls-cert", &tls_cert, NULL },
			      { "--tls-key", &tls_key, NULL },
			      { NULL, NULL, NULL } };
	struct server_config cfg;
	struct store *s, *rs = NULL;
	char *end;
	long n;
	int rc = parse_opts("serve", argc, argv, opts, 2);

	if (rc == 1) {
		puts("tuyengiao serve [--db URL] [--listen 127.0.0.1:8080]"
		     " [--web-root web]\n"
		     "                [--threads 4] [--login-limit N]"
		     " [--secure-cookies]\n"
		     "                [--max-upload-mib 20] [--files-dir DIR]\n"
		     "                [--tls-cert CERT.pem --tls-key KEY.pem]\n"
		     "                [--db-read postgresql://…]\n\n"
		     "Phục vụ giao diện web và API JSON (/api/v1).\n"
		     "  --db-read URL     bản sao đọc PostgreSQL (hot standby) cho"
		     " tổng hợp số liệu,\n"
		     "                    trang tổng quan và thống kê (chấp nhận"
		     " độ trễ sao chép);\n"
		     "                    ghi và đọc ngay sau khi ghi vẫn ở --db\n"
		     "  --login-limit N   số lần đăng nhập sai cho phép mỗi"
		     " tài khoản trong 15 phút (mặc định 5)\n"
		     "  --secure-cookies  đặt cờ Secure cho cookie (khi chạy"
		     " sau HTTPS)\n"
		     "  --max-upload-mib N  giới hạn cỡ tệp đính kèm (MiB,"
		     " mặc định 20)\n"
		     "  --files-dir DIR   thư mục tệp đính kèm (mặc định: files/"
		     " cạnh tệp SQLite,\n"
		     "                    data/files với PostgreSQL)\n"
		     "  --tls-cert FILE   chứng chỉ PEM: phục vụ HTTPS (cần cả"
		     " --tls-key);\n"
		     "                    cookie khi đó có cờ Secure\n"
		     "  --tls-key FILE    khóa riêng PEM của chứng chỉ");
		return 0;
	}
	if (rc)
		return rc;
	n = strtol(threads, &end, 10);
	if (*end || n < 1 || n > 64)
		return usage_error("serve", "--threads phải từ 1 đến 64: %s",
				   threads);
	if (db_read && !store_url_is_pg(db))
		return usage_error("serve",
				   "--db-read chỉ dùng được khi --db là"
				   " PostgreSQL (postgresql://…); --db đang là"
				   " tệp SQLite: %s",
				   db);
	if (db_read && !store_url_is_pg(db_read))
		return usage_error("serve",
				   "--db-read phải là địa chỉ PostgreSQL"
				   " (postgresql://…): %s",
				   db_read);
	if (limit) {
		long l = strtol(limit, &end, 10);

		if (*end || l < 1 || l > 1000)
			return usage_error("serve",
					   "--login-limit phải từ 1 đến 1000: %s",
					   limit);
		auth_ratelimit_configure((int)l, (int)l * 10, 15 * 60);
	}
	if (upload_mib) {
		long m = strtol(upload_mib, &end, 10);

		if (*end || m < 1 || m > 1024)
			return usage_error("serve",
					   "--max-upload-mib phải từ 1 đến 1024: %s",
					   upload_mib);
		attachments_configure(db, files_dir, (size_t)m << 20);
	} else {
		attachments_configure(db, files_dir, 0);
	}
	if (!tls_cert != !tls_key)
		return usage_error("serve", "cần cả %s",
				   "--tls-cert và --tls-key");
	if (tls_cert) {
		cert_pem = read_pem(tls_cert, "--tls-cert", "CERTIFICATE-----");
		key_pem = cert_pem ? read_pem(tls_key, "--tls-key",
					      "PRIVATE KEY-----")
				   : NULL;
		if (!key_pem) {
			free(cert_pem);
			return 2;
		}
	}
	rc = 1;
	s = open_store(db, (unsigned)n + 1);
	if (!s)
		goto out;
	if (db_read && open_read_store(&rs, db_read, (unsigned)n + 1) < 0) {
		store_close(s);
		goto out;
	}
	cfg.listen = listen;
	cfg.web_root = web;
	cfg.threads = (unsigned)n;
	cfg.secure_cookies = secure || cert_pem;
	cfg.tls_cert = cert_pem;
	cfg.tls_key = key_pem;
	rc = server_run(s, rs, &cfg);
	store_close(rs);
	store_close(s);
out:
	free(cert_pem);
	if (key_pem)
		sodium_memzero(key_pem, strlen(key_pem));
	free(key_pem);
	return rc;
}

static int cmd_demo(int argc, char **argv)
{
	const char *db = DEFAULT_DB;
	struct opt opts[] = { { "--db", &db, NULL }, { NULL, NULL, NULL } };
	struct demo_counts n;
	struct err e = ERR_INIT;
	struct store_conn *c;
	struct store *s;
	int rc = parse_opts("demo", argc, argv, opts, 2);

	if (rc == 1) {
		puts("tuyengiao demo [--db URL]\n\n"
		     "Nạp tỉnh demo (Tỉnh ủy Sơn Hà): cấp, đơn vị và tài khoản."
		     "\nChạy lại không tạo trùng dữ liệu.");
		return 0;
	}
	if (rc)
		return rc;
	s = open_store(db, 1);
	if (!s)
		return 1;
	c = store_acquire(s, &e);
	rc = c ? demo_load(c, &n, &e) : -1;
	store_release(c);
	store_close(s);
	if (rc < 0) {
		fprintf(stderr, "tuyengiao demo: %s%s%s\n", e.message,
			e.field[0] ? " — trường: " : "", e.field);
		return 1;
	}
	printf("Đã nạp tỉnh demo vào %s: %d cấp, %d đơn vị, %d tài khoản mới.\n",
	       db, n.levels, n.units, n.users);
	print_demo_logins();
	return 0;
}

/* Progress of `gen` on stderr: a bar redrawn in place on a terminal, one
 * line per phase otherwise (logs, CI). */
struct gen_meter {
	bool tty;
	char phase[64];
	struct timespec t0;
};

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	       (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void gen_meter_show(void *arg, const char *phase, int64_t done,
			   int64_t total, int64_t rows)
{
	struct gen_meter *m = arg;
	bool new_phase = strcmp(m->phase, phase) != 0;
	int pct = total ? (int)(100 * done / total) : 100, i;

	if (new_phase)
		snprintf(m->phase, sizeof(m->phase), "%s", phase);
	if (!m->tty) {
		if (new_phase || done == total)
			fprintf(stderr, "gen: %-20s %3d%%  %lld dòng  %.1f s\n",
				phase, pct, (long long)rows,
				seconds_since(&m->t0));
		return;
	}
	if (new_phase && done != total)
		fputc('\n', stderr);
	fputs("\r[", stderr);
	for (i = 0; i < 30; i++)
		fputc(i < pct * 30 / 100 ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%% %-20s %12lld dòng %7.1f s", pct, phase,
		(long long)rows, seconds_since(&m->t0));
	fflush(stderr);
}

static int cmd_gen(int argc, char **argv)
{
	const char *db = DEFAULT_DB, *scale = "small", *seed = "1";
	struct opt opts[] = { { "--db", &db, NULL },
			      { "--scale", &scale, NULL },
			      { "--seed", &seed, NULL },
			      { NULL, NULL, NULL } };
	struct gen_options o = { 0 };
	struct gen_meter meter = { 0 };
	struct gen_counts n;
	struct err e = ERR_INIT;
	struct store_conn *c;
	struct store *s;
	double secs;
	char *end;
	int rc = parse_opts("gen", argc, argv, opts, 2);

	if (rc == 1) {
		puts("tuyengiao gen [--scale national|province|small]"
		     " [--seed N] [--db URL]\n\n"
		     "Sinh dữ liệu giả lập vào một cơ sở dữ liệu trống, để đo"
		     " hiệu năng:\n"
		     "  national  34 tỉnh, 3.321 xã, 100.000 chi bộ, hơn 10"
		     " triệu bản ghi (2021-2025)\n"
		     "  province  một tỉnh (92 xã, ~2.800 chi bộ)\n"
		     "  small     3 tỉnh, 18 xã, 250 chi bộ (mặc định)\n"
		     "Cùng --seed (mặc định 1) cho cùng dữ liệu. Tài khoản:"
		     " admin, tinh01, xa0001; mật khẩu " GEN_PASSWORD ".");
		return 0;
	}
	if (rc)
		return rc;
	if (gen_scale_parse(scale, &o.scale) < 0)
		return usage_error("gen",
				   "--scale không hợp lệ: %s (national, province,"
				   " small)",
				   scale);
	o.seed = strtoull(seed, &end, 10);
	if (!*seed || *end || *seed == '-')
		return usage_error("gen", "--seed phải là số tự nhiên: %s", seed);
	meter.tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &meter.t0);
	o.progress = gen_meter_show;
	o.arg = &meter;
	s = open_store(db, 1);
	if (!s)
		return 1;
	c = store_acquire(s, &e);
	rc = c ? gen_run(c, &o, &n, &e) : -1;
	store_release(c);
	store_close(s);
	secs = seconds_since(&meter.t0);
	if (meter.tty)
		fputc('\n', stderr);
	if (rc < 0) {
		fprintf(stderr, "tuyengiao gen: %s\n", e.message);
		return e.status == ERR_CONFLICT ? 2 : 1;
	}
	printf("Đã sinh dữ liệu (%s, seed %llu) vào %s trong %.1f s:"
	       " %lld dòng (%.0f dòng/s).\n",
	       scale, (unsigned long long)o.seed, db, secs,
	       (long long)n.total, secs > 0 ? (double)n.total / secs : 0.0);
	printf("  đơn vị %lld (chi bộ %lld, đảng viên %lld), lịch sử đơn vị"
	       " %lld, tài khoản %lld\n",
	       (long long)n.units, (long long)n.cells, (long long)n.members,
	       (long long)n.unit_history, (long long)n.users);
	printf("  hoạt động %lld, báo cáo viên %lld, hội nghị báo cáo viên"
	       " %lld, lớp %lld\n",
	       (long long)n.activities, (long long)n.reporters,
	       (long long)n.reporter_conferences, (long long)n.classes);
	printf("  chỉ tiêu %lld, giá trị chỉ tiêu %lld, văn bản %lld,"
	       " nhiệm vụ %lld, giao việc %lld\n",
	       (long long)n.indicators, (long long)n.indicator_values,
	       (long long)n.documents, (long long)n.tasks,
	       (long long)n.assignments);
	printf("  báo cáo dư luận %lld, điểm nóng %lld\n",
	       (long long)n.opinion_reports, (long long)n.hotspots);
	printf("Tài khoản: admin, tinh01, xa0001 — mật khẩu %s\n", GEN_PASSWORD);
	return 0;
}

/* Read one line (the password) from standard input. */
static char *read_password(void)
{
	char line[256];
	size_t n;

	if (!fgets(line, sizeof(line), stdin))
		return NULL;
	n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return strdup(line);
}

static int cmd_user(int argc, char **argv)
{
	const char *db = DEFAULT_DB, *username = NULL, *unit = NULL;
	const char *role = NULL, *full_name = NULL;
	bool from_stdin = false;
	struct opt opts[] = { { "--db", &db, NULL },
			      { "--username", &username, NULL },
			      { "--unit", &unit, NULL },
			      { "--role", &role, NULL },
			      { "--full-name", &full_name, NULL },
			      { "--password-stdin", NULL, &from_stdin },
			      { NULL, NULL, NULL } };
	struct err e = ERR_INIT;
	struct actor a;
	struct store_conn *c = NULL;
	struct store *s;
	json_t *body = NULL, *out = NULL;
	char *password = NULL;
	int64_t unit_id;
	int rc;

	if (argc < 3 || !strcmp(argv[2], "--help") || !strcmp(argv[2], "-h")) {
		puts("tuyengiao user add --username U --unit CODE --role ROLE"
		     " [--full-name TÊN]\n"
		     "                    --password-stdin [--db URL]\n\n"
		     "Tạo tài khoản. ROLE: admin, leader, specialist,"
		     " contributor, viewer.\n"
		     "Mật khẩu đọc từ dòng đầu của đầu vào chuẩn.");
		return argc < 3 ? 2 : 0;
	}
	if (strcmp(argv[2], "add"))
		return usage_error("user", "lệnh con không hợp lệ: %s", argv[2]);
	rc = parse_opts("user add", argc, argv, opts, 3);
	if (rc == 1)
		return cmd_user(2, argv);
	if (rc)
		return rc;
	if (!username)
		return usage_error("user add", "thiếu %s", "--username");
	if (!unit)
		return usage_error("user add", "thiếu %s", "--unit");
	if (!role)
		return usage_error("user add", "thiếu %s", "--role");
	if (!from_stdin)
		return usage_error("user add",
				   "cần %s (mật khẩu không nhận qua dòng lệnh)",
				   "--password-stdin");
	password = read_password();
	if (!password)
		return usage_error("user add", "không đọc được mật khẩu từ %s",
				   "stdin");
	s = open_store(db, 1);
	if (!s) {
		free(password);
		return 1;
	}
	rc = 1;
	c = store_acquire(s, &e);
	if (!c)
		goto out;
	if (units_id_by_code(c, unit, &unit_id, &e) != 1) {
		if (!e.status)
			err_invalid(&e, "unit", "Không có đơn vị mã \"%s\".", unit);
		goto out;
	}
	demo_system_actor(&a);
	body = json_pack("{s:s, s:s, s:I, s:s, s:s}", "username", username,
			 "full_name", full_name ? full_name : username,
			 "unit_id", (json_int_t)unit_id, "role", role,
			 "password", password);
	if (users_create(c, &a, body, &out, &e) < 0)
		goto out;
	printf("Đã tạo tài khoản %s (%s) tại %s.\n", username, role, unit);
	rc = 0;
out:
	if (rc) {
		fprintf(stderr, "tuyengiao user add: %s%s%s\n", e.message,
			e.field[0] ? " — trường: " : "", e.field);
		rc = e.status == ERR_BAD_INPUT || e.status == ERR_CONFLICT ? 2 : 1;
	}
	json_decref(body);
	json_decref(out);
	free(password);
	store_release(c);
	store_close(s);
	return rc;
}

static void print_backup_stats(const char *what, const char *dir,
			       const struct backup_stats *st)
{
	printf("%s %s: cơ sở dữ liệu %lld byte, %zu tệp đính kèm (%lld"
	       " byte).\n",
	       what, dir, st->db_bytes, st->files, st->file_bytes);
}

static int cmd_backup(int argc, char **argv)
{
	const char *db = DEFAULT_DB, *out = NULL, *files_dir = NULL;
	struct opt opts[] = { { "--db", &db, NULL },
			      { "-o", &out, NULL },
			      { "--output", &out, NULL },
			      { "--files-dir", &files_dir, NULL },
			      { NULL, NULL, NULL } };
	struct backup_stats st;
	struct err e = ERR_INIT;
	int rc = parse_opts("backup", argc, argv, opts, 2);

	if (rc == 1) {
		puts("tuyengiao backup [--db URL] -o THƯ_MỤC [--files-dir DIR]"
		     "\n\n"
		     "Sao lưu trực tuyến (máy chủ vẫn phục vụ và ghi trong lúc"
		     " sao lưu)\n"
		     "cơ sở dữ liệu và tệp đính kèm vào THƯ_MỤC (mới hoặc"
		     " trống):\n"
		     "  THƯ_MỤC/tuyengiao.db      bản chụp nhất quán (SQLite)\n"
		     "  THƯ_MỤC/tuyengiao.pgdump  bản chụp nhất quán"
		     " (PostgreSQL, pg_dump)\n"
		     "  THƯ_MỤC/files/…           tệp đính kèm\n"
		     "  --files-dir DIR   thư mục tệp đính kèm như của `serve`"
		     " (mặc định: files/\n"
		     "                    cạnh tệp SQLite, data/files với"
		     " PostgreSQL)\n"
		     "Với PostgreSQL cần pg_dump (gói postgresql-client).");
		return 0;
	}
	if (rc)
		return rc;
	if (!out || !*out)
		return usage_error("backup", "thiếu %s THƯ_MỤC", "-o");
	if (backup_run(db, files_dir, out, &st, &e) < 0) {
		fprintf(stderr, "tuyengiao backup: %s\n", e.message);
		return e.status == ERR_BAD_INPUT || e.status == ERR_CONFLICT ? 2
									    : 1;
	}
	print_backup_stats("Đã sao lưu vào", out, &st);
	return 0;
}

static int cmd_restore(int argc, char **argv)
{
	const char *db = DEFAULT_DB, *in = NULL, *files_dir = NULL;
	bool force = false;
	struct opt opts[] = { { "--db", &db, NULL },
			      { "-i", &in, NULL },
			      { "--input", &in, NULL },
			      { "--files-dir", &files_dir, NULL },
			      { "--force", NULL, &force },
			      { NULL, NULL, NULL } };
	struct backup_stats st;
	struct err e = ERR_INIT;
	int rc = parse_opts("restore", argc, argv, opts, 2);

	if (rc == 1) {
		puts("tuyengiao restore [--db URL] -i THƯ_MỤC [--force]"
		     " [--files-dir DIR]\n\n"
		     "Phục hồi cơ sở dữ liệu và tệp đính kèm từ một bản sao lưu"
		     " của\n"
		     "`tuyengiao backup`. Hãy dừng máy chủ trước khi phục hồi.\n"
		     "Bản sao lưu SQLite phục hồi vào tệp SQLite, bản"
		     " PostgreSQL vào một\n"
		     "cơ sở dữ liệu PostgreSQL (trống; cần pg_restore).\n"
		     "  --force   ghi đè cơ sở dữ liệu đích đã có dữ liệu\n"
		     "  --files-dir DIR   thư mục tệp đính kèm như của `serve`");
		return 0;
	}
	if (rc)
		return rc;
	if (!in || !*in)
		return usage_error("restore", "thiếu %s THƯ_MỤC", "-i");
	if (restore_run(db, files_dir, in, force, &st, &e) < 0) {
		fprintf(stderr, "tuyengiao restore: %s\n", e.message);
		return e.status == ERR_BAD_INPUT || e.status == ERR_CONFLICT ? 2
									    : 1;
	}
	print_backup_stats("Đã phục hồi từ", in, &st);
	return 0;
}

/* Write `b` to `path`; 0 or -1 with a message. */
static int write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(b->ptr, 1, b->len, f) != b->len) {
		fprintf(stderr, "tuyengiao report: không ghi được %s\n", path);
		if (f)
			fclose(f);
		return -1;
	}
	if (fclose(f)) {
		fprintf(stderr, "tuyengiao report: không ghi được %s\n", path);
		return -1;
	}
	return 0;
}

static int cmd_report(int argc, char **argv)
{
	const char *db = DEFAULT_DB, *unit = NULL, *period = NULL;
	const char *format = NULL, *output = NULL;
	struct opt opts[] = { { "--db", &db, NULL },
			      { "--unit", &unit, NULL },
			      { "--period", &period, NULL },
			      { "--format", &format, NULL },
			      { "-o", &output, NULL },
			      { "--output", &output, NULL },
			      { NULL, NULL, NULL } };
	struct reports_filter f = { 0 };
	struct err e = ERR_INIT;
	struct period p;
	const char *kind;
	struct actor a;
	struct store_conn *c = NULL;
	struct store *s;
	struct buf out = BUF_INIT;
	json_t *list = NULL, *rep = NULL, *body = NULL;
	int64_t unit_id, id;
	int rc = parse_opts("report", argc, argv, opts, 2);

	if (rc == 1) {
		puts("tuyengiao report --unit CODE --period KỲ"
		     " --format docx|xlsx|html|txt -o FILE [--db URL]\n\n"
		     "Lập (hoặc lấy bản đã có) báo cáo định kỳ của đơn vị và"
		     " xuất ra tệp.\n"
		     "KỲ: 2023-W14 (tuần), 2023-05 (tháng), 2023-Q3 (quý),"
		     " 2022-H1 (6 tháng),\n     2023-9M (9 tháng), 2023 (năm).");
		return 0;
	}
	if (rc)
		return rc;
	if (!unit)
		return usage_error("report", "thiếu %s", "--unit");
	if (!period)
		return usage_error("report", "thiếu %s", "--period");
	if (!format)
		return usage_error("report", "thiếu %s", "--format");
	if (!output)
		return usage_error("report", "thiếu %s", "-o");
	if (strcmp(format, "docx") && strcmp(format, "xlsx") &&
	    strcmp(format, "html") && strcmp(format, "txt"))
		return usage_error("report",
				   "--format không hợp lệ: %s (docx, xlsx, html,"
				   " txt)",
				   format);
	if (reports_period_parse(period, &p, &kind, &e) < 0)
		return usage_error("report", "--period không hợp lệ: %s", period);
	s = open_store(db, 1);
	if (!s)
		return 1;
	rc = 1;
	c = store_acquire(s, &e);
	if (!c)
		goto out;
	if (units_id_by_code(c, unit, &unit_id, &e) != 1) {
		if (!e.status) {
			rc = usage_error("report", "--unit: không có đơn vị mã %s",
					 unit);
			goto done;
		}
		goto out;
	}
	demo_system_actor(&a);
	f.unit_id = unit_id;
	f.period = p.key;
	f.limit = 1;
	if (reports_list(c, &a, &f, &list, &e) < 0)
		goto out;
	if (json_array_size(json_object_get(list, "items"))) {
		id = json_integer_value(json_object_get(
			json_array_get(json_object_get(list, "items"), 0), "id"));
		if (reports_get(c, &a, id, &rep, &e) < 0)
			goto out;
	} else {
		body = json_pack("{s:I, s:s}", "unit_id", (json_int_t)unit_id,
				 "period", p.key);
		if (reports_create(c, &a, body, &rep, &e) < 0)
			goto out;
	}
	if (!strcmp(format, "docx"))
		rc = export_docx(rep, &out, &e);
	else if (!strcmp(format, "xlsx"))
		rc = export_xlsx(rep, &out, &e);
	else if (!strcmp(format, "html"))
		rc = export_html(rep, "report-print.css", &out);
	else
		rc = export_txt(rep, &out);
	if (rc < 0) {
		rc = 1;
		goto out;
	}
	rc = write_file(output, &out) < 0 ? 1 : 0;
	if (!rc)
		printf("Đã xuất báo cáo %s kỳ %s ra %s.\n", unit, p.key, output);
	goto done;
out:
	fprintf(stderr, "tuyengiao report: %s%s%s\n", e.message,
		e.field[0] ? " — trường: " : "", e.field);
	rc = e.status == ERR_BAD_INPUT || e.status == ERR_NOT_FOUND ? 2 : 1;
done:
	json_decref(list);
	json_decref(rep);
	json_decref(body);
	buf_release(&out);
	store_release(c);
	store_close(s);
	return rc;
}

/* Roll-up ranges the check compares: everything, whole months, and
 * ranges cutting months at both edges. */
static const char *const check_ranges[] = {
	"0001-01-01", "9999-12-31", "2022-01-01", "2022-12-31",
	"2022-03-01", "2022-03-31", "2022-02-10", "2022-05-20",
	"2021-12-15", "2023-01-15", "2023-07-01", "2024-06-30",
	"2022-06-27", "2022-06-27", "2023-02-11", "2026-11-30",
	"2021-11-01", "2024-02-29",
	NULL, NULL,
};

static int cmd_rollup_check(int argc, char **argv)
{
	const char *db = DEFAULT_DB;
	bool tables_only = false, rebuild = false;
	struct opt opts[] = { { "--db", &db, NULL },
			      { "--tables-only", NULL, &tables_only },
			      { "--rebuild", NULL, &rebuild },
			      { NULL, NULL, NULL } };
	struct err e = ERR_INIT;
	struct actor a;
	struct store_conn *c = NULL;
	struct store *s;
	int64_t rows = 0, rollups = 0;
	int rc = parse_opts("rollup-check", argc, argv, opts, 2);

	if (rc == 1) {
		puts("tuyengiao rollup-check [--tables-only] [--rebuild]"
		     " [--db URL]\n\n"
		     "So các bảng tổng hợp (rollup_agg, rollup_iv) với số đếm lại"
		     " từ dữ liệu gốc,\nvà số liệu tổng hợp của mọi đơn vị với cách"
		     " tính trực tiếp, trên vài khoảng\nthời gian. Thoát với mã 1"
		     " nếu có chênh lệch.\n"
		     "--tables-only  chỉ so các bảng (nhanh trên dữ liệu lớn)\n"
		     "--rebuild      dựng lại các bảng tổng hợp trước khi so");
		return 0;
	}
	if (rc)
		return rc;
	s = open_store(db, 1);
	if (!s)
		return 1;
	rc = 1;
	c = store_acquire(s, &e);
	if (!c)
		goto out;
	demo_system_actor(&a);
	if ((rebuild && rollup_agg_rebuild(c, &e) < 0) ||
	    rollup_agg_check(c, &a, tables_only ? NULL : check_ranges, &rows,
			     &rollups, stderr, &e) < 0)
		goto out;
	printf("rollup-check: %lld hàng tổng hợp lệch, %lld số liệu tổng hợp"
	       " lệch\n",
	       (long long)rows, (long long)rollups);
	rc = rows || rollups ? 1 : 0;
	goto done;
out:
	fprintf(stderr, "tuyengiao rollup-check: %s\n", e.message);
done:
	store_release(c);
	store_close(s);
	return rc;
}

/* The progress bar of an import on a terminal (stderr), redrawn at most
 * every 1% of the rows. */
static void import_progress(void *ctx, size_t done, size_t total)
{
	int *last = ctx, pct = total ? (int)(done * 100 / total) : 100;
	int i, w = pct / 4;

	if (pct == *last && done != total)
		return;
	*last = pct;
	fputs("\r[", stderr);
	for (i = 0; i < 25; i++)
		fputc(i < w ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%%  %zu/%zu dòng", pct, done, total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

/* Read the whole file `path` (at most `max` bytes); the caller frees. */
static char *read_file(const char *path, size_t max, size_t *len)
{
	struct stat st;
	FILE *f = fopen(path, "rb");
	char *data;

	if (!f)
		return NULL;
	if (fstat(fileno(f), &st) < 0 || st.st_size < 0 ||
	    (size_t)st.st_size > max) {
		fclose(f);
		errno = EFBIG;
		return NULL;
	}
	data = malloc((size_t)st.st_size + 1);
	if (!data) {
		fclose(f);
		return NULL;
	}
	*len = fread(data, 1, (size_t)st.st_size, f);
	data[*len] = '\0';
	if (ferror(f)) {
		free(data);
		data = NULL;
	}
	fclose(f);
	return data;
}

static int cmd_import(int argc, char **argv)
{
	const char *db = DEFAULT_DB, *as = NULL;
	bool dry_run = false;
	struct opt opts[] = { { "--db", &db, NULL },
			      { "--as", &as, NULL },
			      { "--dry-run", NULL, &dry_run },
			      { NULL, NULL, NULL } };
	struct table_limits lim = TABLE_LIMITS_DEFAULT;
	struct import_options o = { 0 };
	struct err e = ERR_INIT;
	enum import_kind kind;
	struct actor a;
	struct store_conn *c = NULL;
	struct store *s;
	json_t *rep = NULL, *err;
	char *data = NULL, *admin = NULL;
	size_t len = 0, i;
	int last = -1, rc;

	if (argc < 3 || !strcmp(argv[2], "--help") || !strcmp(argv[2], "-h") ||
	    imports_kind_parse(argv[2], &kind) < 0 || argc < 4 ||
	    argv[3][0] == '-') {
		FILE *out = argc >= 3 && (!strcmp(argv[2], "--help") ||
					  !strcmp(argv[2], "-h"))
				    ? stdout
				    : stderr;

		fprintf(out,
			"tuyengiao import units|users|indicator-values"
			" TỆP.csv|TỆP.xlsx [--dry-run]\n"
			"                 [--as TÊN_ĐĂNG_NHẬP] [--db URL]\n\n"
			"Nhập dữ liệu từ tệp CSV (dấu phân cách , hoặc ;, UTF-8)"
			" hoặc XLSX\n(trang tính đầu tiên). Dòng đầu là tên cột:\n"
			"  units:            %s\n"
			"  users:            %s\n"
			"  indicator-values: %s\n"
			"Mọi dòng được kiểm tra như khi nhập qua API; có một dòng"
			" lỗi thì\nkhông ghi gì cả (lỗi được liệt kê theo dòng và"
			" cột).\n"
			"  --dry-run  chỉ kiểm tra và cho biết sẽ tạo/cập nhật"
			" bao nhiêu, không ghi\n"
			"  --as U     nhập với quyền và phạm vi của tài khoản quản"
			" trị U (mặc định:\n"
			"             quản trị viên gần gốc nhất); mỗi thay đổi"
			" được ghi nhật ký\n"
			"Mã thoát: 0 đã nhập (hoặc chạy thử không lỗi), 1 có"
			" dòng lỗi, 2 tệp hoặc tham số không hợp lệ.\n",
			imports_columns(IMPORT_UNITS),
			imports_columns(IMPORT_USERS),
			imports_columns(IMPORT_IVALUES));
		if (out == stdout)
			return 0;
		if (argc >= 3 && imports_kind_parse(argv[2], &kind) < 0)
			fprintf(stderr, "\ntuyengiao import: loại không hợp lệ:"
					" %s\n", argv[2]);
		return 2;
	}
	rc = parse_opts("import", argc, argv, opts, 4);
	if (rc == 1) {
		char *help[] = { argv[0], argv[1], "--help" };

		return cmd_import(3, help);
	}
	if (rc)
		return rc;
	data = read_file(argv[3], lim.max_bytes, &len);
	if (!data) {
		fprintf(stderr, "tuyengiao import: không đọc được %s: %s\n",
			argv[3],
			errno == EFBIG ? "tệp quá lớn (tối đa 10 MiB)"
				       : strerror(errno));
		return 2;
	}
	s = open_store(db, 1);
	if (!s) {
		free(data);
		return 1;
	}
	rc = 1;
	c = store_acquire(s, &e);
	if (!c)
		goto fail;
	if (!as) {
		struct store_rows *r;

		if (store_query(c, Q_IMPORT_FIRST_ADMIN, NULL, 0, &r, &e) < 0)
			goto fail;
		if (store_next(r) == 1)
			admin = strdup(store_col_text(r, 0));
		store_rows_free(r);
		if (!admin) {
			err_set(&e, ERR_BAD_INPUT, "invalid", "as",
				"Chưa có tài khoản quản trị nào; hãy tạo bằng"
				" `tuyengiao user add`.");
			goto fail;
		}
		as = admin;
	}
	if (auth_actor_for(c, as, "cli", &a, &e) < 0)
		goto fail;
	o.dry_run = dry_run;
	if (isatty(STDERR_FILENO)) {
		o.progress = import_progress;
		o.progress_ctx = &last;
	}
	if (imports_run(c, &a, kind, data, len, &o, &rep, &e) < 0)
		goto fail;
	json_array_foreach(json_object_get(rep, "errors"), i, err)
	{
		const char *col = json_string_value(json_object_get(err,
								    "column"));

		fprintf(stderr, "dòng %lld%s%s: %s\n",
			(long long)json_integer_value(json_object_get(err,
								      "line")),
			*col ? ", cột " : "", col,
			json_string_value(json_object_get(err, "message")));
	}
	i = (size_t)json_integer_value(json_object_get(rep, "errors_total"));
	if (i > json_array_size(json_object_get(rep, "errors")))
		fprintf(stderr, "… và %zu lỗi khác.\n",
			i - json_array_size(json_object_get(rep, "errors")));
	printf("%s %lld dòng (%s): %lld tạo mới, %lld cập nhật, %zu dòng"
	       " lỗi.\n",
	       dry_run ? "Chạy thử:" : "Đã kiểm tra",
	       (long long)json_integer_value(json_object_get(rep, "rows")),
	       imports_kind_name(kind),
	       (long long)json_integer_value(json_object_get(rep, "created")),
	       (long long)json_integer_value(json_object_get(rep, "updated")),
	       i);
	if (json_is_true(json_object_get(rep, "committed")))
		printf("Đã ghi vào %s với tài khoản %s.\n", db, as);
	else
		printf("Không ghi gì%s.\n",
		       i ? " vì có dòng lỗi" : " (chạy thử)");
	rc = i ? 1 : 0;
	goto done;
fail:
	fprintf(stderr, "tuyengiao import: %s%s%s\n", e.message,
		e.field[0] && strcmp(e.field, "file") ? " — trường: " : "",
		strcmp(e.field, "file") ? e.field : "");
	rc = e.status == ERR_BAD_INPUT || e.status == ERR_NOT_FOUND ||
			     e.status == ERR_TOO_LARGE ||
			     e.status == ERR_FORBIDDEN
		     ? 2
		     : 1;
done:
	json_decref(rep);
	free(data);
	free(admin);
	store_release(c);
	store_close(s);
	return rc;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "serve", cmd_serve, "phục vụ giao diện web và API" },
	{ "demo", cmd_demo, "nạp tỉnh demo vào cơ sở dữ liệu" },
	{ "gen", cmd_gen, "sinh dữ liệu giả lập cỡ quốc gia (đo hiệu năng)" },
	{ "user", cmd_user, "quản lý tài khoản (user add …)" },
	{ "import", cmd_import, "nhập đơn vị, tài khoản, số liệu từ CSV/XLSX" },
	{ "report", cmd_report, "xuất báo cáo định kỳ (docx, xlsx, html, txt)" },
	{ "backup", cmd_backup, "sao lưu trực tuyến cơ sở dữ liệu và tệp" },
	{ "restore", cmd_restore, "phục hồi từ một bản sao lưu" },
	{ "rollup-check", cmd_rollup_check,
	  "so bảng tổng hợp với số đếm lại từ dữ liệu gốc" },
};

static int usage(FILE *f)
{
	size_t i;

	fputs("Cách dùng: tuyengiao <lệnh> [tùy chọn] [--db URL]\n\nCác lệnh:\n",
	      f);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].help);
	fputs("\nXem trợ giúp từng lệnh: tuyengiao <lệnh> --help\n", f);
	return f == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
	size_t i;

	auth_init();
	if (argc < 2)
		return usage(stderr);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help"))
		return usage(stdout);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc, argv);
	fprintf(stderr, "tuyengiao: lệnh không hợp lệ: %s\n\n", argv[1]);
	return usage(stderr);
}
