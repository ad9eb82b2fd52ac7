"""The `hexamem` command: chat, simulate, inspect."""
