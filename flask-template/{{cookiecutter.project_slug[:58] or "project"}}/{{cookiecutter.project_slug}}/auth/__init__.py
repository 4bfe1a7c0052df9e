"""User accounts: register, log in and log out."""
