/*
 * UTF-8 and Vietnamese text: validation, truncation on a character boundary,
 * and folding for accent-insensitive search.
 *
 * Folding maps a string to lower case without tone marks or diacritics, so
 * that `Quán Triệt Nghị Quyết` and `quan triet nghi quyet` compare equal and
 * `Đảng` becomes `dang`. It covers all 134 Vietnamese letters (67 lower-case
 * vowel/consonant forms and their capitals: a ă â e ê i o ô ơ u ư y each with
 * the five tones, plus đ/Đ) in both precomposed (NFC) form and decomposed
 * form (base letter followed by combining marks U+0300..U+036F, which are
 * dropped), and ASCII case. Other characters pass through unchanged (other
 * scripts are copied as they are). The documents search stores folded text
 * and folds the query the same way.
 */
#ifndef TG_TEXT_H
#define TG_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/* True if s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, no
 * code points above U+10FFFF). NUL bytes inside are refused too. */
bool utf8_valid(const char *s, size_t len);

/* Number of code points in a valid UTF-8 string. */
size_t utf8_length(const char *s, size_t len);

/* The largest n <= max such that s[0..n) ends on a character boundary
 * (s is NUL-terminated and valid UTF-8). */
size_t utf8_truncate(const char *s, size_t max);

/*
 * Append the folded form of s[0..len) to `out`. Invalid UTF-8 bytes are
 * copied as they are. Returns 0, or -1 if `out` would pass its maximum.
 */
int text_fold(struct buf *out, const char *s, size_t len);

/* Convenience: the folded form as a malloc'd string; the caller frees it. */
char *text_fold_dup(const char *s);

/* The position of `s` in the NULL-terminated list `set` (a code table:
 * kinds, stages, awards), or -1 when absent or when `s` is NULL. */
int text_index(const char *s, const char *const *set);

#endif
