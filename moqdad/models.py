"""moqdad has no models of its own; this module lets `migrate` signal the app (role groups)."""
