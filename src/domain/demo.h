/*
 * Loading the demo province (demo_data.c) into a database. Idempotent: a
 * level, unit or user whose code or username exists is left as it is, so
 * running it twice duplicates nothing.
 */
#ifndef TG_DEMO_H
#define TG_DEMO_H

#include "base/err.h"

struct actor;
struct store_conn;

struct demo_counts {
	int levels, units, users; /* newly created */
};

int demo_load(struct store_conn *c, struct demo_counts *n, struct err *e);

/* The actor the CLI acts as: an admin above the whole tree. */
void demo_system_actor(struct actor *a);

#endif
