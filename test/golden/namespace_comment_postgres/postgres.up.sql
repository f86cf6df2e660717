COMMENT ON SCHEMA "sales" IS 'Orders, and the items of each.';
