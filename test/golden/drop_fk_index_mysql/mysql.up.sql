ALTER TABLE `posts` DROP FOREIGN KEY `posts_author_fkey`;

DROP INDEX `by_author` ON `posts`;
