// A unit's key from its GS1 Digital Link, computed in the page so it does not depend on the
// node: BLAKE2b-256 of the canonical link https://id.gs1.org/01/<gtin14>/21/<serial> (the
// derivation of rpc/src/gs1.rs, which the README documents).
import { blake2b } from './node_modules/@noble/hashes/blake2.js';

const SET_82 = /^[A-Za-z0-9!"%&'()*+,\-./:;<=>?_]{1,20}$/;

function checkDigit(body) {
  let sum = 0;
  [...body].reverse().forEach((digit, i) => { sum += Number(digit) * (i % 2 === 0 ? 3 : 1); });
  return String((10 - (sum % 10)) % 10);
}

/** The canonical Digital Link of `link`, or throws why it names no unit. */
export function canonicalLink(link) {
  const match = /^https?:\/\/([^/?#\s]+)\/([^?#]*)/i.exec(link);
  if (!match) throw new Error('expected an http(s):// GS1 Digital Link URI');
  const segments = match[2].split('/');
  const at = segments.indexOf('01');
  const gtin = at >= 0 ? segments[at + 1] : undefined;
  if (!gtin) throw new Error('no /01/<gtin> in the path');
  if (!/^(\d{8}|\d{12,14})$/.test(gtin)) throw new Error('a GTIN has 8, 12, 13 or 14 digits');
  if (checkDigit(gtin.slice(0, -1)) !== gtin.slice(-1)) throw new Error("the GTIN's check digit is wrong");
  const rest = segments.slice(at + 2).filter((s) => s !== '');
  let allowed = ['22', '10', '21'];
  let serial;
  for (let i = 0; i < rest.length; i += 2) {
    const position = allowed.indexOf(rest[i]);
    if (position < 0) throw new Error(`unexpected ${rest[i]} after the GTIN`);
    allowed = allowed.slice(position + 1);
    let value;
    try { value = decodeURIComponent(rest[i + 1] ?? ''); } catch { throw new Error(`AI ${rest[i]} is not valid percent-encoding`); }
    if (!SET_82.test(value)) throw new Error(`AI ${rest[i]} must be 1 to 20 characters of GS1's character set 82`);
    if (rest[i] === '21') serial = value;
  }
  if (serial === undefined) throw new Error('no /21/<serial>: a unit needs its serial');
  const encoded = [...new TextEncoder().encode(serial)]
    .map((b) => (/[A-Za-z0-9\-._]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
  return `https://id.gs1.org/01/${gtin.padStart(14, '0')}/21/${encoded}`;
}

/** The unit key (0x…) of a Digital Link or of a key given as such. */
export function unitKey(unit) {
  if (/^0x[0-9a-fA-F]{64}$/.test(unit)) return unit.toLowerCase();
  const digest = blake2b(new TextEncoder().encode(canonicalLink(unit)), { dkLen: 32 });
  return `0x${[...digest].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
