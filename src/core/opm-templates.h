/* opm-templates.h — starting organisations for a new document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-document.h"

G_BEGIN_DECLS

const char * const *opm_document_get_template_names       (void);
const char         *opm_document_get_template_label       (const char  *name);
const char         *opm_document_get_template_description (const char  *name);
OpmDocument        *opm_document_new_from_template        (const char  *name,
                                                           GError     **error);

G_END_DECLS
