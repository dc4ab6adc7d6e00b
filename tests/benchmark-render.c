/* benchmark-render.c — frame and export figures for a 10,000-element scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates an organisation of about 10,000 boxes (teams and services) and
 * 20,000 connectors (responsibilities and dependencies), shows it in an
 * OpmCanvas in a 1920×1080 window and times real canvas frames: the
 * widget's snapshot plus the rasterisation of its render node with
 * gsk_render_node_draw() onto a 1920×1080 cairo image surface, as GSK's
 * cairo renderer does. Then times a naive full-detail frame and SVG, PDF
 * and PNG export. Run under a display (xvfb-run -a) with GTK_A11Y=none and
 * GSK_RENDERER=cairo; `ninja bench` does.
 *
 *   opmodel-benchmark-render [--repeat K] [--boxes N] [--connectors M] [--only LIST] [--frames DIR]
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <gtk/gtk.h>

#include "opm-canvas.h"
#include "opm-core.h"

#define WIDTH  1920
#define HEIGHT 1080
#define PNG_SCALE 0.25

typedef struct
{
  GtkWidget       *window;
  GtkWidget       *scrolled;
  OpmCanvas       *canvas;
  GtkAdjustment   *hadjustment;
  GtkAdjustment   *vadjustment;
  cairo_surface_t *surface;
  const char      *frames_dir;
  double           last_snapshot;   /* ms, of the last frame() */
  double           last_raster;
} Bench;

typedef struct
{
  char   *figure;
  double  median;   /* ms */
  double  worst;    /* ms, p95 or max, < 0 if not shown */
  double  target;   /* ms, < 0 if none */
  char   *note;
} Row;

static GArray *rows;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* after median(): the values are sorted */
static double
percentile (const double *sorted,
            guint         n,
            double        p)
{
  guint i = (guint) ceil (p * n) - 1;

  return sorted[MIN (i, n - 1)];
}

/* A row of the table from @n timings in ms: their median and 95th percentile. */
static void
add_row (const char *figure,
         double     *times,
         guint       n,
         double      target_ms,
         const char *note_format,
         ...) G_GNUC_PRINTF (5, 6);

static void
add_row (const char *figure,
         double     *times,
         guint       n,
         double      target_ms,
         const char *note_format,
         ...)
{
  Row row = { g_strdup (figure), 0, 0, target_ms, NULL };
  va_list args;

  row.median = median (times, n);
  row.worst = n >= 3 ? percentile (times, n, 0.95) : -1;

  va_start (args, note_format);
  row.note = g_strdup_vprintf (note_format, args);
  va_end (args);
  g_array_append_val (rows, row);
}

static void
print_rows (void)
{
  g_print ("%-44s %10s %10s %9s  %-5s %s\n", "figure", "median", "p95", "target", "met", "notes");
  g_print ("%-44s %10s %10s %9s  %-5s %s\n", "------", "------", "---", "------", "---", "-----");
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      g_autofree char *worst = row->worst >= 0 ? g_strdup_printf ("%.1f ms", row->worst) : g_strdup ("");
      g_autofree char *target = row->target >= 0 ? g_strdup_printf ("≤ %.0f ms", row->target) : g_strdup ("");
      const char *met = row->target < 0 ? "" : row->median <= row->target ? "yes" : "NO";

      /* pad by characters, not bytes: "≤" is one column of three bytes */
      g_print ("%-44s %7.1f ms %10s %*s  %-5s %s\n", row->figure, row->median, worst,
               (int) (9 + strlen (target) - g_utf8_strlen (target, -1)), target, met, row->note);
    }
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

/* The longest single main-loop iteration seen by drain(), in ms. */
static double longest_iteration;

static void
drain (void)
{
  for (guint i = 0; i < 1000; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      gboolean busy = g_main_context_iteration (NULL, FALSE);

      longest_iteration = MAX (longest_iteration, (g_get_monotonic_time () - t0) / 1000.0);
      if (!busy)
        break;
    }
}

static gboolean
on_timeout (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits until the canvas is mapped and allocated its full size. */
static gboolean
wait_for_canvas (Bench *b)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (20, on_timeout, &expired);

  while (!expired && !(gtk_widget_get_mapped (GTK_WIDGET (b->canvas)) &&
                       gtk_widget_get_width (GTK_WIDGET (b->canvas)) == WIDTH &&
                       gtk_widget_get_height (GTK_WIDGET (b->canvas)) == HEIGHT))
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);
  drain ();

  return !expired;
}

/* One frame as GTK draws it: the canvas's snapshot, then the rasterisation
 * of its render node. Returns milliseconds. */
