"""The HTTP API and web page: "who must do what, by when" over the graph.

Endpoints keep to the contract of issue 5; each one validates its parameters, normalises
query text to simplified script (a traditional query finds the same rows), and calls one
method of `Service` (api/service.py), which owns every graph query. Errors are JSON:
404 unknown id, 422 bad filter, 413 upload too large, 415 unsupported file, 503 store down.
"""

from __future__ import annotations

import datetime as dt
import hmac
import os
from functools import lru_cache
from importlib import resources
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, File, Header, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from .breakdown import WRITERS, build_breakdown
from .calendar import build_calendar
from ..ingest.readers import SUPPORTED
from .service import BadInput, NotFound, Service, StoreDown

MAX_UPLOAD = int(os.environ.get("POLICYKG_MAX_UPLOAD_MB", "20")) * 1024 * 1024


@lru_cache(maxsize=1)
def t2s():
    import opencc

    return opencc.OpenCC("t2s").convert


def simplified(s: str | None) -> str | None:
    return t2s()(s).strip() if s else s


Role = Literal["lead", "participant", "responsible"]
Status = Literal["overdue", "due_within", "recurring", "none"]


class Filters:
    """The /obligations filters, shared by /deadlines, /deadlines.ics and /search."""

    def __init__(
        self,
        body: Annotated[str | None, Query(description="责任单位: any alias, either script, partial match")] = None,
        role: Annotated[Role | None, Query()] = None,
        explicit: Annotated[bool | None, Query(description="true: named in the task; false: inferred")] = None,
        sector: Annotated[str | None, Query()] = None,
        region: Annotated[str | None, Query(description="province, city or county; includes what lies below")] = None,
        due_after: Annotated[dt.date | None, Query()] = None,
        due_before: Annotated[dt.date | None, Query()] = None,
        status: Annotated[Status | None, Query(description="deadline status as of `as_of`")] = None,
        within_days: Annotated[int, Query(ge=0, le=3660)] = 30,
        as_of: Annotated[dt.date | None, Query()] = None,
        document: Annotated[str | None, Query(max_length=64)] = None,
        q: Annotated[str | None, Query(max_length=200, description="full-text query")] = None,
    ):
        if due_after and due_before and due_after > due_before:
            raise HTTPException(422, "due_after is later than due_before")
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
        self.document = document
        self.q = simplified(q)

    def as_dict(self) -> dict:
        return dict(vars(self))


def get_service(request: Request) -> Service:
    return request.app.state.service


def require_token(authorization: Annotated[str | None, Header()] = None) -> None:
    """Writes need `Authorization: Bearer <POLICYKG_API_TOKEN>`; with no token configured, writes are refused."""
    expected = os.environ.get("POLICYKG_API_TOKEN")
    if not expected:
        raise HTTPException(403, "writes are disabled: set POLICYKG_API_TOKEN on the server to enable them")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "missing or wrong API token")


