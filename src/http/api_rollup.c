/*
 * GET /api/v1/rollup?unit=&from=&to= (or &period=2022-H1): parse, call
 * domain/rollup.c, answer. Without a range, the current year.
 *
 * Answers are kept, as the JSON text sent, for the most recent roll-ups
 * (unit, range, day): an entry is served again only while the database's
 * data version (rollup_data_version(): any commit by any connection or
 * process changes it) is the one read before it was computed, so a roll-up
 * is never older than the last write. The scope check runs on every
 * request, before the cache is looked at. Each answer is kept gzipped as
 * well (server.c sends JSON gzipped to the clients that take it).
 */
#include "http/http.h"
#include "domain/periods.h"
#include "domain/rollup.h"
#include "domain/units.h"
#include "base/clock.h"
#include "base/gzip.h"
#include "base/mem.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_SLOTS 128
#define CACHE_MAX_BODY (512 * 1024) /* larger answers are not kept */

struct cached {
	char key[96];
	char version[ROLLUP_VERSION_SIZE];
	char *body; /* NULL: free slot */
	size_t len;
	char *gz;   /* its gzip, NULL when too short to gain from it */
	size_t gz_len;
	uint64_t used; /* for least-recently-used replacement */
};

static struct cached cache[CACHE_SLOTS];
static uint64_t cache_clock;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

/* Copy the answer for `key` at `version` into r->raw, gzipped when the
 * client takes it; false if none. */
static bool cache_get(struct req *r, const char *key, const char *version,
		      bool gzip_ok)
{
	bool hit = false;
	int i;

	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < CACHE_SLOTS; i++)
		if (cache[i].body && !strcmp(cache[i].key, key) &&
		    !strcmp(cache[i].version, version)) {
			cache[i].used = ++cache_clock;
			r->raw_gzip = gzip_ok && cache[i].gz;
			hit = r->raw_gzip ? buf_add(&r->raw, cache[i].gz,
						    cache[i].gz_len) == 0
					  : buf_add(&r->raw, cache[i].body,
						    cache[i].len) == 0;
			break;
		}
	pthread_mutex_unlock(&cache_lock);
	return hit;
}

/* Keep `body` for `key` at `version`, in the slot of the same key, else a
 * free one, else the least recently used. */
static void cache_put(const char *key, const char *version, const char *body,
		      size_t len, const struct buf *gz)
{
	int i, slot = -1;

	if (len > CACHE_MAX_BODY)
		return;
	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < CACHE_SLOTS && slot < 0; i++)
		if (cache[i].body && !strcmp(cache[i].key, key))
			slot = i;
	for (i = 0; i < CACHE_SLOTS && slot < 0; i++)
		if (!cache[i].body)
			slot = i;
	if (slot < 0) {
		slot = 0;
		for (i = 1; i < CACHE_SLOTS; i++)
			if (cache[i].used < cache[slot].used)
				slot = i;
	}
	free(cache[slot].body);
	free(cache[slot].gz);
	snprintf(cache[slot].key, sizeof(cache[slot].key), "%s", key);
	snprintf(cache[slot].version, sizeof(cache[slot].version), "%s",
		 version);
	cache[slot].body = xmalloc(len);
	memcpy(cache[slot].body, body, len);
	cache[slot].len = len;
	cache[slot].gz = NULL;
	cache[slot].gz_len = gz->len;
	if (gz->len) {
		cache[slot].gz = xmalloc(gz->len);
		memcpy(cache[slot].gz, gz->ptr, gz->len);
	}
	cache[slot].used = ++cache_clock;
	pthread_mutex_unlock(&cache_lock);
}

/* Answer with the JSON text in r->raw. */
static int answer(struct req *r)
{
	r->status = 200;
	r->content_type = "application/json; charset=utf-8";
	return 0;
}

int api_rollup(struct req *r)
{
	const char *from = http_query(r, "from"), *to = http_query(r, "to"),
		   *period = http_query(r, "period");
	char today[11], key[96], version[ROLLUP_VERSION_SIZE], *text;
	struct buf gz = BUF_INIT;
	struct period p;
	bool gzip_ok;
	size_t len;
	int rc;
	int64_t unit;
	json_t *out;

	if (http_query_int(r, "unit", 1, INT64_MAX, r->actor.unit_id, &unit) <
	    0)
		return -1;
	clock_today_vn(today);
	if (period && *period) {
		if (periods_parse(period, &p) < 0)
			return err_invalid(&r->err, "period",
					   "Kỳ không hợp lệ; ví dụ: 2023, 2022-H1,"
					   " 2023-Q3, 2023-05, 2023-W14.");
	} else if ((from && *from) || (to && *to)) {
		if (!from || !*from)
			return err_invalid(&r->err, "from",
					   "Thiếu ngày bắt đầu (from).");
		if (!to || !*to)
			return err_invalid(&r->err, "to",
					   "Thiếu ngày kết thúc (to).");
		if (periods_range(from, from, &p) < 0)
			return err_invalid(&r->err, "from",
					   "Ngày bắt đầu phải có dạng YYYY-MM-DD.");
		if (periods_range(to, to, &p) < 0)
			return err_invalid(&r->err, "to",
					   "Ngày kết thúc phải có dạng YYYY-MM-DD.");
		if (periods_range(from, to, &p) < 0)
			return err_invalid(&r->err, "to",
					   "Ngày kết thúc phải sau ngày bắt đầu.");
	} else {
		periods_containing(PERIOD_YEAR, today, &p);
	}
	if (units_check_scope(r->db, &r->actor, unit, NULL, &r->err) < 0 ||
	    rollup_data_version(r->db, version, &r->err) < 0)
		return -1;
	snprintf(key, sizeof(key), "%c|%lld|%s|%s|%s|%s",
		 r->db == r->db_read ? 'r' : 'p', (long long)unit, p.start,
		 p.end, p.type != PERIOD_CUSTOM ? p.key : "", today);
	gzip_ok = http_accepts_gzip(r);
	if (cache_get(r, key, version, gzip_ok))
		return answer(r);
	if (rollup_get(r->db, &r->actor, unit, p.start, p.end, &out, &r->err) <
	    0)
		return -1;
	if (p.type != PERIOD_CUSTOM)
		json_object_set_new(out, "period", json_string(p.key));
	text = json_dumps(out, JSON_COMPACT);
	json_decref(out);
	if (!text)
		return err_internal(&r->err, "rollup json");
	len = strlen(text);
	/* kept gzipped as well, so an answer served again costs a copy */
	if (len >= GZIP_MIN_SIZE && gzip_compress(text, len, &gz) < 0)
		buf_reset(&gz);
	cache_put(key, version, text, len, &gz);
	r->raw_gzip = gzip_ok && gz.len;
	rc = r->raw_gzip ? buf_add(&r->raw, gz.ptr, gz.len)
			 : buf_add(&r->raw, text, len);
	free(text);
	buf_release(&gz);
	if (rc < 0)
		return err_set(&r->err, ERR_TOO_LARGE, "too_large", NULL,
			       "Kết quả tổng hợp quá lớn.");
	return answer(r);
}
