/*
 * The topic tree of public opinion and hot spots (SPEC §3.6): codes such
 * as "DD" (Đất đai, giải phóng mặt bằng), a name, a parent. Seeded by
 * migration 4 with land and site clearance, environment, health,
 * education, prices and living costs, infrastructure and transport, social
 * security, public order, Party building and "a named policy or event".
 *
 * Rules: codes are unique upper-case ASCII letters, digits, '-' and '_';
 * a parent exists and is not the topic or one of its descendants. Merging
 * topic A into B keeps history: A's row and its reports stay as they
 * were, A becomes inactive with merged_into = B (topics merged into A
 * follow to B, A's children move under B), and every aggregate counts A's
 * reports under B. New reports and hot spots need a living (not merged)
 * topic. Everyone reads the tree; admins change it (route table). Every
 * change is audited in its transaction. JSON answers are owned by the
 * caller.
 */
#ifndef TG_TOPICS_H
#define TG_TOPICS_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

/* {"items": [{id, code, name, parent_id, merged_into, merged_into_code,
 * merged_on, active, reports}], "total": N}, ordered by code. */
int topics_list(struct store_conn *c, json_t **out, struct err *e);
int topics_get(struct store_conn *c, int64_t id, json_t **out,
	       struct err *e);
int topics_create(struct store_conn *c, const struct actor *a, json_t *body,
		  json_t **out, struct err *e);
int topics_update(struct store_conn *c, const struct actor *a, int64_t id,
		  json_t *body, json_t **out, struct err *e);
/* POST /opinion-topics/{id}/merge {"into": id}. */
int topics_merge(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t *body, json_t **out, struct err *e);

/*
 * May topic `id` take a new record? 400 on `field` when it does not exist
 * ("Chủ đề không tồn tại") or was merged (the message names the topic it
 * lives on in).
 */
int topics_check_usable(struct store_conn *c, int64_t id, const char *field,
			struct err *e);

#endif
