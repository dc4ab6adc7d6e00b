/* test-palette.c — the palette of element kinds, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "opm-palette.h"

#define WAIT_TIMEOUT_S 20
#include "opm-test-util.h"

/* The palette's rows, in order. */
static GPtrArray *
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (rows == NULL)
    rows = g_ptr_array_new ();

  if (GTK_IS_LIST_BOX_ROW (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);

  return rows;
}

static GtkDragSource *
row_drag_source (GtkWidget *row)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
  GtkDragSource *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DRAG_SOURCE (controller))
        {
          g_assert_null (found);
          found = GTK_DRAG_SOURCE (controller);   /* the row keeps it alive */
        }
    }

  return found;
}

/* What dragging @row gives. */
static char *
row_payload (GtkWidget *row)
{
  GtkDragSource *source = row_drag_source (row);
  GdkContentProvider *content;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (source);
  g_assert_cmpint (gtk_drag_source_get_actions (source) & GDK_ACTION_COPY, !=, 0);
  content = gtk_drag_source_get_content (source);
  g_assert_nonnull (content);

  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  return g_value_dup_string (&value);
}

static void
test_create_destroy (void)
{
  GtkWidget *palette;

  palette = g_object_ref_sink (opm_palette_new ());
  g_assert_true (OPM_IS_PALETTE (palette));
  g_assert_finalize_object (palette);

  /* shown in a window */
  {
    GtkWidget *window = gtk_window_new ();
    gpointer weak_window = window;

    palette = g_object_ref (opm_palette_new ());
    gtk_window_set_child (GTK_WINDOW (window), palette);
    gtk_window_set_default_size (GTK_WINDOW (window), 280, 600);
    g_object_add_weak_pointer (G_OBJECT (window), &weak_window);
    gtk_window_present (GTK_WINDOW (window));
    wait_until (gtk_widget_get_mapped (palette));
    gtk_window_destroy (GTK_WINDOW (window));
    wait_until (weak_window == NULL);
    g_assert_finalize_object (palette);
  }
}

static void
test_parse_payload (void)
{
  GType type = G_TYPE_INVALID;
  int value = -1;

  g_assert_true (opm_palette_parse_payload ("opmodel-palette:team:ops-bridge", &type, &value));
  g_assert_true (type == OPM_TYPE_TEAM);
  g_assert_cmpint (value, ==, OPM_TEAM_KIND_OPS_BRIDGE);
  g_assert_true (opm_palette_parse_payload ("opmodel-palette:service:data-store", &type, &value));
  g_assert_true (type == OPM_TYPE_SERVICE);
  g_assert_cmpint (value, ==, OPM_SERVICE_KIND_DATA_STORE);
  g_assert_true (opm_palette_parse_payload ("opmodel-palette:responsibility:support-l3", &type, &value));
  g_assert_true (type == OPM_TYPE_RESPONSIBILITY);
  g_assert_cmpint (value, ==, OPM_ACTIVITY_SUPPORT_L3);
  g_assert_true (opm_palette_parse_payload ("opmodel-palette:note:", &type, &value));
  g_assert_true (type == OPM_TYPE_NOTE);
  g_assert_cmpint (value, ==, 0);
  g_assert_true (opm_palette_parse_payload ("opmodel-palette:team:product", NULL, NULL));

  g_assert_false (opm_palette_parse_payload (NULL, &type, &value));
  g_assert_false (opm_palette_parse_payload ("", &type, &value));
  g_assert_false (opm_palette_parse_payload ("opmodel-palette:", &type, &value));
  g_assert_false (opm_palette_parse_payload ("opmodel-palette:team", &type, &value));
  g_assert_false (opm_palette_parse_payload ("opmodel-palette:team:", &type, &value));
  g_assert_false (opm_palette_parse_payload ("opmodel-palette:team:wizards", &type, &value));
  g_assert_false (opm_palette_parse_payload ("opmodel-palette:teams:product", &type, &value));
  g_assert_false (opm_palette_parse_payload ("opmodel-palette:tea:product", &type, &value));
  g_assert_false (opm_palette_parse_payload ("opmodel-palette:note:x", &type, &value));
  g_assert_false (opm_palette_parse_payload ("opmodel-palette:group:", &type, &value));
  g_assert_false (opm_palette_parse_payload ("file:///etc/passwd", &type, &value));
  g_assert_false (opm_palette_parse_payload ("team:product", &type, &value));
}

/* Every item: a drag source with a payload that parses, a tooltip, and
 * all kinds, classes and activities covered once. */
