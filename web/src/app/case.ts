/**
 * One case at the point that took it in: where it stands, its materials and history, and what the clerk
 * can do next (from the server's allowedActions). Every action sends the version shown on screen; if
 * someone else acted first, the server refuses with CONFLICT and the screen says so, with a reload button.
 */
import { gql, OfflineError, session } from '../api.js';
import { h, fill, val } from './dom.js';
import { CASE_FIELDS, itemById, levelField, levelType, myPoint } from './data.js';
import * as outbox from './outbox.js';
import { busy, day, go, light, note, showError, showPrintable, time } from './ui.js';
import { DELIVERY, EVALUATION, FORM, KIND, LEVEL_WORD, OUTCOME, STATUS, forwardTargets } from './words.js';

interface CaseView {
  caseNo: string;
  itemId: string;
  itemName: string;
  kind: string;
  status: string;
  allowedActions: string[];
  version: number;
  applicant: { type: string; name: string; idNumber: string | null; creditCode: string | null; phone: string; masked: boolean };
  agent: { name: string; idNumber: string; phone: string; entrustmentRef: string } | null;
  responsibleName: string;
  registeredAt: string;
  acceptedOn: string | null;
  promisedLimitDays: number;
  deadline: string | null;
  light: string | null;
  materials: { position: number; name: string; form: string; copies: number; received: boolean }[];
  decision: { outcome: string; decidedOn: string; reason: string | null; rightsNotice: string | null; timing: string | null } | null;
  deliveredOn: string | null;
  deliveryMethod: string | null;
  evaluation: string | null;
  history: { action: string; actionLabel: string; toStatus: string; at: string; byName: string; pointCode: string; reason: string | null; note: string | null; missingMaterials: { name: string; problem: string | null }[] }[];
}

const NOTICES: [string, string, (c: CaseView) => boolean][] = [
  ['ACCEPTANCE', '受理通知书', (c) => !!c.acceptedOn],
  ['SUPPLEMENT', '一次性告知书', (c) => c.history.some((e) => e.action === 'requestSupplement')],
  ['NOT_ACCEPTED', '不予受理通知书', (c) => c.status === 'NOT_ACCEPTED'],
  // The server prints the refusal only for a decision made at this point (not one received from above).
  ['REFUSAL', '不予许可决定书', (c) => c.decision?.outcome === 'REFUSED' && c.history.some((e) => e.action === 'decide')],
  ['DELIVERY', '送达回证', (c) => !!c.deliveredOn],
];

export async function caseScreen(view: HTMLElement, caseNo: string): Promise<void> {
  const d = await gql(`query($c: ID!) { c: ${levelField()}Case(caseNo: $c) { ${CASE_FIELDS} } }`, { c: caseNo });
  if (!d.c) return fill(view, note('error', `没有找到办件 ${caseNo}`));
  await draw(view, d.c as CaseView);
}