static double
frame (Bench      *b,
       const char *name)
{
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  cairo_t *cr;
  gint64 t0, t1, t2;

  gtk_widget_queue_draw (GTK_WIDGET (b->canvas));

  t0 = g_get_monotonic_time ();
  snapshot = gtk_snapshot_new ();
  gtk_widget_snapshot_child (b->scrolled, GTK_WIDGET (b->canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  t1 = g_get_monotonic_time ();

  cr = cairo_create (b->surface);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (b->surface);
  t2 = g_get_monotonic_time ();

  g_clear_pointer (&node, gsk_render_node_unref);
  b->last_snapshot = (t1 - t0) / 1000.0;
  b->last_raster = (t2 - t1) / 1000.0;

  if (b->frames_dir != NULL && name != NULL)
    {
      g_autofree char *file = g_strconcat (name, ".png", NULL);
      g_autofree char *path = g_build_filename (b->frames_dir, file, NULL);

      cairo_surface_write_to_png (b->surface, path);
    }

  return (t2 - t0) / 1000.0;
}

/* Places the point (x, y) of the document at the centre of the view. */
static void
centre_on (Bench  *b,
           double  x,
           double  y)
{
  double zoom = opm_canvas_get_zoom (b->canvas);

  gtk_adjustment_set_value (b->hadjustment, x * zoom - WIDTH / 2.0);
  gtk_adjustment_set_value (b->vadjustment, y * zoom - HEIGHT / 2.0);
}

/* Slow figures (over 2 s a run) get three runs, not @repeat. */
static guint
runs_for (double first_ms,
          guint  repeat)
{
  return first_ms > 2000 ? MIN (repeat, 3) : repeat;
}

/* What the painter's grid gives a tile: nodes and connectors whose bounds
 * meet a 512-px tile at 100 % and at @fit_zoom, in the middle of the services. */
static void
print_culling (OpmPainter *painter,
               double      fit_zoom)
{
  OpmRect bounds;
  double zooms[] = { 1.0, fit_zoom };

  opm_painter_get_bounds (painter, &bounds);
  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      double side = 512 / zooms[z];
      OpmRect tile = { bounds.x + bounds.width * 0.35 - side / 2, bounds.y + bounds.height * 0.75 - side / 2, side, side };
      g_autoptr(GPtrArray) items = opm_painter_query (painter, &tile);
      guint connectors = 0;

      for (guint i = 0; i < items->len; i++)
        if (OPM_IS_CONNECTOR (g_ptr_array_index (items, i)))
          connectors++;
      g_print ("culling:  a 512-px tile at zoom %.3f (%.0f × %.0f units) is drawn with %u nodes and %u connectors\n",
               zooms[z], side, side, items->len - connectors, connectors);
    }
}

static void
measure_fit (Bench *b,
             guint  repeat)
{
  g_autofree double *fresh = g_new0 (double, repeat);
  g_autofree double *cached = g_new0 (double, repeat);
  g_autofree double *snap = g_new0 (double, repeat);
  g_autofree double *raster = g_new0 (double, repeat);
  OpmRect bounds;
  guint n = repeat;

  opm_painter_get_bounds (opm_canvas_get_painter (b->canvas), &bounds);

  /* fresh: from 100 % to fit, so that every tile is drawn at the new zoom */
  for (guint i = 0; i < n; i++)
    {
      gint64 t0;

      opm_canvas_set_zoom (b->canvas, 1.0);
      centre_on (b, bounds.x + bounds.width / 2, bounds.y + bounds.height / 2);
      frame (b, NULL);

      t0 = g_get_monotonic_time ();
      opm_canvas_zoom_to_fit (b->canvas);
      fresh[i] = (g_get_monotonic_time () - t0) / 1000.0 + frame (b, i == 0 ? "fit" : NULL);
      if (i == 0)
        n = runs_for (fresh[0], repeat);
    }

  for (guint i = 0; i < repeat; i++)
    {
      cached[i] = frame (b, NULL);
      snap[i] = b->last_snapshot;
      raster[i] = b->last_raster;
    }

  add_row ("zoom to fit, tiles drawn fresh", fresh, n, 100,
           "zoom %.3f, %u tiles", opm_canvas_get_zoom (b->canvas), opm_canvas_get_n_cached_tiles (b->canvas));
  add_row ("zoom to fit, tiles cached (redraw)", cached, repeat, 16,
           "e.g. hover; snapshot %.1f + rasterise %.1f", median (snap, repeat), median (raster, repeat));
}

static void
measure_pan (Bench *b,
             guint  repeat)
{
  guint n_cached = repeat * 4;
  guint n_sweep = 240;
  g_autofree double *cached = g_new0 (double, n_cached);
  g_autofree double *snap = g_new0 (double, n_cached);
  g_autofree double *raster = g_new0 (double, n_cached);
  g_autofree double *fresh = g_new0 (double, repeat);
  g_autofree double *sweep = g_new0 (double, n_sweep);
  guint columns = (guint) ceil (sqrt (repeat * 2.0));
  OpmRect bounds;
  double cx, cy;
  double worst = 0;
  guint n_fresh = repeat;

  opm_painter_get_bounds (opm_canvas_get_painter (b->canvas), &bounds);
  opm_canvas_set_zoom (b->canvas, 1.0);

  /* fresh: each frame at a part of the document not seen before */
  for (guint i = 0; i < n_fresh; i++)
    {
      double fx = (i % columns + 0.5) / columns;
      double fy = (i / columns + 0.5) / ceil ((double) repeat / columns);

      centre_on (b, bounds.x + fx * bounds.width, bounds.y + fy * bounds.height);
      fresh[i] = frame (b, i == 0 ? "100-fresh" : NULL);
      if (i == 0)
        n_fresh = runs_for (fresh[0], repeat);
    }

  /* steady: panning to and fro over tiles already drawn, among the services */
  cx = bounds.x + bounds.width * 0.35;
  cy = bounds.y + bounds.height * 0.75;
  for (double dx = 0; dx <= 600; dx += 100)
    for (double dy = 0; dy <= 20; dy += 20)
      {
        centre_on (b, cx + dx, cy + dy);
        frame (b, NULL);
      }
  for (guint i = 0; i < n_cached; i++)
    {
      centre_on (b, cx + 17.0 * (i % 32), cy + 3.0 * (i % 7));
      cached[i] = frame (b, i == 0 ? "100-cached" : NULL);
      snap[i] = b->last_snapshot;
      raster[i] = b->last_raster;
    }

  /* a continuous pan, 20 px a frame: tiles are drawn as they come into view */
  for (guint i = 0; i < n_sweep; i++)
    {
      centre_on (b, cx - 3000 + 20.0 * i, cy - 1500);
      sweep[i] = frame (b, NULL);
    }

  add_row ("100 %, pan over cached tiles", cached, n_cached, 16,
           "%u frames; snapshot %.1f + rasterise %.1f", n_cached, median (snap, n_cached), median (raster, n_cached));
  add_row ("100 %, every tile drawn fresh", fresh, n_fresh, 16,
           "whole view new, up to 20 tiles of 512 px");
  for (guint i = 0; i < n_sweep; i++)
    worst = MAX (worst, sweep[i]);
  add_row ("100 %, continuous pan 20 px/frame", sweep, n_sweep, 16,
           "%u frames; max %.1f ms (a new row or column of tiles)", n_sweep, worst);
}

static GtkGesture *
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

  g_error ("the canvas has no editing gesture");
  return NULL;
}

