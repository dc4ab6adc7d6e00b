/* opm-simulator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The incident simulator of DESIGN §5: a seeded Monte Carlo over a scenario.
 *
 * opm_simulation_new() compiles the scenario, on the caller's thread, into a
 * plan of plain data: per team its calendar, out-of-hours cover, contract and
 * rights; per service its restore path (the checker's, see
 * _opm_restore_path_compute()), who deploys it, how it is detected, which
 * services go down with it and with what impact, and the money at stake per
 * hour. A run then only samples: it walks one incident through the stages,
 * advancing a clock in minutes from Monday 00:00 so that working hours,
 * out-of-hours cover and release windows apply. The model's objects are never
 * touched off the caller's thread.
 *
 * Every run draws from its own streams, derived from (seed, run, stage) with
 * splitmix64, so a run's outcome depends on nothing but the seed and its
 * index: the result is the same whatever the number of threads, and two
 * scenarios simulated with the same seed see the same random numbers run by
 * run and stage by stage (common random numbers for comparisons). Runs are
 * handed to threads in chunks; sums are taken per chunk in run order and
 * added up in chunk order, so even the last bit of a mean does not depend on
 * scheduling.
 */

#define G_LOG_DOMAIN "opm-simulator"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "opm-checker-private.h"
#include "opm-contract.h"
#include "opm-dependency.h"
#include "opm-document.h"
#include "opm-error.h"
#include "opm-responsibility.h"
#include "opm-selector.h"
#include "opm-simulator.h"
#include "opm-simulator-private.h"

#define MINUTES_PER_DAY  1440.0
#define MINUTES_PER_WEEK 10080.0
#define WEEKS_PER_YEAR   (365.0 / 7.0)

/* Runs per chunk handed to a thread, and between looks at the cancellable. */
#define CHUNK_RUNS  1024
#define CANCEL_RUNS 128

/* Bounce-backs of one handoff, at most. */
#define MAX_BOUNCES 4

/* Impacts below this are not propagated further. */
#define MIN_IMPACT 0.001

/* Pairs of a failing service and a service it takes down, at the most over
 * a scenario (16 bytes each), and steps to find them: a hostile document
 * (a synchronous chain of thousands of services) is refused, not ground
 * through. */
#define MAX_AFFECTED 10000000
#define MAX_PROPAGATION_STEPS 100000000

/* z of the 90th percentile of the standard normal distribution */
#define Z90 1.2815515655446004

/* {{{ Names */

const char *
opm_sim_stage_get_nick (OpmSimStage stage)
{
  static const char *nicks[] = {
    "detect", "acknowledge", "triage", "handoff", "diagnose", "escalate", "fix", "release", "verify",
  };

  g_return_val_if_fail (stage < OPM_SIM_N_STAGES, NULL);
  return nicks[stage];
}

const char *
opm_sim_stage_get_label (OpmSimStage stage)
{
  switch (stage)
    {
    case OPM_SIM_STAGE_DETECT:
      return C_("stage", "Detect");
    case OPM_SIM_STAGE_ACKNOWLEDGE:
      return C_("stage", "Acknowledge");
    case OPM_SIM_STAGE_TRIAGE:
      return C_("stage", "L1 triage");
    case OPM_SIM_STAGE_HANDOFF:
      return C_("stage", "Handoffs");
    case OPM_SIM_STAGE_DIAGNOSE:
      return C_("stage", "Diagnose");
    case OPM_SIM_STAGE_ESCALATE:
      return C_("stage", "Escalate to L3");
    case OPM_SIM_STAGE_FIX:
      return C_("stage", "Fix");
    case OPM_SIM_STAGE_RELEASE:
      return C_("stage", "Release");
    case OPM_SIM_STAGE_VERIFY:
      return C_("stage", "Verify");
    case OPM_SIM_N_STAGES:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * opm_dora_band_for:
 * @minutes: a median time to restore
 *
 * Returns: its DORA band: elite under an hour, high under a day, medium
 *   under a week, low otherwise
 */
OpmDoraBand
opm_dora_band_for (double minutes)
{
  if (minutes < 60)
    return OPM_DORA_BAND_ELITE;
  if (minutes < MINUTES_PER_DAY)
    return OPM_DORA_BAND_HIGH;
  if (minutes < MINUTES_PER_WEEK)
    return OPM_DORA_BAND_MEDIUM;
  return OPM_DORA_BAND_LOW;
}

const char *
opm_dora_band_get_nick (OpmDoraBand band)
{
  static const char *nicks[] = { "elite", "high", "medium", "low" };

  g_return_val_if_fail (band <= OPM_DORA_BAND_LOW, NULL);
  return nicks[band];
}

const char *
opm_dora_band_get_label (OpmDoraBand band)
{
  switch (band)
    {
    case OPM_DORA_BAND_ELITE:
      return C_("dora", "Elite");
    case OPM_DORA_BAND_HIGH:
      return C_("dora", "High");
    case OPM_DORA_BAND_MEDIUM:
      return C_("dora", "Medium");
    case OPM_DORA_BAND_LOW:
      return C_("dora", "Low");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* }}} */
/* {{{ Options and start times */

void
opm_sim_options_init (OpmSimOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->start = -1;
}

static const char *day_names[7][2] = {
  { "mon", "monday" }, { "tue", "tuesday" }, { "wed", "wednesday" }, { "thu", "thursday" },
  { "fri", "friday" }, { "sat", "saturday" }, { "sun", "sunday" },
};

/**
 * opm_sim_parse_start:
 * @text: a day of the week and a time, e.g. "Mon 08:00" or "friday 17:30"
 * @minutes: (out): minutes after Monday 00:00
 * @error: where to say what is wrong
 *
 * Returns: whether @text is a start time
 */
gboolean
opm_sim_parse_start (const char  *text,
                     int         *minutes,
                     GError     **error)
{
  g_auto(GStrv) words = NULL;
  const char *parts[3] = { NULL, NULL, NULL };
  guint n_parts = 0;
  int day = -1;
  guint hour = 0, minute = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (minutes != NULL, FALSE);

  words = g_strsplit_set (text, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && n_parts++ < G_N_ELEMENTS (parts))
      parts[n_parts - 1] = words[i];

  if (n_parts == 2)
    {
      g_autofree char *lower = g_ascii_strdown (parts[0], -1);
      const char *clock = parts[1];

      for (guint d = 0; d < 7 && day < 0; d++)
        if (strcmp (lower, day_names[d][0]) == 0 || strcmp (lower, day_names[d][1]) == 0)
          day = d;

      if (strlen (clock) == 5 && g_ascii_isdigit (clock[0]) && g_ascii_isdigit (clock[1]) && clock[2] == ':' &&
          g_ascii_isdigit (clock[3]) && g_ascii_isdigit (clock[4]))
        {
          hour = (clock[0] - '0') * 10 + (clock[1] - '0');
          minute = (clock[3] - '0') * 10 + (clock[4] - '0');
        }
      else
        day = -1;

      if (hour > 23 || minute > 59)
        day = -1;
    }

  if (day < 0)
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                   _("“%s” is not a start time: give a day and a 24-hour time, e.g. “Mon 08:00”"), text);
      return FALSE;
    }

  *minutes = day * 1440 + (int) hour * 60 + (int) minute;
  return TRUE;
}

/**
 * opm_sim_format_start:
 * @minutes: minutes after Monday 00:00 of the first week
 *
 * Returns: (transfer full): e.g. "Mon 08:00" (later weeks wrap around)
 */
char *
opm_sim_format_start (double minutes)
{
  static const char *days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  long total = lround (floor (minutes));
  long in_week = ((total % 10080) + 10080) % 10080;

  return g_strdup_printf ("%s %02ld:%02ld", days[in_week / 1440], (in_week % 1440) / 60, in_week % 60);
}

/**
 * opm_sim_format_money:
 * @currency: the document's currency, e.g. "$" or "EUR"; may be empty
 * @amount: an amount, rounded to a whole unit
 *
 * Returns: (transfer full): e.g. "$ 1,500,000" or "−EUR 2,300"
 */
char *
opm_sim_format_money (const char *currency,
                      double      amount)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  long long whole = llround (fabs (amount));

  g_return_val_if_fail (currency != NULL, NULL);

  g_string_printf (digits, "%lld", whole);
  for (int i = (int) digits->len - 3; i > 0; i -= 3)
    g_string_insert_c (digits, i, ',');

  return g_strdup_printf ("%s%s%s%s", amount < 0 && whole > 0 ? "−" : "", currency, currency[0] != '\0' ? " " : "",
                          digits->str);
}

/* }}} */
/* {{{ Random numbers */

/* splitmix64: a tiny, fast generator whose stream is a function of its
 * state alone; also the hash that derives the streams of a run. */
static inline guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
rng_next (guint64 *state)
{
  *state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return mix64 (*state);
}

/* Uniform on [0, 1) */
static inline double
rng_uniform (guint64 *state)
{
  return (rng_next (state) >> 11) * (1.0 / 9007199254740992.0);
}

/* Standard normal, Box–Muller (one of the pair). */
static inline double
rng_normal (guint64 *state)
{
  double u = 1.0 - rng_uniform (state); /* (0, 1] */
  double v = rng_uniform (state);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

/* The independent streams of one run: each stage draws from its own, so a
 * change in one stage does not shift the numbers of the others. */
typedef enum
{
  STREAM_START,
  STREAM_SERVICE,
  STREAM_DETECT,
  STREAM_ACKNOWLEDGE,
  STREAM_TRIAGE,
  STREAM_HANDOFF,
  STREAM_DIAGNOSE,
  STREAM_FIX,
  STREAM_RELEASE,
  STREAM_VERIFY,
  N_STREAMS
} Stream;

static void
streams_init (guint64 *streams,
              guint64  seed,
              guint64  run)
{
  guint64 base = mix64 (mix64 (seed ^ G_GUINT64_CONSTANT (0x6a09e667f3bcc909)) + run);

  for (guint s = 0; s < N_STREAMS; s++)
    streams[s] = mix64 (base ^ mix64 ((s + 1) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)));
}

/* A log-normal distribution by its median and 90th percentile. */
typedef struct
{
  double median;
  double sigma;
} Dist;

