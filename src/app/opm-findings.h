/* opm-findings.h — the checker's findings on a scenario, as a list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "opm-core.h"

G_BEGIN_DECLS

#define OPM_TYPE_FINDINGS (opm_findings_get_type ())

G_DECLARE_FINAL_TYPE (OpmFindings, opm_findings, OPM, FINDINGS, GtkWidget)

GtkWidget   *opm_findings_new           (void);
void         opm_findings_set_scenario  (OpmFindings *self,
                                         OpmScenario *scenario);
void         opm_findings_set_findings  (OpmFindings *self,
                                         GPtrArray   *findings);
GListModel  *opm_findings_get_model     (OpmFindings *self);
const char  *opm_findings_get_summary   (OpmFindings *self);
void         opm_findings_set_min_severity (OpmFindings *self,
                                            OpmSeverity  severity);

G_END_DECLS
