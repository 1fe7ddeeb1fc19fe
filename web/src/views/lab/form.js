// @ts-check
// The settings form of an experiment page: the experiment's presets (one click loads and runs),
// one control per field (text, choice, checkbox) with the 2-4 primary settings and the number of
// seeds first and the rest in a collapsed "advanced" group, quick mode, Run / Stop / Reset, the
// learner's own text file, and the errors next to each field. It reads what the learner typed and
// shows what the state says; the checking is state/lab.js's.
import { fieldText, formFields } from '../../state/config.js';
import { esc } from '../format.js';
import { ENGLISH, say, sayError } from '../../i18n/translate.js';
import { estimateHtml } from './estimate.js';

/** @typedef {import('../../types.js').FieldSpec} FieldSpec */
/** @typedef {import('../../types.js').FieldValue} FieldValue */
/** @typedef {import('../../state/lab.js').LabState} LabState */
/** @typedef {import('../../i18n/translate.js').I18n} I18n */

/**
 * The phone keypad for a field: digits for whole numbers, digits and a point for numbers that
 * cannot be negative (a negative number or an exponent needs the full keyboard); none for lists.
 * @param {FieldSpec} f
 */
export function inputModeOf(f) {
  const nonNegative = (f.min ?? -1) >= 0;
  if (f.kind === 'int' && nonNegative) return 'numeric';
  if (f.kind === 'float' && nonNegative) return 'decimal';
  return '';
}

/**
 * The fields shown before "advanced" is opened: the experiment's primary settings and the number
 * of seeds (every field when the core marks none primary: nothing is hidden that cannot be found).
 * @param {FieldSpec[]} all every form field, the experiment's own and the site's
 */
export function splitFields(all) {
  const anyPrimary = all.some((f) => f.primary);
  const first = all.filter((f) => !anyPrimary || f.primary || f.key === 'seeds');
  return { first, advanced: all.filter((f) => !first.includes(f)) };
}

/**
 * @param {FieldSpec} f
 * @param {FieldValue | undefined} value
 */
function fieldControl(f, value) {
  const id = `f-${f.key}`;
  const help = f.help ? `<span class="help">${esc(f.help)}</span>` : '';
  const error = `<p class="field-error" role="alert" id="${id}-error"></p>`;
  if (f.kind === 'choice') {
    const options = (f.choices ?? [])
      .map((c) => `<option${c === value ? ' selected' : ''}>${esc(c)}</option>`)
      .join('');
    return `<div class="form-row"><label for="${id}">${esc(f.label)}</label>
      <select id="${id}" name="${f.key}">${options}</select>${help}
      ${error}</div>`;
  }
  if (f.kind === 'bool') {
    return `<div class="form-row"><label><input type="checkbox" id="${id}" name="${f.key}"${value ? ' checked' : ''}> ${esc(f.label)}</label>${help}
      ${error}</div>`;
  }
  const mode = inputModeOf(f);
  return `<div class="form-row"><label for="${id}">${esc(f.label)}</label>
    <input id="${id}" name="${f.key}" type="text"${mode ? ` inputmode="${mode}"` : ''} autocomplete="off" spellcheck="false" value="${esc(fieldText(f, value ?? ''))}" aria-describedby="${id}-error">${help}
    ${error}</div>`;
}

/**
 * The form's HTML for the page's first render, in the page's language.
 * @param {LabState} s
 * @param {I18n} [i18n]
 */
export function formHtml(s, i18n = ENGLISH) {
  const { t } = i18n;
  const { first, advanced } = splitFields(formFields(s.fields));
  // the site's own fields (seeds, first seed) are named in the page's language; the experiment's
  // come translated from the catalogue (i18n/experiments.js)
  const labelled = (/** @type {FieldSpec} */ f) =>
    i18n.has(`form.field.${f.key}`) ? { ...f, label: t(`form.field.${f.key}`) } : f;
  const controls = (/** @type {FieldSpec[]} */ list) =>
    list.map((f) => fieldControl(labelled(f), s.config[f.key])).join('');
  return `${presetsHtml(s, i18n)}<form id="lab-form" novalidate aria-label="${esc(t('form.label'))}">
      <div class="form-row"><label><input type="checkbox" id="f-quick" name="quick"${s.config.quick ? ' checked' : ''}> ${esc(t('form.quick'))}</label></div>
      <div class="lab-fields">${controls(first)}</div>
      ${
        advanced.length
          ? `<details class="advanced"><summary>${esc(t('form.advanced', { count: advanced.length }))}</summary>
      <div class="lab-fields">${controls(advanced)}</div></details>`
          : ''
      }
      <p class="preset-status" role="status">${s.preset ? esc(presetLine(s.preset, s.presets, i18n)) : ''}</p>
      <p class="core-error field-error" role="alert"></p>
      <div class="lab-actions">
        <button type="submit" id="run">${esc(t('form.run'))}</button>
        <button type="button" id="stop" disabled>${esc(t('form.stop'))}</button>
        <button type="button" id="reset">${esc(t('form.reset'))}</button>
        ${estimateHtml(i18n)}
      </div>
    </form>`;
}

