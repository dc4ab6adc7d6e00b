/* test-file.c — hostile and broken .opmodel files, atomic durable saves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every hostile file must be refused with an OPM_FILE_ERROR that names the
 * file and a line, quickly, without reading another file or opening a
 * socket. Saves must leave the old file whole when they fail.
 */

#include "config.h"

#include "opm-core.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gstdio.h>

#define DISPLAY_NAME   "hostile.opmodel"
#define MAX_LOAD_USEC  (5 * G_USEC_PER_SEC)
#define CANARY         "CANARY-7f3a9c2e-do-not-read"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define ROOT     "<opmodel format-version=\"1\">\n"

/* A valid document with a bit of everything, used as the base of the
 * truncation test and of several variants. */
static const char valid_document[] =
  XML_DECL
  ROOT
  "  <metadata title=\"Café &amp; Co\" currency=\"EUR\"/>\n"
  "  <parameters handoff-limit=\"3\"/>\n"
  "  <scenario id=\"as-is\" name=\"As-is — Zürich\">\n"
  "    <team id=\"ops\" name=\"Operations\" kind=\"ops-bridge\" sourcing=\"outsourced\">\n"
  "      <contract priorities=\"p1 p2\" hours=\"24x7\"/>\n"
  "    </team>\n"
  "    <team id=\"web\" name=\"Web\"/>\n"
  "    <service id=\"shop\" name=\"Shop\" exposure-per-hour=\"1250.5\"/>\n"
  "    <service id=\"db\" name=\"DB\" class=\"data-store\"/>\n"
  "    <responsibility id=\"r1\" team=\"web\" service=\"shop\" activity=\"build\"/>\n"
  "    <responsibility id=\"r2\" team=\"ops\" service=\"shop\" activity=\"operate-l1\"/>\n"
  "    <dependency id=\"d1\" from=\"shop\" to=\"db\"/>\n"
  "    <note id=\"n1\" text=\"line one&#10;line two\"/>\n"
  "    <group id=\"g1\" name=\"Shop\"/>\n"
  "  </scenario>\n"
  "</opmodel>\n";

/* Loading helpers */

/* Loads @data and checks that it is refused as a hostile file must be:
 * OPM_FILE_ERROR (with @code unless it is -1), a line, the display name at
 * the start of the message, in bounded time. Returns the error for more
 * checks, or NULL (the test is then marked failed) if the file loaded. */
