"""Demo services run as Argo workflows and Nextflow pipelines. Their request schemas are
hand-written draft-07 documents, as those service definitions carry them."""

from common import ARTIFACT_PATTERN, DRAFT7, artifact, service

# --- Nextflow: the request shape `ivcap nextflow create` builds from a simplified ivcap.yaml ----
READS_QC_SCHEMA = {
    "$schema": DRAFT7,
    "$id": "urn:ivcap:schema:reads-qc.request.1",
    "title": "Request to run pipeline 'reads-qc'",
    "type": "object",
    "properties": {
        "$schema": {"type": "string", "const": "urn:ivcap:schema:reads-qc.request.1"},
        "parameters": {
            "type": "object",
            "title": "Pipeline parameters",
            "properties": {
                "adapter": {"type": "string", "title": "Adapter sequence",
                            "description": "3' adapter to trim (IUPAC nucleotides)",
                            "pattern": "^[ACGTN]{6,40}$", "default": "AGATCGGAAGAGC"},
                "min_quality": {"type": "integer", "title": "Minimum base quality",
                                "description": "Phred score below which bases are trimmed",
                                "minimum": 0, "maximum": 41, "default": 20},
                "min_length": {"type": "integer", "title": "Minimum read length",
                               "minimum": 1, "maximum": 10000, "default": 36},
                "run_multiqc": {"type": "boolean", "title": "Aggregate with MultiQC",
                                "default": True},
            },
            "required": ["min_quality"],
            "additionalProperties": False,
        },
        "samples": {
            "type": "array",
            "title": "Samples",
            "description": "One row per sample: sample id, forward reads, reverse reads",
            "minItems": 1,
            "maxItems": 96,
            "items": {
                "type": "array",
                "minItems": 3,
                "maxItems": 3,
                "items": [
                    {"type": "string", "title": "Sample id", "pattern": "^[A-Za-z0-9_.-]+$"},
                    {"type": "string", "title": "Forward reads (FASTQ)",
                     "pattern": ARTIFACT_PATTERN},
                    {"type": "string", "title": "Reverse reads (FASTQ)",
                     "pattern": ARTIFACT_PATTERN},
                ],
                "additionalItems": False,
            },
        },
    },
    "required": ["parameters", "samples"],
}

service(
    "Sequencing Reads QC", slug="reads-qc", team="genomics",
    tags=["genomics", "sequencing", "quality-control", "nextflow"],
    description="""Trims adapters and low-quality bases from paired-end Illumina reads with
    fastp, runs FastQC on every sample and aggregates the reports with MultiQC.""",
    controller_kind="nextflow", fn="reads_qc", schema=READS_QC_SCHEMA,
    doc="Quality-controls paired-end sequencing reads.", returns="QcReport",
    duration_ms=6000, result="echo",
    steps=["Staging reads", "Trimming (fastp)", "FastQC", "MultiQC", "Publishing report"],
    products=[("json", "multiqc_data.json"), ("csv", "read_counts.csv")],
    example={"$schema": "urn:ivcap:schema:reads-qc.request.1",
             "parameters": {"adapter": "AGATCGGAAGAGC", "min_quality": 20, "min_length": 36,
                            "run_multiqc": True},
             "samples": [["S01", artifact("reads:S01_R1"), artifact("reads:S01_R2")],
                         ["S02", artifact("reads:S02_R1"), artifact("reads:S02_R2")]]})

# --- Argo: the shape of ivcap-argo-example's request schema ------------------------------------
CAMERA_TRAP_SCHEMA = {
    "$id": "urn:ivcap:schema:camera-trap-classify.request.1",
    "$schema": DRAFT7,
    "title": "Request to run camera trap classification pipeline",
    "type": "object",
    "properties": {
        "$schema": {"type": "string", "const": "urn:ivcap:schema:camera-trap-classify.request.1"},
        "collection_urn": {
            "type": "string", "title": "Image collection",
            "description": "IVCAP collection whose items are camera trap images",
            "pattern": "^urn:ivcap:collection:[a-f0-9\\-]+$",
            "examples": ["urn:ivcap:collection:5f3a9c12-1b2e-4d8a-9f7e-3c0b1d2e5f6a"]},
        "model_artifact_urn": {
            "type": "string", "title": "Model weights",
            "description": "IVCAP artifact holding the classifier's ONNX weights",
            "pattern": "^urn:ivcap:artifact:[a-f0-9\\-]+$",
            "examples": [artifact("model:megadetector-v5")]},
        "confidence": {
            "type": "number", "title": "Detection confidence",
            "description": "Keep detections whose confidence is above this value",
            "exclusiveMinimum": 0, "exclusiveMaximum": 1, "default": 0.6},
        "limit": {"type": "integer", "title": "Image limit",
                  "description": "Max images to process (0 = all)", "minimum": 0, "default": 0},
    },
    "required": ["collection_urn", "model_artifact_urn"],
}

service(
    "Camera Trap Classifier", slug="camera-trap-classify", team="ecology",
    tags=["ecology", "wildlife", "image-classification", "argo"],
    description="""A three-stage Argo workflow (fetch, detect, classify) that finds animals in
    camera trap images and labels them to species with a detector and classifier model.""",
    controller_kind="argo", fn="camera_trap_classify", schema=CAMERA_TRAP_SCHEMA,
    stages=["fetch", "detect", "classify"],
    doc="Detects and classifies animals in a collection of camera trap images.",
    returns="Detections", duration_ms=4500, result="echo",
    steps=["Fetching images", "Detecting animals", "Classifying species", "Writing labels"],
    products=[("csv", "detections.csv")],
    example={"$schema": "urn:ivcap:schema:camera-trap-classify.request.1",
             "collection_urn": "urn:ivcap:collection:5f3a9c12-1b2e-4d8a-9f7e-3c0b1d2e5f6a",
             "model_artifact_urn": artifact("model:megadetector-v5"), "confidence": 0.6,
             "limit": 0})
