/* opm-enums.h — the closed vocabularies of the operating model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The nick of each value is its spelling in .opmodel files: never change one. */

typedef enum
{
  OPM_TEAM_KIND_PRODUCT,
  OPM_TEAM_KIND_PROJECT_DELIVERY,
  OPM_TEAM_KIND_OPS_BRIDGE,
  OPM_TEAM_KIND_SERVICE_DESK,
  OPM_TEAM_KIND_APP_SUPPORT,
  OPM_TEAM_KIND_PLATFORM,
  OPM_TEAM_KIND_SRE,
  OPM_TEAM_KIND_SPECIALIST,
  OPM_TEAM_KIND_CHANGE_MANAGEMENT,
  OPM_TEAM_KIND_INCIDENT_MANAGEMENT,
} OpmTeamKind;

typedef enum
{
  OPM_LIFECYCLE_LONG_LIVED,
  OPM_LIFECYCLE_PROJECT,
} OpmLifecycle;

typedef enum
{
  OPM_SOURCING_IN_HOUSE,
  OPM_SOURCING_OUTSOURCED,
} OpmSourcing;

typedef enum
{
  OPM_OUT_OF_HOURS_NONE,
  OPM_OUT_OF_HOURS_WORKING_HOURS_ONLY,
  OPM_OUT_OF_HOURS_SHARED_ROTA,
  OPM_OUT_OF_HOURS_OWN_ROTA,
  OPM_OUT_OF_HOURS_SHIFT_24X7, /*< nick=shift-24x7 >*/
} OpmOutOfHours;

typedef enum
{
  OPM_ON_CALL_PAY_NONE,
  OPM_ON_CALL_PAY_STANDBY,
  OPM_ON_CALL_PAY_STANDBY_CALLOUT,
  OPM_ON_CALL_PAY_CALLOUT_ONLY,
} OpmOnCallPay;

typedef enum /*< flags >*/
{
  OPM_RIGHTS_NONE           = 0,      /*< skip >*/
  OPM_RIGHTS_CODE           = 1 << 0,
  OPM_RIGHTS_CONFIG         = 1 << 1,
  OPM_RIGHTS_DATA           = 1 << 2,
  OPM_RIGHTS_DEPLOY         = 1 << 3,
  OPM_RIGHTS_INFRASTRUCTURE = 1 << 4,
  OPM_RIGHTS_ALERTS         = 1 << 5,
  OPM_RIGHTS_TELEMETRY_READ = 1 << 6,
} OpmRights;

typedef enum /*< flags >*/
{
  OPM_WEEKDAYS_NONE = 0,      /*< skip >*/
  OPM_WEEKDAYS_MON  = 1 << 0,
  OPM_WEEKDAYS_TUE  = 1 << 1,
  OPM_WEEKDAYS_WED  = 1 << 2,
  OPM_WEEKDAYS_THU  = 1 << 3,
  OPM_WEEKDAYS_FRI  = 1 << 4,
  OPM_WEEKDAYS_SAT  = 1 << 5,
  OPM_WEEKDAYS_SUN  = 1 << 6,
} OpmWeekdays;

#define OPM_WEEKDAYS_WORKING_WEEK \
  (OPM_WEEKDAYS_MON | OPM_WEEKDAYS_TUE | OPM_WEEKDAYS_WED | OPM_WEEKDAYS_THU | OPM_WEEKDAYS_FRI)

typedef enum
{
  OPM_SERVICE_KIND_DIGITAL,
  OPM_SERVICE_KIND_FOUNDATIONAL,
  OPM_SERVICE_KIND_DATA_STORE,
} OpmServiceKind;

typedef enum
{
  OPM_FEATURE_DEMAND_LOW,
  OPM_FEATURE_DEMAND_MEDIUM,
  OPM_FEATURE_DEMAND_HIGH,
  OPM_FEATURE_DEMAND_VERY_HIGH,
} OpmFeatureDemand;

typedef enum
{
  OPM_AVAILABILITY_95_0,  /*< nick=95.0 >*/
  OPM_AVAILABILITY_99_0,  /*< nick=99.0 >*/
  OPM_AVAILABILITY_99_5,  /*< nick=99.5 >*/
  OPM_AVAILABILITY_99_9,  /*< nick=99.9 >*/
  OPM_AVAILABILITY_99_99, /*< nick=99.99 >*/
} OpmAvailability;

