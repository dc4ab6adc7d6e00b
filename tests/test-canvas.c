/* test-canvas.c — editing on the canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "opm-canvas.h"
#include "opm-core.h"
#include "opm-test-util.h"

typedef struct
{
  OpmDocument *document;
  OpmScenario *scenario;
  GtkWidget   *window;
  OpmCanvas   *canvas;
  char        *start;
} Fixture;

static char *
serialize (OpmDocument *document)
{
  g_autoptr(GBytes) bytes = opm_document_serialize (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
wait_until_drawn (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (gtk_widget_get_width (widget) <= 1 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);

  g_assert_cmpint (gtk_widget_get_width (widget), >, 1);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *scrolled;

  f->document = opm_document_new ();
  f->scenario = opm_document_get_scenario (f->document, 0);
  f->start = serialize (f->document);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  scrolled = gtk_scrolled_window_new ();
  f->canvas = OPM_CANVAS (opm_canvas_new (f->scenario));
  opm_canvas_set_max_fit_zoom (f->canvas, 1.0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (f->canvas));
  gtk_window_set_child (GTK_WINDOW (f->window), scrolled);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until_drawn (GTK_WIDGET (f->canvas));
  opm_canvas_set_zoom (f->canvas, 1.0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->document);
  g_free (f->start);
}

static void
to_widget (Fixture *f,
           double   x,
           double   y,
           double  *wx,
           double  *wy)
{
  double x0, y0;

  /* the inverse of opm_canvas_widget_to_document at zoom 1 */
  opm_canvas_widget_to_document (f->canvas, 0, 0, &x0, &y0);
  *wx = (x - x0) * opm_canvas_get_zoom (f->canvas);
  *wy = (y - y0) * opm_canvas_get_zoom (f->canvas);
}

/* A drag from document point (x, y) by (dx, dy) document units. */
static void
drag (Fixture *f,
      double   x,
      double   y,
      double   dx,
      double   dy)
{
  GtkGesture *gesture = edit_gesture (f->canvas);
  double wx, wy, zoom = opm_canvas_get_zoom (f->canvas);

  to_widget (f, x, y, &wx, &wy);
  g_signal_emit_by_name (gesture, "drag-begin", wx, wy);
  for (guint i = 1; i <= 5; i++)
    g_signal_emit_by_name (gesture, "drag-update", dx * zoom * i / 5, dy * zoom * i / 5);
  g_signal_emit_by_name (gesture, "drag-end", dx * zoom, dy * zoom);
}

static OpmElement *
add (Fixture    *f,
     const char *payload,
     double      x,
     double      y)
{
  GPtrArray *selection;

  g_assert_true (opm_canvas_add_from_payload (f->canvas, payload, x, y));
  selection = opm_canvas_get_selection (f->canvas);
  g_assert_cmpuint (selection->len, ==, 1);

  return g_ptr_array_index (selection, 0);
}

/* Clicks the button labelled @label in the canvas's open popover. */
static gboolean
choose (Fixture    *f,
        const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->canvas)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *stack[64];
      guint depth = 0;

      if (!GTK_IS_POPOVER (child))
        continue;

      stack[depth++] = child;
      while (depth > 0)
        {
          GtkWidget *w = stack[--depth];

          if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0)
            {
              g_signal_emit_by_name (w, "clicked");
              return TRUE;
            }
          for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && depth < G_N_ELEMENTS (stack);
               c = gtk_widget_get_next_sibling (c))
            stack[depth++] = c;
        }
    }

  return FALSE;
}

