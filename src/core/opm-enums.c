/* opm-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "opm-enums.h"

OpmPhase
opm_activity_get_phase (OpmActivity activity)
{
  switch (activity)
    {
    case OPM_ACTIVITY_PLAN:
      return OPM_PHASE_PLAN;
    case OPM_ACTIVITY_BUILD:
      return OPM_PHASE_BUILD;
    case OPM_ACTIVITY_DEPLOY:
    case OPM_ACTIVITY_OPERATE_L1:
    case OPM_ACTIVITY_SUPPORT_L2:
    case OPM_ACTIVITY_SUPPORT_L3:
    case OPM_ACTIVITY_ON_CALL:
    case OPM_ACTIVITY_PROBLEM_FIX:
    case OPM_ACTIVITY_APPROVE_CHANGE:
    case OPM_ACTIVITY_ACCOUNTABLE:
    default:
      return OPM_PHASE_RUN;
    }
}

/* The target as a percentage, e.g. 99.9. */
double
opm_availability_to_percent (OpmAvailability availability)
{
  switch (availability)
    {
    case OPM_AVAILABILITY_95_0:
      return 95.0;
    case OPM_AVAILABILITY_99_0:
      return 99.0;
    case OPM_AVAILABILITY_99_5:
      return 99.5;
    case OPM_AVAILABILITY_99_9:
      return 99.9;
    case OPM_AVAILABILITY_99_99:
      return 99.99;
    default:
      g_return_val_if_reached (99.0);
    }
}

/* Tolerable unavailability per week in hours: (1 − target) × 168 h. */
double
opm_availability_tolerable_hours (OpmAvailability availability)
{
  return (100.0 - opm_availability_to_percent (availability)) / 100.0 * 168.0;
}
