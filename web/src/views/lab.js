// An experiment page: the question, a validated form whose state lives in the URL, Run / Stop /
// Reset, per-job progress with ETA, live charts (mean ± band over seeds, non-finite points
// marked), the claims computed from this run's data, and downloads of every file.
import { createChart, PALETTE } from './charts.js';
import { buildBars, buildSeries, divergenceMarks, seriesCsv } from './series.js';
import { chartSpecsFor } from './lab-charts.js';
import { configFromQuery, fieldText, formFields, parseField, queryFromConfig, settingsOf } from '../state/config.js';
import { routeHref } from '../state/route.js';
import { userTextProblem } from '../state/user-text.js';
import { mountQuestions } from './quiz.js';

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const fmtNum = (v) => (typeof v !== 'number' ? String(v) : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(Number(v.toPrecision(5))));

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
const jsonBlob = (v) => new Blob([JSON.stringify(v, null, 2)], { type: 'application/json' });

function fieldControl(f, value) {
  const id = `f-${f.key}`;
  const help = f.help ? `<span class="help">${esc(f.help)}</span>` : '';
  if (f.kind === 'choice') {
    return `<div class="form-row"><label for="${id}">${esc(f.label)}</label>
      <select id="${id}" name="${f.key}">${f.choices.map((c) => `<option${c === value ? ' selected' : ''}>${esc(c)}</option>`).join('')}</select>${help}
      <p class="field-error" role="alert" id="${id}-error"></p></div>`;
  }
  if (f.kind === 'bool') {
    return `<div class="form-row"><label><input type="checkbox" id="${id}" name="${f.key}"${value ? ' checked' : ''}> ${esc(f.label)}</label>${help}
      <p class="field-error" role="alert" id="${id}-error"></p></div>`;
  }
  return `<div class="form-row"><label for="${id}">${esc(f.label)}</label>
    <input id="${id}" name="${f.key}" type="text" autocomplete="off" spellcheck="false" value="${esc(fieldText(f, value))}" aria-describedby="${id}-error">${help}
    <p class="field-error" role="alert" id="${id}-error"></p></div>`;
}

