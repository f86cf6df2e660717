DROP TRIGGER `users_n`;

DROP PROCEDURE `bump_all`;

CREATE PROCEDURE `bump_all`(by_n int, floor_n int) BEGIN
  UPDATE users SET n = GREATEST(n + by_n, floor_n);
END;

DROP FUNCTION `add_one`;

CREATE FUNCTION `add_one`(x int) RETURNS int deterministic RETURN x + 2;

CREATE TRIGGER `users_n` BEFORE UPDATE ON `users` FOR EACH ROW SET NEW.n = add_one(NEW.n);
