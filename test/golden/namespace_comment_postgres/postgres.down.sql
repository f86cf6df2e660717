COMMENT ON SCHEMA "sales" IS 'Orders and what they hold.';
