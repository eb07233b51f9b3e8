"""Boundary files and the offline map: parse a GeoJSON FeatureCollection of polygons (each with
a ``code`` and a ``name`` property), and draw its areas as SVG paths with a simple
equirectangular projection scaled to a fixed viewBox. No tile server, nothing fetched.

The map is drawn as data (path coordinates, and names the template escapes), so no text from
the file reaches the page unescaped. Messages are translatable: they are shown to staff.
"""

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

#: The demo's boundary file: made-up wards of the fictional city of Calderbrook.
DEMO_BOUNDARIES = Path(__file__).parent / "data" / "calderbrook-wards.geojson"

#: The width of the map's viewBox; its height follows the areas' shape.
MAP_WIDTH = 600
MAP_PADDING = 10

Ring = list[tuple[float, float]]


class BoundaryError(ValueError):
    """A boundary file that cannot be used, with a message that says why."""


@dataclass(frozen=True)
class Boundary:
    code: str
    name: str
    #: Each polygon is a list of rings (the outer ring first); holes are kept.
    polygons: list[list[Ring]]


def _ring(raw: Any, where: str) -> Ring:
    if not isinstance(raw, list) or len(raw) < 4:
        raise BoundaryError(
            _("%(where)s: a polygon's ring needs at least 4 positions") % {"where": where}
        )
    ring = []
    for position in raw:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or not all(isinstance(v, int | float) and math.isfinite(v) for v in position[:2])
        ):
            raise BoundaryError(
                _("%(where)s: a position must be [longitude, latitude]") % {"where": where}
            )
        lon, lat = float(position[0]), float(position[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise BoundaryError(
                _("%(where)s: a position is not a longitude and latitude") % {"where": where}
            )
        ring.append((lon, lat))
    return ring


def _polygons(geometry: Any, where: str) -> list[list[Ring]]:
    if not isinstance(geometry, dict):
        raise BoundaryError(_("%(where)s: has no geometry") % {"where": where})
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon" and isinstance(coordinates, list) and coordinates:
        return [[_ring(ring, where) for ring in coordinates]]
    if kind == "MultiPolygon" and isinstance(coordinates, list) and coordinates:
        return [
            [_ring(ring, where) for ring in polygon]
            for polygon in coordinates
            if isinstance(polygon, list) and polygon
        ]
    raise BoundaryError(
        _("%(where)s: its geometry must be a Polygon or MultiPolygon") % {"where": where}
    )


def boundaries_parse(data: Any) -> list[Boundary]:
    """The areas of a parsed GeoJSON document, or ``BoundaryError`` naming the first problem."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise BoundaryError(_("The file must be a GeoJSON FeatureCollection"))
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise BoundaryError(_("The file has no areas (features)"))
    seen: set[str] = set()
    result = []
    for number, feature in enumerate(features, start=1):
        where = _("Area %(number)d") % {"number": number}
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            raise BoundaryError(_("%(where)s: has no properties") % {"where": where})
        code, name = properties.get("code"), properties.get("name")
        if not isinstance(code, str | int) or not str(code).strip():
            raise BoundaryError(_("%(where)s: has no code property") % {"where": where})
        if not isinstance(name, str) or not name.strip():
            raise BoundaryError(_("%(where)s: has no name property") % {"where": where})
        code = str(code).strip()
        if code in seen:
            raise BoundaryError(
                _("%(where)s: the code %(code)s is used twice") % {"where": where, "code": code}
            )
        seen.add(code)
        result.append(
            Boundary(code[:40], name.strip()[:200], _polygons(feature.get("geometry"), where))
        )
    return result


def _not_a_number(constant: str) -> float:
    raise BoundaryError(
        _("The file is not valid GeoJSON: %(constant)s is not a number") % {"constant": constant}
    )


#: Far deeper than GeoJSON nests (a MultiPolygon's positions are 6 levels down).
MAX_DEPTH = 20


def _has_nul(value: object, depth: int = 0) -> bool:
    if depth > MAX_DEPTH:
        raise BoundaryError(_("The file is not valid GeoJSON: it nests too deeply"))
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item, depth + 1) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item, depth + 1) for item in value)
    return False


def boundaries_from_text(text: str) -> list[Boundary]:
    """Parse a boundary file's text. Besides what ``boundaries_parse`` refuses, refuses what
    could not be stored as the dialogue's JSON: NaN or Infinity, a NUL character, nesting too
    deep to read, and a number too long to convert."""
    try:
        data = json.loads(text, parse_constant=_not_a_number)
    except json.JSONDecodeError as error:
        raise BoundaryError(
            _("The file is not valid GeoJSON: %(reason)s (line %(line)d)")
            % {"reason": error.msg, "line": error.lineno}
        ) from error
    except RecursionError as error:
        raise BoundaryError(_("The file is not valid GeoJSON: it nests too deeply")) from error
    except BoundaryError:
        raise
    except ValueError as error:  # a number too long to convert
        raise BoundaryError(
            _("The file is not valid GeoJSON: %(reason)s") % {"reason": error}
        ) from error
    if _has_nul(data):
        raise BoundaryError(_("The file is not valid GeoJSON: it holds a NUL character"))
    return boundaries_parse(data)


def demo_boundaries_data() -> dict[str, Any]:
    """The demo's boundary file, parsed."""
    return json.loads(DEMO_BOUNDARIES.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@dataclass(frozen=True)
class MapShape:
    code: str
    name: str
    path: str
    label_x: float
    label_y: float


def project(boundaries: list[Boundary]) -> tuple[list[MapShape], float]:
    """The areas as SVG path data in a viewBox ``MAP_WIDTH`` wide, and the viewBox height.
    Longitude is scaled by the cosine of the middle latitude so shapes are not stretched."""
    points = [p for b in boundaries for polygon in b.polygons for ring in polygon for p in ring]
    min_lon, max_lon = min(p[0] for p in points), max(p[0] for p in points)
    min_lat, max_lat = min(p[1] for p in points), max(p[1] for p in points)
    squash = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * squash, 1e-9)
    span_y = max(max_lat - min_lat, 1e-9)
    scale = (MAP_WIDTH - 2 * MAP_PADDING) / span_x
    height = span_y * scale + 2 * MAP_PADDING

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (
            MAP_PADDING + (lon - min_lon) * squash * scale,
            MAP_PADDING + (max_lat - lat) * scale,
        )

    shapes = []
    for boundary in boundaries:
        parts = []
        outer: list[tuple[float, float]] = []
        for polygon in boundary.polygons:
            for index, ring in enumerate(polygon):
                projected = [xy(*p) for p in ring]
                if index == 0 and len(projected) > len(outer):
                    outer = projected
                parts.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in projected) + " Z")
        label_x = sum(x for x, _ in outer) / len(outer)
        label_y = sum(y for _, y in outer) / len(outer)
        shapes.append(MapShape(boundary.code, boundary.name, " ".join(parts), label_x, label_y))
    return shapes, height
