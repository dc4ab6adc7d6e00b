/* opm-node-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-element-private.h"
#include "opm-node.h"

G_BEGIN_DECLS

struct _OpmNode
{
  OpmElement parent_instance;

  double     x;
  double     y;
  double     width;
  double     height;
  char      *colour;
};

gboolean _opm_check_colour (const char  *value,
                            GError     **error);

G_END_DECLS
