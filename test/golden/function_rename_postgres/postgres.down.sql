ALTER FUNCTION "welcome"(who text) RENAME TO "greet";
