/* opm-export.c — a scenario as SVG, PDF or PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An export is the painter's drawing at full detail, with a header naming
 * the document and scenario and the legend to the right. PNG goes through
 * the cairo renderer, SVG and PDF through renderers of their own that
 * write the file directly; all are written atomically.
 */

#define G_LOG_DOMAIN "opm-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "opm-cairo-renderer.h"
#include "opm-error.h"
#include "opm-checker.h"
#include "opm-export.h"
#include "opm-file.h"
#include "opm-pdf-renderer.h"
#include "opm-svg-renderer.h"
#include "opm-text.h"

#define MARGIN        40.0
#define HEADER_HEIGHT 64.0
#define PDF_MAX_POINTS 14400.0   /* the PDF page size limit: 200 inches */

gboolean
opm_export_format_from_path (const char      *path,
                             OpmExportFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".svg"))
    *format = OPM_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = OPM_EXPORT_PDF;
  else if (g_str_has_suffix (lower, ".png"))
    *format = OPM_EXPORT_PNG;
  else
    return FALSE;

  return TRUE;
}

static gboolean
has_header (const OpmExportOptions *options)
{
  return options == NULL || !options->no_header;
}

static gboolean
has_legend (const OpmExportOptions *options)
{
  return options == NULL || (!options->no_legend && options->area == NULL);
}

/**
 * opm_export_get_frame:
 *
 * The area of the document an export shows, header and legend included.
 */
void
opm_export_get_frame (OpmPainter             *painter,
                      const OpmExportOptions *options,
                      OpmRect                *frame)
{
  OpmRect content;
  double legend_width = 0, legend_height = 0;

  if (options != NULL && options->area != NULL)
    content = *options->area;
  else
    opm_painter_get_bounds (painter, &content);

  if (has_legend (options))
    opm_painter_get_legend_size (painter, &legend_width, &legend_height);

  frame->x = content.x - MARGIN;
  frame->y = content.y - MARGIN - (has_header (options) ? HEADER_HEIGHT : 0);
  frame->width = content.width + 2 * MARGIN + (legend_width > 0 ? legend_width + MARGIN : 0);
  frame->height = MAX (content.height, legend_height) + 2 * MARGIN + (has_header (options) ? HEADER_HEIGHT : 0);
}

