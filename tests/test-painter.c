/* test-painter.c — the painter: layout, culling, hit testing, overlays, damage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "opm-core.h"

static OpmDocument *
small_document (OpmTeam    **team,
                OpmService **web,
                OpmService **db)
{
  OpmDocument *document = opm_document_new ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(OpmTeam) t = opm_team_new ();
  g_autoptr(OpmTeam) ops = opm_team_new ();
  g_autoptr(OpmService) w = opm_service_new ();
  g_autoptr(OpmService) d = opm_service_new ();
  g_autoptr(OpmResponsibility) r1 = NULL;
  g_autoptr(OpmResponsibility) r2 = NULL;
  g_autoptr(OpmResponsibility) r3 = NULL;
  g_autoptr(OpmDependency) dep = NULL;

  g_object_set (t, "name", "Web Delivery", "x", 0.0, "y", 0.0, "width", 200.0, "height", 100.0, NULL);
  g_object_set (ops, "name", "Operations", "kind", OPM_TEAM_KIND_OPS_BRIDGE, "x", 600.0, "y", 0.0,
                "width", 200.0, "height", 100.0, NULL);
  g_object_set (w, "name", "Web Shop", "x", 0.0, "y", 400.0, "width", 180.0, "height", 100.0, NULL);
  g_object_set (d, "name", "Orders DB", "class", OPM_SERVICE_KIND_DATA_STORE, "x", 600.0, "y", 400.0,
                "width", 180.0, "height", 100.0, NULL);
  g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (t), &error));
  g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (ops), &error));
  g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (w), &error));
  g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (d), &error));

  r1 = opm_responsibility_new (t, w, OPM_ACTIVITY_BUILD);
  r2 = opm_responsibility_new (t, w, OPM_ACTIVITY_SUPPORT_L3);
  r3 = opm_responsibility_new (ops, w, OPM_ACTIVITY_OPERATE_L1);
  dep = opm_dependency_new (w, d);
  g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (r1), &error));
  g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (r2), &error));
  g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (r3), &error));
  g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (dep), &error));
  g_assert_no_error (error);

  *team = t;
  *web = w;
  *db = d;

  return document;
}

static char *
render_svg (OpmPainter *painter,
            gboolean    overlays)
{
  OpmRect bounds;
  g_autoptr(OpmRenderer) renderer = NULL;
  g_autoptr(GBytes) bytes = NULL;

  opm_painter_get_bounds (painter, &bounds);
  renderer = opm_svg_renderer_new (bounds.x, bounds.y, bounds.width, bounds.height, 1, "test");
  opm_painter_draw (painter, renderer, NULL, 1.0);
  if (overlays)
    opm_painter_draw_overlays (painter, renderer, 1.0);
  bytes = opm_svg_renderer_finish (OPM_SVG_RENDERER (renderer));

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_bounds_and_hits (void)
{
  OpmTeam *team;
  OpmService *web, *db;
  g_autoptr(OpmDocument) document = small_document (&team, &web, &db);
  g_autoptr(OpmPainter) painter = opm_painter_new (opm_document_get_scenario (document, 0));
  OpmRect bounds, b;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) corner = NULL;
  OpmRect top_left = { -10, -10, 50, 50 };

  opm_painter_get_bounds (painter, &bounds);
  g_assert_cmpfloat (bounds.x, <=, 0);
  g_assert_cmpfloat (bounds.y, <=, 0);
  g_assert_cmpfloat (bounds.x + bounds.width, >=, 800);
  g_assert_cmpfloat (bounds.y + bounds.height, >=, 500);

  g_assert_true (opm_painter_get_element_bounds (painter, OPM_ELEMENT (team), &b));
  g_assert_cmpfloat (b.x, ==, 0);
  g_assert_cmpfloat (b.width, ==, 200);

  /* nodes are hit inside, connectors near their line, nothing in empty space */
  g_assert_true (opm_painter_hit_test (painter, 100, 50, 4) == OPM_ELEMENT (team));
  g_assert_true (opm_painter_hit_test (painter, 690, 450, 4) == OPM_ELEMENT (db));
  g_assert_null (opm_painter_hit_test (painter, 400, 900, 4));
  g_assert_true (OPM_IS_DEPENDENCY (opm_painter_hit_test (painter, 390, 450, 4)));
  g_assert_true (OPM_IS_RESPONSIBILITY (opm_painter_hit_test (painter, 80, 250, 8)));

  /* culling: a small area meets only what is there */
  all = opm_painter_query (painter, NULL);
  g_assert_cmpuint (all->len, ==, 8);
  corner = opm_painter_query (painter, &top_left);
  g_assert_cmpuint (corner->len, ==, 1);
  g_assert_true (g_ptr_array_index (corner, 0) == team);
}

