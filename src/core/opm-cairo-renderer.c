/* opm-cairo-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-cairo-renderer"

#include "config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "opm-cairo-renderer.h"
#include "opm-text.h"

struct _OpmCairoRenderer
{
  OpmRenderer   parent_instance;

  cairo_t      *cr;
  PangoContext *context;
  PangoLayout  *layout;
  double        font_size;
  gboolean      font_bold;
};

G_DEFINE_FINAL_TYPE (OpmCairoRenderer, opm_cairo_renderer, OPM_TYPE_RENDERER)

static void
set_dash (cairo_t *cr,
          OpmDash  dash,
          double   offset)
{
  const OpmDashPattern *pattern = opm_dash_get_pattern (dash);

  cairo_set_line_cap (cr, pattern->round_caps ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (cr, pattern->lengths, (int) pattern->n_lengths, pattern->n_lengths > 0 ? offset : 0);
}

static void
paint_style (OpmCairoRenderer *self,
             const OpmStyle   *style)
{
  cairo_t *cr = self->cr;

  if (style->fill.alpha > 0)
    {
      cairo_set_source_rgba (cr, style->fill.red, style->fill.green, style->fill.blue, style->fill.alpha);
      if (style->stroke.alpha > 0 && style->line_width > 0)
        cairo_fill_preserve (cr);
      else
        cairo_fill (cr);
    }

  if (style->stroke.alpha > 0 && style->line_width > 0)
    {
      cairo_set_source_rgba (cr, style->stroke.red, style->stroke.green, style->stroke.blue,
                             style->stroke.alpha);
      cairo_set_line_width (cr, style->line_width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      set_dash (cr, style->dash, style->dash_offset);
      if (style->crisp)
        {
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
          cairo_stroke (cr);
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
        }
      else
        cairo_stroke (cr);
    }

  cairo_new_path (cr);
}

static void
append_path (cairo_t *cr,
             GArray  *path)
{
  for (guint i = 0; i < path->len; i++)
    {
      const OpmPathPoint *p = &g_array_index (path, OpmPathPoint, i);

      switch (p->op)
        {
        case OPM_PATH_MOVE:
          cairo_move_to (cr, p->x, p->y);
          break;
        case OPM_PATH_LINE:
          cairo_line_to (cr, p->x, p->y);
          break;
        case OPM_PATH_CURVE:
          if (i + 2 < path->len)
            {
              const OpmPathPoint *q = p + 1;
              const OpmPathPoint *r = p + 2;

              cairo_curve_to (cr, p->x, p->y, q->x, q->y, r->x, r->y);
              i += 2;
            }
          break;
        case OPM_PATH_CLOSE:
          cairo_close_path (cr);
          break;
        default:
          break;
        }
    }
}

static void
opm_cairo_renderer_draw_rect (OpmRenderer    *renderer,
                              double          x,
                              double          y,
                              double          width,
                              double          height,
                              double          radius,
                              const OpmStyle *style)
{
  OpmCairoRenderer *self = OPM_CAIRO_RENDERER (renderer);

  if (radius <= 0)
    {
      cairo_rectangle (self->cr, x, y, width, height);
    }
  else
    {
      g_autoptr(GArray) path = opm_path_new ();

      opm_path_rounded_rect (path, x, y, width, height, radius);
      append_path (self->cr, path);
    }

  paint_style (self, style);
}

static void
opm_cairo_renderer_draw_ellipse (OpmRenderer    *renderer,
                                 double          cx,
                                 double          cy,
                                 double          rx,
                                 double          ry,
                                 const OpmStyle *style)
{
  OpmCairoRenderer *self = OPM_CAIRO_RENDERER (renderer);

  if (rx <= 0 || ry <= 0)
    return;

  {
    /* Cubic quarters rather than cairo_arc(), whose segment count follows
     * the tolerance. */
    g_autoptr(GArray) path = opm_path_new ();

    opm_path_ellipse (path, cx, cy, rx, ry);
    cairo_new_sub_path (self->cr);
    append_path (self->cr, path);
  }

  paint_style (self, style);
}

