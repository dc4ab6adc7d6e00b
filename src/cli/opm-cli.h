/* opm-cli.h — the headless front end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of DESIGN §6 */
typedef enum
{
  OPM_CLI_EXIT_OK       = 0,
  OPM_CLI_EXIT_FAILED   = 1,
  OPM_CLI_EXIT_USAGE    = 2,
  OPM_CLI_EXIT_FINDINGS = 3,
} OpmCliExit;

int opm_cli_main (int    argc,
                  char **argv);

G_END_DECLS
