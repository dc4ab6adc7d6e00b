/* opm-raci-view.c
 *
 * Services down, teams across, R/A/C/I in the cells; a service without
 * exactly one accountable team is marked. A table too large to read on
 * screen says so and leaves it to the CSV export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-raci-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "opm-raci-view.h"

static GtkWidget *
cell_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_margin_start (label, 8);
  gtk_widget_set_margin_end (label, 8);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);

  return label;
}

/**
 * opm_raci_view_new:
 *
 * Returns: (transfer floating): a scrolled table, or a status page when
 *   the table has no rows or is too large to show
 */
GtkWidget *
opm_raci_view_new (OpmRaci *raci)
{
  GtkWidget *scrolled;
  GtkWidget *grid;
  guint n_services = raci->services->len, n_teams = raci->teams->len;

  if (n_services == 0 || n_teams == 0 || (double) n_services * n_teams > OPM_RACI_VIEW_MAX_CELLS)
    {
      GtkWidget *status = adw_status_page_new ();
      g_autofree char *description = NULL;

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "x-office-spreadsheet-symbolic");
      if (n_services == 0 || n_teams == 0)
        {
          adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Responsibilities Yet"));
          adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                           _("Connect teams to services to see who is responsible, "
                                             "accountable, consulted and informed."));
        }
      else
        {
          description = g_strdup_printf (_("%u services × %u teams is too large to read here. "
                                           "Export it as CSV to open it in a spreadsheet."),
                                         n_services, n_teams);
          adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Table Too Large"));
          adw_status_page_set_description (ADW_STATUS_PAGE (status), description);
        }
      return status;
    }

  grid = gtk_grid_new ();
  gtk_widget_add_css_class (grid, "raci");
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 0);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Responsibility table"), -1);

  for (guint t = 0; t < n_teams; t++)
    {
      GtkWidget *label = cell_label (opm_element_get_label (g_ptr_array_index (raci->teams, t)), "caption-heading");

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_set_valign (label, GTK_ALIGN_END);
      gtk_grid_attach (GTK_GRID (grid), label, (int) t + 1, 0, 1, 1);
    }

  for (guint s = 0; s < n_services; s++)
    {
      guint accountable = opm_raci_count_accountable (raci, s);
      GtkWidget *name = cell_label (opm_element_get_label (g_ptr_array_index (raci->services, s)), "heading");

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      if (accountable != 1)
        {
          g_autofree char *why = accountable == 0
                                   ? g_strdup (_("No team is accountable for this service"))
                                   : g_strdup_printf (_("%u teams are accountable for this service"), accountable);

          gtk_widget_add_css_class (name, "error");
          gtk_widget_set_tooltip_text (name, why);
          gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
        }
      gtk_grid_attach (GTK_GRID (grid), name, 0, (int) s + 1, 1, 1);

      for (guint t = 0; t < n_teams; t++)
        {
          guint roles = opm_raci_get_roles (raci, s, t);
          g_autofree char *text = opm_raci_format_roles (roles);
          GtkWidget *cell;

          /* empty cells too: the rules run across the whole row */
          cell = cell_label (text, (roles & OPM_RACI_ACCOUNTABLE) != 0 ? "accent" : NULL);
          if ((roles & OPM_RACI_ACCOUNTABLE) != 0 && accountable > 1)
            {
              gtk_widget_remove_css_class (cell, "accent");
              gtk_widget_add_css_class (cell, "error");
            }
          gtk_grid_attach (GTK_GRID (grid), cell, (int) t + 1, (int) s + 1, 1, 1);
        }
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_hexpand (scrolled, TRUE);

  return scrolled;
}

/* The window */

static void
on_csv_chosen (GtkNativeDialog *chooser,
               int              response,
               GtkWindow       *window)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  OpmRaci *raci = g_object_get_data (G_OBJECT (window), "opm-raci");
  AdwToastOverlay *toasts = g_object_get_data (G_OBJECT (window), "opm-toasts");

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file == NULL)
    return;

  if (!opm_raci_save_csv (raci, file, &error))
    {
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Cannot Export the Table"),
                                                                             error->message));

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  adw_toast_overlay_add_toast (toasts, adw_toast_new (_("Table exported")));
}

static void
on_export_clicked (GtkWindow *window)
{
  OpmScenario *scenario = g_object_get_data (G_OBJECT (window), "opm-scenario");
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strdup_printf ("%s RACI.csv", opm_scenario_get_name (scenario));

  chooser = gtk_file_chooser_native_new (_("Export the Table"), window, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV table"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_csv_chosen), window);
  g_object_set_data_full (G_OBJECT (window), "opm-chooser", chooser, g_object_unref);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * opm_raci_window_new:
 *
 * Returns: (transfer full): a window with @scenario's RACI table and a
 *   button that exports it as CSV
 */
GtkWindow *
opm_raci_window_new (GtkWindow   *parent,
                     OpmScenario *scenario)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (_("Responsibilities (RACI)"), opm_scenario_get_name (scenario));
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export CSV…"));
  GtkWidget *toasts = adw_toast_overlay_new ();
  OpmRaci *raci = opm_raci_new (scenario);

  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_set_title (GTK_WINDOW (window), _("Responsibilities (RACI)"));
  g_object_set_data_full (G_OBJECT (window), "opm-raci", raci, (GDestroyNotify) opm_raci_free);
  g_object_set_data_full (G_OBJECT (window), "opm-scenario", g_object_ref (scenario), g_object_unref);
  g_object_set_data (G_OBJECT (window), "opm-toasts", toasts);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_widget_add_css_class (export, "suggested-action");
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (on_export_clicked), window);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), export);

  gtk_box_append (GTK_BOX (box), header);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (toasts), opm_raci_view_new (raci));
  gtk_widget_set_vexpand (toasts, TRUE);
  gtk_box_append (GTK_BOX (box), toasts);
  adw_window_set_content (ADW_WINDOW (window), box);

  return GTK_WINDOW (window);
}
