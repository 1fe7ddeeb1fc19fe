// @ts-check
// An experiment page's state as one explicit object: the settings (validated field by field, as
// the URL carries them), the core's verdict on them, the run's phase and status line, its jobs and
// outputs, and the learner's own training text. The page's views draw from it and its controller
// (views/lab/page.js) changes it only through the functions here, each of which keeps it valid.
import { configFromQuery, formFields, parseField, presetBase, queryFromConfig, settingsOf } from './config.js';
import { userTextProblem } from './user-text.js';

/** @typedef {import('../types.js').FieldSpec} FieldSpec */
/** @typedef {import('../types.js').Preset} Preset */
/** @typedef {import('../types.js').ExperimentConfig} ExperimentConfig */
/** @typedef {import('../types.js').JobState} JobState */
/** @typedef {import('../types.js').RunOutputs} RunOutputs */
/** @typedef {import('../types.js').TrainingData} TrainingData */

/** @typedef {'idle' | 'running' | 'stopped' | 'done' | 'error'} RunPhase */

/**
 * @typedef {object} LabState
 * @property {string} id                     the experiment
 * @property {FieldSpec[]} fields            its own fields (seeds and first seed are added by formFields)
 * @property {Preset[]} presets             its named starting points, from the core
 * @property {string} preset                 the preset the settings started from ('' none)
 * @property {ExperimentConfig} config       the last settings that passed every field check
 * @property {string[]} linkErrors           what the URL named that was ignored
 * @property {Record<string, string>} fieldErrors  key -> message, for what the form holds now
 * @property {string} coreError              what the core rejected in `config`, '' when it did not
 * @property {boolean} settingsOk            the last verdict on the settings, fields and core together
 * @property {RunPhase} phase
 * @property {string} status                 the run's status line
 * @property {JobState[]} jobs
 * @property {Record<number, number>} jobStartedAt  job index -> when it started running (ms), for the ETA
 * @property {RunOutputs | null} outputs
 * @property {{name: string, text: string} | null} userText  the learner's own training text
 */

/**
 * The state of a freshly opened experiment page: its settings from the URL's query.
 * @param {{id: string, fields: FieldSpec[], presets?: Preset[]}} def
 * @param {string} [query]
 * @returns {LabState}
 */
export function createLabState(def, query = '') {
  const presets = def.presets ?? [];
  const parsed = configFromQuery(def.fields, query, presets);
  return {
    id: def.id,
    fields: def.fields,
    presets,
    preset: parsed.preset,
    config: parsed.config,
    linkErrors: parsed.errors,
    fieldErrors: {},
    coreError: '',
    settingsOk: true,
    phase: 'idle',
    status: '',
    jobs: [],
    jobStartedAt: {},
    outputs: null,
    userText: null,
  };
}

/** @param {LabState} s */
export const isRunning = (s) => s.phase === 'running';
/** @param {LabState} s */
export const canRun = (s) => s.settingsOk && !isRunning(s);
/** The URL query that reproduces the settings. @param {LabState} s */
export const queryOf = (s) => queryFromConfig(s.fields, s.config, s.presets, s.preset);

/**
 * The settings of preset `name` (defaults, in the current quick mode, with the preset's settings
 * over them), or null for an unknown name. The state takes them once the form holds them and
 * they pass its checks (takeFormValues); until then only the preset's name is remembered.
 * @param {LabState} s
 * @param {string} name
 * @returns {ExperimentConfig | null}
 */
export function choosePreset(s, name) {
  const config = presetBase(s.fields, s.presets, name, s.config.quick);
  if (config) s.preset = name;
  return config;
}

/** Back to the plain defaults: no preset. @param {LabState} s */
export function forgetPreset(s) {
  s.preset = '';
}
/** The settings object the core's resolve takes. @param {LabState} s */
export const coreSettingsOf = (s) => settingsOf(s.config);

/**
 * Takes what the form holds (each field's text, or a checkbox's state) and checks every field.
 * Returns true when all are valid: `config` then holds them and the core should check them next.
 * On any error `config` keeps its last valid value and the settings are not runnable.
 * @param {LabState} s
 * @param {{quick: boolean, values: Record<string, string | boolean>}} form
 */
export function takeFormValues(s, { quick, values }) {
  /** @type {ExperimentConfig} */
  const next = { quick };
  /** @type {Record<string, string>} */
  const errors = {};
  for (const f of formFields(s.fields)) {
    const p = parseField(f, values[f.key]);
    if (p.ok) next[f.key] = p.value;
    else errors[f.key] = p.error ?? '';
  }
  s.fieldErrors = errors;
  if (Object.keys(errors).length) {
    s.settingsOk = false;
    s.coreError = '';
    return false;
  }
  s.config = next;
  return true;
}

