/* test-workflow.c — a whole editing session through the real widgets, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window on a copy of an example: a team dropped from the palette onto
 * the canvas's drop target and a service added from the palette with the
 * keyboard, a responsibility drawn between them with the canvas gesture,
 * attributes edited in the inspector, every step undone back to the
 * original bytes (in memory and on disk), redone, copied and pasted twice,
 * saved and reopened in a new window. The model is only read, never edited
 * behind the widgets' back.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "opm-application.h"
#include "opm-canvas.h"
#include "opm-inspector.h"
#include "opm-palette.h"
#include "opm-window.h"
#include "opm-test-util.h"


#define TEAM_PAYLOAD    "opmodel-palette:team:sre"
#define SERVICE_PAYLOAD "opmodel-palette:service:digital"
#define TEAM_NAME       "Checkout Reliability"
#define TEAM_SIZE       12

/* drop a team, add a service, connect them, name, size, availability */
#define N_STEPS 6

static OpmApplication *app;
static char *data_home;

/* Main loop helpers */

/* Files */

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
assert_same_bytes (GBytes     *actual,
                   GBytes     *expected,
                   const char *what)
{
  gsize n_actual, n_expected;
  const char *a = g_bytes_get_data (actual, &n_actual);
  const char *e = g_bytes_get_data (expected, &n_expected);

  if (n_actual == n_expected && memcmp (a, e, n_actual) == 0)
    return;

  /* say where they part */
  {
    gsize i = 0;
    g_autofree char *got = NULL;
    g_autofree char *want = NULL;

    while (i < n_actual && i < n_expected && a[i] == e[i])
      i++;
    got = g_strndup (a + (i > 40 ? i - 40 : 0), MIN (n_actual - (i > 40 ? i - 40 : 0), 120));
    want = g_strndup (e + (i > 40 ? i - 40 : 0), MIN (n_expected - (i > 40 ? i - 40 : 0), 120));
    g_error ("%s: %" G_GSIZE_FORMAT " bytes, expected %" G_GSIZE_FORMAT "; they differ at byte %" G_GSIZE_FORMAT
             ":\n--- got:\n%s\n--- expected:\n%s", what, n_actual, n_expected, i, got, want);
  }
}

static GBytes *
serialize (OpmDocument *document)
{
  return opm_document_serialize (document);
}

/* A copy of an example in a new temporary folder. */
static char *
copy_example (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-workflow-XXXXXX", &error);
  g_autofree char *source = NULL;
  g_autoptr(GBytes) contents = NULL;
  char *path;

  g_assert_no_error (error);
  g_assert_nonnull (g_getenv ("OPM_EXAMPLES_DIR"));
  source = g_build_filename (g_getenv ("OPM_EXAMPLES_DIR"), name, NULL);
  contents = read_bytes (source);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), &error);
  g_assert_no_error (error);

  return path;
}

/* The widget tree */

static gpointer
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gpointer found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type) && found == NULL)
        found = controller;   /* the widget keeps it */
    }

  g_assert_nonnull (found);
  return found;
}

/* Windows */

static gboolean
window_shows (OpmWindow  *window,
              const char *path)
{
  GFile *file = opm_window_get_file (window);

  return file != NULL && g_strcmp0 (g_file_peek_path (file), path) == 0 &&
         opm_window_get_document (window) != NULL && opm_window_get_canvas (window) != NULL;
}

static OpmWindow *
open_window (const char *path)
{
  OpmWindow *window = opm_window_new (app);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_present (GTK_WINDOW (window));
  opm_window_open_file (window, file);
  wait_until (window_shows (window, path));
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (opm_window_get_canvas (window))) &&
              gtk_widget_get_width (GTK_WIDGET (opm_window_get_canvas (window))) > 1);
  drain ();
  return window;
}

static void
activate (OpmWindow  *window,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  drain ();
}

/* The palette */

