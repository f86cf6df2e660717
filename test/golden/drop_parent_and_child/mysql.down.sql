CREATE TABLE `users` (
  `id` BIGINT NOT NULL,
  `email` VARCHAR(100) NOT NULL,
  `name` LONGTEXT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `users_email_key` UNIQUE (`email`)
);

CREATE TABLE `posts` (
  `id` BIGINT NOT NULL,
  `user_id` BIGINT NOT NULL,
  `title` VARCHAR(100) NOT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `posts_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION
);
