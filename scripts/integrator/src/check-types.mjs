// Decodes every storage entry, event and runtime API of the project's pallets from the node's
// metadata alone (no custom type definitions) and fails on any type it cannot name or build.
import { connect, PALLETS, recordId, RUNTIME_APIS } from './chain.mjs';

// The client's record id derivation gives the vector `evidence_primitives` tests.
const vector = recordId('Attestation', 7, `0x${'ab'.repeat(32)}`);
if (vector !== '0xa46c91f5d2fad3bcf2f718e06daf6cb19dd572473cad0ffadcc0b1ba4174d402') {
  console.error(`check-types: recordId gives ${vector}, not the runtime's vector`);
  process.exit(1);
}

const api = await connect();
const { registry } = api;
const problems = [];
let checked = 0;

/** Builds a default value of lookup type `id`; records a problem when it cannot. */
function check(id, where) {
  checked += 1;
  try {
    const def = registry.lookup.getTypeDef(id);
    if (def.type === 'Unknown' || def.info === undefined) {
      throw new Error(`no definition for lookup type ${id}`);
    }
    registry.createType(registry.createLookupType(id)).toHuman();
  } catch (error) {
    problems.push(`${where}: ${error.message}`);
  }
}

const metadata = api.runtimeMetadata.asLatest;
for (const name of PALLETS) {
  const pallet = metadata.pallets.find((p) => p.name.toString() === name);
  if (!pallet) {
    problems.push(`pallet ${name} is not in the runtime`);
    continue;
  }
  if (pallet.storage.isSome) {
    for (const entry of pallet.storage.unwrap().items) {
      const where = `${name}.${entry.name} (storage)`;
      if (entry.type.isPlain) {
        check(entry.type.asPlain, where);
      } else {
        check(entry.type.asMap.key, `${where} key`);
        check(entry.type.asMap.value, `${where} value`);
      }
    }
  }
  for (const [kind, option] of [['event', pallet.events], ['call', pallet.calls], ['error', pallet.errors]]) {
    if (option.isNone) continue;
    const variants = registry.lookup.getSiType(option.unwrap().type).def.asVariant.variants;
    for (const variant of variants) {
      if (variant.docs.length === 0) {
        problems.push(`${name}.${variant.name} (${kind}) has no doc comment`);
      }
      for (const field of variant.fields) {
        if (kind === 'event' && field.name.isNone) {
          problems.push(`${name}.${variant.name} (event) has an unnamed field`);
        }
        check(field.type, `${name}.${variant.name} (${kind}) field ${field.name.toString()}`);
      }
    }
  }
  // Live values decode too: the first entries of every map, every plain value.
  for (const [entry, query] of Object.entries(api.query[name[0].toLowerCase() + name.slice(1)] ?? {})) {
    try {
      const values = query.keys ? (await query.entriesPaged({ args: [], pageSize: 20 })) : [[null, await query()]];
      values.forEach(([, value]) => value.toHuman());
    } catch (error) {
      problems.push(`${name}.${entry} (live storage): ${error.message}`);
    }
  }
}

const apis = metadata.apis ?? [];
for (const name of RUNTIME_APIS) {
  const runtimeApi = apis.find((a) => a.name.toString() === name);
  if (!runtimeApi) {
    problems.push(`runtime API ${name} is not in the metadata`);
    continue;
  }
  for (const method of runtimeApi.methods) {
    for (const input of method.inputs) {
      check(input.type, `${name}.${method.name} input ${input.name}`);
    }
    check(method.output, `${name}.${method.name} output`);
  }
}

// The events of the recent blocks decode and carry their field names.
const head = (await api.rpc.chain.getHeader()).number.toNumber();
for (let number = Math.max(0, head - 50); number <= head; number += 1) {
  const hash = await api.rpc.chain.getBlockHash(number);
  const events = await (await api.at(hash)).query.system.events();
  for (const { event } of events) {
    if (PALLETS.map((p) => p.toLowerCase()).includes(event.section.toLowerCase())) {
      event.toHuman();
      checked += 1;
    }
  }
}

await api.disconnect();
if (problems.length > 0) {
  console.error(`check-types: ${problems.length} problem(s) in ${checked} types checked:`);
  problems.forEach((p) => console.error(`  - ${p}`));
  process.exit(1);
}
console.log(`check-types: ${checked} types and values of ${PALLETS.join(', ')} and ${RUNTIME_APIS.join(', ')} decode from metadata alone`);
