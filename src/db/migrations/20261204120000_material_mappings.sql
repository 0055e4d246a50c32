-- Per-organisation mapping of model material names to library materials. The importer
-- applies it before automatic matching, so a correction made once holds for every later
-- version of the model. `model_name_normalised` is normaliseMaterialName(model name).
CREATE TABLE material_mappings (
  organisation text NOT NULL,
  model_name_normalised text NOT NULL,
  model_name text NOT NULL,
  material_id text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  PRIMARY KEY (organisation, model_name_normalised)
);
