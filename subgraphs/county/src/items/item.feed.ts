import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { DomainError } from '@scf/domain';
import type { SubgraphRoute } from '@scf/kit';
import { catalogueFeed, INTERNAL_TOKEN_HEADER, tokenMatches } from '@scf/catalogue';

/**
 * `GET /internal/catalogue?county=<code>&since=<version>`: what township and village subgraphs pull to keep
 * their replica of a county's catalogue and calendar overrides. Only callers with the internal token.
 */
export function catalogueFeedRoute(orm: MikroORM, token: string): SubgraphRoute {
  return {
    path: '/internal/catalogue',
    async handle({ query, headers }) {
      if (!tokenMatches(headers[INTERNAL_TOKEN_HEADER], token)) {
        return { status: 401, body: { error: `缺少内部令牌请求头 ${INTERNAL_TOKEN_HEADER} 或令牌不对 / missing or wrong ${INTERNAL_TOKEN_HEADER} header` } };
      }
      const since = query.since === undefined || query.since === '' ? 0 : Number(query.since);
      try {
        return { status: 200, body: await catalogueFeed(orm.em.fork() as EntityManager, query.county ?? '', since) };
      } catch (e) {
        if (e instanceof DomainError) return { status: 400, body: { error: e.message, field: e.field } };
        throw e;
      }
    },
  };
}
