ALTER VIEW "user_ids" RENAME TO "others";
