CREATE FUNCTION "next_code"() RETURNS int LANGUAGE sql immutable AS $$ select 42 $$;

CREATE FUNCTION "greet"(who text, punct text default '!') RETURNS text LANGUAGE plpgsql immutable strict AS $$
begin
  -- a body with ; and 'quotes' and $ signs
  return 'hello, ' || who || punct;
end
$$;

ALTER TABLE "users" ADD COLUMN "code" integer NOT NULL DEFAULT (next_code());

CREATE FUNCTION "user_count"() RETURNS bigint LANGUAGE sql stable AS $$ select count(*) from users $$;

CREATE PROCEDURE "reset_names"() LANGUAGE sql AS $$ update users set name = 'x' $$;

CREATE VIEW "user_counts" AS select user_count() as n;