static char *
row_payload (GtkWidget *row)
{
  GtkDragSource *source = find_controller (row, GTK_TYPE_DRAG_SOURCE);
  GdkContentProvider *content = gtk_drag_source_get_content (source);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (content);
  g_assert_cmpint (gtk_drag_source_get_actions (source) & GDK_ACTION_COPY, !=, 0);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  return g_value_dup_string (&value);
}

/* The palette row whose drag carries @payload. */
static GtkWidget *
palette_row (OpmWindow  *window,
             const char *payload)
{
  GtkWidget *palette = find_first (GTK_WIDGET (window), OPM_TYPE_PALETTE);
  g_autoptr(GPtrArray) rows = find_all (palette, GTK_TYPE_LIST_BOX_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *p = row_payload (g_ptr_array_index (rows, i));

      if (g_str_equal (p, payload))
        return g_ptr_array_index (rows, i);
    }

  g_error ("no palette row carries “%s”", payload);
  return NULL;
}

/* The canvas */

static void
to_widget (OpmCanvas *canvas,
           double     x,
           double     y,
           double    *wx,
           double    *wy)
{
  double x0, y0, x1, y1;

  opm_canvas_widget_to_document (canvas, 0, 0, &x0, &y0);
  opm_canvas_widget_to_document (canvas, 100, 100, &x1, &y1);
  *wx = (x - x0) * 100 / (x1 - x0);
  *wy = (y - y0) * 100 / (y1 - y0);
}

static void
node_rect (OpmElement *node,
           OpmRect    *r)
{
  r->x = opm_node_get_x (OPM_NODE (node));
  r->y = opm_node_get_y (OPM_NODE (node));
  r->width = opm_node_get_width (OPM_NODE (node));
  r->height = opm_node_get_height (OPM_NODE (node));
}

