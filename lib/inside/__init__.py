"""Inside the model: next-token odds, temperature, sampling, and filling a blank by sentence probability.

Pure functions over an engine's logits (``Engine``); the built-in llama.cpp model is ``LlamaEngine``, and an
API model's ``top_logprobs`` are read by ``remote``. Never imports another tool package.

This is the public API of ``lib.inside``: pages and ``ui`` use only these names."""

from lib.inside import remote as remote
from lib.inside import strings as strings  # registers the Inside strings with lib.core.i18n
from lib.inside.blanks import MAX_CANDIDATES as MAX_CANDIDATES
from lib.inside.blanks import NoBlank as NoBlank
from lib.inside.blanks import Ranked as Ranked
from lib.inside.blanks import Scored as Scored
from lib.inside.blanks import SeveralBlanks as SeveralBlanks
from lib.inside.blanks import fill as fill
from lib.inside.blanks import propose as propose
from lib.inside.blanks import rank as rank
from lib.inside.blanks import score as score
from lib.inside.blanks import split_blank as split_blank
from lib.inside.engine import CONTEXT_TOKENS as CONTEXT_TOKENS
from lib.inside.engine import Engine as Engine
from lib.inside.engine import LlamaEngine as LlamaEngine
from lib.inside.engine import TooLong as TooLong
from lib.inside.engine import load_llama as load_llama
from lib.inside.odds import MAX_TEMPERATURE as MAX_TEMPERATURE
from lib.inside.odds import Candidate as Candidate
from lib.inside.odds import Odds as Odds
from lib.inside.odds import autocomplete as autocomplete
from lib.inside.odds import entropy as entropy
from lib.inside.odds import likeliest_character as likeliest_character
from lib.inside.odds import next_logits as next_logits
from lib.inside.odds import odds as odds
from lib.inside.odds import sample as sample
from lib.inside.odds import segments as segments
from lib.inside.odds import show_bytes as show_bytes
from lib.inside.odds import split_incomplete as split_incomplete
from lib.inside.odds import text_of as text_of
from lib.inside.odds import with_temperature as with_temperature
from lib.inside.remote import NoLogprobs as NoLogprobs
from lib.inside.starters import BLANK_STARTERS as BLANK_STARTERS
from lib.inside.starters import STARTERS as STARTERS
from lib.inside.starters import BlankStarter as BlankStarter
from lib.inside.starters import Starter as Starter
