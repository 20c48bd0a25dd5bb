"""Where -o writes: '-' is standard output, only regular files are replaced (through symbolic links), and the
two CSV tables are replaced together or not at all."""

import fcntl
import os
import subprocess
import sys

import pytest
from conftest import invoke

from kg.errors import InputError
from kg.output import files


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def test_dash_is_standard_output_for_export(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    to_dash = invoke(["export", "--format", "nquads", "-o", "-"])
    plain = invoke(["export", "--format", "nquads"])
    assert to_dash.stdout_bytes == plain.stdout_bytes
    assert b"<https://w3id.org/argentina2023/id/mauricio-macri> " in to_dash.stdout_bytes
    assert list(tmp_path.iterdir()) == []


def test_dash_is_standard_output_for_viz(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(["viz", "-o", "-", "--focus", "Milei", "--depth", "0"])
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "Javier Milei" in result.stdout
    assert result.stderr == "Wrote the page to standard output: 1 actor, 0 relationships.\n"
    assert list(tmp_path.iterdir()) == []


def test_viz_open_with_dash_is_a_usage_error():
    result = invoke(["viz", "-o", "-", "--open"], expect=2)
    assert "--open needs a file" in result.output


def test_csv_pair_to_standard_output_is_refused():
    result = invoke(["export", "--format", "csv", "-o", "-"], expect=2)
    assert result.output == "Error: csv writes two files, nodes and edges: give -o graph.csv or -o FOLDER\n"


@pytest.mark.parametrize("command", [["export"], ["export", "--format", "graphml"], ["viz"]])
def test_a_fifo_is_refused_and_left_alone(fifo, command):
    result = invoke([*command, "-o", fifo], expect=2)
    assert result.output == f"Error: cannot write {fifo}: not a regular file (a device, FIFO or socket)\n"
    assert fifo.is_fifo()


@pytest.mark.parametrize("command", [["export"], ["export", "--format", "gexf"], ["viz"]])
def test_a_folder_where_a_file_is_meant_is_refused(tmp_path, command):
    result = invoke([*command, "-o", tmp_path], expect=2)
    assert result.output == f"Error: cannot write {tmp_path}: it is a folder; name a file\n"
    assert list(tmp_path.iterdir()) == []


def test_a_device_is_refused_without_being_touched():
    with pytest.raises(InputError, match=r"^cannot write /dev/null: not a regular file"):
        files.output_target("/dev/null")


def test_a_symlinked_target_stays_a_link_to_the_new_file(tmp_path):
    real, link = tmp_path / "real.ttl", tmp_path / "link.ttl"
    real.write_text("old\n")
    link.symlink_to(real.name)
    invoke(["export", "-o", link])
    assert link.is_symlink() and os.readlink(link) == "real.ttl"
    assert real.read_text(encoding="utf-8").startswith("PREFIX ")
    assert "kg:mauricio-macri" in real.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.ttl", "real.ttl"]


def test_a_dangling_symlink_gets_its_target_created(tmp_path):
    link = tmp_path / "link.html"
    link.symlink_to("page.html")
    invoke(["viz", "-o", link])
    assert link.is_symlink() and (tmp_path / "page.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_full_disk_while_writing_the_csv_pair_keeps_both_old_tables(tmp_path, monkeypatch):
    nodes, edges = tmp_path / "graph.nodes.csv", tmp_path / "graph.edges.csv"
    nodes.write_text("old nodes\n")
    edges.write_text("old edges\n")
    synced = []

    def fsync_then_fill_the_disk(fd):
        synced.append(fd)
        if len(synced) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", fsync_then_fill_the_disk)
    result = invoke(["export", "--format", "csv", "-o", tmp_path / "graph.csv"], expect=2)
    assert result.output == f"Error: cannot write {edges}: No space left on device\n"
    assert (nodes.read_text(), edges.read_text()) == ("old nodes\n", "old edges\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.edges.csv", "graph.nodes.csv"]


def test_a_refused_second_target_leaves_the_first_file_alone(tmp_path, fifo):
    first = tmp_path / "first.txt"
    first.write_text("old\n")
    with pytest.raises(InputError, match="not a regular file"):
        files.write_files({first: b"new\n", fifo: b"new\n"})
    assert first.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.txt", "pipe"]


def test_the_csv_pair_is_written_together(tmp_path):
    invoke(["export", "--format", "csv", "-o", tmp_path / "graph.csv"])
    nodes = (tmp_path / "graph.nodes.csv").read_text(encoding="utf-8")
    edges = (tmp_path / "graph.edges.csv").read_text(encoding="utf-8")
    assert "https://w3id.org/argentina2023/id/javier-milei" in nodes
    assert "https://w3id.org/argentina2023/id/mauricio-macri" in edges


def test_a_closed_pipe_exits_141_quietly():
    """`kg show Milei | head -1`: the first line, then a quiet exit 141 (not 1, not a traceback).

    The pipe holds one page, less than the output, so kg is still writing when the reader closes it.
    """
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, getattr(fcntl, "F_SETPIPE_SZ", 1031), 4096)
    child = subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "show", "Milei"],
                             stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        first = reader.readline()
    stderr = child.communicate(timeout=120)[1]
    assert first == b"Javier Milei  (https://w3id.org/argentina2023/id/javier-milei)\n"
    assert (child.returncode, stderr) == (141, b"")
