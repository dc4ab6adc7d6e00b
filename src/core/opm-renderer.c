/* opm-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "opm-renderer.h"
#include "opm-renderer-private.h"

G_DEFINE_ABSTRACT_TYPE (OpmRenderer, opm_renderer, G_TYPE_OBJECT)

static void
opm_renderer_class_init (OpmRendererClass *klass)
{
}

static void
opm_renderer_init (OpmRenderer *self)
{
}

void
opm_renderer_begin_group (OpmRenderer *self,
                          const char  *id,
                          const char  *kind,
                          const char  *title)
{
  g_return_if_fail (OPM_IS_RENDERER (self));

  if (OPM_RENDERER_GET_CLASS (self)->begin_group != NULL)
    OPM_RENDERER_GET_CLASS (self)->begin_group (self, id, kind, title);
}

void
opm_renderer_end_group (OpmRenderer *self)
{
  g_return_if_fail (OPM_IS_RENDERER (self));

  if (OPM_RENDERER_GET_CLASS (self)->end_group != NULL)
    OPM_RENDERER_GET_CLASS (self)->end_group (self);
}

void
opm_renderer_draw_rect (OpmRenderer    *self,
                        double          x,
                        double          y,
                        double          width,
                        double          height,
                        double          radius,
                        const OpmStyle *style)
{
  g_return_if_fail (OPM_IS_RENDERER (self));
  g_return_if_fail (style != NULL);

  OPM_RENDERER_GET_CLASS (self)->draw_rect (self, x, y, width, height, radius, style);
}

void
opm_renderer_draw_ellipse (OpmRenderer    *self,
                           double          cx,
                           double          cy,
                           double          rx,
                           double          ry,
                           const OpmStyle *style)
{
  g_return_if_fail (OPM_IS_RENDERER (self));
  g_return_if_fail (style != NULL);

  OPM_RENDERER_GET_CLASS (self)->draw_ellipse (self, cx, cy, rx, ry, style);
}

void
opm_renderer_draw_path (OpmRenderer    *self,
                        GArray         *path,
                        const OpmStyle *style)
{
  g_return_if_fail (OPM_IS_RENDERER (self));
  g_return_if_fail (path != NULL && style != NULL);

  if (path->len > 0)
    OPM_RENDERER_GET_CLASS (self)->draw_path (self, path, style);
}

void
opm_renderer_draw_text (OpmRenderer  *self,
                        double        x,
                        double        baseline,
                        const char   *text,
                        double        size,
                        gboolean      bold,
                        OpmTextAlign  align,
                        OpmRgba       colour)
{
  g_return_if_fail (OPM_IS_RENDERER (self));

  if (text != NULL && text[0] != '\0')
    OPM_RENDERER_GET_CLASS (self)->draw_text (self, x, baseline, text, size, bold, align, colour);
}

/* Paths */

GArray *
opm_path_new (void)
{
  return g_array_sized_new (FALSE, FALSE, sizeof (OpmPathPoint), 16);
}

static void
path_add (GArray    *path,
          OpmPathOp  op,
          double     x,
          double     y)
{
  OpmPathPoint point = { op, x, y };

  g_array_append_val (path, point);
}

void
opm_path_move_to (GArray *path,
                  double  x,
                  double  y)
{
  path_add (path, OPM_PATH_MOVE, x, y);
}

void
opm_path_line_to (GArray *path,
                  double  x,
                  double  y)
{
  path_add (path, OPM_PATH_LINE, x, y);
}

void
opm_path_curve_to (GArray *path,
                   double  x1,
                   double  y1,
                   double  x2,
                   double  y2,
                   double  x3,
                   double  y3)
{
  path_add (path, OPM_PATH_CURVE, x1, y1);
  path_add (path, OPM_PATH_CURVE, x2, y2);
  path_add (path, OPM_PATH_CURVE, x3, y3);
}

void
opm_path_close (GArray *path)
{
  path_add (path, OPM_PATH_CLOSE, 0, 0);
}

/* A rounded rectangle with quarter circles approximated by Béziers. */
void
opm_path_rounded_rect (GArray *path,
                       double  x,
                       double  y,
                       double  width,
                       double  height,
                       double  radius)
{
  const double k = 0.5522847498; /* 4/3 (√2 − 1) */
  double r = MIN (radius, MIN (width, height) / 2);
  double c = r * k;

  if (r <= 0)
    {
      opm_path_move_to (path, x, y);
      opm_path_line_to (path, x + width, y);
      opm_path_line_to (path, x + width, y + height);
      opm_path_line_to (path, x, y + height);
      opm_path_close (path);
      return;
    }

  opm_path_move_to (path, x + r, y);
  opm_path_line_to (path, x + width - r, y);
  opm_path_curve_to (path, x + width - r + c, y, x + width, y + r - c, x + width, y + r);
  opm_path_line_to (path, x + width, y + height - r);
  opm_path_curve_to (path, x + width, y + height - r + c, x + width - r + c, y + height, x + width - r, y + height);
  opm_path_line_to (path, x + r, y + height);
  opm_path_curve_to (path, x + r - c, y + height, x, y + height - r + c, x, y + height - r);
  opm_path_line_to (path, x, y + r);
  opm_path_curve_to (path, x, y + r - c, x + r - c, y, x + r, y);
  opm_path_close (path);
}

