/* opm-parameters.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Thresholds of the checker and assumptions of the simulator. Defaults come
 * from DESIGN §3–§5; those marked as assumptions are shown as such until a
 * client's own figure replaces them.
 */

#define G_LOG_DOMAIN "opm-parameters"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "opm-parameters.h"
#include "opm-property-private.h"

struct _OpmParameters
{
  GObject parent_instance;

  double  values[OPM_N_PARAMS];
};

G_DEFINE_FINAL_TYPE (OpmParameters, opm_parameters, G_TYPE_OBJECT)

static GParamSpec *properties[OPM_N_PARAMS + 1];

#define ROW(param, name, nick, blurb, lo, hi, dflt) \
  [OPM_PARAM_##param] = { name, nick, blurb, OPM_PROP_DOUBLE, \
    G_STRUCT_OFFSET (OpmParameters, values[OPM_PARAM_##param]), \
    .min = lo, .max = hi, .def = dflt, .flags = OPM_PROP_SERIAL }

static const OpmPropInfo props[OPM_N_PARAMS] = {
  ROW (EXPOSURE_BAND_LOW, "exposure-band-low", N_("Exposure for 95.0 %"),
       "Exposure per hour up to which a 95.0 % target suffices", 0, 1000000000000.0, 7000),
  ROW (EXPOSURE_BAND_MEDIUM, "exposure-band-medium", N_("Exposure for 99.0 %"),
       "Exposure per hour up to which a 99.0 % target suffices", 0, 1000000000000.0, 250000),
  ROW (EXPOSURE_BAND_HIGH, "exposure-band-high", N_("Exposure for 99.9 %"),
       "Exposure per hour of the top band; above it 99.9 % still applies unless marked extreme", 0, 1000000000000.0, 800000),
  ROW (HANDOFF_LIMIT, "handoff-limit", N_("Handoff limit"),
       "Team handoffs tolerated before reaching a team able to fix", 0, 100, 2),
  ROW (ROTA_MINIMUM, "rota-minimum", N_("Rota minimum"),
       "Fewest people on a sustainable on-call rota", 1, 100, 3),
  ROW (BOTTLENECK_SERVICES, "bottleneck-services", N_("Bottleneck: services"),
       "Services one operations team can run", 1, 100000, 10),
  ROW (BOTTLENECK_TEAMS, "bottleneck-teams", N_("Bottleneck: delivery teams"),
       "Delivery teams one operations team can serve", 1, 100000, 6),
  ROW (OVERNIGHT_WINDOW_START, "overnight-window-start", N_("Overnight window starts"),
       "Minutes after midnight", 0, 1440, 1320),
  ROW (OVERNIGHT_WINDOW_END, "overnight-window-end", N_("Overnight window ends"),
       "Minutes after midnight", 0, 1440, 360),
  ROW (DETECT_ALERT_MEDIAN, "detect-alert-median", N_("Detect by alert, median"),
       "Minutes", 0, 100000, 2),
  ROW (DETECT_ALERT_P90, "detect-alert-p90", N_("Detect by alert, P90"),
       "Minutes", 0, 100000, 10),
  ROW (DETECT_REPORT_MEDIAN, "detect-report-median", N_("Detect by customer report, median"),
       "Minutes", 0, 100000, 30),
  ROW (DETECT_REPORT_P90, "detect-report-p90", N_("Detect by customer report, P90"),
       "Minutes", 0, 100000, 120),
  ROW (ACK_ROTA_MEDIAN, "ack-rota-median", N_("Acknowledge on own rota, median"),
       "Minutes", 0, 100000, 3),
  ROW (ACK_ROTA_P90, "ack-rota-p90", N_("Acknowledge on own rota, P90"),
       "Minutes", 0, 100000, 10),
  ROW (ACK_BRIDGE_MEDIAN, "ack-bridge-median", N_("Acknowledge via bridge, median"),
       "Minutes", 0, 100000, 10),
  ROW (ACK_BRIDGE_P90, "ack-bridge-p90", N_("Acknowledge via bridge, P90"),
       "Minutes", 0, 100000, 20),
  ROW (L1_RESOLVE_PROBABILITY, "l1-resolve-probability", N_("L1 resolves"),
       "Chance that L1 triage restores service", 0, 1, 0.25),
  ROW (L1_TRIAGE_MEDIAN, "l1-triage-median", N_("L1 triage, median"),
       "Minutes", 0, 100000, 15),
  ROW (L1_TRIAGE_P90, "l1-triage-p90", N_("L1 triage, P90"),
       "Minutes", 0, 100000, 30),
  ROW (HANDOFF_MEDIAN, "handoff-median", N_("Handoff, median"),
       "Minutes of queueing and context transfer", 0, 100000, 15),
  ROW (HANDOFF_P90, "handoff-p90", N_("Handoff, P90"),
       "Minutes", 0, 100000, 60),
  ROW (BOUNCE_BACK_PROBABILITY, "bounce-back-probability", N_("Bounce-back"),
       "Chance that a handoff is bounced back", 0, 1, 0.15),
  ROW (CONTRACT_RESPONSE_SHARE, "contract-response-share", N_("Supplier response, median share"),
       "Median response of a supplier as a share of its contracted response time (the contracted time is the P90)",
       0, 1, 0.5),
  ROW (BACKLOG_MEDIAN, "backlog-median", N_("Backlog wait, median"),
       "Minutes an incident of a priority the contract does not cover waits on the backlog", 0, 100000, 2880),
  ROW (BACKLOG_P90, "backlog-p90", N_("Backlog wait, P90"),
       "Minutes", 0, 100000, 10080),
  ROW (DIAGNOSE_MEDIAN, "diagnose-median", N_("Diagnose, median"),
       "Base minutes", 0, 100000, 20),
  ROW (DIAGNOSE_P90, "diagnose-p90", N_("Diagnose, P90"),
       "Base minutes", 0, 100000, 40),
  ROW (KNOWLEDGE_FACTOR, "knowledge-factor", N_("Knowledge factor"),
       "Diagnosis slows by this when the team did not build the service", 1, 100, 2),
  ROW (TELEMETRY_FACTOR, "telemetry-factor", N_("Telemetry factor"),
       "Diagnosis slows by this without telemetry", 1, 100, 2),
  ROW (BEST_EFFORTS_MEDIAN, "best-efforts-median", N_("Best-efforts answer, median"),
       "Minutes", 0, 100000, 60),
  ROW (BEST_EFFORTS_P90, "best-efforts-p90", N_("Best-efforts answer, P90"),
       "Minutes", 0, 100000, 240),
  ROW (BEST_EFFORTS_NO_ANSWER_PROBABILITY, "best-efforts-no-answer-probability", N_("Best efforts: no answer"),
       "Chance nobody answers until the morning", 0, 1, 0.25),
  ROW (FIX_ROLLBACK_MEDIAN, "fix-rollback-median", N_("Rollback or config fix, median"),
       "Minutes", 0, 100000, 15),
  ROW (FIX_ROLLBACK_P90, "fix-rollback-p90", N_("Rollback or config fix, P90"),
       "Minutes", 0, 100000, 30),
  ROW (FIX_CODE_MEDIAN, "fix-code-median", N_("Code fix, median"),
       "Minutes", 0, 100000, 60),
  ROW (FIX_CODE_P90, "fix-code-p90", N_("Code fix, P90"),
       "Minutes", 0, 100000, 180),
  ROW (CODE_FIX_PROBABILITY, "code-fix-probability", N_("Needs a code fix"),
       "Chance that a rollback or config change is not enough", 0, 1, 0.4),
  ROW (RELEASE_PIPELINE_MEDIAN, "release-pipeline-median", N_("Release by own pipeline, median"),
       "Minutes", 0, 100000, 15),
  ROW (RELEASE_PIPELINE_P90, "release-pipeline-p90", N_("Release by own pipeline, P90"),
       "Minutes", 0, 100000, 30),
  ROW (RELEASE_APPROVAL_MEDIAN, "release-approval-median", N_("Emergency change approval, median"),
       "Minutes", 0, 100000, 60),
  ROW (RELEASE_APPROVAL_P90, "release-approval-p90", N_("Emergency change approval, P90"),
       "Minutes", 0, 100000, 180),
  ROW (VERIFY_OWN_MIN, "verify-own-min", N_("Verify by own team, shortest"),
       "Minutes", 0, 100000, 5),
  ROW (VERIFY_OWN_MAX, "verify-own-max", N_("Verify by own team, longest"),
       "Minutes", 0, 100000, 10),
  ROW (VERIFY_OPS_MIN, "verify-ops-min", N_("Verify by operations, shortest"),
       "Minutes", 0, 100000, 10),
  ROW (VERIFY_OPS_MAX, "verify-ops-max", N_("Verify by operations, longest"),
       "Minutes", 0, 100000, 30),
  ROW (SOFTENED_IMPACT, "softened-impact", N_("Softened impact"),
       "Fraction of a dependant's exposure lost over a softened dependency", 0, 1, 0.3),
  ROW (CALLOUT_COST, "callout-cost", N_("Callout cost"),
       "Paid per out-of-hours callout", 0, 1000000000.0, 150),
  ROW (STANDBY_COST_PER_WEEK, "standby-cost-per-week", N_("Standby cost per week"),
       "Paid per person on a standby rota each week", 0, 1000000000.0, 300),
  ROW (SIMULATION_RUNS, "simulation-runs", N_("Simulation runs"),
       "Incidents simulated per scenario", 1, 10000000, 10000),
  ROW (SIMULATION_SEED, "simulation-seed", N_("Simulation seed"),
       "Seed of the random number generator", 0, 4294967295, 1),
};

static const gboolean assumption[OPM_N_PARAMS] = {
  [OPM_PARAM_EXPOSURE_BAND_LOW] = FALSE,
  [OPM_PARAM_EXPOSURE_BAND_MEDIUM] = FALSE,
  [OPM_PARAM_EXPOSURE_BAND_HIGH] = FALSE,
  [OPM_PARAM_HANDOFF_LIMIT] = FALSE,
  [OPM_PARAM_ROTA_MINIMUM] = FALSE,
  [OPM_PARAM_BOTTLENECK_SERVICES] = FALSE,
  [OPM_PARAM_BOTTLENECK_TEAMS] = FALSE,
  [OPM_PARAM_OVERNIGHT_WINDOW_START] = FALSE,
  [OPM_PARAM_OVERNIGHT_WINDOW_END] = FALSE,
  [OPM_PARAM_DETECT_ALERT_MEDIAN] = TRUE,
  [OPM_PARAM_DETECT_ALERT_P90] = TRUE,
  [OPM_PARAM_DETECT_REPORT_MEDIAN] = TRUE,
  [OPM_PARAM_DETECT_REPORT_P90] = TRUE,
  [OPM_PARAM_ACK_ROTA_MEDIAN] = TRUE,
  [OPM_PARAM_ACK_ROTA_P90] = TRUE,
  [OPM_PARAM_ACK_BRIDGE_MEDIAN] = TRUE,
  [OPM_PARAM_ACK_BRIDGE_P90] = TRUE,
  [OPM_PARAM_L1_RESOLVE_PROBABILITY] = TRUE,
  [OPM_PARAM_L1_TRIAGE_MEDIAN] = TRUE,
  [OPM_PARAM_L1_TRIAGE_P90] = TRUE,
  [OPM_PARAM_HANDOFF_MEDIAN] = TRUE,
  [OPM_PARAM_HANDOFF_P90] = TRUE,
  [OPM_PARAM_BOUNCE_BACK_PROBABILITY] = TRUE,
  [OPM_PARAM_CONTRACT_RESPONSE_SHARE] = TRUE,
  [OPM_PARAM_BACKLOG_MEDIAN] = TRUE,
  [OPM_PARAM_BACKLOG_P90] = TRUE,
  [OPM_PARAM_DIAGNOSE_MEDIAN] = TRUE,
  [OPM_PARAM_DIAGNOSE_P90] = TRUE,
  [OPM_PARAM_KNOWLEDGE_FACTOR] = TRUE,
  [OPM_PARAM_TELEMETRY_FACTOR] = TRUE,
  [OPM_PARAM_BEST_EFFORTS_MEDIAN] = TRUE,
  [OPM_PARAM_BEST_EFFORTS_P90] = TRUE,
  [OPM_PARAM_BEST_EFFORTS_NO_ANSWER_PROBABILITY] = TRUE,
  [OPM_PARAM_FIX_ROLLBACK_MEDIAN] = TRUE,
  [OPM_PARAM_FIX_ROLLBACK_P90] = TRUE,
  [OPM_PARAM_FIX_CODE_MEDIAN] = TRUE,
  [OPM_PARAM_FIX_CODE_P90] = TRUE,
  [OPM_PARAM_CODE_FIX_PROBABILITY] = TRUE,
  [OPM_PARAM_RELEASE_PIPELINE_MEDIAN] = TRUE,
  [OPM_PARAM_RELEASE_PIPELINE_P90] = TRUE,
  [OPM_PARAM_RELEASE_APPROVAL_MEDIAN] = TRUE,
  [OPM_PARAM_RELEASE_APPROVAL_P90] = TRUE,
  [OPM_PARAM_VERIFY_OWN_MIN] = TRUE,
  [OPM_PARAM_VERIFY_OWN_MAX] = TRUE,
  [OPM_PARAM_VERIFY_OPS_MIN] = TRUE,
  [OPM_PARAM_VERIFY_OPS_MAX] = TRUE,
  [OPM_PARAM_SOFTENED_IMPACT] = TRUE,
  [OPM_PARAM_CALLOUT_COST] = TRUE,
  [OPM_PARAM_STANDBY_COST_PER_WEEK] = TRUE,
  [OPM_PARAM_SIMULATION_RUNS] = FALSE,
  [OPM_PARAM_SIMULATION_SEED] = FALSE,
};

static void
opm_parameters_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  _opm_props_get_property (object, props, prop_id, value, pspec);
}

static void
opm_parameters_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  _opm_props_set_property (object, props, prop_id, value, pspec);
}

