import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { ForbiddenError, pointOfUsername, requireActor, requireImportPunches, requireRead, requireReadAttendance, requireReadAttendanceSheet, requireSetWorkSchedule, type Actor } from '@scf/auth';
import { loadCalendar } from '@scf/catalogue';
import { addDays, DomainError, invalid, levelOfPointCode } from '@scf/domain';
import type { LevelHost, PointInfo } from '@scf/kit';
import { chinaDate, chinaInstant, chinaMinutes, classifyDay, kindOfNewPunch, monthBounds, monthOf, presentNow, punchTimesByPerson } from './attendance.js';
import { parsePunchCsv, type RowProblem } from './csv.js';
import { PUNCH, SCHEDULE, type PunchRow, type ScheduleRow } from './entities.js';
import { applyScheduleInput, COUNTY_DEFAULT_SCHEDULE, hhmm, sessionsOf, type WorkSchedule, type WorkScheduleInput } from './schedule.js';

interface DutyContext {
  em: EntityManager;
  actor: Actor | null;
  now: () => Date;
}

const SCHEDULE_FIELDS = Object.keys(COUNTY_DEFAULT_SCHEDULE) as (keyof WorkSchedule)[];

/** The schedule a point keeps: its own row, else the county default. */
export async function scheduleOf(em: EntityManager, pointCode: string): Promise<{ schedule: WorkSchedule; row: ScheduleRow | null }> {
  const row = await em.findOne<ScheduleRow>(SCHEDULE, { pointCode });
  if (!row) return { schedule: { ...COUNTY_DEFAULT_SCHEDULE }, row: null };
  return { schedule: Object.fromEntries(SCHEDULE_FIELDS.map((f) => [f, row[f]])) as unknown as WorkSchedule, row };
}

function scheduleView(pointCode: string, schedule: WorkSchedule, row: ScheduleRow | null) {
  return {
    pointCode,
    own: row !== null,
    ...schedule,
    morningStart: hhmm(schedule.morningStart),
    morningEnd: hhmm(schedule.morningEnd),
    summerAfternoonStart: hhmm(schedule.summerAfternoonStart),
    summerAfternoonEnd: hhmm(schedule.summerAfternoonEnd),
    winterAfternoonStart: hhmm(schedule.winterAfternoonStart),
    winterAfternoonEnd: hhmm(schedule.winterAfternoonEnd),
    setBy: row?.setByUsername ?? null,
    setByName: row?.setByName ?? null,
    setAt: row?.setAt ? new Date(row.setAt).toISOString() : null,
  };
}

const isDuplicate = (e: unknown) => e instanceof UniqueConstraintViolationException || (e as { code?: string })?.code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed/.test(String((e as Error)?.message));

const punchView = (p: { at: Date; kind: string }) => ({ at: new Date(p.at).toISOString(), kind: p.kind });

/** The punches of `usernames` from `from` (inclusive) to `to` (exclusive). */
export function punchesBetween(em: EntityManager, usernames: string[], from: Date, to: Date): Promise<PunchRow[]> {
  return em.find<PunchRow>(PUNCH, { username: { $in: usernames }, at: { $gte: from, $lt: to } }, { orderBy: { at: 'asc' } });
}

