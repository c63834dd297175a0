"""A small Evidence Chain client for Python integrators, on `substrate-interface`.

What an integrator does from Python, against a node's WebSocket JSON-RPC endpoint:

- ``connect(url)``: a ``SubstrateInterface`` set up for this runtime;
- ``read_dispute(substrate, id)``: a dispute from ``Liability.Disputes`` with its status,
  respondents and verdict (liable organisations with their shares, rule ids);
- ``attest(substrate, keypair, reference, input)``: submits ``Inspection.attest``, waits until
  it is in a block and returns the ``Inspection.Attested`` event's data (the attestation id…);
  ``demo_attestation_input`` builds the input the integrator story (scripts/integrator) uses;
- ``order_evidence``, ``unit_passport``, ``dispute_over_rpc``, ``digest``: the node's
  ``evidence_*`` JSON-RPC methods (plain JSON in and out).

Ids are H256 hex strings (``0x`` + 64 hex digits); ``h256(label)`` derives one from a text
label (BLAKE2b-256, as the JS client's ``blake2AsHex(text, 256)``) and ``record_id`` the id the
chain gives a record an organisation registers under a reference.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from typing import Any, Optional

from substrateinterface import Keypair, SubstrateInterface
from substrateinterface.exceptions import SubstrateRequestException

DEFAULT_URL = "ws://127.0.0.1:9944"

# substrate-interface 1.8.1 decodes with scalecodec 1.2.12, whose type registry knows
# `BoundedVec` under its old paths (`sp_core::bounded::…`, `frame_support::storage::…`) only.
# polkadot-sdk names it `bounded_collections::bounded_vec::BoundedVec`, which scalecodec then
# reads as a one-field tuple: it decodes fine, but encoding a list into it fails ("Provided
# value is not a list" for one element, "Element count of value … doesn't match" for more).
# Mapping the current paths to scalecodec's own `BoundedVec` type fixes encoding.
TYPE_REGISTRY = {
    "types": {
        "bounded_collections::bounded_vec::BoundedVec": "BoundedVec",
        "bounded_collections::weak_bounded_vec::WeakBoundedVec": "BoundedVec",
    }
}

# The dev genesis (runtime/src/genesis_config_presets.rs) admits the demo organisations; the
# second one, the Demo Inspection Agency (organisation 1), is operated by `//Bob//stash` and
# holds an inspector, equipment and protocols 0–2 (genesis_config_presets/demo_inspection.rs).
DEMO_AGENCY = 1
DEMO_AGENCY_OPERATOR = "//Bob//stash"

# `evidence_primitives::RecordKind`, in order: the kind byte of `record_id`.
RECORD_KINDS = ("Inspector", "Equipment", "Attestation", "Device", "Shipment")

# Why the consortium gate (`pallet_consortium::CheckMembership`) refuses a transaction:
# `InvalidTransaction::Custom(n)` (pallets/consortium/src/extension.rs).
GATE_ERRORS = {
    1: "NotAMember",
    2: "OrganisationSuspended",
    3: "UnsignedCallNotAllowed",
    4: "PoolShareExhausted",
    5: "StorageBudgetExhausted",
}

# Statuses of a dispute that carry a verdict: proposed by the rules, ruled by an arbitrator,
# or final.
DECIDED_STATUSES = ("Proposed", "Ruled", "Final")


class SubmissionRefused(Exception):
    """The node refused the transaction before any block (pool validation): ``reason`` is the
    gate error's name when the consortium gate refused it, else the node's message, and
    ``error`` the JSON-RPC error object."""

    def __init__(self, reason: str, error: Any):
        super().__init__(f"transaction refused: {reason} ({error})")
        self.reason = reason
        self.error = error


class DispatchFailed(Exception):
    """The transaction was included in ``block_hash`` but its call failed: ``error`` is the
    module error as substrate-interface decodes it (``{'type', 'name', 'docs'}``)."""

    def __init__(self, error: Any, block_hash: str):
        super().__init__(f"dispatch failed in {block_hash}: {error}")
        self.error = error
        self.block_hash = block_hash


# --- Connection and ids -------------------------------------------------------------------


def connect(url: Optional[str] = None, timeout: float = 120) -> SubstrateInterface:
    """Connects to the node at ``url`` (default: ``EVIDENCE_WS``, else ws://127.0.0.1:9944)
    and loads its runtime metadata. ``timeout`` bounds, in seconds, how long one read from the
    socket may wait (e.g. for a transaction to get into a block)."""
    url = url or os.environ.get("EVIDENCE_WS") or DEFAULT_URL
    substrate = SubstrateInterface(
        url=url,
        ss58_format=42,
        type_registry=TYPE_REGISTRY,
        # No type-registry preset: the runtime's metadata (V14) describes every type.
        auto_discover=False,
        ws_options={"timeout": timeout},
    )
    substrate.init_runtime()
    return substrate


def dev_keypair(uri: str) -> Keypair:
    """The sr25519 development key pair of ``uri``, e.g. ``//Bob//stash``."""
    return Keypair.create_from_uri(uri, ss58_format=42)


def blake2_256(data: bytes) -> bytes:
    """BLAKE2b with a 32-byte digest, the chain's `blake2_256`."""
    return hashlib.blake2b(data, digest_size=32).digest()


def h256(label: str) -> str:
    """The H256 id of a text label: BLAKE2b-256 of its UTF-8 bytes, as hex."""
    return "0x" + blake2_256(label.encode()).hex()


def record_id(kind: str, org: int, reference: str) -> str:
    """The id the chain gives the record of ``kind`` (one of ``RECORD_KINDS``) that
    organisation ``org`` registers under ``reference`` (H256 hex):
    ``blake2_256("evidence/record" ++ kind byte ++ org as u32 LE ++ reference)``, as
    ``evidence_primitives::record_id`` computes it."""
    reference_bytes = bytes.fromhex(reference.removeprefix("0x"))
    if len(reference_bytes) != 32:
        raise ValueError(f"record_id: reference {reference} is not 32 bytes")
    preimage = (
        b"evidence/record"
        + bytes([RECORD_KINDS.index(kind)])
        + org.to_bytes(4, "little")
        + reference_bytes
    )
    return "0x" + blake2_256(preimage).hex()


def org_of(substrate: SubstrateInterface, address: str) -> Optional[int]:
    """The organisation the account ``address`` (SS58) is admin or operator of, or None."""
    membership = substrate.query("Consortium", "Members", [address]).value
    return membership["org"] if membership else None


# --- Disputes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """A dispute's verdict: the liable organisations with their shares in parts per million
    (``{org: ppm}``), the rule ids that decided it (e.g. ``("D3", "T1")``), whether the claim
    was rejected, and the escalation, if any."""

    liable: dict
    rules: tuple
    rejected: bool
    escalation: Any


@dataclass(frozen=True)
class Dispute:
    """One dispute as the chain stores it: ``status`` is the variant's name (``Proposed``,
    ``Final``…) and ``status_detail`` its fields (e.g. ``{"challenge_until": 83}``) or None."""

    id: int
    status: str
    status_detail: Optional[dict]
    respondents: tuple
    verdict: Optional[Verdict]
    claim: dict

    @property
    def decided(self) -> bool:
        """Whether the dispute has a verdict: proposed by the rules, ruled, or final."""
        return self.status in DECIDED_STATUSES and self.verdict is not None


def dispute_from_value(dispute_id: int, value: dict) -> Dispute:
    """A ``Dispute`` from the stored value as substrate-interface decodes it, or from the
    ``dispute`` object of ``evidence_dispute``: both have the same shape."""
    status = value["status"]
    if isinstance(status, str):
        name, detail = status, None
    else:
        ((name, detail),) = status.items()
    verdict = value.get("verdict")
    if verdict is not None:
        verdict = Verdict(
            liable={share["org"]: share["share"] for share in verdict["liable"]},
            rules=tuple(verdict["rules"]),
            rejected=verdict["rejected"],
            escalation=verdict["escalation"],
        )
    return Dispute(
        id=dispute_id,
        status=name,
        status_detail=detail,
        respondents=tuple(value["respondents"]),
        verdict=verdict,
        claim=value["claim"],
    )


def read_dispute(
    substrate: SubstrateInterface, dispute_id: int, block_hash: Optional[str] = None
) -> Optional[Dispute]:
    """Dispute ``dispute_id`` from ``Liability.Disputes`` (at ``block_hash``, default the best
    block), or None if there is none."""
    value = substrate.query("Liability", "Disputes", [dispute_id], block_hash=block_hash).value
    return dispute_from_value(dispute_id, value) if value is not None else None


def last_dispute_id(substrate: SubstrateInterface) -> Optional[int]:
    """The id of the newest dispute (``Liability.NextDisputeId - 1``), or None if none was
    opened."""
    next_id = substrate.query("Liability", "NextDisputeId").value
    return next_id - 1 if next_id > 0 else None


# --- Transactions -------------------------------------------------------------------------


def submit(substrate: SubstrateInterface, keypair: Keypair, call) -> Any:
    """Signs ``call`` (from ``substrate.compose_call``) with ``keypair``, submits it and waits
    until it is in a block. Returns substrate-interface's receipt (``block_hash``,
    ``triggered_events``…). Raises ``SubmissionRefused`` when the node refuses it (e.g. the
    consortium gate: the signer is no member) and ``DispatchFailed`` when its call failed."""
    extrinsic = substrate.create_signed_extrinsic(call=call, keypair=keypair)
    try:
        receipt = substrate.submit_extrinsic(extrinsic, wait_for_inclusion=True)
    except SubstrateRequestException as exc:
        error = exc.args[0] if exc.args else None
        raise SubmissionRefused(_refusal_reason(error), error) from exc
    if not receipt.is_success:
        raise DispatchFailed(receipt.error_message, receipt.block_hash)
    return receipt


def _refusal_reason(error: Any) -> str:
    """The gate error's name of a JSON-RPC refusal ``Invalid Transaction`` / ``Custom error:
    n``, else the node's message."""
    if isinstance(error, dict):
        data = str(error.get("data", ""))
        if data.startswith("Custom error: "):
            code = int(data.removeprefix("Custom error: "))
            return GATE_ERRORS.get(code, f"Custom({code})")
        return f"{error.get('message', '')}: {data}".strip(": ")
    return str(error)


