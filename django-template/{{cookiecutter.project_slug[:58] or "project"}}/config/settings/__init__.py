"""Settings per environment: base.py holds what they share, the others what differs."""