static GError *
expect_refused_full (const char *data,
                     gsize       length,
                     int         code,
                     const char *what)
{
  g_autoptr(OpmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  gint64 elapsed;

  start = g_get_monotonic_time ();
  document = opm_document_load_from_data (data, length, DISPLAY_NAME, &error);
  elapsed = g_get_monotonic_time () - start;

  g_test_message ("%s: %s (%.3f s)", what, error != NULL ? error->message : "loaded",
                  elapsed / (double) G_USEC_PER_SEC);

  if (document != NULL)
    {
      g_test_message ("NOT REFUSED: %s", what);
      g_test_fail_printf ("%s: the document loaded, but must be refused", what);
      return NULL;
    }

  g_assert_nonnull (error);
  g_assert_cmpuint (error->domain, ==, OPM_FILE_ERROR);
  if (code >= 0)
    g_assert_cmpint (error->code, ==, code);
  g_assert_cmpint (opm_file_error_get_line (error), >, 0);
  g_assert_cmpint (opm_file_error_get_column (error), >, 0);
  g_assert_true (g_str_has_prefix (error->message, DISPLAY_NAME ":"));
  g_assert_cmpstr (opm_file_error_get_file (error), ==, DISPLAY_NAME);
  g_assert_nonnull (opm_file_error_get_message (error));
  g_assert_cmpstr (opm_file_error_get_message (error), !=, "");
  g_assert_null (strstr (error->message, CANARY));
  if (elapsed >= MAX_LOAD_USEC)
    {
      g_test_message ("TOO SLOW: %s", what);
      g_test_fail_printf ("%s: refusing the file took %.1f s", what, elapsed / (double) G_USEC_PER_SEC);
    }

  return g_steal_pointer (&error);
}

static GError *
expect_refused (const char *data,
                int         code,
                const char *what)
{
  return expect_refused_full (data, strlen (data), code, what);
}

static void
check_refused (const char *data,
               int         code,
               const char *what)
{
  GError *error = expect_refused (data, code, what);

  g_clear_error (&error);
}

static void
check_refused_full (const char *data,
                    gsize       length,
                    int         code,
                    const char *what)
{
  GError *error = expect_refused_full (data, length, code, what);

  g_clear_error (&error);
}

static OpmDocument *
expect_loads (const char *data,
              gsize       length)
{
  g_autoptr(GError) error = NULL;
  OpmDocument *document;

  document = opm_document_load_from_data (data, length, DISPLAY_NAME, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

/* A document whose only scenario holds @body. */
static char *
scenario_document (const char *body)
{
  return g_strconcat (XML_DECL, ROOT, "  <scenario id=\"s1\" name=\"As-is\">\n", body,
                      "  </scenario>\n</opmodel>\n", NULL);
}

static void
check_scenario_refused (const char *body,
                        int         code,
                        const char *what)
{
  g_autofree char *data = scenario_document (body);

  check_refused (data, code, what);
}

/* A temporary folder, removed with everything in it by the caller. */
static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("opm-test-file-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static void
write_file (const char *path,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

/* Entities, DOCTYPEs and external references */

static void
test_billion_laughs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) data = g_string_new (XML_DECL);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "laughs.opmodel", NULL);
  g_autoptr(OpmDocument) document = NULL;

  g_string_append (data, "<!DOCTYPE opmodel [\n  <!ENTITY lol \"lol\">\n");
  for (int i = 1; i < 10; i++)
    {
      g_string_append_printf (data, "  <!ENTITY lol%d \"", i);
      for (int j = 0; j < 10; j++)
        g_string_append_printf (data, i == 1 ? "&lol;" : "&lol%d;", i - 1);
      g_string_append (data, "\">\n");
    }
  g_string_append (data, "]>\n" ROOT
                         "  <metadata title=\"&lol9;\"/>\n"
                         "  <scenario id=\"s1\" name=\"&lol9;\">&lol9;</scenario>\n"
                         "</opmodel>\n");

  error = expect_refused (data->str, OPM_FILE_ERROR_FORBIDDEN, "billion laughs");
  g_assert_cmpint (opm_file_error_get_line (error), ==, 2);

  /* The same through a file: the path is the name in the message. */
  g_clear_error (&error);
  write_file (path, data->str, data->len);
  document = opm_document_load (path, &error);
  g_assert_null (document);
  g_assert_error (error, OPM_FILE_ERROR, OPM_FILE_ERROR_FORBIDDEN);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_cmpint (opm_file_error_get_line (error), ==, 2);

  remove_tree (dir);
}

static void
test_quadratic_blowup (void)
{
  g_autoptr(GString) data = g_string_new (XML_DECL);
  g_autoptr(GString) big = g_string_new (NULL);

  /* One large entity referenced many times (no nesting). */
  for (int i = 0; i < 100000; i++)
    g_string_append_c (big, 'a');
  g_string_append_printf (data, "<!DOCTYPE opmodel [<!ENTITY a \"%s\">]>\n" ROOT
                          "  <scenario id=\"s1\" name=\"x\">\n    <note id=\"n\" text=\"",
                          big->str);
  for (int i = 0; i < 10000; i++)
    g_string_append (data, "&a;");
  g_string_append (data, "\"/>\n  </scenario>\n</opmodel>\n");

  check_refused (data->str, OPM_FILE_ERROR_FORBIDDEN, "quadratic blow-up");
}

static void
test_undeclared_entities (void)
{
  /* Without a DOCTYPE an entity can only be undeclared; it must be refused
   * in content and in attribute values. */
  check_refused (XML_DECL ROOT "  &xxe;\n  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n",
                 OPM_FILE_ERROR_FORBIDDEN, "undeclared entity in content");
  check_refused (XML_DECL ROOT "  <scenario id=\"s1\" name=\"&xxe;\"/>\n</opmodel>\n", -1,
                 "undeclared entity in an attribute");
}

static gboolean
make_fifo (const char *path)
{
  if (mkfifo (path, 0600) == 0)
    return TRUE;

  g_test_message ("mkfifo %s: %s", path, g_strerror (errno));
  return FALSE;
}

/* Documents that reference @target (a path or a URL) in every way XML
 * allows; a path is also given as a file: URI. */
static GPtrArray *
external_reference_documents (const char *target)
{
  GPtrArray *docs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *uri = g_path_is_absolute (target) ? g_filename_to_uri (target, NULL, NULL) : NULL;
  const char *refs[] = { target, uri };

  for (guint i = 0; i < G_N_ELEMENTS (refs) && refs[i] != NULL; i++)
    {
      const char *ref = refs[i];

      /* A general external entity used in content and in an attribute. */
      g_ptr_array_add (docs, g_strdup_printf (
        XML_DECL "<!DOCTYPE opmodel [\n  <!ENTITY xxe SYSTEM \"%s\">\n]>\n" ROOT
        "  <metadata title=\"&xxe;\"/>\n  <scenario id=\"s1\" name=\"x\">&xxe;</scenario>\n"
        "</opmodel>\n", ref));
      /* A parameter entity. */
      g_ptr_array_add (docs, g_strdup_printf (
        XML_DECL "<!DOCTYPE opmodel [\n  <!ENTITY %% p SYSTEM \"%s\">\n  %%p;\n]>\n" ROOT
        "  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n", ref));
      /* An external DTD. */
      g_ptr_array_add (docs, g_strdup_printf (
        XML_DECL "<!DOCTYPE opmodel SYSTEM \"%s\">\n" ROOT
        "  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n", ref));
      g_ptr_array_add (docs, g_strdup_printf (
        XML_DECL "<!DOCTYPE opmodel PUBLIC \"-//Opmodel//Test//EN\" \"%s\">\n" ROOT
        "  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n", ref));
      /* XInclude (namespaces are not used in .opmodel files at all). */
      g_ptr_array_add (docs, g_strdup_printf (
        XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\">\n"
        "    <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"%s\" parse=\"text\"/>\n"
        "  </scenario>\n</opmodel>\n", ref));
      g_ptr_array_add (docs, g_strdup_printf (
        XML_DECL "<?xml-stylesheet href=\"%s\"?>\n" ROOT
        "  <scenario id=\"s1\" name=\"x\" xmlns=\"%s\"/>\n</opmodel>\n", ref, ref));
    }

  return docs;
}

static void
test_external_entity_fifo (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autoptr(GPtrArray) docs = NULL;

  if (!make_fifo (fifo))
    {
      remove_tree (dir);
      g_test_skip ("cannot create a FIFO here");
      return;
    }

  /* Opening the FIFO for reading would block for ever: finishing proves it
   * was never opened. */
  docs = external_reference_documents (fifo);
  for (guint i = 0; i < docs->len; i++)
    {
      g_autofree char *what = g_strdup_printf ("reference to a FIFO, variant %u", i);
      check_refused (g_ptr_array_index (docs, i), -1, what);
    }

  remove_tree (dir);
}

static void
test_external_entity_file (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *secret = g_build_filename (dir, "secret.txt", NULL);
  g_autoptr(GPtrArray) docs = NULL;
  GStatBuf before, after;

  write_file (secret, CANARY "\n", -1);
  g_assert_cmpint (g_stat (secret, &before), ==, 0);

  docs = external_reference_documents (secret);
  for (guint i = 0; i < docs->len; i++)
    {
      g_autofree char *what = g_strdup_printf ("reference to a local file, variant %u", i);
      g_autoptr(GError) error = expect_refused (g_ptr_array_index (docs, i), -1, what);

      if (error != NULL)
        g_assert_null (strstr (opm_file_error_get_message (error), CANARY));
    }

  /* Nothing wrote to it either. */
  g_assert_cmpint (g_stat (secret, &after), ==, 0);
  g_assert_cmpint (before.st_size, ==, after.st_size);

  remove_tree (dir);
}

static void
test_external_dtd_network (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GSocket) client = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (socket, 16);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (socket, FALSE);

  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_assert_cmpuint (port, >, 0);

  url = g_strdup_printf ("http://127.0.0.1:%u/x.dtd", port);
  docs = external_reference_documents (url);

  for (guint i = 0; i < docs->len; i++)
    {
      g_autofree char *what = g_strdup_printf ("reference to %s, variant %u", url, i);
      check_refused (g_ptr_array_index (docs, i), -1, what);
    }

  /* A connection, even one the parser gave up on, would wait in the backlog. */
  client = g_socket_accept (socket, NULL, &error);
  g_assert_null (client);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
}

/* Sizes and structure */

static void
test_deep_nesting (void)
{
  const guint depth = 100000;
  g_autoptr(GString) data = g_string_new (XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\">\n");
  g_autoptr(GString) plain = g_string_new (XML_DECL);

  for (guint i = 0; i < depth; i++)
    g_string_append (data, "<team id=\"t\">");
  for (guint i = 0; i < depth; i++)
    g_string_append (data, "</team>");
  g_string_append (data, "\n  </scenario>\n</opmodel>\n");
  check_refused (data->str, -1, "100,000 nested teams");

  for (guint i = 0; i < depth; i++)
    g_string_append (plain, "<opmodel format-version=\"1\">");
  check_refused (plain->str, -1, "100,000 nested roots, unclosed");

  g_string_assign (plain, XML_DECL);
  for (guint i = 0; i < depth; i++)
    g_string_append (plain, "<a>");
  for (guint i = 0; i < depth; i++)
    g_string_append (plain, "</a>");
  check_refused (plain->str, -1, "100,000 nested foreign elements");
}

static void
test_huge_attribute (void)
{
  const gsize sizes[] = { 20 * 1024 * 1024, 1024 * 1024 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GString) data = g_string_sized_new (sizes[i] + 512);
      g_autofree char *what = g_strdup_printf ("a %" G_GSIZE_FORMAT "-byte attribute", sizes[i]);

      g_string_append (data, XML_DECL ROOT "  <metadata description=\"");
      for (gsize j = 0; j < sizes[i]; j++)
        g_string_append_c (data, 'a' + j % 26);
      g_string_append (data, "\"/>\n  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n");

      check_refused_full (data->str, data->len, -1, what);
    }
}

