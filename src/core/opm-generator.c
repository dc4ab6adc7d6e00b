/* opm-generator.c — synthetic organisations for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates an Ops Run It organisation of a plausible shape: delivery teams
 * (product and project, some outsourced) build services; an operations bridge,
 * a service desk, application support, change management and specialist
 * teams run them. Services depend on each other (mostly on data stores and
 * foundational systems, never in a cycle). Teams sit in a grid above the
 * services. The same arguments always give the same document.
 */

#define G_LOG_DOMAIN "opm-generator"

#include "config.h"

#include <math.h>

#include "opm-dependency.h"
#include "opm-document-private.h"
#include "opm-element-private.h"
#include "opm-generator.h"
#include "opm-responsibility.h"
#include "opm-scenario-private.h"
#include "opm-service.h"
#include "opm-team.h"

static const char *domains[] = {
  "Checkout", "Payments", "Search", "Catalogue", "Identity", "Pricing", "Loyalty", "Orders",
  "Fulfilment", "Billing", "Customer", "Content", "Analytics", "Mobile", "Partner", "Inventory",
  "Shipping", "Returns", "Promotions", "Reviews", "Basket", "Accounts", "Messaging", "Fraud",
  "Ledger", "Tariffs", "Provisioning", "Network", "Roaming", "Retail", "Stores", "Marketing",
};

static const char *digital_nouns[] = { "Web", "App", "API", "Portal", "Service", "Gateway" };
static const char *foundational_nouns[] = { "Platform", "Engine", "Integration", "Batch", "ERP Module", "Hub" };
static const char *store_nouns[] = { "Database", "Cache", "Warehouse", "Store" };

typedef struct
{
  OpmTeamKind kind;
  guint       weight;
} KindWeight;

/* The mix of team kinds; operations teams are added per delivery teams. */
static const KindWeight delivery_mix[] = {
  { OPM_TEAM_KIND_PROJECT_DELIVERY, 6 },
  { OPM_TEAM_KIND_PRODUCT, 3 },
  { OPM_TEAM_KIND_PLATFORM, 1 },
};

static const char *
pick (GRand       *rand,
      const char **words,
      guint        n)
{
  return words[g_rand_int_range (rand, 0, n)];
}

static void
set_props (gpointer    object,
           const char *first,
           ...) G_GNUC_NULL_TERMINATED;

static void
set_props (gpointer    object,
           const char *first,
           ...)
{
  va_list args;

  va_start (args, first);
  g_object_set_valist (object, first, args);
  va_end (args);
}

static OpmTeam *
make_team (OpmScenario *scenario,
           GPtrArray   *teams,
           OpmTeamKind  kind,
           const char  *name,
           guint        index,
           guint        columns)
{
  OpmTeam *team = opm_team_new ();
  g_autofree char *id = g_strdup_printf ("team-%u", teams->len + 1);

  _opm_element_set_id (OPM_ELEMENT (team), id);
  set_props (team,
             "name", name,
             "kind", kind,
             "x", (double) (index % columns) * 240.0,
             "y", (double) (index / columns) * 140.0,
             "width", 200.0,
             "height", 100.0,
             NULL);
  g_ptr_array_add (teams, team);

  return team;
}

/**
 * opm_generate_organisation:
 * @n_teams: teams to create (at least 4 give every kind of operations team)
 * @n_services: services to create
 * @seed: the seed of the generator
 *
 * Returns: (transfer full): a document with one scenario, "Generated"
 */
