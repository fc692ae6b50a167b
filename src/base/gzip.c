/* gzip answers and Accept-Encoding; see gzip.h. */
#include "base/gzip.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

int gzip_compress(const void *data, size_t len, struct buf *out)
{
	size_t start = out->len, bound;
	z_stream z;
	int rc;

	if (len > (size_t)UINT32_MAX)
		return -1;
	memset(&z, 0, sizeof(z));
	/* windowBits 15 + 16: a gzip wrapper instead of zlib's own */
	if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK)
		return -1;
	bound = deflateBound(&z, (uLong)len);
	if (buf_grow(out, bound) < 0) {
		deflateEnd(&z);
		return -1;
	}
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out->ptr + start;
	z.avail_out = (uInt)bound;
	rc = deflate(&z, Z_FINISH);
	if (rc != Z_STREAM_END) {
		deflateEnd(&z);
		out->ptr[start] = '\0';
		return -1;
	}
	out->len = start + z.total_out;
	out->ptr[out->len] = '\0';
	deflateEnd(&z);
	return 0;
}

/* The q-value of the parameters [p, end) of one Accept-Encoding item
 * (";q=0.5"); 1 when absent. */
static double qvalue(const char *p, const char *end)
{
	while (p < end) {
		while (p < end && (*p == ';' || *p == ' ' || *p == '\t'))
			p++;
		if (end - p > 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=')
			return strtod(p + 2, NULL);
		while (p < end && *p != ';')
			p++;
	}
	return 1;
}

bool gzip_accepted(const char *h)
{
	int gzip = -1, any = -1; /* -1 not listed, 0 refused, 1 accepted */

	while (h && *h) {
		const char *item = h, *end = strchr(h, ','), *name_end;
		size_t n;

		if (!end)
			end = h + strlen(h);
		while (item < end && isspace((unsigned char)*item))
			item++;
		name_end = item;
		while (name_end < end && *name_end != ';' &&
		       !isspace((unsigned char)*name_end))
			name_end++;
		n = (size_t)(name_end - item);
		if ((n == 4 && !strncasecmp(item, "gzip", 4)) ||
		    (n == 6 && !strncasecmp(item, "x-gzip", 6)))
			gzip = qvalue(name_end, end) > 0;
		else if (n == 1 && *item == '*')
			any = qvalue(name_end, end) > 0;
		h = *end ? end + 1 : end;
	}
	return gzip == 1 || (gzip < 0 && any == 1);
}
