"""Demo services: genomics, bioinformatics and ecology."""

from __future__ import annotations

from datetime import date, time
from enum import Enum
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from common import ARTIFACT_PATTERN, DRAFT7, artifact, service
from countries import CountryCode


# --- Phylogenetic Tree Annotation: a recursive model -----------------------------------------
class TreeNode(BaseModel):
    """A node of a rooted phylogenetic tree; leaves name taxa."""
    name: Optional[str] = Field(None, description="Taxon or clade label")
    branch_length: Optional[float] = Field(None, description="Substitutions per site", ge=0)
    support: Optional[float] = Field(None, description="Bootstrap support (0-100)", ge=0, le=100)
    children: list[TreeNode] = Field(default_factory=list)


class TreeRequest(BaseModel):
    jschema: Literal["urn:ivcap:schema:tree-annotate.request.1"] = Field(
        "urn:ivcap:schema:tree-annotate.request.1", alias="$schema")
    tree: TreeNode = Field(description="The tree to annotate")
    traits: dict[str, str] = Field(default_factory=dict,
                                   description="Trait value by taxon name, mapped onto leaves")
    collapse_below: Optional[float] = Field(None, description="Collapse clades whose support is "
                                            "below this value", ge=0, le=100)
    ladderize: bool = True
    output: Literal["newick", "nexus", "phyloxml"] = "newick"


service(
    "Phylogenetic Tree Annotation", slug="tree-annotate", team="genomics",
    tags=["phylogenetics", "genomics", "evolution"],
    description="""Annotates a phylogenetic tree with trait values at its leaves, reconstructs
    ancestral states by parsimony, collapses poorly supported clades and writes the result in
    Newick, NEXUS or phyloXML.""",
    controller_kind="rest", fn="tree_annotate", model=TreeRequest,
    doc="Annotates a phylogenetic tree with traits.", returns="AnnotatedTree",
    duration_ms=1500, result="echo", steps=["Parsing tree", "Reconstructing states",
                                            "Writing tree"],
    products=[("json", "tree.json")],
    example={"$schema": "urn:ivcap:schema:tree-annotate.request.1",
             "tree": {"name": "root", "children": [
                 {"name": "Eucalyptus", "support": 98, "branch_length": 0.02, "children": [
                     {"name": "E. regnans", "branch_length": 0.01},
                     {"name": "E. globulus", "branch_length": 0.012}]},
                 {"name": "Corymbia citriodora", "branch_length": 0.05}]},
             "traits": {"E. regnans": "tall-open-forest", "E. globulus": "open-forest",
                        "Corymbia citriodora": "woodland"},
             "collapse_below": 50, "ladderize": True, "output": "newick"})


# --- Variant Calling (Nextflow, draft-07) --------------------------------------------------------
VARIANT_SCHEMA = {
    "$schema": DRAFT7,
    "$id": "urn:ivcap:schema:variant-calling.request.1",
    "title": "Request to run pipeline 'variant-calling'",
    "type": "object",
    "definitions": {
        "region": {"type": "string", "title": "Genomic region",
                   "pattern": "^(chr)?([0-9]{1,2}|X|Y|MT?):[0-9]+-[0-9]+$",
                   "examples": ["chr17:43044295-43125483"]},
    },
    "properties": {
        "$schema": {"type": "string", "const": "urn:ivcap:schema:variant-calling.request.1"},
        "reference": {"type": "string", "title": "Reference genome",
                      "enum": ["GRCh38", "GRCh37", "T2T-CHM13", "GRCm39"], "default": "GRCh38"},
        "alignments": {"type": "array", "title": "Aligned reads (BAM/CRAM artifacts)",
                       "items": {"type": "string", "pattern": ARTIFACT_PATTERN},
                       "minItems": 1, "maxItems": 50, "uniqueItems": True},
        "caller": {"type": "string", "title": "Variant caller",
                   "enum": ["deepvariant", "gatk-haplotypecaller", "freebayes"],
                   "default": "deepvariant"},
        "regions": {"type": "array", "title": "Restrict calling to these regions",
                    "items": {"$ref": "#/definitions/region"}, "maxItems": 100},
        "min_depth": {"type": "integer", "title": "Minimum read depth", "minimum": 1,
                      "maximum": 1000, "default": 10},
        "joint_genotyping": {"type": "boolean", "title": "Joint genotyping across samples",
                             "default": False},
    },
    "required": ["alignments"],
    "additionalProperties": False,
}

service(
    "Germline Variant Calling", slug="variant-calling", team="genomics",
    tags=["genomics", "variants", "nextflow", "human"],
    description="""Calls germline SNVs and small indels from aligned reads with DeepVariant,
    GATK HaplotypeCaller or FreeBayes, optionally jointly across samples, and writes a VCF per
    sample plus a summary table.""",
    controller_kind="nextflow", fn="variant_calling", schema=VARIANT_SCHEMA,
    doc="Calls germline variants from aligned reads.", returns="VariantCalls",
    duration_ms=6000, result="echo",
    steps=["Staging alignments", "Calling variants", "Filtering", "Annotating", "Summarising"],
    products=[("csv", "variant-summary.csv")],
    example={"$schema": "urn:ivcap:schema:variant-calling.request.1", "reference": "GRCh38",
             "alignments": [artifact("bam:NA12878")], "caller": "deepvariant",
             "regions": ["chr17:43044295-43125483"], "min_depth": 10})


