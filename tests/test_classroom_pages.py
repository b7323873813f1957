"""AppTest of classroom mode on the pages: the sidebar meter, budgets that stop kindly and lose nothing, the
day shared by every session, safe mode, 429s absorbed by the queue, and Streamlit sign-in."""

from __future__ import annotations

import json

from tests.apptest_helpers import everything_shown, new_app, open_page
from tests.harness.fault_server import FaultServer, Reply, SSEReply, chat_chunks, flagged

CHAT = "app_pages/chat.py"
IMAGES = "app_pages/images.py"
WHISPER = "app_pages/transcribe.py"
KEY = "sk-proj-classSECRET0123456789abcdef"
MODELS = Reply(
    200, {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model", "created": 0, "owned_by": "x"}]}
)
PNG_B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"


def secrets(url: str, **classroom) -> dict:
    return {
        "OPENAI_API_KEY": KEY,
        "OPENAI_BASE_URL": url,
        "PLAYGROUND_PROVIDER": "openai",
        "classroom": classroom,
    }


def paid(server: FaultServer, path: str) -> list:
    return [r for r in server.requests if r.path == path]


def send(at, text: str):
    at.chat_input(key="chat_input").set_value(text).run(timeout=60)
    return at


def sidebar_text(at) -> str:
    return "\n".join(
        [p.proto.text for p in at.sidebar.get("progress")]
        + [c.value for c in at.sidebar.caption]
        + [m.value for m in at.sidebar.markdown]
    )


def test_the_sidebar_meter_shows_what_is_left_and_a_budget_stops_kindly() -> None:
    reply = SSEReply(chat_chunks(["Hello", "!"], usage=(9, 2)))
    with FaultServer(reply, routes={"/v1/models": MODELS}).running() as server:
        at = open_page(CHAT, secrets(server.url, session={"requests": 1, "tokens": 5000}))
        meter = sidebar_text(at)
        assert (
            "Class budget" in meter
            and "Requests: 1 of 1 left" in meter
            and "Tokens: 5,000 of 5,000 left" in meter
        )
        assert "Whole class · today" in meter and "Safe mode" in meter
        send(at, "Hi!")
        assert "Requests: 0 of 1 left" in sidebar_text(at)
        assert "Tokens: 4,989 of 5,000 left" in sidebar_text(at)  # settled with the 9 + 2 really used
        send(at, "And again?")
        assert len(paid(server, "/v1/responses")) == 1  # the second one was never sent
        assert len(paid(server, "/v1/moderations")) == 1
    warning = at.warning[0].value
    assert "session's limit for requests (1)" in warning and "Everything so far is kept" in warning
    assert [t.content for t in at.session_state["chat_conversation"].turns] == [
        "Hi!",
        "Hello!",
    ]  # history kept
    assert at.session_state["chat_conversation"].unsent == "And again?"  # and the unsent message waits
    assert not at.error and KEY not in everything_shown(at)


def test_the_day_budget_is_shared_by_every_session_of_the_server() -> None:
    reply = SSEReply(chat_chunks(["ok"], usage=(5, 1)))
    with FaultServer(reply, routes={"/v1/models": MODELS}).running() as server:
        limits = {"day": {"requests": 1}}
        first = send(open_page(CHAT, secrets(server.url, **limits)), "first student")
        second = send(open_page(CHAT, secrets(server.url, **limits)), "second student")
        assert len(paid(server, "/v1/responses")) == 1
    assert first.session_state["chat_conversation"].turns[-1].content == "ok"
    assert "the class's limit for requests today (1)" in second.warning[0].value
    assert "Requests: 0 of 1 left" in sidebar_text(second)


def test_safe_mode_refuses_a_flagged_message_without_judging_and_keeps_it() -> None:
    routes = {"/v1/models": MODELS, "/v1/moderations": flagged("harassment")}
    with FaultServer(SSEReply(chat_chunks(["x"])), routes=routes).running() as server:
        at = open_page(CHAT, secrets(server.url))
        at.sidebar.segmented_control(key="lang").set_value("ko").run()
        send(at, "some words the check flags")
        checked = json.loads(paid(server, "/v1/moderations")[0].body)
        assert not paid(server, "/v1/responses")
    assert checked["model"] == "omni-moderation-latest" and "some words the check flags" in checked["input"]
    assert "안전 검사" in at.warning[0].value and "괴롭힘" in at.warning[0].value
    assert at.session_state["chat_conversation"].unsent == "some words the check flags"
    # The session's booking was given back: nothing was spent.
    assert "요청: 30 / 30 남음" in sidebar_text(at)


def test_a_moderation_outage_sends_nothing_and_says_so() -> None:
    routes = {"/v1/models": MODELS, "/v1/moderations": Reply(503, {"error": {"message": "down"}})}
    with FaultServer(SSEReply(chat_chunks(["x"])), routes=routes).running() as server:
        at = send(open_page(CHAT, secrets(server.url)), "hello")
        assert not paid(server, "/v1/responses")
    assert "safety check could not run" in at.error[0].value
    assert at.session_state["chat_conversation"].unsent == "hello"


def test_a_429_is_absorbed_by_the_queue_and_the_student_sees_only_the_answer() -> None:
    slow_down = Reply(
        429, {"error": {"message": "Rate limit", "code": "rate_limit_exceeded"}}, {"retry-after-ms": "200"}
    )
    ok = SSEReply(chat_chunks(["Fine", " thanks"], usage=(8, 2)))
    routes = {"/v1/models": MODELS, "/v1/responses": [slow_down, ok]}
    with FaultServer(ok, routes=routes).running() as server:
        at = send(open_page(CHAT, secrets(server.url)), "How are you?")
        assert len(paid(server, "/v1/responses")) == 2
    assert not at.error and not at.warning
    assert at.session_state["chat_conversation"].turns[-1].content == "Fine thanks"


def test_a_students_own_key_has_no_class_limits() -> None:
    with FaultServer(SSEReply(chat_chunks(["mine"])), routes={"/v1/models": MODELS}).running() as server:
        at = open_page(CHAT, secrets(server.url, session={"requests": 0}))
        at.sidebar.text_input(key="api_key_openai").input("sk-my-own-key-123456").run()
        assert "class limits do not apply" in sidebar_text(at) and "Class budget" not in sidebar_text(at)
        send(at, "Hi")
        assert not paid(server, "/v1/moderations")  # the student's key, the student's call
    assert at.session_state["chat_conversation"].turns[-1].content == "mine"


def test_images_check_the_prompt_and_book_the_whole_batch() -> None:
    body = {"created": 0, "data": [{"b64_json": PNG_B64}]}
    routes = {"/v1/moderations": flagged("violence/graphic")}
    with FaultServer(Reply(200, body), routes=routes).running() as server:
        at = open_page(IMAGES, secrets(server.url))
        at.text_area(key="keep.img.prompt").input("a scene the check flags").run()
        at.button(key="img_generate").click().run(timeout=60)
        assert not paid(server, "/v1/images/generations")
        assert "violence" in at.warning[0].value and at.text_area(key="keep.img.prompt").value
    with FaultServer(Reply(200, body)).running() as server:
        at = open_page(IMAGES, secrets(server.url, session={"images": 1}))
        at.selectbox(key="keep.img.model").set_value("dall-e-2").run()
        at.number_input(key="keep.img.n.dall-e-2").set_value(2).run()
        at.text_area(key="keep.img.prompt").input("two foxes").run()
        at.button(key="img_generate").click().run(timeout=60)
        assert not paid(server, "/v1/images/generations")
        assert "session's limit for images (1)" in at.warning[0].value
        at.number_input(key="keep.img.n.dall-e-2").set_value(1).run()
        at.button(key="img_generate").click().run(timeout=60)
        assert len(paid(server, "/v1/images/generations")) == 1
    assert len(at.session_state["img_gallery"]) == 1
    assert "Images: 0 of 1 left" in sidebar_text(at)


def test_whisper_counts_audio_minutes() -> None:
    body = {"text": "ask not", "language": "english", "duration": 11.0, "segments": [], "words": []}
    with FaultServer(Reply(200, body)).running() as server:
        at = open_page(WHISPER, secrets(server.url, session={"audio_minutes": 0.1}))
        at.selectbox(key="keep.wh.engine").set_value("api:whisper-1").run()
        at.button(key="wh_run").click().run(timeout=60)
        sent = [r.path for r in server.requests if r.method == "POST"]
        assert not sent  # 11 s of JFK is more than 0.1 min: nothing sent (the page may list the models)
    assert "audio minutes (0.1)" in at.warning[0].value
    assert at.session_state["wh_media"][0] == "jfk.flac"


AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-cookie-secret-for-tests",
    "google": {
        "client_id": "id.apps.googleusercontent.com",
        "client_secret": "secret",
        "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration",
    },
}


