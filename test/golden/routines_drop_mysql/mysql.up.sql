DROP TRIGGER `users_n`;

DROP FUNCTION `add_one`;

DROP PROCEDURE `bump_all`;
