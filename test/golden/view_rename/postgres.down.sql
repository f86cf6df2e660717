COMMENT ON VIEW "user_ids" IS NULL;

ALTER VIEW "user_ids" RENAME TO "others";