static void
test_many_attributes (void)
{
  g_autoptr(GString) data = g_string_new (XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\">\n    <team id=\"t\"");

  /* 150,000 distinct attributes in one start tag (1.7 MB). libxml2 2.9
   * compares each attribute with all earlier ones before our callback sees
   * the tag, so this takes time quadratic in the number of attributes. */
  for (guint i = 0; i < 150000; i++)
    g_string_append_printf (data, " a%u=\"x\"", i);
  g_string_append (data, "/>\n  </scenario>\n</opmodel>\n");
  check_refused (data->str, -1, "150,000 attributes");

  check_scenario_refused ("    <team id=\"t\" name=\"a\" name=\"b\"/>\n", OPM_FILE_ERROR_MALFORMED,
                          "a repeated attribute");
}

static void
test_invalid_utf8 (void)
{
  const char *cases[] = {
    XML_DECL ROOT "  <metadata title=\"caf\xe9\"/>\n  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n",
    XML_DECL ROOT "  <metadata title=\"\xff\xfe\"/>\n  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n",
    XML_DECL ROOT "  <metadata title=\"\xc0\xaf\"/>\n  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n",
    XML_DECL ROOT "  <metadata title=\"\xed\xa0\x80\"/>\n  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n",
    XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\">\n    <te\x80m id=\"t\"/>\n  </scenario>\n</opmodel>\n",
    XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\"/>\n  <!-- \xf8\x88\x80\x80\x80 -->\n</opmodel>\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *what = g_strdup_printf ("invalid UTF-8, case %u", i);
      g_autoptr(GError) error = expect_refused (cases[i], OPM_FILE_ERROR_MALFORMED, what);

      if (error != NULL)
        g_assert_cmpint (opm_file_error_get_line (error), >=, 3);
    }
}

static void
test_nul_bytes (void)
{
  const char *places[] = { "title=\"Caf", "<scenario id=\"as-is\"", "</opmodel>", "<?xml" };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autofree char *what = g_strdup_printf ("a NUL byte after “%s”", places[i]);
      g_autofree char *data = g_strdup (valid_document);
      gsize length = strlen (data);
      char *at = strstr (data, places[i]);

      g_assert_nonnull (at);
      at[strlen (places[i])] = '\0';
      check_refused_full (data, length, -1, what);
    }

  /* A NUL after the end of the document is still not allowed. */
  {
    gsize length = sizeof valid_document;  /* includes the terminator */
    check_refused_full (valid_document, length, -1, "a NUL byte after the document");
  }
}

