/* test-painter.c — the painter: layout, culling, hit testing, overlays, damage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "opm-core.h"
#include "opm-painter-private.h"
#include "opm-test-random.h"

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

  /* deleting redraws where the element and its lines were, no more */
  g_assert_true (opm_document_remove_element (document, OPM_ELEMENT (db), &error));
  g_assert_false (opm_painter_take_damage (painter, &areas));
  g_assert_cmpuint (opm_painter_get_generation (painter), >, generation);
  covered_old = FALSE;
  for (guint i = 0; i < areas->len; i++)
    {
      const OpmRect *a = &g_array_index (areas, OpmRect, i);

      if (a->x <= 600 && a->y <= 400 && a->x + a->width >= 780 && a->y + a->height >= 500)
        covered_old = TRUE;
      g_assert_cmpfloat (a->x + a->width, >, 0);
    }
  g_assert_true (covered_old);
  g_clear_pointer (&areas, g_array_unref);

  /* an attribute of the document changes no place, but maybe any card */
  g_assert_true (opm_document_set (document, &error, document, "currency", "EUR", NULL));
  g_assert_true (opm_painter_take_damage (painter, &areas));
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

/* Incremental layout against a new painter: random edits of every kind
 * the editor makes, and after each step, the painter that followed them
 * must lay out, draw, cull and hit-test as a new painter of the scenario
 * does, and must have damaged every area whose drawing changed. */

typedef struct
{
  OpmDocument *document;
  OpmScenario *scenario;
  OpmPainter  *painter;
  GArray      *tiles;      /* OpmRect: areas drawn before and after a step */
  GPtrArray   *drawn;      /* char *: what each tile showed before the step */
  guint        steps;
  guint        damaged;    /* steps that damaged areas rather than everything */
} Follower;

