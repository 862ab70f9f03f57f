"""Page blocks of user management (the users page, for administrators)."""
