ALTER TRIGGER "users_touch" ON "users" RENAME TO "users_updated";
