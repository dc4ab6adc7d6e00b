/* opm-pdf-renderer.h — PDF, written directly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-renderer.h"

G_BEGIN_DECLS

#define OPM_TYPE_PDF_RENDERER (opm_pdf_renderer_get_type ())

G_DECLARE_FINAL_TYPE (OpmPdfRenderer, opm_pdf_renderer, OPM, PDF_RENDERER, OpmRenderer)

OpmRenderer *opm_pdf_renderer_new    (double          x,
                                      double          y,
                                      double          width,
                                      double          height,
                                      double          points,
                                      const char     *title,
                                      const char     *author,
                                      const char     *subject);
GBytes      *opm_pdf_renderer_finish (OpmPdfRenderer *self);

G_END_DECLS
