"""Demo services: text analytics, image processing and data management."""

from datetime import date, datetime
from enum import Enum
from typing import Annotated, Literal, Optional, Union
from uuid import UUID

from pydantic import AnyUrl, BaseModel, ConfigDict, Field, WithJsonSchema
from pydantic import v1 as pydantic1

from common import ARTIFACT_PATTERN, DRAFT7, artifact, service

Email = Annotated[str, WithJsonSchema({"format": "email", "type": "string"})]


# --- Named Entity Extraction ----------------------------------------------------------------------
class EntityType(str, Enum):
    person = "PERSON"
    organisation = "ORG"
    location = "LOC"
    species = "SPECIES"
    chemical = "CHEMICAL"
    gene = "GENE"
    date = "DATE"


class NerRequest(BaseModel):
    jschema: Literal["urn:sd:schema:entity-extraction.request.1"] = Field(
        "urn:sd:schema:entity-extraction.request.1", alias="$schema")
    document: str = Field(description="Text, PDF or Word document artifact",
                          pattern=ARTIFACT_PATTERN)
    entity_types: set[EntityType] = Field(description="Entity types to extract", min_length=1,
                                          max_length=7)
    language: Literal["en", "fr", "de", "es", "zh", "id"] = "en"
    min_confidence: float = Field(0.7, ge=0, le=1)
    link_to_knowledge_base: bool = Field(False, description="Link species to the Australian "
                                         "Faunal/Plant Name Index and genes to NCBI Gene")


service(
    "Named Entity Extraction", slug="entity-extraction", team="language",
    tags=["text", "nlp", "named-entities", "text-mining"],
    description="""Finds people, organisations, places, species, chemicals, genes and dates in a
    document with a transformer NER model and optionally links them to knowledge bases.""",
    controller_kind="rest", fn="entity_extraction", model=NerRequest,
    doc="Extracts named entities from a document.", returns="Entities",
    duration_ms=2500, result="echo",
    steps=["Extracting text", "Tagging entities", "Linking entities"],
    products=[("json", "entities.json")],
    example={"$schema": "urn:sd:schema:entity-extraction.request.1",
             "document": artifact("document:reef-report"),
             "entity_types": ["SPECIES", "LOC", "ORG"], "language": "en",
             "min_confidence": 0.7, "link_to_knowledge_base": True})


# --- Document Summariser: oneOf alternative sources, labelled styles ---------------------------
class TextSource(BaseModel):
    type: Literal["text"] = "text"
    text: str = Field(min_length=1, max_length=100000)


class UrlSource(BaseModel):
    type: Literal["url"] = "url"
    url: AnyUrl


class ArtifactSource(BaseModel):
    type: Literal["artifact"] = "artifact"
    artifact: str = Field(pattern=ARTIFACT_PATTERN)


Style = Annotated[str, WithJsonSchema({"type": "string", "oneOf": [
    {"const": "abstract", "title": "Scientific abstract"},
    {"const": "plain", "title": "Plain-language summary"},
    {"const": "bullets", "title": "Key points as bullets"},
    {"const": "policy", "title": "Policy brief"}]})]


class SummaryRequest(BaseModel):
    jschema: Literal["urn:sd:schema:summarise.request.1"] = Field(
        "urn:sd:schema:summarise.request.1", alias="$schema")
    source: Annotated[Union[TextSource, UrlSource, ArtifactSource],
                      Field(discriminator="type")] = Field(title="Document")
    style: Style = Field("plain", title="Style")
    max_words: int = Field(200, ge=50, le=2000, multiple_of=50)
    audience: Optional[str] = Field(None, max_length=120, examples=["farm advisers"])


service(
    "Document Summariser", slug="summarise", team="language",
    tags=["text", "nlp", "summarisation", "llm"],
    description="""Summarises a document given as text, a web address or an artifact, in the
    style of a scientific abstract, a plain-language summary, key points or a policy brief.""",
    controller_kind="rest", fn="summarise", model=SummaryRequest,
    doc="Summarises a document.", returns="Summary", duration_ms=3000, result="text-stats",
    steps=["Fetching document", "Chunking", "Summarising"],
    example={"$schema": "urn:sd:schema:summarise.request.1",
             "source": {"type": "text", "text": "Seagrass meadows store carbon in their "
                        "sediments at rates far above those of terrestrial forests."},
             "style": "plain", "max_words": 100, "audience": "farm advisers"})


