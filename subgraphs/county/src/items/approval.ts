import { ForbiddenError, requireRole, type Actor } from '@scf/auth';
import { LEVEL_LABELS } from '@scf/domain';
import type { CountyContext } from '../context.js';

/**
 * Catalogue and calendar changes are approved by a county centre DIRECTOR (R3): the signed-in actor, who
 * is recorded as the approver. A township director runs a township centre, not the county's catalogue.
 */
export function requireDirector(ctx: CountyContext, countyCode?: string): Actor {
  const actor = requireRole(ctx.actor, ['DIRECTOR'], 'change the item catalogue or the working-day calendar');
  if (actor.level !== 'COUNTY') throw new ForbiddenError(
      `只有县政务服务中心主任可以审批事项目录和工作日历的修改，${actor.username} 是${LEVEL_LABELS[actor.level]}的主任 / ` +
        `${actor.username} directs a ${actor.level.toLowerCase()} centre; only the county centre's director approves catalogue and calendar changes`,
    );
  if (countyCode && actor.countyCode !== countyCode) {
    throw new ForbiddenError(`只有 ${countyCode} 的中心主任可以修改该县的事项目录和工作日历 / ${actor.username} directs county ${actor.countyCode}, not ${countyCode}`);
  }
  return actor;
}
