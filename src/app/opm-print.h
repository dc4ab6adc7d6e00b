/* opm-print.h — printing a scenario, on one page or as a poster of pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "opm-core.h"

G_BEGIN_DECLS

#define OPM_PRINT_MAX_PAGES_ACROSS 10

typedef struct
{
  guint    pages_across;   /* 1: the whole scenario fits one page */
  gboolean findings;       /* the checker's divides and badges */
} OpmPrintOptions;

guint    opm_print_count_pages (OpmScenarioPicture     *picture,
                                double                  page_width,
                                double                  page_height,
                                guint                   pages_across,
                                double                 *scale,
                                guint                  *pages_down);
gboolean opm_print_scenario    (GtkWindow              *parent,
                                OpmDocument            *document,
                                OpmScenario            *scenario,
                                OpmPrintOptions        *options,
                                const char             *export_pdf,
                                GError                **error);

G_END_DECLS
