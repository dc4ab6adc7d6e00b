/* opm-element-private.h — element internals shared by the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-element.h"
#include "opm-property-private.h"

G_BEGIN_DECLS

struct _OpmElement
{
  GObject      parent_instance;

  char        *id;
  char        *description;

  /* borrowed: the scenario that holds the element, NULL while detached */
  OpmScenario *scenario;
};

void _opm_element_set_scenario (OpmElement  *self,
                                OpmScenario *scenario);
void _opm_element_set_id       (OpmElement  *self,
                                const char  *id);

G_END_DECLS
