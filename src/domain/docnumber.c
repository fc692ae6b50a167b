/*
 * The number and symbol parser; see docnumber.h for the two styles. A hand
 * written scanner, so that each refusal can say exactly which part is
 * missing or which character does not belong.
 */
#include "domain/docnumber.h"
#include "base/text.h"

#include <stdio.h>
#include <string.h>

#define SYMBOL_MAX_CHARS 100

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_ascii_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Bytes of the letter at p (ASCII letter or đ/Đ), 0 if p is no letter. */
static size_t letter_len(const char *p)
{
	if (is_ascii_letter(*p))
		return 1;
	if ((unsigned char)p[0] == 0xC4 &&
	    ((unsigned char)p[1] == 0x90 || (unsigned char)p[1] == 0x91))
		return 2;
	return 0;
}

/* Length in bytes of a code at p: letters, then letters or digits when
 * `digits` is set. */
static size_t scan_code(const char *p, bool digits)
{
	size_t n = 0, l;

	while (*p) {
		l = letter_len(p);
		if (!l && digits && n > 0 && is_digit(*p))
			l = 1;
		if (!l)
			break;
		n += l;
		p += l;
	}
	return n;
}

/* Bytes of the UTF-8 character at p (1 for a bad lead byte). */
static size_t char_len(const char *p)
{
	unsigned char c = (unsigned char)*p;
	size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	size_t i;

	for (i = 1; i < n; i++)
		if (!p[i])
			return i;
	return n;
}

/* Refuse the character at p, naming it and its position in `start`. */
static int stray(const char *start, const char *p, struct err *e)
{
	int pos = (int)utf8_length(start, (size_t)(p - start)) + 1;

	if (*p == ' ' || *p == '\t')
		return err_invalid(e, "symbol",
				   "Số và ký hiệu không được chứa khoảng trắng"
				   " (vị trí %d).",
				   pos);
	return err_invalid(e, "symbol",
			   "Ký tự \"%.*s\" không hợp lệ ở vị trí %d của số và"
			   " ký hiệu \"%s\".",
			   (int)char_len(p), p, pos, start);
}

