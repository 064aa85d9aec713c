"""One cold start, in the fresh interpreter that bench/cold_start.py spawns.

``python bench/cold_child.py MODULE DIRECTORY`` reads a request envelope on
stdin, puts DIRECTORY first on ``sys.path`` (as Lambda puts ``/var/task``),
then times importing MODULE and answering that first request with its
``lambda_handler``, as Lambda's init phase and first invocation would. Afterwards, and
outside the timing, it reports what the process loaded: web modules (Flask
and its kind must stay off the Lambda path) and how many AWS clients exist.
It prints one JSON object on stdout.

Only modules the Lambda runtime has loaded before the handler (``json``,
``sys``, ``importlib``, ``time``) are imported ahead of the timer, so the figure
holds everything our code and the baseline pull in.
"""

import gc
import importlib
import json
import sys
import time

#: Modules that belong to the self-hosted web endpoint, never to the Lambda path.
WEB_MODULES = frozenset(
    {
        "flask",
        "werkzeug",
        "jinja2",
        "gunicorn",
        "waitress",
        "cryptography",
        "ask_sdk_webservice_support",
    }
)


def aws_clients() -> int:
    """How many botocore clients exist in this process right now."""
    client_module = sys.modules.get("botocore.client")
    if client_module is None:
        return 0
    base = client_module.BaseClient
    return sum(1 for thing in gc.get_objects() if isinstance(thing, base))


def main() -> None:
    module_name, directory = sys.argv[1], sys.argv[2]
    event = json.loads(sys.stdin.read())
    # The script's own folder is not on Lambda's path.
    sys.path[0] = directory
    cpu_started = time.process_time()
    started = time.perf_counter()
    handler = importlib.import_module(module_name).lambda_handler
    imported = time.perf_counter()
    cpu_import = time.process_time() - cpu_started
    clients_after_import = aws_clients()
    boto3_after_import = "boto3" in sys.modules
    cpu_answer_started = time.process_time()
    answer_started = time.perf_counter()
    response = handler(event, None)
    answered = time.perf_counter()
    cpu_answer = time.process_time() - cpu_answer_started
    speech = (response.get("response") or {}).get("outputSpeech") or {}
    print(
        json.dumps(
            {
                "import_s": imported - started,
                "first_answer_s": answered - answer_started,
                "total_s": (imported - started) + (answered - answer_started),
                "cpu_s": cpu_import + cpu_answer,
                "speech": (speech.get("ssml") or speech.get("text") or "")[:80],
                "module_file": sys.modules[module_name].__file__,
                "boto3_imported_by_import": boto3_after_import,
                "boto3_imported_by_answer": "boto3" in sys.modules,
                "aws_clients_after_import": clients_after_import,
                "aws_clients_after_answer": aws_clients(),
                "web_modules_loaded": sorted(
                    {name.split(".")[0] for name in sys.modules} & WEB_MODULES
                ),
                "modules_loaded": len(sys.modules),
            }
        )
    )


if __name__ == "__main__":
    main()
