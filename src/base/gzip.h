/*
 * gzip (RFC 1952) compression of HTTP answers, with zlib, and the reading
 * of a request's Accept-Encoding header (RFC 9110 §12.5.3).
 */
#ifndef TG_GZIP_H
#define TG_GZIP_H

#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>

/* Answers shorter than this go uncompressed: the gzip header and the
 * Content-Encoding header would cost more than they save. */
#define GZIP_MIN_SIZE 1024

/* Append the gzip of `data` to `out` (zlib level 1: answers are made
 * again and again, so speed matters more than the last percent). 0, or -1
 * when zlib fails or `out` would pass its maximum (out unchanged). */
int gzip_compress(const void *data, size_t len, struct buf *out);

/* Whether an Accept-Encoding value allows gzip: "gzip", "x-gzip" or "*"
 * listed with a q-value above 0 (and gzip itself not refused with q=0).
 * NULL (no header) allows nothing. */
bool gzip_accepted(const char *accept_encoding);

#endif
