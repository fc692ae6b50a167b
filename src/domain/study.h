/*
 * Study conferences and political activities (học tập, quán triệt, sinh
 * hoạt chính trị): the `activities` collection, SPEC §3.3.
 *
 * An activity is held by one unit on one date: kind ("study" a conference
 * studying a resolution or conclusion, "political" a thematic political
 * activity, "flag_salute" a political activity at the flag salute,
 * "seminar"), form ("in_person", "online", "hybrid"), the document studied
 * (document_id, a row of the documents register, and/or document_ref, the
 * number and symbol as written, e.g. "01-KL/TW"), Party members present
 * and expected, non-member participants and a note.
 *
 * Rules: 0 <= members_present <= members_expected, non_members >= 0; the
 * date is not after today (Vietnam time) and the unit was valid on it (not
 * merged away, see unit_history.h); the unit lies in the user's subtree
 * (404 otherwise); contributors enter for their own unit only, viewers
 * read. Every write is audited in its transaction.
 *
 * The write functions run in their own transaction, or inside the
 * caller's when one is open (the demo loader batches this way). JSON
 * answers are owned by the caller.
 */
#ifndef TG_STUDY_H
#define TG_STUDY_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

struct study_filter {
	int64_t unit_id;      /* 0: the whole subtree */
	const char *kind;     /* NULL: any */
	const char *from, *to; /* inclusive dates, NULL: open */
	int64_t document_id;  /* 0: any */
	const char *document_ref;
	int64_t limit, offset;
};

int study_list(struct store_conn *c, const struct actor *a,
	       const struct study_filter *f, json_t **out, struct err *e);
int study_get(struct store_conn *c, const struct actor *a, int64_t id,
	      json_t **out, struct err *e);
int study_create(struct store_conn *c, const struct actor *a, json_t *body,
		 json_t **out, struct err *e);
int study_update(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t *body, json_t **out, struct err *e);
int study_delete(struct store_conn *c, const struct actor *a, int64_t id,
		 struct err *e);

/*
 * The units of the subtree of `unit_id` that have not yet held an activity
 * on the document (document_id, or document_ref when id is 0) in
 * [from, to] (either may be NULL), at themselves or below: units of level
 * `level` (a level code), or the leaves of the tree when NULL. Merged
 * units are left out. {"total": N, "items": [{id, code, name}]}.
 */
int study_not_studied(struct store_conn *c, const struct actor *a,
		      int64_t unit_id, int64_t document_id,
		      const char *document_ref, const char *level,
		      const char *from, const char *to, json_t **out,
		      struct err *e);

/* Does the subtree of `path` hold any activity? 1 yes, 0 no, -1 error. */
int study_any_in_subtree(struct store_conn *c, const char *path,
			 struct err *e);

#endif