static char *
render_area (OpmPainter    *painter,
             const OpmRect *area)
{
  g_autoptr(OpmRenderer) renderer = opm_svg_renderer_new (area->x, area->y, area->width, area->height, 1, NULL);
  g_autoptr(GBytes) bytes = NULL;

  opm_painter_draw (painter, renderer, area, 1.0);
  bytes = opm_svg_renderer_finish (OPM_SVG_RENDERER (renderer));

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* What a tile shows: its SVG without the titles, which name other
 * elements (a line's title names its team) and are not drawn. */
static char *
render_tile (OpmPainter    *painter,
             const OpmRect *area)
{
  g_autofree char *svg = render_area (painter, area);
  GString *shown = g_string_new (NULL);
  const char *p = svg;
  const char *title;

  while ((title = strstr (p, "<title>")) != NULL)
    {
      const char *end = strstr (title, "</title>");

      g_assert_nonnull (end);
      g_string_append_len (shown, p, title - p);
      p = end + strlen ("</title>");
    }
  g_string_append (shown, p);

  return g_string_free (shown, FALSE);
}

static OpmNode *
random_node (OpmScenario *scenario)
{
  GListModel *lists[] = {
    opm_scenario_get_teams (scenario), opm_scenario_get_services (scenario),
    opm_scenario_get_notes (scenario), opm_scenario_get_groups (scenario),
  };

  for (guint attempt = 0; attempt < 8; attempt++)
    {
      OpmNode *node = random_item (lists[g_test_rand_int_range (0, attempt < 4 ? 2 : 4)]);

      if (node != NULL)
        return node;
    }
  return NULL;
}

/* The tiles over where the drawing is and a margin around it. */
static void
follower_snapshot (Follower *f)
{
  OpmRect bounds;
  g_autoptr(GArray) areas = NULL;

  opm_painter_get_bounds (f->painter, &bounds);
  g_array_set_size (f->tiles, 0);
  g_ptr_array_set_size (f->drawn, 0);
  for (double y = floor (bounds.y / 700) * 700 - 700; y < bounds.y + bounds.height + 700; y += 700)
    for (double x = floor (bounds.x / 700) * 700 - 700; x < bounds.x + bounds.width + 700; x += 700)
      {
        OpmRect tile = { x, y, 700, 700 };

        g_array_append_val (f->tiles, tile);
        g_ptr_array_add (f->drawn, render_tile (f->painter, &tile));
      }

  opm_painter_take_damage (f->painter, &areas);
}

static void
follower_check (Follower   *f,
                const char *what)
{
  g_autoptr(OpmPainter) fresh = opm_painter_new (f->scenario);
  g_autofree char *problems = _opm_painter_check (f->painter);
  g_autofree char *followed = NULL;
  g_autofree char *laid_out = NULL;
  g_autoptr(GArray) areas = NULL;
  OpmRect a, b;

  f->steps++;
  if (problems != NULL)
    g_error ("after step %u (%s): %s", f->steps, what, problems);

  /* every tile that looks different now was damaged */
  if (!opm_painter_take_damage (f->painter, &areas))
    {
      f->damaged++;
      for (guint i = 0; i < f->tiles->len; i++)
        {
          const OpmRect *tile = &g_array_index (f->tiles, OpmRect, i);
          g_autofree char *now = render_tile (f->painter, tile);
          gboolean hit = FALSE;

          if (g_str_equal (now, g_ptr_array_index (f->drawn, i)))
            continue;
          for (guint k = 0; k < areas->len && !hit; k++)
            {
              const OpmRect *d = &g_array_index (areas, OpmRect, k);

              hit = d->x < tile->x + tile->width && tile->x < d->x + d->width &&
                    d->y < tile->y + tile->height && tile->y < d->y + d->height;
            }
          if (!hit)
            g_error ("after step %u (%s): the tile at (%g, %g) changed undamaged", f->steps, what, tile->x, tile->y);
        }
    }

  followed = _opm_painter_describe_layout (f->painter);
  laid_out = _opm_painter_describe_layout (fresh);
  if (!g_str_equal (followed, laid_out))
    {
      g_auto(GStrv) x = g_strsplit (followed, "\n", -1);
      g_auto(GStrv) y = g_strsplit (laid_out, "\n", -1);

      for (guint i = 0; x[i] != NULL && y[i] != NULL; i++)
        if (!g_str_equal (x[i], y[i]))
          g_error ("after step %u (%s), line %u:\nfollowed:  %s\nlaid out:  %s", f->steps, what, i, x[i], y[i]);
      g_error ("after step %u (%s): the layouts differ in length", f->steps, what);
    }

  opm_painter_get_bounds (f->painter, &a);
  opm_painter_get_bounds (fresh, &b);
  g_assert_true (memcmp (&a, &b, sizeof a) == 0);

  /* drawn whole, in tiles, culled and hit the same */
  {
    g_autofree char *x = render_svg (f->painter, FALSE);
    g_autofree char *y = render_svg (fresh, FALSE);

    g_assert_cmpstr (x, ==, y);
  }
  for (guint i = 0; i < f->tiles->len; i += 3)
    {
      g_autofree char *x = render_area (f->painter, &g_array_index (f->tiles, OpmRect, i));
      g_autofree char *y = render_area (fresh, &g_array_index (f->tiles, OpmRect, i));

      g_assert_cmpstr (x, ==, y);
    }
  for (guint i = 0; i < 40; i++)
    {
      double x = a.x + g_test_rand_double () * a.width;
      double y = a.y + g_test_rand_double () * a.height;
      OpmRect area = { x, y, g_test_rand_double_range (1, 600), g_test_rand_double_range (1, 600) };
      g_autoptr(GPtrArray) p = opm_painter_query (f->painter, &area);
      g_autoptr(GPtrArray) q = opm_painter_query (fresh, &area);

      g_assert_true (opm_painter_hit_test (f->painter, x, y, 4) == opm_painter_hit_test (fresh, x, y, 4));
      g_assert_cmpuint (p->len, ==, q->len);
      for (guint k = 0; k < p->len; k++)
        g_assert_true (g_ptr_array_index (p, k) == g_ptr_array_index (q, k));
    }
}

static void
add_element (Follower   *f,
             OpmElement *element)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (opm_document_add_element (f->document, f->scenario, element, &error));
  g_assert_no_error (error);
}

/* A node near another, so that it meets lines and labels. */
static OpmElement *
new_node (Follower *f,
          GType     type)
{
  OpmNode *near = random_node (f->scenario);
  double x = near != NULL ? opm_node_get_x (near) : 0;
  double y = near != NULL ? opm_node_get_y (near) : 0;

  return g_object_new (type, "x", round (x + g_test_rand_double_range (-300, 300)),
                       "y", round (y + g_test_rand_double_range (-300, 300)), NULL);
}

static OpmElement *
new_connector (Follower *f)
{
  GListModel *teams = opm_scenario_get_teams (f->scenario);
  GListModel *services = opm_scenario_get_services (f->scenario);
  GListModel *responsibilities = opm_scenario_get_responsibilities (f->scenario);
  GListModel *dependencies = opm_scenario_get_dependencies (f->scenario);

  if (g_test_rand_bit ())
    {
      /* often a pair that already has duties: bundles grow and shrink */
      OpmResponsibility *other = g_test_rand_bit () ? random_item (responsibilities) : NULL;
      OpmTeam *team = other != NULL ? opm_responsibility_get_team (other) : random_item (teams);
      OpmService *service = other != NULL ? opm_responsibility_get_service (other) : random_item (services);

      if (team == NULL || service == NULL)
        return NULL;
      return OPM_ELEMENT (opm_responsibility_new (team, service, g_test_rand_int_range (0, 10)));
    }
  else
    {
      OpmDependency *other = g_test_rand_bit () ? random_item (dependencies) : NULL;
      OpmService *from = other != NULL ? opm_dependency_get_to (other) : random_item (services);
      OpmService *to = other != NULL ? opm_dependency_get_from (other) : random_item (services);

      if (from == NULL || to == NULL || from == to)
        return NULL;
      return OPM_ELEMENT (opm_dependency_new (from, to));
    }
}

/* Sets an attribute of a line that changes its route, bundle or label. */
static void
change_connector (Follower *f)
{
  g_autoptr(GError) error = NULL;
  OpmConnector *connector = g_test_rand_bit () ? random_item (opm_scenario_get_responsibilities (f->scenario))
                                               : random_item (opm_scenario_get_dependencies (f->scenario));
  guint choice = g_test_rand_int_range (0, 4);

  if (connector == NULL)
    return;

  if (choice == 0)
    {
      g_autofree char *route = NULL;
      OpmNode *node = random_node (f->scenario);

      if (node != NULL && g_test_rand_bit ())
        route = g_strdup_printf ("%g,%g", opm_node_get_x (node) - 40, opm_node_get_y (node) + 20);
      g_assert_true (opm_document_set (f->document, &error, connector, "waypoints", route != NULL ? route : "",
                                       NULL));
    }
  else if (OPM_IS_RESPONSIBILITY (connector) && choice == 1)
    {
      g_assert_true (opm_document_set (f->document, &error, connector, "activity", g_test_rand_int_range (0, 10),
                                       NULL));
    }
  else if (OPM_IS_RESPONSIBILITY (connector))
    {
      gpointer end = random_item (choice == 2 ? opm_scenario_get_teams (f->scenario)
                                            : opm_scenario_get_services (f->scenario));

      g_assert_true (opm_document_set (f->document, &error, connector, choice == 2 ? "team" : "service", end, NULL));
    }
  else if (choice == 1)
    {
      g_assert_true (opm_document_set (f->document, &error, connector, "softening", g_test_rand_int_range (0, 4),
                                       "mode", g_test_rand_int_range (0, 2), NULL));
    }
  else
    {
      OpmDependency *dep = OPM_DEPENDENCY (connector);
      OpmService *end = random_item (opm_scenario_get_services (f->scenario));

      if (end == opm_dependency_get_from (dep) || end == opm_dependency_get_to (dep))
        return;
      g_assert_true (opm_document_set (f->document, &error, connector, choice == 2 ? "from" : "to", end, NULL));
    }
  g_assert_no_error (error);
}

static void
move_node (Follower *f,
           OpmNode  *node,
           gboolean  resize)
{
  g_autoptr(GError) error = NULL;

  if (resize)
    g_assert_true (opm_document_set (f->document, &error, node,
                                     "width", round (opm_node_get_width (node) * g_test_rand_double_range (0.6, 1.6)),
                                     "height", round (opm_node_get_height (node) * g_test_rand_double_range (0.6, 1.6)),
                                     NULL));
  else
    g_assert_true (opm_document_set (f->document, &error, node,
                                     "x", opm_node_get_x (node) + g_test_rand_int_range (-250, 250),
                                     "y", opm_node_get_y (node) + g_test_rand_int_range (-250, 250), NULL));
  g_assert_no_error (error);
}

/* Copies a few cards and the lines among them and pastes them beside. */
static void
paste_some (Follower *f)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *responsibilities = opm_scenario_get_responsibilities (f->scenario);

  for (guint i = 0; i < 3; i++)
    {
      OpmResponsibility *resp = random_item (responsibilities);

      if (resp == NULL)
        break;
      g_ptr_array_add (chosen, g_object_ref (opm_responsibility_get_team (resp)));
      g_ptr_array_add (chosen, g_object_ref (opm_responsibility_get_service (resp)));
      g_ptr_array_add (chosen, g_object_ref (resp));
    }
  if (chosen->len == 0)
    return;

  data = opm_clipboard_copy (f->scenario, chosen, &error);
  g_assert_no_error (error);
  pasted = opm_clipboard_paste (f->document, f->scenario, data, 40, 40, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pasted);
}

