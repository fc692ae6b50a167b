/*
 * HTML and XML text escaping; see escape.h.
 */
#include "base/escape.h"
#include "base/buf.h"

static int escape(struct buf *out, const char *s, int xml)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	int rc = 0;

	for (; *p && rc == 0; p++) {
		switch (*p) {
		case '&':
			rc = buf_adds(out, "&amp;");
			break;
		case '<':
			rc = buf_adds(out, "&lt;");
			break;
		case '>':
			rc = buf_adds(out, "&gt;");
			break;
		case '"':
			rc = buf_adds(out, "&quot;");
			break;
		case '\'':
			rc = buf_adds(out, "&#39;");
			break;
		default:
			if (xml && *p < 0x20 && *p != '\t' && *p != '\n' &&
			    *p != '\r')
				break;
			rc = buf_addch(out, (char)*p);
		}
	}
	return rc;
}

int escape_html(struct buf *out, const char *s)
{
	return escape(out, s, 0);
}

int escape_xml(struct buf *out, const char *s)
{
	return escape(out, s, 1);
}
