"""The genesis of a real consortium network, from the members file (see members.example.toml).

Called by scripts/new-consortium.sh, which exports the runtime's `local` spec (for its code and
its registries) and turns the plain spec written here into the raw one nodes start from.

    new_consortium.py NODE MEMBERS_TOML LOCAL_PLAIN_SPEC OUT_PLAIN_SPEC

The members file is read strictly: an unknown table or field, or a value of the wrong type, is
refused (a misspelled `[[organisation.validators]]` must not silently drop a validator). Every
key is parsed by the node binary itself (`key inspect`): accounts and Aura keys are sr25519
public keys, GRANDPA keys ed25519, as SS58 or 0x hex, or a validator's `session_keys` as
`author_rotateKeys` returned them (Aura then GRANDPA, 32 bytes each). 32 bytes do not say which
scheme they belong to: a swapped Aura and GRANDPA key is not detectable here, and the chain
would not author or finalize with it. Refused: anything that is not a public key (a secret
phrase or seed, which must never go in a shared file; it is not echoed), a well-known
development key (//Alice, //Bob, ... and their //stash), a key of two organisations, a
session key of two validators, and an organisation holding more than a third of the
validators (alone, it could stop finality). The genesis has no sudo key; the demo's registries
that name its organisations (accreditations, inspectors, equipment, loggers) are left out; the
test protocols and condition profiles are kept; the liability rule set is the runtime's, with
the members file's overrides (nested tables merged field by field, every window a positive
integer).
"""

import json
import re
import subprocess
import sys
import tomllib

ROLES = {"Platform", "Merchant", "InspectionAgency", "Carrier", "Arbitrator"}
DEV_NAMES = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie", "One", "Two"]
SECRET_FIELDS = ("secretPhrase", "secretSeed", "secretKeyUri")

# The members file: each table's fields and their types.
TOP = {"name": str, "id": str, "protocol_id": str, "min_validators": int, "rule_set": dict, "organisation": list}
ORGANISATION = {"name": str, "roles": list, "admin": str, "operators": list, "validator": list}
VALIDATOR = {"account": str, "aura": str, "grandpa": str, "session_keys": str, "bootnode": str}


class Refused(Exception):
    """The members file cannot make a genesis; the message says where and why."""


def strict(table, fields, where, required=()):
    """`table` has only `fields`, each of its type, and every `required` one."""
    if not isinstance(table, dict):
        raise Refused(f"{where}: expected a table")
    for field, value in table.items():
        if field not in fields:
            raise Refused(f"{where}: unknown field `{field}` (expected one of {sorted(fields)})")
        if not isinstance(value, fields[field]) or isinstance(value, bool) and fields[field] is int:
            raise Refused(f"{where}.{field}: expected {fields[field].__name__}, got {type(value).__name__}")
    for field in required:
        if field not in table:
            raise Refused(f"{where}: `{field}` is missing")
    return table


def inspect(node, value, scheme, where):
    """The public key `value` (SS58 or 0x hex) as the node reads it."""
    args = [node, "key", "inspect", "--output-type", "json", "--scheme", scheme]
    if value.startswith("0x"):
        args.append("--public")
    out = subprocess.run(args + [value], capture_output=True, text=True)
    key = json.loads(out.stdout) if out.returncode == 0 else None
    if key is not None and any(field in key for field in SECRET_FIELDS):
        raise Refused(f"{where}: this is a secret, not a public key: send only the public key "
                      f"({key['ss58Address']}), and treat this secret as disclosed")
    if key is None or "publicKey" not in key:
        raise Refused(f"{where}: `{value}` is not an {scheme} public key (SS58 or 0x + 64 hex digits)")
    return key


def development_keys(node):
    """The public keys of the well-known development accounts, by scheme."""
    keys = {}
    for scheme in ("sr25519", "ed25519"):
        for name in DEV_NAMES:
            for uri in (f"//{name}", f"//{name}//stash"):
                args = [node, "key", "inspect", "--output-type", "json", "--scheme", scheme, uri]
                out = subprocess.run(args, capture_output=True, text=True, check=True)
                keys[json.loads(out.stdout)["publicKey"]] = f"{uri} ({scheme})"
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
        key = inspect(self.node, value, scheme, where)
        public = key["publicKey"]
        if public in self.development:
            raise Refused(f"{where}: {value} is the development key {self.development[public]}")
        if session and self.session.setdefault(public, where) != where:
            raise Refused(f"{where}: {value} is already the {self.session[public]}")
        if self.owner.setdefault(public, org) != org:
            raise Refused(f"{where}: {value} is a key of `{self.owner[public]}` too")
        return key["ss58Address"]


def validator_keys(keys, validator, org, where):
    """(account, aura, grandpa) in SS58."""
    strict(validator, VALIDATOR, where, required=("account",))
    account = keys.read(validator["account"], "sr25519", org, f"{where} account")
    if "session_keys" in validator:
        if "aura" in validator or "grandpa" in validator:
            raise Refused(f"{where}: either `session_keys` or `aura` and `grandpa`, not both")
        blob = validator["session_keys"]
        if not re.fullmatch(r"0x[0-9a-fA-F]{128}", blob):
            raise Refused(f"{where}.session_keys: expected author_rotateKeys' 0x + 128 hex digits")
        aura_key, grandpa_key = "0x" + blob[2:66], "0x" + blob[66:]
    else:
        strict(validator, VALIDATOR, where, required=("aura", "grandpa"))
        aura_key, grandpa_key = validator["aura"], validator["grandpa"]
    aura = keys.read(aura_key, "sr25519", org, f"{where} Aura key", session=True)
    grandpa = keys.read(grandpa_key, "ed25519", org, f"{where} GRANDPA key", session=True)
    return account, aura, grandpa


