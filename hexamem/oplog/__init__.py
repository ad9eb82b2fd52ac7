"""The write path: ops are planned, written ahead as a pending batch, then applied.

`Planner` checks ops and fixes ids, versions and times; `OpLog` stores the plan
before any store is touched; `Applier` writes it to every store and marks it
done. `Writer` is the one object that runs those steps for everything that
writes; opening a memory replays whatever is still pending.
"""

from hexamem.oplog.apply import Applier
from hexamem.oplog.log import OpLog
from hexamem.oplog.plan import Plan, Purge
from hexamem.oplog.planner import Planner
from hexamem.oplog.writer import Writer

__all__ = ["Applier", "OpLog", "Plan", "Planner", "Purge", "Writer"]
