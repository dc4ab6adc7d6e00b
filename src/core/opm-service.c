/* opm-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-service"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "opm-enum-types.h"
#include "opm-node-private.h"
#include "opm-service.h"

struct _OpmService
{
  OpmNode  parent_instance;

  char    *name;
  int      service_class;
  double   exposure_per_hour;
  gboolean exposure_extreme;
  int      feature_demand;
  int      availability_target;
  int      deployment_target;
  guint    telemetry;
  guint    resilience;
  double   incident_rate;
  int      release_window;
  int      change_approval;
  char    *latent_faults;
};

G_DEFINE_FINAL_TYPE (OpmService, opm_service, OPM_TYPE_NODE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_CLASS,
  PROP_EXPOSURE_PER_HOUR,
  PROP_EXPOSURE_EXTREME,
  PROP_FEATURE_DEMAND,
  PROP_AVAILABILITY_TARGET,
  PROP_DEPLOYMENT_TARGET,
  PROP_TELEMETRY,
  PROP_RESILIENCE,
  PROP_INCIDENT_RATE,
  PROP_RELEASE_WINDOW,
  PROP_CHANGE_APPROVAL,
  PROP_LATENT_FAULTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const OpmPropInfo props[] = {
  { "name", N_("Name"), "What the organisation calls the service", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmService, name), .flags = OPM_PROP_SERIAL | OPM_PROP_LINE, .max_length = 1024 },
  { "class", N_("Class"), "Digital service, foundational system or data store", OPM_PROP_ENUM,
    G_STRUCT_OFFSET (OpmService, service_class), opm_service_kind_get_type,
    .def = OPM_SERVICE_KIND_DIGITAL, .flags = OPM_PROP_SERIAL },
  { "exposure-per-hour", N_("Financial exposure per hour"), "Revenue or cost lost per hour of unavailability",
    OPM_PROP_DOUBLE, G_STRUCT_OFFSET (OpmService, exposure_per_hour), .max = 1e12, .flags = OPM_PROP_SERIAL },
  { "exposure-extreme", N_("Extreme exposure"), "Unavailability is intolerable (justifies 99.99 %)",
    OPM_PROP_BOOLEAN, G_STRUCT_OFFSET (OpmService, exposure_extreme), .flags = OPM_PROP_SERIAL },
  { "feature-demand", N_("Feature demand"), "How much new functionality the business asks for",
    OPM_PROP_ENUM, G_STRUCT_OFFSET (OpmService, feature_demand), opm_feature_demand_get_type,
    .def = OPM_FEATURE_DEMAND_MEDIUM, .flags = OPM_PROP_SERIAL },
  { "availability-target", N_("Availability target"), "The agreed availability", OPM_PROP_ENUM,
    G_STRUCT_OFFSET (OpmService, availability_target), opm_availability_get_type,
    .def = OPM_AVAILABILITY_99_0, .flags = OPM_PROP_SERIAL },
  { "deployment-target", N_("Deployment target"), "How often the service should be deployed", OPM_PROP_ENUM,
    G_STRUCT_OFFSET (OpmService, deployment_target), opm_deployment_target_get_type,
    .def = OPM_DEPLOYMENT_TARGET_MONTHLY, .flags = OPM_PROP_SERIAL },
  { "telemetry", N_("Telemetry"), "Health check, alerting, logs and dashboards in place", OPM_PROP_FLAGS,
    G_STRUCT_OFFSET (OpmService, telemetry), opm_telemetry_get_type, .def = 0, .flags = OPM_PROP_SERIAL },
  { "resilience", N_("Resilience"), "Circuit breaker, cache, bulkhead and shutter page in place", OPM_PROP_FLAGS,
    G_STRUCT_OFFSET (OpmService, resilience), opm_resilience_get_type, .def = 0, .flags = OPM_PROP_SERIAL },
  { "incident-rate", N_("Incidents per year"), "How many incidents the service has in a year", OPM_PROP_DOUBLE,
    G_STRUCT_OFFSET (OpmService, incident_rate), .max = 100000, .def = 4, .flags = OPM_PROP_SERIAL },
  { "release-window", N_("Release window"), "When releases may happen", OPM_PROP_ENUM,
    G_STRUCT_OFFSET (OpmService, release_window), opm_release_window_get_type,
    .def = OPM_RELEASE_WINDOW_ANY_TIME, .flags = OPM_PROP_SERIAL },
  { "change-approval", N_("Change approval"), "Automated, standard (pre-approved) or normal (CAB) changes",
    OPM_PROP_ENUM, G_STRUCT_OFFSET (OpmService, change_approval), opm_change_approval_get_type,
    .def = OPM_CHANGE_APPROVAL_STANDARD, .flags = OPM_PROP_SERIAL },
  { "latent-faults", N_("Latent faults"), "Known weaknesses waiting for a trigger", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmService, latent_faults), .flags = OPM_PROP_SERIAL },
};

static void
opm_service_finalize (GObject *object)
{
  _opm_props_finalize (object, props, G_N_ELEMENTS (props));

  G_OBJECT_CLASS (opm_service_parent_class)->finalize (object);
}

static void
opm_service_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  _opm_props_get_property (object, props, prop_id, value, pspec);
}

static void
opm_service_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  _opm_props_set_property (object, props, prop_id, value, pspec);
}

static void
opm_service_class_init (OpmServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OpmElementClass *element_class = OPM_ELEMENT_CLASS (klass);

  object_class->finalize = opm_service_finalize;
  object_class->get_property = opm_service_get_property;
  object_class->set_property = opm_service_set_property;

  element_class->tag = "service";
  element_class->kind_name = N_("Service");

  G_STATIC_ASSERT (G_N_ELEMENTS (props) == N_PROPS - 1);
  _opm_props_install (object_class, props, G_N_ELEMENTS (props), properties);
}

static void
opm_service_init (OpmService *self)
{
  _opm_props_init (self, props, G_N_ELEMENTS (props));
}

OpmService *
opm_service_new (void)
{
  return g_object_new (OPM_TYPE_SERVICE, NULL);
}

#define GETTER(type, fn, field, fallback) \
  type \
  opm_service_get_##fn (OpmService *self) \
  { \
    g_return_val_if_fail (OPM_IS_SERVICE (self), fallback); \
    return (type) self->field; \
  }

GETTER (const char *, name, name, NULL)
GETTER (OpmServiceKind, kind, service_class, 0)
GETTER (double, exposure_per_hour, exposure_per_hour, 0)
GETTER (gboolean, exposure_extreme, exposure_extreme, FALSE)
GETTER (OpmFeatureDemand, feature_demand, feature_demand, 0)
GETTER (OpmAvailability, availability_target, availability_target, 0)
GETTER (OpmDeploymentTarget, deployment_target, deployment_target, 0)
GETTER (OpmTelemetry, telemetry, telemetry, 0)
GETTER (OpmResilience, resilience, resilience, 0)
GETTER (double, incident_rate, incident_rate, 0)
GETTER (OpmReleaseWindow, release_window, release_window, 0)
GETTER (OpmChangeApproval, change_approval, change_approval, 0)
GETTER (const char *, latent_faults, latent_faults, NULL)
