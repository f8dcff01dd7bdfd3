/**
 * The SQL behind `searchAccounts`, one statement per query kind (search.ts classifies the
 * query first). Only these constant fragments are ever concatenated — user text always
 * travels as a bind parameter: $1 the query text (the key, for identifiers), $2 the limit,
 * $3 the key's LIKE pattern.
 *
 * Scores: an exact identifier 1.0 and a prefix 0.6–0.9. A surname term: edit-distance
 * closeness (1 − levenshtein / length) + 0.5 × trigram similarity + 0.3 when it has the
 * same letters (swapped letters: the commonest typo, yet two edits) + 0.1 when it sounds
 * alike (double metaphone) + 0.015 × ln(1 + accounts with it) (the commoner of two equally
 * close names); at least 0.6; plus up to 0.5 for a first name matching another word. A
 * street 0.6–1.2, plus 0.5 for the exact house number, 0.3 for a prefix of it, up to 0.25
 * for a near number. A business name 1.8 × word similarity² (an exact word 1.8, under an
 * exact surname's ~1.9).
 */

/** Phone digits, e-mail, account digits or meter number: exact, or a prefix from 4 chars. */
export const keySearchSql = `
  WITH k AS (
    SELECT k.account_id, k.kind,
           CASE WHEN k.key = $1 THEN 1.0 ELSE 0.6 + 0.3 * length($1) / length(k.key) END AS score
      FROM search_key k
     WHERE k.key LIKE $3 ESCAPE '\\'
     ORDER BY k.key
     LIMIT 500
  ), best AS (
    SELECT DISTINCT ON (account_id) account_id, kind AS matched, score
      FROM k ORDER BY account_id, score DESC, kind
  )
  ${finalSelect('best')}`;

const wordsCte = `
  q AS (SELECT search_fold($1) AS name, search_normalize_address($1) AS addr),
  words AS (
    SELECT DISTINCT w, search_letters(w) AS letters FROM q, unnest(string_to_array(q.name, ' ')) w
     WHERE length(w) >= 2 AND w !~ '[0-9]'
       AND w <> ALL (ARRAY['st', 'ave', 'rd', 'dr', 'ln', 'cir', 'ct', 'pl', 'blvd', 'way'])
  ),
  surnames AS (
    SELECT term, max(s) AS s FROM (
      SELECT t.term,
             (1 - levenshtein(t.term, words.w)::real / greatest(length(t.term), length(words.w)))
               + 0.5 * similarity(t.term, words.w)
               + CASE WHEN t.letters = words.letters THEN 0.3 ELSE 0 END
               + CASE WHEN t.sound = dmetaphone(words.w) THEN 0.1 ELSE 0 END
               + 0.015 * ln(1 + t.documents) AS s
        FROM words JOIN search_term t
          ON t.kind = 'surname'
         AND (t.term % words.w OR t.sound = dmetaphone(words.w) OR t.letters = words.letters)
    ) x WHERE s >= 0.6 GROUP BY term ORDER BY max(s) DESC LIMIT 5
  )`;

/** One-word queries read each surname's best accounts straight from the btree's order. */
const nameHitsOneWord = `
  name_hits AS (
    SELECT d.account_id, surnames.s AS score, 'name' AS matched
      FROM surnames CROSS JOIN LATERAL (
        SELECT d.account_id FROM search_document d
         WHERE d.surname = surnames.term
         ORDER BY d.status_rank, d.customer_name LIMIT $2) d
  )`;

/**
 * Several words: each surname term's accounts whose first name is another word of the query
 * or starts with it ("jo" → "john"), through the (surname, given_name) btree, then the
 * term's other accounts in status order. Scoring every "Smith" by first-name similarity
 * cost 30 ms at 100,000 accounts; these are index range reads.
 */
