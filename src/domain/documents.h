/*
 * The document register (sổ văn bản đến / đi), its code tables (document
 * types, issuers), the terms of the committees (nhiệm kỳ) and search.
 *
 * A document belongs to a unit (the unit that registers it) and is
 * incoming ("in") or outgoing ("out"). Its number and symbol is parsed by
 * docnumber.c against the editable tables of types and issuers:
 *   - incoming: any Party-style symbol of known type and issuer, or a
 *     state-style symbol written by a third party, kept as written;
 *   - outgoing: Party style only. Without a symbol (or with `type` and
 *     `issuer` but no number), the next number is given automatically per
 *     issuer, per type, per term of the owning unit (the nearest unit on
 *     its path that has a term covering the date), inside the write
 *     transaction, so concurrent writers get 1..N with no gap or
 *     duplicate; a unique index refuses a duplicate number (409).
 *
 * Visibility: a document is visible to the users of its unit's subtree and
 * to the units it was assigned to through a task (tasks.h). Anything else is
 * "not found". Registration and edits: admin, leader, specialist, within the
 * user's subtree. Every change is audited in its transaction.
 *
 * Search folds the query with text_fold (base/text.h) and matches it
 * against documents.search_folded (symbol, type, issuer, summary, signer,
 * text, tags, attachment names), through the FTS5 accelerator on SQLite.
 */
#ifndef TG_DOCUMENTS_H
#define TG_DOCUMENTS_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

struct documents_filter {
	const char *q;         /* accent-insensitive text */
	const char *type;      /* type code */
	const char *issuer;    /* issuer code (or issuer text, state style) */
	const char *from, *to; /* issued_on range, inclusive */
	const char *direction; /* "in" | "out" */
	const char *sort;      /* date_desc (default), date_asc, symbol,
				  relevance */
	int64_t unit_id;       /* 0: any unit of the subtree */
	int64_t limit, offset;
};

/* All JSON answers below are owned by the caller. */
int documents_list(struct store_conn *c, const struct actor *a,
		   const struct documents_filter *f, json_t **out,
		   struct err *e);
/* The document with its attachments and its tasks. */
int documents_get(struct store_conn *c, const struct actor *a, int64_t id,
		  json_t **out, struct err *e);
int documents_create(struct store_conn *c, const struct actor *a,
		     json_t *body, json_t **out, struct err *e);
int documents_update(struct store_conn *c, const struct actor *a, int64_t id,
		     json_t *body, json_t **out, struct err *e);
/* Refused (409) while tasks hang on the document. The attachments' rows
 * go with it; the audit row keeps the whole document as it was. */
int documents_delete(struct store_conn *c, const struct actor *a, int64_t id,
		     struct err *e);

/*
 * Parse a symbol against the tables: {"ok": true, "style", "number",
 * "type", "issuer", "suffix", "symbol"} or {"ok": false, "error": {…}}.
 * Never fails on a bad symbol (that is the answer); -1 only on a store
 * error.
 */
int documents_parse_symbol(struct store_conn *c, const char *s,
			   json_t **out, struct err *e);

/*
 * 0 if document `id` exists and is visible to `a` (its unit's path in
 * *unit_path if not NULL, its unit id in *unit_id if not NULL), 404
 * otherwise. `for_write`: the document's unit must be in a's subtree (a
 * unit assigned a task may read the document but not edit it).
 */
int documents_check(struct store_conn *c, const struct actor *a, int64_t id,
		    int for_write, int64_t *unit_id, char *issued_on,
		    struct err *e);

/* Recompute the folded search text of document `id` (after attachments
 * change); inside the caller's transaction. */
int documents_refold(struct store_conn *c, int64_t id, struct err *e);

/* Code tables: any signed-in user reads, admins write. */
int doctypes_list(struct store_conn *c, json_t **out, struct err *e);
int doctypes_create(struct store_conn *c, const struct actor *a,
		    json_t *body, json_t **out, struct err *e);
int doctypes_update(struct store_conn *c, const struct actor *a, int64_t id,
		    json_t *body, json_t **out, struct err *e);
int issuers_list(struct store_conn *c, json_t **out, struct err *e);
int issuers_create(struct store_conn *c, const struct actor *a, json_t *body,
		   json_t **out, struct err *e);
int issuers_update(struct store_conn *c, const struct actor *a, int64_t id,
		   json_t *body, json_t **out, struct err *e);

/* Terms (nhiệm kỳ): those of the user's subtree and ancestors; created by
 * admins and leaders for a unit of their subtree; no two terms of a unit
 * overlap. */
int terms_list(struct store_conn *c, const struct actor *a, int64_t unit_id,
	       json_t **out, struct err *e);
int terms_create(struct store_conn *c, const struct actor *a, json_t *body,
		 json_t **out, struct err *e);

#endif
