/* test-clipboard.c — copy, paste and pictures of a selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <libxml/parser.h>

#include "opm-core.h"

/* The You Build It You Run It template: the checkout team builds and runs
 * the checkout service and the orders database (8 duties each); checkout
 * depends on the database, the catalogue and the accounts services. */
static OpmDocument *
new_document (void)
{
  g_autoptr(GError) error = NULL;
  OpmDocument *document = opm_document_new_from_template ("you-build-it-you-run-it", &error);

  g_assert_no_error (error);
  return document;
}

static GPtrArray *
pick (OpmScenario *scenario,
      const char  *first_id,
      ...)
{
  GPtrArray *elements = g_ptr_array_new ();
  va_list args;

  va_start (args, first_id);
  for (const char *id = first_id; id != NULL; id = va_arg (args, const char *))
    {
      OpmElement *element = opm_scenario_lookup (scenario, id);

      g_assert_nonnull (element);
      g_ptr_array_add (elements, element);
    }
  va_end (args);

  return elements;
}

static GBytes *
copy_ok (OpmScenario *scenario,
         GPtrArray   *elements)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = opm_clipboard_copy (scenario, elements, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static GPtrArray *
paste_ok (OpmDocument *document,
          OpmScenario *scenario,
          GBytes      *bytes,
          double       dx,
          double       dy)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *added = opm_clipboard_paste (document, scenario, bytes, dx, dy, &error);

  g_assert_no_error (error);
  g_assert_nonnull (added);
  return added;
}

static guint
count_of_type (GPtrArray *elements,
               GType      type)
{
  guint n = 0;

  for (guint i = 0; i < elements->len; i++)
    if (G_TYPE_CHECK_INSTANCE_TYPE (g_ptr_array_index (elements, i), type))
      n++;

  return n;
}

/* The pasted copy of the original with the same label and type. */
static OpmElement *
copy_of (GPtrArray  *added,
         OpmElement *original)
{
  for (guint i = 0; i < added->len; i++)
    {
      OpmElement *element = g_ptr_array_index (added, i);

      if (G_OBJECT_TYPE (element) == G_OBJECT_TYPE (original) && OPM_IS_NODE (element) &&
          g_strcmp0 (opm_element_get_label (element), opm_element_get_label (original)) == 0)
        return element;
    }

  g_assert_not_reached ();
  return NULL;
}

/* Tests */

