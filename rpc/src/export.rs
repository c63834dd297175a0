//! `evidence_export`: one JSON document about an order that an arbitrator or a court can file.
//!
//! Custody checkpoints are GS1 EPCIS 2.0 JSON-LD `ObjectEvent`s with CBV 2.0 business steps and
//! dispositions; the sensor digests of a leg are the `sensorElementList` of the checkpoint that
//! closed it (`gs1:Temperature` in °C, `gs1:RelativeHumidity` in % RH, `gs1:Acceleration` in
//! m/s²). The standard fields are built from the chain's typed records, matched exhaustively,
//! so a new kind of checkpoint does not compile until it has its vocabulary. The chain's own
//! record of each fact follows as readable JSON under `evidence-chain:` keys, with the block
//! that notarized it and how to check it against the chain. `creationDate` is the time of the
//! block the document was read at, so the same order read at the same block gives the same
//! document on every node.

use evidence_runtime::evidence::{DigestEntry, OrderEvidence, ShipmentEntry};
use pallet_logistics::types::{CheckpointKind, SensorSummary};
use serde_json::{json, Value};
use sp_core::H256;

use crate::readable::utc;

/// Entry `index` of the readable list `list` (`null` when absent: a typed entry is never
/// dropped for want of its readable twin).
fn nth<'a>(list: &'a Value, index: usize) -> &'a Value {
	list.get(index).unwrap_or(&Value::Null)
}

/// The JSON-LD context of EPCIS 2.0.
pub const EPCIS_CONTEXT: &str = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

/// Standard gravity, m/s² per g.
const STANDARD_GRAVITY: f64 = 9.806_65;

/// What an EPCIS `ObjectEvent` says about a checkpoint of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vocabulary {
	/// `ADD` when the checkpoint brings the shipment into the carriers' custody, else `OBSERVE`.
	pub action: &'static str,
	/// CBV 2.0 business step.
	pub biz_step: &'static str,
	/// CBV 2.0 disposition.
	pub disposition: &'static str,
	/// The custody leg whose sensor reports the event carries.
	pub closes: Closes,
}

/// Which leg a checkpoint closes, relative to the leg it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closes {
	/// None: custody goes on.
	Nothing,
	/// The leg before the one it names (a handover opens its own leg).
	PreviousLeg,
	/// The leg it names (the delivery, the return's intake).
	ItsLeg,
}

/// The EPCIS vocabulary of a checkpoint kind.
pub fn vocabulary(kind: CheckpointKind) -> Vocabulary {
	use CheckpointKind::*;
	let (action, biz_step, disposition, closes) = match kind {
		Pickup => ("ADD", "departing", "in_transit", Closes::Nothing),
		HubIn => ("OBSERVE", "arriving", "in_transit", Closes::Nothing),
		HubOut | OutForDelivery => ("OBSERVE", "departing", "in_transit", Closes::Nothing),
		Handover => ("OBSERVE", "receiving", "in_transit", Closes::PreviousLeg),
		Delivered => ("OBSERVE", "accepting", "completeness_verified", Closes::ItsLeg),
		DeliveryFailed => ("OBSERVE", "holding", "in_transit", Closes::Nothing),
		ReturnPickup => ("OBSERVE", "receiving", "in_transit", Closes::Nothing),
		ReturnIntake => ("OBSERVE", "receiving", "returned", Closes::ItsLeg),
		CustomsOpened => ("OBSERVE", "inspecting", "container_open", Closes::Nothing),
		ForceMajeure => ("OBSERVE", "holding", "unknown", Closes::Nothing),
	};
	Vocabulary { action, biz_step, disposition, closes }
}

fn urn(kind: &str, id: &H256) -> String {
	format!("urn:evidence-chain:{kind}:{id:?}")
}

fn organisation(org: u32) -> String {
	format!("urn:evidence-chain:organisation:{org}")
}

fn time(ms: u64) -> Value {
	utc(ms).map(Value::String).unwrap_or(Value::Null)
}

