/* test-widgets.c — the canvas, the outline and the window, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "opm-application.h"
#include "opm-canvas.h"
#include "opm-findings.h"
#include "opm-outline.h"
#include "opm-print.h"
#include "opm-raci-view.h"
#include "opm-window.h"

#define WAIT_TIMEOUT_S 20
#include "opm-test-util.h"

static OpmApplication *app;

/* Main loop helpers */

/* Runs what is ready now, without waiting for more. */

static void
on_after_paint (GdkFrameClock *clock,
                guint         *painted)
{
  (*painted)++;
}

/* Waits until @widget has been drawn in a frame after now. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  guint painted = 0;
  gulong id;

  wait_until (gtk_widget_get_mapped (widget) && gtk_widget_get_frame_clock (widget) != NULL);
  clock = gtk_widget_get_frame_clock (widget);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (widget);
  wait_until (painted > 0);
  g_signal_handler_disconnect (clock, id);
}

/* Helpers on the model and the widget tree */

static char *
example_path (const char *name)
{
  const char *dir = g_getenv ("OPM_EXAMPLES_DIR");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static OpmDocument *
load_example (const char *name)
{
  g_autofree char *path = example_path (name);
  g_autoptr(GError) error = NULL;
  OpmDocument *document = opm_document_load (path, &error);

  g_assert_no_error (error);
  g_assert_true (OPM_IS_DOCUMENT (document));
  return document;
}

static gpointer
find_one (GtkWidget *widget,
          GType      type)
{
  g_autoptr(GPtrArray) found = find_all (widget, type);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

static gboolean
rect_contains (const OpmRect *outer,
               const OpmRect *inner)
{
  const double e = 1e-6;

  return inner->x >= outer->x - e && inner->y >= outer->y - e &&
         inner->x + inner->width <= outer->x + outer->width + e &&
         inner->y + inner->height <= outer->y + outer->height + e;
}

static gboolean
rect_intersects (const OpmRect *a,
                 const OpmRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static OpmElement *
nth_team (OpmScenario *scenario,
          guint        i)
{
  g_autoptr(GObject) team = g_list_model_get_item (opm_scenario_get_teams (scenario), i);

  return OPM_ELEMENT (team);   /* the scenario holds it */
}

/* Weak pointers on a document and all its scenarios. */
typedef struct
{
  gpointer   document;
  GPtrArray *scenarios;
} DocumentWatch;

static DocumentWatch *
watch_document (OpmDocument *document)
{
  DocumentWatch *watch = g_new0 (DocumentWatch, 1);
  GListModel *scenarios = opm_document_get_scenarios (document);

  watch->document = document;
  g_object_add_weak_pointer (G_OBJECT (document), &watch->document);
  watch->scenarios = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      gpointer *slot = g_new (gpointer, 1);

      *slot = opm_document_get_scenario (document, i);
      g_object_add_weak_pointer (G_OBJECT (*slot), slot);
      g_ptr_array_add (watch->scenarios, slot);
    }

  return watch;
}

static gboolean
watch_all_gone (DocumentWatch *watch)
{
  if (watch->document != NULL)
    return FALSE;
  for (guint i = 0; i < watch->scenarios->len; i++)
    if (*(gpointer *) g_ptr_array_index (watch->scenarios, i) != NULL)
      return FALSE;
  return TRUE;
}

static void
watch_free (DocumentWatch *watch)
{
  g_assert_true (watch_all_gone (watch));
  g_ptr_array_free (watch->scenarios, TRUE);
  g_free (watch);
}

/* Windows */

static OpmWindow *
new_mapped_window (void)
{
  OpmWindow *window = opm_window_new (app);

  g_assert_true (OPM_IS_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

static gboolean
window_shows (OpmWindow *window,
              GFile     *file)
{
  GFile *shown = opm_window_get_file (window);

  return shown != NULL && g_file_equal (shown, file);
}

static OpmWindow *
open_example (const char *name)
{
  g_autofree char *path = example_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  OpmWindow *window = new_mapped_window ();

  opm_window_open_file (window, file);
  wait_until (window_shows (window, file));
  g_assert_cmpuint (g_list_model_get_n_items (opm_document_get_scenarios (opm_window_get_document (window))), >, 0);
  g_assert_nonnull (opm_window_get_canvas (window));
  wait_for_frame (GTK_WIDGET (opm_window_get_canvas (window)));

  return window;
}

/* Destroys @window and checks that it, its canvases, its document and the
 * document's scenarios are all finalized. */
static void
destroy_window (OpmWindow *window)
{
  g_autoptr(GPtrArray) canvases = find_all (GTK_WIDGET (window), OPM_TYPE_CANVAS);
  g_autofree gpointer *canvas_slots = g_new0 (gpointer, canvases->len + 1);
  DocumentWatch *watch = watch_document (opm_window_get_document (window));
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  for (guint i = 0; i < canvases->len; i++)
    {
      canvas_slots[i] = g_ptr_array_index (canvases, i);
      g_object_add_weak_pointer (G_OBJECT (canvas_slots[i]), &canvas_slots[i]);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (weak == NULL);
  for (guint i = 0; i < canvases->len; i++)
    wait_until (canvas_slots[i] == NULL);
  wait_until (watch_all_gone (watch));
  watch_free (watch);
}

/* Pictures */

static cairo_surface_t *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_cmpint (width, >, 1);
  g_assert_cmpint (height, >, 1);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + y * stride + x * 4);
}

/* Pixels that differ from the top-left one (the background). */
static guint
count_foreground (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint32 background = pixel_at (surface, 0, 0);
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (pixel_at (surface, x, y) != background)
        n++;

  return n;
}

static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  guint n = 0;

  g_assert_cmpint (width, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (height, ==, cairo_image_surface_get_height (b));

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (pixel_at (a, x, y) != pixel_at (b, x, y))
        n++;

  return n;
}

/* 1. Create and destroy */

static void
test_canvas_create_destroy (void)
{
  OpmDocument *document = load_example ("telco.opmodel");
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  DocumentWatch *watch = watch_document (document);
  GtkWidget *canvas;
  gpointer painter;

  /* on its own */
  canvas = g_object_ref_sink (opm_canvas_new (scenario));
  g_assert_true (OPM_IS_CANVAS (canvas));
  painter = opm_canvas_get_painter (OPM_CANVAS (canvas));
  g_assert_true (OPM_IS_PAINTER (painter));
  g_object_add_weak_pointer (G_OBJECT (painter), &painter);
  g_assert_finalize_object (canvas);
  g_assert_null (painter);

  /* shown and drawn in a scrolled window, then destroyed with its window */
  {
    GtkWidget *window = gtk_window_new ();
    GtkWidget *scrolled = gtk_scrolled_window_new ();
    gpointer weak_window = window;

    canvas = opm_canvas_new (scenario);
    painter = opm_canvas_get_painter (OPM_CANVAS (canvas));
    g_object_add_weak_pointer (G_OBJECT (painter), &painter);
    g_object_ref (canvas);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), canvas);
    gtk_window_set_child (GTK_WINDOW (window), scrolled);
    gtk_window_set_default_size (GTK_WINDOW (window), 400, 300);
    g_object_add_weak_pointer (G_OBJECT (window), &weak_window);
    gtk_window_present (GTK_WINDOW (window));
    wait_for_frame (canvas);
    g_assert_cmpuint (opm_canvas_get_n_cached_tiles (OPM_CANVAS (canvas)), >, 0);

    gtk_window_destroy (GTK_WINDOW (window));
    wait_until (weak_window == NULL);
    g_assert_finalize_object (canvas);
    g_assert_null (painter);
  }

  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_outline_create_destroy (void)
{
  OpmDocument *document = load_example ("ecommerce.opmodel");
  DocumentWatch *watch = watch_document (document);
  GtkWidget *outline;

  outline = g_object_ref_sink (opm_outline_new ());
  g_assert_true (OPM_IS_OUTLINE (outline));
  g_assert_null (opm_outline_get_scenario (OPM_OUTLINE (outline)));
  g_assert_cmpuint (g_list_model_get_n_items (opm_outline_get_model (OPM_OUTLINE (outline))), ==, 0);
  g_assert_finalize_object (outline);

  outline = g_object_ref_sink (opm_outline_new ());
  opm_outline_set_scenario (OPM_OUTLINE (outline), opm_document_get_scenario (document, 1));
  g_assert_finalize_object (outline);

  /* shown in a window */
  {
    GtkWidget *window = gtk_window_new ();
    gpointer weak_window = window;

    outline = g_object_ref (opm_outline_new ());
    opm_outline_set_scenario (OPM_OUTLINE (outline), opm_document_get_scenario (document, 0));
    gtk_window_set_child (GTK_WINDOW (window), outline);
    g_object_add_weak_pointer (G_OBJECT (window), &weak_window);
    gtk_window_present (GTK_WINDOW (window));
    wait_for_frame (outline);
    gtk_window_destroy (GTK_WINDOW (window));
    wait_until (weak_window == NULL);
    g_assert_finalize_object (outline);
  }

  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_window_create_destroy (void)
{
  OpmWindow *window;
  DocumentWatch *initial;

  /* an untitled window */
  window = new_mapped_window ();
  g_assert_true (OPM_IS_DOCUMENT (opm_window_get_document (window)));
  g_assert_true (opm_window_is_pristine (window));
  g_assert_nonnull (opm_window_get_canvas (window));
  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (app));
  wait_for_frame (GTK_WIDGET (opm_window_get_canvas (window)));
  destroy_window (window);

  /* closed rather than destroyed */
  {
    gpointer weak;

    window = new_mapped_window ();
    initial = watch_document (opm_window_get_document (window));
    weak = window;
    g_object_add_weak_pointer (G_OBJECT (window), &weak);
    gtk_window_close (GTK_WINDOW (window));
    wait_until (weak == NULL);
    wait_until (watch_all_gone (initial));
    watch_free (initial);
  }

  /* a file replaces the untitled document, which then goes */
  window = new_mapped_window ();
  initial = watch_document (opm_window_get_document (window));
  {
    g_autofree char *path = example_path ("telco.opmodel");
    g_autoptr(GFile) file = g_file_new_for_path (path);

    opm_window_open_file (window, file);
    wait_until (window_shows (window, file));
  }
  wait_until (watch_all_gone (initial));
  watch_free (initial);
  wait_for_frame (GTK_WIDGET (opm_window_get_canvas (window)));
  destroy_window (window);

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

/* 2. Properties */

static void
test_canvas_properties (void)
{
  g_autoptr(OpmDocument) document = load_example ("telco.opmodel");
  OpmScenario *scenario = opm_document_get_scenario (document, 1);
  OpmCanvas *canvas = g_object_ref_sink (OPM_CANVAS (opm_canvas_new (scenario)));
  g_autoptr(OpmScenario) got_scenario = NULL;
  guint zoom_notes = 0, dark_notes = 0;
  double zoom = 0;
  gboolean dark = TRUE;

  g_signal_connect (canvas, "notify::zoom", G_CALLBACK (count_notify), &zoom_notes);
  g_signal_connect (canvas, "notify::dark", G_CALLBACK (count_notify), &dark_notes);

  /* scenario: construct-only, read back */
  g_object_get (canvas, "scenario", &got_scenario, NULL);
  g_assert_true (got_scenario == scenario);
  g_assert_true (opm_canvas_get_scenario (canvas) == scenario);
  g_assert_true (opm_painter_get_scenario (opm_canvas_get_painter (canvas)) == scenario);

  /* zoom */
  g_object_get (canvas, "zoom", &zoom, NULL);
  g_assert_cmpfloat (zoom, ==, 1.0);

  opm_canvas_set_zoom (canvas, 2.0);
  g_assert_cmpfloat (opm_canvas_get_zoom (canvas), ==, 2.0);
  g_assert_cmpuint (zoom_notes, ==, 1);
  opm_canvas_set_zoom (canvas, 2.0);
  g_assert_cmpuint (zoom_notes, ==, 1);

  g_object_set (canvas, "zoom", 0.5, NULL);
  g_object_get (canvas, "zoom", &zoom, NULL);
  g_assert_cmpfloat (zoom, ==, 0.5);
  g_assert_cmpuint (zoom_notes, ==, 2);
  g_object_set (canvas, "zoom", 0.5, NULL);
  g_assert_cmpuint (zoom_notes, ==, 2);

  opm_canvas_set_zoom (canvas, 1000.0);
  g_assert_cmpfloat (opm_canvas_get_zoom (canvas), ==, OPM_CANVAS_ZOOM_MAX);
  g_assert_cmpuint (zoom_notes, ==, 3);
  opm_canvas_set_zoom (canvas, 20.0);     /* clamps to the same value */
  g_assert_cmpuint (zoom_notes, ==, 3);
  opm_canvas_zoom_in (canvas);            /* already at the maximum */
  g_assert_cmpfloat (opm_canvas_get_zoom (canvas), ==, OPM_CANVAS_ZOOM_MAX);
  g_assert_cmpuint (zoom_notes, ==, 3);

  opm_canvas_set_zoom (canvas, 0.0);
  g_assert_cmpfloat (opm_canvas_get_zoom (canvas), ==, OPM_CANVAS_ZOOM_MIN);
  g_assert_cmpuint (zoom_notes, ==, 4);
  opm_canvas_set_zoom (canvas, -3.0);
  g_assert_cmpuint (zoom_notes, ==, 4);
  opm_canvas_zoom_out (canvas);
  g_assert_cmpfloat (opm_canvas_get_zoom (canvas), ==, OPM_CANVAS_ZOOM_MIN);
  g_assert_cmpuint (zoom_notes, ==, 4);

  opm_canvas_set_zoom (canvas, 1.0);
  opm_canvas_zoom_in (canvas);
  g_assert_cmpfloat (opm_canvas_get_zoom (canvas), >, 1.0);
  g_assert_cmpuint (zoom_notes, ==, 6);
  opm_canvas_zoom_out (canvas);
  g_assert_cmpfloat_with_epsilon (opm_canvas_get_zoom (canvas), 1.0, 1e-9);
  g_assert_cmpuint (zoom_notes, ==, 7);

  /* dark */
  g_object_get (canvas, "dark", &dark, NULL);
  g_assert_false (dark);
  opm_canvas_set_dark (canvas, TRUE);
  g_assert_true (opm_canvas_get_dark (canvas));
  g_assert_true (opm_painter_get_dark (opm_canvas_get_painter (canvas)));
  g_assert_cmpuint (dark_notes, ==, 1);
  opm_canvas_set_dark (canvas, 42);       /* still true */
  g_assert_cmpuint (dark_notes, ==, 1);
  g_object_set (canvas, "dark", FALSE, NULL);
  g_object_get (canvas, "dark", &dark, NULL);
  g_assert_false (dark);
  g_assert_false (opm_painter_get_dark (opm_canvas_get_painter (canvas)));
  g_assert_cmpuint (dark_notes, ==, 2);
  g_object_set (canvas, "dark", FALSE, NULL);
  g_assert_cmpuint (dark_notes, ==, 2);
  g_assert_cmpuint (zoom_notes, ==, 7);

  g_assert_finalize_object (canvas);
}

static void
test_outline_properties (void)
{
  g_autoptr(OpmDocument) document = load_example ("ecommerce.opmodel");
  OpmScenario *first = opm_document_get_scenario (document, 0);
  OpmScenario *second = opm_document_get_scenario (document, 1);
  OpmOutline *outline = g_object_ref_sink (OPM_OUTLINE (opm_outline_new ()));
  GListModel *model = opm_outline_get_model (outline);
  g_autoptr(OpmScenario) got = NULL;
  GtkSearchEntry *entry;
  OpmElement *team;
  guint notes = 0;
  guint all;

  g_signal_connect (outline, "notify::scenario", G_CALLBACK (count_notify), &notes);
  g_assert_true (G_IS_LIST_MODEL (model));

  opm_outline_set_scenario (outline, first);
  g_assert_true (opm_outline_get_scenario (outline) == first);
  g_assert_cmpuint (notes, ==, 1);
  opm_outline_set_scenario (outline, first);
  g_assert_cmpuint (notes, ==, 1);
  g_assert_cmpuint (opm_scenario_get_n_elements (first), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, opm_scenario_get_n_elements (first));

  g_object_set (outline, "scenario", second, NULL);
  g_object_get (outline, "scenario", &got, NULL);
  g_assert_true (got == second);
  g_assert_cmpuint (notes, ==, 2);
  g_object_set (outline, "scenario", second, NULL);
  g_assert_cmpuint (notes, ==, 2);
  g_assert_true (opm_outline_get_model (outline) == model);
  all = g_list_model_get_n_items (model);
  g_assert_cmpuint (all, ==, opm_scenario_get_n_elements (second));

  /* every item is an element of the scenario, teams first */
  for (guint i = 0; i < all; i++)
    {
      g_autoptr(OpmElement) element = g_list_model_get_item (model, i);

      g_assert_true (OPM_IS_ELEMENT (element));
      g_assert_true (opm_element_get_scenario (element) == second);
      g_assert_true (opm_scenario_lookup (second, opm_element_get_id (element)) == element);
    }
  team = nth_team (second, 0);
  {
    g_autoptr(OpmElement) item = g_list_model_get_item (model, 0);
    g_assert_true (item == team);
  }

  /* the search entry filters the list */
  entry = find_one (GTK_WIDGET (outline), GTK_TYPE_SEARCH_ENTRY);
  if (entry == NULL)
    {
      g_test_message ("no GtkSearchEntry in the outline; search not tested");
    }
  else
    {
      const char *label = opm_element_get_label (team);
      g_autofree char *upper = g_utf8_strup (label, -1);
      gboolean team_found = FALSE;
      guint n;

      gtk_editable_set_text (GTK_EDITABLE (entry), label);
      drain ();
      n = g_list_model_get_n_items (model);
      g_assert_cmpuint (n, >=, 1);
      g_assert_cmpuint (n, <, all);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(OpmElement) element = g_list_model_get_item (model, i);

          if (element == team)
            team_found = TRUE;
        }
      g_assert_true (team_found);

      /* case does not matter */
      gtk_editable_set_text (GTK_EDITABLE (entry), upper);
      drain ();
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

      gtk_editable_set_text (GTK_EDITABLE (entry), "no element is called this ¤¤¤");
      drain ();
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      drain ();
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, all);
    }

  opm_outline_set_scenario (outline, NULL);
  g_assert_null (opm_outline_get_scenario (outline));
  g_assert_cmpuint (notes, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  g_clear_object (&got);
  g_assert_finalize_object (outline);
}

/* 3. The window with each example */

typedef struct
{
  const char *file;
  const char *scenarios[4];
} Example;

static const Example examples[] = {
  { "telco.opmodel", { "As-is", "To-be", NULL } },
  { "ecommerce.opmodel", { "As-is", "Scale-up", "To-be", NULL } },
};

static void
switch_scenario (OpmWindow   *window,
                 OpmScenario *scenario)
{
  opm_window_set_scenario (window, scenario);
  g_assert_true (opm_window_get_scenario (window) == scenario);
  g_assert_true (opm_canvas_get_scenario (opm_window_get_canvas (window)) == scenario);
  wait_for_frame (GTK_WIDGET (opm_window_get_canvas (window)));
}

static void
check_zoom_actions (OpmWindow *window)
{
  OpmCanvas *canvas = opm_window_get_canvas (window);
  OpmRect bounds, visible;
  double before;

  opm_painter_get_bounds (opm_canvas_get_painter (canvas), &bounds);
  g_assert_cmpfloat (bounds.width, >, 0);
  g_assert_cmpfloat (bounds.height, >, 0);

  before = opm_canvas_get_zoom (canvas);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  g_assert_cmpfloat (opm_canvas_get_zoom (canvas), >, before);

  before = opm_canvas_get_zoom (canvas);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL);
  g_assert_cmpfloat (opm_canvas_get_zoom (canvas), <, before);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-original", NULL);
  g_assert_cmpfloat (opm_canvas_get_zoom (canvas), ==, 1.0);
  wait_for_frame (GTK_WIDGET (canvas));
  g_assert_cmpfloat (opm_canvas_get_zoom (canvas), ==, 1.0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL);
  opm_canvas_get_visible_area (canvas, &visible);
  g_assert_true (rect_contains (&visible, &bounds));
  wait_for_frame (GTK_WIDGET (canvas));
  opm_canvas_get_visible_area (canvas, &visible);
  g_test_message ("bounds %g,%g %gx%g visible %g,%g %gx%g zoom %g", bounds.x, bounds.y, bounds.width,
                  bounds.height, visible.x, visible.y, visible.width, visible.height,
                  opm_canvas_get_zoom (canvas));
  g_assert_true (rect_contains (&visible, &bounds));
}

static void
test_window_example (gconstpointer data)
{
  const Example *example = data;
  OpmWindow *window = open_example (example->file);
  OpmDocument *document = opm_window_get_document (window);
  GListModel *scenarios = opm_document_get_scenarios (document);
  guint n = g_list_model_get_n_items (scenarios);
  g_autoptr(GPtrArray) canvases = find_all (GTK_WIDGET (window), OPM_TYPE_CANVAS);
  GtkStack *stack;
  GListModel *pages;
  AdwWindowTitle *title_widget;
  gboolean sidebar = FALSE, sidebar_after = FALSE;
  OpmOutline *outline;
  GtkWidget *panel;

  g_assert_cmpuint (n, ==, g_strv_length ((char **) example->scenarios));
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (opm_scenario_get_name (opm_document_get_scenario (document, i)), ==, example->scenarios[i]);

  /* one page, with one canvas, per scenario */
  g_assert_cmpuint (canvases->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      OpmScenario *scenario = opm_document_get_scenario (document, i);
      guint shown = 0;

      for (guint j = 0; j < canvases->len; j++)
        if (opm_canvas_get_scenario (g_ptr_array_index (canvases, j)) == scenario)
          shown++;
      g_assert_cmpuint (shown, ==, 1);
    }
  stack = GTK_STACK (gtk_widget_get_ancestor (g_ptr_array_index (canvases, 0), GTK_TYPE_STACK));
  g_assert_nonnull (stack);
  pages = G_LIST_MODEL (gtk_stack_get_pages (stack));
  g_assert_cmpuint (g_list_model_get_n_items (pages), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) page = g_list_model_get_item (pages, i);

      g_assert_cmpstr (gtk_stack_page_get_title (GTK_STACK_PAGE (page)), ==, example->scenarios[i]);
    }
  g_object_unref (pages);

  title_widget = find_one (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);
  outline = find_one (GTK_WIDGET (window), OPM_TYPE_OUTLINE);
  g_assert_nonnull (outline);

  /* each scenario in turn: title, canvas, outline, zoom */
  for (guint i = 0; i < n; i++)
    {
      OpmScenario *scenario = opm_document_get_scenario (document, i);

      switch_scenario (window, scenario);
      g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), example->file));
      if (title_widget != NULL)
        g_assert_nonnull (strstr (adw_window_title_get_subtitle (title_widget), opm_scenario_get_name (scenario)));
      g_assert_true (opm_outline_get_scenario (outline) == scenario);
      check_zoom_actions (window);
    }

  /* next and previous go round */
  switch_scenario (window, opm_document_get_scenario (document, 0));
  for (guint i = 1; i <= n; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.next-scenario", NULL);
      g_assert_true (opm_window_get_scenario (window) == opm_document_get_scenario (document, i % n));
      g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), example->file));
    }
  for (guint i = 1; i <= n; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-scenario", NULL);
      g_assert_true (opm_window_get_scenario (window) == opm_document_get_scenario (document, (n - i) % n));
    }
  wait_for_frame (GTK_WIDGET (opm_window_get_canvas (window)));

  /* the sidebar toggles */
  panel = gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (outline)));
  g_object_get (window, "sidebar-visible", &sidebar, NULL);
  for (guint round = 0; round < 2; round++)
    {
      guint notes = 0;
      gulong id = g_signal_connect (window, "notify::sidebar-visible", G_CALLBACK (count_notify), &notes);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
      g_object_get (window, "sidebar-visible", &sidebar_after, NULL);
      g_assert_cmpint (sidebar_after, ==, !sidebar);
      g_assert_cmpuint (notes, ==, 1);
      g_signal_handler_disconnect (window, id);
      /* the outline shares the sidebar with the inspector: watch the sidebar */
      if (sidebar_after)
        wait_until (gtk_widget_get_mapped (panel) && gtk_widget_get_width (panel) > 0);
      else
        wait_until (!gtk_widget_get_child_visible (panel) || !gtk_widget_get_mapped (panel));
      sidebar = sidebar_after;
    }

  g_assert_true (opm_window_get_document (window) == document);
  destroy_window (window);
}

