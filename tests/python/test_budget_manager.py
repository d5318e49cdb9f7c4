"""BudgetManager: per-user budgets kept in user_cost.json (or on a budget server)."""

from __future__ import annotations

import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

import litellm

MESSAGES = [{"role": "user", "content": "hi"}]


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_budgets_are_created_and_read():
    manager = litellm.BudgetManager(project_name="p")
    assert manager.create_budget(10.0, "u1") == {"total_budget": 10.0}
    monthly = manager.create_budget(5.0, "u2", duration="monthly", created_at=1700000000.0)
    assert monthly == {
        "total_budget": 5.0,
        "duration": 28,
        "created_at": 1700000000.0,
        "last_updated_at": 1700000000.0,
    }
    assert manager.get_total_budget("u1") == 10.0
    assert manager.is_valid_user("u2") and not manager.is_valid_user("nobody")
    assert manager.get_users() == ["u1", "u2"]
    with pytest.raises(ValueError, match="duration needs to be one of"):
        manager.create_budget(1.0, "bad", duration="hourly")
    with pytest.raises(KeyError):
        manager.get_total_budget("nobody")


def test_created_at_defaults_to_the_call_time():
    """LiteLLM's default is the time litellm was imported, shared by every budget."""
    manager = litellm.BudgetManager(project_name="p")
    before = time.time()
    record = manager.create_budget(1.0, "u", duration="daily")
    assert before <= record["created_at"] <= time.time()


def test_update_cost_from_a_response_adds_its_cost():
    manager = litellm.BudgetManager(project_name="p")
    manager.create_budget(10.0, "u")
    response = litellm.completion(model="gpt-4o", messages=MESSAGES, mock_response="Hello world")
    manager.update_cost("u", completion_obj=response)
    assert manager.get_current_cost("u") == 0.00022500000000000002
    manager.update_cost("u", completion_obj=response)
    assert manager.get_current_cost("u") == 2 * 0.00022500000000000002
    assert manager.get_model_cost("u") == {"gpt-4o": 2 * 0.00022500000000000002}


def test_update_cost_from_text_counts_the_output_as_text():
    """LiteLLM frames the output as a chat message (10 tokens for "Hi there friend", not 3)."""
    manager = litellm.BudgetManager(project_name="p")
    manager.create_budget(10.0, "u")
    manager.update_cost("u", model="gpt-4o", input_text="Hello world", output_text="Hi there friend")
    assert manager.get_current_cost("u") == 9 * 2.5e-6 + 3 * 1e-5
    with pytest.raises(ValueError, match="Either a chat completion object"):
        manager.update_cost("u")


def test_projected_cost_and_resets():
    manager = litellm.BudgetManager(project_name="p")
    manager.create_budget(10.0, "u", duration="daily", created_at=time.time() - 2 * 86400)
    response = litellm.completion(model="gpt-4o", messages=MESSAGES, mock_response="Hello world")
    manager.update_cost("u", completion_obj=response)
    projected = manager.projected_cost(
        "gpt-4o", [{"role": "user", "content": "Hello "}, {"role": "user", "content": "world"}], "u"
    )
    assert projected == 2 * 2.5e-6 + 0.00022500000000000002
    manager.update_budget_all_users()
    assert manager.get_current_cost("u") == 0
    assert manager.get_model_cost("u") == {}
    assert time.time() - manager.user_dict["u"]["last_updated_at"] < 60


def test_spend_survives_a_restart(in_tmp):
    manager = litellm.BudgetManager(project_name="p")
    manager.create_budget(10.0, "u", duration="weekly", created_at=1.5)
    manager.update_cost("u", model="gpt-4o", input_text="Hello world", output_text="Hi there friend")
    assert manager.save_data() == {"status": "success"}
    stored = json.loads((in_tmp / "user_cost.json").read_text())
    assert stored == manager.user_dict
    assert litellm.BudgetManager(project_name="p").user_dict == manager.user_dict
    assert [p.name for p in in_tmp.iterdir()] == ["user_cost.json"]
    umask = os.umask(0)
    os.umask(umask)
    assert (in_tmp / "user_cost.json").stat().st_mode & 0o777 == 0o666 & ~umask


def test_many_quick_updates_are_all_saved(in_tmp):
    manager = litellm.BudgetManager(project_name="p")
    manager.create_budget(10.0, "u", duration="daily")
    for _ in range(50):
        manager.update_cost("u", model="gpt-4o", input_text="a", output_text="b")
    stored = json.loads((in_tmp / "user_cost.json").read_text())
    assert stored["u"]["current_cost"] == manager.get_current_cost("u")


def test_hosted_budgets_use_the_budget_server():
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append((self.path, body))
            reply = {"status": "success", "data": {"u": {"total_budget": 3.0}}}
            if self.path == "/set_budget":
                reply = {"status": "success"}
            payload = json.dumps(reply).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        manager = litellm.BudgetManager(project_name="proj", client_type="hosted", api_base=base)
        assert manager.get_total_budget("u") == 3.0
        assert manager.save_data() == {"status": "success"}
    finally:
        server.shutdown()
    assert seen[0] == ("/get_budget", {"project_name": "proj"})
    assert seen[1] == ("/set_budget", {"project_name": "proj", "user_dict": {"u": {"total_budget": 3.0}}})
