/// <reference types="vite-plugin-pwa/vanillajs" />
// What the build provides that is not a JavaScript file of the site: the course and the experiment
// index and the interface catalogues as Vite virtual modules (web/plugins), the WASM module's loader, and the build-time flags.

declare module 'virtual:normlab-course' {
  /** the reference language's course index, in the start-up bundle */
  const index: CourseIndex;
  export default index;
  /** the reference language's code */
  export const reference: string;
  /** each language's course index, loaded on demand (its own chunk; the reference language's at once) */
  export const load: Record<string, () => Promise<CourseIndex>>;
}

type CourseIndex = {
  lang: string;
  theory: {
    slug: string;
    title: string;
    order: number;
    summary: string;
    try?: string[];
    core?: string[];
    load: () => Promise<any>;
  }[];
  drills: { slug: string; title: string; order: number; section: string; check?: string; load: () => Promise<any> }[];
  quizIndex: { id: string; section: string }[];
  loadQuiz: () => Promise<any[]>;
  /** one experiment's predict-before-you-run questions ([] when it has none) */
  loadPredict: (id: string) => Promise<any[]>;
  loadExercises: () => Promise<any[]>;
};

declare module 'virtual:normlab-i18n' {
  /** the reference language's interface catalogue (web/src/i18n/<reference>.js), in the start-up bundle */
  const messages: import('./i18n/translate.js').Messages;
  export default messages;
  /** the reference language's code */
  export const reference: string;
  /** every language's name in itself, by code, the reference language first */
  export const names: Record<string, string>;
  /** each language's catalogue, loaded on demand (its own chunk; the reference language's at once) */
  export const load: Record<string, () => Promise<import('./i18n/translate.js').Messages>>;
}

declare module 'virtual:normlab-experiments' {
  const experiments: import('./types.js').ExperimentText[];
  export default experiments;
}

declare module '*.css';

declare module 'normlab-wasm' {
  const createNormLab: () => Promise<any>;
  export default createNormLab;
}

/** Whether TinyShakespeare is part of this build (web/plugins/normlab.js, dataFlagPlugin). */
declare const __NORMLAB_HAS_SHAKESPEARE__: boolean;
