/* test-selector.c — the playbook selector reproduces the numbers of DESIGN §4
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "opm-core.h"

static void
test_bands (void)
{
  g_autoptr(OpmParameters) parameters = opm_parameters_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OpmDocument) document = opm_document_new ();
  OpmParameters *own = opm_document_get_parameters (document);

  /* Up to $7K/h → 95.0 %; up to $250K/h → 99.0 %; above → 99.9 %. */
  g_assert_cmpint (opm_selector_availability_for_exposure (NULL, 0, FALSE), ==, OPM_AVAILABILITY_95_0);
  g_assert_cmpint (opm_selector_availability_for_exposure (NULL, 7000, FALSE), ==, OPM_AVAILABILITY_95_0);
  g_assert_cmpint (opm_selector_availability_for_exposure (NULL, 7001, FALSE), ==, OPM_AVAILABILITY_99_0);
  g_assert_cmpint (opm_selector_availability_for_exposure (NULL, 250000, FALSE), ==, OPM_AVAILABILITY_99_0);
  g_assert_cmpint (opm_selector_availability_for_exposure (NULL, 250001, FALSE), ==, OPM_AVAILABILITY_99_9);
  g_assert_cmpint (opm_selector_availability_for_exposure (NULL, 800000, FALSE), ==, OPM_AVAILABILITY_99_9);
  g_assert_cmpint (opm_selector_availability_for_exposure (NULL, 5e6, FALSE), ==, OPM_AVAILABILITY_99_9);
  /* 99.99 % only when marked extreme. */
  g_assert_cmpint (opm_selector_availability_for_exposure (NULL, 5e6, TRUE), ==, OPM_AVAILABILITY_99_99);
  g_assert_cmpint (opm_selector_availability_for_exposure (parameters, 250000, FALSE), ==, OPM_AVAILABILITY_99_0);

  /* The table is editable. */
  g_assert_true (opm_document_set (document, &error, own, "exposure-band-low", 10000.0,
                                   "exposure-band-medium", 100000.0, NULL));
  g_assert_no_error (error);
  g_assert_cmpint (opm_selector_availability_for_exposure (own, 9000, FALSE), ==, OPM_AVAILABILITY_95_0);
  g_assert_cmpint (opm_selector_availability_for_exposure (own, 150000, FALSE), ==, OPM_AVAILABILITY_99_9);
}

