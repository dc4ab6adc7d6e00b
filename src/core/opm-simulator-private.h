/* opm-simulator-private.h — the simulator's samplers, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-simulator.h"

G_BEGIN_DECLS

void _opm_sim_sample_lognormal (double   median,
                                double   p90,
                                guint64  seed,
                                guint    n,
                                double  *values);

G_END_DECLS
