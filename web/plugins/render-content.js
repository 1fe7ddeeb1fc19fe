// Build-time rendering of the course (content/<lang>/): Markdown with front matter and KaTeX
// math becomes HTML once, at build time; the site ships HTML and renders no math at run time.
// Raw HTML in the sources is escaped (markdown-it html: false), which is the sanitiser.
import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import katex from 'katex';
import yaml from 'js-yaml';

export class ContentError extends Error {}

// Splits "---\n<yaml>\n---\n<body>" into {meta, body}.
export function splitFrontMatter(text, file) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) throw new ContentError(`${file}: missing front matter (--- yaml --- block at the top)`);
  let meta;
  try {
    meta = yaml.load(m[1]) ?? {};
  } catch (e) {
    throw new ContentError(`${file}: front matter is not valid YAML: ${e.message}`);
  }
  return { meta, body: m[2] };
}

// markdown-it rules for $inline$ and $$display$$ math, rendered by KaTeX with throwOnError,
// so a bad expression fails the build and names the file.
function mathPlugin(md) {
  md.inline.ruler.after('escape', 'math_inline', (state, silent) => {
    const src = state.src;
    const pos = state.pos;
    if (src[pos] !== '$' || src[pos + 1] === '$') return false;
    const start = pos + 1;
    if (start >= src.length || /\s/.test(src[start])) return false;
    let end = start;
    while ((end = src.indexOf('$', end)) !== -1) {
      if (src[end - 1] !== '\\' && !/\s/.test(src[end - 1])) break;
      end++;
    }
    if (end === -1) return false;
    if (!silent) {
      const token = state.push('math_inline', 'math', 0);
      token.content = src.slice(start, end);
    }
    state.pos = end + 1;
    return true;
  });
  md.block.ruler.after(
    'blockquote',
    'math_block',
    (state, startLine, endLine, silent) => {
      if (state.sCount[startLine] - state.blkIndent >= 4) return false; // indented code, not math
      const lineText = (l) => state.src.slice(state.bMarks[l] + state.tShift[l], state.eMarks[l]);
      const first = lineText(startLine);
      if (!first.startsWith('$$')) return false;
      let content;
      let last = startLine;
      const rest = first.slice(2);
      if (rest.trim().endsWith('$$') && rest.trim().length >= 2) {
        content = rest.trim().slice(0, -2);
      } else {
        const lines = [rest];
        let found = false;
        for (last = startLine + 1; last < endLine; last++) {
          const t = lineText(last);
          if (t.trim().endsWith('$$')) {
            lines.push(t.trim().slice(0, -2));
            found = true;
            break;
          }
          lines.push(t);
        }
        if (!found) return false;
        content = lines.join('\n');
      }
      if (silent) return true;
      const token = state.push('math_block', 'math', 0);
      token.block = true;
      token.content = content;
      token.map = [startLine, last + 1];
      state.line = last + 1;
      return true;
    },
    { alt: ['paragraph', 'reference', 'blockquote', 'list'] },
  ); // $$ may start right after a text line
}