export function mountLab(main, ctx, meta, def, query) {
  const { call, startRun, dataUrl, hasShakespeare, resultsStore } = ctx;
  const fields = def.fields;
  const parsed = configFromQuery(fields, query);
  let config = parsed.config;
  let run = null;
  let charts = [];
  let jobs = [];
  let lastOutputs = null;
  let userText = null; // the learner's own training text, and its file name
  let userTextName = '';
  const specs = chartSpecsFor(def.id);
  const section = ctx.course.theory.find((t) => t.slug === def.section);

  main.innerHTML = `
    <h1>${esc(meta?.title ?? def.title)}</h1>
    <p class="lede">${esc(def.question)}</p>
    ${meta?.look ? `<p><strong>What to look for:</strong> ${esc(meta.look)}</p>` : ''}
    ${section ? `<p>Theory: <a href="#/theory/${esc(section.slug)}">${esc(section.title)}</a></p>` : ''}
    ${parsed.errors.map((e) => `<p class="notice" role="status">${esc(e)}</p>`).join('')}
    ${def.needs_text ? `<p class="notice" role="note">${hasShakespeare ? 'Trains on TinyShakespeare (loaded only when you press Run).' : 'TinyShakespeare is not part of this build (run <code>scripts/fetch_data.sh</code> and rebuild).'}
      You can use your own text file instead: <label>Your text <input type="file" id="user-text" accept=".txt,text/plain" aria-describedby="user-text-status"></label> (read in your browser, never uploaded).
      <span id="user-text-status" class="user-text-status" role="status"></span></p>` : ''}
    ${def.one_job_at_a_time ? '<p class="notice" role="note">Its runs go one at a time: timings taken side by side would share the cores and the memory bus and slow each other.</p>' : ''}
    <section class="predict" aria-labelledby="predict-h" hidden><h2 id="predict-h">Before you run: predict</h2>
      <p>Commit to an answer first; the run will show you whether it holds.</p><div class="predict-questions"></div></section>
    <form id="lab-form" novalidate aria-label="Experiment settings">
      <div class="form-row"><label><input type="checkbox" id="f-quick" name="quick"${config.quick ? ' checked' : ''}> Quick mode (smaller, for a first look)</label></div>
      <div class="lab-fields">${formFields(fields).map((f) => fieldControl(f, config[f.key])).join('')}</div>
      <p class="core-error field-error" role="alert"></p>
      <div class="lab-actions">
        <button type="submit" id="run">Run</button>
        <button type="button" id="stop" disabled>Stop</button>
        <button type="button" id="reset">Reset settings</button>
      </div>
    </form>
    <section aria-labelledby="progress-h"><h2 id="progress-h">Progress</h2><div class="jobs" aria-live="polite"></div>
      <p class="run-status" role="status"></p></section>
    <section aria-labelledby="charts-h"><h2 id="charts-h">Charts</h2>
      <div class="charts">${specs.map((s) => `
        <figure class="chart-figure" data-chart="${s.id}">
          <figcaption>${esc(s.title)} ${s.logY !== undefined ? `<label class="log-toggle"><input type="checkbox" data-log="${s.id}"${s.logY ? ' checked' : ''}> log scale</label>` : ''}</figcaption>
          <div class="chart-box"><canvas role="img" aria-label="${esc(s.title)}"></canvas></div>
          <p class="chart-marks" aria-live="polite"></p>
          <details class="data-table"><summary>Show the chart's data as a table</summary><div class="table-slot"></div></details>
        </figure>`).join('')}</div></section>
    <section aria-labelledby="results-h"><h2 id="results-h">Results</h2><div class="results"><p>Run the experiment to see what happens.</p></div>
      <div class="downloads" hidden><h3>Downloads</h3><div class="download-buttons"></div></div></section>`;

  const form = main.querySelector('#lab-form');
  const runBtn = main.querySelector('#run');
  const stopBtn = main.querySelector('#stop');
  const coreError = main.querySelector('.core-error');
  const status = main.querySelector('.run-status');

  // ---- form state: validate as the learner types; the URL always carries the settings
  const errors = new Map();
  let coreCheck = 0;
  function readForm() {
    const quick = main.querySelector('#f-quick').checked;
    const next = { quick };
    errors.clear();
    for (const f of formFields(fields)) {
      const el = main.querySelector(`#f-${f.key}`);
      const p = parseField(f, f.kind === 'bool' ? el.checked : el.value);
      main.querySelector(`#f-${f.key}-error`).textContent = p.ok ? '' : p.error;
      el.setAttribute('aria-invalid', String(!p.ok));
      if (p.ok) next[f.key] = p.value;
      else errors.set(f.key, p.error);
    }
    return next;
  }
  async function validate() {
    const next = readForm();
    if (errors.size) { runBtn.disabled = true; coreError.textContent = ''; return; }
    config = next;
    history.replaceState(null, '', routeHref('lab', def.id, queryFromConfig(fields, config)));
    const ticket = ++coreCheck;
    try {
      await call('resolveConfig', { id: def.id, settings: settingsOf(config), quick: config.quick });
      if (ticket !== coreCheck) return;
      coreError.textContent = '';
      runBtn.disabled = !!run;
    } catch (e) {
      if (ticket !== coreCheck) return;
      coreError.textContent = e.message;
      runBtn.disabled = true;
    }
  }
  form.addEventListener('input', (e) => {
    if (e.target.id === 'f-quick') {
      // quick mode swaps in the quick values of the fields that have one
      for (const f of formFields(fields)) {
        if (f.quick === undefined) continue;
        const el = main.querySelector(`#f-${f.key}`);
        el.value = fieldText(f, e.target.checked ? f.quick : f.default);
      }
    }
    validate();
  });
  main.querySelector('#reset').addEventListener('click', () => {
    const fresh = configFromQuery(fields, '').config;
    main.querySelector('#f-quick').checked = false;
    for (const f of formFields(fields)) {
      const el = main.querySelector(`#f-${f.key}`);
      if (f.kind === 'bool') el.checked = !!fresh[f.key];
      else el.value = fieldText(f, fresh[f.key]);
    }
    validate();
  });
  const textStatus = main.querySelector('#user-text-status');
  main.querySelector('#user-text')?.addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    userText = null;
    if (!file) { textStatus.textContent = ''; return; }
    let text = null;
    let problem = '';
    try { text = await file.text(); } catch (err) { problem = `could not be read (${err.message})`; }
    if (text !== null) problem = userTextProblem(text);  // refused, not trained on
    if (problem) {
      e.target.value = '';
      textStatus.textContent = `Your file "${file.name}" ${problem}: choose a plain-text (.txt) file. ${
        hasShakespeare ? 'Until then the run trains on TinyShakespeare.' : 'There is no text to train on until then.'}`;
      return;
    }
    userText = text;
    userTextName = file.name;
    textStatus.textContent = `Using your text "${file.name}" (${text.length} characters).`;
  });

  // ---- charts
  charts = specs.map((spec) => {
    const fig = main.querySelector(`[data-chart="${spec.id}"]`);
    const chart = createChart(fig.querySelector('canvas'), {
      type: spec.reduce || spec.bar ? 'bar' : 'line',
      data: { datasets: [] },
      options: {
        parsing: false, normalized: true,
        plugins: { decimation: { enabled: !spec.category && !spec.reduce, algorithm: 'lttb', samples: 500 }, legend: { position: 'bottom' } },
        scales: {
          x: { type: spec.category || spec.reduce ? 'category' : 'linear', title: { display: true, text: spec.xLabel ?? 'step' } },
          y: { type: spec.logY ? 'logarithmic' : 'linear', title: { display: true, text: spec.yLabel ?? spec.y } },
        },
      },
    });
    fig.querySelector(`[data-log="${spec.id}"]`)?.addEventListener('change', (e) => {
      chart.options.scales.y.type = e.target.checked ? 'logarithmic' : 'linear';
      chart.update();
    });
    return { spec, chart, fig };
  });

  // A bar per variant of one reduced value (e.g. the median step time), with its table.
  function drawBars(spec, chart, fig) {
    const bars = buildBars(jobs, spec);
    chart.data.labels = bars.map((b) => b.variant);
    chart.data.datasets = [{
      label: spec.yLabel ?? spec.y, data: bars.map((b) => ({ x: b.variant, y: b.value })),
      backgroundColor: bars.map((_, i) => PALETTE[i % PALETTE.length]),
    }];
    chart.options.plugins.legend.display = false;
    chart.update('none');
    const range = (b) => (b.seeds > 1 ? ` (seeds ${fmtNum(b.lo)} – ${fmtNum(b.hi)})` : '');
    fig.querySelector('.chart-marks').textContent = '';
    fig.querySelector('.table-slot').innerHTML = `<table><thead><tr><th scope="col">variant</th><th scope="col">${esc(spec.yLabel ?? spec.y)}</th></tr></thead><tbody>${
      bars.map((b) => `<tr><td>${esc(b.variant)}</td><td>${fmtNum(b.value)}${range(b)}</td></tr>`).join('')}</tbody></table>`;
  }

  function drawCharts() {
    for (const { spec, chart, fig } of charts) {
      if (spec.reduce) { drawBars(spec, chart, fig); continue; }
      const series = buildSeries(jobs, spec, config);
      // spec.overlay: a second key of the same jobs drawn dashed over each series (a prediction)
      const overlay = spec.overlay ? buildSeries(jobs, { ...spec, y: spec.overlay.y }, config) : [];
      const datasets = [];
      const labels = spec.category ? [...new Set(series.flatMap((s) => [...s.x, ...s.nonfinite]))] : undefined;
      series.forEach((s, i) => {
        const colour = PALETTE[i % PALETTE.length];
        const pts = s.x.map((x, k) => ({ x: spec.category ? String(x) : x, y: s.mean[k] }));
        if (s.seeds > 1) {
          datasets.push({ label: `${s.variant} (min)`, data: s.x.map((x, k) => ({ x: spec.category ? String(x) : x, y: s.lo[k] })), borderWidth: 0, pointRadius: 0, fill: false, backgroundColor: `${colour}33` });
          datasets.push({ label: `${s.variant} (band)`, data: s.x.map((x, k) => ({ x: spec.category ? String(x) : x, y: s.hi[k] })), borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: `${colour}33` });
        }
        datasets.push({ label: s.seeds > 1 ? `${s.variant} (mean of ${s.seeds} seeds)` : s.variant, data: pts, borderColor: colour, backgroundColor: colour, pointRadius: spec.category ? 3 : 0, borderWidth: 2 });
        const o = overlay[i];
        if (o) {
          datasets.push({ label: `${o.variant}: ${spec.overlay.label}`, data: o.x.map((x, k) => ({ x: spec.category ? String(x) : x, y: o.mean[k] })),
            borderColor: colour, backgroundColor: colour, borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5 });
        }
      });
      const marksOnChart = divergenceMarks(jobs, spec, config);
      if (marksOnChart.length) {
        datasets.push({ label: 'diverged here', type: 'scatter', data: marksOnChart.map((m) => ({ x: spec.category ? String(m.x) : m.x, y: m.y })),
          pointStyle: 'crossRot', pointRadius: 9, borderWidth: 3, borderColor: '#D55E00', backgroundColor: '#D55E00' });
      }
      chart.data.labels = labels?.map(String);
      chart.data.datasets = datasets;
      // bands and the dashed overlays share their series' colour: one legend entry per series
      const overlaySuffix = spec.overlay ? `: ${spec.overlay.label}` : null;
      chart.options.plugins.legend.labels = { filter: (item) => !/\((min|band)\)$/.test(item.text) && !(overlaySuffix && item.text.endsWith(overlaySuffix)) };
      chart.update('none');
      const marks = series.filter((s) => s.nonfinite.length)
        .map((s) => `${s.variant}: non-finite at ${spec.xLabel ?? 'x'} = ${s.nonfinite.map(fmtNum).join(', ')}`);
      const diverged = jobs.filter((j) => j.result?.diverged_at !== null && j.result?.diverged_at !== undefined)
        .map((j) => `${j.variant} (seed ${j.seed}) diverged at step ${j.result.diverged_at}`);
      fig.querySelector('.chart-marks').textContent = [...marks, ...diverged].join('; ');
      const overlayHead = spec.overlay ? `<th scope="col">${esc(spec.overlay.label)}</th>` : '';
      const overlayCell = (i, x) => {
        if (!spec.overlay) return '';
        const o = overlay[i];
        const k = o ? o.x.indexOf(x) : -1;
        return `<td>${k >= 0 ? fmtNum(o.mean[k]) : 'non-finite'}</td>`;
      };
      fig.querySelector('.table-slot').innerHTML = `<table><thead><tr><th scope="col">variant</th><th scope="col">${esc(spec.xLabel ?? 'x')}</th><th scope="col">${esc(spec.yLabel ?? spec.y)}</th>${overlayHead}</tr></thead><tbody>${
        series.flatMap((s, i) => s.x.map((x, k) => `<tr><td>${esc(s.variant)}</td><td>${fmtNum(x)}</td><td>${fmtNum(s.mean[k])}</td>${overlayCell(i, x)}</tr>`)
          .concat(s.nonfinite.map((x) => `<tr><td>${esc(s.variant)}</td><td>${fmtNum(x)}</td><td>non-finite</td>${overlayCell(i, x)}</tr>`))).join('')}</tbody></table>`;
    }
  }

  // ---- progress
  const jobsEl = main.querySelector('.jobs');
  const started = new Map();
  function drawJobs() {
    jobsEl.innerHTML = jobs.map((j, i) => {
      const total = j.totalSteps || 0;
      const pct = total ? Math.round((100 * j.stepsDone) / total) : 0;
      let eta = '';
      if (j.status === 'running' && j.stepsDone > 0 && started.has(i)) {
        const elapsed = (performance.now() - started.get(i)) / 1000;
        eta = `, about ${Math.max(0, Math.round((elapsed / j.stepsDone) * (total - j.stepsDone)))} s left`;
      }
      const label = `${j.variant} (seed ${j.seed})`;
      return `<div class="job" data-status="${j.status}"><span class="job-label">${esc(label)}</span>
        <div class="bar" role="progressbar" aria-label="${esc(label)}" aria-valuemin="0" aria-valuemax="${total}" aria-valuenow="${j.stepsDone}"><span style="width:${pct}%"></span></div>
        <span class="job-text">${j.status === 'failed' ? `failed: ${esc(j.error)}` : `${j.status}, step ${j.stepsDone} of ${total || '…'}${eta}`}</span></div>`;
    }).join('');
  }

  // ---- results
  function showResults(outputs) {
    const claims = outputs.summary ?? [];
    const verdict = (h) => (h === true ? 'holds here' : h === false ? 'does not hold here' : 'not decided by this run');
    main.querySelector('.results').innerHTML = `
      <table class="claims"><caption>The course's claims, checked against this run</caption>
        <thead><tr><th scope="col">claim</th><th scope="col">observed</th><th scope="col">verdict</th></tr></thead>
        <tbody>${claims.map((c) => `<tr data-holds="${c.holds}"><td>${esc(c.claim)}</td><td>${esc(c.observed)}</td><td>${verdict(c.holds)}</td></tr>`).join('')}</tbody></table>
      <details><summary>All measurements (metrics.json)</summary><pre>${esc(JSON.stringify(outputs.metrics, null, 1))}</pre></details>`;
    const dl = main.querySelector('.downloads');
    dl.hidden = false;
    const files = [
      ...['manifest', 'losses', 'timings', 'metrics', 'summary'].map((n) => ({ name: `${n}.json`, make: () => jsonBlob(outputs[n]) })),
      ...charts.map(({ spec }) => ({ name: `${spec.id}.csv`, make: () => new Blob([seriesCsv(jobs, spec, config)], { type: 'text/csv' }) })),
      ...charts.map(({ spec, chart }) => ({ name: spec.file, make: () => new Promise((r) => chart.canvas.toBlob(r, 'image/png')) })),
    ];
    const box = dl.querySelector('.download-buttons');
    box.innerHTML = files.map((f, i) => `<button type="button" data-file="${i}">${esc(f.name)}</button>`).join(' ');
    box.querySelectorAll('button').forEach((b) => b.addEventListener('click', async () => {
      const f = files[Number(b.dataset.file)];
      download(f.name, await f.make());
    }));
  }

  function restoreSaved() {
    const { data } = resultsStore.load();
    const saved = data?.[def.id];
    if (!saved) return;
    jobs = saved.jobs;
    lastOutputs = saved.outputs;
    drawJobs();
    drawCharts();
    showResults(saved.outputs);
    status.textContent = `Showing your last finished run (${saved.date}).`;
  }
  function saveResult() {
    const { data } = resultsStore.load();
    const all = data ?? {};
    all[def.id] = { date: new Date().toISOString(), outputs: lastOutputs, jobs: jobs.map(({ variant, seed, status, stepsDone, totalSteps, points, result }) => ({ variant, seed, status, stepsDone, totalSteps, points, result })) };
    resultsStore.save(all);
  }

  // ---- run / stop
  let lastDraw = 0;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (run || runBtn.disabled) return;
    // Run is disabled while a run goes on: a keyboard user's focus moves to Stop, not to the page
    const focusOnRun = document.activeElement === runBtn;
    runBtn.disabled = true;
    stopBtn.disabled = false;
    if (focusOnRun) stopBtn.focus();
    status.textContent = 'Running…';
    main.dataset.run = 'running';
    started.clear();
    run = startRun({
      id: def.id, config, dataUrl: def.needs_text && !userText ? dataUrl : undefined, text: userText ?? undefined,
      oneAtATime: !!def.one_job_at_a_time,
      data: !def.needs_text ? null : userText
        ? { source: 'file', name: userTextName, bytes: new TextEncoder().encode(userText).length }
        : { source: 'tinyshakespeare', name: 'tinyshakespeare.txt' },
      onJob: (index, states) => {
        jobs = states;
        if (index !== null && !started.has(index) && states[index].status === 'running') started.set(index, performance.now());
        const now = performance.now();
        if (index === null || states[index].status !== 'running' || now - lastDraw > 150) {
          lastDraw = now;
          drawJobs();
          drawCharts();
        }
      },
    });
    run.promise.then((outcome) => {
      jobs = outcome.jobs;
      drawJobs();
      drawCharts();
      if (outcome.stopped) { status.textContent = 'Stopped. Runs that had finished are kept in the charts.'; main.dataset.run = 'stopped'; return; }
      const failed = outcome.jobs.filter((j) => j.status === 'failed');
      if (outcome.outputs) {
        lastOutputs = outcome.outputs;
        showResults(outcome.outputs);
        saveResult();
      }
      if (!outcome.outputs) {
        // every run failed: say why once (they usually fail for the same reason) and what to change
        const reasons = [...new Set(failed.map((j) => j.error))];
        status.textContent = `Every run failed, so there are no results: ${reasons.join('; ')}. Change the settings and run again.`;
        main.dataset.run = 'error';
        return;
      }
      status.textContent = failed.length
        ? `${failed.length} of ${outcome.jobs.length} runs failed (see above); the results use the rest.`
        : 'Done.';
      main.dataset.run = 'done';
    }).catch((err) => {
      status.textContent = `The run could not start: ${err.message}`;
      main.dataset.run = 'error';
    }).finally(() => {
      run = null;
      const focusOnStop = document.activeElement === stopBtn;
      stopBtn.disabled = true;
      validate().then(() => { if (focusOnStop && !runBtn.disabled) runBtn.focus(); });
    });
  });
  stopBtn.addEventListener('click', () => { run?.stop(); status.textContent = 'Stopping…'; });

  let gone = false;
  ctx.course.loadQuiz().then((quiz) => {
    const questions = quiz.filter((q) => q.type === 'predict' && q.experiment === def.id);
    if (gone || !questions.length) return;
    const box = main.querySelector('.predict');
    box.hidden = false;
    mountQuestions(box.querySelector('.predict-questions'), { questions, progress: ctx.quizProgress, showScore: false });
  }).catch(() => { /* the quiz is optional here; the quiz page reports load errors */ });

  restoreSaved();
  validate();
  return {
    destroy() {
      gone = true;
      run?.stop();
      charts.forEach((c) => c.chart.destroy());
    },
  };
}
