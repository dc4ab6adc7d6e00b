/* opm-chart.h — the simulation's charts, drawn through a renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-painter.h"
#include "opm-renderer.h"

G_BEGIN_DECLS

/* One stage of an incident: mean minutes spent waiting and working. */
typedef struct
{
  const char *name;
  double      waiting;
  double      working;
} OpmChartStage;

/* A size at which the charts read well on a projector. */
#define OPM_CHART_WIDTH  760.0
#define OPM_CHART_HEIGHT 380.0

char *opm_chart_format_minutes  (double               minutes);

void  opm_chart_draw_histogram  (OpmRenderer         *renderer,
                                 const OpmRect       *frame,
                                 const char          *title,
                                 const double        *minutes,
                                 gsize                n_minutes,
                                 const double         percentiles[3],
                                 gboolean             dark);
void  opm_chart_draw_waterfall  (OpmRenderer         *renderer,
                                 const OpmRect       *frame,
                                 const char          *title,
                                 const OpmChartStage *stages,
                                 guint                n_stages,
                                 gboolean             dark);

G_END_DECLS
