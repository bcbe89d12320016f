"""Demo services: remote sensing, climate and natural hazards."""

from datetime import date, datetime, time
from enum import Enum
from typing import Annotated, Literal, Optional, Union
from uuid import UUID

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, WithJsonSchema

from common import ARTIFACT_PATTERN, DRAFT7, artifact, fixed_uuid, service
from countries import CountryCode


# --- Flood Extent Mapping: a discriminated union of areas of interest ---------------------------
class BBox(BaseModel):
    kind: Literal["bbox"] = "bbox"
    west: float = Field(ge=-180, le=180)
    south: float = Field(ge=-90, le=90)
    east: float = Field(ge=-180, le=180)
    north: float = Field(ge=-90, le=90)


class Polygon(BaseModel):
    kind: Literal["polygon"] = "polygon"
    coordinates: list[tuple[float, float]] = Field(
        description="Outer ring as (longitude, latitude) pairs; the first and last may repeat",
        min_length=3, max_length=500)


class Catchment(BaseModel):
    kind: Literal["catchment"] = "catchment"
    catchment_id: str = Field(description="Australian Hydrological Geospatial Fabric catchment id",
                              pattern=r"^[0-9]{8}$", examples=["12105432"])


class FloodRequest(BaseModel):
    jschema: Literal["urn:ivcap:schema:flood-extent.request.1"] = Field(
        "urn:ivcap:schema:flood-extent.request.1", alias="$schema")
    area: Annotated[Union[BBox, Polygon, Catchment], Field(discriminator="kind")] = Field(
        description="Where to map the flood")
    event_date: date = Field(description="Date of the flood peak")
    days_before: int = Field(12, description="Reference image window before the event in days",
                             ge=6, le=60)
    polarisation: Literal["VV", "VH", "VV+VH"] = Field("VV", description="Sentinel-1 polarisation")
    min_area_ha: float = Field(1.0, description="Drop water bodies smaller than this (hectares)",
                               ge=0)


service(
    "Flood Extent Mapping", slug="flood-extent", team="earth-observation",
    tags=["remote-sensing", "flood", "sentinel-1", "sar", "hazards"],
    description="""Maps the extent of a flood from Sentinel-1 radar backscatter change between a
    reference window and the event date. The area can be a bounding box, a polygon or a
    hydrological catchment.""",
    controller_kind="batch", fn="flood_extent", model=FloodRequest,
    doc="Maps flood extent by SAR change detection.", returns="FloodExtent",
    duration_ms=4000, result="echo",
    steps=["Selecting scenes", "Calibrating backscatter", "Detecting change", "Vectorising",
           "Rendering map"],
    products=[("text-image", "flood-map.svg"), ("json", "flood-extent.json")],
    example={"$schema": "urn:ivcap:schema:flood-extent.request.1",
             "area": {"kind": "polygon", "coordinates": [[152.9, -27.6], [153.2, -27.6],
                                                         [153.2, -27.3], [152.9, -27.3]]},
             "event_date": "2022-02-28", "days_before": 12, "polarisation": "VV",
             "min_area_ha": 1.0})


# --- Regional Climate Projection: labelled choices (oneOf const+title) and a long enum ----------
SCENARIOS = [("ssp126", "SSP1-2.6 (low emissions)"), ("ssp245", "SSP2-4.5 (intermediate)"),
             ("ssp370", "SSP3-7.0 (high)"), ("ssp585", "SSP5-8.5 (very high)")]
Scenario = Annotated[str, WithJsonSchema({
    "oneOf": [{"const": v, "title": t} for v, t in SCENARIOS], "type": "string"})]


class Gcm(str, Enum):
    access_cm2 = "ACCESS-CM2"
    access_esm1_5 = "ACCESS-ESM1-5"
    cesm2 = "CESM2"
    cnrm_esm2_1 = "CNRM-ESM2-1"
    ec_earth3 = "EC-Earth3"
    mpi_esm1_2_hr = "MPI-ESM1-2-HR"
    noresm2_mm = "NorESM2-MM"
    ukesm1_0_ll = "UKESM1-0-LL"


