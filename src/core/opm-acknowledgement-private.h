/* opm-acknowledgement-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-acknowledgement.h"

G_BEGIN_DECLS

OpmAcknowledgement *_opm_acknowledgement_new          (const char         *rule_id,
                                                       OpmElement         *element,
                                                       const char         *reason);
void                _opm_acknowledgement_set_scenario (OpmAcknowledgement *self,
                                                       OpmScenario        *scenario);
int                 _opm_acknowledgement_compare      (gconstpointer       a,
                                                       gconstpointer       b);

G_END_DECLS