static void
test_truncation (void)
{
  const char *end = strstr (valid_document, "</opmodel>");
  gsize complete;
  gsize total = strlen (valid_document);

  g_assert_nonnull (end);
  complete = (end - valid_document) + strlen ("</opmodel>");

  for (gsize length = 0; length < complete; length++)
    {
      g_autoptr(OpmDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      document = opm_document_load_from_data (valid_document, length, DISPLAY_NAME, &error);
      if (document != NULL)
        {
          g_test_fail_printf ("the first %" G_GSIZE_FORMAT " bytes loaded", length);
          continue;
        }
      g_assert_cmpuint (error->domain, ==, OPM_FILE_ERROR);
      g_assert_cmpint (opm_file_error_get_line (error), >, 0);
      g_assert_true (g_str_has_prefix (error->message, DISPLAY_NAME ":"));
      g_assert_cmpint (g_get_monotonic_time () - start, <, MAX_LOAD_USEC);
    }

  for (gsize length = complete; length <= total; length++)
    {
      g_autoptr(OpmDocument) document = expect_loads (valid_document, length);
      g_assert_cmpuint (g_list_model_get_n_items (opm_document_get_scenarios (document)), ==, 1);
      g_assert_cmpuint (opm_document_get_n_elements (document), ==, 9);
    }
}

/* Ids and references */

static void
test_duplicate_ids (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *twice = NULL;
  g_autoptr(OpmDocument) document = NULL;

  error = expect_refused (
    XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\">\n"
    "    <team id=\"t1\"/>\n"
    "    <team id=\"t1\"/>\n"
    "  </scenario>\n</opmodel>\n", OPM_FILE_ERROR_DUPLICATE_ID, "two teams with one id");
  if (error != NULL)
    {
      g_assert_cmpint (opm_file_error_get_line (error), ==, 5);
      g_assert_cmpint (opm_file_error_get_column (error), ==, 5);
    }

  check_scenario_refused ("    <team id=\"x\"/>\n    <service id=\"x\"/>\n",
                          OPM_FILE_ERROR_DUPLICATE_ID, "a team and a service with one id");
  check_scenario_refused ("    <service id=\"a\"/>\n    <service id=\"b\"/>\n"
                          "    <dependency id=\"a\" from=\"a\" to=\"b\"/>\n",
                          OPM_FILE_ERROR_DUPLICATE_ID, "a dependency with a service's id");

  /* Scenarios have ids and names of their own. */
  check_refused (XML_DECL ROOT "  <scenario id=\"s1\" name=\"a\"/>\n  <scenario id=\"s1\" name=\"b\"/>\n"
                 "</opmodel>\n", OPM_FILE_ERROR_DUPLICATE_ID, "two scenarios with one id");
  check_refused (XML_DECL ROOT "  <scenario id=\"s1\" name=\"same\"/>\n  <scenario id=\"s2\" name=\"same\"/>\n"
                 "</opmodel>\n", OPM_FILE_ERROR_DUPLICATE_ID, "two scenarios with one name");

  /* The same element id in two scenarios is how scenarios are compared. */
  twice = g_strconcat (XML_DECL ROOT,
                       "  <scenario id=\"s1\" name=\"a\">\n    <team id=\"t1\"/>\n  </scenario>\n"
                       "  <scenario id=\"s2\" name=\"b\">\n    <team id=\"t1\"/>\n  </scenario>\n"
                       "</opmodel>\n", NULL);
  document = expect_loads (twice, strlen (twice));
  g_assert_cmpuint (opm_document_get_n_elements (document), ==, 2);
}

static void
test_bad_references (void)
{
  g_autoptr(GError) error = NULL;

  error = expect_refused (
    XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\">\n"
    "    <service id=\"v\"/>\n"
    "    <responsibility id=\"r\" team=\"nope\" service=\"v\" activity=\"build\"/>\n"
    "  </scenario>\n</opmodel>\n", OPM_FILE_ERROR_DANGLING_REFERENCE, "a dangling team reference");
  if (error != NULL)
    {
      g_assert_cmpint (opm_file_error_get_line (error), ==, 5);
      /* The column of the attribute “team”. */
      g_assert_cmpint (opm_file_error_get_column (error), ==, 28);
      g_assert_nonnull (strstr (error->message, "team"));
    }

  check_scenario_refused ("    <service id=\"v\"/>\n    <dependency id=\"d\" from=\"v\" to=\"gone\"/>\n",
                          OPM_FILE_ERROR_DANGLING_REFERENCE, "a dangling dependency");
  check_scenario_refused ("    <team id=\"t\"/>\n"
                          "    <responsibility id=\"r\" team=\"t\" service=\"\" activity=\"build\"/>\n",
                          -1, "an empty reference");
  check_scenario_refused ("    <team id=\"t\"/>\n    <service id=\"v\"/>\n"
                          "    <responsibility id=\"r\" team=\"t\" activity=\"build\"/>\n",
                          OPM_FILE_ERROR_INVALID, "a missing reference");

  /* References do not reach into another scenario. */
  check_refused (XML_DECL ROOT "  <scenario id=\"s1\" name=\"a\">\n    <team id=\"t\"/>\n  </scenario>\n"
                 "  <scenario id=\"s2\" name=\"b\">\n    <service id=\"v\"/>\n"
                 "    <responsibility id=\"r\" team=\"t\" service=\"v\" activity=\"build\"/>\n"
                 "  </scenario>\n</opmodel>\n", OPM_FILE_ERROR_DANGLING_REFERENCE,
                 "a reference into another scenario");

  g_clear_error (&error);
  error = expect_refused (
    XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\">\n"
    "    <service id=\"v\"/>\n"
    "    <service id=\"w\"/>\n"
    "    <responsibility id=\"r\" team=\"w\" service=\"v\" activity=\"build\"/>\n"
    "  </scenario>\n</opmodel>\n", OPM_FILE_ERROR_INVALID, "a team reference naming a service");
  if (error != NULL)
    {
      g_assert_cmpint (opm_file_error_get_line (error), ==, 6);
      g_assert_nonnull (strstr (error->message, "service"));
    }

  check_scenario_refused ("    <team id=\"t\"/>\n    <service id=\"v\"/>\n"
                          "    <dependency id=\"d\" from=\"t\" to=\"v\"/>\n",
                          OPM_FILE_ERROR_INVALID, "a dependency from a team");
  check_scenario_refused ("    <service id=\"v\"/>\n    <note id=\"n\"/>\n"
                          "    <responsibility id=\"r\" team=\"n\" service=\"v\" activity=\"build\"/>\n",
                          OPM_FILE_ERROR_INVALID, "a team reference naming a note");

  g_clear_error (&error);
  error = expect_refused (
    XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\">\n"
    "    <service id=\"v\"/>\n"
    "    <dependency id=\"d\" from=\"v\" to=\"v\"/>\n"
    "  </scenario>\n</opmodel>\n", OPM_FILE_ERROR_INVALID, "a dependency from a service to itself");
  if (error != NULL)
    g_assert_cmpint (opm_file_error_get_line (error), ==, 5);

  check_scenario_refused ("    <team id=\"1bad\"/>\n", OPM_FILE_ERROR_INVALID, "an id starting with a digit");
  check_scenario_refused ("    <team id=\"a b\"/>\n", OPM_FILE_ERROR_INVALID, "an id with a space");
  check_scenario_refused ("    <team/>\n", OPM_FILE_ERROR_INVALID, "a team without an id");
}

/* Values */

typedef struct
{
  const char *element;  /* the start of a tag, attributes are appended */
  const char *attribute;
  const char *value;
} BadValue;

static void
test_bad_numbers (void)
{
  const BadValue cases[] = {
    { "<service id=\"v\"", "exposure-per-hour", "NaN" },
    { "<service id=\"v\"", "exposure-per-hour", "nan" },
    { "<service id=\"v\"", "exposure-per-hour", "inf" },
    { "<service id=\"v\"", "exposure-per-hour", "-inf" },
    { "<service id=\"v\"", "exposure-per-hour", "Infinity" },
    { "<service id=\"v\"", "exposure-per-hour", "-1" },
    { "<service id=\"v\"", "exposure-per-hour", "1e13" },
    { "<service id=\"v\"", "exposure-per-hour", "1e999" },
    { "<service id=\"v\"", "exposure-per-hour", "-1e999" },
    { "<service id=\"v\"", "exposure-per-hour", "0x1p3" },
    { "<service id=\"v\"", "exposure-per-hour", "0x10" },
    { "<service id=\"v\"", "exposure-per-hour", "" },
    { "<service id=\"v\"", "exposure-per-hour", " 5" },
    { "<service id=\"v\"", "exposure-per-hour", "5 " },
    { "<service id=\"v\"", "exposure-per-hour", "1,5" },
    { "<service id=\"v\"", "exposure-per-hour", "1e" },
    { "<service id=\"v\"", "exposure-per-hour", "--1" },
    { "<service id=\"v\"", "incident-rate", "100001" },
    { "<team id=\"t\"", "size", "-1" },
    { "<team id=\"t\"", "size", "100001" },
    { "<team id=\"t\"", "size", "99999999999999999999" },
    { "<team id=\"t\"", "size", "2147483648" },
    { "<team id=\"t\"", "size", "0x10" },
    { "<team id=\"t\"", "size", "1.5" },
    { "<team id=\"t\"", "size", "1e3" },
    { "<team id=\"t\"", "size", "NaN" },
    { "<team id=\"t\"", "work-start", "1441" },
    { "<team id=\"t\"", "x", "1e8" },
    { "<team id=\"t\"", "y", "-1e999" },
    { "<team id=\"t\"", "width", "0" },
    { "<team id=\"t\"", "height", "-100" },
    { "<note id=\"n\"", "x", "nan" },
    { "<group id=\"g\"", "width", "inf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strdup_printf ("    %s %s=\"%s\"/>\n", cases[i].element,
                                               cases[i].attribute, cases[i].value);
      g_autofree char *what = g_strdup_printf ("%s=\"%s\"", cases[i].attribute, cases[i].value);

      check_scenario_refused (body, OPM_FILE_ERROR_INVALID, what);
    }

  /* Parameters and contracts check their numbers too. */
  check_refused (XML_DECL ROOT "  <parameters l1-resolve-probability=\"1.5\"/>\n"
                 "  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n",
                 OPM_FILE_ERROR_INVALID, "a probability over 1");
  check_refused (XML_DECL ROOT "  <parameters handoff-limit=\"nan\"/>\n"
                 "  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n",
                 OPM_FILE_ERROR_INVALID, "a NaN parameter");
  check_scenario_refused ("    <team id=\"t\" sourcing=\"outsourced\">\n"
                          "      <contract response-p1=\"-5\"/>\n    </team>\n",
                          OPM_FILE_ERROR_INVALID, "a negative response time");
  check_scenario_refused ("    <team id=\"t\">\n      <contract charge-per-deployment=\"1e999\"/>\n    </team>\n",
                          OPM_FILE_ERROR_INVALID, "an infinite charge");
}

static void
test_bad_routes (void)
{
  const char *routes[] = { "nan,1", "1,inf", "1e999,0", "1e8,0", "1,2,3", "1", "a,b", "1;2" };

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_autofree char *body = g_strdup_printf ("    <service id=\"a\"/>\n    <service id=\"b\"/>\n"
                                               "    <dependency id=\"d\" from=\"a\" to=\"b\" "
                                               "waypoints=\"%s\"/>\n", routes[i]);
      g_autofree char *what = g_strdup_printf ("waypoints=\"%s\"", routes[i]);

      check_scenario_refused (body, OPM_FILE_ERROR_INVALID, what);
    }
}

