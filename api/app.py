"""The HTTP API and web page: "who must do what, by when" over the graph.

Endpoints keep to the contract of issue 5; each one validates its parameters, normalises
query text to simplified script (a traditional query finds the same rows), and calls one
method of `Service` (api/service.py), which owns every graph query. Errors are JSON:
404 unknown id, 422 bad filter, 413 upload too large, 415 unsupported file, 503 store down,
507 disk full; 401/403 refused write.

Uploads never run on the event loop (issue 15 item 2): the file is extracted in a worker
process (graph/sandbox.py, within a time and memory budget) and written from a thread of
the upload limiter, so reads are served while a long file is processed. The app's
lifespan starts the store supervisor (graph/supervisor.py), which restarts a crashed
embedded store. Each status an operation can answer is declared in its OpenAPI
description (tests/test_openapi_fuzz.py holds the app to it).

Error bodies keep FastAPI's `{"detail": …}` (English, for API clients) and add a `code`
(and the values a message needs: `limit_mb`, `ext`, `accepted`, `file`) so the page can
say in Chinese what happened and what to do (api/static/messages.json) without showing
`detail`. The 503 names no socket or path: the server log has the store's own reason.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from contextlib import asynccontextmanager
from functools import lru_cache
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, File, Header, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator, BaseModel, BeforeValidator
from pydantic_core import PydanticCustomError
from starlette.datastructures import Headers
from starlette.routing import Match

from .auth import WriteAuth, WriteRefused
from .breakdown import WRITERS, build_breakdown, content_disposition, document_title
from .calendar import build_calendar
from ..ingest.readers import SUPPORTED, SUPPORTED_LIST
from .service import (BadInput, IndexBuilding, NotFound, QueryFailed, Service, StoreDown, StoreFull, decode_cursor,
                      upload_workers)

MAX_UPLOAD = int(os.environ.get("POLICYKG_MAX_UPLOAD_MB", "20")) * 1024 * 1024
log = logging.getLogger("policykg.api")


@lru_cache(maxsize=1)
def t2s():
    import opencc

    return opencc.OpenCC("t2s").convert


def simplified(s: str | None) -> str | None:
    return t2s()(s).strip() if s else s


Role = Literal["lead", "participant", "responsible"]
Status = Literal["overdue", "due_within", "recurring", "none"]

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date_only(v: Any) -> Any:
    """Refuse anything but YYYY-MM-DD before pydantic's lax date parsing sees it: that parsing
    reads digits as a Unix timestamp, so `due_after=20200101` silently meant 1970-08-23."""
    if isinstance(v, str) and not ISO_DATE.fullmatch(v):
        raise PydanticCustomError("iso_date", "expected a date as YYYY-MM-DD")
    return v


IsoDate = Annotated[dt.date, BeforeValidator(iso_date_only)]


def no_nul(v: str) -> str:
    """FalkorDB's client cuts a string parameter at NUL and the server then fails to parse
    the query (a 503 that blamed the store); no id or query text has a reason to hold one."""
    if "\x00" in v:
        raise PydanticCustomError("nul_char", "must not contain the NUL character (\\x00)")
    return v


# every string parameter: ids in the path and query text both end up as graph parameters
Text = Annotated[str, AfterValidator(no_nul)]


class Message(BaseModel):
    """The body of the errors the app raises itself (404, 401/403, 413, 415, 503): one
    message, and a short `code` the page words in Chinese."""

    detail: str
    code: str | None = None


class UploadRejected(BaseModel):
    """A refused upload: a message saying why the file cannot be read (BadInput, with the
    reader's `code` and the `file`), or FastAPI's list of validation errors when the request
    itself is malformed."""

    detail: str | list[dict[str, Any]]
    code: str | None = None
    file: str | None = None


class TooLarge(Message):
    limit_mb: int


class Unsupported(Message):
    ext: str
    accepted: str


class Refused(Exception):
    """An upload refused before it is read (413, 415), with what the page's message needs."""

    def __init__(self, status: int, detail: str, **extra: Any):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"detail": self.detail, **self.extra}


