"""One exception tree for everything hexamem raises.

Two branches: the caller did something wrong (`CallerError`), or a run failed
(`RunError`). Adapters translate third-party exceptions at their seam with
``raise ... from`` so callers only ever catch `HexamemError`.
"""


class HexamemError(Exception):
    """Root of every error hexamem raises on purpose."""


class CallerError(HexamemError):
    """The call itself was wrong; retrying it unchanged fails the same way."""

    op_index: int | None
    """Which op of a batch was refused, when the error is about one op (else None)."""

    def __init__(self, *args: object, op_index: int | None = None) -> None:
        super().__init__(*args)
        self.op_index = op_index


class InvalidInput(CallerError, ValueError):
    """Arguments that do not validate: empty or oversized messages, bad timestamps, bad ops."""


class NotFound(CallerError, KeyError):
    """An id that does not exist, or exists for another user (never told apart)."""

    def __str__(self) -> str:  # KeyError quotes its argument; keep the message readable
        return str(self.args[0]) if self.args else "not found"


class ConfigurationError(CallerError):
    """Settings or installed files are missing or contradictory."""


class RunError(HexamemError):
    """Something failed while doing valid work; the op log keeps stores consistent."""


class StoreError(RunError):
    """A store (Chroma, SQLite, graph) failed; pending batches replay on the next open."""

    refused: bool
    """The store answered and refused the data (retrying cannot help), rather than being
    unreachable or busy (retrying later can)."""

    def __init__(self, *args: object, refused: bool = False) -> None:
        super().__init__(*args)
        self.refused = refused


class PendingWrite(StoreError):
    """A store failed after the batch was logged: it will be applied when the store answers
    again (at the next write or open), so do not write it again. `batch_id` and
    `episode_id` name it; retry an `add` with the same idempotency key to be sure."""

    def __init__(self, *args: object, batch_id: str, episode_id: str | None) -> None:
        super().__init__(*args)
        self.batch_id, self.episode_id = batch_id, episode_id


class EmbeddingError(RunError):
    """The embedding model could not be loaded or run."""


class ModelOutputError(RunError):
    """The model's reply did not validate, even after it was shown the error once."""


class ModelUnavailable(RunError):
    """The model provider could not be reached or kept refusing (after retries)."""
