"""The Chat tool: conversation values, presets, exports, the request and its snippet, the model list,
the stream, and the built-in local model.

This is the public API of ``lib.chat``: pages and ``ui`` use only these names."""

from lib.chat import finetune as finetune
from lib.chat import kept as kept
from lib.chat import local_llm as local_llm
from lib.chat import search as search
from lib.chat import strings as strings  # registers the Chat strings with lib.core.i18n
from lib.chat import vision as vision
from lib.chat.answer_format import FORMAT_KINDS as FORMAT_KINDS
from lib.chat.answer_format import AnswerFormat as AnswerFormat
from lib.chat.answer_format import retry_messages as retry_messages
from lib.chat.conversation import Busy as Busy
from lib.chat.conversation import Conversation as Conversation
from lib.chat.conversation import EmptyMessage as EmptyMessage
from lib.chat.conversation import Phase as Phase
from lib.chat.export import export_json as export_json
from lib.chat.export import export_markdown as export_markdown
from lib.chat.local_llm import ContextTooLong as ContextTooLong
from lib.chat.local_llm import LocalModelUnavailable as LocalModelUnavailable
from lib.chat.messages import Role as Role
from lib.chat.messages import Shot as Shot
from lib.chat.messages import Status as Status
from lib.chat.messages import Turn as Turn
from lib.chat.messages import Usage as Usage
from lib.chat.messages import build_messages as build_messages
from lib.chat.messages import session_totals as session_totals
from lib.chat.messages import turn_cost as turn_cost
from lib.chat.presets import LANGS as LANGS
from lib.chat.presets import PRESETS as PRESETS
from lib.chat.presets import Preset as Preset
from lib.chat.presets import PresetText as PresetText
from lib.chat.request import chat_request as chat_request
from lib.chat.request import is_reasoning_model as is_reasoning_model
from lib.chat.request import plan_cost as plan_cost
from lib.chat.search import Source as Source
from lib.chat.snippet import code_snippet as code_snippet
from lib.chat.stream import ChatStream as ChatStream
from lib.chat.stream import StreamCut as StreamCut
from lib.chat.stream import StreamResult as StreamResult
from lib.chat.vision import NotAnImage as NotAnImage
from lib.chat.vision import Picture as Picture
from lib.chat.vision import prepare_image as prepare_image
