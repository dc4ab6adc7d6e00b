/* opm-templates.c — starting organisations for a new document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A template is a small, sensible organisation drawn the way the playbook
 * describes an operating model: Ops Run It (project teams build, operations
 * runs, the CAB approves, releases overnight), You Build It You Run It
 * (product teams do everything for their own services, on their own paid
 * rotas) and the hybrid of the two. Each is built in code through the public
 * editing API, then written and read back, so that the new document has no
 * history, is unmodified and is exactly what its file would hold.
 *
 * Layout: delivery and product teams in a row on top, services in a row
 * below them, operations teams (the Run side of Ops Run It) in a row under
 * the services, a note on the right. Dependencies between services that are
 * not neighbours are routed under the service row.
 */

#define G_LOG_DOMAIN "opm-templates"

#include "config.h"

#include "opm-templates.h"

#include <stdarg.h>

#include <glib/gi18n-lib.h>

#include "opm-contract.h"
#include "opm-dependency.h"
#include "opm-error.h"
#include "opm-note.h"
#include "opm-responsibility.h"
#include "opm-service.h"
#include "opm-team.h"

/* Layout, in document units */
#define TEAM_WIDTH      200.0
#define SERVICE_WIDTH   200.0
#define TEAM_ROW        40.0
#define SERVICE_ROW     330.0
#define ROUTE_ROW       500.0     /* dependencies between services that are not neighbours */
#define RUN_ROW         660.0
#define COLUMN(i)       (200.0 + 260.0 * (i))   /* room on the left for long labels */
#define BETWEEN(i, j)   ((COLUMN (i) + COLUMN (j)) / 2)
#define SERVICE_CENTRE(i) (COLUMN (i) + SERVICE_WIDTH / 2)
#define NOTE_WIDTH      360.0
#define NOTE_HEIGHT     190.0

#define ALL_WEEK (OPM_WEEKDAYS_WORKING_WEEK | OPM_WEEKDAYS_SAT | OPM_WEEKDAYS_SUN)
#define PRODUCT_RIGHTS (OPM_RIGHTS_CODE | OPM_RIGHTS_CONFIG | OPM_RIGHTS_DATA | OPM_RIGHTS_DEPLOY | \
                        OPM_RIGHTS_ALERTS | OPM_RIGHTS_TELEMETRY_READ)
#define FULL_TELEMETRY (OPM_TELEMETRY_HEALTH_CHECK | OPM_TELEMETRY_ALERTING | OPM_TELEMETRY_LOGS | \
                        OPM_TELEMETRY_DASHBOARDS)
#define END_OF_DUTIES  (-1)

typedef struct
{
  OpmDocument *document;
  OpmScenario *scenario;
  GError      *error;
} Builder;

/* Adds @element (taking the reference) unless an earlier step failed. */
static gpointer
builder_add (Builder    *b,
             OpmElement *element)
{
  g_autoptr(OpmElement) owned = element;

  if (b->error != NULL ||
      !opm_document_add_element (b->document, b->scenario, element, &b->error))
    return NULL;

  return element;   /* the scenario holds it now */
}

static OpmTeam *
add_team (Builder     *b,
          const char  *id,
          const char  *name,
          OpmTeamKind  kind,
          double       x,
          double       y,
          const char  *first_property,
          ...)
{
  OpmTeam *team = opm_team_new ();
  va_list args;

  g_object_set (team,
                "id", id,
                "name", name,
                "kind", kind,
                "x", x,
                "y", y,
                "width", TEAM_WIDTH,
                NULL);

  va_start (args, first_property);
  if (first_property != NULL)
    g_object_set_valist (G_OBJECT (team), first_property, args);
  va_end (args);

  return builder_add (b, OPM_ELEMENT (team));
}

static OpmService *
add_service (Builder        *b,
             const char     *id,
             const char     *name,
             OpmServiceKind  kind,
             guint           column,
             const char     *first_property,
             ...)
{
  OpmService *service = opm_service_new ();
  va_list args;

  g_object_set (service,
                "id", id,
                "name", name,
                "class", kind,
                "x", COLUMN (column),
                "y", SERVICE_ROW,
                "width", SERVICE_WIDTH,
                NULL);

  va_start (args, first_property);
  if (first_property != NULL)
    g_object_set_valist (G_OBJECT (service), first_property, args);
  va_end (args);

  return builder_add (b, OPM_ELEMENT (service));
}