static Dist
dist_make (double median,
           double p90)
{
  Dist dist = { MAX (median, 0), 0 };

  if (median > 0 && p90 > median)
    dist.sigma = log (p90 / median) / Z90;

  return dist;
}

static inline double
dist_sample (const Dist *dist,
             guint64    *state)
{
  double z = rng_normal (state);

  return dist->sigma > 0 ? dist->median * exp (dist->sigma * z) : dist->median;
}

/* @n draws of the log-normal distribution with @median and @p90, from the
 * stream of run 0, stage 0 of @seed. */
void
_opm_sim_sample_lognormal (double   median,
                           double   p90,
                           guint64  seed,
                           guint    n,
                           double  *values)
{
  guint64 streams[N_STREAMS];
  Dist dist = dist_make (median, p90);

  streams_init (streams, seed, 0);
  for (guint i = 0; i < n; i++)
    values[i] = dist_sample (&dist, &streams[0]);
}

/* }}} */
/* {{{ Calendars */

/* When a team works, a supplier answers or releases may happen, repeating
 * every week. @start and @end are minutes after midnight; an @end before
 * @start runs over midnight into the next day. */
typedef struct
{
  guint8   days;   /* OpmWeekdays */
  int      start;
  int      end;
  gboolean always;
} Calendar;

static void
calendar_set (Calendar *calendar,
              guint     days,
              int       start,
              int       end)
{
  calendar->days = days & 0x7f;
  calendar->start = CLAMP (start, 0, 1440);
  calendar->end = CLAMP (end, 0, 1440);
  calendar->always = calendar->days == 0x7f && calendar->start == 0 && calendar->end == 1440;
}

static inline gboolean
day_set (const Calendar *calendar,
         long            day)
{
  return (calendar->days >> (((day % 7) + 7) % 7)) & 1;
}

static gboolean
calendar_open (const Calendar *calendar,
               double          t)
{
  long day;
  double minute;

  if (calendar->always)
    return TRUE;

  day = (long) floor (t / MINUTES_PER_DAY);
  minute = t - day * MINUTES_PER_DAY;

  if (calendar->start < calendar->end)
    return day_set (calendar, day) && minute >= calendar->start && minute < calendar->end;
  if (calendar->start > calendar->end)
    return (day_set (calendar, day) && minute >= calendar->start) ||
           (day_set (calendar, day - 1) && minute < calendar->end);
  return FALSE;
}

/* The earliest time from @t on when the calendar is open; a calendar that
 * never opens gives @t plus a week. */
static double
calendar_next_open (const Calendar *calendar,
                    double          t)
{
  long day;

  if (calendar_open (calendar, t))
    return t;

  day = (long) floor (t / MINUTES_PER_DAY);
  for (long d = day; d <= day + 8; d++)
    {
      double opens = d * MINUTES_PER_DAY + calendar->start;

      if (calendar->start != calendar->end && day_set (calendar, d) && opens >= t)
        return opens;
    }

  return t + MINUTES_PER_WEEK;
}

/* The start of the first working day after the day of @t. */
static double
calendar_next_day (const Calendar *calendar,
                   double          t)
{
  return calendar_next_open (calendar, (floor (t / MINUTES_PER_DAY) + 1) * MINUTES_PER_DAY);
}

/* }}} */
/* {{{ The plan */

typedef enum
{
  COVER_NONE,      /* waits for the working day, or best efforts for escalations */
  COVER_PAID_ROTA, /* a paid on-call rota answers */
  COVER_ALWAYS,    /* staffed around the clock */
} Cover;

typedef struct
{
  OpmTeam   *team;     /* NULL: nobody in particular */
  Calendar   hours;    /* when the team answers as in working hours */
  Cover      cover;
  gboolean   callout_paid;
  gboolean   operations;
  gboolean   outsourced;
  gboolean   ended;
  guint      priorities;
  double     response[4];
  OpmRights  rights;
  guint      builders;  /* operations: delivery teams whose services it runs */
  double     load;      /* operations: queue waits × this (1: within its capacity) */
} SimTeam;

#define FLAG_ALERTED     (1u << 0) /* its own health check and alerting */
#define FLAG_SYMPTOM     (1u << 1) /* a service it takes down raises the alert */
#define FLAG_MISDIRECTED (1u << 2) /* no health check: found by its symptom elsewhere */
#define FLAG_POOR_TELEMETRY (1u << 3)
#define FLAG_NEEDS_COVER (1u << 4) /* its target needs out-of-hours cover */
#define FLAG_CAB         (1u << 5) /* normal changes: a change board approves */

typedef struct
{
  guint    team;       /* index in Plan.teams */
  guint    activities; /* the team's duties for the service */
} PathTeam;

typedef struct
{
  OpmService *object;       /* borrowed: the simulation holds a reference */
  OpmAvailability target;
  double    rate;
  double    at_stake;       /* exposure per hour over every affected service */
  double    exposure;
  guint     flags;
  guint     priority;       /* 1–4 */
  OpmReleaseWindow window;
  guint     path_len;
  PathTeam  path[OPM_PATH_MAX];
  int       fixer;          /* index in @path, or -1 */
  int       deployer;       /* index in Plan.teams, or -1 */
  guint     first_affected; /* in Plan.affected */
  guint     n_affected;
  int       symptom;        /* service index of the symptom, or -1 */
} SimService;

typedef struct
{
  guint  service;
  double impact;
} Affected;

typedef struct
{
  guint       n_teams;   /* plus one: "nobody", last */
  SimTeam    *teams;
  guint       n_services;
  SimService *services;
  Affected   *affected;
  double     *cumulative_rate;
  double      total_rate;

  Dist        detect_alert, detect_report, ack_rota, ack_bridge, triage, handoff, diagnose;
  Dist        best_efforts, backlog, rollback, code, pipeline, approval;
  double      l1_resolve, bounce_back, knowledge_factor, telemetry_factor, no_answer;
  double      code_fix, response_share, softened_impact;
  double      verify_own_min, verify_own_max, verify_ops_min, verify_ops_max;
  Calendar    overnight;
  Calendar    working_week;
  double      callout_cost, standby_per_week, standby_cost_per_year;

  guint64     seed;
  int         start;           /* -1: drawn */
  int         service;         /* -1: drawn */
  guint       priority;        /* 0: the service's own */
} Plan;