def demo_attestation_input(
    substrate: SubstrateInterface, units: list, order: Optional[str], label: str
) -> dict:
    """The input of ``Inspection.attest`` that the integrator story (story.mjs, step 1) uses:
    ``units`` (H256 keys) attested sound before shipping for ``order`` with the demo agency's
    inspector and insulation tester under protocol 0 (small appliance) version 1, an hour's
    inspection a day ago, three passing results and a report digest derived from ``label``."""
    now = substrate.query("Timestamp", "Now").value
    minute = 60_000
    return {
        "purpose": "PreShipment",
        "subjects": {"Units": list(units)},
        "order": order,
        "inspector": record_id("Inspector", DEMO_AGENCY, h256("DEMO-INSPECTOR-001")),
        "protocol": 0,
        "protocol_version": 1,
        "started_at": now - 30 * 60 * minute,
        "ended_at": now - 29 * 60 * minute,
        "location": h256("CNSHA"),
        "equipment": [record_id("Equipment", DEMO_AGENCY, h256("DEMO-EQUIPMENT-001"))],
        "results": [
            {"item": "POWER-ON", "value": 1, "unit": "Boolean", "uncertainty": None, "outcome": "Pass"},
            {"item": "INSULATION-RESISTANCE", "value": 5_000_000_000, "unit": "Milliohm", "uncertainty": None, "outcome": "Pass"},
            {"item": "HOUSING-CRACKS", "value": 0, "unit": "Count", "uncertainty": None, "outcome": "Pass"},
        ],
        "aql": None,
        "packaging": None,
        "media": [],
        "report": {"algorithm": "Sha2_256", "hash": h256(f"report {label}")},
        "verdict": "Conformant",
    }