static void
test_add_and_connect (Fixture       *f,
                      gconstpointer  data)
{
  OpmElement *team, *service, *store, *note;
  GListModel *resps = opm_scenario_get_responsibilities (f->scenario);
  GListModel *deps = opm_scenario_get_dependencies (f->scenario);
  OpmRect b;

  team = add (f, "opmodel-palette:team:ops-bridge", 200, 150);
  g_assert_true (OPM_IS_TEAM (team));
  g_assert_cmpint (opm_team_get_kind (OPM_TEAM (team)), ==, OPM_TEAM_KIND_OPS_BRIDGE);
  /* centred on the point, snapped to the grid */
  g_assert_cmpfloat (fmod (opm_node_get_x (OPM_NODE (team)), 10), ==, 0);
  g_assert_cmpfloat (fabs (opm_node_get_x (OPM_NODE (team)) + opm_node_get_width (OPM_NODE (team)) / 2 - 200), <=, 5);

  service = add (f, "opmodel-palette:service:digital", 200, 450);
  store = add (f, "opmodel-palette:service:data-store", 600, 450);
  g_assert_cmpint (opm_service_get_kind (OPM_SERVICE (store)), ==, OPM_SERVICE_KIND_DATA_STORE);
  note = add (f, "opmodel-palette:note:", 700, 120);
  g_assert_true (OPM_IS_NOTE (note));
  g_assert_false (opm_canvas_add_from_payload (f->canvas, "opmodel-palette:team:no-such-kind", 0, 0));
  g_assert_false (opm_canvas_add_from_payload (f->canvas, "something else", 0, 0));

  /* drag from the dot under the team to the service: asks for the activity */
  opm_canvas_select (f->canvas, team, FALSE);
  b.x = opm_node_get_x (OPM_NODE (team));
  b.y = opm_node_get_y (OPM_NODE (team));
  b.width = opm_node_get_width (OPM_NODE (team));
  b.height = opm_node_get_height (OPM_NODE (team));
  drag (f, b.x + b.width / 2, b.y + b.height,
        opm_node_get_x (OPM_NODE (service)) + 50 - (b.x + b.width / 2),
        opm_node_get_y (OPM_NODE (service)) + 50 - (b.y + b.height));
  g_assert_cmpuint (g_list_model_get_n_items (resps), ==, 0);
  g_assert_true (choose (f, "Operate (L1)"));
  g_assert_cmpuint (g_list_model_get_n_items (resps), ==, 1);
  {
    g_autoptr(OpmResponsibility) r = g_list_model_get_item (resps, 0);

    g_assert_true (OPM_ELEMENT (opm_responsibility_get_team (r)) == team);
    g_assert_true (OPM_ELEMENT (opm_responsibility_get_service (r)) == service);
    g_assert_cmpint (opm_responsibility_get_activity (r), ==, OPM_ACTIVITY_OPERATE_L1);
  }

  /* service to service: a dependency, no question */
  opm_canvas_select (f->canvas, service, FALSE);
  drag (f, opm_node_get_x (OPM_NODE (service)) + opm_node_get_width (OPM_NODE (service)) / 2,
        opm_node_get_y (OPM_NODE (service)) + opm_node_get_height (OPM_NODE (service)),
        opm_node_get_x (OPM_NODE (store)) + 40 - (opm_node_get_x (OPM_NODE (service)) + opm_node_get_width (OPM_NODE (service)) / 2),
        opm_node_get_y (OPM_NODE (store)) + 40 - (opm_node_get_y (OPM_NODE (service)) + opm_node_get_height (OPM_NODE (service))));
  g_assert_cmpuint (g_list_model_get_n_items (deps), ==, 1);

  /* a responsibility dropped on a service asks which team */
  g_assert_true (opm_canvas_add_from_payload (f->canvas, "opmodel-palette:responsibility:support-l2",
                                              opm_node_get_x (OPM_NODE (store)) + 20,
                                              opm_node_get_y (OPM_NODE (store)) + 20));
  g_assert_true (choose (f, opm_team_get_name (OPM_TEAM (team))));
  g_assert_cmpuint (g_list_model_get_n_items (resps), ==, 2);

  /* dropped on a connector, it changes the activity */
  {
    g_autoptr(OpmResponsibility) r = g_list_model_get_item (resps, 0);
    OpmRect rb;
    OpmElement *hit;

    g_assert_true (opm_painter_get_element_bounds (opm_canvas_get_painter (f->canvas), OPM_ELEMENT (r), &rb));
    /* find a point on the line: try along the vertical through the bounds */
    hit = NULL;
    for (double t = 0.2; t <= 0.8 && hit != OPM_ELEMENT (r); t += 0.05)
      {
        double x0 = opm_node_get_x (OPM_NODE (team)) + opm_node_get_width (OPM_NODE (team)) / 2;
        double y0 = opm_node_get_y (OPM_NODE (team)) + opm_node_get_height (OPM_NODE (team));
        double x1 = opm_node_get_x (OPM_NODE (service)) + opm_node_get_width (OPM_NODE (service)) / 2;
        double y1 = opm_node_get_y (OPM_NODE (service));

        hit = opm_painter_hit_test (opm_canvas_get_painter (f->canvas), x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, 4);
        if (hit == OPM_ELEMENT (r))
          g_assert_true (opm_canvas_add_from_payload (f->canvas, "opmodel-palette:responsibility:on-call",
                                                      x0 + (x1 - x0) * t, y0 + (y1 - y0) * t));
      }
    g_assert_true (hit == OPM_ELEMENT (r));
    g_assert_cmpint (opm_responsibility_get_activity (r), ==, OPM_ACTIVITY_ON_CALL);
  }

  /* every step undoes back to the empty document */
  while (opm_document_undo (f->document))
    ;
  {
    g_autofree char *now = serialize (f->document);
    g_assert_cmpstr (now, ==, f->start);
  }
}

