/* opm-svg-renderer.c — clean, semantic SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cairo's SVG surface turns text into glyph outlines; this back end writes
 * real <text> elements instead, one <g> per diagram element carrying its id,
 * its kind as a class and a <title>, so that the result can be restyled,
 * edited in Inkscape, searched and linked from web reports.
 */

#define G_LOG_DOMAIN "opm-svg-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "opm-svg-renderer.h"
#include "opm-renderer-private.h"
#include "opm-text.h"

struct _OpmSvgRenderer
{
  OpmRenderer parent_instance;

  GString    *out;
  guint       depth;
  GHashTable *ids;
};

G_DEFINE_FINAL_TYPE (OpmSvgRenderer, opm_svg_renderer, OPM_TYPE_RENDERER)

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\n': g_string_append (out, "&#10;"); break;
        case '\r': g_string_append (out, "&#13;"); break;
        case '\t': g_string_append (out, "&#9;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

static void
append_colour (GString    *out,
               const char *attribute,
               OpmRgba     colour)
{
  static const char hex[] = "0123456789abcdef";
  guint channels[3] = {
    (guint) round (CLAMP (colour.red, 0, 1) * 255),
    (guint) round (CLAMP (colour.green, 0, 1) * 255),
    (guint) round (CLAMP (colour.blue, 0, 1) * 255),
  };

  g_string_append_c (out, ' ');
  g_string_append (out, attribute);
  g_string_append (out, "=\"#");
  for (guint i = 0; i < 3; i++)
    {
      g_string_append_c (out, hex[channels[i] >> 4]);
      g_string_append_c (out, hex[channels[i] & 15]);
    }
  g_string_append_c (out, '"');

  if (colour.alpha < 0.999)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, attribute);
      g_string_append (out, "-opacity=\"");
      _opm_string_append_number (out, colour.alpha);
      g_string_append_c (out, '"');
    }
}

static void
indent (OpmSvgRenderer *self)
{
  for (guint i = 0; i <= self->depth; i++)
    g_string_append (self->out, "  ");
}

static void
append_style (OpmSvgRenderer *self,
              const OpmStyle *style)
{
  GString *out = self->out;

  if (style->fill.alpha > 0)
    append_colour (out, "fill", style->fill);
  else
    g_string_append (out, " fill=\"none\"");

  if (style->stroke.alpha > 0 && style->line_width > 0)
    {
      const OpmDashPattern *pattern = opm_dash_get_pattern (style->dash);

      append_colour (out, "stroke", style->stroke);
      g_string_append (out, " stroke-width=\"");
      _opm_string_append_number (out, style->line_width);
      g_string_append (out, "\" stroke-linejoin=\"round\"");

      if (pattern->n_lengths > 0)
        {
          g_string_append (out, " stroke-dasharray=\"");
          for (guint i = 0; i < pattern->n_lengths; i++)
            {
              if (i > 0)
                g_string_append_c (out, ' ');
              _opm_string_append_number (out, pattern->lengths[i]);
            }
          g_string_append_c (out, '"');
          if (pattern->round_caps)
            g_string_append (out, " stroke-linecap=\"round\"");
        }

      if (style->dash != OPM_DASH_SOLID && style->dash_offset != 0)
        {
          g_string_append (out, " stroke-dashoffset=\"");
          _opm_string_append_number (out, style->dash_offset);
          g_string_append_c (out, '"');
        }

      if (style->crisp)
        g_string_append (out, " shape-rendering=\"crispEdges\"");
    }
}

static void
opm_svg_renderer_begin_group (OpmRenderer *renderer,
                              const char  *id,
                              const char  *kind,
                              const char  *title)
{
  OpmSvgRenderer *self = OPM_SVG_RENDERER (renderer);

  indent (self);
  g_string_append (self->out, "<g");

  /* ids are unique within a scenario; anything drawn twice gets no id */
  if (id != NULL && !g_hash_table_contains (self->ids, id))
    {
      g_hash_table_add (self->ids, g_strdup (id));
      g_string_append (self->out, " id=\"");
      append_escaped (self->out, id);
      g_string_append_c (self->out, '"');
    }

  if (kind != NULL)
    {
      g_string_append (self->out, " class=\"");
      append_escaped (self->out, kind);
      g_string_append_c (self->out, '"');
    }

  g_string_append (self->out, ">\n");
  self->depth++;

  if (title != NULL && title[0] != '\0')
    {
      indent (self);
      g_string_append (self->out, "<title>");
      append_escaped (self->out, title);
      g_string_append (self->out, "</title>\n");
    }
}

