/*
 * UTF-8 validation, length and truncation, and Vietnamese folding for
 * accent-insensitive search; see text.h for the contracts.
 *
 * One strict decoder (decode_one) serves both validation and folding, so
 * what utf8_valid() accepts is exactly what text_fold() treats as a
 * character. Folding is table driven: every precomposed Vietnamese letter
 * lives in U+00C0..U+01B0 or U+1EA0..U+1EF9, and two strings indexed by
 * code point give each one's base ASCII letter.
 */
#include "base/text.h"
#include "base/buf.h"
#include "base/mem.h"

#include <stdint.h>
#include <string.h>

/*
 * Base letter of each code point from U+00C0 to U+01B0, '-' where the code
 * point is not a Vietnamese letter (those are copied unchanged). Capitals
 * map to lower case; Đ/đ map to d.
 */
#define LATIN_FIRST 0x00C0
#define LATIN_LAST 0x01B0
static const char latin_base[] =
	"aaaa----eee-ii--" /* U+00C0 À Á Â Ã  È É Ê  Ì Í */
	"--oooo---uu--y--" /* U+00D0 Ò Ó Ô Õ  Ù Ú  Ý */
	"aaaa----eee-ii--" /* U+00E0 à á â ã  è é ê  ì í */
	"--oooo---uu--y--" /* U+00F0 ò ó ô õ  ù ú  ý */
	"--aa------------" /* U+0100 Ă ă */
	"dd--------------" /* U+0110 Đ đ */
	"--------ii------" /* U+0120 Ĩ ĩ */
	"----------------" /* U+0130 */
	"----------------" /* U+0140 */
	"----------------" /* U+0150 */
	"--------uu------" /* U+0160 Ũ ũ */
	"----------------" /* U+0170 */
	"----------------" /* U+0180 */
	"----------------" /* U+0190 */
	"oo-------------u" /* U+01A0 Ơ ơ, U+01AF Ư */
	"u";               /* U+01B0 ư */

/*
 * Base letter of each code point from U+1EA0 (Ạ) to U+1EF9 (ỹ), the Latin
 * Extended Additional block of Vietnamese letters: every one is a letter.
 */
#define VIET_FIRST 0x1EA0
#define VIET_LAST 0x1EF9
static const char viet_base[] =
	"aaaaaaaaaaaaaaaa" /* U+1EA0 Ạ ạ Ả ả Ấ ấ Ầ ầ Ẩ ẩ Ẫ ẫ Ậ ậ Ắ ắ */
	"aaaaaaaaeeeeeeee" /* U+1EB0 Ằ ằ Ẳ ẳ Ẵ ẵ Ặ ặ Ẹ ẹ Ẻ ẻ Ẽ ẽ Ế ế */
	"eeeeeeeeiiiioooo" /* U+1EC0 Ề ề Ể ể Ễ ễ Ệ ệ Ỉ ỉ Ị ị Ọ ọ Ỏ ỏ */
	"oooooooooooooooo" /* U+1ED0 Ố ố Ồ ồ Ổ ổ Ỗ ỗ Ộ ộ Ớ ớ Ờ ờ Ở ở */
	"oooouuuuuuuuuuuu" /* U+1EE0 Ỡ ỡ Ợ ợ Ụ ụ Ủ ủ Ứ ứ Ừ ừ Ử ử Ữ ữ */
	"uuyyyyyyyy";      /* U+1EF0 Ự ự Ỳ ỳ Ỵ ỵ Ỷ ỷ Ỹ ỹ */

_Static_assert(sizeof(latin_base) - 1 == LATIN_LAST - LATIN_FIRST + 1,
	       "latin_base covers U+00C0..U+01B0");
_Static_assert(sizeof(viet_base) - 1 == VIET_LAST - VIET_FIRST + 1,
	       "viet_base covers U+1EA0..U+1EF9");

/*
 * Decode one character from s[0..len) (len >= 1). Returns the number of
 * bytes it takes and stores the code point, or returns 0 if the bytes are
 * not well-formed UTF-8: a stray continuation byte, a truncated sequence,
 * an overlong form, a surrogate or a value above U+10FFFF. NUL is accepted
 * here; utf8_valid() refuses it separately.
 */
static size_t decode_one(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0; /* continuation byte, C0/C1 overlong lead, F5..FF */
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if (p[i] == 0)
			return false;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = decode_one(p + i, len - i, &cp);
		if (!n)
			return false;
		i += n;
	}
	return true;
}

size_t utf8_length(const char *s, size_t len)
{
	size_t i, count = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

size_t utf8_truncate(const char *s, size_t max)
{
	size_t n = strnlen(s, max < SIZE_MAX ? max + 1 : max);

	if (n <= max)
		return n;
	/* s[max] exists: back up while it is inside a character. */
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/*
 * The ASCII letter a code point folds to, 0 if it is dropped (a combining
 * mark) or -1 if it is copied unchanged.
 */
static int fold_cp(uint32_t cp)
{
	char c;

	if (cp >= 'A' && cp <= 'Z')
		return (int)(cp - 'A' + 'a');
	if (cp >= 0x0300 && cp <= 0x036F)
		return 0;
	if (cp >= LATIN_FIRST && cp <= LATIN_LAST) {
		c = latin_base[cp - LATIN_FIRST];
		return c == '-' ? -1 : c;
	}
	if (cp >= VIET_FIRST && cp <= VIET_LAST)
		return viet_base[cp - VIET_FIRST];
	return -1;
}

/*
 * Unchanged bytes are copied in runs; a failed append restores the buffer
 * to its length on entry so the caller never sees half a folded string.
 */
int text_fold(struct buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t start = out->len, run = 0, i = 0, n;
	uint32_t cp;
	int f;
	char c;

	while (i < len) {
		n = decode_one(p + i, len - i, &cp);
		if (!n) {
			i++; /* an invalid byte is copied as it is */
			continue;
		}
		f = fold_cp(cp);
		if (f < 0) {
			i += n;
			continue;
		}
		if (i > run && buf_add(out, s + run, i - run) < 0)
			goto fail;
		if (f) {
			c = (char)f;
			if (buf_add(out, &c, 1) < 0)
				goto fail;
		}
		i += n;
		run = i;
	}
	if (len > run && buf_add(out, s + run, len - run) < 0)
		goto fail;
	return 0;

fail:
	out->len = start;
	out->ptr[start] = '\0';
	return -1;
}

char *text_fold_dup(const char *s)
{
	struct buf b = BUF_INIT;

	b.max = SIZE_MAX / 2;
	/* Folding never lengthens a string, so this cannot pass the maximum. */
	text_fold(&b, s, strlen(s));
	return buf_detach(&b, NULL);
}

int text_index(const char *s, const char *const *set)
{
	int i;

	for (i = 0; s && set[i]; i++)
		if (!strcmp(s, set[i]))
			return i;
	return -1;
}