/// Rounded to three decimals (what a sensor report needs, without binary noise).
fn round3(value: f64) -> f64 {
	(value * 1_000.0).round() / 1_000.0
}

/// The `sensorReport` list of one summary.
fn sensor_reports(summary: &SensorSummary) -> Vec<Value> {
	let mut reports = Vec::new();
	if let Some(t) = &summary.temperature {
		let celsius = |centi: i32| f64::from(centi) / 100.0;
		reports.push(json!({
			"type": "gs1:Temperature",
			"minValue": celsius(t.min_centi_celsius),
			"maxValue": celsius(t.max_centi_celsius),
			"meanValue": celsius(t.mean_centi_celsius),
			"uom": "CEL",
		}));
	}
	if let Some(h) = &summary.humidity {
		let percent = |per_mille: u16| f64::from(per_mille) / 10.0;
		reports.push(json!({
			"type": "gs1:RelativeHumidity",
			"minValue": percent(h.min_per_mille),
			"maxValue": percent(h.max_per_mille),
			"uom": "P1",
		}));
	}
	if let Some(shock) = &summary.shock {
		reports.push(json!({
			"type": "gs1:Acceleration",
			"maxValue": round3(f64::from(shock.peak_milli_g) / 1_000.0 * STANDARD_GRAVITY),
			"uom": "MSK",
			"time": time(shock.peak_at),
		}));
	}
	reports
}

/// A sensor digest as an EPCIS `sensorElement`; `readable` is the chain's record of it.
fn sensor_element(digest: &DigestEntry, readable: &Value) -> Value {
	let summary = &digest.record.summary;
	json!({
		"sensorMetadata": {
			"time": time(summary.window_end),
			"startTime": time(summary.window_start),
			"endTime": time(summary.window_end),
			"deviceID": urn("device", &digest.device),
			"dataProcessingMethod": urn("readings-root", &summary.readings_root),
		},
		"sensorReport": sensor_reports(summary),
		"evidence-chain:condition": readable["record"]["condition"],
		"evidence-chain:block": digest.record.block,
		"evidence-chain:blockHash": readable["record"]["block_hash"],
	})
}

/// The EPCIS events of one shipment, oldest first; `readable` is the chain's record of it.
fn shipment_events(shipment: &ShipmentEntry, readable: &Value, order: &H256) -> Vec<Value> {
	let epcs: Vec<String> = std::iter::once(urn("shipment", &shipment.id))
		.chain(shipment.shipment.units.iter().map(|unit| urn("unit", unit)))
		.collect();
	shipment
		.checkpoints
		.iter()
		.enumerate()
		.map(|(i, entry)| (entry, nth(&readable["checkpoints"], i)))
		.map(|(entry, readable_entry)| {
			let checkpoint = &entry.checkpoint;
			let observation = &checkpoint.observation;
			let words = vocabulary(checkpoint.kind);
			let recorded = &readable_entry["checkpoint"];
			let mut event = json!({
				"type": "ObjectEvent",
				"eventTime": time(observation.event_time),
				"eventTimeZoneOffset": "+00:00",
				"epcList": epcs,
				"action": words.action,
				"bizStep": words.biz_step,
				"disposition": words.disposition,
				"bizLocation": { "id": urn("location", &observation.location) },
				"bizTransactionList": [{ "type": "po", "bizTransaction": urn("order", order) }],
				"evidence-chain:checkpoint": {
					"kind": recorded["kind"],
					"index": entry.index,
					"fact": format!("{:?}", entry.fact),
					"leg": checkpoint.leg,
					"receipt": recorded["receipt"],
					"package": recorded["observation"]["package"],
					"reservations": recorded["observation"]["reservations"],
					"media": recorded["observation"]["media"],
					"note": recorded["observation"]["note"],
					"acknowledged": checkpoint.acknowledged,
					"recordedByOrganisation": checkpoint.recorded_by_org,
					"block": checkpoint.block,
					"blockHash": recorded["block_hash"],
				},
			});
			if let Some(from) = checkpoint.from {
				event["sourceList"] =
					json!([{ "type": "possessing_party", "source": organisation(from) }]);
			}
			if let Some(to) = checkpoint.to {
				event["destinationList"] =
					json!([{ "type": "possessing_party", "destination": organisation(to) }]);
			}
			let closed = match words.closes {
				Closes::Nothing => None,
				Closes::PreviousLeg => checkpoint.leg.checked_sub(1),
				Closes::ItsLeg => Some(checkpoint.leg),
			};
			let legs = shipment.legs.iter().zip(readable["legs"].as_array().into_iter().flatten());
			if let Some((leg, readable_leg)) =
				legs.into_iter().find(|(l, _)| Some(l.index) == closed)
			{
				let elements: Vec<Value> = leg
					.digests
					.iter()
					.enumerate()
					.map(|(i, digest)| sensor_element(digest, nth(&readable_leg["digests"], i)))
					.collect();
				if !elements.is_empty() {
					event["sensorElementList"] = Value::Array(elements);
				}
				event["evidence-chain:leg"] = json!({
					"index": leg.index,
					"fact": format!("{:?}", leg.fact),
					"custodian": leg.leg.custodian,
					"condition": readable_leg["leg"]["condition"],
				});
			}
			event
		})
		.collect()
}

