"""The Images tool's exception types: leaves, worded by ``lib.messages`` and the page."""

from __future__ import annotations


class RequestRuleError(ValueError):
    """A request the chosen model would reject; ``key`` is an i18n key, ``values`` fill it in."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(f"{key}: {values}")
        self.key = key
        self.values = values
