DROP TRIGGER "users_touch" ON "users";

DROP TRIGGER "user_names_insert" ON "user_names";

DROP VIEW "user_names";

CREATE VIEW "user_names" AS select id, name from users where id > 0;

COMMENT ON VIEW "user_names" IS 'A new query: the view is made again, and its trigger with it.';

CREATE TRIGGER "users_touch" BEFORE INSERT OR UPDATE ON "users" FOR EACH ROW EXECUTE FUNCTION "touch"();

CREATE TRIGGER "user_names_insert" INSTEAD OF INSERT ON "user_names" FOR EACH ROW EXECUTE FUNCTION "insert_name"();
