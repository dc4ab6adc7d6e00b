/* opm-group.h — a labelled frame around related elements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-node.h"

G_BEGIN_DECLS

#define OPM_TYPE_GROUP (opm_group_get_type ())

G_DECLARE_FINAL_TYPE (OpmGroup, opm_group, OPM, GROUP, OpmNode)

OpmGroup    *opm_group_new      (void);
const char *opm_group_get_name (OpmGroup *self);

G_END_DECLS
