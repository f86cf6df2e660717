ALTER DOMAIN "text_ci" RENAME TO "varchar_ci";
