"""The import contracts of `.importlinter` hold (issue 16): search reads the content apps, which
never import search (not even inside a function, where a cycle hides until it bites); search never
imports the features built on it; nlp imports neither, nor Django. Checked on the source, whatever the test process imported."""
from pathlib import Path

from importlinter.cli import lint_imports

PROJECT = Path(__file__).resolve().parents[2]


def test_the_import_contracts_hold(monkeypatch, capsys):
    monkeypatch.chdir(PROJECT)
    status = lint_imports(config_filename=str(PROJECT / ".importlinter"), no_cache=True)
    report = capsys.readouterr().out
    assert status == 0, report
