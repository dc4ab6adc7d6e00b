/* opm-checker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model checker of DESIGN §3. One pass indexes the scenario: the duties
 * of each team for each service (a bit set of activities per team and
 * service), the services each team has duties for, the services depending
 * on each service. Every rule then looks at one service, one team or one
 * dependency at a time through that index (check_service(), check_team(),
 * check_dependency()), so the whole check is linear in the size of the
 * scenario and a later incremental check can redo only what an edit touched.
 * Findings are kept per rule and reported by rule, then in element order.
 *
 * The "why it matters" texts are our own summary of the ideas of the "You
 * Build It You Run It" playbook, which is credited in the About dialog.
 */

#define G_LOG_DOMAIN "opm-checker"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "opm-checker.h"
#include "opm-checker-private.h"
#include "opm-contract.h"
#include "opm-dependency.h"
#include "opm-document.h"
#include "opm-responsibility.h"
#include "opm-selector.h"

#define BIT(activity) OPM_DUTY_BIT (activity)

/* Duties that run a service: a team holding one of these for a service it
 * does not build is on the other side of a divide. */
#define RUN_DUTIES \
  (BIT (OPM_ACTIVITY_DEPLOY) | BIT (OPM_ACTIVITY_OPERATE_L1) | \
   BIT (OPM_ACTIVITY_SUPPORT_L2) | BIT (OPM_ACTIVITY_ON_CALL))

/* Duties on the path an incident takes. */
#define SUPPORT_PATH_DUTIES \
  (BIT (OPM_ACTIVITY_OPERATE_L1) | BIT (OPM_ACTIVITY_SUPPORT_L2) | \
   BIT (OPM_ACTIVITY_SUPPORT_L3) | BIT (OPM_ACTIVITY_ON_CALL))

/* Duties that make a team answer for a service out of hours. */
#define ESCALATION_DUTIES (BIT (OPM_ACTIVITY_SUPPORT_L3) | BIT (OPM_ACTIVITY_ON_CALL))

/* Duties that keep a team's rota busy for a service. */
#define ROTA_DUTIES (RUN_DUTIES | BIT (OPM_ACTIVITY_SUPPORT_L3))

/* A translated string, looked up once per call site: messages are made by
 * the thousand. TR (N_("…")) keeps the format checks of the literal. */
static const char *tr_lookup (const char **cache,
                              const char  *msgid) G_GNUC_FORMAT (2);

static const char *
tr_lookup (const char **cache,
           const char  *msgid)
{
  const char *translated = g_atomic_pointer_get (cache);

  if (G_UNLIKELY (translated == NULL))
    {
      translated = _(msgid);
      g_atomic_pointer_set (cache, translated);
    }

  return translated;
}

#define TR(msgid) tr_lookup (({ static const char *tr_cache; &tr_cache; }), (msgid))

/* How many names a message lists before "and N more". */
#define MAX_NAMES 3

/* {{{ Severities and rules */

G_DEFINE_ENUM_TYPE (OpmSeverity, opm_severity,
  G_DEFINE_ENUM_VALUE (OPM_SEVERITY_INFO, "info"),
  G_DEFINE_ENUM_VALUE (OPM_SEVERITY_WARNING, "warning"),
  G_DEFINE_ENUM_VALUE (OPM_SEVERITY_ERROR, "error"))

G_DEFINE_ENUM_TYPE (OpmRule, opm_rule,
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_01, "OPS-01"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_02, "OPS-02"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_03, "OPS-03"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_04, "OPS-04"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_05, "OPS-05"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_06, "OPS-06"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_07, "OPS-07"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_08, "OPS-08"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_09, "OPS-09"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_10, "OPS-10"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_11, "OPS-11"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_12, "OPS-12"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_13, "OPS-13"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_14, "OPS-14"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_15, "OPS-15"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_16, "OPS-16"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_17, "OPS-17"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_18, "OPS-18"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_19, "OPS-19"),
  G_DEFINE_ENUM_VALUE (OPM_RULE_OPS_20, "OPS-20"))

typedef struct
{
  const char  *id;
  OpmSeverity  severity;
  const char  *title;
  const char  *why;
  const char  *suggestion;
} RuleInfo;

static const RuleInfo rules[OPM_N_RULES] = {
  [OPM_RULE_OPS_01] = {
    "OPS-01", OPM_SEVERITY_WARNING,
    N_("Plan/Build/Run divide"),
    N_("When one team builds a service and other teams deploy or run it, the knowledge of how the "
       "service works stays with the builders while the duty of keeping it working sits elsewhere. "
       "Every incident needs a handoff before someone who knows the code looks at it, every release "
       "waits for the running team's capacity, and neither team feels the whole cost of a fault. "
       "A divide is counted for each pair of a team that builds a service and a team that deploys "
       "it, operates it (L1), supports it (L2) or is on call for it without building it."),
    N_("Let the team that builds the service also deploy it, run it and be on call for it; keep "
       "operations teams for coordination and for foundational systems that rarely change."),
  },
  [OPM_RULE_OPS_02] = {
    "OPS-02", OPM_SEVERITY_ERROR,
    N_("Digital service without exactly one owner"),
    N_("A digital service needs one team that answers for it from end to end: it decides the "
       "availability target, funds the on-call cover and ranks the fixes against new features. With "
       "no accountable team these decisions belong to nobody; with several, each team assumes "
       "another has taken them. Foundational systems and data stores are checked by OPS-16."),
    N_("Make exactly one team accountable for the service, preferably the team that builds and runs it."),
  },
  [OPM_RULE_OPS_03] = {
    "OPS-03", OPM_SEVERITY_WARNING,
    N_("L3 support by a project team"),
    N_("Project teams are disbanded when their funding ends, but the services they built keep "
       "running. Once the team has gone, nobody who knows the code is paid to answer an escalation, "
       "and an incident that needs a code change waits until somebody can be found. This is a "
       "warning while the project runs (or has no end date) and an error once its end date has passed."),
    N_("Move L3 support to a long-lived team that keeps the service, or turn the project team into a "
       "long-lived product team."),
  },
  [OPM_RULE_OPS_04] = {
    "OPS-04", OPM_SEVERITY_ERROR,
    N_("Unpaid out-of-hours escalation"),
    N_("A service with a target of 99.0 % or more cannot wait for the next working day, so an incident "
       "at night must reach someone. When that someone is not paid to be on call, the answer rests on "
       "goodwill: calls go unanswered, the people asked resent it, and restoring service takes hours "
       "instead of minutes. Teams that work round-the-clock shifts are not counted here."),
    N_("Pay the team for standby (or standby and callouts) and put it on a rota, or give the "
       "out-of-hours duty to a team that is."),
  },
  [OPM_RULE_OPS_05] = {
    "OPS-05", OPM_SEVERITY_WARNING,
    N_("On-call paid per callout only"),
    N_("Paying people only when they are called out rewards incidents rather than their absence, and "
       "pays nothing for the evenings and weekends spent ready to answer. People leave such rotas, or "
       "have little reason to remove the causes of repeated callouts."),
    N_("Pay a standby allowance for every week on the rota, with or without a callout payment."),
  },
  [OPM_RULE_OPS_06] = {
    "OPS-06", OPM_SEVERITY_WARNING,
    N_("Contract does not cover every incident priority"),
    N_("An outsourced team works to its contract. If the contract pays only for some incident "
       "priorities, incidents of the others wait on a backlog however much they matter to customers, "
       "and the priority given to an incident becomes a commercial decision rather than a judgement "
       "of its impact."),
    N_("Extend the contract to every priority on the support path, or give the duty to a team that "
       "handles all of them."),
  },
  [OPM_RULE_OPS_07] = {
    "OPS-07", OPM_SEVERITY_WARNING,
    N_("Operating model does not fit the targets"),
    N_("When separate teams build and run a service, each release and each incident crosses a "
       "handoff. That can work for systems that change monthly or fortnightly, but it cannot sustain "
       "weekly or faster deployments, nor 99.9 % availability in practice; at 99.99 % (about a minute "
       "of unavailability a week) there is no time for any handoff, so only the team that builds the "
       "service can run it. The needed targets are the higher of the service's own targets and those "
       "the playbook selector recommends for its exposure and feature demand."),
    N_("Move the service to You Build It You Run It: the team that builds it deploys it, runs it and "
       "is on call for it."),
  },
  [OPM_RULE_OPS_08] = {
    "OPS-08", OPM_SEVERITY_WARNING,
    N_("Availability target does not match the exposure"),
    N_("An availability target is a financial decision: the money a service loses in an hour of "
       "unavailability decides how much unavailability can be tolerated. A target below the exposure "
       "band leaves that loss unprotected (a warning); a target above it pays for rotas, redundancy and "
       "engineering time the exposure does not justify (for information). The bands are document "
       "parameters; 99.99 % is recommended only for exposure marked extreme."),
    N_("Set the availability target the exposure band recommends, or review the exposure."),
  },
  [OPM_RULE_OPS_09] = {
    "OPS-09", OPM_SEVERITY_WARNING,
    N_("Out-of-hours cover below the target"),
    N_("Each availability target implies how fast someone must answer outside working hours: at "
       "95 % an incident can wait for the next working day, at 99 % someone on a shared domain rota "
       "must answer, and at 99.9 % or more the team that knows the service must be reachable on its "
       "own rota. The first responders are the teams on call for the service, or if there are none "
       "its L3 support, or if there is none its L1 operation."),
    N_("Give the first responders the out-of-hours cover the target needs."),
  },
  [OPM_RULE_OPS_10] = {
    "OPS-10", OPM_SEVERITY_WARNING,
    N_("On-call rota too small"),
    N_("On a small rota each person is on call too often to stay rested, holidays and illness leave "
       "gaps, and the rota falls apart when one person leaves. A sustainable rota has at least the "
       "minimum number of people of the document parameters (3 by default), taking turns a week at a time."),
    N_("Add people to the rota, or share a rota with a neighbouring team."),
  },
  [OPM_RULE_OPS_11] = {
    "OPS-11", OPM_SEVERITY_WARNING,
    N_("Too many handoffs to restore service"),
    N_("Each handoff between teams adds a queue and loses context: the next team has to rediscover "
       "what the previous one already knew. The restore path runs from the L1 team to the L2 team to "
       "the L3 team, and the handoffs are counted until a team that builds the service, or may change "
       "its code, has it. The limit is a document parameter (2 by default)."),
    N_("Send incidents of the service straight to the team that builds it."),
  },
  [OPM_RULE_OPS_12] = {
    "OPS-12", OPM_SEVERITY_WARNING,
    N_("Missing rights on the restore path"),
    N_("A team asked to restore a service but not allowed to see its telemetry, change its "
       "configuration or code, or deploy it, can only pass the incident on, and each missing right "
       "adds a handoff and a wait. L1 operation needs telemetry read; L2 support config and telemetry "
       "read; L3 support code and telemetry read; on-call telemetry read; deploying the deploy right."),
    N_("Grant the team the rights its duties need, or give the duties to a team that has them."),
  },
  [OPM_RULE_OPS_13] = {
    "OPS-13", OPM_SEVERITY_WARNING,
    N_("Failures found late"),
    N_("Without a health check and alerting, customers find failures first: detection takes tens of "
       "minutes or hours instead of a couple of minutes, and the first report reaches the service desk "
       "instead of the team able to fix it. Alerts that only another team can change go stale, because "
       "the people they wake cannot tune them. It is an error for a service with a financial exposure "
       "to have neither a health check nor alerting."),
    N_("Add a health check and alerting, route the alerts to the team that runs the service, and let "
       "that team change them."),
  },
  [OPM_RULE_OPS_14] = {
    "OPS-14", OPM_SEVERITY_WARNING,
    N_("Releases gated by operations"),
    N_("When only operations may release, only overnight, or only after a change board has approved a "
       "normal change, every release waits for someone else's schedule. Releases become rare and "
       "large, so each is riskier, and an urgent fix waits for the next window. A weekly or faster "
       "deployment target cannot be met through a change board that meets weekly."),
    N_("Let the team that builds the service release it through its own pipeline at any time, as "
       "automated or standard (pre-approved) changes."),
  },
  [OPM_RULE_OPS_15] = {
    "OPS-15", OPM_SEVERITY_WARNING,
    N_("Problem fixes without an owner"),
    N_("An incident is usually closed by a workaround; its cause goes away only when someone owns the "
       "fix. If nobody holds problem-fix for a service that has incidents, or a team that neither owns "
       "nor builds it does, fix actions pile up on a backlog nobody ranks, and the same incidents come back."),
    N_("Give problem-fix to the team that owns and builds the service, so that it ranks fixes next to "
       "its features."),
  },
  [OPM_RULE_OPS_16] = {
    "OPS-16", OPM_SEVERITY_WARNING,
    N_("Foundational system or data store without exactly one owner"),
    N_("Foundational systems and data stores are used by many teams and often run by operations, so "
       "it is easy for none of those teams, or several, to consider themselves the owner. Upgrades, "
       "capacity and availability decisions then stall. Digital services are checked by OPS-02."),
    N_("Make exactly one team accountable for the system."),
  },
  [OPM_RULE_OPS_17] = {
    "OPS-17", OPM_SEVERITY_WARNING,
    N_("Data store shared by several services"),
    N_("A data store used by several services ties them together: a schema change needs all of them "
       "to agree, the load of one slows the others, and one failure takes them all down. Nobody can "
       "change it alone, so operational changes need a committee."),
    N_("Give each service its own data store, or put the shared data behind the interface of one "
       "owning service."),
  },
  [OPM_RULE_OPS_18] = {
    "OPS-18", OPM_SEVERITY_WARNING,
    N_("Fragile dependency on a less available service"),
    N_("A service that calls another synchronously, with no circuit breaker, cache or queue in "
       "between, fails whenever the other fails. Its availability can then be no better than the "
       "product of the two targets, which is below its own target; the message gives that bound."),
    N_("Soften the dependency with a circuit breaker, a cache or a queue, make it asynchronous, or "
       "raise the target of the service depended on."),
  },
  [OPM_RULE_OPS_19] = {
    "OPS-19", OPM_SEVERITY_WARNING,
    N_("Operations bottleneck"),
    N_("An operations team that deploys and runs many services for many delivery teams becomes the "
       "queue every release and every incident waits in. It cannot know each service well, so it "
       "escalates more, and the delivery teams lose sight of how their services behave in production. "
       "The limits are document parameters (10 services and 6 delivery teams by default)."),
    N_("Move deploying and running the services to the teams that build them; keep the operations "
       "team for coordination."),
  },
  [OPM_RULE_OPS_20] = {
    "OPS-20", OPM_SEVERITY_WARNING,
    N_("Major-incident path and rotas out of balance"),
    N_("Teams that build and run their own services still need someone to coordinate an incident that "
       "spans several of them and to keep customers and the business informed; without an "
       "incident-management team each major incident improvises its own process (a warning). "
       "Conversely, a team on its own rota whose services all have targets below 99.9 % pays for "
       "cover a shared domain rota would give (for information)."),
    N_("Add an incident-management team for major incidents; move teams whose services need less than "
       "99.9 % to a shared domain rota."),
  },
};

