import pytest


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium, installed when missing (root + apt-get); the test is skipped with the reason otherwise."""
    from browser import find_or_install

    exe, why = find_or_install()
    if exe is None:
        print(f"skipping the headless-browser check: {why}")
        pytest.skip(why)
    return exe
