/*
 * Find-or-append in a growable array of records whose first member is an
 * int64_t id: the per-child groups of the roll-ups and the per-topic
 * counts of the opinion digest. A linear search, for arrays of tens of
 * records (one per child unit or topic).
 *
 *	struct figs { int64_t id; int64_t count; };
 *	struct figs *v = NULL;
 *	size_t n = 0, cap = 0, at;
 *
 *	v = idarray_slot(v, sizeof(*v), &n, &cap, 42, &at);
 *	v[at].count++;            (a new record is zeroed but for its id)
 *	...
 *	free(v);
 */
#ifndef TG_IDARRAY_H
#define TG_IDARRAY_H

#include <stddef.h>
#include <stdint.h>

/* The array `v` (`*n` records of `size` bytes, room for `*cap`), grown if
 * needed, with the index of the record `id` in `*at`: the existing one, or
 * a new one appended (then `*n` grows by one). Aborts when out of memory. */
void *idarray_slot(void *v, size_t size, size_t *n, size_t *cap, int64_t id,
		   size_t *at);

#endif