/* 4. The canvas draws */

static void
test_canvas_draws (void)
{
  OpmWindow *window = open_example ("ecommerce.opmodel");
  OpmCanvas *canvas = opm_window_get_canvas (window);
  cairo_surface_t *light, *dark;
  guint foreground, total;

  wait_for_frame (GTK_WIDGET (canvas));
  g_assert_cmpuint (opm_canvas_get_n_cached_tiles (canvas), >, 0);

  light = render_widget (GTK_WIDGET (canvas));
  total = cairo_image_surface_get_width (light) * cairo_image_surface_get_height (light);
  foreground = count_foreground (light);
  g_test_message ("%u of %u pixels drawn over the background", foreground, total);
  g_assert_cmpuint (foreground, >, total / 100);
  g_assert_cmpuint (foreground, <, total);

  /* the dark theme draws something else */
  opm_canvas_set_dark (canvas, TRUE);
  wait_for_frame (GTK_WIDGET (canvas));
  g_assert_cmpuint (opm_canvas_get_n_cached_tiles (canvas), >, 0);
  dark = render_widget (GTK_WIDGET (canvas));
  g_assert_cmpuint (count_foreground (dark), >, total / 100);
  g_assert_cmpuint (pixel_at (dark, 0, 0), !=, pixel_at (light, 0, 0));
  opm_canvas_set_dark (canvas, FALSE);

  /* zooming in redraws with new tiles */
  opm_canvas_set_zoom (canvas, 2.0);
  wait_for_frame (GTK_WIDGET (canvas));
  g_assert_cmpuint (opm_canvas_get_n_cached_tiles (canvas), >, 0);

  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
  destroy_window (window);
}

