"""Configuration refuses broken settings at start-up with a message naming the variable."""

import pytest

from config import Config


@pytest.mark.parametrize("pattern, message", [
    ("{bad}", "LETTER_NUMBER_PATTERN is not a valid pattern"),
    ("S-{year}", "must contain {seq}"),
])
def test_a_broken_letter_number_pattern_is_refused(tmp_path, pattern, message):
    with pytest.raises(RuntimeError, match=message):
        Config.from_env({"LETTER_NUMBER_PATTERN": pattern, "REVIEWFLOW_INSTANCE": str(tmp_path)})


def test_a_non_numeric_setting_is_refused(tmp_path):
    with pytest.raises(RuntimeError, match="SMTP_PORT must be a whole number"):
        Config.from_env({"SMTP_PORT": "twenty-five", "REVIEWFLOW_INSTANCE": str(tmp_path)})


def test_the_secret_key_is_generated_once_into_the_instance_folder(tmp_path):
    first = Config.from_env({"REVIEWFLOW_INSTANCE": str(tmp_path)}).SECRET_KEY
    again = Config.from_env({"REVIEWFLOW_INSTANCE": str(tmp_path)}).SECRET_KEY
    assert first == again and len(first) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