/* One step of the editor; returns what it was. */
static const char *
random_step (Follower *f)
{
  g_autoptr(GError) error = NULL;
  guint choice = g_test_rand_int_range (0, 100);

  if (choice < 16)
    {
      g_autoptr(OpmElement) line = new_connector (f);

      if (line != NULL)
        add_element (f, line);
      return "add a line";
    }
  if (choice < 24)
    {
      GType type = g_test_rand_int_range (0, 10) < 7 ? (g_test_rand_bit () ? OPM_TYPE_TEAM : OPM_TYPE_SERVICE)
                                                     : (g_test_rand_bit () ? OPM_TYPE_NOTE : OPM_TYPE_GROUP);
      g_autoptr(OpmElement) node = new_node (f, type);

      add_element (f, node);
      return "add a node";
    }
  if (choice < 36)
    {
      OpmElement *element = g_test_rand_bit () ? OPM_ELEMENT (random_node (f->scenario)) : random_element (f->scenario);

      if (element != NULL)
        g_assert_true (opm_document_remove_element (f->document, element, &error));
      return "delete";
    }
  if (choice < 46)
    {
      opm_document_undo (f->document);
      return "undo";
    }
  if (choice < 52)
    {
      opm_document_redo (f->document);
      return "redo";
    }
  if (choice < 58)
    {
      OpmNode *node = random_node (f->scenario);

      if (node != NULL)
        move_node (f, node, g_test_rand_int_range (0, 4) == 0);
      return "move";
    }
  if (choice < 62)
    {
      OpmNode *node = random_node (f->scenario);

      /* a drag: moves as one step */
      opm_document_begin_group (f->document, "Move");
      for (guint i = 0; node != NULL && i < 4; i++)
        move_node (f, node, FALSE);
      opm_document_end_group (f->document);
      return "drag";
    }
  if (choice < 72)
    {
      change_connector (f);
      return "change a line";
    }
  if (choice < 76)
    {
      OpmElement *element = random_element (f->scenario);

      if (element != NULL)
        g_assert_true (opm_document_move_element (f->document, element, g_test_rand_bit () ? 0 : G_MAXUINT, &error));
      return "reorder";
    }
  if (choice < 82)
    {
      paste_some (f);
      return "paste";
    }
  if (choice < 90)
    {
      /* a service dropped and connected in one step */
      g_autoptr(OpmElement) service = new_node (f, OPM_TYPE_SERVICE);
      OpmTeam *team = random_item (opm_scenario_get_teams (f->scenario));

      opm_document_begin_group (f->document, "Drop");
      add_element (f, service);
      for (guint i = 0; team != NULL && i < 3; i++)
        {
          g_autoptr(OpmResponsibility) duty = opm_responsibility_new (team, OPM_SERVICE (service),
                                                                      g_test_rand_int_range (0, 10));
          add_element (f, OPM_ELEMENT (duty));
        }
      opm_document_end_group (f->document);
      return "drop and connect";
    }
  if (choice < 95)
    {
      OpmNode *node = random_node (f->scenario);

      if (node != NULL && !OPM_IS_NOTE (node))
        g_assert_true (opm_document_set (f->document, &error, node, "name", "Renamed", NULL));
      return "rename";
    }

  g_assert_true (opm_document_set (f->document, &error, f->document, "currency",
                                   g_test_rand_bit () ? "EUR" : "GBP", NULL));
  return "document";
}

