"""Exceptions -> user messages, over real HTTP against a local server that returns each fault."""

from __future__ import annotations

import openai
import pytest

from lib.core.http import retry_after_seconds
from lib.core.providers import make_client
from lib.core.redaction import redact
from lib.core.settings import Secret, SidebarInput, resolve
from lib.messages import user_message
from lib.tokens.vocab import VocabularyUnavailable
from tests.harness import free_port
from tests.harness.fault_server import FaultServer, Reply

KEY = "sk-proj-TOPSECRET0123456789abcdef"


def _check(settings) -> BaseException:
    """The error of a key check: the model list asked for once, without retries (as ui.paid does)."""
    with pytest.raises(openai.OpenAIError) as info:
        make_client(settings, timeout=10, max_retries=0).models.list()
    return info.value


def _fault(reply: Reply, lang: str = "en"):
    with FaultServer(reply).running() as server:
        settings = resolve(SidebarInput(provider="compatible", base_url=server.url, api_key=KEY), {}, {})
        error = _check(settings)
        assert server.requests and server.requests[0].path == "/v1/models"
        assert server.requests[0].headers["authorization"] == f"Bearer {KEY}"
        return user_message(error, lang, secrets=[settings.api_key]), len(server.requests)


def test_401_says_the_key_was_rejected_without_echoing_it() -> None:
    body = {"error": {"message": f"Incorrect API key provided: {KEY}.", "type": "invalid_request_error"}}
    message, calls = _fault(Reply(401, body))
    assert message.kind == "auth" and message.status == 401 and "401" in message.text
    assert KEY not in message.text and "TOPSECRET" not in message.text
    assert calls == 1  # a key check never retries


def test_401_in_korean() -> None:
    message, _ = _fault(Reply(401, {"error": {"message": "bad key"}}), lang="ko")
    assert "API 키가 거부" in message.text


def test_429_gives_the_retry_time_from_the_headers() -> None:
    reply = Reply(
        429,
        {
            "error": {
                "message": "Rate limit reached for gpt-4o-mini on tokens per min (TPM)",
                "code": "rate_limit_exceeded",
            }
        },
        {"retry-after": "7", "x-ratelimit-reset-tokens": "6m0s"},
    )
    message, _ = _fault(reply)
    assert message.kind == "rate_limit" and message.retry_after == 7
    assert "Try again in 7 s" in message.text and "tokens or requests per minute" in message.text


def test_429_insufficient_quota_is_not_a_wait() -> None:
    message, _ = _fault(
        Reply(429, {"error": {"message": "You exceeded your quota", "code": "insufficient_quota"}})
    )
    assert message.kind == "quota"


def test_500_and_404() -> None:
    assert _fault(Reply(500, {"error": {"message": "boom"}}))[0].kind == "server"
    assert _fault(Reply(404, {"error": {"message": "no /models here"}}))[0].kind == "not_found"


def test_400_detail_is_shown_but_redacted() -> None:
    message, _ = _fault(Reply(400, {"error": {"message": f"bad param; key was {KEY}"}}))
    assert message.kind == "bad_request" and "bad param" in message.text and KEY not in message.text


def test_connection_refused_names_the_address() -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    settings = resolve(SidebarInput(provider="compatible", base_url=url), {}, {})
    message = user_message(_check(settings), "en")
    assert message.kind == "connection" and f"{url}/models" in message.text


def test_vocabulary_message_names_the_encoding() -> None:
    message = user_message(VocabularyUnavailable("o200k_base", "package missing"), "en")
    assert message.kind == "vocab" and "o200k_base" in message.text and "package missing" in message.text


def test_unexpected_error_shows_only_its_type() -> None:
    message = user_message(RuntimeError(f"leaky {KEY}"), "en")
    assert message.kind == "unexpected" and KEY not in message.text and "RuntimeError" in message.text


def test_redact_known_and_key_shaped_values() -> None:
    assert redact(f"x {KEY} y") == "x [redacted] y"
    assert redact("token abc123", secrets=[Secret("abc123")]) == "token [redacted]"
    assert redact("Authorization: Bearer abcdefghijkl") == "Authorization: [redacted]"


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after": "20"}, 20.0),
        ({"x-ratelimit-reset-requests": "1m30s"}, 90.0),
        ({"x-ratelimit-reset-tokens": "250ms"}, 0.25),
        ({}, None),
    ],
)
def test_retry_after_headers(headers: dict, seconds: float | None) -> None:
    assert retry_after_seconds(headers) == seconds


def test_builtin_provider_has_no_client() -> None:
    from lib.core.providers import NoClient

    with pytest.raises(NoClient):
        make_client(resolve(SidebarInput(provider="builtin"), {}, {}))