class Variable(str, Enum):
    tas = "tas"
    tasmax = "tasmax"
    tasmin = "tasmin"
    pr = "pr"
    sfcWind = "sfcWind"
    hurs = "hurs"


Year = Annotated[int, Field(ge=1950, le=2100)]


class ProjectionRequest(BaseModel):
    jschema: Literal["urn:ivcap:schema:climate-projection.request.1"] = Field(
        "urn:ivcap:schema:climate-projection.request.1", alias="$schema")
    country: CountryCode = Field(CountryCode.AU, description="Country (ISO 3166-1 alpha-2) whose "
                                 "land area is summarised")
    scenario: Scenario = Field("ssp245", title="Emissions scenario",
                               description="Shared Socioeconomic Pathway")
    models: list[Gcm] = Field(description="Global climate models of the CMIP6 ensemble",
                              min_length=1, max_length=8)
    variables: set[Variable] = Field(description="CMIP6 variable names", min_length=1)
    period: tuple[Year, Year] = Field((2041, 2070), description="First and last year (inclusive)")
    baseline: tuple[Year, Year] = Field((1981, 2010), description="Baseline years (inclusive)")
    bias_correction: bool = Field(True, description="Apply quantile-mapping bias correction")


service(
    "Regional Climate Projection", slug="climate-projection", team="climate",
    tags=["climate", "cmip6", "projection", "downscaling"],
    description="""Summarises downscaled CMIP6 projections for a country: the change of each
    variable between a baseline and a future period under an emissions scenario, per model and
    as an ensemble median.""",
    controller_kind="batch", fn="climate_projection", model=ProjectionRequest,
    doc="Summarises projected climate change for a country.", returns="ProjectionSummary",
    duration_ms=5500, result="echo",
    steps=["Loading model output", "Bias correction", "Area averaging", "Ensemble statistics",
           "Writing tables"],
    products=[("csv", "change.csv"), ("json", "ensemble.json")],
    example={"$schema": "urn:ivcap:schema:climate-projection.request.1", "country": "AU",
             "scenario": "ssp370", "models": ["ACCESS-CM2", "CESM2", "EC-Earth3"],
             "variables": ["tasmax", "pr"], "period": [2041, 2070], "baseline": [1981, 2010],
             "bias_correction": True})


# --- Heatwave Alerts: email, uri, time, uuid, readOnly, deprecated --------------------------------
Email = Annotated[str, WithJsonSchema({"format": "email", "type": "string"})]


class HeatwaveRequest(BaseModel):
    jschema: Literal["urn:ivcap:schema:heatwave-alert.request.1"] = Field(
        "urn:ivcap:schema:heatwave-alert.request.1", alias="$schema")
    subscription_id: Optional[UUID] = Field(
        None, description="Assigned by the service; send it back to change a subscription",
        json_schema_extra={"readOnly": True})
    latitude: float = Field(description="Latitude in decimal degrees", ge=-44, le=-10)
    longitude: float = Field(description="Longitude in decimal degrees", ge=112, le=154)
    percentile: float = Field(90.0, description="Daily maximum temperature percentile that "
                              "defines a hot day", gt=50, lt=100)
    min_days: int = Field(3, description="Consecutive hot days that make a heatwave", ge=2, le=10)
    notify: Email = Field(description="Where alerts are emailed", examples=["ops@example.org"])
    webhook: Optional[AnyHttpUrl] = Field(None, description="Also POST alerts to this URL")
    check_at: time = Field(time(6, 0), description="Local time of the daily check")
    sms: Optional[str] = Field(None, description="SMS alerts are no longer sent; use webhook",
                               deprecated=True, pattern=r"^\+61[0-9]{9}$")


service(
    "Heatwave Alerts", slug="heatwave-alert", team="climate",
    tags=["climate", "heatwave", "alerts", "health"],
    description="""Subscribes a location to heatwave alerts: each day the service checks the
    7-day temperature forecast against the local climatology and emails (and optionally posts)
    an alert when a heatwave is expected.""",
    controller_kind="rest", fn="heatwave_alert", model=HeatwaveRequest,
    doc="Creates or updates a heatwave alert subscription.", returns="Subscription",
    duration_ms=1000, result="echo", steps=["Checking location", "Saving subscription"],
    example={"$schema": "urn:ivcap:schema:heatwave-alert.request.1", "latitude": -34.93,
             "longitude": 138.6, "percentile": 90.0, "min_days": 3,
             "notify": "ops@example.org", "webhook": "https://hooks.example.org/heat",
             "check_at": "06:00:00+09:30"})


