// Just enough SCALE to read the runtime's own answer in the page: the type registry of the
// runtime's metadata (V15, which carries the runtime APIs' types) and a value of any type in
// it, as plain JSON the way the node's evidence_* methods write it (field and variant names as
// declared, hashes and byte strings in hex, a unit variant as its name, `{Name: fields}`
// otherwise, `Option` as null or its value).

/** A reader over hex or bytes. */
export class Reader {
  constructor(input) {
    this.bytes = typeof input === 'string' ? hexToBytes(input) : input;
    this.at = 0;
  }

  byte() {
    if (this.at >= this.bytes.length) throw new Error('SCALE: input too short');
    return this.bytes[this.at++];
  }

  take(n) {
    if (this.at + n > this.bytes.length) throw new Error('SCALE: input too short');
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  /** A little-endian unsigned integer of `n` bytes, as a BigInt. */
  uint(n) {
    let value = 0n;
    const bytes = this.take(n);
    for (let i = n - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
    return value;
  }

  compact() {
    const first = this.bytes[this.at];
    switch (first & 3) {
      case 0: return BigInt(this.byte() >> 2);
      case 1: return this.uint(2) >> 2n;
      case 2: return this.uint(4) >> 2n;
      default: this.byte(); return this.uint((first >> 2) + 4);
    }
  }

  length() {
    const n = this.compact();
    if (n > BigInt(this.bytes.length - this.at) * 8n + 8n) throw new Error('SCALE: length beyond the input');
    return Number(n);
  }

  string() {
    return new TextDecoder('utf-8', { fatal: true }).decode(this.take(this.length()));
  }

  list(item) {
    return Array.from({ length: this.length() }, () => item());
  }

  option(item) {
    return this.byte() === 1 ? item() : null;
  }
}

export function hexToBytes(hex) {
  const digits = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (digits.length % 2 || /[^0-9a-fA-F]/.test(digits)) throw new Error('not hex');
  return Uint8Array.from(digits.match(/../g) ?? [], (b) => parseInt(b, 16));
}

export const toHex = (bytes) => `0x${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;

/** The type registry of V14+ metadata bytes (`meta`, version, registry, …). */
export function registryOf(metadata) {
  const r = new Reader(metadata);
  if (toHex(r.take(4)) !== '0x6d657461') throw new Error('not runtime metadata');
  const version = r.byte();
  if (version < 14) throw new Error(`metadata V${version} has no type registry`);
  const types = new Map();
  const type = () => Number(r.compact());
  const fields = () => r.list(() => ({ name: r.option(() => r.string()), type: type(), typeName: r.option(() => r.string()), docs: r.list(() => r.string()) }));
  for (let n = r.length(); n > 0; n--) {
    const id = type();
    const path = r.list(() => r.string());
    r.list(() => ({ name: r.string(), type: r.option(type) }));
    const tag = r.byte();
    let def;
    switch (tag) {
      case 0: def = { composite: fields() }; break;
      case 1: def = { variant: r.list(() => ({ name: r.string(), fields: fields(), index: r.byte(), docs: r.list(() => r.string()) })) }; break;
      case 2: def = { sequence: type() }; break;
      case 3: def = { array: { len: Number(r.uint(4)), type: type() } }; break;
      case 4: def = { tuple: r.list(type) }; break;
      case 5: def = { primitive: r.byte() }; break;
      case 6: def = { compact: type() }; break;
      case 7: def = { bitSequence: [type(), type()] }; break;
      default: throw new Error(`type ${id}: unknown definition ${tag}`);
    }
    r.list(() => r.string());
    types.set(id, { path, def });
  }
  return types;
}

/** The id of the type whose path ends with `suffix` (e.g. ['evidence', 'UnitPassport']). */
export function typeIdByPath(types, suffix) {
  for (const [id, { path }] of types) {
    if (path.length >= suffix.length && suffix.every((s, i) => path[path.length - suffix.length + i] === s)) return id;
  }
  throw new Error(`no type ${suffix.join('::')} in the metadata`);
}

const PRIMITIVE_BYTES = { 3: 1, 4: 2, 5: 4, 6: 8, 7: 16, 8: 32 };
const SIGNED_BYTES = { 9: 1, 10: 2, 11: 4, 12: 8, 13: 16, 14: 32 };
const number = (big) => (big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : big.toString());

function isByte(types, id) {
  const def = types.get(id)?.def;
  return def?.primitive === 3;
}

/** A value of type `id` read from `r`. */
export function decode(types, id, r) {
  const ty = types.get(id);
  if (!ty) throw new Error(`type ${id} is not in the metadata`);
  const { def, path } = ty;
  if (def.composite) {
    const fields = def.composite;
    if (fields.length === 1 && !fields[0].name) return decode(types, fields[0].type, r);
    if (fields.every((f) => f.name)) return Object.fromEntries(fields.map((f) => [f.name, decode(types, f.type, r)]));
    return fields.map((f) => decode(types, f.type, r));
  }
  if (def.variant) {
    const index = r.byte();
    const variant = def.variant.find((v) => v.index === index);
    if (!variant) throw new Error(`variant ${index} of ${path.join('::')} is unknown`);
    if (path[path.length - 1] === 'Option') return variant.fields.length ? decode(types, variant.fields[0].type, r) : null;
    if (!variant.fields.length) return variant.name;
    const inner = variant.fields.length === 1 && !variant.fields[0].name
      ? decode(types, variant.fields[0].type, r)
      : variant.fields.every((f) => f.name)
        ? Object.fromEntries(variant.fields.map((f) => [f.name, decode(types, f.type, r)]))
        : variant.fields.map((f) => decode(types, f.type, r));
    return { [variant.name]: inner };
  }
  if (def.sequence !== undefined) {
    if (isByte(types, def.sequence)) return toHex(r.take(r.length()));
    return r.list(() => decode(types, def.sequence, r));
  }
  if (def.array) {
    if (isByte(types, def.array.type)) return toHex(r.take(def.array.len));
    return Array.from({ length: def.array.len }, () => decode(types, def.array.type, r));
  }
  if (def.tuple) return def.tuple.map((t) => decode(types, t, r));
  if (def.compact !== undefined) return number(r.compact());
  if (def.primitive !== undefined) {
    switch (def.primitive) {
      case 0: return r.byte() === 1;
      case 2: return r.string();
      default: {
        const signed = SIGNED_BYTES[def.primitive];
        if (signed) return number(BigInt.asIntN(signed * 8, r.uint(signed)));
        const bytes = PRIMITIVE_BYTES[def.primitive];
        if (!bytes) throw new Error(`primitive ${def.primitive} is not read here`);
        return number(r.uint(bytes));
      }
    }
  }
  throw new Error(`type ${id} (${path.join('::')}) is not read here`);
}