static void
opm_parameters_class_init (OpmParametersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = opm_parameters_get_property;
  object_class->set_property = opm_parameters_set_property;

  _opm_props_install (object_class, props, OPM_N_PARAMS, properties);
}

static void
opm_parameters_init (OpmParameters *self)
{
  _opm_props_init (self, props, OPM_N_PARAMS);
}

OpmParameters *
opm_parameters_new (void)
{
  return g_object_new (OPM_TYPE_PARAMETERS, NULL);
}

double
opm_parameters_get (OpmParameters *self,
                    OpmParam       param)
{
  g_return_val_if_fail (OPM_IS_PARAMETERS (self), 0);
  g_return_val_if_fail (param < OPM_N_PARAMS, 0);

  return self->values[param];
}

double
opm_parameters_get_default (OpmParam param)
{
  g_return_val_if_fail (param < OPM_N_PARAMS, 0);

  return props[param].def;
}

const char *
opm_parameters_get_name (OpmParam param)
{
  g_return_val_if_fail (param < OPM_N_PARAMS, NULL);

  return props[param].name;
}

/* Whether the default is an assumption rather than a sourced figure. */
gboolean
opm_parameters_is_assumption (OpmParam param)
{
  g_return_val_if_fail (param < OPM_N_PARAMS, FALSE);

  return assumption[param];
}
