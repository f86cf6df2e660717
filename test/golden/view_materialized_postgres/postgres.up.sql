CREATE MATERIALIZED VIEW "sales_by_region" AS select region, sum(amount) as total
  from sales
  group by region;

CREATE MATERIALIZED VIEW "top_regions" AS select region from sales_by_region where total > 1000;
