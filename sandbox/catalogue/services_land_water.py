"""Demo services: hydrology, water quality and agriculture."""

from datetime import date
from enum import Enum
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field
from pydantic import v1 as pydantic1

from common import DRAFT7, service


# --- Rainfall-Runoff Calibration: a discriminated union of models -------------------------------
class Gr4j(BaseModel):
    """GR4J, a four-parameter daily lumped model."""
    model: Literal["gr4j"] = "gr4j"
    x1_max: float = Field(1500, description="Upper bound of production store capacity (mm)",
                          gt=0, le=5000)
    x2_range: tuple[float, float] = Field((-10, 5), description="Groundwater exchange bounds (mm)")
    x3_max: float = Field(500, description="Upper bound of routing store capacity (mm)", gt=0)
    x4_max: float = Field(5, description="Upper bound of unit hydrograph time base (days)",
                          gt=0.5, le=20)


class Awbm(BaseModel):
    """The Australian Water Balance Model."""
    model: Literal["awbm"] = "awbm"
    surface_stores: int = Field(3, ge=1, le=3)
    baseflow_index_range: tuple[float, float] = Field((0.1, 0.9))
    recession_constant_range: tuple[float, float] = Field((0.8, 0.99))


class Sacramento(BaseModel):
    """Sacramento soil moisture accounting model."""
    model: Literal["sacramento"] = "sacramento"
    parameters_file: Optional[str] = Field(None, description="Artifact with prior parameter "
                                           "ranges (CSV)", pattern=r"^urn:ivcap:artifact:[0-9a-f-]+$")


class CalibrationRequest(BaseModel):
    jschema: Literal["urn:ivcap:schema:rr-calibration.request.1"] = Field(
        "urn:ivcap:schema:rr-calibration.request.1", alias="$schema")
    gauge: str = Field(description="Gauging station number", pattern=r"^[0-9]{6}[A-Z]?$")
    model: Annotated[Union[Gr4j, Awbm, Sacramento], Field(discriminator="model")]
    objective: Literal["NSE", "KGE", "log-NSE", "RMSE"] = Field(
        "KGE", description="Objective function to optimise")
    calibration_start: date
    calibration_end: date
    warmup_days: int = Field(365, ge=0, le=3650)
    iterations: int = Field(5000, ge=100, le=1000000, multiple_of=100)


service(
    "Rainfall-Runoff Calibration", slug="rr-calibration", team="water",
    tags=["hydrology", "calibration", "rainfall-runoff", "modelling"],
    description="""Calibrates a conceptual rainfall-runoff model (GR4J, AWBM or Sacramento)
    against observed streamflow at a gauge with shuffled complex evolution, and reports the
    best parameters and validation skill.""",
    controller_kind="batch", fn="rr_calibration", model=CalibrationRequest,
    doc="Calibrates a rainfall-runoff model at a gauge.", returns="Calibration",
    duration_ms=5000, result="echo",
    steps=["Loading forcing and flow", "Optimising", "Validating", "Writing parameters"],
    products=[("csv", "parameters.csv"), ("json", "skill.json")],
    example={"$schema": "urn:ivcap:schema:rr-calibration.request.1", "gauge": "410730",
             "model": {"model": "gr4j", "x1_max": 1500, "x2_range": [-10, 5], "x3_max": 500,
                       "x4_max": 5},
             "objective": "KGE", "calibration_start": "1990-01-01",
             "calibration_end": "2009-12-31", "warmup_days": 365, "iterations": 5000})


# --- Groundwater Level Trend ------------------------------------------------------------------
class Bore(BaseModel):
    model_config = ConfigDict(extra="forbid")
    bore_id: str = Field(description="State bore registration number",
                         pattern=r"^(GW|RN)[0-9]{6}(\.[0-9])?$", examples=["GW036872.1"])
    screen_top_m: Optional[float] = Field(None, description="Top of screen below ground (m)",
                                          ge=0)
    screen_bottom_m: Optional[float] = Field(None, ge=0)
    aquifer: Optional[str] = Field(None, max_length=80)


class GroundwaterRequest(BaseModel):
    jschema: Literal["urn:ivcap:schema:groundwater-trend.request.1"] = Field(
        "urn:ivcap:schema:groundwater-trend.request.1", alias="$schema")
    bores: list[Bore] = Field(min_length=1, max_length=200)
    method: Literal["mann-kendall", "sen-slope", "linear"] = "mann-kendall"
    since: Optional[date] = None
    deseasonalise: bool = True
    significance: float = Field(0.05, gt=0, lt=0.5)


