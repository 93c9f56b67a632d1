import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EntitySchema, type MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { GraphQLError } from 'graphql';
import { InvalidInputError } from '@scf/domain';
import { assertFitsColumns, formatError, freshTestDatabases, openDatabase, schemaMigration } from '../src/index.js';

interface NoteRow { id: number; title: string; body: string | null }

const noteEntity = () =>
  new EntitySchema<NoteRow>({
    name: 'Note',
    tableName: 'note',
    properties: {
      id: { type: 'integer', primary: true, autoincrement: true },
      title: { type: 'string', length: 8, unique: true },
      body: { type: 'text', nullable: true },
    },
  });

const noteMigration = schemaMigration('0001-note', (schema) =>
  schema.createTable('note', (t) => {
    t.increments('id').primary();
    t.string('title', 8).notNullable().unique();
    t.text('body').nullable();
  }),
);

/** The real driver of the run (SCF_TEST_DB=mysql for MariaDB, else an embedded file): no database is mocked. */
describe('every string is checked against its column before it is written', () => {
  let orm: MikroORM;
  let cleanup: () => Promise<void>;
  const em = () => orm.em.fork() as EntityManager;
  const rows = () => em().count('Note', {});
  const refusal = async (write: () => Promise<unknown>) => {
    try {
      await write();
    } catch (e) {
      return e;
    }
    throw new Error('expected the write to be refused');
  };

  beforeAll(async () => {
    const dbs = freshTestDatabases(['notes'] as const);
    cleanup = dbs.cleanup;
    ({ orm } = await openDatabase({ url: dbs.urls.notes, entities: [noteEntity()], migrations: [noteMigration] }));
  });
  afterAll(async () => {
    await orm?.close(true);
    await cleanup?.();
  });

  it('refuses a string one character longer than its varchar, from the entity metadata, before any SQL is sent', async () => {
    const e = await refusal(async () => {
      const m = em();
      m.create('Note', { title: '一二三四五六七八九', body: null });
      await m.flush();
    });
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e).toMatchObject({ field: 'title', details: { maxLength: 8, length: 9 }, message: 'title: 最多 8 个字符，现为 9 个 / at most 8 characters, got 9' });
    expect(await rows()).toBe(0);
  });

  it('counts characters as the column does: eight characters outside the BMP fit a varchar(8)', async () => {
    const m = em();
    m.create('Note', { title: '𠀀'.repeat(8), body: 'ok' });
    await m.flush();
    expect(await rows()).toBe(1);
  });

  it('refuses text over 65,535 bytes on either database (libSQL would keep it, MySQL would refuse it with its SQL)', async () => {
    const e = await refusal(async () => {
      const m = em();
      m.create('Note', { title: 'long', body: '中'.repeat(21_846) });
      await m.flush();
    });
    expect(e).toMatchObject({ code: 'INVALID_INPUT', field: 'body', details: { maxBytes: 65_535, bytes: 65_538 } });
    expect(await rows()).toBe(1);
  });

  it('checks an update the same way, and data for a native update when asked', async () => {
    const m = em();
    const note = await m.findOneOrFail<NoteRow>('Note', { title: '𠀀'.repeat(8) });
    note.title = 'ninechars';
    await expect(m.flush()).rejects.toMatchObject({ field: 'title' });
    expect(() => assertFitsColumns(em(), 'Note', { title: 'ninechars', id: 1 }, (p) => `input.${p}`)).toThrow(/^input\.title: 最多 8 个字符/);
    expect(() => assertFitsColumns(em(), 'Note', { title: 'eight ch' })).not.toThrow();
  });

  it("turns a real driver error into a generic one with an id, and logs the detail under it", async () => {
    const driverError = await refusal(() => em().insert('Note', { title: 'dup', body: '13912345678' }).then(() => em().insert('Note', { title: 'dup', body: '13912345678' })));
    expect(String((driverError as Error).message)).toMatch(/note/i);
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args) => void logged.push(args));
    const wrapped = new GraphQLError((driverError as Error).message, { path: ['addMemo'], originalError: driverError as Error });
    const answer = formatError({ message: wrapped.message, path: ['addMemo'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped);
    spy.mockRestore();
    expect(answer).toMatchObject({ path: ['addMemo'], extensions: { code: 'INTERNAL_SERVER_ERROR', errorId: expect.stringMatching(/^[0-9a-f]{12}$/) } });
    expect(JSON.stringify(answer)).not.toMatch(/insert|note|dup|13912345678|SQLITE/i);
    expect(JSON.stringify(answer)).not.toMatch(/\bER_/);
    expect(logged[0]![0]).toContain(String(answer.extensions!.errorId));
    expect(logged[0]![1]).toBe(driverError);
  });

  it('passes a rule violation on with its code, field and message', () => {
    const e = new InvalidInputError('title', '最多 8 个字符');
    const wrapped = new GraphQLError(e.message, { path: ['addMemo'], originalError: e });
    expect(formatError({ message: e.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped)).toMatchObject({ message: 'title: 最多 8 个字符', extensions: { code: 'BAD_USER_INPUT', field: 'title' } });
  });
});