/* Culling finds a line at every point of it, also where it only cuts the
 * corner of one of the painter's cells (a dependency: no label to help). */
static void
test_lines_found_along_their_length (void)
{
  static const double targets[][2] = {
    { 550, 580 }, { 1450, 530 }, { 530, 1450 }, { -850, 905 }, { 1210, -790 }, { 250, 1370 },
    { -1500, -1459 }, { -1500, -1254 }, { 1463, 1423 }, { 1500, -1213 },
  };

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    {
      g_autoptr(OpmDocument) document = opm_document_new ();
      OpmScenario *scenario = opm_document_get_scenario (document, 0);
      g_autoptr(OpmService) from = opm_service_new ();
      g_autoptr(OpmService) service = opm_service_new ();
      g_autoptr(OpmDependency) line = NULL;
      g_autoptr(OpmPainter) painter = NULL;
      g_autoptr(GError) error = NULL;
      double sx = 250, sy = 250, tx = targets[t][0], ty = targets[t][1];
      guint steps;

      g_object_set (from, "name", "Front", "x", sx - 50, "y", sy - 50, "width", 100.0, "height", 100.0, NULL);
      g_object_set (service, "name", "Service", "x", tx - 50, "y", ty - 50, "width", 100.0, "height", 100.0, NULL);
      g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (from), &error));
      g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (service), &error));
      line = opm_dependency_new (from, service);
      g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (line), &error));
      painter = opm_painter_new (scenario);

      /* the stretch between the boxes, every unit */
      steps = (guint) hypot (tx - sx, ty - sy);
      for (guint i = 0; i <= steps; i++)
        {
          double x = sx + (tx - sx) * i / steps;
          double y = sy + (ty - sy) * i / steps;
          OpmRect area = { x - 1, y - 1, 2, 2 };
          g_autoptr(GPtrArray) found = NULL;
          gboolean seen = FALSE;

          if (fabs (x - sx) < 52 && fabs (y - sy) < 52)
            continue;
          if (fabs (x - tx) < 52 && fabs (y - ty) < 52)
            continue;

          found = opm_painter_query (painter, &area);
          for (guint k = 0; k < found->len; k++)
            seen |= g_ptr_array_index (found, k) == (gpointer) line;
          if (!seen)
            g_error ("the line to (%g, %g) is not found at (%.1f, %.1f)", tx, ty, x, y);
        }
    }
}

static void
test_svg_is_semantic (void)
{
  OpmTeam *team;
  OpmService *web, *db;
  g_autoptr(OpmDocument) document = small_document (&team, &web, &db);
  g_autoptr(OpmPainter) painter = opm_painter_new (opm_document_get_scenario (document, 0));
  g_autofree char *svg = render_svg (painter, FALSE);
  g_autofree char *team_group = g_strdup_printf ("<g id=\"%s\" class=\"opm-team opm-team-product\">",
                                                 opm_element_get_id (OPM_ELEMENT (team)));

  g_assert_nonnull (strstr (svg, team_group));
  g_assert_nonnull (strstr (svg, "<title>Web Delivery — Product team</title>"));
  g_assert_nonnull (strstr (svg, ">Web Delivery</text>"));
  g_assert_nonnull (strstr (svg, ">Orders DB</text>"));
  g_assert_nonnull (strstr (svg, "class=\"opm-responsibility opm-phase-build\""));
  g_assert_nonnull (strstr (svg, "class=\"opm-dependency opm-synchronous\""));
  /* the two duties of one team for one service share one label */
  g_assert_nonnull (strstr (svg, ">build · support L3</text>"));
  g_assert_null (strstr (svg, ">build</text>"));
}

