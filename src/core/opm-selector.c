/* opm-selector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers of DESIGN §4: exposure bands give the availability a service
 * should have, feature demand the deployment frequency, and both together
 * the operating model that can deliver them. The checker (OPS-07, OPS-08,
 * OPS-09) and the inspector read the same selection.
 */

#define G_LOG_DOMAIN "opm-selector"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "opm-selector.h"

G_DEFINE_ENUM_TYPE (OpmOperatingModel, opm_operating_model,
  G_DEFINE_ENUM_VALUE (OPM_OPERATING_MODEL_YBIYRI, "ybiyri"),
  G_DEFINE_ENUM_VALUE (OPM_OPERATING_MODEL_OPS_RUN_IT, "ops-run-it"))

static double
parameter (OpmParameters *parameters,
           OpmParam       param)
{
  return parameters != NULL ? opm_parameters_get (parameters, param) : opm_parameters_get_default (param);
}

/**
 * opm_selector_availability_for_exposure:
 * @parameters: (nullable): the document's parameters, or %NULL for the defaults
 * @exposure_per_hour: money lost per hour of unavailability
 * @extreme: whether unavailability is marked intolerable
 *
 * Up to the low band 95.0 %, up to the medium band 99.0 %, above it 99.9 %
 * (the high band and beyond); 99.99 % only for extreme exposure.
 */
OpmAvailability
opm_selector_availability_for_exposure (OpmParameters *parameters,
                                        double         exposure_per_hour,
                                        gboolean       extreme)
{
  g_return_val_if_fail (parameters == NULL || OPM_IS_PARAMETERS (parameters), OPM_AVAILABILITY_99_0);

  if (extreme)
    return OPM_AVAILABILITY_99_99;
  if (exposure_per_hour <= parameter (parameters, OPM_PARAM_EXPOSURE_BAND_LOW))
    return OPM_AVAILABILITY_95_0;
  if (exposure_per_hour <= parameter (parameters, OPM_PARAM_EXPOSURE_BAND_MEDIUM))
    return OPM_AVAILABILITY_99_0;
  return OPM_AVAILABILITY_99_9;
}

OpmDeploymentTarget
opm_selector_deployment_for_demand (OpmFeatureDemand demand)
{
  switch (demand)
    {
    case OPM_FEATURE_DEMAND_LOW:
      return OPM_DEPLOYMENT_TARGET_MONTHLY;
    case OPM_FEATURE_DEMAND_MEDIUM:
      return OPM_DEPLOYMENT_TARGET_FORTNIGHTLY;
    case OPM_FEATURE_DEMAND_HIGH:
      return OPM_DEPLOYMENT_TARGET_WEEKLY;
    case OPM_FEATURE_DEMAND_VERY_HIGH:
      return OPM_DEPLOYMENT_TARGET_DAILY;
    default:
      g_return_val_if_reached (OPM_DEPLOYMENT_TARGET_MONTHLY);
    }
}

/**
 * opm_selector_model_for:
 *
 * You Build It You Run It for 99.99 %, for weekly or faster deployments, and
 * for digital services at 99.9 % (Ops Run It does not sustain that in
 * practice); otherwise Ops Run It is acceptable (foundational systems and
 * data stores changing monthly or fortnightly at 95–99.9 %, and slow-moving
 * digital services at 99.5 % or less).
 */
OpmOperatingModel
opm_selector_model_for (OpmServiceKind      kind,
                        OpmAvailability     availability,
                        OpmDeploymentTarget deployment)
{
  if (availability >= OPM_AVAILABILITY_99_99)
    return OPM_OPERATING_MODEL_YBIYRI;
  if (deployment >= OPM_DEPLOYMENT_TARGET_WEEKLY)
    return OPM_OPERATING_MODEL_YBIYRI;
  if (kind == OPM_SERVICE_KIND_DIGITAL && availability >= OPM_AVAILABILITY_99_9)
    return OPM_OPERATING_MODEL_YBIYRI;
  return OPM_OPERATING_MODEL_OPS_RUN_IT;
}

/**
 * opm_selector_out_of_hours_for:
 *
 * 95 %: none (callouts wait for the next working day); 99 % and 99.5 %: a
 * shared domain rota; 99.9 % and above: the team's own rota.
 */