/* 5. Hit testing and hover */

static GtkEventController *
find_motion_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        return controller;   /* the widget holds it */
    }

  return NULL;
}

static void
document_to_widget (OpmCanvas *canvas,
                    double     x,
                    double     y,
                    double    *widget_x,
                    double    *widget_y)
{
  double x0, y0;
  double zoom = opm_canvas_get_zoom (canvas);

  opm_canvas_widget_to_document (canvas, 0, 0, &x0, &y0);
  *widget_x = (x - x0) * zoom;
  *widget_y = (y - y0) * zoom;
}

static void
test_canvas_hit_test (void)
{
  OpmWindow *window = open_example ("telco.opmodel");
  OpmDocument *document = opm_window_get_document (window);
  GListModel *scenarios = opm_document_get_scenarios (document);

  for (guint s = 0; s < g_list_model_get_n_items (scenarios); s++)
    {
      OpmScenario *scenario = opm_document_get_scenario (document, s);
      GListModel *teams = opm_scenario_get_teams (scenario);
      OpmCanvas *canvas;
      OpmPainter *painter;
      GtkEventController *motion;

      switch_scenario (window, scenario);
      canvas = opm_window_get_canvas (window);
      painter = opm_canvas_get_painter (canvas);
      motion = find_motion_controller (GTK_WIDGET (canvas));
      g_assert_nonnull (motion);
      g_assert_cmpuint (g_list_model_get_n_items (teams), >, 0);

      for (guint i = 0; i < g_list_model_get_n_items (teams); i++)
        {
          OpmElement *team = nth_team (scenario, i);
          OpmRect b;
          double cx, cy, wx, wy;
          OpmElement *hit;

          g_assert_true (opm_painter_get_element_bounds (painter, team, &b));
          cx = b.x + b.width / 2;
          cy = b.y + b.height / 2;
          hit = opm_painter_hit_test (painter, cx, cy, 0);
          if (hit != team)
            g_test_message ("%s: centre of team “%s” hits %s “%s”", opm_scenario_get_name (scenario),
                            opm_element_get_label (team), hit ? opm_element_get_kind_name (hit) : "nothing",
                            hit ? opm_element_get_label (hit) : "");
          g_assert_true (hit == team);

          /* nothing far outside the diagram */
          if (i == 0)
            {
              OpmRect bounds;

              opm_painter_get_bounds (painter, &bounds);
              g_assert_null (opm_painter_hit_test (painter, bounds.x - 1000, bounds.y - 1000, 1));
            }

          /* the pointer over the team hovers it */
          opm_canvas_scroll_to (canvas, team);
          document_to_widget (canvas, cx, cy, &wx, &wy);
          g_assert_cmpfloat (wx, >=, 0);
          g_assert_cmpfloat (wy, >=, 0);
          g_assert_cmpfloat (wx, <=, gtk_widget_get_width (GTK_WIDGET (canvas)));
          g_assert_cmpfloat (wy, <=, gtk_widget_get_height (GTK_WIDGET (canvas)));
          g_signal_emit_by_name (motion, "motion", wx, wy);
          g_assert_true (opm_canvas_get_hover (canvas) == team);
          g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (canvas)), ==, opm_element_get_label (team));
          wait_for_frame (GTK_WIDGET (canvas));

          g_signal_emit_by_name (motion, "leave");
          g_assert_null (opm_canvas_get_hover (canvas));
        }
    }

  destroy_window (window);
}