service(
    "Groundwater Level Trend", slug="groundwater-trend", team="water",
    tags=["hydrology", "groundwater", "trend", "monitoring"],
    description="""Tests monitoring bores for trends in standing water level (Mann-Kendall,
    Sen's slope or least squares), after optional removal of the seasonal cycle.""",
    controller_kind="rest", fn="groundwater_trend", model=GroundwaterRequest,
    doc="Finds trends in groundwater levels.", returns="Trends",
    duration_ms=2000, result="echo", steps=["Reading levels", "Testing trends"],
    products=[("csv", "trends.csv")],
    example={"$schema": "urn:ivcap:schema:groundwater-trend.request.1",
             "bores": [{"bore_id": "GW036872.1", "screen_top_m": 42.0, "screen_bottom_m": 48.5,
                        "aquifer": "Lower Namoi alluvium"}, {"bore_id": "GW030130.2"}],
             "method": "sen-slope", "since": "2000-01-01", "deseasonalise": True,
             "significance": 0.05})


# --- Water Quality Report (pydantic 1, draft-07) -------------------------------------------------
class Analyte(str, Enum):
    turbidity = "turbidity"
    total_nitrogen = "total-nitrogen"
    total_phosphorus = "total-phosphorus"
    chlorophyll_a = "chlorophyll-a"
    dissolved_oxygen = "dissolved-oxygen"
    ph = "pH"
    electrical_conductivity = "electrical-conductivity"
    e_coli = "e-coli"


class Site(pydantic1.BaseModel):
    site_id: str = pydantic1.Field(..., regex=r"^[A-Z]{2,4}[0-9]{2,5}$")
    name: Optional[str] = None


class WaterQualityRequest(pydantic1.BaseModel):
    jschema: str = pydantic1.Field("urn:ivcap:schema:water-quality.request.1", alias="$schema",
                                   const=True)
    sites: list[Site] = pydantic1.Field(..., min_items=1, max_items=100)
    analytes: list[Analyte] = pydantic1.Field(..., min_items=1, unique_items=True)
    guideline: Literal["anzg-2018-lowland-river", "anzg-2018-upland-river",
                       "anzg-2018-estuary", "drinking-water-2011"] = "anzg-2018-lowland-river"
    start: date
    end: date
    include_censored: bool = pydantic1.Field(False, description="Include values below the "
                                             "detection limit at half that limit")


service(
    "Water Quality Report", slug="water-quality", team="water",
    tags=["water-quality", "monitoring", "rivers", "guidelines"],
    description="""Compares water quality monitoring results at one or more sites against the
    Australian and New Zealand guideline values and reports exceedances per analyte.""",
    controller_kind="rest", fn="water_quality", model=WaterQualityRequest, dialect=DRAFT7,
    doc="Reports water quality against guideline values.", returns="WaterQualityReport",
    duration_ms=2500, result="sum", steps=["Reading samples", "Comparing with guidelines",
                                           "Writing report"],
    products=[("csv", "exceedances.csv"), ("json", "report.json")],
    example={"$schema": "urn:ivcap:schema:water-quality.request.1",
             "sites": [{"site_id": "MRY102", "name": "Murray River at Mannum"}],
             "analytes": ["turbidity", "total-nitrogen", "e-coli"],
             "guideline": "anzg-2018-lowland-river", "start": "2024-01-01",
             "end": "2024-12-31", "include_censored": False})


# --- Crop Yield Forecast: nested models and arrays of objects ------------------------------------
class SoilLayer(BaseModel):
    depth_cm: int = Field(description="Bottom of the layer (cm)", gt=0, le=300)
    clay_percent: float = Field(ge=0, le=100)
    organic_carbon_percent: float = Field(ge=0, le=20)


class Soil(BaseModel):
    name: Optional[str] = Field(None, description="APSoil profile name",
                                examples=["Red Chromosol (Wagga)"])
    layers: list[SoilLayer] = Field(min_length=1, max_length=10)
    plant_available_water_mm: float = Field(gt=0, le=500)


class NitrogenApplication(BaseModel):
    on: date
    kg_n_per_ha: float = Field(gt=0, le=300, multiple_of=0.5)
    product: Literal["urea", "uan", "anhydrous-ammonia", "map", "dap"] = "urea"


class CropYieldRequest(BaseModel):
    jschema: Literal["urn:ivcap:schema:crop-yield.request.1"] = Field(
        "urn:ivcap:schema:crop-yield.request.1", alias="$schema")
    crop: Literal["wheat", "barley", "canola", "chickpea", "sorghum", "cotton"]
    cultivar: Optional[str] = Field(None, max_length=40)
    latitude: float = Field(ge=-44, le=-10)
    longitude: float = Field(ge=112, le=154)
    sowing_date: date
    soil: Soil
    nitrogen: list[NitrogenApplication] = Field(default_factory=list, max_length=6)
    irrigated: bool = False


