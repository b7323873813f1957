"""The conversation as a state machine: what the Chat page shows follows from it, after any error or Stop.

Phases: ``idle`` (nothing in flight), ``sending`` (a message is out, no answer yet), ``streaming`` (the answer
is arriving), ``stopped`` (the user pressed Stop; the partial answer is kept), ``failed`` (the message did not
go: it is back in the message box as the draft, and the reason is shown once).

A page run can be cut at any moment (a Stop click, a new message, a reload): the run that was cut records
what arrived with ``cut``; the next run calls ``settle_cut`` first, after Streamlit ran the widgets'
callbacks, so only a real Stop (``request_stop``) is called a stop.

>>> c = Conversation()
>>> c.begin("Hi")
'Hi'
>>> c.fail("Wrong key."); c.phase, c.failure, c.take_draft(), c.turns
('failed', 'Wrong key.', 'Hi', [])
>>> c.begin("Hi"); c.streaming(); c.finish(Turn("assistant", "Hello")); [t.content for t in c.turns]
'Hi'
['Hi', 'Hello']
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from lib.chat.messages import Turn
from lib.chat.vision import Picture

Phase = Literal["idle", "sending", "streaming", "stopped", "failed"]


class EmptyMessage(ValueError):
    """A message with no text (a message box left empty, or only spaces)."""


class Busy(RuntimeError):
    """A message is already being answered."""


@dataclass
class Conversation:
    """The turns, what is in flight, the draft that goes back into the message box, and the last failure."""

    turns: list[Turn] = field(default_factory=list)
    phase: Phase = "idle"
    pending: str | None = None  # the message being answered
    draft: str | None = None  # a message that did not go; given back to the message box once
    failure: str | None = None  # why the last message did not go, shown until the next send
    failure_kind: str = "error"  # what kind of failure (lib.messages' kinds): a classroom rule is no error
    unsent: str | None = None  # that message, for "send again"
    suggestion: str | None = None  # a model to use instead (the one tried was shut down)
    stop_requested: bool = False
    partial: Turn | None = None  # what arrived before a run was cut
    pending_images: tuple[Picture, ...] = ()  # the images of the message being answered
    attached: tuple[Picture, ...] = ()  # images waiting for the next message (a photo, or a send that failed)

    @property
    def in_flight(self) -> bool:
        return self.phase in ("sending", "streaming")

    @property
    def regenerate_disabled(self) -> bool:
        """Nothing to regenerate: no answer yet, or one is being written."""
        return self.in_flight or not self.turns or self.turns[-1].role != "assistant"

    def begin(self, message: str, images: tuple[Picture, ...] = ()) -> str:
        """Send ``message`` (with ``images``): the draft, the attached images and the last failure are
        cleared. Raises ``EmptyMessage`` (an image alone is a message: "what is this?" is implied)."""
        if self.in_flight:
            raise Busy("a message is already being answered")
        if not message.strip() and not images:
            raise EmptyMessage("empty message")
        self.pending_images, self.attached = tuple(images), ()
        self.phase, self.pending, self.draft, self.failure = "sending", message, None, None
        self.unsent, self.suggestion, self.stop_requested, self.partial = None, None, False, None
        return message

    def streaming(self) -> None:
        """The first words arrived."""
        if self.phase == "sending":
            self.phase = "streaming"

    def finish(self, reply: Turn) -> None:
        """The answer ended (complete, or interrupted by the network with its partial text)."""
        if self.pending is not None:
            self.turns += [Turn(role="user", content=self.pending, images=self.pending_images), reply]
        self.phase, self.pending, self.stop_requested, self.partial = "idle", None, False, None
        self.pending_images = ()

    def fail(self, reason: str, kind: str = "error", *, suggestion: str | None = None) -> None:
        """Nothing was answered: no turn is added, the message becomes the draft, the reason is kept once."""
        if self.pending is not None:
            self.draft = self.unsent = self.pending
            self.attached, self.pending_images = self.pending_images, ()  # back on the tray, like the draft
        self.phase, self.pending, self.failure, self.stop_requested = "failed", None, reason, False
        self.failure_kind, self.suggestion = kind, suggestion

    def request_stop(self) -> None:
        """The Stop button was pressed (its callback runs before the next run)."""
        if self.in_flight:
            self.stop_requested = True

    def cut(self, partial: Turn) -> None:
        """The run streaming the answer was cut; ``partial`` is what arrived. Settled by ``settle_cut``."""
        if self.in_flight:
            self.partial = partial

    def settle_cut(self, *, reason: str) -> None:
        """At the start of a run: a message still in flight means the last run was cut. A Stop keeps the
        partial answer as stopped; anything else (a new message, a rerun) marks it interrupted with
        ``reason``. Nothing arrived and no Stop: the message goes back to the draft."""
        if not self.in_flight:
            return
        partial = self.partial or Turn(role="assistant", content="")
        if self.stop_requested:
            self.finish(replace(partial, status="stopped", error=None))
            self.phase = "stopped"
        elif partial.content:
            self.finish(replace(partial, status="interrupted", error=reason))
        else:
            self.fail(reason)

    def take_draft(self) -> str | None:
        """The draft, once: it goes back into the message box."""
        draft, self.draft = self.draft, None
        return draft

    def regenerate(self) -> str | None:
        """Drop the last answer and its message, and return that message to send again."""
        if self.regenerate_disabled:
            return None
        self.turns.pop()
        if not (self.turns and self.turns[-1].role == "user"):
            return None
        asked = self.turns.pop()
        self.attached = asked.images  # sent again with the message
        return asked.content

    def attach(self, picture: Picture) -> None:
        """Put an image on the tray for the next message (once: the same photo twice is one)."""
        if picture not in self.attached:
            self.attached = (*self.attached, picture)

    def detach(self, index: int) -> None:
        self.attached = tuple(p for i, p in enumerate(self.attached) if i != index)

    def clear(self) -> None:
        self.turns.clear()
        self.attached, self.pending_images = (), ()
        self.phase, self.pending, self.draft, self.failure = "idle", None, None, None
        self.unsent, self.stop_requested, self.partial = None, False, None
