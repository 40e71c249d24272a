-- Full-text search in French with accents folded: the French stemmer after unaccent, so that « rénovations énergétiques »
-- finds « rénovation énergétique ». unaccent is a trusted extension: the database's owner creates it.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
ALTER TEXT SEARCH CONFIGURATION french_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

-- Each publication of a document: the text as published (Markdown), its SHA-256 fingerprint, and its search vector. The
-- stable address serves the latest; earlier ones stay, as published.
CREATE TABLE publications (
    document_id uuid NOT NULL REFERENCES documents (id),
    version integer NOT NULL,
    body_id text NOT NULL,
    promotion_id uuid NOT NULL,
    atelier_id uuid,
    kind text NOT NULL,
    title text NOT NULL,
    markdown text NOT NULL,
    fingerprint text NOT NULL,
    published_at timestamptz NOT NULL,
    published_by text NOT NULL,
    search tsvector GENERATED ALWAYS AS (to_tsvector('french_unaccent', markdown)) STORED,
    PRIMARY KEY (document_id, version)
);
CREATE INDEX publications_search ON publications USING gin (search);
CREATE INDEX publications_body ON publications (body_id, published_at DESC);
