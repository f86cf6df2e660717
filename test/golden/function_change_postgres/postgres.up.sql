DROP VIEW "greetings";

DROP FUNCTION "shout"(who text);

CREATE FUNCTION "shout"(who text, times int default 1) RETURNS text LANGUAGE sql AS $$ select repeat(upper(who), times) $$;

CREATE OR REPLACE FUNCTION "greet"(who text) RETURNS text LANGUAGE sql immutable AS $$ select 'hi, ' || who $$;

CREATE VIEW "greetings" AS select greet(name) as g, shout(name) as s from users;
