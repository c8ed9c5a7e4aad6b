"""Build step only (the project's metadata is in pyproject.toml).

The repository keeps the prompt templates and the bundled example at the top level (``prompts/``,
``examples/``), where they are reviewed like code; an installed package needs them too. This copies
both into the built package (``summarizer/prompts``, ``summarizer/examples``), where
:func:`summarizer.config.prompts_dir` and :func:`summarizer.config.examples_dir` look first.
An editable install reads them from the checkout instead, so nothing is copied for it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ("prompts", "examples")  # top-level folder -> summarizer/<same name> in the wheel


class BuildPyWithBundledData(build_py):
    """``build_py`` that also copies the top-level prompts and example into the package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in BUNDLED:
            source = ROOT / name
            if not source.is_dir():  # building from an sdist made without them
                raise SystemExit(f"error: {source} is missing: the wheel would ship without {name}/")
            target = Path(self.build_lib) / "summarizer" / name
            shutil.copytree(source, target, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPyWithBundledData})
