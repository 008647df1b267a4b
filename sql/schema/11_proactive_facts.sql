CREATE TABLE proactive_facts (
    agency      VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    item        VARCHAR NOT NULL,  -- proactive_items.item (row of table 二)
    measure     VARCHAR NOT NULL,  -- proactive_measures.measure; amounts are in yuan
    value       DECIMAL(18, 2),    -- NULL when the cell was published blank
    page        INTEGER NOT NULL,
    raw         VARCHAR NOT NULL,
    label       VARCHAR NOT NULL,
    label_score DOUBLE NOT NULL
)
