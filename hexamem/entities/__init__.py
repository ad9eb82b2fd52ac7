"""Entities and their resolution: who or what a name in a fact refers to."""

from hexamem.entities.model import PERSON, Entity, merge_root, normalize_name
from hexamem.entities.resolver import EntityResolver

__all__ = ["PERSON", "Entity", "EntityResolver", "merge_root", "normalize_name"]