# --- Sea Surface Temperature Anomaly (small) ----------------------------------------------------
class SstRequest(BaseModel):
    jschema: Literal["urn:ivcap:schema:sst-anomaly.request.1"] = Field(
        "urn:ivcap:schema:sst-anomaly.request.1", alias="$schema")
    region: Literal["gbr-far-north", "gbr-north", "gbr-central", "gbr-south", "ningaloo",
                    "coral-sea"] = Field(description="Reef region")
    month: date = Field(description="Any day in the month of interest")


service(
    "Sea Surface Temperature Anomaly", slug="sst-anomaly", team="climate",
    tags=["ocean", "climate", "reef", "temperature"],
    description="""Monthly sea surface temperature anomaly and degree heating weeks for a reef
    region, against the 1985–2012 climatology.""",
    controller_kind="rest", fn="sst_anomaly", model=SstRequest,
    doc="Computes the monthly SST anomaly of a reef region.", returns="SstAnomaly",
    duration_ms=1200, result="echo", steps=["Reading SST grid", "Computing anomaly"],
    example={"$schema": "urn:ivcap:schema:sst-anomaly.request.1", "region": "gbr-central",
             "month": "2024-02-01"})


# --- Bushfire Spread Simulation: arrays of objects, a map of models ---------------------------
class Ignition(BaseModel):
    latitude: float = Field(ge=-44, le=-10)
    longitude: float = Field(ge=112, le=154)
    time: datetime = Field(description="Ignition time (UTC)")


class WeatherObs(BaseModel):
    time: datetime
    temperature_c: float = Field(ge=-10, le=55)
    relative_humidity: float = Field(ge=0, le=100)
    wind_speed_kmh: float = Field(ge=0, le=200)
    wind_direction_deg: float = Field(ge=0, lt=360)


class FuelModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    load_t_ha: float = Field(description="Fine fuel load (t/ha)", gt=0, le=60)
    height_m: Optional[float] = Field(None, description="Elevated fuel height (m)", ge=0)
    curing_percent: int = Field(100, ge=0, le=100)


class BushfireRequest(BaseModel):
    jschema: Literal["urn:ivcap:schema:bushfire-spread.request.1"] = Field(
        "urn:ivcap:schema:bushfire-spread.request.1", alias="$schema")
    ignitions: list[Ignition] = Field(description="Ignition points", min_length=1, max_length=20)
    weather: list[WeatherObs] = Field(description="Hourly weather stream", min_length=1)
    duration_hours: int = Field(12, ge=1, le=72)
    resolution_m: int = Field(30, description="Grid cell size in metres", ge=10, le=1000,
                              multiple_of=10)
    fuel_overrides: dict[str, FuelModel] = Field(
        default_factory=dict, description="Fuel parameters by vegetation class name, replacing "
        "the national fuel map's values")
    ensemble_size: int = Field(1, ge=1, le=500)
    seed: Optional[int] = Field(None, ge=0, le=18446744073709551615)


service(
    "Bushfire Spread Simulation", slug="bushfire-spread", team="climate",
    tags=["bushfire", "simulation", "hazards", "spark"],
    description="""Simulates fire spread from one or more ignition points over a weather stream
    with a level-set fire model and national fuel maps. Returns arrival-time isochrones and
    burnt-area statistics.""",
    controller_kind="batch", fn="bushfire_spread", model=BushfireRequest,
    doc="Simulates bushfire spread.", returns="FireSpread", duration_ms=6000, result="echo",
    steps=["Loading fuels and terrain", "Interpolating weather", "Propagating front",
           "Computing isochrones", "Writing outputs"],
    products=[("text-image", "isochrones.svg"), ("csv", "burnt-area.csv")],
    example={"$schema": "urn:ivcap:schema:bushfire-spread.request.1",
             "ignitions": [{"latitude": -35.28, "longitude": 148.9,
                            "time": "2025-01-15T02:00:00Z"}],
             "weather": [{"time": "2025-01-15T02:00:00Z", "temperature_c": 38.5,
                          "relative_humidity": 12, "wind_speed_kmh": 45,
                          "wind_direction_deg": 300},
                         {"time": "2025-01-15T03:00:00Z", "temperature_c": 40.1,
                          "relative_humidity": 9, "wind_speed_kmh": 52,
                          "wind_direction_deg": 310}],
             "duration_hours": 6, "resolution_m": 30,
             "fuel_overrides": {"grassland": {"load_t_ha": 4.5, "curing_percent": 95}},
             "ensemble_size": 1})


