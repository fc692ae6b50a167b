/*
 * The identifier detector; see privacy.h. One left-to-right pass: at each
 * position try an e-mail address, a social-media URL, then a run of
 * digits (with its separators) classified as phone or identity number.
 */
#include "domain/privacy.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

static bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static bool is_alnum(char ch)
{
	return isalnum((unsigned char)ch) != 0;
}

static bool email_local(char ch)
{
	return is_alnum(ch) || ch == '.' || ch == '_' || ch == '%' ||
	       ch == '+' || ch == '-';
}

/* An e-mail address whose '@' is at s[i]. */
static bool email_at(const char *s, size_t i)
{
	size_t j = i + 1, labels = 0, tld = 0;

	if (i == 0 || !email_local(s[i - 1]))
		return false;
	while (s[j]) {
		size_t n = 0;

		while (is_alnum(s[j]) || s[j] == '-') {
			j++;
			n++;
		}
		if (!n)
			break;
		labels++;
		tld = n;
		if (s[j] != '.' || !is_alnum(s[j + 1]))
			break;
		j++;
	}
	return labels >= 2 && tld >= 2;
}

static const char *const social[] = {
	"facebook.com/", "fb.com/", "fb.me/", "m.facebook.com/", "zalo.me/",
	"tiktok.com/", "youtube.com/", "youtu.be/", "instagram.com/",
	"twitter.com/", "x.com/", "t.me/", "linkedin.com/", "threads.net/",
	NULL,
};

static bool prefix_ci(const char *s, const char *p)
{
	for (; *p; s++, p++)
		if (tolower((unsigned char)*s) != (unsigned char)*p)
			return false;
	return true;
}

/* A social-media URL starting at s[i]: a known host at a word start,
 * followed by a non-empty path. */
static bool social_at(const char *s, size_t i)
{
	size_t k;

	if (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '-'))
		return false;
	for (k = 0; social[k]; k++) {
		size_t n = strlen(social[k]);

		if (prefix_ci(s + i, social[k]) &&
		    (is_alnum(s[i + n]) || s[i + n] == '@' || s[i + n] == '+'))
			return true;
	}
	return false;
}

static bool currency_after(const char *s)
{
	static const char *const words[] = { "đồng", "đ", "vnđ", "vnd",
					     "triệu", "tỷ", "nghìn", "ngàn",
					     NULL };
	size_t k;

	while (*s == ' ')
		s++;
	for (k = 0; words[k]; k++) {
		size_t n = strlen(words[k]);

		if (prefix_ci(s, words[k]) && !is_alnum(s[n]))
			return true;
	}
	return false;
}

/*
 * Classify the run of digits starting at s[i] (not preceded by a digit).
 * *end gets the index just past it.
 */
static enum privacy_kind digits_at(const char *s, size_t i, size_t *end)
{
	char d[32];
	size_t j = i, n = 0, groups = 1, first = 0, cur = 0;
	bool plus = false, separated = false, thousands = true;
	char sep = 0;

	if (i > 0 && s[i - 1] == '+')
		plus = true;
	else if (i > 1 && s[i - 1] == '(' && s[i - 2] == '+')
		plus = true;
	for (;;) {
		if (is_digit(s[j])) {
			if (n < sizeof(d) - 1)
				d[n] = s[j];
			n++;
			cur++;
			j++;
			continue;
		}
		if ((s[j] == ' ' || s[j] == '.' || s[j] == '-' ||
		     (s[j] == ')' && plus && groups == 1)) &&
		    is_digit(s[j + 1])) {
			if (groups == 1)
				first = cur;
			else if (cur != 3)
				thousands = false;
			if (s[j] != '.' || (sep && sep != s[j]))
				thousands = false;
			sep = s[j];
			separated = true;
			groups++;
			cur = 0;
			j++;
			continue;
		}
		if (s[j] == ')' && plus && groups == 1 && s[j + 1] == ' ' &&
		    is_digit(s[j + 2])) {
			first = cur;
			thousands = false;
			separated = true;
			groups++;
			cur = 0;
			j += 2;
			continue;
		}
		break;
	}
	*end = j;
	if (groups == 1)
		first = cur;
	else if (cur != 3)
		thousands = false;
	if (first > 3)
		thousands = false;
	d[n < sizeof(d) ? n : sizeof(d) - 1] = '\0';
	/* The digits are part of a word ("A12345678B") or a decimal. */
	if (is_alnum(s[j]) && !is_digit(s[j]))
		return PRIVACY_NONE;
	if (separated && thousands)
		return PRIVACY_NONE; /* 1.500.000, 8.199 */
	if (plus && n == 11 && !strncmp(d, "84", 2))
		return PRIVACY_PHONE;
	if (d[0] == '0' && n == 10)
		return PRIVACY_PHONE;
	if (!separated && (n == 9 || n == 12) && !currency_after(s + j))
		return PRIVACY_ID_NUMBER;
	return PRIVACY_NONE;
}

enum privacy_kind privacy_scan(const char *s, size_t *at)
{
	size_t i, end;
	enum privacy_kind k;

	if (!s)
		return PRIVACY_NONE;
	for (i = 0; s[i]; i++) {
		if (s[i] == '@' && email_at(s, i)) {
			k = PRIVACY_EMAIL;
			while (i > 0 && email_local(s[i - 1]))
				i--;
			goto found;
		}
		if (social_at(s, i)) {
			k = PRIVACY_SOCIAL;
			goto found;
		}
		if (is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1]))) {
			/* Part of a larger word such as "A1234"? */
			if (i > 0 && isalpha((unsigned char)s[i - 1]))
				continue;
			k = digits_at(s, i, &end);
			if (k != PRIVACY_NONE)
				goto found;
			i = end - 1;
		}
	}
	return PRIVACY_NONE;
found:
	if (at)
		*at = i;
	return k;
}

const char *privacy_kind_name(enum privacy_kind k)
{
	switch (k) {
	case PRIVACY_ID_NUMBER: return "số định danh (CMND/CCCD)";
	case PRIVACY_PHONE: return "số điện thoại";
	case PRIVACY_EMAIL: return "địa chỉ thư điện tử";
	case PRIVACY_SOCIAL: return "tài khoản mạng xã hội";
	default: return "";
	}
}

int privacy_check(const char *text, const char *field, const char *label,
		  struct err *e)
{
	enum privacy_kind k = privacy_scan(text, NULL);

	if (k == PRIVACY_NONE)
		return 0;
	return err_set(e, ERR_BAD_INPUT, "personal_data", field,
		       "%s có vẻ chứa %s. Vui lòng mô tả ý kiến, sự việc mà"
		       " không nêu thông tin nhận diện bất kỳ ai (họ tên, số"
		       " định danh, số điện thoại, địa chỉ, thư điện tử, tài"
		       " khoản mạng xã hội).",
		       label, privacy_kind_name(k));
}
