"""The Images tool: per-model request rules, photo-style modifiers, generation, the offline effect lab.

This is the public API of ``lib.images``: pages and ``ui`` use only these names."""

from lib.images import effects as effects
from lib.images import kept as kept
from lib.images import sample_photo as sample_photo
from lib.images import sizes as sizes
from lib.images import strings as strings  # registers the Images strings with lib.core.i18n
from lib.images.edit import MASK_SHAPES as MASK_SHAPES
from lib.images.edit import EditRequest as EditRequest
from lib.images.edit import build_edit as build_edit
from lib.images.edit import edit_prompt as edit_prompt
from lib.images.edit import make_mask as make_mask
from lib.images.edit import mask_preview as mask_preview
from lib.images.effects import PARAM_LABEL_KEYS as PARAM_LABEL_KEYS
from lib.images.errors import RequestRuleError as RequestRuleError
from lib.images.generate import MAX_IMAGE_BYTES as MAX_IMAGE_BYTES
from lib.images.generate import GeneratedImage as GeneratedImage
from lib.images.generate import InvalidImageData as InvalidImageData
from lib.images.generate import as_png as as_png
from lib.images.generate import decode_b64_image as decode_b64_image
from lib.images.generate import edit as edit
from lib.images.generate import generate as generate
from lib.images.modifiers import GROUP_LABEL_KEYS as GROUP_LABEL_KEYS
from lib.images.modifiers import GROUPS as GROUPS
from lib.images.modifiers import MODIFIERS as MODIFIERS
from lib.images.modifiers import MODIFIERS_BY_ID as MODIFIERS_BY_ID
from lib.images.modifiers import Group as Group
from lib.images.modifiers import Modifier as Modifier
from lib.images.modifiers import compose_prompt as compose_prompt
from lib.images.modifiers import grid_prompts as grid_prompts
from lib.images.rules import DEFAULT_MODEL as DEFAULT_MODEL
from lib.images.rules import MODELS as MODELS
from lib.images.rules import Family as Family
from lib.images.rules import ImageRequest as ImageRequest
from lib.images.rules import ModelRules as ModelRules
from lib.images.rules import build_request as build_request
from lib.images.rules import plan_cost as plan_cost
from lib.images.rules import rules_for as rules_for
from lib.images.sizes import CUSTOM as CUSTOM
from lib.images.sizes import CheckedSize as CheckedSize
from lib.images.sizes import check_size as check_size
from lib.images.sizes import size_like as size_like
