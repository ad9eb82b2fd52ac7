"""What comes in: caller arguments checked, messages made into episodes, sessions batched,
and each user's episodes queued in order for the agents."""
