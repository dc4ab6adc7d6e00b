/* opm-acknowledgement.h — a finding the modeller has accepted, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "opm-element.h"

G_BEGIN_DECLS

typedef struct _OpmScenario OpmScenario;

/* The longest reason, in bytes. */
#define OPM_ACKNOWLEDGEMENT_REASON_MAX_LENGTH 1024

#define OPM_TYPE_ACKNOWLEDGEMENT (opm_acknowledgement_get_type ())

G_DECLARE_FINAL_TYPE (OpmAcknowledgement, opm_acknowledgement, OPM, ACKNOWLEDGEMENT, GObject)

const char  *opm_acknowledgement_get_rule_id  (OpmAcknowledgement  *self);
OpmElement  *opm_acknowledgement_get_element  (OpmAcknowledgement  *self);
const char  *opm_acknowledgement_get_reason   (OpmAcknowledgement  *self);
OpmScenario *opm_acknowledgement_get_scenario (OpmAcknowledgement  *self);
gboolean     opm_acknowledgement_check_reason (const char          *reason,
                                               GError             **error);

G_END_DECLS