/**
 * The line naming the preset the settings started from, by its shown name.
 * @param {string} name the preset's name (its id in the URL)
 * @param {import('../../types.js').Preset[]} presets the experiment's presets, in the page's language
 * @param {I18n} i18n
 */
const presetLine = (name, presets, { t }) =>
  t('form.presetLine', { name: presets.find((p) => p.name === name)?.label ?? name });

/**
 * The experiment's presets: one button each, with its sentence of why.
 * @param {LabState} s
 * @param {I18n} i18n
 */
function presetsHtml(s, { t }) {
  if (!s.presets.length) return '';
  return `<section class="presets" aria-labelledby="presets-h"><h2 id="presets-h">${esc(t('form.presetsTitle'))}</h2>
    <p>${esc(t('form.presetsIntro'))}</p>
    <ul class="preset-list">${s.presets
      .map(
        (
          p,
          i,
        ) => `<li><button type="button" class="preset" data-preset="${esc(p.name)}" aria-describedby="preset-why-${i}">${esc(p.label ?? p.name)}</button>
      <span class="preset-why" id="preset-why-${i}">${esc(p.why)}</span></li>`,
      )
      .join('')}</ul></section>`;
}

/**
 * The paragraph offering the learner's own text, for experiments that train on one.
 * @param {boolean} hasShakespeare whether this build carries TinyShakespeare
 * @param {I18n} [i18n]
 */
export function userTextHtml(hasShakespeare, { t, html } = ENGLISH) {
  const input = `<label>${esc(t('form.yourText'))} <input type="file" id="user-text" accept=".txt,text/plain" aria-describedby="user-text-status"></label>`;
  return `<p class="notice" role="note">${
    hasShakespeare
      ? esc(t('form.trainsOnShakespeare'))
      : html('form.noShakespeare', { script: '<code>scripts/fetch_data.sh</code>' })
  }
      ${html('form.ownText', { input })}
      <span id="user-text-status" class="user-text-status" role="status"></span></p>`;
}

/**
 * @typedef {object} FormEvents
 * @property {() => void} onChange       a setting changed (quick mode already applied to the fields)
 * @property {() => void} onReset
 * @property {() => void} onRun
 * @property {() => void} onStop
 * @property {(file: File | null) => void} onUserText
 * @property {(name: string) => void} onPreset   a preset's button was pressed
 */

/**
 * Wires the rendered form under `root`.
 * @param {HTMLElement} root
 * @param {FieldSpec[]} fields the experiment's own fields
 * @param {import('../../types.js').Preset[]} presets the experiment's presets, in the page's language
 * @param {I18n} i18n
 * @param {FormEvents} events
 */
