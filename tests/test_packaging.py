"""The package's metadata installs without warnings (issue 14, 12: setuptools warned that
``project.license`` as a table is deprecated)."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT


def test_license_is_an_spdx_expression_and_the_build_backend_reads_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["license"] == "Apache-2.0"
    assert not any(c.startswith("License ::") for c in project["project"].get("classifiers", []))
    # a license string (PEP 639) needs setuptools 77 or later to build
    (requirement,) = [r for r in project["build-system"]["requires"] if "setuptools" in r]
    version = re.fullmatch(r"setuptools>=(\d+)(?:\.\d+)*", requirement)
    assert version is not None and int(version.group(1)) >= 77