static void
test_incremental_layout (void)
{
  guint32 seed = g_test_rand_int ();
  g_autoptr(OpmDocument) document = opm_generate_organisation (10, 22, seed);
  Follower f = { document, opm_document_get_scenario (document, 0) };
  guint n_steps = g_test_slow () ? 2000 : 300;

  g_test_message ("organisation seed %u, %u steps", seed, n_steps);
  f.painter = opm_painter_new (f.scenario);
  f.tiles = g_array_new (FALSE, FALSE, sizeof (OpmRect));
  f.drawn = g_ptr_array_new_with_free_func (g_free);
  follower_check (&f, "start");

  for (guint i = 0; i < n_steps; i++)
    {
      const char *what;

      follower_snapshot (&f);
      what = random_step (&f);
      follower_check (&f, what);
    }

  /* most steps drew again only what they touched */
  g_test_message ("%u of %u steps damaged areas only", f.damaged, f.steps);
  g_assert_cmpuint (f.damaged * 4, >, f.steps * 3);

  g_clear_object (&f.painter);
  g_array_unref (f.tiles);
  g_ptr_array_unref (f.drawn);
}

/* A view keeps tiles and, after an edit, draws only the damaged part of
 * each again with opm_painter_draw_part(): the pixels must be those of the
 * tile drawn anew. */

