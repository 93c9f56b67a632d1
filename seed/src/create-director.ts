import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { databaseUrlFor } from '@scf/kit';
import { County, CountyStaff, county } from '@scf/county';
import { hashPassword, pointOfUsername, validateNewPassword } from '@scf/auth';

const USAGE = `usage: npm run create-director -- --county <code> --username <code>.<name> --name <姓名> [--role SUPERVISOR] [--reset-password]
  The password is read from SCF_NEW_PASSWORD, or asked for on the terminal (not echoed).
  e.g. npm run create-director -- --county 140925 --username 140925.zhang --name 张明
  --role SUPERVISOR creates the county centre's supervisor (督查) instead of a director.`;

/**
 * The first account of a county: its centre director, who then adds everyone else (addCountyStaff,
 * addTownshipStaff, addVillageStaff). The county centre's own directors and supervisors are made only here,
 * on the county's server against its database: no director can make a peer, or their own supervisor.
 */
async function main() {
  const { values } = parseArgs({
    options: { county: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, 'reset-password': { type: 'boolean' } },
    strict: true,
  });
  const { county: countyCode, username, name } = values;
  if (!countyCode || !username || !name) throw new Error(USAGE);
  const role = (values.role ?? 'DIRECTOR').toUpperCase();
  if (role !== 'DIRECTOR' && role !== 'SUPERVISOR') throw new Error(`--role must be DIRECTOR or SUPERVISOR\n${USAGE}`);
  const where = pointOfUsername(username);
  if (!where || where.pointCode !== countyCode) throw new Error(`--username must be the county code, a dot and a lower-case name, e.g. ${countyCode}.zhang\n${USAGE}`);
  const password = process.env.SCF_NEW_PASSWORD ?? (await askHidden(`password for ${username}: `));
  validateNewPassword(password, username);

  const { orm } = await county.openDatabase(databaseUrlFor('COUNTY'));
  try {
    const em = orm.em.fork();
    if (!(await em.count(County, { code: countyCode }))) throw new Error(`county ${countyCode} is not loaded; run npm run seed -- --county ${countyCode} first`);
    const existing = await em.findOne(CountyStaff, { username });
    const passwordHash = await hashPassword(password);
    if (existing) {
      if (!values['reset-password']) throw new Error(`${username} exists; add --reset-password to give it a new password`);
      existing.passwordHash = passwordHash;
      existing.passwordSetAt = new Date();
      existing.active = true;
      await em.flush();
      console.log(`${username} (${existing.name}, ${existing.role}): password reset`);
      return;
    }
    em.create(CountyStaff, {
      countyCode, username, name, role, post: null, unitId: null, windowId: null, phone: null,
      active: true, passwordHash, passwordSetAt: new Date(), createdAt: new Date(), updatedAt: new Date(),
    });
    await em.flush();
    console.log(`${username} (${name}) is the ${role === 'DIRECTOR' ? 'director' : 'supervisor'} of county ${countyCode}'s centre; sign in at the gateway's POST /auth/sign-in`);
  } finally {
    await orm.close();
  }
}

function askHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('no terminal to ask for the password: set SCF_NEW_PASSWORD');
  let muted = false;
  const output = new Writable({ write: (chunk, _enc, done) => (muted ? done() : process.stdout.write(chunk, done)) });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

main().catch((e: Error) => {
  console.error(`create-director: ${e.message}`);
  process.exit(1);
});
