DROP MATERIALIZED VIEW "top_regions";

DROP MATERIALIZED VIEW "sales_by_region";