static void
opm_svg_renderer_end_group (OpmRenderer *renderer)
{
  OpmSvgRenderer *self = OPM_SVG_RENDERER (renderer);

  g_return_if_fail (self->depth > 0);

  self->depth--;
  indent (self);
  g_string_append (self->out, "</g>\n");
}

static void
opm_svg_renderer_draw_rect (OpmRenderer    *renderer,
                            double          x,
                            double          y,
                            double          width,
                            double          height,
                            double          radius,
                            const OpmStyle *style)
{
  OpmSvgRenderer *self = OPM_SVG_RENDERER (renderer);
  GString *out = self->out;

  indent (self);
  g_string_append (out, "<rect x=\"");
  _opm_string_append_number (out, x);
  g_string_append (out, "\" y=\"");
  _opm_string_append_number (out, y);
  g_string_append (out, "\" width=\"");
  _opm_string_append_number (out, width);
  g_string_append (out, "\" height=\"");
  _opm_string_append_number (out, height);
  g_string_append_c (out, '"');
  if (radius > 0)
    {
      g_string_append (out, " rx=\"");
      _opm_string_append_number (out, MIN (radius, MIN (width, height) / 2));
      g_string_append_c (out, '"');
    }
  append_style (self, style);
  g_string_append (out, "/>\n");
}

static void
opm_svg_renderer_draw_ellipse (OpmRenderer    *renderer,
                               double          cx,
                               double          cy,
                               double          rx,
                               double          ry,
                               const OpmStyle *style)
{
  OpmSvgRenderer *self = OPM_SVG_RENDERER (renderer);
  GString *out = self->out;

  indent (self);
  g_string_append (out, "<ellipse cx=\"");
  _opm_string_append_number (out, cx);
  g_string_append (out, "\" cy=\"");
  _opm_string_append_number (out, cy);
  g_string_append (out, "\" rx=\"");
  _opm_string_append_number (out, rx);
  g_string_append (out, "\" ry=\"");
  _opm_string_append_number (out, ry);
  g_string_append_c (out, '"');
  append_style (self, style);
  g_string_append (out, "/>\n");
}

static void
opm_svg_renderer_draw_path (OpmRenderer    *renderer,
                            GArray         *path,
                            const OpmStyle *style)
{
  OpmSvgRenderer *self = OPM_SVG_RENDERER (renderer);
  GString *out = self->out;

  indent (self);
  g_string_append (out, "<path d=\"");

  for (guint i = 0; i < path->len; i++)
    {
      const OpmPathPoint *p = &g_array_index (path, OpmPathPoint, i);

      if (i > 0)
        g_string_append_c (out, ' ');

      switch (p->op)
        {
        case OPM_PATH_MOVE:
        case OPM_PATH_LINE:
          g_string_append_c (out, p->op == OPM_PATH_MOVE ? 'M' : 'L');
          _opm_string_append_number (out, p->x);
          g_string_append_c (out, ',');
          _opm_string_append_number (out, p->y);
          break;
        case OPM_PATH_CURVE:
          if (i + 2 < path->len)
            {
              g_string_append_c (out, 'C');
              for (guint k = 0; k < 3; k++)
                {
                  if (k > 0)
                    g_string_append_c (out, ' ');
                  _opm_string_append_number (out, p[k].x);
                  g_string_append_c (out, ',');
                  _opm_string_append_number (out, p[k].y);
                }
              i += 2;
            }
          break;
        case OPM_PATH_CLOSE:
          g_string_append_c (out, 'Z');
          break;
        default:
          break;
        }
    }

  g_string_append_c (out, '"');
  append_style (self, style);
  g_string_append (out, "/>\n");
}