/* The activities follow @service, ended by END_OF_DUTIES. */
static void
add_duties (Builder    *b,
            OpmTeam    *team,
            OpmService *service,
            ...)
{
  va_list args;
  int activity;

  if (b->error != NULL)
    return;

  va_start (args, service);
  while ((activity = va_arg (args, int)) != END_OF_DUTIES)
    builder_add (b, OPM_ELEMENT (opm_responsibility_new (team, service, activity)));
  va_end (args);
}

/* The duties of a team that builds and runs its own service. */
static void
add_owner_duties (Builder    *b,
                  OpmTeam    *team,
                  OpmService *service)
{
  add_duties (b, team, service,
              OPM_ACTIVITY_PLAN, OPM_ACTIVITY_BUILD, OPM_ACTIVITY_DEPLOY, OPM_ACTIVITY_OPERATE_L1,
              OPM_ACTIVITY_ON_CALL, OPM_ACTIVITY_SUPPORT_L3, OPM_ACTIVITY_PROBLEM_FIX,
              OPM_ACTIVITY_ACCOUNTABLE, END_OF_DUTIES);
}

/* @route: (nullable): waypoints, for services that are not neighbours */
static void
add_dependency (Builder           *b,
                OpmService        *from,
                OpmService        *to,
                OpmDependencyMode  mode,
                OpmSoftening       softening,
                const char        *route)
{
  OpmDependency *dependency;

  if (b->error != NULL)
    return;

  dependency = opm_dependency_new (from, to);
  g_object_set (dependency, "mode", mode, "softening", softening, NULL);
  if (route != NULL)
    g_object_set (dependency, "waypoints", route, NULL);

  builder_add (b, OPM_ELEMENT (dependency));
}

static void
add_note (Builder    *b,
          const char *text,
          double      x,
          double      y)
{
  OpmNote *note = opm_note_new ();

  g_object_set (note,
                "id", "note-about",
                "text", text,
                "x", x,
                "y", y,
                "width", NOTE_WIDTH,
                "height", NOTE_HEIGHT,
                NULL);
  builder_add (b, OPM_ELEMENT (note));
}

/* A route from under service column @from to under column @to. */
static char *
route_under (guint from,
             guint to)
{
  return g_strdup_printf ("%d,%d %d,%d", (int) SERVICE_CENTRE (from), (int) ROUTE_ROW,
                          (int) SERVICE_CENTRE (to), (int) ROUTE_ROW);
}

/* Teams shared by the Ops Run It side of the templates */

static OpmTeam *
add_ops_bridge (Builder *b,
                double   x)
{
  return add_team (b, "team-ops-bridge", _("Operations Bridge"), OPM_TEAM_KIND_OPS_BRIDGE, x, RUN_ROW,
                   "size", 12,
                   "out-of-hours", OPM_OUT_OF_HOURS_SHIFT_24X7,
                   "rota-size", 10,
                   "on-call-pay", OPM_ON_CALL_PAY_STANDBY,
                   "rights", OPM_RIGHTS_ALERTS | OPM_RIGHTS_TELEMETRY_READ,
                   "work-days", ALL_WEEK,
                   "work-start", 0,
                   "work-end", 1440,
                   "description", _("L1: watches the alerts around the clock, follows runbooks and passes "
                                    "incidents on to application support."),
                   NULL);
}

static OpmTeam *
add_app_support (Builder *b,
                 double   x)
{
  return add_team (b, "team-app-support", _("Application Support"), OPM_TEAM_KIND_APP_SUPPORT, x, RUN_ROW,
                   "size", 8,
                   "out-of-hours", OPM_OUT_OF_HOURS_SHARED_ROTA,
                   "rota-size", 4,
                   "on-call-pay", OPM_ON_CALL_PAY_STANDBY_CALLOUT,
                   "rights", OPM_RIGHTS_CONFIG | OPM_RIGHTS_DEPLOY | OPM_RIGHTS_TELEMETRY_READ,
                   "description", _("L2: deploys the releases overnight, diagnoses incidents and escalates "
                                    "to the team that built the service."),
                   NULL);
}

static OpmTeam *
add_cab (Builder *b,
         double   x,
         double   y)
{
  return add_team (b, "team-cab", _("Change Advisory Board"), OPM_TEAM_KIND_CHANGE_MANAGEMENT, x, y,
                   "size", 5,
                   "description", _("Meets weekly; every release is a normal change that it approves."),
                   NULL);
}

static OpmTeam *
add_incident_management (Builder *b,
                         double   x)
{
  return add_team (b, "team-incident-management", _("Incident Management"),
                   OPM_TEAM_KIND_INCIDENT_MANAGEMENT, x, TEAM_ROW,
                   "size", 4,
                   "out-of-hours", OPM_OUT_OF_HOURS_OWN_ROTA,
                   "rota-size", 4,
                   "on-call-pay", OPM_ON_CALL_PAY_STANDBY_CALLOUT,
                   "rights", OPM_RIGHTS_TELEMETRY_READ,
                   "description", _("Coordinates major incidents across teams and talks to the business; "
                                    "the teams that own the services restore them."),
                   NULL);
}

