"""LLM providers behind one structured-call seam: anthropic, openai-compatible, offline."""
