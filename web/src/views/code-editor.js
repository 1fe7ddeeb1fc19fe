// @ts-check
// The exercises' code editor: CodeMirror 6 with JavaScript highlighting, undo history, bracket
// matching and auto-indent; nothing else (no autocomplete, no search), to keep it small. It loads
// with the exercise pages only (a dynamic import), never with the home page.
// Keyboard: Tab indents (indentWithTab), so the way out is CodeMirror's escape hatch: Escape, then
// Tab or Shift+Tab within two seconds, moves focus on; Ctrl+M (Shift+Alt+M on macOS) turns Tab's
// focus-moving on for good. The page says so next to the editor.
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  syntaxHighlighting,
  defaultHighlightStyle,
  indentOnInput,
  bracketMatching,
  LanguageSupport,
} from '@codemirror/language';
// the JavaScript grammar alone: javascript() would add completions and snippets (and their package)
import { javascriptLanguage } from '@codemirror/lang-javascript';

/**
 * @param {HTMLElement} parent
 * @param {{doc: string, label: string, describedBy?: string, onChange?: (code: string) => void}} options
 */
export function mountCodeEditor(parent, { doc, label, describedBy, onChange }) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        // long lines wrap and the editor grows with its text: no scrolling region to reach by keyboard
        EditorView.lineWrapping,
        indentOnInput(),
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        new LanguageSupport(javascriptLanguage),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({
          'aria-label': label,
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange?.(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    getCode: () => view.state.doc.toString(),
    /** @param {string} code */
    setCode(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
