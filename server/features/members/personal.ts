import { maskIdNumber, parseIdNumber, type IdNumber } from '../../../common/id-number';
import { normaliseMobile } from '../../../common/phone';
import { isoFromDay, dayOfInstant } from '../../../common/calendar/days';
import { AppError } from '../../../common/errors';
import { maskPhone, type Cipher } from '../../lib/crypto';

/**
 * Personal data as it is stored (DESIGN.md §4.2): ciphertext, blind index and mask, plus what is
 * derived for statistics. Every feature that keeps an ID number or a phone (members, joins, the
 * roster import, cases) seals it here, so there is one way and one blind index.
 */
export interface SealedIdNumber {
  id_hash: Buffer;
  id_enc: string;
  id_masked: string;
  gender: 'M' | 'F';
  birth_year: number;
  id_region_code: string;
  /** Address prefix 99: a test number, accepted with a warning. */
  isTestNumber: boolean;
}

export interface SealedPhone {
  phone_hash: Buffer;
  phone_enc: string;
  phone_masked: string;
}

/** Today in Shanghai, 'YYYY-MM-DD'. */
export function shanghaiToday(now = Date.now()): string {
  return isoFromDay(dayOfInstant(now));
}

/** The blind index of a valid ID number's 18-digit form, or null when it is not valid (for exact search). */
export function idNumberIndex(cipher: Cipher, raw: string): Buffer | null {
  const r = parseIdNumber(raw, shanghaiToday());
  return r.ok ? cipher.blindIndex(`id|${r.id.value}`) : null;
}

/** Validates, normalises and seals an ID number; a bad one is a 422 naming `field` (never echoing the number). */
export function sealIdNumber(cipher: Cipher, raw: string, field = 'id_number'): SealedIdNumber {
  const r = parseIdNumber(raw, shanghaiToday());
  if (!r.ok) throw new AppError('validation_failed', { [field]: r.message });
  return sealParsedIdNumber(cipher, r.id);
}

/** Seals an ID number already parsed and valid (the roster parses each row once). */
export function sealParsedIdNumber(cipher: Cipher, id: IdNumber): SealedIdNumber {
  return {
    id_hash: cipher.blindIndex(`id|${id.value}`),
    id_enc: cipher.encrypt(id.value),
    id_masked: maskIdNumber(id.value),
    gender: id.gender,
    birth_year: id.birthYear,
    id_region_code: id.regionCode,
    isTestNumber: id.isTestNumber,
  };
}

/** Seals a mobile number already normalised to its 11 digits. */
export function sealNormalisedPhone(cipher: Cipher, phone: string): SealedPhone {
  return { phone_hash: cipher.blindIndex(phone), phone_enc: cipher.encrypt(phone), phone_masked: maskPhone(phone) };
}

/**
 * Seals a mobile number. The blind index is the same one sign-in and one-time codes use
 * (`cipher.blindIndex(phone)`), so a worker signed in by phone finds their own member record.
 */
export function sealPhone(cipher: Cipher, raw: string, field = 'phone'): SealedPhone {
  const phone = normaliseMobile(raw);
  if (!phone) throw new AppError('validation_failed', { [field]: '请输入正确的 11 位手机号' });
  return sealNormalisedPhone(cipher, phone);
}

/** The member row's personal-data columns of a sealed ID number and phone (no phone: the three are null). */
export function sealedColumns(id: SealedIdNumber, phone: SealedPhone | null) {
  return {
    id_hash: id.id_hash,
    id_enc: id.id_enc,
    id_masked: id.id_masked,
    gender: id.gender,
    birth_year: id.birth_year,
    id_region_code: id.id_region_code,
    phone_hash: phone?.phone_hash ?? null,
    phone_enc: phone?.phone_enc ?? null,
    phone_masked: phone?.phone_masked ?? null,
  };
}