static void
test_overlays (void)
{
  OpmTeam *team;
  OpmService *web, *db;
  g_autoptr(OpmDocument) document = small_document (&team, &web, &db);
  g_autoptr(OpmPainter) painter = opm_painter_new (opm_document_get_scenario (document, 0));
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(OpmTeam) ops = g_list_model_get_item (opm_scenario_get_teams (scenario), 1);
  OpmRgba red = { 0.8, 0.1, 0.1, 1 };
  g_autofree char *plain = render_svg (painter, TRUE);
  g_autofree char *marked = NULL;

  opm_painter_add_divide (painter, OPM_ELEMENT (team), OPM_ELEMENT (ops), "Build | Run");
  opm_painter_set_badge (painter, OPM_ELEMENT (web), "3", &red);
  opm_painter_set_highlight (painter, OPM_ELEMENT (db), &red);
  marked = render_svg (painter, TRUE);

  g_assert_null (strstr (plain, "opm-divides"));
  g_assert_nonnull (strstr (marked, "<g class=\"opm-divides\">"));
  g_assert_nonnull (strstr (marked, ">Build | Run</text>"));
  g_assert_nonnull (strstr (marked, ">3</text>"));

  opm_painter_clear_overlays (painter);
  {
    g_autofree char *cleared = render_svg (painter, TRUE);
    g_assert_cmpstr (cleared, ==, plain);
  }
}

/* A replayed incident: the failing service, what goes down with it, the way
 * it took and who holds it now. */
static void
test_incident_overlay (void)
{
  OpmTeam *team;
  OpmService *web, *db;
  g_autoptr(OpmDocument) document = small_document (&team, &web, &db);
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(OpmPainter) painter = opm_painter_new (scenario);
  g_autoptr(OpmTeam) ops = g_list_model_get_item (opm_scenario_get_teams (scenario), 1);
  g_autoptr(GPtrArray) affected = g_ptr_array_new ();
  g_autoptr(GPtrArray) route = g_ptr_array_new ();
  g_autoptr(GPtrArray) legs = g_ptr_array_new ();
  const double impacts[] = { 1.0, 0.3 };
  g_autofree char *plain = render_svg (painter, TRUE);
  g_autofree char *marked = NULL;
  OpmIncidentView view = { 0 };

  g_assert_null (opm_painter_get_incident_holder (painter));

  g_ptr_array_add (affected, db);
  g_ptr_array_add (affected, web);
  g_ptr_array_add (route, db);
  g_ptr_array_add (route, ops);
  g_ptr_array_add (route, team);
  g_ptr_array_add (legs, "10 min");
  g_ptr_array_add (legs, "25 min");
  view.service = db;
  view.affected = affected;
  view.impacts = impacts;
  view.route = route;
  view.legs = legs;
  view.clock = "Mon 08:35 · +35 min";
  view.note = "Queue and context transfer to Web Delivery";
  view.waiting = TRUE;
  opm_painter_set_incident (painter, &view);

  /* The painter keeps its own copy. */
  g_ptr_array_set_size (route, 1);
  g_assert_true (opm_painter_get_incident_holder (painter) == OPM_ELEMENT (team));
  g_assert_cmpstr (opm_painter_get_incident_clock (painter), ==, "Mon 08:35 · +35 min");
  g_assert_cmpuint (opm_painter_get_incident_route_length (painter), ==, 2);

  marked = render_svg (painter, TRUE);
  g_assert_nonnull (strstr (marked, "<g class=\"opm-incident\">"));
  g_assert_nonnull (strstr (marked, ">Mon 08:35 · +35 min</text>"));
  g_assert_nonnull (strstr (marked, ">25 min</text>"));
  g_assert_nonnull (strstr (marked, ">Degraded · 30 %</text>"));
  g_assert_nonnull (strstr (marked, ">Incident</text>"));

  /* Nobody on the route yet: the service holds it. */
  view.route = NULL;
  view.legs = NULL;
  opm_painter_set_incident (painter, &view);
  g_assert_true (opm_painter_get_incident_holder (painter) == OPM_ELEMENT (db));
  g_assert_cmpuint (opm_painter_get_incident_route_length (painter), ==, 0);

  opm_painter_set_incident (painter, NULL);
  g_assert_null (opm_painter_get_incident_holder (painter));
  {
    g_autofree char *cleared = render_svg (painter, TRUE);
    g_assert_cmpstr (cleared, ==, plain);
  }

  /* Cleared with the other overlays too. */
  opm_painter_set_incident (painter, &view);
  opm_painter_clear_overlays (painter);
  g_assert_null (opm_painter_get_incident_holder (painter));
}