/// Where the document was read: the chain, its block, and that block's time.
pub struct ReadAt {
	/// The chain's genesis hash.
	pub genesis: H256,
	/// The block read.
	pub hash: H256,
	/// Its number.
	pub number: u64,
	/// Its timestamp (unix ms).
	pub time: u64,
}

/// The export document of `evidence` (`readable` is the same evidence as readable JSON).
pub fn document(evidence: &OrderEvidence, readable: &Value, at: &ReadAt) -> Value {
	let order = evidence.order;
	let shipments = evidence
		.shipments
		.iter()
		.enumerate()
		.map(|(i, shipment)| (shipment, nth(&readable["shipments"], i)));
	let events: Vec<Value> = shipments
		.clone()
		.flat_map(|(shipment, readable)| shipment_events(shipment, readable, &order))
		.collect();
	let shipment_records: Vec<Value> = shipments
		.map(|(_, s)| {
			let legs: Vec<Value> = s["legs"]
				.as_array()
				.into_iter()
				.flatten()
				.map(|l| json!({ "index": l["index"], "fact": l["fact"], "leg": l["leg"] }))
				.collect();
			json!({ "id": s["id"], "shipment": s["shipment"], "legs": legs })
		})
		.collect();
	json!({
		"@context": [EPCIS_CONTEXT, { "evidence-chain": "urn:evidence-chain:" }],
		"type": "EPCISDocument",
		"schemaVersion": "2.0",
		"creationDate": time(at.time),
		"epcisBody": { "eventList": events },
		"evidence-chain:order": format!("{order:?}"),
		"evidence-chain:chain": {
			"genesisHash": format!("{:?}", at.genesis),
			"block": at.number,
			"blockHash": format!("{:?}", at.hash),
		},
		"evidence-chain:shipments": shipment_records,
		"evidence-chain:attestations": readable["attestations"],
		"evidence-chain:disputes": readable["disputes"],
		"evidence-chain:verification": concat!(
			"Every fact names the block that notarized it (block, blockHash). To check one, ",
			"connect to any node of the consortium chain with this genesisHash and call ",
			"evidence_orderEvidence(order, blockHash) — or read the pallet storage at that block: ",
			"Inspection.Attestations(id), Logistics.Checkpoints(shipment, index), ",
			"Logistics.SensorDigests((shipment, leg), device), Liability.Disputes(id) — and compare. ",
			"Media and reports are content digests: hash the file (evidence-node hash FILE) and look ",
			"the digest up with evidence_digest. A raw sensor reading is proven against the digest's ",
			"readings root with the runtime call LogisticsApi.verify_reading."
		),
	})
}