/* A drag as the canvas gets it from a pointer: press on a service, move a
 * few pixels a frame, release. */
static void
measure_drag (Bench       *b,
              OpmDocument *document,
              OpmScenario *scenario,
              guint        repeat)
{
  GListModel *services = opm_scenario_get_services (scenario);
  g_autoptr(OpmElement) service = g_list_model_get_item (services, n_items (services) / 2);
  OpmPainter *painter = opm_canvas_get_painter (b->canvas);
  GtkGesture *gesture = edit_gesture (b->canvas);
  guint n = MAX (repeat, 30);
  g_autofree double *total = g_new0 (double, n);
  g_autofree double *edit = g_new0 (double, n);
  g_autofree double *draw = g_new0 (double, n);
  double start_frame, drop_frame, x0, y0, wx, wy;
  OpmRect box;
  gint64 t0, t1;

  opm_painter_get_element_bounds (painter, service, &box);
  opm_canvas_set_zoom (b->canvas, 1.0);
  centre_on (b, box.x + box.width / 2, box.y + box.height / 2);
  frame (b, NULL);
  drain ();

  opm_canvas_widget_to_document (b->canvas, 0, 0, &x0, &y0);
  wx = box.x + box.width / 2 - x0;
  wy = box.y + box.height / 2 - y0;

  g_signal_emit_by_name (gesture, "drag-begin", wx, wy);
  longest_iteration = 0;

  /* the first move takes the service (and its lines) out of the tiles */
  t0 = g_get_monotonic_time ();
  g_signal_emit_by_name (gesture, "drag-update", 4.0, 0.0);
  gtk_widget_allocate (GTK_WIDGET (b->canvas), WIDTH, HEIGHT, -1, NULL);
  t1 = g_get_monotonic_time ();
  start_frame = (t1 - t0) / 1000.0 + frame (b, NULL);
  drain ();

  for (guint i = 0; i < n; i++)
    {
      t0 = g_get_monotonic_time ();
      g_signal_emit_by_name (gesture, "drag-update", 4.0 * (i + 2), 2.0 * (i + 1));
      gtk_widget_allocate (GTK_WIDGET (b->canvas), WIDTH, HEIGHT, -1, NULL);
      t1 = g_get_monotonic_time ();
      edit[i] = (t1 - t0) / 1000.0;
      draw[i] = frame (b, i == 0 ? "drag" : NULL);
      total[i] = edit[i] + draw[i];
      drain ();
    }

  t0 = g_get_monotonic_time ();
  g_signal_emit_by_name (gesture, "drag-end", 4.0 * (n + 1), 2.0 * n);
  gtk_widget_allocate (GTK_WIDGET (b->canvas), WIDTH, HEIGHT, -1, NULL);
  t1 = g_get_monotonic_time ();
  drop_frame = (t1 - t0) / 1000.0 + frame (b, NULL);
  drain ();

  if (!opm_document_undo (document))
    g_error ("the drag left no undo step");

  add_row ("drag one service at 100 % (whole frame)", total, n, 16,
           "%u frames = move %.2f + frame %.1f; first frame %.0f ms, drop %.0f ms; "
           "longest main-loop stall %.0f ms (tiles redrawn in idle)",
           n, median (edit, n), median (draw, n), start_frame, drop_frame, longest_iteration);
}

