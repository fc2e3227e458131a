-- Names an editor confirmed for catalogue indicators kept as their other names ("Tên gọi khác"),
-- each once and never the indicator's own name, so the next file using them matches by itself.
-- params: codes VARCHAR[], names VARCHAR[]
UPDATE indicators AS i
SET aliases = CASE WHEN coalesce(i.aliases, '') = '' THEN f.names ELSE i.aliases || '; ' || f.names END
FROM (
    SELECT g.code, string_agg(DISTINCT g.name, '; ' ORDER BY g.name) AS names
    FROM (SELECT unnest($codes) AS code, unnest($names) AS name) AS g
    JOIN indicators AS known ON known.code = g.code
    WHERE g.name <> known.name
      AND NOT list_contains(string_split(coalesce(known.aliases, ''), '; '), g.name)
    GROUP BY g.code
) AS f
WHERE i.code = f.code;