const char *
opm_rule_get_id (OpmRule rule)
{
  g_return_val_if_fail (rule < OPM_N_RULES, NULL);
  return rules[rule].id;
}

/**
 * opm_rule_from_id:
 * @id: a rule id such as "OPS-01" (case does not matter)
 * @rule: (out) (optional): the rule
 *
 * Returns: whether @id names a rule
 */
gboolean
opm_rule_from_id (const char *id,
                  OpmRule    *rule)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < OPM_N_RULES; i++)
    if (g_ascii_strcasecmp (rules[i].id, id) == 0)
      {
        if (rule != NULL)
          *rule = i;
        return TRUE;
      }

  return FALSE;
}

const char *
opm_rule_get_title (OpmRule rule)
{
  g_return_val_if_fail (rule < OPM_N_RULES, NULL);
  return _(rules[rule].title);
}

const char *
opm_rule_get_why (OpmRule rule)
{
  g_return_val_if_fail (rule < OPM_N_RULES, NULL);
  return _(rules[rule].why);
}

const char *
opm_rule_get_suggestion (OpmRule rule)
{
  g_return_val_if_fail (rule < OPM_N_RULES, NULL);
  return _(rules[rule].suggestion);
}

/* The usual severity; some findings are more or less severe (OPS-03, OPS-07,
 * OPS-08, OPS-13, OPS-20). */
OpmSeverity
opm_rule_get_severity (OpmRule rule)
{
  g_return_val_if_fail (rule < OPM_N_RULES, OPM_SEVERITY_INFO);
  return rules[rule].severity;
}

/* "error", "warning" or "info": for machine-readable output. */
const char *
opm_severity_get_nick (OpmSeverity severity)
{
  switch (severity)
    {
    case OPM_SEVERITY_INFO:
      return "info";
    case OPM_SEVERITY_WARNING:
      return "warning";
    case OPM_SEVERITY_ERROR:
      return "error";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
opm_severity_get_label (OpmSeverity severity)
{
  switch (severity)
    {
    case OPM_SEVERITY_INFO:
      return C_("severity", "Info");
    case OPM_SEVERITY_WARNING:
      return C_("severity", "Warning");
    case OPM_SEVERITY_ERROR:
      return C_("severity", "Error");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* }}} */
/* {{{ Divides and restore paths */

/* The label of a divide: the builder's phases, then the runner's duties. */
#define LABEL_DEPLOY  (1u << 0)
#define LABEL_OPERATE (1u << 1)
#define LABEL_SUPPORT (1u << 2)
#define LABEL_ON_CALL (1u << 3)

static const char *divide_labels[2][16];

static guint
runner_label_bits (guint activities)
{
  guint bits = 0;

  if (activities & BIT (OPM_ACTIVITY_DEPLOY))
    bits |= LABEL_DEPLOY;
  if (activities & BIT (OPM_ACTIVITY_OPERATE_L1))
    bits |= LABEL_OPERATE;
  if (activities & (BIT (OPM_ACTIVITY_SUPPORT_L2) | BIT (OPM_ACTIVITY_SUPPORT_L3)))
    bits |= LABEL_SUPPORT;
  if (activities & BIT (OPM_ACTIVITY_ON_CALL))
    bits |= LABEL_ON_CALL;

  return bits;
}

static const char *
divide_label (guint builder_activities,
              guint runner_activities)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (guint plan = 0; plan < 2; plan++)
        for (guint bits = 0; bits < 16; bits++)
          {
            g_autoptr(GString) text = g_string_new (plan ? _("Plan, Build") : _("Build"));
            const char *words[] = { _("Deploy"), _("Operate"), _("Support"), _("On call") };
            gboolean first = TRUE;

            g_string_append (text, " | ");
            for (guint w = 0; w < 4; w++)
              if (bits & (1u << w))
                {
                  if (!first)
                    g_string_append (text, ", ");
                  g_string_append (text, words[w]);
                  first = FALSE;
                }
            divide_labels[plan][bits] = g_intern_string (text->str);
          }
      g_once_init_leave (&initialised, 1);
    }

  return divide_labels[(builder_activities & BIT (OPM_ACTIVITY_PLAN)) ? 1 : 0][runner_label_bits (runner_activities)];
}

/* One team's duties for one service. */
typedef OpmDuty Duty;

static OpmRestorePath *
restore_path_new_empty (void)
{
  OpmRestorePath *path = g_new0 (OpmRestorePath, 1);

  path->teams = g_ptr_array_new_with_free_func (g_object_unref);
  path->duties = g_array_new (FALSE, FALSE, sizeof (OpmActivity));
  path->fixer = -1;

  return path;
}

#define MAX_PATH OPM_PATH_MAX

typedef OpmPathSteps Path;

static gboolean
path_holds (const Path *path,
            OpmTeam    *team)
{
  for (guint i = 0; i < path->len; i++)
    if (path->teams[i] == team)
      return TRUE;
  return FALSE;
}

static void
path_append (Path        *path,
             OpmTeam     *team,
             OpmActivity  duty)
{
  g_assert (path->len < MAX_PATH);
  path->teams[path->len] = team;
  path->duties[path->len] = duty;
  path->len++;
}

/* The restore path over the duties of one service (also the simulator's). */
void
_opm_restore_path_compute (const OpmDuty *duties,
                           guint          n_duties,
                           OpmPathSteps  *path)
{
  static const OpmActivity levels[] = {
    OPM_ACTIVITY_OPERATE_L1, OPM_ACTIVITY_SUPPORT_L2, OPM_ACTIVITY_SUPPORT_L3,
  };

  path->len = 0;
  path->fixer = -1;
  path->handoffs = 0;

  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    for (guint d = 0; d < n_duties; d++)
      if (duties[d].activities & BIT (levels[l]))
        {
          if (!path_holds (path, duties[d].team))
            path_append (path, duties[d].team, levels[l]);
          break;
        }

  if (path->len == 0)
    return;

  for (guint i = 0; i < path->len && path->fixer < 0; i++)
    {
      if (opm_team_get_rights (path->teams[i]) & OPM_RIGHTS_CODE)
        path->fixer = i;
      for (guint d = 0; d < n_duties && path->fixer < 0; d++)
        if (duties[d].team == path->teams[i] && (duties[d].activities & BIT (OPM_ACTIVITY_BUILD)))
          path->fixer = i;
    }

  /* Nobody on the path can fix: the incident goes on to a builder. */
  if (path->fixer < 0)
    for (guint d = 0; d < n_duties; d++)
      if ((duties[d].activities & BIT (OPM_ACTIVITY_BUILD)) && !path_holds (path, duties[d].team))
        {
          path_append (path, duties[d].team, OPM_ACTIVITY_BUILD);
          path->fixer = path->len - 1;
          break;
        }

  path->handoffs = path->fixer >= 0 ? (guint) path->fixer : path->len - 1;
}

static OpmRestorePath *
restore_path_for_duties (const Duty *duties,
                         guint       n_duties)
{
  OpmRestorePath *path = restore_path_new_empty ();
  Path computed;

  _opm_restore_path_compute (duties, n_duties, &computed);
  for (guint i = 0; i < computed.len; i++)
    {
      g_ptr_array_add (path->teams, g_object_ref (computed.teams[i]));
      g_array_append_val (path->duties, computed.duties[i]);
    }
  path->fixer = computed.fixer;
  path->handoffs = computed.handoffs;

  return path;
}

/**
 * opm_restore_path_new:
 * @service: a service in a scenario
 *
 * Follows the restore path of @service through its scenario's
 * responsibilities (for the handoff view; the checker uses its own index).
 *
 * Returns: (transfer full): the path, with no teams when nobody holds L1,
 *   L2 or L3 for the service
 */
