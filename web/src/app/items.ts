/** 办事指南与收件: find an item this point takes in, read its guide, register a case for it. */
import { ApiError, OfflineError, session } from '../api.js';
import { h, fill, val } from './dom.js';
import { forgetItems, itemById, itemsTakenIn, myPoint, type Item } from './data.js';
import { provisionalReceiptHtml, type ProvisionalReceipt } from './receipt.js';
import { creditCodeProblem, nameProblem, phoneProblem, residentIdProblem } from './checks.js';
import * as outbox from './outbox.js';
import { explain, field, go, note, showPrintable } from './ui.js';
import { FIELD, FORM, KIND, LEVEL_WORD } from './words.js';

const materialText = (m: Item['materials'][number]) => `${m.name}（${FORM[m.form] ?? m.form}${m.copies > 1 ? ` ${m.copies} 份` : ''}${m.note ? `，${m.note}` : ''}）`;
const limitText = (i: Item) => (i.promisedLimitDays === 0 ? '即办（当场办结）' : `承诺 ${i.promisedLimitDays} 个工作日（法定 ${i.legalLimitDays} 个工作日）`);

let lastSearch = '';

async function printProvisional(r: Omit<ProvisionalReceipt, 'pointName'>): Promise<void> {
  const point = await myPoint().catch(() => null);
  showPrintable('临时收件凭证', provisionalReceiptHtml({ ...r, pointName: point ? point.centre || point.name : session()!.staff.pointCode }));
}

/**
 * The items a search finds, in the list's order (the point's most used first). Each word must match the name,
 * the code, the deciding unit or the name's pinyin initials (jhdj finds 结婚登记; so does 结婚).
 */
export function findItems<T extends Pick<Item, 'code' | 'name' | 'decidingUnit'> & { nameInitials?: string }>(all: T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return all.filter((i) => {
    const text = `${i.code} ${i.name} ${i.decidingUnit}`.toLowerCase();
    const initials = (i.nameInitials ?? '').toLowerCase();
    return words.every((w) => text.includes(w) || (/^[a-z]+$/.test(w) && initials.includes(w)));
  });
}

export async function itemsScreen(view: HTMLElement): Promise<void> {
  if (navigator.onLine) forgetItems(); // the catalogue changes (R3): read it afresh whenever the list is opened online
  const all = await itemsTakenIn();
  const list = h('ul', { class: 'app-items' });
  const search = h('input', { type: 'search', name: 'q', placeholder: '输入事项名称、拼音首字母、编码或关键字，如 婚育、jhdj、ZM-JS-007', value: lastSearch, 'aria-label': '搜索事项' });
  const show = () => {
    lastSearch = search.value.trim();
    const found = findItems(all, lastSearch);
    fill(list, found.length
      ? found.map((i) => h('li', { 'data-item': i.code },
          h('a', { href: `#/item/${i.id}` }, h('strong', null, i.name), ' ', h('code', null, i.code)),
          h('small', null, ` ${KIND[i.kind] ?? i.kind} · ${limitText(i)} · ${LEVEL_WORD[i.decidingLevel]}级办理${i.uses ? ` · 近 90 天本点 ${i.uses} 件` : ''}`)))
      : h('li', null, '没有找到相符的事项'));
  };
  search.addEventListener('input', show);
  fill(view, h('h2', null, '本点可收件的事项'), search, list);
  show();
  search.focus();
}

function guide(i: Item): HTMLElement {
  const me = session()!.staff;
  const here = i.decidingLevel === me.level;
  return h('section', { class: 'app-guide', 'data-guide': i.code },
    h('h2', null, '办事指南：', i.name),
    h('dl', null,
      h('dt', null, '事项编码'), h('dd', null, i.code),
      h('dt', null, '办件类型'), h('dd', null, KIND[i.kind] ?? i.kind),
      h('dt', null, '设定依据'), h('dd', null, i.legalBasis),
      h('dt', null, '办理机构'), h('dd', null, `${i.decidingUnit}（${LEVEL_WORD[i.decidingLevel]}级决定${here ? '，本点办理' : '，本点收件后上报'}）`),
      h('dt', null, '办理时限'), h('dd', null, limitText(i)),
      h('dt', null, '收费'), h('dd', null, i.fee),
      h('dt', null, '办理流程'), h('dd', null, i.procedure),
      i.contactPhone ? [h('dt', null, '咨询电话'), h('dd', null, i.contactPhone)] : null),
    h('h3', null, '申请材料清单'),
    h('ol', { class: 'app-materials' }, i.materials.map((m) => h('li', null, materialText(m)))));
}

