/* opm-print.c — printing a scenario, on one page or as a poster of pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A print shows what an export shows: the header, the diagram, the legend
 * and, if the window shows them, the findings.  It fits one page, or spans
 * a number of pages across (and as many down as it needs) so that a large
 * organisation can go on a workshop wall.
 */

#define G_LOG_DOMAIN "opm-print"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "opm-print.h"

#define MAX_PAGES_DOWN 20

typedef struct
{
  OpmDocument        *document;
  OpmScenario        *scenario;
  OpmPrintOptions    *options;
  OpmScenarioPicture *picture;
  double              scale;
  guint               across;
  guint               down;
  GtkWidget          *across_spin;
  GtkWidget          *findings_check;
} PrintJob;

static GtkPrintSettings *last_settings;
static GtkPageSetup *last_page_setup;

/**
 * opm_print_count_pages:
 * @page_width: the printable width of a page, in the units the picture is
 *   scaled to
 * @pages_across: 1 to fit the picture on one page; more to spread it over
 *   that many pages side by side, as many rows down as it needs
 * @scale: (out): document units to page units
 * @pages_down: (out): rows of pages
 *
 * Returns: the number of pages
 */
guint
opm_print_count_pages (OpmScenarioPicture *picture,
                       double              page_width,
                       double              page_height,
                       guint               pages_across,
                       double             *scale,
                       guint              *pages_down)
{
  OpmRect frame;
  guint across = CLAMP (pages_across, 1, OPM_PRINT_MAX_PAGES_ACROSS);
  guint down;
  double s;

  opm_scenario_picture_get_frame (picture, &frame);
  page_width = MAX (page_width, 1);
  page_height = MAX (page_height, 1);

  if (across == 1)
    {
      s = MIN (page_width / frame.width, page_height / frame.height);
      down = 1;
    }
  else
    {
      s = across * page_width / frame.width;
      down = (guint) MAX (1, ceil (frame.height * s / page_height - 1e-9));
      if (down > MAX_PAGES_DOWN)
        {
          /* a very tall picture: as many rows as allowed, fewer columns */
          s = MAX_PAGES_DOWN * page_height / frame.height;
          down = MAX_PAGES_DOWN;
          across = (guint) MAX (1, ceil (frame.width * s / page_width - 1e-9));
        }
    }

  if (scale != NULL)
    *scale = s;
  if (pages_down != NULL)
    *pages_down = down;

  return across * down;
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  OpmExportOptions options = { .findings = job->options->findings };
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  guint pages;

  g_clear_pointer (&job->picture, opm_scenario_picture_free);
  job->picture = opm_scenario_picture_new (job->document, job->scenario, &options);
  pages = opm_print_count_pages (job->picture, width, height, job->options->pages_across, &job->scale, &job->down);
  job->across = pages / job->down;
  gtk_print_operation_set_n_pages (operation, (int) pages);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  guint column = (guint) page % job->across;
  guint row = (guint) page / job->across;
  g_autoptr(OpmRenderer) renderer = NULL;
  OpmRect frame;
  double x = 0, y = 0;

  opm_scenario_picture_get_frame (job->picture, &frame);
  if (job->across == 1 && job->down == 1)
    {
      /* one page: centred */
      x = (width - frame.width * job->scale) / 2;
      y = (height - frame.height * job->scale) / 2;
    }

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_translate (cr, x - column * width, y - row * height);
  cairo_scale (cr, job->scale, job->scale);
  cairo_translate (cr, -frame.x, -frame.y);
  renderer = opm_cairo_renderer_new (cr);
  opm_scenario_picture_draw (job->picture, renderer, 1.0);
  g_clear_object (&renderer);
  cairo_restore (cr);
}

static GObject *
on_create_custom_widget (GtkPrintOperation *operation,
                         PrintJob          *job)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Pages _across"));
  GtkWidget *hint = gtk_label_new (_("1 fits the whole diagram on one page; more print it as a poster, "
                                     "as many pages down as it needs."));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_top (grid, 18);
  gtk_widget_set_margin_bottom (grid, 18);
  gtk_widget_set_margin_start (grid, 18);
  gtk_widget_set_margin_end (grid, 18);

  job->across_spin = gtk_spin_button_new_with_range (1, OPM_PRINT_MAX_PAGES_ACROSS, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (job->across_spin), job->options->pages_across);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), job->across_spin);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), job->across_spin, 1, 0, 1, 1);

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 50);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), hint, 0, 1, 2, 1);

  job->findings_check = gtk_check_button_new_with_mnemonic (_("Show _findings (divides and badges)"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (job->findings_check), job->options->findings);
  gtk_grid_attach (GTK_GRID (grid), job->findings_check, 0, 2, 2, 1);

  return G_OBJECT (grid);
}

static void
on_custom_widget_apply (GtkPrintOperation *operation,
                        GtkWidget         *widget,
                        PrintJob          *job)
{
  job->options->pages_across = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (job->across_spin));
  job->options->findings = gtk_check_button_get_active (GTK_CHECK_BUTTON (job->findings_check));
}

/**
 * opm_print_scenario:
 * @options: (inout): the choices, updated with what the user chose in the
 *   dialog's Diagram tab
 * @export_pdf: (nullable): write this PDF file without a dialog (tests)
 *
 * Prints @scenario through the print dialog; settings and page setup are
 * kept for the next print in this session.  Diagrams are wide, so the
 * first page setup is landscape.
 *
 * Returns: %FALSE with @error set if printing failed; cancelling is not an
 *   error
 */
gboolean
opm_print_scenario (GtkWindow        *parent,
                    OpmDocument      *document,
                    OpmScenario      *scenario,
                    OpmPrintOptions  *options,
                    const char       *export_pdf,
                    GError          **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  PrintJob job = { document, scenario, options };
  GtkPrintOperationResult result;
  g_autofree char *job_name = NULL;

  g_return_val_if_fail (OPM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (last_page_setup == NULL)
    {
      last_page_setup = gtk_page_setup_new ();
      gtk_page_setup_set_orientation (last_page_setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
    }
  gtk_print_operation_set_default_page_setup (operation, last_page_setup);
  if (last_settings != NULL)
    gtk_print_operation_set_print_settings (operation, last_settings);

  job_name = g_strdup_printf ("%s — %s",
                              opm_document_get_title (document)[0] != '\0' ? opm_document_get_title (document)
                                                                          : _("Operating model"),
                              opm_scenario_get_name (scenario));
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_custom_tab_label (operation, _("Diagram"));

  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), &job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), &job);
  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (on_create_custom_widget), &job);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (on_custom_widget_apply), &job);

  if (export_pdf != NULL)
    {
      gtk_print_operation_set_export_filename (operation, export_pdf);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
    }
  else
    {
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);
    }

  g_clear_pointer (&job.picture, opm_scenario_picture_free);

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_set_object (&last_settings, gtk_print_operation_get_print_settings (operation));
    }

  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
