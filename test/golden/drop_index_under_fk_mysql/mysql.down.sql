CREATE INDEX `by_author` ON `posts` (`author`);
