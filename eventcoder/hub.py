"""Publishing a built dataset folder to the Hugging Face Hub (the one module using huggingface_hub).

`push_dataset` uploads, in one commit, the files the Hub's dataset viewer and
`datasets.load_dataset("OWNER/NAME")` read: the Parquet parts under `data/` (named
`{split}-{shard}-{k}.parquet`), a README.md dataset card generated from the manifest
(`eventcoder.card`: YAML `configs` and `dataset_info` with the features), and the build's
`manifest.json`, `event.schema.json`, `quarantine.jsonl` and profile CSVs. The card is
rendered in memory, never written into the folder. Files under `data/` and `profiles/` left
on the Hub by an earlier push and absent now are deleted in the same commit, so the splits
hold exactly this build's rows.

The token comes from the `token` argument, else `HF_TOKEN`, else the huggingface_hub login
(`hf auth login`). It goes only into the client's Authorization header: it is never
printed, logged, written into the folder or the card, and it is scrubbed from error messages
and warnings. The Hub endpoint is `endpoint`, else `HF_ENDPOINT`, else huggingface.co.
Nothing is printed; the library's progress bars are off during the push.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventcoder.about import __version__
from eventcoder.card import CARD_FILE, GENERATED_MARK, render_card
from eventcoder.card_sections import CARD_IMAGE
from eventcoder.dataset import (
    DATA_DIR,
    MANIFEST,
    PROFILES_DIR,
    QUARANTINE,
    DatasetError,
    read_manifest,
)
from eventcoder.errors import EventcoderError
from eventcoder.ingest import sha256_file

REPO_TYPE = "dataset"
DEFAULT_TIMEOUT_S = 60.0
DEFAULT_RETRIES = 2
EXTRA_FILES = (MANIFEST, "event.schema.json", QUARANTINE)
MANAGED_DIRS = (f"{DATA_DIR}/", f"{PROFILES_DIR}/")
_REPO_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,95}/[A-Za-z0-9][A-Za-z0-9_.-]{0,95}")


class PushError(EventcoderError):
    """The dataset cannot be pushed: a bad folder, no token, or the Hub refused it."""


@dataclass(frozen=True)
class PushReport:
    """What a push committed."""

    repo_id: str
    repo_url: str
    revision: str
    commit_url: str
    commit_oid: str
    files: tuple[str, ...]
    deleted: tuple[str, ...]
    bytes: int
    warnings: tuple[str, ...] = ()


def upload_plan(
    folder: str | Path, *, allow_invalid: bool = False
) -> tuple[list[tuple[str, Path]], list[str]]:
    """The (path in repo, local file) pairs a push uploads, README.md aside, and warnings.

    Raises PushError when the folder is not a complete built dataset: no manifest, a part
    missing or different from its manifest sha256, or invalid rows (unless `allow_invalid`).
    """
    folder = Path(folder)
    try:
        manifest = read_manifest(folder)
    except DatasetError as err:
        raise PushError(str(err)) from None
    notes: list[str] = []
    plan: list[tuple[str, Path]] = []
    for part in manifest.parts:
        path = folder / part.path
        if not path.is_file():
            raise PushError(f"{path} is listed in the manifest but missing; rebuild the dataset")
        if sha256_file(path) != part.sha256:
            raise PushError(
                f"{path} differs from the sha256 in {MANIFEST} (changed after the build); "
                "rebuild the dataset"
            )
        plan.append((part.path, path))
    listed = {rel for rel, _ in plan}
    data = folder / DATA_DIR
    stray = (
        sorted(p.relative_to(folder).as_posix() for p in data.glob("*") if p.is_file())
        if data.is_dir()
        else []
    )
    stray = [s for s in stray if s not in listed]
    if stray:
        notes.append(f"not uploaded (not in {MANIFEST}): {', '.join(stray)}")
    for profile in manifest.profiles.values():
        path = folder / profile.path
        if not path.is_file():
            raise PushError(f"{path} is listed in the manifest but missing; rebuild the dataset")
        plan.append((profile.path, path))
    for name in EXTRA_FILES:
        if (folder / name).is_file():
            plan.append((name, folder / name))
        elif name != QUARANTINE:
            raise PushError(f"{folder / name} is missing; rebuild the dataset")
    if (folder / CARD_IMAGE).is_file():
        plan.append((CARD_IMAGE, folder / CARD_IMAGE))
    counts = manifest.counts
    invalid = counts.invalid_rows
    if invalid and not allow_invalid:
        raise PushError(
            f"the build left {invalid} invalid row(s) out (see {QUARANTINE}); fix the cause "
            "and rebuild, or allow invalid rows to push anyway"
        )
    if invalid:
        notes.append(f"{invalid} invalid row(s) were left out of the build ({QUARANTINE})")
    if not counts.events:
        notes.append("the dataset has no events: datasets.load_dataset cannot read an empty split")
    if counts.quarantined:
        notes.append(f"{counts.quarantined} input document(s) were quarantined ({QUARANTINE})")
    return plan, notes


def push_dataset(
    folder: str | Path,
    repo_id: str,
    *,
    private: bool = False,
    revision: str | None = None,
    commit_message: str | None = None,
    token: str | None = None,
    endpoint: str | None = None,
    template: str | Path | None = None,
    license: str | None = None,
    allow_invalid: bool = False,
    timeout: float = DEFAULT_TIMEOUT_S,
    retries: int = DEFAULT_RETRIES,
) -> PushReport:
    """Upload a built dataset folder to the dataset repo `repo_id` (OWNER/NAME) in one commit.

    Creates the repo if needed (`private` only applies then), and the branch `revision` if
    given and missing. `template` and `license` shape the generated card (see
    eventcoder.card.render_card). Each request waits at most `timeout` seconds for the Hub
    to connect or answer; a push that times out or loses its connection is tried again up
    to `retries` times, then fails with PushError. Returns a PushReport; never prints.
    """
    folder = Path(folder)
    if not _REPO_ID.fullmatch(repo_id):
        raise PushError(
            f"the repo id must be OWNER/NAME (letters, digits, '-', '_', '.'), got {repo_id!r}"
        )
    plan, notes = upload_plan(folder, allow_invalid=allow_invalid)
    manifest = read_manifest(folder)
    card = render_card(folder, template, repo_id=repo_id, license=license)
    old_card = folder / CARD_FILE
    if old_card.is_file() and GENERATED_MARK not in old_card.read_text(encoding="utf-8"):
        notes.append(
            "README.md in the folder was not written by eventcoder and was not uploaded (the "
            "card is generated from the manifest); put your own prose in a card template"
        )

    import httpx2
    import huggingface_hub as hf

    secret = token or hf.get_token()
    if not secret:
        raise PushError(
            "no Hugging Face token: set HF_TOKEN, or log in with `hf auth login` "
            "(a token with write access to the repo)"
        )
    base = (endpoint or os.environ.get("HF_ENDPOINT") or "").rstrip("/") or None
    api = hf.HfApi(
        endpoint=base, token=secret, library_name="eventcoder", library_version=__version__
    )
    branch = revision or "main"
    run = manifest.provenance
    message = commit_message or (
        f"Upload {manifest.counts.events} events (eventcoder "
        f"{run.eventcoder_version}, schema {run.schema_version})"
    )
    description = (
        f"Built {manifest.finished} from {manifest.counts.documents} documents; "
        f"{MANIFEST} sha256 {sha256_file(folder / MANIFEST)}."
    )
    uploads = [rel for rel, _ in plan] + [CARD_FILE]
    tries = max(1, retries + 1)
    for attempt in range(1, tries + 1):
        try:
            with _timeouts(timeout):
                result = _commit(
                    api,
                    hf,
                    repo_id,
                    private,
                    revision,
                    branch,
                    plan,
                    card,
                    uploads,
                    message,
                    description,
                )
            break
        except (httpx2.TimeoutException, httpx2.TransportError) as err:
            if attempt == tries:
                what = "no answer" if isinstance(err, httpx2.TimeoutException) else "no connection"
                raise PushError(
                    f"push to {repo_id} failed: {what} from {base or 'the Hub'} after {tries} "
                    f"tries (each request waits at most {timeout:g} s): "
                    f"{_redact(str(err) or type(err).__name__, secret)}"
                ) from None
            time.sleep(min(2.0**attempt, 30.0))
        except EventcoderError:
            raise
        except Exception as err:  # the library's errors, scrubbed of the token
            raise PushError(f"push to {repo_id} failed: {_redact(str(err), secret)}") from None
    repo_url, stale, info, caught = result
    notes += [_redact(str(w.message), secret) for w in caught]
    size = sum(path.stat().st_size for _, path in plan) + len(card.encode("utf-8"))
    return PushReport(
        repo_id=repo_id,
        repo_url=_redact(str(repo_url), secret),
        revision=branch,
        commit_url=str(info.commit_url),
        commit_oid=str(info.oid),
        files=tuple(sorted(uploads)),
        deleted=tuple(stale),
        bytes=size,
        warnings=tuple(notes),
    )


def _commit(
    api: Any,
    hf: Any,
    repo_id: str,
    private: bool,
    revision: str | None,
    branch: str,
    plan: list[tuple[str, Path]],
    card: str,
    uploads: list[str],
    message: str,
    description: str,
) -> tuple[Any, list[str], Any, list[warnings.WarningMessage]]:
    """Create the repo (and branch) if needed and commit the files: (repo url, deleted
    files, commit info, warnings caught)."""
    from huggingface_hub.utils.tqdm import disable_progress_bars

    with warnings.catch_warnings(record=True) as caught, disable_progress_bars():
        warnings.simplefilter("always")
        repo_url = api.create_repo(
            repo_id, repo_type=REPO_TYPE, private=True if private else None, exist_ok=True
        )
        if revision is not None:
            api.create_branch(repo_id, branch=revision, repo_type=REPO_TYPE, exist_ok=True)
        remote = api.list_repo_files(repo_id, repo_type=REPO_TYPE, revision=branch)
        stale = sorted(f for f in remote if f.startswith(MANAGED_DIRS) and f not in set(uploads))
        operations: list[Any] = [hf.CommitOperationDelete(path_in_repo=f) for f in stale]
        operations += [
            hf.CommitOperationAdd(path_in_repo=rel, path_or_fileobj=str(path)) for rel, path in plan
        ]
        operations.append(
            hf.CommitOperationAdd(path_in_repo=CARD_FILE, path_or_fileobj=card.encode("utf-8"))
        )
        info = api.create_commit(
            repo_id,
            operations,
            commit_message=message,
            commit_description=description,
            repo_type=REPO_TYPE,
            revision=revision,
        )
    return repo_url, stale, info, list(caught)


@contextlib.contextmanager
def _timeouts(seconds: float) -> Iterator[None]:
    """huggingface_hub's HTTP client with connect/read/write timeouts, for the push only."""
    import httpx2
    from huggingface_hub import set_client_factory
    from huggingface_hub.utils import _http

    previous = getattr(_http, "_GLOBAL_CLIENT_FACTORY", _http.default_client_factory)

    def factory() -> Any:
        client = previous()
        client.timeout = httpx2.Timeout(seconds)
        return client

    set_client_factory(factory)
    try:
        yield
    finally:
        set_client_factory(previous)


def _redact(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text