OpmRestorePath *
opm_restore_path_new (OpmService *service)
{
  OpmScenario *scenario;
  GListModel *responsibilities;
  g_autoptr(GArray) duties = g_array_new (FALSE, TRUE, sizeof (Duty));
  guint n;

  g_return_val_if_fail (OPM_IS_SERVICE (service), NULL);

  scenario = opm_element_get_scenario (OPM_ELEMENT (service));
  if (scenario == NULL)
    return restore_path_new_empty ();

  responsibilities = opm_scenario_get_responsibilities (scenario);
  n = g_list_model_get_n_items (responsibilities);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OpmResponsibility) r = g_list_model_get_item (responsibilities, i);
      OpmTeam *team = opm_responsibility_get_team (r);
      guint d;

      if (opm_responsibility_get_service (r) != service || team == NULL)
        continue;

      for (d = 0; d < duties->len; d++)
        if (g_array_index (duties, Duty, d).team == team)
          break;
      if (d == duties->len)
        {
          Duty duty = { team, d, 0 };
          g_array_append_val (duties, duty);
        }
      g_array_index (duties, Duty, d).activities |= BIT (opm_responsibility_get_activity (r));
    }

  return restore_path_for_duties ((const Duty *) (gpointer) duties->data, duties->len);
}

OpmRestorePath *
opm_restore_path_copy (const OpmRestorePath *path)
{
  OpmRestorePath *copy;

  g_return_val_if_fail (path != NULL, NULL);

  copy = restore_path_new_empty ();
  for (guint i = 0; i < path->teams->len; i++)
    g_ptr_array_add (copy->teams, g_object_ref (g_ptr_array_index (path->teams, i)));
  g_array_append_vals (copy->duties, path->duties->data, path->duties->len);
  copy->handoffs = path->handoffs;
  copy->fixer = path->fixer;

  return copy;
}

void
opm_restore_path_free (OpmRestorePath *path)
{
  if (path == NULL)
    return;

  g_clear_pointer (&path->teams, g_ptr_array_unref);
  g_clear_pointer (&path->duties, g_array_unref);
  g_free (path);
}

G_DEFINE_BOXED_TYPE (OpmRestorePath, opm_restore_path, opm_restore_path_copy, opm_restore_path_free)

/* }}} */
/* {{{ Names */

static const char *
team_name (OpmTeam *team)
{
  const char *name = opm_team_get_name (team);

  return name != NULL && name[0] != '\0' ? name : opm_element_get_id (OPM_ELEMENT (team));
}

static const char *
service_name (OpmService *service)
{
  const char *name = opm_service_get_name (service);

  return name != NULL && name[0] != '\0' ? name : opm_element_get_id (OPM_ELEMENT (service));
}

static const char *
element_name (gpointer element)
{
  if (OPM_IS_TEAM (element))
    return team_name (element);
  if (OPM_IS_SERVICE (element))
    return service_name (element);
  return opm_element_get_label (element);
}

/* A dependency is named after the services it joins: "Shop → Catalogue". */
static void
append_element_name (GString    *text,
                     OpmElement *element)
{
  if (OPM_IS_DEPENDENCY (element) &&
      opm_dependency_get_from (OPM_DEPENDENCY (element)) != NULL &&
      opm_dependency_get_to (OPM_DEPENDENCY (element)) != NULL)
    g_string_append_printf (text, "%s → %s",
                            service_name (opm_dependency_get_from (OPM_DEPENDENCY (element))),
                            service_name (opm_dependency_get_to (OPM_DEPENDENCY (element))));
  else
    g_string_append (text, element_name (element));
}

/* }}} */
/* {{{ OpmFinding */

struct _OpmFinding
{
  GObject      parent_instance;

  OpmRule      rule;
  OpmSeverity  severity;
  char        *message;
  char        *suggestion; /* NULL: the rule's */
  OpmElement **elements;   /* owned references, the main element first */
  guint        n_elements;
  guint        elements_size;
  OpmDivide   *divides;    /* OPS-01 */
  guint        n_divides;
  char        *reason;     /* why it is acknowledged; NULL while open */
};

G_DEFINE_FINAL_TYPE (OpmFinding, opm_finding, G_TYPE_OBJECT)

static void
opm_finding_dispose (GObject *object)
{
  OpmFinding *self = OPM_FINDING (object);

  for (guint i = 0; i < self->n_elements; i++)
    g_object_unref (self->elements[i]);
  self->n_elements = 0;
  self->n_divides = 0;

  G_OBJECT_CLASS (opm_finding_parent_class)->dispose (object);
}

static void
opm_finding_finalize (GObject *object)
{
  OpmFinding *self = OPM_FINDING (object);

  g_free (self->message);
  g_free (self->suggestion);
  g_free (self->elements);
  g_free (self->divides);
  g_free (self->reason);

  G_OBJECT_CLASS (opm_finding_parent_class)->finalize (object);
}

static void
opm_finding_class_init (OpmFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = opm_finding_dispose;
  object_class->finalize = opm_finding_finalize;
}

static void
opm_finding_init (OpmFinding *self)
{
}

OpmRule
opm_finding_get_rule (OpmFinding *self)
{
  g_return_val_if_fail (OPM_IS_FINDING (self), OPM_RULE_OPS_01);
  return self->rule;
}

/* "OPS-01" … "OPS-20" */
const char *
opm_finding_get_rule_id (OpmFinding *self)
{
  g_return_val_if_fail (OPM_IS_FINDING (self), NULL);
  return rules[self->rule].id;
}

const char *
opm_finding_get_title (OpmFinding *self)
{
  g_return_val_if_fail (OPM_IS_FINDING (self), NULL);
  return _(rules[self->rule].title);
}

OpmSeverity
opm_finding_get_severity (OpmFinding *self)
{
  g_return_val_if_fail (OPM_IS_FINDING (self), OPM_SEVERITY_INFO);
  return self->severity;
}

/* One line naming the elements. */
const char *
opm_finding_get_message (OpmFinding *self)
{
  g_return_val_if_fail (OPM_IS_FINDING (self), NULL);
  return self->message;
}

/* Why it matters: a paragraph. */
const char *
opm_finding_get_why (OpmFinding *self)
{
  g_return_val_if_fail (OPM_IS_FINDING (self), NULL);
  return _(rules[self->rule].why);
}

const char *
opm_finding_get_suggestion (OpmFinding *self)
{
  g_return_val_if_fail (OPM_IS_FINDING (self), NULL);
  return self->suggestion != NULL ? self->suggestion : _(rules[self->rule].suggestion);
}

/* How many elements the finding highlights. */
guint
opm_finding_get_n_elements (OpmFinding *self)
{
  g_return_val_if_fail (OPM_IS_FINDING (self), 0);
  return self->n_elements;
}

/**
 * opm_finding_get_nth_element:
 *
 * Returns: (transfer none) (nullable): an element to highlight, the main one
 *   at position 0, or %NULL past the end
 */
OpmElement *
opm_finding_get_nth_element (OpmFinding *self,
                             guint       position)
{
  g_return_val_if_fail (OPM_IS_FINDING (self), NULL);
  return position < self->n_elements ? self->elements[position] : NULL;
}

/**
 * opm_finding_get_element:
 *
 * Returns: (transfer none): the element the finding is about: the one to
 *   select, badge and scroll to, and the one an acknowledgement names
 */
OpmElement *
opm_finding_get_element (OpmFinding *self)
{
  g_return_val_if_fail (OPM_IS_FINDING (self), NULL);
  return self->n_elements > 0 ? self->elements[0] : NULL;
}

gboolean
opm_finding_involves (OpmFinding *self,
                      OpmElement *element)
{
  g_return_val_if_fail (OPM_IS_FINDING (self), FALSE);

  for (guint i = 0; i < self->n_elements; i++)
    if (self->elements[i] == element)
      return TRUE;

  return FALSE;
}

/**
 * opm_finding_dup_element_names:
 * @max_names: how many names to list before "and N more", or 0 for all
 *
 * Returns: (transfer full): the labels of the elements, e.g. "Customer
 *   portal, Digital Channels Delivery"
 */
char *
opm_finding_dup_element_names (OpmFinding *self,
                               guint       max_names)
{
  GString *text;
  guint n;

  g_return_val_if_fail (OPM_IS_FINDING (self), NULL);

  text = g_string_new (NULL);
  n = self->n_elements;
  for (guint i = 0; i < n; i++)
    {
      if (max_names > 0 && i == max_names)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text, ngettext ("and %u more", "and %u more", n - i), n - i);
          break;
        }
      if (i > 0)
        g_string_append (text, ", ");
      append_element_name (text, self->elements[i]);
    }

  return g_string_free (text, FALSE);
}

/* Whether the scenario holds an acknowledgement of the finding's rule for
 * the element it is about. */
gboolean
opm_finding_is_acknowledged (OpmFinding *self)
{
  g_return_val_if_fail (OPM_IS_FINDING (self), FALSE);
  return self->reason != NULL;
}

/**
 * opm_finding_get_acknowledgement_reason:
 *
 * Returns: (nullable): why the finding is accepted, or %NULL while it is open
 */
const char *
opm_finding_get_acknowledgement_reason (OpmFinding *self)
{
  g_return_val_if_fail (OPM_IS_FINDING (self), NULL);
  return self->reason;
}

/**
 * opm_finding_get_divides:
 * @n_divides: (out): how many divides there are
 *
 * Returns: (array length=n_divides) (nullable): the divides of an OPS-01
 *   finding, one per pair of builder and runner teams
 */
const OpmDivide *
opm_finding_get_divides (OpmFinding *self,
                         guint      *n_divides)
{
  g_return_val_if_fail (OPM_IS_FINDING (self), NULL);
  g_return_val_if_fail (n_divides != NULL, NULL);

  *n_divides = self->n_divides;
  return self->divides;
}

/* }}} */
/* {{{ The index */

typedef struct
{
  OpmService   *service;
  OpmSelection  selection;
  guint         first_duty;
  guint         n_duties;
  guint         first_dependant;
  guint         n_dependants;
  guint         n_accountable;
  gboolean      divide;
  gboolean      ybiyri;
} ServiceInfo;

/* One team's duties for one service, seen from the team. */
typedef struct
{
  guint service_index;
  guint activities;
} Link;

typedef struct
{
  OpmTeam *team;
  guint    first_link;
  guint    n_links;
} TeamInfo;

typedef struct
{
  OpmScenario   *scenario;
  OpmParameters *parameters;
  char           today[16];
  const char    *currency;

  guint          n_teams;
  TeamInfo      *teams;
  guint          n_services;
  ServiceInfo   *services;
  Duty          *duties;      /* grouped by service */
  Link          *links;       /* grouped by team */
  guint         *dependants;  /* service indices, grouped by the service depended on */
  GHashTable    *team_index;
  GHashTable    *service_index;
  guint         *marks;       /* scratch, one per team */
  guint          mark;
  gpointer      *builders;    /* scratch, one per team */
  gpointer      *teams_found; /* scratch, one per team */

  gboolean       has_incident_management;

  GPtrArray     *found[OPM_N_RULES];
} Check;

static double
param (Check    *check,
       OpmParam  which)
{
  return check->parameters != NULL ? opm_parameters_get (check->parameters, which)
                                   : opm_parameters_get_default (which);
}

static guint
next_mark (Check *check)
{
  if (++check->mark == 0)
    {
      memset (check->marks, 0, sizeof (guint) * check->n_teams);
      check->mark = 1;
    }
  return check->mark;
}

static gpointer
list_item (GListModel *model,
           guint       position)
{
  gpointer item = g_list_model_get_item (model, position);

  /* The scenario holds a reference: borrow it. */
  g_object_unref (item);
  return item;
}