/* 6. Export */

typedef struct
{
  GAsyncResult *result;
} AsyncWait;

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static void
test_window_export (void)
{
  static const struct { OpmExportFormat format; const char *suffix; const char *magic; gsize magic_len; } formats[] = {
    { OPM_EXPORT_SVG, "svg", "<?xml", 5 },
    { OPM_EXPORT_PDF, "pdf", "%PDF", 4 },
    { OPM_EXPORT_PNG, "png", "\x89PNG", 4 },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-widgets-XXXXXX", &error);
  OpmWindow *window;
  OpmCanvas *canvas;

  g_assert_no_error (error);
  window = open_example ("ecommerce.opmodel");
  switch_scenario (window, opm_document_get_scenario (opm_window_get_document (window), 1));
  canvas = opm_window_get_canvas (window);

  /* show a part only, so that the visible area is not the whole */
  opm_canvas_set_zoom (canvas, 1.5);
  wait_for_frame (GTK_WIDGET (canvas));

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *whole = NULL;
      gsize whole_len = 0;

      for (int visible = 0; visible <= 1; visible++)
        {
          g_autofree char *name = g_strdup_printf ("%s.%s", visible ? "visible" : "whole", formats[f].suffix);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autoptr(GFile) file = g_file_new_for_path (path);
          g_autofree char *contents = NULL;
          gsize length = 0;
          AsyncWait wait = { NULL };
          gboolean ok;

          opm_window_export (window, file, formats[f].format, visible, 1.0, NULL, on_async_done, &wait);
          wait_until (wait.result != NULL);
          ok = opm_window_export_finish (window, wait.result, &error);
          g_clear_object (&wait.result);
          g_assert_no_error (error);
          g_assert_true (ok);

          g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
          g_file_get_contents (path, &contents, &length, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (length, >, formats[f].magic_len);
          g_assert_cmpmem (contents, formats[f].magic_len, formats[f].magic, formats[f].magic_len);

          if (!visible)
            {
              whole = g_steal_pointer (&contents);
              whole_len = length;
            }
          else
            {
              /* the visible area is not the whole scenario */
              g_assert_false (length == whole_len && memcmp (contents, whole, length) == 0);
            }

          g_assert_cmpint (g_unlink (path), ==, 0);
        }
    }

  /* a file that is not local is refused, asynchronously */
  {
    g_autoptr(GFile) remote = g_file_new_for_uri ("resource:///nowhere/scenario.svg");
    AsyncWait wait = { NULL };

    opm_window_export (window, remote, OPM_EXPORT_SVG, FALSE, 1.0, NULL, on_async_done, &wait);
    wait_until (wait.result != NULL);
    g_assert_false (opm_window_export_finish (window, wait.result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_clear_error (&error);
    g_clear_object (&wait.result);
  }

  g_assert_cmpint (g_rmdir (dir), ==, 0);
  destroy_window (window);
}

/* 7. A broken file */

static AdwMessageDialog *
find_dialog_for (OpmWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      return l->data;

  return NULL;
}

static void
open_broken (OpmWindow  *window,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  OpmDocument *document = opm_window_get_document (window);
  GFile *shown = opm_window_get_file (window);
  OpmCanvas *canvas = opm_window_get_canvas (window);
  g_autofree char *title = g_strdup (gtk_window_get_title (GTK_WINDOW (window)));
  guint n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  AdwMessageDialog *dialog;
  const char *message;
  gpointer weak;

  g_assert_null (find_dialog_for (window));
  opm_window_open_file (window, file);
  wait_until ((dialog = find_dialog_for (window)) != NULL);

  /* nothing changed */
  g_assert_true (opm_window_get_document (window) == document);
  g_assert_true (opm_window_get_file (window) == shown);
  g_assert_true (opm_window_get_canvas (window) == canvas);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);

  message = opm_window_get_last_error (window);
  g_assert_nonnull (message);
  g_test_message ("error: %s", message);
  g_assert_true (g_str_has_prefix (message, path));
  g_assert_nonnull (strstr (message, ":4:"));

  /* the dialog belongs to this window and can be closed */
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (weak == NULL);
  g_assert_null (find_dialog_for (window));

  g_assert_true (opm_window_get_document (window) == document);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, n_windows);
}

static OpmPainter *
painter_of_scenario (OpmWindow   *window,
                     OpmScenario *scenario)
{
  g_autoptr(GPtrArray) canvases = find_all (GTK_WIDGET (window), OPM_TYPE_CANVAS);

  for (guint i = 0; i < canvases->len; i++)
    {
      OpmPainter *painter = opm_canvas_get_painter (g_ptr_array_index (canvases, i));

      if (opm_painter_get_scenario (painter) == scenario)
        return painter;
    }
  g_assert_not_reached ();
  return NULL;
}

static guint
n_badges (OpmPainter *painter)
{
  OpmScenario *scenario = opm_painter_get_scenario (painter);
  GListModel *lists[] = { opm_scenario_get_teams (scenario), opm_scenario_get_services (scenario) };
  guint n = 0;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(OpmElement) element = g_list_model_get_item (lists[l], i);

        n += opm_painter_get_badge (painter, element) != NULL;
      }
  return n;
}

