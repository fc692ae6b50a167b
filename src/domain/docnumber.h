/*
 * Number and symbol (số và ký hiệu) of a document: parsing and formatting,
 * no I/O.
 *
 * Two styles are recognised:
 *   - Party style, NUMBER-TYPE/ISSUER[/SUFFIX]: `05-NQ/TU`, `45-CV/BTGDVTU`,
 *     `5082-CV/VPTW/nb`, `238-QĐ/TW`. TYPE and ISSUER must be codes of the
 *     editable tables (document_types, issuers); the caller supplies the
 *     lookup, which also gives the canonical spelling (`qđ` -> `QĐ`). The
 *     canonical symbol prints the number with at least two digits.
 *   - State style written by third parties, NUMBER/[YEAR/]TYPE-ISSUER[-…]:
 *     `24/KH-BTGTU`, `383/KH-UBND`, `15/2020/NĐ-CP`. Its codes are not
 *     checked against the tables and the symbol is kept as written. Only
 *     incoming documents may carry one (checked by documents.c).
 * Either may start with `Số`, `Số:` or `So:` (any case), which is dropped.
 *
 * Every refusal fills `e` (field "symbol") with a Vietnamese message naming
 * what is wrong: the missing part, the unknown code, the stray character.
 */
#ifndef TG_DOCNUMBER_H
#define TG_DOCNUMBER_H

#include <stdbool.h>

#include "base/err.h"

#define DOCNUMBER_MAX_NUMBER 999999L

enum docnumber_style { DOCNUMBER_PARTY = 1, DOCNUMBER_STATE = 2 };

struct docnumber {
	enum docnumber_style style;
	long number;      /* > 0 */
	int year;         /* state style "15/2020/NĐ-CP": 2020; else 0 */
	char type[24];    /* canonical code for Party style */
	char issuer[48];  /* canonical code for Party style; state: the rest */
	char suffix[32];  /* Party style drafting-unit suffix ("nb"), or "" */
	char symbol[160]; /* canonical (Party) or as written (state) */
};

/*
 * Code lookup for Party-style symbols. Each function returns true when
 * `code` is known and copies its canonical spelling into `canon` (size
 * bytes). Either function may be NULL: every code is then accepted as
 * written.
 */
struct docnumber_codes {
	bool (*type)(void *ctx, const char *code, char *canon, size_t size);
	bool (*issuer)(void *ctx, const char *code, char *canon, size_t size);
	void *ctx;
};

/*
 * Parse `s` into `out`. `codes` may be NULL (syntax only). Returns 0, or
 * -1 with `e` filled (field "symbol").
 */
int docnumber_parse(const char *s, const struct docnumber_codes *codes,
		    struct docnumber *out, struct err *e);

/* Format a Party-style symbol: "05-NQ/TU", "5082-CV/VPTW/nb". `suffix` may
 * be NULL or "". Returns 0, -1 if it does not fit. */
int docnumber_format(char *out, size_t size, long number, const char *type,
		     const char *issuer, const char *suffix);

/* Compare two codes ignoring case (ASCII and đ/Đ). */
bool docnumber_code_eq(const char *a, const char *b);

#endif