OpmOutOfHours
opm_selector_out_of_hours_for (OpmAvailability availability)
{
  if (availability >= OPM_AVAILABILITY_99_9)
    return OPM_OUT_OF_HOURS_OWN_ROTA;
  if (availability >= OPM_AVAILABILITY_99_0)
    return OPM_OUT_OF_HOURS_SHARED_ROTA;
  return OPM_OUT_OF_HOURS_NONE;
}

/**
 * opm_selector_select_service:
 * @service: a service
 * @parameters: (nullable): the document's parameters, or %NULL for the defaults
 * @selection: (out caller-allocates): what the playbook recommends
 */
void
opm_selector_select_service (OpmService    *service,
                             OpmParameters *parameters,
                             OpmSelection  *selection)
{
  g_return_if_fail (OPM_IS_SERVICE (service));
  g_return_if_fail (parameters == NULL || OPM_IS_PARAMETERS (parameters));
  g_return_if_fail (selection != NULL);

  selection->exposure_per_hour = opm_service_get_exposure_per_hour (service);
  selection->exposure_extreme = opm_service_get_exposure_extreme (service);
  selection->recommended_availability =
    opm_selector_availability_for_exposure (parameters, selection->exposure_per_hour,
                                            selection->exposure_extreme);
  selection->actual_availability = opm_service_get_availability_target (service);
  selection->needed_availability = MAX (selection->actual_availability, selection->recommended_availability);
  selection->recommended_tolerable_hours = opm_availability_tolerable_hours (selection->recommended_availability);
  selection->actual_tolerable_hours = opm_availability_tolerable_hours (selection->actual_availability);
  selection->recommended_deployment =
    opm_selector_deployment_for_demand (opm_service_get_feature_demand (service));
  selection->actual_deployment = opm_service_get_deployment_target (service);
  selection->needed_deployment = MAX (selection->actual_deployment, selection->recommended_deployment);
  selection->recommended_model = opm_selector_model_for (opm_service_get_kind (service),
                                                         selection->needed_availability,
                                                         selection->needed_deployment);
  selection->recommended_out_of_hours = opm_selector_out_of_hours_for (selection->actual_availability);
}

/**
 * opm_selector_format_duration:
 * @hours: a duration in hours
 *
 * Returns: (transfer full): the duration to the second, e.g. "1 h 40 min 48 s"
 */
char *
opm_selector_format_duration (double hours)
{
  GString *text = g_string_new (NULL);
  gint64 seconds;
  gint64 h, m, s;

  if (!isfinite (hours) || hours < 0)
    hours = 0;

  seconds = (gint64) llround (hours * 3600.0);
  h = seconds / 3600;
  m = (seconds / 60) % 60;
  s = seconds % 60;

  if (h > 0)
    g_string_append_printf (text, _("%" G_GINT64_FORMAT " h"), h);
  if (m > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, _("%" G_GINT64_FORMAT " min"), m);
    }
  if (s > 0 || text->len == 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, _("%" G_GINT64_FORMAT " s"), s);
    }

  return g_string_free (text, FALSE);
}

/**
 * opm_selector_flpe:
 * @exposure_per_hour: money lost per hour of unavailability
 * @target: the availability target
 * @loss: the money actually lost in the period
 * @period_weeks: the length of the period in weeks
 *
 * Financial loss protection effectiveness: the share of the loss the target
 * tolerates in the period that was not lost, (budget − loss) / budget with
 * budget = exposure × tolerable hours per week × weeks. Negative when the loss
 * exceeds the budget.
 *
 * Returns: the effectiveness as a fraction (0.70 for 70 %), or NaN when the
 *   budget is zero
 */
double
opm_selector_flpe (double          exposure_per_hour,
                   OpmAvailability target,
                   double          loss,
                   double          period_weeks)
{
  double budget = exposure_per_hour * opm_availability_tolerable_hours (target) * period_weeks;

  if (!(budget > 0))
    return NAN;

  return (budget - loss) / budget;
}

const char *
opm_operating_model_get_nick (OpmOperatingModel model)
{
  switch (model)
    {
    case OPM_OPERATING_MODEL_YBIYRI:
      return "ybiyri";
    case OPM_OPERATING_MODEL_OPS_RUN_IT:
      return "ops-run-it";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
opm_operating_model_get_label (OpmOperatingModel model)
{
  switch (model)
    {
    case OPM_OPERATING_MODEL_YBIYRI:
      return _("You Build It You Run It");
    case OPM_OPERATING_MODEL_OPS_RUN_IT:
      return _("Ops Run It acceptable");
    default:
      g_return_val_if_reached (NULL);
    }
}
