/* test-roundtrip.c — save → load → save gives the same bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer is deterministic and the reader loses nothing: serialising a
 * loaded document gives back exactly the bytes it was loaded from, for the
 * bundled examples, generated organisations of every size and a document
 * with every attribute set to something other than its default.
 */

#include "config.h"

#include "opm-core.h"
#include "opm-property-private.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

/* Single-line text with everything XML escapes, and more. */
#define LINE_TEXT "Ops & <Run> \"It\" 'quoted'\ttab ]]> &amp; — Zürich 日本語 😀 \xc2\x85 end "
/* Multi-line text: LF, CRLF, a lone CR, tabs, leading and trailing spaces. */
#define MULTI_TEXT "  first line\nsecond\r\nthird\rfourth\t<&>\"' — ü 日本 😀\n\n&#10; literal  "

/* Helpers */

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
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  g_assert_cmpmem (g_bytes_get_data (a, NULL), g_bytes_get_size (a),
                   g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

static OpmDocument *
load_bytes (GBytes     *bytes,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  OpmDocument *document;

  document = opm_document_load_from_data (data, length, name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_false (opm_document_get_modified (document));

  return document;
}

static void
assert_values_equal (const GValue *a,
                     const GValue *b,
                     const char   *what)
{
  g_assert_cmpstr (G_VALUE_TYPE_NAME (a), ==, G_VALUE_TYPE_NAME (b));

  if (G_VALUE_HOLDS_STRING (a))
    g_assert_cmpstr (g_value_get_string (a), ==, g_value_get_string (b));
  else if (G_VALUE_HOLDS_INT (a))
    g_assert_cmpint (g_value_get_int (a), ==, g_value_get_int (b));
  else if (G_VALUE_HOLDS_DOUBLE (a))
    {
      if (g_value_get_double (a) != g_value_get_double (b))
        g_error ("%s: %.17g != %.17g", what, g_value_get_double (a), g_value_get_double (b));
    }
  else if (G_VALUE_HOLDS_BOOLEAN (a))
    g_assert_cmpint (g_value_get_boolean (a), ==, g_value_get_boolean (b));
  else if (G_VALUE_HOLDS_ENUM (a))
    g_assert_cmpint (g_value_get_enum (a), ==, g_value_get_enum (b));
  else if (G_VALUE_HOLDS_FLAGS (a))
    g_assert_cmphex (g_value_get_flags (a), ==, g_value_get_flags (b));
  else if (G_VALUE_HOLDS_OBJECT (a))
    {
      GObject *oa = g_value_get_object (a);
      GObject *ob = g_value_get_object (b);

      g_assert_true ((oa == NULL) == (ob == NULL));
      if (oa != NULL)
        g_assert_cmpstr (opm_element_get_id (OPM_ELEMENT (oa)), ==, opm_element_get_id (OPM_ELEMENT (ob)));
    }
  else
    g_error ("%s: unexpected value type %s", what, G_VALUE_TYPE_NAME (a));
}

/* Every attribute written to files is the same on @a and @b. */
static void
assert_same_attributes (GObject *a,
                        GObject *b)
{
  GPtrArray *serial = _opm_object_serial_props (G_OBJECT_GET_CLASS (a));

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));

  for (guint i = 0; i < serial->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (serial, i);
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      g_value_init (&va, pspec->value_type);
      g_value_init (&vb, pspec->value_type);
      g_object_get_property (a, pspec->name, &va);
      g_object_get_property (b, pspec->name, &vb);
      assert_values_equal (&va, &vb, pspec->name);
    }
}

