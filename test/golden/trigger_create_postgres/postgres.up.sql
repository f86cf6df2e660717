CREATE FUNCTION "touch"() RETURNS trigger LANGUAGE plpgsql AS $$
begin
  new.updated := now();
  return new;
end
$$;

CREATE FUNCTION "insert_name"() RETURNS trigger LANGUAGE plpgsql AS $$
begin
  insert into users (id, name) values (new.id, new.name);
  return new;
end
$$;

CREATE VIEW "user_names" AS select id, name from users;

CREATE TRIGGER "users_touch" BEFORE INSERT OR UPDATE OF name ON "users" FOR EACH ROW WHEN (new.id > 0) EXECUTE FUNCTION "touch"();

CREATE TRIGGER "user_names_insert" INSTEAD OF INSERT ON "user_names" FOR EACH ROW EXECUTE FUNCTION "insert_name"();
