"""Signed, offline-verifiable build provenance for Ferrolite's release artifacts.

    provenance.py keygen [--private PATH] [--public keys/release.pub.pem]
    provenance.py sign DIST [--key-file PATH]       # or the key PEM in FERROLITE_SIGNING_KEY
    provenance.py verify DIST [--pubkey PEM]        # every artifact in DIST, nothing more or less
    provenance.py verify --bundle FILE.intoto.json [--pubkey PEM] ARTIFACT...   # just these files
    provenance.py compare DIR_A DIR_B               # byte-for-byte, naming what differs

The statement is an in-toto Statement v1 with a SLSA provenance v1 predicate (commit, Cargo.lock
and pyproject.toml digests, toolchain versions, build command, every artifact's sha256), in a DSSE
envelope signed with ed25519. Verification checks the signature over DSSE's pre-authentication
encoding and then re-hashes every artifact itself: a valid signature alone says nothing about the
files on disk. Needs only the `cryptography` package.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PUBKEY = ROOT / "keys" / "release.pub.pem"
BUNDLE_NAME = "provenance.intoto.json"
PAYLOAD_TYPE = "application/vnd.in-toto+json"
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://slsa.dev/provenance/v1"
BUILD_TYPE = "https://github.com/ferrolite/ferrolite/blob/main/scripts/release/build.sh"
NOT_ARTIFACTS = {BUNDLE_NAME, "SHA256SUMS"}


class VerificationError(Exception):
    pass


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSE's pre-authentication encoding: what is actually signed."""
    kind = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload)


def key_id(public_key) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def artifacts(dist: Path) -> list:
    return sorted(p for p in dist.iterdir() if p.is_file() and p.name not in NOT_ARTIFACTS)


def _tool_version(*command) -> str:
    try:
        return (
            subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip().splitlines()[0]
        )
    except (OSError, subprocess.CalledProcessError, IndexError):
        return "unknown"


def _native_modules(wheel: Path) -> list:
    """The extension modules inside a wheel, so an installed copy can be matched to the release."""
    with zipfile.ZipFile(wheel) as archive:
        return [
            {
                "name": f"{wheel.name}!/{info.filename}",
                "digest": {"sha256": hashlib.sha256(archive.read(info)).hexdigest()},
            }
            for info in archive.infolist()
            if info.filename.endswith(".so")
        ]


def statement(dist: Path) -> dict:
    files = artifacts(dist)
    if not files:
        raise SystemExit(f"provenance: no artifacts in {dist}")
    commit = _tool_version("git", "-C", str(ROOT), "rev-parse", "HEAD")
    python = str(ROOT / ".venv" / "bin" / "python")
    return {
        "_type": STATEMENT_TYPE,
        "subject": [{"name": f.name, "digest": {"sha256": sha256_file(f)}} for f in files],
        "predicateType": PREDICATE_TYPE,
        "predicate": {
            "buildDefinition": {
                "buildType": BUILD_TYPE,
                "externalParameters": {
                    "command": "bash scripts/release/build.sh",
                    "source": {"digest": {"gitCommit": commit}},
                },
                "internalParameters": {
                    "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH")
                    or _tool_version("git", "-C", str(ROOT), "log", "-1", "--format=%ct"),
                    "toolchain": {
                        "rustc": _tool_version("rustc", "--version"),
                        "cargo": _tool_version("cargo", "--version"),
                        "maturin": _tool_version(python, "-m", "maturin", "--version"),
                        "zig": _tool_version(python, "-m", "ziglang", "version"),
                        "python": _tool_version(python, "--version"),
                    },
                },
                "resolvedDependencies": [
                    {"uri": "git+ferrolite", "digest": {"gitCommit": commit}},
                    {"name": "Cargo.lock", "digest": {"sha256": sha256_file(ROOT / "Cargo.lock")}},
                    {"name": "pyproject.toml", "digest": {"sha256": sha256_file(ROOT / "pyproject.toml")}},
                ],
            },
            "runDetails": {
                "builder": {"id": "https://github.com/ferrolite/ferrolite/scripts/release"},
                "byproducts": [m for f in files if f.suffix == ".whl" for m in _native_modules(f)],
            },
        },
    }


def _load_private_key(key_file):
    from cryptography.hazmat.primitives import serialization

    pem = Path(key_file).read_bytes() if key_file else os.environ.get("FERROLITE_SIGNING_KEY", "").encode()
    if not pem:
        raise SystemExit("provenance: no signing key (pass --key-file or set FERROLITE_SIGNING_KEY)")
    return serialization.load_pem_private_key(pem, password=None)


def sign(dist: Path, key_file=None) -> Path:
    private_key = _load_private_key(key_file)
    payload = json.dumps(statement(dist), sort_keys=True, separators=(",", ":")).encode()
    envelope = {
        "payloadType": PAYLOAD_TYPE,
        "payload": base64.b64encode(payload).decode(),
        "signatures": [
            {
                "keyid": key_id(private_key.public_key()),
                "sig": base64.b64encode(private_key.sign(pae(PAYLOAD_TYPE, payload))).decode(),
            }
        ],
    }
    bundle = dist / BUNDLE_NAME
    bundle.write_text(json.dumps(envelope, indent=2) + "\n")
    return bundle


