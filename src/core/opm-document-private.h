/* opm-document-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-document.h"

G_BEGIN_DECLS

OpmDocument *_opm_document_new_empty       (void);
void         _opm_document_append_scenario (OpmDocument *self,
                                            OpmScenario *scenario);

G_END_DECLS
