/* opm-dependency.h — one service relying on another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-connector.h"
#include "opm-enums.h"
#include "opm-service.h"

G_BEGIN_DECLS

#define OPM_TYPE_DEPENDENCY (opm_dependency_get_type ())

G_DECLARE_FINAL_TYPE (OpmDependency, opm_dependency, OPM, DEPENDENCY, OpmConnector)

OpmDependency     *opm_dependency_new           (OpmService    *from,
                                                 OpmService    *to);
OpmService        *opm_dependency_get_from      (OpmDependency *self);
OpmService        *opm_dependency_get_to        (OpmDependency *self);
OpmDependencyMode  opm_dependency_get_mode      (OpmDependency *self);
OpmSoftening       opm_dependency_get_softening (OpmDependency *self);

G_END_DECLS
