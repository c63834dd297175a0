"""Tests of evidence_client against a node on which the integrator demo (scripts/integrator,
`node src/demo.mjs`) has run: the node at `EVIDENCE_WS` (default ws://127.0.0.1:9944).

Run by run.sh with the client's venv: `python test_client.py` (prints unittest's report and a
closing `python-client: N passed, N failed` line).
"""

import sys
import time
import unittest

import evidence_client as ec

# The demo's second carrier is the organisation that `//Ferdie` is admitted for (story.mjs).
SECOND_CARRIER_ADMIN = "//Ferdie"
# A development account that no organisation admits (the dev genesis admits Alice to Dave and
# their stash accounts; the demo admits Ferdie).
NON_MEMBER = "//Eve"


class EvidenceClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.substrate = ec.connect()
        # A label of this run: the ids derived from it collide neither with the demo's nor
        # with an earlier run's on the same node.
        cls.label = f"python-client {time.time_ns()}"

    @classmethod
    def tearDownClass(cls):
        cls.substrate.close()

    def test_record_id_matches_the_chain_vector(self):
        # The vector of evidence_primitives' own test (pallets/primitives/src/lib.rs).
        self.assertEqual(
            ec.record_id("Attestation", 7, "0x" + "ab" * 32),
            "0xa46c91f5d2fad3bcf2f718e06daf6cb19dd572473cad0ffadcc0b1ba4174d402",
        )

    def test_demo_dispute_is_decided_against_the_second_carrier(self):
        dispute_id = ec.last_dispute_id(self.substrate)
        self.assertIsNotNone(dispute_id, "no dispute on the chain: run the integrator demo first")
        dispute = ec.read_dispute(self.substrate, dispute_id)
        second_carrier = ec.org_of(self.substrate, ec.dev_keypair(SECOND_CARRIER_ADMIN).ss58_address)
        self.assertIsNotNone(second_carrier, "//Ferdie is admitted for no organisation")

        self.assertTrue(dispute.decided, f"dispute {dispute_id} is {dispute.status}")
        self.assertIn(second_carrier, dispute.respondents)
        self.assertEqual(dispute.claim["kind"], "TransitDamage")
        # As demo.mjs checks: the second carrier liable in full, by rules D3 and T1.
        self.assertEqual(dispute.verdict.liable, {second_carrier: 1_000_000})
        self.assertEqual(dispute.verdict.rules, ("D3", "T1"))
        self.assertFalse(dispute.verdict.rejected)

    def test_evidence_dispute_over_rpc_agrees_with_storage(self):
        dispute_id = ec.last_dispute_id(self.substrate)
        self.assertIsNotNone(dispute_id, "no dispute on the chain: run the integrator demo first")
        answer = ec.dispute_over_rpc(self.substrate, dispute_id)
        self.assertTrue(answer["found"])
        over_rpc = ec.dispute_from_value(dispute_id, answer["dispute"]["dispute"])
        # Read storage at the block the RPC answered from.
        stored = ec.read_dispute(self.substrate, dispute_id, block_hash=answer["at"]["block_hash"])
        self.assertEqual(over_rpc.status, stored.status)
        self.assertEqual(over_rpc.status_detail, stored.status_detail)
        self.assertEqual(over_rpc.respondents, stored.respondents)
        self.assertEqual(over_rpc.verdict, stored.verdict)
        self.assertEqual(over_rpc.claim["unit"], stored.claim["unit"])
        self.assertFalse(ec.dispute_over_rpc(self.substrate, dispute_id + 1000)["found"])

    def test_attestation_from_python_lands(self):
        agency = ec.dev_keypair(ec.DEMO_AGENCY_OPERATOR)
        self.assertEqual(ec.org_of(self.substrate, agency.ss58_address), ec.DEMO_AGENCY)
        unit = ec.h256(f"{self.label} unit")
        order = ec.h256(f"{self.label} order")
        reference = ec.h256(f"{self.label} attestation")
        attestation_input = ec.demo_attestation_input(self.substrate, [unit], order, self.label)

        attested = ec.attest(self.substrate, agency, reference, attestation_input)
        attestation_id = ec.record_id("Attestation", ec.DEMO_AGENCY, reference)
        self.assertEqual(attested["attestation"], attestation_id)
        self.assertEqual(attested["agency"], ec.DEMO_AGENCY)
        self.assertEqual(attested["inspector"], attestation_input["inspector"])
        self.assertEqual((attested["protocol"], attested["protocol_version"]), (0, 1))
        self.assertEqual(attested["verdict"], "Conformant")

        # In storage, under the unit's index…
        stored = ec.read_attestation(self.substrate, attestation_id)
        self.assertIsNotNone(stored)
        self.assertEqual(stored["agency"], ec.DEMO_AGENCY)
        self.assertEqual(stored["attested_by"], agency.ss58_address)
        self.assertEqual(stored["status"], "Valid")
        self.assertEqual(ec.attestations_of_unit(self.substrate, unit), [attestation_id])

        # …and over the evidence_* methods: the unit's passport, the order's evidence and the
        # report digest the attestation cites.
        passport = ec.unit_passport(self.substrate, unit)
        self.assertTrue(passport["found"])
        self.assertEqual([a["id"] for a in passport["passport"]["attestations"]], [attestation_id])
        self.assertEqual(
            [entry["fact"] for entry in passport["passport"]["timeline"]],
            [{"kind": "Attestation", "id": attestation_id}],
        )
        history = ec.order_evidence(self.substrate, order)
        self.assertTrue(history["found"])
        self.assertEqual([a["id"] for a in history["evidence"]["attestations"]], [attestation_id])
        report = ec.digest(self.substrate, attestation_input["report"]["hash"])
        self.assertTrue(report["found"])
        self.assertIn({"kind": "Attestation", "id": attestation_id}, report["record"]["cited_by"])
        self.assertEqual([n["org"] for n in report["record"]["notarizations"]], [ec.DEMO_AGENCY])

    def test_attestation_by_a_non_member_is_refused(self):
        outsider = ec.dev_keypair(NON_MEMBER)
        self.assertIsNone(ec.org_of(self.substrate, outsider.ss58_address))
        unit = ec.h256(f"{self.label} outsider unit")
        reference = ec.h256(f"{self.label} outsider attestation")
        attestation_input = ec.demo_attestation_input(self.substrate, [unit], None, f"{self.label} outsider")

        with self.assertRaises(ec.SubmissionRefused) as refused:
            ec.attest(self.substrate, outsider, reference, attestation_input)
        self.assertEqual(refused.exception.reason, "NotAMember")

        # Nothing stored, even a block later: not under the unit, not in its passport.
        ec.wait_for_next_block(self.substrate)
        self.assertEqual(ec.attestations_of_unit(self.substrate, unit), [])
        self.assertFalse(ec.unit_passport(self.substrate, unit)["found"])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    print(f"python-client: {passed} passed, {failed} failed")
    sys.exit(0 if result.wasSuccessful() and result.testsRun > 0 else 1)
