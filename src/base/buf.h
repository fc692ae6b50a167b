/*
 * A growable byte buffer, the one used for every output that grows: JSON,
 * SQL text, XML, CSV, HTTP bodies.
 *
 * Invariants (as git's strbuf): `ptr` is never NULL and always NUL-terminated,
 * so `buf.ptr` can be passed wherever a C string is expected; `len` does not
 * count the NUL. A buffer has a maximum size (as curl's dynbuf): an append
 * that would pass it fails with -1 and leaves the buffer as it was, so request
 * bodies and responses stay bounded. BUF_INIT gives the default maximum.
 */
#ifndef TG_BUF_H
#define TG_BUF_H

#include <stdarg.h>
#include <stddef.h>

#define BUF_DEFAULT_MAX ((size_t)64 << 20) /* 64 MiB */

struct buf {
	char *ptr;
	size_t len;
	size_t alloc;
	size_t max;
};

extern char buf_empty[];

#define BUF_INIT { buf_empty, 0, 0, BUF_DEFAULT_MAX }

/* Set up an empty buffer that never grows beyond `max` bytes of content. */
void buf_init(struct buf *b, size_t max);

/* Free the contents; the buffer is empty (and reusable) afterwards. */
void buf_release(struct buf *b);

/* Empty the buffer, keeping its allocation. */
void buf_reset(struct buf *b);

/*
 * Return the contents as a malloc'd NUL-terminated string and leave the
 * buffer empty. The caller owns the result (free()). Never returns NULL
 * (aborts on out-of-memory like every allocation here).
 */
char *buf_detach(struct buf *b, size_t *len);

/* Appends: 0 on success, -1 if the maximum size would be passed. */
int buf_add(struct buf *b, const void *data, size_t len);
int buf_adds(struct buf *b, const char *s);
int buf_addch(struct buf *b, char c);
int buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vaddf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Make room for `extra` more bytes without changing the content. */
int buf_grow(struct buf *b, size_t extra);

#endif
