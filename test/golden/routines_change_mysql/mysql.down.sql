DROP TRIGGER `users_n`;

DROP FUNCTION `add_one`;

CREATE FUNCTION `add_one`(x int) RETURNS int deterministic RETURN x + 1;

DROP PROCEDURE `bump_all`;

CREATE PROCEDURE `bump_all`(by_n int) BEGIN
  UPDATE users SET n = n + by_n;
  IF by_n > 10 THEN
    UPDATE users SET n = 0 WHERE n < 0;
  END IF;
END;

CREATE TRIGGER `users_n` BEFORE UPDATE ON `users` FOR EACH ROW BEGIN
  SET NEW.n = add_one(NEW.n);
  SET NEW.name = TRIM(NEW.name);
END;