# --- Protein Structure Prediction ---------------------------------------------------------------
class ProteinRequest(BaseModel):
    jschema: Literal["urn:ivcap:schema:protein-structure.request.1"] = Field(
        "urn:ivcap:schema:protein-structure.request.1", alias="$schema")
    name: str = Field(description="A label for the prediction", max_length=64)
    sequence: str = Field(description="Amino acid sequence (one-letter codes)",
                          pattern=r"^[ACDEFGHIKLMNPQRSTVWY]+$", min_length=10, max_length=2500,
                          examples=["MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQAPILSRVGDGTQDNLSGAEKAVQVKVKALPDAQ"])
    num_models: int = Field(5, ge=1, le=5)
    max_template_date: Optional[date] = Field(None, description="Ignore templates released "
                                              "after this date")
    relax: bool = Field(True, description="Relax the best model with Amber")


service(
    "Protein Structure Prediction", slug="protein-structure", team="genomics",
    tags=["proteins", "structure", "alphafold", "bioinformatics"],
    description="""Predicts the 3D structure of a protein from its amino acid sequence with an
    AlphaFold2-style model and reports per-residue confidence (pLDDT).""",
    controller_kind="batch", fn="protein_structure", model=ProteinRequest,
    doc="Predicts a protein's structure.", returns="StructurePrediction",
    duration_ms=5000, result="text-stats",
    steps=["Searching MSAs", "Searching templates", "Predicting", "Relaxing"],
    products=[("json", "plddt.json")],
    example={"$schema": "urn:ivcap:schema:protein-structure.request.1", "name": "T1024",
             "sequence": "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQAPILSRVGDGTQDNLSGAEKAVQVKVKALPDAQ",
             "num_models": 2, "max_template_date": "2022-01-01", "relax": True})


# --- Species Occurrence Summary: a ~250 value enum ------------------------------------------------
class BasisOfRecord(str, Enum):
    human_observation = "HUMAN_OBSERVATION"
    machine_observation = "MACHINE_OBSERVATION"
    preserved_specimen = "PRESERVED_SPECIMEN"
    material_sample = "MATERIAL_SAMPLE"
    fossil_specimen = "FOSSIL_SPECIMEN"


class OccurrenceRequest(BaseModel):
    jschema: Literal["urn:ivcap:schema:species-occurrence.request.1"] = Field(
        "urn:ivcap:schema:species-occurrence.request.1", alias="$schema")
    scientific_name: str = Field(description="Accepted scientific name", min_length=3,
                                 examples=["Phascolarctos cinereus"])
    country: CountryCode = Field(description="Country where the occurrence was recorded")
    from_year: int = Field(1900, ge=1700, le=2100)
    to_year: Optional[int] = Field(None, ge=1700, le=2100)
    basis_of_record: set[BasisOfRecord] = Field(
        default_factory=lambda: {BasisOfRecord.human_observation,
                                 BasisOfRecord.preserved_specimen})
    grid_km: Literal[1, 5, 10, 50] = Field(10, description="Aggregation grid cell size (km)")


service(
    "Species Occurrence Summary", slug="species-occurrence", team="ecology",
    tags=["ecology", "biodiversity", "gbif", "ala", "species"],
    description="""Summarises occurrence records of a species from the Atlas of Living
    Australia and GBIF for a country: records per year, per basis of record and per grid cell.""",
    controller_kind="rest", fn="species_occurrence", model=OccurrenceRequest,
    doc="Summarises the occurrence records of a species.", returns="OccurrenceSummary",
    duration_ms=2500, result="echo",
    steps=["Resolving name", "Querying occurrences", "Aggregating"],
    products=[("csv", "occurrences-per-cell.csv")],
    example={"$schema": "urn:ivcap:schema:species-occurrence.request.1",
             "scientific_name": "Phascolarctos cinereus", "country": "AU", "from_year": 1990,
             "basis_of_record": ["HUMAN_OBSERVATION"], "grid_km": 10})


# --- Bird Call Detector ----------------------------------------------------------------------------
class BirdCallRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    jschema: Literal["urn:ivcap:schema:bird-call.request.1"] = Field(
        "urn:ivcap:schema:bird-call.request.1", alias="$schema")
    recording: str = Field(description="Audio recording artifact (WAV or FLAC)",
                           pattern=ARTIFACT_PATTERN)
    recorded_at: time = Field(description="Local time the recording starts")
    window_s: float = Field(3.0, description="Analysis window in seconds", gt=0, le=60)
    sample_rate_hz: Literal[16000, 22050, 32000, 44100, 48000] = 32000
    species: Optional[list[str]] = Field(None, description="Only report these species",
                                         max_length=50)
    min_score: float = Field(0.5, gt=0, lt=1)


