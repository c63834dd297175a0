//! Track records counted as the chain counts them: over the glassware story's dispute (the real
//! runtime's record, `runtime/tests/fixtures/story-answers.txt`) the figures equal the chain's
//! own counters, and each way a dispute can end is counted the pallet's way.

mod common;

use common::Records;
use evidence_rpc::track::{self, Row};
use pallet_liability::{ArbitrationRecord, ConsumerOutcome, DisputeStatus, UnresolvedReason};
use serde_json::{json, Value};

fn figures(record: &Value) -> [u64; 4] {
	["disputes_against", "found_liable", "cleared", "escalated"]
		.map(|name| record[name].as_u64().unwrap_or_else(|| panic!("{name}: {record}")))
}

#[test]
fn over_the_story_every_record_is_the_chains_own_counters() {
	let records = Records::read();
	let rows = common::story_rows(&records);
	let names = common::names(&records);
	let story = &rows[0].dispute;
	let liable = story.verdict.as_ref().unwrap().liable[0].org;
	assert!(story.respondents.len() >= 2, "the story has respondents that were cleared");
	let all: Vec<(u32, pallet_liability::Reputation)> = records.get("reputations");
	assert!(!all.is_empty());
	for (org, counters) in &all {
		let record = track::reputation(*org, names(*org), counters, &rows);
		assert_eq!(
			figures(&record),
			figures(&record["counters"]),
			"organisation {org}: computed and chain counters differ: {record}"
		);
	}
	let record =
		track::reputation(liable, names(liable), &common::counters(&records, liable), &rows);
	assert_eq!(figures(&record), [1, 1, 0, 0], "{record}");
	assert_eq!(record["name"], json!(names(liable).unwrap()));
	assert_eq!(record["disputes"]["by_rule"], json!({ "D3": 1, "T1": 1 }));
	let ended = rows[0].ended_in.expect("the story's dispute ended");
	assert!(ended > story.opened_block);
	assert_eq!(
		record["median_times"]["to_end"],
		json!({ "disputes": 1, "median_blocks": ended - story.opened_block })
	);

	// Statistics over the story's blocks hold its dispute; a range before it holds none.
	let statistics = track::statistics(0, ended, &rows, &names);
	assert_eq!(statistics["disputes"], 1);
	assert_eq!(statistics["by_claim_kind"]["TransitDamage"]["disputes"], 1);
	assert_eq!(statistics["by_claim_kind"]["TransitDamage"]["someone_liable"], 1);
	assert_eq!(statistics["by_status"], json!({ "Final": 1 }));
	let organisations = statistics["organisations"].as_array().unwrap();
	assert_eq!(organisations.len(), story.respondents.len());
	let before = track::statistics(0, story.opened_block - 1, &rows, &names);
	assert_eq!(before["disputes"], 0);
	assert_eq!(before["organisations"], json!([]));
	assert_eq!(
		track::statistics(story.opened_block, story.opened_block, &rows, &names)["disputes"],
		1
	);
}

/// The story's dispute, no consumer's claim, changed by `change`, as dispute `id` opened in
/// block `opened`.
fn variant(records: &Records, id: u64, opened: u32, change: impl FnOnce(&mut Row)) -> Row {
	let mut row = common::story_rows(records).remove(0);
	row.id = id;
	row.dispute.opened_block = opened;
	row.dispute.for_consumer = false;
	row.dispute.consumer = None;
	change(&mut row);
	row
}