static void
opm_cairo_renderer_draw_path (OpmRenderer    *renderer,
                              GArray         *path,
                              const OpmStyle *style)
{
  OpmCairoRenderer *self = OPM_CAIRO_RENDERER (renderer);

  append_path (self->cr, path);
  paint_style (self, style);
}

static void
opm_cairo_renderer_draw_text (OpmRenderer  *renderer,
                              double        x,
                              double        baseline,
                              const char   *text,
                              double        size,
                              gboolean      bold,
                              OpmTextAlign  align,
                              OpmRgba       colour)
{
  OpmCairoRenderer *self = OPM_CAIRO_RENDERER (renderer);
  const OpmShapedText *shaped = opm_text_shape (text, size, bold);
  PangoRectangle logical;
  double width;

  if (shaped != NULL)
    {
      if (align == OPM_TEXT_ALIGN_CENTRE)
        x -= shaped->width / 2;
      else if (align == OPM_TEXT_ALIGN_END)
        x -= shaped->width;

      cairo_set_source_rgba (self->cr, colour.red, colour.green, colour.blue, colour.alpha);
      for (GSList *l = shaped->runs; l != NULL; l = l->next)
        {
          PangoGlyphItem *run = l->data;

          cairo_move_to (self->cr, x, baseline);
          pango_cairo_show_glyph_item (self->cr, text, run);
          x += pango_glyph_string_get_width (run->glyphs) / (double) PANGO_SCALE;
        }
      cairo_new_path (self->cr);
      return;
    }

  if (self->font_size != size || self->font_bold != bold)
    {
      PangoFontDescription *desc = pango_font_description_from_string (OPM_FONT_FAMILY);

      pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
      pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      pango_layout_set_font_description (self->layout, desc);
      pango_font_description_free (desc);
      self->font_size = size;
      self->font_bold = bold;
    }

  pango_layout_set_text (self->layout, text, -1);
  pango_layout_get_extents (self->layout, NULL, &logical);
  width = logical.width / (double) PANGO_SCALE;

  if (align == OPM_TEXT_ALIGN_CENTRE)
    x -= width / 2;
  else if (align == OPM_TEXT_ALIGN_END)
    x -= width;

  cairo_set_source_rgba (self->cr, colour.red, colour.green, colour.blue, colour.alpha);
  cairo_move_to (self->cr, x, baseline - pango_layout_get_baseline (self->layout) / (double) PANGO_SCALE);
  pango_cairo_show_layout (self->cr, self->layout);
  cairo_new_path (self->cr);
}

static void
opm_cairo_renderer_finalize (GObject *object)
{
  OpmCairoRenderer *self = OPM_CAIRO_RENDERER (object);

  g_clear_object (&self->layout);
  g_clear_object (&self->context);
  g_clear_pointer (&self->cr, cairo_destroy);

  G_OBJECT_CLASS (opm_cairo_renderer_parent_class)->finalize (object);
}

static void
opm_cairo_renderer_class_init (OpmCairoRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OpmRendererClass *renderer_class = OPM_RENDERER_CLASS (klass);

  object_class->finalize = opm_cairo_renderer_finalize;

  renderer_class->draw_rect = opm_cairo_renderer_draw_rect;
  renderer_class->draw_ellipse = opm_cairo_renderer_draw_ellipse;
  renderer_class->draw_path = opm_cairo_renderer_draw_path;
  renderer_class->draw_text = opm_cairo_renderer_draw_text;
}

static void
opm_cairo_renderer_init (OpmCairoRenderer *self)
{
}

/**
 * opm_cairo_renderer_new:
 * @cr: where to draw, in document units (set any view transform first)
 */
OpmRenderer *
opm_cairo_renderer_new (cairo_t *cr)
{
  OpmCairoRenderer *self;

  g_return_val_if_fail (cr != NULL, NULL);

  self = g_object_new (OPM_TYPE_CAIRO_RENDERER, NULL);
  self->cr = cairo_reference (cr);
  self->context = opm_text_context_new ();
  pango_cairo_update_context (cr, self->context);
  {
    /* Keep the unhinted metrics the painter measured with. */
    cairo_font_options_t *options = cairo_font_options_create ();

    cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options (self->context, options);
    cairo_font_options_destroy (options);
  }
  self->layout = pango_layout_new (self->context);

  return OPM_RENDERER (self);
}
