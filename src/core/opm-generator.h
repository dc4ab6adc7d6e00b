/* opm-generator.h — synthetic organisations for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-document.h"

G_BEGIN_DECLS

OpmDocument *opm_generate_organisation (guint   n_teams,
                                        guint   n_services,
                                        guint32 seed);

G_END_DECLS