static void
check_index (Check *check)
{
  GListModel *teams = opm_scenario_get_teams (check->scenario);
  GListModel *services = opm_scenario_get_services (check->scenario);
  GListModel *responsibilities = opm_scenario_get_responsibilities (check->scenario);
  GListModel *dependencies = opm_scenario_get_dependencies (check->scenario);
  guint n_resp = g_list_model_get_n_items (responsibilities);
  guint n_deps = g_list_model_get_n_items (dependencies);
  g_autofree guint *resp_service = g_new (guint, n_resp);
  g_autofree guint *resp_team = g_new (guint, n_resp);
  g_autofree guint *resp_order = NULL;
  g_autofree guint *dep_from = g_new (guint, n_deps);
  g_autofree guint *dep_to = g_new (guint, n_deps);
  g_autofree guint *team_slot = NULL;
  guint n_duties = 0;

  check->n_teams = g_list_model_get_n_items (teams);
  check->n_services = g_list_model_get_n_items (services);
  check->teams = g_new0 (TeamInfo, check->n_teams);
  check->services = g_new0 (ServiceInfo, check->n_services);
  check->team_index = g_hash_table_new (NULL, NULL);
  check->service_index = g_hash_table_new (NULL, NULL);
  check->marks = g_new0 (guint, MAX (check->n_teams, 1));
  check->builders = g_new (gpointer, MAX (check->n_teams, 1));
  check->teams_found = g_new (gpointer, MAX (check->n_teams, 1));
  team_slot = g_new (guint, MAX (check->n_teams, 1));

  for (guint t = 0; t < check->n_teams; t++)
    {
      OpmTeam *team = list_item (teams, t);

      check->teams[t].team = team;
      g_hash_table_insert (check->team_index, team, GUINT_TO_POINTER (t + 1));
      if (opm_team_get_kind (team) == OPM_TEAM_KIND_INCIDENT_MANAGEMENT)
        check->has_incident_management = TRUE;
    }

  for (guint s = 0; s < check->n_services; s++)
    {
      OpmService *service = list_item (services, s);

      check->services[s].service = service;
      opm_selector_select_service (service, check->parameters, &check->services[s].selection);
      g_hash_table_insert (check->service_index, service, GUINT_TO_POINTER (s + 1));
    }

  /* Responsibilities, grouped by service in a counting sort. */
  for (guint i = 0; i < n_resp; i++)
    {
      OpmResponsibility *r = list_item (responsibilities, i);
      guint s = GPOINTER_TO_UINT (g_hash_table_lookup (check->service_index, opm_responsibility_get_service (r)));
      guint t = GPOINTER_TO_UINT (g_hash_table_lookup (check->team_index, opm_responsibility_get_team (r)));

      resp_service[i] = s;
      resp_team[i] = t > 0 ? ((t - 1) << 4) | opm_responsibility_get_activity (r) : 0;
      if (s > 0 && t > 0)
        check->services[s - 1].n_duties++; /* an upper bound for now */
      else
        resp_service[i] = 0;
    }

  for (guint s = 0, offset = 0; s < check->n_services; s++)
    {
      check->services[s].first_duty = offset;
      offset += check->services[s].n_duties;
      check->services[s].n_duties = 0;
    }

  resp_order = g_new (guint, n_resp);
  {
    g_autofree guint *fill = g_new0 (guint, MAX (check->n_services, 1));

    for (guint i = 0; i < n_resp; i++)
      if (resp_service[i] > 0)
        {
          guint s = resp_service[i] - 1;

          resp_order[check->services[s].first_duty + fill[s]++] = i;
        }

    /* Merge the responsibilities of a service into one duty per team, in
     * the order the teams first appear. */
    check->duties = g_new (Duty, MAX (n_resp, 1));
    for (guint s = 0; s < check->n_services; s++)
      {
        ServiceInfo *info = &check->services[s];
        guint first = info->first_duty;
        guint mark = next_mark (check);

        info->first_duty = n_duties;
        for (guint k = 0; k < fill[s]; k++)
          {
            guint i = resp_order[first + k];
            guint t = resp_team[i] >> 4;
            OpmActivity activity = resp_team[i] & 0xf;

            if (check->marks[t] != mark)
              {
                check->marks[t] = mark;
                team_slot[t] = n_duties;
                check->duties[n_duties].team = check->teams[t].team;
                check->duties[n_duties].team_index = t;
                check->duties[n_duties].activities = 0;
                check->teams[t].n_links++;
                n_duties++;
              }
            check->duties[team_slot[t]].activities |= BIT (activity);
          }
        info->n_duties = n_duties - info->first_duty;
      }
  }

  /* Links: the duties seen from each team, in service order. */
  check->links = g_new (Link, MAX (n_duties, 1));
  for (guint t = 0, offset = 0; t < check->n_teams; t++)
    {
      check->teams[t].first_link = offset;
      offset += check->teams[t].n_links;
      check->teams[t].n_links = 0;
    }
  for (guint s = 0; s < check->n_services; s++)
    {
      ServiceInfo *info = &check->services[s];

      for (guint d = info->first_duty; d < info->first_duty + info->n_duties; d++)
        {
          TeamInfo *team = &check->teams[check->duties[d].team_index];
          Link *link = &check->links[team->first_link + team->n_links++];

          link->service_index = s;
          link->activities = check->duties[d].activities;
        }
    }

  /* Dependants of each service, each service once. */
  for (guint i = 0; i < n_deps; i++)
    {
      OpmDependency *dependency = list_item (dependencies, i);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (check->service_index, opm_dependency_get_from (dependency)));
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (check->service_index, opm_dependency_get_to (dependency)));

      dep_from[i] = from;
      dep_to[i] = to;
      if (from > 0 && to > 0 && from != to)
        check->services[to - 1].n_dependants++;
      else
        dep_to[i] = 0;
    }
  for (guint s = 0, offset = 0; s < check->n_services; s++)
    {
      check->services[s].first_dependant = offset;
      offset += check->services[s].n_dependants;
      check->services[s].n_dependants = 0;
    }
  check->dependants = g_new (guint, MAX (n_deps, 1));
  for (guint i = 0; i < n_deps; i++)
    if (dep_to[i] > 0)
      {
        ServiceInfo *info = &check->services[dep_to[i] - 1];
        guint from = dep_from[i] - 1;
        gboolean seen = FALSE;

        /* Duplicate dependencies are rare and come in small numbers. */
        for (guint k = 0; k < info->n_dependants && !seen; k++)
          seen = check->dependants[info->first_dependant + k] == from;
        if (!seen)
          check->dependants[info->first_dependant + info->n_dependants++] = from;
      }

  /* What every rule needs to know about a service. */
  for (guint s = 0; s < check->n_services; s++)
    {
      ServiceInfo *info = &check->services[s];
      const Duty *duties = &check->duties[info->first_duty];
      guint builders = 0, runners = 0, outsiders = 0;

      for (guint d = 0; d < info->n_duties; d++)
        {
          guint a = duties[d].activities;

          if (a & BIT (OPM_ACTIVITY_ACCOUNTABLE))
            info->n_accountable++;
          if (a & BIT (OPM_ACTIVITY_BUILD))
            builders++;
          if (a & RUN_DUTIES)
            {
              runners++;
              if (!(a & BIT (OPM_ACTIVITY_BUILD)))
                outsiders++;
            }
        }

      info->divide = builders > 0 && outsiders > 0;
      info->ybiyri = builders > 0 && runners > 0 && outsiders == 0;
    }
}

static void
check_clear (Check *check)
{
  g_free (check->teams);
  g_free (check->services);
  g_free (check->duties);
  g_free (check->links);
  g_free (check->dependants);
  g_free (check->marks);
  g_free (check->builders);
  g_free (check->teams_found);
  g_clear_pointer (&check->team_index, g_hash_table_unref);
  g_clear_pointer (&check->service_index, g_hash_table_unref);
  for (guint r = 0; r < OPM_N_RULES; r++)
    g_clear_pointer (&check->found[r], g_ptr_array_unref);
}

/* }}} */
/* {{{ Building findings */

static const char *
percent (OpmAvailability availability)
{
  static const char *nicks[] = { "95.0", "99.0", "99.5", "99.9", "99.99" };

  g_return_val_if_fail (availability < G_N_ELEMENTS (nicks), "?");
  return nicks[availability];
}

/* "$300K", "€1.5M", "CHF 800" */
static char *
format_money (const char *currency,
              double      amount)
{
  const char *symbol = NULL;
  g_autofree char *number = NULL;

  if (g_strcmp0 (currency, "USD") == 0)
    symbol = "$";
  else if (g_strcmp0 (currency, "EUR") == 0)
    symbol = "€";
  else if (g_strcmp0 (currency, "GBP") == 0)
    symbol = "£";

  if (amount >= 1e6)
    number = g_strdup_printf ("%gM", round (amount / 1e5) / 10);
  else if (amount >= 1e4)
    number = g_strdup_printf ("%gK", round (amount / 1e3));
  else if (amount >= 1e3)
    number = g_strdup_printf ("%gK", round (amount / 1e2) / 10);
  else
    number = g_strdup_printf ("%g", round (amount));

  if (symbol != NULL)
    return g_strconcat (symbol, number, NULL);
  return g_strdup_printf ("%s %s", currency != NULL ? currency : "", number);
}

static OpmFinding *
finding_new (Check       *check,
             OpmRule      rule,
             OpmSeverity  severity,
             gpointer     element,
             char        *message)
{
  OpmFinding *finding = g_object_new (OPM_TYPE_FINDING, NULL);

  finding->rule = rule;
  finding->severity = severity;
  finding->message = message;
  finding->elements_size = 4;
  finding->elements = g_new (OpmElement *, finding->elements_size);
  finding->elements[0] = g_object_ref (element);
  finding->n_elements = 1;

  if (check->found[rule] == NULL)
    check->found[rule] = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (check->found[rule], finding);

  return finding;
}

/* Adds an element the finding does not hold yet. */
static void
finding_add (OpmFinding *finding,
             gpointer    element)
{
  g_assert (element != NULL);

  if (finding->n_elements == finding->elements_size)
    {
      finding->elements_size *= 2;
      finding->elements = g_renew (OpmElement *, finding->elements, finding->elements_size);
    }
  finding->elements[finding->n_elements++] = g_object_ref (element);
}

static void
finding_add_unique (OpmFinding *finding,
                    gpointer    element)
{
  if (!opm_finding_involves (finding, element))
    finding_add (finding, element);
}

static void
finding_add_all (OpmFinding *finding,
                 GPtrArray  *elements)
{
  for (guint i = 0; i < elements->len; i++)
    finding_add (finding, g_ptr_array_index (elements, i));
}

/* Appends the names of @n elements: "A, B, C and 4 more". */
static void
append_names (GString  *text,
              gpointer *elements,
              guint     n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i == MAX_NAMES && n > MAX_NAMES + 1)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text, ngettext ("and %u more", "and %u more", n - i), n - i);
          return;
        }
      if (i > 0)
        g_string_append (text, i == n - 1 ? TR (N_(" and ")) : ", ");
      g_string_append (text, element_name (elements[i]));
    }
}

static char *
names (GPtrArray *elements)
{
  GString *text = g_string_new (NULL);

  append_names (text, elements->pdata, elements->len);
  return g_string_free (text, FALSE);
}

static const char *
duty_names (guint activities)
{
  static const char *words[16];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (guint bits = 0; bits < 16; bits++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          const char *w[] = { _("deploy"), _("L1"), _("L2"), _("on-call") };

          for (guint i = 0; i < 4; i++)
            if (bits & (1u << i))
              {
                if (text->len > 0)
                  g_string_append (text, ", ");
                g_string_append (text, w[i]);
              }
          words[bits] = g_intern_string (text->str);
        }
      g_once_init_leave (&initialised, 1);
    }

  return words[((activities & BIT (OPM_ACTIVITY_DEPLOY)) ? 1 : 0) |
               ((activities & BIT (OPM_ACTIVITY_OPERATE_L1)) ? 2 : 0) |
               ((activities & BIT (OPM_ACTIVITY_SUPPORT_L2)) ? 4 : 0) |
               ((activities & BIT (OPM_ACTIVITY_ON_CALL)) ? 8 : 0)];
}

