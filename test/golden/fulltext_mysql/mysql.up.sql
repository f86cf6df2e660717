DROP INDEX `films_title_idx` ON `films`;

CREATE FULLTEXT INDEX `idx_title_body` ON `films` (`title`, `body`);
