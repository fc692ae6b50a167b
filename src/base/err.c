/*
 * User-facing errors; see err.h.
 */
#include "base/err.h"
#include "base/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void copy_trunc(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = utf8_truncate(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int err_vset(struct err *e, int status, const char *code,
		    const char *field, const char *fmt, va_list ap)
{
	char msg[sizeof(e->message) * 2];

	if (!e)
		return -1;
	e->status = status;
	copy_trunc(e->code, sizeof(e->code), code ? code : "error");
	copy_trunc(e->field, sizeof(e->field), field ? field : "");
	vsnprintf(msg, sizeof(msg), fmt, ap);
	copy_trunc(e->message, sizeof(e->message), msg);
	return -1;
}

int err_set(struct err *e, int status, const char *code, const char *field,
	    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(e, status, code, field, fmt, ap);
	va_end(ap);
	return -1;
}

int err_invalid(struct err *e, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(e, ERR_BAD_INPUT, "invalid", field, fmt, ap);
	va_end(ap);
	return -1;
}

int err_not_found(struct err *e)
{
	return err_set(e, ERR_NOT_FOUND, "not_found", NULL,
		       "Không tìm thấy dữ liệu yêu cầu.");
}

int err_out_of_scope(struct err *e)
{
	return err_set(e, ERR_NOT_FOUND, "out_of_scope", NULL,
		       "Không tìm thấy dữ liệu yêu cầu.");
}

int err_internal(struct err *e, const char *what)
{
	return err_set(e, ERR_INTERNAL, "internal", NULL,
		       "Lỗi hệ thống (%s). Vui lòng thử lại sau.", what);
}

void err_clear(struct err *e)
{
	e->status = 0;
	e->code[0] = e->field[0] = e->message[0] = '\0';
}
