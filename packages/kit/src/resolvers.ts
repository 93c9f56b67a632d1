type ResolverMap = Record<string, Record<string, unknown>>;

/** Each domain folder contributes resolvers for the types it extends; this merges them per type. */
export function mergeResolvers(...maps: ResolverMap[]): ResolverMap {
  const out: ResolverMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      for (const field of Object.keys(fields)) {
        if (out[type] && field in out[type]) throw new Error(`Resolver ${type}.${field} is defined twice`);
      }
      out[type] = { ...(out[type] ?? {}), ...fields };
    }
  }
  return out;
}
