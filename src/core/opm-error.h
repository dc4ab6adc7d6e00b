/* opm-error.h — error domains of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * OpmModelError:
 * @OPM_MODEL_ERROR_INVALID_VALUE: a value is out of range or malformed
 * @OPM_MODEL_ERROR_DUPLICATE: an id or scenario name is already taken
 * @OPM_MODEL_ERROR_WRONG_SCENARIO: an element of another scenario was given
 * @OPM_MODEL_ERROR_NOT_ALLOWED: the edit would leave the document inconsistent
 *
 * Errors of edits refused by the model before anything changes.
 */
typedef enum
{
  OPM_MODEL_ERROR_INVALID_VALUE,
  OPM_MODEL_ERROR_DUPLICATE,
  OPM_MODEL_ERROR_WRONG_SCENARIO,
  OPM_MODEL_ERROR_NOT_ALLOWED,
} OpmModelError;

#define OPM_MODEL_ERROR (opm_model_error_quark ())
GQuark opm_model_error_quark (void);

/**
 * OpmFileError:
 * @OPM_FILE_ERROR_IO: the file could not be read or written
 * @OPM_FILE_ERROR_TOO_LARGE: the file or one of its parts is over a size cap
 * @OPM_FILE_ERROR_MALFORMED: the file is not well-formed UTF-8 XML
 * @OPM_FILE_ERROR_FORBIDDEN: the file has a DOCTYPE, entity or external reference
 * @OPM_FILE_ERROR_NEWER_VERSION: the file was written by a newer Opmodel
 * @OPM_FILE_ERROR_INVALID: the file is XML but not a valid .opmodel document
 * @OPM_FILE_ERROR_DUPLICATE_ID: two elements share an id
 * @OPM_FILE_ERROR_DANGLING_REFERENCE: a reference names no element
 *
 * Errors of loading and saving documents. The message always has the form
 * `FILE:LINE:COLUMN: message` (or `FILE: message` where no position exists);
 * opm_file_error_get_line() and friends give the parts.
 */
typedef enum
{
  OPM_FILE_ERROR_IO,
  OPM_FILE_ERROR_TOO_LARGE,
  OPM_FILE_ERROR_MALFORMED,
  OPM_FILE_ERROR_FORBIDDEN,
  OPM_FILE_ERROR_NEWER_VERSION,
  OPM_FILE_ERROR_INVALID,
  OPM_FILE_ERROR_DUPLICATE_ID,
  OPM_FILE_ERROR_DANGLING_REFERENCE,
} OpmFileError;

#define OPM_FILE_ERROR (opm_file_error_quark ())
GQuark       opm_file_error_quark       (void);
const char  *opm_file_error_get_file    (const GError *error);
int          opm_file_error_get_line    (const GError *error);
int          opm_file_error_get_column  (const GError *error);
const char  *opm_file_error_get_message (const GError *error);

void         _opm_file_error_set        (GError     **error,
                                         OpmFileError code,
                                         const char  *file,
                                         int          line,
                                         int          column,
                                         const char  *format,
                                         ...) G_GNUC_PRINTF (6, 7);

G_END_DECLS
