"""LLM providers behind one structured-call seam: anthropic, openai-compatible, offline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hexamem.errors import ConfigurationError
from hexamem.llm.base import ChatMessage, Reply, Role, StructuredLLM, Usage

if TYPE_CHECKING:
    from hexamem.settings import Settings

__all__ = ["ChatMessage", "Reply", "Role", "StructuredLLM", "Usage", "open_llm", "provider_name"]


def provider_name(settings: Settings) -> str:
    """The provider in use: `settings.llm`, else anthropic with a key, else offline."""
    if settings.llm:
        return settings.llm
    return "anthropic" if settings.anthropic_api_key else "offline"


def open_llm(settings: Settings) -> StructuredLLM:
    """The configured provider, imported only when chosen."""
    choice = provider_name(settings)
    if choice == "anthropic":
        from hexamem.llm.anthropic import AnthropicLLM

        return AnthropicLLM(
            api_key=settings.anthropic_api_key or "", base_url=settings.anthropic_base_url
        )
    if choice == "openai":
        from hexamem.llm.openai import OpenAICompatibleLLM

        return OpenAICompatibleLLM(
            base_url=settings.openai_base_url or "",
            model=settings.openai_model or "",
            api_key=settings.openai_api_key,
        )
    if choice == "offline":
        from hexamem.llm.offline import OfflineLLM

        return OfflineLLM()
    raise ConfigurationError(f"llm {choice!r}: use anthropic, openai or offline")