export function dutyResolvers(host: LevelHost) {
  const { level, field, type, label } = host.spec;

  async function pointHere(em: EntityManager, pointCode: string): Promise<PointInfo> {
    if (typeof pointCode !== 'string' || levelOfPointCode(pointCode) !== level) invalid('pointCode', `${JSON.stringify(String(pointCode).slice(0, 20))} 不是${host.spec.word}级服务点的代码 / is not a ${label} code`);
    const point = await host.points.find(em, pointCode);
    if (!point) invalid('pointCode', `没有代码为 ${pointCode} 的${host.spec.word}级服务点 / no ${label} ${pointCode}`);
    return point;
  }

  return {
    Query: {
      async [`${field}WorkSchedule`](_: unknown, { pointCode }: { pointCode: string }, ctx: DutyContext) {
        requireRead(ctx.actor, pointCode, `the working hours of ${pointCode}`);
        await pointHere(ctx.em, pointCode);
        const { schedule, row } = await scheduleOf(ctx.em, pointCode);
        return scheduleView(pointCode, schedule, row);
      },
      async [`${field}AttendanceMonth`](_: unknown, { username, month }: { username: string; month: string }, ctx: DutyContext) {
        const where = pointOfUsername(username);
        if (!where || where.level !== level) invalid('username', `${JSON.stringify(String(username).slice(0, 40))} 不是${host.spec.word}级工作人员的用户名 / is not a ${level.toLowerCase()} username`);
        // Permission first, from the point the username names: an outsider learns nothing of who exists.
        requireReadAttendance(ctx.actor, username, where.pointCode);
        if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) invalid('month', `月份应写成 年-月，如 2026-10 / must be a month as YYYY-MM, e.g. 2026-10`);
        const staff = await host.staff.find(ctx.em, username);
        if (!staff || staff.pointCode !== where.pointCode) invalid('username', `没有用户名为 ${username} 的工作人员 / no member of staff ${username}`);
        const point = await pointHere(ctx.em, staff.pointCode);
        const [{ schedule }, calendar] = await Promise.all([scheduleOf(ctx.em, point.code), loadCalendar(ctx.em, point.countyCode)]);
        const { first, next } = monthBounds(month);
        const rows = await punchesBetween(ctx.em, [username], chinaInstant(first, 0), chinaInstant(next, 0));
        const m = monthOf({ month, schedule, calendar, punches: rows.map((r) => new Date(r.at)), now: ctx.now() });
        return {
          username, name: staff.name, pointCode: staff.pointCode, month, ...m,
          days: m.days.map((d) => ({ date: d.date, working: d.working, status: d.status, rule: d.rule, punches: d.punches.map(punchView) })),
        };
      },
      /**
       * Whether every window of a point has someone at it now (R24, R30: AB岗, a window is never empty): its
       * A or B holder punched in for the session under way and not out. Substitutes count once they are recorded.
       */
      async [`${field}WindowsNow`](_: unknown, { pointCode }: { pointCode: string }, ctx: DutyContext) {
        requireRead(ctx.actor, pointCode, `the windows of ${pointCode}`);
        const point = await pointHere(ctx.em, pointCode);
        const now = ctx.now();
        const today = chinaDate(now);
        const [windows, { schedule }, calendar] = await Promise.all([host.points.windows(ctx.em, pointCode), scheduleOf(ctx.em, pointCode), loadCalendar(ctx.em, point.countyCode)]);
        const working = calendar.dayInfo(today).working;
        const holders = [...new Set(windows.flatMap((w) => w.holders.map((x) => x.username)))];
        const punches = working && holders.length ? await punchesBetween(ctx.em, holders, chinaInstant(today, 0), chinaInstant(addDays(today, 1), 0)) : [];
        const byPerson = punchTimesByPerson(punches);
        const { session, present } = working ? presentNow(schedule, now, byPerson) : { session: undefined, present: new Set<string>() };
        const open = session !== undefined;
        const rows = windows.map((w) => {
          const hs = w.holders.map((x) => ({ ...x, present: present.has(x.username) }));
          return { id: w.id, name: w.name, unit: w.unit, holders: hs, covered: !open || hs.some((x) => x.present) };
        });
        return { pointCode, pointName: point.centreName, at: now.toISOString(), working, session: session ?? null, windows: rows, uncovered: rows.filter((r) => !r.covered).length };
      },
      /**
       * A point's month sheet (R38 月汇总): every active member of staff with the month's figures, computed as
       * each one's own month is. One statement reads all their punches; the schedule and calendar once.
       */
      async [`${field}AttendanceSheet`](_: unknown, { pointCode, month, unit }: { pointCode: string; month: string; unit?: string | null }, ctx: DutyContext) {
        requireReadAttendanceSheet(ctx.actor, pointCode);
        if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) invalid('month', `月份应写成 年-月，如 2026-10 / must be a month as YYYY-MM, e.g. 2026-10`);
        const point = await pointHere(ctx.em, pointCode);
        const everyone = await host.staff.atPoint(ctx.em, pointCode);
        const staff = unit ? everyone.filter((s) => s.unit === unit) : everyone;
        const [{ schedule }, calendar] = await Promise.all([scheduleOf(ctx.em, pointCode), loadCalendar(ctx.em, point.countyCode)]);
        const { first, next } = monthBounds(month);
        const punches = staff.length ? await punchesBetween(ctx.em, staff.map((s) => s.username), chinaInstant(first, 0), chinaInstant(next, 0)) : [];
        const byPerson = punchTimesByPerson(punches);
        const now = ctx.now();
        const rows = staff.map((s) => {
          const m = monthOf({ month, schedule, calendar, punches: byPerson.get(s.username) ?? [], now });
          return {
            username: s.username, name: s.name, unit: s.unit, post: s.post,
            workingDays: m.workingDays, lateCount: m.lateCount, earlyLeaveCount: m.earlyLeaveCount, missingPunches: m.missingPunches,
            absenceDays: m.absenceDays, leaveDays: m.leaveDays, monthRules: m.monthRules,
          };
        });
        let workingDays = 0;
        for (let d = first; d < next; d = addDays(d, 1)) if (calendar.dayInfo(d).working) workingDays++;
        return { pointCode, pointName: point.centreName, month, unit: unit ?? null, workingDays, rows };
      },
    },
    Mutation: {
      async [`set${type}WorkSchedule`](_: unknown, { pointCode, input }: { pointCode: string; input: WorkScheduleInput }, ctx: DutyContext) {
        const actor = requireSetWorkSchedule(ctx.actor, pointCode);
        await pointHere(ctx.em, pointCode);
        const { schedule, row } = await scheduleOf(ctx.em, pointCode);
        const next = applyScheduleInput(schedule, input ?? {});
        const stamp = { setByUsername: actor.username, setByName: actor.name, setAt: ctx.now() };
        if (row) await ctx.em.nativeUpdate<ScheduleRow>(SCHEDULE, { pointCode }, { ...next, ...stamp });
        else await ctx.em.insert<ScheduleRow>(SCHEDULE, { pointCode, ...next, ...stamp });
        const saved = await scheduleOf(ctx.em.fork() as EntityManager, pointCode);
        return scheduleView(pointCode, saved.schedule, saved.row);
      },
      async [`${field}Punch`](_: unknown, __: unknown, ctx: DutyContext) {
        const actor = requireActor(ctx.actor);
        // No argument names whom: the punch is the token's, now (R38 不得代登).
        if (actor.level !== level) throw new ForbiddenError(`只能在本人所在的${host.spec.word}级系统打卡 / ${actor.username} works at a ${actor.level.toLowerCase()} point and punches there`);
        const staff = await host.staff.find(ctx.em, actor.username);
        if (!staff || !staff.active) throw new ForbiddenError(`账号 ${actor.username} 已停用或不存在，不能打卡 / ${actor.username} is not an active member of staff here`);
        const point = await pointHere(ctx.em, staff.pointCode);
        const now = ctx.now();
        const today = chinaDate(now);
        const calendar = await loadCalendar(ctx.em, point.countyCode);
        const day = calendar.dayInfo(today);
        if (!day.working) invalid('punch', `今天（${today}${day.name ? `，${day.name}` : ''}）是本中心的休息日，不需打卡 / ${today} is not a working day at ${point.code}`);
        const { schedule } = await scheduleOf(ctx.em, point.code);
        const earlier = (await punchesBetween(ctx.em, [actor.username], chinaInstant(today, 0), chinaInstant(addDays(today, 1), 0))).map((r) => new Date(r.at));
        const kind = kindOfNewPunch(schedule, now, earlier);
        if (!kind) {
          const [m, a] = sessionsOf(schedule, Number(today.slice(5, 7)));
          invalid('punch', `现在 ${hhmm(chinaMinutes(now))} 不在打卡时间内（上午 ${hhmm(m.opens)}–${hhmm(m.closes)}，下午 ${hhmm(a.opens)}–${hhmm(a.closes)}） / ${hhmm(chinaMinutes(now))} is outside the punch windows`);
        }
        if (!earlier.some((e) => e.getTime() === now.getTime())) {
          // The same instant twice (two taps in one millisecond) is one punch.
          await ctx.em.insert<PunchRow>(PUNCH, { username: actor.username, pointCode: point.code, at: now, kind, source: 'APP', createdAt: now }).catch((e: unknown) => {
            if (!isDuplicate(e)) throw e;
          });
        }
        return { at: now.toISOString(), kind };
      },
      async [`import${type}Punches`](_: unknown, { pointCode, csv }: { pointCode: string; csv: string }, ctx: DutyContext) {
        requireImportPunches(ctx.actor, pointCode);
        const point = await pointHere(ctx.em, pointCode);
        const { rows, problems } = parsePunchCsv(typeof csv === 'string' ? csv : '');
        const now = ctx.now();
        const staffOk = new Map<string, RowProblem['problem'] | null>();
        for (const r of rows) {
          if (!staffOk.has(r.username)) {
            const where = pointOfUsername(r.username);
            const staff = where?.pointCode === pointCode ? await host.staff.find(ctx.em, r.username) : null;
            staffOk.set(r.username, staff && staff.pointCode === pointCode ? null : `不是 ${pointCode} 的工作人员 / not a member of staff of ${pointCode}`);
          }
          const notHere = staffOk.get(r.username);
          if (notHere) problems.push({ line: r.line, problem: `第 ${r.line} 行：${r.username.slice(0, 64)} ${notHere}` });
          else if (r.at.getTime() > now.getTime()) problems.push({ line: r.line, problem: `第 ${r.line} 行的时间晚于现在，打卡记录不能在将来 / line ${r.line} is in the future` });
        }
        if (problems.length > 0) {
          problems.sort((a, b) => a.line - b.line);
          const shown = problems.slice(0, 5).map((p) => p.problem.split(' / ')[0]).join('；');
          invalid('csv', `${problems.length} 行有误，未导入任何记录：${shown}${problems.length > 5 ? '……' : ''} / ${problems.length} rows are wrong; nothing was imported`, { rows: problems.slice(0, 200) });
        }
        if (rows.length === 0) return { imported: 0, duplicates: 0 };
        const { schedule } = await scheduleOf(ctx.em, point.code);
        const key = (u: string, at: Date) => `${u}|${at.getTime()}`;
        return ctx.em.transactional(async (tx) => {
          const em = tx as EntityManager;
          const times = rows.map((r) => r.at.getTime());
          const usernames = [...new Set(rows.map((r) => r.username))];
          const existing = await punchesBetween(em, usernames, new Date(Math.min(...times)), new Date(Math.max(...times) + 1));
          const seen = new Set(existing.map((e) => key(e.username, new Date(e.at))));
          const fresh: { username: string; at: Date }[] = [];
          let duplicates = 0;
          for (const r of rows) {
            const k = key(r.username, r.at);
            if (seen.has(k)) duplicates++;
            else {
              seen.add(k);
              fresh.push(r);
            }
          }
          // Each new punch is given its kind among all of that person's punches of its day.
          const dayOf = new Map<string, Date[]>();
          for (const p of [...existing.map((e) => ({ username: e.username, at: new Date(e.at) })), ...fresh]) {
            const k = `${p.username}|${chinaDate(p.at)}`;
            dayOf.set(k, [...(dayOf.get(k) ?? []), p.at]);
          }
          const kinds = new Map<string, string>();
          for (const [k, ats] of dayOf) {
            const [username, date] = k.split('|') as [string, string];
            for (const c of classifyDay(schedule, date, ats)) kinds.set(key(username, c.at), c.kind);
          }
          for (let i = 0; i < fresh.length; i += 500) {
            await em.insertMany<PunchRow>(PUNCH, fresh.slice(i, i + 500).map((p) => ({
              username: p.username, pointCode, at: p.at, kind: kinds.get(key(p.username, p.at)) ?? 'OUTSIDE_WINDOW', source: 'IMPORT' as const, createdAt: now,
            })));
          }
          return { imported: fresh.length, duplicates };
        }).catch((e: unknown) => {
          // Another import of the same punches committed between our read and our write: nothing of ours stays.
          if (isDuplicate(e)) throw new DomainError('CONFLICT', '另一次导入同时写入了相同的打卡记录，本次未导入任何记录，请重新导入 / another import wrote the same punches at the same time; nothing was imported, import again');
          throw e;
        });
      },
    },
  };
}
