"""The release provenance: a signed statement over every artifact, and a verifier that re-hashes
the files itself (a valid signature alone would pass a tampered wheel)."""

from __future__ import annotations

import base64
import importlib.util
import json
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("provenance", ROOT / "scripts" / "release" / "provenance.py")
provenance = importlib.util.module_from_spec(spec)
spec.loader.exec_module(provenance)


@pytest.fixture
def keys(tmp_path):
    private, public = tmp_path / "keys" / "test.key", tmp_path / "keys" / "test.pub.pem"
    provenance.keygen(private, public)
    return private, public


@pytest.fixture
def dist(tmp_path):
    folder = tmp_path / "dist"
    folder.mkdir()
    with zipfile.ZipFile(folder / "ferrolite-0.1.0-cp39-abi3-manylinux_2_17_x86_64.whl", "w") as wheel:
        wheel.writestr("litellm/_core.abi3.so", b"\x7fELF native code")
        wheel.writestr("litellm/__init__.py", "")
    (folder / "ferrolite-0.1.0.tar.gz").write_bytes(b"sdist bytes")
    return folder


def run(*args) -> int:
    return provenance.main([str(a) for a in args])


def test_a_good_bundle_verifies(dist, keys, capsys):
    private, public = keys
    assert run("sign", dist, "--key-file", private) == 0
    assert run("verify", dist, "--pubkey", public) == 0
    assert "OK: 2 signed artifact(s)" in capsys.readouterr().out
    envelope = json.loads((dist / provenance.BUNDLE_NAME).read_text())
    statement = json.loads(base64.b64decode(envelope["payload"]))
    assert statement["_type"] == "https://in-toto.io/Statement/v1"
    assert statement["predicateType"] == "https://slsa.dev/provenance/v1"
    build = statement["predicate"]["buildDefinition"]
    assert {d.get("name") for d in build["resolvedDependencies"]} >= {"Cargo.lock", "pyproject.toml"}
    assert build["internalParameters"]["toolchain"]["rustc"].startswith("rustc ")
    byproducts = statement["predicate"]["runDetails"]["byproducts"]
    assert byproducts[0]["name"].endswith("!/litellm/_core.abi3.so")


def test_signing_key_can_come_from_the_environment(dist, keys, monkeypatch):
    private, public = keys
    monkeypatch.setenv("FERROLITE_SIGNING_KEY", private.read_text())
    assert run("sign", dist) == 0
    assert run("verify", dist, "--pubkey", public) == 0


def expect_failure(capsys, *args, says: str):
    assert run(*args) == 1
    assert says in capsys.readouterr().err


def test_a_tampered_wheel_fails(dist, keys, capsys):
    private, public = keys
    run("sign", dist, "--key-file", private)
    wheel = next(dist.glob("*.whl"))
    with zipfile.ZipFile(wheel, "a") as archive:
        archive.writestr("litellm/steal_credentials.py", "import os")
    expect_failure(capsys, "verify", dist, "--pubkey", public, says=f"{wheel.name} was modified")


def test_a_tampered_statement_fails(dist, keys, capsys):
    private, public = keys
    run("sign", dist, "--key-file", private)
    bundle = dist / provenance.BUNDLE_NAME
    envelope = json.loads(bundle.read_text())
    statement = json.loads(base64.b64decode(envelope["payload"]))
    statement["subject"][0]["digest"]["sha256"] = "0" * 64
    envelope["payload"] = base64.b64encode(json.dumps(statement).encode()).decode()
    bundle.write_text(json.dumps(envelope))
    expect_failure(capsys, "verify", dist, "--pubkey", public, says="the signature does not verify")


def test_the_wrong_key_fails(dist, keys, tmp_path, capsys):
    private, _ = keys
    run("sign", dist, "--key-file", private)
    other_private, other_public = tmp_path / "other.key", tmp_path / "other.pub.pem"
    provenance.keygen(other_private, other_public)
    expect_failure(capsys, "verify", dist, "--pubkey", other_public, says="signed with another key")


def test_extra_and_missing_files_fail(dist, keys, capsys):
    private, public = keys
    run("sign", dist, "--key-file", private)
    (dist / "evil-0.1.0-py3-none-any.whl").write_bytes(b"x")
    expect_failure(capsys, "verify", dist, "--pubkey", public, says="not covered by the provenance: evil")
    (dist / "evil-0.1.0-py3-none-any.whl").unlink()
    (dist / "ferrolite-0.1.0.tar.gz").unlink()
    expect_failure(
        capsys, "verify", dist, "--pubkey", public, says="missing artifacts listed in the provenance"
    )


def test_a_single_downloaded_wheel_verifies_against_the_bundle(dist, keys, tmp_path, capsys):
    private, public = keys
    run("sign", dist, "--key-file", private)
    wheel = next(dist.glob("*.whl"))
    downloaded = tmp_path / "downloads"
    downloaded.mkdir()
    (downloaded / wheel.name).write_bytes(wheel.read_bytes())
    assert (
        run("verify", "--bundle", dist / provenance.BUNDLE_NAME, "--pubkey", public, downloaded / wheel.name)
        == 0
    )
    (downloaded / "renamed.whl").write_bytes(wheel.read_bytes())
    expect_failure(
        capsys,
        "verify",
        "--bundle",
        dist / provenance.BUNDLE_NAME,
        "--pubkey",
        public,
        downloaded / "renamed.whl",
        says="not an artifact of this release",
    )


def test_compare_names_the_member_that_differs(dist, tmp_path, capsys):
    twin = tmp_path / "twin"
    twin.mkdir()
    for f in dist.iterdir():
        (twin / f.name).write_bytes(f.read_bytes())
    assert run("compare", dist, twin) == 0
    wheel = next(twin.glob("*.whl"))
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("litellm/_core.abi3.so", b"\x7fELF other code")
        archive.writestr("litellm/__init__.py", "")
    assert run("compare", dist, twin) == 1
    out = capsys.readouterr().out
    assert f"{wheel.name}: differs" in out and "litellm/_core.abi3.so: content differs" in out


def test_the_committed_release_key_is_an_ed25519_public_key():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key = serialization.load_pem_public_key((ROOT / "keys" / "release.pub.pem").read_bytes())
    assert isinstance(key, Ed25519PublicKey)