static void
test_copy_format (void)
{
  g_autoptr(OpmDocument) document = new_document ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(GPtrArray) elements = pick (scenario, "team-checkout", "svc-checkout", "svc-orders-db", "note-about", NULL);
  g_autoptr(GBytes) bytes = copy_ok (scenario, elements);
  g_autoptr(GError) error = NULL;
  g_autoptr(OpmDocument) clip = NULL;
  OpmScenario *copied;
  const char *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);
  g_assert_true (g_str_has_prefix (data, "<?xml"));
  g_assert_cmpstr (OPM_CLIPBOARD_MIME_TYPE, ==, "application/x-opmodel-elements+xml");

  clip = opm_document_load_from_data (data, length, "clip", &error);
  g_assert_no_error (error);
  copied = opm_document_get_scenario (clip, 0);

  /* metadata names the source */
  g_assert_cmpstr (opm_document_get_title (clip), ==, opm_document_get_title (document));
  g_assert_nonnull (strstr (opm_document_get_description (clip), opm_scenario_get_name (scenario)));
  g_assert_cmpstr (opm_scenario_get_name (copied), ==, opm_scenario_get_name (scenario));

  g_assert_cmpuint (g_list_model_get_n_items (opm_scenario_get_teams (copied)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (opm_scenario_get_services (copied)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (opm_scenario_get_notes (copied)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (opm_scenario_get_responsibilities (copied)), ==, 16);
  g_assert_cmpuint (g_list_model_get_n_items (opm_scenario_get_dependencies (copied)), ==, 1);
  g_assert_nonnull (opm_scenario_lookup (copied, "team-checkout"));

  /* copying changes nothing */
  g_assert_false (opm_document_get_modified (document));
  g_assert_cmpuint (opm_document_get_history_length (document), ==, 0);

  /* the same selection always gives the same bytes */
  {
    g_autoptr(GBytes) again = copy_ok (scenario, elements);
    g_assert_true (g_bytes_equal (bytes, again));
  }
}

static void
test_paste_same_scenario (void)
{
  g_autoptr(OpmDocument) document = new_document ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(GPtrArray) elements = pick (scenario, "team-checkout", "svc-checkout", "svc-orders-db", NULL);
  g_autoptr(GBytes) bytes = copy_ok (scenario, elements);
  g_autoptr(GPtrArray) added = NULL;
  guint before = opm_scenario_get_n_elements (scenario);
  OpmElement *team = opm_scenario_lookup (scenario, "team-checkout");
  OpmElement *team_copy;

  added = paste_ok (document, scenario, bytes, 40, 30);

  g_assert_cmpuint (added->len, ==, 3 + 16 + 1);
  g_assert_cmpuint (count_of_type (added, OPM_TYPE_RESPONSIBILITY), ==, 16);
  g_assert_cmpuint (count_of_type (added, OPM_TYPE_DEPENDENCY), ==, 1);
  g_assert_cmpuint (opm_scenario_get_n_elements (scenario), ==, before + added->len);

  /* fresh ids, all distinct, positions offset */
  for (guint i = 0; i < added->len; i++)
    {
      OpmElement *element = g_ptr_array_index (added, i);

      g_assert_true (opm_element_get_scenario (element) == scenario);
      g_assert_true (opm_scenario_lookup (scenario, opm_element_get_id (element)) == element);
      for (guint j = 0; j < elements->len; j++)
        g_assert_cmpstr (opm_element_get_id (element), !=, opm_element_get_id (g_ptr_array_index (elements, j)));
    }

  team_copy = copy_of (added, team);
  g_assert_cmpfloat (opm_node_get_x (OPM_NODE (team_copy)), ==, opm_node_get_x (OPM_NODE (team)) + 40);
  g_assert_cmpfloat (opm_node_get_y (OPM_NODE (team_copy)), ==, opm_node_get_y (OPM_NODE (team)) + 30);
  g_assert_cmpstr (opm_team_get_name (OPM_TEAM (team_copy)), ==, opm_team_get_name (OPM_TEAM (team)));
  g_assert_cmpint (opm_team_get_rota_size (OPM_TEAM (team_copy)), ==, opm_team_get_rota_size (OPM_TEAM (team)));

  /* connectors join the copies, not the originals */
  for (guint i = 0; i < added->len; i++)
    {
      OpmElement *element = g_ptr_array_index (added, i);

      if (OPM_IS_CONNECTOR (element))
        {
          g_assert_true (g_ptr_array_find (added, opm_connector_get_source (OPM_CONNECTOR (element)), NULL));
          g_assert_true (g_ptr_array_find (added, opm_connector_get_target (OPM_CONNECTOR (element)), NULL));
        }
    }

  /* one step, undone and redone as one */
  g_assert_cmpuint (opm_document_get_history_length (document), ==, 1);
  g_assert_cmpstr (opm_document_get_undo_label (document), ==, "Paste");
  g_assert_true (opm_document_undo (document));
  g_assert_cmpuint (opm_scenario_get_n_elements (scenario), ==, before);
  for (guint i = 0; i < added->len; i++)
    g_assert_null (opm_element_get_scenario (g_ptr_array_index (added, i)));
  g_assert_false (opm_document_get_modified (document));
  g_assert_true (opm_document_redo (document));
  g_assert_cmpuint (opm_scenario_get_n_elements (scenario), ==, before + added->len);

  /* pasting again gives yet other ids */
  {
    g_autoptr(GPtrArray) more = paste_ok (document, scenario, bytes, 80, 60);

    g_assert_cmpuint (more->len, ==, added->len);
    g_assert_cmpuint (opm_scenario_get_n_elements (scenario), ==, before + 2 * added->len);
    g_assert_cmpuint (opm_document_get_history_length (document), ==, 2);
  }
}

static void
test_paste_elsewhere (void)
{
  g_autoptr(OpmDocument) document = new_document ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(GPtrArray) elements = pick (scenario, "team-checkout", "svc-checkout", "svc-orders-db", NULL);
  g_autoptr(GBytes) bytes = copy_ok (scenario, elements);
  g_autoptr(GError) error = NULL;
  OpmScenario *other;

  /* another scenario of the same document: the ids are free, so kept */
  other = opm_document_add_scenario (document, "To-be", &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) added = paste_ok (document, other, bytes, 0, 0);
    OpmElement *team = opm_scenario_lookup (other, "team-checkout");

    g_assert_cmpuint (added->len, ==, 20);
    g_assert_nonnull (team);
    g_assert_true (opm_scenario_lookup (other, "svc-orders-db") != opm_scenario_lookup (scenario, "svc-orders-db"));
    g_assert_cmpfloat (opm_node_get_x (OPM_NODE (team)), ==,
                       opm_node_get_x (OPM_NODE (opm_scenario_lookup (scenario, "team-checkout"))));
    for (guint i = 0; i < added->len; i++)
      {
        OpmElement *element = g_ptr_array_index (added, i);

        if (OPM_IS_RESPONSIBILITY (element))
          g_assert_true (opm_responsibility_get_team (OPM_RESPONSIBILITY (element)) == OPM_TEAM (team));
      }
  }

  /* another document, where one id is taken by something else */
  {
    g_autoptr(OpmDocument) target = opm_document_new ();
    OpmScenario *into = opm_document_get_scenario (target, 0);
    g_autoptr(OpmService) squatter = opm_service_new ();
    g_autoptr(GPtrArray) added = NULL;
    OpmElement *team;

    g_object_set (squatter, "id", "team-checkout", "name", "Squatter", NULL);
    g_assert_true (opm_document_add_element (target, into, OPM_ELEMENT (squatter), &error));
    g_assert_no_error (error);

    added = paste_ok (target, into, bytes, 10, 10);
    g_assert_cmpuint (added->len, ==, 20);
    g_assert_cmpuint (opm_scenario_get_n_elements (into), ==, 21);
    g_assert_true (opm_scenario_lookup (into, "team-checkout") == OPM_ELEMENT (squatter));
    g_assert_nonnull (opm_scenario_lookup (into, "svc-checkout"));
    g_assert_nonnull (opm_scenario_lookup (into, "svc-orders-db"));

    team = copy_of (added, opm_scenario_lookup (scenario, "team-checkout"));
    g_assert_cmpstr (opm_element_get_id (team), !=, "team-checkout");
    for (guint i = 0; i < added->len; i++)
      {
        OpmElement *element = g_ptr_array_index (added, i);

        if (OPM_IS_RESPONSIBILITY (element))
          g_assert_true (opm_responsibility_get_team (OPM_RESPONSIBILITY (element)) == OPM_TEAM (team));
      }

    /* and the result saves and loads */
    {
      g_autoptr(GBytes) saved = opm_document_serialize (target);
      g_autoptr(OpmDocument) loaded = opm_document_load_from_data (g_bytes_get_data (saved, NULL),
                                                                   g_bytes_get_size (saved), "saved", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (opm_document_get_n_elements (loaded), ==, 21);
    }
  }
}

static void
test_loose_connectors (void)
{
  g_autoptr(OpmDocument) document = new_document ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(GError) error = NULL;

  /* a team alone: its duties go nowhere, so they stay behind */
  {
    g_autoptr(GPtrArray) elements = pick (scenario, "team-checkout", NULL);
    g_autoptr(GBytes) bytes = copy_ok (scenario, elements);
    g_autoptr(OpmDocument) clip = opm_document_load_from_data (g_bytes_get_data (bytes, NULL),
                                                               g_bytes_get_size (bytes), NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (opm_document_get_n_elements (clip), ==, 1);
  }

  /* checkout and catalogue: only the dependency between them, and a
   * connector chosen without its ends is left out */
  {
    GListModel *deps = opm_scenario_get_dependencies (scenario);
    g_autoptr(GPtrArray) elements = pick (scenario, "svc-checkout", "svc-catalogue", NULL);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(OpmDocument) clip = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (deps); i++)
      g_ptr_array_add (elements, g_list_model_get_item (deps, i));   /* the scenario keeps them alive */
    for (guint i = 2; i < elements->len; i++)
      g_object_unref (g_ptr_array_index (elements, i));

    bytes = copy_ok (scenario, elements);
    clip = opm_document_load_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (opm_document_get_n_elements (clip), ==, 3);
    g_assert_cmpuint (g_list_model_get_n_items (opm_scenario_get_dependencies (opm_document_get_scenario (clip, 0))),
                      ==, 1);
  }

  /* connectors alone are nothing to copy */
  {
    g_autoptr(GPtrArray) elements = g_ptr_array_new ();
    GBytes *bytes;

    g_ptr_array_add (elements, g_list_model_get_item (opm_scenario_get_dependencies (scenario), 0));
    g_object_unref (g_ptr_array_index (elements, 0));
    bytes = opm_clipboard_copy (scenario, elements, &error);
    g_assert_null (bytes);
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_NOT_ALLOWED);
    g_clear_error (&error);
  }

  /* elements of another scenario are refused */
  {
    g_autoptr(OpmDocument) other = new_document ();
    g_autoptr(GPtrArray) elements = pick (opm_document_get_scenario (other, 0), "team-checkout", NULL);

    g_assert_null (opm_clipboard_copy (scenario, elements, &error));
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO);
    g_clear_error (&error);
  }
}