typedef enum
{
  OPM_DEPLOYMENT_TARGET_MONTHLY,
  OPM_DEPLOYMENT_TARGET_FORTNIGHTLY,
  OPM_DEPLOYMENT_TARGET_WEEKLY,
  OPM_DEPLOYMENT_TARGET_DAILY,
} OpmDeploymentTarget;

typedef enum /*< flags >*/
{
  OPM_TELEMETRY_NONE         = 0,      /*< skip >*/
  OPM_TELEMETRY_HEALTH_CHECK = 1 << 0,
  OPM_TELEMETRY_ALERTING     = 1 << 1,
  OPM_TELEMETRY_LOGS         = 1 << 2,
  OPM_TELEMETRY_DASHBOARDS   = 1 << 3,
} OpmTelemetry;

typedef enum /*< flags >*/
{
  OPM_RESILIENCE_NONE            = 0,      /*< skip >*/
  OPM_RESILIENCE_CIRCUIT_BREAKER = 1 << 0,
  OPM_RESILIENCE_CACHE           = 1 << 1,
  OPM_RESILIENCE_BULKHEAD        = 1 << 2,
  OPM_RESILIENCE_SHUTTER_PAGE    = 1 << 3,
} OpmResilience;

typedef enum
{
  OPM_RELEASE_WINDOW_ANY_TIME,
  OPM_RELEASE_WINDOW_WORKING_HOURS,
  OPM_RELEASE_WINDOW_OVERNIGHT,
} OpmReleaseWindow;

typedef enum
{
  OPM_CHANGE_APPROVAL_AUTOMATED,
  OPM_CHANGE_APPROVAL_STANDARD,
  OPM_CHANGE_APPROVAL_NORMAL,
} OpmChangeApproval;

typedef enum
{
  OPM_ACTIVITY_PLAN,
  OPM_ACTIVITY_BUILD,
  OPM_ACTIVITY_DEPLOY,
  OPM_ACTIVITY_OPERATE_L1,
  OPM_ACTIVITY_SUPPORT_L2,
  OPM_ACTIVITY_SUPPORT_L3,
  OPM_ACTIVITY_ON_CALL,
  OPM_ACTIVITY_PROBLEM_FIX,
  OPM_ACTIVITY_APPROVE_CHANGE,
  OPM_ACTIVITY_ACCOUNTABLE,
} OpmActivity;

typedef enum
{
  OPM_PHASE_PLAN,
  OPM_PHASE_BUILD,
  OPM_PHASE_RUN,
} OpmPhase;

typedef enum
{
  OPM_DEPENDENCY_MODE_SYNCHRONOUS,
  OPM_DEPENDENCY_MODE_ASYNCHRONOUS,
} OpmDependencyMode;

typedef enum
{
  OPM_SOFTENING_NONE,
  OPM_SOFTENING_CIRCUIT_BREAKER,
  OPM_SOFTENING_CACHE,
  OPM_SOFTENING_QUEUE,
} OpmSoftening;

typedef enum /*< flags >*/
{
  OPM_PRIORITIES_NONE = 0,      /*< skip >*/
  OPM_PRIORITIES_P1   = 1 << 0,
  OPM_PRIORITIES_P2   = 1 << 1,
  OPM_PRIORITIES_P3   = 1 << 2,
  OPM_PRIORITIES_P4   = 1 << 3,
} OpmPriorities;

#define OPM_PRIORITIES_ALL \
  (OPM_PRIORITIES_P1 | OPM_PRIORITIES_P2 | OPM_PRIORITIES_P3 | OPM_PRIORITIES_P4)

typedef enum
{
  OPM_CONTRACT_HOURS_WORKING_HOURS,
  OPM_CONTRACT_HOURS_EXTENDED,
  OPM_CONTRACT_HOURS_ALWAYS, /*< nick=24x7 >*/
} OpmContractHours;

OpmPhase     opm_activity_get_phase           (OpmActivity     activity);
double       opm_availability_to_percent      (OpmAvailability availability);
double       opm_availability_tolerable_hours (OpmAvailability availability);

G_END_DECLS