static const char *
out_of_hours_phrase (OpmOutOfHours cover)
{
  switch (cover)
    {
    case OPM_OUT_OF_HOURS_NONE:
      return _("no out-of-hours cover");
    case OPM_OUT_OF_HOURS_WORKING_HOURS_ONLY:
      return _("working-hours cover only");
    case OPM_OUT_OF_HOURS_SHARED_ROTA:
      return _("a shared domain rota");
    case OPM_OUT_OF_HOURS_OWN_ROTA:
      return _("their own rota");
    case OPM_OUT_OF_HOURS_SHIFT_24X7:
      return _("24x7 shifts");
    default:
      g_return_val_if_reached ("?");
    }
}

/* 0 none, 1 shared rota, 2 own rota or shifts */
static guint
cover_level (OpmOutOfHours cover)
{
  switch (cover)
    {
    case OPM_OUT_OF_HOURS_SHARED_ROTA:
      return 1;
    case OPM_OUT_OF_HOURS_OWN_ROTA:
    case OPM_OUT_OF_HOURS_SHIFT_24X7:
      return 2;
    case OPM_OUT_OF_HOURS_NONE:
    case OPM_OUT_OF_HOURS_WORKING_HOURS_ONLY:
    default:
      return 0;
    }
}

static gboolean
on_rota (OpmTeam *team)
{
  OpmOutOfHours cover = opm_team_get_out_of_hours (team);

  return cover == OPM_OUT_OF_HOURS_SHARED_ROTA || cover == OPM_OUT_OF_HOURS_OWN_ROTA;
}

/* }}} */
/* {{{ Rules on a service */

/* OPS-01, OPS-07 */
static void
check_divide (Check       *check,
              ServiceInfo *info)
{
  OpmService *service = info->service;
  const Duty *duties = &check->duties[info->first_duty];
  const OpmSelection *sel = &info->selection;

  if (info->divide)
    {
      gpointer *builders = check->builders;
      guint n_builders = 0;
      GString *message = g_string_new (NULL);
      OpmFinding *finding;
      guint n_runners = 0;

      for (guint d = 0; d < info->n_duties; d++)
        if (duties[d].activities & BIT (OPM_ACTIVITY_BUILD))
          builders[n_builders++] = duties[d].team;

      g_string_append_printf (message, TR (N_("%s is built by ")), service_name (service));
      append_names (message, builders, n_builders);
      g_string_append (message, TR (N_(" but run by ")));
      for (guint d = 0; d < info->n_duties; d++)
        if ((duties[d].activities & RUN_DUTIES) && !(duties[d].activities & BIT (OPM_ACTIVITY_BUILD)))
          {
            if (n_runners > 0)
              g_string_append (message, "; ");
            g_string_append_printf (message, "%s (%s)", team_name (duties[d].team),
                                    duty_names (duties[d].activities));
            n_runners++;
          }

      finding = finding_new (check, OPM_RULE_OPS_01, OPM_SEVERITY_WARNING, service,
                             g_string_free (message, FALSE));
      for (guint i = 0; i < n_builders; i++)
        finding_add (finding, builders[i]);
      finding->divides = g_new (OpmDivide, n_builders * n_runners);
      for (guint d = 0; d < info->n_duties; d++)
        if ((duties[d].activities & RUN_DUTIES) && !(duties[d].activities & BIT (OPM_ACTIVITY_BUILD)))
          {
            finding_add (finding, duties[d].team);
            for (guint b = 0; b < info->n_duties; b++)
              if (duties[b].activities & BIT (OPM_ACTIVITY_BUILD))
                {
                  OpmDivide *divide = &finding->divides[finding->n_divides++];

                  divide->builder = duties[b].team;
                  divide->runner = duties[d].team;
                  divide->service = service;
                  divide->label = divide_label (duties[b].activities, duties[d].activities);
                  divide->n_services = 1;
                }
          }
    }

  /* OPS-07 */
  if (sel->needed_availability >= OPM_AVAILABILITY_99_99 && !info->ybiyri)
    {
      finding_new (check, OPM_RULE_OPS_07, OPM_SEVERITY_ERROR, service,
                   g_strdup_printf (TR (N_("%s needs 99.99 %% availability but is not built and run by one team")),
                                    service_name (service)));
    }
  else if (info->divide &&
           (sel->needed_availability >= OPM_AVAILABILITY_99_9 ||
            sel->needed_deployment >= OPM_DEPLOYMENT_TARGET_WEEKLY))
    {
      g_autofree char *needs = NULL;

      if (sel->needed_availability >= OPM_AVAILABILITY_99_9 && sel->needed_deployment >= OPM_DEPLOYMENT_TARGET_WEEKLY)
        needs = g_strdup_printf (sel->needed_deployment == OPM_DEPLOYMENT_TARGET_DAILY
                                   ? TR (N_("%s %% availability and daily deployments"))
                                   : TR (N_("%s %% availability and weekly deployments")),
                                 percent (sel->needed_availability));
      else if (sel->needed_availability >= OPM_AVAILABILITY_99_9)
        needs = g_strdup_printf (TR (N_("%s %% availability")), percent (sel->needed_availability));
      else
        needs = g_strdup (sel->needed_deployment == OPM_DEPLOYMENT_TARGET_DAILY ? TR (N_("daily deployments"))
                                                                               : TR (N_("weekly deployments")));

      finding_new (check, OPM_RULE_OPS_07, OPM_SEVERITY_WARNING, service,
                   g_strdup_printf (TR (N_("%s is run under Ops Run It but needs %s")), service_name (service), needs));
    }
}

/* OPS-02, OPS-16 */
static void
check_owner (Check       *check,
             ServiceInfo *info)
{
  OpmService *service = info->service;
  const Duty *duties = &check->duties[info->first_duty];
  gboolean digital = opm_service_get_kind (service) == OPM_SERVICE_KIND_DIGITAL;
  OpmRule rule = digital ? OPM_RULE_OPS_02 : OPM_RULE_OPS_16;
  OpmSeverity severity = digital ? OPM_SEVERITY_ERROR : OPM_SEVERITY_WARNING;
  g_autoptr(GPtrArray) teams = NULL;
  g_autofree char *list = NULL;
  OpmFinding *finding;

  if (info->n_accountable == 1)
    return;

  if (info->n_accountable == 0)
    {
      finding_new (check, rule, severity, service,
                   g_strdup_printf (TR (N_("%s has no accountable team")), service_name (service)));
      return;
    }

  teams = g_ptr_array_new ();
  for (guint d = 0; d < info->n_duties; d++)
    if (duties[d].activities & BIT (OPM_ACTIVITY_ACCOUNTABLE))
      g_ptr_array_add (teams, duties[d].team);
  list = names (teams);

  finding = finding_new (check, rule, severity, service,
                         g_strdup_printf (TR (N_("%s has %u accountable teams: %s")), service_name (service),
                                          info->n_accountable, list));
  finding_add_all (finding, teams);
}

/* The teams answering first out of hours: on-call, else L3, else L1. */
static guint
first_responders (Check       *check,
                  ServiceInfo *info,
                  gpointer    *teams)
{
  static const OpmActivity order[] = { OPM_ACTIVITY_ON_CALL, OPM_ACTIVITY_SUPPORT_L3, OPM_ACTIVITY_OPERATE_L1 };
  const Duty *duties = &check->duties[info->first_duty];
  guint n = 0;

  for (guint o = 0; o < G_N_ELEMENTS (order) && n == 0; o++)
    for (guint d = 0; d < info->n_duties; d++)
      if (duties[d].activities & BIT (order[o]))
        teams[n++] = duties[d].team;

  return n;
}

/* OPS-08, OPS-09, OPS-13 */
static void
check_targets (Check       *check,
               ServiceInfo *info)
{
  OpmService *service = info->service;
  const OpmSelection *sel = &info->selection;
  gpointer *responders = check->teams_found;
  guint n_responders = first_responders (check, info, responders);
  OpmTelemetry telemetry = opm_service_get_telemetry (service);

  /* OPS-08 */
  if (sel->actual_availability != sel->recommended_availability)
    {
      g_autofree char *money = format_money (check->currency, sel->exposure_per_hour);
      gboolean below = sel->actual_availability < sel->recommended_availability;

      finding_new (check, OPM_RULE_OPS_08, below ? OPM_SEVERITY_WARNING : OPM_SEVERITY_INFO, service,
                   g_strdup_printf (below ? TR (N_("%s targets %s %% but an exposure of %s an hour calls for %s %%"))
                                          : TR (N_("%s targets %s %% though an exposure of %s an hour calls only for %s %%")),
                                    service_name (service), percent (sel->actual_availability), money,
                                    percent (sel->recommended_availability)));
    }

  /* OPS-09 */
  {
    OpmOutOfHours needed = opm_selector_out_of_hours_for (sel->actual_availability);
    guint best = 0;
    OpmOutOfHours best_cover = OPM_OUT_OF_HOURS_NONE;

    for (guint r = 0; r < n_responders; r++)
      {
        OpmOutOfHours cover = opm_team_get_out_of_hours (responders[r]);

        if (r == 0 || cover_level (cover) > best)
          {
            best = cover_level (cover);
            best_cover = cover;
          }
      }

    if (cover_level (needed) > 0 && best < cover_level (needed))
      {
        OpmFinding *finding;

        if (n_responders == 0)
          {
            finding = finding_new (check, OPM_RULE_OPS_09, OPM_SEVERITY_WARNING, service,
                                   g_strdup_printf (TR (N_("%s targets %s %% and needs %s out of hours, but no team "
                                                      "is on call for it or supports it")),
                                                    service_name (service), percent (sel->actual_availability),
                                                    out_of_hours_phrase (needed)));
          }
        else
          {
            GString *message = g_string_new (NULL);

            g_string_append_printf (message, TR (N_("%s targets %s %% and needs %s out of hours, but its first "
                                               "responders (")),
                                    service_name (service), percent (sel->actual_availability),
                                    out_of_hours_phrase (needed));
            append_names (message, responders, n_responders);
            g_string_append_printf (message, TR (N_(") have %s")), out_of_hours_phrase (best_cover));
            finding = finding_new (check, OPM_RULE_OPS_09, OPM_SEVERITY_WARNING, service,
                                   g_string_free (message, FALSE));
            for (guint r = 0; r < n_responders; r++)
              finding_add (finding, responders[r]);
          }
      }
  }

  /* OPS-13 */
  {
    gboolean health = (telemetry & OPM_TELEMETRY_HEALTH_CHECK) != 0;
    gboolean alerting = (telemetry & OPM_TELEMETRY_ALERTING) != 0;

    if (!health && !alerting)
      finding_new (check, OPM_RULE_OPS_13,
                   sel->exposure_per_hour > 0 ? OPM_SEVERITY_ERROR : OPM_SEVERITY_WARNING, service,
                   g_strdup_printf (TR (N_("%s has neither a health check nor alerting: customers find its failures")),
                                    service_name (service)));
    else if (!health)
      finding_new (check, OPM_RULE_OPS_13, OPM_SEVERITY_WARNING, service,
                   g_strdup_printf (TR (N_("%s has no health check")), service_name (service)));
    else if (!alerting)
      finding_new (check, OPM_RULE_OPS_13, OPM_SEVERITY_WARNING, service,
                   g_strdup_printf (TR (N_("%s has no alerting")), service_name (service)));

    if (alerting && n_responders > 0)
      {
        gboolean can_change = FALSE;

        for (guint r = 0; r < n_responders && !can_change; r++)
          can_change = (opm_team_get_rights (responders[r]) & OPM_RIGHTS_ALERTS) != 0;

        if (!can_change)
          {
            GString *message = g_string_new (NULL);
            OpmFinding *finding;

            g_string_append_printf (message, TR (N_("The alerts of %s can be changed only by another team: its "
                                               "first responders (")), service_name (service));
            append_names (message, responders, n_responders);
            g_string_append (message, TR (N_(") lack the alerts right")));
            finding = finding_new (check, OPM_RULE_OPS_13, OPM_SEVERITY_WARNING, service,
                                   g_string_free (message, FALSE));
            for (guint r = 0; r < n_responders; r++)
              finding_add (finding, responders[r]);
          }
      }
  }
}

