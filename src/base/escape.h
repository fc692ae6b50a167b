/*
 * The one escaping module for markup output (cgit's html.c): every piece
 * of text that reaches HTML (the report print view) or XML (DOCX parts)
 * passes through here.
 *
 *   escape_html(b, "a < b & \"c\"")  ->  a &lt; b &amp; &quot;c&quot;
 *   escape_xml(b, s)                 ->  the same five entities, and drops
 *                                        the control characters XML 1.0
 *                                        forbids (all below 0x20 except
 *                                        tab, newline, carriage return)
 *
 * Both append to `out` and return 0, or -1 if it would overflow.
 */
#ifndef TG_ESCAPE_H
#define TG_ESCAPE_H

struct buf;

int escape_html(struct buf *out, const char *s);
int escape_xml(struct buf *out, const char *s);

#endif
