/* opm-text.h — measuring and breaking text the same way for every renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

#define OPM_FONT_FAMILY "Cantarell, DejaVu Sans, sans-serif"

/* One line of text, shaped: its glyph runs from left to right. */
typedef struct
{
  GSList *runs;       /* PangoGlyphItem */
  double  width;      /* logical width */
  double  baseline;   /* from the top of the line */
} OpmShapedText;

PangoContext *opm_text_context_new  (void);
const OpmShapedText *opm_text_shape (const char  *text,
                                     double       size,
                                     gboolean     bold);
double        opm_text_width        (const char  *text,
                                     double       size,
                                     gboolean     bold);
double        opm_text_ascent       (double       size);
GPtrArray    *opm_text_wrap         (const char  *text,
                                     double       size,
                                     gboolean     bold,
                                     double       max_width,
                                     guint        max_lines);
char         *opm_text_ellipsize    (const char  *text,
                                     double       size,
                                     gboolean     bold,
                                     double       max_width);

G_END_DECLS
