// @ts-check
// An experiment page's state as one explicit object: the settings (validated field by field, as
// the URL carries them), the core's verdict on them, the run's phase and status line, its jobs and
// outputs, and the learner's own training text. The page's views draw from it and its controller
// (views/lab/page.js) changes it only through the functions here, each of which keeps it valid.
import { configFromQuery, formFields, parseField, presetBase, queryFromConfig, settingsOf } from './config.js';
import { userTextProblem } from './user-text.js';
import { say } from '../i18n/translate.js';

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
 * @property {import('../i18n/translate.js').MessageData[]} linkMessages  the same, as messages for the page's language
 * @property {Record<string, string>} fieldErrors  key -> message, for what the form holds now
 * @property {Record<string, import('../i18n/translate.js').MessageData>} fieldMessages  the same, as messages for the page's language
 * @property {string} coreError              what the core rejected in `config`, '' when it did not
 * @property {import('../i18n/translate.js').MessageData | null} coreMessage  the same as a catalogue message, when the core gave one
 * @property {boolean} settingsOk            the last verdict on the settings, fields and core together
 * @property {RunPhase} phase
 * @property {string} status                 the run's status line
 * @property {StatusMessage | null} statusMessage  the same line as a catalogue message, for the page's language
 * @property {JobState[]} jobs
 * @property {Record<number, number>} jobStartedAt  job index -> when it started running (ms), for the ETA
 * @property {RunOutputs | null} outputs
 * @property {{name: string, text: string} | null} userText  the learner's own training text
 * @property {RunEstimateState} estimate     how long a run of `config` would take on this device
 */

/**
 * A status line as data: the catalogue's key and its params, any of which may be a message
 * itself (the page writes it in its language; `status` keeps the English text).
 * @typedef {import('../i18n/translate.js').MessageData} StatusMessage
 */

/**
 * Sets the status line, as a message and as English text.
 * @param {LabState} s
 * @param {string} key
 * @param {StatusMessage['params']} [params]
 */
function setStatus(s, key, params = {}) {
  s.statusMessage = { key, params };
  s.status = say(s.statusMessage);
}

/**
 * Why something failed, as a message param: the engine's message as data when it gave one,
 * else its English text.
 * @param {{message?: string | null, data?: import('../i18n/translate.js').MessageData | null}} e
 */
const reasonOf = (e) => e.data ?? e.message ?? '';

/**
 * The run-time estimate of the settings whose key it carries (estimateKeyOf): 'none' before any,
 * 'estimating' while the engine calibrates, 'ready' with its result, 'unavailable' with the reason.
 * @typedef {object} RunEstimateState
 * @property {string} key
 * @property {'none' | 'estimating' | 'ready' | 'unavailable'} status
 * @property {import('../types.js').RunEstimate | null} result
 * @property {string} problem
 * @property {import('../i18n/translate.js').MessageData | null} problemMessage  the same as a catalogue message, when the engine gave one
 */

/** Run asks first when the estimate is over this many seconds (10 minutes). */
export const CONFIRM_SECONDS = 600;

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
    linkMessages: parsed.messages,
    fieldErrors: {},
    fieldMessages: {},
    coreError: '',
    coreMessage: null,
    settingsOk: true,
    phase: 'idle',
    status: '',
    statusMessage: null,
    jobs: [],
    jobStartedAt: {},
    outputs: null,
    userText: null,
    estimate: { key: '', status: 'none', result: null, problem: '', problemMessage: null },
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
  /** @type {Record<string, import('../i18n/translate.js').MessageData>} */
  const messages = {};
  for (const f of formFields(s.fields)) {
    const p = parseField(f, values[f.key]);
    if (p.ok) next[f.key] = p.value;
    else {
      errors[f.key] = p.error ?? '';
      if (p.message) messages[f.key] = p.message;
    }
  }
  s.fieldErrors = errors;
  s.fieldMessages = messages;
  if (Object.keys(errors).length) {
    s.settingsOk = false;
    s.coreError = '';
    return false;
  }
  s.config = next;
  return true;
}