# --- Air Quality Index (pydantic 1 style, draft-07) -------------------------------------------
from pydantic import v1 as pydantic1  # noqa: E402


class Pollutant(str, Enum):
    pm25 = "PM2.5"
    pm10 = "PM10"
    o3 = "O3"
    no2 = "NO2"
    so2 = "SO2"
    co = "CO"


class AirQualityRequest(pydantic1.BaseModel):
    jschema: str = pydantic1.Field("urn:sd:schema:air-quality.request.1", alias="$schema",
                                   const=True)
    station: str = pydantic1.Field(..., description="Monitoring station name", min_length=2,
                                   max_length=64, example="Liverpool")
    pollutants: list[Pollutant] = pydantic1.Field(..., min_items=1, max_items=6,
                                                  unique_items=True)
    day: date = pydantic1.Field(..., description="Day of the measurements")
    averaging: Optional[Literal["1h", "8h", "24h"]] = pydantic1.Field(
        None, description="Averaging period; the pollutant's standard period when not given")


service(
    "Air Quality Index", slug="air-quality", team="climate",
    tags=["air-quality", "health", "pollution"],
    description="""Daily air quality index and category for a monitoring station, per pollutant,
    following the National Environment Protection Measure standards.""",
    controller_kind="rest", fn="air_quality", model=AirQualityRequest, dialect=DRAFT7,
    doc="Computes the air quality index of a station for a day.", returns="AirQuality",
    duration_ms=1000, result="echo", steps=["Reading observations", "Computing index"],
    example={"$schema": "urn:sd:schema:air-quality.request.1", "station": "Liverpool", "pollutants": ["PM2.5", "O3"], "day": "2024-12-20"})


# --- Land Cover Classification ------------------------------------------------------------------
class LandCoverClass(str, Enum):
    water = "water"
    trees = "trees"
    grass = "grass"
    crops = "crops"
    shrub = "shrub"
    built = "built"
    bare = "bare"
    wetland = "wetland"


class LandCoverRequest(BaseModel):
    jschema: Literal["urn:ivcap:schema:land-cover.request.1"] = Field(
        "urn:ivcap:schema:land-cover.request.1", alias="$schema")
    image: str = Field(description="Multispectral GeoTIFF artifact", pattern=ARTIFACT_PATTERN,
                       json_schema_extra={"format": "uri"})
    classes: set[LandCoverClass] = Field(description="Classes to map; others become 'other'",
                                         min_length=2)
    resolution_m: int = Field(10, ge=10, le=100, multiple_of=10)
    smoothing: Optional[int] = Field(None, description="Majority filter window (odd, pixels)",
                                     ge=3, le=15)


service(
    "Land Cover Classification", slug="land-cover", team="earth-observation",
    tags=["remote-sensing", "land-cover", "machine-learning"],
    description="""Classifies each pixel of a multispectral image into land cover classes with a
    gradient-boosted model trained on the national land cover reference set.""",
    controller_kind="rest", fn="land_cover", model=LandCoverRequest,
    doc="Classifies land cover in an image.", returns="LandCoverMap",
    duration_ms=3500, result="echo",
    steps=["Reading image", "Computing features", "Classifying", "Writing map"],
    products=[("json", "class-areas.json")],
    example={"$schema": "urn:ivcap:schema:land-cover.request.1",
             "image": artifact("image:canberra-s2"), "classes": ["water", "trees", "crops",
                                                                 "built"],
             "resolution_m": 10})
