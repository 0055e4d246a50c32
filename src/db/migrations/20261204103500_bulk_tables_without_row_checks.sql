-- The rows of a passport version (elements, material uses, substances) are written only by
-- one COPY each in the import's transaction, from one validated document, so their links
-- hold by construction. Foreign keys on them cost a lookup per row, and worse: the cached
-- plan of that lookup is made while the table is still small (a fresh install, the first
-- import), picks a sequential scan, and makes a 100 000-row import quadratic (minutes
-- instead of seconds). The parents keep their foreign keys (one row per import).
ALTER TABLE elements DROP CONSTRAINT elements_building_id_version_fkey;
ALTER TABLE material_uses DROP CONSTRAINT material_uses_building_id_version_element_ordinal_fkey;
ALTER TABLE substances DROP CONSTRAINT substances_building_id_version_element_ordinal_material_or_fkey;

-- No query looks material uses up by library id yet; the index only slowed every COPY.
DROP INDEX material_uses_material_id;
