"""The genesis of a real consortium network, from the members file (see members.example.toml).

Called by scripts/new-consortium.sh, which exports the runtime's `local` spec (for its code and
its registries) and turns the plain spec written here into the raw one nodes start from.

    new_consortium.py NODE MEMBERS_TOML LOCAL_PLAIN_SPEC OUT_PLAIN_SPEC

Every key is checked by the node binary itself (`key inspect`): accounts and Aura keys are
sr25519, GRANDPA keys ed25519, given as SS58 or 0x hex, or a validator's `session_keys` as
`author_rotateKeys` returned them (Aura then GRANDPA, 32 bytes each). A well-known development
key (//Alice, //Bob, ... and their //stash) is refused, as is any key used twice. The genesis
has no sudo key; the demo's registries that name its organisations (accreditations,
inspectors, equipment, loggers) are left out; the test protocols and condition profiles are
kept; the liability rule set is the runtime's, with the members file's overrides.
"""

import json
import subprocess
import sys
import tomllib

ROLES = {"Platform", "Merchant", "InspectionAgency", "Carrier", "Arbitrator"}
DEV_NAMES = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie", "One", "Two"]


class Refused(Exception):
    """The members file cannot make a genesis; the message says where and why."""


def inspect(node, value, scheme):
    """The key `value` (SS58, 0x hex public key, or a secret URI) as the node reads it."""
    args = [node, "key", "inspect", "--output-type", "json", "--scheme", scheme]
    if value.startswith("0x"):
        args.append("--public")
    out = subprocess.run(args + [value], capture_output=True, text=True)
    if out.returncode != 0:
        raise Refused(f"`{value}` is not an {scheme} public key: {out.stderr.strip()}")
    return json.loads(out.stdout)


def development_keys(node):
    """The public keys of the well-known development accounts, by scheme."""
    keys = {}
    for scheme in ("sr25519", "ed25519"):
        for name in DEV_NAMES:
            for uri in (f"//{name}", f"//{name}//stash"):
                keys[inspect(node, uri, scheme)["publicKey"]] = f"{uri} ({scheme})"
    return keys


class Keys:
    """Reads keys into SS58, refusing development keys, a key of two organisations and a
    session key of two validators (an organisation's admin may also be its validator's
    account)."""

    def __init__(self, node):
        self.node = node
        self.development = development_keys(node)
        self.owner = {}
        self.session = {}

    def read(self, value, scheme, org, where, session=False):
        if not isinstance(value, str) or not value:
            raise Refused(f"{where}: expected a public key (SS58 or 0x hex)")
        key = inspect(self.node, value, scheme)
        public = key["publicKey"]
        if public in self.development:
            raise Refused(f"{where}: {value} is the development key {self.development[public]}")
        if self.owner.setdefault(public, org) != org:
            raise Refused(f"{where}: {value} is a key of `{self.owner[public]}` too")
        if session and self.session.setdefault(public, where) != where:
            raise Refused(f"{where}: {value} is already the {self.session[public]}")
        return key["ss58Address"]


def require(table, field, where):
    if field not in table:
        raise Refused(f"{where}: `{field}` is missing")
    return table[field]


def validator_keys(keys, validator, org, where):
    """(account, aura, grandpa) in SS58."""
    account = keys.read(require(validator, "account", where), "sr25519", org, f"{where} account")
    if "session_keys" in validator:
        blob = validator["session_keys"]
        if not (isinstance(blob, str) and blob.startswith("0x") and len(blob) == 2 + 128):
            raise Refused(f"{where}.session_keys: expected author_rotateKeys' 0x + 128 hex digits")
        aura_hex, grandpa_hex = "0x" + blob[2:66], "0x" + blob[66:]
    else:
        aura_hex = require(validator, "aura", where)
        grandpa_hex = require(validator, "grandpa", where)
    aura = keys.read(aura_hex, "sr25519", org, f"{where} Aura key", session=True)
    grandpa = keys.read(grandpa_hex, "ed25519", org, f"{where} GRANDPA key", session=True)
    return account, aura, grandpa