static void
plan_free (Plan *plan)
{
  g_free (plan->teams);
  g_free (plan->services);
  g_free (plan->affected);
  g_free (plan->cumulative_rate);
  g_free (plan);
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
plan_team (Plan       *plan,
           SimTeam    *sim,
           OpmTeam    *team,
           const char *today)
{
  OpmContract *contract = opm_team_get_contract (team);
  OpmOutOfHours cover = opm_team_get_out_of_hours (team);
  OpmOnCallPay pay = opm_team_get_on_call_pay (team);
  const char *end = opm_team_get_end_date (team);

  sim->team = team;
  calendar_set (&sim->hours, opm_team_get_work_days (team), opm_team_get_work_start (team),
                opm_team_get_work_end (team));
  sim->operations = opm_team_is_operations (team);
  sim->rights = opm_team_get_rights (team);
  sim->ended = opm_team_get_lifecycle (team) == OPM_LIFECYCLE_PROJECT && end != NULL && end[0] != '\0' &&
               strcmp (end, today) < 0;

  if (cover == OPM_OUT_OF_HOURS_SHIFT_24X7)
    sim->cover = COVER_ALWAYS;
  else if ((cover == OPM_OUT_OF_HOURS_SHARED_ROTA || cover == OPM_OUT_OF_HOURS_OWN_ROTA) &&
           pay != OPM_ON_CALL_PAY_NONE)
    sim->cover = COVER_PAID_ROTA;
  else
    sim->cover = COVER_NONE;
  sim->callout_paid = sim->cover == COVER_PAID_ROTA &&
                      (pay == OPM_ON_CALL_PAY_STANDBY_CALLOUT || pay == OPM_ON_CALL_PAY_CALLOUT_ONLY);
  if (sim->cover == COVER_ALWAYS)
    sim->hours.always = TRUE;

  /* Everyone on a rota paid for standby is paid every week. */
  if (sim->cover == COVER_PAID_ROTA &&
      (pay == OPM_ON_CALL_PAY_STANDBY || pay == OPM_ON_CALL_PAY_STANDBY_CALLOUT))
    plan->standby_cost_per_year += opm_team_get_rota_size (team) * plan->standby_per_week * WEEKS_PER_YEAR;

  if (opm_team_get_sourcing (team) == OPM_SOURCING_OUTSOURCED && contract != NULL)
    {
      sim->outsourced = TRUE;
      sim->priorities = opm_contract_get_priorities (contract);
      for (guint p = 0; p < 4; p++)
        sim->response[p] = opm_contract_get_response_minutes (contract, p + 1);

      /* The supplier answers in the hours the contract pays for: its
       * working hours, extended hours (07:00–22:00 on its working days) or
       * around the clock. Out of them only a paid rota answers: shifts the
       * contract does not pay for do not work on the incident. */
      calendar_set (&sim->hours, opm_team_get_work_days (team), opm_team_get_work_start (team),
                    opm_team_get_work_end (team));
      if (sim->cover == COVER_ALWAYS)
        sim->cover = COVER_NONE;
      switch (opm_contract_get_hours (contract))
        {
        case OPM_CONTRACT_HOURS_ALWAYS:
          sim->hours.always = TRUE;
          break;
        case OPM_CONTRACT_HOURS_EXTENDED:
          calendar_set (&sim->hours, opm_team_get_work_days (team), 7 * 60, 22 * 60);
          break;
        case OPM_CONTRACT_HOURS_WORKING_HOURS:
        default:
          break;
        }
    }
}

static double
param (OpmParameters *parameters,
       OpmParam       which)
{
  return parameters != NULL ? opm_parameters_get (parameters, which) : opm_parameters_get_default (which);
}

static void
plan_parameters (Plan          *plan,
                 OpmParameters *p)
{
  plan->detect_alert = dist_make (param (p, OPM_PARAM_DETECT_ALERT_MEDIAN), param (p, OPM_PARAM_DETECT_ALERT_P90));
  plan->detect_report = dist_make (param (p, OPM_PARAM_DETECT_REPORT_MEDIAN), param (p, OPM_PARAM_DETECT_REPORT_P90));
  plan->ack_rota = dist_make (param (p, OPM_PARAM_ACK_ROTA_MEDIAN), param (p, OPM_PARAM_ACK_ROTA_P90));
  plan->ack_bridge = dist_make (param (p, OPM_PARAM_ACK_BRIDGE_MEDIAN), param (p, OPM_PARAM_ACK_BRIDGE_P90));
  plan->triage = dist_make (param (p, OPM_PARAM_L1_TRIAGE_MEDIAN), param (p, OPM_PARAM_L1_TRIAGE_P90));
  plan->handoff = dist_make (param (p, OPM_PARAM_HANDOFF_MEDIAN), param (p, OPM_PARAM_HANDOFF_P90));
  plan->diagnose = dist_make (param (p, OPM_PARAM_DIAGNOSE_MEDIAN), param (p, OPM_PARAM_DIAGNOSE_P90));
  plan->best_efforts = dist_make (param (p, OPM_PARAM_BEST_EFFORTS_MEDIAN), param (p, OPM_PARAM_BEST_EFFORTS_P90));
  plan->backlog = dist_make (param (p, OPM_PARAM_BACKLOG_MEDIAN), param (p, OPM_PARAM_BACKLOG_P90));
  plan->rollback = dist_make (param (p, OPM_PARAM_FIX_ROLLBACK_MEDIAN), param (p, OPM_PARAM_FIX_ROLLBACK_P90));
  plan->code = dist_make (param (p, OPM_PARAM_FIX_CODE_MEDIAN), param (p, OPM_PARAM_FIX_CODE_P90));
  plan->pipeline = dist_make (param (p, OPM_PARAM_RELEASE_PIPELINE_MEDIAN), param (p, OPM_PARAM_RELEASE_PIPELINE_P90));
  plan->approval = dist_make (param (p, OPM_PARAM_RELEASE_APPROVAL_MEDIAN), param (p, OPM_PARAM_RELEASE_APPROVAL_P90));
  plan->l1_resolve = param (p, OPM_PARAM_L1_RESOLVE_PROBABILITY);
  plan->bounce_back = param (p, OPM_PARAM_BOUNCE_BACK_PROBABILITY);
  plan->knowledge_factor = param (p, OPM_PARAM_KNOWLEDGE_FACTOR);
  plan->telemetry_factor = param (p, OPM_PARAM_TELEMETRY_FACTOR);
  plan->no_answer = param (p, OPM_PARAM_BEST_EFFORTS_NO_ANSWER_PROBABILITY);
  plan->code_fix = param (p, OPM_PARAM_CODE_FIX_PROBABILITY);
  plan->response_share = param (p, OPM_PARAM_CONTRACT_RESPONSE_SHARE);
  plan->softened_impact = param (p, OPM_PARAM_SOFTENED_IMPACT);
  plan->verify_own_min = param (p, OPM_PARAM_VERIFY_OWN_MIN);
  plan->verify_own_max = MAX (plan->verify_own_min, param (p, OPM_PARAM_VERIFY_OWN_MAX));
  plan->verify_ops_min = param (p, OPM_PARAM_VERIFY_OPS_MIN);
  plan->verify_ops_max = MAX (plan->verify_ops_min, param (p, OPM_PARAM_VERIFY_OPS_MAX));
  plan->callout_cost = param (p, OPM_PARAM_CALLOUT_COST);
  plan->standby_per_week = param (p, OPM_PARAM_STANDBY_COST_PER_WEEK);
  calendar_set (&plan->overnight, 0x7f, (int) param (p, OPM_PARAM_OVERNIGHT_WINDOW_START),
                (int) param (p, OPM_PARAM_OVERNIGHT_WINDOW_END));
}

/* The duties of every service, one entry per team and service, grouped by
 * service: @first[s] … @first[s + 1]. */
static OpmDuty *
plan_duties (OpmScenario *scenario,
             GHashTable  *team_index,
             GHashTable  *service_index,
             guint        n_services,
             guint      **first_out)
{
  GListModel *responsibilities = opm_scenario_get_responsibilities (scenario);
  guint n = g_list_model_get_n_items (responsibilities);
  g_autofree guint *service_of = g_new (guint, MAX (n, 1));
  guint *first = g_new0 (guint, n_services + 1);
  g_autofree guint *fill = g_new0 (guint, n_services + 1);
  OpmDuty *duties = g_new0 (OpmDuty, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      OpmResponsibility *r = list_item (responsibilities, i);
      guint s = GPOINTER_TO_UINT (g_hash_table_lookup (service_index, opm_responsibility_get_service (r)));
      guint t = GPOINTER_TO_UINT (g_hash_table_lookup (team_index, opm_responsibility_get_team (r)));

      service_of[i] = s > 0 && t > 0 ? s : 0;
      if (service_of[i] > 0)
        first[s]++;
    }
  for (guint s = 1; s <= n_services; s++)
    first[s] += first[s - 1];

  /* Place each duty after those of its service's other teams, merging the
   * activities of one team. */
  for (guint i = 0; i < n; i++)
    {
      OpmResponsibility *r;
      OpmTeam *team;
      guint s, base, k;

      if (service_of[i] == 0)
        continue;
      s = service_of[i] - 1;
      r = list_item (responsibilities, i);
      team = opm_responsibility_get_team (r);
      base = first[s];
      for (k = 0; k < fill[s] && duties[base + k].team != team; k++)
        ;
      if (k == fill[s])
        {
          duties[base + k].team = team;
          duties[base + k].team_index = GPOINTER_TO_UINT (g_hash_table_lookup (team_index, team)) - 1;
          fill[s]++;
        }
      duties[base + k].activities |= OPM_DUTY_BIT (opm_responsibility_get_activity (r));
    }

  /* Close the gaps left by merged duties. */
  {
    guint out = 0;
    guint next = first[0];

    for (guint s = 0; s < n_services; s++)
      {
        guint from = next;

        next = first[s + 1];
        first[s] = out;
        memmove (&duties[out], &duties[from], fill[s] * sizeof (OpmDuty));
        out += fill[s];
      }
    first[n_services] = out;
  }

  *first_out = first;
  return duties;
}

/* Which services go down with @s, and how badly: over synchronous
 * dependencies a dependant is down too (impact 1), or, where the dependency
 * is softened, loses the softened impact of what it depends on. The impact of
 * a service is the largest over all routes. @impact and @stamp are scratch,
 * one per service; @queue has room for every service many times over. */
/* An operations team that runs services for more delivery teams than it can
 * absorb (the checker's bottleneck limit, OPS-19) keeps each incident longer
 * in its queue: handoffs to it and its acknowledgements take
 * builders / capacity times as long, an assumption the simple queue makes. */
static void
plan_loads (Plan          *plan,
            const OpmDuty *duties,
            const guint   *first_duty,
            guint          n_services,
            double         capacity)
{
  const guint run = OPM_DUTY_BIT (OPM_ACTIVITY_DEPLOY) | OPM_DUTY_BIT (OPM_ACTIVITY_OPERATE_L1) |
                    OPM_DUTY_BIT (OPM_ACTIVITY_SUPPORT_L2) | OPM_DUTY_BIT (OPM_ACTIVITY_ON_CALL);
  g_autoptr(GHashTable) pairs = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint s = 0; s < n_services; s++)
    for (guint d = first_duty[s]; d < first_duty[s + 1]; d++)
      {
        if (!(duties[d].activities & run) || !plan->teams[duties[d].team_index].operations)
          continue;
        for (guint e = first_duty[s]; e < first_duty[s + 1]; e++)
          if ((duties[e].activities & OPM_DUTY_BIT (OPM_ACTIVITY_BUILD)) && e != d)
            {
              gint64 key = ((gint64) duties[d].team_index << 32) | duties[e].team_index;

              g_array_append_val (keys, key);
            }
      }

  /* the array does not move from here on */
  for (guint i = 0; i < keys->len; i++)
    {
      gint64 *key = &g_array_index (keys, gint64, i);

      if (g_hash_table_add (pairs, key))
        plan->teams[*key >> 32].builders++;
    }

  for (guint t = 0; t < plan->n_teams; t++)
    plan->teams[t].load = capacity > 0 ? MAX (1.0, plan->teams[t].builders / capacity) : 1.0;
}

static void
plan_propagate (Plan         *plan,
                guint         s,
                const guint  *dep_first,
                const guint  *dep_from,
                const double *dep_factor,
                double       *impact,
                guint        *stamp,
                guint         mark,
                GArray       *queue,
                GArray       *affected,
                guint64      *steps)
{
  SimService *sim = &plan->services[s];
  guint head = 0;

  g_array_set_size (queue, 0);
  sim->first_affected = affected->len;
  stamp[s] = mark;
  impact[s] = 1.0;
  g_array_append_val (queue, s);

  while (head < queue->len)
    {
      guint u = g_array_index (queue, guint, head++);

      *steps += dep_first[u + 1] - dep_first[u];
      for (guint d = dep_first[u]; d < dep_first[u + 1]; d++)
        {
          guint v = dep_from[d];
          double candidate = impact[u] * dep_factor[d];

          if (candidate < MIN_IMPACT || (stamp[v] == mark && candidate <= impact[v] + 1e-12))
            continue;
          stamp[v] = mark;
          impact[v] = candidate;
          g_array_append_val (queue, v);
        }
    }

  /* Each service once, in the order first reached. */
  for (guint i = 0; i < queue->len; i++)
    {
      guint v = g_array_index (queue, guint, i);
      Affected entry = { v, impact[v] };

      if (stamp[v] != mark)
        continue;
      stamp[v] = mark - 1; /* listed */
      g_array_append_val (affected, entry);
    }
  sim->n_affected = affected->len - sim->first_affected;
}

static guint
priority_for (double at_stake,
              double band_low,
              double band_medium)
{
  /* DESIGN §4: the loss in the incident sets the priority and response. */
  if (at_stake > band_medium)
    return 1;
  if (at_stake > band_low)
    return 2;
  if (at_stake > 0)
    return 3;
  return 4;
}

