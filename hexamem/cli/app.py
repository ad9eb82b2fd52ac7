"""The `hexamem` command line: every command's options and help, registered on one app.

This module is the whole surface and imports nothing heavy, so `hexamem --help`
and a mistyped option answer at once; each command imports the module that does
its work (`chat`, `simulate`, `inspect`, `transfer`) when it runs. Help is plain
click text: typer's rich help loads Markdown and syntax highlighting, which would
double the time of every `--help`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hexamem.cli.errors import DEBUG_ENV, ReportingGroup, set_debug
from hexamem.cli.options import HomeOption, JsonOption, LlmOption, UserOption

#: Checked by the memory, which names the choices when one is wrong.
MEMORY_TYPE_NAMES = "core, episodic, semantic, procedural, resource or knowledge_vault"
TypeOption = Annotated[
    str | None,
    typer.Option("--type", "-t", help=f"Only this memory type: {MEMORY_TYPE_NAMES}."),
]
ListUserOption = Annotated[str | None, typer.Option("--user", "-u", help="Default: every user.")]

app = typer.Typer(
    name="hexamem",
    help="Long-term memory for LLM agents: chat with it, script it, look inside it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=ReportingGroup,
)


@app.callback()
def _everywhere(
    debug: Annotated[
        bool,
        typer.Option("--debug", envvar=DEBUG_ENV, help="On an error, print the traceback too."),
    ] = False,
) -> None:
    """Long-term memory for LLM agents: chat with it, script it, look inside it."""
    set_debug(debug)


@app.command()
def chat(
    user: Annotated[
        str | None, typer.Option("--user", "-u", help="Who you are (default: your login name).")
    ] = None,
    session: Annotated[
        str | None,
        typer.Option("--session", help="Session id (default: a new session at every start)."),
    ] = None,
    llm: LlmOption = None,
    home: HomeOption = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Line mode, for scripts (automatic when stdin or stdout is not a terminal).",
        ),
    ] = False,
) -> None:
    """Chat with an assistant that remembers you across sessions (a full-screen app)."""
    from hexamem.cli import chat as command

    command.chat(user=user, session=session, llm=llm, home=home, plain=plain)


@app.command()
def simulate(
    files: Annotated[list[Path], typer.Argument(help="Scenario files (YAML).", show_default=False)],
    llm: LlmOption = None,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home", help="Play every file into this directory (default: a fresh one each)."
        ),
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write the report here, as JSON.")
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show every turn and the ops it led to.")
    ] = False,
    per_exchange: Annotated[
        bool,
        typer.Option(
            "--per-exchange",
            help="Ingest each exchange on its own (default: all turns since the last live "
            "reply in one add), so -v shows which turn caused each op.",
        ),
    ] = False,
) -> None:
    """Play scripted multi-session scenarios into memory, then check what it recalls."""
    from hexamem.cli import simulate as command

    command.simulate(
        files, llm=llm, home=home, report=report, verbose=verbose, per_exchange=per_exchange
    )


@app.command("eval")
def evaluate(
    benchmark: Annotated[str, typer.Argument(help="locomo or longmemeval.", show_default=False)],
    data: Annotated[Path, typer.Option("--data", help="The benchmark's JSON file.")],
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", min=1, help="Only the first N conversations (LongMemEval: questions)."
        ),
    ] = None,
    infer: Annotated[
        str,
        typer.Option("--infer", help="off: store raw turns; on: let the agents extract memories."),
    ] = "off",
    llm: LlmOption = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Results folder (default: eval-results/<benchmark>)."),
    ] = None,
    answers: Annotated[
        bool, typer.Option("--answers/--no-answers", help="Also answer each question and score it.")
    ] = True,
) -> None:
    """Run LoCoMo or LongMemEval through hexamem and two baselines; write a report."""
    from hexamem.cli import evaluate as command
    from hexamem.evaluation.run import EvalConfig

    if infer not in ("on", "off"):
        raise typer.BadParameter("use on or off", param_hint="--infer")
    config = EvalConfig(
        benchmark=benchmark,
        data=data,
        out=out or command.default_out(benchmark),
        limit=limit,
        infer=infer == "on",
        llm=llm,
        answers=answers,
    )
    command.run_eval(config)


@app.command()
def inspect(
    user: ListUserOption = None,
    type: TypeOption = None,
    all_versions: Annotated[
        bool, typer.Option("--all", help="Closed versions too, not only current ones.")
    ] = False,
    as_json: JsonOption = False,
    home: HomeOption = None,
) -> None:
    """Memories as tables per type, with their dates and versions."""
    from hexamem.cli import inspect as command

    command.inspect(user=user, type=type, all_versions=all_versions, as_json=as_json, home=home)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for, in plain words.")],
    user: UserOption,
    type: TypeOption = None,
    k: Annotated[int, typer.Option("-k", min=1, help="How many results, best first.")] = 10,
    every: Annotated[
        bool, typer.Option("--all", help="Every match, however many (instead of -k).")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="What was true then: a date or date-time, UTC unless it has an offset.",
        ),
    ] = None,
    as_json: JsonOption = False,
    home: HomeOption = None,
) -> None:
    """Hybrid search (vectors, BM25, graph) over one user's memories, with scores and dates."""
    from hexamem.cli import inspect as command

    command.search(
        query, user=user, type=type, k=k, every=every, as_of=as_of, as_json=as_json, home=home
    )