static OpmTeam *
add_product_team (Builder    *b,
                  const char *id,
                  const char *name,
                  double      x,
                  int         rota_size)
{
  return add_team (b, id, name, OPM_TEAM_KIND_PRODUCT, x, TEAM_ROW,
                   "size", 8,
                   "out-of-hours", OPM_OUT_OF_HOURS_OWN_ROTA,
                   "rota-size", rota_size,
                   "on-call-pay", OPM_ON_CALL_PAY_STANDBY_CALLOUT,
                   "rights", PRODUCT_RIGHTS,
                   "description", _("Long-lived product team: builds, deploys, operates and supports its "
                                    "services, with its own paid on-call rota."),
                   NULL);
}

/* The templates */

static void
set_metadata (Builder    *b,
              const char *title,
              const char *description,
              const char *scenario_name,
              const char *scenario_description)
{
  if (b->error != NULL)
    return;

  if (opm_document_set (b->document, &b->error, b->document,
                        "title", title,
                        "description", description,
                        NULL))
    opm_document_set (b->document, &b->error, b->scenario,
                      "name", scenario_name,
                      "description", scenario_description,
                      NULL);
}

static void
build_ops_run_it (Builder *b)
{
  OpmTeam *web, *integration, *cab, *desk, *bridge, *support, *dba;
  OpmService *website, *api, *orders, *database;
  g_autofree char *route = route_under (0, 2);

  set_metadata (b, _("Ops Run It"),
                _("A starting point for an Ops Run It organisation: delivery project teams build the "
                  "services, an operations function runs them."),
                _("Ops Run It"),
                _("Delivery projects build; the operations bridge (L1) and application support (L2) run; "
                  "the change advisory board approves every release, deployed overnight."));

  /* Build: the delivery projects, and the CAB as the gate to production */
  web = add_team (b, "team-web-delivery", _("Web Delivery Project"), OPM_TEAM_KIND_PROJECT_DELIVERY,
                  BETWEEN (0, 1), TEAM_ROW,
                  "lifecycle", OPM_LIFECYCLE_PROJECT,
                  "end-date", "2027-06-30",
                  "size", 8,
                  "rights", OPM_RIGHTS_CODE,
                  "description", _("Project-funded: builds the website and the mobile app API, then moves on. "
                                   "L3 support on best efforts, unpaid."),
                  NULL);
  integration = add_team (b, "team-integration-delivery", _("Integration Delivery Project"),
                          OPM_TEAM_KIND_PROJECT_DELIVERY, COLUMN (2), TEAM_ROW,
                          "lifecycle", OPM_LIFECYCLE_PROJECT,
                          "end-date", "2026-12-31",
                          "sourcing", OPM_SOURCING_OUTSOURCED,
                          "size", 6,
                          "rights", OPM_RIGHTS_CODE,
                          "description", _("An outsourced supplier under a statement of work; its contract "
                                           "pays for P1 and P2 incidents only."),
                          NULL);
  if (integration != NULL && b->error == NULL)
    opm_document_set (b->document, &b->error, opm_team_get_contract (integration),
                      "priorities", OPM_PRIORITIES_P1 | OPM_PRIORITIES_P2,
                      "response-p1", 120.0,
                      "response-p2", 480.0,
                      NULL);
  cab = add_cab (b, COLUMN (3) + 130, TEAM_ROW);

  /* Run */
  desk = add_team (b, "team-service-desk", _("Service Desk"), OPM_TEAM_KIND_SERVICE_DESK, COLUMN (0), RUN_ROW,
                   "size", 12,
                   "work-days", ALL_WEEK,
                   "work-start", 480,
                   "work-end", 1200,
                   "description", _("Takes calls from customers who report problems and raises tickets."),
                   NULL);
  bridge = add_ops_bridge (b, COLUMN (1));
  support = add_app_support (b, COLUMN (2));
  dba = add_team (b, "team-dba", _("Database Administration"), OPM_TEAM_KIND_SPECIALIST, COLUMN (3), RUN_ROW,
                  "size", 4,
                  "out-of-hours", OPM_OUT_OF_HOURS_SHARED_ROTA,
                  "rota-size", 3,
                  "on-call-pay", OPM_ON_CALL_PAY_STANDBY_CALLOUT,
                  "rights", OPM_RIGHTS_DATA | OPM_RIGHTS_DEPLOY | OPM_RIGHTS_INFRASTRUCTURE |
                            OPM_RIGHTS_TELEMETRY_READ,
                  "description", _("Builds and runs the database instances and applies schema changes."),
                  NULL);

  website = add_service (b, "svc-website", _("Customer website"), OPM_SERVICE_KIND_DIGITAL, 0,
                         "exposure-per-hour", 120000.0,
                         "feature-demand", OPM_FEATURE_DEMAND_HIGH,
                         "availability-target", OPM_AVAILABILITY_99_0,
                         "deployment-target", OPM_DEPLOYMENT_TARGET_WEEKLY,
                         "telemetry", OPM_TELEMETRY_HEALTH_CHECK | OPM_TELEMETRY_LOGS,
                         "incident-rate", 6.0,
                         "release-window", OPM_RELEASE_WINDOW_OVERNIGHT,
                         "change-approval", OPM_CHANGE_APPROVAL_NORMAL,
                         NULL);
  api = add_service (b, "svc-mobile-api", _("Mobile app API"), OPM_SERVICE_KIND_DIGITAL, 1,
                     "exposure-per-hour", 60000.0,
                     "availability-target", OPM_AVAILABILITY_99_0,
                     "deployment-target", OPM_DEPLOYMENT_TARGET_FORTNIGHTLY,
                     "telemetry", OPM_TELEMETRY_LOGS,
                     "release-window", OPM_RELEASE_WINDOW_OVERNIGHT,
                     "change-approval", OPM_CHANGE_APPROVAL_NORMAL,
                     NULL);
  orders = add_service (b, "svc-order-management", _("Order management"), OPM_SERVICE_KIND_FOUNDATIONAL, 2,
                        "exposure-per-hour", 80000.0,
                        "feature-demand", OPM_FEATURE_DEMAND_LOW,
                        "availability-target", OPM_AVAILABILITY_99_0,
                        "telemetry", OPM_TELEMETRY_HEALTH_CHECK | OPM_TELEMETRY_ALERTING | OPM_TELEMETRY_LOGS,
                        "release-window", OPM_RELEASE_WINDOW_OVERNIGHT,
                        "change-approval", OPM_CHANGE_APPROVAL_NORMAL,
                        NULL);
  database = add_service (b, "svc-customer-db", _("Customer database"), OPM_SERVICE_KIND_DATA_STORE, 3,
                          "exposure-per-hour", 120000.0,
                          "feature-demand", OPM_FEATURE_DEMAND_LOW,
                          "availability-target", OPM_AVAILABILITY_99_0,
                          "telemetry", OPM_TELEMETRY_HEALTH_CHECK | OPM_TELEMETRY_ALERTING,
                          "incident-rate", 2.0,
                          "release-window", OPM_RELEASE_WINDOW_OVERNIGHT,
                          "change-approval", OPM_CHANGE_APPROVAL_NORMAL,
                          NULL);

  add_duties (b, web, website, OPM_ACTIVITY_PLAN, OPM_ACTIVITY_BUILD, OPM_ACTIVITY_SUPPORT_L3, END_OF_DUTIES);
  add_duties (b, web, api, OPM_ACTIVITY_PLAN, OPM_ACTIVITY_BUILD, OPM_ACTIVITY_SUPPORT_L3, END_OF_DUTIES);
  add_duties (b, integration, orders, OPM_ACTIVITY_PLAN, OPM_ACTIVITY_BUILD, OPM_ACTIVITY_SUPPORT_L3,
              END_OF_DUTIES);
  add_duties (b, dba, database, OPM_ACTIVITY_BUILD, OPM_ACTIVITY_DEPLOY, OPM_ACTIVITY_SUPPORT_L2,
              OPM_ACTIVITY_SUPPORT_L3, OPM_ACTIVITY_ON_CALL, OPM_ACTIVITY_ACCOUNTABLE, END_OF_DUTIES);
  add_duties (b, desk, website, OPM_ACTIVITY_OPERATE_L1, END_OF_DUTIES);
  add_duties (b, desk, api, OPM_ACTIVITY_OPERATE_L1, END_OF_DUTIES);
  add_duties (b, bridge, website, OPM_ACTIVITY_OPERATE_L1, END_OF_DUTIES);
  add_duties (b, bridge, api, OPM_ACTIVITY_OPERATE_L1, END_OF_DUTIES);
  add_duties (b, bridge, orders, OPM_ACTIVITY_OPERATE_L1, END_OF_DUTIES);
  add_duties (b, bridge, database, OPM_ACTIVITY_OPERATE_L1, END_OF_DUTIES);
  add_duties (b, support, website, OPM_ACTIVITY_DEPLOY, OPM_ACTIVITY_SUPPORT_L2, OPM_ACTIVITY_ON_CALL,
              OPM_ACTIVITY_PROBLEM_FIX, OPM_ACTIVITY_ACCOUNTABLE, END_OF_DUTIES);
  add_duties (b, support, api, OPM_ACTIVITY_DEPLOY, OPM_ACTIVITY_SUPPORT_L2, OPM_ACTIVITY_ON_CALL,
              OPM_ACTIVITY_PROBLEM_FIX, OPM_ACTIVITY_ACCOUNTABLE, END_OF_DUTIES);
  add_duties (b, support, orders, OPM_ACTIVITY_DEPLOY, OPM_ACTIVITY_SUPPORT_L2, OPM_ACTIVITY_ON_CALL,
              OPM_ACTIVITY_PROBLEM_FIX, OPM_ACTIVITY_ACCOUNTABLE, END_OF_DUTIES);
  add_duties (b, cab, website, OPM_ACTIVITY_APPROVE_CHANGE, END_OF_DUTIES);
  add_duties (b, cab, api, OPM_ACTIVITY_APPROVE_CHANGE, END_OF_DUTIES);
  add_duties (b, cab, orders, OPM_ACTIVITY_APPROVE_CHANGE, END_OF_DUTIES);
  add_duties (b, cab, database, OPM_ACTIVITY_APPROVE_CHANGE, END_OF_DUTIES);

  add_dependency (b, website, orders, OPM_DEPENDENCY_MODE_SYNCHRONOUS, OPM_SOFTENING_NONE, route);
  add_dependency (b, api, orders, OPM_DEPENDENCY_MODE_SYNCHRONOUS, OPM_SOFTENING_NONE, NULL);
  add_dependency (b, orders, database, OPM_DEPENDENCY_MODE_SYNCHRONOUS, OPM_SOFTENING_NONE, NULL);

  add_note (b, _("Ops Run It: delivery project teams plan and build the services and hand them over; a separate, "
                 "long-lived operations function runs them. An incident goes from the operations bridge (L1) "
                 "to application support (L2) and only then to the team that built the service (L3), out of "
                 "hours on best efforts. Every release is a normal change approved by the change advisory "
                 "board and deployed overnight by application support."),
            COLUMN (4) + 60, SERVICE_ROW - 10);
}

