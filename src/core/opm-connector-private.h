/* opm-connector-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-connector.h"
#include "opm-element-private.h"

G_BEGIN_DECLS

struct _OpmConnector
{
  OpmElement parent_instance;

  char      *waypoints;
  char      *colour;
};

G_END_DECLS