// A figure's SVG is inlined, so it must be inert: no script, no event handler, no foreign content,
// no link or reference outside the file. Returns a problem, or null when the SVG is safe.
export function unsafeSvg(svg) {
  if (!/^\s*<svg[\s>]/.test(svg)) return 'does not start with <svg>';
  if (!/viewBox="[\d.\s-]+"/.test(svg)) return 'has no viewBox (it would not scale)';
  if (/<\s*(script|foreignObject|iframe|image|use|a|style)\b/i.test(svg)) return 'contains a forbidden element';
  if (/\son[a-z]+\s*=/i.test(svg)) return 'contains an event handler attribute';
  if (/(href|src)\s*=/i.test(svg) || /url\(\s*['"]?(?!#)/i.test(svg)) return 'references something outside the file';
  return null;
}

// ```figure block: YAML with src (an SVG in content/<lang>/figures/), alt (the text alternative,
// required) and caption (inline Markdown). The SVG becomes role="img" labelled by alt.
function renderFigure(md, content, env, figuresDir, inline) {
  const where = env?.file ?? 'content';
  let spec;
  try {
    spec = yaml.load(content) ?? {};
  } catch (e) {
    throw new ContentError(`${where}: figure block is not valid YAML: ${e.message}`);
  }
  const { src, alt, caption } = spec;
  if (typeof src !== 'string' || !/^[a-z0-9-]+\.svg$/.test(src))
    throw new ContentError(`${where}: figure src "${src}" must be a file name like name.svg`);
  if (typeof alt !== 'string' || alt.trim().length < 20)
    throw new ContentError(`${where}: figure ${src} needs an alt text that describes it (20 characters or more)`);
  const file = path.join(figuresDir ?? '', src);
  if (!figuresDir || !fs.existsSync(file)) throw new ContentError(`${where}: figure ${src} not found in figures/`);
  const svg = fs.readFileSync(file, 'utf8').replace(/<\?xml[^>]*>\s*/, '');
  const problem = unsafeSvg(svg);
  if (problem) throw new ContentError(`${where}: figure ${src} ${problem}`);
  const labelled = svg.replace(
    /^\s*<svg/,
    `<svg role="img" aria-label="${md.utils.escapeHtml(alt.trim())}" focusable="false" class="figure-art"`,
  );
  const cap = typeof caption === 'string' ? `<figcaption>${inline(caption, env)}</figcaption>` : '';
  return `<figure class="figure" data-figure="${md.utils.escapeHtml(src)}">${labelled.trim()}${cap}</figure>\n`;
}

export function createRenderer({ onWidget, figuresDir } = {}) {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.use(mathPlugin);
  const tex = (content, displayMode, env) => {
    try {
      return katex.renderToString(content, {
        displayMode,
        throwOnError: true,
        strict: 'error',
        output: 'htmlAndMathml',
      });
    } catch (e) {
      throw new ContentError(`${env?.file ?? 'content'}: KaTeX cannot render "${content.trim()}": ${e.message}`);
    }
  };
  md.renderer.rules.math_inline = (tokens, idx, _o, env) => tex(tokens[idx].content, false, env);
  md.renderer.rules.math_block = (tokens, idx, _o, env) =>
    `<div class="math-display">${tex(tokens[idx].content, true, env)}</div>\n`;
  const defaultFence = md.renderer.rules.fence;
  // ```widget\nname key=value\n``` places a live widget; the page mounts it by data attributes.
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (token.info.trim() === 'figure')
      return renderFigure(md, token.content, env, figuresDir, (t, e) => md.renderInline(t, e));
    if (token.info.trim() !== 'widget') return defaultFence(tokens, idx, options, env, self);
    const [name, ...settings] = token.content.trim().split(/\s+/);
    const attrs = {};
    for (const s of settings) {
      const [k, v] = s.split('=');
      if (!/^[a-z][a-z0-9-]*$/.test(k ?? '') || v === undefined)
        throw new ContentError(`${env?.file}: bad widget setting "${s}"`);
      attrs[k] = v;
    }
    onWidget?.(name, attrs, env);
    const data = Object.entries(attrs)
      .map(([k, v]) => ` data-${k}="${md.utils.escapeHtml(v)}"`)
      .join('');
    return `<div class="widget" data-widget="${md.utils.escapeHtml(name)}"${data}></div>\n`;
  };
  return {
    markdown: (text, env = {}) => md.render(String(text ?? ''), env),
    inline: (text, env = {}) => md.renderInline(String(text ?? ''), env),
    md,
  };
}

const SOLUTION_MARKER = '<!-- solution -->';

function readMarkdownDir(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(dir, f));
}

// Loads and renders one language of the course. Returns plain JSON-able data.
export function loadCourse(contentRoot, lang = 'en', { onWidget } = {}) {
  const base = path.join(contentRoot, lang);
  const r = createRenderer({ onWidget, figuresDir: path.join(base, 'figures') });
  const rel = (f) => path.relative(contentRoot, f);

  const theory = readMarkdownDir(path.join(base, 'theory'))
    .map((file) => {
      const { meta, body } = splitFrontMatter(fs.readFileSync(file, 'utf8'), rel(file));
      return { ...meta, file: rel(file), html: r.markdown(body, { file: rel(file) }), links: collectLinks(r, body) };
    })
    .sort((a, b) => a.order - b.order);

  const drills = readMarkdownDir(path.join(base, 'drills'))
    .map((file) => {
      const { meta, body } = splitFrontMatter(fs.readFileSync(file, 'utf8'), rel(file));
      const at = body.indexOf(SOLUTION_MARKER);
      if (at < 0) throw new ContentError(`${rel(file)}: no "${SOLUTION_MARKER}" line between problem and solution`);
      const env = { file: rel(file) };
      return {
        ...meta,
        file: rel(file),
        problemHtml: r.markdown(body.slice(0, at), env),
        solutionHtml: r.markdown(body.slice(at + SOLUTION_MARKER.length), env),
        links: collectLinks(r, body),
      };
    })
    .sort((a, b) => a.order - b.order);

  const quizFile = path.join(base, 'quiz.yaml');
  let quiz = [];
  if (fs.existsSync(quizFile)) {
    let raw;
    try {
      raw = yaml.load(fs.readFileSync(quizFile, 'utf8'));
    } catch (e) {
      throw new ContentError(`${rel(quizFile)}: not valid YAML: ${e.message}`);
    }
    if (!Array.isArray(raw)) throw new ContentError(`${rel(quizFile)}: expected a list of questions`);
    quiz = raw.map((q) => {
      const env = { file: `${rel(quizFile)}#${q?.id}` };
      return {
        ...q,
        promptHtml: r.markdown(q.prompt, env),
        choicesHtml: Array.isArray(q.choices) ? q.choices.map((c) => r.inline(String(c), env)) : undefined,
        explanationHtml: r.markdown(q.explanation, env),
        hintHtml: q.hint === undefined ? undefined : r.inline(String(q.hint).trim(), env),
        settingsHtml: q.settings === undefined ? undefined : r.inline(String(q.settings).trim(), env),
        quickHtml: q.quick === undefined ? undefined : r.inline(String(q.quick).trim(), env),
        links: collectLinks(r, `${q.prompt ?? ''}\n${q.explanation ?? ''}`),
      };
    });
  }
  return { lang, theory, drills, quiz };
}

// Every link target in a Markdown text (for the broken-link check).
export function collectLinks(r, text) {
  const out = [];
  const walk = (tokens) => {
    for (const t of tokens) {
      if (t.type === 'link_open') out.push(t.attrGet('href'));
      if (t.children) walk(t.children);
    }
  };
  walk(r.md.parse(String(text ?? ''), {}));
  return out;
}
