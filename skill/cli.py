"""The ``heart-to-heart`` command: chat, say, serve, check-model, create-table, export-docs.

Heavy or optional dependencies are imported inside the command that needs
them: ``chat`` and ``say`` never load Flask or boto3, so a newcomer talks to
the skill with nothing but the embedded SQLite store. A configuration error
is one clear line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from skill.config import SettingsError
from skill.local.envelope import DEFAULT_USER_ID, JsonDict
from skill.local.nlu import ModelError, models_dir
from skill.local.simulator import Simulator, Turn
from skill.storage.base import StoreConfigError, StoreError

EXIT_CONFIG = 2
_DYNAMODB_PREFIX = "dynamodb://"
_BREAK = re.compile(r'<break time="(\d+)(m?s)"\s*/>')
_BREAK_RUN = re.compile(rf"(?:{_BREAK.pattern}\s*)+")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit status."""
    args = _parser().parse_args(argv)
    if getattr(args, "store", None):
        # Before the skill is built: it reads HTH_STORE once, on first use.
        os.environ["HTH_STORE"] = args.store
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        return command(args)
    except (StoreConfigError, ModelError, SettingsError) as error:
        print(f"heart-to-heart: {error}", file=sys.stderr)
        return EXIT_CONFIG


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="heart-to-heart",
        description="Heart to Heart, the Alexa skill for couples: talk to it locally, serve it, "
        "or check its interaction models.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    chat = commands.add_parser("chat", help="talk to the skill in the terminal")
    _add_conversation_options(chat)
    chat.add_argument("--voice", action="store_true", help="also speak answers with espeak-ng")
    chat.set_defaults(command=_chat)

    say = commands.add_parser("say", help="say one utterance and print the spoken answer")
    say.add_argument("utterance", help='what you would say, e.g. "ask heart talks for help"')
    _add_conversation_options(say)
    say.set_defaults(command=_say)

    serve = commands.add_parser("serve", help="run the web endpoint for Alexa (behind a TLS proxy)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="port to bind (default 8080)")
    serve.add_argument("--workers", type=int, help="worker processes (default 2)")
    serve.add_argument("--threads", type=int, help="request threads per worker (default 4)")
    serve.add_argument("--store", help="household store URL (sets HTH_STORE)")
    serve.add_argument(
        "--accept-any-skill",
        action="store_true",
        help="answer signed requests for any skill when SKILL_ID is unset "
        "(sets HTH_ACCEPT_ANY_SKILL)",
    )
    serve.set_defaults(command=_serve)

    check = commands.add_parser(
        "check-model", help="lint the interaction models and the manifest's example phrases"
    )
    check.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="a model file or a folder of them (default: the packaged skill/interaction_models/)",
    )
    check.add_argument(
        "--manifest",
        type=Path,
        help="also check this skill.json's example phrases against the models (default, when"
        " no PATH is given and the package runs from a checkout: infra/skill.json)",
    )
    check.add_argument(
        "--one-word-brand",
        action="store_true",
        help="allow a one-word invocation name: only for a brand you own (Amazon asks for proof)",
    )
    check.set_defaults(command=_check_model)

    export = commands.add_parser(
        "export-docs", help="write the privacy policy and terms of use as HTML for a static host"
    )
    export.add_argument("directory", type=Path, help="where to write privacy.html and terms.html")
    export.add_argument(
        "--contact-email",
        help="the operator's address for the documents (default: HTH_CONTACT_EMAIL)",
    )
    export.set_defaults(command=_export_docs)

    create = commands.add_parser("create-table", help="create the DynamoDB household table")
    create.add_argument(
        "--table", help="table name (default: from HTH_STORE=dynamodb://TABLE or TABLE_NAME)"
    )
    create.set_defaults(command=_create_table)
    return parser


def _add_conversation_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", help="household store URL, e.g. sqlite:///tmp/h.db")
    parser.add_argument("--user", help="Alexa user id of the simulated household")
    parser.add_argument(
        "--screen",
        action="store_true",
        help="talk as an Echo Show: answers carry the screen, and chat can touch it (tap LABEL)",
    )


def _simulator(args: argparse.Namespace) -> Simulator:
    # The simulator has no Alexa APIs (time zone, reminders): their expected warnings would
    # only clutter the conversation, so only errors are shown.
    logging.basicConfig(level=logging.ERROR, format="(%(levelname)s: %(message)s)")
    # The skill is built (store opened) on first use, after --store has set HTH_STORE.
    from skill.app import handle_event

    return Simulator(handle_event, user_id=args.user or DEFAULT_USER_ID, screen=args.screen)


def one_shot_note(simulator: Simulator, turn: Turn) -> str | None:
    """What to tell the user when their words went to the skill only because the simulator
    read them as a one-shot (no session was open and they did not name the skill)."""
    if not turn.assumed_invocation:
        return None
    name = simulator.invocation_name
    return (
        f'[no session open: sent as the one-shot "ask {name} {turn.utterance}" (an Echo would'
        f' answer it itself, without the name); say "open {name}" to talk in a session]'
    )


def _say(args: argparse.Namespace) -> int:
    simulator = _simulator(args)
    turn = simulator.send(args.utterance)
    note = one_shot_note(simulator, turn)
    if note is not None:
        print(f"heart-to-heart: {note}", file=sys.stderr)
    print(turn.speech)
    if turn.screen is not None:
        print(f"[screen: {turn.screen['token']}]")
    return 0