static void
build_you_build_it_you_run_it (Builder *b)
{
  OpmTeam *checkout_team, *catalogue_team, *accounts_team, *platform_team;
  OpmService *database, *checkout, *catalogue, *accounts, *platform;
  g_autofree char *route = route_under (1, 3);

  set_metadata (b, _("You Build It You Run It"),
                _("A starting point for a You Build It You Run It organisation: product teams build and "
                  "run their own services."),
                _("You Build It You Run It"),
                _("Each product team plans, builds, deploys, operates and supports its own services, on call "
                  "on its own paid rota; incident management coordinates major incidents."));

  checkout_team = add_product_team (b, "team-checkout", _("Checkout Team"), BETWEEN (0, 1), 4);
  catalogue_team = add_product_team (b, "team-catalogue", _("Catalogue Team"), COLUMN (2), 4);
  accounts_team = add_product_team (b, "team-accounts", _("Customer Accounts Team"), COLUMN (3), 3);
  platform_team = add_team (b, "team-platform", _("Platform Team"), OPM_TEAM_KIND_PLATFORM,
                            COLUMN (4), TEAM_ROW,
                            "size", 6,
                            "out-of-hours", OPM_OUT_OF_HOURS_OWN_ROTA,
                            "rota-size", 4,
                            "on-call-pay", OPM_ON_CALL_PAY_STANDBY_CALLOUT,
                            "rights", PRODUCT_RIGHTS | OPM_RIGHTS_INFRASTRUCTURE,
                            "description", _("Builds and runs the cloud platform the product teams deploy to, "
                                             "as a product of its own."),
                            NULL);
  add_incident_management (b, COLUMN (5) + 40);

  database = add_service (b, "svc-orders-db", _("Orders database"), OPM_SERVICE_KIND_DATA_STORE, 0,
                          "exposure-per-hour", 400000.0,
                          "feature-demand", OPM_FEATURE_DEMAND_LOW,
                          "availability-target", OPM_AVAILABILITY_99_9,
                          "deployment-target", OPM_DEPLOYMENT_TARGET_WEEKLY,
                          "telemetry", FULL_TELEMETRY,
                          "incident-rate", 2.0,
                          "change-approval", OPM_CHANGE_APPROVAL_AUTOMATED,
                          NULL);
  checkout = add_service (b, "svc-checkout", _("Checkout"), OPM_SERVICE_KIND_DIGITAL, 1,
                          "exposure-per-hour", 400000.0,
                          "feature-demand", OPM_FEATURE_DEMAND_VERY_HIGH,
                          "availability-target", OPM_AVAILABILITY_99_9,
                          "deployment-target", OPM_DEPLOYMENT_TARGET_DAILY,
                          "telemetry", FULL_TELEMETRY,
                          "resilience", OPM_RESILIENCE_CIRCUIT_BREAKER | OPM_RESILIENCE_SHUTTER_PAGE,
                          "change-approval", OPM_CHANGE_APPROVAL_AUTOMATED,
                          NULL);
  catalogue = add_service (b, "svc-catalogue", _("Product catalogue"), OPM_SERVICE_KIND_DIGITAL, 2,
                           "exposure-per-hour", 300000.0,
                           "feature-demand", OPM_FEATURE_DEMAND_VERY_HIGH,
                           "availability-target", OPM_AVAILABILITY_99_9,
                           "deployment-target", OPM_DEPLOYMENT_TARGET_DAILY,
                           "telemetry", FULL_TELEMETRY,
                           "resilience", OPM_RESILIENCE_CACHE,
                           "change-approval", OPM_CHANGE_APPROVAL_AUTOMATED,
                           NULL);
  accounts = add_service (b, "svc-accounts", _("Customer accounts"), OPM_SERVICE_KIND_DIGITAL, 3,
                          "exposure-per-hour", 260000.0,
                          "feature-demand", OPM_FEATURE_DEMAND_HIGH,
                          "availability-target", OPM_AVAILABILITY_99_9,
                          "deployment-target", OPM_DEPLOYMENT_TARGET_WEEKLY,
                          "telemetry", FULL_TELEMETRY,
                          "change-approval", OPM_CHANGE_APPROVAL_AUTOMATED,
                          NULL);
  platform = add_service (b, "svc-platform", _("Cloud platform"), OPM_SERVICE_KIND_FOUNDATIONAL, 4,
                          "exposure-per-hour", 400000.0,
                          "availability-target", OPM_AVAILABILITY_99_9,
                          "deployment-target", OPM_DEPLOYMENT_TARGET_WEEKLY,
                          "telemetry", FULL_TELEMETRY,
                          "resilience", OPM_RESILIENCE_BULKHEAD,
                          "incident-rate", 2.0,
                          NULL);

  add_owner_duties (b, checkout_team, database);
  add_owner_duties (b, checkout_team, checkout);
  add_owner_duties (b, catalogue_team, catalogue);
  add_owner_duties (b, accounts_team, accounts);
  add_owner_duties (b, platform_team, platform);

  add_dependency (b, checkout, database, OPM_DEPENDENCY_MODE_SYNCHRONOUS, OPM_SOFTENING_NONE, NULL);
  add_dependency (b, checkout, catalogue, OPM_DEPENDENCY_MODE_SYNCHRONOUS, OPM_SOFTENING_CACHE, NULL);
  add_dependency (b, checkout, accounts, OPM_DEPENDENCY_MODE_SYNCHRONOUS, OPM_SOFTENING_CIRCUIT_BREAKER, route);
  add_dependency (b, accounts, platform, OPM_DEPENDENCY_MODE_SYNCHRONOUS, OPM_SOFTENING_NONE, NULL);

  add_note (b, _("You Build It You Run It: each long-lived product team plans, builds, deploys and operates its "
                 "own services, answers its own alerts on its own rota (at least three people, paid standby "
                 "and callout) and fixes the causes of its incidents. Health checks and alerting page the "
                 "team directly, within a minute. Incident management coordinates major incidents across "
                 "teams."),
            COLUMN (5) + 40, SERVICE_ROW - 10);
}