static void
test_bad_strings (void)
{
  check_scenario_refused ("    <team id=\"t\" name=\"two&#10;lines\"/>\n", OPM_FILE_ERROR_INVALID,
                          "a line break in a name");
  check_scenario_refused ("    <team id=\"t\" end-date=\"2024-02-30\"/>\n", OPM_FILE_ERROR_INVALID,
                          "an impossible date");
  check_scenario_refused ("    <team id=\"t\" colour=\"red\"/>\n", OPM_FILE_ERROR_INVALID,
                          "a colour by name");
  check_refused (XML_DECL ROOT "  <metadata currency=\"euro\"/>\n  <scenario id=\"s1\" name=\"x\"/>\n"
                 "</opmodel>\n", OPM_FILE_ERROR_INVALID, "a currency that is not ISO 4217");
  check_refused (XML_DECL ROOT "  <metadata title=\"&#1;\"/>\n  <scenario id=\"s1\" name=\"x\"/>\n"
                 "</opmodel>\n", -1, "a control character reference");
  check_refused (XML_DECL ROOT "  <metadata title=\"&#xFFFE;\"/>\n  <scenario id=\"s1\" name=\"x\"/>\n"
                 "</opmodel>\n", -1, "a non-character reference");
  check_refused (XML_DECL ROOT "  <metadata title=\"&#xD800;\"/>\n  <scenario id=\"s1\" name=\"x\"/>\n"
                 "</opmodel>\n", -1, "a surrogate reference");
  check_scenario_refused ("    <team id=\"t\" kind=\"product\" kind=\"sre\"/>\n", -1, "a repeated attribute");
}

static void
test_unknown_enum (void)
{
  g_autoptr(GError) error = NULL;

  error = expect_refused (
    XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\">\n"
    "    <team id=\"t\" kind=\"wizard\"/>\n"
    "  </scenario>\n</opmodel>\n", OPM_FILE_ERROR_INVALID, "an unknown team kind");
  if (error != NULL)
    {
      g_assert_cmpint (opm_file_error_get_line (error), ==, 4);
      g_assert_cmpint (opm_file_error_get_column (error), ==, 18);
      g_assert_nonnull (strstr (error->message, "wizard"));
    }

  check_scenario_refused ("    <team id=\"t\" kind=\"Product\"/>\n", OPM_FILE_ERROR_INVALID, "a nick in capitals");
  check_scenario_refused ("    <team id=\"t\" kind=\"0\"/>\n", OPM_FILE_ERROR_INVALID, "an enum by number");
  check_scenario_refused ("    <team id=\"t\" kind=\"\"/>\n", OPM_FILE_ERROR_INVALID, "an empty enum");
  check_scenario_refused ("    <team id=\"t\" rights=\"code fly\"/>\n", OPM_FILE_ERROR_INVALID,
                          "an unknown flag");
  check_scenario_refused ("    <service id=\"v\" availability-target=\"100.0\"/>\n", OPM_FILE_ERROR_INVALID,
                          "an unknown availability");
  check_scenario_refused ("    <service id=\"v\" exposure-extreme=\"yes\"/>\n", OPM_FILE_ERROR_INVALID,
                          "a boolean spelt yes");
  check_scenario_refused ("    <team id=\"t\"/>\n    <service id=\"v\"/>\n"
                          "    <responsibility id=\"r\" team=\"t\" service=\"v\" activity=\"juggle\"/>\n",
                          OPM_FILE_ERROR_INVALID, "an unknown activity");
}

static void
test_unknown_attribute (void)
{
  g_autoptr(GError) error = NULL;

  error = expect_refused (
    XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\">\n"
    "    <team id=\"t1\" bogus=\"x\"/>\n"
    "  </scenario>\n</opmodel>\n", OPM_FILE_ERROR_INVALID, "an unknown attribute");
  if (error != NULL)
    {
      g_assert_cmpint (opm_file_error_get_line (error), ==, 4);
      g_assert_cmpint (opm_file_error_get_column (error), ==, 19);
      g_assert_nonnull (strstr (error->message, "bogus"));
      g_assert_true (g_str_has_prefix (error->message, DISPLAY_NAME ":4:19: "));
    }

  /* On a later line of a multi-line start tag. */
  g_clear_error (&error);
  error = expect_refused (
    XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\">\n"
    "    <service id=\"v\"\n"
    "             name=\"Shop\"\n"
    "             colour=\"#aabbcc\" wrong=\"1\"/>\n"
    "  </scenario>\n</opmodel>\n", OPM_FILE_ERROR_INVALID, "an unknown attribute, multi-line tag");
  if (error != NULL)
    {
      g_assert_cmpint (opm_file_error_get_line (error), >=, 4);
      g_assert_cmpint (opm_file_error_get_line (error), <=, 6);
    }

  check_refused (XML_DECL "<opmodel format-version=\"1\" extra=\"1\">\n  <scenario id=\"s1\" name=\"x\"/>\n"
                 "</opmodel>\n", OPM_FILE_ERROR_INVALID, "an unknown root attribute");
  check_refused (XML_DECL ROOT "  <metadata colour=\"#000000\"/>\n  <scenario id=\"s1\" name=\"x\"/>\n"
                 "</opmodel>\n", OPM_FILE_ERROR_INVALID, "an unknown metadata attribute");
  check_refused (XML_DECL ROOT "  <parameters speed=\"1\"/>\n  <scenario id=\"s1\" name=\"x\"/>\n"
                 "</opmodel>\n", OPM_FILE_ERROR_INVALID, "an unknown parameter");
  check_scenario_refused ("    <team id=\"t\" xml:lang=\"en\"/>\n", OPM_FILE_ERROR_INVALID,
                          "a prefixed attribute");
  check_scenario_refused ("    <team id=\"t\" sourcing=\"outsourced\">\n"
                          "      <contract fee=\"1\"/>\n    </team>\n",
                          OPM_FILE_ERROR_INVALID, "an unknown contract attribute");
  check_refused (XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\" owner=\"me\"/>\n</opmodel>\n",
                 OPM_FILE_ERROR_INVALID, "an unknown scenario attribute");
}

