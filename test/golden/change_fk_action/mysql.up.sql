ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`;

ALTER TABLE `posts` DROP INDEX `posts_user_id_fkey`;

ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION;