static void
plan_service_flags (Plan       *plan,
                    guint       s,
                    OpmService *service)
{
  SimService *sim = &plan->services[s];
  OpmTelemetry telemetry = opm_service_get_telemetry (service);
  OpmTelemetry alerting = OPM_TELEMETRY_HEALTH_CHECK | OPM_TELEMETRY_ALERTING;
  double symptom_exposure = -1;

  if ((telemetry & alerting) == alerting)
    sim->flags |= FLAG_ALERTED;
  if ((telemetry & (OPM_TELEMETRY_LOGS | OPM_TELEMETRY_DASHBOARDS)) != (OPM_TELEMETRY_LOGS | OPM_TELEMETRY_DASHBOARDS))
    sim->flags |= FLAG_POOR_TELEMETRY;
  if (sim->target >= OPM_AVAILABILITY_99_0)
    sim->flags |= FLAG_NEEDS_COVER;
  if (opm_service_get_change_approval (service) == OPM_CHANGE_APPROVAL_NORMAL)
    sim->flags |= FLAG_CAB;
  sim->window = opm_service_get_release_window (service);

  /* The symptom: the most exposed other service it takes down entirely. */
  sim->symptom = -1;
  for (guint a = sim->first_affected; a < sim->first_affected + sim->n_affected; a++)
    {
      const Affected *entry = &plan->affected[a];
      const SimService *other = &plan->services[entry->service];

      if (entry->service == s || entry->impact < 1.0)
        continue;
      if (other->exposure > symptom_exposure)
        {
          symptom_exposure = other->exposure;
          sim->symptom = entry->service;
        }
    }

  if (sim->symptom >= 0 && !(telemetry & OPM_TELEMETRY_HEALTH_CHECK))
    {
      OpmTelemetry symptom_telemetry = opm_service_get_telemetry (plan->services[sim->symptom].object);

      sim->flags |= FLAG_MISDIRECTED;
      if ((symptom_telemetry & alerting) == alerting)
        sim->flags |= FLAG_SYMPTOM;
    }
}

/* The restore path of a service, as the checker sees it; with nobody on
 * it, the team accountable for the service, any team with a duty for it, or
 * else nobody in particular. */
static void
plan_path (Plan          *plan,
           SimService    *sim,
           const OpmDuty *duties,
           guint          n_duties)
{
  OpmPathSteps steps;

  _opm_restore_path_compute (duties, n_duties, &steps);

  sim->deployer = -1;
  for (guint d = 0; d < n_duties; d++)
    if ((duties[d].activities & OPM_DUTY_BIT (OPM_ACTIVITY_DEPLOY)) &&
        (sim->deployer < 0 || (steps.fixer >= 0 && duties[d].team == steps.teams[steps.fixer])))
      sim->deployer = duties[d].team_index;

  if (steps.len == 0)
    {
      const OpmDuty *chosen = NULL;

      for (guint d = 0; d < n_duties; d++)
        if (chosen == NULL || (duties[d].activities & OPM_DUTY_BIT (OPM_ACTIVITY_ACCOUNTABLE)))
          chosen = &duties[d];

      sim->path_len = 1;
      sim->path[0].team = chosen != NULL ? chosen->team_index : plan->n_teams - 1;
      sim->path[0].activities = chosen != NULL ? chosen->activities : 0;
      sim->fixer = chosen != NULL && ((chosen->activities & OPM_DUTY_BIT (OPM_ACTIVITY_BUILD)) ||
                                      (plan->teams[chosen->team_index].rights & OPM_RIGHTS_CODE)) ? 0 : -1;
      return;
    }

  sim->path_len = steps.len;
  sim->fixer = steps.fixer;
  for (guint i = 0; i < steps.len; i++)
    for (guint d = 0; d < n_duties; d++)
      if (duties[d].team == steps.teams[i])
        {
          sim->path[i].team = duties[d].team_index;
          sim->path[i].activities = duties[d].activities;
          break;
        }
}

static Plan *
plan_new (OpmScenario    *scenario,
          OpmParameters  *parameters,
          const char     *today,
          GError        **error)
{
  GListModel *teams = opm_scenario_get_teams (scenario);
  GListModel *services = opm_scenario_get_services (scenario);
  GListModel *dependencies = opm_scenario_get_dependencies (scenario);
  guint n_teams = g_list_model_get_n_items (teams);
  guint n_services = g_list_model_get_n_items (services);
  guint n_deps = g_list_model_get_n_items (dependencies);
  g_autoptr(GHashTable) team_index = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) service_index = g_hash_table_new (NULL, NULL);
  g_autofree guint *first_duty = NULL;
  g_autofree OpmDuty *duties = NULL;
  g_autofree guint *dep_first = g_new0 (guint, n_services + 2);
  g_autofree guint *dep_from = g_new (guint, MAX (n_deps, 1));
  g_autofree double *dep_factor = g_new (double, MAX (n_deps, 1));
  g_autofree guint *dep_ends = g_new (guint, 2 * MAX (n_deps, 1));
  g_autofree double *impact = g_new0 (double, MAX (n_services, 1));
  g_autofree guint *stamp = g_new0 (guint, MAX (n_services, 1));
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) affected = g_array_new (FALSE, FALSE, sizeof (Affected));
  guint64 steps = 0;
  double band_low = param (parameters, OPM_PARAM_EXPOSURE_BAND_LOW);
  double band_medium = param (parameters, OPM_PARAM_EXPOSURE_BAND_MEDIUM);
  Plan *plan = g_new0 (Plan, 1);
  SimTeam *nobody;

  plan_parameters (plan, parameters);
  calendar_set (&plan->working_week, OPM_WEEKDAYS_WORKING_WEEK, 9 * 60, 17 * 60);

  plan->n_teams = n_teams + 1;
  plan->teams = g_new0 (SimTeam, plan->n_teams);
  for (guint t = 0; t < n_teams; t++)
    {
      OpmTeam *team = list_item (teams, t);

      g_hash_table_insert (team_index, team, GUINT_TO_POINTER (t + 1));
      plan_team (plan, &plan->teams[t], team, today);
    }
  nobody = &plan->teams[n_teams];
  nobody->hours = plan->working_week;
  nobody->rights = OPM_RIGHTS_CODE | OPM_RIGHTS_CONFIG | OPM_RIGHTS_DEPLOY | OPM_RIGHTS_TELEMETRY_READ;

  plan->n_services = n_services;
  plan->services = g_new0 (SimService, MAX (n_services, 1));
  plan->cumulative_rate = g_new0 (double, MAX (n_services, 1));
  for (guint s = 0; s < n_services; s++)
    {
      OpmService *service = list_item (services, s);
      SimService *sim = &plan->services[s];

      g_hash_table_insert (service_index, service, GUINT_TO_POINTER (s + 1));
      sim->object = service;
      sim->target = opm_service_get_availability_target (service);
      sim->rate = MAX (opm_service_get_incident_rate (service), 0);
      sim->exposure = MAX (opm_service_get_exposure_per_hour (service), 0);
      plan->total_rate += sim->rate;
      plan->cumulative_rate[s] = plan->total_rate;
    }

  /* Dependants of each service, over the dependencies that carry a failure:
   * synchronous ones, softened or not. */
  for (guint i = 0; i < n_deps; i++)
    {
      OpmDependency *dependency = list_item (dependencies, i);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (service_index, opm_dependency_get_from (dependency)));
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (service_index, opm_dependency_get_to (dependency)));

      dep_ends[2 * i] = 0;
      if (from == 0 || to == 0 || from == to ||
          opm_dependency_get_mode (dependency) != OPM_DEPENDENCY_MODE_SYNCHRONOUS)
        continue;
      dep_ends[2 * i] = from;
      dep_ends[2 * i + 1] = to;
      dep_first[to]++;
    }
  for (guint s = 1; s <= n_services + 1; s++)
    dep_first[s] += dep_first[s - 1];
  for (guint i = n_deps; i-- > 0;)
    if (dep_ends[2 * i] > 0)
      {
        OpmDependency *dependency = list_item (dependencies, i);
        guint d = --dep_first[dep_ends[2 * i + 1]];

        dep_from[d] = dep_ends[2 * i] - 1;
        dep_factor[d] = opm_dependency_get_softening (dependency) == OPM_SOFTENING_NONE ? 1.0 : plan->softened_impact;
      }
  /* dep_first[s] now starts the dependants of service s − 1; shift to 0-based. */
  memmove (dep_first, dep_first + 1, (n_services + 1) * sizeof (guint));

  duties = plan_duties (scenario, team_index, service_index, n_services, &first_duty);
  plan_loads (plan, duties, first_duty, n_services, param (parameters, OPM_PARAM_BOTTLENECK_TEAMS));

  for (guint s = 0; s < n_services; s++)
    {
      plan_propagate (plan, s, dep_first, dep_from, dep_factor, impact, stamp, 2 * s + 2, queue, affected, &steps);
      if (affected->len > MAX_AFFECTED || steps > MAX_PROPAGATION_STEPS)
        {
          g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                       _("The dependencies of the scenario “%s” are too deep or too dense to simulate: "
                         "failures would reach more than %u services in all"),
                       opm_scenario_get_name (scenario), MAX_AFFECTED);
          plan_free (plan);
          return NULL;
        }
    }
  plan->affected = (Affected *) g_array_steal (affected, NULL);

  for (guint s = 0; s < n_services; s++)
    {
      SimService *sim = &plan->services[s];

      for (guint a = sim->first_affected; a < sim->first_affected + sim->n_affected; a++)
        sim->at_stake += plan->services[plan->affected[a].service].exposure * plan->affected[a].impact;
      sim->priority = priority_for (sim->at_stake, band_low, band_medium);
      plan_service_flags (plan, s, sim->object);
      plan_path (plan, sim, &duties[first_duty[s]], first_duty[s + 1] - first_duty[s]);
    }

  return plan;
}

/* }}} */
/* {{{ One incident */

typedef struct
{
  const Plan       *plan;
  const SimService *service;
  guint64           streams[N_STREAMS];
  double            t;
  double            waiting[OPM_SIM_N_STAGES];
  double            working[OPM_SIM_N_STAGES];
  guint             handoffs;
  guint             callouts;
  guint             priority;
  GArray           *steps; /* OpmSimStep, only when replaying */
} Walk;

static inline void
walk_spend (Walk        *walk,
            OpmSimStage  stage,
            gboolean     waiting,
            double       minutes)
{
  if (waiting)
    walk->waiting[stage] += minutes;
  else
    walk->working[stage] += minutes;
  walk->t += minutes;
}