static void
test_unknown_element (void)
{
  g_autoptr(GError) error = NULL;

  error = expect_refused (
    XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\">\n"
    "    <team id=\"t\"/>\n"
    "      <robot id=\"r\"/>\n"
    "  </scenario>\n</opmodel>\n", OPM_FILE_ERROR_INVALID, "an unknown element");
  if (error != NULL)
    {
      g_assert_cmpint (opm_file_error_get_line (error), ==, 5);
      g_assert_cmpint (opm_file_error_get_column (error), ==, 7);
      g_assert_nonnull (strstr (error->message, "robot"));
    }

  check_refused (XML_DECL ROOT "  <settings/>\n  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n",
                 OPM_FILE_ERROR_INVALID, "an unknown element in the root");
  check_refused (XML_DECL "<html><body/></html>\n", OPM_FILE_ERROR_INVALID, "another root element");
  check_refused (XML_DECL ROOT "  <metadata/>\n  <metadata/>\n  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n",
                 OPM_FILE_ERROR_INVALID, "two metadata elements");
  check_refused (XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\"/>\n  <metadata/>\n</opmodel>\n",
                 OPM_FILE_ERROR_INVALID, "metadata after a scenario");
  check_refused (XML_DECL ROOT "  <metadata><scenario id=\"s1\" name=\"x\"/></metadata>\n</opmodel>\n",
                 OPM_FILE_ERROR_INVALID, "a scenario inside metadata");
  check_scenario_refused ("    <scenario id=\"s2\" name=\"y\"/>\n", OPM_FILE_ERROR_INVALID,
                          "a scenario inside a scenario");
  check_scenario_refused ("    <service id=\"v\">\n      <contract/>\n    </service>\n",
                          OPM_FILE_ERROR_INVALID, "a contract on a service");
  check_scenario_refused ("    <team id=\"t\">\n      <contract/>\n      <contract/>\n    </team>\n",
                          OPM_FILE_ERROR_INVALID, "two contracts");
  check_scenario_refused ("    <team id=\"t\">\n      <contract>\n        <team id=\"u\"/>\n"
                          "      </contract>\n    </team>\n",
                          OPM_FILE_ERROR_INVALID, "a team inside a contract");
  check_refused (XML_DECL "<o:opmodel xmlns:o=\"urn:x\" format-version=\"1\">\n"
                 "  <o:scenario id=\"s1\" name=\"x\"/>\n</o:opmodel>\n",
                 OPM_FILE_ERROR_INVALID, "a namespaced document");
}

static void
test_text_content (void)
{
  g_autoptr(GError) error = NULL;

  error = expect_refused (
    XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\">\n"
    "    Hello\n"
    "  </scenario>\n</opmodel>\n", OPM_FILE_ERROR_INVALID, "text in a scenario");
  if (error != NULL)
    g_assert_cmpint (opm_file_error_get_line (error), >=, 3);

  check_refused (XML_DECL ROOT "text\n  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n",
                 OPM_FILE_ERROR_INVALID, "text in the root");
  check_scenario_refused ("    <team id=\"t\">name</team>\n", OPM_FILE_ERROR_INVALID, "text in a team");
  check_scenario_refused ("    <![CDATA[<team id=\"t\"/>]]>\n", OPM_FILE_ERROR_INVALID, "a CDATA section");
  check_scenario_refused ("    &#65;\n", OPM_FILE_ERROR_INVALID, "a character reference as text");
  check_scenario_refused ("    &amp;\n", OPM_FILE_ERROR_INVALID, "a predefined entity as text");
  check_refused (XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\ntrailing\n",
                 OPM_FILE_ERROR_MALFORMED, "text after the root");
  check_refused (XML_DECL ROOT "  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n<opmodel/>\n",
                 OPM_FILE_ERROR_MALFORMED, "a second root");
}

/* Versions and encodings */

static void
test_newer_version (void)
{
  const char *cases[] = {
    /* A plausible future document. */
    XML_DECL "<opmodel format-version=\"3\">\n  <scenario id=\"s1\" name=\"x\" colour=\"#ffffff\">\n"
    "    <hologram id=\"h\"/>\n  </scenario>\n</opmodel>\n",
    /* Garbage after the root start tag: the version must be the error. */
    XML_DECL "<opmodel format-version=\"3\">\n<<<&&&&undeclared; \x01\xff\xfe <!DOCTYPE x [<!ENTITY a \"b\">]>",
    /* Unknown attributes before the version do not hide it. */
    XML_DECL "<opmodel compression=\"zstd\" format-version=\"7\">\n\x01\x02\x03",
    "<opmodel format-version=\"3\"><",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *what = g_strdup_printf ("a newer format version, case %u", i);
      g_autoptr(GError) error = NULL;
      gsize length = strlen (cases[i]);

      error = expect_refused_full (cases[i], length, OPM_FILE_ERROR_NEWER_VERSION, what);
      if (error != NULL)
        {
          g_assert_nonnull (strstr (error->message, "newer"));
          g_assert_cmpint (opm_file_error_get_line (error), <=, 2);
        }
    }
}

static void
test_bad_version (void)
{
  const char *versions[] = { "0", "-1", "1.0", "one", "", " 1", "0x1" };

  check_refused (XML_DECL "<opmodel>\n  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n",
                 OPM_FILE_ERROR_INVALID, "a missing format version");

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *data = g_strdup_printf (XML_DECL "<opmodel format-version=\"%s\">\n"
                                               "  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n",
                                               versions[i]);
      g_autofree char *what = g_strdup_printf ("format-version=\"%s\"", versions[i]);

      check_refused (data, OPM_FILE_ERROR_INVALID, what);
    }
}

