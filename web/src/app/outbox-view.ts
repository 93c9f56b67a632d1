/** 待发送: what this browser holds for the server, each with its state. */
import { h, fill } from './dom.js';
import * as outbox from './outbox.js';
import * as link from '../link.js';
import { note, time } from './ui.js';
import { chinesePart } from '@scf/domain/src/refusals.js';
import { FIELD } from './words.js';

const STATE: Record<outbox.OutboxState, string> = { waiting: '等待发送', sending: '正在发送', sent: '已发送', refused: '被退回' };

export function outboxScreen(view: HTMLElement): void {
  const list = h('ol', { class: 'app-outbox' });
  const summary = h('p', { class: 'app-outbox-summary' });
  const draw = () => {
    if (!view.contains(list)) return stop();
    const all = outbox.items();
    const synced = outbox.syncedAt();
    summary.textContent = `待发送 ${outbox.pending().length} 件${link.state() === 'down' ? '（当前离线，联网后自动发送）' : ''}；${synced ? `上次同步 ${time(synced.toISOString())}` : '尚未与服务器同步'}`;
    summary.dataset.synced = synced ? synced.toISOString() : '';
    fill(list, all.length
      ? all.map((i) => h('li', { 'data-outbox-item': i.id, 'data-state': i.state },
          h('span', { class: `app-state app-${i.state}` }, STATE[i.state]), ' ',
          i.caseNo ? h('a', { href: `#/case/${i.caseNo}` }, i.summary) : i.summary,
          h('small', null, ` 记录于 ${time(i.createdAt)}${i.attempts ? `，已尝试 ${i.attempts} 次` : ''}`),
          i.message ? h('div', { class: i.state === 'refused' ? 'app-err' : 'app-hint', 'data-message': '' }, `${i.field ? `${FIELD[i.field] ?? i.field}：` : ''}${chinesePart(i.message) ?? i.message}`) : null,
          i.state === 'refused' ? h('button', { type: 'button', class: 'app-secondary', onclick: () => outbox.remove(i.id) }, '删除（须重新登记）') : null))
      : h('li', null, '没有待发送的办件'));
  };
  const stopOutbox = outbox.onChange(draw);
  const stopLink = link.onLinkChange(draw);
  const stop = () => {
    stopOutbox();
    stopLink();
  };
  const online = () => draw();
  window.addEventListener('online', online, { once: true });
  window.addEventListener('offline', online, { once: true });
  fill(view,
    h('h2', null, '待发送'),
    h('p', null, '网络中断时登记或上报的办件暂存在本机，联网后按顺序自动发送，每件只发送一次。'),
    summary,
    h('p', null,
      h('button', { type: 'button', onclick: () => void outbox.flush() }, '立即发送'), ' ',
      h('button', { type: 'button', class: 'app-secondary', onclick: () => outbox.clearSent() }, '清除已发送')),
    list);
  if (link.state() === 'down') view.prepend(note('warn', '当前离线'));
  draw();
}
