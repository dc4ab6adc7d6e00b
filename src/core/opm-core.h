/* opm-core.h — everything of the Opmodel core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-acknowledgement.h"
#include "opm-clipboard.h"
#include "opm-attributes.h"
#include "opm-connector.h"
#include "opm-contract.h"
#include "opm-dependency.h"
#include "opm-document.h"
#include "opm-element.h"
#include "opm-enum-types.h"
#include "opm-enums.h"
#include "opm-error.h"
#include "opm-export.h"
#include "opm-file.h"
#include "opm-generator.h"
#include "opm-group.h"
#include "opm-node.h"
#include "opm-note.h"
#include "opm-painter.h"
#include "opm-parameters.h"
#include "opm-renderer.h"
#include "opm-cairo-renderer.h"
#include "opm-checker.h"
#include "opm-raci.h"
#include "opm-svg-renderer.h"
#include "opm-text.h"
#include "opm-responsibility.h"
#include "opm-scenario.h"
#include "opm-selector.h"
#include "opm-service.h"
#include "opm-team.h"
#include "opm-templates.h"
