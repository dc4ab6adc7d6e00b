/* opm-svg-renderer.h — clean, semantic SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-renderer.h"

G_BEGIN_DECLS

#define OPM_TYPE_SVG_RENDERER (opm_svg_renderer_get_type ())

G_DECLARE_FINAL_TYPE (OpmSvgRenderer, opm_svg_renderer, OPM, SVG_RENDERER, OpmRenderer)

OpmRenderer *opm_svg_renderer_new    (double          x,
                                      double          y,
                                      double          width,
                                      double          height,
                                      double          scale,
                                      const char     *title);
GBytes      *opm_svg_renderer_finish (OpmSvgRenderer *self);

G_END_DECLS
