DROP TRIGGER `users_n`;

DROP PROCEDURE `bump_all`;

DROP FUNCTION `add_one`;
