/* opm-renderer.h — what the painter draws with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The painter describes a diagram as groups of simple shapes and lines of
 * text; a renderer turns them into pixels (cairo: screen, PNG, PDF) or into
 * clean, semantic SVG. This is the idea of Dia's DiaRenderer: one drawing
 * code, several back ends.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} OpmRgba;

#define OPM_RGBA_NONE ((OpmRgba) { 0, 0, 0, 0 })

typedef enum
{
  OPM_DASH_SOLID,
  OPM_DASH_DASHED,
  OPM_DASH_DOTTED,
  OPM_DASH_DASH_DOT,
} OpmDash;

/* The patterns, in document units: dashed 7 on 5 off, dotted 0.1 on 3.5
 * off (round caps), dash-dot 8 4 0.1 4.  The shortest period: */
#define OPM_SHORTEST_DASH_PERIOD 3.6

/* How every renderer draws a dash style. */
typedef struct
{
  const double *lengths;      /* on, off, on, off…; NULL when solid */
  guint         n_lengths;
  gboolean      round_caps;   /* else butt caps */
} OpmDashPattern;

const OpmDashPattern *opm_dash_get_pattern (OpmDash dash);

typedef enum
{
  OPM_TEXT_ALIGN_START,
  OPM_TEXT_ALIGN_CENTRE,
  OPM_TEXT_ALIGN_END,
} OpmTextAlign;

typedef struct
{
  OpmRgba  fill;          /* alpha 0: no fill */
  OpmRgba  stroke;        /* alpha 0: no stroke */
  double   line_width;
  OpmDash  dash;
  double   dash_offset;   /* where in the dash pattern the stroke starts */
  gboolean crisp;         /* no antialiasing: hairlines drawn fast when zoomed out */
} OpmStyle;

typedef enum
{
  OPM_PATH_MOVE,
  OPM_PATH_LINE,
  OPM_PATH_CURVE,        /* uses three points: two controls and the end */
  OPM_PATH_CLOSE,
} OpmPathOp;

typedef struct
{
  OpmPathOp op;
  double    x;
  double    y;
} OpmPathPoint;

/* A path is a GArray of OpmPathPoint. */
GArray  *opm_path_new       (void);
void     opm_path_move_to   (GArray *path,
                             double  x,
                             double  y);
void     opm_path_line_to   (GArray *path,
                             double  x,
                             double  y);
void     opm_path_curve_to  (GArray *path,
                             double  x1,
                             double  y1,
                             double  x2,
                             double  y2,
                             double  x3,
                             double  y3);
void     opm_path_close     (GArray *path);
void     opm_path_rounded_rect (GArray *path,
                                double  x,
                                double  y,
                                double  width,
                                double  height,
                                double  radius);

void     opm_path_ellipse   (GArray *path,
                             double  cx,
                             double  cy,
                             double  rx,
                             double  ry);

gboolean opm_rgba_parse     (OpmRgba    *rgba,
                             const char *spec);
OpmRgba  opm_rgb            (guint       hex);
OpmStyle opm_style_fill     (OpmRgba     fill);
OpmStyle opm_style_stroke   (OpmRgba     stroke,
                             double      width,
                             OpmDash     dash);
OpmStyle opm_style_box      (OpmRgba     fill,
                             OpmRgba     stroke,
                             double      width,
                             OpmDash     dash);
OpmRgba  opm_rgba_mix       (OpmRgba     a,
                             OpmRgba     b,
                             double      amount);

#define OPM_TYPE_RENDERER (opm_renderer_get_type ())

G_DECLARE_DERIVABLE_TYPE (OpmRenderer, opm_renderer, OPM, RENDERER, GObject)

struct _OpmRendererClass
{
  GObjectClass parent_class;

  void (*begin_group) (OpmRenderer    *self,
                       const char     *id,
                       const char     *kind,
                       const char     *title);
  void (*end_group)   (OpmRenderer    *self);
  void (*draw_rect)   (OpmRenderer    *self,
                       double          x,
                       double          y,
                       double          width,
                       double          height,
                       double          radius,
                       const OpmStyle *style);
  void (*draw_ellipse) (OpmRenderer   *self,
                        double         cx,
                        double         cy,
                        double         rx,
                        double         ry,
                        const OpmStyle *style);
  void (*draw_path)   (OpmRenderer    *self,
                       GArray         *path,
                       const OpmStyle *style);
  void (*draw_text)   (OpmRenderer    *self,
                       double          x,
                       double          baseline,
                       const char     *text,
                       double          size,
                       gboolean        bold,
                       OpmTextAlign    align,
                       OpmRgba         colour);
};

void opm_renderer_begin_group  (OpmRenderer    *self,
                                const char     *id,
                                const char     *kind,
                                const char     *title);
void opm_renderer_end_group    (OpmRenderer    *self);
void opm_renderer_draw_rect    (OpmRenderer    *self,
                                double          x,
                                double          y,
                                double          width,
                                double          height,
                                double          radius,
                                const OpmStyle *style);
void opm_renderer_draw_ellipse (OpmRenderer    *self,
                                double          cx,
                                double          cy,
                                double          rx,
                                double          ry,
                                const OpmStyle *style);
void opm_renderer_draw_path    (OpmRenderer    *self,
                                GArray         *path,
                                const OpmStyle *style);
void opm_renderer_draw_text    (OpmRenderer    *self,
                                double          x,
                                double          baseline,
                                const char     *text,
                                double          size,
                                gboolean        bold,
                                OpmTextAlign    align,
                                OpmRgba         colour);

G_END_DECLS
