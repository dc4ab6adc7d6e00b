/* opm-clipboard.h — elements as clipboard data, and pictures of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-document.h"
#include "opm-export.h"

G_BEGIN_DECLS

#define OPM_CLIPBOARD_MIME_TYPE "application/x-opmodel-elements+xml"

/* The space around the elements in a rendered picture, in document units. */
#define OPM_CLIPBOARD_RENDER_MARGIN 16.0

GBytes    *opm_clipboard_copy   (OpmScenario     *scenario,
                                 GPtrArray       *elements,
                                 GError         **error);
GPtrArray *opm_clipboard_paste  (OpmDocument     *document,
                                 OpmScenario     *scenario,
                                 GBytes          *data,
                                 double           dx,
                                 double           dy,
                                 GError         **error);
GBytes    *opm_clipboard_render (OpmDocument     *document,
                                 OpmScenario     *scenario,
                                 GPtrArray       *elements,
                                 OpmExportFormat  format,
                                 double           scale,
                                 GError         **error);

G_END_DECLS
