"""Executes notebooks in the real .NET Interactive kernel, as Jupyter does, and keeps what a student would see.

Usage: /usr/bin/python3 run_in_kernel.py --out FOLDER [--timeout SECONDS] NOTEBOOK...

Each notebook runs in a fresh kernel (the kernelspec named in its metadata, .net-csharp for the course), from its own
folder (so the repository's nuget.config finds the local CourseKit build), with every cell run even after a failure.
FOLDER receives the executed notebooks and summary.json: per notebook the seconds it took, the failed cells and the
display updates Jupyter dropped because their display id was never shown. The checks themselves are in
RealKernelTests.cs; this script only runs the kernel and records.

The kernel puts a bootstrap script into the first output of every session (it probes the machine's IP addresses on
port 2048 for its HTTP API and loads require.js from a CDN): it is the kernel's, not CourseKit's, it would leak the
machine's addresses into stored files, so it is removed from the stored notebooks (and counted).

Exit status: 0 when every notebook ran (whatever its cells did), 3 when the Jupyter client or the kernel is missing.
"""

import argparse
import json
import os
import shutil
import sys
import time

EXIT_MISSING = 3

try:
    import nbformat
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient import NotebookClient
except ImportError as missing:
    print(f"run_in_kernel: the Python module {missing.name} is missing for {sys.executable}: ./test.sh installs the "
          "Debian packages python3-nbclient python3-jupyter-client python3-nbformat", file=sys.stderr)
    sys.exit(EXIT_MISSING)

# Marks of the kernel's bootstrap output: the element it looks for and the function that probes the HTTP API.
BOOTSTRAP_MARKS = ("dotnet-interactive-this-cell", "probeAddresses(")


class RecordingClient(NotebookClient):
    """nbclient's client, noting which display ids were shown and which updates went to ids never shown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_ids = set()
        self.lost_updates = []

    def process_message(self, msg, cell, cell_index):
        content = msg.get("content", {})
        display_id = content.get("transient", {}).get("display_id")
        if display_id and msg["msg_type"] in ("display_data", "execute_result"):
            self.shown_ids.add(display_id)
        elif display_id and msg["msg_type"] == "update_display_data" and display_id not in self.shown_ids:
            self.lost_updates.append({"cell": cell_index, "display_id": display_id,
                                      "text/plain": content.get("data", {}).get("text/plain", "")[:200]})
        return super().process_message(msg, cell, cell_index)


def is_bootstrap(output):
    html = output.get("data", {}).get("text/html", "")
    html = "".join(html) if isinstance(html, list) else html
    return all(mark in html for mark in BOOTSTRAP_MARKS)


def strip_bootstrap(notebook):
    removed = 0
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        kept = [o for o in cell.outputs if not is_bootstrap(o)]
        removed += len(cell.outputs) - len(kept)
        cell.outputs = kept
    return removed


def failed_cells(notebook):
    return [{"cell": i, "ename": o.get("ename", ""), "evalue": o.get("evalue", "")}
            for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"
            for o in cell.outputs if o.output_type == "error"]


def run(path, out, timeout):
    notebook = nbformat.read(path, as_version=4)
    kernel = notebook.metadata.get("kernelspec", {}).get("name", ".net-csharp")
    client = RecordingClient(notebook, timeout=timeout, kernel_name=kernel, allow_errors=True,
                             resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    started = time.monotonic()
    client.execute()
    seconds = time.monotonic() - started
    stripped = strip_bootstrap(notebook)
    nbformat.write(notebook, os.path.join(out, os.path.basename(path)))
    return {"notebook": os.path.basename(path), "kernel": kernel, "seconds": round(seconds, 1),
            "failed": failed_cells(notebook), "lost_updates": client.lost_updates, "bootstrap_outputs_removed": stripped}


def main():
    parser = argparse.ArgumentParser(description="Run notebooks in the real .NET Interactive kernel.")
    parser.add_argument("--out", required=True, help="folder for the executed notebooks and summary.json")
    parser.add_argument("--timeout", type=int, default=600, help="seconds one cell may take")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    if shutil.which("dotnet-interactive") is None:  # the kernelspec runs `dotnet interactive`, which needs it on PATH
        print("run_in_kernel: dotnet-interactive is not on PATH: ./test.sh installs the .NET Interactive tool into "
              ".tools/", file=sys.stderr)
        return EXIT_MISSING
    os.makedirs(args.out, exist_ok=True)
    results = []
    for path in args.notebooks:
        try:
            results.append(run(path, args.out, args.timeout))
        except NoSuchKernel as missing:
            print(f"run_in_kernel: no Jupyter kernel named {missing}: ./test.sh installs the .NET Interactive tool into "
                  ".tools/ and registers it in .tools/jupyter (put them on PATH and JUPYTER_PATH)", file=sys.stderr)
            return EXIT_MISSING
        print(f"{results[-1]['notebook']}: {results[-1]['seconds']} s, {len(results[-1]['failed'])} failed cells",
              flush=True)
    with open(os.path.join(args.out, "summary.json"), "w") as summary:
        json.dump(results, summary, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