static void
walk_note (Walk          *walk,
           OpmSimStage    stage,
           const SimTeam *team,
           gboolean       waiting,
           double         minutes,
           char          *why)
{
  OpmSimStep step = { walk->t, minutes, stage, team != NULL ? team->team : NULL, waiting, why };

  g_array_append_val (walk->steps, step);
}

/* Spends @minutes in @stage; when replaying, notes the step with the reason
 * formatted from the remaining arguments (only then are they evaluated). */
#define SPEND(walk, stage, team, waiting, minutes, ...) \
  G_STMT_START { \
    double spent_ = (minutes); \
    if (G_UNLIKELY ((walk)->steps != NULL)) \
      walk_note ((walk), (stage), (team), (waiting), spent_, g_strdup_printf (__VA_ARGS__)); \
    walk_spend ((walk), (stage), (waiting), spent_); \
  } G_STMT_END

static const char *
team_name (const SimTeam *team)
{
  return team->team != NULL ? opm_team_get_name (team->team) : _("another team");
}

static const char *
service_name (const SimService *service)
{
  return opm_service_get_name (service->object);
}

static const SimTeam *
team_at (const Walk *walk,
         guint       position)
{
  const Plan *plan = walk->plan;

  return position < walk->service->path_len ? &plan->teams[walk->service->path[position].team]
                                            : &plan->teams[plan->n_teams - 1];
}

static guint
duties_at (const Walk *walk,
           guint       position)
{
  return position < walk->service->path_len ? walk->service->path[position].activities : 0;
}

/* Whether the team at @position answers for the service out of hours. */
static gboolean
escalates_at (const Walk *walk,
              guint       position)
{
  return (int) position == walk->service->fixer ||
         (duties_at (walk, position) & (OPM_DUTY_BIT (OPM_ACTIVITY_SUPPORT_L3) | OPM_DUTY_BIT (OPM_ACTIVITY_ON_CALL)));
}

/* The incident reaches @team now: the wait until someone there works on
 * it. @escalation: the team answers for the service out of hours (L3,
 * on-call); @first: the alert or the report reaches it. */
static void
walk_reach (Walk          *walk,
            OpmSimStage    stage,
            const SimTeam *team,
            gboolean       escalation,
            gboolean       first)
{
  const Plan *plan = walk->plan;
  guint64 *rng = &walk->streams[first ? STREAM_ACKNOWLEDGE : STREAM_HANDOFF];
  guint p = walk->priority;

  if (team->ended)
    {
      double back = calendar_next_day (&team->hours, calendar_next_day (&team->hours, walk->t));

      SPEND (walk, stage, team, TRUE, back - walk->t,
             _("%s is a project team that has ended: someone who still knows the service is found "
               "the working day after next"), team_name (team));
    }
  else if (!calendar_open (&team->hours, walk->t))
    {
      if (team->cover == COVER_PAID_ROTA)
        {
          if (team->callout_paid)
            walk->callouts++;
          SPEND (walk, stage, team, TRUE, dist_sample (&plan->ack_rota, rng),
                 _("Out of hours: %s’s paid on-call rota answers"), team_name (team));
          return;
        }

      if (escalation && (walk->service->flags & FLAG_NEEDS_COVER) && rng_uniform (rng) >= plan->no_answer)
        {
          SPEND (walk, stage, team, TRUE, dist_sample (&plan->best_efforts, rng),
                 _("Out of hours: someone at %s answers on best efforts, unpaid"), team_name (team));
          return;
        }

      if (escalation && (walk->service->flags & FLAG_NEEDS_COVER))
        SPEND (walk, stage, team, TRUE, calendar_next_open (&team->hours, walk->t) - walk->t,
               _("Out of hours: nobody at %s answers on best efforts; the incident waits for the working day"),
               team_name (team));
      else
        SPEND (walk, stage, team, TRUE, calendar_next_open (&team->hours, walk->t) - walk->t,
               _("Out of hours: %s has no cover; the incident waits for the working day"), team_name (team));
    }

  if (team->outsourced)
    {
      double contracted = team->response[p - 1];
      Dist response = dist_make (contracted * plan->response_share, contracted);

      if (!(team->priorities & (1u << (p - 1))))
        SPEND (walk, stage, team, TRUE, dist_sample (&plan->backlog, rng),
               _("The contract of %s does not cover P%u incidents: it waits on the backlog"), team_name (team), p);
      else
        SPEND (walk, stage, team, TRUE, dist_sample (&response, rng),
               _("%s answers within its contracted P%u response time of %.0f min"), team_name (team), p, contracted);
    }
  else if (first && team->operations && team->load > 1.0)
    SPEND (walk, stage, team, TRUE, dist_sample (&plan->ack_bridge, rng) * team->load,
           _("%s acknowledges it and logs a ticket, behind the work of %u delivery teams"), team_name (team),
           team->builders);
  else if (first && team->operations)
    SPEND (walk, stage, team, TRUE, dist_sample (&plan->ack_bridge, rng),
           _("%s acknowledges it and logs a ticket"), team_name (team));
  else if (first)
    SPEND (walk, stage, team, TRUE, dist_sample (&plan->ack_rota, rng),
           _("The alert goes straight to %s, whose on-call engineer acknowledges it"), team_name (team));
  else if (team->load > 1.0)
    SPEND (walk, stage, team, TRUE, dist_sample (&plan->handoff, rng) * team->load,
           _("Queue and context transfer to %s, which runs services for %u delivery teams"), team_name (team),
           team->builders);
  else
    SPEND (walk, stage, team, TRUE, dist_sample (&plan->handoff, rng),
           _("Queue and context transfer to %s"), team_name (team));
}

static void
walk_bounce (Walk          *walk,
             OpmSimStage    stage,
             const SimTeam *team)
{
  guint64 *rng = &walk->streams[STREAM_HANDOFF];

  for (guint b = 0; b < MAX_BOUNCES && rng_uniform (rng) < walk->plan->bounce_back; b++)
    {
      walk->handoffs++;
      SPEND (walk, stage, team, TRUE, dist_sample (&walk->plan->handoff, rng),
             _("%s bounces it back (not theirs, or too little to go on); it is sent again"), team_name (team));
    }
}

/* A team lacks a right its step needs: one more handoff, to a team that has
 * it or to whoever grants it. */
static void
walk_rights_gap (Walk          *walk,
                 OpmSimStage    stage,
                 const SimTeam *team,
                 const char    *right)
{
  walk->handoffs++;
  SPEND (walk, stage, team, TRUE, dist_sample (&walk->plan->handoff, &walk->streams[STREAM_HANDOFF]),
         _("%s lacks the %s rights: another handoff to get it done"), team_name (team), right);
}

static void
walk_release (Walk          *walk,
              const SimTeam *fixer)
{
  const Plan *plan = walk->plan;
  const SimService *svc = walk->service;
  const SimTeam *deployer = svc->deployer >= 0 ? &plan->teams[svc->deployer] : fixer;
  guint64 *rng = &walk->streams[STREAM_RELEASE];

  if (deployer != fixer)
    {
      walk->handoffs++;
      walk_reach (walk, OPM_SIM_STAGE_RELEASE, deployer, FALSE, FALSE);
    }
  if (!(deployer->rights & OPM_RIGHTS_DEPLOY))
    walk_rights_gap (walk, OPM_SIM_STAGE_RELEASE, deployer, _("deploy"));

  if (svc->flags & FLAG_CAB)
    SPEND (walk, OPM_SIM_STAGE_RELEASE, NULL, TRUE, dist_sample (&plan->approval, rng),
           _("Normal changes need the change board: an emergency change is approved"));

  if (walk->priority > 1 && svc->window != OPM_RELEASE_WINDOW_ANY_TIME)
    {
      gboolean overnight = svc->window == OPM_RELEASE_WINDOW_OVERNIGHT;
      double opens = calendar_next_open (overnight ? &plan->overnight : &deployer->hours, walk->t);

      if (opens > walk->t)
        SPEND (walk, OPM_SIM_STAGE_RELEASE, NULL, TRUE, opens - walk->t,
               overnight ? _("Too little for an emergency release at P%u: it waits for the overnight window")
                         : _("Too little for an emergency release at P%u: it waits for working hours"),
               walk->priority);
    }

  if (deployer == fixer)
    SPEND (walk, OPM_SIM_STAGE_RELEASE, deployer, FALSE, dist_sample (&plan->pipeline, rng),
           _("%s deploys the fix through its own pipeline"), team_name (deployer));
  else
    SPEND (walk, OPM_SIM_STAGE_RELEASE, deployer, FALSE, dist_sample (&plan->pipeline, rng),
           _("%s deploys the fix"), team_name (deployer));
}

static void
walk_verify (Walk          *walk,
             const SimTeam *first,
             const SimTeam *restorer)
{
  const Plan *plan = walk->plan;
  double u = rng_uniform (&walk->streams[STREAM_VERIFY]);

  if (first->operations)
    SPEND (walk, OPM_SIM_STAGE_VERIFY, first, FALSE,
           plan->verify_ops_min + u * (plan->verify_ops_max - plan->verify_ops_min),
           _("%s runs the acceptance checks and closes the incident"), team_name (first));
  else
    SPEND (walk, OPM_SIM_STAGE_VERIFY, restorer, FALSE,
           plan->verify_own_min + u * (plan->verify_own_max - plan->verify_own_min),
           _("%s smoke-tests the service and closes the incident"), team_name (restorer));
}

static char *
diagnose_why (const Walk    *walk,
              const SimTeam *team,
              gboolean       builds,
              gboolean       poor_telemetry)
{
  const Plan *plan = walk->plan;

  if (!builds && poor_telemetry)
    return g_strdup_printf (_("%s diagnoses it without having built it (×%g) and with missing telemetry (×%g)"),
                            team_name (team), plan->knowledge_factor, plan->telemetry_factor);
  if (!builds)
    return g_strdup_printf (_("%s diagnoses it without having built it (×%g)"), team_name (team),
                            plan->knowledge_factor);
  if (poor_telemetry)
    return g_strdup_printf (_("%s diagnoses it with missing telemetry (×%g)"), team_name (team),
                            plan->telemetry_factor);
  return g_strdup_printf (_("%s diagnoses it"), team_name (team));
}

