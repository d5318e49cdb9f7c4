"""LiteLLM's loggers (``litellm._logging.verbose_logger``...) and its debug switches."""

import logging
import os

verbose_logger = logging.getLogger("LiteLLM")
verbose_router_logger = logging.getLogger("LiteLLM Router")
verbose_proxy_logger = logging.getLogger("LiteLLM Proxy")
_LOGGERS = (verbose_logger, verbose_router_logger, verbose_proxy_logger)

_level = os.environ.get("LITELLM_LOG")
if _level:
    for _logger in _LOGGERS:
        _logger.setLevel(_level.upper())


def _turn_on_debug():
    for logger in _LOGGERS:
        logger.setLevel(logging.DEBUG)


def _disable_debugging():
    for logger in _LOGGERS:
        logger.disabled = True


def _enable_debugging():
    for logger in _LOGGERS:
        logger.disabled = False
