/**
 * 办件查询 (/track.html): an applicant follows their own case with the number on the acceptance notice and
 * the last four digits of the phone they gave. No sign-in; the answer is in plain words and holds nobody's
 * personal data (trackMyCase). The page prefills the number from `#no=<caseNo>` (e.g. a printed QR link).
 */
import { ApiError, OfflineError, gql } from '../api.js';
import { refusalText } from '../refusals.js';

interface MyCase {
  found: boolean;
  itemName: string | null;
  pointName: string | null;
  statusText: string | null;
  deadline: string | null;
  whatToBring: string[];
  complaintPhone: string | null;
  contactPhone: string | null;
  steps: { on: string; text: string }[];
}

type Child = Node | string | null | false | Child[];
function h(tag: string, attrs: Record<string, string> | null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) el.setAttribute(k, v);
  const add = (c: Child): void => {
    if (Array.isArray(c)) c.forEach(add);
    else if (c) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  };
  children.forEach(add);
  return el;
}

const CASE_NO = /^(\d{6}|\d{9}|\d{12})-\d{8}-\d{5}$/;
const root = document.getElementById('app')!;
root.classList.add('track');

const no = h('input', { name: 'caseNo', autocomplete: 'off', inputmode: 'numeric', placeholder: '例如 140925100207-20261123-00001', required: '' }) as HTMLInputElement;
const last4 = h('input', { name: 'phoneLast4', autocomplete: 'off', inputmode: 'numeric', maxlength: '4', placeholder: '4 位数字', required: '' }) as HTMLInputElement;
const button = h('button', { type: 'submit' }, '查询') as HTMLButtonElement;
const result = h('section', { class: 'track-result', 'aria-live': 'polite' });
const form = h('form', { class: 'track-form', novalidate: '' },
  h('label', null, h('span', null, '办件编号（见受理通知书）'), no),
  h('label', null, h('span', null, '申请时所留手机号的后四位'), last4),
  button) as HTMLFormElement;

const say = (kind: 'error' | 'info', text: string) => result.replaceChildren(h('p', { class: `track-msg track-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text));

let waitUntil = 0;
function hold(seconds: number): void {
  waitUntil = Date.now() + seconds * 1000;
  const tick = () => {
    const left = Math.ceil((waitUntil - Date.now()) / 1000);
    button.disabled = left > 0;
    button.textContent = left > 0 ? `请 ${left} 秒后再查` : '查询';
    if (left > 0) setTimeout(tick, 1000);
  };
  tick();
}

function show(c: MyCase): void {
  if (!c.found) return say('error', '没有查到这个办件。请核对办件编号和手机号后四位（为保护您的信息，两者任一不符都显示此提示）。');
  result.replaceChildren(h('div', null,
    h('h2', null, c.itemName ?? ''),
    h('p', { class: 'track-status' }, c.statusText ?? ''),
    h('dl', null,
      h('dt', null, '受理地点'), h('dd', null, c.pointName ?? '—'),
      h('dt', null, '承诺办结日期'), h('dd', null, c.deadline ?? '受理后确定'),
      c.contactPhone ? [h('dt', null, '咨询电话'), h('dd', null, c.contactPhone)] : null,
      h('dt', null, '监督投诉电话'), h('dd', null, c.complaintPhone ?? '12345')),
    c.whatToBring.length ? h('div', { class: 'track-bring' }, h('h3', null, '请带齐以下材料到受理地点'), h('ul', null, c.whatToBring.map((m) => h('li', null, m)))) : null,
    h('h3', null, '办理过程'),
    h('ol', { class: 'track-steps' }, c.steps.map((s) => h('li', null, h('time', null, s.on), ' ', s.text)))));
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const caseNo = no.value.replace(/\s+/g, '');
  const check = last4.value.trim();
  if (!CASE_NO.test(caseNo)) return say('error', '办件编号格式不对：应为“受理点代码-日期-序号”，如 140925100207-20261123-00001');
  if (!/^\d{4}$/.test(check)) return say('error', '请填写手机号的后四位数字');
  if (Date.now() < waitUntil) return;
  button.disabled = true;
  say('info', '正在查询…');
  gql<{ t: MyCase | null }>(
    `query($n: ID!, $p: String!) { t: trackMyCase(caseNo: $n, phoneLast4: $p) { found itemName pointName statusText deadline whatToBring complaintPhone contactPhone steps { on text } } }`,
    { n: caseNo, p: check },
  )
    .then((d) => (d.t ? show(d.t) : say('error', '没有查到这个办件')))
    .catch((e: unknown) => {
      if (e instanceof OfflineError) return say('error', '网络中断，请稍后再试');
      if (e instanceof ApiError && e.code === 'RATE_LIMITED') {
        say('error', `查询过于频繁，请${e.retryAfterSeconds ? ` ${Math.ceil(e.retryAfterSeconds)} 秒` : '稍'}后再查`);
        if (e.retryAfterSeconds) hold(e.retryAfterSeconds);
        return;
      }
      say('error', e instanceof ApiError ? (e.code === 'BAD_USER_INPUT' ? `输入有误：${refusalText(e)}` : refusalText(e)) : '查询未能完成，请稍后再试');
    })
    .finally(() => {
      if (Date.now() >= waitUntil) button.disabled = false;
    });
});

const pre = /no=([\d-]+)/.exec(location.hash)?.[1];
if (pre) no.value = pre;
root.replaceChildren(
  h('h1', null, '办件进度查询'),
  h('p', null, '输入办件编号和申请时所留手机号的后四位，即可查看办件进度。无需登录。'),
  form, result);
(pre ? last4 : no).focus();