/* The rest of one edit as the window goes on after it: the canvas's
 * allocation and the next frame, then the main loop drained. Returns the
 * milliseconds since @t0 up to the frame and keeps the longest stall. */
static double
finish_edit (Bench  *b,
             gint64  t0,
             double *stall)
{
  double ms;

  gtk_widget_allocate (GTK_WIDGET (b->canvas), WIDTH, HEIGHT, -1, NULL);
  ms = (g_get_monotonic_time () - t0) / 1000.0 + frame (b, NULL);
  drain ();
  *stall = MAX (*stall, MAX (longest_iteration, ms));

  return ms;
}

static void
undo_or_fail (OpmDocument *document)
{
  if (!opm_document_undo (document))
    g_error ("nothing to undo");
}

static void
redo_or_fail (OpmDocument *document)
{
  if (!opm_document_redo (document))
    g_error ("nothing to redo");
}

/* The edit, its undo and its redo, each timed with finish_edit(); then
 * undone again, back to the generated document. */
#define TIME_EDIT_UNDO_REDO(edit, times, i)          \
  G_STMT_START                                      \
  {                                                 \
    gint64 t0_;                                     \
                                                    \
    longest_iteration = 0;                          \
    t0_ = g_get_monotonic_time ();                  \
    edit;                                           \
    times[0][i] = finish_edit (b, t0_, &stall);     \
    longest_iteration = 0;                          \
    t0_ = g_get_monotonic_time ();                  \
    undo_or_fail (document);                        \
    times[1][i] = finish_edit (b, t0_, &stall);     \
    longest_iteration = 0;                          \
    t0_ = g_get_monotonic_time ();                  \
    redo_or_fail (document);                        \
    times[2][i] = finish_edit (b, t0_, &stall);     \
    undo_or_fail (document);                        \
    drain ();                                       \
  }                                                 \
  G_STMT_END

/* Structural edits as the palette and Delete make them: add a team in the
 * view, delete it, undo the delete. Each is the command plus the next
 * frame; the stall is the longest main-loop iteration around them. */
static void
measure_structure (Bench       *b,
                   OpmDocument *document,
                   OpmScenario *scenario,
                   guint        repeat)
{
  guint n = MAX (repeat, 5);
  g_autofree double *add = g_new0 (double, n);
  g_autofree double *remove = g_new0 (double, n);
  g_autofree double *undo = g_new0 (double, n);
  double x0, y0, stall = 0;

  opm_canvas_set_zoom (b->canvas, 1.0);
  frame (b, NULL);
  drain ();
  opm_canvas_widget_to_document (b->canvas, WIDTH / 2.0, HEIGHT / 2.0, &x0, &y0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OpmTeam) team = opm_team_new ();
      g_autoptr(GError) error = NULL;
      gint64 t0;

      g_object_set (team, "name", "Benchmark team", "x", x0, "y", y0, NULL);

      longest_iteration = 0;
      t0 = g_get_monotonic_time ();
      if (!opm_document_add_element (document, scenario, OPM_ELEMENT (team), &error))
        g_error ("cannot add: %s", error->message);
      add[i] = finish_edit (b, t0, &stall);

      longest_iteration = 0;
      t0 = g_get_monotonic_time ();
      if (!opm_document_remove_element (document, OPM_ELEMENT (team), &error))
        g_error ("cannot delete: %s", error->message);
      remove[i] = finish_edit (b, t0, &stall);

      longest_iteration = 0;
      t0 = g_get_monotonic_time ();
      undo_or_fail (document);
      undo[i] = finish_edit (b, t0, &stall);

      /* back to the generated document */
      undo_or_fail (document);
      drain ();
    }

  add_row ("add a team at 100 % (command + frame)", add, n, 50, "%u runs", n);
  add_row ("delete it (command + frame)", remove, n, 50, "%u runs", n);
  add_row ("undo the delete (command + frame)", undo, n, 50,
           "%u runs; longest main-loop stall of the three %.0f ms", n, stall);
}

