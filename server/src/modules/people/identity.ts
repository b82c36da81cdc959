// How a person's identity (the staff row) is shown: decrypted, then masked unless the viewer may see
// it in clear. Used by staff and members alike so both show the same thing the same way.
import type { FieldCrypto } from '../../platform/crypto/fieldCrypto.js';
import { maskAddress, maskIdNumber, maskPhone } from '../../platform/crypto/mask.js';
import type { StaffTable } from '../../db/types.js';
import { ageOn } from './validation.js';
import { Lru, perHandle } from '../../platform/lru.js';

export type IdentityRow = Pick<StaffTable, 'name' | 'gender' | 'ethnicity' | 'birth_date' | 'id_number_enc' | 'phone_enc' | 'education' | 'native_place' | 'address_enc' | 'post' | 'employment' | 'work_started_on'>;

export interface IdentityView {
  name: string;
  gender: StaffTable['gender'];
  ethnicity: string;
  birthDate: string;
  age: number;
  idNumber: string;
  phone: string | null;
  education: string | null;
  nativePlace: string | null;
  address: string | null;
  post: string | null;
  employment: StaffTable['employment'];
  workStartedOn: string | null;
  masked: boolean;
}

/** The fields a clear view shows that a masked one hides: named in the `sensitive.view` audit entries. */
export const SENSITIVE_IDENTITY_FIELDS = ['idNumber', 'phone', 'address'] as const;

/** The clear 身份证号, phone and 住址 of a row. */
export function clearSensitive(crypto: FieldCrypto, r: Pick<StaffTable, 'id_number_enc' | 'phone_enc' | 'address_enc'>): { idNumber: string; phone: string | null; address: string | null } {
  return {
    idNumber: crypto.decrypt(r.id_number_enc), phone: r.phone_enc ? crypto.decrypt(r.phone_enc) : null,
    address: r.address_enc ? crypto.decrypt(r.address_enc) : null,
  };
}

/** Masked forms by stored value, per key (50,000 kept). A mask is what everyone may see, so keeping it is no disclosure. */
const masksOf = perHandle((): Lru<string, string> => new Lru(50_000));

const MASKS = { idNumber: maskIdNumber, phone: maskPhone, address: maskAddress };

/**
 * The masked form of an encrypted value without decrypting it again: lists show masked values only, and
 * decrypting the sensitive fields of every row was 8 % of a member-list request (docs/PERFORMANCE.md). A stored value
 * carries its own random IV, so equal stored values are equal clear values.
 */
function maskedOf(crypto: FieldCrypto, stored: string, field: keyof typeof MASKS): string {
  const masks = masksOf(crypto);
  const key = `${field}:${stored}`;
  let value = masks.get(key);
  if (value === undefined) {
    value = MASKS[field](crypto.decrypt(stored));
    masks.set(key, value);
  }
  return value;
}

export function identityView(crypto: FieldCrypto, r: IdentityRow, today: string, reveal: boolean): IdentityView {
  const clear = reveal ? clearSensitive(crypto, r) : null;
  return {
    name: r.name, gender: r.gender, ethnicity: r.ethnicity, birthDate: r.birth_date, age: ageOn(r.birth_date, today),
    idNumber: clear ? clear.idNumber : maskedOf(crypto, r.id_number_enc, 'idNumber'),
    phone: !r.phone_enc ? null : clear ? clear.phone : maskedOf(crypto, r.phone_enc, 'phone'),
    education: r.education, nativePlace: r.native_place,
    address: !r.address_enc ? null : clear ? clear.address : maskedOf(crypto, r.address_enc, 'address'), post: r.post, employment: r.employment,
    workStartedOn: r.work_started_on, masked: !reveal,
  };
}

/** Columns of the staff row from identity input (encrypting the sensitive ones). */
export function identityColumns(crypto: FieldCrypto, v: {
  name: string; gender: StaffTable['gender']; birthDate: string; ethnicity?: string | undefined; education?: string | null | undefined;
  nativePlace?: string | null | undefined; address?: string | null | undefined; post?: string | null | undefined;
  employment: StaffTable['employment']; workStartedOn?: string | null | undefined; unitId: string;
}, normalised: { idNumber: string; phone: string | null }) {
  return {
    name: v.name, gender: v.gender, birth_date: v.birthDate, ethnicity: v.ethnicity?.trim() || '汉族',
    id_number_enc: crypto.encrypt(normalised.idNumber), id_number_hash: crypto.lookupHash(normalised.idNumber),
    phone_enc: normalised.phone ? crypto.encrypt(normalised.phone) : null,
    education: v.education ?? null, native_place: v.nativePlace || null, address_enc: v.address?.trim() ? crypto.encrypt(v.address.trim()) : null, post: v.post || null,
    employment: v.employment, work_started_on: v.workStartedOn || null, unit_id: v.unitId,
  };
}
