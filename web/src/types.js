// @ts-check
// The shapes that cross the seam between the C++ core and the site (C++ → JSON → JS), as JSDoc
// types that `tsc --noEmit` (checkJs) holds every module to. Nothing here runs: engine, state and
// views import these types with `import('../types.js').Name`, so a view can name a job's shape
// without importing the engine. The worker messages are typed in engine/protocol.js, the chart
// specs in views/lab/chart-specs.js.

/**
 * What the site shows of an experiment before the engine runs: built at build time from the core's
 * catalogue (web/plugins/experiments.js, `virtual:normlab-experiments`), in the core's words.
 * @typedef {object} ExperimentText
 * @property {string} id        e.g. "eps", as in the CLI
 * @property {string} title
 * @property {string} question  the question the experiment answers
 * @property {string} [look]    what to look for in its charts (when the core has the text)
 * @property {string} section   the slug of its theory section
 * @property {{default_s?: number, quick_s?: number}} [run_time]  measured on the project's machine
 *   (content/run_times.json); absent when not measured
 */

/** @typedef {'int' | 'float' | 'bool' | 'choice' | 'float_list' | 'choice_list'} FieldKind */

/**
 * One setting of an experiment's form: the core's FieldSpec as fields_to_json writes it, or the
 * site's own seeds / first-seed fields.
 * @typedef {object} FieldSpec
 * @property {string} key
 * @property {string} label
 * @property {FieldKind} kind
 * @property {FieldValue} default
 * @property {FieldValue} [quick]        the value in quick mode, when it differs
 * @property {string} [help]
 * @property {number} [min]              numbers and number lists: inclusive bounds...
 * @property {number} [max]
 * @property {boolean} [min_exclusive]   ...except min when this is true (a learning rate > 0)
 * @property {string[]} [choices]        choice and choice_list
 * @property {boolean} [primary]         one of the 2-4 settings the page shows first
 */

/**
 * A named starting point of an experiment (the core's presets_to_json).
 * @typedef {object} Preset
 * @property {string} name       its id (the URL's preset=, the CLI's --preset)
 * @property {string} [label]    its name as the page shows it, in the page's language (the name otherwise)
 * @property {string} why        one sentence
 * @property {Record<string, FieldValue>} settings  the values it sets, as resolve_config takes them
 */

/** @typedef {number | boolean | string | number[] | string[]} FieldValue */

/**
 * An experiment's settings as one validated object: every field's value by key, with `quick`,
 * `seeds` and `seed` always present (state/config.js builds it; the core's resolve agrees).
 * @typedef {{quick: boolean, seeds?: number, seed?: number} & Record<string, FieldValue>} ExperimentConfig
 */

/**
 * An experiment as the engine's catalogue call returns it: the text, and what the form and the
 * runner need.
 * @typedef {ExperimentText & {needs_text: boolean, one_job_at_a_time: boolean, fields: FieldSpec[], presets?: Preset[], typical_seconds?: number}} ExperimentDef
 */

/**
 * Metric points a job reports: per key, one value per point; null is a non-finite value.
 * @typedef {Record<string, (number | null)[]>} JobPoints
 */

/**
 * A finished job's result from the core: {variant, seed, diverged_at, metrics, ...} (keys per experiment).
 * @typedef {{variant: string, seed: number, diverged_at?: number | null} & Record<string, unknown>} JobResult
 */

/** @typedef {'queued' | 'running' | 'done' | 'failed' | 'cancelled'} JobStatus */

/**
 * One planned run (variant × seed) of an experiment, and what it has reported so far.
 * @typedef {object} JobState
 * @property {string} variant
 * @property {number} seed
 * @property {JobStatus} status
 * @property {number} stepsDone
 * @property {number} totalSteps
 * @property {JobPoints} points
 * @property {string | null} [error]    why it failed (English)
 * @property {import('./i18n/translate.js').MessageData} [errorData]  the same as a catalogue message, when the engine gave one
 * @property {JobResult} [result]       once done
 */

/**
 * One of the course's claims, decided from a run's data.
 * @typedef {object} Claim
 * @property {string} claim
 * @property {string} observed
 * @property {boolean | null} holds   null: this run does not decide it
 * @property {string} [verdict]   "holds" | "does not hold" | "inconclusive" | "indicative" | "not decided"
 * @property {'empirical' | 'exact'} [kind]  exact: follows from the maths; empirical: decided over seeds
 * @property {number | null} [effect]       mean over seeds of the signed effect (positive: as predicted)
 * @property {(number | null)[]} [spread]   the seeds' range of the effect, [lo, hi]
 * @property {number} [seeds]               seeds with a finite effect
 * @property {string} [rule]                how the verdict was decided
 * @property {string} [id]                  a stable id ("eps.outside"), when the core gives the claim as data
 * @property {Record<string, any>} [params] the numbers and settings its sentences are built from
 * @property {number} [negligible]           effects this close to zero count as neither sign
 * @property {string} [chart]                the id of the chart whose data decides it, when the core names one
 */