const nameHitsManyWords = `
  name_hits AS (
    SELECT d.account_id, surnames.s + d.bonus AS score, 'name' AS matched
      FROM surnames CROSS JOIN words CROSS JOIN LATERAL (
        SELECT d.account_id, CASE WHEN d.given_name = words.w THEN 0.5 ELSE 0.35 END AS bonus
          FROM search_document d
         WHERE d.surname = surnames.term AND words.w <> surnames.term
           AND d.given_name COLLATE "C" >= words.w
           AND d.given_name COLLATE "C" < words.w || '~'
         ORDER BY d.given_name COLLATE "C", d.status_rank
         LIMIT $2) d
    UNION ALL
    SELECT d.account_id, surnames.s AS score, 'name' AS matched
      FROM surnames CROSS JOIN LATERAL (
        SELECT d.account_id FROM search_document d
         WHERE d.surname = surnames.term
         ORDER BY d.status_rank, d.customer_name LIMIT $2) d
  )`;

const businessHits = `
  business_hits AS (
    SELECT d.account_id, 1.8 * word_similarity(q.name, d.name_text) ^ 2 AS score, 'name' AS matched
      FROM q JOIN search_document d ON d.is_business AND q.name <% d.name_text
     ORDER BY score DESC, d.status_rank LIMIT $2
  )`;

const addressHits = `
  a AS (
    SELECT substring(q.addr from '^([0-9]{1,6})( |$)') AS house,
           btrim(regexp_replace(regexp_replace(q.addr, '^[0-9]+( |$)', ''), ' [0-9]+$', '')) AS street
      FROM q
  ),
  streets AS (
    SELECT t.term, word_similarity(a.street, t.term) + 0.2 * similarity(a.street, t.term) AS s
      FROM a JOIN search_term t ON t.kind = 'street' AND a.street <> '' AND a.street <% t.term
     ORDER BY s DESC LIMIT 5
  ),
  address_hits AS (
    SELECT d.account_id,
           streets.s + CASE WHEN a.house IS NULL THEN 0
                            WHEN d.house_no = a.house THEN 0.5
                            WHEN d.house_no LIKE a.house || '%' THEN 0.3
                            ELSE 0.25 * greatest(0, 1 - d.distance / 500.0) END AS score,
           'address' AS matched
      FROM a CROSS JOIN streets CROSS JOIN LATERAL (
        SELECT d.account_id, d.house_no,
               abs(coalesce(nullif(d.house_no, '')::int, 0) - coalesce(a.house::int, 0)) AS distance
          FROM search_document d
         WHERE d.street = streets.term
         ORDER BY (d.house_no = a.house) DESC, (d.house_no LIKE a.house || '%') DESC, distance,
                  d.status_rank, d.house_no
         LIMIT $2) d
  )`;

function finalSelect(source: string): string {
  return `
  SELECT d.account_id AS "accountId", d.account_no AS "accountNo",
         d.customer_name AS "customerName", d.service_address AS "serviceAddress",
         d.status, s.matched AS "matchedOn", round(s.score::numeric, 3)::float8 AS score,
         d.phone, d.email
    FROM ${source} s
    -- LATERAL: a primary-key probe per hit; a plain join let the planner hash the whole table
    CROSS JOIN LATERAL (SELECT * FROM search_document d WHERE d.account_id = s.account_id LIMIT 1) d
   ORDER BY s.score - 0.02 * d.status_rank DESC, d.status_rank, d.customer_name, d.account_id
   LIMIT $2`;
}

const bestOfHits = (ctes: readonly string[]): string => `
  hits AS (${ctes.map((c) => `SELECT account_id, score, matched FROM ${c}`).join(' UNION ALL ')}),
  best AS (
    SELECT DISTINCT ON (account_id) account_id, score, matched
      FROM hits ORDER BY account_id, score DESC, matched
  )`;

/** Free text: surnames, business names and streets, best of the three per account. */
export function textSearchSql(manyWords: boolean): string {
  const nameHits = manyWords ? nameHitsManyWords : nameHitsOneWord;
  return `WITH ${wordsCte}, ${nameHits}, ${businessHits}, ${addressHits},
    ${bestOfHits(['name_hits', 'business_hits', 'address_hits'])}
    ${finalSelect('best')}`;
}

/** A query that starts with a house number is an address. */
export const addressSearchSql = `
  WITH q AS (SELECT search_normalize_address($1) AS addr), ${addressHits},
  ${bestOfHits(['address_hits'])}
  ${finalSelect('best')}`;
