/* fuzz-load.c — libFuzzer target for the .opmodel reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any input either is refused with a well-formed OPM_FILE_ERROR, or loads;
 * a loaded document serialises to bytes that load again and serialise to
 * the very same bytes. Anything else aborts.
 */

#include "config.h"

#include "opm-core.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DISPLAY_NAME "fuzz.opmodel"

int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void G_GNUC_NORETURN
fuzz_fail (const char *what,
           GBytes     *bytes)
{
  fprintf (stderr, "fuzz-load: %s\n", what);
  if (bytes != NULL)
    fprintf (stderr, "--- serialised document ---\n%.*s\n---\n",
             (int) MIN (g_bytes_get_size (bytes), 65536),
             (const char *) g_bytes_get_data (bytes, NULL));
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* g_warning() and g_critical() mean a programmer error in the core. */
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(OpmDocument) document = NULL;
  g_autoptr(OpmDocument) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;

  document = opm_document_load_from_data ((const char *) data, size, DISPLAY_NAME, &error);

  if (document == NULL)
    {
      /* Refused: the error must say where, in our own domain. */
      if (error == NULL)
        fuzz_fail ("refused without an error", NULL);
      if (error->domain != OPM_FILE_ERROR)
        fuzz_fail ("refused with an error of another domain", NULL);
      if (opm_file_error_get_line (error) <= 0 || opm_file_error_get_column (error) <= 0)
        fuzz_fail ("refused without a line and column", NULL);
      if (!g_str_has_prefix (error->message, DISPLAY_NAME ":"))
        fuzz_fail ("the error does not start with the file name", NULL);
      return 0;
    }

  if (error != NULL)
    fuzz_fail ("loaded, but also set an error", NULL);

  first = opm_document_serialize (document);
  reloaded = opm_document_load_from_data (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                                          DISPLAY_NAME, &error);
  if (reloaded == NULL)
    {
      fprintf (stderr, "fuzz-load: %s\n", error != NULL ? error->message : "(no error)");
      fuzz_fail ("a serialised document does not load", first);
    }

  second = opm_document_serialize (reloaded);
  if (!g_bytes_equal (first, second))
    {
      fprintf (stderr, "--- first serialisation ---\n%.*s\n",
               (int) MIN (g_bytes_get_size (first), 65536), (const char *) g_bytes_get_data (first, NULL));
      fuzz_fail ("serialising the reloaded document gives other bytes", second);
    }

  if (opm_document_get_n_elements (document) != opm_document_get_n_elements (reloaded))
    fuzz_fail ("the reloaded document has another number of elements", first);

  return 0;
}