def merged(base, overrides, where):
    """`base` with `overrides` merged field by field; every overridden number positive."""
    result = dict(base)
    for field, value in overrides.items():
        if field not in base:
            raise Refused(f"{where}.{field}: the rule set has no such field (it has {sorted(base)})")
        if isinstance(base[field], dict):
            if not isinstance(value, dict):
                raise Refused(f"{where}.{field}: expected a table")
            result[field] = merged(base[field], value, f"{where}.{field}")
        elif isinstance(base[field], int) and not isinstance(base[field], bool):
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise Refused(f"{where}.{field}: expected a positive integer, got {value!r}")
            result[field] = value
        elif type(value) is not type(base[field]):
            raise Refused(f"{where}.{field}: expected {type(base[field]).__name__}")
        else:
            result[field] = value
    return result


def genesis(node, members, local_patch):
    """The genesis patch, the validators' bootnodes and each organisation's summary."""
    keys = Keys(node)
    organisations, session_keys, bootnodes, summary = [], [], [], []
    for i, org in enumerate(members.get("organisation", [])):
        strict(org, ORGANISATION, f"organisation[{i}]", required=("name", "roles", "admin"))
        name = org["name"]
        where = f"organisation `{name}`"
        roles = org["roles"]
        if not roles or any(r not in ROLES for r in roles) or len(set(roles)) != len(roles):
            raise Refused(f"{where}: roles must be distinct, among {sorted(ROLES)}, got {roles}")
        admin = keys.read(org["admin"], "sr25519", name, f"{where} admin")
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
                if not re.fullmatch(r"/[^\s]+/p2p/[1-9A-HJ-NP-Za-km-z]+", address):
                    raise Refused(f"{where} validator {j}: bootnode `{address}` is not a multiaddr ending in /p2p/<peer id>")
                bootnodes.append(address)
        organisations.append({"name": name, "roles": roles, "admin": admin, "operators": operators, "validators": validators})
        summary.append((name, admin, operators, validators))
    if not organisations:
        raise Refused("the members file names no [[organisation]]")

    total = len(session_keys)
    if total == 0:
        raise Refused("the members file names no validator")
    largest = max(len(v) for *_, v in summary)
    for name, *_, validators in summary:
        if 3 * len(validators) > total:
            raise Refused(f"organisation `{name}` runs {len(validators)} of the {total} validators: "
                          "more than a third, it alone could stop finality")
    # Default: the council can take one organisation's validators out of the set.
    min_validators = members.get("min_validators", max(1, total - largest))
    if not 1 <= min_validators <= total:
        raise Refused(f"min_validators {min_validators}: must be between 1 and the {total} validators named")

    rule_set = merged(local_patch["liability"]["ruleSet"], members.get("rule_set", {}), "rule_set")
    patch = {
        "consortium": {"organisations": organisations, "minValidators": min_validators},
        "session": {"keys": session_keys, "nonAuthorityKeys": []},
        "sudo": {"key": None},
        "inspection": {"protocols": local_patch["inspection"]["protocols"], "accreditations": [], "inspectors": [], "equipment": []},
        "logistics": {"profiles": local_patch["logistics"]["profiles"], "devices": []},
        "liability": {"ruleSet": rule_set},
    }
    # How many validators may fail with finality going on (GRANDPA needs more than two thirds).
    tolerated = (total - 1) // 3
    return patch, bootnodes, summary, min_validators, tolerated


def main(node, members_path, local_path, out_path):
    with open(members_path, "rb") as f:
        try:
            members = tomllib.load(f)
        except tomllib.TOMLDecodeError as error:
            raise Refused(f"{members_path}: {error}")
    strict(members, TOP, "the members file", required=("name", "id", "organisation"))
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", members["id"]):
        raise Refused(f"id `{members['id']}`: lower-case letters, digits and _, starting with a letter")
    with open(local_path) as f:
        spec = json.load(f)
    patch, bootnodes, summary, min_validators, tolerated = genesis(node, members, spec["genesis"]["runtimeGenesis"]["patch"])
    spec["name"] = members["name"]
    spec["id"] = members["id"]
    spec["chainType"] = "Live"
    spec["protocolId"] = members.get("protocol_id", spec["id"])
    spec["bootNodes"] = bootnodes
    spec["telemetryEndpoints"] = None
    spec["genesis"]["runtimeGenesis"]["patch"] = patch
    with open(out_path, "w") as f:
        json.dump(spec, f, indent=2)
    validators = sum(len(v) for *_, v in summary)
    print(f"{spec['name']} ({spec['id']}): {len(summary)} organisations, {validators} validators "
          f"(finality goes on with {tolerated} down; the council keeps at least {min_validators}), "
          f"{len(bootnodes)} bootnodes, no sudo key")
    for name, admin, operators, vals in summary:
        print(f"  {name}: admin {admin}, {len(operators)} operators, validators {', '.join(vals) or 'none'}")


if __name__ == "__main__":
    try:
        main(*sys.argv[1:5])
    except Refused as refused:
        print(f"new-consortium: {refused}", file=sys.stderr)
        sys.exit(1)
