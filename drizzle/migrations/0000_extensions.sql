-- Custom SQL migration file, put your code below! --
-- Keyword search on names and e-mails uses trigram (GIN gin_trgm_ops) indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