OpmDocument *
opm_generate_organisation (guint   n_teams,
                           guint   n_services,
                           guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  OpmDocument *document = _opm_document_new_empty ();
  g_autoptr(OpmScenario) scenario = _opm_scenario_new ();
  g_autoptr(GPtrArray) teams = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) responsibilities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) dependencies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) delivery = g_ptr_array_new ();
  g_autoptr(GPtrArray) bridges = g_ptr_array_new ();
  g_autoptr(GPtrArray) support = g_ptr_array_new ();
  g_autoptr(GPtrArray) cabs = g_ptr_array_new ();
  g_autoptr(GPtrArray) specialists = g_ptr_array_new ();
  g_autofree char *title = g_strdup_printf ("Generated organisation (%u teams, %u services, seed %u)",
                                            n_teams, n_services, seed);
  guint team_columns = MAX (4, (guint) ceil (sqrt ((double) MAX (n_teams, 1)) * 1.5));
  guint service_columns = MAX (4, (guint) ceil (sqrt ((double) MAX (n_services, 1)) * 1.5));
  guint n_ops = n_teams >= 4 ? MAX (4, n_teams / 5) : 0;
  double services_top;
  guint weight_total = 0;

  set_props (document, "title", title, "organisation", "Example Group", NULL);
  _opm_scenario_set_id (scenario, "generated");
  set_props (scenario, "name", "Generated", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (delivery_mix); i++)
    weight_total += delivery_mix[i].weight;

  /* Operations: bridge, service desk, application support, change
   * management, then specialists and more support teams. */
  for (guint i = 0; i < n_ops; i++)
    {
      static const OpmTeamKind cycle[] = {
        OPM_TEAM_KIND_OPS_BRIDGE, OPM_TEAM_KIND_SERVICE_DESK, OPM_TEAM_KIND_APP_SUPPORT,
        OPM_TEAM_KIND_CHANGE_MANAGEMENT, OPM_TEAM_KIND_APP_SUPPORT, OPM_TEAM_KIND_SPECIALIST,
        OPM_TEAM_KIND_INCIDENT_MANAGEMENT, OPM_TEAM_KIND_APP_SUPPORT, OPM_TEAM_KIND_SPECIALIST,
        OPM_TEAM_KIND_OPS_BRIDGE,
      };
      static const char *specialist_names[] = { "Database Administration", "Network Operations", "Middleware", "Storage" };
      OpmTeamKind kind = cycle[i % G_N_ELEMENTS (cycle)];
      g_autofree char *name = NULL;
      OpmTeam *team;
      guint round = i / G_N_ELEMENTS (cycle) + 1;

      switch (kind)
        {
        case OPM_TEAM_KIND_OPS_BRIDGE: name = g_strdup_printf ("Operations Bridge %u", (i / 9) + 1); break;
        case OPM_TEAM_KIND_SERVICE_DESK: name = g_strdup_printf ("Service Desk %u", round); break;
        case OPM_TEAM_KIND_APP_SUPPORT: name = g_strdup_printf ("Application Support %u", support->len + 1); break;
        case OPM_TEAM_KIND_CHANGE_MANAGEMENT: name = g_strdup_printf ("Change Advisory Board %u", round); break;
        case OPM_TEAM_KIND_INCIDENT_MANAGEMENT: name = g_strdup_printf ("Major Incident Management %u", round); break;
        case OPM_TEAM_KIND_SPECIALIST:
        default:
          name = g_strdup_printf ("%s %u", specialist_names[specialists->len % 4], specialists->len / 4 + 1);
          break;
        }

      team = make_team (scenario, teams, kind, name, teams->len, team_columns);

      switch (kind)
        {
        case OPM_TEAM_KIND_OPS_BRIDGE:
          g_ptr_array_add (bridges, team);
          set_props (team, "out-of-hours", OPM_OUT_OF_HOURS_SHIFT_24X7, "rota-size", 10,
                     "on-call-pay", OPM_ON_CALL_PAY_STANDBY, "size", 12,
                     "rights", OPM_RIGHTS_ALERTS | OPM_RIGHTS_TELEMETRY_READ, NULL);
          break;
        case OPM_TEAM_KIND_APP_SUPPORT:
          g_ptr_array_add (support, team);
          set_props (team, "out-of-hours", OPM_OUT_OF_HOURS_SHARED_ROTA, "rota-size", 5,
                     "on-call-pay", OPM_ON_CALL_PAY_STANDBY_CALLOUT,
                     "rights", OPM_RIGHTS_CONFIG | OPM_RIGHTS_DEPLOY | OPM_RIGHTS_TELEMETRY_READ, NULL);
          break;
        case OPM_TEAM_KIND_CHANGE_MANAGEMENT:
          g_ptr_array_add (cabs, team);
          set_props (team, "size", 4, NULL);
          break;
        case OPM_TEAM_KIND_SPECIALIST:
          g_ptr_array_add (specialists, team);
          set_props (team, "out-of-hours", OPM_OUT_OF_HOURS_SHARED_ROTA, "rota-size", 4,
                     "on-call-pay", OPM_ON_CALL_PAY_CALLOUT_ONLY,
                     "rights", OPM_RIGHTS_DATA | OPM_RIGHTS_INFRASTRUCTURE | OPM_RIGHTS_TELEMETRY_READ, NULL);
          break;
        default:
          break;
        }

      if (g_rand_int_range (rand, 0, 3) == 0)
        set_props (team, "sourcing", OPM_SOURCING_OUTSOURCED, NULL);
    }

  /* Delivery teams */
  for (guint i = n_ops; i < n_teams; i++)
    {
      guint r = g_rand_int_range (rand, 0, weight_total);
      OpmTeamKind kind = delivery_mix[0].kind;
      g_autofree char *name = NULL;
      OpmTeam *team;

      for (guint k = 0; k < G_N_ELEMENTS (delivery_mix); k++)
        {
          if (r < delivery_mix[k].weight)
            {
              kind = delivery_mix[k].kind;
              break;
            }
          r -= delivery_mix[k].weight;
        }

      if (kind == OPM_TEAM_KIND_PLATFORM)
        name = g_strdup_printf ("Platform Team %u", i - n_ops + 1);
      else
        name = g_strdup_printf ("%s %s %u", pick (rand, domains, G_N_ELEMENTS (domains)),
                                kind == OPM_TEAM_KIND_PRODUCT ? "Product Team" : "Delivery Team",
                                i - n_ops + 1);

      team = make_team (scenario, teams, kind, name, teams->len, team_columns);
      g_ptr_array_add (delivery, team);

      if (kind == OPM_TEAM_KIND_PROJECT_DELIVERY)
        {
          g_autofree char *end = g_strdup_printf ("20%02d-%02d-28", 25 + g_rand_int_range (rand, 0, 4),
                                                  g_rand_int_range (rand, 1, 13));
          set_props (team, "lifecycle", OPM_LIFECYCLE_PROJECT, "end-date", end,
                     "rights", OPM_RIGHTS_CODE, NULL);
          if (g_rand_int_range (rand, 0, 2) == 0)
            set_props (team, "sourcing", OPM_SOURCING_OUTSOURCED, NULL);
        }
      else
        {
          set_props (team, "out-of-hours", OPM_OUT_OF_HOURS_OWN_ROTA, "rota-size", g_rand_int_range (rand, 2, 7),
                     "on-call-pay", OPM_ON_CALL_PAY_STANDBY_CALLOUT,
                     "rights", OPM_RIGHTS_CODE | OPM_RIGHTS_CONFIG | OPM_RIGHTS_DEPLOY | OPM_RIGHTS_ALERTS |
                               OPM_RIGHTS_TELEMETRY_READ, NULL);
        }
    }

  services_top = ceil ((double) MAX (n_teams, 1) / team_columns) * 140.0 + 200.0;

  for (guint i = 0; i < n_services; i++)
    {
      OpmService *service = opm_service_new ();
      g_autofree char *id = g_strdup_printf ("service-%u", i + 1);
      g_autofree char *name = NULL;
      guint r = g_rand_int_range (rand, 0, 20);
      OpmServiceKind klass = r < 12 ? OPM_SERVICE_KIND_DIGITAL : r < 16 ? OPM_SERVICE_KIND_FOUNDATIONAL
                                                                          : OPM_SERVICE_KIND_DATA_STORE;
      double exposure;
      OpmAvailability availability;
      guint telemetry = 0;

      switch (klass)
        {
        case OPM_SERVICE_KIND_DIGITAL:
          name = g_strdup_printf ("%s %s %u", pick (rand, domains, G_N_ELEMENTS (domains)),
                                  pick (rand, digital_nouns, G_N_ELEMENTS (digital_nouns)), i + 1);
          exposure = round (exp (g_rand_double_range (rand, log (2000), log (600000))) / 1000) * 1000;
          break;
        case OPM_SERVICE_KIND_FOUNDATIONAL:
          name = g_strdup_printf ("%s %s %u", pick (rand, domains, G_N_ELEMENTS (domains)),
                                  pick (rand, foundational_nouns, G_N_ELEMENTS (foundational_nouns)), i + 1);
          exposure = round (exp (g_rand_double_range (rand, log (1000), log (200000))) / 1000) * 1000;
          break;
        case OPM_SERVICE_KIND_DATA_STORE:
        default:
          name = g_strdup_printf ("%s %s %u", pick (rand, domains, G_N_ELEMENTS (domains)),
                                  pick (rand, store_nouns, G_N_ELEMENTS (store_nouns)), i + 1);
          exposure = 0;
          break;
        }

      availability = exposure > 250000 ? OPM_AVAILABILITY_99_9 : exposure > 7000 ? OPM_AVAILABILITY_99_0
                                                                                : OPM_AVAILABILITY_95_0;
      if (g_rand_int_range (rand, 0, 2) == 0)
        telemetry |= OPM_TELEMETRY_LOGS;
      if (g_rand_int_range (rand, 0, 3) != 0)
        telemetry |= OPM_TELEMETRY_ALERTING;
      if (g_rand_int_range (rand, 0, 2) == 0)
        telemetry |= OPM_TELEMETRY_HEALTH_CHECK;
      if (g_rand_int_range (rand, 0, 4) == 0)
        telemetry |= OPM_TELEMETRY_DASHBOARDS;

      _opm_element_set_id (OPM_ELEMENT (service), id);
      set_props (service,
                 "name", name,
                 "class", klass,
                 "exposure-per-hour", exposure,
                 "feature-demand", g_rand_int_range (rand, 0, 4),
                 "availability-target", availability,
                 "deployment-target", g_rand_int_range (rand, 0, 3),
                 "telemetry", telemetry,
                 "incident-rate", (double) g_rand_int_range (rand, 1, 13),
                 "release-window", g_rand_int_range (rand, 0, 2) == 0 ? OPM_RELEASE_WINDOW_OVERNIGHT
                                                                      : OPM_RELEASE_WINDOW_WORKING_HOURS,
                 "change-approval", OPM_CHANGE_APPROVAL_NORMAL,
                 "x", (double) (i % service_columns) * 220.0,
                 "y", services_top + (double) (i / service_columns) * 140.0,
                 "width", 180.0,
                 "height", 100.0,
                 NULL);
      g_ptr_array_add (services, service);
    }

  /* Responsibilities: a delivery team plans and builds; operations deploy,
   * run L1 and L2; the delivery team is L3; problem fixes and
   * accountability land where they land in such organisations. */
  for (guint i = 0; i < services->len && teams->len > 0; i++)
    {
      OpmService *service = g_ptr_array_index (services, i);
      OpmTeam *builder = delivery->len > 0 ? g_ptr_array_index (delivery, g_rand_int_range (rand, 0, delivery->len))
                                           : g_ptr_array_index (teams, 0);
      OpmTeam *bridge = bridges->len > 0 ? g_ptr_array_index (bridges, i % bridges->len) : builder;
      OpmTeam *l2 = support->len > 0 ? g_ptr_array_index (support, i % support->len) : builder;
      struct { OpmTeam *team; OpmActivity activity; gboolean always; } duties[] = {
        { builder, OPM_ACTIVITY_BUILD, TRUE },
        { bridge, OPM_ACTIVITY_OPERATE_L1, TRUE },
        { builder, OPM_ACTIVITY_SUPPORT_L3, TRUE },
        { l2, OPM_ACTIVITY_SUPPORT_L2, FALSE },
        { l2, OPM_ACTIVITY_DEPLOY, FALSE },
        { builder, OPM_ACTIVITY_PLAN, FALSE },
        { builder, OPM_ACTIVITY_ACCOUNTABLE, FALSE },
        { cabs->len > 0 ? g_ptr_array_index (cabs, 0) : l2, OPM_ACTIVITY_APPROVE_CHANGE, FALSE },
        { l2, OPM_ACTIVITY_PROBLEM_FIX, FALSE },
      };

      for (guint d = 0; d < G_N_ELEMENTS (duties); d++)
        {
          OpmResponsibility *r;
          g_autofree char *id = NULL;

          if (!duties[d].always && g_rand_int_range (rand, 0, 100) >= 25)
            continue;

          r = opm_responsibility_new (duties[d].team, service, duties[d].activity);
          id = g_strdup_printf ("responsibility-%u", responsibilities->len + 1);
          _opm_element_set_id (OPM_ELEMENT (r), id);
          g_ptr_array_add (responsibilities, r);
        }
    }

  /* Dependencies point to earlier services: no cycles. */
  for (guint i = 1; i < services->len; i++)
    {
      guint n = g_rand_int_range (rand, 0, 100) < 30 ? 0 : g_rand_int_range (rand, 1, 3);
      guint last = G_MAXUINT;

      for (guint d = 0; d < n; d++)
        {
          guint lo = i > 40 ? i - 40 : 0;
          guint j = g_rand_int_range (rand, lo, i);
          OpmDependency *dep;
          g_autofree char *id = NULL;

          if (j == last)
            continue;
          last = j;

          dep = opm_dependency_new (g_ptr_array_index (services, i), g_ptr_array_index (services, j));
          id = g_strdup_printf ("dependency-%u", dependencies->len + 1);
          _opm_element_set_id (OPM_ELEMENT (dep), id);
          if (g_rand_int_range (rand, 0, 4) == 0)
            set_props (dep, "mode", OPM_DEPENDENCY_MODE_ASYNCHRONOUS, NULL);
          else if (g_rand_int_range (rand, 0, 5) == 0)
            set_props (dep, "softening", OPM_SOFTENING_CIRCUIT_BREAKER, NULL);
          g_ptr_array_add (dependencies, dep);
        }
    }

  _opm_scenario_append_many (scenario, OPM_TYPE_TEAM, teams);
  _opm_scenario_append_many (scenario, OPM_TYPE_SERVICE, services);
  _opm_scenario_append_many (scenario, OPM_TYPE_RESPONSIBILITY, responsibilities);
  _opm_scenario_append_many (scenario, OPM_TYPE_DEPENDENCY, dependencies);
  _opm_document_append_scenario (document, scenario);

  return document;
}
