"""Checking that every store agrees with the records, and repairing the ones that do not.

The record store is the source of truth (the op log marks a batch done in its
transaction); the FTS index, the vectors and the graph are derived from it. A
check compares them version for version; a repair writes what is missing from
the records again and removes what belongs to no version.
"""

from hexamem.doctor.check import Doctor

__all__ = ["Doctor"]
