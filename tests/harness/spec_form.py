"""Check a multipart request body against a request schema of the shared OpenAI spec, arrays included.

Prism validates multipart bodies, but it does not read the bracketed arrays the SDK sends (``languages[]``,
``keywords[]``, ``known_speaker_names[]``: seen, an empty ``languages`` and five speaker names both passed)
and lets unknown fields through. Here the form is turned back into the object the schema describes (a
bracketed name is an array, a number field a number) and checked with ``jsonschema``, so ``minItems``,
``maxItems``, enums and ``additionalProperties: false`` count. The file itself is left out of the check.
"""

from __future__ import annotations

import json
import re
from functools import cache

from tests.harness.prism import SPEC


@cache
def _spec() -> dict:
    return json.loads(SPEC.read_text("utf-8"))


def form_fields(body: bytes, content_type: str) -> dict[str, list[str]]:
    """The text fields of a multipart body: name -> values in order (files left out)."""
    boundary = re.search(r"boundary=([^;]+)", content_type)
    assert boundary, content_type
    fields: dict[str, list[str]] = {}
    for part in body.split(b"--" + boundary.group(1).strip('"').encode())[1:]:
        head, sep, value = part.partition(b"\r\n\r\n")
        name = re.search(rb'name="([^"]+)"', head)
        if not sep or name is None or b"filename=" in head:
            continue
        fields.setdefault(name.group(1).decode(), []).append(value[:-2].decode("utf-8"))  # less its CRLF
    return fields


def spec_errors(body: bytes, content_type: str, schema: str = "CreateTranscriptionRequest") -> list[str]:
    """What in the form does not match ``schema`` (empty: it matches)."""
    import jsonschema

    spec = _spec()
    properties = spec["components"]["schemas"][schema]["properties"]
    instance: dict[str, object] = {"file": "(file)"}
    for name, values in form_fields(body, content_type).items():
        key = name[:-2] if name.endswith("[]") else name
        kind = properties.get(key, {}).get("type")
        if name.endswith("[]"):
            instance[key] = values
        elif kind == "number":
            instance[key] = float(values[0])
        else:
            instance[key] = values[0]
    root = {"$ref": f"#/components/schemas/{schema}", "components": spec["components"]}
    validator = jsonschema.Draft202012Validator(root)
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}"
        for e in validator.iter_errors(instance)
    ]