def attest(
    substrate: SubstrateInterface, keypair: Keypair, reference: str, attestation_input: dict
) -> dict:
    """Submits ``Inspection.attest(reference, attestation_input)`` signed by ``keypair`` (an
    operator of an inspection agency) and waits until it is in a block. Returns the
    ``Inspection.Attested`` event's data — ``attestation`` (the id, ``record_id("Attestation",
    agency, reference)``), ``agency``, ``inspector``, ``protocol``, ``protocol_version``,
    ``verdict`` — with the ``block_hash`` and ``extrinsic_hash``. Raises as ``submit`` does."""
    call = substrate.compose_call(
        "Inspection", "attest", {"reference": reference, "input": attestation_input}
    )
    receipt = submit(substrate, keypair, call)
    for event in receipt.triggered_events:
        value = event.value
        if (value["module_id"], value["event_id"]) == ("Inspection", "Attested"):
            return dict(
                value["attributes"],
                block_hash=receipt.block_hash,
                extrinsic_hash=receipt.extrinsic_hash,
            )
    raise RuntimeError(f"attest: no Inspection.Attested event in {receipt.block_hash}")


def read_attestation(substrate: SubstrateInterface, attestation_id: str) -> Optional[dict]:
    """The stored attestation ``attestation_id`` (``Inspection.Attestations``), or None."""
    return substrate.query("Inspection", "Attestations", [attestation_id]).value


