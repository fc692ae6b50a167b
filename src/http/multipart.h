/*
 * Streaming multipart/form-data uploads. The request body is never held
 * in memory: libmicrohttpd's post processor splits the parts, and the part
 * named "file" is written as it arrives to a temporary file under the
 * attachments directory, its SHA-256 (libsodium) and first bytes computed
 * on the way. Past the size limit nothing more is written and the upload
 * is marked too large (413); a body that ends before the closing boundary
 * is refused (400). Every temporary file is removed by upload_free()
 * unless the domain took it over (attachments_add() renames or removes it).
 */
#ifndef TG_MULTIPART_H
#define TG_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "domain/attachments.h"

struct MHD_Connection;
struct upload;

/* Start an upload for this connection's body; NULL when the request is
 * not multipart/form-data. `max` is the file size limit in bytes. */
struct upload *upload_begin(struct MHD_Connection *mc, size_t max);

/* Feed the next chunk of the body. */
void upload_feed(struct upload *u, const char *data, size_t len);

/*
 * The body has been received: check it was complete and held one file
 * within the limit. On success *file points into `u` (valid until
 * upload_free); the caller passes it to attachments_add(), which owns the
 * temporary file from then on.
 */
int upload_finish(struct upload *u, struct upload_file **file,
		  struct err *e);

/* Release the upload, removing its temporary file if still there. */
void upload_free(struct upload *u);

#endif