static void
test_move_resize_and_keys (Fixture       *f,
                           gconstpointer  data)
{
  OpmElement *a = add (f, "opmodel-palette:team:product", 200, 200);
  OpmElement *b = add (f, "opmodel-palette:service:digital", 500, 400);
  guint steps = opm_document_get_history_length (f->document);
  double ax = opm_node_get_x (OPM_NODE (a));
  double ay = opm_node_get_y (OPM_NODE (a));
  g_autofree char *before = serialize (f->document);

  /* a drag moves the selection by the snapped distance in one step */
  opm_canvas_unselect_all (f->canvas);
  drag (f, ax + 60, ay + 60, 103, 48);
  g_assert_cmpfloat (opm_node_get_x (OPM_NODE (a)), ==, ax + 100);
  g_assert_cmpfloat (opm_node_get_y (OPM_NODE (a)), ==, ay + 50);
  g_assert_cmpuint (opm_document_get_history_length (f->document), ==, steps + 1);
  g_assert_cmpstr (opm_document_get_undo_label (f->document), ==, "Move Team");
  g_assert_true (opm_canvas_is_selected (f->canvas, a));

  /* the corner handle resizes */
  {
    double right = opm_node_get_x (OPM_NODE (a)) + opm_node_get_width (OPM_NODE (a));
    double bottom = opm_node_get_y (OPM_NODE (a)) + opm_node_get_height (OPM_NODE (a));

    drag (f, right - 2, bottom - 2, 40, 30);
    g_assert_cmpfloat (opm_node_get_width (OPM_NODE (a)), ==, 220 + 40);
    g_assert_cmpfloat (opm_node_get_height (OPM_NODE (a)), ==, 120 + 30);
    g_assert_cmpstr (opm_document_get_undo_label (f->document), ==, "Resize");
  }

  /* arrow keys nudge by the grid, Shift by ten */
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.nudge", "(si)", "right", 0);
  g_assert_cmpfloat (opm_node_get_x (OPM_NODE (a)), ==, ax + 110);
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.nudge", "(si)", "down", 1);
  g_assert_cmpfloat (opm_node_get_y (OPM_NODE (a)), ==, ay + 150);

  /* rubber band over both, then align their left edges */
  opm_canvas_unselect_all (f->canvas);
  drag (f, 0, 0, 900, 700);
  g_assert_cmpuint (opm_canvas_get_selection (f->canvas)->len, ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.align", "s", "left");
  g_assert_cmpfloat (opm_node_get_x (OPM_NODE (a)), ==, opm_node_get_x (OPM_NODE (b)));
  g_assert_cmpstr (opm_document_get_undo_label (f->document), ==, "Align");

  /* duplicate, then delete the copies */
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.duplicate", NULL);
  g_assert_cmpuint (opm_scenario_get_n_elements (f->scenario), ==, 4);
  g_assert_cmpuint (opm_canvas_get_selection (f->canvas)->len, ==, 2);
  g_assert_false (opm_canvas_is_selected (f->canvas, a));
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.delete", NULL);
  g_assert_cmpuint (opm_scenario_get_n_elements (f->scenario), ==, 2);
  g_assert_cmpuint (opm_canvas_get_selection (f->canvas)->len, ==, 0);

  /* select all, and undoing an addition drops it from the selection */
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.select-all", NULL);
  g_assert_cmpuint (opm_canvas_get_selection (f->canvas)->len, ==, 2);

  /* undo back to where the moves began */
  for (guint i = 0; i < 7; i++)
    g_assert_true (opm_document_undo (f->document));
  {
    g_autofree char *now = serialize (f->document);
    g_assert_cmpstr (now, ==, before);
  }
  while (opm_document_undo (f->document))
    ;
  g_assert_cmpuint (opm_canvas_get_selection (f->canvas)->len, ==, 0);
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  OpmElement *team = add (f, "opmodel-palette:team:sre", 300, 300);
  GtkWidget *entry = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.rename", NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->canvas)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      entry = gtk_popover_get_child (GTK_POPOVER (child));

  g_assert_true (GTK_IS_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Reliability Engineers");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (opm_team_get_name (OPM_TEAM (team)), ==, "Reliability Engineers");
  g_assert_cmpstr (opm_document_get_undo_label (f->document), ==, "Change Name");

  /* a refused name keeps the field open and changes nothing */
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.rename", NULL);
  entry = NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->canvas)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      entry = gtk_popover_get_child (GTK_POPOVER (child));
  g_assert_true (GTK_IS_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Bell\a");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (opm_team_get_name (OPM_TEAM (team)), ==, "Reliability Engineers");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tolerate_gtk_races ();
  adw_init ();

  g_test_add ("/canvas/add-and-connect", Fixture, NULL, fixture_set_up, test_add_and_connect, fixture_tear_down);
  g_test_add ("/canvas/move-resize-and-keys", Fixture, NULL, fixture_set_up, test_move_resize_and_keys,
              fixture_tear_down);
  g_test_add ("/canvas/rename", Fixture, NULL, fixture_set_up, test_rename, fixture_tear_down);

  return g_test_run ();
}
