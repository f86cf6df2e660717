ALTER VIEW "others" RENAME TO "user_ids";
