DROP TRIGGER `users_before_insert`;

DROP FUNCTION `plus_one`;

CREATE FUNCTION `add_one`(x int) RETURNS int deterministic RETURN x + 1;

CREATE TRIGGER `users_n` BEFORE UPDATE ON `users` FOR EACH ROW BEGIN
  SET NEW.n = add_one(NEW.n);
  SET NEW.name = TRIM(NEW.name);
END;
