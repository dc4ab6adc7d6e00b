/* opm-renderer-private.h — helpers the file-writing renderers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-renderer.h"

G_BEGIN_DECLS

void _opm_string_append_number (GString *out,
                                double   value);

G_END_DECLS