def test_streamlit_sign_in_replaces_the_passcode_when_configured() -> None:
    at = new_app({"auth": AUTH, "PLAYGROUND_PASSCODE": "unused"})
    at.user = {"is_logged_in": False}
    at.run()
    assert at.title[0].value.endswith("Sign in")
    assert at.button(key="auth_login_google").label == "Sign in with Google"
    assert not at.text_input and not at.sidebar.selectbox  # no passcode box, no tools

    at = new_app({"auth": AUTH, "classroom": {"allowed_domains": ["school.kr"]}})
    at.user = {"is_logged_in": True, "email": "kim@school.kr", "name": "Kim <b>Min</b>"}
    at.run()
    assert not at.exception and at.sidebar.selectbox(key="provider")
    assert "Signed in as Kim <b>Min</b>" in [t.value for t in at.sidebar.text]  # plain text, not markup
    at.switch_page(CHAT).run()
    assert not at.exception and at.title[0].value.endswith("Chat")


def test_an_account_not_on_the_class_list_is_turned_away() -> None:
    at = new_app({"auth": AUTH, "classroom": {"allowed_emails": ["teacher@school.kr"]}})
    at.user = {"is_logged_in": True, "email": "someone@gmail.com"}
    at.run()
    assert "someone@gmail.com" in at.error[0].value and at.button(key="auth_logout")
    assert not at.sidebar.selectbox