# --- Sentiment Analysis (small) --------------------------------------------------------------------
class SentimentRequest(BaseModel):
    jschema: Literal["urn:sd:schema:sentiment.request.1"] = Field(
        "urn:sd:schema:sentiment.request.1", alias="$schema")
    texts: list[Annotated[str, Field(min_length=1, max_length=5000)]] = Field(
        min_length=1, max_length=100, description="Texts to score, e.g. survey responses")


service(
    "Sentiment Analysis", slug="sentiment", team="language",
    tags=["text", "nlp", "sentiment", "surveys"],
    description="""Scores each text as negative, neutral or positive, e.g. free-text answers of
    a community survey about a land-use change.""",
    controller_kind="rest", fn="sentiment", model=SentimentRequest,
    doc="Scores the sentiment of texts.", returns="Sentiments", duration_ms=1500,
    result="text-stats", steps=["Tokenising", "Scoring"], products=[("csv", "sentiment.csv")],
    example={"$schema": "urn:sd:schema:sentiment.request.1",
             "texts": ["The new wetland is wonderful for birdwatching.",
                       "Traffic on the access road has doubled."]})


# --- Image Tiler ------------------------------------------------------------------------------------
class TilerRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    jschema: Literal["urn:sd:schema:image-tiler.request.1"] = Field(
        "urn:sd:schema:image-tiler.request.1", alias="$schema")
    image: str = Field(description="Large image artifact (GeoTIFF, TIFF, PNG or JPEG)",
                       pattern=ARTIFACT_PATTERN)
    tile_size: int = Field(512, description="Tile edge in pixels", ge=256, le=4096,
                           multiple_of=256)
    overlap: int = Field(0, description="Overlap between tiles in pixels", ge=0, le=512)
    format: Literal["png", "jpeg", "webp"] = "png"
    quality: Optional[int] = Field(None, description="JPEG/WebP quality", ge=1, le=100)
    max_bytes: int = Field(4294967296, description="Stop when the tiles exceed this total size",
                           ge=1048576, le=1099511627776)


service(
    "Image Tiler", slug="image-tiler", team="imaging",
    tags=["image", "tiling", "deep-learning", "preprocessing"],
    description="""Cuts a large image (e.g. an orthomosaic or a whole-slide scan) into
    overlapping tiles for deep learning, and writes an index of tile positions.""",
    controller_kind="batch", fn="image_tiler", model=TilerRequest,
    doc="Cuts an image into tiles.", returns="TileIndex", duration_ms=3000, result="echo",
    steps=["Reading image", "Cutting tiles", "Writing index"],
    products=[("csv", "tiles.csv")],
    example={"$schema": "urn:sd:schema:image-tiler.request.1",
             "image": artifact("image:orthomosaic"), "tile_size": 512, "overlap": 64,
             "format": "jpeg", "quality": 90, "max_bytes": 4294967296})


# --- Microscopy Cell Counter -------------------------------------------------------------------------
Threshold = Annotated[str, WithJsonSchema({"type": "string", "oneOf": [
    {"const": "otsu", "title": "Otsu"}, {"const": "li", "title": "Li minimum cross-entropy"},
    {"const": "triangle", "title": "Triangle"}, {"const": "adaptive", "title": "Local adaptive"}]})]


class CellCountRequest(BaseModel):
    jschema: Literal["urn:sd:schema:cell-count.request.1"] = Field(
        "urn:sd:schema:cell-count.request.1", alias="$schema")
    images: list[Annotated[str, Field(pattern=ARTIFACT_PATTERN)]] = Field(
        min_length=1, max_length=200, json_schema_extra={"uniqueItems": True})
    stain: Literal["DAPI", "Hoechst", "H&E", "brightfield"] = "DAPI"
    pixel_size_um: float = Field(0.325, description="Pixel size in micrometres", gt=0, le=10)
    min_diameter_um: float = Field(5, gt=0, le=100)
    max_diameter_um: float = Field(30, gt=0, le=500)
    threshold: Threshold = Field("otsu", title="Threshold method")
    split_touching: bool = True


service(
    "Microscopy Cell Counter", slug="cell-count", team="imaging",
    tags=["image", "microscopy", "segmentation", "biology"],
    description="""Segments and counts nuclei or cells in fluorescence or brightfield
    micrographs and reports their size and intensity distributions, with an overlay image.""",
    controller_kind="batch", fn="cell_count", model=CellCountRequest,
    doc="Counts cells in micrographs.", returns="CellCounts", duration_ms=3500, result="echo",
    steps=["Loading images", "Thresholding", "Splitting touching cells", "Measuring"],
    products=[("csv", "cells.csv"), ("text-image", "overlay.svg")],
    example={"$schema": "urn:sd:schema:cell-count.request.1",
             "images": [artifact("image:well-A01"), artifact("image:well-A02")],
             "stain": "DAPI", "pixel_size_um": 0.325, "min_diameter_um": 5,
             "max_diameter_um": 30, "threshold": "li", "split_touching": True})