def _verified_statement(bundle: Path, pubkey: Path) -> dict:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import serialization

    try:
        envelope = json.loads(bundle.read_text())
        payload = base64.b64decode(envelope["payload"], validate=True)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise VerificationError(f"{bundle} is not a DSSE envelope: {error}") from None
    if envelope.get("payloadType") != PAYLOAD_TYPE:
        raise VerificationError(f"unexpected payloadType {envelope.get('payloadType')!r}")
    public_key = serialization.load_pem_public_key(pubkey.read_bytes())
    message = pae(PAYLOAD_TYPE, payload)
    for signature in envelope.get("signatures") or ():
        try:
            public_key.verify(base64.b64decode(signature["sig"]), message)
            break
        except (InvalidSignature, KeyError, ValueError):
            continue
    else:
        raise VerificationError(
            f"the signature does not verify with {pubkey} (key {key_id(public_key)[:16]}…): the statement "
            "was changed after signing, or it was signed with another key"
        )
    statement_ = json.loads(payload)
    if statement_.get("_type") != STATEMENT_TYPE or statement_.get("predicateType") != PREDICATE_TYPE:
        raise VerificationError("the signed payload is not an in-toto v1 statement with SLSA v1 provenance")
    return statement_


def verify(pubkey: Path, dist: Path = None, bundle: Path = None, files=()) -> dict:
    """Checks the signature, then re-hashes artifacts. With ``dist``, the folder must hold exactly
    the signed artifacts; with ``files``, each named file must be one of them."""
    bundle = bundle or dist / BUNDLE_NAME
    signed = _verified_statement(bundle, pubkey)
    expected = {s["name"]: s["digest"]["sha256"] for s in signed["subject"]}
    if dist is not None:
        present = {f.name: f for f in artifacts(dist)}
        missing, extra = sorted(set(expected) - set(present)), sorted(set(present) - set(expected))
        if missing:
            raise VerificationError(f"missing artifacts listed in the provenance: {', '.join(missing)}")
        if extra:
            raise VerificationError(f"files not covered by the provenance: {', '.join(extra)}")
        files = list(present.values())
    for path in map(Path, files):
        if path.name not in expected:
            raise VerificationError(f"{path.name} is not an artifact of this release")
        actual = sha256_file(path)
        if actual != expected[path.name]:
            raise VerificationError(
                f"{path.name} was modified: sha256 {actual}, the signed provenance says {expected[path.name]}"
            )
    return signed


def compare(first: Path, second: Path) -> list:
    """Differences between two artifact folders, down to the members of archives."""
    problems = []
    names_a, names_b = {p.name for p in artifacts(first)}, {p.name for p in artifacts(second)}
    for name in sorted(names_a ^ names_b):
        problems.append(f"{name}: only in {first if name in names_a else second}")
    for name in sorted(names_a & names_b):
        a, b = first / name, second / name
        if a.read_bytes() == b.read_bytes():
            continue
        problems.append(f"{name}: differs")
        if name.endswith(".whl"):
            with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
                infos_a, infos_b = (
                    {i.filename: i for i in za.infolist()},
                    {i.filename: i for i in zb.infolist()},
                )
                for member in sorted(set(infos_a) | set(infos_b)):
                    ia, ib = infos_a.get(member), infos_b.get(member)
                    if ia is None or ib is None:
                        problems.append(f"  {member}: only in one wheel")
                    elif za.read(member) != zb.read(member):
                        problems.append(f"  {member}: content differs")
                    elif ia.date_time != ib.date_time:
                        problems.append(f"  {member}: timestamp {ia.date_time} vs {ib.date_time}")
    return problems


def keygen(private: Path, public: Path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    private.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    public.parent.mkdir(parents=True, exist_ok=True)
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    print(f"private key: {private} (keep it out of the repository)\npublic key:  {public}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    k = commands.add_parser("keygen")
    k.add_argument(
        "--private", type=Path, default=Path.home() / ".config" / "ferrolite" / "release-signing.key"
    )
    k.add_argument("--public", type=Path, default=DEFAULT_PUBKEY)
    s = commands.add_parser("sign")
    s.add_argument("dist", type=Path)
    s.add_argument("--key-file")
    v = commands.add_parser("verify")
    v.add_argument("paths", nargs="*", type=Path)
    v.add_argument("--bundle", type=Path)
    v.add_argument("--pubkey", type=Path, default=DEFAULT_PUBKEY)
    c = commands.add_parser("compare")
    c.add_argument("first", type=Path)
    c.add_argument("second", type=Path)
    args = parser.parse_args(argv)

    if args.command == "keygen":
        keygen(args.private, args.public)
    elif args.command == "sign":
        print(f"signed: {sign(args.dist, args.key_file)}")
    elif args.command == "verify":
        try:
            if args.bundle is not None:
                signed = verify(args.pubkey, bundle=args.bundle, files=args.paths)
            elif len(args.paths) == 1 and args.paths[0].is_dir():
                signed = verify(args.pubkey, dist=args.paths[0])
            else:
                parser.error("verify takes one folder, or --bundle and the files to check")
        except VerificationError as error:
            print(f"FAILED: {error}", file=sys.stderr)
            return 1
        commit = signed["predicate"]["buildDefinition"]["externalParameters"]["source"]["digest"]["gitCommit"]
        print(f"OK: {len(signed['subject'])} signed artifact(s), built from commit {commit}")
    elif args.command == "compare":
        problems = compare(args.first, args.second)
        print("\n".join(problems) if problems else f"identical: {len(artifacts(args.first))} artifact(s)")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
