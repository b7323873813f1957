"""What the installed llama.cpp build needs to run safely here (both built-in engines build their ``Llama``
with it).

A native llama-cpp-python build on a CPU with AMX (Intel Sapphire Rapids and later) turns on ggml's AMX matrix
kernels; compiled by gcc 12 (Debian 12), its ``_tile_loadconfig`` lets the compiler drop most of the tile
configuration, and every batch of two or more tokens faults (measured: a segmentation fault in llama_decode).
``requirements.txt`` asks for a portable build, but pip's wheel cache ignores that setting and hands an old
native build back. Such a build announces itself (``AMX_INT8 = 1``) and then evaluates one token at a time:
prompts read slower, answers are the same, and nothing crashes.
"""

from __future__ import annotations

AMX_MARK = "AMX_INT8 = 1"


def batch_limit(system_info: str) -> int | None:
    """The largest batch the build can evaluate safely; None when it has no limit.

    >>> batch_limit("AVX2 = 1 | AMX_INT8 = 1 | OPENMP = 1"), batch_limit("AVX2 = 1 | OPENMP = 1")
    (1, None)
    """
    return 1 if AMX_MARK in system_info else None


def installed_batch_limit() -> int | None:
    """``batch_limit`` of the llama.cpp build that is installed (imports llama_cpp: call when loading)."""
    import llama_cpp

    info = llama_cpp.llama_print_system_info()
    return batch_limit(info.decode("utf-8", "replace") if isinstance(info, bytes) else str(info))