/* The service nearest the middle of the window that has a duty and
 * depends on another service; @duty: one of its duties, @other: that one. */
static OpmService *
service_in_view (Bench              *b,
                 OpmScenario        *scenario,
                 OpmResponsibility **duty,
                 OpmService        **other)
{
  GListModel *duties = opm_scenario_get_responsibilities (scenario);
  GListModel *dependencies = opm_scenario_get_dependencies (scenario);
  g_autoptr(GHashTable) duty_of = g_hash_table_new (NULL, NULL);
  OpmService *best = NULL;
  double x0, y0, best_distance = G_MAXDOUBLE;

  for (guint i = 0; i < n_items (duties); i++)
    {
      g_autoptr(OpmResponsibility) r = g_list_model_get_item (duties, i);

      g_hash_table_insert (duty_of, opm_responsibility_get_service (r), r);
    }

  opm_canvas_widget_to_document (b->canvas, WIDTH / 2.0, HEIGHT / 2.0, &x0, &y0);
  for (guint i = 0; i < n_items (dependencies); i++)
    {
      g_autoptr(OpmDependency) d = g_list_model_get_item (dependencies, i);
      OpmService *from = opm_dependency_get_from (d);
      double distance = hypot (opm_node_get_x (OPM_NODE (from)) - x0, opm_node_get_y (OPM_NODE (from)) - y0);

      if (distance < best_distance && g_hash_table_contains (duty_of, from))
        {
          best_distance = distance;
          best = from;
          *duty = g_hash_table_lookup (duty_of, from);
          *other = opm_dependency_get_to (d);
        }
    }

  if (best == NULL)
    g_error ("no service has both a duty and a dependency");
  return best;
}

/* The other structural edits made live: a duty or a dependency added,
 * a service deleted with its lines, a few cards duplicated or pasted with
 * the lines among them, a duty's activity changed; each with its undo
 * and redo. */
static void
measure_edits (Bench       *b,
               OpmDocument *document,
               OpmScenario *scenario,
               guint        repeat)
{
  static const char *names[][3] = {
    { "add a duty (command + frame)", "undo it", "redo it" },
    { "add a dependency (command + frame)", "undo it", "redo it" },
    { "delete a service with its lines", "undo it", "redo it" },
    { "duplicate 3 cards with their lines", "undo it", "redo it" },
    { "paste 3 cards with their lines", "undo it", "redo it" },
    { "change a duty's activity", "undo it", "redo it" },
  };
  guint n = MAX (repeat, 5);
  double *times[G_N_ELEMENTS (names)][3];
  double stall = 0;
  OpmService *service, *other = NULL;
  OpmTeam *team = NULL;
  OpmResponsibility *duty = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GBytes) copied = NULL;
  g_autoptr(GError) error = NULL;

  for (guint e = 0; e < G_N_ELEMENTS (names); e++)
    for (guint k = 0; k < 3; k++)
      times[e][k] = g_new0 (double, n);

  opm_canvas_set_zoom (b->canvas, 1.0);
  frame (b, NULL);
  drain ();

  /* a service in view, one of its duties and a dependency of it */
  service = service_in_view (b, scenario, &duty, &other);
  team = opm_responsibility_get_team (duty);
  g_ptr_array_add (cards, service);
  g_ptr_array_add (cards, other);
  g_ptr_array_add (cards, team);
  copied = opm_clipboard_copy (scenario, cards, &error);
  if (copied == NULL)
    g_error ("cannot copy: %s", error->message);

  for (guint i = 0; i < n; i++)
    {
      TIME_EDIT_UNDO_REDO (
        {
          g_autoptr(OpmResponsibility) r = opm_responsibility_new (team, service, OPM_ACTIVITY_ON_CALL);

          if (!opm_document_add_element (document, scenario, OPM_ELEMENT (r), &error))
            g_error ("cannot add: %s", error->message);
        }, times[0], i);

      TIME_EDIT_UNDO_REDO (
        {
          g_autoptr(OpmDependency) d = opm_dependency_new (other, service);

          if (!opm_document_add_element (document, scenario, OPM_ELEMENT (d), &error))
            g_error ("cannot add: %s", error->message);
        }, times[1], i);

      TIME_EDIT_UNDO_REDO (
        {
          if (!opm_document_remove_element (document, OPM_ELEMENT (service), &error))
            g_error ("cannot delete: %s", error->message);
        }, times[2], i);

      TIME_EDIT_UNDO_REDO (
        {
          opm_canvas_set_selection (b->canvas, cards);
          opm_canvas_duplicate_selection (b->canvas);
        }, times[3], i);
      opm_canvas_unselect_all (b->canvas);

      TIME_EDIT_UNDO_REDO (
        {
          g_autoptr(GPtrArray) pasted = opm_clipboard_paste (document, scenario, copied, 40, 40, &error);

          if (pasted == NULL)
            g_error ("cannot paste: %s", error->message);
        }, times[4], i);

      TIME_EDIT_UNDO_REDO (
        {
          if (!opm_document_set (document, &error, duty, "activity",
                                 opm_responsibility_get_activity (duty) == OPM_ACTIVITY_PROBLEM_FIX
                                   ? OPM_ACTIVITY_ON_CALL : OPM_ACTIVITY_PROBLEM_FIX, NULL))
            g_error ("cannot set: %s", error->message);
        }, times[5], i);
    }

  for (guint e = 0; e < G_N_ELEMENTS (names); e++)
    for (guint k = 0; k < 3; k++)
      {
        if (e + 1 == G_N_ELEMENTS (names) && k == 2)
          add_row (names[e][k], times[e][k], n, 50, "%u runs; longest main-loop stall of all %.0f ms", n, stall);
        else
          add_row (names[e][k], times[e][k], n, 50, "%u runs", n);
        g_free (times[e][k]);
      }
}

