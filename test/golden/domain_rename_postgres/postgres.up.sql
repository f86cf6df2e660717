ALTER DOMAIN "varchar_ci" RENAME TO "text_ci";