def genesis(node, members, local_patch):
    """The genesis patch, the validators' bootnodes and each organisation's summary."""
    keys = Keys(node)
    organisations, session_keys, bootnodes, summary = [], [], [], []
    for i, org in enumerate(require(members, "organisation", "the members file")):
        name = require(org, "name", f"organisation[{i}]")
        where = f"organisation `{name}`"
        roles = require(org, "roles", where)
        unknown = [r for r in roles if r not in ROLES]
        if not roles or unknown:
            raise Refused(f"{where}: roles must be among {sorted(ROLES)}, got {roles}")
        admin = keys.read(require(org, "admin", where), "sr25519", name, f"{where} admin")
        operators = [
            keys.read(op, "sr25519", name, f"{where} operator {j}")
            for j, op in enumerate(org.get("operators", []))
        ]
        validators = []
        for j, validator in enumerate(org.get("validator", [])):
            account, aura, grandpa = validator_keys(keys, validator, name, f"{where} validator {j}")
            validators.append(account)
            session_keys.append([account, account, {"aura": aura, "grandpa": grandpa}])
            if "bootnode" in validator:
                address = validator["bootnode"]
                if not (address.startswith("/") and "/p2p/" in address):
                    raise Refused(f"{where} validator {j}: bootnode `{address}` is not a multiaddr ending in /p2p/<peer id>")
                bootnodes.append(address)
        organisations.append({"name": name, "roles": roles, "admin": admin, "operators": operators, "validators": validators})
        summary.append((name, admin, operators, validators))

    min_validators = members.get("min_validators", max(1, (2 * len(session_keys)) // 3 + 1))
    if not session_keys:
        raise Refused("the members file names no validator")
    if not 1 <= min_validators <= len(session_keys):
        raise Refused(f"min_validators {min_validators}: must be between 1 and the {len(session_keys)} validators named")

    rule_set = dict(local_patch["liability"]["ruleSet"])
    for field, value in members.get("rule_set", {}).items():
        if field not in rule_set:
            raise Refused(f"rule_set.{field}: the rule set has no such field (it has {sorted(rule_set)})")
        rule_set[field] = value

    patch = {
        "consortium": {"organisations": organisations, "minValidators": min_validators},
        "session": {"keys": session_keys, "nonAuthorityKeys": []},
        "sudo": {"key": None},
        "inspection": {"protocols": local_patch["inspection"]["protocols"], "accreditations": [], "inspectors": [], "equipment": []},
        "logistics": {"profiles": local_patch["logistics"]["profiles"], "devices": []},
        "liability": {"ruleSet": rule_set},
    }
    return patch, bootnodes, summary, min_validators


def main(node, members_path, local_path, out_path):
    with open(members_path, "rb") as f:
        members = tomllib.load(f)
    with open(local_path) as f:
        spec = json.load(f)
    patch, bootnodes, summary, min_validators = genesis(node, members, spec["genesis"]["runtimeGenesis"]["patch"])
    spec["name"] = require(members, "name", "the members file")
    spec["id"] = require(members, "id", "the members file")
    spec["chainType"] = "Live"
    spec["protocolId"] = members.get("protocol_id", spec["id"])
    spec["bootNodes"] = bootnodes
    spec["telemetryEndpoints"] = None
    spec["genesis"]["runtimeGenesis"]["patch"] = patch
    with open(out_path, "w") as f:
        json.dump(spec, f, indent=2)
    validators = sum(len(v) for *_, v in summary)
    print(f"{spec['name']} ({spec['id']}): {len(summary)} organisations, {validators} validators, at least {min_validators} to keep the set, {len(bootnodes)} bootnodes, no sudo key")
    for name, admin, operators, vals in summary:
        print(f"  {name}: admin {admin}, {len(operators)} operators, validators {', '.join(vals) or 'none'}")


if __name__ == "__main__":
    try:
        main(*sys.argv[1:5])
    except Refused as refused:
        print(f"new-consortium: {refused}", file=sys.stderr)
        sys.exit(1)
