/* opm-selector.h — the playbook selector: what a service needs, from its exposure and demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "opm-enums.h"
#include "opm-parameters.h"
#include "opm-service.h"

G_BEGIN_DECLS

typedef enum
{
  OPM_OPERATING_MODEL_YBIYRI,
  OPM_OPERATING_MODEL_OPS_RUN_IT,
} OpmOperatingModel;

#define OPM_TYPE_OPERATING_MODEL (opm_operating_model_get_type ())

GType opm_operating_model_get_type (void) G_GNUC_CONST;

/* What DESIGN §4 recommends for one service, next to its actual values.
 * "Needed" is the more demanding of the actual and the recommended value:
 * the operating model is chosen for it. The out-of-hours cover follows the
 * actual availability target (the one the organisation has agreed to). */
typedef struct
{
  double              exposure_per_hour;
  gboolean            exposure_extreme;
  OpmAvailability     recommended_availability;
  OpmAvailability     actual_availability;
  OpmAvailability     needed_availability;
  double              recommended_tolerable_hours; /* per week */
  double              actual_tolerable_hours;      /* per week */
  OpmDeploymentTarget recommended_deployment;
  OpmDeploymentTarget actual_deployment;
  OpmDeploymentTarget needed_deployment;
  OpmOperatingModel   recommended_model;
  OpmOutOfHours       recommended_out_of_hours;
} OpmSelection;

void                opm_selector_select_service            (OpmService          *service,
                                                            OpmParameters       *parameters,
                                                            OpmSelection        *selection);
OpmAvailability     opm_selector_availability_for_exposure (OpmParameters       *parameters,
                                                            double               exposure_per_hour,
                                                            gboolean             extreme);
OpmDeploymentTarget opm_selector_deployment_for_demand     (OpmFeatureDemand     demand);
OpmOperatingModel   opm_selector_model_for                 (OpmServiceKind       kind,
                                                            OpmAvailability      availability,
                                                            OpmDeploymentTarget  deployment);
OpmOutOfHours       opm_selector_out_of_hours_for          (OpmAvailability      availability);
char               *opm_selector_format_duration           (double               hours);
double              opm_selector_flpe                      (double               exposure_per_hour,
                                                            OpmAvailability      target,
                                                            double               loss,
                                                            double               period_weeks);

const char         *opm_operating_model_get_nick           (OpmOperatingModel    model);
const char         *opm_operating_model_get_label          (OpmOperatingModel    model);

G_END_DECLS