static void
test_other_encodings (void)
{
  static const char plain[] =
    "<opmodel format-version=\"1\">\n  <scenario id=\"s1\" name=\"Zürich\"/>\n</opmodel>\n";
  const char *declarations[] = {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n",
    "<?xml version=\"1.0\"?>\n",
    "",
  };
  const char *utf16[] = { "UTF-16", "UTF-16LE", "UTF-16BE" };

  check_refused ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                 "<opmodel format-version=\"1\">\n  <scenario id=\"s1\" name=\"Z\xfcrich\"/>\n</opmodel>\n",
                 OPM_FILE_ERROR_MALFORMED, "ISO-8859-1 declared");
  check_refused ("<?xml version=\"1.0\" encoding=\"US-ASCII\"?>\n" "<opmodel format-version=\"1\">\n"
                 "  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n", -1, "US-ASCII declared");
  check_refused ("<?xml version=\"1.0\" encoding=\"EBCDIC-US\"?>\n" "<opmodel format-version=\"1\">\n"
                 "  <scenario id=\"s1\" name=\"x\"/>\n</opmodel>\n", -1, "EBCDIC declared");

  /* UTF-16, with and without a byte order mark, whatever it declares. */
  for (guint i = 0; i < G_N_ELEMENTS (declarations); i++)
    for (guint j = 0; j < G_N_ELEMENTS (utf16); j++)
      {
        g_autofree char *utf8 = g_strconcat (declarations[i], plain, NULL);
        g_autofree char *what = g_strdup_printf ("%s with the declaration “%.38s”", utf16[j],
                                                 declarations[i]);
        g_autoptr(GError) error = NULL;
        g_autofree char *data = NULL;
        gsize length = 0;

        data = g_convert (utf8, -1, utf16[j], "UTF-8", NULL, &length, &error);
        g_assert_no_error (error);
        check_refused_full (data, length, -1, what);
      }
}

static void
test_not_a_document (void)
{
  static const char zip[] = "PK\x03\x04\x14\x00\x00\x00\x08\x00";
  static const char png[] = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";

  check_refused_full ("", 0, OPM_FILE_ERROR_MALFORMED, "an empty file");
  check_refused ("\n\n   \n", OPM_FILE_ERROR_MALFORMED, "only whitespace");
  check_refused (XML_DECL, OPM_FILE_ERROR_MALFORMED, "only the XML declaration");
  check_refused ("Hello, world!\n", OPM_FILE_ERROR_MALFORMED, "plain text");
  check_refused ("{\"opmodel\": {\"format-version\": 1}}\n", OPM_FILE_ERROR_MALFORMED, "JSON");
  check_refused_full (zip, sizeof zip - 1, OPM_FILE_ERROR_MALFORMED, "a ZIP header");
  check_refused_full (png, sizeof png - 1, OPM_FILE_ERROR_MALFORMED, "a PNG header");
  check_refused (XML_DECL "<!-- nothing -->\n", OPM_FILE_ERROR_MALFORMED, "only a comment");

  /* Well-formed but holding no scenario. */
  check_refused (XML_DECL ROOT "  <metadata title=\"x\"/>\n</opmodel>\n", OPM_FILE_ERROR_INVALID,
                 "no scenario");
  check_refused (XML_DECL "<opmodel format-version=\"1\"/>\n", OPM_FILE_ERROR_INVALID, "an empty root");
}

static void
test_read_errors (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing.opmodel", NULL);
  g_autoptr(OpmDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = opm_document_load (missing, &error);
  g_assert_null (document);
  g_assert_error (error, OPM_FILE_ERROR, OPM_FILE_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, missing));

  g_clear_error (&error);
  document = opm_document_load (dir, &error);
  g_assert_null (document);
  g_assert_error (error, OPM_FILE_ERROR, OPM_FILE_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, dir));

  remove_tree (dir);
}

/* Saving */

typedef struct
{
  char        *dir;
  char        *path;
  OpmDocument *document;
  GBytes      *saved;
} SaveFixture;

static void
save_fixture_set_up (SaveFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "model.opmodel", NULL);
  fixture->document = opm_document_load_from_data (valid_document, strlen (valid_document),
                                                   "valid.opmodel", &error);
  g_assert_no_error (error);

  g_assert_true (opm_document_save (fixture->document, fixture->path, &error));
  g_assert_no_error (error);
  g_assert_false (opm_document_get_modified (fixture->document));
  fixture->saved = opm_document_serialize (fixture->document);
}

static void
save_fixture_tear_down (SaveFixture   *fixture,
                        gconstpointer  data)
{
  _opm_file_inject_fault (OPM_FILE_FAULT_NONE);
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_object (&fixture->document);
  g_clear_pointer (&fixture->saved, g_bytes_unref);
}

static void
assert_file_bytes (const char *path,
                   GBytes     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

/* The folder holds exactly @names (NULL-terminated). */
static void
assert_folder_holds (const char         *dir,
                     const char * const *names)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_test_message ("in the folder: %s", name);
      g_assert_true (g_strv_contains (names, name));
      g_ptr_array_add (found, g_strdup (name));
    }
  g_assert_cmpuint (found->len, ==, g_strv_length ((char **) names));
}

static void
edit_title (OpmDocument *document,
            const char  *title)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (opm_document_set (document, &error, document, "title", title, NULL));
  g_assert_no_error (error);
  g_assert_true (opm_document_get_modified (document));
}

static void
test_save_faults (SaveFixture   *fixture,
                  gconstpointer  data)
{
  const OpmFileFault faults[] = {
    OPM_FILE_FAULT_CREATE, OPM_FILE_FAULT_WRITE, OPM_FILE_FAULT_SYNC, OPM_FILE_FAULT_RENAME,
  };
  const char *only_the_file[] = { "model.opmodel", NULL };
  g_autoptr(GBytes) final = NULL;
  g_autoptr(GError) error = NULL;

  assert_file_bytes (fixture->path, fixture->saved);
  assert_folder_holds (fixture->dir, only_the_file);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *title = g_strdup_printf ("Edited before fault %u", faults[i]);

      edit_title (fixture->document, title);

      _opm_file_inject_fault (faults[i]);
      g_assert_false (opm_document_save (fixture->document, fixture->path, &error));
      g_assert_error (error, OPM_FILE_ERROR, OPM_FILE_ERROR_IO);
      g_assert_true (g_str_has_prefix (error->message, fixture->path));
      g_test_message ("fault %u: %s", faults[i], error->message);
      g_clear_error (&error);

      assert_file_bytes (fixture->path, fixture->saved);
      assert_folder_holds (fixture->dir, only_the_file);
      g_assert_true (opm_document_get_modified (fixture->document));
      g_assert_cmpstr (opm_document_get_title (fixture->document), ==, title);
    }

  /* A fault is used once: the next save works and holds the last edit. */
  g_assert_true (opm_document_save (fixture->document, fixture->path, &error));
  g_assert_no_error (error);
  g_assert_false (opm_document_get_modified (fixture->document));
  final = opm_document_serialize (fixture->document);
  g_assert_false (g_bytes_equal (final, fixture->saved));
  assert_file_bytes (fixture->path, final);
  assert_folder_holds (fixture->dir, only_the_file);

  {
    g_autoptr(OpmDocument) reloaded = opm_document_load (fixture->path, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (opm_document_get_title (reloaded), ==, "Edited before fault 4");
  }
}