def _chat(args: argparse.Namespace) -> int:
    simulator = _simulator(args)
    speak = _voice() if args.voice else None
    print('Type what you would say to Alexa, e.g. "open heart talks". Ctrl-D leaves.')
    if args.screen:
        print('On the screen, "tap LABEL" touches what it shows, e.g. "tap Check in".')
    targets: dict[str, list[object]] = {}
    while True:
        try:
            text = input("You: ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            simulator.end_session()
            return 0
        if not text:
            continue
        label = text.removeprefix("tap ").strip().lower() if text.startswith("tap ") else None
        if label is not None and label not in targets:
            print(f"[nothing to tap called {label!r}; the screen shows: {', '.join(targets)}]")
            continue
        turn = simulator.touch(targets[label]) if label is not None else simulator.send(text)
        note = one_shot_note(simulator, turn)
        if note is not None:
            print(note)
        print(f"Alexa: {turn.speech}")
        if turn.reprompt and not turn.ended:
            print(f"(reprompt: {turn.reprompt})")
        if turn.card_title:
            print(f"[card: {turn.card_title}]")
        if turn.screen is not None:
            targets = {name.lower(): sent for name, sent in turn.touch_targets.items()}
            print(f"[screen: {turn.screen['token']}; tap: {' | '.join(turn.touch_targets)}]")
        if turn.ended:
            print("[session ended]")
        if speak is not None:
            speak(turn.response)


def _voice() -> Callable[[JsonDict], None] | None:
    """A function that speaks a response through espeak-ng, or None when it is not installed."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        print(
            "heart-to-heart: --voice needs espeak-ng (Debian/Ubuntu: apt-get install espeak-ng);"
            " continuing with text only.",
            file=sys.stderr,
        )
        return None

    def speak(response: JsonDict) -> None:
        speech = (response.get("response") or {}).get("outputSpeech") or {}
        if speech.get("type") == "SSML":
            # espeak-ng reads SSML itself (-m), so the exercise pauses are real silences.
            command = [espeak, "-m", merge_breaks(str(speech.get("ssml", "")))]
        else:
            command = [espeak, str(speech.get("text", ""))]
        subprocess.run(command, check=False, stderr=subprocess.DEVNULL)

    return speak


def merge_breaks(ssml: str) -> str:
    """Join each run of ``<break>`` tags into one long break.

    Alexa caps one break at 10 s, so a minute's pause is a run of six; espeak-ng
    honours only the first break of a run, which would cut the pause to 10 s.
    """

    def merged(run: re.Match[str]) -> str:
        total = sum(
            int(amount) * (1 if unit == "ms" else 1000) for amount, unit in _BREAK.findall(run[0])
        )
        return f'<break time="{total}ms"/>'

    return _BREAK_RUN.sub(merged, ssml)


def _check_model(args: argparse.Namespace) -> int:
    from skill.local.manifest_lint import (
        checkout_manifest,
        count_example_phrases,
        lint_manifest_file,
    )
    from skill.local.model_lint import lint_path

    models = args.path or models_dir()
    result = lint_path(models, brand=args.one_word_brand)
    manifest = args.manifest or (checkout_manifest() if args.path is None else None)
    problems = list(result.problems)
    if manifest is not None:
        problems += lint_manifest_file(manifest, models)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(result.summary())
    if manifest is not None:
        print(f"ok: {count_example_phrases(manifest)} example phrases in {manifest}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    if args.accept_any_skill:
        os.environ["HTH_ACCEPT_ANY_SKILL"] = "true"
    from skill.web.server import serve

    serve(args.host, args.port, args.workers, args.threads)
    return 0


def _export_docs(args: argparse.Namespace) -> int:
    from skill.web.documents import CONTACT_PLACEHOLDER, export

    contact = args.contact_email or os.environ.get("HTH_CONTACT_EMAIL", "").strip() or None
    for path in export(args.directory, contact):
        print(path)
    if contact is None:
        print(
            f"heart-to-heart: the documents still say {CONTACT_PLACEHOLDER}: pass --contact-email"
            " or set HTH_CONTACT_EMAIL before publishing them.",
            file=sys.stderr,
        )
    return 0


def _create_table(args: argparse.Namespace) -> int:
    table = args.table or _table_from_env()
    from skill.storage.dynamodb import create_table

    try:
        created = create_table(table)
    except StoreError as error:
        print(f"heart-to-heart: {error}", file=sys.stderr)
        return 1
    print(f"Created table {table}." if created else f"Table {table} already exists.")
    return 0


def _table_from_env() -> str:
    store = os.environ.get("HTH_STORE", "").strip()
    if store.startswith(_DYNAMODB_PREFIX) and store[len(_DYNAMODB_PREFIX) :]:
        return store[len(_DYNAMODB_PREFIX) :]
    table = os.environ.get("TABLE_NAME", "").strip()
    if table:
        return table
    raise StoreConfigError(
        "create-table needs a table name: pass --table, or set HTH_STORE=dynamodb://TABLE"
        " or TABLE_NAME."
    )


if __name__ == "__main__":
    sys.exit(main())
