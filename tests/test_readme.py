"""The README's Python example runs as written."""

import re
from pathlib import Path

import networkx as nx

README = Path(__file__).resolve().parents[1] / "README.md"


def python_example() -> str:
    section = README.read_text(encoding="utf-8").split("### Python API: a worked example", 1)[1]
    return re.search(r"```python\n(.*?)```", section, flags=re.S).group(1)


def test_readme_python_example_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    exec(compile(python_example(), "README.md", "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out
    assert "'Andrés Manuel López Obrador', 'Gustavo Petro'" in out
    assert "endorses 2023-10-26 000_9c4870c4c3406898.txt | 002_0f267a4a9a1e3df1.txt" in out
    assert "Luiz Inácio Lula da Silva ->" in out and out.rstrip().endswith("Mauricio Macri")
    written = nx.read_gexf(tmp_path / "network.gexf")
    assert written.nodes["https://w3id.org/argentina2023/id/lula"]["label"] == "Luiz Inácio Lula da Silva"
    page = (tmp_path / "bullrich.html").read_text(encoding="utf-8")
    assert "Patricia Bullrich" in page and "Together for Change" in page
