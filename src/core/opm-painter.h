/* opm-painter.h — draws a scenario with any renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-checker.h"
#include "opm-element.h"
#include "opm-renderer.h"
#include "opm-scenario.h"
#include "opm-service.h"

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} OpmRect;

/* Below these scales (pixels per document unit) detail is dropped. */
#define OPM_PAINTER_SCALE_TEXT   0.3
#define OPM_PAINTER_SCALE_DETAIL 0.45
#define OPM_PAINTER_SCALE_DUTIES 0.12

#define OPM_TYPE_PAINTER (opm_painter_get_type ())

G_DECLARE_FINAL_TYPE (OpmPainter, opm_painter, OPM, PAINTER, GObject)

OpmPainter  *opm_painter_new              (OpmScenario   *scenario);
OpmScenario *opm_painter_get_scenario     (OpmPainter    *self);
void         opm_painter_set_dark         (OpmPainter    *self,
                                           gboolean       dark);
gboolean     opm_painter_get_dark         (OpmPainter    *self);
void         opm_painter_invalidate       (OpmPainter    *self);
guint        opm_painter_get_generation   (OpmPainter    *self);
gboolean     opm_painter_take_damage      (OpmPainter    *self,
                                           GArray       **areas);
void         opm_painter_get_bounds       (OpmPainter    *self,
                                           OpmRect       *bounds);
void         opm_painter_get_legend_size  (OpmPainter    *self,
                                           double        *width,
                                           double        *height);
void         opm_painter_draw             (OpmPainter    *self,
                                           OpmRenderer   *renderer,
                                           const OpmRect *visible,
                                           double         scale);
guint        opm_painter_draw_part        (OpmPainter    *self,
                                           OpmRenderer   *renderer,
                                           const OpmRect *visible,
                                           const OpmRect *part,
                                           double         scale,
                                           guint          first,
                                           guint          max);
void         opm_painter_set_excluded     (OpmPainter    *self,
                                           GPtrArray     *elements);
void         opm_painter_draw_excluded    (OpmPainter    *self,
                                           OpmRenderer   *renderer,
                                           double         scale);
void         opm_painter_draw_overlays    (OpmPainter    *self,
                                           OpmRenderer   *renderer,
                                           double         scale);
void         opm_painter_draw_overlays_in (OpmPainter    *self,
                                           OpmRenderer   *renderer,
                                           const OpmRect *visible,
                                           double         scale);
OpmRgba      opm_painter_get_background   (OpmPainter    *self);
void         opm_painter_draw_background  (OpmPainter    *self,
                                           OpmRenderer   *renderer,
                                           const OpmRect *area);
void         opm_painter_draw_legend      (OpmPainter    *self,
                                           OpmRenderer   *renderer,
                                           double         x,
                                           double         y);
void         opm_painter_draw_element     (OpmPainter    *self,
                                           OpmRenderer   *renderer,
                                           OpmElement    *element,
                                           double         scale);
OpmElement  *opm_painter_hit_test         (OpmPainter    *self,
                                           double         x,
                                           double         y,
                                           double         tolerance);
GPtrArray   *opm_painter_query            (OpmPainter    *self,
                                           const OpmRect *area);
gboolean     opm_painter_get_element_bounds (OpmPainter  *self,
                                           OpmElement    *element,
                                           OpmRect       *bounds);

/* Overlays: drawn above the diagram, for the canvas, checker and simulator. */
void         opm_painter_set_hover        (OpmPainter    *self,
                                           OpmElement    *element);
void         opm_painter_set_highlight    (OpmPainter    *self,
                                           OpmElement    *element,
                                           const OpmRgba *colour);
void         opm_painter_set_badge        (OpmPainter    *self,
                                           OpmElement    *element,
                                           const char    *text,
                                           const OpmRgba *colour);
void         opm_painter_add_divide       (OpmPainter    *self,
                                           OpmElement    *a,
                                           OpmElement    *b,
                                           const char    *label);
void         opm_painter_clear_overlays   (OpmPainter    *self);
void         opm_painter_clear_highlights (OpmPainter    *self);
void         opm_painter_clear_findings   (OpmPainter    *self);
void         opm_painter_show_findings    (OpmPainter    *self,
                                           GPtrArray     *findings);
guint        opm_painter_get_n_divides    (OpmPainter    *self);
const char  *opm_painter_get_badge        (OpmPainter    *self,
                                           OpmElement    *element);

void         opm_painter_set_restore_path (OpmPainter           *self,
                                           OpmService           *service,
                                           const OpmRestorePath *path);
guint        opm_painter_get_restore_path_length (OpmPainter *self);

/* An incident replayed, as opm_painter_set_incident() shows it. */
typedef struct
{
  OpmService   *service;   /* where it started */
  GPtrArray    *affected;  /* (nullable) OpmService: what goes down with it */
  const double *impacts;   /* (nullable) one per affected: 1 down, less degraded; NULL: all down */
  GPtrArray    *route;     /* (nullable) OpmElement: who held it, in order; the last holds it now */
  GPtrArray    *legs;      /* (nullable) char *: how each move along @route went, route->len − 1 */
  const char   *clock;     /* (nullable) e.g. "Mon 09:42 · +1 h 42 min" */
  const char   *note;      /* (nullable) what happens now */
  gboolean      waiting;   /* it waits rather than being worked on */
} OpmIncidentView;

void         opm_painter_set_incident     (OpmPainter            *self,
                                           const OpmIncidentView *incident);
OpmElement  *opm_painter_get_incident_holder (OpmPainter         *self);
const char  *opm_painter_get_incident_clock  (OpmPainter         *self);
guint        opm_painter_get_incident_route_length (OpmPainter   *self);

guint        opm_cell_hash                (gconstpointer   key);

G_END_DECLS