#define PIXEL_TILE 512

/* A tile drawn whole, or only @part of it drawn again in @surface: the
 * items meeting it drawn alone on a scratch tile, a few at a time and
 * unclipped so that every line is rasterised as in a whole tile, and its
 * pixels copied over. */
static cairo_surface_t *
raster_tile (OpmPainter      *painter,
             const OpmRect   *tile,
             const OpmRect   *part,
             cairo_surface_t *surface)
{
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, PIXEL_TILE, PIXEL_TILE);
  g_autoptr(OpmRenderer) renderer = NULL;
  cairo_t *cr = cairo_create (scratch);

  cairo_translate (cr, -tile->x, -tile->y);
  renderer = opm_cairo_renderer_new (cr);
  if (part == NULL)
    {
      opm_painter_draw (painter, renderer, tile, 1.0);
      g_clear_object (&renderer);
      cairo_destroy (cr);
      cairo_surface_flush (scratch);
      return scratch;
    }

  {
    double x0 = CLAMP (floor (part->x - tile->x), 0, PIXEL_TILE);
    double y0 = CLAMP (floor (part->y - tile->y), 0, PIXEL_TILE);
    double x1 = CLAMP (ceil (part->x + part->width - tile->x), 0, PIXEL_TILE);
    double y1 = CLAMP (ceil (part->y + part->height - tile->y), 0, PIXEL_TILE);
    OpmRect redrawn = { tile->x + x0 - 6, tile->y + y0 - 6, x1 - x0 + 12, y1 - y0 + 12 };

    /* in slices, as a view does when it takes long */
    for (guint first = 0, n = 1; first < n; first += 7)
      n = opm_painter_draw_part (painter, renderer, tile, &redrawn, 1.0, first, 7);
    g_clear_object (&renderer);
    cairo_destroy (cr);
    cairo_surface_flush (scratch);

    cr = cairo_create (surface);
    cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
    cairo_clip (cr);
    cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
    cairo_set_source_surface (cr, scratch, 0, 0);
    cairo_paint (cr);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    cairo_surface_destroy (scratch);
  }

  return surface;
}

