COMMENT ON TABLE "users" IS 'People who sign in.';
