/*
 * JSON body parsing and field-table validation; see json.h.
 */
#include "base/json.h"
#include "base/format.h"
#include "base/text.h"

#include <ctype.h>
#include <string.h>

/*
 * The key whose value holds byte `pos`: the last `"key":` before it. Good
 * enough to point a user at the field with a bad byte in flat objects.
 */
static void field_near(const char *body, size_t pos, char *out, size_t size)
{
	size_t i = pos, end, start;

	out[0] = '\0';
	while (i > 0) {
		i--;
		if (body[i] != ':')
			continue;
		end = i;
		while (end > 0 && isspace((unsigned char)body[end - 1]))
			end--;
		if (end == 0 || body[end - 1] != '"')
			continue;
		start = end - 1;
		while (start > 0 && body[start - 1] != '"')
			start--;
		if (start == 0 || end - 1 - start >= size)
			return;
		memcpy(out, body + start, end - 1 - start);
		out[end - 1 - start] = '\0';
		return;
	}
}

static size_t first_bad_utf8(const char *s, size_t len)
{
	size_t lo = 0, hi = len;

	/* utf8_valid() is all-or-nothing; bisect for the first bad prefix. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, n = mid + 1;

		while (n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
			n++;
		if (utf8_valid(s, n))
			lo = n;
		else
			hi = mid;
	}
	return lo;
}

int json_parse_body(const char *body, size_t len, json_t **out,
		    struct err *e)
{
	json_error_t je;
	char field[64];

	*out = NULL;
	if (len == 0)
		return err_invalid(e, NULL, "Thiếu nội dung yêu cầu (JSON).");
	if (!utf8_valid(body, len)) {
		field_near(body, first_bad_utf8(body, len), field,
			   sizeof(field));
		return err_invalid(e, field[0] ? field : NULL,
				   "Dữ liệu không phải văn bản UTF-8 hợp lệ.");
	}
	*out = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
	if (!*out) {
		field_near(body, (size_t)je.position <= len ? (size_t)je.position : len,
			   field, sizeof(field));
		return err_invalid(e, field[0] ? field : NULL,
				   "JSON không hợp lệ (dòng %d, cột %d).",
				   je.line, je.column);
	}
	if (!json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		return err_invalid(e, NULL, "Nội dung phải là một đối tượng JSON.");
	}
	return 0;
}

static const struct jfield *find_field(const struct jfield *spec,
				       const char *name)
{
	for (; spec->name; spec++)
		if (!strcmp(spec->name, name))
			return spec;
	return NULL;
}

static const char *label(const struct jfield *f)
{
	return f->label ? f->label : f->name;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

static int check_value(const struct jfield *f, json_t *v, struct err *e)
{
	const char *s;
	size_t n;
	int64_t i;
	int y, m, d;

	if (json_is_null(v)) {
		if (f->flags & JF_NULLABLE)
			return 0;
		return err_invalid(e, f->name, "Trường \"%s\" không được để trống.",
				   label(f));
	}
	switch (f->type) {
	case JF_STRING:
		if (!json_is_string(v))
			return err_invalid(e, f->name,
					   "Trường \"%s\" phải là chuỗi ký tự.",
					   label(f));
		s = json_string_value(v);
		n = utf8_length(s, json_string_length(v));
		if (strlen(s) != json_string_length(v))
			return err_invalid(e, f->name,
					   "Trường \"%s\" chứa ký tự không hợp lệ.",
					   label(f));
		if (f->max_len && n > f->max_len)
			return err_invalid(e, f->name,
					   "Trường \"%s\" dài quá %zu ký tự.",
					   label(f), f->max_len);
		if (f->min_len && (n < f->min_len || blank(s)))
			return err_invalid(e, f->name,
					   "Trường \"%s\" không được để trống.",
					   label(f));
		return 0;
	case JF_INT:
	case JF_ID:
		if (!json_is_integer(v))
			return err_invalid(e, f->name,
					   "Trường \"%s\" phải là số nguyên.",
					   label(f));
		i = json_integer_value(v);
		if (f->type == JF_ID && i <= 0)
			return err_invalid(e, f->name,
					   "Trường \"%s\" không hợp lệ.", label(f));
		if (f->type == JF_INT && (i < f->min || i > f->max))
			return err_invalid(e, f->name,
					   "Trường \"%s\" phải nằm trong khoảng %lld"
					   " đến %lld.",
					   label(f), (long long)f->min,
					   (long long)f->max);
		return 0;
	case JF_BOOL:
		if (!json_is_boolean(v))
			return err_invalid(e, f->name,
					   "Trường \"%s\" phải là true hoặc false.",
					   label(f));
		return 0;
	case JF_DATE:
		if (!json_is_string(v) ||
		    date_parse_iso(json_string_value(v), &y, &m, &d) < 0)
			return err_invalid(e, f->name,
					   "Trường \"%s\" phải là ngày hợp lệ"
					   " dạng YYYY-MM-DD.",
					   label(f));
		return 0;
	case JF_ANY:
		return 0;
	}
	return 0;
}

int json_check(json_t *obj, const struct jfield *spec, bool creating,
	       struct err *e)
{
	const struct jfield *f;
	const char *key;
	json_t *v;

	if (!json_is_object(obj))
		return err_invalid(e, NULL, "Nội dung phải là một đối tượng JSON.");
	json_object_foreach(obj, key, v) {
		f = find_field(spec, key);
		if (!f)
			return err_invalid(e, key, "Trường \"%s\" không được hỗ trợ.",
					   key);
		if (check_value(f, v, e) < 0)
			return -1;
	}
	if (!creating)
		return 0;
	for (f = spec; f->name; f++) {
		if (!(f->flags & JF_REQUIRED))
			continue;
		v = json_object_get(obj, f->name);
		if (!v || json_is_null(v))
			return err_invalid(e, f->name,
					   "Thiếu trường bắt buộc \"%s\".", label(f));
	}
	return 0;
}

const char *json_get_str(json_t *obj, const char *name, const char *def)
{
	json_t *v = json_object_get(obj, name);

	return json_is_string(v) ? json_string_value(v) : def;
}

int64_t json_get_int(json_t *obj, const char *name, int64_t def)
{
	json_t *v = json_object_get(obj, name);

	return json_is_integer(v) ? json_integer_value(v) : def;
}

bool json_get_bool(json_t *obj, const char *name, bool def)
{
	json_t *v = json_object_get(obj, name);

	return json_is_boolean(v) ? json_is_true(v) : def;
}

bool json_has(json_t *obj, const char *name)
{
	return json_object_get(obj, name) != NULL;
}

bool json_is_null_field(json_t *obj, const char *name)
{
	return json_is_null(json_object_get(obj, name));
}

void json_set_str_or_null(json_t *obj, const char *name, const char *s)
{
	json_object_set_new(obj, name, s && *s ? json_string(s) : json_null());
}

char *json_to_text(const json_t *j)
{
	return json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
}
