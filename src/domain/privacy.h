/*
 * The identifier detector of the public-opinion modules (SPEC §3.6): the
 * system records what is said about a topic in a locality, never who said
 * it. Free text entered in opinion reports, hot spots and topics is
 * scanned on input, and refused when it holds
 *   - an identity number: a run of exactly 9 (CMND) or 12 (CCCD) digits
 *     written without separators, not followed by a currency word;
 *   - a Vietnamese phone number: 10 digits starting with 0, or +84 and 9
 *     digits, possibly grouped by spaces, dots or hyphens ("0912 345 678",
 *     "+84 912.345.678");
 *   - an e-mail address;
 *   - a social-media profile URL (facebook.com/…, zalo.me/…, tiktok.com/@…).
 * Document numbers ("05-NQ/TU"), dates ("15/06/2022"), money amounts with
 * thousands separators ("1.500.000 đồng") and counts ("8.199") are not
 * identifiers. Names and addresses cannot be told from other words; the
 * message asks the author not to write them.
 *
 * Pure functions, no storage, no allocation.
 */
#ifndef TG_PRIVACY_H
#define TG_PRIVACY_H

#include "base/err.h"

enum privacy_kind {
	PRIVACY_NONE = 0,
	PRIVACY_ID_NUMBER,
	PRIVACY_PHONE,
	PRIVACY_EMAIL,
	PRIVACY_SOCIAL,
};

/* The first identifier in `text` (NULL is clean); *at (may be NULL) gets
 * its byte offset. */
enum privacy_kind privacy_scan(const char *text, size_t *at);

/* A short Vietnamese name of the kind ("số điện thoại"). */
const char *privacy_kind_name(enum privacy_kind k);

/*
 * Check `text` for field `field` (labelled `label` in the message): 0 when
 * clean, else fills `e` with a 400 on `field` asking to describe the
 * opinion without identifying anyone, and returns -1.
 */
int privacy_check(const char *text, const char *field, const char *label,
		  struct err *e);

#endif
