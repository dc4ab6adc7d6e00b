/* opm-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OPM_TYPE_APPLICATION (opm_application_get_type ())

G_DECLARE_FINAL_TYPE (OpmApplication, opm_application, OPM, APPLICATION, AdwApplication)

OpmApplication *opm_application_new          (GApplicationFlags flags);
GtkWindow      *opm_application_offer_drafts (OpmApplication   *self,
                                              GtkWindow        *parent);

G_END_DECLS