async function draw(view: HTMLElement, c: CaseView, message?: HTMLElement): Promise<void> {
  const me = session()!.staff;
  const [item, point] = await Promise.all([itemById(c.itemId), myPoint().catch(() => null)]);
  // The centres above, by name (a code only if this point's details were never loaded here).
  const centreName = (code: string) => (point?.above ?? []).find((p) => p.code === code)?.name ?? code;
  const msgs = h('div', { class: 'app-msgs' }, message ?? null);
  const reload = () => go(`case/${c.caseNo}`);

  /** Sends one action with the version on screen, then shows the case as the server now has it. */
  const act = (button: HTMLButtonElement | null, action: string, extra: Record<string, unknown> = {}, done?: string) =>
    busy(button, async () => {
      fill(msgs, note('info', '正在提交…'));
      const input = { caseNo: c.caseNo, expectedVersion: c.version, action, ...extra };
      try {
        const r = await gql(`mutation($i: CaseActionInput!) { r: act${levelType()}Case(input: $i) { ${CASE_FIELDS} } }`, { i: input });
        await draw(view, r.r as CaseView, note('ok', done ?? `已${STATUS[r.r.status] ? `办理，现为「${STATUS[r.r.status]}」` : '提交'}`));
      } catch (e) {
        if (action === 'forward' && e instanceof OfflineError) {
          // Kept with the version it was made with; sent when the link returns (see outbox.ts).
          outbox.keep({ id: `fwd-${c.caseNo}-v${c.version}`, kind: 'forward', level: me.level, caseNo: c.caseNo, summary: `上报 ${c.caseNo}（${c.itemName}）至 ${centreName(String(extra.toPointCode))}`, input: { ...input, caseNo: c.caseNo } });
          fill(msgs, note('warn', `网络中断：上报已存入待发送（待发送 ${outbox.pending().length} 件），联网后自动发送。`));
          return;
        }
        showError(msgs, e, reload);
      }
    });

  const can = (a: string) => c.allowedActions.includes(a);
  const missing = c.materials.filter((m) => !m.received);
  // Which level decides: from the catalogue; if it cannot be read, both forward and decide are offered and the server says.
  const decidedHere = item ? item.decidingLevel === me.level : null;
  const panels: HTMLElement[] = [];
  const panel = (title: string, action: string, ...body: (HTMLElement | HTMLElement[] | string | null)[]) =>
    h('form', { class: 'app-panel', 'data-action': action }, h('h4', null, title), ...body);
  const onSubmit = (f: HTMLFormElement, run: (b: HTMLButtonElement) => unknown) => {
    f.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void run(f.querySelector('button[type=submit]')!);
    });
    return f;
  };
  const submit = (label: string) => h('button', { type: 'submit' }, label);
  const reasonBox = (required = true) => h('textarea', { name: 'reason', rows: 2, required, placeholder: '理由' });

  if (can('accept')) {
    panels.push(onSubmit(panel('受理', 'accept', missing.length ? note('warn', `尚缺 ${missing.length} 项材料，但一次性告知期限已过，依法视为自收到材料之日起受理`) : null, submit('受理')), (b) => act(b, 'accept', {}, '已受理，可打印受理通知书')));
  }
  // 受理 is offered only with every material in (the server's allowedActions say so); say why it is missing.
  if (!can('accept') && c.status === 'REGISTERED' && missing.length) panels.push(note('info', `尚缺 ${missing.length} 项材料，补齐前不能受理，请一次性告知补正`));
  if (can('requestSupplement') && missing.length) {
    panels.push(onSubmit(panel('一次性告知（补正材料）', 'requestSupplement',
      h('p', null, '以下材料尚未收到，将一次列明告知申请人：'),
      h('ul', null, missing.map((m) => h('li', null, m.name, h('input', { name: `problem-${m.position}`, placeholder: '问题说明（可不填，默认为缺少）' })))),
      submit('出具一次性告知书')), (b) => {
      const f = b.form!;
      return act(b, 'requestSupplement', { missingMaterials: missing.map((m) => ({ name: m.name, ...(val(f, `problem-${m.position}`) ? { problem: val(f, `problem-${m.position}`) } : {}) })) }, '已一次性告知，请打印告知书交申请人');
    }));
  }
  if (can('supplySupplement')) {
    panels.push(onSubmit(panel('补齐材料', 'supplySupplement',
      missing.map((m) => h('label', { class: 'app-check' }, h('input', { type: 'checkbox', name: 'supplied', value: String(m.position) }), m.name)),
      submit('登记补齐的材料')), (b) =>
      act(b, 'supplySupplement', { materialsSupplied: [...b.form!.querySelectorAll<HTMLInputElement>('input[name=supplied]:checked')].map((x) => Number(x.value)) })));
  }
  if (can('forward') && decidedHere !== true) {
    const targets = forwardTargets(me.pointCode, item?.decidingLevel ?? 'COUNTY');
    const deciding = targets.find((t) => t.level === item?.decidingLevel) ?? targets[targets.length - 1];
    panels.push(onSubmit(panel('上报办理', 'forward',
      h('p', null, `本事项由${item ? `${LEVEL_WORD[item.decidingLevel]}级（${item.decidingUnit}）` : '上级'}决定。本点仍是申请人的唯一联系点。`),
      h('label', { class: 'app-field' }, h('span', null, '上报至'),
        h('select', { name: 'toPointCode' }, targets.map((t) => h('option', { value: t.code, selected: t === deciding }, `${LEVEL_WORD[t.level]}级 ${centreName(t.code)}`)))),
      h('input', { name: 'note', placeholder: '备注（可不填）' }),
      submit('上报')), (b) => act(b, 'forward', { toPointCode: val(b.form!, 'toPointCode'), note: val(b.form!, 'note') || undefined }, '已上报，等待上级办理')));
  }
  if (can('decide') && decidedHere !== false) {
    panels.push(onSubmit(panel('作出决定', 'decide',
      // Nothing grants by default: the clerk picks the outcome.
      h('select', { name: 'outcome' }, h('option', { value: '' }, '请选择决定'), Object.entries(OUTCOME).map(([v, t]) => h('option', { value: v }, t))),
      reasonBox(false), submit('作出决定')), (b) => {
      const outcome = val(b.form!, 'outcome');
      if (!outcome) return fill(msgs, note('error', '请先选择“准予许可”或“不予许可”'));
      if (outcome === 'REFUSED' && !val(b.form!, 'reason')) return fill(msgs, note('error', '不予许可须写明理由'));
      return act(b, 'decide', { outcome, reason: val(b.form!, 'reason') || undefined });
    }));
  }
  if (can('deliver')) {
    panels.push(onSubmit(panel('送达', 'deliver',
      h('select', { name: 'deliveryMethod' }, Object.entries(DELIVERY).map(([v, t]) => h('option', { value: v }, t))),
      submit('登记送达')), (b) => act(b, 'deliver', { deliveryMethod: val(b.form!, 'deliveryMethod') }, '已送达')));
  }
  if (can('evaluate')) {
    panels.push(onSubmit(panel('登记评价', 'evaluate',
      h('select', { name: 'evaluation' }, Object.entries(EVALUATION).map(([v, t]) => h('option', { value: v }, t))),
      submit('登记评价')), (b) => act(b, 'evaluate', { evaluation: val(b.form!, 'evaluation') })));
  }
  if (can('close')) panels.push(onSubmit(panel('归档', 'close', submit('归档')), (b) => act(b, 'close')));
  if (can('notAccept')) panels.push(onSubmit(panel('不予受理', 'notAccept', reasonBox(), submit('不予受理')), (b) => act(b, 'notAccept', { reason: val(b.form!, 'reason') })));
  if (can('withdraw')) panels.push(onSubmit(panel('申请人撤回', 'withdraw', reasonBox(false), submit('撤回')), (b) => act(b, 'withdraw', { reason: val(b.form!, 'reason') || undefined })));

  const notices = NOTICES.filter(([, , shown]) => shown(c)).map(([kind, title]) =>
    h('button', { type: 'button', class: 'app-secondary', 'data-notice': kind, onclick: (ev: Event) => void busy(ev.currentTarget as HTMLButtonElement, async () => {
      try {
        const n = await gql(`query($c: ID!, $k: NoticeKind!) { c: ${levelField()}Case(caseNo: $c) { notice(kind: $k) { title html } } }`, { c: c.caseNo, k: kind });
        showPrintable(n.c.notice.title, n.c.notice.html);
      } catch (e) {
        showError(msgs, e);
      }
    }) }, `打印${title}`));

  const a = c.applicant;
  fill(view,
    h('article', { class: 'app-case', 'data-case': c.caseNo, 'data-status': c.status, 'data-version': String(c.version) },
      h('h2', null, c.itemName, ' ', h('code', null, c.caseNo)),
      h('p', { class: 'app-status' }, h('strong', { 'data-status-label': '' }, STATUS[c.status] ?? c.status), ' ', light(c.light),
        c.deadline ? ` 承诺办结：${c.deadline}` : '', ` · ${KIND[c.kind] ?? c.kind} · 第 ${c.version} 版 `,
        h('button', { type: 'button', class: 'app-secondary app-small', onclick: reload }, '刷新')),
      c.decision ? h('p', { class: 'app-decision', 'data-outcome': c.decision.outcome }, `决定：${OUTCOME[c.decision.outcome] ?? c.decision.outcome}（${c.decision.decidedOn}）`, c.decision.reason ? `，理由：${c.decision.reason}` : '',
        c.decision.rightsNotice ? h('small', { class: 'app-hint' }, c.decision.rightsNotice) : null) : null,
      c.deliveredOn ? h('p', null, `已于 ${c.deliveredOn} ${DELIVERY[c.deliveryMethod ?? ''] ?? ''}`) : null,
      h('dl', null,
        h('dt', null, '申请人'), h('dd', null, `${a.name}（${a.type === 'PERSON' ? '个人' : '单位'}）`),
        h('dt', null, a.type === 'PERSON' ? '身份证号码' : '统一社会信用代码'), h('dd', null, a.idNumber ?? a.creditCode ?? '—'),
        h('dt', null, '联系电话'), h('dd', null, a.phone),
        c.agent ? [h('dt', null, '代办人'), h('dd', null, `${c.agent.name} ${c.agent.phone}（委托书 ${c.agent.entrustmentRef}）`)] : null,
        h('dt', null, '第一责任人'), h('dd', null, c.responsibleName),
        h('dt', null, '登记时间'), h('dd', null, time(c.registeredAt)),
        h('dt', null, '受理日期'), h('dd', null, day(c.acceptedOn))),
      h('h3', null, '材料'),
      h('ul', { class: 'app-materials' }, c.materials.map((m) => h('li', { 'data-received': String(m.received) }, m.received ? '✓ ' : '✗ ', `${m.name}（${FORM[m.form] ?? m.form}）`))),
      msgs,
      notices.length ? h('p', { class: 'app-notices' }, notices) : null,
      panels.length ? h('div', { class: 'app-panels' }, panels) : h('p', null, c.status === 'FORWARDED' ? '已上报，等待上级办理结果。' : '此办件目前没有可办理的操作。'),
      h('h3', null, '办理记录'),
      h('ol', { class: 'app-history' }, c.history.map((e) => h('li', null,
        `${time(e.at)} ${e.actionLabel} → ${STATUS[e.toStatus] ?? e.toStatus}（${e.byName}，${e.pointCode}）`,
        e.reason ? ` 理由：${e.reason}` : '', e.note ? ` 备注：${e.note}` : '',
        e.missingMaterials.length ? ` 补正：${e.missingMaterials.map((m) => m.name + (m.problem ? `（${m.problem}）` : '')).join('、')}` : '')))));
}
