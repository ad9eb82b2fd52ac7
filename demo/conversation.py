"""The demo conversation: three sessions of Alice's, each on its own date."""

from __future__ import annotations

from datetime import UTC, datetime

SESSIONS: list[tuple[str, datetime, list[dict[str, str]]]] = [
    (
        "s1",
        datetime(2024, 3, 1, 10, tzinfo=UTC),
        [
            {"role": "user", "content": "Hi, I'm Alice. I live in Paris and I work as a nurse."},
            {"role": "assistant", "content": "Nice to meet you, Alice!"},
            {"role": "user", "content": "Please always answer briefly."},
        ],
    ),
    (
        "s2",
        datetime(2024, 6, 10, 9, tzinfo=UTC),
        [
            {
                "role": "user",
                "content": "Big news: we moved to Berlin last week! "
                "The new Wi-Fi password is sunflower42.",
            },
            {"role": "user", "content": "Here is the lease: https://example.org/lease-berlin.pdf"},
        ],
    ),
    (
        "s3",
        datetime(2024, 6, 20, 18, tzinfo=UTC),
        [
            {
                "role": "user",
                "content": "How to reset the router: 1. Unplug it 2. Wait ten seconds "
                "3. Plug it back in",
            },
            {"role": "user", "content": "Yesterday I visited the Pergamon Museum with Tom."},
        ],
    ),
]
