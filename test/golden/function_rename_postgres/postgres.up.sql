ALTER FUNCTION "greet"(who text) RENAME TO "welcome";
