CREATE MATERIALIZED VIEW "sales_by_region" AS select region, sum(amount) as total
  from sales
  group by region;

COMMENT ON MATERIALIZED VIEW "sales_by_region" IS 'Totals, computed when created.';

CREATE MATERIALIZED VIEW "top_regions" AS select region from sales_by_region where total > 1000;
