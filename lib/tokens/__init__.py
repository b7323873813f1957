"""Tokens: offline vocabularies, the token view, counting chat messages and context windows.

This is the public API of ``lib.tokens``: pages and ``ui`` use only these names."""

from lib.tokens import browser as browser
from lib.tokens import counting as counting
from lib.tokens import images as images
from lib.tokens import share as share
from lib.tokens import strings as strings  # registers the Tokenizer strings with lib.core.i18n
from lib.tokens import view as view
from lib.tokens import vocab as vocab
from lib.tokens.counting import CONTEXT_WINDOWS as CONTEXT_WINDOWS
from lib.tokens.counting import FALLBACK_ENCODING as FALLBACK_ENCODING
from lib.tokens.counting import TOKENS_PER_MESSAGE as TOKENS_PER_MESSAGE
from lib.tokens.counting import TOKENS_PER_NAME as TOKENS_PER_NAME
from lib.tokens.counting import TOKENS_REPLY_PRIMING as TOKENS_REPLY_PRIMING
from lib.tokens.counting import ContextCheck as ContextCheck
from lib.tokens.counting import check_context as check_context
from lib.tokens.counting import context_window as context_window
from lib.tokens.counting import count_tokens as count_tokens
from lib.tokens.counting import encoding_name_for as encoding_name_for
from lib.tokens.counting import text_tokens as text_tokens
from lib.tokens.images import ImageTokens as ImageTokens
from lib.tokens.images import image_tokens as image_tokens
from lib.tokens.view import get_encoding as get_encoding
from lib.tokens.vocab import VOCABULARIES as VOCABULARIES
from lib.tokens.vocab import Vocabulary as Vocabulary
from lib.tokens.vocab import VocabularyUnavailable as VocabularyUnavailable
from lib.tokens.vocab import cache_dir as cache_dir
from lib.tokens.vocab import ensure_vocabulary as ensure_vocabulary