class FastJSON(Response):
    """JSON rendered by orjson, returned by the read endpoints as a finished Response: FastAPI
    then skips validating the dict against `response_model=dict` and `jsonable_encoder`'s
    pure-Python walk, which cost more than the rows themselves on a page of obligations
    (issue 15: 100 clients). The description keeps `response_model`."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        import orjson

        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


def json_error(description: str, model: type[BaseModel] = Message) -> dict[str, Any]:
    return {"model": model, "description": description}


NOT_FOUND: dict[int | str, dict[str, Any]] = {404: json_error("unknown id")}
WRITE_REFUSED: dict[int | str, dict[str, Any]] = {
    401: json_error("missing or wrong API token"),
    403: json_error("writes are disabled: no POLICYKG_API_TOKEN on the server"),
}


def filter_error(field: str, value: Any, msg: str, kind: str = "value_error") -> RequestValidationError:
    """A 422 in FastAPI's own shape, so every 422 of an operation matches its description;
    `kind` is the error's `type`, which the page words in Chinese."""
    return RequestValidationError([{"loc": ("query", field), "msg": msg, "type": kind, "input": value}])


class Filters:
    """The /obligations filters, shared by /deadlines, /deadlines.ics and /search."""

    def __init__(
        self,
        body: Annotated[Text | None, Query(description="责任单位: any alias, either script, partial match")] = None,
        role: Annotated[Role | None, Query()] = None,
        explicit: Annotated[bool | None, Query(description="true: named in the task; false: inferred")] = None,
        sector: Annotated[Text | None, Query()] = None,
        region: Annotated[Text | None, Query(description="province, city or county; includes what lies below")] = None,
        due_after: Annotated[IsoDate | None, Query(description="YYYY-MM-DD")] = None,
        due_before: Annotated[IsoDate | None, Query(description="YYYY-MM-DD")] = None,
        status: Annotated[Status | None, Query(description="deadline status as of `as_of`")] = None,
        within_days: Annotated[int, Query(ge=0, le=3660)] = 30,
        as_of: Annotated[IsoDate | None, Query(description="YYYY-MM-DD; default today")] = None,
        document: Annotated[Text | None, Query(max_length=64)] = None,
        q: Annotated[Text | None, Query(max_length=200, description="full-text query")] = None,
    ):
        if due_after and due_before and due_after > due_before:
            raise filter_error("due_after", due_after.isoformat(),
                               f"due_after ({due_after}) is later than due_before ({due_before})", "date_range")
        self.body = simplified(body)
        self.role = role
        self.explicit = explicit
        self.sector = simplified(sector)
        self.region = simplified(region)
        self.due_after = due_after
        self.due_before = due_before
        self.status = status
        self.within_days = within_days
        self.as_of = as_of or dt.date.today()
        if self.as_of > dt.date.max - dt.timedelta(days=within_days):
            # the queries compute as_of + within_days: a Python date past 9999-12-31 overflowed (a 500)
            raise filter_error("as_of", self.as_of.isoformat(),
                               f"as_of + within_days ({within_days}) is later than {dt.date.max}", "date_overflow")
        self.document = document
        self.q = simplified(q)

    def as_dict(self) -> Response:
        return dict(vars(self))


