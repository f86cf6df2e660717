DROP VIEW "greetings";

CREATE OR REPLACE FUNCTION "greet"(who text) RETURNS text LANGUAGE sql immutable AS $$ select 'hello, ' || who $$;

DROP FUNCTION "shout"(who text, times int);

CREATE FUNCTION "shout"(who text) RETURNS text LANGUAGE sql AS $$ select upper(who) $$;

CREATE VIEW "greetings" AS select greet(name) as g, shout(name) as s from users;