static void
test_damage (void)
{
  OpmTeam *team;
  OpmService *web, *db;
  g_autoptr(OpmDocument) document = small_document (&team, &web, &db);
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(OpmPainter) painter = opm_painter_new (scenario);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) areas = NULL;
  OpmRect moved;
  guint generation;
  gboolean covered_old = FALSE, covered_new = FALSE;

  opm_painter_get_bounds (painter, &moved);  /* lays out */
  g_assert_true (opm_painter_take_damage (painter, &areas));
  g_clear_pointer (&areas, g_array_unref);
  generation = opm_painter_get_generation (painter);

  /* a move touches only where the service was and is, and its lines */
  g_assert_true (opm_document_set (document, &error, web, "x", 300.0, "y", 700.0, NULL));
  g_assert_false (opm_painter_take_damage (painter, &areas));
  g_assert_cmpuint (opm_painter_get_generation (painter), ==, generation);
  g_assert_cmpuint (areas->len, >, 0);
  for (guint i = 0; i < areas->len; i++)
    {
      const OpmRect *a = &g_array_index (areas, OpmRect, i);

      if (a->x <= 0 && a->y <= 400 && a->x + a->width >= 180 && a->y + a->height >= 500)
        covered_old = TRUE;
      if (a->x <= 300 && a->y <= 700 && a->x + a->width >= 480 && a->y + a->height >= 800)
        covered_new = TRUE;
    }
  g_assert_true (covered_old);
  g_assert_true (covered_new);
  g_clear_pointer (&areas, g_array_unref);

  /* the incremental layout is the layout a new painter makes */
  {
    g_autoptr(OpmPainter) fresh = opm_painter_new (scenario);
    g_autofree char *a = render_svg (painter, FALSE);
    g_autofree char *b = render_svg (fresh, FALSE);

    g_assert_cmpstr (a, ==, b);
    g_assert_true (opm_painter_hit_test (painter, 390, 750, 4) == OPM_ELEMENT (web));
    g_assert_null (opm_painter_hit_test (painter, 90, 450, 2));
  }

  /* undo is a change like any other */
  g_assert_true (opm_document_undo (document));
  g_assert_false (opm_painter_take_damage (painter, &areas));
  g_clear_pointer (&areas, g_array_unref);
  g_assert_true (opm_painter_hit_test (painter, 90, 450, 2) == OPM_ELEMENT (web));

  /* adding or deleting redraws everything */
  g_assert_true (opm_document_remove_element (document, OPM_ELEMENT (db), &error));
  g_assert_true (opm_painter_take_damage (painter, &areas));
  g_assert_cmpuint (opm_painter_get_generation (painter), >, generation);
}

static void
test_level_of_detail (void)
{
  g_autoptr(OpmDocument) document = opm_generate_organisation (40, 200, 3);
  g_autoptr(OpmPainter) painter = opm_painter_new (opm_document_get_scenario (document, 0));
  OpmRect bounds;
  g_autoptr(OpmRenderer) near = NULL;
  g_autoptr(OpmRenderer) far = NULL;
  g_autoptr(GBytes) near_svg = NULL;
  g_autoptr(GBytes) far_svg = NULL;

  opm_painter_get_bounds (painter, &bounds);
  near = opm_svg_renderer_new (bounds.x, bounds.y, bounds.width, bounds.height, 1, NULL);
  far = opm_svg_renderer_new (bounds.x, bounds.y, bounds.width, bounds.height, 1, NULL);
  opm_painter_draw (painter, near, NULL, 1.0);
  opm_painter_draw (painter, far, NULL, 0.05);
  near_svg = opm_svg_renderer_finish (OPM_SVG_RENDERER (near));
  far_svg = opm_svg_renderer_finish (OPM_SVG_RENDERER (far));

  /* zoomed out: no text, connectors batched, much less to draw */
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (near_svg, NULL), g_bytes_get_size (near_svg), "<text"));
  g_assert_null (g_strstr_len (g_bytes_get_data (far_svg, NULL), g_bytes_get_size (far_svg), "<text"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (far_svg, NULL), g_bytes_get_size (far_svg), "opm-overview"));
  g_assert_cmpuint (g_bytes_get_size (far_svg) * 3, <, g_bytes_get_size (near_svg));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/painter/bounds-and-hits", test_bounds_and_hits);
  g_test_add_func ("/painter/lines-found-along-their-length", test_lines_found_along_their_length);
  g_test_add_func ("/painter/svg-is-semantic", test_svg_is_semantic);
  g_test_add_func ("/painter/overlays", test_overlays);
  g_test_add_func ("/painter/incident-overlay", test_incident_overlay);
  g_test_add_func ("/painter/damage", test_damage);
  g_test_add_func ("/painter/level-of-detail", test_level_of_detail);

  return g_test_run ();
}