/* Four cubic quarters (error 0.03 % of the radius), the same at any
 * tolerance and in any back end. */
void
opm_path_ellipse (GArray *path,
                  double  cx,
                  double  cy,
                  double  rx,
                  double  ry)
{
  const double k = 0.5522847498;

  opm_path_move_to (path, cx + rx, cy);
  opm_path_curve_to (path, cx + rx, cy + k * ry, cx + k * rx, cy + ry, cx, cy + ry);
  opm_path_curve_to (path, cx - k * rx, cy + ry, cx - rx, cy + k * ry, cx - rx, cy);
  opm_path_curve_to (path, cx - rx, cy - k * ry, cx - k * rx, cy - ry, cx, cy - ry);
  opm_path_curve_to (path, cx + k * rx, cy - ry, cx + rx, cy - k * ry, cx + rx, cy);
  opm_path_close (path);
}

/* Dashes */

/**
 * opm_dash_get_pattern:
 *
 * Returns: (transfer none): the lengths and caps that draw @dash
 */
const OpmDashPattern *
opm_dash_get_pattern (OpmDash dash)
{
  static const double dashed[] = { 7, 5 };
  static const double dotted[] = { 0.1, 3.5 };
  static const double dash_dot[] = { 8, 4, 0.1, 4 };
  static const OpmDashPattern patterns[] = {
    [OPM_DASH_SOLID] = { NULL, 0, FALSE },
    [OPM_DASH_DASHED] = { dashed, G_N_ELEMENTS (dashed), FALSE },
    [OPM_DASH_DOTTED] = { dotted, G_N_ELEMENTS (dotted), TRUE },
    [OPM_DASH_DASH_DOT] = { dash_dot, G_N_ELEMENTS (dash_dot), TRUE },
  };

  if ((guint) dash >= G_N_ELEMENTS (patterns))
    dash = OPM_DASH_SOLID;

  return &patterns[dash];
}

/* Numbers in files */

/* Two decimals, trailing zeros dropped, whatever the locale; by hand, as
 * printf is the slowest part of writing a large drawing. */
void
_opm_string_append_number (GString *out,
                           double   value)
{
  char buf[32];
  char *p = buf + sizeof buf;
  gint64 hundredths;
  gint64 whole;
  int fraction;

  if (!isfinite (value) || fabs (value) >= 1e15)
    {
      char tmp[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (out, g_ascii_formatd (tmp, sizeof tmp, "%.2f", isfinite (value) ? value : 0));
      return;
    }

  hundredths = (gint64) llround (value * 100);
  if (hundredths < 0)
    {
      if (hundredths != 0)
        g_string_append_c (out, '-');
      hundredths = -hundredths;
    }
  whole = hundredths / 100;
  fraction = (int) (hundredths % 100);

  *--p = '\0';
  if (fraction != 0)
    {
      if (fraction % 10 != 0)
        *--p = '0' + fraction % 10;
      *--p = '0' + fraction / 10;
      *--p = '.';
    }
  do
    {
      *--p = '0' + whole % 10;
      whole /= 10;
    }
  while (whole > 0);

  g_string_append (out, p);
}

/* Colours */

gboolean
opm_rgba_parse (OpmRgba    *rgba,
                const char *spec)
{
  guint value = 0;

  if (spec == NULL || spec[0] != '#' || strlen (spec) != 7)
    return FALSE;

  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (spec[i]))
        return FALSE;
      value = value * 16 + g_ascii_xdigit_value (spec[i]);
    }

  rgba->red = ((value >> 16) & 0xff) / 255.0;
  rgba->green = ((value >> 8) & 0xff) / 255.0;
  rgba->blue = (value & 0xff) / 255.0;
  rgba->alpha = 1.0;

  return TRUE;
}

/* 0xrrggbb, opaque. */
OpmRgba
opm_rgb (guint hex)
{
  OpmRgba c = { ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0, 1.0 };

  return c;
}

OpmStyle
opm_style_fill (OpmRgba fill)
{
  OpmStyle s = { fill, OPM_RGBA_NONE, 0, OPM_DASH_SOLID };

  return s;
}

OpmStyle
opm_style_stroke (OpmRgba stroke,
                  double  width,
                  OpmDash dash)
{
  OpmStyle s = { OPM_RGBA_NONE, stroke, width, dash };

  return s;
}

OpmStyle
opm_style_box (OpmRgba fill,
               OpmRgba stroke,
               double  width,
               OpmDash dash)
{
  OpmStyle s = { fill, stroke, width, dash };

  return s;
}

OpmRgba
opm_rgba_mix (OpmRgba a,
              OpmRgba b,
              double  amount)
{
  OpmRgba result = {
    a.red + (b.red - a.red) * amount,
    a.green + (b.green - a.green) * amount,
    a.blue + (b.blue - a.blue) * amount,
    a.alpha + (b.alpha - a.alpha) * amount,
  };

  return result;
}
