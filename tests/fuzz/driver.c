/* driver.c — runs the seed corpus through the fuzz target as ordinary tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Without libFuzzer (the default build), every file of the corpus folder
 * becomes one GTest case calling LLVMFuzzerTestOneInput(), which aborts on
 * any failure. Extra arguments name more files or folders to run.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
run_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  /* The target sees exactly the file's bytes, not a NUL-terminated copy. */
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const uint8_t *) contents, length), ==, 0);

  /* And every prefix, as libFuzzer would try. */
  for (gsize i = 0; i < length; i += MAX (1, length / 64))
    {
      g_autofree guint8 *prefix = g_memdup2 (contents, i);
      g_assert_cmpint (LLVMFuzzerTestOneInput (prefix, i), ==, 0);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  /* g_ptr_array_sort() passes pointers to the elements. */
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
add_path (GPtrArray  *paths,
          const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        g_ptr_array_add (paths, g_build_filename (path, g_ptr_array_index (names, i), NULL));
    }
  else
    {
      g_ptr_array_add (paths, g_strdup (path));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);
  LLVMFuzzerInitialize (&argc, &argv);

  if (argc > 1)
    for (int i = 1; i < argc; i++)
      add_path (paths, argv[i]);
  else
    add_path (paths, OPM_FUZZ_CORPUS_DIR);

  g_assert_cmpuint (paths->len, >, 0);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *test_path = g_strdup_printf ("/fuzz-corpus/%s", base);

      g_test_add_data_func (test_path, path, run_file);
    }

  return g_test_run ();
}