static void
opm_svg_renderer_draw_text (OpmRenderer  *renderer,
                            double        x,
                            double        baseline,
                            const char   *text,
                            double        size,
                            gboolean      bold,
                            OpmTextAlign  align,
                            OpmRgba       colour)
{
  OpmSvgRenderer *self = OPM_SVG_RENDERER (renderer);
  GString *out = self->out;

  /* Place by measured width rather than text-anchor, so that every viewer
   * starts the text where the screen does. */
  if (align != OPM_TEXT_ALIGN_START)
    {
      double width = opm_text_width (text, size, bold);

      x -= align == OPM_TEXT_ALIGN_CENTRE ? width / 2 : width;
    }

  indent (self);
  g_string_append (out, "<text x=\"");
  _opm_string_append_number (out, x);
  g_string_append (out, "\" y=\"");
  _opm_string_append_number (out, baseline);
  g_string_append (out, "\" font-size=\"");
  _opm_string_append_number (out, size);
  g_string_append_c (out, '"');
  if (bold)
    g_string_append (out, " font-weight=\"bold\"");
  append_colour (out, "fill", colour);
  g_string_append_c (out, '>');
  append_escaped (out, text);
  g_string_append (out, "</text>\n");
}

static void
opm_svg_renderer_finalize (GObject *object)
{
  OpmSvgRenderer *self = OPM_SVG_RENDERER (object);

  if (self->out != NULL)
    g_string_free (self->out, TRUE);
  g_clear_pointer (&self->ids, g_hash_table_unref);

  G_OBJECT_CLASS (opm_svg_renderer_parent_class)->finalize (object);
}

static void
opm_svg_renderer_class_init (OpmSvgRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OpmRendererClass *renderer_class = OPM_RENDERER_CLASS (klass);

  object_class->finalize = opm_svg_renderer_finalize;

  renderer_class->begin_group = opm_svg_renderer_begin_group;
  renderer_class->end_group = opm_svg_renderer_end_group;
  renderer_class->draw_rect = opm_svg_renderer_draw_rect;
  renderer_class->draw_ellipse = opm_svg_renderer_draw_ellipse;
  renderer_class->draw_path = opm_svg_renderer_draw_path;
  renderer_class->draw_text = opm_svg_renderer_draw_text;
}

static void
opm_svg_renderer_init (OpmSvgRenderer *self)
{
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * opm_svg_renderer_new:
 * @x: left edge of the area, in document units
 * @y: top edge of the area
 * @width: width of the area
 * @height: height of the area
 * @scale: pixels per document unit of the picture's nominal size
 * @title: (nullable): the document's title
 */
OpmRenderer *
opm_svg_renderer_new (double      x,
                      double      y,
                      double      width,
                      double      height,
                      double      scale,
                      const char *title)
{
  OpmSvgRenderer *self = g_object_new (OPM_TYPE_SVG_RENDERER, NULL);
  GString *out = g_string_sized_new (64 * 1024);

  self->out = out;

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"");
  _opm_string_append_number (out, width * scale);
  g_string_append (out, "\" height=\"");
  _opm_string_append_number (out, height * scale);
  g_string_append (out, "\" viewBox=\"");
  _opm_string_append_number (out, x);
  g_string_append_c (out, ' ');
  _opm_string_append_number (out, y);
  g_string_append_c (out, ' ');
  _opm_string_append_number (out, width);
  g_string_append_c (out, ' ');
  _opm_string_append_number (out, height);
  g_string_append (out, "\" font-family=\"Cantarell, 'DejaVu Sans', sans-serif\">\n");

  if (title != NULL && title[0] != '\0')
    {
      g_string_append (out, "  <title>");
      append_escaped (out, title);
      g_string_append (out, "</title>\n");
    }

  return OPM_RENDERER (self);
}

/**
 * opm_svg_renderer_finish:
 *
 * Returns: (transfer full): the SVG document; the renderer is spent
 */
GBytes *
opm_svg_renderer_finish (OpmSvgRenderer *self)
{
  GString *out;

  g_return_val_if_fail (OPM_IS_SVG_RENDERER (self), NULL);
  g_return_val_if_fail (self->out != NULL, NULL);

  while (self->depth > 0)
    opm_svg_renderer_end_group (OPM_RENDERER (self));

  out = g_steal_pointer (&self->out);
  g_string_append (out, "</svg>\n");

  return g_string_free_to_bytes (out);
}
