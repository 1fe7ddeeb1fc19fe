// Vite plugins of NormLab: the course as a build-time virtual module, the data-set flag,
// and a size report of the built site.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadCourse } from './render-content.js';
import { validateCourse } from './validate-content.js';
import { EXPERIMENT_IDS } from '../src/state/experiments.js';

// Loads, renders and checks the course; throws with every problem listed.
export function buildCourse(contentRoot, lang = 'en') {
  const widgetsUsed = [];
  const course = loadCourse(contentRoot, lang, { onWidget: (name, _attrs, env) => widgetsUsed.push({ name, file: env?.file }) });
  const problems = validateCourse(course, { experimentIds: EXPERIMENT_IDS, widgetsUsed });
  if (problems.length) throw new Error(`The course content has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return course;
}

const COURSE_ID = 'virtual:normlab-course';

export function coursePlugin({ contentRoot, lang = 'en' }) {
  const resolved = '\0' + COURSE_ID;
  return {
    name: 'normlab-course',
    resolveId: (id) => (id === COURSE_ID ? resolved : null),
    load(id) {
      if (id !== resolved) return null;
      if (fs.existsSync(contentRoot)) {
        for (const f of fs.readdirSync(contentRoot, { recursive: true })) this.addWatchFile(path.join(contentRoot, f));
      }
      return `export default ${JSON.stringify(buildCourse(contentRoot, lang))};`;
    },
  };
}

// Whether TinyShakespeare was fetched into public/data, known at build time, so the site
// can say "missing, here is how to get it" without a failing request.
export function dataFlagPlugin({ publicDir }) {
  const file = path.join(publicDir, 'data', 'tinyshakespeare.txt');
  return {
    name: 'normlab-data-flag',
    config: () => ({ define: { __NORMLAB_HAS_SHAKESPEARE__: JSON.stringify(fs.existsSync(file)) } }),
  };
}

// Prints the gzipped size of the site's own JS + CSS + WASM (data and fonts aside) and
// writes it to dist/size-report.json for the README and the tests.
export function sizeReportPlugin() {
  let outDir;
  return {
    name: 'normlab-size-report',
    apply: 'build',
    configResolved: (c) => { outDir = path.resolve(c.root, c.build.outDir); },
    closeBundle(error) {
      if (error || !fs.existsSync(outDir)) return; // the build failed: let its own error speak
      const rows = [];
      const walk = (dir) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, e.name);
          if (e.isDirectory()) walk(p);
          else if (/\.(js|mjs|css|wasm|html)$/.test(e.name)) {
            const buf = fs.readFileSync(p);
            rows.push({ file: path.relative(outDir, p), bytes: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length });
          }
        }
      };
      walk(outDir);
      const total = rows.reduce((s, r) => s + r.gzip, 0);
      fs.writeFileSync(path.join(outDir, 'size-report.json'), JSON.stringify({ total_gzip_bytes: total, files: rows }, null, 2));
      console.log(`NormLab site: own JS + CSS + WASM + HTML = ${(total / 1024).toFixed(1)} KB gzipped (${rows.length} files)`);
    },
  };
}
