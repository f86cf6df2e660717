CREATE INDEX `by_author` ON `posts` (`author`);

ALTER TABLE `posts` ADD CONSTRAINT `posts_author_fkey` FOREIGN KEY (`author`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;
