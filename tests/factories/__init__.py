"""One set of factory_boy factories and builders for every test folder, split by app as
the apps are: the kernel (`kernel.py`), the blocs (`blocs.py`) and the campaigns
(`campaigns.py`). Import them from `tests.factories`. Append; don't rename."""

from tests.factories.blocs import *  # noqa: F403
from tests.factories.campaigns import *  # noqa: F403
from tests.factories.kernel import *  # noqa: F403