static void
test_save_keeps_mode (SaveFixture   *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) final = NULL;
  GStatBuf st;

  g_assert_cmpint (g_chmod (fixture->path, 0640), ==, 0);
  edit_title (fixture->document, "Mode kept");
  g_assert_true (opm_document_save (fixture->document, fixture->path, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  final = opm_document_serialize (fixture->document);
  assert_file_bytes (fixture->path, final);

  /* Also a mode with no write permission for anyone else. */
  g_assert_cmpint (g_chmod (fixture->path, 0604), ==, 0);
  edit_title (fixture->document, "Mode kept again");
  g_assert_true (opm_document_save (fixture->document, fixture->path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0604);
}

static void
test_save_through_symlink (SaveFixture   *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) final = NULL;
  g_autofree char *sub = g_build_filename (fixture->dir, "sub", NULL);
  g_autofree char *link = g_build_filename (sub, "link.opmodel", NULL);
  g_autofree char *relative = g_build_filename (fixture->dir, "relative.opmodel", NULL);
  g_autofree char *dangling = g_build_filename (fixture->dir, "dangling.opmodel", NULL);
  g_autofree char *dangling_target = g_build_filename (fixture->dir, "created.opmodel", NULL);
  GStatBuf st;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (symlink (fixture->path, link), ==, 0);

  edit_title (fixture->document, "Through a link");
  g_assert_true (opm_document_save (fixture->document, link, &error));
  g_assert_no_error (error);

  final = opm_document_serialize (fixture->document);
  assert_file_bytes (fixture->path, final);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_lstat (fixture->path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  {
    /* No temporary file next to the link or the target. */
    const char *in_sub[] = { "link.opmodel", NULL };
    assert_folder_holds (sub, in_sub);
  }

  /* A relative link, resolved against its own folder. */
  g_clear_pointer (&final, g_bytes_unref);
  g_assert_cmpint (symlink ("model.opmodel", relative), ==, 0);
  edit_title (fixture->document, "Through a relative link");
  g_assert_true (opm_document_save (fixture->document, relative, &error));
  g_assert_no_error (error);
  final = opm_document_serialize (fixture->document);
  assert_file_bytes (fixture->path, final);
  g_assert_cmpint (g_lstat (relative, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));

  /* A link to a file that does not exist yet: the file is created. */
  g_assert_cmpint (symlink (dangling_target, dangling), ==, 0);
  g_assert_true (opm_document_save (fixture->document, dangling, &error));
  g_assert_no_error (error);
  assert_file_bytes (dangling_target, final);
  g_assert_cmpint (g_lstat (dangling, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));

  /* A failed save through a link leaves link and target alone. */
  edit_title (fixture->document, "Never written");
  _opm_file_inject_fault (OPM_FILE_FAULT_RENAME);
  g_assert_false (opm_document_save (fixture->document, link, &error));
  g_assert_error (error, OPM_FILE_ERROR, OPM_FILE_ERROR_IO);
  assert_file_bytes (fixture->path, final);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (opm_document_get_modified (fixture->document));
}

static void
test_save_missing_folder (SaveFixture   *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no", "such", "model.opmodel", NULL);
  g_autofree char *no = g_build_filename (fixture->dir, "no", NULL);
  const char *only_the_file[] = { "model.opmodel", NULL };

  edit_title (fixture->document, "Nowhere to go");
  g_assert_false (opm_document_save (fixture->document, missing, &error));
  g_assert_error (error, OPM_FILE_ERROR, OPM_FILE_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_assert_true (opm_document_get_modified (fixture->document));
  g_assert_false (g_file_test (no, G_FILE_TEST_EXISTS));
  assert_folder_holds (fixture->dir, only_the_file);
  assert_file_bytes (fixture->path, fixture->saved);

  /* Saving over a folder fails too and leaves it a folder. */
  g_clear_error (&error);
  g_assert_false (opm_document_save (fixture->document, fixture->dir, &error));
  g_assert_error (error, OPM_FILE_ERROR, OPM_FILE_ERROR_IO);
  g_assert_true (g_file_test (fixture->dir, G_FILE_TEST_IS_DIR));
  g_assert_true (opm_document_get_modified (fixture->document));
  assert_folder_holds (fixture->dir, only_the_file);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char **args = g_new0 (char *, argc + 2);
  int n_args = 0;

  /* A hostile file that loads or takes too long marks its test failed
   * (g_test_fail_printf) without stopping the others. */
  args[n_args++] = argv[0];
  args[n_args++] = (char *) "--keep-going";
  for (int i = 1; i < argc; i++)
    args[n_args++] = argv[i];

  g_test_init (&n_args, &args, NULL);

  g_test_add_func ("/file/hostile/billion-laughs", test_billion_laughs);
  g_test_add_func ("/file/hostile/quadratic-blowup", test_quadratic_blowup);
  g_test_add_func ("/file/hostile/undeclared-entities", test_undeclared_entities);
  g_test_add_func ("/file/hostile/external-entity-fifo", test_external_entity_fifo);
  g_test_add_func ("/file/hostile/external-entity-file", test_external_entity_file);
  g_test_add_func ("/file/hostile/external-dtd-network", test_external_dtd_network);
  g_test_add_func ("/file/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/file/hostile/huge-attribute", test_huge_attribute);
  g_test_add_func ("/file/hostile/many-attributes", test_many_attributes);
  g_test_add_func ("/file/hostile/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/file/hostile/nul-bytes", test_nul_bytes);
  g_test_add_func ("/file/hostile/truncation", test_truncation);
  g_test_add_func ("/file/invalid/duplicate-ids", test_duplicate_ids);
  g_test_add_func ("/file/invalid/references", test_bad_references);
  g_test_add_func ("/file/invalid/numbers", test_bad_numbers);
  g_test_add_func ("/file/invalid/routes", test_bad_routes);
  g_test_add_func ("/file/invalid/strings", test_bad_strings);
  g_test_add_func ("/file/invalid/unknown-enum", test_unknown_enum);
  g_test_add_func ("/file/invalid/unknown-attribute", test_unknown_attribute);
  g_test_add_func ("/file/invalid/unknown-element", test_unknown_element);
  g_test_add_func ("/file/invalid/text-content", test_text_content);
  g_test_add_func ("/file/version/newer", test_newer_version);
  g_test_add_func ("/file/version/bad", test_bad_version);
  g_test_add_func ("/file/encoding/other", test_other_encodings);
  g_test_add_func ("/file/not-a-document", test_not_a_document);
  g_test_add_func ("/file/read-errors", test_read_errors);

  g_test_add ("/file/save/faults", SaveFixture, NULL,
              save_fixture_set_up, test_save_faults, save_fixture_tear_down);
  g_test_add ("/file/save/keeps-mode", SaveFixture, NULL,
              save_fixture_set_up, test_save_keeps_mode, save_fixture_tear_down);
  g_test_add ("/file/save/through-symlink", SaveFixture, NULL,
              save_fixture_set_up, test_save_through_symlink, save_fixture_tear_down);
  g_test_add ("/file/save/missing-folder", SaveFixture, NULL,
              save_fixture_set_up, test_save_missing_folder, save_fixture_tear_down);

  return g_test_run ();
}