/* OPS-11 */
static void
check_restore_path (Check       *check,
                    ServiceInfo *info)
{
  double limit = param (check, OPM_PARAM_HANDOFF_LIMIT);
  OpmFinding *finding;
  GString *route;
  Path path;

  if (info->n_duties == 0)
    return;

  _opm_restore_path_compute (&check->duties[info->first_duty], info->n_duties, &path);
  if (path.len == 0 || (path.fixer >= 0 && path.handoffs <= limit))
    return;

  route = g_string_new (NULL);
  for (guint i = 0; i < path.len; i++)
    {
      if (i > 0)
        g_string_append (route, " → ");
      g_string_append (route, team_name (path.teams[i]));
    }

  if (path.fixer >= 0)
    finding = finding_new (check, OPM_RULE_OPS_11, OPM_SEVERITY_WARNING, info->service,
                           g_strdup_printf (ngettext ("Restoring %s crosses %u handoff before a team able to fix it "
                                                      "has it (limit %g): %s",
                                                      "Restoring %s crosses %u handoffs before a team able to fix it "
                                                      "has it (limit %g): %s", path.handoffs),
                                            service_name (info->service), path.handoffs, limit, route->str));
  else
    finding = finding_new (check, OPM_RULE_OPS_11, OPM_SEVERITY_WARNING, info->service,
                           g_strdup_printf (TR (N_("Restoring %s never reaches a team able to fix it: %s")),
                                            service_name (info->service), route->str));
  g_string_free (route, TRUE);

  for (guint i = 0; i < path.len; i++)
    finding_add (finding, path.teams[i]);
}

/* OPS-14 */
static void
check_releases (Check       *check,
                ServiceInfo *info)
{
  OpmService *service = info->service;
  const Duty *duties = &check->duties[info->first_duty];
  gpointer *deployers = check->teams_found;
  guint n_deployers = 0;
  gboolean only_operations = TRUE;
  gboolean overnight = opm_service_get_release_window (service) == OPM_RELEASE_WINDOW_OVERNIGHT;
  gboolean cab = opm_service_get_change_approval (service) == OPM_CHANGE_APPROVAL_NORMAL &&
                 info->selection.actual_deployment >= OPM_DEPLOYMENT_TARGET_WEEKLY;
  GString *message;
  OpmFinding *finding;
  guint n_reasons = 0;

  for (guint d = 0; d < info->n_duties; d++)
    if (duties[d].activities & BIT (OPM_ACTIVITY_DEPLOY))
      {
        deployers[n_deployers++] = duties[d].team;
        if (!opm_team_is_operations (duties[d].team))
          only_operations = FALSE;
      }
  only_operations = only_operations && n_deployers > 0;

  if (!only_operations && !overnight && !cab)
    return;

  message = g_string_new (NULL);
  g_string_append_printf (message, TR (N_("Releases of %s are ")), service_name (service));
  if (only_operations)
    {
      g_string_append (message, TR (N_("done only by operations (")));
      append_names (message, deployers, n_deployers);
      g_string_append_c (message, ')');
      n_reasons++;
    }
  if (overnight)
    {
      if (n_reasons++ > 0)
        g_string_append (message, ", ");
      g_string_append (message, TR (N_("allowed only in the overnight window")));
    }
  if (cab)
    {
      if (n_reasons++ > 0)
        g_string_append (message, ", ");
      g_string_append (message, TR (N_("normal changes approved by a change board despite a weekly or faster "
                                  "deployment target")));
    }

  finding = finding_new (check, OPM_RULE_OPS_14, OPM_SEVERITY_WARNING, service, g_string_free (message, FALSE));
  if (only_operations)
    for (guint i = 0; i < n_deployers; i++)
      finding_add (finding, deployers[i]);
  if (cab)
    for (guint d = 0; d < info->n_duties; d++)
      if (duties[d].activities & BIT (OPM_ACTIVITY_APPROVE_CHANGE))
        finding_add_unique (finding, duties[d].team);
}

/* OPS-15 */
static void
check_problem_fix (Check       *check,
                   ServiceInfo *info)
{
  OpmService *service = info->service;
  const Duty *duties = &check->duties[info->first_duty];
  gpointer *outsiders = check->teams_found;
  guint n_outsiders = 0;
  gboolean held = FALSE;

  for (guint d = 0; d < info->n_duties; d++)
    if (duties[d].activities & BIT (OPM_ACTIVITY_PROBLEM_FIX))
      {
        held = TRUE;
        if (!(duties[d].activities & (BIT (OPM_ACTIVITY_ACCOUNTABLE) | BIT (OPM_ACTIVITY_BUILD))))
          outsiders[n_outsiders++] = duties[d].team;
      }

  if (!held)
    {
      double rate = opm_service_get_incident_rate (service);

      if (rate > 0)
        finding_new (check, OPM_RULE_OPS_15, OPM_SEVERITY_WARNING, service,
                     g_strdup_printf (TR (N_("Nobody holds problem-fix for %s, which has %g incidents a year")),
                                      service_name (service), rate));
    }
  else if (n_outsiders > 0)
    {
      GString *list = g_string_new (NULL);
      OpmFinding *finding;

      append_names (list, outsiders, n_outsiders);
      finding =
        finding_new (check, OPM_RULE_OPS_15, OPM_SEVERITY_WARNING, service,
                     g_strdup_printf (ngettext ("Problem fixes of %s are held by %s, which neither owns nor builds it",
                                               "Problem fixes of %s are held by %s, which neither own nor build it",
                                               n_outsiders),
                                      service_name (service), list->str));
      g_string_free (list, TRUE);

      for (guint i = 0; i < n_outsiders; i++)
        finding_add (finding, outsiders[i]);
    }
}

/* OPS-17 */
static void
check_shared_store (Check       *check,
                    ServiceInfo *info)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autofree char *list = NULL;
  OpmFinding *finding;

  if (info->n_dependants < 2 || opm_service_get_kind (info->service) != OPM_SERVICE_KIND_DATA_STORE)
    return;

  users = g_ptr_array_sized_new (info->n_dependants);
  for (guint k = 0; k < info->n_dependants; k++)
    g_ptr_array_add (users, check->services[check->dependants[info->first_dependant + k]].service);
  list = names (users);

  finding = finding_new (check, OPM_RULE_OPS_17, OPM_SEVERITY_WARNING, info->service,
                         g_strdup_printf (ngettext ("%s is shared by %u service: %s",
                                                    "%s is shared by %u services: %s", users->len),
                                          service_name (info->service), users->len, list));
  for (guint i = 0; i < users->len; i++)
    finding_add (finding, g_ptr_array_index (users, i));
}

static void
check_service (Check *check,
               guint  s)
{
  ServiceInfo *info = &check->services[s];

  check_divide (check, info);
  check_owner (check, info);
  check_targets (check, info);
  check_restore_path (check, info);
  check_releases (check, info);
  check_problem_fix (check, info);
  check_shared_store (check, info);
}

/* }}} */
/* {{{ Rules on a team */

/* The services for which the team holds any of @activities. */
static GPtrArray *
services_with (Check    *check,
               TeamInfo *team,
               guint     activities,
               gboolean (*filter) (ServiceInfo *info))
{
  GPtrArray *services = NULL;

  for (guint l = team->first_link; l < team->first_link + team->n_links; l++)
    if (check->links[l].activities & activities)
      {
        ServiceInfo *info = &check->services[check->links[l].service_index];

        if (filter != NULL && !filter (info))
          continue;
        if (services == NULL)
          services = g_ptr_array_new ();
        g_ptr_array_add (services, info->service);
      }

  return services;
}

static gboolean
needs_cover (ServiceInfo *info)
{
  return info->selection.actual_availability >= OPM_AVAILABILITY_99_0;
}

/* OPS-03 */
static void
check_project_l3 (Check    *check,
                  TeamInfo *info)
{
  OpmTeam *team = info->team;
  g_autoptr(GPtrArray) services = NULL;
  g_autofree char *list = NULL;
  const char *end;
  char *message;

  if (opm_team_get_lifecycle (team) != OPM_LIFECYCLE_PROJECT)
    return;

  services = services_with (check, info, BIT (OPM_ACTIVITY_SUPPORT_L3), NULL);
  if (services == NULL)
    return;

  list = names (services);
  end = opm_team_get_end_date (team);
  if (end == NULL || end[0] == '\0')
    message = g_strdup_printf (TR (N_("%s gives L3 support for %s but is a project team with no end date")),
                               team_name (team), list);
  else if (strcmp (end, check->today) < 0)
    message = g_strdup_printf (TR (N_("%s gives L3 support for %s but is a project team that ended on %s")),
                               team_name (team), list, end);
  else
    message = g_strdup_printf (TR (N_("%s gives L3 support for %s but is a project team that ends on %s")),
                               team_name (team), list, end);

  finding_add_all (finding_new (check, OPM_RULE_OPS_03,
                                end != NULL && end[0] != '\0' && strcmp (end, check->today) < 0
                                  ? OPM_SEVERITY_ERROR : OPM_SEVERITY_WARNING,
                                team, message),
                   services);
}

/* OPS-04, OPS-05, OPS-10, OPS-20 (own rotas) */
static void
check_on_call (Check    *check,
               TeamInfo *info)
{
  OpmTeam *team = info->team;
  OpmOnCallPay pay = opm_team_get_on_call_pay (team);
  OpmOutOfHours cover = opm_team_get_out_of_hours (team);

  if (pay == OPM_ON_CALL_PAY_NONE && cover != OPM_OUT_OF_HOURS_SHIFT_24X7)
    {
      g_autoptr(GPtrArray) services = services_with (check, info, ESCALATION_DUTIES, needs_cover);

      if (services != NULL)
        {
          g_autofree char *list = names (services);

          finding_add_all (finding_new (check, OPM_RULE_OPS_04, OPM_SEVERITY_ERROR, team,
                                        g_strdup_printf (TR (N_("Out-of-hours escalation of %s relies on %s, which is "
                                                           "not paid for on-call (best efforts)")),
                                                         list, team_name (team))),
                           services);
        }
    }

  if (on_rota (team) && pay == OPM_ON_CALL_PAY_CALLOUT_ONLY)
    finding_new (check, OPM_RULE_OPS_05, OPM_SEVERITY_WARNING, team,
                 g_strdup_printf (TR (N_("%s is on an out-of-hours rota paid per callout only")), team_name (team)));

  if (on_rota (team))
    {
      double minimum = param (check, OPM_PARAM_ROTA_MINIMUM);
      int people = opm_team_get_rota_size (team);

      if (people < minimum)
        finding_new (check, OPM_RULE_OPS_10, OPM_SEVERITY_WARNING, team,
                     g_strdup_printf (ngettext ("%s has %d person on its on-call rota (at least %g needed)",
                                                "%s has %d people on its on-call rota (at least %g needed)", people),
                                      team_name (team), people, minimum));
    }

  if (cover == OPM_OUT_OF_HOURS_OWN_ROTA)
    {
      g_autoptr(GPtrArray) services = services_with (check, info, ROTA_DUTIES, NULL);
      OpmAvailability highest = OPM_AVAILABILITY_95_0;

      if (services != NULL)
        {
          for (guint i = 0; i < services->len; i++)
            highest = MAX (highest, opm_service_get_availability_target (g_ptr_array_index (services, i)));

          if (highest < OPM_AVAILABILITY_99_9)
            {
              OpmFinding *finding =
                finding_new (check, OPM_RULE_OPS_20, OPM_SEVERITY_INFO, team,
                             g_strdup_printf (TR (N_("%s has its own rota, but none of its services needs 99.9 %% "
                                                "(the highest target is %s %%)")),
                                              team_name (team), percent (highest)));

              finding->suggestion = g_strdup_printf (TR (N_("Move %s to a shared domain rota.")), team_name (team));
              finding_add_all (finding, services);
            }
        }
    }
}

