DROP TRIGGER "users_touch" ON "users";

DROP TRIGGER "user_names_insert" ON "user_names";

DROP VIEW "user_names";

DROP FUNCTION "touch"();

DROP FUNCTION "insert_name"();