static void
draw_export (OpmDocument            *document,
             OpmScenario            *scenario,
             OpmPainter             *painter,
             OpmRenderer            *renderer,
             const OpmExportOptions *options,
             const OpmRect          *frame,
             double                  detail)
{
  OpmRect content;
  gboolean dark = options != NULL && options->dark;
  OpmRgba text = dark ? (OpmRgba) { 1, 1, 1, 1 } : (OpmRgba) { 0.14, 0.12, 0.19, 1 };
  OpmRgba muted = dark ? (OpmRgba) { 0.75, 0.75, 0.74, 1 } : (OpmRgba) { 0.37, 0.36, 0.39, 1 };

  if (options != NULL && options->area != NULL)
    content = *options->area;
  else
    opm_painter_get_bounds (painter, &content);

  opm_painter_draw_background (painter, renderer, frame);

  if (has_header (options))
    {
      const char *title = opm_document_get_title (document);
      const char *organisation = opm_document_get_organisation (document);
      g_autofree char *subtitle = NULL;

      if (title[0] == '\0')
        title = _("Operating model");
      if (organisation[0] != '\0')
        subtitle = g_strdup_printf (_("Scenario: %s · %s"), opm_scenario_get_name (scenario), organisation);
      else
        subtitle = g_strdup_printf (_("Scenario: %s"), opm_scenario_get_name (scenario));

      opm_renderer_begin_group (renderer, NULL, "opm-header", NULL);
      opm_renderer_draw_text (renderer, frame->x + MARGIN, frame->y + MARGIN + 20, title, 24, TRUE,
                              OPM_TEXT_ALIGN_START, text);
      opm_renderer_draw_text (renderer, frame->x + MARGIN, frame->y + MARGIN + 44, subtitle, 14, FALSE,
                              OPM_TEXT_ALIGN_START, muted);
      opm_renderer_end_group (renderer);
    }

  opm_painter_draw (painter, renderer, options != NULL ? options->area : NULL, detail);
  opm_painter_draw_overlays (painter, renderer, detail);

  if (has_legend (options))
    opm_painter_draw_legend (painter, renderer, content.x + content.width + MARGIN, content.y);
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * opm_export_drawing_to_bytes:
 * @frame: the area of the drawing to export, in document units
 * @info: the title, author and subject the file names, and the PNG scale
 * @draw: draws the picture; called once, at the detail the format can show
 *
 * Renders any drawing made through an #OpmRenderer (a scenario, a chart)
 * as SVG or PDF (renderers that write the file) or as PNG (cairo).
 *
 * Returns: (transfer full) (nullable): the file's contents
 */
GBytes *
opm_export_drawing_to_bytes (OpmExportFormat          format,
                             const OpmRect           *frame,
                             const OpmExportInfo     *info,
                             OpmExportDrawFunc        draw,
                             gpointer                 user_data,
                             GError                 **error)
{
  g_autoptr(OpmRenderer) renderer = NULL;

  g_return_val_if_fail (frame != NULL && info != NULL && draw != NULL, NULL);

  if (!(frame->width > 0 && frame->height > 0 && isfinite (frame->width) && isfinite (frame->height)))
    {
      g_set_error (error, OPM_FILE_ERROR, OPM_FILE_ERROR_INVALID, _("there is nothing to draw"));
      return NULL;
    }

  if (format == OPM_EXPORT_SVG)
    {
      renderer = opm_svg_renderer_new (frame->x, frame->y, frame->width, frame->height, 1.0,
                                       info->title != NULL ? info->title : "");
      draw (renderer, 1.0, user_data);
      return opm_svg_renderer_finish (OPM_SVG_RENDERER (renderer));
    }

  if (format == OPM_EXPORT_PDF)
    {
      double points = 0.75;   /* 96 units per inch */

      points = MIN (points, PDF_MAX_POINTS / MAX (frame->width, frame->height));
      renderer = opm_pdf_renderer_new (frame->x, frame->y, frame->width, frame->height, points, info->title,
                                       info->author, info->subject);
      draw (renderer, 1.0, user_data);
      return opm_pdf_renderer_finish (OPM_PDF_RENDERER (renderer));
    }

  if (format == OPM_EXPORT_PNG)
    {
      double scale = info->scale > 0 ? info->scale : 1.0;
      double width = ceil (frame->width * scale);
      double height = ceil (frame->height * scale);
      GByteArray *array;
      cairo_surface_t *surface;
      cairo_status_t status;
      cairo_t *cr;

      if (scale > 16 || scale < 1e-4 || width > OPM_EXPORT_MAX_PIXELS || height > OPM_EXPORT_MAX_PIXELS ||
          width * height > 400e6)
        {
          g_set_error (error, OPM_FILE_ERROR, OPM_FILE_ERROR_TOO_LARGE,
                       _("the picture would be %.0f × %.0f pixels; choose a smaller scale or area"), width, height);
          return NULL;
        }

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, OPM_FILE_ERROR, OPM_FILE_ERROR_TOO_LARGE, _("not enough memory for a %.0f × %.0f picture"),
                       width, height);
          cairo_surface_destroy (surface);
          return NULL;
        }

      cr = cairo_create (surface);
      cairo_scale (cr, scale, scale);
      cairo_translate (cr, -frame->x, -frame->y);
      renderer = opm_cairo_renderer_new (cr);
      /* no more detail than the pixels can show */
      draw (renderer, MIN (scale, 1.0), user_data);
      g_clear_object (&renderer);
      cairo_destroy (cr);

      array = g_byte_array_new ();
      status = cairo_surface_write_to_png_stream (surface, append_to_array, array);
      cairo_surface_destroy (surface);

      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_byte_array_unref (array);
          g_set_error (error, OPM_FILE_ERROR, OPM_FILE_ERROR_IO, "cannot make the PNG: %s",
                       cairo_status_to_string (status));
          return NULL;
        }

      return g_byte_array_free_to_bytes (array);
    }

  g_return_val_if_reached (NULL);
}

struct _OpmScenarioPicture
{
  OpmDocument      *document;
  OpmScenario      *scenario;
  OpmPainter       *painter;
  OpmExportOptions  options;
  OpmRect           area;
  OpmRect           frame;
};

/**
 * opm_scenario_picture_new:
 * @options: (nullable): what to show; copied
 *
 * A scenario laid out as an export shows it: the diagram with its header,
 * legend and (if asked) the open findings, ready to draw onto any renderer
 * any number of times (pages of a print, tiles).
 */
