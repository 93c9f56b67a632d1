import { schemaMigration } from '@scf/kit';

/** Every level's staff table gains a password (a slow hash, never the password) and when it was last set. */
export function accountsMigration(name: string) {
  return schemaMigration(name, (schema) =>
    schema.alterTable('staff', (t) => {
      t.string('password_hash', 200).nullable();
      t.datetime('password_set_at', { precision: 3 }).nullable();
    }),
  );
}

/** The entity properties that go with accountsMigration, for each level's staff EntitySchema. */
export const passwordProperties = {
  passwordHash: { type: 'string', length: 200, nullable: true, lazy: true },
  passwordSetAt: { type: 'datetime', length: 3, nullable: true },
} as const;
