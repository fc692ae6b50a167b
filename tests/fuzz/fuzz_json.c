/*
 * libFuzzer target: a request body through json_parse_body() and then
 * json_check() against the field table of a unit (every field type:
 * strings with limits, nullable id, dates, a ranged integer), both as a
 * create and as an update, and the accessors on what passed.
 *
 * FUZZ_SRC: src/base/json.c src/base/text.c src/base/err.c src/base/format.c src/base/buf.c src/base/mem.c src/base/clock.c
 * FUZZ_LIBS: jansson
 */
#include "base/json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const struct jfield unit_fields[] = {
	{ "code", JF_STRING, JF_REQUIRED, 1, 32, 0, 0, "Mã đơn vị" },
	{ "name", JF_STRING, JF_REQUIRED, 1, 200, 0, 0, "Tên đơn vị" },
	{ "short_name", JF_STRING, JF_NULLABLE, 0, 100, 0, 0, "Tên viết tắt" },
	{ "level", JF_STRING, JF_REQUIRED, 1, 64, 0, 0, "Cấp" },
	{ "parent_id", JF_ID, JF_REQUIRED | JF_NULLABLE, 0, 0, 0, 0,
	  "Đơn vị cấp trên" },
	{ "valid_from", JF_DATE, JF_NULLABLE, 0, 0, 0, 0, "Hiệu lực từ ngày" },
	{ "valid_to", JF_DATE, JF_NULLABLE, 0, 0, 0, 0, "Hiệu lực đến ngày" },
	{ "members", JF_INT, 0, 0, 0, 0, 10000000, "Số đảng viên" },
	{ "disabled", JF_BOOL, 0, 0, 0, 0, 0, "Khóa" },
	{ "extra", JF_ANY, 0, 0, 0, 0, 0, "Khác" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e = ERR_INIT;
	json_t *j = NULL;
	int creating;

	if (json_parse_body((const char *)data, size, &j, &e) < 0) {
		if (j)
			__builtin_trap(); /* a refusal leaves nothing behind */
		if (!e.status || !e.message[0])
			__builtin_trap(); /* and always says why */
		return 0;
	}
	if (!json_is_object(j))
		__builtin_trap();
	for (creating = 0; creating <= 1; creating++) {
		struct err e2 = ERR_INIT;

		if (json_check(j, unit_fields, creating, &e2) == 0) {
			const char *code = json_get_str(j, "code", NULL);

			if (code && strlen(code) > 32 * 4)
				__builtin_trap(); /* 32 characters, 4 bytes max */
			(void)json_get_int(j, "members", -1);
			(void)json_get_int(j, "parent_id", 0);
			(void)json_get_bool(j, "disabled", false);
			(void)json_is_null_field(j, "short_name");
		} else if (!e2.message[0]) {
			__builtin_trap();
		}
	}
	free(json_to_text(j));
	json_decref(j);
	return 0;
}
