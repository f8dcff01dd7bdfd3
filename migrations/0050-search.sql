-- Agent search (ACC-6): one box for name, service address, phone, e-mail, account number and
-- meter number. Owned by the customers module (src/modules/customers/search*.ts).
--
-- Why a denormalised copy: a search must not join five tables and evaluate similarity over
-- every customer. `search_document` holds one row per account with pre-normalised text and
-- GIN trigram indexes (typo-tolerant, ranked); `search_key` holds exact identifiers (phone
-- digits, e-mail, account digits, meter number) under a C-collated btree so that exact and
-- prefix look-ups are index range scans. Both are derived data: rebuilt wholesale after a
-- bulk load and refreshed per account by the customers service after each write (no
-- triggers, so bulk loads pay the cost once, set-based).

-- One normalisation, used for documents and queries alike: lower case, accents folded,
-- apostrophes dropped ("O'Brien" = "obrien"), anything else not a letter or digit a space.
CREATE FUNCTION search_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(regexp_replace(
    translate(lower(coalesce(t, '')), 'áàâäãåéèêëíìîïóòôöõúùûüñçýÿ', 'aaaaaaeeeeiiiiooooouuuuncyy'),
    '[''’`]', '', 'g'), '[^a-z0-9]+', ' ', 'g'))
$$;

-- Addresses also spell directions and street types one way ("East Main Street" = "e main st")
-- and drop unit markers ("Apt 12", "#12", "Unit 12" = "12").
CREATE FUNCTION search_normalize_address(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(search_fold(t),
      '\m(apartment|apt|unit|suite|ste|space|spc|lot)\M', ' ', 'g'),
      '\mnorth\M', 'n', 'g'), '\msouth\M', 's', 'g'), '\meast\M', 'e', 'g'), '\mwest\M', 'w', 'g'),
      '\mstreet\M', 'st', 'g'), '\mavenue\M', 'ave', 'g'), '\mroad\M', 'rd', 'g'),
      '\mdrive\M', 'dr', 'g'),
    '\s+', ' ', 'g'))
$$;

CREATE TABLE search_document (
  account_id       bigint PRIMARY KEY,        -- no FK: derived data, checks cost a rebuild 10 s
  account_no       text NOT NULL,
  customer_name    text NOT NULL,             -- display name as stored on the customer
  service_address  text,                      -- "1234 E Main St, Unit 5"; null: no premise yet
  status           text NOT NULL,
  status_rank      smallint NOT NULL,         -- active 0, final 1, written_off 2, closed 3
  is_business      boolean NOT NULL,
  surname          text NOT NULL,             -- folded last name, or the business name
  given_name       text NOT NULL,             -- folded first name ('' for a business)
  name_text        text NOT NULL,             -- folded "first last" or business name
  house_no         text COLLATE "C" NOT NULL, -- "1234" ('' when none); C: prefix ranges
  street           text NOT NULL,             -- "e main st": the address without number and unit
  phone            text,                      -- for the masked phone on a hit
  email            text
);
-- Name and street hits are fetched per matched dictionary term, best accounts first.
CREATE INDEX search_document_surname ON search_document (surname, status_rank, customer_name);
CREATE INDEX search_document_given ON search_document (surname, (given_name COLLATE "C"), status_rank);
CREATE INDEX search_document_street ON search_document (street, house_no, status_rank);
CREATE INDEX search_document_business_trgm ON search_document USING gin (name_text gin_trgm_ops)
  WHERE is_business;

-- The dictionaries the fuzzy match runs against: every distinct surname and street. They
-- are a few thousand rows where documents are hundreds of thousands, which keeps a typo
-- search fast even for "Smith" (thousands of accounts): match the term, then read the
-- term's best accounts through the btree above. Stale terms are harmless (they match no
-- document) and are dropped on the next rebuild. `letters` spots swapped letters (an edit
-- distance of 2 but the commonest typo); `documents` lets the more common of two equally
-- close surnames win (a small prior, refreshed on rebuild).
CREATE TABLE search_term (
  kind             text NOT NULL CHECK (kind IN ('surname', 'street')),
  term             text NOT NULL,
  sound            text NOT NULL,             -- dmetaphone(term) for surnames, '' for streets
  letters          text NOT NULL,             -- the term's letters sorted: "smith" → "himst"
  documents        int NOT NULL,              -- accounts with the term at the last rebuild
  PRIMARY KEY (kind, term)
);
CREATE INDEX search_term_trgm ON search_term USING gin (term gin_trgm_ops);
CREATE INDEX search_term_sound ON search_term (kind, sound);
CREATE INDEX search_term_letters ON search_term (kind, letters);

-- The letters of a word in alphabetical order ("williams" → "aiillmsw").
CREATE FUNCTION search_letters(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(ch, '' ORDER BY ch COLLATE "C"), '')
    FROM unnest(string_to_array(t, NULL)) AS ch
$$;

CREATE TABLE search_key (
  account_id       bigint NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('phone', 'email', 'account_no', 'meter')),
  key              text COLLATE "C" NOT NULL  -- C collation: LIKE 'abc%' is an index range
);
CREATE INDEX search_key_key ON search_key (key);
CREATE INDEX search_key_account ON search_key (account_id);
