CREATE TABLE `users` (
  `id` BIGINT NOT NULL,
  `email` VARCHAR(100) NOT NULL,
  `name` LONGTEXT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `users_email_key` UNIQUE (`email`)
);
