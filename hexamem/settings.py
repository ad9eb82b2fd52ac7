"""One frozen `Settings`, built once at the edge and passed down.

Sources, strongest first: keyword arguments, ``HEXAMEM_*`` environment
variables, a TOML file (``HEXAMEM_CONFIG`` or ``<home>/hexamem.toml``), defaults.
Nothing reads the environment at import time.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from hexamem.errors import ConfigurationError

ENV_PREFIX = "HEXAMEM_"
#: The model providers `llm` may name.
LLM_CHOICES = ("anthropic", "openai", "offline")


class Settings(BaseModel):
    """Everything a `Memory` needs to know about its environment."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    home: Path = Field(description="Data directory: op log, records, Chroma files.")
    chroma_url: str | None = Field(
        default=None, description="Chroma server URL; None keeps an embedded PersistentClient."
    )
    database_url: str | None = Field(
        default=None,
        repr=False,
        description="postgresql://... for records and the op log on a server (shared by "
        "every instance); None keeps SQLite in the home.",
    )
    max_message_chars: int = Field(
        default=32_000, gt=0, description="Longest message content accepted by `add`."
    )
    max_messages: int = Field(default=500, gt=0, description="Most messages in one `add` call.")
    graph: str = Field(
        default="falkordb",
        description="falkordb (embedded), falkordb://host:port, or neo4j://user:pass@host:port.",
    )
    falkordb_url: str | None = Field(
        default=None, description="A FalkorDB server, falkordb://host:port: the same as `graph`."
    )
    llm: str | None = Field(
        default=None,
        description="anthropic, openai or offline; default anthropic when a key is set.",
    )
    anthropic_api_key: str | None = Field(
        default=None, repr=False, description="Read from ANTHROPIC_API_KEY when not given."
    )
    anthropic_base_url: str | None = Field(default=None, description="Another Messages API.")
    models: str | None = Field(
        default=None,
        description="Models per role, e.g. 'manager=claude-haiku-5-5,answer=claude-opus-5-5'.",
    )
    openai_base_url: str | None = Field(default=None, description="Chat-completions endpoint.")
    openai_model: str | None = Field(default=None, description="Model name at that endpoint.")
    openai_api_key: str | None = Field(default=None, repr=False)
    vault_key: str | None = Field(
        default=None,
        repr=False,
        description="Vault keys, comma-separated, the sealing key first; default: "
        "<home>/vault.key, created with mode 0600.",
    )
    prompts_dir: Path | None = Field(
        default=None, description="A folder of <role>.md files that replace the built-in prompts."
    )
    session_batch: int = Field(
        default=1,
        ge=1,
        le=100,
        description="Messages of one session sent to the agents together (1: every add).",
    )
    search_overfetch: int = Field(
        default=4, ge=1, description="Candidates read per wanted result before post-filtering."
    )

    @field_validator("llm")
    @classmethod
    def _known_provider(cls, value: str | None) -> str | None:
        if value is None:
            return None
        name = value.strip().lower()
        if name not in LLM_CHOICES:
            raise ValueError(f"{value!r} is not a provider; choose one of {', '.join(LLM_CHOICES)}")
        return name

    @field_validator("database_url")
    @classmethod
    def _server_database(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not value.strip().startswith(("postgresql://", "postgres://")):
            raise ValueError("database_url must be a postgresql:// URL (SQLite needs none)")
        return value.strip()

    @property
    def namespace(self) -> str:
        """The memory's name on the servers it uses: its database's (host, port, database
        and query, no credentials) when records live on PostgreSQL, so every instance
        names it alike; else the home's path."""
        if self.database_url is None:
            return str(self.home)
        parts = urlsplit(self.database_url)
        where = f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path or '/'}"
        return f"postgresql://{where}" + (f"?{parts.query}" if parts.query else "")

    @model_validator(mode="before")
    @classmethod
    def _graph_server(cls, data: Any) -> Any:
        """`falkordb_url` names the graph server: it becomes `graph`."""
        url = data.get("falkordb_url") if isinstance(data, dict) else None
        if url is None:
            return data
        if not str(url).startswith("falkordb://"):
            raise ValueError("falkordb_url must look like falkordb://host:port")
        if data.get("graph") not in (None, "falkordb", url):
            raise ValueError("give the graph server once: falkordb_url or graph, not both")
        return {**data, "graph": url}

    @model_validator(mode="after")
    def _one_key_for_every_instance(self) -> Settings:
        if self.database_url is not None and not self.vault_key:
            raise ValueError(
                "with database_url, set vault_key (HEXAMEM_VAULT_KEY): every instance that "
                "shares the database must seal secrets with the same key"
            )
        return self

    @field_validator("home")
    @classmethod
    def _expand_home(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        **overrides: Any,
    ) -> Settings:
        """Build settings from arguments, environment and TOML, in that order of strength."""
        env = os.environ if environ is None else environ
        unknown = set(overrides) - set(cls.model_fields) - {"home"}
        if unknown:
            raise ConfigurationError(
                f"unknown setting(s) {sorted(unknown)}; known: {sorted(cls.model_fields)}"
            )
        home = Path(path or env.get(ENV_PREFIX + "HOME") or Path.home() / ".hexamem")
        values: dict[str, Any] = dict(_read_toml(env, home))
        for name in cls.model_fields:
            raw = env.get(ENV_PREFIX + name.upper())
            if raw is not None and name != "home":
                values[name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "anthropic_api_key" not in values and env.get("ANTHROPIC_API_KEY"):
            values["anthropic_api_key"] = env["ANTHROPIC_API_KEY"]
        values["home"] = home
        try:
            return cls(**values)
        except ValidationError as exc:
            raise ConfigurationError(f"invalid settings: {_described(exc)}") from exc


def _described(exc: ValidationError) -> str:
    """One clause per bad setting ("llm: 'gpt' is not a provider; ..."), without pydantic's URLs."""
    clauses = []
    for error in exc.errors(include_url=False):
        name = ".".join(str(part) for part in error["loc"]) or "settings"
        if error["type"] == "value_error":  # our own validators name the value already
            clauses.append(f"{name}: {error['msg'].removeprefix('Value error, ')}")
        else:
            clauses.append(f"{name}: {error['msg']} (got {error.get('input')!r})")
    return "; ".join(clauses)


def _read_toml(env: Mapping[str, str], home: Path) -> Mapping[str, Any]:
    explicit = env.get(ENV_PREFIX + "CONFIG")
    candidate = Path(explicit) if explicit else home.expanduser() / "hexamem.toml"
    if not candidate.exists():
        if explicit:
            raise ConfigurationError(f"{ENV_PREFIX}CONFIG names {candidate}, which does not exist")
        return {}
    try:
        data = tomllib.loads(candidate.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"{candidate}: not valid TOML: {exc}") from exc
    section = data.get("hexamem", data)
    if not isinstance(section, dict):
        raise ConfigurationError(f"{candidate}: [hexamem] must be a table")
    return section
