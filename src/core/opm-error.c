/* opm-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "opm-error.h"

G_DEFINE_QUARK (opm-model-error-quark, opm_model_error)

typedef struct
{
  char *file;
  char *message;
  int   line;
  int   column;
} OpmFileErrorPrivate;

static void
opm_file_error_private_init (OpmFileErrorPrivate *priv)
{
  priv->line = 0;
  priv->column = 0;
}

static void
opm_file_error_private_copy (const OpmFileErrorPrivate *src,
                             OpmFileErrorPrivate       *dest)
{
  dest->file = g_strdup (src->file);
  dest->message = g_strdup (src->message);
  dest->line = src->line;
  dest->column = src->column;
}

static void
opm_file_error_private_clear (OpmFileErrorPrivate *priv)
{
  g_clear_pointer (&priv->file, g_free);
  g_clear_pointer (&priv->message, g_free);
}

G_DEFINE_EXTENDED_ERROR (OpmFileError, opm_file_error)

const char *
opm_file_error_get_file (const GError *error)
{
  OpmFileErrorPrivate *priv = opm_file_error_get_private (error);

  return priv != NULL ? priv->file : NULL;
}

int
opm_file_error_get_line (const GError *error)
{
  OpmFileErrorPrivate *priv = opm_file_error_get_private (error);

  return priv != NULL ? priv->line : 0;
}

int
opm_file_error_get_column (const GError *error)
{
  OpmFileErrorPrivate *priv = opm_file_error_get_private (error);

  return priv != NULL ? priv->column : 0;
}

/* The message without the FILE:LINE:COLUMN prefix. */
const char *
opm_file_error_get_message (const GError *error)
{
  OpmFileErrorPrivate *priv = opm_file_error_get_private (error);

  return priv != NULL && priv->message != NULL ? priv->message : error->message;
}

void
_opm_file_error_set (GError     **error,
                     OpmFileError code,
                     const char  *file,
                     int          line,
                     int          column,
                     const char  *format,
                     ...)
{
  g_autofree char *message = NULL;
  OpmFileErrorPrivate *priv;
  va_list args;
  GError *e;

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (file == NULL)
    file = "<memory>";

  if (line > 0)
    e = g_error_new (OPM_FILE_ERROR, code, "%s:%d:%d: %s", file, line, MAX (column, 1), message);
  else
    e = g_error_new (OPM_FILE_ERROR, code, "%s: %s", file, message);

  priv = opm_file_error_get_private (e);
  priv->file = g_strdup (file);
  priv->line = MAX (line, 0);
  priv->column = line > 0 ? MAX (column, 1) : 0;
  priv->message = g_steal_pointer (&message);

  g_propagate_error (error, e);
}
