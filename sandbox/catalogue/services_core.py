"""Demo services: the v0.28 demo counterparts and the first remote-sensing, water, genomics
and ecology services."""

from datetime import date, datetime
from enum import Enum
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field
from pydantic import v1 as pydantic1

from common import ARTIFACT_PATTERN, DRAFT7, artifact, service

ArtifactUrn = Field(pattern=ARTIFACT_PATTERN)


# --- Gradient Text Image ------------------------------------------------------------------
class GradientRequest(BaseModel):
    jschema: Literal["urn:sd:schema:gradient-text-image.request.1"] = Field(
        "urn:sd:schema:gradient-text-image.request.1", alias="$schema")
    msg: str = Field(description="Text to write across the image", min_length=1, max_length=80,
                     examples=["Hello IVCAP"])
    from_colour: str = Field("#1f4e79", description="Colour at the left edge (#rrggbb)",
                             pattern=r"^#[0-9a-fA-F]{6}$")
    to_colour: Optional[str] = Field(None, description="Colour at the right edge; a lighter shade "
                                     "of from_colour when not given", pattern=r"^#[0-9a-fA-F]{6}$")
    width: int = Field(640, description="Image width in pixels", ge=64, le=4096, multiple_of=8)
    height: int = Field(360, description="Image height in pixels", ge=64, le=4096, multiple_of=8)
    background: Optional[str] = Field(None, description="Image artifact drawn under the gradient",
                                      pattern=ARTIFACT_PATTERN)
    mode: Literal["fast", "exact", "draft"] = Field("fast", description="Rendering quality")


service(
    "Gradient Text Image", slug="gradient-text-image", team="platform", tags=["demo", "image"],
    description="""Creates an SVG image with a customisable text on a colour gradient. The
    IVCAP 'hello world': a quick way to check that jobs run and products can be downloaded.""",
    controller_kind="rest", fn="gradient_text_image", model=GradientRequest,
    doc="Renders `msg` on a horizontal colour gradient and stores the SVG as a product.",
    returns="ImageResult", duration_ms=1500, result="echo",
    steps=["Laying out text", "Rendering gradient", "Writing image.svg"],
    products=[("text-image", "image.svg")],
    example={"$schema": "urn:sd:schema:gradient-text-image.request.1", "msg": "Hello IVCAP",
             "from_colour": "#1f4e79", "to_colour": "#8fbc8f", "width": 640, "height": 360,
             "mode": "fast"})


# --- Text Statistics ------------------------------------------------------------------------
class TextStatsRequest(BaseModel):
    jschema: Literal["urn:sd:schema:text-statistics.request.1"] = Field(
        "urn:sd:schema:text-statistics.request.1", alias="$schema")
    document: str = Field(description="Text artifact (UTF-8) to analyse", pattern=ARTIFACT_PATTERN,
                          examples=[artifact("example:report.txt")])
    max_lines: Optional[int] = Field(None, description="Stop after this many lines", ge=1,
                                     le=10_000_000)
    count_words: bool = Field(True, description="Also count words (whitespace-separated)")
    encoding: Literal["utf-8", "latin-1", "ascii"] = Field("utf-8", description="Text encoding")


service(
    "Text Statistics", slug="text-statistics", team="language", tags=["demo", "text"],
    description="""Counts lines, words and bytes of a text artifact and returns them as a CSV
    table, one row per measure.""",
    controller_kind="rest", fn="text_statistics", model=TextStatsRequest,
    doc="Counts lines, words and bytes of a text document.", returns="TextStatistics",
    duration_ms=2000, result="text-stats",
    steps=["Downloading document", "Counting", "Writing stats.csv"],
    products=[("csv", "stats.csv")],
    example={"$schema": "urn:sd:schema:text-statistics.request.1",
             "document": artifact("example:report.txt"), "count_words": True})


# --- NDVI Time Series ------------------------------------------------------------------------
class Sensor(str, Enum):
    sentinel_2 = "sentinel-2"
    landsat_8 = "landsat-8"
    landsat_9 = "landsat-9"
    modis = "modis"


class NdviRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    jschema: Literal["urn:ivcap:schema:ndvi-timeseries.request.1"] = Field(
        "urn:ivcap:schema:ndvi-timeseries.request.1", alias="$schema")
    bbox: tuple[float, float, float, float] = Field(
        description="Area of interest as (west, south, east, north) in decimal degrees (WGS84)",
        examples=[[148.9, -35.5, 149.3, -35.1]])
    start: date = Field(description="First acquisition date (inclusive)")
    end: date = Field(description="Last acquisition date (inclusive)")
    sensor: Sensor = Field(Sensor.sentinel_2, description="Satellite sensor to use")
    max_cloud_cover: float = Field(20.0, description="Skip scenes cloudier than this (percent)",
                                   ge=0, le=100)
    composite_days: int = Field(16, description="Length of each compositing window in days",
                                ge=1, le=366)
    mask_water: bool = Field(True, description="Mask open water before computing NDVI")