static gboolean
rects_meet (const OpmRect *a,
            const OpmRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* A point in widget coordinates where a team dropped lands on empty canvas,
 * clear of the centre of the view (where the keyboard adds). */
static gboolean
find_empty_spot (OpmCanvas *canvas,
                 double    *wx,
                 double    *wy)
{
  OpmPainter *painter = opm_canvas_get_painter (canvas);
  int width = gtk_widget_get_width (GTK_WIDGET (canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (canvas));
  double cx, cy;
  OpmRect visible, centre;

  opm_canvas_get_visible_area (canvas, &visible);
  opm_canvas_get_view_centre (canvas, &cx, &cy);
  centre = (OpmRect) { cx - 200, cy - 150, 400, 300 };

  for (int py = 20; py < height - 20; py += 10)
    for (int px = 20; px < width - 20; px += 10)
      {
        double x, y;
        OpmRect spot;
        g_autoptr(GPtrArray) hits = NULL;

        opm_canvas_widget_to_document (canvas, px, py, &x, &y);
        spot = (OpmRect) { x - 150, y - 100, 300, 200 };
        if (spot.x < visible.x || spot.y < visible.y ||
            spot.x + spot.width > visible.x + visible.width ||
            spot.y + spot.height > visible.y + visible.height ||
            rects_meet (&spot, &centre))
          continue;
        hits = opm_painter_query (painter, &spot);
        if (hits->len == 0)
          {
            *wx = px;
            *wy = py;
            return TRUE;
          }
      }

  return FALSE;
}

/* The primary-button gesture from document point (x0, y0) to (x1, y1). */
static void
drag (OpmCanvas *canvas,
      double     x0,
      double     y0,
      double     x1,
      double     y1)
{
  GtkGesture *gesture = edit_gesture (canvas);
  double wx0, wy0, wx1, wy1;

  to_widget (canvas, x0, y0, &wx0, &wy0);
  to_widget (canvas, x1, y1, &wx1, &wy1);
  g_signal_emit_by_name (gesture, "drag-begin", wx0, wy0);
  for (guint i = 1; i <= 5; i++)
    g_signal_emit_by_name (gesture, "drag-update", (wx1 - wx0) * i / 5, (wy1 - wy0) * i / 5);
  g_signal_emit_by_name (gesture, "drag-end", wx1 - wx0, wy1 - wy0);
  drain ();
}

/* A click (a drag that goes nowhere) at document point (x, y). */
static void
click (OpmCanvas *canvas,
       double     x,
       double     y)
{
  drag (canvas, x, y, x, y);
}

/* A point of @node where the canvas finds @node itself. */
static void
point_on (OpmCanvas  *canvas,
          OpmElement *node,
          double     *x,
          double     *y)
{
  OpmPainter *painter = opm_canvas_get_painter (canvas);
  OpmRect r;

  node_rect (node, &r);
  for (double fy = 0.5; fy > 0.05; fy -= 0.1)
    for (double fx = 0.5; fx > 0.05; fx -= 0.1)
      for (int s = 0; s < 4; s++)
        {
          double px = r.x + r.width * ((s & 1) ? 1 - fx : fx);
          double py = r.y + r.height * ((s & 2) ? 1 - fy : fy);

          if (opm_painter_hit_test (painter, px, py, 0) == node)
            {
              *x = px;
              *y = py;
              return;
            }
        }

  g_error ("%s is hidden on the canvas", opm_element_get_id (node));
}

/* Clicks the button labelled @label in the canvas's open popover. */
static gboolean
choose (OpmCanvas  *canvas,
        const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (canvas)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(GPtrArray) buttons = NULL;

      if (!GTK_IS_POPOVER (child) || !gtk_widget_get_visible (child))
        continue;

      buttons = find_all (child, GTK_TYPE_BUTTON);
      for (guint i = 0; i < buttons->len; i++)
        if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
          {
            g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
            drain ();
            return TRUE;
          }
    }

  return FALSE;
}

static gboolean
selection_is (OpmCanvas  *canvas,
              OpmElement *element)
{
  GPtrArray *selection = opm_canvas_get_selection (canvas);

  return selection->len == 1 && g_ptr_array_index (selection, 0) == element;
}

/* The inspector */

static GtkWidget *
inspector_row (OpmWindow  *window,
               const char *name)
{
  GtkWidget *inspector = find_first (GTK_WIDGET (window), OPM_TYPE_INSPECTOR);
  GtkWidget *stack = find_first (inspector, GTK_TYPE_STACK);
  GtkWidget *found = find_named (gtk_stack_get_visible_child (GTK_STACK (stack)), name);

  if (found == NULL)
    g_error ("the inspector shows no row “%s”", name);
  return found;
}

/* Presses Enter in the text field of @widget. */
static void
press_enter (GtkWidget *widget)
{
  GtkWidget *text = find_first (widget, GTK_TYPE_TEXT);

  g_signal_emit_by_name (text, "activate");
  drain ();
}

static guint
enum_position (GType type,
               int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  for (guint i = 0; i < klass->n_values; i++)
    if (klass->values[i].value == value)
      return i;

  g_assert_not_reached ();
  return 0;
}

/* Opens the combo row's list and clicks the item at @position: a click on
 * a list item selects it in the list's selection, then activates the list. */
static void
pick_in_combo (GtkWidget *row,
               guint      position)
{
  GtkWidget *popover = find_first (row, GTK_TYPE_POPOVER);
  GtkWidget *list = find_first (popover, GTK_TYPE_LIST_VIEW);
  GtkSelectionModel *items = gtk_list_view_get_model (GTK_LIST_VIEW (list));

  g_assert_true (gtk_widget_activate (row));
  wait_until (gtk_widget_get_mapped (popover));
  drain ();   /* let the popover settle before it closes again */
  g_assert_cmpuint (position, <, g_list_model_get_n_items (G_LIST_MODEL (items)));
  g_assert_true (gtk_selection_model_select_item (items, position, TRUE));
  g_signal_emit_by_name (list, "activate", position);
  wait_until (!gtk_widget_get_visible (popover));
  drain ();
}

/* The model, read only */

static OpmElement *
lookup (OpmDocument *document,
        const char  *id)
{
  return opm_scenario_lookup (opm_document_get_scenario (document, 0), id);
}

static OpmResponsibility *
find_responsibility (OpmScenario *scenario,
                     OpmElement  *team,
                     OpmElement  *service)
{
  GListModel *list = opm_scenario_get_responsibilities (scenario);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OpmResponsibility) r = g_list_model_get_item (list, i);

      if (OPM_ELEMENT (opm_responsibility_get_team (r)) == team &&
          OPM_ELEMENT (opm_responsibility_get_service (r)) == service)
        return r;   /* the scenario keeps it */
    }

  return NULL;
}