static void
test_items (void)
{
  GtkWidget *palette = g_object_ref_sink (opm_palette_new ());
  g_autoptr(GPtrArray) rows = collect_rows (palette, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint teams = 0, services = 0, activities = 0, notes = 0;

  g_assert_cmpuint (rows->len, ==, 10 + 3 + 10 + 1);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      char *payload = row_payload (row);
      GType type = G_TYPE_INVALID;
      int value = -1;

      g_assert_true (g_str_has_prefix (payload, OPM_PALETTE_PAYLOAD_PREFIX));
      g_assert_true (opm_palette_parse_payload (payload, &type, &value));
      g_assert_false (g_hash_table_contains (seen, payload));
      g_hash_table_add (seen, payload);

      g_assert_true (gtk_widget_get_focusable (row));
      g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
      g_assert_nonnull (gtk_widget_get_tooltip_text (row));
      g_assert_cmpuint (strlen (gtk_widget_get_tooltip_text (row)), >, 20);

      if (type == OPM_TYPE_TEAM)
        teams |= 1u << value;
      else if (type == OPM_TYPE_SERVICE)
        services |= 1u << value;
      else if (type == OPM_TYPE_RESPONSIBILITY)
        activities |= 1u << value;
      else if (type == OPM_TYPE_NOTE)
        notes++;
      else
        g_assert_not_reached ();
    }

  g_assert_cmpuint (teams, ==, (1u << 10) - 1);
  g_assert_cmpuint (services, ==, (1u << 3) - 1);
  g_assert_cmpuint (activities, ==, (1u << 10) - 1);
  g_assert_cmpuint (notes, ==, 1);
  g_assert_true (g_hash_table_contains (seen, "opmodel-palette:team:ops-bridge"));
  g_assert_true (g_hash_table_contains (seen, "opmodel-palette:service:foundational"));
  g_assert_true (g_hash_table_contains (seen, "opmodel-palette:responsibility:operate-l1"));
  g_assert_true (g_hash_table_contains (seen, "opmodel-palette:note:"));

  g_assert_finalize_object (palette);
}

static void
on_item_activated (OpmPalette *palette,
                   const char *payload,
                   GPtrArray  *received)
{
  g_ptr_array_add (received, g_strdup (payload));
}

/* Enter and Space on a focused item activate it (GtkListBox binds both to
 * ::activate-cursor-row), which emits ::item-activated with its payload. */
static void
test_keyboard_activation (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *palette = opm_palette_new ();
  gpointer weak_window = window;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) received = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *list_box;
  guint picks[] = { 0, 2, 11, 16, 23 };

  gtk_window_set_child (GTK_WINDOW (window), palette);
  gtk_window_set_default_size (GTK_WINDOW (window), 280, 900);
  g_signal_connect (palette, "item-activated", G_CALLBACK (on_item_activated), received);
  g_object_add_weak_pointer (G_OBJECT (window), &weak_window);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (gtk_widget_get_mapped (palette));

  rows = collect_rows (palette, NULL);
  list_box = gtk_widget_get_parent (g_ptr_array_index (rows, 0));
  g_assert_true (GTK_IS_LIST_BOX (list_box));

  for (guint i = 0; i < G_N_ELEMENTS (picks); i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, picks[i]);
      g_autofree char *expected = row_payload (row);

      g_assert_true (gtk_widget_grab_focus (row));
      wait_until (gtk_widget_has_focus (row));
      g_signal_emit_by_name (list_box, "activate-cursor-row");

      g_assert_cmpuint (received->len, ==, i + 1);
      g_assert_cmpstr (g_ptr_array_index (received, i), ==, expected);
    }

  /* the row's own activation (as a screen reader does it) works too */
  g_assert_true (gtk_widget_activate (g_ptr_array_index (rows, 13)));
  g_assert_cmpstr (g_ptr_array_index (received, received->len - 1), ==, "opmodel-palette:responsibility:plan");

  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (weak_window == NULL);
}

/* Every item is a drag source, laid out and visible. */
static void
test_drag_sources (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *palette = opm_palette_new ();
  gpointer weak_window = window;
  g_autoptr(GPtrArray) rows = NULL;

  gtk_window_set_child (GTK_WINDOW (window), palette);
  gtk_window_present (GTK_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (window), &weak_window);
  wait_until (gtk_widget_get_mapped (palette));

  rows = collect_rows (palette, NULL);
  wait_until (gtk_widget_get_width (g_ptr_array_index (rows, rows->len - 1)) > 0);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      g_assert_nonnull (row_drag_source (row));
      g_assert_cmpint (gtk_widget_get_width (row), >, 0);
      g_assert_cmpint (gtk_widget_get_height (row), >=, 24);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (weak_window == NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tolerate_gtk_races ();
  adw_init ();

  g_test_add_func ("/palette/create-destroy", test_create_destroy);
  g_test_add_func ("/palette/parse-payload", test_parse_payload);
  g_test_add_func ("/palette/items", test_items);
  g_test_add_func ("/palette/keyboard-activation", test_keyboard_activation);
  g_test_add_func ("/palette/drag-sources", test_drag_sources);

  return g_test_run ();
}