/* OPS-06 */
static void
check_contract (Check    *check,
                TeamInfo *info)
{
  OpmTeam *team = info->team;
  OpmContract *contract = opm_team_get_contract (team);
  g_autoptr(GPtrArray) services = NULL;
  g_autofree char *list = NULL;
  GString *missing;
  OpmPriorities covered;

  if (opm_team_get_sourcing (team) != OPM_SOURCING_OUTSOURCED || contract == NULL)
    return;

  covered = opm_contract_get_priorities (contract);
  if ((covered & OPM_PRIORITIES_ALL) == OPM_PRIORITIES_ALL)
    return;

  services = services_with (check, info, SUPPORT_PATH_DUTIES, NULL);
  if (services == NULL)
    return;

  missing = g_string_new (NULL);
  for (guint p = 0; p < 4; p++)
    if (!(covered & (1u << p)))
      {
        if (missing->len > 0)
          g_string_append (missing, ", ");
        g_string_append_printf (missing, "P%u", p + 1);
      }

  list = names (services);
  finding_add_all (finding_new (check, OPM_RULE_OPS_06, OPM_SEVERITY_WARNING, team,
                                g_strdup_printf (TR (N_("The contract of %s, on the support path of %s, does not cover "
                                                   "%s incidents")),
                                                 team_name (team), list, missing->str)),
                   services);
  g_string_free (missing, TRUE);
}

static OpmRights
rights_needed (guint activities)
{
  OpmRights needed = 0;

  if (activities & BIT (OPM_ACTIVITY_OPERATE_L1))
    needed |= OPM_RIGHTS_TELEMETRY_READ;
  if (activities & BIT (OPM_ACTIVITY_SUPPORT_L2))
    needed |= OPM_RIGHTS_CONFIG | OPM_RIGHTS_TELEMETRY_READ;
  if (activities & BIT (OPM_ACTIVITY_SUPPORT_L3))
    needed |= OPM_RIGHTS_CODE | OPM_RIGHTS_TELEMETRY_READ;
  if (activities & BIT (OPM_ACTIVITY_DEPLOY))
    needed |= OPM_RIGHTS_DEPLOY;
  if (activities & BIT (OPM_ACTIVITY_ON_CALL))
    needed |= OPM_RIGHTS_TELEMETRY_READ;

  return needed;
}

/* OPS-12 */
static void
check_rights (Check    *check,
              TeamInfo *info)
{
  static const struct { OpmRights right; const char *name; } names_of[] = {
    { OPM_RIGHTS_CODE, N_("code") },
    { OPM_RIGHTS_CONFIG, N_("config") },
    { OPM_RIGHTS_DEPLOY, N_("deploy") },
    { OPM_RIGHTS_TELEMETRY_READ, N_("telemetry read") },
  };
  OpmTeam *team = info->team;
  OpmRights rights = opm_team_get_rights (team);
  OpmRights missing = 0;
  g_autoptr(GPtrArray) services = NULL;
  g_autofree char *list = NULL;
  GString *lacking;

  for (guint l = info->first_link; l < info->first_link + info->n_links; l++)
    {
      OpmRights lack = rights_needed (check->links[l].activities) & ~rights;

      if (lack != 0)
        {
          missing |= lack;
          if (services == NULL)
            services = g_ptr_array_new ();
          g_ptr_array_add (services, check->services[check->links[l].service_index].service);
        }
    }

  if (missing == 0)
    return;

  lacking = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names_of); i++)
    if (missing & names_of[i].right)
      {
        if (lacking->len > 0)
          g_string_append (lacking, ", ");
        g_string_append (lacking, _(names_of[i].name));
      }

  list = names (services);
  finding_add_all (finding_new (check, OPM_RULE_OPS_12, OPM_SEVERITY_WARNING, team,
                                g_strdup_printf (TR (N_("%s lacks the %s rights its duties for %s need")),
                                                 team_name (team), lacking->str, list)),
                   services);
  g_string_free (lacking, TRUE);
}

/* OPS-19 */
static void
check_bottleneck (Check    *check,
                  guint     t)
{
  TeamInfo *info = &check->teams[t];
  OpmTeam *team = info->team;
  double max_services = param (check, OPM_PARAM_BOTTLENECK_SERVICES);
  double max_teams = param (check, OPM_PARAM_BOTTLENECK_TEAMS);
  g_autoptr(GPtrArray) services = NULL;
  guint n_services = 0, n_builders = 0;
  guint mark;
  GString *message;
  OpmFinding *finding;

  if (!opm_team_is_operations (team))
    return;

  mark = next_mark (check);
  check->marks[t] = mark; /* not a delivery team of its own */
  for (guint l = info->first_link; l < info->first_link + info->n_links; l++)
    if (check->links[l].activities & RUN_DUTIES)
      {
        ServiceInfo *service = &check->services[check->links[l].service_index];

        n_services++;
        for (guint d = service->first_duty; d < service->first_duty + service->n_duties; d++)
          if ((check->duties[d].activities & BIT (OPM_ACTIVITY_BUILD)) &&
              check->marks[check->duties[d].team_index] != mark)
            {
              check->marks[check->duties[d].team_index] = mark;
              n_builders++;
            }
      }

  if (n_services <= max_services && n_builders <= max_teams)
    return;

  message = g_string_new (NULL);
  g_string_append_printf (message, ngettext ("%s deploys or runs %u service", "%s deploys or runs %u services",
                                             n_services),
                          team_name (team), n_services);
  if (n_services > max_services)
    g_string_append_printf (message, TR (N_(" (limit %g)")), max_services);
  g_string_append_printf (message, ngettext (" for %u delivery team", " for %u delivery teams", n_builders),
                          n_builders);
  if (n_builders > max_teams)
    g_string_append_printf (message, TR (N_(" (limit %g)")), max_teams);

  finding = finding_new (check, OPM_RULE_OPS_19, OPM_SEVERITY_WARNING, team, g_string_free (message, FALSE));
  services = services_with (check, info, RUN_DUTIES, NULL);
  if (services != NULL)
    finding_add_all (finding, services);
}

static void
check_team (Check *check,
            guint  t)
{
  TeamInfo *info = &check->teams[t];

  check_project_l3 (check, info);
  check_on_call (check, info);
  check_contract (check, info);
  check_rights (check, info);
  check_bottleneck (check, t);
}

/* }}} */
/* {{{ Rules on a dependency and on the scenario */

/* "98.9": rounded down to two decimals, trailing zeros dropped. */
static char *
format_bound (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", floor (value * 100 + 1e-9) / 100));
  char *end = text + strlen (text);

  while (end > text && end[-1] == '0')
    *--end = '\0';
  if (end > text && end[-1] == '.')
    *--end = '\0';

  return text;
}

/* OPS-18 */
static void
check_dependency (Check         *check,
                  OpmDependency *dependency)
{
  OpmService *from = opm_dependency_get_from (dependency);
  OpmService *to = opm_dependency_get_to (dependency);
  OpmAvailability a, b;
  g_autofree char *bound = NULL;
  OpmFinding *finding;

  if (from == NULL || to == NULL ||
      opm_dependency_get_mode (dependency) != OPM_DEPENDENCY_MODE_SYNCHRONOUS ||
      opm_dependency_get_softening (dependency) != OPM_SOFTENING_NONE)
    return;

  a = opm_service_get_availability_target (from);
  b = opm_service_get_availability_target (to);
  if (b >= a)
    return;

  bound = format_bound (opm_availability_to_percent (a) * opm_availability_to_percent (b) / 100.0);
  finding = finding_new (check, OPM_RULE_OPS_18, OPM_SEVERITY_WARNING, dependency,
                         g_strdup_printf (TR (N_("%s (%s %%) calls %s (%s %%) synchronously with nothing to soften "
                                            "its failures: it can be at most %s %% available")),
                                          service_name (from), percent (a), service_name (to), percent (b), bound));
  finding_add (finding, from);
  finding_add (finding, to);
}

/* OPS-20: no major-incident path */
static void
check_incident_management (Check *check)
{
  g_autoptr(GPtrArray) teams = NULL;
  OpmFinding *finding;
  guint n_services = 0;
  guint mark;

  if (check->has_incident_management)
    return;

  mark = next_mark (check);
  teams = g_ptr_array_new ();
  for (guint s = 0; s < check->n_services; s++)
    {
      ServiceInfo *info = &check->services[s];

      if (!info->ybiyri)
        continue;
      n_services++;
      for (guint d = info->first_duty; d < info->first_duty + info->n_duties; d++)
        if ((check->duties[d].activities & BIT (OPM_ACTIVITY_BUILD)) &&
            check->marks[check->duties[d].team_index] != mark)
          {
            check->marks[check->duties[d].team_index] = mark;
            g_ptr_array_add (teams, check->duties[d].team);
          }
    }

  if (n_services == 0)
    return;

  finding = finding_new (check, OPM_RULE_OPS_20, OPM_SEVERITY_WARNING, g_ptr_array_index (teams, 0),
                         g_strdup_printf (ngettext ("%u service is built and run by its own team, but no "
                                                    "incident-management team coordinates major incidents",
                                                    "%u services are built and run by their own teams, but no "
                                                    "incident-management team coordinates major incidents",
                                                    n_services),
                                          n_services));
  finding->suggestion = g_strdup (TR (N_("Add an incident-management team that coordinates major incidents "
                                    "across the product teams and keeps the business informed.")));
  finding_add_all (finding, teams);
}

/* }}} */
/* {{{ Public API */

/* Marks the findings whose rule the scenario acknowledges for the element
 * they are about. */
static void
mark_acknowledged (OpmScenario *scenario,
                   GPtrArray   *findings)
{
  if (g_list_model_get_n_items (opm_scenario_get_acknowledgements (scenario)) == 0)
    return;

  for (guint i = 0; i < findings->len; i++)
    {
      OpmFinding *finding = g_ptr_array_index (findings, i);
      OpmAcknowledgement *acknowledgement =
        opm_scenario_find_acknowledgement (scenario, rules[finding->rule].id, finding->elements[0]);

      if (acknowledgement != NULL)
        finding->reason = g_strdup (opm_acknowledgement_get_reason (acknowledgement));
    }
}

/* {{{ Checking on both cores */

/* Below this many services or teams one thread is quicker. */
#define SPLIT_MIN 2048

static gint split_allowed = TRUE;