static void
walk_incident (Walk *walk)
{
  const Plan *plan = walk->plan;
  const SimService *svc = walk->service;
  const SimTeam *first = team_at (walk, 0);
  const SimTeam *team = first;
  const SimTeam *restorer;
  gboolean traced = !(svc->flags & FLAG_MISDIRECTED);
  gboolean code;
  guint position = 0;

  /* Detect */
  if (svc->flags & FLAG_ALERTED)
    SPEND (walk, OPM_SIM_STAGE_DETECT, NULL, TRUE, dist_sample (&plan->detect_alert, &walk->streams[STREAM_DETECT]),
           _("The health check of %s raises an alert"), service_name (svc));
  else if (svc->flags & FLAG_SYMPTOM)
    SPEND (walk, OPM_SIM_STAGE_DETECT, NULL, TRUE, dist_sample (&plan->detect_alert, &walk->streams[STREAM_DETECT]),
           _("%s goes down with it and raises an alert"), service_name (&plan->services[svc->symptom]));
  else
    SPEND (walk, OPM_SIM_STAGE_DETECT, NULL, TRUE, dist_sample (&plan->detect_report, &walk->streams[STREAM_DETECT]),
           _("No alert: customers notice and report it"));

  /* Acknowledge */
  walk_reach (walk, OPM_SIM_STAGE_ACKNOWLEDGE, first, escalates_at (walk, 0), TRUE);

  code = rng_uniform (&walk->streams[STREAM_FIX]) < plan->code_fix;

  /* L1 triage: a runbook step or a restart. A team that also fixes the
   * service tries the same as the start of its diagnosis. */
  if (duties_at (walk, 0) & OPM_DUTY_BIT (OPM_ACTIVITY_OPERATE_L1))
    {
      guint64 *rng = &walk->streams[STREAM_TRIAGE];

      if (rng_uniform (rng) < plan->l1_resolve)
        {
          SPEND (walk, OPM_SIM_STAGE_TRIAGE, first, FALSE, dist_sample (&plan->triage, rng),
                 _("%s restores it with a runbook step or a restart"), team_name (first));
          walk_verify (walk, first, first);
          return;
        }
      if (svc->fixer != 0)
        {
          SPEND (walk, OPM_SIM_STAGE_TRIAGE, first, FALSE, dist_sample (&plan->triage, rng),
                 _("%s triages it; the runbook does not restore it"), team_name (first));
          position = 1;
        }
    }

  for (;;)
    {
      guint duties;
      gboolean builds, poor_telemetry;
      double factor;

      if (position > 0)
        {
          OpmSimStage stage = (int) position == svc->fixer ? OPM_SIM_STAGE_ESCALATE : OPM_SIM_STAGE_HANDOFF;

          team = team_at (walk, position);
          walk->handoffs++;
          walk_reach (walk, stage, team, escalates_at (walk, position), FALSE);
          walk_bounce (walk, stage, team);
        }

      duties = duties_at (walk, position);
      builds = (duties & OPM_DUTY_BIT (OPM_ACTIVITY_BUILD)) != 0;
      poor_telemetry = (svc->flags & FLAG_POOR_TELEMETRY) != 0;
      factor = (builds ? 1.0 : plan->knowledge_factor) * (poor_telemetry ? plan->telemetry_factor : 1.0);

      if (!(team->rights & OPM_RIGHTS_TELEMETRY_READ))
        walk_rights_gap (walk, OPM_SIM_STAGE_DIAGNOSE, team, _("telemetry read"));

      if (G_UNLIKELY (walk->steps != NULL))
        walk_note (walk, OPM_SIM_STAGE_DIAGNOSE, team, FALSE, 0, diagnose_why (walk, team, builds, poor_telemetry));
      {
        double minutes = factor * dist_sample (&plan->diagnose, &walk->streams[STREAM_DIAGNOSE]);

        if (G_UNLIKELY (walk->steps != NULL))
          g_array_index (walk->steps, OpmSimStep, walk->steps->len - 1).duration = minutes;
        walk_spend (walk, OPM_SIM_STAGE_DIAGNOSE, FALSE, minutes);
      }

      if (!traced)
        {
          traced = TRUE;
          SPEND (walk, OPM_SIM_STAGE_DIAGNOSE, team, FALSE,
                 factor * dist_sample (&plan->diagnose, &walk->streams[STREAM_DIAGNOSE]),
                 _("%s has no health check: tracing the symptom in %s back to it takes another round"),
                 service_name (svc), service_name (&plan->services[svc->symptom]));
        }

      if (!code)
        {
          restorer = team;
          if (!(team->rights & (OPM_RIGHTS_CONFIG | OPM_RIGHTS_DEPLOY)))
            {
              walk_rights_gap (walk, OPM_SIM_STAGE_FIX, team, _("config and deploy"));
              if (svc->deployer >= 0)
                restorer = &plan->teams[svc->deployer];
            }
          /* A rollback or a configuration change is a change too. */
          if (svc->flags & FLAG_CAB)
            SPEND (walk, OPM_SIM_STAGE_FIX, NULL, TRUE, dist_sample (&plan->approval, &walk->streams[STREAM_RELEASE]),
                   _("Normal changes need the change board: the rollback is approved as an emergency change"));
          SPEND (walk, OPM_SIM_STAGE_FIX, restorer, FALSE,
                 dist_sample (&plan->rollback, &walk->streams[STREAM_FIX]),
                 _("%s rolls back or changes the configuration"), team_name (restorer));
          break;
        }

      if ((int) position == svc->fixer || position >= svc->path_len)
        {
          restorer = team;
          if (!(team->rights & OPM_RIGHTS_CODE))
            walk_rights_gap (walk, OPM_SIM_STAGE_FIX, team, _("code"));
          SPEND (walk, OPM_SIM_STAGE_FIX, team, FALSE, dist_sample (&plan->code, &walk->streams[STREAM_FIX]),
                 _("A rollback is not enough: %s writes and tests a code fix"), team_name (team));
          walk_release (walk, team);
          break;
        }

      position++;
    }

  walk_verify (walk, first, restorer);
}

static void
simulate_run (const Plan *plan,
              guint       run,
              OpmSimRun  *out,
              double     *sums,
              GArray     *steps)
{
  Walk walk = { 0 };
  guint s;
  double start;

  walk.plan = plan;
  walk.steps = steps;
  streams_init (walk.streams, plan->seed, run);

  if (plan->service >= 0)
    s = plan->service;
  else if (plan->total_rate > 0)
    {
      double u = rng_uniform (&walk.streams[STREAM_SERVICE]) * plan->total_rate;
      guint lo = 0, hi = plan->n_services - 1;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (plan->cumulative_rate[mid] > u)
            hi = mid;
          else
            lo = mid + 1;
        }
      s = lo;
    }
  else
    s = MIN ((guint) (rng_uniform (&walk.streams[STREAM_SERVICE]) * plan->n_services), plan->n_services - 1);

  start = plan->start >= 0 ? plan->start : floor (rng_uniform (&walk.streams[STREAM_START]) * MINUTES_PER_WEEK);

  walk.service = &plan->services[s];
  walk.priority = plan->priority > 0 ? plan->priority : walk.service->priority;
  walk.t = start;
  walk_incident (&walk);

  memset (out, 0, sizeof *out); /* padding too: records compare as bytes */
  out->time_to_restore = walk.t - start;
  out->loss = out->time_to_restore / 60.0 * walk.service->at_stake;
  out->start = start;
  out->service = s;
  out->handoffs = walk.handoffs;
  out->priority = walk.priority;
  out->callouts = walk.callouts;
  for (guint i = 0; i < OPM_SIM_N_STAGES; i++)
    {
      out->waiting += walk.waiting[i];
      out->working += walk.working[i];
      if (sums != NULL)
        {
          sums[2 * i] += walk.waiting[i];
          sums[2 * i + 1] += walk.working[i];
        }
    }
  if (sums != NULL)
    sums[2 * OPM_SIM_N_STAGES] += walk.callouts;
}

/* }}} */
/* {{{ Results */

static void
service_result_clear (gpointer data)
{
  OpmSimServiceResult *entry = data;

  g_clear_object (&entry->service);
}

static void
sim_result_clear (gpointer data)
{
  OpmSimResult *result = data;

  g_free (result->scenario);
  g_free (result->currency);
  g_clear_pointer (&result->services, g_array_unref);
  g_clear_pointer (&result->per_run, g_array_unref);
}

OpmSimResult *
opm_sim_result_ref (OpmSimResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return g_atomic_rc_box_acquire (result);
}

void
opm_sim_result_unref (OpmSimResult *result)
{
  g_return_if_fail (result != NULL);

  g_atomic_rc_box_release_full (result, sim_result_clear);
}

G_DEFINE_BOXED_TYPE (OpmSimResult, opm_sim_result, opm_sim_result_ref, opm_sim_result_unref)

/**
 * opm_sim_result_compare:
 * @from: the result of the current scenario
 * @to: the result of the target scenario, simulated with the same seed
 * @delta: (out): @to minus @from
 */
void
opm_sim_result_compare (const OpmSimResult *from,
                        const OpmSimResult *to,
                        OpmSimDelta        *delta)
{
  g_return_if_fail (from != NULL && to != NULL && delta != NULL);

  delta->time_to_restore_p50 = to->time_to_restore.p50 - from->time_to_restore.p50;
  delta->time_to_restore_p90 = to->time_to_restore.p90 - from->time_to_restore.p90;
  delta->handoffs_mean = to->handoffs.mean - from->handoffs.mean;
  delta->loss_per_year = to->loss_per_year - from->loss_per_year;
  delta->on_call_cost_per_year = to->on_call_cost_per_year - from->on_call_cost_per_year;
}

/* Puts the @k-th smallest of @values[lo … hi] at @k, the smaller ones
 * before it and the larger after (Hoare's selection, median of three). */
