"""The dashboard's tests pin "today" as the kernel's tests do (its default year and its
reminders depend on it)."""

from tests.emulation.conftest import TODAY, today  # noqa: F401 (the shared fixture)
