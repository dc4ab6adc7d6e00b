/* opm-simulator.h — the incident simulator of DESIGN §5
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "opm-parameters.h"
#include "opm-scenario.h"
#include "opm-service.h"
#include "opm-team.h"

G_BEGIN_DECLS

/* The stages an incident walks through, in order. */
typedef enum
{
  OPM_SIM_STAGE_DETECT,
  OPM_SIM_STAGE_ACKNOWLEDGE,
  OPM_SIM_STAGE_TRIAGE,
  OPM_SIM_STAGE_HANDOFF,
  OPM_SIM_STAGE_DIAGNOSE,
  OPM_SIM_STAGE_ESCALATE,
  OPM_SIM_STAGE_FIX,
  OPM_SIM_STAGE_RELEASE,
  OPM_SIM_STAGE_VERIFY,
  OPM_SIM_N_STAGES /*< skip >*/
} OpmSimStage;

/* The DORA band of a median time to restore. */
typedef enum
{
  OPM_DORA_BAND_ELITE,  /* under an hour */
  OPM_DORA_BAND_HIGH,   /* under a day */
  OPM_DORA_BAND_MEDIUM, /* under a week */
  OPM_DORA_BAND_LOW,    /* a week or more */
} OpmDoraBand;

const char  *opm_sim_stage_get_nick   (OpmSimStage  stage);
const char  *opm_sim_stage_get_label  (OpmSimStage  stage);
OpmDoraBand  opm_dora_band_for        (double       minutes);
const char  *opm_dora_band_get_nick   (OpmDoraBand  band);
const char  *opm_dora_band_get_label  (OpmDoraBand  band);

/* What to simulate. Initialise with opm_sim_options_init(): every field then
 * means "the document's default". */
typedef struct
{
  guint       runs;     /* 0: the document's simulation-runs */
  gboolean    has_seed; /* FALSE: the document's simulation-seed */
  guint64     seed;
  guint       threads;  /* 0: one per processor */
  OpmService *service;  /* NULL: each incident in a service drawn by incident rate */
  int         start;    /* minutes after Monday 00:00 (0–10079); -1: drawn uniformly over the week */
  GDate      *today;    /* when project teams count as ended; NULL: today */
  guint       priority; /* 1–4: every incident at this priority; 0: set by the loss at stake (DESIGN §4) */
} OpmSimOptions;

void      opm_sim_options_init  (OpmSimOptions *options);
gboolean  opm_sim_parse_start   (const char    *text,
                                 int           *minutes,
                                 GError       **error);
char     *opm_sim_format_start  (double         minutes);
char     *opm_sim_format_money  (const char    *currency,
                                 double         amount);

/* A distribution summarised, percentiles first. */
typedef struct
{
  double p50;
  double p90;
  double p99;
  double mean;
} OpmSimSummary;

/* Mean minutes per incident spent in a stage. */
typedef struct
{
  double waiting;
  double working;
} OpmSimStageTime;

/* One simulated incident (the CSV's row). */
typedef struct
{
  double  time_to_restore; /* minutes */
  double  loss;            /* money, over every affected service */
  float   waiting;         /* minutes */
  float   working;         /* minutes */
  float   start;           /* minutes after Monday 00:00 */
  guint   service;         /* index in the scenario's services */
  guint16 handoffs;
  guint8  priority;        /* 1–4 */
  guint8  callouts;        /* paid out-of-hours callouts */
} OpmSimRun;

/* One service's share of the yearly loss, over every incident that touches
 * it (its own and those propagated to it). */
typedef struct
{
  OpmService *service;        /* a reference */
  double      incidents_per_year;
  double      loss_per_year;
  double      flpe;           /* NaN when the service has no budget (no exposure) */
} OpmSimServiceResult;

/* The outcome of a simulation: immutable, reference counted. */
typedef struct
{
  char            *scenario;          /* the scenario's name */
  guint            runs;
  guint64          seed;
  char            *currency;
  OpmSimSummary    time_to_restore;   /* minutes */
  OpmSimSummary    handoffs;
  OpmSimSummary    loss;              /* per incident */
  double           incidents_per_year;
  double           loss_per_year;
  double           callouts_per_incident;
  double           standby_cost_per_year;
  double           callout_cost_per_year;
  double           on_call_cost_per_year; /* standby + callouts */
  OpmSimStageTime  stages[OPM_SIM_N_STAGES];
  OpmDoraBand      dora_band;         /* of the median time to restore */
  GArray          *services;          /* OpmSimServiceResult, in scenario order */
  GArray          *per_run;           /* OpmSimRun, in run order */
} OpmSimResult;