/* The list of findings, not the one in the filter's popover. */
static GtkWidget *
findings_list (OpmFindings *panel)
{
  g_autoptr(GPtrArray) lists = find_all (GTK_WIDGET (panel), GTK_TYPE_LIST_VIEW);

  for (guint i = 0; i < lists->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (lists, i), "navigation-sidebar"))
      return g_ptr_array_index (lists, i);

  g_assert_not_reached ();
  return NULL;
}

/* The diagram shows the divides and badges of the checker, follows edits,
 * and the overlay can be switched off. */
static void
test_window_findings (void)
{
  OpmWindow *window = open_example ("telco.opmodel");
  OpmDocument *document = opm_window_get_document (window);
  OpmScenario *as_is = opm_document_find_scenario (document, "As-is");
  OpmScenario *to_be = opm_document_find_scenario (document, "To-be");
  OpmPainter *painter;
  OpmPainter *target;
  GListModel *lines;
  OpmService *service = NULL;
  g_autoptr(OpmTeam) team = opm_team_new ();
  g_autoptr(OpmResponsibility) runs = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (as_is);
  g_assert_nonnull (to_be);
  painter = painter_of_scenario (window, as_is);
  target = painter_of_scenario (window, to_be);

  /* the as-is has its divides drawn; the to-be has none */
  wait_until (opm_painter_get_n_divides (painter) > 0);
  g_assert_cmpuint (n_badges (painter), >, 0);
  g_assert_cmpuint (opm_painter_get_n_divides (target), ==, 0);

  /* the panel lists the as-is's findings under a summary; a filter keeps
   * the errors; activating one selects its elements on the canvas */
  {
    g_autoptr(GPtrArray) panels = find_all (GTK_WIDGET (window), OPM_TYPE_FINDINGS);
    OpmFindings *panel;
    GListModel *shown;
    guint all;

    g_assert_cmpuint (panels->len, ==, 1);
    panel = g_ptr_array_index (panels, 0);
    shown = opm_findings_get_model (panel);
    wait_until (g_list_model_get_n_items (shown) > 0);
    g_assert_nonnull (strstr (opm_findings_get_summary (panel), "divide"));
    all = g_list_model_get_n_items (shown);

    opm_findings_set_min_severity (panel, OPM_SEVERITY_ERROR);
    g_assert_cmpuint (g_list_model_get_n_items (shown), <, all);
    g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
    for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
      {
        g_autoptr(OpmFinding) finding = g_list_model_get_item (shown, i);

        g_assert_cmpint (opm_finding_get_severity (finding), ==, OPM_SEVERITY_ERROR);
      }

    g_assert_cmpuint (opm_canvas_get_selection (opm_window_get_canvas (window))->len, ==, 0);
    g_signal_emit_by_name (findings_list (panel), "activate", 0);
    {
      g_autoptr(OpmFinding) first = g_list_model_get_item (shown, 0);

      g_assert_cmpuint (opm_canvas_get_selection (opm_window_get_canvas (window))->len, ==,
                        opm_finding_get_n_elements (first));
    }
    opm_findings_set_min_severity (panel, OPM_SEVERITY_INFO);
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, all);

    /* the finding being read stays selected through the re-check after an edit */
    {
      GtkSingleSelection *selection = GTK_SINGLE_SELECTION (shown);
      gpointer before;
      OpmFinding *after;
      g_autoptr(GError) edit_error = NULL;

      gtk_single_selection_set_selected (selection, 3);
      before = gtk_single_selection_get_selected_item (selection);
      g_assert_nonnull (before);
      g_object_add_weak_pointer (G_OBJECT (before), &before);
      g_assert_true (opm_document_set (document, &edit_error, document, "title", "Telco, reviewed", NULL));
      g_assert_no_error (edit_error);
      wait_until (before == NULL);
      after = gtk_single_selection_get_selected_item (selection);
      g_assert_nonnull (after);
      g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 3);
      g_assert_true (opm_document_undo (document));
    }
  }

  /* a service selected alone shows its restore path; a team does not */
  {
    OpmCanvas *canvas = opm_window_get_canvas (window);
    GListModel *services = opm_scenario_get_services (as_is);
    GListModel *teams = opm_scenario_get_teams (as_is);
    g_autoptr(OpmElement) first_team = g_list_model_get_item (teams, 0);
    gboolean shown = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (services) && !shown; i++)
      {
        g_autoptr(OpmService) candidate = g_list_model_get_item (services, i);
        g_autoptr(OpmRestorePath) path = opm_restore_path_new (candidate);

        if (path->teams->len < 2)
          continue;
        opm_canvas_select (canvas, OPM_ELEMENT (candidate), FALSE);
        g_assert_cmpuint (opm_painter_get_restore_path_length (painter), ==, path->teams->len);
        shown = TRUE;

        /* the inspector says the same in words, beside the playbook's advice */
        {
          g_autoptr(GPtrArray) rows = find_all (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW);
          AdwActionRow *restore = NULL, *availability = NULL;

          for (guint r = 0; r < rows->len; r++)
            {
              AdwActionRow *row = g_ptr_array_index (rows, r);
              const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

              if (!gtk_widget_get_mapped (GTK_WIDGET (row)))
                continue;
              if (g_strcmp0 (title, "Restore path") == 0)
                restore = row;
              else if (g_strcmp0 (title, "Availability target") == 0 &&
                       g_str_has_prefix (adw_action_row_get_subtitle (row) ? adw_action_row_get_subtitle (row) : "",
                                         "Recommended"))
                availability = row;
            }
          g_assert_nonnull (restore);
          g_assert_nonnull (availability);
          g_assert_nonnull (strstr (adw_action_row_get_subtitle (restore), "→"));
          g_assert_nonnull (strstr (adw_action_row_get_subtitle (restore), "handoff"));
        }
      }
    g_assert_true (shown);

    opm_canvas_select (canvas, first_team, FALSE);
    g_assert_cmpuint (opm_painter_get_restore_path_length (painter), ==, 0);
  }

  /* the RACI table: a row a service, a column a team with a role */
  {
    g_autoptr(OpmRaci) raci = opm_raci_new (as_is);
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *table = NULL;
    g_autoptr(GPtrArray) grids = NULL;
    GtkWidget *grid = NULL;
    guint cells = 0, marked = 0, problems = 0;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.raci", NULL);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) candidate = g_list_model_get_item (toplevels, i);

        if (gtk_window_get_transient_for (candidate) == GTK_WINDOW (window) &&
            g_strcmp0 (gtk_window_get_title (candidate), "Responsibilities (RACI)") == 0)
          table = candidate;
      }
    g_assert_nonnull (table);
    grids = find_all (GTK_WIDGET (table), GTK_TYPE_GRID);
    for (guint i = 0; i < grids->len; i++)
      if (gtk_widget_has_css_class (g_ptr_array_index (grids, i), "raci"))
        grid = g_ptr_array_index (grids, i);
    g_assert_nonnull (grid);

    for (guint s = 0; s < raci->services->len; s++)
      {
        problems += opm_raci_count_accountable (raci, s) != 1;
        for (guint t = 0; t < raci->teams->len; t++)
          cells += opm_raci_get_roles (raci, s, t) != 0;
      }
    for (guint s = 0; s < raci->services->len; s++)
      marked += gtk_widget_has_css_class (gtk_grid_get_child_at (GTK_GRID (grid), 0, (int) s + 1), "error");
    {
      guint children = 0;

      for (GtkWidget *c = gtk_widget_get_first_child (grid); c != NULL; c = gtk_widget_get_next_sibling (c))
        children++;
      /* a header a team, a name a service, and every cell */
      g_assert_cmpuint (children, ==, raci->teams->len + raci->services->len +
                                      raci->teams->len * raci->services->len);
      g_assert_cmpuint (cells, >, 0);
    }
    g_assert_cmpuint (marked, ==, problems);
    gtk_window_destroy (table);
  }

  /* switched off and on again */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-findings", NULL);
  wait_until (opm_painter_get_n_divides (painter) == 0);
  g_assert_cmpuint (n_badges (painter), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-findings", NULL);
  wait_until (opm_painter_get_n_divides (painter) > 0);

  /* a new team that runs a service another team builds makes a divide in
   * the to-be, and undoing it takes the divide away */
  lines = opm_scenario_get_responsibilities (to_be);
  for (guint i = 0; i < g_list_model_get_n_items (lines) && service == NULL; i++)
    {
      g_autoptr(OpmResponsibility) line = g_list_model_get_item (lines, i);

      if (opm_responsibility_get_activity (line) == OPM_ACTIVITY_BUILD)
        service = opm_responsibility_get_service (line);
    }
  g_assert_nonnull (service);

  g_object_set (team, "name", "Night Operations", "kind", OPM_TEAM_KIND_OPS_BRIDGE, NULL);
  g_assert_true (opm_document_add_element (document, to_be, OPM_ELEMENT (team), &error));
  runs = opm_responsibility_new (team, service, OPM_ACTIVITY_OPERATE_L1);
  g_assert_true (opm_document_add_element (document, to_be, OPM_ELEMENT (runs), &error));
  g_assert_no_error (error);
  wait_until (opm_painter_get_n_divides (target) > 0);
  g_assert_nonnull (opm_painter_get_badge (target, OPM_ELEMENT (team)));

  g_assert_true (opm_document_undo (document));
  wait_until (opm_painter_get_n_divides (target) == 0);

  destroy_window (window);
}