service(
    "NDVI Time Series", slug="ndvi-timeseries", team="earth-observation",
    tags=["remote-sensing", "vegetation", "sentinel-2", "landsat"],
    description="""Computes a cloud-masked NDVI (normalised difference vegetation index) time
    series for an area of interest from Sentinel-2, Landsat or MODIS surface reflectance, with
    one composite per window. Returns the mean, median and standard deviation per composite as
    CSV and a JSON summary.""",
    controller_kind="batch", fn="ndvi_timeseries", model=NdviRequest,
    doc="Computes a composited NDVI time series over a bounding box.", returns="NdviSeries",
    duration_ms=5000, result="echo",
    steps=["Querying scene catalogue", "Masking clouds", "Compositing", "Computing NDVI",
           "Writing ndvi.csv"],
    products=[("csv", "ndvi.csv"), ("json", "summary.json")],
    example={"$schema": "urn:ivcap:schema:ndvi-timeseries.request.1",
             "bbox": [148.9, -35.5, 149.3, -35.1], "start": "2024-01-01", "end": "2024-06-30",
             "sensor": "sentinel-2", "max_cloud_cover": 20.0, "composite_days": 16,
             "mask_water": True})


# --- Streamflow Forecast (as the service SDK publishes it: no `$schema` dialect) -------------
class StreamflowRequest(BaseModel):
    jschema: str = Field("urn:sd:schema:streamflow-forecast.request.1", alias="$schema")
    gauge: str = Field(description="Bureau of Meteorology gauging station number",
                       pattern=r"^[0-9]{6}[A-Z]?$", examples=["410730", "A4260504"][:1])
    issue_time: datetime = Field(description="Forecast issue time (UTC)")
    horizon_days: int = Field(7, description="Forecast horizon in days", ge=1, le=30)
    ensemble_members: int = Field(100, description="Number of ensemble members", ge=10, le=1000,
                                  multiple_of=10)


service(
    "Streamflow Forecast", slug="streamflow-forecast", team="water",
    tags=["hydrology", "forecast", "streamflow"],
    description="""Ensemble streamflow forecast for a gauged catchment, driven by numerical
    weather prediction rainfall and a calibrated rainfall-runoff model. Returns daily
    quantiles (5 %, 50 %, 95 %) of flow in cubic metres per second.""",
    controller_kind="rest", fn="streamflow_forecast", model=StreamflowRequest, dialect=None,
    doc="Forecasts daily streamflow at a gauge.", returns="Forecast",
    duration_ms=3000, result="echo",
    steps=["Fetching rainfall forecast", "Running ensemble", "Computing quantiles"],
    products=[("csv", "forecast.csv")],
    example={"$schema": "urn:sd:schema:streamflow-forecast.request.1", "gauge": "410730",
             "issue_time": "2025-03-01T00:00:00Z", "horizon_days": 7, "ensemble_members": 100})


# --- Soil Carbon Credit Estimator (pydantic 1, draft-07) ---------------------------------------
class Location(pydantic1.BaseModel):
    latitude: float = pydantic1.Field(..., description="Latitude in decimal degrees",
                                      ge=-90, le=90)
    longitude: float = pydantic1.Field(..., description="Longitude in decimal degrees",
                                       ge=-180, le=180)


class Practice(str, Enum):
    stubble_retention = "stubble-retention"
    pasture_cropping = "pasture-cropping"
    reduced_tillage = "reduced-tillage"
    cover_crops = "cover-crops"


class CarbonRequest(pydantic1.BaseModel):
    jschema: str = pydantic1.Field("urn:ivcap:schema:soil-carbon.request.1", alias="$schema",
                                   const=True)
    paddock: Location = pydantic1.Field(..., description="Centre of the paddock")
    area_ha: float = pydantic1.Field(..., description="Paddock area in hectares", gt=0,
                                     le=100000)
    practice: Practice = pydantic1.Field(Practice.stubble_retention,
                                         description="Management practice adopted")
    price_per_tonne: float = pydantic1.Field(19.99, description="Carbon price in AUD per tonne "
                                             "CO2-e", gt=0, multiple_of=0.01,
                                             example=19.99)
    years: int = pydantic1.Field(25, description="Crediting period in years", ge=1, le=100)
    random_seed: Optional[int] = pydantic1.Field(None, description="Seed of the Monte Carlo "
                                                 "uncertainty run", ge=0, le=4294967295)

    class Config:
        title = "SoilCarbonRequest"


service(
    "Soil Carbon Credit Estimator", slug="soil-carbon", team="agriculture",
    tags=["agriculture", "soil", "carbon", "emissions"],
    description="""Estimates soil organic carbon sequestration and the resulting Australian
    carbon credit units (ACCUs) for a paddock under a change of management practice, with a
    Monte Carlo uncertainty band.""",
    controller_kind="batch", fn="soil_carbon", model=CarbonRequest, dialect=DRAFT7,
    doc="Estimates sequestered soil carbon and its value.", returns="CarbonEstimate",
    duration_ms=2500, result="sum",
    steps=["Looking up soil and climate", "Simulating", "Valuing credits"],
    products=[("json", "estimate.json")],
    example={"$schema": "urn:ivcap:schema:soil-carbon.request.1",
             "paddock": {"latitude": -34.17, "longitude": 142.16}, "area_ha": 120.5,
             "practice": "pasture-cropping", "price_per_tonne": 14.99, "years": 25,
             "random_seed": 3000000000})