OpmScenarioPicture *
opm_scenario_picture_new (OpmDocument            *document,
                          OpmScenario            *scenario,
                          const OpmExportOptions *options)
{
  OpmScenarioPicture *self;

  g_return_val_if_fail (OPM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), NULL);

  self = g_new0 (OpmScenarioPicture, 1);
  self->document = g_object_ref (document);
  self->scenario = g_object_ref (scenario);
  if (options != NULL)
    self->options = *options;
  if (self->options.area != NULL)
    {
      self->area = *self->options.area;
      self->options.area = &self->area;
    }

  self->painter = opm_painter_new (scenario);
  opm_painter_set_dark (self->painter, self->options.dark);
  if (self->options.findings)
    {
      g_autoptr(GPtrArray) findings = opm_check_scenario (scenario, opm_document_get_parameters (document));
      g_autoptr(GPtrArray) open = opm_check_filter_open (findings);

      /* as the window shows them: acknowledged findings are not drawn */
      opm_painter_show_findings (self->painter, open);
    }
  opm_export_get_frame (self->painter, &self->options, &self->frame);

  return self;
}

void
opm_scenario_picture_free (OpmScenarioPicture *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->painter);
  g_clear_object (&self->scenario);
  g_clear_object (&self->document);
  g_free (self);
}

/* The area the picture covers, in document units. */
void
opm_scenario_picture_get_frame (OpmScenarioPicture *self,
                                OpmRect            *frame)
{
  g_return_if_fail (self != NULL && frame != NULL);

  *frame = self->frame;
}

/**
 * opm_scenario_picture_draw:
 * @detail: 1 for everything; less where fewer pixels show it
 *
 * Draws the picture in document units: set the renderer's transform first.
 */
void
opm_scenario_picture_draw (OpmScenarioPicture *self,
                           OpmRenderer        *renderer,
                           double              detail)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (OPM_IS_RENDERER (renderer));

  draw_export (self->document, self->scenario, self->painter, renderer, &self->options, &self->frame, detail);
}

static void
draw_picture (OpmRenderer *renderer,
              double       detail,
              gpointer     user_data)
{
  opm_scenario_picture_draw (user_data, renderer, detail);
}

/**
 * opm_export_scenario_to_bytes:
 *
 * Returns: (transfer full) (nullable): the exported picture
 */
GBytes *
opm_export_scenario_to_bytes (OpmDocument            *document,
                              OpmScenario            *scenario,
                              OpmExportFormat         format,
                              const OpmExportOptions *options,
                              GError                **error)
{
  g_autoptr(OpmScenarioPicture) picture = NULL;
  g_autofree char *title = NULL;
  OpmExportInfo info = { 0 };

  g_return_val_if_fail (OPM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), NULL);

  picture = opm_scenario_picture_new (document, scenario, options);

  if (format == OPM_EXPORT_SVG)
    title = g_strdup_printf ("%s — %s",
                             opm_document_get_title (document)[0] != '\0' ? opm_document_get_title (document)
                                                                         : _("Operating model"),
                             opm_scenario_get_name (scenario));
  else
    title = g_strdup (opm_document_get_title (document));
  info.title = title;
  info.author = opm_document_get_author (document);
  info.subject = opm_scenario_get_name (scenario);
  info.scale = options != NULL ? options->scale : 1.0;

  return opm_export_drawing_to_bytes (format, &picture->frame, &info, draw_picture, picture, error);
}

/**
 * opm_export_bytes:
 *
 * Writes an export made by one of the `_to_bytes()` functions to @path,
 * replacing the file atomically; an error names @path.
 */
gboolean
opm_export_bytes (GBytes      *bytes,
                  const char  *path,
                  GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return opm_file_replace_contents (path, data, length, error);
}

/**
 * opm_export_scenario:
 *
 * Exports @scenario to @path, replacing the file atomically.
 */
gboolean
opm_export_scenario (OpmDocument            *document,
                     OpmScenario            *scenario,
                     const char             *path,
                     OpmExportFormat         format,
                     const OpmExportOptions *options,
                     GError                **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  bytes = opm_export_scenario_to_bytes (document, scenario, format, options, &local_error);
  if (bytes == NULL)
    {
      _opm_file_error_set (error, local_error->code, path, 0, 0, "%s", local_error->message);
      return FALSE;
    }

  return opm_export_bytes (bytes, path, error);
}
