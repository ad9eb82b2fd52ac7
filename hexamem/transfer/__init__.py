"""Moving a user's memory between data directories: the export format and its reader."""
