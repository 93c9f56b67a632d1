/**
 * 临时收件凭证: what a room hands the applicant when a registration could not reach the server. The case has no
 * number yet (the server gives it when the registration arrives), so the receipt carries the registration's
 * own reference, the materials taken and who took them, and says what happens next.
 */
import { maskResidentId } from '@scf/domain/src/masking.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export interface ProvisionalReceipt {
  /** The idempotency key: the same registration, however often it is sent. */
  reference: string;
  itemName: string;
  applicantName: string;
  idNumber: string;
  materials: string[];
  clerkName: string;
  pointName: string;
  takenAt: Date;
}

export function provisionalReceiptHtml(r: ProvisionalReceipt): string {
  const when = r.takenAt.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
  const rows: [string, string][] = [
    ['凭证编号', r.reference],
    ['申请人', r.applicantName],
    ['证件号码', maskResidentId(r.idNumber)],
    ['申请事项', r.itemName],
    ['收件时间', when],
    ['收件人', r.clerkName],
    ['收件地点', r.pointName],
  ];
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>临时收件凭证 ${escape(r.reference)}</title>
<style>body{font-family:"SimSun","Songti SC",serif;max-width:44em;margin:3em auto;line-height:1.9}h1{text-align:center;font-size:1.6em;letter-spacing:.3em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #333;padding:.4em 1em;text-align:left}th{width:8em;font-weight:normal}
.note{border:1px dashed #666;padding:.5em 1em;margin-top:1em}@media print{body{margin:2cm}}</style></head><body>
<h1>临时收件凭证</h1>
<table>${rows.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`).join('')}
<tr><th>已收材料</th><td>${r.materials.length ? r.materials.map((m, i) => `${i + 1}. ${escape(m)}`).join('<br>') : '无'}</td></tr></table>
<p class="note">本凭证在网络中断时出具。网络恢复后，系统自动登记本件并生成办件编号（同一凭证只登记一次），届时本点将向您出具受理通知书；如有疑问，请持本凭证到本点询问。</p>
</body></html>`;
}
