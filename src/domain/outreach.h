/*
 * Communication output (kết quả tuyên truyền trên trang, kênh của đơn
 * vị), issue 9: the `outreach` collection. A unit enters, per period
 * (a week, month, quarter, half-year or year key of periods.h), for one
 * of its OWN official pages or channels (channel_kind: facebook fanpage,
 * zalo OA, website, youtube, tiktok, other; channel_name: the page's
 * name), the aggregate counts the platform reports: posts published,
 * shares, and followers at the period's end. Nothing is recorded about
 * anyone else's account. The period has begun; the unit is valid at its
 * end; the same channel has at most one entry per period and periods of
 * one channel never overlap (so nothing is counted twice): 409 on
 * "period".
 *
 * Roll-ups (entries whose whole period lies in the range) sum posts and
 * shares; followers are a level, so each channel contributes the
 * followers of its latest entry in the range. Audited; own transaction
 * or the caller's. JSON answers are owned by the caller.
 */
#ifndef TG_OUTREACH_H
#define TG_OUTREACH_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

struct outreach_filter {
	int64_t unit_id;
	const char *channel_kind, *from, *to; /* periods meeting [from, to] */
	int64_t limit, offset;
};

int outreach_list(struct store_conn *c, const struct actor *a,
		  const struct outreach_filter *f, json_t **out,
		  struct err *e);
int outreach_get(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t **out, struct err *e);
int outreach_create(struct store_conn *c, const struct actor *a,
		    json_t *body, json_t **out, struct err *e);
int outreach_update(struct store_conn *c, const struct actor *a, int64_t id,
		    json_t *body, json_t **out, struct err *e);
int outreach_delete(struct store_conn *c, const struct actor *a, int64_t id,
		    struct err *e);

#endif
