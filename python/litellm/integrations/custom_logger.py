"""``CustomLogger``: subclass it and put an instance in ``litellm.callbacks``.

Hooks are called with keyword arguments (``kwargs=``, ``response_obj=``, ``start_time=``,
``end_time=``), as LiteLLM calls them, in the caller's thread (sync calls) or task (async calls).
"""

from __future__ import annotations


class CustomLogger:
    def __init__(self, turn_off_message_logging: bool = False, message_logging: bool = True, **kwargs):
        self.turn_off_message_logging = turn_off_message_logging
        self.message_logging = message_logging

    # ---- sync hooks (completion) ----
    def log_pre_api_call(self, model, messages, kwargs):
        pass

    def log_post_api_call(self, kwargs, response_obj, start_time, end_time):
        pass

    def log_stream_event(self, kwargs, response_obj, start_time, end_time):
        pass

    def log_success_event(self, kwargs, response_obj, start_time, end_time):
        pass

    def log_failure_event(self, kwargs, response_obj, start_time, end_time):
        pass

    # ---- async hooks (acompletion) ----
    async def async_log_pre_api_call(self, model, messages, kwargs):
        pass

    async def async_log_stream_event(self, kwargs, response_obj, start_time, end_time):
        pass

    async def async_log_success_event(self, kwargs, response_obj, start_time, end_time):
        pass

    async def async_log_failure_event(self, kwargs, response_obj, start_time, end_time):
        pass