/**
 * What the core assembles from a run's results: the files a learner can download.
 * @typedef {object} RunOutputs
 * @property {Record<string, unknown> & {id: string, title: string, config: ExperimentConfig}} manifest
 * @property {Record<string, unknown>} losses
 * @property {Record<string, unknown>} timings
 * @property {Record<string, unknown>} metrics
 * @property {Claim[]} summary
 */

/**
 * How a run ended: stopped by the learner, or finished (outputs null when every job failed).
 * @typedef {object} RunOutcome
 * @property {boolean} [stopped]  the learner pressed Stop (no outputs then)
 * @property {JobState[]} jobs
 * @property {RunOutputs | null} [outputs]  null when every job failed
 */

/**
 * A run in progress, as the page holds it.
 * @typedef {object} RunHandle
 * @property {Promise<RunOutcome>} promise
 * @property {() => void} stop
 */

/**
 * What main.js hands every page: the engine as two functions (a call, and an experiment run),
 * the course and the experiments' text, and the learner's stores. Views see no more of the engine.
 * @typedef {object} PageContext
 * @property {string} lang                    the page's language, e.g. "es"
 * @property {import('./i18n/translate.js').I18n} i18n  its interface text and number format
 * @property {any} course                    the course index in that language (virtual:normlab-course)
 * @property {ExperimentText[]} experiments  the core's experiment text, built into the site
 * @property {(op: string, args: Record<string, any>) => Promise<any>} call  one engine operation
 * @property {(op: string, args: Record<string, any>) => Promise<any>} compute  the same, for widgets
 * @property {() => Promise<ExperimentDef[]>} catalogue  the engine's catalogue (fields and all)
 * @property {(options: RunOptions) => RunHandle} startRun  runs an experiment's jobs in the worker pool
 * @property {(options: EstimateOptions) => Promise<RunEstimate | null>} estimateRun  how long a run would
 *   take on this device (null: abandoned); calibrates in a worker of its own
 * @property {() => void} stopEstimating     ends a calibration under way (a run starts: it gets the cores)
 * @property {string} dataUrl                where TinyShakespeare is served
 * @property {boolean} hasShakespeare        whether this build carries it
 * @property {Store} quizProgress
 * @property {Store} drillProgress
 * @property {Store} resultsStore            finished runs, by experiment id
 * @property {import('./state/run-history.js').RunHistory} runHistory  the last runs of each experiment (compare)
 * @property {Store} exerciseProgress        the slugs of the exercises whose checks all passed
 * @property {Store} exerciseCode            the learner's code, by exercise slug
 * @property {(request: {task: string, code: string, cases: any[]}) => Promise<{results: Record<string, any>[]} | {error: string, timeout?: boolean, blocked?: boolean}>} runLearnerCode
 *   runs the learner's code on the cases in its own worker, with a time limit
 * @property {() => void} disposeLearnerCode  ends that worker
 * @property {Store} visitedStore            pages opened: theory sections by slug, drills as drills/<slug>
 * @property {() => number} resetProgress    clears every store; the number of records cleared
 */

/**
 * How long a run will take on this device (engine/estimate.js).
 * @typedef {object} RunEstimate
 * @property {number} seconds        the run's estimated wall time
 * @property {number} jobs           how many jobs it runs
 * @property {number} workers        on how many workers at once
 * @property {number} calibrated     how many kinds of job (variants) were timed
 * @property {number} kinds          how many kinds the plan has
 * @property {boolean} measuredWhole every job was timed whole (the estimate is then a measurement)
 */

/**
 * What an estimate needs (engine/estimate.js createEstimator's estimate, less the engine).
 * @typedef {object} EstimateOptions
 * @property {string} id
 * @property {ExperimentConfig} config
 * @property {boolean} [oneAtATime]   its jobs run one at a time
 * @property {string} [text]          the learner's own training text (else a stand-in is timed)
 * @property {string} [textKey]       names that text, for the calibration cache
 * @property {() => boolean} [isCurrent]  false: abandon the estimate (the settings changed)
 */

/**
 * What starting a run needs (engine/runs.js startExperimentRun, less the engine itself).
 * @typedef {object} RunOptions
 * @property {string} id
 * @property {ExperimentConfig} config
 * @property {string} [dataUrl]      the training text's URL, when it trains on TinyShakespeare
 * @property {string} [text]         the learner's own training text
 * @property {TrainingData | null} [data]
 * @property {boolean} [oneAtATime]  start each job when the one before has ended (timings)
 * @property {(index: number | null, jobs: JobState[]) => void} [onJob]
 */

/**
 * One versioned record in the browser's storage (state/storage.js).
 * @typedef {object} Store
 * @property {string} key
 * @property {() => {data: any, notice: import('./i18n/translate.js').MessageData | null}} load  a notice: why saved data was discarded
 * @property {(data: any) => boolean} save
 * @property {() => void} clear
 */

/**
 * What a text-trained run trained on, recorded in its manifest.
 * @typedef {{source: 'tinyshakespeare', name: string} | {source: 'file', name: string, bytes: number}} TrainingData
 */

export {};
