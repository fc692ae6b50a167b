/*
 * The documents and tasks of the demo province "Tỉnh ủy Sơn Hà": the terms
 * of SH (2020-2025, 2025-2030), some 35 incoming and outgoing documents
 * modelled on what such committees publish (01-KL/TW, 238-QĐ/TW, 05-NQ/TU,
 * plans of the BTGDVTU numbered automatically, state-style letters of the
 * UBND), and implementation tasks in every status, some overdue, some due
 * within the week (deadlines relative to today). Idempotent: nothing is
 * added when the terms or documents are already there.
 */
#ifndef TG_DEMO_DOCUMENTS_H
#define TG_DEMO_DOCUMENTS_H

#include "base/err.h"

struct actor;
struct store_conn;

/* Load as `a` (the system actor); *docs, *tasks count what was added. */
int demo_documents_load(struct store_conn *c, const struct actor *a,
			int *docs, int *tasks, struct err *e);

#endif
