DROP INDEX `idx_title_body` ON `films`;

CREATE FULLTEXT INDEX `films_title_idx` ON `films` (`title`);