static void
build_hybrid (Builder *b)
{
  OpmTeam *web_team, *app_team, *enterprise, *cab, *bridge, *support;
  OpmService *website, *api, *orders, *finance;
  g_autofree char *route = route_under (0, 2);

  set_metadata (b, _("Hybrid"),
                _("A starting point for a hybrid organisation: You Build It You Run It for the digital "
                  "services, Ops Run It for the foundational systems."),
                _("Hybrid"),
                _("Product teams build and run the digital services that change often and need high "
                  "availability; operations runs the foundational systems that change monthly or less."));

  web_team = add_product_team (b, "team-web", _("Web Product Team"), COLUMN (0), 4);
  app_team = add_product_team (b, "team-mobile", _("Mobile App Product Team"), COLUMN (1), 3);
  enterprise = add_team (b, "team-enterprise-delivery", _("Enterprise Systems Delivery"),
                         OPM_TEAM_KIND_PROJECT_DELIVERY, BETWEEN (2, 3), TEAM_ROW,
                         "lifecycle", OPM_LIFECYCLE_PROJECT,
                         "end-date", "2027-03-31",
                         "size", 6,
                         "rights", OPM_RIGHTS_CODE | OPM_RIGHTS_CONFIG,
                         "description", _("Configures and integrates the bought-in packages, project by project."),
                         NULL);
  cab = add_cab (b, COLUMN (4), TEAM_ROW);
  add_incident_management (b, COLUMN (5));

  bridge = add_ops_bridge (b, COLUMN (2));
  support = add_app_support (b, COLUMN (3));

  website = add_service (b, "svc-website", _("Customer website"), OPM_SERVICE_KIND_DIGITAL, 0,
                         "exposure-per-hour", 300000.0,
                         "feature-demand", OPM_FEATURE_DEMAND_VERY_HIGH,
                         "availability-target", OPM_AVAILABILITY_99_9,
                         "deployment-target", OPM_DEPLOYMENT_TARGET_DAILY,
                         "telemetry", FULL_TELEMETRY,
                         "resilience", OPM_RESILIENCE_SHUTTER_PAGE,
                         "change-approval", OPM_CHANGE_APPROVAL_AUTOMATED,
                         NULL);
  api = add_service (b, "svc-mobile-api", _("Mobile app API"), OPM_SERVICE_KIND_DIGITAL, 1,
                     "exposure-per-hour", 260000.0,
                     "feature-demand", OPM_FEATURE_DEMAND_HIGH,
                     "availability-target", OPM_AVAILABILITY_99_9,
                     "deployment-target", OPM_DEPLOYMENT_TARGET_WEEKLY,
                     "telemetry", FULL_TELEMETRY,
                     "resilience", OPM_RESILIENCE_CIRCUIT_BREAKER,
                     "change-approval", OPM_CHANGE_APPROVAL_AUTOMATED,
                     NULL);
  orders = add_service (b, "svc-order-management", _("Order management"), OPM_SERVICE_KIND_FOUNDATIONAL, 2,
                        "exposure-per-hour", 100000.0,
                        "feature-demand", OPM_FEATURE_DEMAND_LOW,
                        "availability-target", OPM_AVAILABILITY_99_0,
                        "telemetry", OPM_TELEMETRY_HEALTH_CHECK | OPM_TELEMETRY_ALERTING | OPM_TELEMETRY_LOGS,
                        "release-window", OPM_RELEASE_WINDOW_OVERNIGHT,
                        "change-approval", OPM_CHANGE_APPROVAL_NORMAL,
                        NULL);
  finance = add_service (b, "svc-finance", _("Finance (ERP)"), OPM_SERVICE_KIND_FOUNDATIONAL, 3,
                         "exposure-per-hour", 20000.0,
                         "feature-demand", OPM_FEATURE_DEMAND_LOW,
                         "availability-target", OPM_AVAILABILITY_99_0,
                         "telemetry", OPM_TELEMETRY_HEALTH_CHECK | OPM_TELEMETRY_ALERTING,
                         "incident-rate", 2.0,
                         "release-window", OPM_RELEASE_WINDOW_OVERNIGHT,
                         "change-approval", OPM_CHANGE_APPROVAL_NORMAL,
                         NULL);

  add_owner_duties (b, web_team, website);
  add_owner_duties (b, app_team, api);
  add_duties (b, enterprise, orders, OPM_ACTIVITY_PLAN, OPM_ACTIVITY_BUILD, OPM_ACTIVITY_SUPPORT_L3, END_OF_DUTIES);
  add_duties (b, enterprise, finance, OPM_ACTIVITY_PLAN, OPM_ACTIVITY_BUILD, OPM_ACTIVITY_SUPPORT_L3, END_OF_DUTIES);
  add_duties (b, bridge, orders, OPM_ACTIVITY_OPERATE_L1, END_OF_DUTIES);
  add_duties (b, bridge, finance, OPM_ACTIVITY_OPERATE_L1, END_OF_DUTIES);
  add_duties (b, support, orders, OPM_ACTIVITY_DEPLOY, OPM_ACTIVITY_SUPPORT_L2, OPM_ACTIVITY_ON_CALL,
              OPM_ACTIVITY_PROBLEM_FIX, OPM_ACTIVITY_ACCOUNTABLE, END_OF_DUTIES);
  add_duties (b, support, finance, OPM_ACTIVITY_DEPLOY, OPM_ACTIVITY_SUPPORT_L2, OPM_ACTIVITY_ON_CALL,
              OPM_ACTIVITY_PROBLEM_FIX, OPM_ACTIVITY_ACCOUNTABLE, END_OF_DUTIES);
  add_duties (b, cab, orders, OPM_ACTIVITY_APPROVE_CHANGE, END_OF_DUTIES);
  add_duties (b, cab, finance, OPM_ACTIVITY_APPROVE_CHANGE, END_OF_DUTIES);

  add_dependency (b, website, orders, OPM_DEPENDENCY_MODE_ASYNCHRONOUS, OPM_SOFTENING_QUEUE, route);
  add_dependency (b, api, orders, OPM_DEPENDENCY_MODE_SYNCHRONOUS, OPM_SOFTENING_CIRCUIT_BREAKER, NULL);
  add_dependency (b, orders, finance, OPM_DEPENDENCY_MODE_ASYNCHRONOUS, OPM_SOFTENING_QUEUE, NULL);

  add_note (b, _("Hybrid: the digital services change often and need high availability, so the product teams "
                 "that build them also deploy, operate and support them on their own rotas. The foundational "
                 "systems are bought-in packages that change monthly or less; a delivery project configures "
                 "them, the operations bridge (L1) and application support (L2) run them, and the change "
                 "advisory board approves their releases."),
            COLUMN (4) + 40, SERVICE_ROW - 10);
}