/* With the checker's divides and badges drawn over the tiles, as the window
 * shows them: a frame at zoom-to-fit (every divide in view) and at 100 %. */
static void
measure_findings (Bench       *b,
                  OpmDocument *document,
                  OpmScenario *scenario,
                  guint        repeat)
{
  OpmPainter *painter = opm_canvas_get_painter (b->canvas);
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree double *fit = g_new0 (double, repeat);
  g_autofree double *full = g_new0 (double, repeat);
  double check;
  gint64 t0;

  t0 = g_get_monotonic_time ();
  findings = opm_check_scenario (scenario, opm_document_get_parameters (document));
  opm_painter_show_findings (painter, findings);
  check = (g_get_monotonic_time () - t0) / 1000.0;

  opm_canvas_zoom_to_fit (b->canvas);
  frame (b, NULL);
  drain ();
  for (guint i = 0; i < repeat; i++)
    fit[i] = frame (b, i == 0 ? "findings-fit" : NULL);

  opm_canvas_set_zoom (b->canvas, 1.0);
  frame (b, NULL);
  drain ();
  for (guint i = 0; i < repeat; i++)
    full[i] = frame (b, i == 0 ? "findings-100" : NULL);

  add_row ("findings shown: zoom to fit (cached)", fit, repeat, 16,
           "%u findings, %u divides; check + overlay %.1f ms", findings->len, opm_painter_get_n_divides (painter), check);
  add_row ("findings shown: 100 % (cached)", full, repeat, 16, "divides and badges in view only");

  opm_painter_clear_findings (painter);
}

/* The painter at full detail over everything, no tiles, no culling. */
static void
measure_naive (Bench       *b,
               OpmScenario *scenario,
               guint        repeat)
{
  g_autoptr(OpmPainter) painter = opm_painter_new (scenario);
  g_autofree double *times = g_new0 (double, repeat);
  g_autofree double *layouts = g_new0 (double, repeat);
  OpmRect bounds;
  double zoom;
  guint n_layouts = repeat;
  guint n = repeat;

  for (guint i = 0; i < n_layouts; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      opm_painter_invalidate (painter);
      opm_painter_get_bounds (painter, &bounds);
      layouts[i] = (g_get_monotonic_time () - t0) / 1000.0;
      if (i == 0)
        n_layouts = runs_for (layouts[0], repeat);
    }
  zoom = MIN (WIDTH / bounds.width, HEIGHT / bounds.height);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OpmRenderer) renderer = NULL;
      cairo_t *cr = cairo_create (b->surface);
      gint64 t0 = g_get_monotonic_time ();

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, zoom, zoom);
      cairo_translate (cr, -bounds.x, -bounds.y);
      renderer = opm_cairo_renderer_new (cr);
      opm_painter_draw (painter, renderer, NULL, 1.0);
      g_clear_object (&renderer);
      cairo_destroy (cr);
      cairo_surface_flush (b->surface);
      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
      if (i == 0)
        n = runs_for (times[0], repeat);
    }

  if (b->frames_dir != NULL)
    {
      g_autofree char *path = g_build_filename (b->frames_dir, "naive.png", NULL);
      cairo_surface_write_to_png (b->surface, path);
    }

  add_row ("naive frame: painter, full detail, no cull", times, n, -1,
           "for comparison: one cairo_t, scale 1, visible NULL");
  add_row ("painter layout (whole scenario)", layouts, n_layouts, -1,
           "on load, add/delete, undo of those, export; %u runs", n_layouts);
}