service(
    "Crop Yield Forecast", slug="crop-yield", team="agriculture",
    tags=["agriculture", "crops", "apsim", "forecast"],
    description="""Forecasts grain yield for a paddock with an APSIM-style crop model, using
    the season's weather so far and climatology for the rest of the season. Returns the yield
    distribution in t/ha.""",
    controller_kind="batch", fn="crop_yield", model=CropYieldRequest,
    doc="Forecasts crop yield for a paddock.", returns="YieldForecast",
    duration_ms=4000, result="sum",
    steps=["Fetching weather", "Building simulation", "Running seasons", "Summarising"],
    products=[("csv", "yield-distribution.csv")],
    example={"$schema": "urn:ivcap:schema:crop-yield.request.1", "crop": "wheat",
             "cultivar": "Scepter", "latitude": -35.1, "longitude": 147.35,
             "sowing_date": "2025-05-10",
             "soil": {"name": "Red Chromosol (Wagga)", "plant_available_water_mm": 140,
                      "layers": [{"depth_cm": 15, "clay_percent": 18,
                                  "organic_carbon_percent": 1.2},
                                 {"depth_cm": 60, "clay_percent": 35,
                                  "organic_carbon_percent": 0.6}]},
             "nitrogen": [{"on": "2025-05-10", "kg_n_per_ha": 20, "product": "map"},
                          {"on": "2025-07-15", "kg_n_per_ha": 40.5, "product": "urea"}],
             "irrigated": False})


# --- Irrigation Scheduler (small) ------------------------------------------------------------------
class IrrigationRequest(BaseModel):
    jschema: str = Field("urn:sd:schema:irrigation-schedule.request.1", alias="$schema")
    crop_coefficient: float = Field(description="FAO-56 crop coefficient Kc", gt=0, le=1.5)
    readily_available_water_mm: float = Field(gt=0, le=200)
    start: date


service(
    "Irrigation Scheduler", slug="irrigation-schedule", team="agriculture",
    tags=["agriculture", "irrigation", "water"],
    description="""Plans irrigation events for the next 14 days from the FAO-56 soil water
    balance, forecast reference evapotranspiration and rainfall.""",
    controller_kind="rest", fn="irrigation_schedule", model=IrrigationRequest, dialect=None,
    doc="Plans irrigation for the next two weeks.", returns="Schedule",
    duration_ms=1000, result="echo", steps=["Forecasting ET", "Balancing soil water"],
    example={"$schema": "urn:sd:schema:irrigation-schedule.request.1", "crop_coefficient": 1.15,
             "readily_available_water_mm": 45, "start": "2025-01-06"})


# --- Soil Moisture Interpolation: oneOf variogram models ------------------------------------------
class Observation(BaseModel):
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    volumetric_percent: float = Field(ge=0, le=60)


class Spherical(BaseModel):
    kind: Literal["spherical"] = "spherical"
    range_km: float = Field(gt=0)
    sill: float = Field(gt=0)
    nugget: float = Field(0, ge=0)


class Exponential(BaseModel):
    kind: Literal["exponential"] = "exponential"
    range_km: float = Field(gt=0)
    sill: float = Field(gt=0)


class Gaussian(BaseModel):
    kind: Literal["gaussian"] = "gaussian"
    range_km: float = Field(gt=0)
    sill: float = Field(gt=0)


class SoilMoistureRequest(BaseModel):
    jschema: Literal["urn:ivcap:schema:soil-moisture-krige.request.1"] = Field(
        "urn:ivcap:schema:soil-moisture-krige.request.1", alias="$schema")
    observations: list[Observation] = Field(min_length=3, max_length=5000)
    variogram: Optional[Annotated[Union[Spherical, Exponential, Gaussian],
                                  Field(discriminator="kind")]] = Field(
        None, description="Variogram model; fitted to the data when not given")
    cell_size_m: int = Field(250, ge=25, le=5000, multiple_of=25)


service(
    "Soil Moisture Interpolation", slug="soil-moisture-krige", team="agriculture",
    tags=["soil", "moisture", "geostatistics", "kriging"],
    description="""Interpolates point soil moisture probe readings onto a grid by ordinary
    kriging, with a given or fitted variogram, and reports the kriging variance.""",
    controller_kind="rest", fn="soil_moisture_krige", model=SoilMoistureRequest,
    doc="Interpolates soil moisture observations onto a grid.", returns="MoistureGrid",
    duration_ms=2000, result="echo", steps=["Fitting variogram", "Kriging"],
    products=[("json", "grid.json")],
    example={"$schema": "urn:ivcap:schema:soil-moisture-krige.request.1",
             "observations": [{"latitude": -35.01, "longitude": 146.3, "volumetric_percent": 21},
                              {"latitude": -35.03, "longitude": 146.31,
                               "volumetric_percent": 24.5},
                              {"latitude": -35.02, "longitude": 146.35,
                               "volumetric_percent": 18.2}],
             "variogram": {"kind": "spherical", "range_km": 4.0, "sill": 12.0, "nugget": 1.0},
             "cell_size_m": 250})