static void
test_tolerable_unavailability (void)
{
  struct { OpmAvailability target; double hours; const char *text; } cases[] = {
    { OPM_AVAILABILITY_95_0, 8.4, "8 h 24 min" },
    { OPM_AVAILABILITY_99_0, 1.68, "1 h 40 min 48 s" },
    { OPM_AVAILABILITY_99_5, 0.84, "50 min 24 s" },
    { OPM_AVAILABILITY_99_9, 0.168, "10 min 5 s" },
    { OPM_AVAILABILITY_99_99, 0.0168, "1 min" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double hours = opm_availability_tolerable_hours (cases[i].target);
      g_autofree char *text = opm_selector_format_duration (hours);

      g_assert_cmpfloat_with_epsilon (hours, cases[i].hours, 1e-9);
      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autofree char *zero = opm_selector_format_duration (0);
    g_autofree char *day = opm_selector_format_duration (24);
    g_autofree char *bad = opm_selector_format_duration (NAN);

    g_assert_cmpstr (zero, ==, "0 s");
    g_assert_cmpstr (day, ==, "24 h");
    g_assert_cmpstr (bad, ==, "0 s");
  }
}

static void
test_flpe (void)
{
  /* $200K/h at 99.0 % tolerates 1.68 h a week, $336K; one 30-minute outage
   * costing $100K leaves (336K − 100K) / 336K ≈ 70 %. */
  double flpe = opm_selector_flpe (200000, OPM_AVAILABILITY_99_0, 100000, 1);

  g_assert_cmpfloat_with_epsilon (flpe, (336000.0 - 100000.0) / 336000.0, 1e-9);
  g_assert_cmpint ((int) round (flpe * 100), ==, 70);

  g_assert_cmpfloat_with_epsilon (opm_selector_flpe (200000, OPM_AVAILABILITY_99_0, 0, 4), 1.0, 1e-12);
  g_assert_cmpfloat (opm_selector_flpe (200000, OPM_AVAILABILITY_99_0, 672000, 1), <, 0);
  g_assert_true (isnan (opm_selector_flpe (0, OPM_AVAILABILITY_99_0, 10, 1)));
}

static void
test_deployment_and_model (void)
{
  g_assert_cmpint (opm_selector_deployment_for_demand (OPM_FEATURE_DEMAND_LOW), ==, OPM_DEPLOYMENT_TARGET_MONTHLY);
  g_assert_cmpint (opm_selector_deployment_for_demand (OPM_FEATURE_DEMAND_MEDIUM), ==, OPM_DEPLOYMENT_TARGET_FORTNIGHTLY);
  g_assert_cmpint (opm_selector_deployment_for_demand (OPM_FEATURE_DEMAND_HIGH), ==, OPM_DEPLOYMENT_TARGET_WEEKLY);
  g_assert_cmpint (opm_selector_deployment_for_demand (OPM_FEATURE_DEMAND_VERY_HIGH), ==, OPM_DEPLOYMENT_TARGET_DAILY);

  /* YBIYRI for 99.99 %, for weekly or faster, for digital at 99.9 %. */
  g_assert_cmpint (opm_selector_model_for (OPM_SERVICE_KIND_FOUNDATIONAL, OPM_AVAILABILITY_99_99,
                                           OPM_DEPLOYMENT_TARGET_MONTHLY), ==, OPM_OPERATING_MODEL_YBIYRI);
  g_assert_cmpint (opm_selector_model_for (OPM_SERVICE_KIND_DIGITAL, OPM_AVAILABILITY_95_0,
                                           OPM_DEPLOYMENT_TARGET_WEEKLY), ==, OPM_OPERATING_MODEL_YBIYRI);
  g_assert_cmpint (opm_selector_model_for (OPM_SERVICE_KIND_FOUNDATIONAL, OPM_AVAILABILITY_99_0,
                                           OPM_DEPLOYMENT_TARGET_DAILY), ==, OPM_OPERATING_MODEL_YBIYRI);
  g_assert_cmpint (opm_selector_model_for (OPM_SERVICE_KIND_DIGITAL, OPM_AVAILABILITY_99_9,
                                           OPM_DEPLOYMENT_TARGET_MONTHLY), ==, OPM_OPERATING_MODEL_YBIYRI);
  /* Ops Run It is acceptable for foundational systems changing monthly or
   * fortnightly at 95–99.9 %. */
  for (OpmAvailability a = OPM_AVAILABILITY_95_0; a <= OPM_AVAILABILITY_99_9; a++)
    for (OpmDeploymentTarget d = OPM_DEPLOYMENT_TARGET_MONTHLY; d <= OPM_DEPLOYMENT_TARGET_FORTNIGHTLY; d++)
      g_assert_cmpint (opm_selector_model_for (OPM_SERVICE_KIND_FOUNDATIONAL, a, d), ==,
                       OPM_OPERATING_MODEL_OPS_RUN_IT);

  g_assert_cmpstr (opm_operating_model_get_nick (OPM_OPERATING_MODEL_YBIYRI), ==, "ybiyri");
  g_assert_cmpstr (opm_operating_model_get_nick (OPM_OPERATING_MODEL_OPS_RUN_IT), ==, "ops-run-it");
  g_assert_nonnull (opm_operating_model_get_label (OPM_OPERATING_MODEL_YBIYRI));

  /* Out-of-hours cover by target: 95 % none, 99 % shared rota, 99.9 % own rota. */
  g_assert_cmpint (opm_selector_out_of_hours_for (OPM_AVAILABILITY_95_0), ==, OPM_OUT_OF_HOURS_NONE);
  g_assert_cmpint (opm_selector_out_of_hours_for (OPM_AVAILABILITY_99_0), ==, OPM_OUT_OF_HOURS_SHARED_ROTA);
  g_assert_cmpint (opm_selector_out_of_hours_for (OPM_AVAILABILITY_99_5), ==, OPM_OUT_OF_HOURS_SHARED_ROTA);
  g_assert_cmpint (opm_selector_out_of_hours_for (OPM_AVAILABILITY_99_9), ==, OPM_OUT_OF_HOURS_OWN_ROTA);
  g_assert_cmpint (opm_selector_out_of_hours_for (OPM_AVAILABILITY_99_99), ==, OPM_OUT_OF_HOURS_OWN_ROTA);
}

static void
test_select_service (void)
{
  g_autoptr(OpmService) service = opm_service_new ();
  OpmSelection selection;

  /* The ecommerce website: $300K/h, very high feature demand, 99.9 %. */
  g_object_set (service,
                "exposure-per-hour", 300000.0,
                "feature-demand", OPM_FEATURE_DEMAND_VERY_HIGH,
                "availability-target", OPM_AVAILABILITY_99_0,
                "deployment-target", OPM_DEPLOYMENT_TARGET_MONTHLY,
                NULL);
  opm_selector_select_service (service, NULL, &selection);

  g_assert_cmpfloat (selection.exposure_per_hour, ==, 300000.0);
  g_assert_cmpint (selection.recommended_availability, ==, OPM_AVAILABILITY_99_9);
  g_assert_cmpint (selection.actual_availability, ==, OPM_AVAILABILITY_99_0);
  g_assert_cmpint (selection.needed_availability, ==, OPM_AVAILABILITY_99_9);
  g_assert_cmpfloat_with_epsilon (selection.recommended_tolerable_hours, 0.168, 1e-9);
  g_assert_cmpfloat_with_epsilon (selection.actual_tolerable_hours, 1.68, 1e-9);
  g_assert_cmpint (selection.recommended_deployment, ==, OPM_DEPLOYMENT_TARGET_DAILY);
  g_assert_cmpint (selection.actual_deployment, ==, OPM_DEPLOYMENT_TARGET_MONTHLY);
  g_assert_cmpint (selection.needed_deployment, ==, OPM_DEPLOYMENT_TARGET_DAILY);
  g_assert_cmpint (selection.recommended_model, ==, OPM_OPERATING_MODEL_YBIYRI);
  /* Cover follows the agreed target. */
  g_assert_cmpint (selection.recommended_out_of_hours, ==, OPM_OUT_OF_HOURS_SHARED_ROTA);

  /* A slow-moving foundational system at low exposure. */
  g_object_set (service,
                "class", OPM_SERVICE_KIND_FOUNDATIONAL,
                "exposure-per-hour", 5000.0,
                "feature-demand", OPM_FEATURE_DEMAND_LOW,
                "availability-target", OPM_AVAILABILITY_95_0,
                NULL);
  opm_selector_select_service (service, NULL, &selection);
  g_assert_cmpint (selection.recommended_availability, ==, OPM_AVAILABILITY_95_0);
  g_assert_cmpint (selection.recommended_deployment, ==, OPM_DEPLOYMENT_TARGET_MONTHLY);
  g_assert_cmpint (selection.recommended_model, ==, OPM_OPERATING_MODEL_OPS_RUN_IT);
  g_assert_cmpint (selection.recommended_out_of_hours, ==, OPM_OUT_OF_HOURS_NONE);

  g_object_set (service, "exposure-extreme", TRUE, NULL);
  opm_selector_select_service (service, NULL, &selection);
  g_assert_cmpint (selection.recommended_availability, ==, OPM_AVAILABILITY_99_99);
  g_assert_cmpint (selection.recommended_model, ==, OPM_OPERATING_MODEL_YBIYRI);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/selector/bands", test_bands);
  g_test_add_func ("/selector/tolerable-unavailability", test_tolerable_unavailability);
  g_test_add_func ("/selector/flpe", test_flpe);
  g_test_add_func ("/selector/deployment-and-model", test_deployment_and_model);
  g_test_add_func ("/selector/select-service", test_select_service);

  return g_test_run ();
}