#define OPM_TYPE_SIM_RESULT (opm_sim_result_get_type ())

GType         opm_sim_result_get_type (void) G_GNUC_CONST;
OpmSimResult *opm_sim_result_ref      (OpmSimResult *result);
void          opm_sim_result_unref    (OpmSimResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpmSimResult, opm_sim_result_unref)

/* What the target scenario changes, @to minus @from. */
typedef struct
{
  double time_to_restore_p50;
  double time_to_restore_p90;
  double handoffs_mean;
  double loss_per_year;
  double on_call_cost_per_year;
} OpmSimDelta;

void  opm_sim_result_compare     (const OpmSimResult *from,
                                  const OpmSimResult *to,
                                  OpmSimDelta        *delta);
guint opm_sim_result_typical_run (const OpmSimResult *result,
                                  double              quantile);

/* One step of a replayed incident. */
typedef struct
{
  double       time;     /* minutes after Monday 00:00 of the first week */
  double       duration; /* minutes */
  OpmSimStage  stage;
  OpmTeam     *team;     /* NULL: nobody yet (customers, the clock) */
  gboolean     waiting;  /* waiting rather than working */
  char        *why;
} OpmSimStep;

/* A service an incident takes down, and how badly. */
typedef struct
{
  OpmService *service;   /* a reference */
  double      impact;    /* 1: down; less: degraded, the share of its exposure lost */
} OpmSimAffected;

/* A single incident replayed step by step. */
typedef struct
{
  OpmService *service;   /* where it started (a reference) */
  guint       run;
  double      start;
  guint       priority;
  double      time_to_restore;
  guint       handoffs;
  double      loss;
  GArray     *steps;     /* OpmSimStep */
  GArray     *affected;  /* OpmSimAffected: the failing service first, then what goes down with it */
} OpmSimTrace;

#define OPM_TYPE_SIM_TRACE (opm_sim_trace_get_type ())

GType        opm_sim_trace_get_type (void) G_GNUC_CONST;
OpmSimTrace *opm_sim_trace_copy     (const OpmSimTrace *trace);
void         opm_sim_trace_free     (OpmSimTrace       *trace);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpmSimTrace, opm_sim_trace_free)

/* A simulation of one scenario. opm_simulation_new() compiles the scenario
 * on the thread that owns the document; opm_simulation_run_async() then runs
 * it in a worker (poll opm_simulation_get_progress(), cancel through the
 * GCancellable); opm_simulation_trace() replays any run step by step. Two
 * simulations made with the same options and seed share their random numbers
 * run by run and stage by stage (common random numbers): compare their
 * results with opm_sim_result_compare(). */
#define OPM_TYPE_SIMULATION (opm_simulation_get_type ())

G_DECLARE_FINAL_TYPE (OpmSimulation, opm_simulation, OPM, SIMULATION, GObject)

OpmSimulation *opm_simulation_new          (OpmScenario          *scenario,
                                            OpmParameters        *parameters,
                                            const OpmSimOptions  *options,
                                            GError              **error);
guint          opm_simulation_get_runs     (OpmSimulation        *self);
guint64        opm_simulation_get_seed     (OpmSimulation        *self);
guint          opm_simulation_get_threads  (OpmSimulation        *self);
double         opm_simulation_get_progress (OpmSimulation        *self);
OpmSimResult  *opm_simulation_run          (OpmSimulation        *self,
                                            GCancellable         *cancellable,
                                            GError              **error);
void           opm_simulation_run_async    (OpmSimulation        *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
OpmSimResult  *opm_simulation_run_finish   (OpmSimulation        *self,
                                            GAsyncResult         *result,
                                            GError              **error);
OpmSimTrace   *opm_simulation_trace        (OpmSimulation        *self,
                                            guint                 run);

G_END_DECLS
