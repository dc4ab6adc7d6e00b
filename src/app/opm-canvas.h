/* opm-canvas.h — the diagram of one scenario, zoomable and scrollable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "opm-core.h"

G_BEGIN_DECLS

#define OPM_CANVAS_ZOOM_MIN 0.02
#define OPM_CANVAS_ZOOM_MAX 8.0

#define OPM_TYPE_CANVAS (opm_canvas_get_type ())

G_DECLARE_FINAL_TYPE (OpmCanvas, opm_canvas, OPM, CANVAS, GtkWidget)

GtkWidget   *opm_canvas_new              (OpmScenario *scenario);
OpmScenario *opm_canvas_get_scenario     (OpmCanvas   *self);
OpmPainter  *opm_canvas_get_painter      (OpmCanvas   *self);
double       opm_canvas_get_zoom         (OpmCanvas   *self);
void         opm_canvas_set_zoom         (OpmCanvas   *self,
                                          double       zoom);
void         opm_canvas_zoom_at          (OpmCanvas   *self,
                                          double       zoom,
                                          double       widget_x,
                                          double       widget_y);
void         opm_canvas_zoom_in          (OpmCanvas   *self);
void         opm_canvas_zoom_out         (OpmCanvas   *self);
void         opm_canvas_zoom_to_fit      (OpmCanvas   *self);
gboolean     opm_canvas_get_dark         (OpmCanvas   *self);
void         opm_canvas_set_dark         (OpmCanvas   *self,
                                          gboolean     dark);
void         opm_canvas_get_visible_area (OpmCanvas   *self,
                                          OpmRect     *area);
void         opm_canvas_widget_to_document (OpmCanvas *self,
                                          double       widget_x,
                                          double       widget_y,
                                          double      *x,
                                          double      *y);
void         opm_canvas_scroll_to        (OpmCanvas   *self,
                                          OpmElement  *element);
OpmElement  *opm_canvas_get_hover        (OpmCanvas   *self);
void         opm_canvas_set_max_fit_zoom (OpmCanvas   *self,
                                          double       zoom);

/* Selection */
GPtrArray   *opm_canvas_get_selection    (OpmCanvas   *self);
gboolean     opm_canvas_is_selected      (OpmCanvas   *self,
                                          OpmElement  *element);
void         opm_canvas_select           (OpmCanvas   *self,
                                          OpmElement  *element,
                                          gboolean     extend);
void         opm_canvas_unselect         (OpmCanvas   *self,
                                          OpmElement  *element);
void         opm_canvas_select_all       (OpmCanvas   *self);
void         opm_canvas_unselect_all     (OpmCanvas   *self);
void         opm_canvas_set_selection    (OpmCanvas   *self,
                                          GPtrArray   *elements);
void         opm_canvas_get_view_centre  (OpmCanvas   *self,
                                          double      *x,
                                          double      *y);

/* Editing */
gboolean     opm_canvas_add_from_payload (OpmCanvas   *self,
                                          const char  *payload,
                                          double       x,
                                          double       y);
void         opm_canvas_rename           (OpmCanvas   *self);
void         opm_canvas_delete_selection (OpmCanvas   *self);
void         opm_canvas_duplicate_selection (OpmCanvas *self);
void         opm_canvas_align_selection  (OpmCanvas   *self,
                                          const char  *how);
guint        opm_canvas_get_n_cached_tiles (OpmCanvas *self);

G_END_DECLS
