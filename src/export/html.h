/*
 * The print view of a periodic report (HTML, A4 through a linked print
 * stylesheet, no inline style or script, CSP-compatible) and its plain
 * text. Both render the JSON of reports_get() (reports.h); every piece of
 * text passes through base/escape.h. No I/O: they append to `out` and
 * return 0, or -1 if it would overflow.
 */
#ifndef TG_EXPORT_HTML_H
#define TG_EXPORT_HTML_H

#include <jansson.h>

struct buf;

/* `css_href`: the stylesheet to link, e.g. "/report-print.css". */
int export_html(json_t *report, const char *css_href, struct buf *out);
int export_txt(json_t *report, struct buf *out);

/* Shared by the exports: the paragraphs of a free-text field (split at
 * blank-or-not newlines, empty lines dropped) as a new array of strings. */
json_t *export_paragraphs(const char *text);

#endif
