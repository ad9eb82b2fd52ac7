"""Prompt files, one per agent role, and the helper that fills them with quoted data."""

from hexamem.prompts.render import Prompt, overrides_in, quoted, render

__all__ = ["Prompt", "overrides_in", "quoted", "render"]