typedef struct
{
  const char *name;
  const char *label;
  const char *description;
  void      (*build) (Builder *b);
} Template;

static const Template templates[] = {
  { "blank", N_("Blank"), N_("An empty operating model"), NULL },
  { "ops-run-it", N_("Ops Run It"),
    N_("Delivery projects build, an operations bridge and application support run, the CAB approves, "
       "releases go out overnight"),
    build_ops_run_it },
  { "you-build-it-you-run-it", N_("You Build It You Run It"),
    N_("Product teams build, deploy, operate and support their own services on their own paid rotas"),
    build_you_build_it_you_run_it },
  { "hybrid", N_("Hybrid"),
    N_("You Build It You Run It for the digital services, Ops Run It for the foundational systems"),
    build_hybrid },
};

static const Template *
find_template (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (g_strcmp0 (templates[i].name, name) == 0)
      return &templates[i];

  return NULL;
}

/**
 * opm_document_get_template_names:
 *
 * Returns: (transfer none) (array zero-terminated=1): the names of the
 *   templates, in the order to offer them; "blank" comes first
 */
const char * const *
opm_document_get_template_names (void)
{
  static const char * const names[] = { "blank", "ops-run-it", "you-build-it-you-run-it", "hybrid", NULL };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (templates) + 1);

  return names;
}

