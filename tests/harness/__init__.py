"""What tests and benches share: the app's isolated environment and server, processes, the Prism mock,
the browser, a scripted fault server and bench timings. Fixtures live in ``tests/conftest.py``; ``bench/``
imports only this package.

This is the public API of ``tests.harness``."""

from tests.harness.app import APP_ENV as APP_ENV
from tests.harness.app import IN_CI as IN_CI
from tests.harness.app import MODEL_CACHE as MODEL_CACHE
from tests.harness.app import ROOT as ROOT
from tests.harness.app import VOCAB_CACHE as VOCAB_CACHE
from tests.harness.app import app_command as app_command
from tests.harness.app import app_env as app_env
from tests.harness.app import isolated as isolated
from tests.harness.app import start_app as start_app
from tests.harness.app import write_toml as write_toml
from tests.harness.browser import ARTIFACTS as ARTIFACTS
from tests.harness.browser import CHROMIUM_ARGS as CHROMIUM_ARGS
from tests.harness.browser import chromium_binary as chromium_binary
from tests.harness.browser import wait_until_idle as wait_until_idle
from tests.harness.prism import SPEC as SPEC
from tests.harness.prism import PrismMock as PrismMock
from tests.harness.prism import prism_binary as prism_binary
from tests.harness.prism import prism_command as prism_command
from tests.harness.procs import free_port as free_port
from tests.harness.procs import stop_group as stop_group
from tests.harness.procs import wait_for_port as wait_for_port
from tests.harness.redis_server import RedisServer as RedisServer
from tests.harness.redis_server import redis_binary as redis_binary
