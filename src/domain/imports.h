/*
 * Imports (SPEC §5, issue 8 part 6): units, user accounts and indicator
 * values from a CSV or XLSX file (base/table.h), by the CLI
 * (`tuyengiao import`) and the admin page (POST /api/v1/imports/{kind}).
 *
 * The rules are the API's, not a copy: each row becomes the JSON body the
 * API takes and goes through the same domain function (units_create or
 * units_update, users_create or users_update, ivalues_create or
 * ivalues_update), with its json_check validation, scope checks and audit
 * rows, as the actor `a`. Codes in the file (parent_code, unit_code,
 * indicator_code) are turned into ids first; a unit outside a's subtree
 * reads exactly like one that does not exist.
 *
 * All or nothing: every row runs inside one transaction, each between a
 * savepoint and its release, so a refused row is undone alone and every
 * later row is still checked (a row may use a unit created by an earlier
 * one). At the end the transaction commits only when no row was refused
 * and this is not a dry run; otherwise it is rolled back and nothing is
 * written. A dry run therefore reports exactly what the import would
 * create and update. The transaction holds the write lock for the whole
 * file, so other writers wait for a large import.
 *
 * Columns (first row of the file; order free; the English key or the
 * Vietnamese label, compared without accents and case; an unknown or
 * repeated column refuses the file). An empty cell means "not given": on
 * an update the value is kept.
 *   units:            code*, name, short_name, parent_code, level,
 *                     members, valid_from  (new units need name,
 *                     parent_code and level; an existing code is updated)
 *   users:            username*, full_name, unit_code, role, password,
 *                     disabled  (new accounts need every column but
 *                     disabled; an existing username is updated, and an
 *                     empty password keeps the old one)
 *   indicator-values: indicator_code*, unit_code*, period*, numerator,
 *                     denominator, note  (an existing value of the same
 *                     indicator, unit and period is updated)
 * Integers are plain digits; dates YYYY-MM-DD or dd/mm/yyyy (XLSX dates
 * arrive as YYYY-MM-DD); booleans 1/0, true/false, có/không.
 */
#ifndef TG_IMPORTS_H
#define TG_IMPORTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct actor;
struct store_conn;

enum import_kind { IMPORT_UNITS, IMPORT_USERS, IMPORT_IVALUES };

/* "units", "users", "indicator-values"; -1 for anything else. */
int imports_kind_parse(const char *s, enum import_kind *k);
const char *imports_kind_name(enum import_kind k);
/* The column keys of a kind, comma-separated (for help texts). */
const char *imports_columns(enum import_kind k);

/* At most this many row errors are listed in a report (all are counted). */
#define IMPORTS_MAX_ERRORS 1000

struct import_options {
	bool dry_run;
	/* Called after each row with the rows done and the total (may be
	 * NULL). */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
};

/*
 * Import the file data[0..len) (CSV or XLSX by content) as `a`, who must
 * be an admin. On return 0 *out (owned by the caller) is the report:
 *   {"kind", "dry_run", "rows": rows checked, "created", "updated",
 *    "errors": [{"line", "column", "message"}], "errors_total",
 *    "committed": whether anything was written}
 * whether or not rows were refused. -1 when the file itself cannot be
 * imported (unreadable, past a limit, a header without a required column,
 * no data rows, the caller not an admin) or the database failed.
 */
int imports_run(struct store_conn *c, const struct actor *a,
		enum import_kind kind, const char *data, size_t len,
		const struct import_options *o, json_t **out, struct err *e);

#endif