#[test]
fn each_way_a_dispute_ends_is_counted_the_pallets_way() {
	let records = Records::read();
	let story = common::story_rows(&records).remove(0);
	let liable = story.dispute.verdict.as_ref().unwrap().liable[0].org;
	let cleared = *story.dispute.respondents.iter().find(|o| **o != liable).unwrap();
	let mut rows = vec![
		// Decided and final 10 blocks after opening.
		variant(&records, 1, 100, |row| row.ended_in = Some(110)),
		// Still gathering evidence.
		variant(&records, 2, 100, |row| {
			row.dispute.status = DisputeStatus::Evidence { evidence_until: 200 };
			row.dispute.verdict = None;
			row.ended_in = None;
		}),
		// No arbitrator left: nobody is found liable or cleared.
		variant(&records, 3, 100, |row| {
			row.dispute.status =
				DisputeStatus::Unresolved { reason: UnresolvedReason::NoArbitrator };
			row.ended_in = Some(104);
		}),
		// Final after an arbitrator ruled: escalated for every respondent; the consumer's
		// refund decided 4 blocks after opening.
		variant(&records, 4, 100, |row| {
			row.dispute.arbitration = Some(ArbitrationRecord::default());
			row.dispute.for_consumer = true;
			row.dispute.consumer = Some(ConsumerOutcome {
				refund: true,
				payer: row.dispute.merchant,
				amount: row.dispute.claim.amount,
				decided_in: 104,
			});
			row.ended_in = Some(120);
		}),
		// Withdrawn before a verdict.
		variant(&records, 5, 300, |row| {
			row.dispute.status = DisputeStatus::Withdrawn;
			row.dispute.verdict = None;
			row.ended_in = Some(302);
		}),
	];

	let counters = Default::default();
	let record = track::reputation(liable, None, &counters, &rows);
	// Against in all five; liable in the two final ones; one open; one escalated.
	assert_eq!(figures(&record), [5, 2, 0, 1], "{record}");
	assert_eq!(record["open"], 1);
	// Ends after 10, 4, 20 and 2 blocks: the median is the mean of 4 and 10; the final
	// verdicts (1 and 4) after 10 and 20.
	assert_eq!(record["median_times"]["to_end"], json!({ "disputes": 4, "median_blocks": 7.0 }));
	assert_eq!(
		record["median_times"]["to_final_verdict"],
		json!({ "disputes": 2, "median_blocks": 15.0 })
	);
	assert_eq!(record["median_times"]["ended_block_unknown"], 0);
	assert_eq!(
		record["median_times"]["to_consumer_outcome"],
		json!({ "disputes": 1, "median_blocks": 4 })
	);
	assert_eq!(figures(&track::reputation(cleared, None, &counters, &rows)), [5, 0, 2, 1]);
	// Not a respondent anywhere: nothing.
	let outsider = track::reputation(9_999, None, &counters, &rows);
	assert_eq!(figures(&outsider), [0, 0, 0, 0]);
	assert_eq!(outsider["median_times"]["to_end"]["median_blocks"], Value::Null);

	let statistics = track::statistics(100, 200, &rows, |_| None);
	assert_eq!(statistics["disputes"], 4, "the withdrawn one opened after the range");
	assert_eq!(
		statistics["by_status"],
		json!({ "Final": 2, "Evidence": 1, "Unresolved": 1 }),
		"{statistics}"
	);
	assert_eq!(statistics["by_rule"], json!({ "D3": 3, "T1": 3 }), "the verdicts of 1, 3, 4");
	assert_eq!(statistics["consumer_claims"], 1);
	assert_eq!(statistics["consumer_refunds"], 1);
	let first = &statistics["organisations"][0];
	assert_eq!(first["disputes_against"], 4, "{statistics}");

	// The claimant filed no evidence: the empty verdict clears every respondent. It ended
	// under a runtime that did not keep the block (before spec 107): in no median, counted.
	rows.push(variant(&records, 6, 400, |row| {
		row.dispute.status = DisputeStatus::Expired;
		row.dispute.verdict.as_mut().unwrap().liable = Default::default();
		row.ended_in = None;
	}));
	let record = track::reputation(liable, None, &counters, &rows);
	assert_eq!(figures(&record), [6, 2, 1, 1], "{record}");
	assert_eq!(record["median_times"]["ended_block_unknown"], 1, "{record}");
	assert_eq!(record["median_times"]["to_end"]["disputes"], 4, "{record}");
}