static void
select_kth (double *values,
            guint   lo,
            guint   hi,
            guint   k)
{
  while (hi > lo)
    {
      guint mid = lo + (hi - lo) / 2;
      double pivot, swap;
      guint i = lo, j = hi;

      /* Median of three as the pivot. */
      if (values[mid] < values[lo])
        swap = values[mid], values[mid] = values[lo], values[lo] = swap;
      if (values[hi] < values[lo])
        swap = values[hi], values[hi] = values[lo], values[lo] = swap;
      if (values[hi] < values[mid])
        swap = values[hi], values[hi] = values[mid], values[mid] = swap;
      pivot = values[mid];

      while (i <= j)
        {
          while (values[i] < pivot)
            i++;
          while (values[j] > pivot)
            j--;
          if (i <= j)
            {
              swap = values[i], values[i] = values[j], values[j] = swap;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }

      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return;
    }
}

/* Percentiles by linear interpolation between order statistics, found by
 * selection rather than sorting; the mean summed in run order. Reorders
 * @values. */
static void
summarise (double        *values,
           guint          n,
           OpmSimSummary *summary)
{
  const double ps[] = { 0.50, 0.90, 0.99 };
  double *out[] = { &summary->p50, &summary->p90, &summary->p99 };
  double sum = 0;
  guint from = 0;

  memset (summary, 0, sizeof *summary);
  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    sum += values[i];
  summary->mean = sum / n;

  for (guint k = 0; k < G_N_ELEMENTS (ps); k++)
    {
      double h = (n - 1) * ps[k];
      guint lo = (guint) floor (h);
      double next;

      /* Earlier selections left everything from @from on no smaller. */
      select_kth (values, from, n - 1, lo);
      next = values[lo];
      for (guint i = lo + 1; i < n; i++)
        next = i == lo + 1 || values[i] < next ? values[i] : next;
      *out[k] = values[lo] + (h - lo) * (next - values[lo]);
      from = lo;
    }
}

/**
 * opm_sim_result_typical_run:
 * @result: a result
 * @quantile: 0 to 1, e.g. 0.5 for a median incident, 0.9 for a bad one
 *
 * Finds a run to replay with opm_simulation_trace(): the first whose time to
 * restore is that quantile of all runs (the nearest order statistic).
 *
 * Returns: the run's index
 */
guint
opm_sim_result_typical_run (const OpmSimResult *result,
                            double              quantile)
{
  g_autofree double *values = NULL;
  guint n, k;
  double target;

  g_return_val_if_fail (result != NULL, 0);
  g_return_val_if_fail (quantile >= 0 && quantile <= 1, 0);

  n = result->per_run->len;
  if (n == 0)
    return 0;

  values = g_new (double, n);
  for (guint i = 0; i < n; i++)
    values[i] = g_array_index (result->per_run, OpmSimRun, i).time_to_restore;
  k = (guint) lround ((n - 1) * quantile);
  select_kth (values, 0, n - 1, k);
  target = values[k];

  for (guint i = 0; i < n; i++)
    if (g_array_index (result->per_run, OpmSimRun, i).time_to_restore == target)
      return i;

  g_return_val_if_reached (0);
}

/* }}} */
/* {{{ OpmSimulation */

struct _OpmSimulation
{
  GObject    parent_instance;

  /* owned */
  Plan      *plan;
  GPtrArray *objects;  /* the teams and services the plan borrows */
  char      *scenario_name;
  char      *currency;
  guint      runs;
  guint      threads;

  gint       done;     /* atomic: runs finished by the current run */
  gint       running;  /* atomic */
};

G_DEFINE_FINAL_TYPE (OpmSimulation, opm_simulation, G_TYPE_OBJECT)

static void
opm_simulation_finalize (GObject *object)
{
  OpmSimulation *self = OPM_SIMULATION (object);

  g_clear_pointer (&self->plan, plan_free);
  g_clear_pointer (&self->objects, g_ptr_array_unref);
  g_free (self->scenario_name);
  g_free (self->currency);

  G_OBJECT_CLASS (opm_simulation_parent_class)->finalize (object);
}

static void
opm_simulation_class_init (OpmSimulationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = opm_simulation_finalize;
}

static void
opm_simulation_init (OpmSimulation *self)
{
}

/**
 * opm_simulation_new:
 * @scenario: the scenario to simulate
 * @parameters: (nullable): the parameters; %NULL: the defaults
 * @options: (nullable): what to simulate; %NULL: the document's defaults
 * @error: where to say why the scenario cannot be simulated
 *
 * Compiles @scenario into a plan. Call it on the thread that owns the
 * document; later edits of the document do not change the simulation.
 *
 * Returns: (transfer full) (nullable): the simulation, or %NULL when the
 *   scenario has no services or the options do not fit it
 */
OpmSimulation *
opm_simulation_new (OpmScenario          *scenario,
                    OpmParameters        *parameters,
                    const OpmSimOptions  *options,
                    GError              **error)
{
  g_autoptr(OpmSimulation) self = NULL;
  OpmSimOptions defaults;
  OpmDocument *document;
  GListModel *services;
  char today[16];
  double runs;
  int service = -1;

  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (parameters == NULL || OPM_IS_PARAMETERS (parameters), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      opm_sim_options_init (&defaults);
      options = &defaults;
    }

  services = opm_scenario_get_services (scenario);
  if (g_list_model_get_n_items (services) == 0)
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                   _("The scenario “%s” has no services: there is nothing to simulate"),
                   opm_scenario_get_name (scenario));
      return NULL;
    }

  if (options->service != NULL)
    {
      for (guint s = 0; s < g_list_model_get_n_items (services) && service < 0; s++)
        if (list_item (services, s) == (gpointer) options->service)
          service = s;
      if (service < 0)
        {
          g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO,
                       _("The service “%s” is not in the scenario “%s”"),
                       opm_service_get_name (options->service), opm_scenario_get_name (scenario));
          return NULL;
        }
    }

  if (options->start < -1 || options->start >= (int) MINUTES_PER_WEEK)
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                   _("The start time must be within the week (0–10079 minutes after Monday 00:00)"));
      return NULL;
    }

  if (options->priority > 4)
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                   _("The priority must be P1 to P4, or 0 to set it by the loss at stake"));
      return NULL;
    }

  runs = options->runs > 0 ? options->runs : param (parameters, OPM_PARAM_SIMULATION_RUNS);
  if (!(runs >= 1 && runs <= 10000000))
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                   _("The number of runs must be between 1 and 10000000"));
      return NULL;
    }

  if (options->today != NULL && g_date_valid (options->today))
    g_snprintf (today, sizeof today, "%04u-%02u-%02u", g_date_get_year (options->today),
                g_date_get_month (options->today), g_date_get_day (options->today));
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *text = g_date_time_format (now, "%Y-%m-%d");

      g_strlcpy (today, text, sizeof today);
    }

  self = g_object_new (OPM_TYPE_SIMULATION, NULL);
  self->plan = plan_new (scenario, parameters, today, error);
  if (self->plan == NULL)
    return NULL;
  self->plan->seed = options->has_seed ? options->seed : (guint64) param (parameters, OPM_PARAM_SIMULATION_SEED);
  self->plan->start = options->start;
  self->plan->service = service;
  self->plan->priority = options->priority;
  self->runs = (guint) runs;
  self->threads = options->threads > 0 ? MIN (options->threads, 256) : MAX (g_get_num_processors (), 1);
  self->scenario_name = g_strdup (opm_scenario_get_name (scenario));
  document = opm_scenario_get_document (scenario);
  self->currency = g_strdup (document != NULL ? opm_document_get_currency (document) : "");

  /* The plan borrows the teams and services: keep them alive. */
  self->objects = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint t = 0; t + 1 < self->plan->n_teams; t++)
    g_ptr_array_add (self->objects, g_object_ref (self->plan->teams[t].team));
  for (guint s = 0; s < self->plan->n_services; s++)
    g_ptr_array_add (self->objects, g_object_ref (self->plan->services[s].object));

  return g_steal_pointer (&self);
}

guint
opm_simulation_get_runs (OpmSimulation *self)
{
  g_return_val_if_fail (OPM_IS_SIMULATION (self), 0);
  return self->runs;
}

guint64
opm_simulation_get_seed (OpmSimulation *self)
{
  g_return_val_if_fail (OPM_IS_SIMULATION (self), 0);
  return self->plan->seed;
}

guint
opm_simulation_get_threads (OpmSimulation *self)
{
  g_return_val_if_fail (OPM_IS_SIMULATION (self), 0);
  return self->threads;
}

/**
 * opm_simulation_get_progress:
 * @self: a simulation
 *
 * May be called from any thread while opm_simulation_run() works, e.g. from
 * a timeout on the main thread.
 *
 * Returns: the share of the runs done, 0 to 1
 */
double
opm_simulation_get_progress (OpmSimulation *self)
{
  g_return_val_if_fail (OPM_IS_SIMULATION (self), 0);
  return (double) g_atomic_int_get (&self->done) / self->runs;
}

#define N_SUMS (2 * OPM_SIM_N_STAGES + 1)

typedef struct
{
  const Plan   *plan;
  guint         runs;
  guint         n_chunks;
  gint          next_chunk; /* atomic */
  gint          cancelled;  /* atomic */
  gint         *done;       /* atomic */
  OpmSimRun    *per_run;
  double       *sums;       /* N_SUMS per chunk */
  GCancellable *cancellable;
} Job;

static gpointer
job_work (gpointer data)
{
  Job *job = data;
  double sums[N_SUMS];

  for (;;)
    {
      guint chunk = (guint) g_atomic_int_add (&job->next_chunk, 1);
      guint first, last;

      if (chunk >= job->n_chunks)
        return NULL;

      first = chunk * CHUNK_RUNS;
      last = MIN (first + CHUNK_RUNS, job->runs);
      /* Sums on the stack: neighbouring chunks belong to other threads. */
      memset (sums, 0, sizeof sums);
      for (guint block = first; block < last; block += CANCEL_RUNS)
        {
          guint end = MIN (block + CANCEL_RUNS, last);

          if (g_atomic_int_get (&job->cancelled) || g_cancellable_is_cancelled (job->cancellable))
            {
              g_atomic_int_set (&job->cancelled, TRUE);
              return NULL;
            }
          for (guint run = block; run < end; run++)
            simulate_run (job->plan, run, &job->per_run[run], sums, NULL);
          g_atomic_int_add (job->done, end - block);
        }
      memcpy (&job->sums[chunk * N_SUMS], sums, sizeof sums);
    }
}

