/*
 * Allocation that never returns NULL: out of memory is not a condition the
 * request path can recover from, so it aborts with a message (as git's
 * xmalloc). Every allocation in the project goes through these.
 */
#ifndef TG_MEM_H
#define TG_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