def create_app(service: Service | None = None) -> FastAPI:
    app = FastAPI(title="policykg", version="0.1.0",
                  description="Obligations in Chinese policy circulars: who must do what, by when.")
    app.state.service = service or Service.from_env()
    static_dir = resources.files(__package__).joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")

    @app.exception_handler(StoreDown)
    async def store_down(_: Request, exc: StoreDown):
        return JSONResponse({"detail": f"graph store unavailable: {exc}"}, status_code=503)

    @app.exception_handler(BadInput)
    async def bad_input(_: Request, exc: BadInput):
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound):
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(str(static_dir.joinpath("index.html")))

    @app.get("/health")
    def health(svc: Service = Depends(get_service)) -> dict:
        return {"status": "ok", "store": svc.store_name(), "counts": svc.counts()}

    @app.get("/obligations")
    def obligations(f: Filters = Depends(), limit: Annotated[int, Query(ge=1, le=500)] = 50,
                    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
                    svc: Service = Depends(get_service)) -> dict:
        """Who / role / what / by when / sector / region / document, with evidence; sorted by deadline."""
        return svc.obligations(f.as_dict(), limit, offset)

    @app.get("/bodies")
    def bodies(q: Annotated[str | None, Query(max_length=100)] = None,
               limit: Annotated[int, Query(ge=1, le=1000)] = 100,
               svc: Service = Depends(get_service)) -> dict:
        return svc.bodies(simplified(q), limit)

    @app.get("/bodies/{body_id}")
    def body(body_id: str, svc: Service = Depends(get_service)) -> dict:
        """A body's duties grouped by document, with counts by role."""
        return svc.body(body_id)

    @app.get("/deadlines")
    def deadlines(f: Filters = Depends(), limit: Annotated[int, Query(ge=1, le=2000)] = 500,
                  svc: Service = Depends(get_service)) -> dict:
        return svc.deadlines(f.as_dict(), limit)

    @app.get("/deadlines.ics", response_class=Response)
    def deadlines_ics(f: Filters = Depends(), svc: Service = Depends(get_service)) -> Response:
        rows = svc.deadlines(f.as_dict(), 5000)["items"]
        return Response(build_calendar(rows), media_type="text/calendar; charset=utf-8",
                        headers={"Content-Disposition": 'inline; filename="policykg.ics"'})

    @app.get("/documents")
    def documents(limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                  offset: Annotated[int, Query(ge=0)] = 0, svc: Service = Depends(get_service)) -> dict:
        return svc.documents(limit, offset)

    @app.get("/documents/{doc_id}")
    def document(doc_id: str, svc: Service = Depends(get_service)) -> dict:
        """Metadata, outline, tasks, and the original text with extracted spans marked."""
        return svc.document(doc_id)

    @app.post("/documents", status_code=201, dependencies=[Depends(require_token)])
    async def upload(file: UploadFile = File(...), svc: Service = Depends(get_service)) -> dict:
        name = file.filename or "upload.txt"
        ext = os.path.splitext(name)[1].lower()
        if ext not in SUPPORTED:
            raise HTTPException(415, f"unsupported file type '{ext or '(none)'}'; send txt, md, html, htm, docx or pdf")
        data = await file.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            raise HTTPException(413, f"file larger than {MAX_UPLOAD // (1024 * 1024)} MB")
        return svc.upload(name, data)

    @app.delete("/documents/{doc_id}", dependencies=[Depends(require_token)])
    def delete(doc_id: str, svc: Service = Depends(get_service)) -> dict:
        return svc.delete(doc_id)

    @app.get("/documents/{doc_id}/breakdown")
    def breakdown(doc_id: str, format: Literal["json", "csv", "xlsx", "docx", "md"] = "json",
                  svc: Service = Depends(get_service)):
        """The 任务分工 table: 序号, 重点任务, 牵头单位, 配合单位 (责任单位), 完成时限, 行业领域."""
        doc = svc.document(doc_id, with_text=False)
        table = build_breakdown(doc["meta"].get("title") or doc_id, doc["tasks"])
        if format == "json":
            return table.as_dict()
        writer, media = WRITERS[format]
        filename = f"breakdown-{doc_id}.{format}"
        return Response(writer(table), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    @app.get("/compare")
    def compare(regions: Annotated[str | None, Query(max_length=500, description="comma-separated")] = None,
                topic: Annotated[str | None, Query(max_length=100)] = None,
                limit: Annotated[int, Query(ge=1, le=50)] = 5,
                svc: Service = Depends(get_service)) -> dict:
        """Region × sector and region × mechanism matrices; with `topic`, each region's tasks on it."""
        wanted = [r.strip() for r in (simplified(regions) or "").replace(",", ",").split(",") if r.strip()]
        return svc.compare(wanted, simplified(topic), limit)

    @app.get("/search")
    def search(q: Annotated[str, Query(min_length=1, max_length=200)], f: Filters = Depends(),
               limit: Annotated[int, Query(ge=1, le=100)] = 20, svc: Service = Depends(get_service)) -> dict:
        """Hybrid retrieval: lexical fused with vector similarity; filters as /obligations."""
        return svc.search(simplified(q), f.as_dict(), limit)

    @app.get("/tasks/{task_id}/similar")
    def similar(task_id: str, other_regions: bool = True, limit: Annotated[int, Query(ge=1, le=50)] = 10,
                svc: Service = Depends(get_service)) -> dict:
        return svc.similar(task_id, other_regions, limit)

    return app
