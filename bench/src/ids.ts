import { residentIdCheckDigit } from '@scf/domain';

/** A valid resident ID per index, so applicants differ. */
export function residentId(i: number): string {
  const first17 = `14092519900101${String(i % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
}
