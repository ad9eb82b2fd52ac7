"""Scripted multi-session simulations: the scenario format, the runner and its report."""

from hexamem.simulation.report import OpRecord, ProbeReport, ScenarioReport, op_records
from hexamem.simulation.runner import run_scenario
from hexamem.simulation.scenario import Scenario, ScenarioError, load_scenario

__all__ = [
    "OpRecord",
    "ProbeReport",
    "Scenario",
    "ScenarioError",
    "ScenarioReport",
    "load_scenario",
    "op_records",
    "run_scenario",
]
