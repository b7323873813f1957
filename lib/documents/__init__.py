"""The Documents tool: the lesson's PDF chatbot (RAG) in five visible steps: upload (text extraction), split,
embed, search, answer with citations.

This is the public API of ``lib.documents``: pages and ``ui`` use only these names."""

from lib.documents import kept as kept
from lib.documents import strings as strings  # registers the Documents strings with lib.core.i18n
from lib.documents.answer import citations as citations
from lib.documents.answer import fit_passages as fit_passages
from lib.documents.answer import grounded_messages as grounded_messages
from lib.documents.answer import plain_messages as plain_messages
from lib.documents.embed import API_MODEL as API_MODEL
from lib.documents.embed import LOCAL_MODEL as LOCAL_MODEL
from lib.documents.embed import ApiEmbedder as ApiEmbedder
from lib.documents.embed import EmbeddingsUnavailable as EmbeddingsUnavailable
from lib.documents.embed import LocalEmbedder as LocalEmbedder
from lib.documents.embed import local_unavailable_reason as local_unavailable_reason
from lib.documents.embed import plan_cost as plan_cost
from lib.documents.extract import KINDS as KINDS
from lib.documents.extract import MAX_BYTES as MAX_BYTES
from lib.documents.extract import MAX_CHARS as MAX_CHARS
from lib.documents.extract import MAX_PAGES as MAX_PAGES
from lib.documents.extract import DocumentError as DocumentError
from lib.documents.extract import Extracted as Extracted
from lib.documents.extract import extract as extract
from lib.documents.index import Answer as Answer
from lib.documents.index import DocumentIndex as DocumentIndex
from lib.documents.index import Embedding as Embedding
from lib.documents.index import Hit as Hit
from lib.documents.index import pca_2d as pca_2d
from lib.documents.index import top_pieces as top_pieces
from lib.documents.samples import sample as sample
from lib.documents.split import DEFAULT_OVERLAP as DEFAULT_OVERLAP
from lib.documents.split import DEFAULT_SIZE as DEFAULT_SIZE
from lib.documents.split import ENCODING as ENCODING
from lib.documents.split import Piece as Piece
from lib.documents.split import SplitSettings as SplitSettings
from lib.documents.split import split as split
