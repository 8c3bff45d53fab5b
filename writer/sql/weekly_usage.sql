-- Raw message events -> the weekly usage table
-- (week, category, bot, messages, reasoning, trigger), one row per key, all triggers kept.
--
-- Canonical dialect: DuckDB. `writer aggregate --print-sql --dialect spark|bigquery|snowflake`
-- transpiles this file with sqlglot after filling in the parameters, so edit it here only.
--
-- Input: a relation named `events` with the columns
--   ts                a timestamp (an instant; a naive timestamp is read as UTC)
--   bot, category     text
--   reasoning_tokens  an integer (a boolean `reasoning` column is substituted when the
--                     logs carry the flag instead of the count)
--   trigger           text; NULL, '' (or an absent column) means 'user'
-- No other column is referenced, so an engine with projection pushdown never reads them.
--
-- Parameters ($name) are replaced with literals before the query runs:
--   $shift_us   the reporting zone's base UTC offset (its smallest in the data range)
--               plus 3 days, in microseconds. Epoch day 0 was a Thursday, so adding 3 days
--               makes every multiple of 7 days a Monday 00:00, and `(epoch_us + shift) //
--               week` is the week index: integer arithmetic instead of date_trunc, which
--               cost ~70% of the scan time.
--   $band_us    how far above the base offset the zone goes inside the data range (0 for
--               UTC and fixed-offset zones such as Asia/Shanghai; 1 hour for daylight
--               saving). Only events that close to the end of a base-offset week can fall
--               into the next local week.
--   $fine_us    the bucket width used inside that band: it divides a week, every offset
--               difference and every transition instant, so a bucket never straddles a
--               week edge or an offset change (1 hour for America/New_York).
--   $since_ts / $until_ts   the half-open UTC range of the local dates asked for.
-- tz_offsets is filled in with the zone's UTC offsets over the data range.

WITH tz_offsets AS (
    -- One row per span of constant UTC offset: [start_us, end_us) -> offset_us.
    SELECT * FROM (VALUES (0, 0, 0)) AS t(start_us, end_us, offset_us)
),

buckets AS (
    -- The only pass over the raw events: group on raw values with integer keys, and leave
    -- every clean-up (COALESCE, dates, the offset lookup) to the few thousand groups after
    -- it. A COALESCE here would run on every event and costs ~20% of the scan.
    SELECT
        (EPOCH_US(ts) + $shift_us) // 604800000000 AS week_index,
        -- `$band_us > 0 AND` lets the engine fold the CASE to -1 when there is no band.
        CASE
            WHEN $band_us > 0
             AND (EPOCH_US(ts) + $shift_us) % 604800000000 >= 604800000000 - $band_us
            THEN ((EPOCH_US(ts) + $shift_us) % 604800000000) // $fine_us
            ELSE -1
        END AS fine_index,
        category,
        bot,
        reasoning_tokens > 0 AS reasoning,
        "trigger",
        COUNT(*) AS messages
    FROM events
    WHERE ts >= $since_ts AND ts < $until_ts
    GROUP BY 1, 2, 3, 4, 5, 6
),

placed AS (
    -- Buckets away from a week edge already know their local week.
    SELECT week_index, category, bot, reasoning, "trigger", messages
    FROM buckets
    WHERE fine_index < 0

    UNION ALL

    -- A bucket in the band looks up the UTC offset at its start (all its events share it)
    -- and recomputes its week from local time. tz_offsets covers every instant, so the inner
    -- join keeps every bucket (an outer join would need an equality for BigQuery).
    SELECT
        (b.week_index * 604800000000 + b.fine_index * $fine_us - $shift_us
         + o.offset_us + 259200000000) // 604800000000 AS week_index,
        b.category,
        b.bot,
        b.reasoning,
        b."trigger",
        b.messages
    FROM buckets AS b
    JOIN tz_offsets AS o
        ON b.week_index * 604800000000 + b.fine_index * $fine_us - $shift_us >= o.start_us
       AND b.week_index * 604800000000 + b.fine_index * $fine_us - $shift_us < o.end_us
    WHERE b.fine_index >= 0
)

SELECT
    -- Week index k starts on epoch day 7k - 3, a Monday.
    CAST(DATE_ADD(CAST('1970-01-01' AS DATE), CAST(week_index * 7 - 3 AS INT)) AS DATE) AS week,
    category,
    bot,
    CAST(SUM(messages) AS BIGINT) AS messages,
    -- NULL tokens mean no reasoning; a NULL or empty trigger is a user message (the
    -- contract's default).
    COALESCE(reasoning, FALSE) AS reasoning,
    COALESCE(NULLIF("trigger", ''), 'user') AS "trigger"
FROM placed
-- Events without a time, bot or category cannot be placed; the runner counts them.
WHERE week_index IS NOT NULL AND category IS NOT NULL AND bot IS NOT NULL
GROUP BY 1, 2, 3, 5, 6
ORDER BY week, category, bot, reasoning, "trigger"