static void
assert_refused (OpmDocument *document,
                OpmScenario *scenario,
                const char  *data,
                gssize       length,
                GQuark       domain)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length < 0 ? strlen (data) : (gsize) length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = opm_document_serialize (document);
  g_autoptr(GBytes) after = NULL;
  guint history = opm_document_get_history_length (document);
  GPtrArray *added;

  added = opm_clipboard_paste (document, scenario, bytes, 10, 10, &error);
  g_assert_null (added);
  g_assert_nonnull (error);
  g_assert_true (error->domain == domain);
  g_test_message ("refused: %s", error->message);

  after = opm_document_serialize (document);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (opm_document_get_history_length (document), ==, history);
  g_assert_false (opm_document_get_modified (document));
}

static void
test_hostile (void)
{
  g_autoptr(OpmDocument) document = new_document ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(GPtrArray) elements = pick (scenario, "team-checkout", "svc-checkout", NULL);
  g_autoptr(GBytes) good = copy_ok (scenario, elements);
  g_autofree char *truncated = g_strndup (g_bytes_get_data (good, NULL), g_bytes_get_size (good) / 2);
  g_autofree char *newer = NULL;
  g_autofree char *dangling = NULL;
  GString *big;

  assert_refused (document, scenario, "", 0, OPM_FILE_ERROR);
  assert_refused (document, scenario, "hello, slides", -1, OPM_FILE_ERROR);
  assert_refused (document, scenario, "\xff\xfe<\0o\0p\0", 8, OPM_FILE_ERROR);
  assert_refused (document, scenario, truncated, -1, OPM_FILE_ERROR);
  assert_refused (document, scenario, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", -1, OPM_FILE_ERROR);
  assert_refused (document, scenario,
                  "<?xml version=\"1.0\"?>\n"
                  "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">]>\n"
                  "<opmodel format-version=\"1\"><metadata title=\"&lol2;\"/></opmodel>\n", -1, OPM_FILE_ERROR);
  assert_refused (document, scenario,
                  "<?xml version=\"1.0\"?>\n"
                  "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                  "<opmodel format-version=\"1\"><scenario id=\"s\" name=\"&xxe;\"/></opmodel>\n", -1,
                  OPM_FILE_ERROR);

  {
    g_auto(GStrv) parts = g_strsplit (g_bytes_get_data (good, NULL), "format-version=\"1\"", 2);
    newer = g_strjoinv ("format-version=\"99\"", parts);
  }
  assert_refused (document, scenario, newer, -1, OPM_FILE_ERROR);

  {
    g_auto(GStrv) parts = g_strsplit (g_bytes_get_data (good, NULL), "team=\"team-checkout\"", 2);
    dangling = g_strjoinv ("team=\"team-nobody\"", parts);
  }
  assert_refused (document, scenario, dangling, -1, OPM_FILE_ERROR);

  /* deeply nested elements */
  big = g_string_new ("<?xml version=\"1.0\"?><opmodel format-version=\"1\">");
  for (guint i = 0; i < 10000; i++)
    g_string_append (big, "<scenario>");
  assert_refused (document, scenario, big->str, big->len, OPM_FILE_ERROR);
  g_string_free (big, TRUE);

  /* an offset that would move the copies out of the drawable range */
  {
    g_autoptr(GError) error = NULL;
    guint n = opm_scenario_get_n_elements (scenario);

    g_assert_null (opm_clipboard_paste (document, scenario, good, 1e300, 0, &error));
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE);
    g_clear_error (&error);
    g_assert_null (opm_clipboard_paste (document, scenario, good, NAN, 0, &error));
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE);
    g_assert_cmpuint (opm_scenario_get_n_elements (scenario), ==, n);
    g_assert_cmpuint (opm_document_get_history_length (document), ==, 0);
  }

  /* a scenario of another document */
  {
    g_autoptr(OpmDocument) other = opm_document_new ();
    g_autoptr(GError) error = NULL;

    g_assert_null (opm_clipboard_paste (document, opm_document_get_scenario (other, 0), good, 0, 0, &error));
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO);
  }
}

