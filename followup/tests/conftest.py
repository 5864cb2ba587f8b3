from tests.roles.conftest import rf_user, world  # noqa: F401 (the roles' two owners and accounts)
