/// <reference types="vite-plugin-pwa/vanillajs" />
// What the build provides that is not a JavaScript file of the site: the course and the experiment
// index and the interface catalogues as Vite virtual modules (web/plugins), the WASM module's loader, and the build-time flags.

declare module 'virtual:normlab-course' {
  /** the course index of each language, by language code */
  const courses: Record<string, CourseIndex>;
  export default courses;
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
  /** the interface catalogue of each language (web/src/i18n/<lang>.js), the reference language first */
  const catalogues: Record<string, import('./i18n/translate.js').Messages>;
  export default catalogues;
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