@app.command()
def timeline(
    entity: Annotated[str, typer.Argument(help="A person, place or thing, by name or alias.")],
    user: UserOption,
    as_json: JsonOption = False,
    home: HomeOption = None,
) -> None:
    """Every fact about an entity from the knowledge graph, oldest first."""
    from hexamem.cli import inspect as command

    command.timeline(entity, user=user, as_json=as_json, home=home)


@app.command()
def history(
    id: Annotated[str, typer.Argument(help="A memory id.")],
    user: Annotated[str | None, typer.Option("--user", "-u", help="Its owner.")] = None,
    as_json: JsonOption = False,
    home: HomeOption = None,
) -> None:
    """Every change to one memory, with the versions before and after."""
    from hexamem.cli import inspect as command

    command.history(id, user=user, as_json=as_json, home=home)


@app.command()
def stats(
    user: ListUserOption = None, as_json: JsonOption = False, home: HomeOption = None
) -> None:
    """Counts per memory type, graph size, and tokens spent, per user."""
    from hexamem.cli import inspect as command

    command.stats(user=user, as_json=as_json, home=home)


@app.command()
def doctor(
    repair: Annotated[
        bool, typer.Option("--repair", help="Write again what a store lost; drop strays.")
    ] = False,
    user: ListUserOption = None,
    as_json: JsonOption = False,
    home: HomeOption = None,
) -> None:
    """Check that the index, the vectors and the graph agree with the records; exit 1 if not."""
    from hexamem.cli import inspect as command

    command.doctor(repair=repair, user=user, as_json=as_json, home=home)


@app.command()
def export(
    user: Annotated[str, typer.Argument(help="Whose memory to write out.")],
    reveal_secrets: Annotated[
        bool,
        typer.Option(
            "--reveal-secrets",
            help="Keep vault secrets in the file: needed for a backup that `import` accepts.",
        ),
    ] = False,
    home: HomeOption = None,
) -> None:
    """Every version, history entry, episode and entity of a user, as JSON Lines on stdout."""
    from hexamem.cli import transfer as command

    command.export(user, reveal_secrets=reveal_secrets, home=home)


@app.command(name="import")
def import_(
    file: Annotated[Path, typer.Argument(help="A file written by `hexamem export`; - for stdin.")],
    home: HomeOption = None,
) -> None:
    """Load an export into this memory, all or nothing (refused if any id already exists)."""
    from hexamem.cli import transfer as command

    command.import_(file, home=home)


@app.command()
def migrate(
    to: Annotated[
        str,
        typer.Option("--to", help="postgresql://... to move into.", show_default=False),
    ],
    chroma_url: Annotated[
        str | None, typer.Option("--chroma-url", help="The Chroma server the target uses.")
    ] = None,
    graph: Annotated[
        str | None,
        typer.Option("--graph", help="The graph server the target uses (falkordb://, neo4j://)."),
    ] = None,
    target_home: Annotated[
        Path | None,
        typer.Option("--target-home", help="Files of the target's embedded stores, if any."),
    ] = None,
    home: HomeOption = None,
) -> None:
    """Move this memory into PostgreSQL and servers, then check every user item for item."""
    from hexamem.cli import transfer as command

    command.migrate(to, home=home, chroma_url=chroma_url, graph=graph, target_home=target_home)


def main() -> None:
    """The `hexamem` entry point: every error is one line on stderr and an exit code."""
    app()