/* The area the painter gives the chosen elements and the connectors among them. */
static void
selection_bounds (OpmScenario *scenario,
                  GPtrArray   *nodes,
                  OpmRect     *frame)
{
  g_autoptr(OpmPainter) painter = opm_painter_new (scenario);
  g_autoptr(GPtrArray) all = g_ptr_array_copy (nodes, NULL, NULL);
  GListModel *lists[] = { opm_scenario_get_responsibilities (scenario), opm_scenario_get_dependencies (scenario) };
  double x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;

  for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[k]); i++)
      {
        g_autoptr(OpmConnector) connector = g_list_model_get_item (lists[k], i);

        if (g_ptr_array_find (nodes, opm_connector_get_source (connector), NULL) &&
            g_ptr_array_find (nodes, opm_connector_get_target (connector), NULL))
          g_ptr_array_add (all, connector);   /* the scenario keeps it alive */
      }

  frame->x = frame->y = G_MAXDOUBLE;
  for (guint i = 0; i < all->len; i++)
    {
      OpmRect b;

      g_assert_true (opm_painter_get_element_bounds (painter, g_ptr_array_index (all, i), &b));
      frame->x = MIN (frame->x, b.x);
      frame->y = MIN (frame->y, b.y);
      x2 = MAX (x2, b.x + b.width);
      y2 = MAX (y2, b.y + b.height);
    }

  frame->x -= OPM_CLIPBOARD_RENDER_MARGIN;
  frame->y -= OPM_CLIPBOARD_RENDER_MARGIN;
  frame->width = x2 + OPM_CLIPBOARD_RENDER_MARGIN - frame->x;
  frame->height = y2 + OPM_CLIPBOARD_RENDER_MARGIN - frame->y;
}

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         offset;
} Reader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  Reader *reader = closure;

  if (reader->offset + length > reader->length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static void
test_render (void)
{
  g_autoptr(OpmDocument) document = new_document ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(GPtrArray) elements = pick (scenario, "team-checkout", "svc-checkout", "svc-orders-db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autofree char *text = NULL;
  OpmRect frame;
  xmlDocPtr xml;

  selection_bounds (scenario, elements, &frame);

  /* SVG: well-formed, with the names of what was chosen and nothing else */
  svg = opm_clipboard_render (document, scenario, elements, OPM_EXPORT_SVG, 1, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  xml = xmlReadMemory (text, strlen (text), "clip.svg", NULL, XML_PARSE_NONET);
  g_assert_nonnull (xml);
  g_assert_cmpstr ((const char *) xmlDocGetRootElement (xml)->name, ==, "svg");
  xmlFreeDoc (xml);
  g_assert_nonnull (strstr (text, ">Checkout Team<"));
  g_assert_nonnull (strstr (text, ">Checkout<"));
  g_assert_nonnull (strstr (text, ">Orders database<"));
  g_assert_null (strstr (text, "Catalogue Team"));
  g_assert_null (strstr (text, "Product catalogue"));
  g_assert_null (strstr (text, "Legend"));

  /* PNG: the size of the selection's bounds, at the scale asked */
  for (double scale = 1; scale <= 2; scale++)
    {
      g_autoptr(GBytes) png = opm_clipboard_render (document, scenario, elements, OPM_EXPORT_PNG, scale, &error);
      Reader reader = { 0 };
      cairo_surface_t *surface;

      g_assert_no_error (error);
      reader.data = g_bytes_get_data (png, &reader.length);
      surface = cairo_image_surface_create_from_png_stream (read_png, &reader);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int) ceil (frame.width * scale));
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, (int) ceil (frame.height * scale));

      /* transparent in the corner (the margin), painted in the middle of the team */
      {
        OpmNode *team = OPM_NODE (opm_scenario_lookup (scenario, "team-checkout"));
        int stride = cairo_image_surface_get_stride (surface);
        const guint8 *pixels;
        int cx = (int) ((opm_node_get_x (team) + opm_node_get_width (team) / 2 - frame.x) * scale);
        int cy = (int) ((opm_node_get_y (team) + opm_node_get_height (team) - 10 - frame.y) * scale);

        cairo_surface_flush (surface);
        pixels = cairo_image_surface_get_data (surface);
        g_assert_cmpuint (((const guint32 *) pixels)[0] >> 24, ==, 0);
        g_assert_cmpuint (((const guint32 *) (pixels + cy * stride))[cx] >> 24, ==, 255);
      }

      cairo_surface_destroy (surface);
    }

  /* other formats are refused, and so are selections of nothing */
  g_assert_null (opm_clipboard_render (document, scenario, elements, OPM_EXPORT_PDF, 1, &error));
  g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();

    g_assert_null (opm_clipboard_render (document, scenario, none, OPM_EXPORT_PNG, 1, &error));
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_NOT_ALLOWED);
  }

  g_assert_false (opm_document_get_modified (document));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clipboard/copy-format", test_copy_format);
  g_test_add_func ("/clipboard/paste-same-scenario", test_paste_same_scenario);
  g_test_add_func ("/clipboard/paste-elsewhere", test_paste_elsewhere);
  g_test_add_func ("/clipboard/loose-connectors", test_loose_connectors);
  g_test_add_func ("/clipboard/hostile", test_hostile);
  g_test_add_func ("/clipboard/render", test_render);

  return g_test_run ();
}
