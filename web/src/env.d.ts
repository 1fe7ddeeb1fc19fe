/// <reference types="vite-plugin-pwa/vanillajs" />
// What the build provides that is not a JavaScript file of the site: the course and the experiment
// index as Vite virtual modules (web/plugins), the WASM module's loader, and the build-time flags.

declare module 'virtual:normlab-course' {
  const course: {
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
    loadQuiz: () => Promise<any[]>;
    /** one experiment's predict-before-you-run questions ([] when it has none) */
    loadPredict: (id: string) => Promise<any[]>;
  };
  export default course;
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