/**
 * opm_document_get_template_label:
 *
 * Returns: (nullable): the template's translated title, e.g. "Ops Run It",
 *   or %NULL for an unknown name
 */
const char *
opm_document_get_template_label (const char *name)
{
  const Template *template = find_template (name);

  return template != NULL ? _(template->label) : NULL;
}

/**
 * opm_document_get_template_description:
 *
 * Returns: (nullable): one translated sentence on what the template holds,
 *   or %NULL for an unknown name
 */
const char *
opm_document_get_template_description (const char *name)
{
  const Template *template = find_template (name);

  return template != NULL ? _(template->description) : NULL;
}

/**
 * opm_document_new_from_template:
 * @name: one of opm_document_get_template_names()
 *
 * Returns: (transfer full) (nullable): a new, unmodified document with one
 *   scenario and no history, or %NULL with @error set for an unknown name
 */
OpmDocument *
opm_document_new_from_template (const char  *name,
                                GError     **error)
{
  const Template *template;
  g_autoptr(OpmDocument) draft = NULL;
  g_autoptr(GBytes) bytes = NULL;
  Builder b = { NULL };
  gsize length;
  const char *data;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  template = find_template (name);
  if (template == NULL)
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                   _("There is no template called “%s”"), name);
      return NULL;
    }

  draft = opm_document_new ();
  if (template->build == NULL)
    return g_steal_pointer (&draft);

  b.document = draft;
  b.scenario = opm_document_get_scenario (draft, 0);
  template->build (&b);

  if (b.error != NULL)
    {
      /* a template that the model refuses is a bug, but say what went wrong */
      g_critical ("template “%s”: %s", name, b.error->message);
      g_propagate_error (error, b.error);
      return NULL;
    }

  /* Read back what was built: no history, and exactly what a file holds. */
  bytes = opm_document_serialize (draft);
  data = g_bytes_get_data (bytes, &length);

  return opm_document_load_from_data (data, length, template->name, error);
}
