/* opm-cairo-renderer.h — drawing onto any cairo context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "opm-renderer.h"

G_BEGIN_DECLS

#define OPM_TYPE_CAIRO_RENDERER (opm_cairo_renderer_get_type ())

G_DECLARE_FINAL_TYPE (OpmCairoRenderer, opm_cairo_renderer, OPM, CAIRO_RENDERER, OpmRenderer)

OpmRenderer *opm_cairo_renderer_new (cairo_t *cr);

G_END_DECLS