static void copy_n(char *dst, size_t size, const char *src, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Skip a leading "Số", "Số:", "So:" (any case) and the blanks after it. */
static const char *skip_prefix(const char *s)
{
	const char *p = s;
	bool sep = false;

	if (*p != 'S' && *p != 's')
		return s;
	p++;
	if (*p == 'o' || *p == 'O')
		p++;
	else if (!strncmp(p, "\xE1\xBB\x91", 3) || !strncmp(p, "\xE1\xBB\x90", 3))
		p += 3;
	else
		return s;
	while (*p == ' ' || *p == '\t') {
		p++;
		sep = true;
	}
	if (*p == ':') {
		p++;
		sep = true;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	return sep ? p : s;
}

bool docnumber_code_eq(const char *a, const char *b)
{
	for (;;) {
		size_t la = letter_len(a), lb = letter_len(b);
		char ca = *a, cb = *b;

		if (la == 2 && lb == 2) {
			a += 2;
			b += 2;
			continue;
		}
		if (la == 2 || lb == 2)
			return false;
		if (ca >= 'a' && ca <= 'z')
			ca = (char)(ca - 32);
		if (cb >= 'a' && cb <= 'z')
			cb = (char)(cb - 32);
		if (ca != cb)
			return false;
		if (!ca)
			return true;
		a++;
		b++;
	}
}

int docnumber_format(char *out, size_t size, long number, const char *type,
		     const char *issuer, const char *suffix)
{
	int n;

	if (suffix && *suffix)
		n = snprintf(out, size, "%02ld-%s/%s/%s", number, type, issuer,
			     suffix);
	else
		n = snprintf(out, size, "%02ld-%s/%s", number, type, issuer);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

static int parse_party(const char *start, const char *p,
		       const struct docnumber_codes *codes,
		       struct docnumber *out, struct err *e)
{
	char code[64];
	size_t n;

	/* p is just after '-'. */
	n = scan_code(p, false);
	if (!n) {
		if (!*p)
			return err_invalid(e, "symbol",
					   "Thiếu loại văn bản sau dấu \"-\""
					   " (ví dụ 05-NQ/TU).");
		return stray(start, p, e);
	}
	if (n >= sizeof(out->type))
		return err_invalid(e, "symbol", "Loại văn bản quá dài.");
	copy_n(out->type, sizeof(out->type), p, n);
	p += n;
	if (!*p)
		return err_invalid(e, "symbol",
				   "Thiếu dấu \"/\" và cơ quan ban hành sau loại"
				   " văn bản \"%s\" (ví dụ 05-NQ/TU).",
				   out->type);
	if (*p != '/')
		return stray(start, p, e);
	p++;
	n = scan_code(p, true);
	if (!n) {
		if (!*p)
			return err_invalid(e, "symbol",
					   "Thiếu cơ quan ban hành sau dấu \"/\""
					   " (ví dụ 05-NQ/TU).");
		return stray(start, p, e);
	}
	if (n >= sizeof(out->issuer))
		return err_invalid(e, "symbol", "Ký hiệu cơ quan ban hành quá dài.");
	copy_n(out->issuer, sizeof(out->issuer), p, n);
	p += n;
	if (*p == '/') {
		p++;
		n = 0;
		while (is_digit(p[n]) || letter_len(p + n))
			n += letter_len(p + n) ? letter_len(p + n) : 1;
		if (!n) {
			if (!*p)
				return err_invalid(e, "symbol",
						   "Thiếu ký hiệu đơn vị soạn thảo"
						   " sau dấu \"/\" cuối cùng.");
			return stray(start, p, e);
		}
		if (n >= sizeof(out->suffix))
			return err_invalid(e, "symbol",
					   "Ký hiệu đơn vị soạn thảo quá dài.");
		copy_n(out->suffix, sizeof(out->suffix), p, n);
		p += n;
	}
	if (*p)
		return stray(start, p, e);
	if (codes && codes->type) {
		copy_n(code, sizeof(code), out->type, strlen(out->type));
		if (!codes->type(codes->ctx, code, out->type, sizeof(out->type)))
			return err_invalid(e, "symbol",
					   "Loại văn bản \"%s\" không có trong danh"
					   " mục loại văn bản (ví dụ NQ, QĐ, CT, KL,"
					   " HD, KH, CV, BC).",
					   code);
	}
	if (codes && codes->issuer) {
		copy_n(code, sizeof(code), out->issuer, strlen(out->issuer));
		if (!codes->issuer(codes->ctx, code, out->issuer,
				   sizeof(out->issuer)))
			return err_invalid(e, "symbol",
					   "Cơ quan ban hành \"%s\" không có trong"
					   " danh mục cơ quan ban hành (ví dụ TW,"
					   " TU, BTGDVTU).",
					   code);
	}
	out->style = DOCNUMBER_PARTY;
	if (docnumber_format(out->symbol, sizeof(out->symbol), out->number,
			     out->type, out->issuer, out->suffix) < 0)
		return err_invalid(e, "symbol", "Số và ký hiệu quá dài.");
	return 0;
}

static int parse_state(const char *start, const char *p,
		       struct docnumber *out, struct err *e)
{
	size_t n, segs = 0;

	/* p is just after "NUMBER/". An optional year: "15/2020/NĐ-CP". */
	if (is_digit(*p)) {
		n = 0;
		while (is_digit(p[n]))
			n++;
		if (n != 4 || p[n] != '/')
			return n == 4 && !p[n]
				       ? err_invalid(e, "symbol",
						     "Thiếu loại văn bản sau năm"
						     " \"%.4s\".",
						     p)
				       : stray(start, p + (n == 4 ? n : 0), e);
		out->year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 +
			    (p[2] - '0') * 10 + (p[3] - '0');
		if (out->year < 1930 || out->year > 2100)
			return err_invalid(e, "symbol",
					   "Năm \"%.4s\" trong số và ký hiệu không"
					   " hợp lệ.",
					   p);
		p += 5;
	}
	for (;;) {
		n = scan_code(p, true);
		if (!n) {
			if (!*p)
				return err_invalid(e, "symbol",
						   segs ? "Thiếu phần ký hiệu sau"
							  " dấu \"-\"."
							: "Thiếu loại văn bản sau"
							  " dấu \"/\" (ví dụ"
							  " 24/KH-UBND).");
			return stray(start, p, e);
		}
		if (!segs)
			copy_n(out->type, sizeof(out->type), p, n);
		else if (segs == 1)
			copy_n(out->issuer, sizeof(out->issuer), p, n);
		segs++;
		p += n;
		if (*p != '-')
			break;
		p++;
	}
	if (*p)
		return stray(start, p, e);
	if (segs < 2)
		return err_invalid(e, "symbol",
				   "Thiếu cơ quan ban hành sau loại văn bản"
				   " \"%s\" (kiểu nhà nước: 24/KH-UBND).",
				   out->type);
	out->style = DOCNUMBER_STATE;
	copy_n(out->symbol, sizeof(out->symbol), start, strlen(start));
	return 0;
}

int docnumber_parse(const char *s, const struct docnumber_codes *codes,
		    struct docnumber *out, struct err *e)
{
	char work[4 * SYMBOL_MAX_CHARS + 8];
	const char *p, *start;
	size_t len, n;
	long number = 0;

	memset(out, 0, sizeof(*out));
	if (!s)
		s = "";
	len = strlen(s);
	if (!utf8_valid(s, len))
		return err_invalid(e, "symbol",
				   "Số và ký hiệu chứa byte không hợp lệ (không"
				   " phải UTF-8).");
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		       s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	if (utf8_length(s, len) > SYMBOL_MAX_CHARS || len >= sizeof(work))
		return err_invalid(e, "symbol",
				   "Số và ký hiệu quá dài (tối đa %d ký tự).",
				   SYMBOL_MAX_CHARS);
	memcpy(work, s, len);
	work[len] = '\0';
	start = skip_prefix(work);
	if (!*start)
		return err_invalid(e, "symbol", "Chưa nhập số và ký hiệu.");
	p = start;
	if (!is_digit(*p)) {
		if (letter_len(p))
			return err_invalid(e, "symbol",
					   "Số và ký hiệu phải bắt đầu bằng số của"
					   " văn bản (ví dụ 05-NQ/TU).");
		return stray(start, p, e);
	}
	for (n = 0; is_digit(p[n]); n++) {
		if (n >= 6)
			return err_invalid(e, "symbol",
					   "Số văn bản quá dài (tối đa 6 chữ số).");
		number = number * 10 + (p[n] - '0');
	}
	if (number == 0)
		return err_invalid(e, "symbol", "Số văn bản phải lớn hơn 0.");
	out->number = number;
	p += n;
	if (!*p)
		return err_invalid(e, "symbol",
				   "Thiếu loại văn bản và cơ quan ban hành sau số"
				   " \"%.*s\" (ví dụ 05-NQ/TU).",
				   (int)n, start);
	if (*p == '-')
		return parse_party(start, p + 1, codes, out, e);
	if (*p == '/')
		return parse_state(start, p + 1, out, e);
	return stray(start, p, e);
}
