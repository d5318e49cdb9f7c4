"""``BudgetManager``: per-user spend limits for an app, as LiteLLM's (not the gateway's budgets).

Spend is kept in ``user_cost.json`` in the working directory (``client_type="local"``) or on a
budget server (``client_type="hosted"``: ``POST <api_base>/get_budget`` and ``/set_budget``).

Where Ferrolite differs from LiteLLM 1.109.1 on purpose:
- the file is written whole, through a temporary file and a rename, under a lock, before the
  call returns; LiteLLM writes it from a new thread per change, so two quick changes can leave
  the file half-written or older than memory;
- ``create_budget``'s ``created_at`` defaults to the time of the call; LiteLLM's default is the
  time ``litellm`` was imported, shared by every budget;
- ``update_cost(model=, input_text=, output_text=)`` counts the output as text; LiteLLM counts it
  as a chat message, adding 7 tokens of message framing to every completion.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
import urllib.request
from typing import Optional

import litellm
from litellm._logging import verbose_logger


def _days(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


# LiteLLM's day counts, with its environment overrides.
_DAYS = {
    "daily": 1,
    "weekly": _days("DAYS_IN_A_WEEK", 7),
    "monthly": _days("DAYS_IN_A_MONTH", 28),
    "yearly": _days("DAYS_IN_A_YEAR", 365),
}
_HOURS_IN_A_DAY = _days("HOURS_IN_A_DAY", 24)
_STORE = "user_cost.json"


class BudgetManager:
    def __init__(
        self,
        project_name: str,
        client_type: str = "local",
        api_base: Optional[str] = None,
        headers: Optional[dict] = None,
    ):
        self.client_type = client_type
        self.project_name = project_name
        self.api_base = api_base or "https://api.litellm.ai"
        self.headers = headers or {"Content-Type": "application/json"}
        self._lock = threading.Lock()
        self.load_data()

    def print_verbose(self, print_statement):
        if litellm.set_verbose:
            verbose_logger.info(print_statement)

    # ---- storage ----
    def _post(self, path: str, payload: dict) -> dict:
        request = urllib.request.Request(
            self.api_base + path, data=json.dumps(payload).encode(), headers=self.headers, method="POST"
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # the caller's own budget server
            return json.loads(response.read())

    def load_data(self):
        if self.client_type == "local":
            if os.path.isfile(_STORE):
                with open(_STORE) as store:
                    self.user_dict = json.load(store)
            else:
                self.print_verbose("User Dictionary not found!")
                self.user_dict = {}
        elif self.client_type == "hosted":
            reply = self._post("/get_budget", {"project_name": self.project_name})
            # an error reply means nothing has been stored for the project yet
            self.user_dict = {} if reply.get("status") == "error" else reply["data"]

    def save_data(self):
        if self.client_type == "hosted":
            return self._post("/set_budget", {"project_name": self.project_name, "user_dict": self.user_dict})
        with self._lock:
            directory = os.path.dirname(os.path.abspath(_STORE))
            fd, temporary = tempfile.mkstemp(prefix=".user_cost.", dir=directory)
            try:
                with os.fdopen(fd, "w") as store:
                    json.dump(self.user_dict, store, indent=4)
                # mkstemp makes the file private; give it the mode a plain open() would.
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(temporary, 0o666 & ~umask)
                os.replace(temporary, _STORE)
            except BaseException:
                os.unlink(temporary)
                raise
        return {"status": "success"}

    def _save_data_thread(self):
        """Kept for LiteLLM's name; saves before returning, so no change is ever lost."""
        self.save_data()

    # ---- budgets ----
    def create_budget(
        self,
        total_budget: float,
        user: str,
        duration: Optional[str] = None,
        created_at: Optional[float] = None,
    ):
        if duration is None:
            self.user_dict[user] = {"total_budget": total_budget}
            return self.user_dict[user]
        if duration not in _DAYS:
            self.user_dict[user] = {"total_budget": total_budget}
            raise ValueError("""duration needs to be one of ["daily", "weekly", "monthly", "yearly"]""")
        created_at = time.time() if created_at is None else created_at
        self.user_dict[user] = {
            "total_budget": total_budget,
            "duration": _DAYS[duration],
            "created_at": created_at,
            "last_updated_at": created_at,
        }
        self._save_data_thread()
        return self.user_dict[user]

    def projected_cost(self, model: str, messages: list, user: str):
        text = "".join(message["content"] for message in messages)
        prompt_tokens = litellm.token_counter(model=model, text=text)
        prompt_cost, _ = litellm.cost_per_token(model=model, prompt_tokens=prompt_tokens, completion_tokens=0)
        return prompt_cost + self.user_dict[user].get("current_cost", 0)

    def get_total_budget(self, user: str):
        return self.user_dict[user]["total_budget"]

    def update_cost(
        self,
        user: str,
        completion_obj=None,
        model: Optional[str] = None,
        input_text: Optional[str] = None,
        output_text: Optional[str] = None,
    ):
        if model and input_text and output_text:
            prompt_tokens = litellm.token_counter(
                model=model, messages=[{"role": "user", "content": input_text}]
            )
            completion_tokens = litellm.token_counter(model=model, text=output_text)
            prompt_cost, completion_cost = litellm.cost_per_token(
                model=model, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens
            )
            cost = prompt_cost + completion_cost
        elif completion_obj:
            cost = litellm.completion_cost(completion_response=completion_obj)
            model = completion_obj["model"]
        else:
            raise ValueError(
                "Either a chat completion object or the text response needs to be passed in. "
                "Learn more - https://docs.litellm.ai/docs/budget_manager"
            )
        record = self.user_dict[user]
        record["current_cost"] = cost + record.get("current_cost", 0)
        spend = record.setdefault("model_cost", {})
        spend[model] = cost + spend.get(model, 0)
        self._save_data_thread()
        return {"user": record}

    def get_current_cost(self, user):
        return self.user_dict[user].get("current_cost", 0)

    def get_model_cost(self, user):
        return self.user_dict[user].get("model_cost", 0)

    def is_valid_user(self, user: str) -> bool:
        return user in self.user_dict

    def get_users(self):
        return list(self.user_dict.keys())

    def reset_cost(self, user):
        self.user_dict[user]["current_cost"] = 0
        self.user_dict[user]["model_cost"] = {}
        return {"user": self.user_dict[user]}

    def reset_on_duration(self, user: str):
        record = self.user_dict[user]
        now = time.time()
        if now - record["last_updated_at"] >= record["duration"] * _HOURS_IN_A_DAY * 60 * 60:
            self.reset_cost(user)
            record["last_updated_at"] = now
            self._save_data_thread()

    def update_budget_all_users(self):
        for user in self.get_users():
            if "duration" in self.user_dict[user]:
                self.reset_on_duration(user)
