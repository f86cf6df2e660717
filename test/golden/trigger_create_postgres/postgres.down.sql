DROP TRIGGER "user_names_insert" ON "user_names";

DROP TRIGGER "users_touch" ON "users";

DROP VIEW "user_names";

DROP FUNCTION "insert_name"();

DROP FUNCTION "touch"();