export function mountForm(root, fields, presets, i18n, events) {
  const all = formFields(fields);
  const form = /** @type {HTMLFormElement} */ (root.querySelector('#lab-form'));
  const runBtn = /** @type {HTMLButtonElement} */ (root.querySelector('#run'));
  const stopBtn = /** @type {HTMLButtonElement} */ (root.querySelector('#stop'));
  const quickBox = /** @type {HTMLInputElement} */ (root.querySelector('#f-quick'));
  const coreError = /** @type {HTMLElement} */ (root.querySelector('.core-error'));
  const textStatus = root.querySelector('#user-text-status');
  const fileInput = /** @type {HTMLInputElement | null} */ (root.querySelector('#user-text'));
  /** @param {FieldSpec} f */
  const control = (f) => /** @type {HTMLInputElement} */ (root.querySelector(`#f-${f.key}`));
  /**
   * @param {FieldSpec} f
   * @param {FieldValue} value
   */
  const setControl = (f, value) => {
    if (f.kind === 'bool') control(f).checked = !!value;
    else control(f).value = fieldText(f, value);
  };

  form.addEventListener('input', (e) => {
    if (e.target === quickBox) {
      // quick mode swaps in the quick values of the fields that have one, where the field still
      // shows the other mode's default: a value the learner or a preset chose is kept
      for (const f of all) {
        if (f.quick === undefined) continue;
        const [from, to] = quickBox.checked ? [f.default, f.quick] : [f.quick, f.default];
        const shown = f.kind === 'bool' ? control(f).checked === !!from : control(f).value === fieldText(f, from);
        if (shown) setControl(f, to);
      }
    }
    events.onChange();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!runBtn.disabled) events.onRun();
  });
  stopBtn.addEventListener('click', () => events.onStop());
  /** @type {HTMLElement} */ (root.querySelector('#reset')).addEventListener('click', () => events.onReset());
  fileInput?.addEventListener('change', () => events.onUserText(fileInput.files?.[0] ?? null));
  const presetButtons = /** @type {HTMLButtonElement[]} */ ([...root.querySelectorAll('button.preset')]);
  for (const button of presetButtons)
    button.addEventListener('click', () => events.onPreset(button.dataset.preset ?? ''));
  const presetStatus = /** @type {HTMLElement} */ (root.querySelector('.preset-status'));

  return {
    /** What the learner has entered: quick mode, and each field's text (a checkbox's state). */
    read() {
      /** @type {Record<string, string | boolean>} */
      const values = {};
      for (const f of all) values[f.key] = f.kind === 'bool' ? control(f).checked : control(f).value;
      return { quick: quickBox.checked, values };
    },
    /**
     * Puts settings back into the controls (Reset).
     * @param {import('../../types.js').ExperimentConfig} config
     */
    fill(config) {
      quickBox.checked = !!config.quick;
      for (const f of all) setControl(f, config[f.key]);
    },
    /**
     * Which preset the settings started from ('' none).
     * @param {string} name
     */
    showPreset(name) {
      presetStatus.textContent = name ? presetLine(name, presets, i18n) : '';
    },
    /**
     * Each field's error next to it, and the core's verdict under the form.
     * @param {LabState} s
     */
    showErrors(s) {
      for (const f of all) {
        const message = s.fieldMessages?.[f.key];
        const error = message ? say(message, i18n) : (s.fieldErrors[f.key] ?? '');
        /** @type {HTMLElement} */ (root.querySelector(`#f-${f.key}-error`)).textContent = error;
        control(f).setAttribute('aria-invalid', String(error !== ''));
      }
      coreError.textContent = sayError({ message: s.coreError, data: s.coreMessage }, i18n);
      // an error in a collapsed group is opened, so the learner sees what blocks Run
      const advanced = /** @type {HTMLDetailsElement | null} */ (root.querySelector('details.advanced'));
      if (advanced && !advanced.open && advanced.querySelector('[aria-invalid="true"]')) advanced.open = true;
    },
    /**
     * Run as the state allows (Stop follows the run: runStarted, runEnded).
     * @param {boolean} enabled
     */
    setRunEnabled(enabled) {
      runBtn.disabled = !enabled;
    },
    /** A run started: Run is disabled while it goes on, so a keyboard user's focus moves to Stop. */
    runStarted() {
      const focusOnRun = document.activeElement === runBtn;
      runBtn.disabled = true;
      stopBtn.disabled = false;
      for (const b of presetButtons) b.disabled = true;
      if (focusOnRun) stopBtn.focus();
    },
    /**
     * The run ended: Stop is disabled. Returns what to call once Run's state is known again,
     * which gives focus back to Run if it was on Stop.
     * @returns {() => void}
     */
    runEnded() {
      const focusOnStop = document.activeElement === stopBtn;
      stopBtn.disabled = true;
      for (const b of presetButtons) b.disabled = false;
      return () => {
        if (focusOnStop && !runBtn.disabled) runBtn.focus();
      };
    },
    /**
     * What became of the learner's text file: '' clears the line.
     * @param {string} text
     */
    showUserText(text) {
      if (textStatus) textStatus.textContent = text;
    },
    /** Forgets the chosen file (it was refused). */
    clearFile() {
      if (fileInput) fileInput.value = '';
    },
  };
}