static void
test_findings_create_destroy (void)
{
  g_autoptr(OpmDocument) document = load_example ("telco.opmodel");
  g_autoptr(GPtrArray) found = opm_check_scenario (opm_document_get_scenario (document, 0), NULL);
  GtkWidget *panel = g_object_ref_sink (opm_findings_new ());

  opm_findings_set_findings (OPM_FINDINGS (panel), found);
  g_assert_cmpuint (g_list_model_get_n_items (opm_findings_get_model (OPM_FINDINGS (panel))), ==, found->len);
  opm_findings_set_findings (OPM_FINDINGS (panel), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (opm_findings_get_model (OPM_FINDINGS (panel))), ==, 0);
  opm_findings_set_findings (OPM_FINDINGS (panel), found);
  g_assert_finalize_object (panel);
}

/* A table too large to read says so instead of making a million labels. */
static void
test_raci_too_large (void)
{
  g_autoptr(OpmDocument) document = opm_generate_organisation (400, 300, 5);
  g_autoptr(OpmRaci) raci = opm_raci_new (opm_document_get_scenario (document, 0));
  GtkWidget *view;

  g_assert_cmpfloat ((double) raci->services->len * raci->teams->len, >, OPM_RACI_VIEW_MAX_CELLS);
  view = g_object_ref_sink (opm_raci_view_new (raci));
  g_assert_true (ADW_IS_STATUS_PAGE (view));
  g_assert_finalize_object (view);
}