static void
measure_export (Bench       *b,
                OpmDocument *document,
                OpmScenario *scenario,
                guint        repeat)
{
  static const struct { OpmExportFormat format; const char *name; double target; } formats[] = {
    { OPM_EXPORT_SVG, "SVG", 1000 },
    { OPM_EXPORT_PDF, "PDF", 1000 },
    { OPM_EXPORT_PNG, "PNG", -1 },
  };
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      guint n = MIN (repeat, 5);
      g_autofree double *times = g_new0 (double, n);
      g_autofree char *figure = g_strdup_printf ("export %s, whole scenario", formats[f].name);
      OpmExportOptions options = { NULL, formats[f].format == OPM_EXPORT_PNG ? PNG_SCALE : 0, FALSE, FALSE, FALSE };
      gsize size = 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GBytes) bytes = NULL;
          gint64 t0 = g_get_monotonic_time ();

          bytes = opm_export_scenario_to_bytes (document, scenario, formats[f].format, &options, &error);
          times[i] = (g_get_monotonic_time () - t0) / 1000.0;
          if (bytes == NULL)
            g_error ("%s export: %s", formats[f].name, error->message);
          size = g_bytes_get_size (bytes);
          if (i == 0)
            n = runs_for (times[0], n);
        }

      if (formats[f].format == OPM_EXPORT_PNG)
        {
          OpmRect frame_rect;

          opm_export_get_frame (opm_canvas_get_painter (b->canvas), &options, &frame_rect);
          add_row (figure, times, n, formats[f].target,
                   "%.1f MiB, %.0f × %.0f px (scale %.2f), %u runs", size / 1048576.0,
                   ceil (frame_rect.width * PNG_SCALE), ceil (frame_rect.height * PNG_SCALE), PNG_SCALE, n);
        }
      else
        {
          add_row (figure, times, n, formats[f].target,
                   "%.1f MiB, %u runs", size / 1048576.0, n);
        }
    }
}

static gboolean
wanted (const char *only,
        const char *figure)
{
  g_auto(GStrv) names = NULL;

  if (only == NULL)
    return TRUE;
  names = g_strsplit (only, ",", -1);
  return g_strv_contains ((const char * const *) names, figure);
}

/* About @boxes teams and services with about @connectors responsibilities
 * and dependencies: the generator makes about 5.5 connectors a service and
 * none for a team, so the services set the connectors and the teams the rest. */
static OpmDocument *
generate (guint  boxes,
          guint  connectors,
          guint *teams_out,
          guint *services_out)
{
  OpmDocument *document = NULL;
  guint services = (guint) (connectors / 5.5);

  for (guint attempt = 0; attempt < 4; attempt++)
    {
      OpmScenario *scenario;
      guint made;

      services = CLAMP (services, 1, boxes - 4);
      g_clear_object (&document);
      document = opm_generate_organisation (boxes - services, services, 42);
      scenario = opm_document_get_scenario (document, 0);
      made = n_items (opm_scenario_get_responsibilities (scenario)) + n_items (opm_scenario_get_dependencies (scenario));
      if (fabs ((double) made - connectors) < connectors * 0.005)
        break;
      services = (guint) round (services * (double) connectors / made);
    }

  *teams_out = boxes - services;
  *services_out = services;
  return document;
}

