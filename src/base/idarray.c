/*
 * Find-or-append by id; see idarray.h.
 */
#include "base/idarray.h"
#include "base/mem.h"

#include <string.h>

void *idarray_slot(void *v, size_t size, size_t *n, size_t *cap, int64_t id,
		   size_t *at)
{
	char *p = v;
	int64_t have;
	size_t i;

	for (i = 0; i < *n; i++) {
		memcpy(&have, p + i * size, sizeof(have));
		if (have == id) {
			*at = i;
			return v;
		}
	}
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		p = xrealloc(p, *cap * size);
	}
	memset(p + *n * size, 0, size);
	memcpy(p + *n * size, &id, sizeof(id));
	*at = (*n)++;
	return p;
}
