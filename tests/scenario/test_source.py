"""Safe reading of scenario files: YAML 1.2, duplicate keys, and limits checked before parsing."""

from __future__ import annotations

import os
import resource
from pathlib import Path

import pytest

from mission_planner import Scenario
from mission_planner.errors import ScenarioFileError
from mission_planner.scenario.source import MAX_DEPTH, MAX_FILE_BYTES, parse_yaml, read_source

GOOD = """\
start: 2026-12-07
end: 2026-12-11
lead:
  id: yes
  calendar: {country: NO}
mission:
  client: ACME
  tasks:
    - {id: a, effort_hours: 2, due: 2026-12-10}
"""


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path) -> str:
    with pytest.raises(ScenarioFileError) as info:
        read_source(path)
    return info.value.report()


def test_yaml_12_keeps_no_and_yes_as_strings(tmp_path: Path) -> None:
    """country: NO (Norway) and id: yes stay strings, so the scenario loads."""
    scenario = Scenario.from_file(write(tmp_path, GOOD))
    assert scenario.lead.id == "yes"
    assert scenario.lead.calendar.country == "NO"


def test_duplicate_yaml_key_is_refused_with_its_line(tmp_path: Path) -> None:
    """A key given twice in YAML is refused at the line of the second one."""
    path = write(tmp_path, GOOD.replace("end: 2026-12-11\n", "end: 2026-12-11\nend: 2026-12-12\n"))
    report = refusal(path)
    assert f"{path}:3 end: duplicate key 'end' (first at line 2)" in report


def test_duplicate_json_key_is_refused_with_its_line(tmp_path: Path) -> None:
    """A key given twice in JSON is refused, with its line."""
    text = '{\n  "start": "2026-12-07",\n  "start": "2026-12-08"\n}\n'
    report = refusal(write(tmp_path, text, "s.json"))
    assert ":3 start: duplicate key 'start'" in report


def test_json_nan_and_infinity_are_refused(tmp_path: Path) -> None:
    """NaN and Infinity are not JSON numbers: refused."""
    assert "Infinity is not a JSON number" in refusal(
        write(tmp_path, '{"start": Infinity}', "s.json")
    )


def test_billion_laughs_is_refused_fast_and_small(tmp_path: Path) -> None:
    """An alias bomb is refused while parsing: the memory used stays small."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert "once aliases (*name) are expanded" in refusal(path)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # kB


@pytest.mark.parametrize("text", ["[" * 5000 + "]" * 5000, "{a: " * 2000 + "1" + "}" * 2000])
def test_deep_flow_nesting_is_refused(tmp_path: Path, text: str) -> None:
    """Flow nesting deeper than MAX_DEPTH is refused before the YAML parser sees it."""
    assert f"nested deeper than {MAX_DEPTH} levels" in refusal(write(tmp_path, text))


def test_deep_block_nesting_is_refused(tmp_path: Path) -> None:
    """Block nesting 1,000 deep is refused (no RecursionError)."""
    text = "".join("  " * i + "a:\n" for i in range(1000)) + "  " * 1000 + "b: 1\n"
    assert f"nested deeper than {MAX_DEPTH} levels" in refusal(write(tmp_path, text))


def test_deep_json_nesting_is_refused(tmp_path: Path) -> None:
    """JSON nested 100,000 deep is refused without RecursionError."""
    text = '{"a": ' * 100_000 + "1" + "}" * 100_000
    assert "nested deeper" in refusal(write(tmp_path, text, "s.json"))


def test_large_file_is_refused(tmp_path: Path) -> None:
    """A file over MAX_FILE_BYTES is refused before it is read."""
    path = write(tmp_path, "# " + "x" * MAX_FILE_BYTES + "\n")
    assert f"limited to {MAX_FILE_BYTES:,} bytes" in refusal(path)


def test_directory_is_refused(tmp_path: Path) -> None:
    """A directory named like a scenario is refused."""
    (tmp_path / "d.yaml").mkdir()
    assert "is a directory" in refusal(tmp_path / "d.yaml")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    """A named pipe is refused as not a regular file (reading it would block)."""
    os.mkfifo(tmp_path / "p.yaml")
    assert "not a regular file" in refusal(tmp_path / "p.yaml")


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!custom", "!!binary"])
def test_tags_are_refused(tag: str) -> None:
    """Tags other than the standard scalar ones are refused; no object is built."""
    with pytest.raises(ScenarioFileError, match="is not allowed"):
        parse_yaml(f"name: {tag} x\n")


def test_yaml_12_scalars() -> None:
    """Core-schema scalars: ints, floats, .inf, null, true; dates stay text."""
    data = parse_yaml("a: 0o17\nb: 1e3\nc: .inf\nd: ~\ne: true\nf: 2026-12-01\ng: 017\n").data
    assert data == {
        "a": 15,
        "b": 1000.0,
        "c": float("inf"),
        "d": None,
        "e": True,
        "f": "2026-12-01",
        "g": 17,
    }


def test_infinite_effort_is_refused(tmp_path: Path) -> None:
    """effort_hours: .inf is read, then refused by the model (finite numbers only)."""
    path = write(tmp_path, GOOD.replace("effort_hours: 2", "effort_hours: .inf"))
    with pytest.raises(ScenarioFileError, match=r"effort_hours = inf: Input should be a finite"):
        Scenario.from_file(path)
