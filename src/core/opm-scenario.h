/* opm-scenario.h — one complete diagram of an operating model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "opm-acknowledgement.h"
#include "opm-element.h"

G_BEGIN_DECLS

typedef struct _OpmDocument OpmDocument;

#define OPM_TYPE_SCENARIO (opm_scenario_get_type ())

G_DECLARE_FINAL_TYPE (OpmScenario, opm_scenario, OPM, SCENARIO, GObject)

const char  *opm_scenario_get_id               (OpmScenario *self);
const char  *opm_scenario_get_name             (OpmScenario *self);
const char  *opm_scenario_get_description      (OpmScenario *self);
OpmDocument *opm_scenario_get_document         (OpmScenario *self);
GListModel  *opm_scenario_get_elements         (OpmScenario *self,
                                                GType        element_type);
GListModel  *opm_scenario_get_teams            (OpmScenario *self);
GListModel  *opm_scenario_get_services         (OpmScenario *self);
GListModel  *opm_scenario_get_responsibilities (OpmScenario *self);
GListModel  *opm_scenario_get_dependencies     (OpmScenario *self);
GListModel  *opm_scenario_get_notes            (OpmScenario *self);
GListModel  *opm_scenario_get_groups           (OpmScenario *self);
OpmElement  *opm_scenario_lookup               (OpmScenario *self,
                                                const char  *id);
guint        opm_scenario_get_n_elements       (OpmScenario *self);
char        *opm_scenario_generate_id          (OpmScenario *self,
                                                const char  *tag);
GPtrArray   *opm_scenario_find_attached        (OpmScenario *self,
                                                OpmElement  *element);
GListModel  *opm_scenario_get_acknowledgements (OpmScenario *self);
OpmAcknowledgement *
             opm_scenario_find_acknowledgement (OpmScenario *self,
                                                const char  *rule_id,
                                                OpmElement  *element);

G_END_DECLS
