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


# --- Argo: a drone photogrammetry workflow whose request composes shared options (allOf) --------
ORTHO_SCHEMA = {
    "$id": "urn:ivcap:schema:drone-orthomosaic.request.1",
    "$schema": DRAFT7,
    "title": "Request to run drone orthomosaic pipeline",
    "type": "object",
    "definitions": {
        "pipeline_options": {
            "type": "object",
            "title": "Pipeline options",
            "properties": {
                "priority": {"type": "string", "enum": ["low", "normal", "high"],
                             "default": "normal"},
                "notify": {"type": "string", "format": "email",
                           "description": "Email sent when the workflow ends"},
                "keep_intermediate": {"type": "boolean", "default": False},
            },
        },
        "ground_control_point": {
            "type": "object",
            "title": "Ground control point",
            "properties": {
                "label": {"type": "string", "maxLength": 32},
                "easting": {"type": "number", "description": "MGA2020 easting (m)"},
                "northing": {"type": "number", "description": "MGA2020 northing (m)"},
                "height": {"type": "number", "description": "AHD height (m)"},
            },
            "required": ["label", "easting", "northing", "height"],
        },
    },
    "allOf": [{"$ref": "#/definitions/pipeline_options"}],
    "properties": {
        "$schema": {"type": "string", "const": "urn:ivcap:schema:drone-orthomosaic.request.1"},
        "photos_collection": {
            "type": "string", "title": "Photo collection",
            "description": "IVCAP collection of geotagged drone photos",
            "pattern": "^urn:ivcap:collection:[a-f0-9\\-]+$"},
        "mga_zone": {"type": "integer", "title": "MGA zone", "minimum": 49, "maximum": 56},
        "ground_sampling_cm": {"type": "number", "title": "Ground sampling distance (cm)",
                               "exclusiveMinimum": 0, "maximum": 50, "default": 3},
        "gcps": {"type": "array", "title": "Ground control points",
                 "items": {"$ref": "#/definitions/ground_control_point"}, "maxItems": 50},
        "outputs": {"type": "array", "title": "Outputs", "uniqueItems": True, "minItems": 1,
                    "items": {"type": "string", "enum": ["orthomosaic", "dsm", "dtm",
                                                         "point-cloud"]},
                    "default": ["orthomosaic"]},
    },
    "required": ["photos_collection", "mga_zone"],
}

service(
    "Drone Orthomosaic", slug="drone-orthomosaic", team="imaging",
    tags=["image", "photogrammetry", "drone", "argo", "remote-sensing"],
    description="""An Argo workflow that aligns geotagged drone photos, optionally with ground
    control points, and builds an orthomosaic, surface and terrain models and a point cloud.""",
    controller_kind="argo", fn="drone_orthomosaic", schema=ORTHO_SCHEMA,
    stages=["fetch", "align", "densify", "mosaic"],
    doc="Builds an orthomosaic from drone photos.", returns="OrthomosaicProducts",
    duration_ms=6000, result="echo",
    steps=["Fetching photos", "Aligning", "Building dense cloud", "Mosaicking", "Publishing"],
    products=[("json", "report.json")],
    example={"$schema": "urn:ivcap:schema:drone-orthomosaic.request.1",
             "photos_collection": "urn:ivcap:collection:0c1d6c1e-8a4f-4f59-9b8e-2f3a4b5c6d7e",
             "mga_zone": 55, "ground_sampling_cm": 2.5,
             "gcps": [{"label": "GCP1", "easting": 692510.2, "northing": 6091020.7,
                       "height": 583.1}],
             "outputs": ["orthomosaic", "dsm"], "priority": "normal",
             "notify": "survey@example.org"})
