"""``python -m litellm`` / the ``litellm`` command: version and install checks for now; the
gateway server (``litellm --config config.yaml``) is a later issue."""

from __future__ import annotations

import sys


def main(argv=None) -> int:
    import litellm
    from litellm import _shadow

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("--version", "-v", "version"):
        print(f"litellm {litellm.__version__} (ferrolite {litellm.ferrolite_version})")
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
