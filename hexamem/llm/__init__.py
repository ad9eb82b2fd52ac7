"""LLM providers behind one structured-call seam: anthropic, openai-compatible, offline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hexamem.errors import ConfigurationError
from hexamem.llm.base import ChatMessage, Reply, Role, StructuredLLM, Usage

if TYPE_CHECKING:
    from hexamem.settings import Settings

__all__ = [
    "ChatMessage",
    "Reply",
    "Role",
    "StructuredLLM",
    "Usage",
    "models_setting",
    "open_llm",
    "provider_name",
]


def provider_name(settings: Settings) -> str:
    """The provider in use: `settings.llm`, else anthropic with a key, else offline."""
    if settings.llm:
        return settings.llm
    return "anthropic" if settings.anthropic_api_key else "offline"


ROLES = ("manager", "writer", "answer", "chat")


def models_setting(text: str | None) -> dict[str, str]:
    """'manager=a,answer=b' as a role-to-model table; unknown roles are an error."""
    table: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        role, sep, model = part.partition("=")
        if not sep or role.strip() not in ROLES or not model.strip():
            raise ConfigurationError(
                f"models: {part.strip()!r} should be role=model with a role in {list(ROLES)}"
            )
        table[role.strip()] = model.strip()
    return table


def open_llm(settings: Settings) -> StructuredLLM:
    """The configured provider, imported only when chosen."""
    choice = provider_name(settings)
    if choice == "anthropic":
        from hexamem.llm.anthropic import AnthropicLLM

        return AnthropicLLM(
            api_key=settings.anthropic_api_key or "",
            base_url=settings.anthropic_base_url,
            models=models_setting(settings.models),
        )
    if choice == "openai":
        from hexamem.llm.openai import OpenAICompatibleLLM

        return OpenAICompatibleLLM(
            base_url=settings.openai_base_url or "",
            model=settings.openai_model or "",
            api_key=settings.openai_api_key,
            models=models_setting(settings.models),
        )
    if choice == "offline":
        from hexamem.llm.offline import OfflineLLM

        return OfflineLLM()
    raise ConfigurationError(f"llm {choice!r}: use anthropic, openai or offline")
