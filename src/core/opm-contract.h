/* opm-contract.h — the terms an outsourced team works under
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "opm-enums.h"

G_BEGIN_DECLS

typedef struct _OpmTeam OpmTeam;

#define OPM_TYPE_CONTRACT (opm_contract_get_type ())

G_DECLARE_FINAL_TYPE (OpmContract, opm_contract, OPM, CONTRACT, GObject)

OpmTeam          *opm_contract_get_team                  (OpmContract *self);
OpmPriorities     opm_contract_get_priorities            (OpmContract *self);
double            opm_contract_get_response_minutes      (OpmContract *self,
                                                          guint        priority);
OpmContractHours  opm_contract_get_hours                 (OpmContract *self);
double            opm_contract_get_charge_per_deployment (OpmContract *self);
gboolean          opm_contract_is_default                (OpmContract *self);

G_END_DECLS