static OpmSimResult *
result_new (OpmSimulation *self,
            GArray        *per_run,
            const double  *sums,
            guint          n_chunks)
{
  const Plan *plan = self->plan;
  OpmSimResult *result = g_atomic_rc_box_new0 (OpmSimResult);
  const OpmSimRun *runs = (const OpmSimRun *) (gpointer) per_run->data;
  guint n = per_run->len;
  g_autofree double *values = g_new (double, n);
  g_autofree double *total = g_new0 (double, N_SUMS);
  g_autofree double *hours = g_new0 (double, plan->n_services);
  g_autofree guint *counts = g_new0 (guint, plan->n_services);
  g_autofree double *loss = g_new0 (double, plan->n_services);
  g_autofree double *touched = g_new0 (double, plan->n_services);

  result->scenario = g_strdup (self->scenario_name);
  result->currency = g_strdup (self->currency);
  result->runs = n;
  result->seed = plan->seed;
  result->per_run = per_run;

  for (guint i = 0; i < n; i++)
    values[i] = runs[i].time_to_restore;
  summarise (values, n, &result->time_to_restore);
  for (guint i = 0; i < n; i++)
    values[i] = runs[i].handoffs;
  summarise (values, n, &result->handoffs);
  for (guint i = 0; i < n; i++)
    values[i] = runs[i].loss;
  summarise (values, n, &result->loss);

  for (guint c = 0; c < n_chunks; c++)
    for (guint k = 0; k < N_SUMS; k++)
      total[k] += sums[c * N_SUMS + k];
  for (guint i = 0; i < OPM_SIM_N_STAGES; i++)
    {
      result->stages[i].waiting = total[2 * i] / n;
      result->stages[i].working = total[2 * i + 1] / n;
    }

  result->incidents_per_year = plan->service >= 0 ? plan->services[plan->service].rate : plan->total_rate;
  result->loss_per_year = result->loss.mean * result->incidents_per_year;
  result->callouts_per_incident = total[2 * OPM_SIM_N_STAGES] / n;
  result->callout_cost_per_year = result->callouts_per_incident * result->incidents_per_year * plan->callout_cost;
  result->standby_cost_per_year = plan->standby_cost_per_year;
  result->on_call_cost_per_year = result->standby_cost_per_year + result->callout_cost_per_year;
  result->dora_band = opm_dora_band_for (result->time_to_restore.p50);

  /* Each service's yearly loss: over the incidents that start in it or
   * reach it, its exposure × impact × time to restore. */
  for (guint i = 0; i < n; i++)
    {
      hours[runs[i].service] += runs[i].time_to_restore / 60.0;
      counts[runs[i].service]++;
    }
  for (guint f = 0; f < plan->n_services; f++)
    {
      const SimService *failing = &plan->services[f];

      if (counts[f] == 0)
        continue;
      for (guint a = failing->first_affected; a < failing->first_affected + failing->n_affected; a++)
        {
          const Affected *entry = &plan->affected[a];

          loss[entry->service] += hours[f] / n * result->incidents_per_year *
                                  plan->services[entry->service].exposure * entry->impact;
          touched[entry->service] += (double) counts[f] / n * result->incidents_per_year;
        }
    }

  result->services = g_array_sized_new (FALSE, TRUE, sizeof (OpmSimServiceResult), plan->n_services);
  g_array_set_clear_func (result->services, service_result_clear);
  for (guint s = 0; s < plan->n_services; s++)
    {
      const SimService *sim = &plan->services[s];
      OpmSimServiceResult entry = {
        g_object_ref (sim->object), touched[s], loss[s],
        opm_selector_flpe (sim->exposure, sim->target, loss[s], WEEKS_PER_YEAR),
      };

      g_array_append_val (result->services, entry);
    }

  return result;
}

/**
 * opm_simulation_run:
 * @self: a simulation
 * @cancellable: (nullable): cancels the run within a few milliseconds
 * @error: set to %G_IO_ERROR_CANCELLED when cancelled
 *
 * Simulates every run, on the simulation's number of threads (the calling
 * one among them). Blocks: call it from a worker thread, or use
 * opm_simulation_run_async(). One run of a simulation at a time.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL when cancelled
 */
OpmSimResult *
opm_simulation_run (OpmSimulation  *self,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autofree double *sums = NULL;
  GArray *per_run;
  Job job = { 0 };

  g_return_val_if_fail (OPM_IS_SIMULATION (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (g_atomic_int_compare_and_exchange (&self->running, FALSE, TRUE), NULL);

  g_atomic_int_set (&self->done, 0);
  /* Not cleared: every run fills its own record, and clearing the records
   * of millions of runs would delay a cancel. */
  per_run = g_array_sized_new (FALSE, FALSE, sizeof (OpmSimRun), self->runs);
  g_array_set_size (per_run, self->runs);

  job.plan = self->plan;
  job.runs = self->runs;
  job.n_chunks = (self->runs + CHUNK_RUNS - 1) / CHUNK_RUNS;
  job.done = &self->done;
  job.per_run = (OpmSimRun *) (gpointer) per_run->data;
  job.sums = sums = g_new0 (double, (gsize) job.n_chunks * N_SUMS);
  job.cancellable = cancellable;

  for (guint t = 1; t < MIN (self->threads, job.n_chunks); t++)
    {
      GThread *thread = g_thread_try_new ("opm-simulation", job_work, &job, NULL);

      /* Fewer threads only make it slower. */
      if (thread != NULL)
        g_ptr_array_add (threads, thread);
    }
  job_work (&job);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));

  g_atomic_int_set (&self->running, FALSE);

  if (g_atomic_int_get (&job.cancelled))
    {
      g_array_unref (per_run);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The simulation was cancelled"));
      return NULL;
    }

  return result_new (self, per_run, sums, job.n_chunks);
}

static void
run_in_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  OpmSimResult *result = opm_simulation_run (OPM_SIMULATION (source), cancellable, &error);

  if (result != NULL)
    g_task_return_pointer (task, result, (GDestroyNotify) opm_sim_result_unref);
  else
    g_task_return_error (task, error);
}

/**
 * opm_simulation_run_async:
 * @self: a simulation
 * @cancellable: (nullable): a cancellable
 * @callback: called on the thread-default main context when done
 * @user_data: for @callback
 *
 * Runs the simulation in a worker thread; poll opm_simulation_get_progress()
 * meanwhile. Cancelling ends it within a few milliseconds.
 */
void
opm_simulation_run_async (OpmSimulation       *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OPM_IS_SIMULATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, opm_simulation_run_async);
  g_task_run_in_thread (task, run_in_thread);
}

OpmSimResult *
opm_simulation_run_finish (OpmSimulation  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (OPM_IS_SIMULATION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* }}} */
/* {{{ Traces */

static void
step_clear (gpointer data)
{
  OpmSimStep *step = data;

  g_clear_object (&step->team);
  g_clear_pointer (&step->why, g_free);
}

static void
affected_clear (gpointer data)
{
  OpmSimAffected *entry = data;

  g_clear_object (&entry->service);
}

static OpmSimTrace *
trace_new (void)
{
  OpmSimTrace *trace = g_new0 (OpmSimTrace, 1);

  trace->steps = g_array_new (FALSE, TRUE, sizeof (OpmSimStep));
  g_array_set_clear_func (trace->steps, step_clear);
  trace->affected = g_array_new (FALSE, TRUE, sizeof (OpmSimAffected));
  g_array_set_clear_func (trace->affected, affected_clear);

  return trace;
}

OpmSimTrace *
opm_sim_trace_copy (const OpmSimTrace *trace)
{
  OpmSimTrace *copy;

  g_return_val_if_fail (trace != NULL, NULL);

  copy = trace_new ();
  copy->service = trace->service != NULL ? g_object_ref (trace->service) : NULL;
  copy->run = trace->run;
  copy->start = trace->start;
  copy->priority = trace->priority;
  copy->time_to_restore = trace->time_to_restore;
  copy->handoffs = trace->handoffs;
  copy->loss = trace->loss;
  for (guint i = 0; i < trace->steps->len; i++)
    {
      OpmSimStep step = g_array_index (trace->steps, OpmSimStep, i);

      if (step.team != NULL)
        g_object_ref (step.team);
      step.why = g_strdup (step.why);
      g_array_append_val (copy->steps, step);
    }
  for (guint i = 0; i < trace->affected->len; i++)
    {
      OpmSimAffected entry = g_array_index (trace->affected, OpmSimAffected, i);

      g_object_ref (entry.service);
      g_array_append_val (copy->affected, entry);
    }

  return copy;
}

void
opm_sim_trace_free (OpmSimTrace *trace)
{
  if (trace == NULL)
    return;

  g_clear_object (&trace->service);
  g_clear_pointer (&trace->steps, g_array_unref);
  g_clear_pointer (&trace->affected, g_array_unref);
  g_free (trace);
}

G_DEFINE_BOXED_TYPE (OpmSimTrace, opm_sim_trace, opm_sim_trace_copy, opm_sim_trace_free)

/**
 * opm_simulation_trace:
 * @self: a simulation
 * @run: which run to replay, 0 to the number of runs − 1
 *
 * Replays one run step by step: the same incident, at the same time, with
 * the same outcome as that run in opm_simulation_run(). Call it on the
 * thread that owns the document (the reasons name its teams and services).
 *
 * Returns: (transfer full): the trace
 */
OpmSimTrace *
opm_simulation_trace (OpmSimulation *self,
                      guint          run)
{
  OpmSimTrace *trace;
  OpmSimRun outcome;

  g_return_val_if_fail (OPM_IS_SIMULATION (self), NULL);

  trace = trace_new ();
  simulate_run (self->plan, run, &outcome, NULL, trace->steps);

  for (guint i = 0; i < trace->steps->len; i++)
    {
      OpmSimStep *step = &g_array_index (trace->steps, OpmSimStep, i);

      if (step->team != NULL)
        g_object_ref (step->team);
    }

  trace->service = g_object_ref (self->plan->services[outcome.service].object);
  {
    const SimService *failing = &self->plan->services[outcome.service];

    /* Its own entry comes first: it is reached first, at impact 1. */
    for (guint a = failing->first_affected; a < failing->first_affected + failing->n_affected; a++)
      {
        const Affected *reached = &self->plan->affected[a];
        OpmSimAffected entry = { g_object_ref (self->plan->services[reached->service].object), reached->impact };

        g_array_append_val (trace->affected, entry);
      }
  }
  trace->run = run;
  trace->start = outcome.start;
  trace->priority = outcome.priority;
  trace->time_to_restore = outcome.time_to_restore;
  trace->handoffs = outcome.handoffs;
  trace->loss = outcome.loss;

  return trace;
}

/* }}} */
