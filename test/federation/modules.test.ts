import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntitySchema } from '@mikro-orm/core';
import { requireRead, requireStaffOf } from '@scf/auth';
import { invalid } from '@scf/domain';
import { defineLevel, defineModule, schemaMigration, type LevelContext } from '@scf/kit';
import { township } from '@scf/township';
import { village } from '@scf/village';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';

/**
 * The module contract: a domain written once mounts at any level by one line in that level's list. The
 * fixture is a tiny "notes" domain — a point's staff pin notes to their point — mounted at the township
 * and the village, served through the gateway from a supergraph composed of the levels as they are.
 */
interface NoteRow {
  id: number;
  pointCode: string;
  text: string;
  byUsername: string;
  at: Date;
}

const notesModule = defineModule({
  name: 'notes',
  typeDefs: (host) => /* GraphQL */ `
    type ${host.spec.type}Note {
      text: String!
      by: String!
    }
    extend type ${host.spec.type} {
      notes: [${host.spec.type}Note!]!
    }
    extend type Mutation {
      pin${host.spec.type}Note(pointCode: ID!, text: String!): ${host.spec.type}Note!
    }
  `,
  resolvers: (host) => ({
    [host.spec.type]: {
      notes: (point: { code: string }, _: unknown, ctx: LevelContext) =>
        requireRead(ctx.actor, point.code, 'its notes') &&
        ctx.em.find<NoteRow>('Note', { pointCode: point.code }, { orderBy: { id: 'asc' } }).then((rows) => rows.map((r) => ({ text: r.text, by: r.byUsername }))),
    },
    Mutation: {
      async [`pin${host.spec.type}Note`](_: unknown, args: { pointCode: string; text: string }, ctx: LevelContext) {
        const actor = requireStaffOf(ctx.actor, args.pointCode, 'pin a note');
        if (!(await host.points.find(ctx.em, args.pointCode))) invalid('pointCode', `no ${host.spec.label} ${args.pointCode} here`);
        if (args.text.length > 200) invalid('text', '便签最多 200 字');
        ctx.em.create<NoteRow>('Note', { pointCode: args.pointCode, text: args.text, byUsername: actor.username, at: ctx.now() } as NoteRow);
        await ctx.em.flush();
        return { text: args.text, by: actor.username };
      },
    },
  }),
  entities: () => [
    new EntitySchema<NoteRow>({
      name: 'Note',
      tableName: 'note',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        pointCode: { type: 'string', length: 12 },
        text: { type: 'string', length: 200 },
        byUsername: { type: 'string', length: 64 },
        at: { type: 'datetime', length: 3 },
      },
    }),
  ],
  migrations: () => [
    {
      id: '0001-notes',
      create: (name) => schemaMigration(name, (schema) =>
        schema.createTable('note', (t) => {
          t.increments('id').primary();
          t.string('point_code', 12).notNullable().index();
          t.string('text', 200).notNullable();
          t.string('by_username', 64).notNullable();
          t.datetime('at', { precision: 3 }).notNullable();
        }),
      ),
    },
  ],
});

// One line each: the level as it is, plus the module.
const townshipWithNotes = defineLevel(township.host, [...township.modules, notesModule]);
const villageWithNotes = defineLevel(village.host, [...village.modules, notesModule]);

describe('a module written once, mounted at two levels by one line each', () => {
  let fed: TestFederation;
  beforeAll(async () => {
    fed = await startTestFederation({ levels: { township: townshipWithNotes, village: villageWithNotes } });
    await fed.seed('140925');
  });
  afterAll(async () => {
    await fed?.close();
  });

  it('runs its migration after the level’s own, recorded under the module’s name', () => {
    const names = villageWithNotes.migrationNames();
    expect(names.at(-1)).toBe('notes/0001-notes');
    expect(names[0]).toBe('village/0001-service-points-staff');
    expect(names).toContain('cases/0001-cases');
  });

  it('answers through the gateway at the village and at the township, each on its own database', async () => {
    const v = await fed.as('140925100207.a').query(`mutation { pinVillageNote(pointCode: "140925100207", text: "轮椅已送修") { text by } }`);
    expect(v.errors).toBeUndefined();
    expect(v.data.pinVillageNote).toEqual({ text: '轮椅已送修', by: '140925100207.a' });
    const t = await fed.as('140925100.d3.a').query(`mutation { pinTownshipNote(pointCode: "140925100", text: "周五下午计生例会") { text } }`);
    expect(t.errors).toBeUndefined();

    const read = await fed.as('140925100.d3.a').query(`{
      township(code: "140925100") { notes { text by } villages { code notes { text } } }
    }`);
    expect(read.errors).toBeUndefined();
    expect(read.data.township.notes).toEqual([{ text: '周五下午计生例会', by: '140925100.d3.a' }]);
    const room = read.data.township.villages.find((x: { code: string }) => x.code === '140925100207');
    expect(room.notes).toEqual([{ text: '轮椅已送修' }]);
  });

  it('keeps the level’s own scope: another village’s clerk may not pin a note here', async () => {
    const r = await fed.as('140925100209.a').query(`mutation { pinVillageNote(pointCode: "140925100207", text: "x") { text } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const read = await fed.as('140925100207.a').query(`{ village(code: "140925100207") { notes { text } } }`);
    expect(read.data.village.notes).toHaveLength(1);
  });

  it('leaves every other domain of the level working as before', async () => {
    const r = await fed.as('140925100207.a').query(`{ village(code: "140925100207") { name township { name } cases { caseNo } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.village.township.name).toBe('凤凰镇');
  });
});