/* The two documents hold the same model, element by element. */
static void
assert_same_model (OpmDocument *a,
                   OpmDocument *b)
{
  guint n_types;
  const GType *types = opm_element_get_types (&n_types);
  GListModel *scenarios_a = opm_document_get_scenarios (a);
  GListModel *scenarios_b = opm_document_get_scenarios (b);

  assert_same_attributes (G_OBJECT (a), G_OBJECT (b));
  assert_same_attributes (G_OBJECT (opm_document_get_parameters (a)),
                          G_OBJECT (opm_document_get_parameters (b)));
  g_assert_cmpuint (opm_document_get_n_elements (a), ==, opm_document_get_n_elements (b));
  g_assert_cmpuint (g_list_model_get_n_items (scenarios_a), ==, g_list_model_get_n_items (scenarios_b));

  for (guint s = 0; s < g_list_model_get_n_items (scenarios_a); s++)
    {
      OpmScenario *sa = opm_document_get_scenario (a, s);
      OpmScenario *sb = opm_document_get_scenario (b, s);

      assert_same_attributes (G_OBJECT (sa), G_OBJECT (sb));
      g_assert_cmpuint (opm_scenario_get_n_elements (sa), ==, opm_scenario_get_n_elements (sb));

      for (guint k = 0; k < n_types; k++)
        {
          GListModel *la = opm_scenario_get_elements (sa, types[k]);
          GListModel *lb = opm_scenario_get_elements (sb, types[k]);

          g_assert_cmpuint (g_list_model_get_n_items (la), ==, g_list_model_get_n_items (lb));
          for (guint i = 0; i < g_list_model_get_n_items (la); i++)
            {
              g_autoptr(OpmElement) ea = g_list_model_get_item (la, i);
              g_autoptr(OpmElement) eb = g_list_model_get_item (lb, i);

              assert_same_attributes (G_OBJECT (ea), G_OBJECT (eb));
              if (OPM_IS_TEAM (ea))
                assert_same_attributes (G_OBJECT (opm_team_get_contract (OPM_TEAM (ea))),
                                        G_OBJECT (opm_team_get_contract (OPM_TEAM (eb))));
            }
        }
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

/* Serialise, load, serialise again, in memory and through a file: the bytes
 * never change and the model survives. Returns the bytes. */
static GBytes *
assert_roundtrip (OpmDocument *document,
                  const char  *name)
{
  g_autoptr(GBytes) first = opm_document_serialize (document);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) third = NULL;
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(OpmDocument) reloaded = NULL;
  g_autoptr(OpmDocument) from_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  reloaded = load_bytes (first, name);
  second = opm_document_serialize (reloaded);
  assert_bytes_equal (first, second);
  assert_same_model (document, reloaded);

  dir = g_dir_make_tmp ("opm-test-roundtrip-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "roundtrip.opmodel", NULL);

  g_assert_true (opm_document_save (reloaded, path, &error));
  g_assert_no_error (error);
  on_disk = read_bytes (path);
  assert_bytes_equal (first, on_disk);

  from_file = opm_document_load (path, &error);
  g_assert_no_error (error);
  third = opm_document_serialize (from_file);
  assert_bytes_equal (first, third);

  remove_tree (dir);

  return g_steal_pointer (&first);
}

/* Generated organisations */

typedef struct
{
  guint   n_teams;
  guint   n_services;
  guint32 seed;
} Size;

static void
check_generated (guint   n_teams,
                 guint   n_services,
                 guint32 seed)
{
  g_autofree char *name = g_strdup_printf ("generated-%u-%u-%u.opmodel", n_teams, n_services, seed);
  g_autoptr(OpmDocument) document = NULL;
  g_autoptr(OpmDocument) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bytes_again = NULL;
  gint64 start;

  start = g_get_monotonic_time ();
  document = opm_generate_organisation (n_teams, n_services, seed);
  g_assert_nonnull (document);
  g_assert_cmpuint (g_list_model_get_n_items (opm_scenario_get_teams (opm_document_get_scenario (document, 0))),
                    ==, n_teams);
  g_assert_cmpuint (g_list_model_get_n_items (opm_scenario_get_services (opm_document_get_scenario (document, 0))),
                    ==, n_services);

  bytes = assert_roundtrip (document, name);
  g_test_message ("%s: %u elements, %" G_GSIZE_FORMAT " bytes, %.2f s", name,
                  opm_document_get_n_elements (document), g_bytes_get_size (bytes),
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  /* The same arguments give the same document. */
  again = opm_generate_organisation (n_teams, n_services, seed);
  bytes_again = opm_document_serialize (again);
  assert_bytes_equal (bytes, bytes_again);
}

static void
test_generated (void)
{
  const Size sizes[] = {
    { 0, 0, 1 },
    { 1, 0, 1 },
    { 1, 1, 1 },
    { 3, 0, 2 },
    { 4, 0, 3 },
    { 4, 1, 4 },
    { 5, 12, 1 },
    { 5, 12, 2 },
    { 12, 40, 42 },
    { 30, 150, 7 },
    { 60, 500, 0xdeadbeef },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    check_generated (sizes[i].n_teams, sizes[i].n_services, sizes[i].seed);

  /* A random one; the GTest seed printed at the start reproduces it. */
  {
    guint n_teams = g_test_rand_int_range (1, 40);
    guint n_services = g_test_rand_int_range (0, 200);
    guint32 seed = (guint32) g_test_rand_int ();

    g_test_message ("random size: %u teams, %u services, seed %u", n_teams, n_services, seed);
    check_generated (n_teams, n_services, seed);
  }
}

/* Services but no team to run them. Run in a subprocess so that a crash
 * fails this test only. */
static void
test_generated_no_teams (void)
{
  if (g_test_subprocess ())
    {
      check_generated (0, 1, 1);
      check_generated (0, 25, 3);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (!g_test_trap_has_passed ())
    g_test_fail_printf ("opm_generate_organisation (0, n, seed) failed or crashed");
}

static void
test_generated_large (void)
{
  check_generated (200, 2000, 2024);
  check_generated (200, 2000, 1);
}

/* Every attribute set */

static const char *
string_for (GParamSpec        *pspec,
            const OpmPropInfo *info)
{
  if (g_str_equal (pspec->name, "colour"))
    return "#1a2B3c";
  if (g_str_equal (pspec->name, "end-date"))
    return "2031-02-28";
  if (g_str_equal (pspec->name, "waypoints"))
    return "10.5,-20 300.25,40 0.1,0.2";
  if (g_str_equal (pspec->name, "currency"))
    return "EUR";
  if ((info->flags & OPM_PROP_LINE) != 0)
    return LINE_TEXT;
  return MULTI_TEXT;
}

/* A valid value of @pspec that is not its default. */
static void
non_default_value (GParamSpec *pspec,
                   GValue     *value)
{
  const OpmPropInfo *info = _opm_prop_info (pspec);

  g_value_init (value, pspec->value_type);

  switch (info->kind)
    {
    case OPM_PROP_STRING:
      g_value_set_string (value, string_for (pspec, info));
      break;
    case OPM_PROP_INT:
      g_value_set_int (value, info->def + 1 <= info->max ? (int) info->def + 1 : (int) info->def - 1);
      break;
    case OPM_PROP_DOUBLE:
      {
        /* Not a whole number, with all 17 significant digits. */
        double v = info->min + (info->max - info->min) / G_PI;

        if (v == info->def)
          v = info->min + (info->max - info->min) / G_E;
        g_value_set_double (value, v);
        break;
      }
    case OPM_PROP_BOOLEAN:
      g_value_set_boolean (value, info->def == 0);
      break;
    case OPM_PROP_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (pspec->value_type);
        int last = klass->values[klass->n_values - 1].value;

        g_value_set_enum (value, last != (int) info->def ? last : klass->values[0].value);
        break;
      }
    case OPM_PROP_FLAGS:
      {
        g_autoptr(GFlagsClass) klass = g_type_class_ref (pspec->value_type);
        guint all = klass->mask;

        g_value_set_flags (value, all != (guint) info->def ? all : klass->values[0].value);
        break;
      }
    case OPM_PROP_ELEMENT:
    default:
      g_assert_not_reached ();
    }
}

/* Sets every attribute of @target but ids and references through the
 * document's edit API. */
static void
set_every_attribute (OpmDocument *document,
                     GObject     *target)
{
  GPtrArray *serial = _opm_object_serial_props (G_OBJECT_GET_CLASS (target));

  for (guint i = 0; i < serial->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (serial, i);
      const OpmPropInfo *info = _opm_prop_info (pspec);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autoptr(GError) error = NULL;

      if ((info->flags & OPM_PROP_IDENT) != 0 || info->kind == OPM_PROP_ELEMENT)
        continue;

      non_default_value (pspec, &value);
      if (!opm_document_set_value (document, target, pspec->name, &value, &error))
        g_error ("setting %s.%s: %s", G_OBJECT_TYPE_NAME (target), pspec->name, error->message);
    }
}

static void
assert_nothing_default (GObject *object)
{
  GPtrArray *serial = _opm_object_serial_props (G_OBJECT_GET_CLASS (object));

  for (guint i = 0; i < serial->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (serial, i);

      if ((_opm_prop_info (pspec)->flags & OPM_PROP_IDENT) != 0)
        continue;
      if (_opm_prop_is_default (object, pspec))
        g_error ("%s.%s is still its default", G_OBJECT_TYPE_NAME (object), pspec->name);
    }
}

static OpmElement *
add (OpmDocument *document,
     OpmScenario *scenario,
     OpmElement  *element)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (opm_document_add_element (document, scenario, element, &error));
  g_assert_no_error (error);
  g_object_unref (element);

  set_every_attribute (document, G_OBJECT (element));
  if (OPM_IS_TEAM (element))
    set_every_attribute (document, G_OBJECT (opm_team_get_contract (OPM_TEAM (element))));

  return element;
}

/* A document in which every attribute of every kind of object differs from
 * its default. */
static OpmDocument *
make_full_document (void)
{
  OpmDocument *document = opm_document_new ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  OpmElement *team, *service, *other;
  guint n_types;
  const GType *types = opm_element_get_types (&n_types);

  set_every_attribute (document, G_OBJECT (document));
  set_every_attribute (document, G_OBJECT (opm_document_get_parameters (document)));
  set_every_attribute (document, G_OBJECT (scenario));

  team = add (document, scenario, g_object_new (OPM_TYPE_TEAM, "id", "team.a-1:x", NULL));
  service = add (document, scenario, g_object_new (OPM_TYPE_SERVICE, "id", "_service", NULL));
  other = add (document, scenario, g_object_new (OPM_TYPE_SERVICE, "id", "service-2", NULL));
  add (document, scenario, g_object_new (OPM_TYPE_RESPONSIBILITY, "id", "r1",
                                         "team", team, "service", service, NULL));
  add (document, scenario, g_object_new (OPM_TYPE_DEPENDENCY, "id", "d1",
                                         "from", service, "to", other, NULL));
  add (document, scenario, g_object_new (OPM_TYPE_NOTE, "id", "n1", NULL));
  add (document, scenario, g_object_new (OPM_TYPE_GROUP, "id", "g1", NULL));

  /* Every kind of element is there, and nothing is left at its default. */
  assert_nothing_default (G_OBJECT (document));
  assert_nothing_default (G_OBJECT (opm_document_get_parameters (document)));
  assert_nothing_default (G_OBJECT (scenario));
  for (guint k = 0; k < n_types; k++)
    {
      GListModel *list = opm_scenario_get_elements (scenario, types[k]);

      g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(OpmElement) element = g_list_model_get_item (list, i);

          assert_nothing_default (G_OBJECT (element));
          if (OPM_IS_TEAM (element))
            assert_nothing_default (G_OBJECT (opm_team_get_contract (OPM_TEAM (element))));
        }
    }

  return document;
}

static void
test_every_attribute (void)
{
  g_autoptr(OpmDocument) document = make_full_document ();
  g_autoptr(GBytes) bytes = assert_roundtrip (document, "full.opmodel");
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autofree char *text = g_strndup (data, length);
  const char *escapes[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#9;", "&#10;", "&#13;", "&amp;#10;" };

  g_assert_true (g_utf8_validate (data, length, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (escapes); i++)
    g_assert_nonnull (strstr (text, escapes[i]));
  g_assert_nonnull (strstr (text, "日本語 😀"));
  g_assert_nonnull (strstr (text, "<contract "));
  g_assert_nonnull (strstr (text, "<parameters "));
  /* No raw control characters reach the file. */
  for (gsize i = 0; i < length; i++)
    g_assert_true (data[i] == '\n' || (guchar) data[i] >= 0x20);
  g_test_message ("%s", text);
}

/* Numbers that are hard to write so that they read back exactly. */
static void
test_exact_numbers (void)
{
  const double coordinates[] = {
    0.1, -0.1, 0.30000000000000004, 1e-7, 1e-300, 4.9406564584124654e-324, -0.0,
    2.2250738585072014e-308, 1234567.1234567891, -9999999.999999998, 1e7, -1e7, 8,
    0.5, 1.0 / 3.0, 2.0 / 3.0, 9999999.999999999,
  };
  const double exposures[] = {
    1e12, 999999999999.99988, 1e15 / 1000.0, 123456789012.34567, 1e-9, 0.000123,
  };
  g_autoptr(OpmDocument) document = opm_document_new ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (coordinates); i++)
    {
      g_autofree char *id = g_strdup_printf ("n%u", i);
      OpmElement *note = g_object_new (OPM_TYPE_NOTE, "id", id, NULL);

      g_assert_true (opm_document_add_element (document, scenario, note, &error));
      g_assert_no_error (error);
      g_object_unref (note);
      g_assert_true (opm_document_set (document, &error, note,
                                       "x", coordinates[i],
                                       "y", -coordinates[i],
                                       "width", MAX (8.0, fabs (coordinates[i])),
                                       NULL));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (exposures); i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      OpmElement *service = g_object_new (OPM_TYPE_SERVICE, "id", id, NULL);

      g_assert_true (opm_document_add_element (document, scenario, service, &error));
      g_assert_no_error (error);
      g_object_unref (service);
      g_assert_true (opm_document_set (document, &error, service,
                                       "exposure-per-hour", exposures[i],
                                       "incident-rate", exposures[i] / 1e8,
                                       NULL));
      g_assert_no_error (error);
    }

  /* assert_roundtrip() compares every double exactly. */
  g_clear_pointer (&error, g_error_free);
  {
    g_autoptr(GBytes) bytes = assert_roundtrip (document, "numbers.opmodel");
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    /* No negative zero. */
    g_assert_null (strstr (text, "\"-0\""));
    g_test_message ("%s", text);
  }
}

static void
check_duplicate (OpmDocument *document,
                 const char  *name)
{
  OpmScenario *original = opm_document_get_scenario (document, 0);
  OpmScenario *copy;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(OpmDocument) reloaded = NULL;
  g_autoptr(OpmElement) first = NULL;
  guint n_types;
  const GType *types = opm_element_get_types (&n_types);

  copy = opm_document_duplicate_scenario (document, original, "To-be — “YBIYRI” & <co>", &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpstr (opm_scenario_get_id (copy), !=, opm_scenario_get_id (original));
  g_assert_cmpuint (opm_scenario_get_n_elements (copy), ==, opm_scenario_get_n_elements (original));

  /* Change the copy a little, so that the two differ. */
  if (g_list_model_get_n_items (opm_scenario_get_teams (copy)) > 0)
    {
      first = g_list_model_get_item (opm_scenario_get_teams (copy), 0);
      g_assert_true (opm_document_set (document, &error, first,
                                       "kind", OPM_TEAM_KIND_PRODUCT,
                                       "out-of-hours", OPM_OUT_OF_HOURS_OWN_ROTA,
                                       NULL));
      g_assert_no_error (error);
    }

  bytes = assert_roundtrip (document, name);
  reloaded = load_bytes (bytes, name);
  g_assert_cmpuint (g_list_model_get_n_items (opm_document_get_scenarios (reloaded)), ==, 2);

  /* The copy kept every id of the original. */
  for (guint k = 0; k < n_types; k++)
    {
      GListModel *list = opm_scenario_get_elements (opm_document_get_scenario (reloaded, 0), types[k]);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(OpmElement) element = g_list_model_get_item (list, i);
          OpmElement *twin = opm_scenario_lookup (opm_document_get_scenario (reloaded, 1),
                                                  opm_element_get_id (element));

          g_assert_nonnull (twin);
          g_assert_true (G_OBJECT_TYPE (twin) == G_OBJECT_TYPE (element));
        }
    }
}

static void
test_duplicate_scenario (void)
{
  g_autoptr(OpmDocument) full = make_full_document ();
  g_autoptr(OpmDocument) generated = opm_generate_organisation (12, 40, 99);

  check_duplicate (full, "full-duplicated.opmodel");
  check_duplicate (generated, "generated-duplicated.opmodel");
}

/* Bundled examples */

static const char *
examples_dir (void)
{
  const char *dir = g_getenv ("OPM_EXAMPLES_DIR");

  if (dir == NULL)
    g_error ("OPM_EXAMPLES_DIR is not set; run the tests with meson test");

  return dir;
}

static void
test_examples_normalised (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (examples_dir (), 0, &error);
  const char *name;
  guint n = 0;

  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) stored = NULL;
      g_autoptr(GBytes) written = NULL;
      g_autoptr(OpmDocument) document = NULL;

      if (!g_str_has_suffix (name, ".opmodel"))
        continue;

      path = g_build_filename (examples_dir (), name, NULL);
      stored = read_bytes (path);

      /* Stored normalised: what the writer makes of it is the file itself. */
      document = load_bytes (stored, path);
      written = opm_document_serialize (document);
      assert_bytes_equal (stored, written);

      g_clear_pointer (&written, g_bytes_unref);
      written = assert_roundtrip (document, name);
      assert_bytes_equal (stored, written);

      g_test_message ("%s: %u scenarios, %u elements", name,
                      g_list_model_get_n_items (opm_document_get_scenarios (document)),
                      opm_document_get_n_elements (document));
      n++;
    }

  if (n == 0)
    g_test_fail_printf ("no .opmodel file in %s", examples_dir ());
}

static void
test_examples_present (void)
{
  const char *required[] = { "telco.opmodel", "ecommerce.opmodel" };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autofree char *path = g_build_filename (examples_dir (), required[i], NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_test_fail_printf ("the example %s is missing", path);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char **args = g_new0 (char *, argc + 2);
  int n_args = 0;

  /* Missing examples and known failures are reported with
   * g_test_fail_printf() without stopping the other tests. */
  args[n_args++] = argv[0];
  args[n_args++] = (char *) "--keep-going";
  for (int i = 1; i < argc; i++)
    args[n_args++] = argv[i];

  g_test_init (&n_args, &args, NULL);

  g_test_add_func ("/roundtrip/generated/sizes", test_generated);
  g_test_add_func ("/roundtrip/generated/no-teams", test_generated_no_teams);
  g_test_add_func ("/roundtrip/generated/large", test_generated_large);
  g_test_add_func ("/roundtrip/document/every-attribute", test_every_attribute);
  g_test_add_func ("/roundtrip/document/exact-numbers", test_exact_numbers);
  g_test_add_func ("/roundtrip/document/duplicate-scenario", test_duplicate_scenario);
  /* Last: they fail until the examples are written. */
  g_test_add_func ("/roundtrip/examples/normalised", test_examples_normalised);
  g_test_add_func ("/roundtrip/examples/present", test_examples_present);

  return g_test_run ();
}
