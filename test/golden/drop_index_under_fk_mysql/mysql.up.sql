ALTER TABLE `posts` DROP FOREIGN KEY `posts_author_fkey`, DROP INDEX `by_author`;

ALTER TABLE `posts` ADD CONSTRAINT `posts_author_fkey` FOREIGN KEY (`author`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;