def attestations_of_unit(substrate: SubstrateInterface, unit: str) -> list:
    """The ids of the attestations that cover ``unit`` (``Inspection.AttestationsByUnit``)."""
    return list(substrate.query("Inspection", "AttestationsByUnit", [unit]).value or [])


def wait_for_next_block(substrate: SubstrateInterface, timeout: float = 60) -> int:
    """Waits until the best block's number grows past the current one; returns it."""
    start = substrate.get_block_number(None)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        number = substrate.get_block_number(None)
        if number > start:
            return number
        time.sleep(0.5)
    raise TimeoutError(f"no block after #{start} in {timeout} s")


# --- The evidence_* JSON-RPC methods ------------------------------------------------------


def evidence(substrate: SubstrateInterface, method: str, *params) -> dict:
    """Calls the node's ``evidence_<method>`` JSON-RPC method with ``params`` (plain JSON) and
    returns its result: an object with ``at`` (the block read), ``found`` and the answer."""
    return substrate.rpc_request(f"evidence_{method}", list(params))["result"]


def order_evidence(substrate: SubstrateInterface, order: str, at: Optional[str] = None) -> dict:
    """Every fact about order line ``order`` (attestations, shipments, disputes), under
    ``evidence`` (``evidence_orderEvidence``)."""
    return evidence(substrate, "orderEvidence", order, at)


def unit_passport(substrate: SubstrateInterface, unit: str, at: Optional[str] = None) -> dict:
    """Every fact about one unit, with a timeline oldest first, under ``passport``
    (``evidence_unitPassport``)."""
    return evidence(substrate, "unitPassport", unit, at)


def dispute_over_rpc(substrate: SubstrateInterface, dispute_id: int, at: Optional[str] = None) -> dict:
    """Dispute ``dispute_id`` with its claim, parties, status and verdict, under
    ``dispute.dispute`` (``evidence_dispute``); ``dispute_from_value`` reads it."""
    return evidence(substrate, "dispute", dispute_id, at)


def digest(
    substrate: SubstrateInterface, hash_hex: str, algorithm: str = "Sha2_256", at: Optional[str] = None
) -> dict:
    """Who notarized the content digest ``hash_hex`` (``algorithm``: ``Sha2_256`` or
    ``Blake2_256``) and the facts that cite it, under ``record`` (``evidence_digest``)."""
    return evidence(substrate, "digest", {"algorithm": algorithm, "hash": hash_hex}, at)
