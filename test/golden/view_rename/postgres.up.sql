ALTER VIEW "others" RENAME TO "user_ids";

COMMENT ON VIEW "user_ids" IS 'Every user, by id.';
