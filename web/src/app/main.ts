/**
 * 窗口 app: the thin client of village service rooms and township / county windows. No framework: each
 * screen is a function that fills #view; the hash says which screen (so Back works and a page reload keeps
 * the place). Everything it sends goes through ../api.ts to the same origin.
 */
import { ApiError, session, signIn, signOut } from '../api.js';
import * as linkState from '../link.js';
import { h, fill, val } from './dom.js';
import { myPoint } from './data.js';
import * as outbox from './outbox.js';
import { explain, note } from './ui.js';
import { refusalText } from '../refusals.js';
import { LEVEL_WORD } from './words.js';
import { itemsScreen, guideScreen, registerScreen } from './items.js';
import { caseScreen } from './case.js';
import { casesScreen, awayScreen, waitingScreen } from './lists.js';
import { outboxScreen } from './outbox-view.js';
import { dutyScreen } from './duty.js';
import { onTodo, refreshTodo, todoCount, todoScreen, type Todo } from './todo.js';

const root = document.getElementById('app')!;
root.classList.add('app');

export type Screen = (view: HTMLElement, arg: string) => void | Promise<void>;

const routes: Record<string, Screen> = {
  items: itemsScreen,
  item: guideScreen,
  register: registerScreen,
  case: caseScreen,
  cases: casesScreen,
  away: awayScreen,
  waiting: waitingScreen,
  outbox: outboxScreen,
  todo: todoScreen,
  duty: dutyScreen,
};

function renderSignIn(): void {
  let wait: ReturnType<typeof setInterval> | undefined;
  const msg = h('div', { class: 'app-msgs' });
  const button = h('button', { type: 'submit' }, '登录');
  const form = h('form', { class: 'app-signin', autocomplete: 'on' },
    h('h1', null, '政务服务 · 窗口登录'),
    h('label', { class: 'app-field' }, h('span', null, '用户名'), h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'off', spellcheck: 'false' })),
    h('label', { class: 'app-field' }, h('span', null, '密码'), h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    button, msg);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    button.disabled = true;
    fill(msg, note('info', '正在登录…'));
    signIn(val(form, 'username'), (form.elements.namedItem('password') as HTMLInputElement).value)
      .then(() => {
        void render();
        outbox.startOutbox();
        void outbox.flush();
      })
      .catch((e: unknown) => {
        // The gateway's own words: wrong credentials, too many attempts (with the wait), a level not answering.
        fill(msg, note('error', e instanceof ApiError ? refusalText(e) : explain(e)));
        const seconds = e instanceof ApiError ? e.retryAfterSeconds : undefined;
        if (!seconds) return void (button.disabled = false);
        // 429: the gateway said how long to wait; the button counts it down.
        let left = seconds;
        clearInterval(wait);
        const tick = () => {
          button.textContent = left > 0 ? `请等待 ${left >= 60 ? `${Math.floor(left / 60)} 分 ${left % 60} 秒` : `${left} 秒`}` : '登录';
          button.disabled = left-- > 0;
          if (left < 0) clearInterval(wait);
        };
        tick();
        wait = setInterval(tick, 1000);
      });
  });
  fill(root, h('div', { class: 'app-center' }, form));
  (form.elements.namedItem('username') as HTMLInputElement).focus();
}

let view: HTMLElement;
let badge: HTMLElement;
let link: HTMLElement;