static void
test_window_open_broken (void)
{
  g_autofree char *good = example_path ("telco.opmodel");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-widgets-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *broken = NULL;
  OpmWindow *window;

  g_assert_no_error (error);
  path = g_build_filename (dir, "broken.opmodel", NULL);

  /* the telco example with an unknown attribute on line 4 */
  g_file_get_contents (good, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 4);
  g_assert_nonnull (strstr (lines[3], "<scenario "));
  {
    char *line = lines[3];
    char *at = strstr (line, "<scenario ");

    lines[3] = g_strdup_printf ("%.*s<scenario colour=\"purple\" %s", (int) (at - line), line,
                                at + strlen ("<scenario "));
    g_free (line);
  }
  broken = g_strjoinv ("\n", lines);
  g_file_set_contents (path, broken, -1, &error);
  g_assert_no_error (error);

  /* in an untitled window: it stays untitled */
  window = new_mapped_window ();
  open_broken (window, path);
  g_assert_true (opm_window_is_pristine (window));
  destroy_window (window);

  /* in a window showing a file */
  window = open_example ("telco.opmodel");
  open_broken (window, path);
  destroy_window (window);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* 8. Acknowledging a finding in the panel */

/* Whether a label below @widget shows @text on screen. */
static gboolean
label_shown (GtkWidget  *widget,
             const char *text)
{
  g_autoptr(GPtrArray) labels = find_all (widget, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
button_shown (GtkWidget  *widget,
              const char *label)
{
  GtkWidget *button = find_button (widget, label);

  return button != NULL && gtk_widget_get_mapped (button) && gtk_widget_is_sensitive (button);
}

/* Gives the reason dialog of @window @reason, after checking that it needs
 * one, and confirms with Enter in the entry or with the @confirm button. */
static void
answer_reason (OpmWindow  *window,
               const char *old_reason,
               const char *reason,
               const char *confirm,
               gboolean    with_enter)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GtkWidget *text;
  GtkWidget *button;
  GtkWidget *focus;
  gpointer weak;

  wait_until ((dialog = find_dialog_for (window)) != NULL);
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_ENTRY (entry));
  /* Enter activates the entry's text */
  text = find_one (entry, GTK_TYPE_TEXT);
  g_assert_nonnull (text);
  /* the entry has the keyboard */
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_true (focus == entry || (focus != NULL && gtk_widget_is_ancestor (focus, entry)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, old_reason);
  button = find_button (GTK_WIDGET (dialog), confirm);
  g_assert_nonnull (button);

  /* a reason is required */
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  g_assert_false (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (text, "activate");
  drain ();
  g_assert_true (find_dialog_for (window) == dialog);

  gtk_editable_set_text (GTK_EDITABLE (entry), reason);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  g_assert_true (gtk_widget_is_sensitive (button));

  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  if (with_enter)
    g_signal_emit_by_name (text, "activate");
  else
    g_signal_emit_by_name (button, "clicked");
  wait_until (weak == NULL);
}

/* Where the finding of @rule about @subject is in the panel's list. */
static guint
position_in_panel (GListModel *shown,
                   const char *rule,
                   OpmElement *subject)
{
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (shown, i);

      if (OPM_IS_FINDING (item) && g_str_equal (opm_finding_get_rule_id (OPM_FINDING (item)), rule) &&
          opm_finding_get_element (OPM_FINDING (item)) == subject)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static guint
badge_count (OpmPainter *painter,
             OpmElement *element)
{
  const char *badge = opm_painter_get_badge (painter, element);

  return badge != NULL ? (guint) g_ascii_strtoull (badge, NULL, 10) : 0;
}

/* The panel acknowledges the selected finding with a reason, lists it apart
 * as acknowledged, and edits or withdraws it; each is a step to undo. */
static void
test_window_acknowledge (void)
{
  OpmWindow *window = open_example ("telco.opmodel");
  OpmDocument *document = opm_window_get_document (window);
  OpmPainter *painter = opm_canvas_get_painter (opm_window_get_canvas (window));
  OpmFindings *panel = find_one (GTK_WIDGET (window), OPM_TYPE_FINDINGS);
  GtkWidget *widget = GTK_WIDGET (panel);
  GListModel *shown = opm_findings_get_model (panel);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (shown);
  g_autoptr(GPtrArray) stacks = find_all (GTK_WIDGET (window), GTK_TYPE_STACK);
  const char *reason = "Accepted until the outsourcing contract is renegotiated";
  const char *new_reason = "The contract is renegotiated in March";
  g_autofree char *row_reason = g_strdup_printf ("Acknowledged: %s", reason);
  g_autofree char *rule = NULL;
  OpmElement *subject = NULL;
  OpmFinding *finding;
  guint n_all, badge, position;

  /* the findings page of the sidebar, in view */
  for (guint i = 0; i < stacks->len; i++)
    if (gtk_stack_get_child_by_name (g_ptr_array_index (stacks, i), "findings") != NULL)
      gtk_stack_set_visible_child_name (g_ptr_array_index (stacks, i), "findings");
  wait_until (gtk_widget_get_mapped (widget));
  wait_until (g_list_model_get_n_items (shown) > 0);
  g_assert_null (strstr (opm_findings_get_summary (panel), "acknowledged"));
  n_all = g_list_model_get_n_items (shown);
  g_assert_false (opm_document_get_modified (document));

  /* an error about a team or service, which has a badge */
  for (guint i = 0; i < n_all && subject == NULL; i++)
    {
      g_autoptr(OpmFinding) candidate = g_list_model_get_item (shown, i);

      if (opm_finding_get_severity (candidate) == OPM_SEVERITY_ERROR &&
          OPM_IS_NODE (opm_finding_get_element (candidate)))
        {
          subject = opm_finding_get_element (candidate);
          rule = g_strdup (opm_finding_get_rule_id (candidate));
          gtk_single_selection_set_selected (selection, i);
        }
    }
  g_assert_nonnull (subject);
  badge = badge_count (painter, subject);
  g_assert_cmpuint (badge, >, 0);

  /* an open finding offers to be acknowledged, nothing else */
  wait_until (button_shown (widget, "Acknowledge…"));
  g_assert_false (button_shown (widget, "Edit Reason…"));
  g_assert_false (button_shown (widget, "Withdraw"));

  /* acknowledged with a reason, confirmed with Enter */
  g_signal_emit_by_name (find_button (widget, "Acknowledge…"), "clicked");
  answer_reason (window, "", reason, "_Acknowledge", TRUE);
  g_assert_cmpstr (opm_document_get_undo_label (document), ==, "Acknowledge Finding");
  g_assert_true (opm_document_get_modified (document));

  /* it moves under the "Acknowledged" heading at the end, stays selected,
   * shows its reason, and no longer counts on the canvas */
  wait_until (strstr (opm_findings_get_summary (panel), " · 1 acknowledged") != NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all + 1);
  {
    g_autoptr(GObject) heading = g_list_model_get_item (shown, n_all - 1);

    g_assert_true (GTK_IS_STRING_OBJECT (heading));
    g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (heading)), ==, "Acknowledged");
  }
  position = position_in_panel (shown, rule, subject);
  g_assert_cmpuint (position, ==, n_all);
  finding = gtk_single_selection_get_selected_item (selection);
  g_assert_true (OPM_IS_FINDING (finding));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, position);
  g_assert_true (opm_finding_is_acknowledged (finding));
  g_assert_cmpstr (opm_finding_get_acknowledgement_reason (finding), ==, reason);
  wait_until (label_shown (widget, row_reason));
  wait_until (button_shown (widget, "Edit Reason…"));
  g_assert_true (label_shown (widget, reason));
  g_assert_true (button_shown (widget, "Withdraw"));
  g_assert_false (button_shown (widget, "Acknowledge…"));
  g_assert_cmpuint (badge_count (painter, subject), ==, badge - 1);

  /* undone and redone as one step */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  wait_until (strstr (opm_findings_get_summary (panel), "acknowledged") == NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all);
  g_assert_false (opm_document_get_modified (document));
  g_assert_cmpuint (badge_count (painter, subject), ==, badge);
  finding = gtk_single_selection_get_selected_item (selection);
  g_assert_false (opm_finding_is_acknowledged (finding));
  g_assert_true (opm_finding_get_element (finding) == subject);
  wait_until (button_shown (widget, "Acknowledge…"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  wait_until (strstr (opm_findings_get_summary (panel), " · 1 acknowledged") != NULL);
  g_assert_cmpuint (position_in_panel (shown, rule, subject), ==, n_all);

  /* the reason edited, with the Save button */
  wait_until (button_shown (widget, "Edit Reason…"));
  gtk_widget_activate_action (widget, "findings.edit-reason", NULL);
  answer_reason (window, reason, new_reason, "_Save", FALSE);
  g_assert_cmpstr (opm_document_get_undo_label (document), ==, "Edit Acknowledgement Reason");
  wait_until (label_shown (widget, new_reason));
  finding = gtk_single_selection_get_selected_item (selection);
  g_assert_cmpstr (opm_finding_get_acknowledgement_reason (finding), ==, new_reason);

  /* withdrawn: open again, at its old place */
  gtk_widget_activate_action (widget, "findings.withdraw", NULL);
  g_assert_cmpstr (opm_document_get_undo_label (document), ==, "Withdraw Acknowledgement");
  wait_until (strstr (opm_findings_get_summary (panel), "acknowledged") == NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all);
  g_assert_cmpuint (position_in_panel (shown, rule, subject), <, n_all);
  g_assert_cmpuint (badge_count (painter, subject), ==, badge);
  wait_until (button_shown (widget, "Acknowledge…"));

  /* the severity filter applies to both groups */
  g_assert_true (opm_document_undo (document));
  wait_until (strstr (opm_findings_get_summary (panel), " · 1 acknowledged") != NULL);
  opm_findings_set_min_severity (panel, OPM_SEVERITY_ERROR);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (shown, i);

      g_assert_true (GTK_IS_STRING_OBJECT (item) ||
                     opm_finding_get_severity (OPM_FINDING (item)) == OPM_SEVERITY_ERROR);
    }
  g_assert_cmpuint (position_in_panel (shown, rule, subject), !=, GTK_INVALID_LIST_POSITION);
  opm_findings_set_min_severity (panel, OPM_SEVERITY_INFO);

  /* cancelling the dialog changes nothing */
  {
    guint steps = opm_document_get_history_length (document);
    AdwMessageDialog *dialog;
    gpointer weak;

    gtk_single_selection_set_selected (selection, 0);
    gtk_widget_activate_action (widget, "findings.acknowledge", NULL);
    wait_until ((dialog = find_dialog_for (window)) != NULL);
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Not now");
    weak = dialog;
    g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
    gtk_window_close (GTK_WINDOW (dialog));
    wait_until (weak == NULL);
    g_assert_cmpuint (opm_document_get_history_length (document), ==, steps);
  }

  /* an acknowledgement whose finding has gone is listed last, and can be
   * withdrawn */
  {
    OpmScenario *scenario = opm_window_get_scenario (window);
    g_autoptr(OpmElement) team = g_list_model_get_item (opm_scenario_get_teams (scenario), 0);
    g_autoptr(GError) error = NULL;
    g_autofree char *gone = g_strdup_printf ("No longer found for %s", opm_element_get_label (team));
    guint n = 0;

    g_assert_nonnull (opm_document_acknowledge (document, team, "OPS-17", "Shares nothing since the split", &error));
    g_assert_no_error (error);
    wait_until ((n = g_list_model_get_n_items (shown)) == n_all + 2);
    {
      g_autoptr(GObject) last = g_list_model_get_item (shown, n - 1);

      g_assert_true (OPM_IS_ACKNOWLEDGEMENT (last));
      g_assert_true (opm_acknowledgement_get_element (OPM_ACKNOWLEDGEMENT (last)) == team);
    }
    gtk_single_selection_set_selected (selection, n - 1);
    gtk_widget_activate_action (findings_list (panel), "list.scroll-to-item", "u", n - 1);
    wait_until (label_shown (widget, gone));
    wait_until (button_shown (widget, "Withdraw"));
    g_assert_true (button_shown (widget, "Edit Reason…"));
    g_assert_false (button_shown (widget, "Acknowledge…"));
    gtk_widget_activate_action (widget, "findings.withdraw", NULL);
    wait_until (g_list_model_get_n_items (shown) == n_all + 1);
    g_assert_null (opm_scenario_find_acknowledgement (scenario, "OPS-17", team));
  }

  destroy_window (window);
}

/* 9. Activating an element in the outline */

static void
test_outline_activation (void)
{
  OpmWindow *window = open_example ("telco.opmodel");
  OpmOutline *outline = find_one (GTK_WIDGET (window), OPM_TYPE_OUTLINE);
  OpmScenario *scenario = opm_window_get_scenario (window);
  OpmCanvas *canvas = opm_window_get_canvas (window);
  OpmPainter *painter = opm_canvas_get_painter (canvas);
  GListModel *teams = opm_scenario_get_teams (scenario);
  GListModel *groups = opm_scenario_get_groups (scenario);
  OpmElement *target = NULL;
  OpmRect visible, b;
  cairo_surface_t *highlighted, *plain;

  g_assert_nonnull (outline);
  g_assert_true (opm_outline_get_scenario (outline) == scenario);

  /* zoomed in on the first team, another one out of view */
  opm_canvas_set_zoom (canvas, 2.0);
  opm_canvas_scroll_to (canvas, nth_team (scenario, 0));
  wait_for_frame (GTK_WIDGET (canvas));
  opm_canvas_get_visible_area (canvas, &visible);
  for (guint i = 0; i < g_list_model_get_n_items (teams) && target == NULL; i++)
    {
      OpmElement *team = nth_team (scenario, i);

      g_assert_true (opm_painter_get_element_bounds (painter, team, &b));
      if (!rect_intersects (&visible, &b))
        target = team;
    }
  g_assert_nonnull (target);

  g_signal_emit_by_name (outline, "element-activated", target);
  opm_canvas_get_visible_area (canvas, &visible);
  g_assert_true (opm_painter_get_element_bounds (painter, target, &b));
  g_assert_true (rect_contains (&visible, &b));
  wait_for_frame (GTK_WIDGET (canvas));
  opm_canvas_get_visible_area (canvas, &visible);
  g_assert_true (rect_contains (&visible, &b));
  g_assert_cmpfloat (opm_canvas_get_zoom (canvas), ==, 2.0);   /* it fits: the zoom stays */

  /* the highlight is drawn: without it the picture differs */
  highlighted = render_widget (GTK_WIDGET (canvas));
  opm_painter_set_highlight (painter, target, NULL);
  wait_for_frame (GTK_WIDGET (canvas));
  plain = render_widget (GTK_WIDGET (canvas));
  g_assert_cmpuint (count_differences (highlighted, plain), >, 0);
  cairo_surface_destroy (highlighted);
  cairo_surface_destroy (plain);

  /* an element too big for the view at this zoom: the canvas zooms out to it */
  if (g_list_model_get_n_items (groups) > 0)
    {
      g_autoptr(OpmElement) group = g_list_model_get_item (groups, 0);

      opm_canvas_set_zoom (canvas, OPM_CANVAS_ZOOM_MAX);
      g_signal_emit_by_name (outline, "element-activated", group);
      g_assert_true (opm_painter_get_element_bounds (painter, group, &b));
      opm_canvas_get_visible_area (canvas, &visible);
      g_assert_true (rect_contains (&visible, &b));
    }

  destroy_window (window);
}


/* Prints through GTK's print operation into a PDF: one page that fits, or
 * a poster of pages across and down, each holding its part of the
 * diagram. */
static char *
run_tool (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  return g_steal_pointer (&out);
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run_tool (argv);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

static void
test_print (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-print-XXXXXX", &error);
  g_autoptr(OpmDocument) document = load_example ("telco.opmodel");
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  GListModel *teams = opm_scenario_get_teams (scenario);
  g_autoptr(OpmTeam) first = g_list_model_get_item (teams, 0);
  OpmExportOptions export_options = { .findings = TRUE };
  g_autoptr(OpmScenarioPicture) picture = opm_scenario_picture_new (document, scenario, &export_options);
  GtkWidget *parent = gtk_window_new ();

  g_assert_no_error (error);

  for (guint across = 1; across <= 3; across += 2)
    {
      g_autofree char *name = g_strdup_printf ("across-%u.pdf", across);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      OpmPrintOptions options = { across, TRUE };
      g_autofree char *text = NULL;
      guint expected, down;
      double scale;

      g_assert_true (opm_print_scenario (GTK_WINDOW (parent), document, scenario, &options, path, &error));
      g_assert_no_error (error);

      /* the page count follows the page size the print used: A4 or Letter
       * landscape, less margins, lie between these */
      expected = pdf_pages (path);
      if (across == 1)
        {
          g_assert_cmpuint (expected, ==, 1);
        }
      else
        {
          guint low = opm_print_count_pages (picture, 842 - 20, 612 - 20, across, &scale, &down);
          guint high = opm_print_count_pages (picture, 792 - 100, 595 - 100, across, &scale, &down);

          g_assert_cmpuint (expected % across, ==, 0);
          g_assert_cmpuint (expected, >=, low);
          g_assert_cmpuint (expected, <=, high);
          g_assert_cmpuint (expected, >, across);   /* the telco diagram needs more than one row */
        }

      /* the team names are text on the pages */
      {
        const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };

        text = run_tool (argv);
      }
      g_assert_nonnull (strstr (text, opm_team_get_name (first)));
      g_assert_nonnull (strstr (text, opm_scenario_get_name (scenario)));
      if (g_getenv ("OPM_KEEP_PRINT") == NULL)
        g_unlink (path);
    }

  /* one page across: the whole picture fits, centred */
  {
    guint down = 0;
    double scale = 0;
    OpmRect frame;

    g_assert_cmpuint (opm_print_count_pages (picture, 800, 500, 1, &scale, &down), ==, 1);
    opm_scenario_picture_get_frame (picture, &frame);
    g_assert_cmpfloat (frame.width * scale, <=, 800 + 1e-6);
    g_assert_cmpfloat (frame.height * scale, <=, 500 + 1e-6);
    g_assert_true (fabs (frame.width * scale - 800) < 1e-6 || fabs (frame.height * scale - 500) < 1e-6);
    /* a poster never runs to hundreds of pages */
    g_assert_cmpuint (opm_print_count_pages (picture, 10, 10, OPM_PRINT_MAX_PAGES_ACROSS + 5, &scale, &down), <=,
                      OPM_PRINT_MAX_PAGES_ACROSS * 20);
  }

  gtk_window_destroy (GTK_WINDOW (parent));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = test_application_new (&argc, &argv);

  g_test_add_func ("/widgets/canvas/create-destroy", test_canvas_create_destroy);
  g_test_add_func ("/widgets/outline/create-destroy", test_outline_create_destroy);
  g_test_add_func ("/widgets/findings/create-destroy", test_findings_create_destroy);
  g_test_add_func ("/widgets/raci/too-large", test_raci_too_large);
  g_test_add_func ("/widgets/window/create-destroy", test_window_create_destroy);
  g_test_add_func ("/widgets/canvas/properties", test_canvas_properties);
  g_test_add_func ("/widgets/outline/properties", test_outline_properties);
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *name = g_strdup_printf ("/widgets/window/example/%s", examples[i].file);

      g_test_add_data_func (name, &examples[i], test_window_example);
    }
  g_test_add_func ("/widgets/canvas/draws", test_canvas_draws);
  g_test_add_func ("/widgets/canvas/hit-test-hover", test_canvas_hit_test);
  g_test_add_func ("/widgets/window/export", test_window_export);
  g_test_add_func ("/widgets/print", test_print);
  g_test_add_func ("/widgets/window/open-broken", test_window_open_broken);
  g_test_add_func ("/widgets/window/findings", test_window_findings);
  g_test_add_func ("/widgets/window/acknowledge", test_window_acknowledge);
  g_test_add_func ("/widgets/outline/activation", test_outline_activation);

  ret = g_test_run ();

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_object_unref (app);   /* GApplication's exported actions keep it alive until shutdown */

  return ret;
}
