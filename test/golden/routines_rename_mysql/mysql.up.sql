DROP TRIGGER `users_n`;

DROP FUNCTION `add_one`;

CREATE FUNCTION `plus_one`(x int) RETURNS int deterministic RETURN x + 1;

CREATE TRIGGER `users_before_insert` BEFORE UPDATE ON `users` FOR EACH ROW BEGIN
  SET NEW.n = plus_one(NEW.n);
  SET NEW.name = TRIM(NEW.name);
END;
