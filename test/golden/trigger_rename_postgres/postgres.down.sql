ALTER TRIGGER "users_updated" ON "users" RENAME TO "users_touch";