def get_service(request: Request) -> Service:
    return request.app.state.service


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Writes need `Authorization: Bearer <token>` (api/auth.py says which token); with no
    token configured, writes are refused."""
    request.app.state.auth.check(authorization)


class TokenGate:
    """ASGI middleware: refuses a write that fails `require_token` before its body is read.

    FastAPI reads and validates the request body (spooling an upload of up to MAX_UPLOAD)
    before it runs any dependency, so the `require_token` dependency alone let anyone make
    the server read a whole upload, and a malformed multipart body answered 400/422 instead
    of 401/403. The gate runs the same check first, for the routes that depend on it; the
    dependency stays, and it puts the `Authorization` header in the OpenAPI description.
    """

    def __init__(self, app: Any, routes: list[APIRoute]):
        self.app = app
        self.routes = routes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and any(r.matches(scope)[0] == Match.FULL for r in self.routes):
            try:
                scope["app"].state.auth.check(Headers(scope=scope).get("authorization"))
            except WriteRefused as exc:
                body = {"detail": exc.detail, "code": "write_refused"}
                await JSONResponse(body, status_code=exc.status)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(service: Service | None = None, auth: WriteAuth | None = None) -> FastAPI:
    """The app over `service`; writes need the token `auth` names (default: only
    `POLICYKG_API_TOKEN`; `policykg serve` passes the data folder's token file)."""
    # every operation reads or writes the graph, so any of them may find the store down
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        svc = app.state.service
        if not isinstance(svc, Service):  # a stand-in that only describes the API
            yield
            return
        svc.start_background()
        try:
            yield
        finally:
            svc.stop_background()

    app = FastAPI(title="policykg", version="0.1.0",
                  description="Obligations in Chinese policy circulars: who must do what, by when.",
                  responses={503: json_error("graph store unavailable")}, lifespan=lifespan)
    app.state.service = service or Service.from_env()
    app.state.upload_limiter = None  # an anyio CapacityLimiter, made in the event loop
    app.state.auth = auth or WriteAuth()
    static_dir = resources.files(__package__).joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")

    @app.exception_handler(StoreDown)
    async def store_down(_: Request, exc: StoreDown):
        log.error("graph store unavailable: %s", exc)  # the reason (socket, log tail) stays in the server log
        return JSONResponse({"detail": "graph store unavailable; the server log says why", "code": "store_down"},
                            status_code=503)

    @app.exception_handler(IndexBuilding)
    async def index_building(_: Request, exc: IndexBuilding):
        return JSONResponse({"detail": str(exc), "code": "index_building"}, status_code=503,
                            headers={"Retry-After": "5"})

    @app.exception_handler(StoreFull)
    async def store_full(_: Request, exc: StoreFull):
        log.error("graph store disk full: %s", exc)
        return JSONResponse({"detail": "the disk holding the graph is full; nothing was stored. Free some "
                                       "space and retry", "code": "disk_full"}, status_code=507)

    @app.exception_handler(QueryFailed)
    async def query_failed(_: Request, exc: QueryFailed):
        log.error("the graph store rejected a query: %s", exc)
        return JSONResponse({"detail": "the graph store rejected a query; the server log says why",
                             "code": "query_failed"}, status_code=500)

    @app.exception_handler(BadInput)
    async def bad_input(_: Request, exc: BadInput):
        return JSONResponse({"detail": str(exc), "code": exc.code, "file": exc.file}, status_code=422)

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound):
        return JSONResponse({"detail": str(exc), "code": f"{exc.kind}_not_found"}, status_code=404)

    @app.exception_handler(Refused)
    async def refused(_: Request, exc: Refused):
        return JSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(WriteRefused)
    async def write_refused(_: Request, exc: WriteRefused):
        return JSONResponse({"detail": exc.detail, "code": "write_refused"}, status_code=exc.status)

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(str(static_dir.joinpath("index.html")))

    @app.get("/health", response_model=dict)
    def health(svc: Service = Depends(get_service)) -> Response:
        return FastJSON({"status": "ok", "store": svc.store_name(), "counts": svc.counts()})

    @app.get("/obligations", response_model=dict)
    def obligations(f: Filters = Depends(), limit: Annotated[int, Query(ge=1, le=500)] = 50,
                    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
                    cursor: Annotated[Text | None, Query(max_length=2000, description=(
                        "`next_cursor` of the previous page: the next page at the cost of the first "
                        "(offset is then ignored)"))] = None,
                    svc: Service = Depends(get_service)) -> Response:
        """Who / role / what / by when / sector / region / document, with evidence; sorted by deadline.
        `total` is exact unless `total_exact` is false (then a lower bound)."""
        if cursor is not None:
            try:
                decode_cursor(cursor)
            except BadInput as exc:  # a 422 in FastAPI's shape, like every bad parameter
                raise filter_error("cursor", cursor, str(exc)) from exc
        return FastJSON(svc.obligations(f.as_dict(), limit, offset, cursor))

    @app.get("/bodies", response_model=dict)
    def bodies(q: Annotated[Text | None, Query(max_length=100)] = None,
               limit: Annotated[int, Query(ge=1, le=1000)] = 100,
               svc: Service = Depends(get_service)) -> Response:
        return FastJSON(svc.bodies(simplified(q), limit))

    # a body key holds its place path (陕西省/渭南市/澄城县|…): the server decodes %2F before routing
    @app.get("/bodies/{body_id:path}", response_model=dict, responses=NOT_FOUND)
    def body(body_id: Text, svc: Service = Depends(get_service)) -> dict:
        """A body's duties grouped by document, with counts by role."""
        return FastJSON(svc.body(body_id))

    @app.get("/deadlines", response_model=dict)
    def deadlines(f: Filters = Depends(), limit: Annotated[int, Query(ge=1, le=2000)] = 500,
                  svc: Service = Depends(get_service)) -> Response:
        return FastJSON(svc.deadlines(f.as_dict(), limit))

    @app.get("/deadlines.ics", response_class=Response,
             responses={200: {"content": {"text/calendar": {"schema": {"type": "string"}}},
                              "description": "iCalendar feed of the deadlines"}})
    def deadlines_ics(f: Filters = Depends(), svc: Service = Depends(get_service)) -> Response:
        rows = svc.deadlines(f.as_dict(), 5000)["items"]
        return Response(build_calendar(rows), media_type="text/calendar; charset=utf-8",
                        headers={"Content-Disposition": 'inline; filename="policykg.ics"'})

    @app.get("/documents", response_model=dict)
    def documents(limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                  offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
                  svc: Service = Depends(get_service)) -> Response:
        return FastJSON(svc.documents(limit, offset))

    @app.get("/documents/{doc_id}", response_model=dict, responses=NOT_FOUND)
    def document(doc_id: Text, svc: Service = Depends(get_service)) -> Response:
        """Metadata, outline, tasks, and the original text with extracted spans marked."""
        return FastJSON(svc.document(doc_id))

    @app.post("/documents", status_code=201, dependencies=[Depends(require_token)],
              responses={**WRITE_REFUSED, 200: {"description": "several files: one result per file "
                                                               "(status, id or the reason it was refused)"},
                         413: json_error("file too large", TooLarge),
                         415: json_error("unsupported file type", Unsupported),
                         422: json_error("unreadable file or malformed request", UploadRejected),
                         507: json_error("the disk holding the graph is full; nothing was stored")})
    async def upload(file: list[UploadFile] = File(...), svc: Service = Depends(get_service)):
        """Upload one file (answered 201, or 413/415/422 with the reason) or several under the same
        field name (answered 200 with a result per file, so one bad file never hides the others).
        Formats: see `SUPPORTED_LIST`; the content is sniffed, so a PDF named .txt is read as PDF.
        A 201 is sent once the document is on disk; 507 when the disk is full (nothing stored)."""
        if len(file) == 1:
            name, data = await _checked(file[0])
            return await _off_loop(svc, name, data)
        results = []
        for f in file:
            try:
                name, data = await _checked(f)
                results.append({"file": name, "status": 201, **(await _off_loop(svc, name, data))})
            except Refused as exc:
                results.append({"file": f.filename, "status": exc.status, **exc.body()})
            except BadInput as exc:
                results.append({"file": f.filename, "status": 422, "detail": str(exc), "code": exc.code})
        return JSONResponse({"results": results}, status_code=200)

    async def _off_loop(svc: Service, name: str, data: bytes) -> dict[str, Any]:
        """`svc.upload` in a thread of the upload limiter (never on the event loop, never in
        the thread pool that serves reads)."""
        import anyio

        if app.state.upload_limiter is None:
            app.state.upload_limiter = anyio.CapacityLimiter(upload_workers() + 1)
        return await anyio.to_thread.run_sync(svc.upload, name, data, limiter=app.state.upload_limiter)

    async def _checked(file: UploadFile) -> tuple[str, bytes]:
        name = file.filename or "upload.txt"
        ext = os.path.splitext(name)[1].lower()
        if ext not in SUPPORTED:
            raise Refused(415, f"unsupported file type '{ext or '(none)'}'; send {SUPPORTED_LIST}",
                          code="unsupported", ext=ext or "", accepted=SUPPORTED_LIST)
        data = await file.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            limit_mb = max(1, round(MAX_UPLOAD / (1024 * 1024)))
            raise Refused(413, f"file larger than {limit_mb} MB", code="too_large", limit_mb=limit_mb)
        return name, data

    @app.delete("/documents/{doc_id}", dependencies=[Depends(require_token)],
                responses={**WRITE_REFUSED, **NOT_FOUND})
    def delete(doc_id: Text, svc: Service = Depends(get_service)) -> dict:
        return svc.delete(doc_id)

    @app.get("/documents/{doc_id}/breakdown", responses={
        **NOT_FOUND,
        200: {"description": "the table as JSON, or as a file in the requested format",
              "content": {media.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
                          for _, media in WRITERS.values()}}})
    def breakdown(doc_id: Text, format: Literal["json", "csv", "xlsx", "docx", "md"] = "json",
                  svc: Service = Depends(get_service)):
        """The 任务分工 table: 序号, 重点任务, 牵头单位, 配合单位 (or 责任单位), 完成时限 (as written),
        截止日期 (ISO), 报送对象, 行业领域. A file is named 任务分工-<标题>.<format>."""
        doc = svc.document(doc_id, with_text=False)
        table = build_breakdown(document_title(doc), doc["tasks"])
        if format == "json":
            return table.as_dict()
        writer, media = WRITERS[format]
        return Response(writer(table), media_type=media, headers={
            "Content-Disposition": content_disposition(table.file_stem, format, f"breakdown-{doc_id}")})

    @app.get("/compare", response_model=dict)
    def compare(regions: Annotated[Text | None, Query(max_length=500, description="comma-separated")] = None,
                topic: Annotated[Text | None, Query(max_length=100)] = None,
                limit: Annotated[int, Query(ge=1, le=50)] = 5,
                svc: Service = Depends(get_service)) -> Response:
        """Region × sector and region × mechanism matrices; with `topic`, each region's tasks on it."""
        wanted = [r.strip() for r in (simplified(regions) or "").replace(",", ",").split(",") if r.strip()]
        return FastJSON(svc.compare(wanted, simplified(topic), limit))

    @app.get("/search", response_model=dict)
    def search(q: Annotated[Text, Query(min_length=1, max_length=200)], f: Filters = Depends(),
               limit: Annotated[int, Query(ge=1, le=100)] = 20, svc: Service = Depends(get_service)) -> Response:
        """Hybrid retrieval: lexical fused with vector similarity; filters as /obligations."""
        return FastJSON(svc.search(simplified(q), f.as_dict(), limit))

    @app.get("/tasks/{task_id}/similar", response_model=dict, responses=NOT_FOUND)
    def similar(task_id: Text, other_regions: bool = True, limit: Annotated[int, Query(ge=1, le=50)] = 10,
                svc: Service = Depends(get_service)) -> Response:
        return FastJSON(svc.similar(task_id, other_regions, limit))

    guarded = [r for r in app.routes
               if isinstance(r, APIRoute) and any(d.call is require_token for d in r.dependant.dependencies)]
    app.add_middleware(TokenGate, routes=guarded)
    return app


def served_app() -> FastAPI:
    """The app `policykg serve` runs in each of its worker processes (uvicorn imports it by
    name): writes need POLICYKG_API_TOKEN when set, else the data folder's token file, which
    `serve` created before starting the workers (api/auth.py)."""
    from ..graph.store import data_dir
    from .auth import ENV, token_path

    return create_app(auth=WriteAuth() if os.environ.get(ENV) else WriteAuth(token_path(data_dir())))
