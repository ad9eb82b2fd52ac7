"""Prompt files, one per agent role, and the helper that fills them with quoted data."""
