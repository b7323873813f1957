"""Classroom mode: budgets, the shared rate limiter, the client every paid call goes through, configuration,
moderation and access, with their state in one process or in Redis (``store``); its exception types are
leaves in ``errors``.

This is the public API of ``lib.classroom``: ``ui`` uses only these names."""

from lib.classroom import access as access
from lib.classroom import moderation as moderation
from lib.classroom.budgets import DEFAULT_DAY as DEFAULT_DAY
from lib.classroom.budgets import DEFAULT_RATES as DEFAULT_RATES
from lib.classroom.budgets import DEFAULT_SESSION as DEFAULT_SESSION
from lib.classroom.budgets import AccountLedgers as AccountLedgers
from lib.classroom.budgets import Booking as Booking
from lib.classroom.budgets import Ledger as Ledger
from lib.classroom.budgets import Sent as Sent
from lib.classroom.budgets import reserve as reserve
from lib.classroom.budgets import settlement as settlement
from lib.classroom.budgets import what_was_sent as what_was_sent
from lib.classroom.client import LimitedClient as LimitedClient
from lib.classroom.client import Retry as Retry
from lib.classroom.config import Config as Config
from lib.classroom.config import applies as applies
from lib.classroom.config import load_config as load_config
from lib.classroom.errors import BudgetExceeded as BudgetExceeded
from lib.classroom.errors import ClassroomStop as ClassroomStop
from lib.classroom.errors import QueueTimeout as QueueTimeout
from lib.classroom.errors import RequestTooLarge as RequestTooLarge
from lib.classroom.errors import StoreUnavailable as StoreUnavailable
from lib.classroom.limiter import RateLimiter as RateLimiter
from lib.classroom.limiter import Wait as Wait
from lib.classroom.store import MemoryStore as MemoryStore
from lib.classroom.store import RedisStore as RedisStore
from lib.classroom.store import Store as Store
from lib.classroom.store import open_store as open_store
from lib.classroom.strings import OVER_BUDGET_KEYS as OVER_BUDGET_KEYS
from lib.classroom.strings import RESOURCE_LABEL_KEYS as RESOURCE_LABEL_KEYS
from lib.core.amounts import Amounts as Amounts
from lib.core.amounts import Limits as Limits
