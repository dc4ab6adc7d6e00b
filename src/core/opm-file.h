/* opm-file.h — durable file writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest document Opmodel reads. */
#define OPM_FILE_MAX_SIZE (256 * 1024 * 1024)

gboolean opm_file_replace_contents (const char  *path,
                                    const char  *data,
                                    gsize        length,
                                    GError     **error);
gboolean opm_file_read_contents    (const char  *path,
                                    char       **data,
                                    gsize       *length,
                                    GError     **error);

/* For tests: make the next replace fail at one step. */
typedef enum
{
  OPM_FILE_FAULT_NONE,
  OPM_FILE_FAULT_CREATE,
  OPM_FILE_FAULT_WRITE,
  OPM_FILE_FAULT_SYNC,
  OPM_FILE_FAULT_RENAME,
} OpmFileFault;

void     _opm_file_inject_fault    (OpmFileFault fault);

G_END_DECLS
