"""The time helpers: aware timestamps normalised to UTC, and epoch seconds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from hexamem.errors import InvalidInput
from hexamem.memory_types.time import at_epoch, parse_time, to_epoch


def test_parse_time_accepts_aware_values_and_normalises_to_utc() -> None:
    paris = timezone(timedelta(hours=2))
    assert parse_time("2024-06-10T11:00:00+02:00") == datetime(2024, 6, 10, 9, tzinfo=UTC)
    assert parse_time("2024-06-10T09:00:00Z") == datetime(2024, 6, 10, 9, tzinfo=UTC)
    assert parse_time(datetime(2024, 6, 10, 11, tzinfo=paris)).tzinfo is UTC


@pytest.mark.parametrize("bad", ["2024-06-10T09:00:00", datetime(2024, 6, 10), "yesterday", 17])
def test_parse_time_rejects_naive_or_unparsable_values(bad: object) -> None:
    with pytest.raises(InvalidInput):
        parse_time(bad)  # type: ignore[arg-type]


def test_epoch_round_trip() -> None:
    moment = datetime(2024, 6, 10, 9, tzinfo=UTC)
    assert at_epoch(to_epoch(moment) or 0.0) == moment
    assert to_epoch(None) is None and to_epoch(None, default=1.5) == 1.5
