"""Consistency check of the third held-out set (tests/heldout3): the held-out checker, run on this folder."""
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.argv = [sys.argv[0], str(HERE)]
runpy.run_path(str(HERE.parent / "heldout" / "check_gold.py"), run_name="__main__")
