//! The encoding of everything the consortium's pallets store, pinned. A stored enum that gains
//! a variant out of place, a variant that moves, a field that changes type or order: each
//! changes how stored bytes decode after an upgrade, and each fails this test until the
//! change comes with a migration and the fixture is regenerated on purpose:
//!
//! ```sh
//! UPDATE_FIXTURES=1 cargo test -p evidence-runtime --test stored_encodings
//! ```
//!
//! The layout is read from the runtime's metadata (every storage item of `Consortium`,
//! `Notary`, `Inspection`, `Logistics` and `Liability`, and every type reachable from it), so a
//! new stored type is covered without anyone listing it. Known-answer encodings of a few values
//! check that the layout and the bytes agree.

use codec::Encode;
use evidence_primitives::facts::{ClaimKind, Excursion, LegState};
use evidence_runtime::Runtime;
use frame_metadata::{v14::StorageEntryType, RuntimeMetadata};
use scale_info::{form::PortableForm, PortableRegistry, TypeDef};
use std::collections::BTreeMap;

const PALLETS: [&str; 5] = ["Consortium", "Notary", "Inspection", "Logistics", "Liability"];
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stored-types.txt");

/// A type's name: its path and generic arguments, or its shape when it has no path.
fn name(registry: &PortableRegistry, id: u32) -> String {
	let ty = &registry.resolve(id).expect("every id resolves").clone();
	if !ty.path.segments.is_empty() {
		let params: Vec<String> =
			ty.type_params.iter().filter_map(|p| p.ty.map(|t| name(registry, t.id))).collect();
		let path = ty.path.segments.join("::");
		return if params.is_empty() { path } else { format!("{path}<{}>", params.join(", ")) };
	}
	match &ty.type_def {
		TypeDef::Sequence(s) => format!("Vec<{}>", name(registry, s.type_param.id)),
		TypeDef::Array(a) => format!("[{}; {}]", name(registry, a.type_param.id), a.len),
		TypeDef::Tuple(t) => format!(
			"({})",
			t.fields.iter().map(|f| name(registry, f.id)).collect::<Vec<_>>().join(", ")
		),
		TypeDef::Primitive(p) => format!("{p:?}").to_lowercase(),
		TypeDef::Compact(c) => format!("Compact<{}>", name(registry, c.type_param.id)),
		TypeDef::BitSequence(_) => "BitSequence".into(),
		TypeDef::Composite(_) | TypeDef::Variant(_) => format!("anonymous#{id}"),
	}
}

fn fields(registry: &PortableRegistry, fields: &[scale_info::Field<PortableForm>]) -> String {
	fields
		.iter()
		.map(|f| match &f.name {
			Some(n) => format!("{n}: {}", name(registry, f.ty.id)),
			None => name(registry, f.ty.id),
		})
		.collect::<Vec<_>>()
		.join(", ")
}

/// One line per named type reachable from `id`: its fields, or its variants with their
/// indices, in encoding order.
fn describe(registry: &PortableRegistry, id: u32, out: &mut BTreeMap<String, String>) {
	let key = name(registry, id);
	let ty = registry.resolve(id).expect("every id resolves");
	let (line, children): (Option<String>, Vec<u32>) = match &ty.type_def {
		TypeDef::Composite(c) => (
			Some(format!("{{ {} }}", fields(registry, &c.fields))),
			c.fields.iter().map(|f| f.ty.id).collect(),
		),
		TypeDef::Variant(v) => (
			Some(
				v.variants
					.iter()
					.map(|v| format!("{}={}({})", v.index, v.name, fields(registry, &v.fields)))
					.collect::<Vec<_>>()
					.join(" | "),
			),
			v.variants.iter().flat_map(|v| v.fields.iter().map(|f| f.ty.id)).collect(),
		),
		TypeDef::Sequence(s) => (None, vec![s.type_param.id]),
		TypeDef::Array(a) => (None, vec![a.type_param.id]),
		TypeDef::Tuple(t) => (None, t.fields.iter().map(|f| f.id).collect()),
		TypeDef::Compact(c) => (None, vec![c.type_param.id]),
		TypeDef::Primitive(_) | TypeDef::BitSequence(_) => (None, vec![]),
	};
	if let Some(line) = line {
		if out.insert(key, line).is_some() {
			return;
		}
	}
	for child in children {
		describe(registry, child, out);
	}
}

fn stored_layout() -> String {
	let RuntimeMetadata::V14(metadata) = Runtime::metadata().1 else {
		panic!("the runtime's default metadata is V14")
	};
	let mut items = Vec::new();
	let mut types = BTreeMap::new();
	for pallet in metadata.pallets.iter().filter(|p| PALLETS.contains(&p.name.as_str())) {
		for entry in pallet.storage.iter().flat_map(|s| &s.entries) {
			let (shape, ids) = match &entry.ty {
				StorageEntryType::Plain(v) => (name(&metadata.types, v.id), vec![v.id]),
				StorageEntryType::Map { hashers, key, value } => (
					format!(
						"{:?} {} => {}",
						hashers,
						name(&metadata.types, key.id),
						name(&metadata.types, value.id)
					),
					vec![key.id, value.id],
				),
			};
			items.push(format!("{}.{}: {shape}", pallet.name, entry.name));
			for id in ids {
				describe(&metadata.types, id, &mut types);
			}
		}
	}
	let mut text = String::from("# storage items\n");
	for item in items {
		text.push_str(&item);
		text.push('\n');
	}
	text.push_str("\n# types\n");
	for (ty, layout) in types {
		text.push_str(&format!("{ty} = {layout}\n"));
	}
	text
}

#[test]
fn stored_types_keep_their_encoding() {
	let layout = stored_layout();
	if std::env::var_os("UPDATE_FIXTURES").is_some() {
		std::fs::write(FIXTURE, &layout).unwrap();
		return;
	}
	let pinned = std::fs::read_to_string(FIXTURE).expect("the fixture is committed");
	let (now, then): (Vec<&str>, Vec<&str>) = (layout.lines().collect(), pinned.lines().collect());
	let changed: Vec<String> = then
		.iter()
		.filter(|l| !now.contains(l))
		.map(|l| format!("- {l}"))
		.chain(now.iter().filter(|l| !then.contains(l)).map(|l| format!("+ {l}")))
		.collect();
	assert!(
		changed.is_empty(),
		"the encoding of stored data changed: add a storage migration (and bump the pallet's \
		 StorageVersion), then regenerate {FIXTURE} with UPDATE_FIXTURES=1\n{}",
		changed.join("\n")
	);
}

#[test]
fn known_values_encode_to_known_bytes() {
	use pallet_liability::{
		rules::{EscalationReason, RuleId},
		DisputeStatus,
	};
	use pallet_logistics::CheckpointKind;
	assert_eq!(RuleId::P1.encode(), [0]);
	assert_eq!(RuleId::D3.encode(), [6]);
	assert_eq!(ClaimKind::TransitDamage.encode(), [0]);
	assert_eq!(ClaimKind::WarrantyDefect.encode(), [8]);
	assert_eq!(CheckpointKind::HubIn.encode(), [1]);
	assert_eq!(LegState::Clean.encode(), [1]);
	assert_eq!(Excursion::Shock.encode(), [2]);
	assert_eq!(EscalationReason::NeededFactExcluded.encode().len(), 1);
	// A status with fields: its index, then its fields in order.
	assert_eq!(DisputeStatus::<u32>::Proposed { challenge_until: 7 }.encode(), [2, 7, 0, 0, 0]);
}
