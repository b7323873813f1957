"""Why a classroom rule stopped a call before it was sent (leaves: ``lib.messages`` words them)."""

from __future__ import annotations


class ClassroomStop(Exception):
    """A classroom rule stopped a call before it was sent (``lib.errors.user_message`` words it)."""


class BudgetExceeded(ClassroomStop):
    """A booking would go over a limit; nothing was booked."""

    def __init__(
        self, resource: str, scope: str, limit: float, used: float, asked: float, zone: str = "UTC"
    ) -> None:
        self.resource, self.scope, self.limit, self.used, self.asked = resource, scope, limit, used, asked
        self.zone = zone
        super().__init__(f"{resource}: {_num(used)} used of {_num(limit)} ({scope}), {_num(asked)} asked")


def _num(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


class RequestTooLarge(ClassroomStop):
    """One call needs more of a resource than the limiter allows in a whole minute: it could never go."""

    def __init__(self, resource: str, asked: float, limit: float) -> None:
        self.resource, self.asked, self.limit = resource, asked, limit
        super().__init__(f"{resource}: {asked:g} asked, {limit:g} a minute allowed")


class QueueTimeout(ClassroomStop):
    """Waited longer than the queue allows; the call was not sent."""

    def __init__(self, waited: float) -> None:
        self.waited = waited
        super().__init__(f"waited {waited:.0f} s")


class StoreUnavailable(ClassroomStop):
    """The shared classroom state (Redis) did not answer in time: paid calls stop rather than go unlimited.
    Says nothing of the address (it may hold a password)."""

    def __init__(self, reason: str = "unreachable") -> None:
        self.reason = reason
        super().__init__(f"classroom store {reason}")
