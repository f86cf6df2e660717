DROP TRIGGER "user_names_insert" ON "user_names";

DROP TRIGGER "users_touch" ON "users";

DROP VIEW "user_names";

CREATE VIEW "user_names" AS select id, name from users;

CREATE TRIGGER "user_names_insert" INSTEAD OF INSERT ON "user_names" FOR EACH ROW EXECUTE FUNCTION "insert_name"();

CREATE TRIGGER "users_touch" BEFORE INSERT OR UPDATE OF name ON "users" FOR EACH ROW WHEN (new.id > 0) EXECUTE FUNCTION "touch"();