/* For tests: whether the checker may use a second thread. */
void
_opm_check_set_split (gboolean allowed)
{
  g_atomic_int_set (&split_allowed, allowed);
}

typedef struct
{
  Check  *check;
  guint   from;
  guint   to;
  void  (*rule) (Check *check,
                 guint  index);
} Slice;

static gpointer
check_slice (gpointer data)
{
  Slice *slice = data;

  for (guint i = slice->from; i < slice->to; i++)
    slice->rule (slice->check, i);

  return NULL;
}

/* Runs @rule over indices 0 … @n − 1, the second half on another thread
 * with scratch and findings of its own, which then follow the first
 * half's rule by rule: the same findings in the same order as one loop.
 * The rules only read the index and write their findings and scratch. */
static void
check_split (Check  *check,
             guint   n,
             void  (*rule) (Check *check,
                            guint  index))
{
  Check other;
  Slice first = { check, 0, n / 2, rule };
  Slice second = { &other, n / 2, n, rule };
  GThread *thread;

  if (n < SPLIT_MIN || g_get_num_processors () < 2 || !g_atomic_int_get (&split_allowed))
    {
      first.to = n;
      check_slice (&first);
      return;
    }

  other = *check;
  other.marks = g_new0 (guint, MAX (check->n_teams, 1));
  other.mark = 0;
  other.builders = g_new (gpointer, MAX (check->n_teams, 1));
  other.teams_found = g_new (gpointer, MAX (check->n_teams, 1));
  memset (other.found, 0, sizeof other.found);

  thread = g_thread_new ("opm-check", check_slice, &second);
  check_slice (&first);
  g_thread_join (thread);

  for (guint r = 0; r < OPM_N_RULES; r++)
    if (other.found[r] != NULL)
      {
        if (check->found[r] == NULL)
          check->found[r] = g_ptr_array_new_with_free_func (g_object_unref);
        g_ptr_array_extend_and_steal (check->found[r], g_steal_pointer (&other.found[r]));
      }

  g_free (other.marks);
  g_free (other.builders);
  g_free (other.teams_found);
}

/* }}} */

/**
 * opm_check_scenario:
 * @scenario: the scenario to check
 * @parameters: (nullable): thresholds, or %NULL for those of the scenario's
 *   document (or the defaults when it has none)
 *
 * Runs every rule over @scenario, as of today.
 *
 * Returns: (transfer container) (element-type OpmFinding): the findings, by
 *   rule and then in the order of the elements; acknowledged findings are
 *   among them, marked as such
 */
GPtrArray *
opm_check_scenario (OpmScenario   *scenario,
                    OpmParameters *parameters)
{
  return opm_check_scenario_at (scenario, parameters, NULL);
}

/**
 * opm_check_scenario_at:
 * @now: (nullable): the moment to judge end dates against, or %NULL for now
 *
 * As opm_check_scenario(), on a given date (for tests).
 *
 * Returns: (transfer container) (element-type OpmFinding): the findings
 */
GPtrArray *
opm_check_scenario_at (OpmScenario   *scenario,
                       OpmParameters *parameters,
                       GDateTime     *now)
{
  Check check = { 0 };
  GPtrArray *findings;
  GListModel *dependencies;
  OpmDocument *document;
  guint n;

  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (parameters == NULL || OPM_IS_PARAMETERS (parameters), NULL);

  document = opm_scenario_get_document (scenario);
  check.scenario = scenario;
  check.parameters = parameters;
  if (check.parameters == NULL && document != NULL)
    check.parameters = opm_document_get_parameters (document);
  check.currency = document != NULL ? opm_document_get_currency (document) : "USD";

  {
    g_autoptr(GDateTime) local = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();

    g_snprintf (check.today, sizeof check.today, "%04d-%02d-%02d", g_date_time_get_year (local),
                g_date_time_get_month (local), g_date_time_get_day_of_month (local));
  }

  check_index (&check);

  check_split (&check, check.n_services, check_service);
  check_incident_management (&check);
  check_split (&check, check.n_teams, check_team);

  dependencies = opm_scenario_get_dependencies (scenario);
  n = g_list_model_get_n_items (dependencies);
  for (guint i = 0; i < n; i++)
    check_dependency (&check, list_item (dependencies, i));

  n = 0;
  for (guint r = 0; r < OPM_N_RULES; r++)
    n += check.found[r] != NULL ? check.found[r]->len : 0;

  findings = g_ptr_array_new_full (n, g_object_unref);
  for (guint r = 0; r < OPM_N_RULES; r++)
    if (check.found[r] != NULL)
      {
        /* Hand the references over. */
        g_ptr_array_set_free_func (check.found[r], NULL);
        for (guint i = 0; i < check.found[r]->len; i++)
          g_ptr_array_add (findings, g_ptr_array_index (check.found[r], i));
      }

  check_clear (&check);

  mark_acknowledged (scenario, findings);

  return findings;
}

static guint
divide_hash (gconstpointer key)
{
  const OpmDivide *divide = key;

  return g_direct_hash (divide->builder) * 31 + g_direct_hash (divide->runner);
}

static gboolean
divide_equal (gconstpointer a,
              gconstpointer b)
{
  const OpmDivide *x = a, *y = b;

  return x->builder == y->builder && x->runner == y->runner;
}

/**
 * opm_check_summarise:
 * @findings: (element-type OpmFinding): findings
 * @errors: (out) (optional): open findings of severity error
 * @warnings: (out) (optional): open findings of severity warning
 * @infos: (out) (optional): open findings of severity info
 * @divides: (out) (optional): distinct pairs of builder and runner teams
 *   over all open OPS-01 findings: the divide lines on the canvas
 * @acknowledged: (out) (optional): acknowledged findings, of any severity
 */
void
opm_check_summarise (GPtrArray *findings,
                     guint     *errors,
                     guint     *warnings,
                     guint     *infos,
                     guint     *divides,
                     guint     *acknowledged)
{
  guint count[3] = { 0, 0, 0 };
  guint n_acknowledged = 0;
  g_autoptr(GHashTable) pairs = NULL;

  g_return_if_fail (findings != NULL);

  if (divides != NULL)
    pairs = g_hash_table_new (divide_hash, divide_equal);

  for (guint i = 0; i < findings->len; i++)
    {
      OpmFinding *finding = g_ptr_array_index (findings, i);

      g_return_if_fail (OPM_IS_FINDING (finding));
      if (finding->reason != NULL)
        {
          n_acknowledged++;
          continue;
        }
      count[finding->severity]++;
      if (pairs != NULL)
        for (guint d = 0; d < finding->n_divides; d++)
          g_hash_table_add (pairs, &finding->divides[d]);
    }

  if (errors != NULL)
    *errors = count[OPM_SEVERITY_ERROR];
  if (warnings != NULL)
    *warnings = count[OPM_SEVERITY_WARNING];
  if (infos != NULL)
    *infos = count[OPM_SEVERITY_INFO];
  if (divides != NULL)
    *divides = g_hash_table_size (pairs);
  if (acknowledged != NULL)
    *acknowledged = n_acknowledged;
}

/**
 * opm_check_filter_open:
 * @findings: (element-type OpmFinding): findings
 *
 * Returns: (transfer container) (element-type OpmFinding): the findings of
 *   @findings that are not acknowledged, in the same order: those to draw
 */
GPtrArray *
opm_check_filter_open (GPtrArray *findings)
{
  GPtrArray *open;

  g_return_val_if_fail (findings != NULL, NULL);

  open = g_ptr_array_new_full (findings->len, g_object_unref);
  for (guint i = 0; i < findings->len; i++)
    {
      OpmFinding *finding = g_ptr_array_index (findings, i);

      if (finding->reason == NULL)
        g_ptr_array_add (open, g_object_ref (finding));
    }

  return open;
}

/**
 * opm_check_unmatched_acknowledgements:
 * @scenario: the scenario @findings were found in
 * @findings: (element-type OpmFinding): what opm_check_scenario() found
 *
 * The acknowledgements of @scenario that no finding matches: the model
 * changed and the finding went away. They stay in the document and apply
 * again if the finding comes back.
 *
 * Returns: (transfer container) (element-type OpmAcknowledgement): those
 *   acknowledgements, in the scenario's order
 */
GPtrArray *
opm_check_unmatched_acknowledgements (OpmScenario *scenario,
                                      GPtrArray   *findings)
{
  GListModel *acknowledgements;
  g_autoptr(GHashTable) matched = NULL;
  GPtrArray *unmatched;
  guint n;

  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (findings != NULL, NULL);

  unmatched = g_ptr_array_new_with_free_func (g_object_unref);
  acknowledgements = opm_scenario_get_acknowledgements (scenario);
  n = g_list_model_get_n_items (acknowledgements);
  if (n == 0)
    return unmatched;

  matched = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      OpmFinding *finding = g_ptr_array_index (findings, i);

      if (finding->reason != NULL)
        g_hash_table_add (matched, opm_scenario_find_acknowledgement (scenario, rules[finding->rule].id,
                                                                      finding->elements[0]));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OpmAcknowledgement) acknowledgement = g_list_model_get_item (acknowledgements, i);

      if (!g_hash_table_contains (matched, acknowledgement))
        g_ptr_array_add (unmatched, g_steal_pointer (&acknowledgement));
    }

  return unmatched;
}

/**
 * opm_check_format_summary:
 *
 * Returns: (transfer full): e.g. "3 divides, 2 errors, 5 warnings, 1 info",
 *   "1 error · 3 acknowledged", "No findings" or "No open findings · 2
 *   acknowledged"
 */
char *
opm_check_format_summary (guint errors,
                          guint warnings,
                          guint infos,
                          guint divides,
                          guint acknowledged)
{
  GString *text = g_string_new (NULL);

  if (divides > 0)
    g_string_append_printf (text, ngettext ("%u divide", "%u divides", divides), divides);
  if (errors > 0)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, ngettext ("%u error", "%u errors", errors), errors);
    }
  if (warnings > 0)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, ngettext ("%u warning", "%u warnings", warnings), warnings);
    }
  if (infos > 0)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, ngettext ("%u info", "%u infos", infos), infos);
    }
  if (text->len == 0)
    g_string_append (text, acknowledged > 0 ? _("No open findings") : _("No findings"));
  if (acknowledged > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("%u acknowledged", "%u acknowledged", acknowledged), acknowledged);
    }

  return g_string_free (text, FALSE);
}

/**
 * opm_check_merge_divides:
 * @findings: (element-type OpmFinding): findings
 *
 * The divides to draw on the canvas: one per pair of builder and runner
 * teams, with the first service they split, its label, and how many
 * services they split. The pointers are borrowed from @findings.
 *
 * Returns: (transfer full) (element-type OpmDivide): the divides, in the
 *   order they first appear
 */
GArray *
opm_check_merge_divides (GPtrArray *findings)
{
  g_autoptr(GHashTable) pairs = g_hash_table_new (divide_hash, divide_equal);
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (OpmDivide));

  g_return_val_if_fail (findings != NULL, merged);

  for (guint i = 0; i < findings->len; i++)
    {
      OpmFinding *finding = g_ptr_array_index (findings, i);

      for (guint d = 0; d < finding->n_divides; d++)
        {
          const OpmDivide *divide = &finding->divides[d];
          gpointer position;

          if (g_hash_table_lookup_extended (pairs, divide, NULL, &position))
            {
              g_array_index (merged, OpmDivide, GPOINTER_TO_UINT (position)).n_services++;
              continue;
            }

          g_hash_table_insert (pairs, (gpointer) divide, GUINT_TO_POINTER (merged->len));
          g_array_append_val (merged, *divide);
        }
    }

  return merged;
}

/* }}} */