# --- Literature Search -------------------------------------------------------------------------------
class LiteratureRequest(BaseModel):
    jschema: Literal["urn:sd:schema:literature-search.request.1"] = Field(
        "urn:sd:schema:literature-search.request.1", alias="$schema")
    query: str = Field(description="Search terms", min_length=3, max_length=500,
                       examples=["seagrass blue carbon Australia"])
    since: Optional[date] = Field(None, description="Only publications since this date")
    databases: set[Literal["pubmed", "crossref", "openalex", "csiro-publications"]] = Field(
        default_factory=lambda: {"openalex"}, min_length=1)
    max_results: int = Field(50, ge=1, le=1000)
    contact: Email = Field(description="Your email; PubMed and Crossref ask callers for one")


service(
    "Literature Search", slug="literature-search", team="language",
    tags=["text", "literature", "search", "bibliography"],
    description="""Searches PubMed, Crossref, OpenAlex and CSIRO's publication repository,
    de-duplicates the hits by DOI and ranks them by relevance and citations.""",
    controller_kind="rest", fn="literature_search", model=LiteratureRequest,
    doc="Searches the scientific literature.", returns="Publications", duration_ms=2000,
    result="echo", steps=["Querying databases", "De-duplicating", "Ranking"],
    products=[("csv", "publications.csv")],
    example={"$schema": "urn:sd:schema:literature-search.request.1",
             "query": "seagrass blue carbon Australia", "since": "2015-01-01",
             "databases": ["openalex", "crossref"], "max_results": 50,
             "contact": "researcher@example.org"})


# --- Dataset Metadata Harvester (pydantic 1, draft-07): uuid, uri, a key/value map -------------------
class Licence(str, Enum):
    cc_by_4 = "CC-BY-4.0"
    cc_by_nc_4 = "CC-BY-NC-4.0"
    cc0 = "CC0-1.0"
    csiro_data_licence = "CSIRO-Data-Licence"


class Contact(pydantic1.BaseModel):
    name: str
    email: str = pydantic1.Field(..., regex=r"^[^@\s]+@[^@\s]+$")
    orcid: Optional[str] = pydantic1.Field(None, regex=r"^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$")


class HarvestRequest(pydantic1.BaseModel):
    jschema: str = pydantic1.Field("urn:ivcap:schema:metadata-harvest.request.1", alias="$schema",
                                   const=True)
    dataset_id: UUID = pydantic1.Field(..., description="Dataset identifier in the catalogue")
    landing_page: pydantic1.AnyUrl = pydantic1.Field(..., description="Dataset landing page")
    contact: Contact
    licence: Licence = Licence.cc_by_4
    keywords: dict[str, str] = pydantic1.Field(
        {}, description="Extra key/value metadata, e.g. vocabulary term by facet")
    harvested_at: Optional[datetime] = pydantic1.Field(None, description="Set by the service",
                                                       readOnly=True)


service(
    "Dataset Metadata Harvester", slug="metadata-harvest", team="platform",
    tags=["data-management", "metadata", "catalogue", "fair"],
    description="""Harvests a dataset's landing page (schema.org, DCAT or ISO 19115), merges it
    with the given contact, licence and keywords, and publishes the record as an aspect.""",
    controller_kind="rest", fn="metadata_harvest", model=HarvestRequest, dialect=DRAFT7,
    doc="Harvests and publishes dataset metadata.", returns="DatasetRecord",
    duration_ms=1500, result="echo", steps=["Fetching landing page", "Merging metadata",
                                            "Publishing"],
    products=[("json", "record.json")],
    example={"$schema": "urn:ivcap:schema:metadata-harvest.request.1",
             "dataset_id": "0f8fad5b-d9cb-469f-a165-70867728950e",
             "landing_page": "https://data.example.org/collection/42",
             "contact": {"name": "A. Researcher", "email": "a.researcher@example.org",
                         "orcid": "0000-0002-1825-0097"},
             "licence": "CC-BY-4.0",
             "keywords": {"anzsrc-for": "3103 Ecology", "gcmd": "Biosphere > Ecosystems"}})
