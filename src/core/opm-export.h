/* opm-export.h — a scenario as SVG, PDF or PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-document.h"
#include "opm-painter.h"

G_BEGIN_DECLS

typedef enum
{
  OPM_EXPORT_SVG,
  OPM_EXPORT_PDF,
  OPM_EXPORT_PNG,
} OpmExportFormat;

typedef struct
{
  const OpmRect *area;      /* NULL: the whole scenario */
  double         scale;     /* PNG pixels per document unit; 0 means 1 */
  gboolean       dark;
  gboolean       no_legend;
  gboolean       no_header;
  gboolean       findings;  /* the checker's divides and badges, as the window shows them */
} OpmExportOptions;

/* What an exported file says about itself. */
typedef struct
{
  const char *title;     /* PDF title, SVG <title> */
  const char *author;
  const char *subject;
  double      scale;     /* PNG pixels per document unit; 0 means 1 */
} OpmExportInfo;

/* Draws a picture at @detail (1: everything; less: as few pixels show). */
typedef void (*OpmExportDrawFunc) (OpmRenderer *renderer,
                                   double       detail,
                                   gpointer     user_data);

/* A scenario laid out for export, to draw any number of times. */
typedef struct _OpmScenarioPicture OpmScenarioPicture;

OpmScenarioPicture *opm_scenario_picture_new       (OpmDocument            *document,
                                                    OpmScenario            *scenario,
                                                    const OpmExportOptions *options);
void                opm_scenario_picture_free      (OpmScenarioPicture     *self);
void                opm_scenario_picture_get_frame (OpmScenarioPicture     *self,
                                                    OpmRect                *frame);
void                opm_scenario_picture_draw      (OpmScenarioPicture     *self,
                                                    OpmRenderer            *renderer,
                                                    double                  detail);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpmScenarioPicture, opm_scenario_picture_free)

/* The largest PNG side Opmodel writes, in pixels. */
#define OPM_EXPORT_MAX_PIXELS 32000

GBytes  *opm_export_drawing_to_bytes (OpmExportFormat        format,
                                      const OpmRect         *frame,
                                      const OpmExportInfo   *info,
                                      OpmExportDrawFunc      draw,
                                      gpointer               user_data,
                                      GError               **error);
gboolean opm_export_bytes            (GBytes                *bytes,
                                      const char            *path,
                                      GError               **error);
gboolean opm_export_format_from_path (const char             *path,
                                      OpmExportFormat        *format);
GBytes  *opm_export_scenario_to_bytes (OpmDocument           *document,
                                       OpmScenario           *scenario,
                                       OpmExportFormat        format,
                                       const OpmExportOptions *options,
                                       GError               **error);
gboolean opm_export_scenario         (OpmDocument            *document,
                                      OpmScenario            *scenario,
                                      const char             *path,
                                      OpmExportFormat         format,
                                      const OpmExportOptions *options,
                                      GError                **error);
void     opm_export_get_frame        (OpmPainter             *painter,
                                      const OpmExportOptions *options,
                                      OpmRect                *frame);

G_END_DECLS
