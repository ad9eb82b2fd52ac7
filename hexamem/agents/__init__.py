"""Agents: plain functions from an episode, its context and an LLM to a list of ops."""
