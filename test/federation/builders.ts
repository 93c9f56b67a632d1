import { creditCodeCheckChar, residentIdCheckDigit } from '@scf/domain';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';

/** A valid resident ID (GB 11643) for a person born on `birth` (YYYYMMDD) in 宁武县. */
export function residentId(birth = '19900101', serial = '123'): string {
  const first17 = `140925${birth}${serial}`;
  return first17 + residentIdCheckDigit(first17);
}

/** The same ID with a wrong check digit. */
export function withWrongCheckDigit(id: string): string {
  const wrong = id.endsWith('1') ? '2' : '1';
  return id.slice(0, 17) + wrong;
}

export function creditCode(body = '91140925MA0K1B2C3'): string {
  return body + creditCodeCheckChar(body);
}

export async function itemIdByCode(fed: TestFederation, countyCode: string, code: string): Promise<string> {
  const { data, errors } = await fed.query(`{ county(code: "${countyCode}") { serviceItems { id code } } }`);
  if (errors) throw new Error(JSON.stringify(errors));
  const item = data.county.serviceItems.find((i: { code: string }) => i.code === code);
  if (!item) throw new Error(`no item ${code}`);
  return item.id;
}

export const CASE_FIELDS = `
  caseNo status version kind itemName deadline light acceptedOn responsibleName
  applicant { type name idNumber creditCode phone }
  materials { position name received }
  decision { outcome reason rightsNotice decidedOn timing }
  deliveredOn deliveryMethod allowedActions
  history { action actionLabel fromStatus toStatus at by byName pointCode reason note missingMaterials { name problem } }
`;

/**
 * For tests written as "this clerk does that": runs each operation signed in as the member of staff its
 * input names in `staff` (taken out of the input — the API knows who acts from the token, not from a
 * field), and any operation whose input names nobody as `reader`. Every call is a real sign-in and a real
 * request through the gateway.
 */
export function staffClient(fed: TestFederation, reader: string) {
  return {
    query<T = any>(query: string, variables?: Record<string, unknown>) {
      let actor: string | undefined;
      const rest = variables && Object.fromEntries(
        Object.entries(variables).map(([k, v]) => {
          if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { staff?: unknown }).staff === 'string') {
            const { staff, ...input } = v as { staff: string };
            actor = staff;
            return [k, input];
          }
          return [k, v];
        }),
      );
      return fed.as(actor ?? reader).query<T>(query, rest);
    },
  };
}

/** The federation the delegation tests share: 宁武县 seeded, the director's client, and two items decided above the village. */
export async function startDelegationFederation() {
  const fed = await startTestFederation();
  const gql = staffClient(fed, '140925.director');
  await fed.seed('140925');
  fed.setNow('2026-09-28T02:00:00Z');
  const items = { marriageProof: await itemIdByCode(fed, '140925', 'ZM-JS-007'), fireworks: await itemIdByCode(fed, '140925', 'XK-YJ-001') };
  return { fed, gql, items };
}

/** A case a village clerk registered and accepted (version 2), ready to go up. */
export async function acceptedVillageCase(gql: ReturnType<typeof staffClient>, village: string, clerk: string, itemId: string, materials: number[]): Promise<string> {
  const reg = await gql.query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
    i: { pointCode: village, itemId, staff: clerk, applicant: { type: 'PERSON', name: '李秀英', idNumber: residentId(), phone: '13912345678' }, materialsReceived: materials },
  });
  if (reg.errors) throw new Error(`registering: ${JSON.stringify(reg.errors)}`);
  const caseNo = reg.data.registerVillageCase.caseNo as string;
  const acc = await gql.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { version } }`, { i: { caseNo, expectedVersion: 1, action: 'accept', staff: clerk } });
  if (acc.errors) throw new Error(`accepting: ${JSON.stringify(acc.errors)}`);
  return caseNo;
}
