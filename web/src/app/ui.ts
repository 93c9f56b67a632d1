/** Small pieces every screen uses: messages, error wording, lights, busy buttons, the print view. */
import { ApiError, OfflineError } from '../api.js';
import { h, fill } from './dom.js';
import { LIGHT } from './words.js';
import { refusalText } from '../refusals.js';

/** What went wrong, in words a clerk can act on (one table for every page: ../refusals.ts). */
export function explain(e: unknown): string {
  if (e instanceof OfflineError) return '网络中断，请检查网络后重试';
  if (e instanceof ApiError) {
    const text = refusalText(e);
    return e.code === 'FORBIDDEN' ? `无权操作：${text}` : e.code === 'UNAUTHENTICATED' ? `登录已失效，请重新登录（${text}）` : text;
  }
  return '操作未能完成，请稍后再试';
}

/** A message line: role=alert for errors so screen readers hear it; `data-kind` for styling and tests. */
export function note(kind: 'error' | 'ok' | 'info' | 'warn', text: string, ...extra: (Node | string | null | false)[]): HTMLElement {
  return h('p', { class: `app-msg app-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-kind': kind }, text, ...extra);
}

/** Shows the error in `where`; a CONFLICT comes with a button that reloads what the clerk is looking at. */
export function showError(where: Element, e: unknown, reload?: () => void): void {
  const conflict = e instanceof ApiError && e.code === 'CONFLICT';
  fill(where, note('error', explain(e), conflict && reload ? h('button', { type: 'button', class: 'app-link', onclick: () => reload() }, '重新载入') : null));
}

export function light(l: string | null | undefined): HTMLElement | string {
  return l ? h('span', { class: `app-light app-${l.toLowerCase()}`, 'data-light': l }, LIGHT[l] ?? l) : '—';
}

/** Disables the button (and its form) while `work` runs, so a double press sends once. */
export async function busy<T>(button: HTMLButtonElement | null, work: () => Promise<T>): Promise<T> {
  if (button) button.disabled = true;
  try {
    return await work();
  } finally {
    if (button) button.disabled = false;
  }
}

/**
 * A labelled control. Its error goes on the label's own line, so showing or clearing it as the clerk moves
 * between fields never shifts the form under the pointer (a click would land on the wrong control).
 */
export function field(label: string, control: HTMLElement, name: string, hint?: string): HTMLElement {
  return h('label', { class: 'app-field', 'data-field': name }, h('span', null, label, h('small', { class: 'app-err', 'data-err': name, role: 'alert' })), control, hint ? h('small', { class: 'app-hint' }, hint) : null);
}

/**
 * The print-friendly view of a notice. The server's HTML (already escaped there) goes into a sandboxed
 * frame via srcdoc: no script in it can run (no allow-scripts), and it is never parsed into this page.
 */
export function showPrintable(title: string, html: string): void {
  const frame = h('iframe', { class: 'app-print-frame', title, sandbox: 'allow-same-origin allow-modals' });
  frame.srcdoc = html;
  const close = () => overlay.remove();
  const overlay = h(
    'div',
    { class: 'app-print', role: 'dialog', 'aria-label': title },
    h('div', { class: 'app-print-bar' },
      h('strong', null, title),
      h('button', { type: 'button', onclick: () => frame.contentWindow?.print() }, '打印'),
      h('button', { type: 'button', class: 'app-secondary', onclick: close }, '关闭')),
    frame,
  );
  document.querySelector('.app-print')?.remove();
  (document.querySelector('.app') ?? document.body).appendChild(overlay);
}

export const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '—');
export const time = (iso: string) => {
  const d = new Date(iso);
  return isNaN(d.getTime()) ? iso : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** Opens a screen; the same screen again is drawn afresh. */
export function go(path: string): void {
  if (location.hash === `#/${path}`) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = `#/${path}`;
}
