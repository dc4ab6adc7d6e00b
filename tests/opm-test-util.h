/* opm-test-util.h — helpers shared by the widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "opm-application.h"
#include "opm-canvas.h"

#ifndef WAIT_TIMEOUT_S
#define WAIT_TIMEOUT_S 30
#endif

static inline gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main loop until @cond holds; fails the test after a timeout. */
#define wait_until(cond)                                                                   \
  G_STMT_START                                                                             \
  {                                                                                        \
    gint64 deadline_ = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;         \
    guint wake_ = g_timeout_add (10, wake_up, NULL);                                       \
    while (!(cond))                                                                        \
      {                                                                                    \
        if (g_get_monotonic_time () > deadline_)                                           \
          {                                                                                \
            g_source_remove (wake_);                                                       \
            g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,              \
                                 "timed out waiting for: " #cond);                         \
          }                                                                                \
        g_main_context_iteration (NULL, TRUE);                                             \
      }                                                                                    \
    g_source_remove (wake_);                                                               \
  }                                                                                        \
  G_STMT_END

/* GTK 4.8's tooltip timeout can fire after the surface it asks about has
 * gone, and then logs criticals from gdk_surface_get_device_position() and
 * _gtk_widget_find_at_coords() before giving up; it happens under load,
 * changes nothing, and later GTK versions check first. */
static inline gboolean
is_gtk_tooltip_race (const char *domain,
                     const char *message)
{
  if (message == NULL || !g_str_has_suffix (message, ": assertion 'GDK_IS_SURFACE (surface)' failed"))
    return FALSE;

  return (g_strcmp0 (domain, "Gdk") == 0 && g_str_has_prefix (message, "gdk_surface_get_device_position:")) ||
         (g_strcmp0 (domain, "Gtk") == 0 && g_str_has_prefix (message, "_gtk_widget_find_at_coords:"));
}

/* Writes log messages as GLib does, keeping every warning and critical
 * fatal except the race above, which becomes a test message.  (A fatal
 * handler cannot do this: GLib has already told the TAP reader to bail
 * out by the time it asks the handler.) */
static inline GLogWriterOutput
race_tolerant_writer (GLogLevelFlags   level,
                      const GLogField *fields,
                      gsize            n_fields,
                      gpointer         data)
{
  const char *domain = NULL, *message = NULL;

  if ((level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL)) == 0)
    return g_log_writer_default (level, fields, n_fields, data);

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  if (is_gtk_tooltip_race (domain, message))
    {
      g_test_message ("tolerated GTK 4.8 tooltip race: %s-CRITICAL: %s", domain, message);
      return G_LOG_WRITER_HANDLED;
    }

  g_log_writer_default (level | G_LOG_FLAG_FATAL, fields, n_fields, data);
  G_BREAKPOINT ();

  return G_LOG_WRITER_HANDLED;
}

/* Call once, right after gtk_test_init(). */
static inline void
tolerate_gtk_races (void)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_log_set_writer_func (race_tolerant_writer, NULL, NULL);
}

static inline void
drain (void)
{
  for (guint i = 0; i < 1000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static inline void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }

  g_remove (path);
}

static inline GtkGesture *
edit_gesture (OpmCanvas *canvas)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_PRIMARY)
        return GTK_GESTURE (controller);
    }

  g_assert_not_reached ();
  return NULL;
}

static inline void
collect_descendants (GtkWidget *widget,
                     GType      type,
                     GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect_descendants (child, type, found);
    }
}

/* Every widget of @type below @widget, depth first. */
static inline GPtrArray *
find_all (GtkWidget *widget,
          GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_descendants (widget, type, found);
  return found;
}

/* The first button below @widget (or @widget itself) labelled @label. */
static inline GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first widget of @type below @widget; there must be one. */
static inline gpointer
find_first (GtkWidget *widget,
            GType      type)
{
  g_autoptr(GPtrArray) found = find_all (widget, type);

  g_assert_cmpuint (found->len, >, 0);
  return g_ptr_array_index (found, 0);
}

/* The widget below @widget with @name (gtk_widget_set_name()), depth first. */
static inline GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      found = find_named (child, name);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* GTK for a test under Xvfb, and the application its windows belong to. */
static inline OpmApplication *
test_application_new (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  OpmApplication *application;

  gtk_test_init (argc, argv, NULL);
  tolerate_gtk_races ();
  adw_init ();

  application = opm_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  return application;
}

/* A "notify" handler that counts. */
static inline void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}