/**
 * The core's verdict on `config`: '' accepted, else its message.
 * @param {LabState} s
 * @param {string} error
 */
export function takeCoreVerdict(s, error) {
  s.coreError = error;
  s.settingsOk = error === '';
}

/**
 * The learner's own training text, or the reason it is refused (the run then keeps its default text).
 * @param {LabState} s
 * @param {{name: string, text: string | null, readError?: string}} file  text null: could not be read
 * @returns {string} '' when taken, else the problem, in words that fit after the file's name
 */
export function takeUserText(s, { name, text, readError }) {
  s.userText = null;
  const problem = text === null ? `could not be read (${readError ?? 'unknown error'})` : userTextProblem(text);
  if (!problem && text !== null) s.userText = { name, text };
  return problem;
}

/** @param {LabState} s */
export function clearUserText(s) {
  s.userText = null;
}

/**
 * What a text-trained run trains on, for its manifest: the learner's text or TinyShakespeare.
 * @param {LabState} s
 * @param {boolean} needsText
 * @returns {TrainingData | null}
 */
export function trainingDataOf(s, needsText) {
  if (!needsText) return null;
  if (s.userText)
    return { source: 'file', name: s.userText.name, bytes: new TextEncoder().encode(s.userText.text).length };
  return { source: 'tinyshakespeare', name: 'tinyshakespeare.txt' };
}

/** @param {LabState} s */
export function startRun(s) {
  if (!canRun(s)) throw new Error('a run cannot start now: the settings are not accepted or a run goes on');
  s.phase = 'running';
  s.status = 'Running…';
  s.jobStartedAt = {};
}

/**
 * A job's new state (index null: the plan arrived); remembers when each job started running.
 * @param {LabState} s
 * @param {number | null} index
 * @param {JobState[]} jobs
 * @param {number} now
 */
export function takeJobs(s, index, jobs, now) {
  s.jobs = jobs;
  if (index !== null && !(index in s.jobStartedAt) && jobs[index].status === 'running') s.jobStartedAt[index] = now;
}

/** @param {LabState} s */
export function stopRequested(s) {
  s.status = 'Stopping…';
}

/**
 * How the run ended: its final jobs, the outputs (null when every job failed) or a stop.
 * @param {LabState} s
 * @param {import('../types.js').RunOutcome} outcome
 */
export function finishRun(s, outcome) {
  s.jobs = outcome.jobs;
  if (outcome.stopped) {
    s.phase = 'stopped';
    s.status = 'Stopped. Runs that had finished are kept in the charts.';
    return;
  }
  const failed = outcome.jobs.filter((j) => j.status === 'failed');
  if (!outcome.outputs) {
    // every run failed: say why once (they usually fail for the same reason) and what to change
    const reasons = [...new Set(failed.map((j) => j.error))];
    s.phase = 'error';
    s.status = `Every run failed, so there are no results: ${reasons.join('; ')}. Change the settings and run again.`;
    return;
  }
  s.outputs = outcome.outputs;
  s.phase = 'done';
  s.status = failed.length
    ? `${failed.length} of ${outcome.jobs.length} runs failed (see above); the results use the rest.`
    : 'Done.';
}

/**
 * The run could not start at all (e.g. the engine failed).
 * @param {LabState} s
 * @param {string} message
 */
export function failRun(s, message) {
  s.phase = 'error';
  s.status = `The run could not start: ${message}`;
}

/**
 * A finished run as it is saved in the browser, per experiment.
 * @typedef {{date: string, outputs: RunOutputs, jobs: JobState[]}} SavedRun
 */

/**
 * @param {LabState} s
 * @param {string} date ISO 8601
 * @returns {SavedRun | null} null when there is nothing finished to save
 */
export function savedRunOf(s, date) {
  if (!s.outputs) return null;
  const jobs = s.jobs.map(({ variant, seed, status, stepsDone, totalSteps, points, result }) => ({
    variant,
    seed,
    status,
    stepsDone,
    totalSteps,
    points,
    result,
  }));
  return { date, outputs: s.outputs, jobs };
}

/**
 * Shows a run saved earlier (its jobs and outputs), as the page does on opening.
 * @param {LabState} s
 * @param {SavedRun} saved
 */
export function restoreRun(s, saved) {
  s.jobs = saved.jobs;
  s.outputs = saved.outputs;
  s.status = `Showing your last finished run (${saved.date}).`;
}