function shell(): void {
  const s = session()!.staff;
  const who = h('span', { class: 'app-who' }, `${s.name}（${LEVEL_WORD[s.level]}）`);
  const where = h('span', { class: 'app-where' }, s.pointCode);
  void myPoint().then((p) => fill(where, p.centre || p.name)).catch(() => undefined);
  badge = h('a', { href: '#/outbox', class: 'app-outbox-badge', 'data-outbox': '' });
  link = h('span', { class: 'app-online', 'aria-live': 'polite' });
  const tabs: [string, string][] = [['items', '办事指南与收件'], ['todo', '待办'], ['cases', '我的办件']];
  if (s.level !== 'COUNTY') tabs.push(['away', '上报在外']);
  if (s.level !== 'VILLAGE') tabs.push(['waiting', '待我办理']);
  tabs.push(['outbox', '待发送'], ['duty', '考勤']);
  fill(root,
    h('header', { class: 'app-bar' },
      h('strong', null, '政务服务'), where, who, link, badge,
      h('button', { type: 'button', class: 'app-secondary', onclick: () => {
        const n = outbox.pending().length;
        if (n && !confirm(`还有 ${n} 件待发送。退出后，它们会在您再次登录时发送。确定退出？`)) return;
        signOut();
        location.hash = '';
        void render();
      } }, '退出')),
    // A tab of the screen already open draws it afresh (the hash does not change, so nothing else would).
    h('nav', { class: 'app-nav', onclick: (e: Event) => {
      const a = (e.target as Element).closest('a');
      if (a && a.getAttribute('href') === location.hash) void render();
    } }, tabs.map(([p, label]) => h('a', { href: `#/${p}`, 'data-tab': p }, label,
      p === 'todo' || p === 'waiting' ? h('span', { class: 'app-tab-count', 'data-tab-count': p, hidden: true }) : null))),
    (view = h('section', { class: 'app-view' })));
  showOutboxBadge();
  showLink();
  void refreshTodo().catch(() => undefined);
}

function showOutboxBadge(): void {
  if (!badge) return;
  const n = outbox.pending().length;
  const refused = outbox.items().filter((i) => i.state === 'refused').length;
  badge.textContent = `待发送 ${n} 件${refused ? `，${refused} 件被退回` : ''}`;
  badge.className = `app-outbox-badge${n ? ' app-has' : ''}${refused ? ' app-refused' : ''}`;
}

function showLink(): void {
  if (!link) return;
  const { state, text } = linkState.describe();
  link.textContent = text;
  link.dataset.link = state;
  link.className = `app-online${state === 'down' ? ' app-offline' : state === 'unsure' ? ' app-unsure' : ''}`;
}

async function render(): Promise<void> {
  if (!session()) return renderSignIn();
  if (!view || !root.contains(view)) shell();
  const [name = 'items', ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const screen = routes[name] ?? itemsScreen;
  for (const a of root.querySelectorAll<HTMLAnchorElement>('.app-nav a')) a.classList.toggle('app-current', a.dataset.tab === name);
  fill(view, note('info', '载入中…'));
  try {
    await screen(view, decodeURIComponent(rest.join('/')));
  } catch (e) {
    if (!session()) return renderSignIn();
    fill(view, note('error', explain(e)));
  }
}

/** The counts on the 待办 and 待我办理 tabs, from every load of the to-do list. */
function showTodoCounts(t: Todo): void {
  const put = (tab: string, n: number | null) => {
    const el = root.querySelector<HTMLElement>(`[data-tab-count="${tab}"]`);
    if (!el) return;
    el.hidden = !n;
    el.textContent = n ? String(n) : '';
  };
  put('todo', todoCount(t));
  put('waiting', t.waitingHere);
}
onTodo(showTodoCounts);
// The tabs' counts refresh by themselves, every minute while signed in (the 待办 screen refreshes itself too).
setInterval(() => {
  if (session() && root.querySelector('[data-tab-count]') && location.hash.replace(/^#\/?/, '').split('/')[0] !== 'todo') void refreshTodo().catch(() => undefined);
}, 60_000);

window.addEventListener('hashchange', () => void render());
window.addEventListener('online', showLink);
window.addEventListener('offline', showLink);
linkState.onLinkChange(showLink);
// An answer ages: "online" turns to "unsure" when nothing has been heard for a while, without any event.
setInterval(showLink, 15_000);
linkState.watchLink();
outbox.onChange(showOutboxBadge);
// Another tab's changes to the outbox, or a sign-out there.
window.addEventListener('storage', (e) => {
  if (e.key === 'scf.session' && !session()) return void render();
  if (e.key?.startsWith('scf.outbox.')) showOutboxBadge();
});

void render();
if (session()) outbox.startOutbox();

// The shell (this page, app.js, style.css) is kept by the service worker so the page opens offline.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}