int
main (int   argc,
      char *argv[])
{
  gint64 repeat = 9;
  gint64 boxes = 10000;
  gint64 connectors = 20000;
  g_autofree char *frames_dir = NULL;
  g_autofree char *only = NULL;
  GOptionEntry entries[] = {
    { "repeat", 0, 0, G_OPTION_ARG_INT64, &repeat, "Runs per figure (default 9)", "K" },
    { "boxes", 0, 0, G_OPTION_ARG_INT64, &boxes, "Teams and services (default 10000)", "N" },
    { "connectors", 0, 0, G_OPTION_ARG_INT64, &connectors, "Responsibilities and dependencies (default 20000)", "M" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Measure only these: fit,pan,drag,edit,findings,naive,export", "LIST" },
    { "frames", 0, 0, G_OPTION_ARG_FILENAME, &frames_dir, "Write sample frames as PNG into DIR", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time canvas frames and export");
  g_autoptr(GError) error = NULL;
  g_autoptr(OpmDocument) document = NULL;
  OpmScenario *scenario;
  Bench b = { NULL };
  guint teams, services;
  gint64 t0, t1, t2;
  struct rusage usage;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (repeat < 1 || repeat > 100 || boxes < 10 || boxes > 1000000 || connectors < 10 || connectors > 5000000)
    {
      g_printerr ("--repeat must be 1–100, --boxes 10–1000000, --connectors 10–5000000\n");
      return 2;
    }
  if (!gtk_init_check ())
    {
      g_printerr ("no display: run under xvfb-run -a (ninja bench does)\n");
      return 77;
    }

  rows = g_array_new (FALSE, FALSE, sizeof (Row));
  b.frames_dir = frames_dir;

  t0 = g_get_monotonic_time ();
  document = generate ((guint) boxes, (guint) connectors, &teams, &services);
  scenario = opm_document_get_scenario (document, 0);
  t1 = g_get_monotonic_time ();

  b.window = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (b.window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (b.window), WIDTH, HEIGHT);
  b.scrolled = gtk_scrolled_window_new ();
  b.canvas = OPM_CANVAS (opm_canvas_new (scenario));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (b.scrolled), GTK_WIDGET (b.canvas));
  gtk_window_set_child (GTK_WINDOW (b.window), b.scrolled);
  gtk_window_present (GTK_WINDOW (b.window));
  if (!wait_for_canvas (&b))
    {
      g_printerr ("the canvas was not shown at %d × %d (it is %d × %d)\n", WIDTH, HEIGHT,
                  gtk_widget_get_width (GTK_WIDGET (b.canvas)), gtk_widget_get_height (GTK_WIDGET (b.canvas)));
      return 1;
    }
  t2 = g_get_monotonic_time ();
  b.hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (b.canvas));
  b.vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (b.canvas));
  b.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);

  g_print ("Opmodel benchmark: rendering\n");
  g_print ("model:    %u boxes (%u teams, %u services), %u connectors (%u responsibilities, %u dependencies)\n",
           teams + services, teams, services,
           n_items (opm_scenario_get_responsibilities (scenario)) + n_items (opm_scenario_get_dependencies (scenario)),
           n_items (opm_scenario_get_responsibilities (scenario)), n_items (opm_scenario_get_dependencies (scenario)));
  g_print ("setup:    generated in %.2f s, window shown in %.2f s\n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
  g_print ("frame:    OpmCanvas %d × %d, snapshot + gsk_render_node_draw onto a cairo image surface, "
           "GSK_RENDERER=%s; medians of %" G_GINT64_FORMAT " runs (3 when a run takes over 2 s) unless noted\n",
           gtk_widget_get_width (GTK_WIDGET (b.canvas)), gtk_widget_get_height (GTK_WIDGET (b.canvas)),
           g_getenv ("GSK_RENDERER"), repeat);
  {
    OpmRect bounds;

    opm_painter_get_bounds (opm_canvas_get_painter (b.canvas), &bounds);
    print_culling (opm_canvas_get_painter (b.canvas),
                   MIN ((WIDTH - 32) / (bounds.width + 48), (HEIGHT - 32) / (bounds.height + 48)));
  }
  g_print ("\n");

  if (wanted (only, "fit"))
    measure_fit (&b, (guint) repeat);
  if (wanted (only, "pan"))
    measure_pan (&b, (guint) repeat);
  if (wanted (only, "drag"))
    measure_drag (&b, document, scenario, (guint) repeat);
  if (wanted (only, "edit"))
    {
      measure_structure (&b, document, scenario, (guint) repeat);
      measure_edits (&b, document, scenario, (guint) repeat);
    }
  if (wanted (only, "findings"))
    measure_findings (&b, document, scenario, (guint) repeat);
  if (wanted (only, "naive"))
    measure_naive (&b, scenario, (guint) repeat);
  if (wanted (only, "export"))
    measure_export (&b, document, scenario, (guint) repeat);

  print_rows ();
  getrusage (RUSAGE_SELF, &usage);
  g_print ("\npeak memory: %.0f MiB (this process)\n", usage.ru_maxrss / 1024.0);

  gtk_window_destroy (GTK_WINDOW (b.window));
  cairo_surface_destroy (b.surface);
  for (guint i = 0; i < rows->len; i++)
    {
      g_free (g_array_index (rows, Row, i).figure);
      g_free (g_array_index (rows, Row, i).note);
    }
  g_array_unref (rows);

  return 0;
}