/* The session */

static void
test_workflow (void)
{
  g_autofree char *path = copy_example ("ecommerce.opmodel");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GBytes) original = read_bytes (path);
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *team_id = NULL;
  g_autofree char *service_id = NULL;
  g_autofree char *resp_id = NULL;
  g_autofree char *team_kind_name = NULL;
  OpmWindow *window, *reopened;
  OpmDocument *document;
  OpmScenario *scenario;
  OpmCanvas *canvas;
  OpmElement *team, *service;
  OpmResponsibility *responsibility;
  OpmAvailability old_availability, new_availability;
  guint n_elements, steps;
  double wx, wy, x, y;

  window = open_window (path);
  document = opm_window_get_document (window);
  scenario = opm_document_get_scenario (document, 0);
  canvas = opm_window_get_canvas (window);
  g_assert_true (opm_canvas_get_scenario (canvas) == scenario);
  g_assert_false (opm_document_can_undo (document));
  n_elements = opm_scenario_get_n_elements (scenario);

  /* What the window loaded writes back as it was read. */
  now = serialize (document);
  assert_same_bytes (now, original, "the example as loaded");
  g_clear_pointer (&now, g_bytes_unref);

  /* 1. Drop a team from the palette onto empty canvas. */
  g_test_message ("1. drop a team, add a service from the keyboard");
  {
    GtkWidget *row = palette_row (window, TEAM_PAYLOAD);
    g_autofree char *payload = row_payload (row);
    GtkDropTarget *target = find_controller (GTK_WIDGET (canvas), GTK_TYPE_DROP_TARGET);
    g_auto(GValue) value = G_VALUE_INIT;
    GType type = G_TYPE_INVALID;
    int kind = -1;
    gboolean done = FALSE;
    OpmRect r;

    g_assert_true (opm_palette_parse_payload (payload, &type, &kind));
    g_assert_true (type == OPM_TYPE_TEAM);
    g_assert_true (gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (target), G_TYPE_STRING));
    g_assert_cmpint (gtk_drop_target_get_actions (target) & GDK_ACTION_COPY, !=, 0);

    for (guint tries = 0; !find_empty_spot (canvas, &wx, &wy); tries++)
      {
        g_assert_cmpuint (tries, <, 8);
        activate (window, "win.zoom-out");
      }

    opm_canvas_widget_to_document (canvas, wx, wy, &x, &y);
    g_value_init (&value, G_TYPE_STRING);
    g_value_set_string (&value, payload);
    g_signal_emit_by_name (target, "drop", &value, wx, wy, &done);
    drain ();
    g_assert_true (done);

    g_assert_cmpuint (opm_scenario_get_n_elements (scenario), ==, n_elements + 1);
    g_assert_cmpuint (opm_canvas_get_selection (canvas)->len, ==, 1);
    team = g_ptr_array_index (opm_canvas_get_selection (canvas), 0);
    g_assert_true (OPM_IS_TEAM (team));
    g_assert_cmpint (opm_team_get_kind (OPM_TEAM (team)), ==, kind);
    g_assert_true (opm_element_get_scenario (team) == scenario);
    team_id = g_strdup (opm_element_get_id (team));
    team_kind_name = g_strdup (opm_team_get_name (OPM_TEAM (team)));

    /* centred on the document point under the drop (grid-snapped) */
    node_rect (team, &r);
    g_assert_cmpfloat (fabs (r.x + r.width / 2 - x), <=, 10);
    g_assert_cmpfloat (fabs (r.y + r.height / 2 - y), <=, 10);

    /* and shown where it was dropped: the view did not move under it */
    {
      double tx, ty, slack = 10 * opm_canvas_get_zoom (canvas) + 1;

      wait_until (gtk_widget_get_width (GTK_WIDGET (canvas)) > 1);
      to_widget (canvas, r.x + r.width / 2, r.y + r.height / 2, &tx, &ty);
      g_assert_cmpfloat (fabs (tx - wx), <=, slack);
      g_assert_cmpfloat (fabs (ty - wy), <=, slack);
    }
  }

  /* ... and a service from the keyboard: Enter on its palette row. */
  {
    GtkWidget *row = palette_row (window, SERVICE_PAYLOAD);
    GtkWidget *list_box = gtk_widget_get_parent (row);
    double cx, cy;
    OpmRect r;

    g_assert_true (GTK_IS_LIST_BOX (list_box));
    g_assert_true (gtk_widget_grab_focus (row));
    wait_until (gtk_widget_has_focus (row));
    opm_canvas_get_view_centre (canvas, &cx, &cy);
    g_signal_emit_by_name (list_box, "activate-cursor-row");
    drain ();

    g_assert_cmpuint (opm_scenario_get_n_elements (scenario), ==, n_elements + 2);
    g_assert_cmpuint (opm_canvas_get_selection (canvas)->len, ==, 1);
    service = g_ptr_array_index (opm_canvas_get_selection (canvas), 0);
    g_assert_true (OPM_IS_SERVICE (service));
    g_assert_cmpint (opm_service_get_kind (OPM_SERVICE (service)), ==, OPM_SERVICE_KIND_DIGITAL);
    g_assert_false (opm_canvas_is_selected (canvas, team));
    service_id = g_strdup (opm_element_get_id (service));
    g_assert_cmpstr (service_id, !=, team_id);

    /* at the centre of the view, and the canvas has the focus to go on */
    node_rect (service, &r);
    g_assert_cmpfloat (fabs (r.x + r.width / 2 - cx), <=, 10);
    g_assert_cmpfloat (fabs (r.y + r.height / 2 - cy), <=, 10);
    wait_until (gtk_widget_has_focus (GTK_WIDGET (canvas)));
  }
  g_assert_cmpuint (opm_document_get_history_length (document), ==, 2);

  /* 2. Connect them: from the team's handle to the service, then the activity. */
  g_test_message ("2. connect them with a responsibility");
  {
    OpmRect r;
    double sx, sy;

    point_on (canvas, team, &x, &y);
    click (canvas, x, y);
    g_assert_true (selection_is (canvas, team));

    node_rect (team, &r);
    point_on (canvas, service, &sx, &sy);
    drag (canvas, r.x + r.width / 2, r.y + r.height, sx, sy);
    g_assert_null (find_responsibility (scenario, team, service));
    g_assert_true (choose (canvas, "Operate (L1)"));

    responsibility = find_responsibility (scenario, team, service);
    g_assert_nonnull (responsibility);
    g_assert_cmpint (opm_responsibility_get_activity (responsibility), ==, OPM_ACTIVITY_OPERATE_L1);
    resp_id = g_strdup (opm_element_get_id (OPM_ELEMENT (responsibility)));
    g_assert_cmpuint (opm_scenario_get_n_elements (scenario), ==, n_elements + 3);
  }
  g_assert_cmpuint (opm_document_get_history_length (document), ==, 3);

  /* 3. The inspector: the team's name and size, the service's availability target. */
  g_test_message ("3. edit in the inspector");
  {
    GtkWidget *name_row, *spin, *combo;

    point_on (canvas, team, &x, &y);
    click (canvas, x, y);
    g_assert_true (selection_is (canvas, team));

    name_row = inspector_row (window, "name");
    g_assert_true (ADW_IS_ENTRY_ROW (name_row));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, team_kind_name);
    gtk_editable_set_text (GTK_EDITABLE (name_row), TEAM_NAME);
    press_enter (name_row);
    g_assert_cmpstr (opm_team_get_name (OPM_TEAM (team)), ==, TEAM_NAME);
    g_assert_cmpuint (opm_document_get_history_length (document), ==, 4);

    spin = find_first (inspector_row (window, "size"), GTK_TYPE_SPIN_BUTTON);
    g_assert_cmpint (opm_team_get_size (OPM_TEAM (team)), !=, TEAM_SIZE);
    gtk_editable_set_text (GTK_EDITABLE (spin), G_STRINGIFY (TEAM_SIZE));
    press_enter (spin);
    g_assert_cmpint (opm_team_get_size (OPM_TEAM (team)), ==, TEAM_SIZE);
    g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, TEAM_SIZE);
    g_assert_cmpuint (opm_document_get_history_length (document), ==, 5);

    point_on (canvas, service, &x, &y);
    click (canvas, x, y);
    g_assert_true (selection_is (canvas, service));

    combo = inspector_row (window, "availability-target");
    g_assert_true (ADW_IS_COMBO_ROW (combo));
    old_availability = opm_service_get_availability_target (OPM_SERVICE (service));
    new_availability = old_availability == OPM_AVAILABILITY_99_99 ? OPM_AVAILABILITY_95_0 : OPM_AVAILABILITY_99_99;
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==,
                      enum_position (OPM_TYPE_AVAILABILITY, old_availability));
    pick_in_combo (combo, enum_position (OPM_TYPE_AVAILABILITY, new_availability));
    g_assert_cmpint (opm_service_get_availability_target (OPM_SERVICE (service)), ==, new_availability);
    g_assert_cmpuint (opm_document_get_history_length (document), ==, N_STEPS);

    /* and the rest of the model is as it was */
    g_assert_cmpstr (opm_team_get_name (OPM_TEAM (team)), ==, TEAM_NAME);
    g_assert_cmpint (opm_team_get_size (OPM_TEAM (team)), ==, TEAM_SIZE);
    g_assert_cmpuint (opm_scenario_get_n_elements (scenario), ==, n_elements + 3);
    g_assert_true (opm_window_get_modified (window));
  }

  /* 4. Undo every step: the original bytes, in memory and on disk. */
  g_test_message ("4. undo everything, save");
  steps = 0;
  while (opm_document_can_undo (document))
    {
      activate (window, "win.undo");
      g_assert_cmpuint (++steps, <=, N_STEPS);
    }
  g_assert_cmpuint (steps, ==, N_STEPS);
  g_assert_true (opm_document_can_redo (document));
  g_assert_null (lookup (document, team_id));
  g_assert_null (lookup (document, service_id));
  g_assert_null (lookup (document, resp_id));
  g_assert_cmpuint (opm_scenario_get_n_elements (scenario), ==, n_elements);
  g_assert_cmpuint (opm_canvas_get_selection (canvas)->len, ==, 0);
  g_assert_false (opm_window_get_modified (window));
  now = serialize (document);
  assert_same_bytes (now, original, "the document after undoing everything");
  g_clear_pointer (&now, g_bytes_unref);

  activate (window, "win.save");
  g_assert_false (opm_window_get_modified (window));
  saved = read_bytes (path);
  assert_same_bytes (saved, original, "the file saved after undoing everything");
  g_clear_pointer (&saved, g_bytes_unref);

  /* 5. Redo every step: the edits are back. */
  g_test_message ("5. redo everything");
  steps = 0;
  while (opm_document_can_redo (document))
    {
      activate (window, "win.redo");
      g_assert_cmpuint (++steps, <=, N_STEPS);
    }
  g_assert_cmpuint (steps, ==, N_STEPS);
  g_assert_true (opm_window_get_modified (window));
  team = lookup (document, team_id);
  service = lookup (document, service_id);
  g_assert_true (OPM_IS_TEAM (team));
  g_assert_true (OPM_IS_SERVICE (service));
  g_assert_cmpstr (opm_team_get_name (OPM_TEAM (team)), ==, TEAM_NAME);
  g_assert_cmpint (opm_team_get_size (OPM_TEAM (team)), ==, TEAM_SIZE);
  g_assert_cmpint (opm_service_get_availability_target (OPM_SERVICE (service)), ==, new_availability);
  responsibility = find_responsibility (scenario, team, service);
  g_assert_nonnull (responsibility);
  g_assert_cmpstr (opm_element_get_id (OPM_ELEMENT (responsibility)), ==, resp_id);
  g_assert_cmpint (opm_responsibility_get_activity (responsibility), ==, OPM_ACTIVITY_OPERATE_L1);
  g_assert_cmpuint (opm_scenario_get_n_elements (scenario), ==, n_elements + 3);

  /* 6. Copy the team and the service (the responsibility between them
   * comes along), paste twice. */
  g_test_message ("6. copy and paste");
  {
    g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
    g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    OpmRect team_rect, service_rect;
    double offsets[2];

    g_ptr_array_add (chosen, team);
    g_ptr_array_add (chosen, service);
    opm_canvas_set_selection (canvas, chosen);
    drain ();
    node_rect (team, &team_rect);
    node_rect (service, &service_rect);
    activate (window, "win.copy");

    {
      GListModel *lists[] = { opm_scenario_get_teams (scenario), opm_scenario_get_services (scenario),
                              opm_scenario_get_responsibilities (scenario) };

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
          {
            g_autoptr(OpmElement) e = g_list_model_get_item (lists[l], i);

            g_hash_table_add (ids, g_strdup (opm_element_get_id (e)));
          }
    }

    for (guint round = 0; round < 2; round++)
      {
        GPtrArray *selection;
        OpmElement *team_copy = NULL, *service_copy = NULL;
        OpmResponsibility *resp_copy;
        OpmRect r;

        activate (window, "win.paste");
        wait_until (opm_scenario_get_n_elements (scenario) == n_elements + 3 * (round + 2));
        drain ();

        selection = opm_canvas_get_selection (canvas);
        g_assert_cmpuint (selection->len, ==, 3);
        g_assert_false (opm_canvas_is_selected (canvas, team));
        g_assert_false (opm_canvas_is_selected (canvas, service));
        for (guint i = 0; i < selection->len; i++)
          {
            OpmElement *e = g_ptr_array_index (selection, i);
            const char *id = opm_element_get_id (e);

            g_assert_true (opm_element_get_scenario (e) == scenario);
            g_assert_true (lookup (document, id) == e);
            /* a fresh id, used by nothing before */
            g_assert_false (g_hash_table_contains (ids, id));
            if (OPM_IS_TEAM (e))
              team_copy = e;
            else if (OPM_IS_SERVICE (e))
              service_copy = e;
          }
        for (guint i = 0; i < selection->len; i++)
          g_hash_table_add (ids, g_strdup (opm_element_get_id (g_ptr_array_index (selection, i))));

        g_assert_nonnull (team_copy);
        g_assert_nonnull (service_copy);
        g_assert_cmpstr (opm_team_get_name (OPM_TEAM (team_copy)), ==, TEAM_NAME);
        g_assert_cmpint (opm_team_get_size (OPM_TEAM (team_copy)), ==, TEAM_SIZE);
        g_assert_cmpint (opm_team_get_kind (OPM_TEAM (team_copy)), ==, opm_team_get_kind (OPM_TEAM (team)));
        g_assert_cmpint (opm_service_get_availability_target (OPM_SERVICE (service_copy)), ==, new_availability);
        resp_copy = find_responsibility (scenario, team_copy, service_copy);
        g_assert_nonnull (resp_copy);
        g_assert_true (opm_canvas_is_selected (canvas, OPM_ELEMENT (resp_copy)));
        g_assert_cmpint (opm_responsibility_get_activity (resp_copy), ==, OPM_ACTIVITY_OPERATE_L1);

        /* beside the originals, by the same offset for both, further each time */
        node_rect (team_copy, &r);
        offsets[round] = r.x - team_rect.x;
        g_assert_cmpfloat (offsets[round], >, 0);
        g_assert_cmpfloat (r.y - team_rect.y, ==, offsets[round]);
        g_assert_cmpfloat (r.width, ==, team_rect.width);
        node_rect (service_copy, &r);
        g_assert_cmpfloat (r.x - service_rect.x, ==, offsets[round]);
        g_assert_cmpfloat (r.y - service_rect.y, ==, offsets[round]);
        if (round > 0)
          g_assert_cmpfloat (offsets[round], >, offsets[round - 1]);
      }

    /* the originals are untouched */
    g_assert_cmpstr (opm_team_get_name (OPM_TEAM (team)), ==, TEAM_NAME);
    g_assert_cmpuint (opm_document_get_history_length (document), ==, N_STEPS + 2);
  }

  /* 7. Save and reopen in a new window. */
  g_test_message ("7. save and reopen");
  activate (window, "win.save");
  g_assert_false (opm_window_get_modified (window));
  g_assert_null (opm_window_get_last_error (window));
  saved = read_bytes (path);
  now = serialize (document);
  assert_same_bytes (saved, now, "the file saved after the edits");
  g_clear_pointer (&now, g_bytes_unref);

  reopened = open_window (path);
  g_assert_true (reopened != window);
  g_assert_true (opm_window_get_document (reopened) != document);
  now = serialize (opm_window_get_document (reopened));
  assert_same_bytes (now, saved, "the reopened document");
  g_clear_pointer (&now, g_bytes_unref);
  {
    OpmDocument *again = opm_window_get_document (reopened);
    OpmElement *t = lookup (again, team_id);
    OpmElement *s = lookup (again, service_id);
    OpmResponsibility *r;

    g_assert_true (OPM_IS_TEAM (t));
    g_assert_true (OPM_IS_SERVICE (s));
    g_assert_cmpstr (opm_team_get_name (OPM_TEAM (t)), ==, TEAM_NAME);
    g_assert_cmpint (opm_team_get_size (OPM_TEAM (t)), ==, TEAM_SIZE);
    g_assert_cmpint (opm_service_get_availability_target (OPM_SERVICE (s)), ==, new_availability);
    r = find_responsibility (opm_document_get_scenario (again, 0), t, s);
    g_assert_nonnull (r);
    g_assert_cmpint (opm_responsibility_get_activity (r), ==, OPM_ACTIVITY_OPERATE_L1);
    g_assert_cmpuint (opm_scenario_get_n_elements (opm_document_get_scenario (again, 0)), ==, n_elements + 9);
    g_assert_false (opm_document_can_undo (again));
    g_assert_false (opm_window_get_modified (reopened));
  }

  gtk_window_destroy (GTK_WINDOW (reopened));
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_clear_pointer (&saved, g_bytes_unref);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* drafts and recent files in a folder of our own, before GLib reads it */
  data_home = g_dir_make_tmp ("test-workflow-data-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  app = test_application_new (&argc, &argv);

  g_test_add_func ("/workflow/palette-connect-inspect-undo-redo-paste-save-reopen", test_workflow);

  ret = g_test_run ();

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_object_unref (app);
  remove_tree (data_home);
  g_free (data_home);

  return ret;
}
