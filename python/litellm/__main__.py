"""``python -m litellm`` / the ``litellm`` command: version and install checks for now; the
gateway server (``litellm --config config.yaml``) is a later issue."""

from __future__ import annotations

import sys


def build_provenance() -> dict:
    """What this installed copy says about its own build: the commit it was built from, and
    digests a user can match against the release's signed provenance statement."""
    import hashlib
    import json
    from importlib import metadata
    from pathlib import Path

    import litellm
    from litellm import _core

    version, commit, epoch = _core.build_info()
    native = Path(_core.__file__)
    info = {
        "litellm_api": litellm.__version__,
        "ferrolite": version,
        "commit": commit,
        "source_date_epoch": epoch,
        "native_module": native.name,
        "native_module_sha256": hashlib.sha256(native.read_bytes()).hexdigest(),
        "wheel_sha256": None,
    }
    try:
        direct_url = json.loads(metadata.distribution("ferrolite").read_text("direct_url.json") or "{}")
        info["wheel_sha256"] = (direct_url.get("archive_info", {}).get("hashes") or {}).get("sha256")
    except metadata.PackageNotFoundError:
        pass
    return info


def _print_version():
    info = build_provenance()
    print(f"litellm {info['litellm_api']} (ferrolite {info['ferrolite']})")
    print(f"commit: {info['commit'] or 'none (development build)'}")
    print(f"native module: {info['native_module']} sha256={info['native_module_sha256']}")
    wheel = info["wheel_sha256"]
    unknown = "not recorded by the installer (match the native module digest with the release provenance)"
    print(f"wheel: sha256={wheel}" if wheel else f"wheel: {unknown}")


def main(argv=None) -> int:
    from litellm import _shadow

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("--version", "-v", "version"):
        _print_version()
        return 0
    if args[0] == "check":
        clashes = _shadow.original_litellm_installs()
        print(
            "ok: no other litellm installed"
            if not clashes
            else "\n".join(["original litellm found:", *clashes])
        )
        return 1 if clashes else 0
    print(
        f"litellm: unknown command {args[0]!r}; the gateway server is not in this build yet", file=sys.stderr
    )
    return 2


if __name__ == "__main__":
    sys.exit(main())