export async function guideScreen(view: HTMLElement, id: string): Promise<void> {
  const i = await itemById(id);
  if (!i) return fill(view, note('error', '本点不收此事项，或事项已撤销'), h('a', { href: '#/items' }, '返回事项列表'));
  fill(view, h('p', null, h('a', { href: '#/items' }, '← 事项列表')), guide(i), h('p', null, h('a', { href: `#/register/${i.id}`, class: 'app-button' }, '登记收件')));
}

/** The registration form. Its idempotency key is chosen when it opens: pressing twice, or resending later, makes one case. */
export async function registerScreen(view: HTMLElement, id: string): Promise<void> {
  const i = await itemById(id);
  if (!i) return fill(view, note('error', '本点不收此事项，或事项已撤销'));
  const me = session()!.staff;
  let key = outbox.newKey('reg');
  const msgs = h('div', { class: 'app-msgs' });
  const input = (name: string, attrs: Record<string, string> = {}) => h('input', { name, autocomplete: 'off', ...attrs });
  const person = h('div', null, field('身份证号码', input('applicant.idNumber', { inputmode: 'text', maxlength: '18' }), 'applicant.idNumber', '18 位，末位可为 X'));
  const org = h('div', { hidden: true }, field('统一社会信用代码', input('applicant.creditCode', { maxlength: '18' }), 'applicant.creditCode'));
  const agent = h('fieldset', { hidden: true, class: 'app-agent' }, h('legend', null, '代办人（须有委托书）'),
    field('代办人姓名', input('agent.name'), 'agent.name'),
    field('代办人身份证号码', input('agent.idNumber', { maxlength: '18' }), 'agent.idNumber'),
    field('代办人电话', input('agent.phone', { inputmode: 'tel' }), 'agent.phone'),
    field('委托书编号', input('agent.entrustmentRef'), 'agent.entrustmentRef'));
  const submit = h('button', { type: 'submit' }, '登记收件');
  const form = h('form', { class: 'app-register', novalidate: true },
    h('fieldset', null, h('legend', null, '申请人'),
      h('div', { class: 'app-radios' },
        h('label', null, h('input', { type: 'radio', name: 'applicant.type', value: 'PERSON', checked: true }), '个人'),
        h('label', null, h('input', { type: 'radio', name: 'applicant.type', value: 'ORGANISATION' }), '单位')),
      field('姓名 / 单位名称', input('applicant.name'), 'applicant.name'),
      person, org,
      field('联系电话', input('applicant.phone', { inputmode: 'tel' }), 'applicant.phone', '手机号后四位用于申请人查询办件进度'),
      h('label', { class: 'app-check' }, h('input', { type: 'checkbox', name: 'hasAgent' }), '由代办人代为申请')),
    agent,
    h('fieldset', { 'data-field': 'materialsReceived' }, h('legend', null, '收取材料（勾选申请人已带来的）'),
      i.materials.map((m, n) => h('label', { class: 'app-check' }, h('input', { type: 'checkbox', name: 'material', value: String(n + 1) }), materialText(m))),
      h('small', { class: 'app-err', 'data-err': 'materialsReceived', role: 'alert' })),
    h('div', { class: 'app-actions' }, submit), msgs);

  const type = () => val(form, 'applicant.type') || (form.querySelector<HTMLInputElement>('input[name="applicant.type"]:checked')?.value ?? 'PERSON');
  form.addEventListener('change', (e) => {
    const t = e.target as HTMLInputElement;
    if (t.name === 'applicant.type') {
      person.hidden = type() !== 'PERSON';
      org.hidden = type() === 'PERSON';
    }
    if (t.name === 'hasAgent') agent.hidden = !t.checked;
  });

  const checks: Record<string, (v: string) => string | null> = {
    'applicant.name': nameProblem, 'applicant.idNumber': residentIdProblem, 'applicant.creditCode': creditCodeProblem, 'applicant.phone': phoneProblem,
    'agent.name': nameProblem, 'agent.idNumber': residentIdProblem, 'agent.phone': phoneProblem,
    'agent.entrustmentRef': (v) => (v ? null : '请填写委托书编号'),
  };
  const showErr = (name: string, text: string) => {
    const slot = form.querySelector(`[data-err="${name}"]`);
    if (slot) slot.textContent = text;
    form.querySelector(`[name="${name}"]`)?.setAttribute('aria-invalid', text ? 'true' : 'false');
    return !!slot;
  };
  const active = () => Object.keys(checks).filter((n) =>
    (n !== 'applicant.idNumber' || type() === 'PERSON') && (n !== 'applicant.creditCode' || type() !== 'PERSON') && (!n.startsWith('agent.') || !agent.hidden));
  // Hints as the clerk leaves each field; a hint goes as soon as the value is right.
  form.addEventListener('focusout', (e) => {
    const n = (e.target as HTMLInputElement).name;
    if (checks[n] && active().includes(n)) showErr(n, checks[n]!(val(form, n)) ?? '');
  });
  form.addEventListener('input', (e) => {
    const n = (e.target as HTMLInputElement).name;
    if (checks[n] && form.querySelector(`[data-err="${n}"]`)?.textContent && !checks[n]!(val(form, n))) showErr(n, '');
  });

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    let bad = 0;
    for (const n of Object.keys(checks)) showErr(n, '');
    for (const n of active()) {
      const p = checks[n]!(val(form, n));
      if (p) bad += +showErr(n, p);
    }
    if (bad) {
      fill(msgs, note('error', `有 ${bad} 处需要更正，见标红的说明`));
      return;
    }
    const t = type();
    const received = [...form.querySelectorAll<HTMLInputElement>('input[name=material]:checked')].map((c) => Number(c.value));
    const payload: Record<string, unknown> = {
      pointCode: me.pointCode, itemId: i.id, idempotencyKey: key, materialsReceived: received,
      applicant: { type: t, name: val(form, 'applicant.name'), phone: val(form, 'applicant.phone'), ...(t === 'PERSON' ? { idNumber: val(form, 'applicant.idNumber').toUpperCase() } : { creditCode: val(form, 'applicant.creditCode').toUpperCase() }) },
      ...(agent.hidden ? {} : { agent: { name: val(form, 'agent.name'), idNumber: val(form, 'agent.idNumber').toUpperCase(), phone: val(form, 'agent.phone'), entrustmentRef: val(form, 'agent.entrustmentRef') } }),
    };
    const summary = `登记 ${i.name} — ${val(form, 'applicant.name')}`;
    submit.disabled = true;
    fill(msgs, note('info', '正在登记…'));
    outbox.sendRegistration(me.level, payload)
      .then((c) => go(`case/${c.caseNo}`))
      .catch((e: unknown) => {
        submit.disabled = false;
        if (e instanceof OfflineError) {
          // The link is down (or the answer was lost): keep it with its key; it goes when the link returns.
          outbox.keep({ id: key, kind: 'register', level: me.level, summary, input: payload });
          const receiptOf = { reference: key, itemName: i.name, applicantName: val(form, 'applicant.name'), idNumber: val(form, 'applicant.idNumber').toUpperCase() || val(form, 'applicant.creditCode').toUpperCase(),
            materials: i.materials.filter((_, n) => received.includes(n + 1)).map((m) => m.name), clerkName: me.name, takenAt: new Date() };
          fill(msgs, note('warn', `网络中断：本件已存入待发送（待发送 ${outbox.pending().length} 件），联网后自动发送，不会重复登记。`),
            h('p', null, h('button', { type: 'button', class: 'app-secondary', onclick: () => {
              key = outbox.newKey('reg');
              form.reset();
              person.hidden = false;
              org.hidden = agent.hidden = true;
              fill(msgs);
            } }, '登记下一件'), ' ',
            h('button', { type: 'button', class: 'app-secondary', 'data-provisional': key, onclick: () => void printProvisional(receiptOf) }, '打印临时收件凭证'), ' ',
            h('a', { href: '#/outbox' }, '查看待发送')));
          return;
        }
        // The server names the field it refused (BAD_USER_INPUT): its words go next to that field.
        const said = e instanceof ApiError && e.field ? `服务器未接受：${explain(e)}` : '';
        if (e instanceof ApiError && e.field && showErr(e.field, said)) {
          fill(msgs, note('error', `${FIELD[e.field] ?? e.field}：${said}`));
          (form.querySelector(`[name="${e.field}"]`) as HTMLInputElement | null)?.focus();
          return;
        }
        fill(msgs, note('error', explain(e)));
      });
  });

  fill(view, h('p', null, h('a', { href: `#/item/${i.id}` }, '← 办事指南')), h('h2', null, '登记收件：', i.name), form);
}