/**
 * The core's verdict on `config`: '' accepted, else its message (and the same as a catalogue
 * message when the core gave one).
 * @param {LabState} s
 * @param {string} error
 * @param {import('../i18n/translate.js').MessageData | null} [message]
 */
export function takeCoreVerdict(s, error, message = null) {
  s.coreError = error;
  s.coreMessage = error === '' ? null : message;
  s.settingsOk = error === '';
}

/**
 * What a run-time estimate depends on: the settings and the training text (the learner's, by its
 * name and length, or the default).
 * @param {LabState} s
 */
export const estimateKeyOf = (s) =>
  JSON.stringify([s.config, s.userText ? [s.userText.name, s.userText.text.length] : null]);

/**
 * An estimate of the current settings has been asked for.
 * @param {LabState} s
 */
export function estimateStarted(s) {
  s.estimate = { key: estimateKeyOf(s), status: 'estimating', result: null, problem: '', problemMessage: null };
}

/**
 * An estimate arrived (result) or failed (problem); one made for other settings is dropped.
 * @param {LabState} s
 * @param {string} key the key it was made for
 * @param {{result?: import('../types.js').RunEstimate, problem?: string, problemMessage?: import('../i18n/translate.js').MessageData | null}} outcome
 */
export function takeEstimate(s, key, { result, problem = '', problemMessage = null }) {
  if (key !== estimateKeyOf(s)) return;
  s.estimate = result
    ? { key, status: 'ready', result, problem: '', problemMessage: null }
    : { key, status: 'unavailable', result: null, problem, problemMessage };
}

/** No estimate (the settings do not pass their checks, or one was abandoned). @param {LabState} s */
export function clearEstimate(s) {
  s.estimate = { key: '', status: 'none', result: null, problem: '', problemMessage: null };
}

/** Whether the current settings have an estimate made or on its way. @param {LabState} s */
export const hasEstimate = (s) =>
  s.estimate.key === estimateKeyOf(s) && (s.estimate.status === 'ready' || s.estimate.status === 'estimating');

/**
 * The estimate, in seconds, when Run should ask first: the current settings' estimate is over
 * CONFIRM_SECONDS; otherwise null (no estimate yet never holds a run back).
 * @param {LabState} s
 */
export function longRunSeconds(s) {
  const e = s.estimate;
  if (e.status !== 'ready' || !e.result || e.key !== estimateKeyOf(s)) return null;
  return e.result.seconds > CONFIRM_SECONDS ? e.result.seconds : null;
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
  setStatus(s, 'status.running');
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
  setStatus(s, 'status.stopping');
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
    setStatus(s, 'status.stopped');
    return;
  }
  const failed = outcome.jobs.filter((j) => j.status === 'failed');
  if (!outcome.outputs) {
    // every run failed: say why once (they usually fail for the same reason) and what to change
    const seen = new Set();
    const reasons = failed
      .map((j) => reasonOf({ message: j.error, data: j.errorData }))
      .filter((r) => !seen.has(JSON.stringify(r)) && seen.add(JSON.stringify(r)));
    s.phase = 'error';
    setStatus(s, 'status.allFailed', { reasons });
    return;
  }
  s.outputs = outcome.outputs;
  s.phase = 'done';
  if (failed.length) setStatus(s, 'status.someFailed', { count: failed.length, total: outcome.jobs.length });
  else setStatus(s, 'status.done');
}

/**
 * The run could not start at all (e.g. the engine failed).
 * @param {LabState} s
 * @param {string} message
 * @param {import('../i18n/translate.js').MessageData | null} [data] the same as a catalogue message
 */
export function failRun(s, message, data = null) {
  s.phase = 'error';
  setStatus(s, 'status.cannotStart', { message: reasonOf({ message, data }) });
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
  setStatus(s, 'status.restored', { date: saved.date });
}
