"""A small stand-in for the Hugging Face Hub API, served on 127.0.0.1 for the push tests.

It answers just what huggingface_hub's `create_repo`, `create_branch`, `list_repo_files` and
`create_commit` call for a dataset repo of small files (every file is uploaded "regular",
base64 in the NDJSON commit body, so no LFS or Xet transfer is needed), checks the bearer
token on every request, and records repos, commits and requests so a test can assert what
was uploaded. Anything else is answered 404 and recorded in `unexpected`.

    with HubStub(token="hf_test") as hub:
        ...  # HF_ENDPOINT=hub.endpoint
        hub.repos["alice/events"].commits[-1].files
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

# Fetched by huggingface_hub on its own (a best-effort registry of AI agents); not our API.
BACKGROUND_PATHS = frozenset({"/api/agent-harnesses"})


@dataclass
class Commit:
    """One commit as the stub received it."""

    oid: str
    branch: str
    summary: str
    description: str
    files: dict[str, bytes]
    deleted: list[str]


@dataclass
class Repo:
    """A dataset repo: branches of {path: bytes}, and the commits made to it."""

    repo_id: str
    private: bool
    branches: dict[str, dict[str, bytes]] = field(default_factory=dict)
    commits: list[Commit] = field(default_factory=list)


@dataclass
class Request:
    """A request the stub served (header names lower-cased, so tests can look for the token)."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class HubStub:
    """The stub server; a context manager that serves in a thread and shuts down on exit."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.repos: dict[str, Repo] = {}
        self.requests: list[Request] = []
        self.unexpected: list[str] = []
        self._lock = threading.Lock()
        self._oids = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> HubStub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def add_repo(self, repo_id: str, files: dict[str, bytes] | None = None) -> Repo:
        """A repo that exists before the test pushes (with files on main)."""
        repo = Repo(repo_id, private=False, branches={"main": dict(files or {})})
        self.repos[repo_id] = repo
        return repo

    # --- API ----------------------------------------------------------------------------------

    def handle(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> Reply:
        if method == "POST" and path == "/api/repos/create":
            return self._create_repo(json.loads(body))
        if method == "POST" and path == "/api/validate-yaml":
            return self._validate_yaml(json.loads(body))
        match = re.fullmatch(
            r"/api/datasets/([^/]+/[^/]+)/(preupload|commit|branch|tree)/([^/]+)(/.*)?", path
        )
        if match is None:
            return self._unexpected(method, path)
        repo_id, action, revision = match.group(1), match.group(2), unquote(match.group(3))
        repo = self.repos.get(repo_id)
        if repo is None:
            return Reply(404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})
        if action == "branch" and method == "POST":
            return self._create_branch(repo, revision)
        if revision not in repo.branches:
            return Reply(
                404, {"error": f"Invalid rev id: {revision}"}, {"X-Error-Code": "RevisionNotFound"}
            )
        if action == "tree" and method == "GET":
            prefix = (match.group(4) or "").lstrip("/")
            files = [
                {"type": "file", "path": p, "size": len(b), "oid": _git_oid(b)}
                for p, b in sorted(repo.branches[revision].items())
                if p.startswith(prefix)
            ]
            return Reply(200, files)
        if action == "preupload" and method == "POST":
            wanted = json.loads(body)["files"]
            return Reply(
                200,
                {
                    "files": [
                        {
                            "path": f["path"],
                            "uploadMode": "regular",
                            "shouldIgnore": False,
                            "oid": None,
                        }
                        for f in wanted
                    ]
                },
            )
        if action == "commit" and method == "POST":
            return self._commit(repo, revision, body)
        return self._unexpected(method, path)

    def _create_repo(self, payload: dict[str, Any]) -> Reply:
        if payload.get("type") != "dataset":
            return Reply(400, {"error": "the stub only serves dataset repos"})
        repo_id = f"{payload['organization']}/{payload['name']}"
        if repo_id in self.repos:
            return Reply(
                409, {"error": "You already created this dataset repo", "url": self._url(repo_id)}
            )
        repo = Repo(repo_id, payload.get("visibility") == "private")
        repo.branches["main"] = {
            ".gitattributes": b"*.parquet filter=lfs diff=lfs merge=lfs -text\n"
        }
        self.repos[repo_id] = repo
        return Reply(200, {"url": self._url(repo_id), "name": repo_id})

    def _validate_yaml(self, payload: dict[str, Any]) -> Reply:
        content = payload.get("content", "")
        match = re.match(r"\A---\n(.*?\n)---\n", content, re.S)
        if match is None:
            return Reply(
                200, {"errors": [], "warnings": [{"message": "empty or missing yaml metadata"}]}
            )
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError as err:
            return Reply(400, {"error": "invalid yaml", "errors": [{"message": str(err)}]})
        if not isinstance(meta, dict) or "configs" not in meta:
            return Reply(400, {"error": "bad metadata", "errors": [{"message": "no configs"}]})
        return Reply(200, {"errors": [], "warnings": []})

    def _create_branch(self, repo: Repo, branch: str) -> Reply:
        if branch in repo.branches:
            return Reply(409, {"error": f"Reference already exists: refs/heads/{branch}"})
        repo.branches[branch] = dict(repo.branches["main"])
        return Reply(200, {})

    def _commit(self, repo: Repo, branch: str, body: bytes) -> Reply:
        lines = [json.loads(line) for line in body.decode("utf-8").splitlines() if line.strip()]
        header = lines[0]
        if header.get("key") != "header":
            return Reply(400, {"error": "the first NDJSON line must be the header"})
        files: dict[str, bytes] = {}
        deleted: list[str] = []
        tree = repo.branches[branch]
        for line in lines[1:]:
            key, value = line["key"], line["value"]
            if key == "file" and value.get("encoding") == "base64":
                files[value["path"]] = base64.b64decode(value["content"])
            elif key == "deletedFile":
                if value["path"] not in tree:
                    return Reply(
                        404,
                        {"error": "A file with this name doesn't exist"},
                        {"X-Error-Code": "EntryNotFound"},
                    )
                deleted.append(value["path"])
            else:
                return Reply(400, {"error": f"the stub does not handle {key!r} operations"})
        with self._lock:
            for path in deleted:
                tree.pop(path, None)
            tree.update(files)
            oid = hashlib.sha1(f"{repo.repo_id}:{next(self._oids)}".encode()).hexdigest()
            repo.commits.append(
                Commit(
                    oid,
                    branch,
                    header["value"]["summary"],
                    header["value"].get("description", ""),
                    files,
                    deleted,
                )
            )
        url = f"{self._url(repo.repo_id)}/commit/{oid}"
        return Reply(200, {"success": True, "commitOid": oid, "commitUrl": url})

    def _unexpected(self, method: str, path: str) -> Reply:
        self.unexpected.append(f"{method} {path}")
        return Reply(404, {"error": f"the stub does not serve {method} {path}"})

    def _url(self, repo_id: str) -> str:
        return f"{self.endpoint}/datasets/{repo_id}"


@dataclass
class Reply:
    status: int
    payload: Any
    headers: dict[str, str] = field(default_factory=dict)


def _git_oid(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _handler(stub: HubStub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            url = urlsplit(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            stub.requests.append(Request(method, url.path, headers, body))
            if url.path in BACKGROUND_PATHS:
                reply = Reply(404, {"error": "not served by the stub"})
            elif self.headers.get("Authorization") != f"Bearer {stub.token}":
                reply = Reply(401, {"error": "Invalid credentials in Authorization header"})
            else:
                try:
                    reply = stub.handle(method, url.path, parse_qs(url.query), body)
                except Exception as err:  # a stub bug: answer it rather than hang the client
                    reply = Reply(400, {"error": f"stub error: {err!r}"})
            data = json.dumps(reply.payload).encode()
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in reply.headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._serve("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._serve("POST")

        def do_PUT(self) -> None:  # noqa: N802
            self._serve("PUT")

        def do_DELETE(self) -> None:  # noqa: N802
            self._serve("DELETE")

        def log_message(self, format: str, *args: Any) -> None:  # silence stderr
            return

    return Handler
