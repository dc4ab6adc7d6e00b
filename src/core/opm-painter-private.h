/* opm-painter-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-painter.h"

G_BEGIN_DECLS

char *_opm_painter_describe_layout (OpmPainter *self);
char *_opm_painter_check           (OpmPainter *self);

G_END_DECLS