static void
test_repaint_damaged_part (void)
{
  guint32 seed = g_test_rand_int ();
  g_autoptr(OpmDocument) document = opm_generate_organisation (10, 22, seed);
  Follower f = { document, opm_document_get_scenario (document, 0) };
  g_autoptr(GPtrArray) surfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  g_autoptr(GArray) tiles = g_array_new (FALSE, FALSE, sizeof (OpmRect));
  guint repainted = 0;
  OpmRect bounds;

  g_test_message ("organisation seed %u", seed);
  f.painter = opm_painter_new (f.scenario);
  opm_painter_get_bounds (f.painter, &bounds);
  for (double y = floor (bounds.y / PIXEL_TILE) * PIXEL_TILE; y < bounds.y + bounds.height; y += PIXEL_TILE)
    for (double x = floor (bounds.x / PIXEL_TILE) * PIXEL_TILE; x < bounds.x + bounds.width; x += PIXEL_TILE)
      {
        OpmRect tile = { x, y, PIXEL_TILE, PIXEL_TILE };

        g_array_append_val (tiles, tile);
        g_ptr_array_add (surfaces, raster_tile (f.painter, &tile, NULL, NULL));
      }

  for (guint step = 0; step < 40; step++)
    {
      g_autoptr(GArray) areas = NULL;
      const char *what;

      opm_painter_take_damage (f.painter, &areas);
      g_clear_pointer (&areas, g_array_unref);
      what = random_step (&f);
      if (opm_painter_take_damage (f.painter, &areas))
        {
          /* everything: drawn anew */
          for (guint i = 0; i < tiles->len; i++)
            {
              cairo_surface_destroy (g_ptr_array_index (surfaces, i));
              g_ptr_array_index (surfaces, i) = raster_tile (f.painter, &g_array_index (tiles, OpmRect, i), NULL, NULL);
            }
          continue;
        }

      for (guint i = 0; i < tiles->len; i++)
        {
          const OpmRect *tile = &g_array_index (tiles, OpmRect, i);
          cairo_surface_t *kept = g_ptr_array_index (surfaces, i);
          cairo_surface_t *anew = NULL;
          OpmRect part = { 0, 0, -1, -1 };

          for (guint k = 0; k < areas->len; k++)
            {
              const OpmRect *a = &g_array_index (areas, OpmRect, k);

              if (a->x >= tile->x + tile->width || tile->x >= a->x + a->width ||
                  a->y >= tile->y + tile->height || tile->y >= a->y + a->height)
                continue;
              if (part.width < 0)
                part = *a;
              else
                {
                  double x1 = MAX (part.x + part.width, a->x + a->width);
                  double y1 = MAX (part.y + part.height, a->y + a->height);

                  part.x = MIN (part.x, a->x);
                  part.y = MIN (part.y, a->y);
                  part.width = x1 - part.x;
                  part.height = y1 - part.y;
                }
            }
          if (part.width < 0)
            continue;

          raster_tile (f.painter, tile, &part, kept);
          anew = raster_tile (f.painter, tile, NULL, NULL);
          repainted++;
          for (int row = 0; row < PIXEL_TILE; row++)
            if (memcmp (cairo_image_surface_get_data (kept) + row * cairo_image_surface_get_stride (kept),
                        cairo_image_surface_get_data (anew) + row * cairo_image_surface_get_stride (anew),
                        PIXEL_TILE * 4) != 0)
              g_error ("after step %u (%s): the tile at (%g, %g) differs in row %d", step, what, tile->x, tile->y,
                       row);
          cairo_surface_destroy (anew);
        }
    }

  g_test_message ("%u tiles repainted in part", repainted);
  g_assert_cmpuint (repainted, >, 0);
  g_clear_object (&f.painter);
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
  g_test_add_func ("/painter/incremental-layout", test_incremental_layout);
  g_test_add_func ("/painter/repaint-damaged-part", test_repaint_damaged_part);

  return g_test_run ();
}
