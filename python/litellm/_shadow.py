"""Detects the original ``litellm`` distribution installed beside Ferrolite.

Both install files into one ``litellm/`` folder, so whichever was installed last wins file by
file and the two end up mixed. Frameworks that depend on ``litellm`` pull the original in; the
README gives the install order that avoids it, and this check (run once, on the first call, not at
import) says so loudly when it happened anyway.
"""

from __future__ import annotations

import os
import sys
import warnings


class FerroliteShadowWarning(UserWarning):
    pass


def original_litellm_installs(paths=None) -> list:
    """``litellm-*.dist-info`` folders on the import path: the original package's metadata."""
    found = []
    for entry in paths if paths is not None else sys.path:
        if not entry or not os.path.isdir(entry):
            continue
        try:
            names = os.listdir(entry)
        except OSError:
            continue
        found.extend(
            os.path.join(entry, n) for n in names if n.startswith("litellm-") and n.endswith(".dist-info")
        )
    return found


def check(paths=None) -> bool:
    installs = original_litellm_installs(paths)
    if installs:
        warnings.warn(
            f"Ferrolite: the original litellm package is installed too ({', '.join(installs)}). It shares "
            "the litellm/ folder with Ferrolite, so their files are mixed. Fix: pip uninstall -y litellm && "
            "pip install --force-reinstall --no-deps ferrolite",
            FerroliteShadowWarning,
            stacklevel=3,
        )
    return bool(installs)
