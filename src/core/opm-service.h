/* opm-service.h — a service the organisation runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-enums.h"
#include "opm-node.h"

G_BEGIN_DECLS

#define OPM_TYPE_SERVICE (opm_service_get_type ())

G_DECLARE_FINAL_TYPE (OpmService, opm_service, OPM, SERVICE, OpmNode)

OpmService          *opm_service_new                     (void);
const char          *opm_service_get_name                (OpmService *self);
OpmServiceKind      opm_service_get_kind       (OpmService *self);
double               opm_service_get_exposure_per_hour   (OpmService *self);
gboolean             opm_service_get_exposure_extreme    (OpmService *self);
OpmFeatureDemand     opm_service_get_feature_demand      (OpmService *self);
OpmAvailability      opm_service_get_availability_target (OpmService *self);
OpmDeploymentTarget  opm_service_get_deployment_target   (OpmService *self);
OpmTelemetry         opm_service_get_telemetry           (OpmService *self);
OpmResilience        opm_service_get_resilience          (OpmService *self);
double               opm_service_get_incident_rate       (OpmService *self);
OpmReleaseWindow     opm_service_get_release_window      (OpmService *self);
OpmChangeApproval    opm_service_get_change_approval     (OpmService *self);
const char          *opm_service_get_latent_faults       (OpmService *self);

G_END_DECLS
