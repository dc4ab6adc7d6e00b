/* opm-comparison.h — two scenarios simulated alike, side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "opm-core.h"

G_BEGIN_DECLS

#define OPM_TYPE_COMPARISON (opm_comparison_get_type ())

G_DECLARE_FINAL_TYPE (OpmComparison, opm_comparison, OPM, COMPARISON, GtkWidget)

GtkWidget   *opm_comparison_new          (void);
void         opm_comparison_set_document (OpmComparison      *self,
                                          OpmDocument        *document);
OpmScenario *opm_comparison_get_from     (OpmComparison      *self);
void         opm_comparison_set_from     (OpmComparison      *self,
                                          OpmScenario        *scenario);
OpmScenario *opm_comparison_get_to       (OpmComparison      *self);
void         opm_comparison_set_to       (OpmComparison      *self,
                                          OpmScenario        *scenario);
void         opm_comparison_show         (OpmComparison      *self,
                                          OpmSimResult       *from,
                                          OpmSimResult       *to,
                                          GPtrArray          *from_findings,
                                          GPtrArray          *to_findings,
                                          const char         *note);
void         opm_comparison_clear        (OpmComparison      *self);
void         opm_comparison_set_error    (OpmComparison      *self,
                                          const char         *message);
gboolean     opm_comparison_get_delta    (OpmComparison      *self,
                                          OpmSimDelta        *delta);

G_END_DECLS
