/* opm-chart-view.h — a chart drawn through a renderer, scaled to the widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "opm-core.h"

G_BEGIN_DECLS

/* Draws the chart into @frame (document units) at its natural size. */
typedef void (*OpmChartViewDrawFunc) (OpmRenderer   *renderer,
                                      const OpmRect *frame,
                                      gboolean       dark,
                                      gpointer       user_data);

#define OPM_TYPE_CHART_VIEW (opm_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (OpmChartView, opm_chart_view, OPM, CHART_VIEW, GtkWidget)

GtkWidget  *opm_chart_view_new             (void);
void        opm_chart_view_set_drawing     (OpmChartView         *self,
                                            double                width,
                                            double                height,
                                            OpmChartViewDrawFunc  draw,
                                            gpointer              user_data,
                                            GDestroyNotify        destroy);
gboolean    opm_chart_view_has_drawing     (OpmChartView         *self);
const char *opm_chart_view_get_title       (OpmChartView         *self);
void        opm_chart_view_set_title       (OpmChartView         *self,
                                            const char           *title);
void        opm_chart_view_set_description (OpmChartView         *self,
                                            const char           *description);
gboolean    opm_chart_view_get_dark        (OpmChartView         *self);
void        opm_chart_view_set_dark        (OpmChartView         *self,
                                            gboolean              dark);
GBytes     *opm_chart_view_export_to_bytes (OpmChartView         *self,
                                            OpmExportFormat       format,
                                            GError              **error);

G_END_DECLS
