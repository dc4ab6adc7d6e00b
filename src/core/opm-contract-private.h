/* opm-contract-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-contract.h"

G_BEGIN_DECLS

OpmContract *_opm_contract_new (OpmTeam *team);

G_END_DECLS