service(
    "Bird Call Detector", slug="bird-call", team="ecology",
    tags=["ecology", "bioacoustics", "birds", "audio"],
    description="""Detects and identifies bird calls in a field recording with a BirdNET-style
    classifier, window by window.""",
    controller_kind="batch", fn="bird_call", model=BirdCallRequest,
    doc="Detects bird calls in an audio recording.", returns="Detections",
    duration_ms=3000, result="echo",
    steps=["Decoding audio", "Computing spectrograms", "Classifying windows"],
    products=[("csv", "detections.csv")],
    example={"$schema": "urn:ivcap:schema:bird-call.request.1",
             "recording": artifact("audio:dawn-chorus"), "recorded_at": "05:30:00+10:00",
             "window_s": 3.0, "sample_rate_hz": 32000,
             "species": ["Manorina melanocephala", "Gymnorhina tibicen"], "min_score": 0.5})


# --- Gene Ontology Enrichment ----------------------------------------------------------------------
Ontology = Annotated[str, WithJsonSchema({"type": "string", "oneOf": [
    {"const": "BP", "title": "Biological process"},
    {"const": "MF", "title": "Molecular function"},
    {"const": "CC", "title": "Cellular component"}]})]


class GoRequest(BaseModel):
    jschema: Literal["urn:ivcap:schema:go-enrichment.request.1"] = Field(
        "urn:ivcap:schema:go-enrichment.request.1", alias="$schema")
    genes: list[str] = Field(description="Gene symbols or Entrez ids of interest", min_length=5,
                             max_length=5000, json_schema_extra={"uniqueItems": True})
    organism: Literal["Homo sapiens", "Mus musculus", "Danio rerio", "Arabidopsis thaliana",
                      "Saccharomyces cerevisiae"] = "Homo sapiens"
    ontology: Ontology = Field("BP", title="Ontology")
    p_value_cutoff: float = Field(0.05, gt=0, le=1)
    correction: Literal["bonferroni", "fdr_bh", "none"] = "fdr_bh"


service(
    "Gene Ontology Enrichment", slug="go-enrichment", team="genomics",
    tags=["genomics", "gene-ontology", "enrichment", "bioinformatics"],
    description="""Tests a gene list for over-represented Gene Ontology terms against the
    organism's annotated genome (hypergeometric test, multiple-testing corrected).""",
    controller_kind="rest", fn="go_enrichment", model=GoRequest,
    doc="Finds enriched Gene Ontology terms.", returns="Enrichment",
    duration_ms=2000, result="echo", steps=["Mapping identifiers", "Testing terms",
                                            "Correcting p-values"],
    products=[("csv", "enriched-terms.csv")],
    example={"$schema": "urn:ivcap:schema:go-enrichment.request.1",
             "genes": ["TP53", "BRCA1", "BRCA2", "ATM", "CHEK2", "PALB2"],
             "organism": "Homo sapiens", "ontology": "BP", "p_value_cutoff": 0.05,
             "correction": "fdr_bh"})


# --- Metagenome Taxonomic Profiling (Nextflow, draft-07) -------------------------------------------
METAGENOME_SCHEMA = {
    "$schema": DRAFT7,
    "$id": "urn:ivcap:schema:metagenome-profile.request.1",
    "title": "Request to run pipeline 'metagenome-profile'",
    "type": "object",
    "properties": {
        "$schema": {"type": "string", "const": "urn:ivcap:schema:metagenome-profile.request.1"},
        "parameters": {
            "type": "object",
            "properties": {
                "database": {"type": "string", "description": "Reference database",
                             "enum": ["gtdb-r220", "refseq-complete", "silva-138"]},
                "confidence": {"type": "number", "description": "Kraken2 confidence score",
                               "minimum": 0, "maximum": 1, "default": 0.1},
                "host_removal": {"type": "boolean", "description": "Remove human reads first",
                                 "default": True},
            },
            "required": ["database"],
        },
        "samples": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "array", "minItems": 2, "maxItems": 2,
                "items": [{"type": "string", "description": "Sample id"},
                          {"type": "string", "description": "Reads (FASTQ) artifact",
                           "format": "uri", "pattern": ARTIFACT_PATTERN}],
            },
        },
    },
    "required": ["parameters", "samples"],
}

service(
    "Metagenome Taxonomic Profiling", slug="metagenome-profile", team="genomics",
    tags=["genomics", "metagenomics", "microbiome", "nextflow"],
    description="""Profiles the taxonomic composition of shotgun metagenomes with Kraken2 and
    Bracken, after optional host read removal.""",
    controller_kind="nextflow", fn="metagenome_profile", schema=METAGENOME_SCHEMA,
    doc="Profiles the taxa in metagenomic samples.", returns="TaxonomicProfile",
    duration_ms=5000, result="echo",
    steps=["Removing host reads", "Classifying reads", "Estimating abundance", "Merging tables"],
    products=[("csv", "abundance.csv")],
    example={"$schema": "urn:ivcap:schema:metagenome-profile.request.1",
             "parameters": {"database": "gtdb-r220", "confidence": 0.1},
             "samples": [["soil-01", artifact("reads:soil-01")],
                         ["soil-02", artifact("reads:soil-02")]]})
